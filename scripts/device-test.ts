/**
 * Runs the Rooibos suites on a Roku: builds a test channel (the generated SDK + the suites,
 * compiled by the brighterscript that rooibos-roku pins), sideloads it, launches it over ECP,
 * and reads the debug console (port 8085) until `[Rooibos Result]: PASS|FAIL`, a crash, or a
 * timeout. Exit code 0 on PASS, 1 otherwise.
 *
 *   tsx scripts/device-test.ts --host 192.168.1.20 --password <pw> [--suites test/device] [--timeout 300000]
 */
import { TASK_LOGIC } from '../src-ts/generator/sides';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { RokuDeploy } from 'roku-deploy';
import { DeviceError, launchDevChannel, MissingOptionError } from './lib/device';
import { openConsole, type RunOutcome } from './lib/console';
import { sideload } from './deploy';

/** Options of {@link buildTestChannel}. */
/** The test channel's copy of the Task-only logic, beside the scene include (a file path: roku-deploy takes a file's dest as its path). */
const TASK_LOGIC_IN_SOURCE = path.posix.join('source', 'mparticle', path.posix.basename(TASK_LOGIC));

export interface TestChannelOptions {
  /**
   * The repository root; the other default paths hang off it.
   * @default the parent directory of `scripts/`
   */
  rootDir?: string;
  /**
   * The Rooibos suites (`*.spec.bs`, one suite per file) and their helpers (`*.bs`, `*.brs`
   * go to `source/tests/`, `*.xml` to `components/tests/`).
   * @default `<rootDir>/test/device`
   */
  suitesDir?: string;
  /**
   * The generated SDK, laid out like a channel.
   * @default `<rootDir>/generated`
   */
  generatedDir?: string;
  /**
   * Where the test channel's zip and staging directory go.
   * @default `<rootDir>/out/device-test`
   */
  outDir?: string;
  /**
   * Rooibos options that win over the defaults (`keepAppOpen: false`, `sendHomeOnFinish: false`,
   * `showOnlyFailures: false`, `catchCrashes: true`, `failFast: false`).
   * @default {}
   */
  rooibos?: Record<string, unknown>;
  /**
   * Receives progress lines.
   * @default console.log
   */
  log?: (line: string) => void;
}

/** Options of {@link runDeviceTests}: the test channel's, the device's and the run's. */
export interface DeviceTestOptions extends TestChannelOptions {
  /**
   * IP or host name of the Roku.
   * @default process.env.ROKU_HOST
   */
  host?: string;
  /**
   * The developer password.
   * @default process.env.ROKU_PASSWORD
   */
  password?: string;
  /**
   * Port of the developer installer.
   * @default 80
   */
  packagePort?: number;
  /**
   * ECP port.
   * @default 8060
   */
  remotePort?: number;
  /**
   * BrightScript debug console port.
   * @default 8085
   */
  consolePort?: number;
  /**
   * How long to wait for each answer of the installer, in ms.
   * @default 150000
   */
  timeout?: number;
  /**
   * How long the suites may run, from launch to the result line, in ms.
   * @default 300000
   */
  runTimeout?: number;
  /**
   * Install and run a zip that is already built instead of building the test channel.
   * @default undefined
   */
  zipPath?: string;
  /**
   * Environment to read `ROKU_HOST` and `ROKU_PASSWORD` from.
   * @default process.env
   */
  env?: Record<string, string | undefined>;
  /**
   * Receives each console line of the run as it arrives.
   * @default print it
   */
  onConsoleLine?: (line: string) => void;
}

export interface DeviceTestResult {
  outcome: RunOutcome;
  /** Console lines from the launch on (the run's whole output). */
  lines: string[];
  /** The Rooibos report, `[START TEST REPORT]` .. `[Rooibos Shutdown]`, when there was one. */
  report: string[];
  /** The test channel zip that ran. */
  zipPath: string;
}

/** Thrown when the test channel cannot be built; the message carries bsc's diagnostics. */
export class TestChannelBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestChannelBuildError';
  }
}

interface PinnedBsc {
  version: string;
  ProgramBuilder: new () => {
    run(options: Record<string, unknown>): Promise<void>;
    getDiagnostics(): { severity: number; message: string; code: number | string; file?: { srcPath?: string; pathAbsolute?: string }; range?: { start: { line: number } } }[];
  };
}

/**
 * The brighterscript that rooibos-roku pins (0.67.x). The project's own bsc (0.73) emits
 * nameless functions for Rooibos's code, which older firmware and the simulator reject.
 */
function loadPinnedBsc(): PinnedBsc {
  const rooibosDir = path.dirname(require.resolve('rooibos-roku/package.json'));
  const entry = require.resolve('brighterscript', { paths: [rooibosDir] });
  const pkgDir = path.dirname(path.dirname(entry));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require(path.join(pkgDir, 'package.json')) as { version: string };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { version, ProgramBuilder: (require(entry) as { ProgramBuilder: PinnedBsc['ProgramBuilder'] }).ProgramBuilder };
}

const MANIFEST = ['title=mParticle SDK device tests', 'major_version=1', 'minor_version=0', 'build_version=00001', 'ui_resolutions=fhd', 'splash_min_time=0', ''].join('\n');

const toGlob = (dir: string, pattern: string) => `${dir.split(path.sep).join('/')}/${pattern}`;

/** Builds the Rooibos test channel zip. */
export async function buildTestChannel(opts: TestChannelOptions = {}): Promise<{ zipPath: string; stagingDir: string; suites: string[] }> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const rootDir = path.resolve(opts.rootDir ?? path.join(__dirname, '..'));
  const suitesDir = path.resolve(opts.suitesDir ?? path.join(rootDir, 'test', 'device'));
  const generatedDir = path.resolve(opts.generatedDir ?? path.join(rootDir, 'generated'));
  const outDir = path.resolve(opts.outDir ?? path.join(rootDir, 'out', 'device-test'));

  const suites = existsSync(suitesDir) ? readdirSync(suitesDir, { recursive: true }).map(String).filter((f) => f.endsWith('.spec.bs')) : [];
  if (suites.length === 0) throw new TestChannelBuildError(`No Rooibos suites (*.spec.bs) in ${suitesDir}; pass --suites <dir>`);
  if (!existsSync(path.join(generatedDir, 'source', 'mparticle', 'mParticleCore.brs'))) {
    throw new TestChannelBuildError(`The generated SDK is missing in ${generatedDir}: run \`npm run generate\` first, or pass --generated-dir`);
  }

  // bsc wants a root directory; the test channel's only own file is its manifest.
  const channelRoot = path.join(outDir, 'root');
  const stagingDir = path.join(outDir, 'staging');
  const zipPath = path.join(outDir, 'mparticle-device-tests.zip');
  rmSync(channelRoot, { recursive: true, force: true });
  rmSync(stagingDir, { recursive: true, force: true });
  rmSync(zipPath, { force: true });
  mkdirSync(channelRoot, { recursive: true });
  writeFileSync(path.join(channelRoot, 'manifest'), MANIFEST);

  // A --generated-dir without the Task-only file (an SDK generated before the split) has it all in the scene include.
  const hasTaskLogic = existsSync(path.join(generatedDir, TASK_LOGIC));
  // The suites test the Task's logic too, which only mParticleTask.xml includes: a copy in
  // source/ puts it in the test scene's scope. The copy is a file of its own: the pinned bsc
  // keeps one file per source path, so the generated file listed under two destinations would
  // land in one of them, whichever it read last (the build then failed about one time in three).
  if (hasTaskLogic) {
    mkdirSync(path.dirname(path.join(channelRoot, TASK_LOGIC_IN_SOURCE)), { recursive: true });
    cpSync(path.join(generatedDir, TASK_LOGIC), path.join(channelRoot, TASK_LOGIC_IN_SOURCE));
  }
  const bsc = loadPinnedBsc();
  log(`[device-test] building ${suites.length} suite(s) from ${suitesDir} with brighterscript ${bsc.version} + rooibos`);
  const builder = new bsc.ProgramBuilder();
  await builder.run({
    rootDir: channelRoot,
    cwd: channelRoot,
    files: [
      'manifest',
      { src: toGlob(generatedDir, 'source/**/*'), dest: 'source' },
      { src: toGlob(generatedDir, 'components/**/*'), dest: 'components' },
      ...(hasTaskLogic ? [TASK_LOGIC_IN_SOURCE] : []),
      { src: toGlob(suitesDir, '**/*.{bs,brs}'), dest: 'source/tests' },
      { src: toGlob(suitesDir, '**/*.xml'), dest: 'components/tests' },
    ],
    stagingDir,
    retainStagingDir: true,
    // Zipped below, once the SDK's own files are back in the staging directory.
    copyToStaging: true,
    createPackage: false,
    autoImportComponentScript: true,
    // The pinned bsc 0.67 mis-lexes integral Double literals such as 2147483648# ("Unexpected
    // conditional-compilation string"); the SDK uses them and Roku's compiler accepts them. The
    // project's own bsc validates the SDK (npm test); here it only has to resolve the suites'
    // calls, so diagnostics on its files are filtered and its files are staged verbatim below.
    diagnosticFilters: [{ src: toGlob(generatedDir, '**/*') }, ...(hasTaskLogic ? [{ src: toGlob(channelRoot, TASK_LOGIC_IN_SOURCE) }] : [])],
    plugins: [require.resolve('rooibos-roku')],
    rooibos: {
      // The app must leave by itself so that a run ends without a remote.
      keepAppOpen: false,
      sendHomeOnFinish: false,
      showOnlyFailures: false,
      catchCrashes: true,
      failFast: false,
      colorizeOutput: false,
      ...opts.rooibos,
    },
    logLevel: 'error',
    watch: false,
    deploy: false,
  });
  const errors = builder.getDiagnostics().filter((d) => d.severity === 1);
  if (errors.length === 0 && existsSync(stagingDir)) {
    for (const dir of ['source', 'components']) {
      if (existsSync(path.join(generatedDir, dir))) cpSync(path.join(generatedDir, dir), path.join(stagingDir, dir), { recursive: true });
    }
    if (hasTaskLogic) cpSync(path.join(generatedDir, TASK_LOGIC), path.join(stagingDir, TASK_LOGIC_IN_SOURCE));
    await new RokuDeploy().zipFolder(stagingDir, zipPath);
  }
  if (errors.length > 0 || !existsSync(zipPath)) {
    const text = errors.map((d) => `  ${d.file?.srcPath ?? d.file?.pathAbsolute ?? '?'}:${(d.range?.start.line ?? 0) + 1} ${d.code}: ${d.message}`).join('\n');
    throw new TestChannelBuildError(`The test channel did not build (${errors.length} error(s)):\n${text}`);
  }
  log(`[device-test] wrote ${zipPath}`);
  return { zipPath, stagingDir, suites };
}

/** Builds (unless `zipPath` is given), installs, launches, and watches one run of the suites. */
export async function runDeviceTests(opts: DeviceTestOptions = {}): Promise<DeviceTestResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const env = opts.env ?? process.env;
  const host = opts.host ?? env.ROKU_HOST;
  if (!host) throw new MissingOptionError('No device: pass --host <ip> or set ROKU_HOST');
  const zipPath = opts.zipPath ?? (await buildTestChannel(opts)).zipPath;

  // Connected before the install, so that nothing the channel prints is missed.
  const console_ = await openConsole({
    host,
    port: opts.consolePort,
    onLine: opts.onConsoleLine ?? ((line) => log(`  | ${line}`)),
  });
  try {
    await sideload({
      host,
      password: opts.password,
      packagePort: opts.packagePort,
      remotePort: opts.remotePort,
      timeout: opts.timeout,
      zipPath,
      env,
      log,
      // Started below over ECP: a run that starts twice would print two results.
      autoLaunch: false,
    });
    // Only what follows the launch counts: the console may hold an earlier run's result.
    // The backlog arrives right after connecting, long before the install has finished.
    const fromLine = console_.lines.length;
    log(`[device-test] launching the dev channel`);
    await launchDevChannel({ host, remotePort: opts.remotePort, timeout: Math.min(opts.timeout ?? 10000, 10000) });
    log(`[device-test] reading the console at ${host}:${opts.consolePort ?? 8085} (up to ${opts.runTimeout ?? 300000} ms)`);
    const { outcome, lines } = await console_.waitForResult({ fromLine, timeoutMs: opts.runTimeout ?? 300000 });
    const start = lines.findIndex((l) => l.includes('[START TEST REPORT]'));
    const end = lines.findIndex((l) => l.includes('[Rooibos Shutdown]'));
    const report = start >= 0 ? lines.slice(start, end >= 0 ? end + 1 : undefined) : [];
    return { outcome, lines, report, zipPath };
  } finally {
    console_.close();
  }
}

/** One line that says what happened and what to do next. */
export function describeOutcome(result: DeviceTestResult): string {
  switch (result.outcome) {
    case 'PASS':
      return '[device-test] PASS';
    case 'FAIL':
      return '[device-test] FAIL: see the failed tests in the report above';
    case 'CRASH':
      return '[device-test] CRASH: the channel stopped in the BrightScript debugger; the backtrace is above';
    case 'TIMEOUT':
      return '[device-test] TIMEOUT: no "[Rooibos Result]" line; raise --run-timeout, or check that the channel started (a compile error is printed on the console)';
    case 'CLOSED':
      return '[device-test] the device closed the debug console before a result';
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      password: { type: 'string' },
      suites: { type: 'string' },
      'generated-dir': { type: 'string' },
      zip: { type: 'string' },
      'package-port': { type: 'string' },
      'remote-port': { type: 'string' },
      'console-port': { type: 'string' },
      timeout: { type: 'string' },
      'run-timeout': { type: 'string' },
    },
  });
  const num = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new MissingOptionError(`--${name} must be a positive integer, got ${JSON.stringify(v)}`);
    return n;
  };
  const result = await runDeviceTests({
    host: values.host,
    password: values.password,
    suitesDir: values.suites,
    generatedDir: values['generated-dir'],
    zipPath: values.zip,
    packagePort: num(values['package-port'], 'package-port'),
    remotePort: num(values['remote-port'], 'remote-port'),
    consolePort: num(values['console-port'], 'console-port'),
    timeout: num(values.timeout, 'timeout'),
    runTimeout: num(values['run-timeout'], 'run-timeout'),
  });
  if (result.report.length > 0) console.log(['', ...result.report, ''].join('\n'));
  console.log(describeOutcome(result));
  return result.outcome === 'PASS' ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: Error) => {
      const known = e instanceof DeviceError || e instanceof MissingOptionError || e instanceof TestChannelBuildError;
      console.error(`[device-test] ${known ? e.message : (e.stack ?? e.message)}`);
      process.exitCode = 1;
    },
  );
}
