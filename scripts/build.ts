/**
 * Builds the sample channel's sideload zip: stages `roku-sample-channel/` with the generated SDK
 * (`generated/source/**` -> `source/`, `generated/components/**` -> `components/`), adds the
 * build's `source/mParticleConfig.brs` and the manifest images, and zips it into `out/`.
 * It does not run the generator: `npm run build` runs `generate` first.
 *
 *   tsx scripts/build.ts [--scripted] [--live [--live-url URL]] [--allow-no-credentials] [--generated-dir DIR] [--out-dir DIR] [--out-file NAME]
 *
 * The command fails when the API key or secret is missing or a placeholder (`"us1-…"`), naming
 * which; `--allow-no-credentials` builds anyway, a package whose SDK sends nothing.
 * `--live` points the SDK's `endpoints` at `npm run live` on this machine (its LAN address and
 * port 8787, or `--live-url`), with the live view's credentials when none are configured, and
 * writes `out/mparticle-sample-channel-live.zip` (so that a plain deploy never sends it).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { RokuDeploy, type FileEntry } from 'roku-deploy';
import { liveBuildConfig, LiveAddressError } from './lib/live-config';
import { solidPng } from './lib/png';
import { credentialProblems, resolveSampleConfig, sampleConfigBrs, SampleConfigError, type SampleConfig, type SampleConfigInput } from './lib/sample-config';

export { SampleConfigError, type SampleConfig, type SampleConfigInput } from './lib/sample-config';

/** Options of {@link buildSampleChannel}. Relative paths resolve against the current directory. */
export interface BuildOptions {
  /**
   * The repository root; the other default paths hang off it.
   * @default the parent directory of `scripts/`
   */
  rootDir?: string;
  /**
   * The channel's own files (manifest, source, components).
   * @default `<rootDir>/roku-sample-channel`
   */
  channelDir?: string;
  /**
   * The generated SDK, laid out like a channel (`source/mparticle/...`, `components/...`).
   * Tests pass a small stand-in here while the generator is not ready.
   * @default `<rootDir>/generated`
   */
  generatedDir?: string;
  /**
   * Where the zip goes.
   * @default `<rootDir>/out`
   */
  outDir?: string;
  /**
   * Name of the zip, without `.zip`.
   * @default "mparticle-sample-channel"
   */
  outFile?: string;
  /**
   * Where the package is assembled; emptied first and kept afterwards for inspection.
   * @default `<outDir>/.staging/<outFile>`
   */
  stagingDir?: string;
  /**
   * Configuration that wins over the environment and the local file (tests: collector URLs,
   * scripted mode).
   * @default {}
   */
  config?: SampleConfigInput;
  /**
   * Environment variables to read `MPARTICLE_API_KEY`, `MPARTICLE_API_SECRET`,
   * `MPARTICLE_EVENTS_URL`, `MPARTICLE_IDENTITY_URL`, `MPARTICLE_ENVIRONMENT`,
   * `MPARTICLE_LOG_LEVEL` and `SAMPLE_SCRIPTED` from. Pass `{}` to ignore the process's.
   * @default process.env
   */
  env?: Record<string, string | undefined>;
  /**
   * The untracked JSON file with credentials (fields of `SampleConfig`); `false` ignores it.
   * @default `<channelDir>/mparticle.local.json`
   */
  localConfigPath?: string | false;
  /**
   * Fail with {@link MissingCredentialsError} when the API key or secret is missing or a
   * placeholder (the `npm run build` command does, unless `--allow-no-credentials`); otherwise
   * the build only logs which one.
   * @default false
   */
  requireCredentials?: boolean;
  /**
   * Receives progress lines.
   * @default console.log
   */
  log?: (line: string) => void;
}

export interface BuildResult {
  /** Absolute path of the zip. */
  zipPath: string;
  /** Absolute path of the staged channel (what the zip holds). */
  stagingDir: string;
  /** The configuration written into `source/mParticleConfig.brs`. */
  config: SampleConfig;
}

/** Thrown when an input of the build is missing; the message says which and how to get it. */
export class BuildInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildInputError';
  }
}

/** Thrown when a credential is missing or a placeholder and the build requires them; the message names which and where to set it. */
export class MissingCredentialsError extends Error {
  constructor(
    /** One line per credential at fault. */
    readonly problems: string[],
  ) {
    super(
      `the sample channel's credentials are not set: ${problems.join('; ')}. ` +
        'See roku-sample-channel/README.md ("Credentials and settings"), or pass --allow-no-credentials to build a package whose SDK sends nothing.',
    );
    this.name = 'MissingCredentialsError';
  }
}

/** Name (without `.zip`) of the sample channel's package, and of the one `--live` builds. */
export const SAMPLE_ZIP = 'mparticle-sample-channel';
export const LIVE_ZIP = 'mparticle-sample-channel-live';

/** Files of the generated SDK the channel cannot run without. */
const REQUIRED_GENERATED = ['source/mparticle/mParticleCore.brs', 'components/mParticleTask.xml'];

/** Manifest images: [name, width, height]. Sizes are Roku's for each manifest key. */
const IMAGES: [string, number, number][] = [
  ['icon_focus_hd.png', 336, 210],
  ['icon_focus_sd.png', 246, 140],
  ['splash_hd.png', 1280, 720],
  ['splash_fhd.png', 1920, 1080],
];

/** Builds the sample channel zip. */
export async function buildSampleChannel(opts: BuildOptions = {}): Promise<BuildResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const rootDir = path.resolve(opts.rootDir ?? path.join(__dirname, '..'));
  const channelDir = path.resolve(opts.channelDir ?? path.join(rootDir, 'roku-sample-channel'));
  const generatedDir = path.resolve(opts.generatedDir ?? path.join(rootDir, 'generated'));
  const outDir = path.resolve(opts.outDir ?? path.join(rootDir, 'out'));
  const outFile = opts.outFile ?? SAMPLE_ZIP;
  const stagingDir = path.resolve(opts.stagingDir ?? path.join(outDir, '.staging', outFile));

  if (!existsSync(path.join(channelDir, 'manifest'))) {
    throw new BuildInputError(`no channel at ${channelDir} (manifest missing); pass channelDir or run from the repository`);
  }
  const missing = REQUIRED_GENERATED.filter((f) => !existsSync(path.join(generatedDir, f)));
  if (missing.length > 0) {
    throw new BuildInputError(
      `the generated SDK is incomplete in ${generatedDir}: missing ${missing.join(', ')}. ` +
        'Run `npm run generate` first (or `npm run build`, which does), or pass generatedDir.',
    );
  }

  const config = resolveSampleConfig({
    overrides: opts.config,
    env: opts.env ?? process.env,
    localConfigPath: opts.localConfigPath === false ? false : path.resolve(opts.localConfigPath ?? path.join(channelDir, 'mparticle.local.json')),
  });
  const problems = credentialProblems(config);
  if (problems.length > 0) {
    if (opts.requireCredentials) throw new MissingCredentialsError(problems);
    log(`[build] warning: ${problems.join('; ')}: the SDK in this package sends nothing`);
  }

  // A leftover file from an earlier build (another config, a removed component) must not ship.
  rmSync(stagingDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const files: FileEntry[] = [
    'manifest',
    'source/**/*',
    'components/**/*',
    // The build writes this one; a stray local copy must never win over it.
    '!source/mParticleConfig.brs',
    { src: toGlob(generatedDir, 'source/**/*'), dest: 'source' },
    { src: toGlob(generatedDir, 'components/**/*'), dest: 'components' },
  ];
  log(`[build] staging ${path.relative(process.cwd(), channelDir) || '.'} + ${path.relative(process.cwd(), generatedDir) || '.'} -> ${stagingDir}`);

  // A fresh instance: the shared one keeps its logger level between callers.
  const rokuDeploy = new RokuDeploy();
  await rokuDeploy.createPackage(
    {
      // Everything explicit: roku-deploy also merges a bsconfig.json/rokudeploy.json found in the cwd.
      rootDir: channelDir,
      files,
      stagingDir,
      retainStagingDir: true,
      outDir,
      outFile,
      incrementBuildNumber: false,
      logLevel: 'error',
    },
    (info) => {
      writeFileSync(path.join(info.stagingDir, 'source', 'mParticleConfig.brs'), sampleConfigBrs(config));
      mkdirSync(path.join(info.stagingDir, 'images'), { recursive: true });
      for (const [name, width, height] of IMAGES) {
        writeFileSync(path.join(info.stagingDir, 'images', name), solidPng(width, height, 0x14213d));
      }
    },
  );
  const zipPath = rokuDeploy.getOutputZipFilePath({ outDir, outFile });
  log(`[build] wrote ${zipPath} (scripted=${config.scripted}${config.endpoints ? `, endpoints=${JSON.stringify(config.endpoints)}` : ''})`);
  return { zipPath, stagingDir, config };
}

/** roku-deploy globs want forward slashes, also on Windows. */
function toGlob(dir: string, pattern: string): string {
  return `${dir.split(path.sep).join('/')}/${pattern}`;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scripted: { type: 'boolean' },
      'generated-dir': { type: 'string' },
      'out-dir': { type: 'string' },
      'out-file': { type: 'string' },
      live: { type: 'boolean' },
      'live-url': { type: 'string' },
      'allow-no-credentials': { type: 'boolean' },
    },
  });
  const live = values.live || values['live-url'] !== undefined ? liveBuildConfig({ url: values['live-url'] }) : undefined;
  await buildSampleChannel({
    generatedDir: values['generated-dir'],
    outDir: values['out-dir'],
    outFile: values['out-file'] ?? (live ? LIVE_ZIP : undefined),
    config: values.scripted || live ? { ...(values.scripted ? { scripted: true } : {}), ...live } : undefined,
    requireCredentials: !values['allow-no-credentials'],
  });
  if (live) console.log(`[build] events go to ${live.endpoints?.events}: start the event view there with \`npm run live\``);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: Error) => {
    const known = e instanceof BuildInputError || e instanceof SampleConfigError || e instanceof LiveAddressError || e instanceof MissingCredentialsError;
    console.error(`[build] failed: ${known ? e.message : (e.stack ?? e.message)}`);
    process.exitCode = 1;
  });
}
