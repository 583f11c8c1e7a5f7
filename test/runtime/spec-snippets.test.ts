/**
 * The spec page's Roku snippets (roku-media-sdk.txt), verbatim and in the page's order, run
 * in the simulator with the generated SDK against the loopback collector: Task creation with
 * its two ObserveField lines, mParticleSGBridge, the media session, every media call of the
 * page including the advertising flow and the summaries, and the custom media event. The
 * test asserts on what the collector received.
 */
import { strict as assert } from 'assert';
import { startCollector, toEventsApi, type Collector, type NativeMessage } from '../../sim/collector/collector';
import { runChannel } from '../../sim/engine/simulator';
import { sceneChannel } from './channel';
import { dataPlanViolations, formatViolations } from '../../sim/live/dataplan';

const API_KEY = 'us1-specsnippets';
const API_SECRET = 'spec-snippets-secret';

// Lines quoted from the spec page are marked; the rest only declares what the page assumes
// (mpConstants, the observer callbacks) and uploads at the end.
const SCENE_BRS = `sub init()
    mpConstants = mParticleConstants()
    'Create the mParticle Task Node
    m.mParticleTask = createObject("roSGNode","mParticleTask")
    m.mParticleTask.ObserveField(mParticleConstants().SCENEGRAPH_NODES.IDENTITY_RESULT_NODE, "onIdentityResult")
    m.mParticleTask.ObserveField(mParticleConstants().SCENEGRAPH_NODES.CURRENT_USER_NODE, "onCurrentUserChanged")
    m.mparticle = mParticleSGBridge(m.mParticleTask)

    ' 1. Start a session
    customAttributes = { "example custom attribute": "example custom attribute value" }
    mediaSession = mpConstants.MediaSession.build("ABC123", "Space Pilot 3000", mparticleConstants().MEDIA_CONTENT_TYPE.VIDEO, mparticleConstants().MEDIA_STREAM_TYPE.LIVE_STREAM, 1800000)
    m.mparticle.media.logMediaSessionStart(mediaSession, customAttributes)
    ' 2. Log a play event
    customAttributes = {"Source" : "Auto Playback"}
    m.mparticle.media.logPlay(mediaSession, customAttributes)
    ' 3. Pause
    mediaSession.currentPlayheadPosition = 1900
    customAttributes = {"Source" : "Player Controls"}
    m.mparticle.media.logPause(mediaSession, customAttributes)

    ' Logging Advertising 1. AdBreakStart
    adBreak = mpConstants.adBreak.build("XYZ123", "Gamer Ad Collection")
    adBreak.duration = 32000
    mediaSession.adBreak = adBreak
    m.mparticle.media.logAdBreakStart(mediaSession, customAttributes)
    ' 2. AdStart
    adContent = mpConstants.adContent.build("ABC890", "CP 2077 - Be Cool, Be Anything")
    adContent.duration = 16000
    adContent.position = 0
    adContent.campaign = "CP 2077 Preorder Push"
    mediaSession.adContent = adContent
    mediaSession.mediaContentTimeSpent = 1950
    m.mparticle.media.logAdStart(mediaSession, customAttributes)
    ' 3. AdEnd and Ad Session Summary
    customAttributes = { "click_timestamp_ms": 1593007533602 }
    mediaSession.adContent.position = 800
    mediaSession.mediaContentTimeSpent = 2750
    m.mparticle.media.logAdEnd(mediaSession, customAttributes)
    m.mparticle.media.logAdSummary(mediaSession, customAttributes)
    mediaSession.adContent = invalid
    ' 4. AdBreakEnd
    m.mparticle.media.logAdBreakEnd(mediaSession, customAttributes)
    mediaSession.adBreak = invalid

    ' 4. End the Media Content, 5. End the Media Session, 6. Session Summary
    m.mparticle.media.logMediaContentEnd(mediaSession, customAttributes)
    m.mparticle.media.logMediaSessionEnd(mediaSession, customAttributes)
    m.mparticle.media.logMediaSessionSummary(mediaSession, customAttributes)

    ' Custom Media Events
    customAttributes = {"example custom attribute" : "example custom attribute value"}
    m.mparticle.logEvent("Custom Media Event", mparticleConstants().CUSTOM_EVENT_TYPE.MEDIA, customAttributes)
    m.mparticle.upload()
end sub

sub onIdentityResult()
end sub

sub onCurrentUserChanged()
end sub
`;

const EXPECTED = [
  'Media Session Start',
  'Play',
  'Pause',
  'Ad Break Start',
  'Ad Start',
  'Ad End',
  'Ad Session Summary',
  'Ad Break End',
  'Media Content End',
  'Media Session End',
  'Media Session Summary',
  'Custom Media Event',
];

function channel(collector: Collector) {
  return sceneChannel(collector, API_SECRET, {
    title: 'spec snippets',
    scene: 'SpecScene',
    options: ['logLevel: 1', 'uploadIntervalMillis: 1000'],
    sceneBrs: SCENE_BRS,
  });
}

describe('runtime: the spec page snippets against the collector', function () {
  this.timeout(120000);
  let collector: Collector;
  let events: NativeMessage[];

  before(async () => {
    collector = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET });
    const run = await runChannel({
      collector,
      channel: channel(collector),
      timeoutMs: 90000,
      untilCollector: (c) => c.events().some((m) => m.n === 'Custom Media Event'),
    });
    assert.equal(run.crashed, false, run.console.slice(-30).join('\n'));
    assert.deepEqual(run.console.filter((l) => /BRIGHTSCRIPT: ERROR|mParticle SDK \[ERROR\]/.test(l)), []);
    events = collector.events();
  });
  after(async () => collector.close());

  it('identifies, then uploads signed batches with the MPID it was given, each message once', () => {
    assert.equal(collector.identityRequests.length >= 1, true);
    for (const r of collector.requests) assert.ok(r.signatureValid, `${r.path} has a bad signature`);
    for (const b of collector.batches) assert.equal(b.mpid, collector.mpid);
    const ids = collector.messages.map((m) => String(m.id));
    assert.equal(new Set(ids).size, ids.length, 'a message id arrived twice');
  });

  it('delivers every event of the page with the spec names, in order', () => {
    assert.deepEqual(events.map((m) => m.n), EXPECTED);
    for (const m of events) assert.equal(m.et, 'media', `${m.n} is a media custom event`);
  });

  it('puts the content attributes, all strings, on every media event', () => {
    for (const m of events.filter((e) => e.n !== 'Custom Media Event')) {
      const a = m.attrs as Record<string, unknown>;
      assert.equal(a.content_id, 'ABC123', m.n);
      assert.equal(a.content_title, 'Space Pilot 3000', m.n);
      assert.equal(a.content_duration, '1800000', m.n);
      assert.equal(a.content_type, 'Video', m.n);
      assert.equal(a.stream_type, 'LiveStream', m.n);
      assert.match(String(a.media_session_id), /^[0-9a-f-]{36}$/i, m.n);
      for (const [k, v] of Object.entries(a)) assert.equal(typeof v, 'string', `${m.n}.${k}`);
    }
    const byName = (n: string) => events.find((e) => e.n === n)!.attrs as Record<string, string>;
    assert.equal(byName('Play').playhead_position, '0');
    assert.equal(byName('Pause').playhead_position, '1900');
    assert.equal(byName('Play').Source, 'Auto Playback');
    assert.equal(byName('Pause').Source, 'Player Controls');
  });

  it('sends the ad break and ad attributes the page sets, and the numeric custom attribute as a string', () => {
    const byName = (n: string) => events.find((e) => e.n === n)!.attrs as Record<string, string>;
    const start = byName('Ad Start');
    assert.equal(start.ad_break_id, 'XYZ123');
    assert.equal(start.ad_break_title, 'Gamer Ad Collection');
    assert.equal(start.ad_break_duration, '32000');
    assert.equal(start.ad_content_id, 'ABC890');
    assert.equal(start.ad_content_title, 'CP 2077 - Be Cool, Be Anything');
    assert.equal(start.ad_content_duration, '16000');
    assert.equal(start.ad_content_campaign, 'CP 2077 Preorder Push');
    assert.equal(start.ad_content_position, '0');
    const end = byName('Ad End');
    assert.equal(end.ad_content_position, '800');
    assert.equal(end.click_timestamp_ms, '1593007533602');
    const summary = byName('Ad Session Summary');
    assert.equal(summary.ad_content_id, 'ABC890');
    assert.equal(summary.ad_completed, 'true');
    assert.equal(summary.ad_skipped, 'false');
    assert.ok(Number(summary.ad_content_end_time) >= Number(summary.ad_content_start_time));
    assert.equal(byName('Ad Break End').ad_content_id, undefined, 'the ad was cleared before Ad Break End');
    assert.equal(byName('Media Content End').ad_break_id, undefined, 'the break was cleared');
  });

  it('summarizes the session with the right totals and flags', () => {
    const s = events.find((e) => e.n === 'Media Session Summary')!.attrs as Record<string, string>;
    assert.equal(s.media_session_ad_total, '1');
    assert.equal(s.media_session_ad_objects, '["ABC890"]');
    assert.equal(s.media_session_segment_total, '0');
    assert.equal(s.media_content_complete, 'true');
    assert.ok(Number(s.media_session_end_time) >= Number(s.media_session_start_time));
    assert.match(s.media_time_spent, /^\d+$/);
    assert.match(s.media_content_time_spent, /^\d+$/);
  });

  it('logs the custom media event with its attribute, in the Example Event form downstream', () => {
    const custom = events.find((e) => e.n === 'Custom Media Event')!;
    assert.equal((custom.attrs as Record<string, string>)['example custom attribute'], 'example custom attribute value');
    for (const b of collector.batches) {
      const translated = toEventsApi(b);
      assert.deepEqual(translated.problems, []);
      for (const e of translated.events) {
        assert.equal(e.event_type, 'custom_event');
        assert.equal(e.data.custom_event_type, 'media');
        assert.match(e.data.timestamp_unixtime_ms, /^\d{13}$/);
      }
    }
  });

  it('conforms to generated/dataplan.json: zero violations from the offline validator', async () => {
    assert.ok(collector.batches.length > 0);
    for (const b of collector.batches) {
      const violations = await dataPlanViolations(b);
      assert.deepEqual(violations, [], `batch ${b.id}:\n${formatViolations(violations)}`);
    }
  });
});
