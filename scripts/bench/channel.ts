/**
 * The benchmark channel: a scene that (1) times bridge calls against the floor in alternating
 * rounds on the render thread, with a sink Task that only drains its port so the SDK's own
 * work does not share the measurement, then (2) sends media events through the real
 * mParticleTask and uploads them, printing the time it started.
 */
import type { FileTree } from '../../test/harness/zip';
import { sdkHostMain } from '../../test/harness/sdk-host';

/** Calls per round and rounds per kind; rounds alternate floor, bridge, floor, ... */
export const CALLS_PER_ROUND = 2000;
export const ROUNDS = 7;
/** Media events sent through the real Task in phase 2, in chunks with an upload after each. */
export const TASK_EVENTS = 1000;
const CHUNK = 20;
const PACE_SECONDS = 1;

const MAIN = sdkHostMain({
  scene: 'BenchScene',
  configFunction: 'benchConfig',
  options: [
    'apiKey: cfg.apiKey',
    'apiSecret: cfg.apiSecret',
    'logLevel: 2',
    'uploadIntervalMillis: 5000',
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

const SCENE_BRS = `sub init()
    m.sink = CreateObject("roSGNode", "BenchSinkTask")
    m.mParticleTask = CreateObject("roSGNode", "mParticleTask")
    m.timer = CreateObject("roSGNode", "Timer")
    m.timer.duration = 1.5
    m.timer.observeField("fire", "runBench")
    m.timer.control = "start"
end sub

sub runBench()
    c = mParticleConstants()
    session = c.MediaSession.build("bench", "Bench", c.MEDIA_CONTENT_TYPE.VIDEO, c.MEDIA_STREAM_TYPE.ON_DEMAND, 600000)
    options = { "source": "bench" }
    bridge = mParticleSGBridge(m.sink)
    task = m.sink
    n = ${CALLS_PER_ROUND}
    clock = CreateObject("roTimespan")
    for round = 1 to ${ROUNDS}
        clock.Mark()
        for i = 1 to n
            task.mParticleApiCall = { m: "media.logPlayheadPosition", a: [session, options] }
        end for
        print "BENCH ROUND floor " + clock.TotalMilliseconds().ToStr()
        clock.Mark()
        for i = 1 to n
            bridge.media.logPlayheadPosition(session, options)
        end for
        print "BENCH ROUND bridge " + clock.TotalMilliseconds().ToStr()
        ' For reference: a bridge that rebuilds every constant on each call, as mParticle's does.
        clock.Mark()
        for i = 1 to n
            rebuilt = mParticle_buildConstants()
            task.mParticleApiCall = { m: "media.logPlayheadPosition", a: [session, options] }
        end for
        print "BENCH ROUND rebuild " + clock.TotalMilliseconds().ToStr()
    end for
    m.session = session
    m.options = options
    ' Phase 2 starts once the Task has its MPID, as playback starts some time after launch:
    ' until then nothing can upload.
    if m.mParticleTask.mParticleCurrentUser <> invalid and m.mParticleTask.mParticleCurrentUser.mpid <> invalid and m.mParticleTask.mParticleCurrentUser.mpid <> "0"
        sendToTask()
    else
        m.mParticleTask.observeField("mParticleCurrentUser", "onUser")
    end if
end sub

sub onUser()
    user = m.mParticleTask.mParticleCurrentUser
    if m.sent = true or user = invalid or user.mpid = invalid or user.mpid = "0" then return
    sendToTask()
end sub

sub sendToTask()
    m.sent = true
    m.mp = mParticleSGBridge(m.mParticleTask)
    m.mParticleTask.observeField("mParticleCurrentSession", "onSession")
    print "BENCH T0 " + mParticle_benchNow()
    m.mp.media.logMediaSessionStart(m.session, m.options)
    m.mp.media.logPlay(m.session, m.options)
    m.remaining = ${TASK_EVENTS - 2}
    m.position = 0
    m.pacer = CreateObject("roSGNode", "Timer")
    m.pacer.duration = ${PACE_SECONDS}
    m.pacer.repeat = true
    m.pacer.observeField("fire", "sendChunk")
    m.pacer.control = "start"
end sub

' A chunk of playhead updates, then an upload: paced so the queue stays within its budget,
' as a playing channel's updates are.
sub sendChunk()
    n = ${CHUNK}
    if n > m.remaining then n = m.remaining
    for i = 1 to n
        m.position = m.position + 1000
        m.session.currentPlayheadPosition = m.position
        m.mp.media.logPlayheadPosition(m.session, m.options)
    end for
    m.remaining = m.remaining - n
    m.mp.upload()
    if m.remaining <= 0
        m.pacer.control = "stop"
        print "BENCH SENT " + mParticle_benchNow()
    end if
end sub

sub onSession()
    s = m.mParticleTask.mParticleCurrentSession
    if s <> invalid and s.busyMillis <> invalid then print "BENCH BUSY " + s.busyMillis.ToStr() + " dropped " + s.dropped.ToStr() + " queued " + s.queued.ToStr()
end sub

function mParticle_benchNow() as string
    now = CreateObject("roDateTime")
    ms& = now.AsSeconds()
    return (ms& * 1000& + now.GetMilliseconds()).ToStr()
end function
`;

/** The benchmark channel, with the generated SDK and the collector's address. */
export function benchChannel(sdk: FileTree, baseUrl: string, apiKey: string, apiSecret: string): FileTree {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return {
    manifest: 'title=mParticle bench\nmajor_version=1\nminor_version=0\nbuild_version=1\nsplash_min_time=0\n',
    'source/Main.brs': MAIN,
    'source/benchConfig.brs': `function benchConfig() as object\n    return { baseUrl: ${q(baseUrl)}, apiKey: ${q(apiKey)}, apiSecret: ${q(apiSecret)} }\nend function\n`,
    'components/BenchSinkTask.xml': SINK_XML,
    'components/BenchSinkTask.brs': SINK_BRS,
    'components/BenchScene.xml': SCENE_XML,
    'components/BenchScene.brs': SCENE_BRS,
    ...sdk,
  };
}
