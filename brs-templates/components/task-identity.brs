' Identity: identify/login/logout/modify requests (one at a time, in call order), the current
' MPID, and the identities, attributes and consent kept per MPID.

sub mParticle_identityIdentify(core as object, a as object)
    mParticle_taskIdentityRequest(core, "identify", mParticle_taskRequestedIdentities(a[0]))
end sub

sub mParticle_identityLogin(core as object, a as object)
    mParticle_taskIdentityRequest(core, "login", mParticle_taskRequestedIdentities(a[0]))
end sub

sub mParticle_identityLogout(core as object, a as object)
    mParticle_taskIdentityRequest(core, "logout", mParticle_taskRequestedIdentities(a[0]))
end sub

sub mParticle_identityModify(core as object, a as object)
    mParticle_taskIdentityRequest(core, "modify", mParticle_taskRequestedIdentities(a[0]))
end sub

sub mParticle_identitySetUserAttribute(core as object, a as object)
    mParticle_taskSetUserAttribute(core, a[0], a[1])
end sub

sub mParticle_identityRemoveUserAttribute(core as object, a as object)
    mParticle_taskRemoveUserAttribute(core, a[0])
end sub

' mParticle's Roku SDK 2.x has these two under identity as well; same calls as on the bridge.
sub mParticle_identitySetIntegrationAttribute(core as object, a as object)
    mParticle_coreSetIntegrationAttribute(core, a)
end sub

sub mParticle_identitySetConsentState(core as object, a as object)
    mParticle_coreSetConsentState(core, a)
end sub

' Identity type string -> `ui` number, from the IDENTITY_TYPE and IDENTITY_TYPE_INT constants.
function mParticle_taskIdentityTypes(constants as object) as object
    types = {}
    for each key in constants.IDENTITY_TYPE
        ' The table also holds isValidIdentityType (a function, as in 2.x).
        if mParticle_typeof(constants.IDENTITY_TYPE[key]) = "string" then types[constants.IDENTITY_TYPE[key]] = constants.IDENTITY_TYPE_INT[key]
    end for
    return types
end function

' {userIdentities: {customerid: "..."}} as {customerid: "..."}: unknown types and empty or
' non-string values are logged and left out.
function mParticle_taskRequestedIdentities(request as dynamic) as object
    out = {}
    if type(request) <> "roAssociativeArray" then return out
    given = request.userIdentities
    if given = invalid then return out
    if type(given) <> "roAssociativeArray"
        mParticle_logError("identity request: userIdentities must be an associative array; ignored")
        return out
    end if
    types = mParticleConstants().IDENTITY_TYPE
    for each key in given
        name = LCase(key)
        known = false
        for each t in types
            if mParticle_eq(types[t], name) then known = true
        end for
        value = given[key]
        if not known
            mParticle_logError("identity request: unknown identity type " + key + "; ignored")
        else if mParticle_typeof(value) <> "string" or value = ""
            mParticle_logError("identity request: identity " + key + " must be a non-empty string; ignored")
        else
            out[name] = value
        end if
    end for
    return out
end function

' The stored record of one MPID: {ui: {type: {i, dfs, f}}, ua: {key: value}, con}.
function mParticle_taskUser(core as object, mpid as string) as object
    user = core.users[mpid]
    if type(user) <> "roAssociativeArray"
        user = {}
        core.users[mpid] = user
    end if
    if type(user.ui) <> "roAssociativeArray" then user.ui = {}
    if type(user.ua) <> "roAssociativeArray" then user.ua = {}
    return user
end function

sub mParticle_taskIdentityRequest(core as object, kind as string, identities as object)
    if not core.ready then return
    if core.optedOut
        mParticle_logInfo("opted out: identity " + kind + " not sent")
        return
    end if
    core.identityQueue.Push({ kind: kind, identities: identities, requestId: mParticle_newUuid() })
end sub

' Sends the next identity request when none is in flight and no backoff is running.
sub mParticle_taskIdentityPump(core as object, now as longinteger)
    if core.identityQueue.Count() = 0 or core.identityInFlight or now < core.identityRetryAt then return
    req = core.identityQueue[0]
    body = {
        client_sdk: { platform: "roku", sdk_vendor: "mparticle", sdk_version: core.sdkVersion }
        environment: "production"
        request_id: req.requestId
        request_timestamp_ms: now
    }
    if core.dev then body.environment = "development"
    if core.context <> invalid then body.context = core.context
    if core.mpid <> "0" then body.previous_mpid = core.mpid
    if req.kind = "modify"
        changes = []
        current = mParticle_taskUser(core, core.mpid).ui
        for each name in req.identities
            old = invalid
            if type(current[name]) = "roAssociativeArray" then old = current[name].i
            if not mParticle_eq(old, req.identities[name]) then changes.Push({ identity_type: name, old_value: old, new_value: req.identities[name] })
        end for
        body.identity_changes = changes
    else
        known = {}
        known.Append(req.identities)
        known.device_application_stamp = core.das
        info = CreateObject("roDeviceInfo")
        if not info.IsRIDADisabled() then known.roku_aid = info.GetRIDA()
        known.roku_publisher_id = info.GetChannelClientId()
        body.known_identities = known
    end if
    url = mParticle_coreIdentityUrl(core.identityBase, req.kind, core.mpid)
    if mParticle_taskPost(core, url, FormatJson(body), { "x-mp-key": core.options.apiKey }, { kind: "identity", request: req })
        core.identityInFlight = true
        mParticle_logDebug("identity " + req.kind + " sent")
    else
        mParticle_taskIdentityAnswer(core, req, -1, "", {})
    end if
end sub

' The answer to an identity request (code < 0: no answer). Retryable failures keep the request
' at the head of the queue; every final outcome is published on IDENTITY_RESULT_NODE.
sub mParticle_taskIdentityAnswer(core as object, req as object, code as integer, text as string, headers as object)
    core.identityInFlight = false
    now& = mParticle_nowMillis()
    retryAfter& = mParticle_coreParseRetryAfter(mParticle_taskHeader(headers, "retry-after"), now&)
    decision = mParticle_coreDecideResponse(code, retryAfter&, core.identityAttempt, Rnd(0))
    body = invalid
    if text <> "" then body = ParseJson(text)
    ' A 2xx without a usable answer (a proxy's error page, an empty body) would leave the
    ' user unknown, and nothing is uploaded while the mpid is "0": ask again later.
    if decision.action = "accepted" and req.kind <> "modify" and mParticle_taskAnswerMpid(body) = ""
        decision = mParticle_coreDecideResponse(-1, -1, core.identityAttempt, Rnd(0))
        mParticle_logError("identity " + req.kind + ": HTTP " + code.ToStr() + " without an mpid in the answer")
    end if
    if decision.action = "backoff" or decision.action = "retry"
        core.identityAttempt = decision.nextAttempt
        core.identityRetryAt = now& + decision.delayMillis
        mParticle_logInfo("identity " + req.kind + " failed (HTTP " + code.ToStr() + "); retrying in " + decision.delayMillis.ToStr() + " ms")
        return
    end if
    core.identityAttempt = 0
    core.identityRetryAt = 0&
    core.identityQueue.Shift()
    if decision.action = "accepted"
        mParticle_taskIdentitySuccess(core, req, body)
    else
        if decision.action = "reject"
            mParticle_taskCredentialsError(core, "identity " + req.kind, code)
        else
            mParticle_logError("identity " + req.kind + " failed (HTTP " + code.ToStr() + ")")
        end if
    end if
    result = { type: req.kind, httpCode: code, mpid: core.mpid, body: invalid }
    if type(body) = "roAssociativeArray" then result.body = body
    mParticle_taskSetField(core, core.nodes.IDENTITY_RESULT_NODE, result)
end sub

sub mParticle_taskIdentitySuccess(core as object, req as object, body as dynamic)
    if type(body) <> "roAssociativeArray"
        mParticle_logError("identity " + req.kind + ": the answer is not JSON; ignored")
        return
    end if
    if body.context <> invalid
        core.context = body.context
        core.stateDirty = true
        core.persistNow = true
    end if
    if req.kind = "modify"
        mParticle_taskApplyIdentities(core, core.mpid, req.identities, false)
        mParticle_logInfo("identity modify done")
        return
    end if
    mpid = mParticle_taskAnswerMpid(body)
    ' Logout keeps no identity of the previous user; identify/login add the ones sent.
    mParticle_taskApplyIdentities(core, mpid, req.identities, req.kind = "logout")
    if mpid <> core.mpid
        mParticle_logInfo("identity " + req.kind + ": mpid " + core.mpid + " -> " + mpid)
        if core.mpid = "0"
            mParticle_taskAdoptAnonymousUser(core, mpid)
            mParticle_taskGiveMpid(core, mpid)
        end if
        core.mpid = mpid
        if core.session.active and mParticle_indexOf(core.session.mpids, mpid) < 0 then core.session.mpids.Push(mpid)
        core.stateDirty = true
        core.persistNow = true
    end if
    mParticle_taskPublishUser(core)
end sub

' What a channel set before the first identity answer (MPID "0": user attributes, consent, as
' 2.x's example does in init()) belongs to the user that answer names; that user's own values win.
sub mParticle_taskAdoptAnonymousUser(core as object, mpid as string)
    anonymous = core.users["0"]
    if type(anonymous) <> "roAssociativeArray" then return
    user = mParticle_taskUser(core, mpid)
    if type(anonymous.ua) = "roAssociativeArray"
        for each key in anonymous.ua
            if not user.ua.DoesExist(key) then user.ua[key] = anonymous.ua[key]
        end for
    end if
    if user.con = invalid and anonymous.con <> invalid then user.con = anonymous.con
    core.users.Delete("0")
end sub

' Stores identities for an MPID; each change of the current user becomes a `uic` message.
sub mParticle_taskApplyIdentities(core as object, mpid as string, identities as object, replace as boolean)
    user = mParticle_taskUser(core, mpid)
    now& = mParticle_nowMillis()
    if replace then user.ui = {}
    for each name in identities
        value = identities[name]
        old = user.ui[name]
        if type(old) <> "roAssociativeArray" or not mParticle_eq(old.i, value)
            entry = { i: value, dfs: now&, f: true }
            if type(old) = "roAssociativeArray"
                entry.dfs = old.dfs
                entry.f = false
            end if
            user.ui[name] = entry
            n = core.identityTypes[name]
            if n <> invalid
                msg = mParticle_taskMessage(core, core.messageTypes.USER_IDENTITY_CHANGE, now&)
                msg.ni = { n: n, i: value, dfs: entry.dfs, f: entry.f }
                if type(old) = "roAssociativeArray" then msg.oi = { n: n, i: old.i, dfs: old.dfs, f: false }
                mParticle_taskQueue(core, msg)
            end if
        end if
    end for
    core.stateDirty = true
    core.persistNow = true
    if mpid = core.mpid then mParticle_taskPublishUser(core)
end sub

' A user attribute value as the batch keeps it: a string, or an array of strings.
function mParticle_taskAttributeValue(value as dynamic) as dynamic
    if mParticle_isArray(value)
        list = []
        for each item in value
            list.Push(mParticle_str(item))
        end for
        return list
    end if
    return mParticle_str(value)
end function

sub mParticle_taskSetUserAttribute(core as object, key as string, value as dynamic)
    if not core.ready then return
    user = mParticle_taskUser(core, core.mpid)
    newValue = mParticle_taskAttributeValue(value)
    old = user.ua[key]
    if old <> invalid and FormatJson(old) = FormatJson(newValue) then return
    now& = mParticle_nowMillis()
    msg = mParticle_taskActivityMessage(core, core.messageTypes.USER_ATTRIBUTE_CHANGE, now&)
    user.ua[key] = newValue
    msg.n = key
    msg.nv = newValue
    msg.ov = old
    msg.d = false
    msg.na = old = invalid
    mParticle_taskQueue(core, msg)
    core.stateDirty = true
    core.persistNow = true
    mParticle_taskPublishUser(core)
end sub

' The current user changed (identity answer, identities, user attributes, consent): the
' current-user field is published at the end of the tick (mParticle_coreTick), once however
' many changes the tick's calls made, as 2.x published it once per identity answer; a channel
' that logs an event when the current user changes logs it once.
sub mParticle_taskPublishUser(core as object)
    core.userNodeDirty = true
end sub

' Publishes the current user, unless the field already shows exactly that (changes that undo
' each other within a tick, an answer that names the same user).
sub mParticle_taskPublishUserNow(core as object)
    core.userNodeDirty = false
    user = mParticle_taskUser(core, core.mpid)
    identities = {}
    for each key in user.ui
        identities[key] = user.ui[key].i
    end for
    value = { mpid: core.mpid, userIdentities: identities, userAttributes: user.ua, consentState: user.con }
    ' FormatJson gives "" for what it cannot write (a node in the consent state): published.
    shown = FormatJson(value)
    if shown <> "" and shown = core.userNodeShown then return
    core.userNodeShown = shown
    mParticle_taskSetField(core, core.nodes.CURRENT_USER_NODE, value)
    ' A rendezvous that can wait long for a busy render thread: the session field's busy time
    ' is published again with it.
    core.sessionNodeDirty = true
end sub

sub mParticle_taskRemoveUserAttribute(core as object, key as string)
    if not core.ready then return
    user = mParticle_taskUser(core, core.mpid)
    old = user.ua[key]
    if old = invalid then return
    now& = mParticle_nowMillis()
    msg = mParticle_taskActivityMessage(core, core.messageTypes.USER_ATTRIBUTE_CHANGE, now&)
    user.ua.Delete(key)
    msg.n = key
    msg.nv = invalid
    msg.ov = old
    msg.d = true
    msg.na = false
    mParticle_taskQueue(core, msg)
    core.stateDirty = true
    core.persistNow = true
    mParticle_taskPublishUser(core)
end sub

' The `ui` array of a batch: the current user's identities with their numbers.
' Messages logged before the first MPID was known belong to the user it identifies.
sub mParticle_taskGiveMpid(core as object, mpid as string)
    for each msg in core.queue
        if not msg.DoesExist("mpid") then msg.mpid = mpid
    end for
    core.queueDirty = true
end sub

function mParticle_taskBatchIdentities(core as object, mpid as string) as object
    list = []
    user = mParticle_taskUser(core, mpid)
    for each name in user.ui
        n = core.identityTypes[name]
        entry = user.ui[name]
        if n <> invalid and type(entry) = "roAssociativeArray" then list.Push({ n: n, i: entry.i, dfs: entry.dfs, f: entry.f })
    end for
    return list
end function

' The mpid of an identity answer as a string, or "" when there is none.
function mParticle_taskAnswerMpid(body as dynamic) as string
    if type(body) <> "roAssociativeArray" then return ""
    mpid = ""
    if mParticle_typeof(body.mpid) = "string"
        mpid = body.mpid
    else if mParticle_typeof(body.mpid) = "number"
        mpid = mParticle_str(body.mpid)
    end if
    if mpid = "0" then return ""
    return mpid
end function
