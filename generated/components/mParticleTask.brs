' generated from brs-templates/components/mParticleTask.brs, brs-templates/components/task-core.brs, brs-templates/components/task-identity.brs, brs-templates/components/task-network.brs, brs-templates/components/task-storage.brs, brs-templates/components/task-tracking.brs, src-ts/schema by src-ts/generator: do not edit
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

' Whether an argument of an API call fits the kind the schema gives its parameter.
function mParticle_taskArgIsKind(value as dynamic, kind as string) as boolean
    if kind = "session" then return type(value) = "roAssociativeArray"
    if kind = "attributes" then return type(value) = "roAssociativeArray"
    if kind = "object" then return type(value) = "roAssociativeArray"
    if kind = "string" then return (type(value) = "roString" or type(value) = "String")
    if kind = "number" then return (type(value) = "roInteger" or type(value) = "roLongInteger" or type(value) = "LongInteger" or type(value) = "roFloat" or type(value) = "roDouble" or type(value) = "Integer" or type(value) = "Float" or type(value) = "Double" or type(value) = "roInt")
    if kind = "boolean" then return (type(value) = "roBoolean" or type(value) = "Boolean")
    if kind = "list" then return type(value) = "roArray"
    if kind = "node" then return type(value) = "roSGNode"
    if kind = "name" then return (type(value) = "roString" or type(value) = "String") and Len(value) > 0
    if kind = "value" then return (type(value) = "roString" or type(value) = "String") or (type(value) = "roInteger" or type(value) = "roLongInteger" or type(value) = "LongInteger" or type(value) = "roFloat" or type(value) = "roDouble" or type(value) = "Integer" or type(value) = "Float" or type(value) = "Double" or type(value) = "roInt") or (type(value) = "roBoolean" or type(value) = "Boolean") or type(value) = "roArray"
    if kind = "strings" then return mParticle_taskArgIsStrings(value)
    return false
end function

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

' Runs one call that mParticleSGBridge set on the API-call field. A call of the wrong shape
' or with a wrong argument is logged once and dropped; the Task never stops.
sub mParticle_taskDispatch(call as dynamic)
    if type(call) <> "roAssociativeArray"
        mParticle_logError("mParticleTask: an API call must be {m: name, a: [arguments]}, got " + type(call) + "; call dropped")
        return
    end if
    name = call.m
    if type(name) <> "roString" and type(name) <> "String"
        mParticle_logError("mParticleTask: an API call must be {m: name, a: [arguments]}, got m of type " + type(name) + "; call dropped")
        return
    end if
    a = call.a
    if type(a) <> "roArray" then a = []
    optedOut = m.mParticle_core.optedOut = true
    if name = "media.logPlayheadPosition"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logPlayheadPosition", a[0], {}, a[1])
    else if name = "media.logPlay"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logPlay", a[0], {}, a[1])
    else if name = "media.logPause"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logPause", a[0], {}, a[1])
    else if name = "media.logMediaContentEnd"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logMediaContentEnd", a[0], {}, a[1])
    else if name = "media.logMediaSessionStart"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logMediaSessionStart", a[0], {}, a[1])
    else if name = "media.logMediaSessionEnd"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logMediaSessionEnd", a[0], {}, a[1])
    else if name = "media.logSeekStart"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (type(a[1]) = "roInteger" or type(a[1]) = "roLongInteger" or type(a[1]) = "LongInteger" or type(a[1]) = "roFloat" or type(a[1]) = "roDouble" or type(a[1]) = "Integer" or type(a[1]) = "Float" or type(a[1]) = "Double" or type(a[1]) = "roInt") and (a[2] = invalid or type(a[2]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "number", "attributes"], [false, false, true]) then return
        end if
        mParticle_taskMedia("logSeekStart", a[0], { position: a[1] }, a[2])
    else if name = "media.logSeekEnd"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (type(a[1]) = "roInteger" or type(a[1]) = "roLongInteger" or type(a[1]) = "LongInteger" or type(a[1]) = "roFloat" or type(a[1]) = "roDouble" or type(a[1]) = "Integer" or type(a[1]) = "Float" or type(a[1]) = "Double" or type(a[1]) = "roInt") and (a[2] = invalid or type(a[2]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "number", "attributes"], [false, false, true]) then return
        end if
        mParticle_taskMedia("logSeekEnd", a[0], { position: a[1] }, a[2])
    else if name = "media.logBufferStart"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (type(a[1]) = "roInteger" or type(a[1]) = "roLongInteger" or type(a[1]) = "LongInteger" or type(a[1]) = "roFloat" or type(a[1]) = "roDouble" or type(a[1]) = "Integer" or type(a[1]) = "Float" or type(a[1]) = "Double" or type(a[1]) = "roInt") and (type(a[2]) = "roInteger" or type(a[2]) = "roLongInteger" or type(a[2]) = "LongInteger" or type(a[2]) = "roFloat" or type(a[2]) = "roDouble" or type(a[2]) = "Integer" or type(a[2]) = "Float" or type(a[2]) = "Double" or type(a[2]) = "roInt") and (type(a[3]) = "roInteger" or type(a[3]) = "roLongInteger" or type(a[3]) = "LongInteger" or type(a[3]) = "roFloat" or type(a[3]) = "roDouble" or type(a[3]) = "Integer" or type(a[3]) = "Float" or type(a[3]) = "Double" or type(a[3]) = "roInt") and (a[4] = invalid or type(a[4]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "number", "number", "number", "attributes"], [false, false, false, false, true]) then return
        end if
        mParticle_taskMedia("logBufferStart", a[0], { duration: a[1], bufferPercent: a[2], position: a[3] }, a[4])
    else if name = "media.logBufferEnd"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (type(a[1]) = "roInteger" or type(a[1]) = "roLongInteger" or type(a[1]) = "LongInteger" or type(a[1]) = "roFloat" or type(a[1]) = "roDouble" or type(a[1]) = "Integer" or type(a[1]) = "Float" or type(a[1]) = "Double" or type(a[1]) = "roInt") and (type(a[2]) = "roInteger" or type(a[2]) = "roLongInteger" or type(a[2]) = "LongInteger" or type(a[2]) = "roFloat" or type(a[2]) = "roDouble" or type(a[2]) = "Integer" or type(a[2]) = "Float" or type(a[2]) = "Double" or type(a[2]) = "roInt") and (type(a[3]) = "roInteger" or type(a[3]) = "roLongInteger" or type(a[3]) = "LongInteger" or type(a[3]) = "roFloat" or type(a[3]) = "roDouble" or type(a[3]) = "Integer" or type(a[3]) = "Float" or type(a[3]) = "Double" or type(a[3]) = "roInt") and (a[4] = invalid or type(a[4]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "number", "number", "number", "attributes"], [false, false, false, false, true]) then return
        end if
        mParticle_taskMedia("logBufferEnd", a[0], { duration: a[1], bufferPercent: a[2], position: a[3] }, a[4])
    else if name = "media.logAdClick"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logAdClick", a[0], {}, a[1])
    else if name = "media.logAdBreakStart"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logAdBreakStart", a[0], {}, a[1])
    else if name = "media.logAdBreakEnd"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logAdBreakEnd", a[0], {}, a[1])
    else if name = "media.logAdStart"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logAdStart", a[0], {}, a[1])
    else if name = "media.logAdEnd"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logAdEnd", a[0], {}, a[1])
    else if name = "media.logAdSkip"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logAdSkip", a[0], {}, a[1])
    else if name = "media.logSegmentStart"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logSegmentStart", a[0], {}, a[1])
    else if name = "media.logSegmentEnd"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logSegmentEnd", a[0], {}, a[1])
    else if name = "media.logSegmentSkip"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logSegmentSkip", a[0], {}, a[1])
    else if name = "media.logQoS"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (type(a[1]) = "roInteger" or type(a[1]) = "roLongInteger" or type(a[1]) = "LongInteger" or type(a[1]) = "roFloat" or type(a[1]) = "roDouble" or type(a[1]) = "Integer" or type(a[1]) = "Float" or type(a[1]) = "Double" or type(a[1]) = "roInt") and (type(a[2]) = "roInteger" or type(a[2]) = "roLongInteger" or type(a[2]) = "LongInteger" or type(a[2]) = "roFloat" or type(a[2]) = "roDouble" or type(a[2]) = "Integer" or type(a[2]) = "Float" or type(a[2]) = "Double" or type(a[2]) = "roInt") and (type(a[3]) = "roInteger" or type(a[3]) = "roLongInteger" or type(a[3]) = "LongInteger" or type(a[3]) = "roFloat" or type(a[3]) = "roDouble" or type(a[3]) = "Integer" or type(a[3]) = "Float" or type(a[3]) = "Double" or type(a[3]) = "roInt") and (type(a[4]) = "roInteger" or type(a[4]) = "roLongInteger" or type(a[4]) = "LongInteger" or type(a[4]) = "roFloat" or type(a[4]) = "roDouble" or type(a[4]) = "Integer" or type(a[4]) = "Float" or type(a[4]) = "Double" or type(a[4]) = "roInt") and (a[5] = invalid or type(a[5]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "number", "number", "number", "number", "attributes"], [false, false, false, false, false, true]) then return
        end if
        mParticle_taskMedia("logQoS", a[0], { startupTime: a[1], droppedFrames: a[2], bitRate: a[3], fps: a[4] }, a[5])
    else if name = "media.logAdSummary"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logAdSummary", a[0], {}, a[1])
    else if name = "media.logSegmentSummary"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logSegmentSummary", a[0], {}, a[1])
    else if name = "media.logMediaSessionSummary"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["session", "attributes"], [false, true]) then return
        end if
        mParticle_taskMedia("logMediaSessionSummary", a[0], {}, a[1])
    else if name = "core.logEvent"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["name", "string", "attributes", "attributes"], [false, true, true, true]) then return
        if a[1] = invalid then a[1] = "other"
        mParticle_taskMessageStep(m.mParticle_core, { kind: "logEvent", a: a }, mParticle_taskNowMillis())
    else if name = "core.logScreenEvent"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["name", "attributes", "attributes"], [false, true, true]) then return
        mParticle_taskMessageStep(m.mParticle_core, { kind: "logScreenEvent", a: a }, mParticle_taskNowMillis())
    else if name = "core.logCommerceEvent"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not ((a[0] = invalid or type(a[0]) = "roAssociativeArray") and (a[1] = invalid or type(a[1]) = "roAssociativeArray") and (a[2] = invalid or type(a[2]) = "roArray") and (a[3] = invalid or type(a[3]) = "roAssociativeArray") and (a[4] = invalid or (type(a[4]) = "roString" or type(a[4]) = "String")) and (a[5] = invalid or type(a[5]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["object", "object", "list", "attributes", "string", "attributes"], [true, true, true, true, true, true]) then return
        end if
        mParticle_taskCoreLogCommerceEvent(m.mParticle_core, a)
    else if name = "core.logMessage"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskCoreLogMessage(m.mParticle_core, a)
    else if name = "core.setUserAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["name", "value"], [false, false]) then return
        mParticle_taskMessageStep(m.mParticle_core, { kind: "setUserAttribute", a: a }, mParticle_taskNowMillis())
    else if name = "core.removeUserAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["name"], [false]) then return
        mParticle_taskMessageStep(m.mParticle_core, { kind: "removeUserAttribute", a: a }, mParticle_taskNowMillis())
    else if name = "core.setIntegrationAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["string", "name", "strings"], [false, false, false]) then return
        mParticle_taskMessageStep(m.mParticle_core, { kind: "setIntegrationAttribute", a: a }, mParticle_taskNowMillis())
    else if name = "core.setConsentState"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskMessageStep(m.mParticle_core, { kind: "setConsentState", a: a }, mParticle_taskNowMillis())
    else if name = "core.setSessionAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["name", "value"], [false, false]) then return
        mParticle_taskMessageStep(m.mParticle_core, { kind: "setSessionAttribute", a: a }, mParticle_taskNowMillis())
    else if name = "core.setOptOut"
        if not ((type(a[0]) = "roBoolean" or type(a[0]) = "Boolean"))
            if not mParticle_taskCheckArgs(name, a, ["boolean"], [false]) then return
        end if
        mParticle_taskMessageStep(m.mParticle_core, { kind: "setOptOut", a: a }, mParticle_taskNowMillis())
    else if name = "core.upload"
        mParticle_taskMessageStep(m.mParticle_core, { kind: "upload", a: a }, mParticle_taskNowMillis())
    else if name = "identity.identify"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskIdentityStep(m.mParticle_core, { kind: "identify", request: a[0], requestId: mParticle_taskNewUuid() })
    else if name = "identity.login"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskIdentityStep(m.mParticle_core, { kind: "login", request: a[0], requestId: mParticle_taskNewUuid() })
    else if name = "identity.logout"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskIdentityStep(m.mParticle_core, { kind: "logout", request: a[0], requestId: mParticle_taskNewUuid() })
    else if name = "identity.modify"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskIdentityStep(m.mParticle_core, { kind: "modify", request: a[0], requestId: mParticle_taskNewUuid() })
    else if name = "identity.setUserAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["name", "value"], [false, false]) then return
        mParticle_taskMessageStep(m.mParticle_core, { kind: "setUserAttribute", a: a }, mParticle_taskNowMillis())
    else if name = "identity.removeUserAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["name"], [false]) then return
        mParticle_taskMessageStep(m.mParticle_core, { kind: "removeUserAttribute", a: a }, mParticle_taskNowMillis())
    else if name = "identity.setIntegrationAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["string", "name", "strings"], [false, false, false]) then return
        mParticle_taskMessageStep(m.mParticle_core, { kind: "setIntegrationAttribute", a: a }, mParticle_taskNowMillis())
    else if name = "identity.setConsentState"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskMessageStep(m.mParticle_core, { kind: "setConsentState", a: a }, mParticle_taskNowMillis())
    else if name = "media.trackVideo"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roSGNode" and type(a[1]) = "roAssociativeArray" and (a[2] = invalid or type(a[2]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["node", "object", "attributes"], [false, false, true]) then return
        end if
        if a[2] = invalid then a[2] = {}
        mParticle_taskMediaTrackVideo(m.mParticle_core, a)
    else if name = "media.stopTracking"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (a[1] = invalid or type(a[1]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["object", "attributes"], [false, true]) then return
        end if
        if a[1] = invalid then a[1] = {}
        mParticle_taskMediaStopTracking(m.mParticle_core, a)
    else if name = "media.trackAdEvent"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (type(a[1]) = "roString" or type(a[1]) = "String") and (a[2] = invalid or type(a[2]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["object", "string", "attributes"], [false, false, true]) then return
        end if
        if a[2] = invalid then a[2] = {}
        mParticle_taskMediaTrackAdEvent(m.mParticle_core, a)
    else if name = "media.trackStitchedAdEvent"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray" and (type(a[1]) = "roString" or type(a[1]) = "String") and (type(a[2]) = "roString" or type(a[2]) = "String") and (a[3] = invalid or type(a[3]) = "roAssociativeArray"))
            if not mParticle_taskCheckArgs(name, a, ["object", "string", "string", "attributes"], [false, false, false, true]) then return
        end if
        if a[3] = invalid then a[3] = {}
        mParticle_taskMediaTrackStitchedAdEvent(m.mParticle_core, a)
    else
        mParticle_logError("mParticleTask: unknown API call " + name + "; call dropped")
    end if
end sub

' The Task's core runtime: options, sessions, the message queue, and the core API handlers.
' Decisions (timeouts, priorities, batches, retry delays, the persisted form) live in the
' transpiled logic (src-ts/logic/core-*.ts); this file only applies them to the device.

function mParticle_taskStart(options as dynamic, port as object) as object
    ' Fresh ids come from it (mParticle_taskNewUuid, mParticle_taskFillIds).
    m.mParticle_deviceInfo = CreateObject("roDeviceInfo")
    m.mParticle_idPool = mParticle_messageIdPool()
    m.mParticle_clock = CreateObject("roDateTime")
    checked = mParticle_coreValidateOptions(options)
    opts = checked.options
    ' Set before logging the option problems, so that they obey the channel's level.
    GetGlobalAA().mParticle_logLevelCache = opts.logLevel
    for each problem in checked.errors
        mParticle_logError(problem)
    end for
    ' Development overrides that `mparticle-roku sim` writes into the manifest of the package it runs.
    manifest = CreateObject("roAppInfo")
    for each override in mParticle_coreManifestOverrides(opts, manifest.GetValue("mparticle_endpoint"), manifest.GetValue("mparticle_upload_interval_ms").ToInt())
        mParticle_logError(override)
    end for
    constants = mParticleConstants()
    core = {
        port: port
        options: opts
        ready: checked.ready
        nodes: constants.SCENEGRAPH_NODES
        sdkVersion: constants.SDK_VERSION
        queue: []
        ids: []
        inflightIds: {}
        ' Requests in flight (mParticle_uploadReduce's) and their roUrlTransfers (the glue's), by request id.
        requests: {}
        transfers: {}
        dropped: 0
        mpid: "0"
        optedOut: false
        session: { active: false, id: "", start: 0&, last: 0&, attrs: {}, mpids: [] }
        identityInFlight: false
        eventsInFlight: false
        sessionNodeDirty: false
        ' The current-user field: a change waits for the end of the tick (mParticle_taskPublishUser),
        ' and the text of what it shows now.
        userNodeDirty: false
        userNodeShown: ""
        queueDirty: false
        stateDirty: false
        persistNow: false
        sessionPublishAt: 0&
        ' Whether this tick follows a wait that timed out (mParticle_taskMain).
        quiet: false
        persistDelay: 1000
        busyMicros: 0&
        ' The Task's clock of its working time (set by mParticle_taskMain), and the part of this
        ' tick spent waiting for the render thread (mParticle_taskSetField), which is not work.
        busyClock: invalid
        waitMicros: 0&
        persistAt: 0&
        notStored: 0
        fitKept: 0
        ' The text of the queue last written to the registry.
        storedWritten: ""
        logLevel: opts.logLevel
        firstRun: false
        appVersion: ""
    }
    if not core.ready then return core
    appInfo = CreateObject("roAppInfo")
    core.dev = opts.environment = 1 or (opts.environment = 0 and appInfo.IsDev())
    endpoints = mParticle_coreEndpoints(opts.apiKey, opts.endpoints)
    core.eventsUrl = endpoints.eventsUrl
    core.eventsPath = endpoints.eventsPath
    core.identityBase = endpoints.identityBase
    core.uploadRequested = false
    core.nextUploadTime = mParticle_taskNowMillis() + opts.uploadIntervalMillis
    core.backoffUntil = 0&
    core.attempt = 0
    core.retryBatch = invalid
    core.batch = invalid
    core.identityQueue = []
    core.identityRetryAt = 0&
    core.identityAttempt = 0
    core.credentialsLogged = false
    core.identityTypes = mParticle_identityTypeNumbers()
    mParticle_taskLoad(core, appInfo)
    core.ai = mParticle_taskAppInfo(core, appInfo)
    core.di = mParticle_taskDeviceInfo()
    mParticle_logInfo("started: " + core.queue.Count().ToStr() + " message(s) from the previous run, mpid " + core.mpid)
    mParticle_taskMessageStep(core, { kind: "start", appVersion: appInfo.GetVersion() }, mParticle_taskNowMillis())
    core.stateDirty = true
    core.persistNow = true
    mParticle_taskPersist(core)
    mParticle_taskPublishUser(core)
    mParticle_taskPublishSession(core)
    return core
end function

function mParticle_taskWaitMillis(core as object) as integer
    if not core.ready then return 60000
    now& = mParticle_taskNowMillis()
    deadlines = []
    deadlines.Push(mParticle_storeWakeAt(core, now&))
    ' With identity's, the session's, the uploads' and the transfers' deadlines (core-upload.ts).
    return mParticle_uploadWaitMillis(core, now&, deadlines)
end function

sub mParticle_taskTick(core as object)
    if not core.ready then return
    now& = mParticle_taskNowMillis()
    mParticle_taskUploadStep(core, { kind: "timeouts" }, now&)
    mParticle_taskMessageStep(core, { kind: "tick" }, now&)
    mParticle_taskIdentityPump(core, now&)
    if core.persistNow then mParticle_taskPersist(core)
    mParticle_taskUploadStep(core, { kind: "tick" }, now&)
    ' While batches go out one after the other a backlog is being delivered, and what is
    ' delivered need not be written: a deferred write (an encoding of the queue) waits until
    ' no batch is out, 5 s at most. Decided after the upload, so that the tick between an
    ' answer and the next batch does not write the backlog the next batch takes. The rule is
    ' mParticle_storeReduce's ("tick"); the test here only spares the ticks with nothing due a call.
    if core.persistAt > 0 and now& >= core.persistAt then mParticle_taskPersistDue(core)
    ' The session field's timing: mParticle_coreSessionPublishDue.
    if core.userNodeDirty then mParticle_taskPublishUserNow(core)
    if mParticle_coreSessionPublishDue(core.sessionNodeDirty, core.sessionPublishAt, core.quiet, now&) then mParticle_taskPublishSession(core)
end sub

' --- messages and sessions ---
' Glue of the transpiled reducer (src-ts/logic/core-messages.ts, mParticle_messageReduce): the
' core API calls, media events, identity's messages and the session's start and end go to it
' with the Task's core as its state; mParticle_taskMessageEffects carries out what it returns.

' Keeps core.ids, the fresh ids the reducers take, topped up (core-ids.ts): to twice the pool,
' so that the media hot path, which tests the count itself, calls this once in a pool's worth
' of calls rather than for each.
sub mParticle_taskFillIds(core as object)
    ids = core.ids
    device = m.mParticle_deviceInfo
    for i = ids.Count() to m.mParticle_idPool * 2 - 1
        ids.Push(device.GetRandomUUID())
    end for
end sub

sub mParticle_taskMessageStep(core as object, input as object, now as longinteger)
    mParticle_taskFillIds(core)
    result = mParticle_messageReduce(core, input, now)
    ' Most media calls have none: the call is saved on the hot path.
    if result.effects.Count() > 0 then mParticle_taskMessageEffects(core, result)
end sub

' Carries out the reducer's effects, in order (MessageEffect in core-messages.ts).
sub mParticle_taskMessageEffects(core as object, result as object)
    for each e in result.effects
        kind = e.type
        if kind = "log"
            mParticle_log(e.level, e.text)
        else if kind = "connection"
            e.msg.dct = mParticle_taskConnectionType()
        else if kind = "identity"
            mParticle_taskIdentityStep(core, e.input)
        end if
    end for
end sub

' --- core API handlers (a: arguments checked by mParticle_taskDispatch) ---

' Automatic tracking's custom media events.
sub mParticle_taskCoreLogCustomEvent(core as object, name as string, eventType as string, attrs as object)
    mParticle_taskMessageStep(core, { kind: "customEvent", name: name, eventType: eventType, attrs: attrs }, mParticle_taskNowMillis())
end sub

' Whether the call's objects are JSON is a fact of the device's (FormatJson): the reducer decides.
sub mParticle_taskCoreLogCommerceEvent(core as object, a as object)
    mParticle_taskMessageStep(core, { kind: "logCommerceEvent", a: a, json: FormatJson([a[0], a[1], a[2]]) <> "" }, mParticle_taskNowMillis())
end sub

sub mParticle_taskCoreLogMessage(core as object, a as object)
    mParticle_taskMessageStep(core, { kind: "logMessage", a: a, json: FormatJson(a) <> "" }, mParticle_taskNowMillis())
end sub

' --- published fields ---

sub mParticle_taskPublishSession(core as object)
    core.sessionNodeDirty = false
    core.sessionPublishAt = mParticle_taskNowMillis() + 1000&
    s = core.session
    ' The busy time so far, this tick's included: what a channel reads is never a tick behind.
    busy& = core.busyMicros
    if core.busyClock <> invalid then busy& = busy& + core.busyClock.TotalMicroseconds() - core.waitMicros
    value = { sessionId: "", startTime: 0&, queued: core.queue.Count(), dropped: core.dropped, busyMillis: busy& \ 1000& }
    if s.active
        value.sessionId = s.id
        value.startTime = s.start
    end if
    mParticle_taskSetField(core, core.nodes.CURRENT_SESSION_NODE, value)
end sub

' Sets a field of m.top. From the Task thread that is a rendezvous: the Task waits, not working,
' until the render thread is free (in the simulator up to 260 ms while the channel logged a
' burst of calls). The wait is kept out of the Task's busy time: it costs the device nothing.
sub mParticle_taskSetField(core as object, field as string, value as dynamic)
    clock = core.busyClock
    if clock = invalid
        m.top[field] = value
        return
    end if
    before& = clock.TotalMicroseconds()
    m.top[field] = value
    core.waitMicros = core.waitMicros + clock.TotalMicroseconds() - before&
end sub

' --- device facts ---

function mParticle_taskConnectionType() as string
    kind = CreateObject("roDeviceInfo").GetConnectionType()
    if kind = "WiFiConnection" then return "wifi"
    if kind = "WiredConnection" then return "ethernet"
    return "offline"
end function

function mParticle_taskAppInfo(core as object, appInfo as object) as object
    env = 2
    if core.dev then env = 1
    return { an: appInfo.GetTitle(), av: appInfo.GetVersion(), apn: appInfo.GetID(), abn: appInfo.GetValue("build_version"), env: env }
end function

function mParticle_taskDeviceInfo() as object
    info = CreateObject("roDeviceInfo")
    os = info.GetOSVersion()
    version = ""
    if type(os) = "roAssociativeArray" then version = mParticle_str(os.major) + "." + mParticle_str(os.minor) + "." + mParticle_str(os.revision)
    details = info.GetModelDetails()
    vendor = ""
    if type(details) = "roAssociativeArray" and mParticle_typeof(details.VendorName) = "string" then vendor = details.VendorName
    size = info.GetDisplaySize()
    limited = info.IsRIDADisabled()
    di = {
        dp: "Roku"
        dn: info.GetModelDisplayName()
        p: info.GetModel()
        dmdl: info.GetModel()
        vr: version
        dosv: version
        lat: limited
        rpb: info.GetChannelClientId()
        dc: info.GetCountryCode()
        dll: info.GetCurrentLocale()
        dlc: info.GetUserCountryCode()
        tzn: info.GetTimeZone()
        dr: mParticle_taskConnectionType()
        tz: mParticle_taskUtcOffsetHours()
        b: vendor
        dma: vendor
    }
    if not limited then di.rida = info.GetRIDA()
    if type(size) = "roAssociativeArray"
        di.dsw = size.w
        di.dsh = size.h
    end if
    return di
end function

function mParticle_taskUtcOffsetHours() as integer
    clock = CreateObject("roDateTime")
    utc& = clock.AsSeconds()
    clock.ToLocalTime()
    local& = clock.AsSeconds()
    return Int((local& - utc&) / 3600)
end function

' Identity's glue: the identity requests (the generated dispatch hands them over), the answers
' to them and the ticks go to the transpiled reducer (src-ts/logic/core-identity.ts,
' mParticle_identityReduce) with the Task's core as its state; this file carries out the
' effects it returns. User attributes and consent come through the messages' reducer.

' A tick: the next identity request may go out.
sub mParticle_taskIdentityPump(core as object, now as longinteger)
    mParticle_taskIdentityEffects(core, mParticle_identityReduce(core, { kind: "pump" }, now), now)
end sub

' The answer to an identity request (code < 0: no answer).
sub mParticle_taskIdentityAnswer(core as object, req as object, code as integer, text as string, headers as object)
    body = invalid
    if text <> "" then body = ParseJson(text)
    mParticle_taskIdentityStep(core, { kind: "answer", sent: req, code: code, body: body, retryAfter: mParticle_taskHeader(headers, "retry-after"), random: Rnd(0) })
end sub

' The current user changed (the restored one at the start): published at the end of the tick.
sub mParticle_taskPublishUser(core as object)
    core.userNodeDirty = true
end sub

sub mParticle_taskPublishUserNow(core as object)
    mParticle_taskIdentityStep(core, { kind: "publish" })
end sub

sub mParticle_taskIdentityStep(core as object, input as object)
    now& = mParticle_taskNowMillis()
    mParticle_taskIdentityEffects(core, mParticle_identityReduce(core, input, now&), now&)
end sub

' Carries out the reducer's effects, in order (IdentityEffect in core-identity.ts).
sub mParticle_taskIdentityEffects(core as object, result as object, now as longinteger)
    for each e in result.effects
        kind = e.type
        if kind = "log"
            mParticle_log(e.level, e.text)
        else if kind = "queue"
            mParticle_taskMessageStep(core, { kind: "identity", dt: e.dt, fields: e.fields, activity: e.activity, mpid: e.mpid, json: FormatJson(e.fields) <> "" }, now)
        else if kind = "post"
            if not mParticle_taskPost(core, e.url, FormatJson(e.body), e.headers, { kind: "identity", request: e.request })
                mParticle_taskIdentityAnswer(core, e.request, -1, "", {})
            end if
        else if kind = "field"
            mParticle_taskSetField(core, e.field, e.value)
        else if kind = "sessionField"
            core.sessionNodeDirty = true
        else if kind = "stateDirty"
            core.stateDirty = true
            core.persistNow = true
        else if kind = "giveMpid"
            for each msg in core.queue
                if not msg.DoesExist("mpid") then msg.mpid = e.mpid
            end for
            core.queueDirty = true
        else if kind = "credentials"
            mParticle_taskCredentialsError(core, e.what, e.code)
        end if
    end for
end sub

' Uploads and identity calls over async roUrlTransfer on the Task's port. What goes out, when,
' and what each answer does is decided by the transpiled reducer (src-ts/logic/core-upload.ts,
' mParticle_uploadReduce) with the Task's core as its state; this file signs and starts the
' requests, keeps their transfers (core.transfers, by request id: the reducer's core.requests
' holds the rest) and carries out the effects.

' Lowercase hex HMAC-SHA256 of "POST\n<date>\n<path><body>" keyed by the API secret.
function mParticle_taskSign(secret as string, date as string, path as string, body as string) as string
    key = CreateObject("roByteArray")
    key.FromAsciiString(secret)
    hmac = CreateObject("roHMAC")
    if hmac.Setup("sha256", key) <> 0 then return ""
    data = CreateObject("roByteArray")
    data.FromAsciiString("POST" + Chr(10) + date + Chr(10) + path + body)
    digest = hmac.Process(data)
    if digest = invalid then return ""
    return LCase(digest.ToHexString())
end function

' Starts request `id`, a signed async POST of `body`; its transfer is kept in core.transfers (it
' must stay referenced until its roUrlEvent arrives). False when it could not start.
function mParticle_taskStartTransfer(core as object, id as string, url as string, body as string, extraHeaders as object) as boolean
    transfer = CreateObject("roUrlTransfer")
    transfer.SetUrl(url)
    transfer.SetMessagePort(core.port)
    transfer.RetainBodyOnError(true)
    if LCase(Left(url, 6)) = "https:"
        certificates = "common:/certs/ca-bundle.crt"
        if core.options.enablePinning and core.options.certificateDir <> "" then certificates = core.options.certificateDir
        transfer.SetCertificatesFile(certificates)
        transfer.InitClientCertificates()
    end if
    date = CreateObject("roDateTime").ToISOString()
    transfer.AddHeader("Content-Type", "application/json")
    transfer.AddHeader("User-Agent", "mParticle Roku SDK/" + core.sdkVersion)
    transfer.AddHeader("Date", date)
    transfer.AddHeader("x-mp-signature", mParticle_taskSign(core.options.apiSecret, date, mParticle_coreUrlPath(url), body))
    for each name in extraHeaders
        transfer.AddHeader(name, extraHeaders[name])
    end for
    if not transfer.AsyncPostFromString(body)
        mParticle_logError("could not start a request to " + url)
        return false
    end if
    core.transfers[id] = transfer
    return true
end function

' Identity's requests (context {kind: "identity", request}) go through the reducer, which keeps
' them with the uploads' in flight. Their answer always comes back to identity, also when the
' request could not start: hence true.
function mParticle_taskPost(core as object, url as string, body as string, extraHeaders as object, context as object) as boolean
    if context.kind <> "identity" then return false
    mParticle_taskUploadStep(core, { kind: "identityPost", url: url, body: body, headers: extraHeaders, request: context.request }, mParticle_taskNowMillis())
    return true
end function

' A response header by lowercase name, or invalid.
function mParticle_taskHeader(headers as dynamic, name as string) as dynamic
    if type(headers) <> "roAssociativeArray" then return invalid
    for each key in headers
        if LCase(key) = name then return headers[key]
    end for
    return invalid
end function

sub mParticle_taskCredentialsError(core as object, what as string, code as integer)
    mParticle_taskUploadStep(core, { kind: "refused", what: what, code: code }, mParticle_taskNowMillis())
end sub

sub mParticle_taskOnMessage(core as object, msg as dynamic)
    if type(msg) <> "roUrlEvent" or not core.ready then return
    if msg.GetInt() <> 1 then return
    source = msg.GetSourceIdentity()
    id = invalid
    for each key in core.transfers
        if core.transfers[key].GetIdentity() = source then id = key
    end for
    if id = invalid then return
    core.transfers.Delete(id)
    code = msg.GetResponseCode()
    text = msg.GetString()
    if text = invalid then text = ""
    if code < 0 then mParticle_logInfo("request failed: " + msg.GetFailureReason())
    ' Only an accepted answer's body is read (an error page is not JSON).
    body = invalid
    if code >= 200 and code < 300 and text <> "" then body = ParseJson(text)
    input = { kind: "answer", id: id, code: code, text: text, body: body, retryAfter: mParticle_taskHeader(msg.GetResponseHeaders(), "retry-after"), random: Rnd(0) }
    mParticle_taskUploadStep(core, input, mParticle_taskNowMillis())
    mParticle_taskTick(core)
end sub

sub mParticle_taskUploadStep(core as object, input as object, now as longinteger)
    ' A new batch takes its id from core.ids.
    mParticle_taskFillIds(core)
    mParticle_taskUploadEffects(core, mParticle_uploadReduce(core, input, now))
end sub

' Carries out the reducer's effects, in order (UploadEffect in core-upload.ts).
sub mParticle_taskUploadEffects(core as object, result as object)
    for each e in result.effects
        kind = e.type
        if kind = "log"
            mParticle_log(e.level, e.text)
        else if kind = "post"
            if not mParticle_taskStartTransfer(core, e.id, e.url, e.body, e.headers)
                mParticle_taskUploadStep(core, { kind: "notStarted", id: e.id }, mParticle_taskNowMillis())
            end if
        else if kind = "cancel"
            transfer = core.transfers[e.id]
            if transfer <> invalid then transfer.AsyncCancel()
            core.transfers.Delete(e.id)
        else if kind = "persistBatch"
            mParticle_taskPersistBatch(core)
        else if kind = "persist"
            mParticle_taskPersist(core)
        else if kind = "storeAccepted"
            mParticle_taskStoreAccepted(core, e.msgs)
        else if kind = "stateDirty"
            mParticle_taskStoreStep(core, { kind: "stateChanged" })
        else if kind = "identityAnswer"
            headers = {}
            if mParticle_typeof(e.retryAfter) = "string" then headers["retry-after"] = e.retryAfter
            mParticle_taskIdentityAnswer(core, e.request, e.code, e.text, headers)
        end if
    end for
end sub

' The store's glue: what survives a restart, in the registry section "mParticle_<channel id>",
' key "state" and key "queue" (formats and decisions: src-ts/logic/core-persist.ts and
' core-store.ts, mParticle_storeReduce with the Task's core as its state). This file reads the
' two keys, carries out the writes, deletes and flushes the reducer asks for, and feeds back
' the registry's free space and what it refused.

' The text of a key, "" when absent or not a string.
function mParticle_taskReadText(section as object, key as string) as string
    if not section.Exists(key) then return ""
    text = section.Read(key)
    if mParticle_typeof(text) <> "string" then return ""
    return text
end function

sub mParticle_taskLoad(core as object, appInfo as object)
    section = "mParticle_" + appInfo.GetID()
    core.registry = CreateObject("roRegistrySection", section)
    core.registryInfo = CreateObject("roRegistry")
    core.queueKeyBytes = Len(section) + Len(".queue")
    ' A first run takes its device stamp from the pool of fresh ids.
    mParticle_taskFillIds(core)
    stateText = mParticle_taskReadText(core.registry, "state")
    queueText = mParticle_taskReadText(core.registry, "queue")
    input = { kind: "load", queueText: queueText }
    if stateText <> "" then input.state = ParseJson(stateText)
    if queueText <> "" then input.queue = ParseJson(queueText)
    mParticle_taskStoreStep(core, input)
end sub

sub mParticle_taskPersist(core as object)
    mParticle_taskStoreStep(core, { kind: "persist" })
end sub

' A deferred write, when it is due (the 5 s rule while a batch is out: mParticle_storeReduce).
sub mParticle_taskPersistDue(core as object)
    mParticle_taskStoreStep(core, { kind: "tick" })
end sub

sub mParticle_taskPersistBatch(core as object)
    mParticle_taskStoreStep(core, { kind: "persistBatch" })
end sub

sub mParticle_taskStoreAccepted(core as object, msgs as object)
    ids = []
    for each msg in msgs
        ids.Push(msg.id)
    end for
    mParticle_taskStoreStep(core, { kind: "accepted", ids: ids })
end sub

' An input from the Task: the clock times the writes it leads to (the reducer spaces deferred
' writes by what they take).
sub mParticle_taskStoreStep(core as object, input as object)
    core.storeClock = CreateObject("roTimespan")
    mParticle_taskStoreFeed(core, input)
end sub

' An input that answers an effect: the same clock runs on.
sub mParticle_taskStoreFeed(core as object, input as object)
    mParticle_taskStoreEffects(core, mParticle_storeReduce(core, input, mParticle_taskNowMillis()))
end sub

' Carries out the reducer's effects, in order (StoreEffect in core-persist.ts). A write or
' flush with a `what` that the registry refuses ends the list: the reducer's answer to the
' refusal (a `refused` input) decides what is done instead.
sub mParticle_taskStoreEffects(core as object, result as object)
    for each e in result.effects
        kind = e.type
        ok = true
        if kind = "write"
            ok = core.registry.Write(e.key, e.text)
        else if kind = "delete"
            core.registry.Delete(e.key)
        else if kind = "flush"
            ok = core.registry.Flush()
            if ok and e.what <> "" then mParticle_taskStoreFeed(core, { kind: "flushed", millis: mParticle_taskStoreMillis(core, e) })
        else if kind = "measure"
            mParticle_taskStoreFeed(core, { kind: "space", space: core.registryInfo.GetSpaceAvailable() })
        else if kind = "log"
            mParticle_log(e.level, e.text)
        else if kind = "endRestoredSession"
            mParticle_taskMessageStep(core, { kind: "endSession" }, mParticle_taskNowMillis())
        end if
        if not ok and e.what <> ""
            mParticle_taskStoreFeed(core, { kind: "refused", what: e.what, tried: e.tried, millis: mParticle_taskStoreMillis(core, e) })
            return
        end if
    end for
end sub

' What the writes took since the input that led to effect `e`, when it is timed; else -1.
function mParticle_taskStoreMillis(core as object, e as object) as longinteger
    if mParticle_typeof(e.timed) = "boolean" and e.timed = true then return core.storeClock.TotalMilliseconds()
    return -1
end function

' Automatic tracking in the Task: media.trackVideo hands over a node, whose fields the Task
' observes on its own port (observeFieldScoped, so a channel's own observers of the node stay).
' RAF events arrive as media.trackAdEvent calls from mParticleRafCallback, stitched-ad events as
' media.trackStitchedAdEvent calls from mParticleTrackSsai / mParticleTrackImaDai. Which
' tracker a call or an event belongs to, and what it makes, is the transpiled table
' (src-ts/logic/track-table.ts, trackersReduce over core.trackers); here are only the node
' reads, the observers, and the nodes themselves (platform objects, kept by media session id).
' Nothing here reads a field per event: the node's fields are read once, when tracking starts.

' media.trackVideo(video, mediaSession, options)
sub mParticle_taskMediaTrackVideo(core as object, a as object)
    ' The node-typed field holds the node itself; the one inside the call may be a copy that is
    ' not observable (brs-scenegraph). The field wins when it holds the same node: a later
    ' trackVideo may already have replaced it, and then the call's own node is the one.
    video = a[0]
    field = m.top[mParticle_trackNodeField()]
    if type(field) = "roSGNode" and field.isSameNode(video) then video = field
    ' The node an "observe" effect of this step means.
    m.mParticle_taskTrackNode = video
    mParticle_taskTrackStep(core, { kind: "trackVideo", session: a[1], options: a[2], notificationInterval: video.notificationInterval, nodeState: video.state, position: video.position, nodeName: mParticle_nodeName(video), mediaSessions: mParticle_taskTrackMediaSessions() })
    m.mParticle_taskTrackNode = invalid
end sub

' media.stopTracking(mediaSession, options)
sub mParticle_taskMediaStopTracking(core as object, a as object)
    mParticle_taskTrackStep(core, { kind: "stopTracking", session: a[0], options: a[1] })
end sub

' media.trackAdEvent(mediaSession, eventType, adEvent): one RAF event.
sub mParticle_taskMediaTrackAdEvent(core as object, a as object)
    mParticle_taskTrackStep(core, { kind: "adEvent", session: a[0], eventType: a[1], event: a[2], mediaSessions: mParticle_taskTrackMediaSessions() })
end sub

' media.trackStitchedAdEvent(mediaSession, source, eventType, adEvent)
sub mParticle_taskMediaTrackStitchedAdEvent(core as object, a as object)
    mParticle_taskTrackStep(core, { kind: "stitchedAdEvent", session: a[0], source: a[1], eventType: a[2], event: a[3], mediaSessions: mParticle_taskTrackMediaSessions() })
end sub

' A field event of a tracked node. Runs every notificationInterval while video plays: one
' lookup, one reducer step, and the effects only when there are some.
sub mParticle_taskTrackOnNodeEvent(core as object, msg as object)
    nodes = m.mParticle_taskTrackNodes
    if nodes = invalid then return
    count = nodes.Count()
    if count = 0 then return
    id = invalid
    if count = 1
        for each key in nodes
            id = key
        end for
    else
        node = msg.getRoSGNode()
        for each key in nodes
            if nodes[key].isSameNode(node) then id = key
        end for
        if id = invalid then return
    end if
    r = mParticle_trackersReduce(core, { kind: "nodeEvent", sessionId: id, field: msg.getField(), value: msg.getData() }, mParticle_taskNowMillis())
    if r.effects.Count() > 0 then mParticle_taskTrackEffects(core, r)
end sub

sub mParticle_taskTrackStep(core as object, input as object)
    if core.trackers = invalid then core.trackers = {}
    mParticle_taskTrackEffects(core, mParticle_trackersReduce(core, input, mParticle_taskNowMillis()))
end sub

' Carries out the table's effects, in order (TrackersEffect in track-table.ts).
sub mParticle_taskTrackEffects(core as object, result as object)
    for each e in result.effects
        kind = e.type
        if kind = "media"
            mParticle_taskMedia(e.method, e.session, e.args, e.options)
        else if kind = "customEvent"
            mParticle_taskCoreLogCustomEvent(core, e.name, e.eventType, e.attrs)
        else if kind = "log"
            mParticle_log(e.level, e.text)
        else if kind = "observe"
            if m.mParticle_taskTrackNodes = invalid then m.mParticle_taskTrackNodes = {}
            video = m.mParticle_taskTrackNode
            m.mParticle_taskTrackNodes[e.sessionId] = video
            for each name in mParticle_trackObservedFields()
                video.observeFieldScoped(name, m.mParticle_port)
            end for
        else if kind = "unobserve"
            nodes = m.mParticle_taskTrackNodes
            if nodes <> invalid and nodes[e.sessionId] <> invalid
                for each name in mParticle_trackObservedFields()
                    nodes[e.sessionId].unobserveFieldScoped(name)
                end for
                nodes.Delete(e.sessionId)
            end if
        end if
    end for
end sub

' The media logic's sessions: a tracker of one of them logs no Media Session Start.
function mParticle_taskTrackMediaSessions() as object
    if m.mParticle_media = invalid then return {}
    return m.mParticle_media.sessions
end function
