/**
 * `mparticle-roku`: the simulator, the collector and the generated SDK where the channel lives.
 *
 *   mparticle-roku sim --channel <dir|zip> [--headless] [--until <event>] [--json <file>]
 *                      [--timeout <ms>] [--console] [--serve] [--api-key K] [--api-secret S]
 *                      [--upload-interval <ms>|keep] [--data-plan <file>|none] [--chromium <path>]
 *                      [--port N] [--host A]
 *   mparticle-roku live [--port 8787] [--host 0.0.0.0] [--api-key K --api-secret S]
 *   mparticle-roku send [--url http://127.0.0.1:8787] --api-key K --api-secret S
 *
 * Exit codes: run.ts SIM_EXIT (0 ok, 1 analytics check failed, 2 crash, 3 timeout, 64 usage,
 * 69 no browser, 70 tool error).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ChannelInputError, readChannel } from './channel';
import { ChromiumNotFoundError, closeBrowser, setChromiumPath } from './engine/simulator';
import { ZipReadError, type FileTree } from './engine/zip';
import type { DataPlanVersionDoc } from './live/dataplan';
import { describeRecord, printUrls } from './live/describe';
import { demoBatch, postBatch } from './live/send';
import { LIVE_DEFAULT_PORT, startLiveServer } from './live/server';
import { endWithParent } from './parent-watch';
import { runSimChannel, serveSimChannel, SIM_EXIT, type SimOptions } from './run';

/** Bad arguments: exit {@link SIM_EXIT.USAGE} with the message and the usage line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const SIM_USAGE =
  'usage: sim --channel <dir|zip> [--headless] [--until <event name>] [--json <file>] [--timeout <ms>] [--console] [--serve] ' +
  '[--api-key K] [--api-secret S] [--upload-interval <ms>|keep] [--data-plan <file>|none] [--chromium <path>] [--port N] [--host A]';

const SIM_FLAGS = {
  channel: { type: 'string' },
  headless: { type: 'boolean' },
  until: { type: 'string' },
  json: { type: 'string' },
  timeout: { type: 'string' },
  console: { type: 'boolean' },
  serve: { type: 'boolean' },
  'api-key': { type: 'string' },
  'api-secret': { type: 'string' },
  'upload-interval': { type: 'string' },
  'data-plan': { type: 'string' },
  chromium: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
} as const;

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${flag} must be a number of 0 or more, got "${value}"`);
  return n;
}

/** The sim flags as options; `extra` adds flags of a caller (scripts/sim.ts: --step-ms). */
export function parseSimArgs<E extends Record<string, { type: 'string' | 'boolean' }>>(argv: string[], extra?: E) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...SIM_FLAGS, ...(extra ?? {}) }, strict: true, allowPositionals: false });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const str = (k: string) => v[k] as string | undefined;
  const interval = str('upload-interval');
  const plan = str('data-plan');
  let dataPlan: DataPlanVersionDoc | false | undefined;
  if (plan === 'none') dataPlan = false;
  else if (plan !== undefined) {
    try {
      dataPlan = JSON.parse(readFileSync(plan, 'utf8')) as DataPlanVersionDoc;
    } catch (e) {
      throw new UsageError(`--data-plan ${plan}: ${(e as Error).message}`);
    }
  }
  const options: SimOptions = {
    headless: v.headless === true,
    until: str('until'),
    json: str('json'),
    timeoutMs: number('timeout', str('timeout')),
    console: v.console === true,
    apiKey: str('api-key') ?? process.env.MPARTICLE_API_KEY,
    apiSecret: str('api-secret') ?? process.env.MPARTICLE_API_SECRET,
    uploadIntervalMillis: interval === 'keep' ? false : number('upload-interval', interval),
    dataPlan,
    port: number('port', str('port')),
    host: str('host'),
  };
  return { options, channel: str('channel'), serve: v.serve === true, chromium: str('chromium'), values: v };
}

/** Runs `channel` (or serves it) as the flags say; resolves with the exit code. */
export async function simCommand(parsed: ReturnType<typeof parseSimArgs>, channel: FileTree, label: string): Promise<number> {
  setChromiumPath(parsed.chromium);
  if (parsed.serve) {
    const served = await serveSimChannel(channel, { ...parsed.options, log: console.log });
    printUrls(served.server, console.log, '/live/?sim=1');
    console.log(`[sim] open ${served.url} (reload it to run the channel again; Ctrl-C to quit)`);
    served.server.onRecord((r) => describeRecord(r).forEach((l) => console.log(l)));
    await untilSignal();
    await served.close();
    return SIM_EXIT.OK;
  }
  const result = await runSimChannel(channel, { ...parsed.options, label });
  if (result.failures.length) {
    console.error(`[sim] FAILED (exit ${result.exitCode}): ${result.failures.join('; ')}`);
  } else {
    console.log(`[sim] OK${parsed.options.until ? `: "${parsed.options.until}" arrived` : ''}`);
  }
  return result.exitCode;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** The exit code and message for an error that ended a command; `usage` follows a usage error. */
export function failureExit(tool: string, e: Error, usage = SIM_USAGE): number {
  if (e instanceof UsageError) {
    console.error(`[${tool}] ${e.message}\n${usage}`);
    return SIM_EXIT.USAGE;
  }
  if (e instanceof ChannelInputError || e instanceof ZipReadError) {
    console.error(`[${tool}] ${e.message}`);
    return SIM_EXIT.USAGE;
  }
  if (e instanceof ChromiumNotFoundError) {
    console.error(`[${tool}] ${e.message}`);
    return SIM_EXIT.NO_BROWSER;
  }
  if (/Missing X server|\$DISPLAY|cannot open display/i.test(e.message)) {
    console.error(`[${tool}] no display for a browser window; pass --headless, or --serve and open the printed URL in your browser`);
    return SIM_EXIT.NO_BROWSER;
  }
  console.error(`[${tool}] failed: ${e.stack ?? e.message}`);
  return SIM_EXIT.TOOL_ERROR;
}

async function liveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, host: { type: 'string' }, 'api-key': { type: 'string' }, 'api-secret': { type: 'string' } } });
  const server = await startLiveServer({
    port: values.port === undefined ? LIVE_DEFAULT_PORT : Number(values.port),
    host: values.host ?? '0.0.0.0',
    apiKey: values['api-key'] ?? process.env.MPARTICLE_API_KEY,
    apiSecret: values['api-secret'] ?? process.env.MPARTICLE_API_SECRET,
  });
  printUrls(server, console.log);
  server.onRecord((r) => describeRecord(r).forEach((l) => console.log(l)));
  await untilSignal();
  await server.close();
  return SIM_EXIT.OK;
}

async function sendCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { url: { type: 'string' }, 'api-key': { type: 'string' }, 'api-secret': { type: 'string' } } });
  const apiKey = values['api-key'] ?? process.env.MPARTICLE_API_KEY;
  const apiSecret = values['api-secret'] ?? process.env.MPARTICLE_API_SECRET;
  if (!apiKey || !apiSecret) throw new UsageError('send needs --api-key and --api-secret (the ones the collector checks)');
  const url = values.url ?? `http://127.0.0.1:${LIVE_DEFAULT_PORT}`;
  const status = await postBatch(url, apiKey, apiSecret, demoBatch());
  console.log(`[send] a signed demo batch (one media session) to ${url}: ${status}`);
  return status >= 200 && status < 300 ? SIM_EXIT.OK : SIM_EXIT.CHECK_FAILED;
}

/** `mparticle-roku <command> ...`; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'sim') {
      const parsed = parseSimArgs(rest);
      if (!parsed.channel) throw new UsageError('sim needs --channel <dir|zip> (the channel folder with its manifest, or its package)');
      return await simCommand(parsed, readChannel(parsed.channel), parsed.channel);
    }
    if (command === 'live') return await liveCommand(rest);
    if (command === 'send') return await sendCommand(rest);
    throw new UsageError(`unknown command ${command === undefined ? '(none)' : `"${command}"`}: sim, live or send`);
  } catch (e) {
    return failureExit('mparticle-roku', e as Error);
  }
}

/** Runs the command line of this process and exits with its code; the package's bin calls it. */
export function runMain(argv = process.argv.slice(2)): void {
  endWithParent(() => {
    console.error('[mparticle-roku] the command that started it ended; stopping');
    closeBrowser().finally(() => process.exit(130));
  });
  main(argv).then(async (code) => {
    await closeBrowser();
    process.exit(code);
  });
}

if (require.main === module) runMain();
