/**
 * `npm run sim`: the sample channel (scripted mode, the real generated SDK) running in the
 * simulator (brs-engine in Chromium, test/harness/simulator.ts) on the live event view's page,
 * beside its events (scripts/lib/live-server.ts): channel screen, console and events live.
 *
 *   tsx scripts/sim.ts                         a Chromium window; stays open until Ctrl-C
 *   tsx scripts/sim.ts --headless --until "Media Session End"   CI: exit 0 once that event arrived
 *   tsx scripts/sim.ts --serve                 no browser: prints a URL that runs the channel in yours
 *
 * Exit code (headless): 0 when the run ended as asked (the `--until` event arrived, or the
 * channel closed by itself) with no crash, no bad signature and no data plan violation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { buildSampleChannel } from './build';
import { LIVE_DEFAULT_CREDENTIALS, startLiveServer, type LiveRecord, type LiveServer } from './lib/live-server';
import { describeRecord, printUrls } from './live';
import { getBrowser, launchChromium, openPage, runChannel, type ReusablePage, type RunResult } from '../test/harness/simulator';
import { readChannelDir } from '../test/harness/channelDir';
import { buildZip } from '../test/harness/zip';

/** Path of the page with the simulator column; runChannel drives its harness frame. */
export const SIM_PAGE = '/live/?sim=1';

/** Options of {@link runSim}. */
export interface SimOptions {
  /**
   * Run in the shared headless Chromium (CI) instead of a browser window.
   * @default false
   */
  headless?: boolean;
  /**
   * End the run once a message of this name (a media event such as "Media Session End", a
   * screen view) has arrived. Without it the run ends when the channel closes itself.
   */
  until?: string;
  /**
   * How long the run may take, in ms.
   * @default 180000
   */
  timeoutMs?: number;
  /**
   * Port of the collector and page; 0 takes a free one.
   * @default 0
   */
  port?: number;
  /**
   * Address to listen on; 0.0.0.0 also lets a device on the LAN report to the same page.
   * @default "127.0.0.1"
   */
  host?: string;
  /**
   * Period of the scripted timeline's steps, in ms (the sample's `stepMillis`).
   * @default 150
   */
  stepMillis?: number;
  /**
   * The sample's scripted timeline: "default", or "ssai" (a stream with stitched ads, RAFX_SSAI).
   * @default "default"
   */
  scenario?: string;
  /**
   * Size of the browser page.
   * @default {width: 1600, height: 1000}
   */
  viewport?: { width: number; height: number };
  /**
   * Receives progress lines and each record as it arrives.
   * @default console.log
   */
  log?: (line: string) => void;
  /**
   * Also pass every console line of the channel to `log`.
   * @default false
   */
  console?: boolean;
  /**
   * Called after the run, before anything is closed: e.g. to take a screenshot of the page.
   */
  afterRun?: (sim: { page: ReusablePage; server: LiveServer; result: RunResult }) => Promise<void>;
  /**
   * Headed mode: wait for this before closing (default: Ctrl-C or the window closing).
   */
  keepOpen?: (browser: Browser) => Promise<void>;
}

/** What {@link runSim} saw. */
export interface SimResult {
  run: RunResult;
  records: LiveRecord[];
  /** Names of the messages of accepted batches, in order. */
  messageNames: string[];
  violations: number;
  badSignatures: number;
  untilReached: boolean;
  /** Why the run is not a success; empty when it is. */
  failures: string[];
}

/** Stages the sample channel in scripted mode under `tmp`, reporting to `server`; returns the staging dir. */
async function stageScriptedSample(server: LiveServer, tmp: string, stepMillis = 150, scenario?: string): Promise<string> {
  const { stagingDir } = await buildSampleChannel({
    outDir: path.join(tmp, 'out'),
    env: {},
    localConfigPath: false,
    log: () => undefined,
    config: {
      ...LIVE_DEFAULT_CREDENTIALS,
      logLevel: 'info',
      scripted: true,
      stepMillis,
      ...(scenario === undefined ? {} : { scenario }),
      // Time for the last uploads before the channel closes itself.
      exitDelayMillis: 5000,
      // The page's own origin: the channel's requests are same-origin.
      endpoints: { events: server.baseUrl, identity: server.baseUrl },
    },
  });
  return stagingDir;
}

/** Builds the sample channel against a live server and runs it on the live page in the simulator. */
export async function runSim(opts: SimOptions = {}): Promise<SimResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const creds = LIVE_DEFAULT_CREDENTIALS;
  const server = await startLiveServer({ ...creds, port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  const tmp = mkdtempSync(path.join(tmpdir(), 'mp-sim-'));
  let browser: Browser | undefined;
  let page: ReusablePage | undefined;
  try {
    const stagingDir = await stageScriptedSample(server, tmp, opts.stepMillis, opts.scenario);
    printUrls(server, log, SIM_PAGE);
    server.onRecord((r) => describeRecord(r).forEach((l) => log(l)));

    browser = opts.headless ? await getBrowser() : await launchChromium({ headless: false });
    page = await openPage(server.collector, { browser, viewport: opts.viewport ?? { width: 1600, height: 1000 } });
    const until = opts.until;
    log(`[sim] running the sample channel${until ? ` until "${until}"` : ''}`);
    const run = await runChannel({
      channel: { dir: stagingDir },
      collector: server.collector,
      page,
      hostPage: SIM_PAGE,
      timeoutMs: opts.timeoutMs ?? 180000,
      until: opts.console
        ? (line) => {
            log(`[channel] ${line}`);
            return false;
          }
        : undefined,
      untilCollector: until ? (c) => c.messages.some((m) => m.n === until) : undefined,
    });
    await server.settled();

    const records = [...server.records];
    const messages = records.flatMap((r) => (r.batch && r.batch.accepted && !r.batch.duplicate ? r.batch.messages : []));
    const violations = messages.reduce((n, m) => n + m.violations.length, 0) + records.reduce((n, r) => n + (r.batch?.userAttributeViolations.length ?? 0), 0);
    const badSignatures = records.filter((r) => r.signature === 'invalid').length;
    const untilReached = until ? messages.some((m) => m.n === until) : true;
    const failures: string[] = [];
    if (run.crashed) failures.push(`the channel crashed (${run.exitReason})`);
    if (!untilReached) failures.push(`"${until}" never arrived (the channel closed: ${run.exitReason})`);
    if (violations) failures.push(`${violations} data plan violation(s)`);
    if (badSignatures) failures.push(`${badSignatures} request(s) with a bad signature`);
    const crashLines = run.console.filter((l) => /runtime error|BRIGHTSCRIPT: ERROR|Backtrace|pageerror/i.test(l));
    if (crashLines.length) failures.push(`errors on the console:\n  ${crashLines.join('\n  ')}`);
    const sessions = new Set(messages.map((m) => (m.attrs as Record<string, unknown> | undefined)?.media_session_id).filter((id) => typeof id === 'string'));
    log(
      `[sim] ${messages.length} messages (${messages.filter((m) => m.et === 'media').length} media events in ${sessions.size} media session(s)) ` +
        `in ${records.filter((r) => r.batch).length} batches; ${violations} data plan violations; ended: ${run.exitReason}`,
    );
    if (failures.length && !opts.console) log(`[sim] last console lines:\n  ${run.console.slice(-40).join('\n  ')}`);

    if (opts.afterRun) await opts.afterRun({ page, server, result: run });
    if (!opts.headless) {
      log(`[sim] the channel ended; the page stays open: ${server.baseUrl}${SIM_PAGE.replace('?sim=1', '')} (Ctrl-C or close the window to quit)`);
      await (opts.keepOpen ?? untilClosed)(browser);
    }
    return { run, records, messageNames: messages.map((m) => String(m.n ?? m.dt)), violations, badSignatures, untilReached, failures };
  } finally {
    await page?.close().catch(() => undefined);
    if (browser && !opts.headless) await browser.close().catch(() => undefined);
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
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

/** A sim served to any browser: see {@link serveSim}. */
export interface ServedSim {
  server: LiveServer;
  /** The page that starts the channel when opened (loopback address). */
  url: string;
  close(): Promise<void>;
}

/**
 * `--serve`: no browser is driven; the page at `url` starts the channel itself (through the
 * same harness frame and boot script), in any browser on this machine; reloading runs it again.
 */
export async function serveSim(opts: { port?: number; host?: string; stepMillis?: number; scenario?: string } = {}): Promise<ServedSim> {
  const creds = LIVE_DEFAULT_CREDENTIALS;
  const server = await startLiveServer({ ...creds, port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  const tmp = mkdtempSync(path.join(tmpdir(), 'mp-sim-'));
  try {
    const stagingDir = await stageScriptedSample(server, tmp, opts.stepMillis, opts.scenario);
    server.collector.host('/harness/channels/sample.zip', buildZip(readChannelDir(stagingDir)), 'application/zip');
  } catch (e) {
    await server.close();
    throw e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { server, url: `${server.baseUrl}/live/?sim=1&run=/harness/channels/sample.zip`, close: () => server.close() };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      headless: { type: 'boolean' },
      until: { type: 'string' },
      timeout: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'step-ms': { type: 'string' },
      scenario: { type: 'string' },
      console: { type: 'boolean' },
      serve: { type: 'boolean' },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  const host = values.host ?? '127.0.0.1';
  const stepMillis = values['step-ms'] === undefined ? 150 : Number(values['step-ms']);
  if (values.serve) {
    const served = await serveSim({ port, host, stepMillis, scenario: values.scenario });
    console.log(`[sim] open ${served.url} (reload it to run the channel again; Ctrl-C to quit)`);
    served.server.onRecord((r) => describeRecord(r).forEach((l) => console.log(l)));
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await served.close();
    return 0;
  }
  const result = await runSim({
    headless: values.headless,
    until: values.until,
    timeoutMs: values.timeout === undefined ? undefined : Number(values.timeout),
    port,
    host,
    stepMillis,
    scenario: values.scenario,
    console: values.console,
  });
  if (result.failures.length) {
    console.error(`[sim] FAILED: ${result.failures.join('; ')}`);
    return 1;
  }
  console.log(`[sim] OK${values.until ? `: "${values.until}" arrived` : ''}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    async (code) => {
      const { closeBrowser } = await import('../test/harness/simulator');
      await closeBrowser();
      process.exit(code);
    },
    (e: Error) => {
      if (/Missing X server|\$DISPLAY|cannot open display/i.test(e.message)) {
        console.error('[sim] failed: no display for a browser window; pass --headless, or --serve and open the printed URL in your browser');
      } else {
        console.error(`[sim] failed: ${e.stack ?? e.message}`);
      }
      process.exit(1);
    },
  );
}
