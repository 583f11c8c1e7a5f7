' mParticleTask: the Task node that does all of the SDK's work off the render thread.
' The channel creates it (createObject("roSGNode", "mParticleTask")) and talks to it only
' through mParticleSGBridge, which sets the API-call field.

' The observer is registered here, on the render thread, because values set on the field
' right after createObject would be lost if it were registered later in the task function.
sub init()
    m.mParticle_port = CreateObject("roMessagePort")
    m.top.observeField(mParticleConstants().SCENEGRAPH_NODES.API_CALL_NODE, m.mParticle_port)
    m.top.functionName = "mParticle_taskMain"
    m.top.control = "RUN"
end sub

sub mParticle_taskMain()
    apiField = mParticleConstants().SCENEGRAPH_NODES.API_CALL_NODE
    core = mParticle_taskStart(m.global.mparticleOptions, m.mParticle_port)
    m.mParticle_core = core
    m.mParticle_media = mParticle_newMediaState()
    ' Time spent working (not waiting), published on the current-session field: what the SDK
    ' costs the device, for channels and for the benchmark.
    busy = CreateObject("roTimespan")
    core.busyClock = busy
    port = m.mParticle_port
    while true
        msg = wait(mParticle_taskWaitMillis(core), port)
        busy.Mark()
        ' A wait that ended without a message: nothing came for its whole timeout.
        core.quiet = msg = invalid
        ' Calls that arrived together (a burst) are taken one after the other with one tick
        ' after them: deadlines, persistence and upload decisions are per tick, not per call.
        ' At most 100 in a row, so that a flood of calls cannot hold back uploads.
        taken = 0
        while msg <> invalid
            if type(msg) = "roSGNodeEvent" and msg.getField() = apiField
                mParticle_taskDispatch(msg.getData())
            else if type(msg) = "roSGNodeEvent"
                ' A field of a tracked node (task-tracking.brs); most position events make no call.
                mParticle_taskTrackOnNodeEvent(core, msg)
            else
                mParticle_taskOnMessage(core, msg)
            end if
            taken = taken + 1
            if taken >= 100 then exit while
            msg = port.GetMessage()
        end while
        mParticle_taskTick(core)
        ' In microseconds: a tick of a call or two takes less than a millisecond. Waits for the
        ' render thread (mParticle_taskSetField) are not work.
        core.busyMicros = core.busyMicros + busy.TotalMicroseconds() - core.waitMicros
        core.waitMicros = 0&
    end while
end sub

' Unix time in milliseconds as a LongInteger: seconds * 1000 would overflow an Integer.
' One roDateTime (made by mParticle_taskStart), set to the current time on each call:
' creating one per call costs more.
function mParticle_taskNowMillis() as longinteger
    clock = m.mParticle_clock
    clock.Mark()
    return clock.AsSeconds() * 1000& + clock.GetMilliseconds()
end function

' A fresh UUID (m.mParticle_deviceInfo is made by mParticle_taskStart).
function mParticle_taskNewUuid() as string
    return m.mParticle_deviceInfo.GetRandomUUID()
end function

' Checks the arguments of one API call against the kinds the schema gives its parameters.
' Logs the first mismatch and returns false: the caller drops the call.
function mParticle_taskCheckArgs(name as string, args as object, kinds as object, optional as object) as boolean
    for i = 0 to kinds.Count() - 1
        value = args[i]
        if value = invalid
            if not optional[i]
                mParticle_logError(name + ": argument " + (i + 1).ToStr() + " (" + kinds[i] + ") is missing; call dropped")
                return false
            end if
        else if not mParticle_taskArgIsKind(value, kinds[i])
            mParticle_logError(name + ": argument " + (i + 1).ToStr() + " must be " + kinds[i] + ", got " + type(value) + "; call dropped")
            return false
        end if
    end for
    return true
end function

'@@HOLE:ARG_IS_KIND@@

' Whether value is a string or an array of strings (the kind "strings").
function mParticle_taskArgIsStrings(value as dynamic) as boolean
    if mParticle_typeof(value) = "string" then return true
    if type(value) <> "roArray" then return false
    for each item in value
        if mParticle_typeof(item) <> "string" then return false
    end for
    return true
end function

' After an opt-out nothing is recorded, not even in the Task's own state, until the opt-in.
function mParticle_taskOptedOut(name as string) as boolean
    if m.mParticle_core.optedOut <> true then return false
    mParticle_logDebug(name + ": opted out; call dropped")
    return true
end function

' Runs one media call through the transpiled media logic and hands its events, in one input,
' to the messages' reducer. The logic's events carry string attributes only (its contract), so
' they are queued as they are: no conversion, no copy, no JSON check.
sub mParticle_taskMedia(method as string, session as object, args as object, options as dynamic)
    core = m.mParticle_core
    now& = mParticle_taskNowMillis()
    call = { method: method, session: session, args: args, options: options, autoSummaries: core.options.autoSummaries = true }
    result = mParticle_mediaReduce(m.mParticle_media, call, now&, "")
    m.mParticle_media = result.state
    for each problem in result.errors
        mParticle_logError("media." + method + ": " + problem)
    end for
    ' No events, nothing for the messages' reducer to do: the call is saved.
    if result.events.Count() = 0 then return
    ' messageReduce's media input, called directly (mParticle_messageMediaEvents): invalid
    ' when the call has no effect, the common case.
    if core.ids.Count() < m.mParticle_idPool then mParticle_taskFillIds(core)
    r = mParticle_messageMediaEvents(core, result.events, now&)
    if r <> invalid then mParticle_taskMessageEffects(core, r)
end sub

'@@HOLE:DISPATCH@@
