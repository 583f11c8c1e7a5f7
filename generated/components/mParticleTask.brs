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

' Runs one media call through the transpiled media logic and hands its events to the core.
' The logic's events carry string attributes only (its contract), so they are queued as
' they are: no conversion, no copy, no JSON check. The logic needs no fresh id for any step
' (media session ids come from MediaSession.build), so none is made per call.
sub mParticle_taskMedia(method as string, session as object, args as object, options as dynamic)
    core = m.mParticle_core
    now& = mParticle_taskNowMillis()
    call = { method: method, session: session, args: args, options: options, autoSummaries: core.options.autoSummaries = true }
    result = mParticle_mediaReduce(m.mParticle_media, call, now&, "")
    m.mParticle_media = result.state
    for each problem in result.errors
        mParticle_logError("media." + method + ": " + problem)
    end for
    if not core.ready then return
    for each event in result.events
        msg = mParticle_taskActivityMessage(core, core.messageTypes.CUSTOM, now&)
        msg.n = event.name
        msg.et = "media"
        msg.est = now&
        msg.attrs = event.attrs
        mParticle_taskEnqueue(core, msg)
    end for
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
        mParticle_taskCoreLogEvent(m.mParticle_core, a)
    else if name = "core.logScreenEvent"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["name", "attributes", "attributes"], [false, true, true]) then return
        mParticle_taskCoreLogScreenEvent(m.mParticle_core, a)
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
        mParticle_taskCoreSetUserAttribute(m.mParticle_core, a)
    else if name = "core.removeUserAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["name"], [false]) then return
        mParticle_taskCoreRemoveUserAttribute(m.mParticle_core, a)
    else if name = "core.setIntegrationAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["string", "name", "strings"], [false, false, false]) then return
        mParticle_taskCoreSetIntegrationAttribute(m.mParticle_core, a)
    else if name = "core.setConsentState"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskCoreSetConsentState(m.mParticle_core, a)
    else if name = "core.setSessionAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["name", "value"], [false, false]) then return
        mParticle_taskCoreSetSessionAttribute(m.mParticle_core, a)
    else if name = "core.setOptOut"
        if not ((type(a[0]) = "roBoolean" or type(a[0]) = "Boolean"))
            if not mParticle_taskCheckArgs(name, a, ["boolean"], [false]) then return
        end if
        mParticle_taskCoreSetOptOut(m.mParticle_core, a)
    else if name = "core.upload"
        mParticle_taskCoreUpload(m.mParticle_core, a)
    else if name = "identity.identify"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskIdentityIdentify(m.mParticle_core, a)
    else if name = "identity.login"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskIdentityLogin(m.mParticle_core, a)
    else if name = "identity.logout"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskIdentityLogout(m.mParticle_core, a)
    else if name = "identity.modify"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskIdentityModify(m.mParticle_core, a)
    else if name = "identity.setUserAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["name", "value"], [false, false]) then return
        mParticle_taskIdentitySetUserAttribute(m.mParticle_core, a)
    else if name = "identity.removeUserAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["name"], [false]) then return
        mParticle_taskIdentityRemoveUserAttribute(m.mParticle_core, a)
    else if name = "identity.setIntegrationAttribute"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not mParticle_taskCheckArgs(name, a, ["string", "name", "strings"], [false, false, false]) then return
        mParticle_taskIdentitySetIntegrationAttribute(m.mParticle_core, a)
    else if name = "identity.setConsentState"
        if optedOut and mParticle_taskOptedOut(name) then return
        if not (type(a[0]) = "roAssociativeArray")
            if not mParticle_taskCheckArgs(name, a, ["object"], [false]) then return
        end if
        mParticle_taskIdentitySetConsentState(m.mParticle_core, a)
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
    ' Message ids come from it (mParticle_taskNewUuid, mParticle_taskMessage, mParticle_taskActivityMessage).
    m.mParticle_deviceInfo = CreateObject("roDeviceInfo")
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
        messageTypes: constants.MESSAGE_TYPE
        sdkVersion: constants.SDK_VERSION
        queue: []
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
    if not core.optedOut
        now& = mParticle_taskNowMillis()
        mParticle_taskStartSession(core, now&)
        mParticle_taskAppInit(core, appInfo)
        mParticle_taskIdentityStep(core, { kind: "identify", request: opts.identifyRequest, requestId: mParticle_taskNewUuid() })
        ' Sent now: the first calls may come in a burst that the Task takes before its first tick.
        mParticle_taskIdentityPump(core, now&)
    end if
    core.appVersion = appInfo.GetVersion()
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
    if core.persistAt > 0
        ' A deferred write that waits for the batch out (mParticle_taskTick) is due 5 s later.
        if core.eventsInFlight and core.persistAt <= now& then deadlines.Push(core.persistAt + 5000) else deadlines.Push(core.persistAt)
    end if
    ' With identity's, the session's, the uploads' and the transfers' deadlines (core-upload.ts).
    return mParticle_uploadWaitMillis(core, now&, deadlines)
end function

sub mParticle_taskTick(core as object)
    if not core.ready then return
    now& = mParticle_taskNowMillis()
    mParticle_taskUploadStep(core, { kind: "timeouts" }, now&)
    if mParticle_coreSessionExpired(core.session.active, core.session.last, now&, core.options.sessionTimeoutMillis)
        mParticle_taskEndSession(core)
    end if
    mParticle_taskIdentityPump(core, now&)
    if core.persistNow then mParticle_taskPersist(core)
    mParticle_taskUploadStep(core, { kind: "tick" }, now&)
    ' While batches go out one after the other a backlog is being delivered, and what is
    ' delivered need not be written: a deferred write (an encoding of the queue) waits until
    ' no batch is out, 5 s at most. Decided after the upload, so that the tick between an
    ' answer and the next batch does not write the backlog the next batch takes.
    if core.persistAt > 0 and now& >= core.persistAt
        if not core.eventsInFlight or now& - core.persistAt >= 5000 then mParticle_taskPersist(core)
    end if
    ' The session field's timing: mParticle_coreSessionPublishDue.
    if core.userNodeDirty then mParticle_taskPublishUserNow(core)
    if mParticle_coreSessionPublishDue(core.sessionNodeDirty, core.sessionPublishAt, core.quiet, now&) then mParticle_taskPublishSession(core)
end sub

' --- messages and sessions ---

' A message of type dt stamped with a fresh id, the time, and the running session if any: the
' messages that are not the channel's activity (app state, opt-out, identity changes); the others
' come from mParticle_taskActivityMessage. Both write out mParticle_taskNewUuid's one line: they make
' every message.
function mParticle_taskMessage(core as object, dt as string, now as longinteger) as object
    msg = { dt: dt, id: m.mParticle_deviceInfo.GetRandomUUID(), ct: now }
    if core.session.active
        msg.sid = core.session.id
        msg.sct = core.session.start
    end if
    return msg
end function

' A message of the channel's activity, marked as such first (mParticle_taskTouch): a session then
' runs, and the message carries it.
function mParticle_taskActivityMessage(core as object, dt as string, now as longinteger) as object
    mParticle_taskTouch(core, now)
    s = core.session
    return { dt: dt, id: m.mParticle_deviceInfo.GetRandomUUID(), ct: now, sid: s.id, sct: s.start }
end function

' Marks user activity: starts a session when none runs (the first event after a timeout).
sub mParticle_taskTouch(core as object, now as longinteger)
    if not core.session.active then mParticle_taskStartSession(core, now)
    core.session.last = now
    ' The session's last-activity time changes with every event: written with the next deferred write.
    core.stateDirty = true
    if core.persistAt = 0 then core.persistAt = now + core.persistDelay
end sub

sub mParticle_taskStartSession(core as object, now as longinteger)
    previous = core.previousSession
    s = { active: true, id: mParticle_taskNewUuid(), start: now, last: now, attrs: {}, mpids: [] }
    if core.mpid <> "0" then s.mpids.Push(core.mpid)
    core.session = s
    msg = { dt: core.messageTypes.SESSION_START, id: s.id, ct: now, sid: s.id, sct: now, dct: mParticle_taskConnectionType() }
    if type(previous) = "roAssociativeArray"
        msg.pid = previous.id
        msg.pss = previous.start
        msg.psl = Int(previous.length / 1000)
    end if
    lr = mParticle_taskLaunchReferrer(core.options.startupArgs)
    if lr <> "" then msg.lr = lr
    mParticle_taskQueue(core, msg)
    core.stateDirty = true
    core.persistNow = true
    core.sessionNodeDirty = true
    mParticle_logInfo("session " + s.id + " started")
end sub

' Ends the running session at its last event; `se` carries its length, attributes and MPIDs.
sub mParticle_taskEndSession(core as object)
    s = core.session
    if not s.active then return
    length& = mParticle_coreSessionLength(s.start, s.last)
    msg = { dt: core.messageTypes.SESSION_END, id: mParticle_taskNewUuid(), ct: s.last, sid: s.id, sct: s.start, dct: mParticle_taskConnectionType(), slx: length&, sl: length&, attrs: s.attrs, smpids: s.mpids }
    s.active = false
    core.previousSession = { id: s.id, start: s.start, length: length& }
    mParticle_taskQueue(core, msg)
    core.stateDirty = true
    core.persistNow = true
    core.sessionNodeDirty = true
    mParticle_logInfo("session " + s.id + " ended after " + length&.ToStr() + " ms")
end sub

' The app_init transition, once per run, right after the first session start.
sub mParticle_taskAppInit(core as object, appInfo as object)
    msg = mParticle_taskMessage(core, core.messageTypes.APP_STATE_TRANSITION, mParticle_taskNowMillis())
    msg.t = "app_init"
    msg.ifr = core.firstRun
    msg.iu = core.appVersion <> "" and core.appVersion <> appInfo.GetVersion()
    msg.dct = mParticle_taskConnectionType()
    args = core.options.startupArgs
    if type(args) = "roAssociativeArray"
        lr = mParticle_taskLaunchReferrer(args)
        if lr <> "" then msg.lr = lr
        msg.lpr = FormatJson(args)
    end if
    mParticle_taskQueue(core, msg)
end sub

function mParticle_taskLaunchReferrer(args as dynamic) as string
    if type(args) <> "roAssociativeArray" then return ""
    value = args.contentId
    if mParticle_typeof(value) = "string" then return value
    if mParticle_typeof(value) = "number" then return mParticle_str(value)
    return ""
end function

' Queues one message the channel's values went into; after opt-out only the opt-out message
' itself is taken.
sub mParticle_taskQueue(core as object, msg as object)
    if core.optedOut and msg.dt <> core.messageTypes.OPT_OUT
        mParticle_logDebug("opted out: " + msg.dt + " message not queued")
        return
    end if
    if FormatJson(msg) = ""
        mParticle_logError("a " + msg.dt + " message holds a value that is not JSON (a node or a function?); dropped")
        return
    end if
    mParticle_taskEnqueue(core, msg)
end sub

' Queues a message known to be JSON. It keeps the MPID it is logged under (none while the
' user is unknown: the first MPID is given to it then), so that it is uploaded under that user
' whatever happens to the current one before the upload.
sub mParticle_taskEnqueue(core as object, msg as object)
    if core.optedOut and msg.dt <> core.messageTypes.OPT_OUT
        mParticle_logDebug("opted out: " + msg.dt + " message not queued")
        return
    end if
    if core.mpid <> "0" then msg.mpid = core.mpid
    ' A queue with room takes the message as it is; mParticle_coreEnqueue decides what to drop
    ' when it is full.
    if core.queue.Count() < core.options.maxQueueMessages
        core.queue.Push(msg)
    else
        result = mParticle_coreEnqueue(core.queue, msg, core.options.maxQueueMessages, core.inflightIds)
        core.queue = result.queue
        if result.dropped.Count() > 0 then mParticle_taskCountDrops(core, result.dropped, "maxQueueMessages")
    end if
    core.queueDirty = true
    core.sessionNodeDirty = true
    ' Registry writes cost flash wear and, with the queue encoded each time, grow with the
    ' queue: writing on every call made 1,000 playhead updates take minutes. Messages the
    ' session or the user depend on are written at once; the others within core.persistDelay
    ' ms (1 s, more when a write is slow). A channel killed in that window loses at most those
    ' last media updates. Custom (and media) events are never of the top priority: no need to ask.
    if msg.dt <> core.messageTypes.CUSTOM and mParticle_coreMessagePriority(msg) >= 3
        core.persistNow = true
    else if core.persistAt = 0
        core.persistAt = msg.ct + core.persistDelay
    end if
    if core.logLevel >= 3
        name = ""
        if mParticle_typeof(msg.n) = "string" then name = " " + msg.n
        mParticle_logDebug("queued " + msg.dt + name + " (" + core.queue.Count().ToStr() + " waiting)")
    end if
end sub

sub mParticle_taskCountDrops(core as object, dropped as object, reason as string)
    if dropped.Count() = 0 then return
    core.dropped = core.dropped + dropped.Count()
    core.sessionNodeDirty = true
    kinds = []
    for each msg in dropped
        label = msg.dt
        if mParticle_typeof(msg.n) = "string" then label = label + ":" + msg.n
        kinds.Push(label)
    end for
    mParticle_logError("queue full (" + reason + "): dropped " + dropped.Count().ToStr() + " message(s) [" + mParticle_join(kinds, ", ") + "], " + core.dropped.ToStr() + " in all")
end sub

' Attribute values as strings (numbers as JavaScript prints them, arrays and objects as JSON).
function mParticle_taskStringAttrs(attrs as dynamic) as object
    out = {}
    if type(attrs) <> "roAssociativeArray" then return out
    for each key in attrs
        value = attrs[key]
        t = mParticle_typeof(value)
        if t = "string"
            out[key] = value
        else if t = "number" or t = "boolean"
            out[key] = mParticle_str(value)
        else if t = "object"
            text = FormatJson(value)
            if text <> "" then out[key] = text
        end if
    end for
    return out
end function

' --- core API handlers (a: arguments checked by mParticle_taskDispatch) ---

sub mParticle_taskCoreLogCustomEvent(core as object, name as string, eventType as string, attrs as object)
    if not core.ready then return
    now& = mParticle_taskNowMillis()
    msg = mParticle_taskActivityMessage(core, core.messageTypes.CUSTOM, now&)
    msg.n = name
    msg.et = eventType
    msg.est = now&
    msg.attrs = mParticle_taskStringAttrs(attrs)
    mParticle_taskQueue(core, msg)
end sub

sub mParticle_taskCoreLogEvent(core as object, a as object)
    eventType = LCase(a[1])
    known = false
    types = mParticleConstants().CUSTOM_EVENT_TYPE
    for each key in types
        if types[key] = eventType then known = true
    end for
    if not known
        mParticle_logError("logEvent: unknown event type """ + a[1] + """; using ""other""")
        eventType = "other"
    end if
    mParticle_taskCoreLogCustomEvent(core, a[0], eventType, a[2])
    mParticle_taskAddFlags(core, a[3])
end sub

' Custom flags go on the message just queued, as {flag: [values]}.
sub mParticle_taskAddFlags(core as object, flags as dynamic)
    if type(flags) <> "roAssociativeArray" or flags.Count() = 0 or core.queue.Count() = 0 then return
    msg = core.queue[core.queue.Count() - 1]
    out = {}
    for each key in flags
        value = flags[key]
        if mParticle_isArray(value)
            list = []
            for each item in value
                list.Push(mParticle_str(item))
            end for
            out[key] = list
        else if value <> invalid
            out[key] = [mParticle_str(value)]
        end if
    end for
    msg.flags = out
end sub

sub mParticle_taskCoreLogScreenEvent(core as object, a as object)
    if not core.ready then return
    now& = mParticle_taskNowMillis()
    msg = mParticle_taskActivityMessage(core, core.messageTypes.SCREEN, now&)
    msg.n = a[0]
    msg.est = now&
    msg.attrs = mParticle_taskStringAttrs(a[1])
    mParticle_taskQueue(core, msg)
    mParticle_taskAddFlags(core, a[2])
end sub

sub mParticle_taskCoreLogCommerceEvent(core as object, a as object)
    if not core.ready then return
    ' 2.x's bridge defaults the three parts to {}, {} and []: an empty one is an absent one.
    for i = 0 to 2
        if a[i] <> invalid and a[i].Count() = 0 then a[i] = invalid
    end for
    if a[0] = invalid and a[1] = invalid and a[2] = invalid
        mParticle_logError("logCommerceEvent: needs a product action, a promotion action or impressions; call dropped")
        return
    end if
    problem = mParticle_taskCommerceProblem(a)
    if problem <> ""
        mParticle_logError("logCommerceEvent: " + problem + "; call dropped")
        return
    end if
    now& = mParticle_taskNowMillis()
    msg = mParticle_taskActivityMessage(core, core.messageTypes.COMMERCE, now&)
    msg.est = now&
    if a[0] <> invalid then msg.pd = a[0]
    if a[1] <> invalid then msg.pm = a[1]
    if a[2] <> invalid
        msg.pi = a[2]
    end if
    msg.attrs = mParticle_taskStringAttrs(a[3])
    if a[4] <> invalid and a[4] <> "" then msg.sn = a[4]
    mParticle_taskQueue(core, msg)
    mParticle_taskAddFlags(core, a[5])
end sub

' What is wrong with the objects of a commerce call, or "": actions must come from their
' builders (an action type) and impressions must be Impression.build results.
function mParticle_taskCommerceProblem(a as object) as string
    if a[0] <> invalid and mParticle_typeof(a[0].an) <> "string" then return "productAction must be a ProductAction.build() result"
    if a[1] <> invalid and mParticle_typeof(a[1].an) <> "string" then return "promotionAction must be a PromotionAction.build() result"
    if a[2] <> invalid
        for each impression in a[2]
            if type(impression) <> "roAssociativeArray" then return "impressions must be an array of Impression.build() results"
        end for
    end if
    return ""
end function

' A raw message: the channel gives dt and its own keys; id, ct and the session are filled in.
sub mParticle_taskCoreLogMessage(core as object, a as object)
    if not core.ready then return
    raw = a[0]
    if type(raw) <> "roAssociativeArray" or mParticle_typeof(raw.dt) <> "string"
        mParticle_logError("logMessage: the message must be an associative array with a dt; call dropped")
        return
    end if
    known = false
    types = core.messageTypes
    for each key in types
        if types[key] = raw.dt then known = true
    end for
    if not known
        mParticle_logError("logMessage: unsupported message type """ + raw.dt + """; call dropped")
        return
    end if
    now& = mParticle_taskNowMillis()
    msg = mParticle_taskActivityMessage(core, raw.dt, now&)
    for each key in raw
        if LCase(key) <> "id" and LCase(key) <> "ct" then msg[key] = raw[key]
    end for
    mParticle_taskQueue(core, msg)
end sub

sub mParticle_taskCoreSetIntegrationAttribute(core as object, a as object)
    if not core.ready then return
    if type(core.ia[a[0]]) <> "roAssociativeArray" then core.ia[a[0]] = {}
    core.ia[a[0]][a[1]] = a[2]
    core.stateDirty = true
    core.persistNow = true
end sub

sub mParticle_taskCoreSetConsentState(core as object, a as object)
    mParticle_taskIdentityStep(core, { kind: "setConsentState", consent: a[0] })
end sub

sub mParticle_taskCoreSetSessionAttribute(core as object, a as object)
    if not core.ready then return
    now& = mParticle_taskNowMillis()
    mParticle_taskTouch(core, now&)
    value = a[1]
    if mParticle_isArray(value)
        core.session.attrs[a[0]] = FormatJson(value)
    else
        core.session.attrs[a[0]] = mParticle_str(value)
    end if
    core.stateDirty = true
    core.persistNow = true
end sub

sub mParticle_taskCoreSetOptOut(core as object, a as object)
    if not core.ready then return
    optOut = a[0]
    if optOut = core.optedOut then return
    now& = mParticle_taskNowMillis()
    msg = mParticle_taskMessage(core, core.messageTypes.OPT_OUT, now&)
    msg.s = optOut
    if optOut
        core.optedOut = true
        ' The session stops without a session end: nothing but the opt-out may be sent now.
        core.session.active = false
        mParticle_taskIdentityStep(core, { kind: "optOut" })
        mParticle_taskQueue(core, msg)
        mParticle_logInfo("opted out: nothing more is queued or sent")
    else
        core.optedOut = false
        mParticle_taskQueue(core, msg)
        mParticle_logInfo("opted back in")
    end if
    core.uploadRequested = true
    core.stateDirty = true
    core.persistNow = true
end sub

sub mParticle_taskCoreUpload(core as object, a as object)
    if not core.ready then return
    core.uploadRequested = true
end sub

sub mParticle_taskCoreSetUserAttribute(core as object, a as object)
    mParticle_taskSetUserAttribute(core, a[0], a[1])
end sub

sub mParticle_taskCoreRemoveUserAttribute(core as object, a as object)
    mParticle_taskRemoveUserAttribute(core, a[0])
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

' Identity's glue: the bridge's identity calls, the answers to identity requests and the ticks
' go to the transpiled reducer (src-ts/logic/core-identity.ts, mParticle_identityReduce) with the
' Task's core as its state; this file carries out the effects it returns.

sub mParticle_taskIdentityIdentify(core as object, a as object)
    mParticle_taskIdentityStep(core, { kind: "identify", request: a[0], requestId: mParticle_taskNewUuid() })
end sub

sub mParticle_taskIdentityLogin(core as object, a as object)
    mParticle_taskIdentityStep(core, { kind: "login", request: a[0], requestId: mParticle_taskNewUuid() })
end sub

sub mParticle_taskIdentityLogout(core as object, a as object)
    mParticle_taskIdentityStep(core, { kind: "logout", request: a[0], requestId: mParticle_taskNewUuid() })
end sub

sub mParticle_taskIdentityModify(core as object, a as object)
    mParticle_taskIdentityStep(core, { kind: "modify", request: a[0], requestId: mParticle_taskNewUuid() })
end sub

sub mParticle_taskIdentitySetUserAttribute(core as object, a as object)
    mParticle_taskSetUserAttribute(core, a[0], a[1])
end sub

sub mParticle_taskIdentityRemoveUserAttribute(core as object, a as object)
    mParticle_taskRemoveUserAttribute(core, a[0])
end sub

' mParticle's Roku SDK 2.x has these two under identity as well; same calls as on the bridge.
sub mParticle_taskIdentitySetIntegrationAttribute(core as object, a as object)
    mParticle_taskCoreSetIntegrationAttribute(core, a)
end sub

sub mParticle_taskIdentitySetConsentState(core as object, a as object)
    mParticle_taskCoreSetConsentState(core, a)
end sub

sub mParticle_taskSetUserAttribute(core as object, key as string, value as dynamic)
    mParticle_taskIdentityStep(core, { kind: "setUserAttribute", key: key, value: value })
end sub

sub mParticle_taskRemoveUserAttribute(core as object, key as string)
    mParticle_taskIdentityStep(core, { kind: "removeUserAttribute", key: key })
end sub

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
            if e.activity then msg = mParticle_taskActivityMessage(core, e.dt, now) else msg = mParticle_taskMessage(core, e.dt, now)
            msg.Append(e.fields)
            mParticle_taskQueue(core, msg)
            ' The MPID the change was made under, which the answer may have replaced since.
            if e.mpid <> core.mpid
                if e.mpid = "0" then msg.Delete("mpid") else msg.mpid = e.mpid
            end if
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
    if core.ids = invalid then core.ids = []
    if core.ids.Count() = 0 then core.ids.Push(mParticle_taskNewUuid())
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
            core.stateDirty = true
            if core.writeState.retryAt = 0 and mParticle_taskWriteState(core) then mParticle_taskFlush(core)
        else if kind = "identityAnswer"
            headers = {}
            if mParticle_typeof(e.retryAfter) = "string" then headers["retry-after"] = e.retryAfter
            mParticle_taskIdentityAnswer(core, e.request, e.code, e.text, headers)
        end if
    end for
end sub

' What survives a restart, in the registry section "mParticle_<channel id>": key "state" (device
' stamp, cookies, ltv, mpid, opt-out, users, consent, integration attributes, identity context,
' app version, the running session) and key "queue" (the compact queue of core-store.ts, with
' the batch in flight: its id, ct and message ids).
' Every value read may be corrupt: anything of the wrong type is replaced by its default.

function mParticle_taskReadJson(section as object, key as string) as dynamic
    if not section.Exists(key) then return invalid
    text = section.Read(key)
    if mParticle_typeof(text) <> "string" or text = "" then return invalid
    return ParseJson(text)
end function

' The value when it has the wanted BrightScript-level kind, else the fallback.
function mParticle_taskStored(value as dynamic, kind as string, fallback as dynamic) as dynamic
    if kind = "object" and type(value) = "roAssociativeArray" then return value
    if kind = "array" and type(value) = "roArray" then return value
    if kind <> "object" and kind <> "array" and mParticle_typeof(value) = kind then return value
    return fallback
end function

sub mParticle_taskLoad(core as object, appInfo as object)
    section = "mParticle_" + appInfo.GetID()
    core.registry = CreateObject("roRegistrySection", section)
    core.registryInfo = CreateObject("roRegistry")
    core.queueKeyBytes = Len(section) + Len(".queue")
    core.stored = mParticle_coreNoStored()
    core.storedLimit = 0
    core.writeState = mParticle_coreWriteOk()
    state = mParticle_taskStored(mParticle_taskReadJson(core.registry, "state"), "object", {})
    core.das = mParticle_taskStored(state.das, "string", "")
    core.firstRun = core.das = ""
    if core.das = "" then core.das = mParticle_taskNewUuid()
    core.ltv = mParticle_taskStored(state.ltv, "number", 0)
    core.cookies = mParticle_taskStored(state.ck, "object", {})
    core.mpid = mParticle_taskStored(state.mpid, "string", "0")
    if core.mpid = "" then core.mpid = "0"
    core.optedOut = mParticle_taskStored(state.optOut, "boolean", false)
    core.users = mParticle_taskStored(state.users, "object", {})
    core.ia = mParticle_taskStored(state.ia, "object", {})
    core.context = state.context
    core.appVersion = mParticle_taskStored(state.appVersion, "string", "")
    core.dropped = 0
    previous = mParticle_taskStored(state.prev, "object", invalid)
    if previous <> invalid and mParticle_typeof(previous.id) = "string" and mParticle_typeof(previous.start) = "number" and mParticle_typeof(previous.length) = "number"
        core.previousSession = previous
    end if

    stored = invalid
    if core.registry.Exists("queue") then core.storedWritten = core.registry.Read("queue")
    if core.storedWritten <> "" then stored = ParseJson(core.storedWritten)
    decoded = mParticle_coreDecodeQueue(stored)
    core.queue = decoded.messages
    if decoded.skipped > 0 then mParticle_logError("the stored queue had " + decoded.skipped.ToStr() + " unreadable message(s); they are lost")
    ' The batch that was in flight goes again first, unchanged: the server may have accepted it
    ' before the channel stopped, and it ignores a batch id it has already seen.
    if decoded.batch.id <> ""
        msgs = mParticle_coreBatchMessages(core.queue, decoded.batch.ids)
        batch = { id: decoded.batch.id, ct: decoded.batch.ct, mpid: core.mpid, msgs: msgs }
        if msgs.Count() > 0 then batch.mpid = mParticle_coreMessageMpid(msgs[0], core.mpid)
        for each msg in batch.msgs
            core.inflightIds[msg.id] = true
        end for
        core.batch = batch
        core.retryBatch = batch
        mParticle_logInfo("batch " + batch.id + " of the previous run (" + batch.msgs.Count().ToStr() + " message(s)) is sent again first")
    end if

    ' A session still running when the channel stopped ends at its last event.
    s = mParticle_taskStored(state.session, "object", invalid)
    if s <> invalid and mParticle_typeof(s.id) = "string" and mParticle_typeof(s.start) = "number" and mParticle_typeof(s.last) = "number"
        core.session = {
            active: true
            id: s.id
            start: s.start
            last: s.last
            attrs: mParticle_taskStored(s.attrs, "object", {})
            mpids: mParticle_taskStored(s.mpids, "array", [])
        }
        mParticle_taskEndSession(core)
    end if
    core.queueDirty = true
    core.stateDirty = true
    core.persistNow = true
end sub

' Writes what changed: the state first (the session and the user the queue depends on), then
' the queue fitted to what corePersistPlan allows. A refused write or flush keeps everything
' in memory and is tried again later with less (mParticle_taskWriteRefused).
sub mParticle_taskPersist(core as object)
    core.persistNow = false
    core.persistAt = 0&
    if not core.queueDirty and not core.stateDirty then return
    if core.writeState.retryAt > mParticle_taskNowMillis()
        core.persistAt = core.writeState.retryAt
        return
    end if
    ' On a slow device (or the simulator) encoding the queue takes a while: space the deferred
    ' writes so that they never take more than a tenth of the Task's time.
    clock = CreateObject("roTimespan")
    ok = true
    if core.stateDirty then ok = mParticle_taskWriteState(core)
    if ok and core.queueDirty then ok = mParticle_taskWriteQueue(core)
    if ok then mParticle_taskFlush(core)
    core.persistDelay = 10 * clock.TotalMilliseconds()
    if core.persistDelay < 1000 then core.persistDelay = 1000
end sub

sub mParticle_taskFlush(core as object)
    if not core.registry.Flush()
        mParticle_taskWriteRefused(core, "flush", Len(core.storedWritten))
    else if core.writeState.failures > 0 or core.writeState.capBytes >= 0
        outcome = mParticle_coreWriteRetry(core.writeState, "queue", false, Len(core.storedWritten), core.options.queueBudgetBytes, mParticle_taskNowMillis())
        core.writeState = outcome.state
        if outcome.log <> "" then mParticle_logInfo(outcome.log)
    end if
end sub

' A write or flush the registry refused: what it means is coreWriteRetry's.
sub mParticle_taskWriteRefused(core as object, what as string, tried as integer)
    outcome = mParticle_coreWriteRetry(core.writeState, what, true, tried, core.options.queueBudgetBytes, mParticle_taskNowMillis())
    core.writeState = outcome.state
    if outcome.log <> "" then mParticle_logError(outcome.log) else mParticle_logDebug("the registry refused the " + what + " write again")
    ' Flushed at once: a restart must not read a queue that says less than was sent since.
    if outcome.dropStored and core.storedWritten <> ""
        core.registry.Delete("queue")
        core.registry.Flush()
        core.storedWritten = ""
    end if
    core.stored = mParticle_coreNoStored()
    core.queueDirty = true
    core.stateDirty = true
    core.persistAt = core.writeState.retryAt
end sub

' The batch in flight as the persisted form references it.
function mParticle_taskBatchRef(core as object) as object
    if core.batch = invalid then return mParticle_coreNoBatch()
    return { id: core.batch.id, ct: core.batch.ct, ids: mParticle_taskMessageIds(core.batch.msgs) }
end function

' The ids of messages, in order.
function mParticle_taskMessageIds(msgs as object) as object
    ids = []
    for each msg in msgs
        ids.Push(msg.id)
    end for
    return ids
end function

' The queue in memory is never cut to fit the registry: corePersistPlan bounds only what is
' written, the messages most worth keeping first (coreFitBudget). The others are still uploaded
' from memory; only a channel that stops before they are loses them, as the log says.
function mParticle_taskWriteQueue(core as object) as boolean
    opts = core.options
    space = core.registryInfo.GetSpaceAvailable()
    own = 0
    if core.storedWritten <> "" then own = core.queueKeyBytes + Len(core.storedWritten)
    plan = mParticle_corePersistPlan(space, own, core.queueKeyBytes, opts.queueBudgetBytes, opts.registryReserveBytes, core.writeState.capBytes)
    ' The count the last write kept is a good start only if the size, not the queue, bounded it.
    hint = 0
    if core.notStored > 0 then hint = core.fitKept
    batch = mParticle_taskBatchRef(core)
    fit = mParticle_coreFitBudget(core.queue, core.inflightIds, plan.bytes, batch, opts.maxBatchMessages, hint)
    core.queueDirty = false
    core.fitKept = fit.queue.Count()
    core.storedLimit = plan.bytes
    core.stored = fit.stored
    text = mParticle_coreStoredText(fit.stored, batch)
    ' Written before it is logged: a log line names what the registry holds.
    if not mParticle_taskWriteStored(core, text) then return false
    left = fit.dropped.Count()
    if left > 0
        if plan.limitedBy = "reserve"
            why = "the registry's free space less registryReserveBytes (" + space.ToStr() + " bytes free, " + opts.registryReserveBytes.ToStr() + " kept for the channel)"
        else if plan.limitedBy = "retry"
            why = "the smaller size tried after a refused write"
        else
            why = "queueBudgetBytes"
        end if
        if left <> core.notStored then mParticle_logInfo("queue written: " + fit.queue.Count().ToStr() + " of " + core.queue.Count().ToStr() + " message(s), " + Len(text).ToStr() + " bytes; " + left.ToStr() + " do not fit " + why + ": they are kept in memory and uploaded, and lost only if the channel stops first")
        if mParticle_logLevel() >= 3
            labels = []
            for each msg in fit.dropped
                label = msg.dt
                if mParticle_typeof(msg.n) = "string" then label = label + ":" + msg.n
                labels.Push(label)
            end for
            mParticle_logDebug("queue written: " + fit.queue.Count().ToStr() + " message(s), " + Len(text).ToStr() + " bytes; not written [" + mParticle_join(labels, ", ") + "]")
        end if
    else
        mParticle_logDebug("queue written: " + fit.queue.Count().ToStr() + " message(s), " + Len(text).ToStr() + " bytes")
    end if
    core.notStored = left
    return true
end function

' Writes the queue's text ("" deletes the key: nothing is kept); false when the registry refused it.
function mParticle_taskWriteStored(core as object, text as string) as boolean
    if text = ""
        if core.storedWritten <> "" then core.registry.Delete("queue")
    else if not core.registry.Write("queue", text)
        mParticle_taskWriteRefused(core, "queue", Len(text))
        return false
    end if
    core.storedWritten = text
    return true
end function

' A batch went out or was accepted: the text last written gets its "f" or "x" (coreStoredText),
' without encoding the queue again; written again whole when that would not fit the last plan.
sub mParticle_taskPersistBatch(core as object)
    ' A refused write is pending: its retry writes the queue whole.
    if core.writeState.retryAt > 0
        core.queueDirty = true
        return
    end if
    ' The registry still holds the previous run's text, or none was written: encode the queue.
    if core.stored.text = "" and core.storedWritten <> ""
        core.queueDirty = true
        mParticle_taskPersist(core)
        return
    end if
    text = mParticle_coreStoredText(core.stored, mParticle_taskBatchRef(core))
    ' A batch none of whose messages were written yet (a burst, whose write waits while it is
    ' delivered) changes nothing in the registry: no write, no flash wear.
    if text = core.storedWritten then return
    if Len(text) > core.storedLimit
        core.queueDirty = true
        mParticle_taskPersist(core)
        return
    end if
    if mParticle_taskWriteStored(core, text) then mParticle_taskFlush(core)
end sub

' Messages the server accepted (or refused for good) are marked in the written text ("x") at
' once, so that a restart cannot send them again. That is all the registry needs: the queue is
' encoded again only when new messages come (mParticle_taskEnqueue), not once per
' batch while a backlog drains.
sub mParticle_taskStoreAccepted(core as object, msgs as object)
    core.stored = mParticle_coreStoredAccept(core.stored, mParticle_taskMessageIds(msgs))
    mParticle_taskPersistBatch(core)
end sub

function mParticle_taskWriteState(core as object) as boolean
    session = invalid
    s = core.session
    if s.active then session = { id: s.id, start: s.start, last: s.last, attrs: s.attrs, mpids: s.mpids }
    state = {
        v: 1
        das: core.das
        ltv: core.ltv
        ck: core.cookies
        mpid: core.mpid
        optOut: core.optedOut
        users: core.users
        ia: core.ia
        context: core.context
        appVersion: core.appVersion
        session: session
        prev: core.previousSession
    }
    text = FormatJson(state)
    if text = ""
        mParticle_logError("could not write the state as JSON")
    else if not core.registry.Write("state", text)
        mParticle_taskWriteRefused(core, "state", Len(core.storedWritten))
        return false
    end if
    core.stateDirty = false
    return true
end function

' Automatic tracking in the Task: media.trackVideo hands over a node, whose fields the Task
' observes on its own port (observeFieldScoped, so a channel's own observers of the node stay);
' each event's data goes to the transpiled tracker (src-ts/logic/track.ts), and the media calls
' it returns run through the media logic like the channel's own calls. RAF events arrive as
' media.trackAdEvent calls from mParticleRafCallback, stitched-ad events as
' media.trackStitchedAdEvent calls from mParticleTrackSsai / mParticleTrackImaDai. Nothing here reads a field per event:
' values come from the events (the node's fields are read once, when tracking starts).

' Trackers by media session id: { video: node or invalid, state: tracker state }.
function mParticle_taskTrackers() as object
    if m.mParticle_taskTrackers = invalid then m.mParticle_taskTrackers = {}
    return m.mParticle_taskTrackers
end function

' media.trackVideo(video, mediaSession, options)
sub mParticle_taskMediaTrackVideo(core as object, a as object)
    if not core.ready then return
    ' The node-typed field holds the node itself; the one inside the call may be a copy that is
    ' not observable (brs-scenegraph). The field wins when it holds the same node: a later
    ' trackVideo may already have replaced it, and then the call's own node is the one.
    video = a[0]
    field = m.top[mParticle_trackNodeField()]
    if type(field) = "roSGNode" and field.isSameNode(video) then video = field
    id = mParticle_taskTrackSessionId(a[1], "media.trackVideo")
    if id = "" then return
    trackers = mParticle_taskTrackers()
    old = trackers[id]
    if old <> invalid then mParticle_taskTrackUnobserve(old)
    ' Read once: the node may already be playing when the channel hands it over.
    interval = video.notificationInterval
    initialState = video.state
    initialPosition = video.position
    r = mParticle_trackStart(a[1], a[2], interval, mParticle_taskTrackStarted(id), mParticle_taskNowMillis())
    mParticle_taskTrackLogErrors("media.trackVideo", r.errors)
    if r.state = invalid then return
    entry = { video: video, state: r.state }
    trackers[id] = entry
    m.mParticle_trackerCount = trackers.Count()
    for each field in mParticle_trackObservedFields()
        video.observeFieldScoped(field, m.mParticle_port)
    end for
    mParticle_taskTrackRun(core, r.calls)
    if initialPosition <> invalid then mParticle_taskTrackInput(core, entry, "field", "position", initialPosition)
    if initialState <> invalid then mParticle_taskTrackInput(core, entry, "field", "state", initialState)
    mParticle_log(2, "tracking " + mParticle_nodeName(video) + " for media session " + id)
end sub

' media.stopTracking(mediaSession, options)
sub mParticle_taskMediaStopTracking(core as object, a as object)
    if not core.ready then return
    id = mParticle_taskTrackSessionId(a[0], "media.stopTracking")
    if id = "" then return
    trackers = mParticle_taskTrackers()
    entry = trackers[id]
    if entry = invalid
        mParticle_logError("media.stopTracking: media session " + id + " is not tracked (trackVideo first); call dropped")
        return
    end if
    mParticle_taskTrackUnobserve(entry)
    trackers.Delete(id)
    m.mParticle_trackerCount = trackers.Count()
    r = mParticle_trackStop(entry.state, a[1], mParticle_taskNowMillis())
    mParticle_taskTrackLogErrors("media.stopTracking", r.errors)
    mParticle_taskTrackRun(core, r.calls)
end sub

' media.trackAdEvent(mediaSession, eventType, adEvent): one RAF event.
sub mParticle_taskMediaTrackAdEvent(core as object, a as object)
    if not core.ready then return
    entry = mParticle_taskTrackAdEntry(core, a[0], "media.trackAdEvent")
    if entry <> invalid then mParticle_taskTrackInput(core, entry, "raf", a[1], a[2])
end sub

' media.trackStitchedAdEvent(mediaSession, source, eventType, adEvent): one event of RAF's SSAI
' adapters ("rafx") or IMA DAI ("ima"), from mParticleTrackSsai / mParticleTrackImaDai.
sub mParticle_taskMediaTrackStitchedAdEvent(core as object, a as object)
    if not core.ready then return
    source = a[1]
    if source <> "rafx" and source <> "ima"
        mParticle_logError("media.trackStitchedAdEvent: source must be rafx or ima, got " + source + "; call dropped")
        return
    end if
    entry = mParticle_taskTrackAdEntry(core, a[0], "media.trackStitchedAdEvent")
    if entry <> invalid then mParticle_taskTrackInput(core, entry, source, a[2], a[3])
end sub

' The tracker of an ad event's session. A session that no node is tracked for gets a tracker
' without a node (ads alone); its Media Session Start runs here.
function mParticle_taskTrackAdEntry(core as object, session as dynamic, where as string) as dynamic
    id = mParticle_taskTrackSessionId(session, where)
    if id = "" then return invalid
    trackers = mParticle_taskTrackers()
    entry = trackers[id]
    if entry <> invalid then return entry
    r = mParticle_trackStart(session, {}, invalid, mParticle_taskTrackStarted(id), mParticle_taskNowMillis())
    mParticle_taskTrackLogErrors(where, r.errors)
    if r.state = invalid then return invalid
    entry = { video: invalid, state: r.state }
    trackers[id] = entry
    m.mParticle_trackerCount = trackers.Count()
    mParticle_taskTrackRun(core, r.calls)
    return entry
end function

' A field event of a tracked node; true when it made calls (the caller then ticks the core).
' Runs every notificationInterval while video plays: one lookup, one reducer step.
function mParticle_taskTrackOnNodeEvent(core as object, msg as object) as boolean
    if m.mParticle_trackerCount = invalid or m.mParticle_trackerCount = 0 then return false
    entry = invalid
    trackers = m.mParticle_taskTrackers
    if m.mParticle_trackerCount = 1
        for each id in trackers
            entry = trackers[id]
        end for
    else
        node = msg.getRoSGNode()
        for each id in trackers
            candidate = trackers[id]
            if candidate.video <> invalid and candidate.video.isSameNode(node) then entry = candidate
        end for
    end if
    if entry = invalid or entry.video = invalid then return false
    return mParticle_taskTrackInput(core, entry, "field", msg.getField(), msg.getData())
end function

function mParticle_taskTrackInput(core as object, entry as object, kind as string, name as string, value as dynamic) as boolean
    r = mParticle_trackReduce(entry.state, { kind: kind, name: name, value: value }, mParticle_taskNowMillis())
    entry.state = r.state
    if r.errors.Count() > 0 then mParticle_taskTrackLogErrors("tracking", r.errors)
    if r.calls.Count() = 0 then return false
    mParticle_taskTrackRun(core, r.calls)
    return true
end function

' The tracker's calls, in order: media API calls through the media logic, "logEvent" as a
' custom media event. After an opt-out nothing is recorded.
sub mParticle_taskTrackRun(core as object, calls as object)
    if core.optedOut = true then return
    for each c in calls
        if c.method = "logEvent"
            mParticle_taskCoreLogCustomEvent(core, c.eventName, "media", c.options)
        else
            mParticle_taskMedia(c.method, c.session, c.args, c.options)
        end if
    end for
end sub

sub mParticle_taskTrackUnobserve(entry as object)
    if entry.video = invalid then return
    for each field in mParticle_trackObservedFields()
        entry.video.unobserveFieldScoped(field)
    end for
end sub

' Whether the media logic already has this session (then trackVideo logs no Session Start).
function mParticle_taskTrackStarted(id as string) as boolean
    if m.mParticle_media = invalid then return false
    return m.mParticle_media.sessions.DoesExist(id)
end function

' The session's id, or "" after logging why the call is dropped.
function mParticle_taskTrackSessionId(session as dynamic, where as string) as string
    if type(session) = "roAssociativeArray" and mParticle_typeof(session.mediaSessionId) = "string" and Len(session.mediaSessionId) > 0
        return session.mediaSessionId
    end if
    mParticle_logError(where + ": the media session has no mediaSessionId (build it with MediaSession.build); call dropped")
    return ""
end function

sub mParticle_taskTrackLogErrors(where as string, errors as object)
    for each problem in errors
        mParticle_logError(where + ": " + problem)
    end for
end sub
