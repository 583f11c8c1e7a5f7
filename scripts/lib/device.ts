/**
 * Talking to a Roku in developer mode, shared by deploy.ts and device-test.ts: typed errors in
 * roku-deploy's style whose messages say what failed, where, and how to fix it; a TCP probe
 * that tells "no device there" apart from the installer's own failures; and ECP launch.
 */
import { connect } from 'node:net';

/** A failure while talking to a device. `message` is meant for people; the fields for code. */
export class DeviceError extends Error {
  constructor(
    message: string,
    /** `host:port` that was talked to. */
    readonly address: string,
    /** What to do about it. Already part of `message`. */
    readonly hint: string,
    /** The underlying error (roku-deploy's, or a socket error). */
    readonly cause?: unknown,
  ) {
    super(`${message}\n  fix: ${hint}`);
    this.name = new.target.name;
  }
}

/** Nothing answered at the address (refused, unreachable, timed out, unknown host). */
export class DeviceUnreachableError extends DeviceError {}

/** The developer installer refused the password (roku-deploy's UnauthorizedDeviceResponseError). */
export class DeviceUnauthorizedError extends DeviceError {}

/** The device installed the package but could not compile it (roku-deploy's CompileError). */
export class DeviceCompileError extends DeviceError {
  constructor(
    message: string,
    address: string,
    hint: string,
    /** The messages of the installer's answer (`errors`, `infos`, `successes`). */
    readonly rokuMessages: { errors: string[]; infos: string[]; successes: string[] },
    cause?: unknown,
  ) {
    super(message, address, hint, cause);
  }
}

/** The device answered, but not with success (other installer errors, update check required, ...). */
export class DeviceRejectedError extends DeviceError {}

/**
 * Something answered at the address, but not as a Roku's developer installer does (an HTTP
 * status other than 200 and 401, or a page without any installer message): another machine
 * at that IP, or another service on that port.
 */
export class NotADeveloperInstallerError extends DeviceError {}

/** An option the command needs was not given. */
export class MissingOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingOptionError';
  }
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing listens on that port)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve (DNS unavailable)',
  ECONNRESET: 'the connection was reset',
};

/** A readable reason for a socket error, or undefined when it is not a network failure. */
export function networkReason(e: unknown): string | undefined {
  const code = (e as { code?: string } | undefined)?.code;
  return code && code in NETWORK_CODES ? `${NETWORK_CODES[code]} (${code})` : undefined;
}

/**
 * Opens and closes a TCP connection, so that an absent device is reported as such instead of
 * through whatever an HTTP client makes of it (a timeout surfaces as "socket hang up").
 */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<{ ok: true } | { ok: false; reason: string; error?: unknown }> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: true });
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: networkReason(error) ?? error.message, error });
    });
  });
}

/** The usual reasons a Roku does not answer, for unreachable-device hints. */
export function unreachableHint(port: number, what: string): string {
  return (
    `check that the Roku is on, on this network, and that the IP is right (Settings > Network > About); ` +
    `${what} listens on port ${port} only with developer mode on (Home x3, Up x2, Right, Left, Right, Left, Right)`
  );
}

/** Options of {@link launchDevChannel}. */
export interface LaunchOptions {
  /** IP or host name of the Roku. */
  host: string;
  /**
   * ECP port.
   * @default 8060
   */
  remotePort?: number;
  /**
   * How long to wait for the device, in ms.
   * @default 10000
   */
  timeout?: number;
}

/**
 * Starts the sideloaded channel through ECP (`POST /launch/dev`). ECP needs no password, but
 * newer firmware limits it ("Control by mobile apps" must allow it) and answers 403 then.
 */
export async function launchDevChannel(opts: LaunchOptions): Promise<void> {
  const port = opts.remotePort ?? 8060;
  const address = `${opts.host}:${port}`;
  const timeout = opts.timeout ?? 10000;
  let response: Response;
  try {
    response = await fetch(`http://${address}/launch/dev`, { method: 'POST', signal: AbortSignal.timeout(timeout) });
    await response.arrayBuffer();
  } catch (e) {
    const reason = networkReason((e as { cause?: unknown }).cause) ?? (e as Error).message;
    throw new DeviceUnreachableError(`Launching the dev channel over ECP at ${address} failed: ${reason}`, address, unreachableHint(port, 'ECP'), e);
  }
  if (response.status === 403) {
    throw new DeviceRejectedError(
      `Launching the dev channel over ECP at ${address} was refused (403)`,
      address,
      'allow ECP: Settings > System > Advanced system settings > Control by mobile apps > Network access: Permissive (or Default)',
    );
  }
  if (!response.ok) {
    throw new DeviceRejectedError(
      `Launching the dev channel over ECP at ${address} failed with HTTP ${response.status}`,
      address,
      'check that a dev channel is installed (deploy it first)',
    );
  }
}
