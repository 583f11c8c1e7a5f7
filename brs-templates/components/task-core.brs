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
