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
