/**
 * Stitched ads in the simulator with the generated SDK, against the collector. The scene tracks a
 * stand-in Video node (trackVideo), calls mParticleTrackSsai / mParticleTrackImaDai with a
 * stand-in of the ad SDK, and plays a stitched timeline (pre-roll, mid-roll, post-roll; seeks
 * over the mid-roll): it sets the stand-in's `position` and `state` and hands each position to
 * the ad SDK, as a channel's loop hands its messages to `adapter.onMessage` /
 * `streamManager.onMessage`.
 *
 * The stand-ins call listeners as the shipped code does (rafxssai.brs and IMA3.brs both keep
 * the listeners as function values and call them through
 * `GetGlobalAA()["callFunctionInGlobalNamespace"](callback, adInfo)`; the adapter keeps one
 * listener per event, IMA a list): the RAFX adInfo is `{event, position}` (whole stream
 * seconds) plus `adPods` / `adPod`, IMA's is its ad object, and IMA calls the channel's
 * `ima.Player` `adBreakStarted` / `adBreakEnded`. Their callFunctionInGlobalNamespace calls the
 * listener as a method of a throwaway object, so a listener that relied on `m` would fail here.
 * The channel's own listeners (registered before the SDK's) record what they got.
 */
import { strict as assert } from 'assert';
import { startCollector, type Collector, type RecordedMessage } from '../../sim/collector/collector';
import { runChannel, type RunResult } from '../../sim/engine/simulator';
import { sceneChannel } from './channel';
import { assertNoCrash } from './delivery';

const API_KEY = 'us1-ssai';
const API_SECRET = 'ssai-secret';

/** The stitched stream: pods in stream seconds, the same for both SDKs. */
const PODS_BRS = `function ssaiPods() as object
    return [
        { renderTime: 0, renderSequence: "preroll", ads: [{ id: "ad-1", title: "Pre Ad", duration: 10 }] },
        { renderTime: 40, renderSequence: "midroll", ads: [{ id: "ad-2", title: "Mid Ad A", duration: 10 }, { id: "ad-3", title: "Mid Ad B", duration: 10 }] },
        { renderTime: 100, renderSequence: "postroll", ads: [{ id: "ad-4", title: "Post Ad", duration: 10 }] }
    ]
end function

' The player's steps: stream positions (2 s apart; notificationInterval 2) and states.
function ssaiSteps() as object
    steps = [{ state: "buffering" }, { position: 0.5 }, { state: "playing" }]
    for p = 2.5 to 20.5 step 2
        steps.Push({ position: p })
    end for
    ' Over the mid-roll and back.
    steps.Push({ position: 75.5 })
    steps.Push({ position: 77.5 })
    for p = 31.5 to 63.5 step 2
        steps.Push({ position: p })
    end for
    ' Ahead into the post-roll, which ends the stream.
    for p = 95.5 to 109.5 step 2
        steps.Push({ position: p })
    end for
    steps.Push({ state: "finished" })
    return steps
end function
`;

/**
 * The scene plays the ad Task's part too. brs-scenegraph 0.1.0 hands a Task node set on another
 * Task's field over as the receiving Task itself, and an mParticleTask made inside a Task never
 * runs, so a second Task cannot reach the SDK here; the glue and the stand-ins do not depend on
 * the thread (the listeners reach their context through GetGlobalAA()), and on a device they run
 * in the channel's ad Task. A Timer paces the steps; the first waits for the collector to have
 * Media Session Start (the Task observes the node before it logs it).
 */
const SCENE_BRS = `sub init()
    ' As the shipped adapter and IMA3.brs set it, except that the listener gets a throwaway m.
    GetGlobalAA()["callFunctionInGlobalNamespace"] = function(callback as function, info as object) as void
        holder = { listener: callback }
        holder.listener(info)
    end function
    m.mParticleTask = createObject("roSGNode", "mParticleTask")
    m.mparticle = mParticleSGBridge(m.mParticleTask)
    mpConstants = mParticleConstants()
    m.session = mpConstants.MediaSession.build("stitched-001", "Stitched Movie", mpConstants.MEDIA_CONTENT_TYPE.VIDEO, mpConstants.MEDIA_STREAM_TYPE.ON_DEMAND, 80000)
    ' A stand-in with the Video node's fields (fractional initial values: sim/README.md, "Nodes handed to a Task").
    m.player = CreateObject("roSGNode", "ContentNode")
    m.player.addField("state", "string", false)
    m.player.addField("position", "float", false)
    m.player.addField("notificationInterval", "float", false)
    m.player.setFields({ state: "none", position: 0.1, notificationInterval: 2.0 })
    m.mparticle.media.trackVideo(m.player, m.session, { playheadIntervalMillis: 0 })
    if testConfig().mode = "rafx"
        m.sdk = standInRafx(ssaiPods())
        m.sdk.addEventListener(m.sdk.AdEvent.POD_START, channelRafxListener)
        m.sdk.addEventListener(m.sdk.AdEvent.IMPRESSION, channelRafxListener)
        m.sdk.addEventListener(m.sdk.AdEvent.POD_END, channelRafxListener)
        print "TEST: tracking " + mParticleTrackSsai(m.sdk, m.mparticle, m.session).ToStr()
    else
        m.sdk = standInIma(ssaiPods(), { adBreakStarted: channelAdBreakStarted, adBreakEnded: channelAdBreakEnded })
        m.sdk.streamManager.addEventListener(m.sdk.AdEvent.START, channelImaStart)
        print "TEST: tracking " + mParticleTrackImaDai(m.sdk, m.sdk.streamManager, m.mparticle, m.session).ToStr()
    end if
    m.steps = ssaiSteps()
    m.index = -1
    m.ready = CreateObject("roUrlTransfer")
    m.ready.SetUrl(testConfig().baseUrl + "/test/tracking-started")
    m.timer = CreateObject("roSGNode", "Timer")
    m.timer.duration = 0.1
    m.timer.repeat = true
    m.timer.observeField("fire", "onStep")
    m.timer.control = "start"
end sub

sub onStep()
    if m.index < 0
        if m.ready.GetToString() <> "yes"
            m.mparticle.upload()
            return
        end if
        ' RAFX reports its pods when the channel enables ads, before playback.
        if testConfig().mode = "rafx" then m.sdk.enableAds({ player: { sgnode: m.player, port: CreateObject("roMessagePort") } })
        m.index = 0
        return
    end if
    if m.index >= m.steps.Count()
        m.timer.control = "stop"
        m.mparticle.media.stopTracking(m.session, {})
        m.mparticle.upload()
        print "TEST: timeline done"
        return
    end if
    change = m.steps[m.index]
    m.index = m.index + 1
    m.player.setFields(change)
    if change.position <> invalid then m.sdk.onPosition(change.position)
end sub

' The channel's own listeners: called as global functions, so they do not use m either.
sub channelRafxListener(info as object)
    print "TEST: channel rafx " + info.event + " " + info.position.ToStr() + " pod=" + (info.adPod <> invalid).ToStr()
end sub

sub channelImaStart(ad as object)
    print "TEST: channel ima start " + ad.adId
end sub

function channelAdBreakStarted(adBreakInfo as object) as void
    mParticleImaAdBreakStarted(adBreakInfo)
    print "TEST: channel ima adBreakStarted " + adBreakInfo.podIndex.ToStr()
end function

function channelAdBreakEnded(adBreakInfo as object) as void
    mParticleImaAdBreakEnded(adBreakInfo)
    print "TEST: channel ima adBreakEnded " + adBreakInfo.podIndex.ToStr()
end function
`;

/**
 * The stand-ins. RAFX: rafxssai.brs's eventCallbacks (one listener per event), its AdEvent
 * strings, PODS from enableAds, and its map of whole seconds (PodStart at the render time,
 * Impression and quartiles at the ad's offsets, Complete at its end, PodComplete at the pod's
 * end), handled for the second before too when the position moved by more than one (as
 * strmMgr.onMessageVOD). IMA: a list of listeners per event, `getCuePoints()`, the ima.Player's
 * break callbacks, START / FIRST_QUARTILE / COMPLETE with IMA's ad object.
 */
const TIMELINE_BRS = `${PODS_BRS}
function standInRafx(pods as object) as object
    sdk = {
        AdEvent: { PODS: "PodsFound", POD_START: "PodStart", START: "Start", IMPRESSION: "Impression", FIRST_QUARTILE: "FirstQuartile", MIDPOINT: "Midpoint", THIRD_QUARTILE: "ThirdQuartile", COMPLETE: "Complete", POD_END: "PodComplete", STREAM_END: "StreamEnd", ERROR: "Error" },
        eventCallbacks: { callbacks: {} },
        pods: [], timeMap: {}, lastSec: -1
    }
    for each p in pods
        ads = []
        total = 0
        for each a in p.ads
            ads.Push({ adid: a.id, adtitle: a.title, duration: a.duration, streamFormat: "", tracking: [{ event: "Impression", url: "http://beacon.example/i", time: p.renderTime + total }] })
            total = total + a.duration
        end for
        sdk.pods.Push({ renderTime: p.renderTime, renderSequence: p.renderSequence, duration: total, ads: ads, tracking: [], viewed: false })
    end for
    sdk.addEventListener = function(event as string, callback as function) as void
        m.eventCallbacks.callbacks[event] = callback
    end function
    sdk.doCall = function(event as string, info as object) as void
        if m.eventCallbacks.callbacks[event] <> invalid
            dispatch = GetGlobalAA()["callFunctionInGlobalNamespace"]
            dispatch(m.eventCallbacks.callbacks[event], info)
        end if
    end function
    sdk.mapAt = function(sec as float, event as string, pod as dynamic) as void
        key = Int(sec).ToStr()
        if m.timeMap[key] = invalid then m.timeMap[key] = []
        m.timeMap[key].Push({ event: event, pod: pod })
    end function
    sdk.enableAds = function(params as object) as void
        for each p in m.pods
            m.mapAt(p.renderTime, m.AdEvent.POD_START, p)
            begin = p.renderTime
            for each a in p.ads
                m.mapAt(begin, m.AdEvent.IMPRESSION, invalid)
                m.mapAt(begin + a.duration * 0.25, m.AdEvent.FIRST_QUARTILE, invalid)
                m.mapAt(begin + a.duration, m.AdEvent.COMPLETE, invalid)
                begin = begin + a.duration
            end for
            m.mapAt(p.renderTime + p.duration, m.AdEvent.POD_END, invalid)
        end for
        m.doCall(m.AdEvent.PODS, { event: m.AdEvent.PODS, adPods: m.pods })
    end function
    sdk.handle = function(sec as integer) as void
        list = m.timeMap[sec.ToStr()]
        if list = invalid then return
        for each e in list
            info = { position: sec, event: e.event }
            if e.pod <> invalid then info.adPod = e.pod
            m.doCall(e.event, info)
        end for
    end function
    sdk.onPosition = function(position as float) as void
        sec = Int(position)
        if sec = m.lastSec then return
        if sec > m.lastSec + 1 then m.handle(sec - 1)
        m.handle(sec)
        m.lastSec = sec
    end function
    return sdk
end function

function standInIma(pods as object, player as object) as object
    sdk = { AdEvent: { START: "start", FIRST_QUARTILE: "firstQuartile", MIDPOINT: "midpoint", THIRD_QUARTILE: "thirdQuartile", COMPLETE: "complete", ERROR: "error" } }
    manager = { listeners: {}, cues: [], timeMap: {}, lastSec: -1, player: player, sdk: sdk }
    for each key in sdk.AdEvent
        manager.listeners[sdk.AdEvent[key]] = []
    end for
    podIndex = 0
    for each p in pods
        total = 0
        for each a in p.ads
            total = total + a.duration
        end for
        offset = p.renderTime
        if p.renderSequence = "postroll" then offset = -1
        info = { adPosition: 1, duration: total, podIndex: podIndex, timeOffset: offset, totalAds: p.ads.Count() }
        ' ima.CuePoint: start, end (a keyword: set by index), hasPlayed.
        cue = { start: p.renderTime, hasPlayed: false }
        cue["end"] = p.renderTime + total
        manager.cues.Push(cue)
        manager.timeMap[Int(p.renderTime).ToStr()] = [{ kind: "breakStarted", info: info }]
        begin = p.renderTime
        index = 1
        for each a in p.ads
            ad = { adId: a.id, adTitle: a.title, adSystem: "GDFP", advertiserName: "Acme", creativeId: "cr-" + a.id, duration: a.duration, adBreakInfo: { adPosition: index, podIndex: podIndex, totalAds: p.ads.Count(), timeOffset: offset, duration: total } }
            imaAt(manager, begin, { kind: "event", event: sdk.AdEvent.START, ad: ad })
            imaAt(manager, begin + a.duration * 0.25, { kind: "event", event: sdk.AdEvent.FIRST_QUARTILE, ad: ad })
            imaAt(manager, begin + a.duration, { kind: "event", event: sdk.AdEvent.COMPLETE, ad: ad })
            begin = begin + a.duration
            index = index + 1
        end for
        imaAt(manager, begin, { kind: "breakEnded", info: info })
        podIndex = podIndex + 1
    end for
    manager.addEventListener = function(event as string, callback as function) as void
        if m.listeners[event] <> invalid then m.listeners[event].Push(callback)
    end function
    manager.getCuePoints = function() as object
        return m.cues
    end function
    manager.onPosition = function(position as float) as void
        sec = Int(position)
        if sec = m.lastSec then return
        if sec > m.lastSec + 1 then m.handle(sec - 1)
        m.handle(sec)
        m.lastSec = sec
    end function
    manager.handle = function(sec as integer) as void
        list = m.timeMap[sec.ToStr()]
        if list = invalid then return
        for each e in list
            if e.kind = "breakStarted"
                m.player.adBreakStarted(e.info)
            else if e.kind = "breakEnded"
                m.player.adBreakEnded(e.info)
            else
                for each callback in m.listeners[e.event]
                    dispatch = GetGlobalAA()["callFunctionInGlobalNamespace"]
                    dispatch(callback, e.ad)
                end for
            end if
        end for
    end function
    sdk.streamManager = manager
    sdk.onPosition = function(position as float) as void
        m.streamManager.onPosition(position)
    end function
    return sdk
end function

sub imaAt(manager as object, sec as float, entry as object)
    key = Int(sec).ToStr()
    if manager.timeMap[key] = invalid then manager.timeMap[key] = []
    manager.timeMap[key].Push(entry)
end sub
`;

function channel(collector: Collector, mode: 'rafx' | 'ima') {
  const files = sceneChannel(collector, API_SECRET, {
    title: `ssai ${mode}`,
    scene: 'SsaiScene',
    options: ['logLevel: 2', 'uploadIntervalMillis: 1000'],
    sceneBrs: SCENE_BRS + TIMELINE_BRS,
  });
  const config = files['source/testConfig.brs'] as string;
  files['source/testConfig.brs'] = config.replace('  return {\n', `  return {\n    mode: "${mode}"\n`);
  return files;
}

const attrs = (m: RecordedMessage) => (m.attrs ?? {}) as Record<string, string>;

/** Name and content playhead of every media event the collector must get, for both SDKs. */
const EXPECTED: Array<[string, string]> = [
  ['Media Session Start', '0'],
  ['Ad Break Start', '0'],
  ['Ad Start', '0'],
  // The end events come with the position after the break (stream 10.5 s: content 0.5 s).
  ['Ad End', '500'],
  ['Ad Break End', '500'],
  ['Update QoS', '500'],
  ['Play', '500'],
  // Content 2.5 s to 10.5 s (stream 12.5 s to 20.5 s), every position (playheadIntervalMillis 0).
  ...['2500', '4500', '6500', '8500', '10500'].map((p): [string, string] => ['Update Playhead Position', p]),
  // Stream 20.5 s -> 75.5 s over the 20 s mid-roll: content 10.5 s -> 45.5 s.
  ['Seek Start', '10500'],
  ['Seek End', '45500'],
  ['Update Playhead Position', '47500'],
  // Back to stream 31.5 s: content 21.5 s.
  ['Seek Start', '47500'],
  ['Seek End', '21500'],
  ...['23500', '25500', '27500', '29500'].map((p): [string, string] => ['Update Playhead Position', p]),
  // The mid-roll plays: its positions make no content event; the playhead stays at 30 s.
  ['Ad Break Start', '30000'],
  ['Ad Start', '30000'],
  ['Ad End', '30000'],
  ['Ad Start', '30000'],
  ['Ad End', '31500'],
  ['Ad Break End', '31500'],
  ['Update Playhead Position', '33500'],
  // Stream 63.5 s -> 95.5 s: content 33.5 s -> 65.5 s.
  ['Seek Start', '33500'],
  ['Seek End', '65500'],
  ['Update Playhead Position', '67500'],
  ['Update Playhead Position', '69500'],
  ['Ad Break Start', '70000'],
  ['Ad Start', '70000'],
  // The stream finishes inside the post-roll.
  ['Ad End', '70000'],
  ['Ad Break End', '70000'],
  ['Media Content End', '70000'],
  ['Media Session End', '70000'],
];

function describeMode(mode: 'rafx' | 'ima', channelLines: string[]): void {
  describe(`runtime: stitched ads with ${mode === 'rafx' ? 'RAFX_SSAI' : 'IMA DAI'} stand-ins and a stand-in Video node, against the collector`, function () {
    this.timeout(180000);
    let collector: Collector;
    let result: RunResult;
    let media: RecordedMessage[];
    before(async () => {
      collector = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET });
      collector.route('/test/tracking-started', (_req, res, headers) => {
        res.writeHead(200, { ...headers, 'content-type': 'text/plain' });
        res.end(collector.events('Media Session Start').length > 0 ? 'yes' : 'no');
      });
      result = await runChannel({
        collector,
        channel: channel(collector, mode),
        timeoutMs: 150000,
        until: (line) => /compile error/.test(line),
        untilCollector: (c) => c.events('Media Session End').length > 0,
      });
      media = collector.events().filter((m) => m.et === 'media');
    });
    after(async () => collector.close());

    it('runs without a crash or an SDK error, and the entry point registers', () => {
      assertNoCrash(result);
      assert.deepEqual(result.console.filter((l) => /mParticle SDK \[ERROR\]/.test(l)), []);
      assert.ok(result.console.includes('TEST: tracking true'), result.console.slice(-30).join('\n'));
    });

    it('delivers exactly the mapped events, in order, with content playheads that leave the ads out', () => {
      assert.deepEqual(media.map((m) => [m.n, attrs(m).playhead_position]), EXPECTED, collector.summary());
    });

    it('carries the breaks, the ads and their positions in the pod, and content seeks', () => {
      const byName = (n: string) => media.filter((m) => m.n === n).map(attrs);
      assert.deepEqual(byName('Ad Break Start').map((a) => [a.ad_break_id, a.ad_break_title, a.ad_break_duration]), [
        ['preroll-1', 'preroll', '10000'],
        ['midroll-2', 'midroll', '20000'],
        ['postroll-3', 'postroll', '10000'],
      ]);
      assert.deepEqual(byName('Ad Start').map((a) => [a.ad_content_id, a.ad_content_title, a.ad_content_duration, a.ad_content_position]), [
        ['ad-1', 'Pre Ad', '10000', '1'],
        ['ad-2', 'Mid Ad A', '10000', '1'],
        ['ad-3', 'Mid Ad B', '10000', '2'],
        ['ad-4', 'Post Ad', '10000', '1'],
      ]);
      assert.deepEqual(byName('Ad End').map((a) => a.ad_content_id), ['ad-1', 'ad-2', 'ad-3', 'ad-4']);
      assert.deepEqual(byName('Seek Start').map((a) => a.seek_position), ['10500', '47500', '33500']);
      assert.deepEqual(byName('Seek End').map((a) => a.seek_position), ['45500', '21500', '65500']);
      for (const m of media) assert.equal(attrs(m).content_id, 'stitched-001', String(m.n));
    });

    it('calls the channel\'s own listeners with the SDKs\' arguments', () => {
      assert.deepEqual(result.console.filter((l) => l.startsWith('TEST: channel ')), channelLines);
    });
  });
}

describeMode('rafx', [
  'TEST: channel rafx PodStart 0 pod=true',
  'TEST: channel rafx Impression 0 pod=false',
  'TEST: channel rafx PodComplete 10 pod=false',
  'TEST: channel rafx PodStart 40 pod=true',
  'TEST: channel rafx Impression 40 pod=false',
  'TEST: channel rafx Impression 50 pod=false',
  'TEST: channel rafx PodComplete 60 pod=false',
  'TEST: channel rafx PodStart 100 pod=true',
  'TEST: channel rafx Impression 100 pod=false',
]);

describeMode('ima', [
  'TEST: channel ima adBreakStarted 0',
  'TEST: channel ima start ad-1',
  'TEST: channel ima adBreakEnded 0',
  'TEST: channel ima adBreakStarted 1',
  'TEST: channel ima start ad-2',
  'TEST: channel ima start ad-3',
  'TEST: channel ima adBreakEnded 1',
  'TEST: channel ima adBreakStarted 2',
  'TEST: channel ima start ad-4',
]);
