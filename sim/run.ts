/**
 * A channel in the simulator (brs-engine in Chromium, engine/simulator.ts) on the live event
 * view's page, beside its events (live/server.ts): any channel, staged by channel.ts with the
 * development manifest keys that send its analytics here. `mparticle-roku sim` (cli.ts) and
 * `npm run sim` (scripts/sim.ts, the sample channel) both run through {@link runSimChannel}.
 */
import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { stageChannel, type StagedChannel } from './channel';
import { getBrowser, launchChromium, openPage, runChannel, type ReusablePage, type RunResult } from './engine/simulator';
import { buildZip, type FileTree } from './engine/zip';
import type { DataPlanVersionDoc } from './live/dataplan';
import { describeRecord, plural, printUrls } from './live/describe';
import { startLiveServer, type LiveRecord, type LiveServer } from './live/server';

/** Path of the page with the simulator column; runChannel drives its harness frame. */
export const SIM_PAGE = '/live/?sim=1';

/** Upload interval the sim writes into the channel's manifest unless told otherwise, so that events show while it runs. */
export const SIM_UPLOAD_INTERVAL_MILLIS = 1000;

/**
 * Exit codes of `mparticle-roku sim` and `npm run sim` (README, "Test your channel's analytics in CI").
 * When several apply, the first in this order wins: USAGE, NO_BROWSER, TOOL_ERROR, CRASHED, TIMEOUT, CHECK_FAILED.
 */
export const SIM_EXIT = {
  /** The run ended as asked (the `--until` event arrived, or the channel closed by itself) with nothing wrong. */
  OK: 0,
  /** The channel ran, but the `--until` event never arrived before it closed, or a message broke the data plan, or a request had a bad signature or API key. */
  CHECK_FAILED: 1,
  /** The channel crashed (a BrightScript runtime error, or the engine stopped it). */
  CRASHED: 2,
  /** `--timeout` passed before the `--until` event arrived (or before the channel closed). */
  TIMEOUT: 3,
  /** Bad arguments, or a channel that cannot be read. */
  USAGE: 64,
  /** No Chromium found (install Debian's chromium, or name one with --chromium). */
  NO_BROWSER: 69,
  /** The tool itself failed. */
  TOOL_ERROR: 70,
} as const;

/** Options of {@link runSimChannel}. */
export interface SimOptions {
  /**
   * Run in the shared headless Chromium (CI) instead of a browser window.
   * @default false
   */
  headless?: boolean;
  /** End the run once a message of this name (a media event such as "Media Session End", a screen view) has arrived. Without it the run ends when the channel closes itself. */
  until?: string;
  /** @default 180000 */
  timeoutMs?: number;
  /** Port of the collector and page; 0 takes a free one. @default 0 */
  port?: number;
  /** Address to listen on; 0.0.0.0 also lets a device on the LAN report to the same page. @default "127.0.0.1" */
  host?: string;
  /** The API key the channel uses: requests with another one count as failures. @default any */
  apiKey?: string;
  /** The channel's API secret: with it, every request's signature is checked and a bad one is a failure. @default signatures not checked */
  apiSecret?: string;
  /** The data plan the messages are checked against; `false` checks nothing. @default generated/dataplan.json */
  dataPlan?: DataPlanVersionDoc | false;
  /** Written into the manifest as `mparticle_upload_interval_ms`; `false` keeps the channel's own. @default SIM_UPLOAD_INTERVAL_MILLIS */
  uploadIntervalMillis?: number | false;
  /** Also write every batch received, with what was found in it, to this file as JSON. */
  json?: string;
  /** @default {width: 1600, height: 1000} */
  viewport?: { width: number; height: number };
  /** Receives progress lines and each record as it arrives. @default console.log */
  log?: (line: string) => void;
  /** Also pass every console line of the channel to `log`. */
  console?: boolean;
  /** Called after the run, before anything is closed: e.g. to take a screenshot of the page. */
  afterRun?: (sim: { page: ReusablePage; server: LiveServer; result: RunResult }) => Promise<void>;
  /** Headed mode: wait for this before closing (default: Ctrl-C or the window closing). */
  keepOpen?: (browser: Browser) => Promise<void>;
  /** What runs, for the log. @default "the channel" */
  label?: string;
}

/** What {@link runSimChannel} saw. */
export interface SimResult {
  run: RunResult;
  staged: StagedChannel;
  records: LiveRecord[];
  /** Names of the messages of accepted batches, in order. */
  messageNames: string[];
  violations: number;
  badSignatures: number;
  untilReached: boolean;
  timedOut: boolean;
  /** Why the run is not a success; empty when it is. */
  failures: string[];
  /** One of {@link SIM_EXIT}. */
  exitCode: number;
}

const CRASH_LINE = /runtime error|BRIGHTSCRIPT: ERROR|Backtrace|pageerror/i;

/** Starts the live view the runs of one sim report to. */
function startSimServer(opts: SimOptions): Promise<LiveServer> {
  return startLiveServer({ apiKey: opts.apiKey, apiSecret: opts.apiSecret, port: opts.port ?? 0, host: opts.host ?? '127.0.0.1', dataPlan: opts.dataPlan });
}

/** Stages `channel` for `server` and says what was done, on the log and on the page. */
function stageFor(channel: FileTree, server: LiveServer, opts: SimOptions, log: (line: string) => void): StagedChannel {
  const interval = opts.uploadIntervalMillis === undefined ? SIM_UPLOAD_INTERVAL_MILLIS : opts.uploadIntervalMillis;
  const staged = stageChannel(channel, { endpoint: server.baseUrl, uploadIntervalMillis: interval === false ? undefined : interval });
  const notes = [...staged.describe];
  if (interval !== false) notes.push(`[sim] upload interval ${interval} ms for this run, so that events show while the channel runs`);
  if (opts.apiSecret === undefined) notes.push('[sim] signatures not checked: pass --api-secret (or MPARTICLE_API_SECRET) to check them');
  notes.forEach((l) => log(l));
  server.setNotes(notes.map((l) => l.replace(/^\[sim\] /, '')));
  return staged;
}

/** The verdict on a run: failures and the exit code. */
function judge(run: RunResult, timedOut: boolean, records: LiveRecord[], until: string | undefined, timeoutMs: number) {
  const messages = records.flatMap((r) => (r.batch && r.batch.accepted && !r.batch.duplicate ? r.batch.messages : []));
  const violations = messages.reduce((n, m) => n + m.violations.length, 0) + records.reduce((n, r) => n + (r.batch?.userAttributeViolations.length ?? 0), 0);
  const badSignatures = records.filter((r) => r.signature === 'invalid').length;
  const wrongKeys = records.filter((r) => r.apiKey === 'invalid').length;
  const untilReached = until ? messages.some((m) => m.n === until) : !timedOut;
  const failures: string[] = [];
  const crashLines = run.console.filter((l) => CRASH_LINE.test(l));
  const crashed = run.crashed || crashLines.length > 0;
  if (run.crashed) failures.push(`the channel crashed (${run.exitReason})`);
  if (crashLines.length) failures.push(`errors on the console:\n  ${crashLines.join('\n  ')}`);
  if (timedOut && !untilReached) failures.push(until ? `"${until}" did not arrive within ${timeoutMs} ms` : `the channel did not close within ${timeoutMs} ms (pass --until <event name>)`);
  else if (!untilReached) failures.push(`"${until}" never arrived (the channel closed: ${run.exitReason})`);
  if (violations) failures.push(plural(violations, 'data plan violation'));
  if (badSignatures) failures.push(`${plural(badSignatures, 'request')} with a bad or missing signature`);
  if (wrongKeys) failures.push(`${plural(wrongKeys, 'request')} with the wrong API key`);
  const exitCode = crashed ? SIM_EXIT.CRASHED : timedOut && !untilReached ? SIM_EXIT.TIMEOUT : failures.length ? SIM_EXIT.CHECK_FAILED : SIM_EXIT.OK;
  return { messages, violations, badSignatures, untilReached, failures, exitCode };
}

/** Every batch the collector received, with what the live view found in it: the `--json` file. */
export function jsonReport(server: LiveServer, result: Omit<SimResult, 'records' | 'run'> & { run: RunResult }): unknown {
  const bySeq = new Map(server.collector.batchAttempts.map((a) => [a.request.seq, a]));
  return {
    ok: result.exitCode === SIM_EXIT.OK,
    exitCode: result.exitCode,
    failures: result.failures,
    exitReason: result.run.exitReason,
    sdk: result.staged.sdk,
    droppedRequests: server.droppedRecords,
    batches: server.records
      .filter((r) => r.batch)
      .map((r) => ({
        seq: r.seq,
        receivedAt: r.receivedAt,
        status: r.status,
        signature: r.signature,
        apiKey: r.apiKey,
        accepted: r.batch!.accepted,
        duplicate: r.batch!.duplicate,
        violations: [...r.batch!.messages.flatMap((m) => m.violations), ...r.batch!.userAttributeViolations],
        batch: bySeq.get(r.seq)?.batch,
      })),
  };
}

/** Runs `channel` (a file tree: readChannel) on the live page in the simulator until `until` arrived or it closed. */
export async function runSimChannel(channel: FileTree, opts: SimOptions = {}): Promise<SimResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const timeoutMs = opts.timeoutMs ?? 180000;
  const server = await startSimServer(opts);
  let browser: Browser | undefined;
  let page: ReusablePage | undefined;
  try {
    const staged = stageFor(channel, server, opts, log);
    printUrls(server, log, SIM_PAGE);
    server.onRecord((r) => describeRecord(r).forEach((l) => log(l)));

    browser = opts.headless ? await getBrowser() : await launchChromium({ headless: false });
    page = await openPage(server.collector, { browser, viewport: opts.viewport ?? { width: 1600, height: 1000 } });
    const until = opts.until;
    log(`[sim] running ${opts.label ?? 'the channel'}${until ? ` until "${until}"` : ''}`);
    const lines: string[] = [];
    let timedOut = false;
    let run: RunResult;
    try {
      run = await runChannel({
        channel: staged.files,
        collector: server.collector,
        page,
        hostPage: SIM_PAGE,
        timeoutMs,
        until: (line) => {
          lines.push(line);
          if (opts.console) log(`[channel] ${line}`);
          return false;
        },
        untilCollector: until ? (c) => c.messages.some((m) => m.n === until) : undefined,
      });
    } catch (e) {
      if (!/^runChannel: timed out/.test((e as Error).message)) throw e;
      timedOut = true;
      run = { console: lines, exitReason: 'TIMEOUT', crashed: false };
    }
    await server.settled();

    const records = [...server.records];
    const verdict = judge(run, timedOut, records, until, timeoutMs);
    const sessions = new Set(verdict.messages.map((m) => (m.attrs as Record<string, unknown> | undefined)?.media_session_id).filter((id) => typeof id === 'string'));
    log(
      `[sim] ${plural(verdict.messages.length, 'message')} (${plural(verdict.messages.filter((m) => m.et === 'media').length, 'media event')} in ${plural(sessions.size, 'media session')}) ` +
        `in ${plural(records.filter((r) => r.batch).length, 'batch', 'batches')}; ${plural(verdict.violations, 'data plan violation')}; ended: ${run.exitReason}`,
    );
    if (verdict.failures.length && !opts.console) log(`[sim] last console lines:\n  ${run.console.slice(-40).join('\n  ')}`);
    const result: SimResult = {
      run,
      staged,
      records,
      messageNames: verdict.messages.map((m) => String(m.n ?? m.dt)),
      violations: verdict.violations,
      badSignatures: verdict.badSignatures,
      untilReached: verdict.untilReached,
      timedOut,
      failures: verdict.failures,
      exitCode: verdict.exitCode,
    };
    if (opts.json) {
      writeFileSync(opts.json, `${JSON.stringify(jsonReport(server, result), null, 2)}\n`);
      log(`[sim] wrote every batch received to ${opts.json}`);
    }

    if (opts.afterRun) await opts.afterRun({ page, server, result: run });
    if (!opts.headless) {
      log(`[sim] the channel ended; the page stays open: ${server.baseUrl}${SIM_PAGE.replace('?sim=1', '')} (Ctrl-C or close the window to quit)`);
      await (opts.keepOpen ?? untilClosed)(browser);
    }
    return result;
  } finally {
    await page?.close().catch(() => undefined);
    if (browser && !opts.headless) await browser.close().catch(() => undefined);
    await server.close();
  }
}

/** Resolves on Ctrl-C, SIGTERM or when the browser window is closed. */
function untilClosed(browser: Browser): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    browser.on('disconnected', () => resolve());
  });
}

/** A sim served to any browser: see {@link serveSimChannel}. */
export interface ServedSim {
  server: LiveServer;
  staged: StagedChannel;
  /** The page that starts the channel when opened (loopback address). */
  url: string;
  close(): Promise<void>;
}

/**
 * `--serve`: no browser is driven; the page at `url` starts the channel itself (through the
 * same harness frame and boot script), in any browser on this machine; reloading runs it again.
 */
export async function serveSimChannel(channel: FileTree, opts: SimOptions = {}): Promise<ServedSim> {
  const server = await startSimServer(opts);
  try {
    const staged = stageFor(channel, server, opts, opts.log ?? (() => undefined));
    server.collector.host('/harness/channels/served.zip', buildZip(staged.files), 'application/zip');
    return { server, staged, url: `${server.baseUrl}${SIM_PAGE}&run=/harness/channels/served.zip`, close: () => server.close() };
  } catch (e) {
    await server.close();
    throw e;
  }
}
