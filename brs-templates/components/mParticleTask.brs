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
    m.mParticle_core = mParticle_coreStart(m.global.mparticleOptions, m.mParticle_port)
    m.mParticle_media = mParticle_newMediaState()
    ' Time spent working (not waiting), published on the current-session field: what the SDK
    ' costs the device, for channels and for the benchmark.
    busy = CreateObject("roTimespan")
    while true
        msg = wait(mParticle_coreWaitMillis(m.mParticle_core), m.mParticle_port)
        busy.Mark()
        if msg = invalid
            mParticle_coreTick(m.mParticle_core)
        else if type(msg) = "roSGNodeEvent" and msg.getField() = apiField
            mParticle_taskDispatch(msg.getData())
            mParticle_coreTick(m.mParticle_core)
        else
            mParticle_coreOnMessage(m.mParticle_core, msg)
        end if
        m.mParticle_core.busyMillis = m.mParticle_core.busyMillis + busy.TotalMilliseconds()
    end while
end sub

' Unix time in milliseconds as a LongInteger: seconds * 1000 would overflow an Integer.
function mParticle_nowMillis() as longinteger
    now = CreateObject("roDateTime")
    seconds& = now.AsSeconds()
    return seconds& * 1000& + now.GetMilliseconds()
end function

function mParticle_newUuid() as string
    return CreateObject("roDeviceInfo").GetRandomUUID()
end function

' Checks the arguments of one API call against the kinds the schema gives its parameters.
' Logs the first mismatch and returns false: the caller drops the call.
function mParticle_checkArgs(name as string, args as object, kinds as object, optional as object) as boolean
    for i = 0 to kinds.Count() - 1
        value = args[i]
        if value = invalid
            if not optional[i]
                mParticle_logError(name + ": argument " + (i + 1).ToStr() + " (" + kinds[i] + ") is missing; call dropped")
                return false
            end if
        else if not mParticle_argIsKind(value, kinds[i])
            mParticle_logError(name + ": argument " + (i + 1).ToStr() + " must be " + kinds[i] + ", got " + type(value) + "; call dropped")
            return false
        end if
    end for
    return true
end function

function mParticle_argIsKind(value as dynamic, kind as string) as boolean
    t = mParticle_typeof(value)
    if kind = "string" then return t = "string"
    if kind = "name" then return t = "string" and Len(value) > 0
    if kind = "number" then return t = "number"
    if kind = "boolean" then return t = "boolean"
    if kind = "value" then return t = "string" or t = "number" or t = "boolean" or mParticle_isArray(value)
    if kind = "strings"
        if t = "string" then return true
        if type(value) <> "roArray" then return false
        for each item in value
            if mParticle_typeof(item) <> "string" then return false
        end for
        return true
    end if
    if kind = "session" or kind = "attributes" then return type(value) = "roAssociativeArray"
    if kind = "object" then return type(value) = "roAssociativeArray"
    if kind = "list" then return type(value) = "roArray"
    return false
end function

' After an opt-out nothing is recorded, not even in the Task's own state, until the opt-in.
function mParticle_taskOptedOut(name as string) as boolean
    if m.mParticle_core.optedOut <> true then return false
    mParticle_log(3, name + ": opted out; call dropped")
    return true
end function

' Runs one media call through the transpiled media logic and hands its events to the core.
sub mParticle_taskMedia(method as string, session as object, args as object, options as dynamic)
    call = { method: method, session: session, args: args, options: options, autoSummaries: m.mParticle_core.options.autoSummaries = true }
    result = mParticle_mediaReduce(m.mParticle_media, call, mParticle_nowMillis(), mParticle_newUuid())
    m.mParticle_media = result.state
    for each problem in result.errors
        mParticle_logError("media." + method + ": " + problem)
    end for
    for each event in result.events
        mParticle_coreLogCustomEvent(m.mParticle_core, event.name, "media", event.attrs)
    end for
end sub

'@@HOLE:DISPATCH@@
