/**
 * `npm run pack:sdk`: the generated SDK as an npm package that ropm installs, written to
 * `out/<name>-<version>.tgz`. The package holds only the SDK's channel files, under `dist/`
 * (`ropm.packageRootDir`), plus its package.json and README; `npm pack` makes the tarball
 * offline. It packs generated/ as committed: run `npm run generate` first after a change.
 *
 *   tsx scripts/pack-sdk.ts [--generated-dir DIR] [--out-dir DIR]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SDK_FOLDERS } from '../src-ts/generator/sides';
import { SDK_VERSION } from '../src-ts/schema';

/** The npm name of the SDK package; ropm derives the default prefix from it (`mparticlerokumediasdk`). */
export const SDK_PACKAGE_NAME = 'mparticle-roku-media-sdk';
/** The folder of the package that holds the channel files (`ropm.packageRootDir`). */
export const SDK_PACKAGE_ROOT = 'dist';
export { SDK_FOLDERS };

/** Options of {@link packSdk}. Relative paths resolve against the current directory. */
export interface PackOptions {
  /**
   * The generated SDK, laid out like a channel.
   * @default `<repository>/generated`
   */
  generatedDir?: string;
  /**
   * Where the tarball goes.
   * @default `<repository>/out`
   */
  outDir?: string;
  /**
   * Where the package is assembled; emptied first and kept for inspection.
   * @default `<outDir>/.staging/sdk-package`
   */
  stagingDir?: string;
}

/** What {@link packSdk} (and pack-sim.ts's packSim) made. */
export interface PackResult {
  /** Absolute path of the tarball. */
  tarball: string;
  /** The package's name and version. */
  name: string;
  version: string;
  /** Every file in the tarball, sorted, relative to the package root (`package.json`, `dist/source/...`). */
  files: string[];
}

/** A packing failure: what failed, where, and how to fix it. */
export class PackError extends Error {
  constructor(what: string, public readonly where: string, fix: string) {
    super(`${where}: ${what}. ${fix}`);
    this.name = 'PackError';
  }
}

/** `npm pack` of a staged package folder into `outDir`, offline; npm's JSON report of it. */
export function npmPack(stagingDir: string, outDir: string): { filename: string; files: { path: string }[] }[] {
  mkdirSync(outDir, { recursive: true });
  let out: string;
  try {
    out = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
      cwd: stagingDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new PackError(`npm pack failed: ${e.stderr || e.message}`, stagingDir, 'Check that npm is on the PATH and the staging folder is writable.');
  }
  return JSON.parse(out) as { filename: string; files: { path: string }[] }[];
}

const ROOT = path.join(__dirname, '..');

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
    });
}

/** The package.json of the SDK package. */
export function sdkPackageJson(): Record<string, unknown> {
  return {
    name: SDK_PACKAGE_NAME,
    version: SDK_VERSION,
    description: 'mParticle media analytics for Roku SceneGraph channels (generated BrightScript: mParticleTask, mParticleSGBridge, mParticleConstants).',
    license: 'Apache-2.0',
    keywords: ['ropm', 'roku', 'brightscript', 'scenegraph', 'mparticle', 'media', 'analytics'],
    files: [`${SDK_PACKAGE_ROOT}/**/*`],
    ropm: { packageRootDir: SDK_PACKAGE_ROOT },
  };
}

function packageReadme(): string {
  return [
    `# ${SDK_PACKAGE_NAME}`,
    '',
    'The mParticle Roku Media SDK for SceneGraph channels, as a ropm package.',
    '',
    '```sh',
    `ropm install mparticle@npm:${SDK_PACKAGE_NAME}   # then list "mparticle" in ropm.noprefix to keep the documented names`,
    '```',
    '',
    'With `"ropm": {"noprefix": ["mparticle"]}` in the channel\'s package.json the names stay `mParticleTask`,',
    '`mParticleSGBridge(task)` and `mParticleConstants()`; without it they become `mparticle_mParticleTask`, ...',
    'Either way include `pkg:/source/roku_modules/mparticle/mparticle/mParticleCore.brs` in the components that talk to mParticle;',
    'mParticleTask includes its own scripts (ropm rewrites their paths).',
    '',
  ].join('\n');
}

/** Stages the package from generated/ and packs it with `npm pack` (no registry involved). */
export function packSdk(options: PackOptions = {}): PackResult {
  const generatedDir = path.resolve(options.generatedDir ?? path.join(ROOT, 'generated'));
  const outDir = path.resolve(options.outDir ?? path.join(ROOT, 'out'));
  const stagingDir = path.resolve(options.stagingDir ?? path.join(outDir, '.staging', 'sdk-package'));
  for (const folder of SDK_FOLDERS) {
    if (!existsSync(path.join(generatedDir, folder))) {
      throw new PackError(`the SDK folder ${folder}/ is missing`, generatedDir, 'Run npm run generate first.');
    }
  }
  rmSync(stagingDir, { recursive: true, force: true });
  mkdirSync(stagingDir, { recursive: true });
  for (const folder of SDK_FOLDERS) {
    cpSync(path.join(generatedDir, folder), path.join(stagingDir, SDK_PACKAGE_ROOT, folder), { recursive: true });
  }
  const pkg = sdkPackageJson();
  writeFileSync(path.join(stagingDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  writeFileSync(path.join(stagingDir, 'README.md'), packageReadme());
  const report = npmPack(stagingDir, outDir);
  const files = report[0].files.map((f) => f.path).sort();
  const expected = [...listFiles(path.join(stagingDir, SDK_PACKAGE_ROOT)).map((f) => `${SDK_PACKAGE_ROOT}/${f}`), 'README.md', 'package.json'].sort();
  if (JSON.stringify(files) !== JSON.stringify(expected)) {
    throw new PackError(`the tarball holds ${files.join(', ')} instead of ${expected.join(', ')}`, stagingDir, 'Check the package.json "files" list against the staged folders.');
  }
  return { tarball: path.join(outDir, path.basename(report[0].filename)), name: String(pkg.name), version: String(pkg.version), files };
}

/** A pack script's command line: runs `pack` and says what it wrote; a PackError is printed and exits 1. */
export function packMain(pack: () => PackResult): number {
  try {
    const r = pack();
    console.log(`wrote ${path.relative(process.cwd(), r.tarball)} (${r.name}@${r.version}, ${r.files.length} files)`);
    return 0;
  } catch (err) {
    if (err instanceof PackError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { 'generated-dir': { type: 'string' }, 'out-dir': { type: 'string' } } });
  return packMain(() => packSdk({ generatedDir: values['generated-dir'], outDir: values['out-dir'] }));
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
