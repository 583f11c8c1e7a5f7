/**
 * The sample channel built with the REAL generated SDK (generated/), run in the simulator in
 * scripted mode against the loopback collector: what reaches mParticle must be the scripted
 * timeline's media events, in order, with the spec's names and attributes
 * (/work/shared/spec/roku-media-sdk.txt).
 *
 * Expected values come from the channel's own sources where they can: content, ad break, ads
 * and chapters are parsed from SampleCatalog.brs, event names from the spec's method table.
 * Values only the timeline's arithmetic produces (playheads, seek and buffer positions, QoS
 * startup time) are hard-coded below from ScriptedTimeline.brs / PlayerController.brs, the same
 * values the stub test (sample-channel.test.ts) pins as call arguments.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startCollector, toEventsApi, type Collector, type RecordedMessage } from '../collector/collector';
import { runChannel, type RunResult } from '../harness/simulator';
import { buildSampleChannel } from '../../scripts/build';
import { tempDir } from './helpers';
import { dataPlanViolations, formatViolations } from '../../scripts/lib/dataplan';

const ROOT = path.join(__dirname, '..', '..');
const CHANNEL = path.join(ROOT, 'roku-sample-channel');
const SPEC = '/work/shared/spec/roku-media-sdk.txt';

const API_KEY = 'us1-sample-e2e';
const API_SECRET = 'sample-e2e-secret';
const MPID = '4242424242';

// ------------------------------------------------------------------ the channel's own data

interface Ad { id: string; title: string; durationMs: number; advertiser: string; campaign: string; skippable: boolean }
interface Chapter { title: string; startMs: number; durationMs: number }
interface Catalog {
  content: { id: string; title: string; durationMs: number; fps: number };
  adBreak: { id: string; title: string; durationMs: number };
  ads: Ad[];
  chapters: Chapter[];
}

function field(text: string, name: string): string {
  const m = new RegExp(`\\b${name}:\\s*("([^"]*)"|[0-9.]+&?|true|false)`).exec(text);
  if (!m) throw new Error(`SampleCatalog.brs: no ${name} in ${text.slice(0, 80)}`);
  return m[2] ?? m[1].replace(/&$/, '');
}

/** Parses SampleCatalog.brs (its literals: strings, numbers with `&`, booleans). */
function readCatalog(): Catalog {
  const src = readFileSync(path.join(CHANNEL, 'components', 'SampleCatalog.brs'), 'utf8');
  const block = (name: string, open: string, close: string) => {
    const start = src.indexOf(`${name}: ${open}`);
    if (start < 0) throw new Error(`SampleCatalog.brs: no ${name}`);
    return src.slice(start, src.indexOf(close, start) + 1);
  };
  const content = block('content', '{', '}');
  const adBreak = block('adBreak', '{', '}');
  const entries = (list: string) => list.match(/\{[^{}]*\}/g) ?? [];
  return {
    content: { id: field(content, 'id'), title: field(content, 'title'), durationMs: Number(field(content, 'durationMs')), fps: Number(field(content, 'fps')) },
    adBreak: { id: field(adBreak, 'id'), title: field(adBreak, 'title'), durationMs: Number(field(adBreak, 'durationMs')) },
    ads: entries(block('ads', '[', ']')).map((e) => ({
      id: field(e, 'id'),
      title: field(e, 'title'),
      durationMs: Number(field(e, 'durationMs')),
      advertiser: field(e, 'advertiser'),
      campaign: field(e, 'campaign'),
      skippable: field(e, 'skippable') === 'true',
    })),
    chapters: entries(block('chapters', '[', ']')).map((e) => ({ title: field(e, 'title'), startMs: Number(field(e, 'startMs')), durationMs: Number(field(e, 'durationMs')) })),
  };
}

/** The spec's "Media Session API -> Custom Event Name" table: `logPlay() ‘Play’`. */
function specEventNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of readFileSync(SPEC, 'utf8').matchAll(/^(log\w+):?\(\)\s+‘([^’]+)’/gm)) names.set(m[1], m[2]);
  // The spec's table says logUpdateQoS(); mParticle's Roku API (and the sample) call it logQoS.
  names.set('logQoS', names.get('logUpdateQoS')!);
  return names;
}

/**
 * The media calls of the scripted run, in order, with the session's playhead at each call:
 * the order ScriptedTimeline.brs drives PlayerController.brs through (README "What the
 * scripted run logs", the golden list of sample-channel.test.ts). Playheads are hard-coded from
 * the timeline's positions (seconds * 1000).
 */
const TIMELINE: Array<[method: string, playhead: number]> = [
  ['logMediaSessionStart', 0],
  ['logEvent', 0], // "Custom Media Event", CUSTOM_EVENT_TYPE.MEDIA
  ['logAdBreakStart', 0],
  ['logAdStart', 0], ['logAdEnd', 0], ['logAdSummary', 0],
  ['logAdStart', 0], ['logAdSkip', 0], ['logAdSummary', 0],
  ['logAdBreakEnd', 0],
  ['logQoS', 0], ['logPlay', 0], ['logSegmentStart', 0],
  ['logPlayheadPosition', 10000], ['logPlayheadPosition', 20000],
  ['logPause', 25000], ['logPlay', 25000], ['logPlayheadPosition', 35000],
  ['logBufferStart', 36000], ['logBufferEnd', 36000],
  ['logSeekStart', 37000], ['logSeekEnd', 200000], ['logSegmentSkip', 200000], ['logSegmentSummary', 200000], ['logSegmentStart', 200000],
  ['logPlayheadPosition', 210000],
  ['logSeekStart', 210000], ['logSeekEnd', 415000], ['logSegmentEnd', 420000], ['logSegmentSummary', 420000], ['logSegmentStart', 420000],
  ['logPlayheadPosition', 420000],
  ['logSeekStart', 425000], ['logSeekEnd', 590000],
  ['logSegmentEnd', 596000], ['logSegmentSummary', 596000],
  ['logMediaContentEnd', 596000], ['logMediaSessionEnd', 596000], ['logMediaSessionSummary', 596000],
];

// From ScriptedTimeline.brs / PlayerController.brs (hard-coded: the timeline's arithmetic).
/** Seek Start/End positions: 37 s -> 200 s, 210 s -> 415 s, 425 s -> 590 s. */
const SEEK_POSITIONS = [37000, 200000, 210000, 415000, 425000, 590000];
/** logBufferStart(0, 20 %, 36 s), logBufferEnd(2000 ms = clock 63400 - 61400, 100 %, 36 s). */
const BUFFER = { start: { buffer_duration: '0', buffer_percent: '20', buffer_position: '36000' }, end: { buffer_duration: '2000', buffer_percent: '100', buffer_position: '36000' } };
/** QoS: startup 1400 ms (play at clock 20400 - content requested at 19000), 0 dropped, bitrate of the first playing update. */
const QOS = { qos_startup_time: '1400', qos_dropped_frames: '0', qos_bitrate: '2500000' };
/** Segments the timeline leaves by seeking (the rest it plays to their end): "Opening" (seek 37 s -> 200 s). */
const SKIPPED_CHAPTERS = new Set(['Opening']);

// Attributes every media event carries (the spec's Example Event has these seven).
const SESSION_KEYS = ['media_session_id', 'content_id', 'content_title', 'content_duration', 'content_type', 'stream_type', 'playhead_position'];

describe('sample channel end to end: the real generated SDK in the simulator, against the collector', function () {
  this.timeout(180000);
  const catalog = readCatalog();
  const names = specEventNames();
  let tmp: ReturnType<typeof tempDir>;
  let collector: Collector;
  let run: RunResult;
  let media: RecordedMessage[];

  const expectedNames = TIMELINE.map(([method]) => (method === 'logEvent' ? 'Custom Media Event' : names.get(method)));
  const lastName = expectedNames[expectedNames.length - 1]!;

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
        // Long enough that the run normally ends on the collector's side (untilCollector) once
        // the last event arrived; the channel's own exit is the fallback.
        exitDelayMillis: 30000,
        endpoints: { events: collector.baseUrl, identity: collector.baseUrl },
      },
    });
    run = await runChannel({
      channel: { dir: stagingDir },
      collector,
      timeoutMs: 120000,
      untilCollector: (c) => c.events(lastName).length > 0 && c.messages.some((m) => m.dt === 'v'),
    });
    media = collector.events().filter((m) => m.et === 'media');
  });
  after(async () => {
    await collector?.close();
    tmp?.cleanup();
  });

  const context = () => `\nconsole (last 40):\n${run.console.slice(-40).join('\n')}\ncollector:\n${collector.summary()}`;

  it('runs without a crash or a BrightScript error', () => {
    assert.equal(run.crashed, false, context());
    const problems = run.console.filter((l) => /runtime error|Type Mismatch|BRIGHTSCRIPT: ERROR|Member function not found|pageerror|Backtrace/i.test(l));
    assert.deepEqual(problems, [], context());
  });

  it('the channel logs the scripted timeline in the order this test expects', () => {
    // The [sample] lines of the run, mapped to methods, must be the TIMELINE above: the expected
    // event order is then the order the channel itself logged.
    const logged = run.console
      .filter((l) => /^\[sample\] log\w+/.test(l) && !l.startsWith('[sample] logScreenEvent'))
      .map((l) => /^\[sample\] (log\w+)/.exec(l)![1]);
    assert.deepEqual(logged, TIMELINE.map(([m]) => m), context());
  });

  it('identifies with a valid signature and uses the mpid of the answer', () => {
    const identify = collector.identityRequests.filter((r) => r.kind === 'identify');
    assert.ok(identify.length >= 1, context());
    for (const r of identify) {
      assert.equal(r.signatureValid, true, `identify signature${context()}`);
      assert.equal(r.apiKeyValid, true, 'x-mp-key');
    }
    assert.ok(collector.batchAttempts.length > 0, context());
    for (const a of collector.batchAttempts) {
      assert.equal(a.request.signatureValid, true, `signature of batch ${a.batch.id}`);
      assert.equal(a.request.apiKeyValid, true, `API key of batch ${a.batch.id}`);
      assert.equal(a.batch.mpid, MPID, `mpid of batch ${a.batch.id}`);
    }
  });

  it('delivers no message twice', () => {
    const ids = collector.messages.map((m) => String(m.id));
    const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
    assert.deepEqual(dup, [], context());
    assert.ok(ids.every((id) => id && id !== 'undefined'), 'every message has an id');
  });

  it('delivers the custom media events in the timeline order, with the spec names', () => {
    assert.deepEqual(media.map((m) => m.n), expectedNames, context());
  });

  it('delivers the screen view "Player"', () => {
    const views = collector.messages.filter((m) => m.dt === 'v');
    assert.deepEqual(views.map((m) => m.n), ['Player'], context());
  });

  it('every media event carries the session attributes as strings, with the playhead of its call', () => {
    const sessionIds = new Set<string>();
    media.forEach((m, i) => {
      const a = m.attrs ?? {};
      const where = `#${i} ${m.n}: ${JSON.stringify(a)}`;
      for (const [k, v] of Object.entries(a)) assert.equal(typeof v, 'string', `${where}: ${k} is not a string`);
      if (m.n === 'Custom Media Event') {
        // logEvent, not a media API call: only the channel's own attributes.
        assert.equal(a.content_id, catalog.content.id, where);
        assert.equal(a.sample_trigger, 'autoplay', where); // PlayerController.brs player_start
        return;
      }
      for (const k of SESSION_KEYS) assert.ok(k in a, `${where}: ${k} missing`);
      assert.equal(a.content_id, catalog.content.id, where);
      assert.equal(a.content_title, catalog.content.title, where);
      assert.equal(a.content_duration, String(catalog.content.durationMs), where);
      assert.equal(a.content_type, 'Video', where); // MEDIA_CONTENT_TYPE.VIDEO
      assert.equal(a.stream_type, 'OnDemand', where); // MEDIA_STREAM_TYPE.ON_DEMAND
      assert.equal(a.playhead_position, String(TIMELINE[i][1]), where);
      assert.match(String(a.media_session_id), /\S/, where);
      sessionIds.add(String(a.media_session_id));
    });
    assert.equal(sessionIds.size, 1, `one media session: ${[...sessionIds].join(', ')}`);
  });

  it('ad break and ad events carry the catalog ad break and ads', () => {
    const br = catalog.adBreak;
    for (const m of media.filter((e) => /^Ad /.test(String(e.n)))) {
      const a = m.attrs ?? {};
      const where = `${m.n}: ${JSON.stringify(a)}`;
      assert.equal(a.ad_break_id, br.id, where);
      assert.equal(a.ad_break_title, br.title, where);
      assert.equal(a.ad_break_duration, String(br.durationMs), where);
    }
    const adEvents = media.filter((e) => ['Ad Start', 'Ad End', 'Ad Skip', 'Ad Session Summary'].includes(String(e.n)));
    // Ad 1 plays to its end, ad 2 (the skippable one) is skipped: start, end|skip, summary each.
    const expectedAdIds = catalog.ads.flatMap((ad) => [ad.id, ad.id, ad.id]);
    assert.deepEqual(adEvents.map((e) => e.attrs?.ad_content_id), expectedAdIds, context());
    for (const m of adEvents) {
      const a = m.attrs ?? {};
      const index = catalog.ads.findIndex((ad) => ad.id === a.ad_content_id);
      const ad = catalog.ads[index];
      const where = `${m.n} ${ad.id}: ${JSON.stringify(a)}`;
      assert.equal(a.ad_content_title, ad.title, where);
      assert.equal(a.ad_content_duration, String(ad.durationMs), where);
      assert.equal(a.ad_content_advertiser, ad.advertiser, where);
      assert.equal(a.ad_content_campaign, ad.campaign, where);
      assert.equal(a.ad_content_position, String(index), where); // adContent.position = index in the break
    }
    // The ad content is cleared after its summary: Ad Break End carries none.
    const breakEnd = media.find((e) => e.n === 'Ad Break End');
    assert.ok(breakEnd && !('ad_content_id' in (breakEnd.attrs ?? {})), JSON.stringify(breakEnd?.attrs));
  });

  it('Ad Session Summary: the skipped ad says skipped, the other completed', () => {
    const summaries = media.filter((e) => e.n === 'Ad Session Summary');
    assert.equal(summaries.length, catalog.ads.length, context());
    for (const m of summaries) {
      const a = m.attrs ?? {};
      // The timeline's skipAd action falls in the skippable ad (ad 2); ad 1 is not skippable.
      const skipped = catalog.ads.find((ad) => ad.id === a.ad_content_id)!.skippable;
      assert.equal(a.ad_skipped, String(skipped), `${a.ad_content_id}: ${JSON.stringify(a)}`);
      assert.equal(a.ad_completed, String(!skipped), `${a.ad_content_id}: ${JSON.stringify(a)}`);
    }
  });

  it('seek, buffer and QoS events carry their positions and measures', () => {
    const seeks = media.filter((e) => e.n === 'Seek Start' || e.n === 'Seek End');
    assert.deepEqual(seeks.map((e) => e.attrs?.seek_position), SEEK_POSITIONS.map(String), context());
    const pick = (m: RecordedMessage | undefined, keys: string[]) => Object.fromEntries(keys.map((k) => [k, m?.attrs?.[k]]));
    const bufferKeys = ['buffer_duration', 'buffer_percent', 'buffer_position'];
    assert.deepEqual(pick(media.find((e) => e.n === 'Buffer Start'), bufferKeys), BUFFER.start);
    assert.deepEqual(pick(media.find((e) => e.n === 'Buffer End'), bufferKeys), BUFFER.end);
    const qos = media.find((e) => e.n === 'Update QoS');
    assert.deepEqual(pick(qos, ['qos_startup_time', 'qos_dropped_frames', 'qos_bitrate']), QOS);
    assert.equal(Number(qos?.attrs?.qos_fps), catalog.content.fps, JSON.stringify(qos?.attrs));
  });

  it('segment events follow the catalog chapters; summaries say skipped or completed as the timeline did', () => {
    const starts = media.filter((e) => e.n === 'Segment Start');
    assert.deepEqual(starts.map((e) => e.attrs?.segment_title), catalog.chapters.map((c) => c.title), context());
    for (const m of media.filter((e) => /^Segment /.test(String(e.n)))) {
      const a = m.attrs ?? {};
      const index = catalog.chapters.findIndex((c) => c.title === a.segment_title);
      assert.ok(index >= 0, `${m.n}: ${JSON.stringify(a)}`);
      assert.equal(a.segment_index, String(index), `${m.n}: ${JSON.stringify(a)}`);
      assert.equal(a.segment_duration, String(catalog.chapters[index].durationMs), `${m.n}: ${JSON.stringify(a)}`);
    }
    const summaries = media.filter((e) => e.n === 'Segment Session Summary');
    assert.deepEqual(summaries.map((e) => e.attrs?.segment_title), catalog.chapters.map((c) => c.title));
    for (const m of summaries) {
      const a = m.attrs ?? {};
      const skipped = SKIPPED_CHAPTERS.has(String(a.segment_title));
      assert.equal(a.segment_skipped, String(skipped), `${a.segment_title}: ${JSON.stringify(a)}`);
      assert.equal(a.segment_completed, String(!skipped), `${a.segment_title}: ${JSON.stringify(a)}`);
    }
  });

  it('Media Session Summary: ads, ad ids in order, segments started, content complete', () => {
    const summary = media.find((e) => e.n === 'Media Session Summary');
    assert.ok(summary, context());
    const a = summary.attrs ?? {};
    assert.equal(a.media_session_ad_total, String(catalog.ads.length), JSON.stringify(a));
    assert.deepEqual(JSON.parse(String(a.media_session_ad_objects)), catalog.ads.map((ad) => ad.id), JSON.stringify(a));
    assert.equal(a.media_session_segment_total, String(media.filter((e) => e.n === 'Segment Start').length), JSON.stringify(a));
    assert.equal(a.media_session_segment_total, String(catalog.chapters.length), JSON.stringify(a));
    assert.equal(a.media_content_complete, 'true', JSON.stringify(a));
  });

  it("translates to the spec's Example Event form without problems", () => {
    for (const batch of collector.batches) {
      const view = toEventsApi(batch);
      assert.deepEqual(view.problems, [], `batch ${batch.id}`);
      assert.equal(view.mpid, MPID);
      assert.equal(view.environment, 'development');
    }
    const play = collector.batches.flatMap((b) => toEventsApi(b).events).find((e) => e.data.event_name === 'Play');
    assert.ok(play, context());
    assert.equal(play.event_type, 'custom_event');
    assert.equal(play.data.custom_event_type, 'media');
    assert.deepEqual(play.data.custom_flags, {});
    assert.match(play.data.timestamp_unixtime_ms, /^\d+$/);
    assert.match(String(play.data.session_uuid), /\S/);
    assert.match(String(play.data.session_start_unixtime_ms), /^\d+$/);
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
