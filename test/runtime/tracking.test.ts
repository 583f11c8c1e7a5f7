/**
 * Automatic tracking in the simulator with the generated SDK, against the collector:
 *
 * - a stand-in node with the Video node's fields, driven through a timeline by the scene, handed
 *   over with `m.mparticle.media.trackVideo`: the Task observes it on its own port and the
 *   collector must receive exactly the media events of the mapping, in order, with their
 *   positions and QoS values;
 * - the RAF glue: synthetic RAF events through `mParticleRafCallback` with a context from
 *   `mParticleRafContext`: the ad events reach the collector, and the channel's own callback is
 *   called for every event with the same arguments (its own object, by reference).
 */
import { strict as assert } from 'assert';
import { startCollector, type Collector, type RecordedMessage } from '../../sim/collector/collector';
import { runChannel, type RunResult } from '../../sim/engine/simulator';
import { sceneChannel } from './channel';
import { assertNoCrash } from './delivery';

const API_KEY = 'us1-tracking';
const API_SECRET = 'tracking-secret';

/**
 * The scene: phase "video" tracks a stand-in node and plays the timeline; phase "raf" feeds RAF
 * events through the glue. Both end with stopTracking and an upload.
 */
const SCENE_BRS = `sub init()
    m.mParticleTask = createObject("roSGNode", "mParticleTask")
    m.mparticle = mParticleSGBridge(m.mParticleTask)
    mpConstants = mParticleConstants()
    m.session = mpConstants.MediaSession.build("tears-001", "Tears of Steel", mpConstants.MEDIA_CONTENT_TYPE.VIDEO, mpConstants.MEDIA_STREAM_TYPE.ON_DEMAND, 734000)
    m.phase = testConfig().phase
    if m.phase = "video"
        ' A stand-in with the Video node's fields: the simulator cannot play a stream.
        m.player = CreateObject("roSGNode", "ContentNode")
        ' Fractional and non-empty initial values: see sim/README.md ("nodes handed to a
        ' Task"): the Task's copy of the node takes its field types from the values it crosses with.
        m.player.addField("state", "string", false)
        m.player.addField("position", "float", false)
        m.player.addField("notificationInterval", "float", false)
        m.player.addField("timeToStartStreaming", "float", false)
        m.player.addField("streamingSegment", "assocarray", false)
        m.player.setFields({ state: "none", position: 0.1, notificationInterval: 0.5, timeToStartStreaming: 0.1, streamingSegment: { segBitrateBps: 0, segType: 2 } })
        m.mparticle.media.trackVideo(m.player, m.session, { playheadIntervalMillis: 0, fps: 24 })
        m.steps = videoSteps()
    else
        m.rafObj = { name: "channel-object", calls: 0 }
        m.steps = rafSteps()
    end if
    m.index = 0
    m.timer = CreateObject("roSGNode", "Timer")
    m.timer.duration = testConfig().stepSeconds
    m.timer.repeat = true
    m.timer.observeField("fire", "onStep")
    ' The first change must wait until the Task observes the node (a change before that is not
    ' seen, as on a device). The Task takes calls in order and publishes the user when an
    ' attribute changes: once the user carries this run's marker, trackVideo was handled.
    m.marker = CreateObject("roDeviceInfo").GetRandomUUID()
    m.mParticleTask.observeField(mpConstants.SCENEGRAPH_NODES.CURRENT_USER_NODE, "onUser")
    m.mparticle.setUserAttribute("tracking_test_run", m.marker)
end sub

sub onUser()
    user = m.mParticleTask[mParticleConstants().SCENEGRAPH_NODES.CURRENT_USER_NODE]
    if m.started = true or user = invalid or type(user.userAttributes) <> "roAssociativeArray" then return
    if user.userAttributes.tracking_test_run <> m.marker then return
    m.started = true
    m.timer.control = "start"
end sub

function videoSteps() as object
    return [
        { state: "buffering" },
        { streamingSegment: { segBitrateBps: 2500000, segType: 2 } },
        { timeToStartStreaming: 1.5 },
        { state: "playing" },
        { position: 0.5 }, { position: 1.0 }, { position: 1.5 },
        { state: "paused" },
        { state: "playing" },
        { position: 2.0 },
        { position: 62.0 },
        { state: "buffering" },
        { state: "playing" },
        { position: 62.5 },
        { state: "buffering" },
        { state: "playing" },
        { position: 63.0 },
        { streamingSegment: { segBitrateBps: 4000000, segType: 2 } },
        { position: 63.5 },
        { state: "finished" }
    ]
end function

function rafSteps() as object
    ad1 = { adid: "ad-001", adtitle: "First Ad", advertiser: "Acme", creativeid: "cr-1", duration: 15, streams: [{ url: "http://x" }], tracking: [] }
    ad2 = { adid: "ad-002", adtitle: "Second Ad", advertiser: "Globex", creativeid: "cr-2", duration: 10 }
    return [
        { type: "PodStart", ctx: { rendersequence: "preroll", duration: 25, server: "ads.example" } },
        { type: "Impression", ctx: { ad: ad1, adIndex: 1, rendersequence: "preroll" } },
        { type: "Start", ctx: { ad: ad1, adIndex: 1, rendersequence: "preroll" } },
        { type: "FirstQuartile", ctx: { ad: ad1, adIndex: 1 } },
        { type: invalid, ctx: { time: 7.5, duration: 15 } },
        { type: "Complete", ctx: { ad: ad1, adIndex: 1 } },
        { type: "Start", ctx: { ad: ad2, adIndex: 2 } },
        { type: "AcceptInvitation", ctx: { ad: ad2, adIndex: 2 } },
        { type: "Skip", ctx: { ad: ad2, adIndex: 2 } },
        { type: "PodComplete", ctx: { rendersequence: "preroll" } }
    ]
end function

sub onStep()
    if m.index >= m.steps.Count()
        m.timer.control = "stop"
        m.mparticle.media.stopTracking(m.session, { end_reason: m.phase })
        m.mparticle.upload()
        if m.phase = "raf" then print "TEST: channel callback calls " + m.rafObj.calls.ToStr()
        return
    end if
    entry = m.steps[m.index]
    m.index = m.index + 1
    if m.phase = "video"
        m.player.setFields(entry)
    else
        context = mParticleRafContext(m.mparticle, m.session, channelRafCallback, m.rafObj)
        m.lastCtx = entry.ctx
        mParticleRafCallback(context, entry.type, entry.ctx)
    end if
end sub

' The channel's own RAF callback: it must get its own object (by reference), the event type and
' RAF's context unchanged.
sub channelRafCallback(obj as dynamic, eventType as dynamic, ctx as dynamic)
    obj.calls = obj.calls + 1
    same = type(ctx) = "roAssociativeArray" and FormatJson(ctx) = FormatJson(m.lastCtx)
    label = "invalid"
    if eventType <> invalid then label = eventType
    print "TEST: channel callback " + obj.name + " " + label + " ctx-unchanged=" + same.ToStr()
end sub
`;

function channel(collector: Collector, phase: 'video' | 'raf') {
  const files = sceneChannel(collector, API_SECRET, {
    title: `tracking ${phase}`,
    scene: 'TrackScene',
    options: ['logLevel: 2', 'uploadIntervalMillis: 1000'],
    sceneBrs: SCENE_BRS,
  });
  // The phase goes into testConfig() next to the collector's settings.
  const config = files['source/testConfig.brs'] as string;
  files['source/testConfig.brs'] = config.replace('  return {\n', `  return {\n    phase: "${phase}"\n    stepSeconds: 0.15#\n`);
  return files;
}

async function run(collector: Collector, phase: 'video' | 'raf'): Promise<RunResult> {
  return runChannel({
    collector,
    channel: channel(collector, phase),
    timeoutMs: 60000,
    // A compile error would otherwise wait for the timeout.
    until: (line) => /compile error/.test(line),
    untilCollector: (c) => c.events('Media Session End').length > 0,
  });
}

const attrs = (m: RecordedMessage) => (m.attrs ?? {}) as Record<string, string>;

/** What one run of the tracking channel left: the run, its collector and the media events it got. */
interface TrackingRun {
  collector: Collector;
  result: RunResult;
  media: RecordedMessage[];
}

/** Runs the tracking channel in `mode` before the suite's tests (`take` gets the run), and checks it ran clean. */
function runTracking(mode: 'video' | 'raf', take: (r: TrackingRun) => void): void {
  let collector: Collector;
  let result: RunResult;
  before(async () => {
    collector = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET });
    result = await run(collector, mode);
    take({ collector, result, media: collector.events().filter((m) => m.et === 'media') });
  });
  after(async () => collector.close());

  it('runs without a crash or an SDK error', () => {
    assertNoCrash(result);
    assert.deepEqual(result.console.filter((l) => /mParticle SDK \[ERROR\]/.test(l)), []);
  });
}

describe('runtime: trackVideo with a stand-in Video node, against the collector', function () {
  this.timeout(120000);
  let collector: Collector;
  let result: RunResult;
  let media: RecordedMessage[];
  runTracking('video', (r) => ({ collector, result, media } = r));

  it('delivers exactly the mapped events, in order, each with its playhead', () => {
    const expected: Array<[string, string]> = [
      ['Media Session Start', '0'],
      // The stand-in starts at 0.1 s (see its set-up).
      ['Update QoS', '100'],
      ['Play', '100'],
      ['Update Playhead Position', '500'],
      ['Update Playhead Position', '1000'],
      ['Update Playhead Position', '1500'],
      ['Pause', '1500'],
      ['Play', '1500'],
      ['Update Playhead Position', '2000'],
      ['Seek Start', '2000'],
      ['Seek End', '62000'],
      ['Update Playhead Position', '62500'],
      ['Buffer Start', '62500'],
      ['Buffer End', '62500'],
      ['Update Playhead Position', '63000'],
      ['Update QoS', '63000'],
      ['Update Playhead Position', '63500'],
      ['Media Content End', '63500'],
      ['Media Session End', '63500'],
    ];
    assert.deepEqual(media.map((m) => [m.n, attrs(m).playhead_position]), expected, collector.summary());
  });

  it('carries the session, seek, buffer and QoS attributes', () => {
    const sessionIds = new Set(media.map((m) => attrs(m).media_session_id));
    assert.equal(sessionIds.size, 1);
    for (const m of media) {
      assert.equal(attrs(m).content_id, 'tears-001', String(m.n));
      assert.equal(attrs(m).content_duration, '734000', String(m.n));
      for (const v of Object.values(attrs(m))) assert.equal(typeof v, 'string');
    }
    const byName = (n: string) => media.filter((m) => m.n === n).map(attrs);
    assert.deepEqual(byName('Seek Start').map((a) => a.seek_position), ['2000']);
    assert.deepEqual(byName('Seek End').map((a) => a.seek_position), ['62000']);
    const [bufferStart] = byName('Buffer Start');
    const [bufferEnd] = byName('Buffer End');
    assert.equal(bufferStart.buffer_position, '62500');
    assert.equal(bufferStart.buffer_duration, '0');
    assert.equal(bufferEnd.buffer_position, '62500');
    assert.equal(bufferEnd.buffer_percent, '100');
    assert.match(bufferEnd.buffer_duration, /^\d+$/);
    const [first, second] = byName('Update QoS');
    assert.equal(first.qos_startup_time, '1500', 'timeToStartStreaming 1.5 s');
    assert.equal(first.qos_bitrate, '2500000');
    assert.equal(first.qos_fps, '24');
    assert.equal(second.qos_bitrate, '4000000');
    assert.equal(second.qos_startup_time, '1500', 'QoS values carry over');
    assert.equal(byName('Media Session End')[0].end_reason, 'video');
  });
});

describe('runtime: the RAF glue with synthetic RAF events and a chained channel callback', function () {
  this.timeout(120000);
  let collector: Collector;
  let result: RunResult;
  let media: RecordedMessage[];
  runTracking('raf', (r) => ({ collector, result, media } = r));

  it('calls the channel callback for every event, progress included, with its own object and the same context', () => {
    const lines = result.console.filter((l) => l.startsWith('TEST: channel callback channel-object'));
    assert.deepEqual(lines, [
      'PodStart', 'Impression', 'Start', 'FirstQuartile', 'invalid', 'Complete', 'Start', 'AcceptInvitation', 'Skip', 'PodComplete',
    ].map((t) => `TEST: channel callback channel-object ${t} ctx-unchanged=true`));
    // The count was kept on the channel's object itself: it got the object, not a copy.
    assert.ok(result.console.includes('TEST: channel callback calls 10'), result.console.slice(-20).join('\n'));
  });

  it('delivers the ad events of the mapping, in order, with the ad break and ad attributes', () => {
    assert.deepEqual(media.map((m) => m.n), [
      'Media Session Start', 'Ad Break Start', 'Ad Start', 'Ad End', 'Ad Start', 'Ad Click', 'Ad Skip', 'Ad Break End', 'Media Session End',
    ], collector.summary());
    for (const m of media.filter((e) => /^Ad /.test(String(e.n)) && e.n !== 'Ad Break End')) {
      assert.equal(attrs(m).ad_break_id, 'preroll-1', String(m.n));
      assert.equal(attrs(m).ad_break_title, 'preroll', String(m.n));
      assert.equal(attrs(m).ad_break_duration, '25000', String(m.n));
    }
    const starts = media.filter((m) => m.n === 'Ad Start').map(attrs);
    assert.deepEqual(starts.map((a) => [a.ad_content_id, a.ad_content_title, a.ad_content_advertiser, a.ad_content_creative, a.ad_content_duration, a.ad_content_position]), [
      ['ad-001', 'First Ad', 'Acme', 'cr-1', '15000', '1'],
      ['ad-002', 'Second Ad', 'Globex', 'cr-2', '10000', '2'],
    ]);
    assert.equal(attrs(media.find((m) => m.n === 'Ad End')!).ad_content_id, 'ad-001');
    assert.equal(attrs(media.find((m) => m.n === 'Ad Click')!).ad_content_id, 'ad-002');
    assert.equal(attrs(media.find((m) => m.n === 'Ad Skip')!).ad_content_id, 'ad-002');
    assert.equal(attrs(media.find((m) => m.n === 'Ad Break End')!).ad_content_id, undefined, 'the ad is cleared before the break ends');
  });
});
