import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Frame, type Page } from 'playwright-core';
import type { Collector } from '../collector/collector';
import { buildZip, type FileTree } from './zip';
import { readChannelDir } from './channelDir';

export type { FileTree } from './zip';

/** Where the channel comes from: an in-memory file tree, or a directory laid out like a channel. */
export type ChannelSource = FileTree | { dir: string };

/** Options of {@link runChannel}. */
export interface RunChannelOptions {
  channel: ChannelSource;
  /** Serves the page and answers the channel's API calls (same origin, so no CORS). */
  collector: Collector;
  /** Default 30 000 ms. */
  timeoutMs?: number;
  /** Called with each console line; returning true ends the run (the app is terminated). */
  until?: (line: string) => boolean;
  /**
   * Polled every 100 ms with the collector; returning true ends the run like `until`. For
   * channels that keep running (an SDK never exits by itself) once the expected traffic arrived.
   */
  untilCollector?: (collector: Collector) => boolean;
  /**
   * 'keep' launches with the registry the page's origin already holds (a channel restart);
   * 'clear' empties it first. Default 'keep' on a reused page; a run without `page` uses a
   * fresh browser context, whose registry is always empty.
   */
  registry?: 'keep' | 'clear';
  /** A page from {@link openPage}: several runs on it share the registry (localStorage). */
  page?: ReusablePage;
  /** Overrides of brs-engine's DeviceInfo (JSON-serialisable fields: locale, deviceModel, ...). */
  deviceInfo?: Record<string, unknown>;
  /** Deep-link / launch parameters passed to Main(args). */
  deepLink?: Record<string, string>;
  /**
   * A page of the collector's origin (path) that embeds the harness page in an
   * `<iframe name="harness">`, e.g. the live event view of `npm run sim`: the run loads that
   * page and drives the engine inside the frame. Default: the harness page itself.
   */
  hostPage?: string;
}

/** Outcome of {@link runChannel}. */
export interface RunResult {
  /** Console lines: `print` output, engine messages, crash backtraces, page errors. */
  console: string[];
  /** The engine's exit reason (EXIT_USER_NAV, EXIT_BRIGHTSCRIPT_CRASH, ...) or "UNTIL" when `until`/`untilCollector` ended the run. */
  exitReason: string;
  crashed: boolean;
}

/** A browser page bound to one collector's origin, kept across channel launches. */
export interface ReusablePage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly collector: Collector;
  /** The registry as the engine persisted it: localStorage entries "<devId>.<section>.<key>". */
  registry(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** Where Chromium is looked for when neither `--chromium` nor an environment variable names one: Debian's first. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

let chromiumOverride: string | undefined;

/** Uses this Chromium (or Chrome) for every later launch, e.g. from `mparticle-roku sim --chromium <path>`. */
export function setChromiumPath(path: string | undefined): void {
  chromiumOverride = path;
}

/** The Chromium to launch: the one set, else MPARTICLE_ROKU_CHROMIUM or HARNESS_CHROMIUM, else the first of CHROMIUM_CANDIDATES that exists. */
export function chromiumPath(): string {
  const named = chromiumOverride ?? process.env.MPARTICLE_ROKU_CHROMIUM ?? process.env.HARNESS_CHROMIUM;
  if (named) return named;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? CHROMIUM_CANDIDATES[0];
}

/** No browser where one was looked for; the message says how to get or name one. */
export class ChromiumNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`No Chromium at ${path}: apt-get install -y chromium, or name one with --chromium <path> (or MPARTICLE_ROKU_CHROMIUM)`);
    this.name = 'ChromiumNotFoundError';
  }
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Timers of background pages are throttled; a headless harness page is never "visible".
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--autoplay-policy=no-user-gesture-required',
];

let browserPromise: Promise<Browser> | undefined;

/**
 * Launches Debian's Chromium (or the one {@link chromiumPath} names) with the harness's flags. Tests use the
 * shared {@link getBrowser}; `npm run sim` launches a headed one with this.
 */
export function launchChromium(opts: { headless: boolean }): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) return Promise.reject(new ChromiumNotFoundError(executablePath));
  return chromium.launch({ executablePath, headless: opts.headless, args: CHROMIUM_ARGS });
}

/**
 * The shared headless Chromium, launched on first use (a launch costs seconds, so one
 * browser serves a whole mocha run). Playwright gives it a fresh, empty user data dir.
 */
export function getBrowser(): Promise<Browser> {
  if (!browserPromise) {
    const launching = launchChromium({ headless: true });
    browserPromise = launching;
    launching.then(
      (b) => b.on('disconnected', () => {
        if (browserPromise === launching) browserPromise = undefined;
      }),
      () => {
        if (browserPromise === launching) browserPromise = undefined;
      },
    );
  }
  return browserPromise;
}

/** Closes the shared browser. Whoever used it calls this when done: an open browser keeps the process from exiting. */
export async function closeBrowser(): Promise<void> {
  const p = browserPromise;
  browserPromise = undefined;
  if (p) await (await p.catch(() => undefined))?.close();
}

/** Receives the page's engine events and console lines for the run in progress. */
interface RunSink {
  line(text: string): void;
  event(name: string, data: string): void;
}

class HarnessPage implements ReusablePage {
  sink: RunSink | undefined;

  constructor(readonly page: Page, readonly context: BrowserContext, readonly collector: Collector) {}

  async registry(): Promise<Record<string, string>> {
    if (!this.page.url().startsWith(this.collector.baseUrl)) return {};
    return this.page.evaluate(() => {
      const out: Record<string, string> = {};
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i)!;
        out[k] = localStorage.getItem(k) ?? '';
      }
      return out;
    });
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

function consoleText(msg: ConsoleMessage): string[] {
  if (msg.type() === 'debug') return [];
  let text = msg.text();
  // Engine beacons are styled: console.info("%c<text>", "color: #...").
  if (text.startsWith('%c')) text = text.slice(2).replace(/\s*color: #[0-9a-fA-F]{3,8}\s*$/, '');
  const lines = text.replace(/\r/g, '').split('\n');
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Options of {@link openPage}. */
export interface OpenPageOptions {
  /** Another browser than the shared headless one (e.g. a headed Chromium for `npm run sim`). */
  browser?: Browser;
  /** @default {width: 1280, height: 720} */
  viewport?: { width: number; height: number };
}

/**
 * Opens a page at the collector's origin in its own browser context. Runs on the same
 * page share localStorage, hence the channel registry: run twice for a restart.
 */
export async function openPage(collector: Collector, opts: OpenPageOptions = {}): Promise<ReusablePage> {
  const browser = opts.browser ?? (await getBrowser());
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 720 } });
  const page = await context.newPage();
  const hp = new HarnessPage(page, context, collector);
  await page.exposeFunction('__harnessNotify', (event: string, data: string) => hp.sink?.event(event, data));
  page.on('console', (msg) => {
    for (const l of consoleText(msg)) hp.sink?.line(l);
  });
  // Uncaught errors in Task/interpreter workers are not page console messages.
  page.on('worker', (w) => w.on('console', (msg) => {
    for (const l of consoleText(msg)) hp.sink?.line(`[worker] ${l}`);
  }));
  page.on('pageerror', (err) => hp.sink?.line(`[pageerror] ${err.message}`));
  page.on('crash', () => hp.sink?.event('pagecrash', ''));
  return hp;
}

/** The harness frame of a host page; the load event of the page waited for it. */
function harnessFrame(page: Page, hostPage: string): Frame {
  const frame = page.frame({ name: 'harness' });
  if (!frame || !frame.url().endsWith('/harness/index.html')) {
    throw new Error(`runChannel: ${hostPage} has no <iframe name="harness" src="/harness/index.html">`);
  }
  return frame;
}

let zipCounter = 0;

/**
 * The engine holds every zip launch for the manifest's splash_min_time, 1600 ms when
 * absent. Tests gain nothing from the wait, so an absent value becomes 0.
 */
function withoutSplashWait(files: FileTree): FileTree {
  const manifest = files.manifest;
  if (manifest === undefined) return files;
  const text = typeof manifest === 'string' ? manifest : Buffer.from(manifest).toString('utf8');
  if (/^\s*splash_min_time\s*=/m.test(text)) return files;
  return { ...files, manifest: `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}splash_min_time=0\n` };
}

// Exit reasons that mean the channel did not end by itself (EXIT_USER_NAV: Main returned).
const CRASH_REASONS = new Set(['EXIT_BRIGHTSCRIPT_CRASH', 'EXIT_BRIGHTSCRIPT_UNK_FUNC', 'EXIT_INVALID_PCODE', 'EXIT_UNPACK_FAILED']);

/**
 * Packages `channel`, launches it in brs-engine (+ brs-scenegraph) in headless Chromium on
 * a page served by `collector`, and resolves when the app closes or `until` matches.
 * Rejects on timeout with the last 40 console lines.
 */
export async function runChannel(opts: RunChannelOptions): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? 30000;
  const { collector } = opts;
  if (opts.page && opts.page.collector !== collector) throw new Error('runChannel: page belongs to another collector (origin)');
  const hp = (opts.page ?? (await openPage(collector))) as HarnessPage;
  const owned = !opts.page;
  if (hp.sink) throw new Error('runChannel: a run is already in progress on this page');

  const source = 'dir' in opts.channel && typeof opts.channel.dir === 'string' ? readChannelDir(opts.channel.dir) : (opts.channel as FileTree);
  const files = withoutSplashWait(source);
  const zipUrl = collector.host(`/harness/channels/${++zipCounter}.zip`, buildZip(files), 'application/zip');

  const lines: string[] = [];
  let finish!: (r: RunResult) => void;
  let fail!: (e: Error) => void;
  const done = new Promise<RunResult>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // It may settle (timeout, page crash) while the page is still being set up, before it is awaited.
  done.catch(() => undefined);
  let settled = false;
  const tail = () => lines.slice(-40).map((l) => `  | ${l}`).join('\n');

  /** Ends the run when `matches()` says so; a predicate that throws fails the run. */
  const endIf = (matches: () => boolean) => {
    let matched = false;
    try {
      matched = !!matches();
    } catch (e) {
      settled = true;
      fail(e as Error);
      return;
    }
    if (matched) {
      settled = true;
      finish({ console: lines, exitReason: 'UNTIL', crashed: false });
    }
  };

  hp.sink = {
    line(text) {
      if (settled) return;
      lines.push(text);
      if (opts.until) endIf(() => opts.until!(text));
    },
    event(name, data) {
      if (settled) return;
      if (name === 'closed') {
        settled = true;
        finish({ console: lines, exitReason: data, crashed: CRASH_REASONS.has(data) });
      } else if (name === 'pagecrash') {
        settled = true;
        fail(new Error(`runChannel: the browser page crashed\n${tail()}`));
      }
    },
  };

  const poll = opts.untilCollector
    ? setInterval(() => {
        if (settled) return;
        endIf(() => opts.untilCollector!(collector));
      }, 100)
    : undefined;

  const timer = setTimeout(() => {
    if (settled) return;
    settled = true;
    fail(new Error(`runChannel: timed out after ${timeoutMs} ms; last console lines:\n${tail()}`));
  }, timeoutMs);

  let frame: Frame | undefined;
  try {
    // Each launch loads the page anew: a fresh engine that reads the registry back from
    // localStorage, exactly like a channel restart.
    await hp.page.goto(`${collector.baseUrl}${opts.hostPage ?? '/harness/index.html'}`, { waitUntil: 'load' });
    frame = opts.hostPage ? harnessFrame(hp.page, opts.hostPage) : hp.page.mainFrame();
    const clearRegistry = opts.registry === 'clear';
    await frame.evaluate((o) => (window as any).__harness.boot(o), { clearRegistry, deviceInfo: opts.deviceInfo ?? {} });
    await frame.evaluate(([url, link]) => (window as any).__harness.run(url, link), [zipUrl, opts.deepLink ?? null] as const);
    return await done;
  } catch (e) {
    settled = true;
    const err = e as Error;
    if (err.message.startsWith('runChannel:')) throw err;
    throw new Error(`runChannel: ${err.message}\n${tail()}`, { cause: err });
  } finally {
    clearTimeout(timer);
    if (poll) clearInterval(poll);
    settled = true;
    hp.sink = undefined;
    // Stop the interpreter and its Task workers so nothing keeps posting after the run.
    await (frame ?? hp.page.mainFrame()).evaluate(() => (window as any).__harness?.terminate()).catch(() => undefined);
    if (owned) await hp.close().catch(() => undefined);
  }
}
