/**
 * The benchmark's stage profile: where the Task's time for one media call goes. A profile Task
 * runs a copy of the SDK's Task code (its init() renamed, so the profile's own init() starts
 * it) and replays the Task's path for one `media.logPlayheadPosition` call stage by stage,
 * with a timer around each stage, for a burst of PROFILE_CALLS calls:
 *
 *   dispatch    routing the call to its handler (the opt-out gate and the method switch)
 *   checks      the argument checks against the schema's kinds
 *   mediaReduce the transpiled media logic (with the clock and id it is given)
 *   message     building the message (session touch, ids, attributes)
 *   queueing    putting it on the queue
 *   persistence registry writes, amortized over the calls (done when due)
 *   tick        the rest of the per-call tick (deadlines, upload checks, publishing)
 *   upload      uploading the burst afterwards (batches, signing, answers), per call
 *
 * The replica of each SDK version's call path is written here (PATHS), next to the SDK code it
 * mirrors; the "before" one is the SDK as it was before the throughput work (BASELINE_REV),
 * run from git so that both are measured side by side in one bench run.
 */

/**
 * Calls between two ticks: the Task ticked after every call before; after, it takes the calls
 * that arrived together (up to 100) and ticks once.
 */
const TICK_EVERY: Record<'before' | 'after', number> = { before: 1, after: 100 };

/** Media calls timed per profile. */
export const PROFILE_CALLS = 300;
/** Path key of the profile Tasks' batches (the bench counts them apart). */
export const PROFILE_KEY = 'bench-profile';
/** The commit whose generated SDK is "before": the last one before the throughput work. */
export const BASELINE_REV = '253c195';

/**
 * The hand-written Task functions the profile calls, in each version: they took the
 * mParticle_task prefix after the baseline (MPG011).
 */
const TASK_NAMES: Record<'before' | 'after', { start: string; onMessage: string; tick: string; now: string }> = {
  before: { start: 'mParticle_coreStart', onMessage: 'mParticle_coreOnMessage', tick: 'mParticle_coreTick', now: 'mParticle_nowMillis' },
  after: { start: 'mParticle_taskStart', onMessage: 'mParticle_taskOnMessage', tick: 'mParticle_taskTick', now: 'mParticle_taskNowMillis' },
};

export const STAGES = ['dispatch', 'checks', 'mediaReduce', 'message', 'queueing', 'persistence', 'tick', 'upload'] as const;

/**
 * The per-call path of each SDK version, between `t.Mark()` and `add(stage)` markers:
 * `name`, `a`, `core` are set; `us` is the stage-time accumulator.
 */
const PATHS: Record<'before' | 'after', string> = {
  // brs-templates/components/mParticleTask.brs + task-core.brs before the throughput work.
  before: `
        t.Mark()
        ok = not mParticle_taskOptedOut(name) and mParticle_checkArgs(name, a, ["session", "attributes"], [false, true])
        us.checks = us.checks + t.TotalMicroseconds()
        t.Mark()
        c = { method: "logPlayheadPosition", session: a[0], args: {}, options: a[1], autoSummaries: core.options.autoSummaries = true }
        result = mParticle_mediaReduce(m.mParticle_media, c, mParticle_nowMillis(), mParticle_newUuid())
        m.mParticle_media = result.state
        us.mediaReduce = us.mediaReduce + t.TotalMicroseconds()
        for each event in result.events
            t.Mark()
            now& = mParticle_nowMillis()
            mParticle_taskTouch(core, now&)
            msg = mParticle_taskMessage(core, "e", now&)
            msg.n = event.name
            msg.et = "media"
            msg.est = now&
            msg.attrs = mParticle_taskStringAttrs(event.attrs)
            us.message = us.message + t.TotalMicroseconds()
            t.Mark()
            mParticle_taskQueue(core, msg)
            us.queueing = us.queueing + t.TotalMicroseconds()
        end for`,
  // The same after the throughput work: the argument checks inline (mParticle_taskCheckArgs only
  // names a wrong argument), no id for the logic, the logic's events queued by the messages'
  // reducer in one input (mParticle_taskMedia), their string attributes as they are.
  after: `
        t.Mark()
        ok = m.mParticle_core.optedOut <> true and type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray")
        us.checks = us.checks + t.TotalMicroseconds()
        t.Mark()
        now& = mParticle_taskNowMillis()
        c = { method: "logPlayheadPosition", session: a[0], args: {}, options: a[1], autoSummaries: core.options.autoSummaries = true }
        result = mParticle_mediaReduce(m.mParticle_media, c, now&, "")
        m.mParticle_media = result.state
        us.mediaReduce = us.mediaReduce + t.TotalMicroseconds()
        ' The events of the call go to the messages' reducer's media input, which makes and queues
        ' the messages: "message" is the id pool, "queueing" the reducer.
        t.Mark()
        if core.ids.Count() < m.mParticle_idPool then mParticle_taskFillIds(core)
        us.message = us.message + t.TotalMicroseconds()
        t.Mark()
        if result.events.Count() > 0
            r = mParticle_messageMediaEvents(core, result.events, now&)
            if r <> invalid then mParticle_taskMessageEffects(core, r)
        end if
        us.queueing = us.queueing + t.TotalMicroseconds()`,
};

/** The profile Task's XML for `variant`, from the SDK's mParticleTask.xml. */
export function profileXml(taskXml: string, variant: 'before' | 'after'): string {
  const dir = variant === 'before' ? 'benchBefore' : 'benchAfter';
  return taskXml
    .replace(/^<!--.*-->\n/m, '')
    .replace('name="mParticleTask"', `name="BenchProfile_${variant}"`)
    .replace('pkg:/components/mParticleTask.brs', `pkg:/components/${dir}/mParticleTask.brs`)
    .replace('pkg:/components/mParticleTaskLogic.brs', `pkg:/components/${dir}/mParticleTaskLogic.brs`)
    .replace('pkg:/source/mparticle/mParticleCore.brs', `pkg:/components/${dir}/mParticleCore.brs`)
    .replace('</interface>', '    <field id="benchDone" type="boolean" />\n    </interface>\n    <script type="text/brightscript" uri="pkg:/components/' + dir + '/BenchProfile.brs" />');
}

/** The SDK's Task code with its init() renamed: the profile's init() starts the Task instead. */
export function profileTaskBrs(taskBrs: string): string {
  const renamed = taskBrs.replace(/^sub init\(\)$/m, 'sub mParticle_benchUnusedInit()');
  if (renamed === taskBrs) throw new Error('profile: no "sub init()" in the Task code');
  return renamed;
}

/** The profile's own script for `variant`. */
export function profileBrs(variant: 'before' | 'after'): string {
  const f = TASK_NAMES[variant];
  return `sub init()
    m.mParticle_port = CreateObject("roMessagePort")
    m.top.functionName = "benchProfile"
    m.top.control = "RUN"
end sub

sub benchProfile()
    port = m.mParticle_port
    options = m.global.mparticleOptions
    m.mParticle_core = ${f.start}(options, port)
    core = m.mParticle_core
    m.mParticle_media = mParticle_newMediaState()
    GetGlobalAA().mParticle_logLevelCache = 1
    ' The identify answer, so that the core has its MPID as in the burst.
    for i = 1 to 50
        if core.transfers.Count() = 0 then exit for
        msg = wait(200, port)
        if msg <> invalid then ${f.onMessage}(core, msg)
    end for
    core.eventsUrl = options.endpoints.events + "/v2/${PROFILE_KEY}/events"
    ' Uploads are timed apart, after the burst.
    core.nextUploadTime = ${f.now}() + 3600000&
    c = mParticleConstants()
    session = c.MediaSession.build("profile", "Profile", c.MEDIA_CONTENT_TYPE.VIDEO, c.MEDIA_STREAM_TYPE.ON_DEMAND, 600000)
    attrs = { "source": "bench" }
    mParticle_taskDispatch({ m: "media.logMediaSessionStart", a: [session, attrs] })
    mParticle_taskDispatch({ m: "media.logPlay", a: [session, attrs] })
    ${f.tick}(core)
    n = ${PROFILE_CALLS}
    t = CreateObject("roTimespan")
    us = { dispatch: 0#, checks: 0#, mediaReduce: 0#, message: 0#, queueing: 0#, persistence: 0#, tick: 0#, upload: 0# }

    ' Dispatch: a call routed to its handler and dropped by its first step, the opt-out gate,
    ' less the cost of that gate (a few us: a failing argument check, subtracted before, cost as
    ' much as the routing and left noise of either sign).
    GetGlobalAA().mParticle_logLevelCache = 0
    routed = { m: "media.logPlayheadPosition", a: [session, attrs] }
    core.optedOut = true
    for i = 1 to n
        t.Mark()
        mParticle_taskDispatch(routed)
        us.dispatch = us.dispatch + t.TotalMicroseconds()
        t.Mark()
        mParticle_taskOptedOut(routed.m)
        us.dispatch = us.dispatch - t.TotalMicroseconds()
    end for
    core.optedOut = false
    GetGlobalAA().mParticle_logLevelCache = 1

    for i = 1 to n
        session.currentPlayheadPosition = i * 1000
        call = { m: "media.logPlayheadPosition", a: [session, attrs] }
        name = call.m
        a = call.a
${PATHS[variant]}
        if i mod ${TICK_EVERY[variant]} = 0 or i = n
            t.Mark()
            now& = ${f.now}()
            if core.persistNow or (core.persistAt > 0 and now& >= core.persistAt) then mParticle_taskPersist(core)
            us.persistence = us.persistence + t.TotalMicroseconds()
            t.Mark()
            ${f.tick}(core)
            us.tick = us.tick + t.TotalMicroseconds()
        end if
    end for

    queued = core.queue.Count()
    core.uploadRequested = true
    clock = CreateObject("roTimespan")
    while core.queue.Count() > 0 and clock.TotalMilliseconds() < 120000
        t.Mark()
        ${f.tick}(core)
        us.upload = us.upload + t.TotalMicroseconds()
        msg = wait(2000, port)
        if msg <> invalid
            t.Mark()
            ${f.onMessage}(core, msg)
            us.upload = us.upload + t.TotalMicroseconds()
        end if
    end while
    for each stage in ["${STAGES.join('", "')}"]
        print "BENCH PROFILE ${variant} " + stage + " " + Str(us[stage] / n).Trim()
    end for
    print "BENCH PROFILE ${variant} queued " + queued.ToStr() + " dropped " + core.dropped.ToStr()
    core.registry.Delete("queue")
    core.registry.Flush()
    m.top.benchDone = true
end sub
`;
}
