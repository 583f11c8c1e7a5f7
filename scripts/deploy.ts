/**
 * Sideloads a channel zip (by default the sample channel from `out/`) onto a Roku in
 * developer mode with roku-deploy 3.18.2.
 *
 *   tsx scripts/deploy.ts --host 192.168.1.20 --password <dev password> [--zip out/x.zip]
 *   ROKU_HOST=… ROKU_PASSWORD=… tsx scripts/deploy.ts
 *   tsx scripts/deploy.ts --live [--live-url URL] --host … --password …
 *
 * `--live` first builds the sample channel with its `endpoints` at `npm run live` on this
 * machine (as `npm run build -- --live`), then sideloads that zip.
 *
 * Failures are typed (scripts/lib/device.ts) and their messages say what failed, on which
 * address, and how to fix it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CompileError,
  ConnectionResetError,
  FailedDeviceResponseError,
  InvalidDeviceResponseCodeError,
  RokuDeploy,
  UnauthorizedDeviceResponseError,
  UnparsableDeviceResponseError,
  UpdateCheckRequiredError,
} from 'roku-deploy';
import { BuildInputError, buildSampleChannel, LIVE_ZIP, MissingCredentialsError, SAMPLE_ZIP } from './build';
import { liveBuildConfig, LiveAddressError } from './lib/live-config';
import {
  DeviceCompileError,
  DeviceError,
  DeviceRejectedError,
  DeviceUnauthorizedError,
  DeviceUnreachableError,
  launchDevChannel,
  MissingOptionError,
  networkReason,
  NotADeveloperInstallerError,
  probeTcp,
  unreachableHint,
} from './lib/device';

export * from './lib/device';

/** Options of {@link sideload}. */
export interface DeployOptions {
  /**
   * IP or host name of the Roku.
   * @default process.env.ROKU_HOST
   */
  host?: string;
  /**
   * The developer password set when developer mode was enabled.
   * @default process.env.ROKU_PASSWORD
   */
  password?: string;
  /**
   * User of the developer installer's digest auth; Roku only knows this one.
   * @default "rokudev"
   */
  username?: string;
  /**
   * The zip to install.
   * @default `<outDir>/mparticle-sample-channel.zip` (what `npm run build` writes; never the `--live` one)
   */
  zipPath?: string;
  /**
   * Where to look for the zip when `zipPath` is not given.
   * @default `<repository>/out`
   */
  outDir?: string;
  /**
   * Port of the developer installer (the web page at http://host).
   * @default 80
   */
  packagePort?: number;
  /**
   * ECP port, used when `launch` is set.
   * @default 8060
   */
  remotePort?: number;
  /**
   * How long to wait for each answer of the device, in ms. Installing a large zip on an
   * old device takes long; the TCP probe before it uses min(timeout, 5000).
   * @default 150000
   */
  timeout?: number;
  /**
   * Let the device start the channel by itself after installing. `false` sends
   * `dev_autolaunch=0`, for runs that launch it themselves (and must not start it twice).
   * @default true
   */
  autoLaunch?: boolean;
  /**
   * Start the channel over ECP after installing (devices usually start a freshly
   * installed dev channel themselves; tests and device runs ask explicitly).
   * @default false
   */
  launch?: boolean;
  /**
   * Environment to read `ROKU_HOST` and `ROKU_PASSWORD` from.
   * @default process.env
   */
  env?: Record<string, string | undefined>;
  /**
   * Receives progress lines.
   * @default console.log
   */
  log?: (line: string) => void;
}

export interface DeployResult {
  /** The zip that was sent. */
  zipPath: string;
  /** `host:packagePort`. */
  address: string;
  /** roku-deploy's summary ("Successful deploy", "Identical to previous version -- not replacing"). */
  message: string;
  /** The messages of the installer's answer. */
  rokuMessages: { errors: string[]; infos: string[]; successes: string[] };
}

/**
 * Which zip to send: the explicit one, else the sample channel's (`npm run build`). Never
 * another zip that happens to lie in `out/`: `deploy --live` builds its own
 * (`mparticle-sample-channel-live.zip`), and a plain deploy after it must not send that one.
 */
export function findZip(opts: Pick<DeployOptions, 'zipPath' | 'outDir'>): string {
  if (opts.zipPath) {
    const zip = path.resolve(opts.zipPath);
    if (!existsSync(zip)) throw new MissingOptionError(`No package at ${zip}: build it first (npm run build) or pass the right --zip`);
    return zip;
  }
  const outDir = path.resolve(opts.outDir ?? path.join(__dirname, '..', 'out'));
  const zip = path.join(outDir, `${SAMPLE_ZIP}.zip`);
  if (existsSync(zip)) return zip;
  const others = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.zip')) : [];
  const hint = others.length > 0 ? ` (${outDir} holds ${others.join(', ')}: pass --zip <file> to send one of them)` : '';
  throw new MissingOptionError(`No sample channel package at ${zip}: run \`npm run build\` first, or pass --zip <file>${hint}`);
}

/**
 * What a package is, for the log line before it is sent: the sample channel's build settings
 * when its staging directory lies beside it (`<outDir>/.staging/<name>/`), else nothing.
 */
export function describePackage(zipPath: string): string {
  const name = path.basename(zipPath, '.zip');
  const configFile = path.join(path.dirname(zipPath), '.staging', name, 'source', 'mParticleConfig.brs');
  if (!existsSync(configFile)) return '';
  const config = readFileSync(configFile, 'utf8');
  const events = /\bevents: "([^"]*)"/.exec(config)?.[1];
  const scripted = /\bscripted: true\b/.test(config);
  const build = name === LIVE_ZIP ? '`build --live` / `deploy --live`' : name === SAMPLE_ZIP ? '`npm run build`' : 'scripts/build.ts';
  return `the sample channel as built by ${build}: events to ${events ?? "mParticle (the API key's pod)"}${scripted ? ', scripted timeline' : ''}`;
}

/** Installs a zip on the device as the dev channel. */
export async function sideload(opts: DeployOptions = {}): Promise<DeployResult> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => console.log(line));
  const host = opts.host ?? env.ROKU_HOST;
  const password = opts.password ?? env.ROKU_PASSWORD;
  if (!host) throw new MissingOptionError('No device: pass --host <ip> or set ROKU_HOST');
  if (password === undefined || password === '') throw new MissingOptionError('No developer password: pass --password <pw> or set ROKU_PASSWORD');
  const packagePort = opts.packagePort ?? 80;
  const timeout = opts.timeout ?? 150000;
  const address = `${host}:${packagePort}`;
  const zipPath = findZip(opts);

  const stat = statSync(zipPath);
  const what = describePackage(zipPath);
  log(`[deploy] sending ${zipPath} (${stat.size} bytes, built ${stat.mtime.toISOString()})${what ? `: ${what}` : ''}`);
  log(`[deploy] connecting to the developer installer at http://${address}`);
  const probe = await probeTcp(host, packagePort, Math.min(timeout, 5000));
  if (!probe.ok) {
    throw new DeviceUnreachableError(
      `Sideload to ${address} failed: no device answered: ${probe.reason}`,
      address,
      unreachableHint(packagePort, 'the developer installer'),
      probe.error,
    );
  }

  log(`[deploy] uploading and installing (replace the dev channel)`);
  // A fresh instance: the shared one keeps its logger level between callers.
  const rokuDeploy = new RokuDeploy();
  let result: { message: string; results: { body?: string } };
  try {
    result = await rokuDeploy.publish({
      host,
      password,
      username: opts.username ?? 'rokudev',
      packagePort,
      remotePort: opts.remotePort ?? 8060,
      timeout,
      outDir: path.dirname(zipPath),
      outFile: path.basename(zipPath),
      retainDeploymentArchive: true,
      autoLaunch: opts.autoLaunch ?? true,
      failOnCompileError: true,
      logLevel: 'error',
    });
  } catch (e) {
    throw toDeviceError(e, address, zipPath);
  }
  // Private in the typings but the parser roku-deploy itself uses; 3.18.2 is pinned.
  const body = result.results?.body ?? '';
  const rokuMessages = rokuDeploy['getRokuMessagesFromResponseBody'](body);
  // roku-deploy takes any 200 for a success; the installer's page names Roku and carries its messages.
  if ([...rokuMessages.errors, ...rokuMessages.infos, ...rokuMessages.successes].length === 0 && !/roku/i.test(body)) {
    throw toDeviceError(Object.assign(new Error('Invalid response code: 200'), { page: body.slice(0, 200) }), address, zipPath);
  }
  for (const line of [...rokuMessages.infos, ...rokuMessages.successes]) log(`[deploy] device: ${line}`);
  log(`[deploy] ${result.message} on ${host}`);

  if (opts.launch) {
    log(`[deploy] launching the dev channel over ECP (${host}:${opts.remotePort ?? 8060})`);
    await launchDevChannel({ host, remotePort: opts.remotePort, timeout: Math.min(timeout, 10000) });
  }
  return { zipPath, address, message: result.message, rokuMessages };
}

/** Maps roku-deploy's errors to ones whose message tells the user what to do. */
function toDeviceError(e: unknown, address: string, zipPath: string): Error {
  if (e instanceof DeviceError) return e;
  if (e instanceof UnauthorizedDeviceResponseError) {
    return new DeviceUnauthorizedError(
      `Sideload to ${address} failed: the developer installer rejected the password for user rokudev (HTTP 401)`,
      address,
      'pass the password chosen when developer mode was enabled (--password or ROKU_PASSWORD); to reset it, enable developer mode again from the remote',
      e,
    );
  }
  if (e instanceof CompileError) {
    const messages = e.rokuMessages ?? { errors: [], infos: [], successes: [] };
    const details = messages.errors.length > 0 ? `: ${messages.errors.join('; ')}` : '';
    return new DeviceCompileError(
      `Sideload to ${address} failed: the device could not compile ${path.basename(zipPath)}${details}`,
      address,
      `read the compiler errors on the debug console (telnet ${address.split(':')[0]} 8085) while installing, ` +
        'or validate the staged channel with bsc; a missing generated SDK file also fails here (npm run build regenerates it)',
      messages,
      e,
    );
  }
  if (e instanceof UpdateCheckRequiredError) {
    return new DeviceRejectedError(
      `Sideload to ${address} failed: the device wants a software update check first`,
      address,
      'on the device run Settings > System > System update > Check now, then deploy again',
      e,
    );
  }
  const reason = networkReason(e) ?? (e instanceof ConnectionResetError ? 'the device closed the connection' : undefined);
  if (reason) {
    return new DeviceUnreachableError(
      `Sideload to ${address} failed: ${reason}`,
      address,
      `${unreachableHint(Number(address.split(':').pop()), 'the developer installer')}; a device that resets uploads often wants a software update check`,
      e,
    );
  }
  const status = notInstallerStatus(e);
  if (status !== undefined) {
    return new NotADeveloperInstallerError(
      `Sideload to ${address} failed: something answered there, but not a Roku's developer installer (${status})`,
      address,
      `check the IP (on the Roku: Settings > Network > About) and the port (--package-port only when it is not 80); ` +
        `with developer mode on, http://${address.replace(/:80$/, '')} shows the "Development Application Installer" page`,
      e,
    );
  }
  if (e instanceof FailedDeviceResponseError) {
    return new DeviceRejectedError(`Sideload to ${address} failed: the device answered "${e.message}"`, address, 'see the device\'s message; reinstalling from the device\'s web page shows the same answer', e);
  }
  return e instanceof Error ? e : new Error(String(e));
}

/** The answer's HTTP status when roku-deploy failed on an answer no developer installer gives. */
function notInstallerStatus(e: unknown): string | undefined {
  if (e instanceof InvalidDeviceResponseCodeError || e instanceof UnparsableDeviceResponseError) {
    const code = (e as { results?: { response?: { statusCode?: number } } }).results?.response?.statusCode;
    return code !== undefined ? `HTTP ${code}` : 'an answer it could not read';
  }
  // Some of roku-deploy's requests throw a plain Error for a status they do not expect.
  const m = e instanceof Error ? /^Invalid response code: (\d+)/.exec(e.message) : null;
  if (m && m[1] === '200') return 'HTTP 200 with a page that is not the installer\'s';
  return m ? `HTTP ${m[1]}` : undefined;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      password: { type: 'string' },
      zip: { type: 'string' },
      'package-port': { type: 'string' },
      'remote-port': { type: 'string' },
      timeout: { type: 'string' },
      launch: { type: 'boolean' },
      live: { type: 'boolean' },
      'live-url': { type: 'string' },
      'out-dir': { type: 'string' },
    },
  });
  const num = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new MissingOptionError(`--${name} must be a positive integer, got ${JSON.stringify(v)}`);
    return n;
  };
  let zipPath = values.zip;
  if (values.live || values['live-url'] !== undefined) {
    if (zipPath) throw new MissingOptionError('--live builds the sample channel itself: leave out --zip');
    const config = liveBuildConfig({ url: values['live-url'] });
    ({ zipPath } = await buildSampleChannel({ outDir: values['out-dir'], outFile: LIVE_ZIP, config, requireCredentials: true, log: (l) => console.log(l) }));
    console.log(`[deploy] the channel reports to ${config.endpoints?.events}: start the event view there with \`npm run live\``);
  }
  await sideload({
    host: values.host,
    password: values.password,
    zipPath,
    outDir: values['out-dir'],
    packagePort: num(values['package-port'], 'package-port'),
    remotePort: num(values['remote-port'], 'remote-port'),
    timeout: num(values.timeout, 'timeout'),
    launch: values.launch,
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: Error) => {
    const known = e instanceof DeviceError || e instanceof MissingOptionError || e instanceof LiveAddressError || e instanceof BuildInputError || e instanceof MissingCredentialsError;
    console.error(`[deploy] ${known ? e.message : (e.stack ?? e.message)}`);
    process.exitCode = 1;
  });
}
