/**
 * The sample channel built with the REAL generated SDK (generated/), run in the simulator in
 * scripted mode against the loopback collector. The sample makes no media call itself: it
 * hands a stand-in of its player to `trackVideo` and RAF's events to `mParticleRafCallback`;
 * what reaches mParticle must be the media events the SDK's mapping gives for the scripted
 * timeline, in order, with the spec's names and attributes.
 *
 * The content is parsed from SampleCatalog.brs and the ads from ScriptedTimeline.brs; event
 * names come from the schema's media API table (src-ts/schema/media-apis.ts, which
 * test/schema/media-apis.test.ts checks against the spec page's table). Positions and QoS values are the timeline's
 * (ScriptedTimeline.brs), hard-coded below.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startCollector, toEventsApi, type Collector, type RecordedMessage } from '../../sim/collector/collector';
import { runChannel, type RunResult } from '../../sim/engine/simulator';
import { buildSampleChannel } from '../../scripts/build';
import { tempDir } from './helpers';
import { dataPlanViolations, formatViolations } from '../../sim/live/dataplan';
import { MEDIA_APIS } from '../../src-ts/schema/media-apis';

const ROOT = path.join(__dirname, '..', '..');
const CHANNEL = path.join(ROOT, 'roku-sample-channel');

const API_KEY = 'us1-sample-e2e';
const API_SECRET = 'sample-e2e-secret';
const MPID = '4242424242';

function field(text: string, name: string, file: string): string {
  const m = new RegExp(`\\b${name}:\\s*("([^"]*)"|[0-9.]+&?|true|false)`).exec(text);
  if (!m) throw new Error(`${file}: no ${name} in ${text.slice(0, 80)}`);
  return m[2] ?? m[1].replace(/&$/, '');
}

/** The content of SampleCatalog.brs. */
function readContent(): { id: string; title: string; durationMs: number; fps: number } {
  const src = readFileSync(path.join(CHANNEL, 'components', 'SampleCatalog.brs'), 'utf8');
  const start = src.indexOf('content: {');
  const block = src.slice(start, src.indexOf('}', start) + 1);
  const f = (n: string) => field(block, n, 'SampleCatalog.brs');
  return { id: f('id'), title: f('title'), durationMs: Number(f('durationMs')), fps: Number(f('fps')) };
}

/** The ads of ScriptedTimeline.brs (`ad1 = {...}`, `ad2 = {...}`). */
function readAds(): Array<{ id: string; title: string; advertiser: string; creative: string; durationMs: number }> {
  const src = readFileSync(path.join(CHANNEL, 'components', 'ScriptedTimeline.brs'), 'utf8');
  return [...src.matchAll(/^\s*ad\d = (\{[^\n]*\})$/gm)].map((m) => {
    const f = (n: string) => field(m[1], n, 'ScriptedTimeline.brs');
    return { id: f('adid'), title: f('adtitle'), advertiser: f('advertiser'), creative: f('creativeid'), durationMs: Number(f('duration')) * 1000 };
  });
}

/** Event names by media API method (and alias): the spec's "Media Session API -> Custom Event Name" table. */
function specEventNames(): Map<string, string> {
  return new Map(MEDIA_APIS.flatMap((a) => [a.method, ...(a.aliases ?? [])].map((n) => [n, a.event] as const)));
}

/**
 * The media events of the scripted run, by API method, with the session's playhead at each:
 * the SDK's mapping of ScriptedTimeline.brs (README "What the scripted run reports").
 */
const TIMELINE: Array<[method: string, playhead: number]> = [
  ['logMediaSessionStart', 0],
  ['logEvent', 0], // "Custom Media Event", CUSTOM_EVENT_TYPE.MEDIA
  ['logAdBreakStart', 0],
  ['logAdStart', 0], ['logAdEnd', 0],
  ['logAdStart', 0], ['logAdClick', 0], ['logAdSkip', 0],
  ['logAdBreakEnd', 0],
  ['logQoS', 0], ['logPlay', 0],
  ['logPlayheadPosition', 1000], ['logPlayheadPosition', 2000], ['logPlayheadPosition', 3000], ['logPlayheadPosition', 4000], ['logPlayheadPosition', 5000],
  ['logPause', 5000], ['logPlay', 5000],
  ['logSeekStart', 5000], ['logSeekEnd', 200000],
  ['logPlayheadPosition', 201000], ['logPlayheadPosition', 202000],
  ['logBufferStart', 202000], ['logBufferEnd', 202000],
  ['logQoS', 202000],
  ['logPlayheadPosition', 203000], ['logPlayheadPosition', 204000],
  ['logSeekStart', 204000], ['logSeekEnd', 593000],
  ['logPlayheadPosition', 594000], ['logPlayheadPosition', 595000], ['logPlayheadPosition', 596000],
  ['logMediaContentEnd', 596000],
  ['logMediaSessionEnd', 596000],
];

/** Seek Start/End positions: 5 s -> 200 s, 204 s -> 593 s. */
const SEEK_POSITIONS = [5000, 200000, 204000, 593000];

const SESSION_KEYS = ['media_session_id', 'content_id', 'content_title', 'content_duration', 'content_type', 'stream_type', 'playhead_position'];

describe('sample channel end to end: the real generated SDK in the simulator, against the collector', function () {
  this.timeout(180000);
  const content = readContent();
  const ads = readAds();
  const names = specEventNames();
  let tmp: ReturnType<typeof tempDir>;
  let collector: Collector;
  let run: RunResult;
  let media: RecordedMessage[];

  const expectedNames = TIMELINE.map(([method]) => (method === 'logEvent' ? 'Custom Media Event' : names.get(method)));

  before(async function () {
    tmp = tempDir('mp-sample-e2e-');
    collector = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET, mpid: MPID });
    const { stagingDir } = await buildSampleChannel({
      generatedDir: path.join(ROOT, 'generated'),
      outDir: path.join(tmp.dir, 'out'),
      env: {},
      localConfigPath: false,
      log: () => undefined,
      config: {
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        logLevel: 'info',
        scripted: true,
        stepMillis: 50,
        // The run ends on the collector's side once the last event arrived, never by the
        // channel's own exit (a delay a slow machine could outrun).
        exitDelayMillis: 600000,
        endpoints: { events: collector.baseUrl, identity: collector.baseUrl },
      },
    });
    run = await runChannel({
      channel: { dir: stagingDir },
      collector,
      timeoutMs: 120000,
      untilCollector: (c) => c.events('Media Session End').length > 0 && c.messages.some((m) => m.dt === 'v'),
    });
    media = collector.events().filter((m) => m.et === 'media');
  });
  after(async () => {
    await collector?.close();
    tmp?.cleanup();
  });

  const context = () => `\nconsole (last 40):\n${run.console.slice(-40).join('\n')}\ncollector:\n${collector.summary()}`;

  it('runs without a crash, a BrightScript error or an SDK error', () => {
    assert.equal(run.crashed, false, context());
    const problems = run.console.filter((l) => /runtime error|Type Mismatch|BRIGHTSCRIPT: ERROR|Member function not found|pageerror|Backtrace|mParticle SDK \[ERROR\]/i.test(l));
    assert.deepEqual(problems, [], context());
  });

  it('identifies with a valid signature and uses the mpid of the answer', () => {
    const identify = collector.identityRequests.filter((r) => r.kind === 'identify');
    assert.ok(identify.length >= 1, context());
    for (const r of identify) assert.equal(r.signatureValid, true, `identify signature${context()}`);
    assert.ok(collector.batchAttempts.length > 0, context());
    for (const a of collector.batchAttempts) {
      assert.equal(a.request.signatureValid, true, `signature of batch ${a.batch.id}`);
      assert.equal(a.batch.mpid, MPID, `mpid of batch ${a.batch.id}`);
    }
  });

  it('delivers no message twice', () => {
    const ids = collector.messages.map((m) => String(m.id));
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], context());
  });

  it('delivers the media events of the timeline in order, with the spec names', () => {
    assert.deepEqual(media.map((m) => m.n), expectedNames, context());
  });

  it('delivers the screen view "Player"', () => {
    assert.deepEqual(collector.messages.filter((m) => m.dt === 'v').map((m) => m.n), ['Player'], context());
  });

  it('every media event carries the session attributes as strings, with the playhead of its moment', () => {
    const sessionIds = new Set<string>();
    media.forEach((m, i) => {
      const a = m.attrs ?? {};
      const where = `#${i} ${m.n}: ${JSON.stringify(a)}`;
      for (const [k, v] of Object.entries(a)) assert.equal(typeof v, 'string', `${where}: ${k} is not a string`);
      if (m.n === 'Custom Media Event') {
        assert.equal(a.content_id, content.id, where);
        assert.equal(a.sample_trigger, 'autoplay', where);
        return;
      }
      for (const k of SESSION_KEYS) assert.ok(k in a, `${where}: ${k} missing`);
      assert.equal(a.content_id, content.id, where);
      assert.equal(a.content_title, content.title, where);
      assert.equal(a.content_duration, String(content.durationMs), where);
      assert.equal(a.content_type, 'Video', where);
      assert.equal(a.stream_type, 'OnDemand', where);
      assert.equal(a.playhead_position, String(TIMELINE[i][1]), where);
      sessionIds.add(String(a.media_session_id));
    });
    assert.equal(sessionIds.size, 1, `one media session: ${[...sessionIds].join(', ')}`);
  });

  it('ad events carry the RAF pre-roll and the timeline ads', () => {
    const inBreak = media.filter((e) => ['Ad Break Start', 'Ad Start', 'Ad End', 'Ad Click', 'Ad Skip'].includes(String(e.n)));
    for (const m of inBreak) {
      const a = m.attrs ?? {};
      assert.equal(a.ad_break_id, 'preroll-1', `${m.n}: ${JSON.stringify(a)}`);
      assert.equal(a.ad_break_title, 'preroll');
      assert.equal(a.ad_break_duration, '25000');
    }
    const adEvents = media.filter((e) => ['Ad Start', 'Ad End', 'Ad Click', 'Ad Skip'].includes(String(e.n)));
    assert.deepEqual(adEvents.map((e) => e.attrs?.ad_content_id), [ads[0].id, ads[0].id, ads[1].id, ads[1].id, ads[1].id], context());
    for (const m of adEvents) {
      const a = m.attrs ?? {};
      const index = ads.findIndex((ad) => ad.id === a.ad_content_id);
      const ad = ads[index];
      const where = `${m.n} ${ad.id}: ${JSON.stringify(a)}`;
      assert.equal(a.ad_content_title, ad.title, where);
      assert.equal(a.ad_content_advertiser, ad.advertiser, where);
      assert.equal(a.ad_content_creative, ad.creative, where);
      assert.equal(a.ad_content_duration, String(ad.durationMs), where);
      assert.equal(a.ad_content_position, String(index + 1), where); // RAF's adIndex
    }
    const breakEnd = media.find((e) => e.n === 'Ad Break End');
    assert.ok(breakEnd && !('ad_content_id' in (breakEnd.attrs ?? {})), JSON.stringify(breakEnd?.attrs));
  });

  it('seek, buffer and QoS events carry their positions and measures', () => {
    const seeks = media.filter((e) => e.n === 'Seek Start' || e.n === 'Seek End');
    assert.deepEqual(seeks.map((e) => e.attrs?.seek_position), SEEK_POSITIONS.map(String), context());
    const bufferStart = media.find((e) => e.n === 'Buffer Start')?.attrs ?? {};
    const bufferEnd = media.find((e) => e.n === 'Buffer End')?.attrs ?? {};
    assert.equal(bufferStart.buffer_position, '202000');
    assert.equal(bufferEnd.buffer_position, '202000');
    assert.equal(bufferEnd.buffer_percent, '100');
    assert.match(String(bufferEnd.buffer_duration), /^\d+$/);
    const [first, second] = media.filter((e) => e.n === 'Update QoS').map((e) => e.attrs ?? {});
    assert.equal(first.qos_startup_time, '1400', 'timeToStartStreaming 1.4 s');
    assert.equal(first.qos_bitrate, '2500000');
    assert.equal(Number(first.qos_fps), content.fps);
    assert.equal(second.qos_bitrate, '1200000');
  });

  it('ends the session with the reason the sample gives', () => {
    const end = media.find((e) => e.n === 'Media Session End');
    assert.equal(end?.attrs?.end_reason, 'finished', context());
  });

  it("translates to the spec's Example Event form without problems", () => {
    for (const batch of collector.batches) {
      const view = toEventsApi(batch);
      assert.deepEqual(view.problems, [], `batch ${batch.id}`);
      assert.equal(view.mpid, MPID);
    }
    const play = collector.batches.flatMap((b) => toEventsApi(b).events).find((e) => e.data.event_name === 'Play');
    assert.ok(play, context());
    assert.equal(play.data.custom_event_type, 'media');
    for (const k of SESSION_KEYS) assert.equal(typeof play.data.custom_attributes[k], 'string', k);
  });

  it('conforms to generated/dataplan.json: zero violations from the offline validator', async () => {
    assert.ok(collector.batches.length > 0);
    for (const b of collector.batches) {
      const violations = await dataPlanViolations(b);
      assert.deepEqual(violations, [], `batch ${b.id}:\n${formatViolations(violations)}`);
    }
  });
});
