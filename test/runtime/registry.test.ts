/**
 * The SDK as a guest of the channel's registry (issue 20), in the simulator with the modelled
 * registry (sim/engine/registry-model.ts): a channel that keeps its own data there, the SDK's
 * queue offline beside it, refused writes, and restarts at many points of an upload. Every
 * test checks message ids across batches: nothing delivered under two batch ids.
 */
import { strict as assert } from 'assert';
import { DEFAULT_OPTIONS } from '../../src-ts/schema';
import { coreDecodeQueue } from '../../src-ts/logic/core-store';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { registryModel } from '../../sim/engine/registry-model';
import { openPage, runChannel, type ReusablePage, type RunResult } from '../../sim/engine/simulator';
import { assertNoCrash, idReport } from './delivery';
import { CHANNEL_SECTION, registryChannel } from './registry-channel';

const API_KEY = 'us1-registrykey';
const API_SECRET = 'registry-secret-do-not-log';
const MPID = '777000333';
const RESERVE = DEFAULT_OPTIONS.registryReserveBytes as number;

/** The SDK's stored queue on `page` (decoded), or undefined when it has none. */
async function storedQueue(page: ReusablePage): Promise<ReturnType<typeof coreDecodeQueue> | undefined> {
  const registry = await page.registry();
  const key = Object.keys(registry).find((k) => /\.mParticle_[^.]*\.queue$/.test(k));
  return key === undefined ? undefined : coreDecodeQueue(JSON.parse(registry[key]));
}

/** The last free space the channel printed. */
function lastSpace(run: RunResult): number {
  const spaces = run.console.map((l) => /TEST: space (-?\d+)$/.exec(l)).filter((m) => m !== null);
  assert.ok(spaces.length > 0, 'the channel printed its free space');
  return Number(spaces[spaces.length - 1]![1]);
}

function spaceBefore(run: RunResult): number {
  const line = run.console.map((l) => /TEST: space before (-?\d+)$/.exec(l)).find((m) => m !== null);
  assert.ok(line, 'the channel printed its free space before the SDK started');
  return Number(line[1]);
}

/**
 * An `until` for a first run: every media event the channel logged is queued (the DEBUG line
 * "queued e <name> (n waiting)"), the queue was written after the last, and the channel then
 * printed its free space: the registry as the channel sees it once the SDK is done writing.
 */
function untilAllQueuedAndSpace(events: number): (line: string) => boolean {
  let queued = 0;
  let written = false;
  let spaceAfter = false;
  return (line) => {
    if (/queued e (Media Session Start|Play|Pause|Update Playhead Position) \(/.test(line)) queued++;
    if (queued >= events && /queue written:/.test(line)) written = true;
    else if (written && /TEST: space -?\d+$/.test(line)) spaceAfter = true;
    return spaceAfter;
  };
}

describe('the SDK as a guest of the registry', function () {
  this.timeout(900000);
  let collector: Collector;

  beforeEach(async () => {
    collector = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET, mpid: MPID });
  });
  afterEach(async () => {
    await collector.close();
  });

  for (const { size, ownKeys } of [
    { size: 32768, ownKeys: 8 },
    { size: 16384, ownKeys: 4 },
  ]) {
    it(`${size / 1024} KB registry, the channel using half: 300 media events offline leave registryReserveBytes free, the channel's data intact, the kept events delivered once`, async () => {
      const page = await openPage(collector);
      try {
        const deviceInfo = registryModel({ sizeBytes: size });
        collector.plan(Array.from({ length: 200 }, () => ({ drop: true })));
        const first = await runChannel({
          channel: registryChannel(collector, API_SECRET, { phase: 'events', ownKeys, events: 300 }),
          collector,
          page,
          registry: 'clear',
          deviceInfo,
          until: untilAllQueuedAndSpace(300),
          timeoutMs: 180000,
        });
        assertNoCrash(first);
        assert.ok(!first.console.some((l) => /own write refused/.test(l)), 'the channel wrote its own data');
        const before = spaceBefore(first);
        const after = lastSpace(first);
        assert.ok(collector.batchAttempts.every((a) => !a.accepted), 'offline: nothing accepted');
        const stored = await storedQueue(page);
        assert.ok(stored && stored.messages.length > 0, 'the SDK kept part of the queue');
        const keptEvents = stored.messages.filter((m) => m.dt === 'e').length;
        console.log(`      ${size / 1024} KB: free before the SDK ${before}, after 300 events offline ${after} (reserve ${RESERVE}); ${stored.messages.length} message(s) kept, ${keptEvents} of them events`);
        assert.ok(after >= RESERVE, `at least registryReserveBytes (${RESERVE}) free after: ${after}`);

        collector.reset();
        const kept = new Set(stored.messages.map((m) => m.id));
        const second = await runChannel({
          channel: registryChannel(collector, API_SECRET, { phase: 'quiet', ownKeys }),
          collector,
          page,
          deviceInfo,
          untilCollector: (c) => [...kept].every((id) => c.messages.some((m) => m.id === id)),
          timeoutMs: 180000,
        });
        assertNoCrash(second);
        assert.ok(second.console.includes(`TEST: channel data ${ownKeys} of ${ownKeys} intact`), second.console.filter((l) => l.includes('channel data')).join('\n'));
        const r = idReport(collector, `${size / 1024} KB registry, after the restart`);
        assert.equal(r.duplicated, 0);
        assert.equal(r.lost, 0);
        const registry = await page.registry();
        assert.equal(Object.keys(registry).filter((k) => k.includes(`.${CHANNEL_SECTION}.`)).length, ownKeys, "the channel's keys are all there");
      } finally {
        await page.close();
      }
    });
  }

  /** Unique ids of the media events the collector accepted. */
  const mediaIds = (c: Collector) => new Set(c.messages.filter((m) => m.dt === 'e' && /^(Media Session Start|Play|Pause|Update Playhead Position)$/.test(String(m.n))).map((m) => String(m.id)));

  it('Write and Flush refused (a fault of the registry): no crash, one error line, nothing lost while online', async () => {
    const EVENTS = 150;
    const run = await runChannel({
      channel: registryChannel(collector, API_SECRET, { phase: 'events', ownKeys: 2, events: EVENTS }),
      collector,
      registry: 'clear',
      deviceInfo: registryModel({ sizeBytes: 32768, refuse: { sectionPrefix: 'mParticle_', writes: -1 } }),
      untilCollector: (c) => mediaIds(c).size >= EVENTS,
      timeoutMs: 180000,
    });
    assertNoCrash(run);
    const refusals = run.console.filter((l) => /the registry refused the (state|queue|flush) write \(full, or failing\)/.test(l));
    assert.equal(refusals.length, 1, `logged once:\n${refusals.join('\n')}`);
    assert.equal(mediaIds(collector).size, EVENTS, 'every media event delivered');
    const r = idReport(collector, 'Write/Flush refused');
    assert.equal(r.lost, 0);
    assert.equal(r.duplicated, 0);
  });

  it('writes refused for a while: the SDK tries again later, logs once, and its queue is in the registry after', async () => {
    const page = await openPage(collector);
    try {
      collector.plan(Array.from({ length: 200 }, () => ({ drop: true })));
      const run = await runChannel({
        channel: registryChannel(collector, API_SECRET, { phase: 'events', ownKeys: 2, events: 60 }),
        collector,
        page,
        registry: 'clear',
        deviceInfo: registryModel({ sizeBytes: 32768, refuse: { sectionPrefix: 'mParticle_', writes: 3 } }),
        // The line, then the channel's next print: the flush has reached the registry by then.
        until: (() => {
          let again = false;
          return (l: string) => {
            if (/the registry took the (state|queue|flush) write again/.test(l)) again = true;
            else if (again && /TEST: space -?\d+$/.test(l)) return true;
            return false;
          };
        })(),
        timeoutMs: 180000,
      });
      assertNoCrash(run);
      assert.equal(run.console.filter((l) => /the registry refused the .* write \(full, or failing\)/.test(l)).length, 1, 'logged once');
      const stored = await storedQueue(page);
      assert.ok(stored && stored.messages.length > 0, 'the queue is written again');
    } finally {
      await page.close();
    }
  });

  /**
   * Where a run is stopped: after the n-th line matching `line`, or once the collector has
   * received the n-th batch (whose answer it holds back: the upload is in flight at the stop).
   */
  interface StopPoint {
    what: string;
    line?: RegExp;
    received?: number;
    n: number;
  }
  const STOPS: StopPoint[] = [
    { what: 'before the first post (identity answered late)', line: /queue written:/, n: 2 },
    { what: 'as the first batch goes out', line: /uploading batch/, n: 1 },
    { what: 'with the first batch received, its answer held', received: 1, n: 1 },
    { what: 'after the first batch was accepted', line: /batch \S+ accepted/, n: 1 },
    { what: 'as the second batch goes out', line: /uploading batch/, n: 2 },
    { what: 'with the second batch received, its answer held', received: 2, n: 2 },
    { what: 'after the second batch was accepted', line: /batch \S+ accepted/, n: 2 },
    { what: 'at the first queue write of the run', line: /queue written:/, n: 1 },
  ];

  it('restarts at many points of an upload, under a Task slowed by its queue and answers held 1.5 s: every message delivered exactly once by id', async () => {
    const page = await openPage(collector);
    const deviceInfo = registryModel({ sizeBytes: 32768 });
    let mustArrive = new Set<string>();
    let restarts = 0;
    try {
      for (let round = 0; round < 2; round++) {
        for (let s = 0; s < STOPS.length; s++) {
          const stop = STOPS[s];
          const fresh = round === 0 && s === 0;
          // Each batch answer is held 1.5 s (the upload in flight); the identity answer is held
          // long at the first stop, so that nothing is posted before it.
          collector.plan(Array.from({ length: 20 }, () => ({ delayMs: 1500 })));
          if (stop.line && /before the first post/.test(stop.what)) collector.plan([{ target: 'identity', delayMs: 8000 }]);
          const posts = (c: Collector) => c.requests.filter((r) => r.path.includes('/events')).length;
          const postsBefore = posts(collector);
          let seen = 0;
          const run = await runChannel({
            channel: registryChannel(collector, API_SECRET, { phase: fresh || s % 3 === 0 ? 'events' : 'quiet', ownKeys: 4, events: 120 }),
            collector,
            page,
            registry: fresh ? 'clear' : 'keep',
            deviceInfo,
            until: stop.line ? (l) => stop.line!.test(l) && ++seen >= stop.n : undefined,
            untilCollector: stop.received ? (c) => posts(c) - postsBefore >= stop.received! : undefined,
            timeoutMs: 120000,
          }).catch((e: Error) => {
            throw new Error(`stop "${stop.what}" (round ${round}): ${e.message}`);
          });
          assertNoCrash(run);
          restarts++;
          // What the next run must deliver: the registry as this run left it (a later run may
          // leave out, for the budget, what an earlier one kept).
          mustArrive = new Set((await storedQueue(page))?.messages.map((m) => m.id) ?? []);
          // No reset: the collector keeps every attempt of every run (a held answer lands in a later one).
        }
      }
      const drain = await runChannel({
        channel: registryChannel(collector, API_SECRET, { phase: 'quiet', ownKeys: 4 }),
        collector,
        page,
        deviceInfo,
        untilCollector: (c) => [...mustArrive].every((id) => c.messages.some((m) => m.id === id)),
        timeoutMs: 120000,
      });
      assertNoCrash(drain);
      const r = idReport(collector, `${restarts} restarts at points of an upload`);
      assert.equal(r.duplicated, 0, collector.summary());
      assert.equal(r.lost, 0);
    } finally {
      await page.close();
    }
  });
});
