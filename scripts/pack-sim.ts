/**
 * `npm run pack:sim`: the simulator, the collector and the generated SDK as an npm package with
 * the `mparticle-roku` command, written to `out/<name>-<version>.tgz`, so that a channel's CI
 * runs `npx mparticle-roku sim --channel .` without this repository. sim/ (and the schema it
 * reads) is compiled to JavaScript with tsc at pack time: the package needs no tsx. Its
 * dependencies are what the simulator runs on, pinned to the versions installed here (those the
 * device-parity patches of sim/engine/patches.ts were written for) and bundled in the tarball
 * (`bundleDependencies`), so that it installs with no registry: a channel's CI can cache or
 * vendor the one file.
 *
 *   tsx scripts/pack-sim.ts [--out-dir DIR]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SDK_VERSION } from '../src-ts/schema';
import { npmPack, packMain, PackError, type PackResult } from './pack-sdk';

/** The npm name of the tool's package. */
export const SIM_PACKAGE_NAME = 'mparticle-roku-sim';
/** The command it installs. */
export const SIM_BIN = 'mparticle-roku';
/** What the tool runs on; each pinned to the version installed here. */
export const SIM_DEPENDENCIES = ['playwright-core', 'brs-engine', 'brs-scenegraph', '@mparticle/data-planning-node'] as const;

const ROOT = path.join(__dirname, '..');

/** Files besides the compiled JavaScript: the pages, the generated SDK and its data plan. */
const ASSET_DIRS = ['sim/engine/page', 'sim/live/page', 'generated/source', 'generated/components'];
const ASSET_FILES = ['generated/dataplan.json', 'generated/API.md'];

export interface SimPackOptions {
  /** @default `<repository>/out` */
  outDir?: string;
  /** @default `<outDir>/.staging/sim-package` */
  stagingDir?: string;
}

/** What {@link packSim} made: the tarball, the package's name and version, its files. */
export type SimPackResult = PackResult;

/** The folder node would load `name` from, looking up from `fromDir` as node does. */
function packageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readPackage(dir: string): { version: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

function installedVersion(dep: string): string {
  const dir = packageDir(dep, ROOT);
  if (!dir) throw new PackError(`${dep} is not installed`, ROOT, 'Run npm ci first.');
  return readPackage(dir).version;
}

/**
 * Packages the tool only reads files of (the engine's browser bundles, served to the page; never
 * loaded in node), so their own dependencies (hls.js, zenfs, ...: tens of MB) are already inside
 * those bundles and stay out of the tarball.
 */
const SERVED_ONLY = new Set(['brs-engine', 'brs-scenegraph']);

/**
 * The packages to bundle: the dependencies and everything they load, as node finds them from
 * here. Packages at the top of node_modules are copied there; a nested one comes with its parent.
 */
function bundleClosure(): Map<string, string> {
  const top = realpathSync(path.join(ROOT, 'node_modules'));
  const found = new Map<string, string>();
  const visited = new Set<string>();
  const visit = (name: string, fromDir: string) => {
    const dir = packageDir(name, fromDir);
    if (!dir) return; // an optional dependency not installed on this platform
    if (visited.has(dir)) return;
    visited.add(dir);
    if (path.dirname(dir) === top || path.dirname(path.dirname(dir)) === top) found.set(name, dir);
    if (SERVED_ONLY.has(name)) return;
    const pkg = readPackage(dir);
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, dir);
  };
  for (const dep of SIM_DEPENDENCIES) visit(dep, ROOT);
  return found;
}

/** The package.json of the tool's package. */
export function simPackageJson(): Record<string, unknown> {
  const root = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines?: unknown };
  return {
    name: SIM_PACKAGE_NAME,
    version: SDK_VERSION,
    description: "Runs a Roku channel's mParticle analytics off-device: brs-engine in Chromium, a local mParticle collector, the generated SDK.",
    license: 'Apache-2.0',
    keywords: ['roku', 'brightscript', 'scenegraph', 'mparticle', 'simulator', 'analytics', 'ci'],
    bin: { [SIM_BIN]: 'bin/mparticle-roku.js' },
    files: ['bin/', 'sim/', 'src-ts/', 'generated/'],
    engines: root.engines,
    dependencies: Object.fromEntries(SIM_DEPENDENCIES.map((d) => [d, installedVersion(d)])),
    bundleDependencies: [...SIM_DEPENDENCIES],
  };
}

function packageReadme(): string {
  return [
    `# ${SIM_PACKAGE_NAME}`,
    '',
    "Runs a Roku channel in brs-engine inside Chromium against a local mParticle collector, with the generated",
    'mParticle media SDK, and checks what it sends (signatures, the data plan). Needs a Chromium (Debian: `apt-get install chromium`).',
    '',
    '```sh',
    `npx ${SIM_BIN} sim --channel . --headless --until "Media Session End" --json analytics.json`,
    '```',
    '',
    'The tool writes `mparticle_endpoint` and `mparticle_upload_interval_ms` into the manifest of the package it runs',
    '(development overrides the SDK honours: never put them in a channel you ship). Exit codes: 0 ok, 1 analytics',
    'check failed, 2 the channel crashed, 3 timeout, 64 usage, 69 no Chromium (`--chromium <path>`), 70 tool error.',
    '',
  ].join('\n');
}

const BIN = `#!/usr/bin/env node
'use strict';
require('../sim/cli.js').runMain();
`;

/** Compiles sim/ to JavaScript into the staging folder, with what it imports (the schema). */
function compile(stagingDir: string): void {
  const tsconfig = path.join(stagingDir, '.tsconfig.pack.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        moduleResolution: 'node',
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        resolveJsonModule: true,
        types: ['node', 'mocha'],
        typeRoots: [path.join(ROOT, 'node_modules', '@types')],
        rootDir: ROOT,
        outDir: stagingDir,
        sourceMap: false,
      },
      files: [path.join(ROOT, 'sim', 'cli.ts')],
    }),
  );
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [ROOT] }), '-p', tsconfig], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (err) {
    const e = err as { stdout?: string; message: string };
    throw new PackError(`tsc could not compile sim/: ${e.stdout || e.message}`, path.join(ROOT, 'sim'), 'Fix the type errors (npx tsc -p .) and pack again.');
  } finally {
    rmSync(tsconfig, { force: true });
  }
}

/** Stages the package (compiled sim/, pages, generated SDK) and packs it with `npm pack` (no registry involved). */
export function packSim(options: SimPackOptions = {}): SimPackResult {
  const outDir = path.resolve(options.outDir ?? path.join(ROOT, 'out'));
  const stagingDir = path.resolve(options.stagingDir ?? path.join(outDir, '.staging', 'sim-package'));
  for (const p of [...ASSET_DIRS, ...ASSET_FILES]) {
    if (!existsSync(path.join(ROOT, p))) throw new PackError(`${p} is missing`, ROOT, 'Run npm run generate first.');
  }
  rmSync(stagingDir, { recursive: true, force: true });
  mkdirSync(stagingDir, { recursive: true });
  compile(stagingDir);
  for (const p of [...ASSET_DIRS, ...ASSET_FILES]) cpSync(path.join(ROOT, p), path.join(stagingDir, p), { recursive: true });
  for (const [name, dir] of bundleClosure()) cpSync(dir, path.join(stagingDir, 'node_modules', name), { recursive: true, dereference: true });
  mkdirSync(path.join(stagingDir, 'bin'));
  writeFileSync(path.join(stagingDir, 'bin', 'mparticle-roku.js'), BIN, { mode: 0o755 });
  const pkg = simPackageJson();
  writeFileSync(path.join(stagingDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(path.join(stagingDir, 'README.md'), packageReadme());
  const report = npmPack(stagingDir, outDir);
  return { tarball: path.join(outDir, path.basename(report[0].filename)), name: String(pkg.name), version: String(pkg.version), files: report[0].files.map((f) => f.path).sort() };
}

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { 'out-dir': { type: 'string' } } });
  return packMain(() => packSim({ outDir: values['out-dir'] }));
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
