/**
 * The benchmark channel: a scene that (1) times bridge calls against the floor in alternating
 * rounds on the render thread, with a sink Task that only drains its port so the SDK's own
 * work does not share the measurement, then (2) sends the same burst of media calls through
 * the reference Task (reference.ts) and then through the real mParticleTask, each followed by
 * upload(), printing when each burst ended and the Tasks' busy times, then (3) runs the stage
 * profiles (profile.ts) of the SDK after and, when given, before the throughput work.
 */
import type { FileTree } from '../../sim/engine/zip';
import { sdkHostMain } from '../../sim/engine/sdk-host';
import { profileBrs, profileTaskBrs, profileXml } from './profile';
import { REFERENCE_BRS, REFERENCE_XML } from './reference';

/**
 * Calls per round and rounds per kind. Odd rounds run RENDER_ROUNDS in order, even rounds in
 * reverse: a round pays for field sets of the round before it that the simulator is still
 * handing over, and in one fixed order each bridge method paid for its floor's (an even number
 * of rounds gives both orders the same weight). Many short rounds: a burst of load on the
 * shared machine spoils a few rounds, not the median.
 */
export const CALLS_PER_ROUND = 500;
export const ROUNDS = 24;

/**
 * The render-thread rounds: each bridge method beside its floor (the same payload assigned to
 * the field, and the same setup statement). logPlay and logPause keep 2.x's fields of the
 * session (src-ts/logic/bridge-session.ts): each of their calls is a transition (the
 * timestamp starts, or a run is stored), their most expensive case; logPlayheadPosition, the
 * periodic call, keeps nothing.
 */
export const RENDER_ROUNDS: readonly { kind: string; setup: string; call: string }[] = [
  { kind: 'floor', setup: '', call: 'task.mParticleApiCall = { m: "media.logPlayheadPosition", a: [session, options] }' },
  { kind: 'bridge', setup: '', call: 'bridge.media.logPlayheadPosition(session, options)' },
  // For reference: a bridge that rebuilds every constant on each call, as mParticle's does.
  { kind: 'rebuild', setup: 'rebuilt = mParticle_buildConstants()', call: 'task.mParticleApiCall = { m: "media.logPlayheadPosition", a: [session, options] }' },
  { kind: 'floorPlay', setup: 'session.currentPlaybackStartTimestamp = 0', call: 'task.mParticleApiCall = { m: "media.logPlay", a: [session, options] }' },
  { kind: 'play', setup: 'session.currentPlaybackStartTimestamp = 0', call: 'bridge.media.logPlay(session, options)' },
  { kind: 'floorPause', setup: 'session.currentPlaybackStartTimestamp = started&', call: 'task.mParticleApiCall = { m: "media.logPause", a: [session, options] }' },
  { kind: 'pause', setup: 'session.currentPlaybackStartTimestamp = started&', call: 'bridge.media.logPause(session, options)' },
  // The bookkeeping alone: the same calls on a bridge whose Task is an AA (what the bridge
  // puts in place of a bad Task: the field set is an AA write, no copy), against the same
  // assignment to an AA.
  { kind: 'aaFloorPlay', setup: 'session.currentPlaybackStartTimestamp = 0', call: 'aaTask.mParticleApiCall = { m: "media.logPlay", a: [session, options] }' },
  { kind: 'aaPlay', setup: 'session.currentPlaybackStartTimestamp = 0', call: 'aaBridge.media.logPlay(session, options)' },
  { kind: 'aaFloorPause', setup: 'session.currentPlaybackStartTimestamp = started&', call: 'aaTask.mParticleApiCall = { m: "media.logPause", a: [session, options] }' },
  { kind: 'aaPause', setup: 'session.currentPlaybackStartTimestamp = started&', call: 'aaBridge.media.logPause(session, options)' },
];
/** Media calls of each burst (reference Task, then the SDK): session start, play, then playhead updates. */
export const BURST_CALLS = 1000;
/**
 * Bursts of each Task, alternating reference and SDK: the bench reports the median ratio. The
 * first burst of a Task also pays the JavaScript engine's warm-up of that Task's worker (a
 * Roku has none), and one burst's ratio moves by up to 1.5x within a run on a 2-core machine:
 * five make a median that moves less.
 */
export const BURST_ROUNDS = 5;

const MAIN = sdkHostMain({
  scene: 'BenchScene',
  configFunction: 'benchConfig',
  options: [
    'apiKey: cfg.apiKey',
    'apiSecret: cfg.apiSecret',
    'logLevel: 2',
    'endpoints: { events: cfg.baseUrl, identity: cfg.baseUrl }',
  ],
});

const SINK_XML = `<?xml version="1.0" encoding="utf-8"?>
<component name="BenchSinkTask" extends="Task">
    <interface>
        <field id="mParticleApiCall" type="assocarray" alwaysNotify="true" />
    </interface>
    <script type="text/brightscript" uri="pkg:/components/BenchSinkTask.brs" />
</component>
`;

// Observed with a port registered in init(), as mParticleTask does: the floor is what any
// field-based bridge must pay.
const SINK_BRS = `sub init()
    m.port = CreateObject("roMessagePort")
    m.top.observeField("mParticleApiCall", m.port)
    m.top.functionName = "drain"
    m.top.control = "RUN"
end sub

sub drain()
    while true
        wait(0, m.port)
    end while
end sub
`;

const SCENE_XML = `<?xml version="1.0" encoding="utf-8"?>
<component name="BenchScene" extends="Scene">
    <script type="text/brightscript" uri="pkg:/source/mparticle/mParticleCore.brs" />
    <script type="text/brightscript" uri="pkg:/components/BenchScene.brs" />
</component>
`;

/** One turn of the render-thread rounds, in the order given. */
const renderRounds = (rounds: typeof RENDER_ROUNDS) =>
  rounds
    .map((r) => `        clock.Mark()
        for i = 1 to n
${r.setup ? `            ${r.setup}\n` : ''}            ${r.call}
        end for
        print "BENCH ROUND ${r.kind} " + clock.TotalMilliseconds().ToStr()`)
    .join('\n');

const sceneBrs = (profiles: string[], renderOnly: boolean, compare: boolean) => `sub init()
    m.sink = CreateObject("roSGNode", "BenchSinkTask")
    m.ref = CreateObject("roSGNode", "BenchReferenceTask")
    m.mParticleTask = CreateObject("roSGNode", "mParticleTask")
    ' BENCH_COMPARE: another commit's SDK, whose bursts alternate with this one's in the same run.
    m.compareTask = invalid
    if ${compare} then m.compareTask = CreateObject("roSGNode", "${COMPARE_TASK}")
    ' Until a burst is under way (m.sdkLast), onSession ignores the fields' changes.
    m.mParticleTask.observeField("mParticleCurrentSession", "onSession")
    if m.compareTask <> invalid then m.compareTask.observeField("mParticleCurrentSession", "onSession")
    ' Which SDK Task the next burst goes to: "SDK" (this SDK) or "CMP" (the compared one).
    m.phase = "SDK"
    m.timer = startTimer(1.5, "runBench")
end sub

sub runBench()
    c = mParticleConstants()
    m.bench = {
        session: c.MediaSession.build("bench", "Bench", c.MEDIA_CONTENT_TYPE.VIDEO, c.MEDIA_STREAM_TYPE.ON_DEMAND, 600000),
        options: { "source": "bench" },
        bridge: mParticleSGBridge(m.sink),
        ' Logs once that it has no Task node: its calls' field sets go to an AA.
        aaBridge: mParticleSGBridge(invalid),
        aaTask: {},
        started: mParticle_clockMillis() - 1000,
    }
    m.renderRound = 1
    renderRound()
end sub

' One round of the render-thread measurements per timer event: the render thread returns to
' its event loop between rounds, as a device demands (it ends a sideloaded app whose render
' thread blocks for 3 s), so the Tasks' field sets meanwhile are not held up for the whole run
' (the simulator gives such a set up after 10 s: the mParticleTask starting beside the rounds
' lost its user publish, and the burst phase never began).
sub renderRound()
    session = m.bench.session
    options = m.bench.options
    bridge = m.bench.bridge
    task = m.sink
    aaBridge = m.bench.aaBridge
    aaTask = m.bench.aaTask
    started& = m.bench.started
    n = ${CALLS_PER_ROUND}
    clock = CreateObject("roTimespan")
    if m.renderRound mod 2 = 1
${renderRounds(RENDER_ROUNDS)}
    else
${renderRounds([...RENDER_ROUNDS].reverse())}
    end if
    if m.renderRound < ${ROUNDS}
        m.renderRound = m.renderRound + 1
        later("renderRound")
        return
    end if
    if ${renderOnly}
        print "BENCH END"
        return
    end if
    ' Phase 2: the same burst of media calls through the reference Task, then through the SDK,
    ' ${BURST_ROUNDS} times.
    m.ref.observeField("benchDone", "onReferenceDone")
    m.round = 1
    referenceBurst()
end sub

' Which SDK Task bursts first in this round.
function firstPhase() as string
    if m.compareTask <> invalid and m.round mod 2 = 0 then return "CMP"
    return "SDK"
end function

function otherPhase(phase as string) as string
    if phase = "SDK" then return "CMP"
    return "SDK"
end function

' The reference burst before each SDK burst: "REF <round>" before this SDK's, "REFC <round>"
' before the compared SDK's.
function refLabel() as string
    if m.phase = "CMP" then return "REFC"
    return "REF"
end function

sub referenceBurst()
    burst(mParticleSGBridge(m.ref), "bench-" + LCase(refLabel()) + "-" + m.round.ToStr(), refLabel() + " " + m.round.ToStr())
    ' The reference's end has failed to come about once in ten runs (see BENCH REF STALL):
    ' upload() is asked again after 10 s, so that the run goes on without that burst.
    m.refWatchdog = startTimer(10, "referenceStalled")
end sub

sub referenceStalled()
    print "BENCH " + refLabel() + " STALL burst " + m.round.ToStr() + ": no end 10 s after upload(); upload() asked again"
    mParticleSGBridge(m.ref).upload()
end sub

' The burst: session start, play, then playhead updates, then upload(); prints its last call's time.
sub burst(mp as object, id as string, label as string)
    c = mParticleConstants()
    session = c.MediaSession.build(id, "Bench", c.MEDIA_CONTENT_TYPE.VIDEO, c.MEDIA_STREAM_TYPE.ON_DEMAND, 6000000)
    options = { "source": "bench" }
    print "BENCH " + label + " T0 " + mParticle_benchNow()
    mp.media.logMediaSessionStart(session, options)
    mp.media.logPlay(session, options)
    for i = 1 to ${BURST_CALLS - 2}
        session.currentPlayheadPosition = i * 1000
        mp.media.logPlayheadPosition(session, options)
    end for
    mp.upload()
    print "BENCH " + label + " LAST " + mParticle_benchNow()
end sub

sub onReferenceDone()
    if m.refWatchdog <> invalid then m.refWatchdog.control = "stop"
    done = m.ref.benchDone
    print "BENCH " + refLabel() + " " + m.round.ToStr() + " DONE busy " + done.busyMillis.ToStr() + " events " + done.events.ToStr()
    if m.phase = "CMP"
        later("sendToCompare")
        return
    end if
    if m.sdkStarted = true
        later("sendToTask")
        return
    end if
    m.sdkStarted = true
    ' The SDK's burst starts once the Task has its MPID, as playback starts some time after
    ' launch: until then nothing can upload.
    if m.mParticleTask.mParticleCurrentUser <> invalid and m.mParticleTask.mParticleCurrentUser.mpid <> invalid and m.mParticleTask.mParticleCurrentUser.mpid <> "0"
        sendWhenIdle()
    else
        m.mParticleTask.observeField("mParticleCurrentUser", "onUser")
    end if
end sub

' The Task's start-up (the identity request, the first messages) is over, and its busy time
' published (at most once a second), 2.5 s after the MPID: the first burst's busy time is then
' the burst's alone, not the start-up's too.
sub sendWhenIdle()
    m.idleTimer = CreateObject("roSGNode", "Timer")
    m.idleTimer.duration = 2.5
    m.idleTimer.observeField("fire", "sendToTask")
    m.idleTimer.control = "start"
end sub

sub onUser()
    user = m.mParticleTask.mParticleCurrentUser
    if m.sent = true or user = invalid or user.mpid = invalid or user.mpid = "0" then return
    m.sent = true
    sendWhenIdle()
end sub

sub sendToTask()
    m.sent = true
    sdkBurst(m.mParticleTask)
end sub

' The compared SDK's burst, once its Task has its MPID (it started beside this SDK's).
sub sendToCompare()
    user = m.compareTask.mParticleCurrentUser
    if user = invalid or user.mpid = invalid or user.mpid = "0"
        later("sendToCompare")
        return
    end if
    sdkBurst(m.compareTask)
end sub

' A burst of the SDK Task \`task\` (m.phase names it), which its session field ends (onSession).
sub sdkBurst(task as object)
    m.sdkTask = task
    s = task.mParticleCurrentSession
    busy = 0
    if s <> invalid and s.busyMillis <> invalid then busy = s.busyMillis
    print "BENCH " + m.phase + " " + m.round.ToStr() + " START busy " + busy.ToStr()
    m.sdkDone = false
    burst(mParticleSGBridge(task), "bench-" + LCase(m.phase) + "-" + m.round.ToStr(), m.phase + " " + m.round.ToStr())
    m.sdkLast = true
end sub

' The session field carries the queue counters and the Task's busy time (at most once a second).
' Only the field of the Task whose burst is under way counts: the other SDK Task's publications
' (BENCH_COMPARE) say nothing of this burst.
sub onSession(event as object)
    if m.sdkTask = invalid then return
    if not event.getRoSGNode().isSameNode(m.sdkTask) then return
    s = event.getData()
    if s = invalid or s.busyMillis = invalid or m.sdkLast <> true or m.sdkDone = true then return
    print "BENCH " + m.phase + " BUSY " + s.busyMillis.ToStr() + " dropped " + s.dropped.ToStr() + " queued " + s.queued.ToStr()
    if s.queued <> 0 then return
    m.sdkDone = true
    m.sdkLast = false
    print "BENCH " + m.phase + " " + m.round.ToStr() + " DONE busy " + s.busyMillis.ToStr() + " dropped " + s.dropped.ToStr()
    ' With a compared SDK, the other SDK's burst (after a reference burst of its own) follows
    ' in the same round; this SDK goes first in odd rounds, the compared one in even rounds, so
    ' that neither always follows the other's wake.
    if m.compareTask <> invalid and m.phase = firstPhase()
        m.phase = otherPhase(m.phase)
        later("referenceBurst")
        return
    end if
    if m.round < ${BURST_ROUNDS}
        m.round = m.round + 1
        m.phase = firstPhase()
        later("referenceBurst")
        return
    end if
    ' Phase 3: the stage profiles, after the SDK's bursts so that they do not share their time.
    m.profiles = [${profiles.map((p) => `"${p}"`).join(', ')}]
    nextProfile()
end sub

' Runs handler from a timer, after this observer has returned. In the simulator a Task's field
' set (the session field that ends a burst) waits for the render thread's observer of it: a
' burst sent from inside the observer was counted in the SDK's busy time, as 50 to 260 ms of
' waiting for the bench itself. A channel's observers are short.
sub later(handler as string)
    m.laterTimer = startTimer(0.05, handler)
end sub

' A one-shot Timer node that calls handler after the given seconds (kept by the caller).
function startTimer(seconds as float, handler as string) as object
    timer = CreateObject("roSGNode", "Timer")
    timer.duration = seconds
    timer.observeField("fire", handler)
    timer.control = "start"
    return timer
end function

sub nextProfile()
    if m.profiles.Count() = 0
        print "BENCH END"
        return
    end if
    m.profile = CreateObject("roSGNode", m.profiles.Shift())
    m.profile.observeField("benchDone", "nextProfile")
end sub

function mParticle_benchNow() as string
    now = CreateObject("roDateTime")
    ms& = now.AsSeconds()
    return (ms& * 1000& + now.GetMilliseconds()).ToStr()
end function
`;

/** The benchmark channel, with the generated SDK and the collector's address. */
/** The SDK's generated files: mParticleCore.brs, mParticleTask.xml, mParticleTask.brs and mParticleTaskLogic.brs (absent before the SDK had it). */
export interface SdkFiles {
  core: string;
  taskXml: string;
  taskBrs: string;
  taskLogic?: string;
}

/**
 * The benchmark channel, with the generated SDK (`after`), optionally the SDK before the
 * throughput work (`before`, for its stage profile only), and the collector's address.
 */
/** `renderOnly`: the render-thread rounds alone (`BENCH_ONLY=render`), then BENCH END. */
export function benchChannel(after: SdkFiles, before: SdkFiles | undefined, baseUrl: string, apiKey: string, apiSecret: string, renderOnly = false, compare?: SdkFiles): FileTree {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const profiles: FileTree = {};
  const variants: Array<['before' | 'after', SdkFiles]> = before ? [['after', after], ['before', before]] : [['after', after]];
  for (const [variant, sdk] of variants) {
    const dir = variant === 'before' ? 'benchBefore' : 'benchAfter';
    profiles[`components/BenchProfile_${variant}.xml`] = profileXml(sdk.taskXml, variant);
    profiles[`components/${dir}/mParticleTask.brs`] = profileTaskBrs(sdk.taskBrs);
    profiles[`components/${dir}/BenchProfile.brs`] = profileBrs(variant);
    profiles[`components/${dir}/mParticleCore.brs`] = sdk.core;
    if (sdk.taskLogic !== undefined) profiles[`components/${dir}/mParticleTaskLogic.brs`] = sdk.taskLogic;
  }
  return {
    manifest: 'title=mParticle bench\nmajor_version=1\nminor_version=0\nbuild_version=1\nsplash_min_time=0\n',
    'source/Main.brs': MAIN,
    'source/benchConfig.brs': `function benchConfig() as object\n    return { baseUrl: ${q(baseUrl)}, apiKey: ${q(apiKey)}, apiSecret: ${q(apiSecret)} }\nend function\n`,
    'components/BenchSinkTask.xml': SINK_XML,
    'components/BenchSinkTask.brs': SINK_BRS,
    'components/BenchReferenceTask.xml': REFERENCE_XML,
    'components/BenchReferenceTask.brs': REFERENCE_BRS,
    'components/BenchScene.xml': SCENE_XML,
    'components/BenchScene.brs': sceneBrs(variants.map(([v]) => `BenchProfile_${v}`), renderOnly, compare !== undefined),
    'source/mparticle/mParticleCore.brs': after.core,
    'components/mParticleTask.xml': after.taskXml,
    'components/mParticleTask.brs': after.taskBrs,
    ...(after.taskLogic !== undefined ? { 'components/mParticleTaskLogic.brs': after.taskLogic } : {}),
    ...profiles,
    ...(compare !== undefined ? compareFiles(compare) : {}),
  };
}

/** The Task component of the compared SDK (BENCH_COMPARE). */
export const COMPARE_TASK = 'mParticleTaskCompare';

/** `text` with `find` replaced by `replace`, which must occur exactly once (the SDK changed otherwise). */
function replaceOnce(text: string, find: string, replace: string, what: string): string {
  const n = text.split(find).length - 1;
  if (n !== 1) throw new Error(`bench: the compared SDK's ${what} holds ${JSON.stringify(find)} ${n} times, expected once`);
  return text.replace(find, replace);
}

/**
 * The compared SDK as a Task component of its own, \`mParticleTaskCompare\`, with its scripts
 * under components/benchCompare/ and its own registry section, so that the two SDKs do not read
 * each other's queue; they share the registry's size, as two SDKs of one developer would.
 */
function compareFiles(sdk: SdkFiles): FileTree {
  if (sdk.taskLogic === undefined) throw new Error('bench: BENCH_COMPARE needs a commit with components/mParticleTaskLogic.brs');
  const dir = 'components/benchCompare';
  let xml = sdk.taskXml.replace(/^<!--.*-->\n/m, '');
  xml = replaceOnce(xml, 'name="mParticleTask"', `name="${COMPARE_TASK}"`, 'mParticleTask.xml');
  xml = replaceOnce(xml, 'pkg:/components/mParticleTask.brs', `pkg:/${dir}/mParticleTask.brs`, 'mParticleTask.xml');
  xml = replaceOnce(xml, 'pkg:/components/mParticleTaskLogic.brs', `pkg:/${dir}/mParticleTaskLogic.brs`, 'mParticleTask.xml');
  xml = replaceOnce(xml, 'pkg:/source/mparticle/mParticleCore.brs', `pkg:/${dir}/mParticleCore.brs`, 'mParticleTask.xml');
  const brs = replaceOnce(sdk.taskBrs, 'section = "mParticle_" + appInfo.GetID()', 'section = "mParticleCompare_" + appInfo.GetID()', 'mParticleTask.brs');
  return {
    [`components/${COMPARE_TASK}.xml`]: xml,
    [`${dir}/mParticleTask.brs`]: brs,
    [`${dir}/mParticleTaskLogic.brs`]: sdk.taskLogic,
    [`${dir}/mParticleCore.brs`]: sdk.core,
  };
}
