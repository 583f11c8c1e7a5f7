/**
 * Reads a Roku's BrightScript debug console (telnet port 8085: plain text over TCP, one
 * connection at a time) and decides when a Rooibos run is over.
 */
import { connect, type Socket } from 'node:net';
import { DeviceRejectedError, DeviceUnreachableError, networkReason, unreachableHint } from './device';

/** How a watched run ended. */
export type RunOutcome =
  /** Rooibos printed `[Rooibos Result]: PASS`. */
  | 'PASS'
  /** Rooibos printed `[Rooibos Result]: FAIL`. */
  | 'FAIL'
  /** The BrightScript debugger stopped the channel (a crash outside what Rooibos catches). */
  | 'CRASH'
  /** No result line before the timeout. */
  | 'TIMEOUT'
  /** The device closed the console before a result. */
  | 'CLOSED';

const RESULT = /\[Rooibos Result\]:\s*(PASS|FAIL)\b/;
/** What the device prints when a channel stops in the debugger. */
const CRASH = /BrightScript Micro Debugger\.|Brightscript Debugger>|^\s*Backtrace:/i;
/** The debugger's prompt: after it, the backtrace and local variables are complete. */
const DEBUGGER_PROMPT = /Brightscript Debugger>/i;
const BUSY = /Console connection is already in use/i;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** A connected console. Lines are collected from the moment of connection. */
export interface DeviceConsole {
  /** Every complete line so far (ANSI colours removed). */
  readonly lines: readonly string[];
  /**
   * Resolves when a line from index `fromLine` on ends the run, or after `timeoutMs`.
   * After a crash it waits for the debugger prompt (or `crashGraceMs`) so the backtrace is complete.
   */
  waitForResult(opts: { fromLine: number; timeoutMs: number; crashGraceMs?: number }): Promise<{ outcome: RunOutcome; lines: string[] }>;
  close(): void;
}

/** Options of {@link openConsole}. */
export interface ConsoleOptions {
  host: string;
  /**
   * The BrightScript console port.
   * @default 8085
   */
  port?: number;
  /**
   * How long to wait for the connection, in ms.
   * @default 10000
   */
  connectTimeoutMs?: number;
  /** Called with each line as it arrives (to echo the run). */
  onLine?: (line: string) => void;
}

/** Connects to the console; fails with a DeviceUnreachableError when nothing answers. */
export function openConsole(opts: ConsoleOptions): Promise<DeviceConsole> {
  const port = opts.port ?? 8085;
  const address = `${opts.host}:${port}`;
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  let partial = '';
  let closed = false;
  let busy = false;

  const push = (line: string) => {
    const clean = line.replace(ANSI, '').replace(/\r$/, '');
    lines.push(clean);
    if (BUSY.test(clean)) busy = true;
    opts.onLine?.(clean);
  };

  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: opts.host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new DeviceUnreachableError(`Connecting to the debug console at ${address} failed: no answer within ${opts.connectTimeoutMs ?? 10000} ms`, address, unreachableHint(port, 'the debug console')));
    }, opts.connectTimeoutMs ?? 10000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const p of parts) push(p);
      // The debugger prompt has no newline after it; it still ends the crash report.
      if (DEBUGGER_PROMPT.test(partial)) {
        push(partial);
        partial = '';
      }
      for (const l of [...listeners]) l();
    });
    socket.on('close', () => {
      closed = true;
      if (partial) push(partial);
      partial = '';
      for (const l of [...listeners]) l();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new DeviceUnreachableError(
          `Connecting to the debug console at ${address} failed: ${networkReason(error) ?? error.message}`,
          address,
          unreachableHint(port, 'the debug console'),
          error,
        ),
      );
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.on('error', () => undefined); // a reset after connecting shows up as 'close'
      resolve({
        get lines() {
          return lines;
        },
        waitForResult({ fromLine, timeoutMs, crashGraceMs = 3000 }) {
          return new Promise((done, fail) => {
            let crashTimer: NodeJS.Timeout | undefined;
            const finish = (outcome: RunOutcome) => {
              listeners.delete(check);
              clearTimeout(overall);
              clearTimeout(crashTimer);
              done({ outcome, lines: lines.slice(fromLine) });
            };
            const check = () => {
              if (busy) {
                listeners.delete(check);
                clearTimeout(overall);
                clearTimeout(crashTimer);
                fail(new DeviceRejectedError(`The debug console at ${address} is in use by another connection`, address, 'close the other telnet session or IDE debugger attached to port 8085, then run again'));
                return;
              }
              const mine = lines.slice(fromLine);
              const result = mine.map((l) => RESULT.exec(l)).find((m) => m);
              if (result) return finish(result[1] as 'PASS' | 'FAIL');
              if (mine.some((l) => DEBUGGER_PROMPT.test(l))) return finish('CRASH');
              if (!crashTimer && mine.some((l) => CRASH.test(l))) crashTimer = setTimeout(() => finish('CRASH'), crashGraceMs);
              if (closed) finish(mine.some((l) => CRASH.test(l)) ? 'CRASH' : 'CLOSED');
            };
            const overall = setTimeout(() => finish('TIMEOUT'), timeoutMs);
            listeners.add(check);
            check();
          });
        },
        close() {
          socket.destroy();
        },
      });
    });
  });
}
