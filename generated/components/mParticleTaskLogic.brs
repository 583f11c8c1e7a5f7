' generated from src-ts/logic, brs-templates/source/mParticleRuntime.brs by src-ts/generator: do not edit
' The transpiled logic (src-ts/logic) and the runtime helpers that only mParticleTask runs; the
' scene include (source/mparticle/mParticleCore.brs) has the helpers that scene-side code uses.

' Runtime helpers that transpiled logic (src-ts/transpiler) calls. They give BrightScript the
' JavaScript semantics the logic was written and tested against under Node, and none of them
' may raise a runtime error on any input: a crash on a viewer's TV stops the channel.

' JavaScript's ===: values of different types are unequal instead of a type mismatch. Objects
' compare by identity only for SceneGraph nodes; other objects are never equal.
function mParticle_eq(a as dynamic, b as dynamic) as boolean
    ta = mParticle_typeof(a)
    if ta <> mParticle_typeof(b) then return false
    if ta = "undefined" then return true
    if ta = "string" or ta = "number" or ta = "boolean" then return a = b
    if type(a) = "roSGNode" and type(b) = "roSGNode" then return a.isSameNode(b)
    return false
end function

' Math.ceil (see mParticle_floor).
function mParticle_ceil(x as dynamic) as dynamic
    if mParticle_isIntegral(x) then return x
    if not mParticle_isDecimal(x) then return invalid
    f = mParticle_floor(-x)
    return -f
end function

' Math.round: halves round up, as in JavaScript (see mParticle_floor).
function mParticle_round(x as dynamic) as dynamic
    if mParticle_isIntegral(x) then return x
    if not mParticle_isDecimal(x) then return invalid
    return mParticle_floor(x + 0.5#)
end function

' Math.abs. Not a number: invalid.
function mParticle_abs(x as dynamic) as dynamic
    if mParticle_typeof(x) <> "number" then return invalid
    if x < 0 then return -x
    return x
end function

' Math.max of two numbers; invalid when either is not a number.
function mParticle_max(a as dynamic, b as dynamic) as dynamic
    if mParticle_typeof(a) <> "number" or mParticle_typeof(b) <> "number" then return invalid
    if a >= b then return a
    return b
end function

' Math.min of two numbers; invalid when either is not a number.
function mParticle_min(a as dynamic, b as dynamic) as dynamic
    if mParticle_typeof(a) <> "number" or mParticle_typeof(b) <> "number" then return invalid
    if a <= b then return a
    return b
end function

' a / b as Doubles (Integer / Integer would be a single-precision Float). Division by zero or
' of a non-number gives 0 (JavaScript: Infinity or NaN): guard divisions in the logic.
function mParticle_div(a as dynamic, b as dynamic) as double
    if mParticle_typeof(a) <> "number" or mParticle_typeof(b) <> "number" then return 0#
    if b = 0 then return 0#
    return (0# + a) / b
end function

' Number.isInteger.
function mParticle_isInteger(x as dynamic) as boolean
    if mParticle_isIntegral(x) then return true
    if not mParticle_isDecimal(x) then return false
    if mParticle_isNonFinite(x) then return false
    return mParticle_floor(x) = x
end function

' Array.isArray.
function mParticle_isArray(x as dynamic) as boolean
    return type(x) = "roArray"
end function

' Array.prototype.indexOf with === comparison; -1 when absent or when a is not an array.
function mParticle_indexOf(a as dynamic, x as dynamic) as integer
    if type(a) <> "roArray" then return -1
    for i = 0 to a.Count() - 1
        if mParticle_eq(a[i], x) then return i
    end for
    return -1
end function

' An index argument of slice, resolved against length n like JavaScript (negative from the end).
function mParticle_sliceIndex(i as dynamic, n as integer, default as integer) as integer
    if mParticle_typeof(i) <> "number" then return default
    k = mParticle_floor(i)
    if k < 0 then k = k + n
    if k < 0 then return 0
    if k > n then return n
    return k
end function

' Array.prototype.slice(start, end) (end invalid = to the end); a new array.
function mParticle_slice(a as dynamic, startIndex as dynamic, endIndex as dynamic) as object
    result = []
    if type(a) <> "roArray" then return result
    n = a.Count()
    s = mParticle_sliceIndex(startIndex, n, 0)
    e = mParticle_sliceIndex(endIndex, n, n)
    for i = s to e - 1
        result.Push(a[i])
    end for
    return result
end function

' Array.prototype.join: items through mParticle_str, invalid items as "" (as JavaScript does).
function mParticle_join(a as dynamic, sep as dynamic) as string
    if type(a) <> "roArray" then return ""
    if mParticle_typeof(sep) <> "string" then sep = ","
    out = ""
    for i = 0 to a.Count() - 1
        if i > 0 then out = out + sep
        if a[i] <> invalid then out = out + mParticle_str(a[i])
    end for
    return out
end function

' Object.assign({}, ...objects) and object spread: a new shallow copy-merge; later objects win.
' Items that are not associative arrays are skipped.
function mParticle_assign(objects as dynamic) as object
    result = {}
    if type(objects) <> "roArray" then return result
    for each o in objects
        if type(o) = "roAssociativeArray" then result.Append(o)
    end for
    return result
end function

' Array spread ([...a, ...b]): a new array of the items of every array, in order.
function mParticle_concat(arrays as dynamic) as object
    result = []
    if type(arrays) <> "roArray" then return result
    for each a in arrays
        if type(a) = "roArray" then result.Append(a)
    end for
    return result
end function

' c ? a : b where the lowering could not use an if statement (both sides are evaluated).
function mParticle_iif(c as dynamic, a as dynamic, b as dynamic) as dynamic
    if (type(c) = "Boolean" or type(c) = "roBoolean") and c = true then return a
    return b
end function

function mParticle_sessionRunning(since as dynamic) as boolean
    return (type(since) = "roInteger" or (type(since) = "roLongInteger" or (type(since) = "LongInteger" or (type(since) = "roFloat" or (type(since) = "roDouble" or (type(since) = "Integer" or (type(since) = "Float" or (type(since) = "Double" or type(since) = "roInt")))))))) and since > 0&
end function

function mParticle_sessionExcludesAdBreaksIn(exclude as dynamic, current as dynamic, state as string) as boolean
    return (type(exclude) = "roBoolean" or type(exclude) = "Boolean") and exclude and (type(current) = "roString" or type(current) = "String") and current = state
end function

sub mParticle_sessionStoreRun(mediaSession as object, since as dynamic, now as dynamic)
    before = mediaSession.storedPlaybackTime
    if type(before) = "roInteger" or (type(before) = "roLongInteger" or (type(before) = "LongInteger" or (type(before) = "roFloat" or (type(before) = "roDouble" or (type(before) = "Integer" or (type(before) = "Float" or (type(before) = "Double" or type(before) = "roInt")))))))
        mediaSession.storedPlaybackTime = before + now - since
    else
        mediaSession.storedPlaybackTime = now - since
    end if
end sub

sub mParticle_sessionKeepPlay(mediaSession as object, now as longinteger)
    since = mediaSession.currentPlaybackStartTimestamp
    if not ((type(since) = "roInteger" or (type(since) = "roLongInteger" or (type(since) = "LongInteger" or (type(since) = "roFloat" or (type(since) = "roDouble" or (type(since) = "Integer" or (type(since) = "Float" or (type(since) = "Double" or type(since) = "roInt")))))))) and since > 0&)
        mediaSession.currentPlaybackStartTimestamp = now
    end if
    mediaSession.playbackState = "playing"
end sub

sub mParticle_sessionKeepPause(mediaSession as object, now as longinteger)
    since = mediaSession.currentPlaybackStartTimestamp
    if (type(since) = "roInteger" or (type(since) = "roLongInteger" or (type(since) = "LongInteger" or (type(since) = "roFloat" or (type(since) = "roDouble" or (type(since) = "Integer" or (type(since) = "Float" or (type(since) = "Double" or type(since) = "roInt")))))))) and since > 0&
        before = mediaSession.storedPlaybackTime
        if type(before) = "roInteger" or (type(before) = "roLongInteger" or (type(before) = "LongInteger" or (type(before) = "roFloat" or (type(before) = "roDouble" or (type(before) = "Integer" or (type(before) = "Float" or (type(before) = "Double" or type(before) = "roInt")))))))
            mediaSession.storedPlaybackTime = before + now - since
        else
            mediaSession.storedPlaybackTime = now - since
        end if
        mediaSession.currentPlaybackStartTimestamp = 0
    end if
    mediaSession.playbackState = "pausedByUser"
end sub

sub mParticle_sessionKeepContentEnd(mediaSession as object, now as longinteger)
    mediaSession.mediaContentComplete = true
    since = mediaSession.currentPlaybackStartTimestamp
    if (type(since) = "roInteger" or (type(since) = "roLongInteger" or (type(since) = "LongInteger" or (type(since) = "roFloat" or (type(since) = "roDouble" or (type(since) = "Integer" or (type(since) = "Float" or (type(since) = "Double" or type(since) = "roInt")))))))) and since > 0&
        before = mediaSession.storedPlaybackTime
        if type(before) = "roInteger" or (type(before) = "roLongInteger" or (type(before) = "LongInteger" or (type(before) = "roFloat" or (type(before) = "roDouble" or (type(before) = "Integer" or (type(before) = "Float" or (type(before) = "Double" or type(before) = "roInt")))))))
            mediaSession.storedPlaybackTime = before + now - since
        else
            mediaSession.storedPlaybackTime = now - since
        end if
        mediaSession.currentPlaybackStartTimestamp = 0
    end if
end sub

sub mParticle_sessionKeepAdBreakStart(mediaSession as object, now as longinteger)
    if (type(mediaSession.excludeAdBreaksFromContentTime) = "roBoolean" or type(mediaSession.excludeAdBreaksFromContentTime) = "Boolean") and mediaSession.excludeAdBreaksFromContentTime and (type(mediaSession.playbackState) = "roString" or type(mediaSession.playbackState) = "String") and mediaSession.playbackState = "playing"
        since = mediaSession.currentPlaybackStartTimestamp
        if (type(since) = "roInteger" or (type(since) = "roLongInteger" or (type(since) = "LongInteger" or (type(since) = "roFloat" or (type(since) = "roDouble" or (type(since) = "Integer" or (type(since) = "Float" or (type(since) = "Double" or type(since) = "roInt")))))))) and since > 0&
            before = mediaSession.storedPlaybackTime
            if type(before) = "roInteger" or (type(before) = "roLongInteger" or (type(before) = "LongInteger" or (type(before) = "roFloat" or (type(before) = "roDouble" or (type(before) = "Integer" or (type(before) = "Float" or (type(before) = "Double" or type(before) = "roInt")))))))
                mediaSession.storedPlaybackTime = before + now - since
            else
                mediaSession.storedPlaybackTime = now - since
            end if
        end if
        mediaSession.currentPlaybackStartTimestamp = 0
        mediaSession.playbackState = "pausedByAdBreak"
    end if
end sub

sub mParticle_sessionKeepAdBreakEnd(mediaSession as object, now as longinteger)
    if (type(mediaSession.excludeAdBreaksFromContentTime) = "roBoolean" or type(mediaSession.excludeAdBreaksFromContentTime) = "Boolean") and mediaSession.excludeAdBreaksFromContentTime and (type(mediaSession.playbackState) = "roString" or type(mediaSession.playbackState) = "String") and mediaSession.playbackState = "pausedByAdBreak"
        mediaSession.currentPlaybackStartTimestamp = now
        mediaSession.playbackState = "playing"
    end if
end sub

function mParticle_identityTypeNumbers() as object
    names = {
        OTHER: "other",
        CUSTOMER_ID: "customerid",
        FACEBOOK: "facebook",
        TWITTER: "twitter",
        GOOGLE: "google",
        MICROSOFT: "microsoft",
        YAHOO: "yahoo",
        EMAIL: "email",
        FACEBOOK_AUDIENCE_ID: "facebookcustomaudienceid",
        OTHER2: "other2",
        OTHER3: "other3",
        OTHER4: "other4",
        OTHER5: "other5",
        OTHER6: "other6",
        OTHER7: "other7",
        OTHER8: "other8",
        OTHER9: "other9",
        OTHER10: "other10",
        MOBILE_NUMBER: "mobile_number",
        PHONE_NUMBER2: "phone_number_2",
        PHONE_NUMBER3: "phone_number_3"
    }
    numbers = {
        OTHER: 0,
        CUSTOMER_ID: 1,
        FACEBOOK: 2,
        TWITTER: 3,
        GOOGLE: 4,
        MICROSOFT: 5,
        YAHOO: 6,
        EMAIL: 7,
        FACEBOOK_AUDIENCE_ID: 9,
        OTHER2: 10,
        OTHER3: 11,
        OTHER4: 12,
        OTHER5: 13,
        OTHER6: 14,
        OTHER7: 15,
        OTHER8: 16,
        OTHER9: 17,
        OTHER10: 18,
        MOBILE_NUMBER: 19,
        PHONE_NUMBER2: 20,
        PHONE_NUMBER3: 21
    }
    out = {}
    for each key in names.Keys()
        out[names[key]] = numbers[key]
    end for
    return out
end function

function mParticle_identityReduce(state as object, input as object, now as longinteger) as object
    out = { state: state, effects: [], dirty: false }
    kind = input.kind
    if kind = "pump"
        mParticle_identityStepPump(state, now, out)
    else if kind = "publish"
        mParticle_identityStepPublish(state, out)
    else if kind = "answer"
        if state.ready and input.sent <> invalid
            mParticle_identityStepAnswer(state, input.sent, input.code, input.body, input.retryAfter, input.random, now, out)
        end if
    else if kind = "identify" or kind = "login" or kind = "logout" or kind = "modify"
        mParticle_identityStepRequest(state, kind, input.request, input.requestId, out)
    else if kind = "setUserAttribute"
        mParticle_identityStepSetAttribute(state, input.key, input.value, out)
    else if kind = "removeUserAttribute"
        mParticle_identityStepRemoveAttribute(state, input.key, out)
    else if kind = "setConsentState"
        mParticle_identityStepSetConsent(state, input.consent, out)
    else if kind = "optOut"
        if state.ready
            state.identityQueue = []
        end if
    else
        mParticle_identityLog(out, 1, "identity: unknown input " + kind)
    end if
    return out
end function

function mParticle_identityWakeAt(state as object, now as longinteger) as longinteger
    if not state.ready
        return -1&
    end if
    if state.userNodeDirty
        return now
    end if
    if state.identityQueue.Count() = 0 or state.identityInFlight
        return -1&
    end if
    if state.identityRetryAt > now
        return state.identityRetryAt
    end if
    return now
end function

function mParticle_identityBatchUi(state as object, mpid as string) as object
    list = []
    user = mParticle_identityUserOf(state, mpid)
    types = state.identityTypes
    for each name in user.ui.Keys()
        entry = user.ui[name]
        if types.DoesExist(name) and (type(entry) = "roAssociativeArray" or (type(entry) = "roArray" or type(entry) = "roSGNode")) and not (type(entry) = "roArray") and entry <> invalid
            list.Push({ n: types[name], i: entry.i, dfs: entry.dfs, f: entry.f })
        end if
    end for
    return list
end function

function mParticle_identityUserOf(state as object, mpid as string) as object
    users = state.users
    user = users[mpid]
    if type(user) <> "roAssociativeArray" and type(user) <> "roSGNode"
        user = { ui: {}, ua: {} }
        users[mpid] = user
    end if
    ui = user.ui
    if type(ui) <> "roAssociativeArray" and type(ui) <> "roSGNode"
        user.ui = {}
    end if
    ua = user.ua
    if type(ua) <> "roAssociativeArray" and type(ua) <> "roSGNode"
        user.ua = {}
    end if
    return user
end function

function mParticle_identityRequested(request as dynamic, out as object) as object
    ids = {}
    if type(request) <> "roAssociativeArray" and type(request) <> "roSGNode"
        return ids
    end if
    given = request.userIdentities
    if type(given) = "Invalid" or (type(given) = "roInvalid" or type(given) = "<uninitialized>") or (type(given) = "Invalid" or (type(given) = "roInvalid" or type(given) = "<uninitialized>"))
        return ids
    end if
    if (type(given) <> "roAssociativeArray" and (type(given) <> "roArray" and type(given) <> "roSGNode")) or type(given) = "roArray"
        mParticle_identityLog(out, 1, "identity request: userIdentities must be an associative array; ignored")
        return ids
    end if
    types = out.state.identityTypes
    record = given
    for each key in record.Keys()
        name = LCase(key)
        value = record[key]
        if not types.DoesExist(name)
            mParticle_identityLog(out, 1, "identity request: unknown identity type " + key + "; ignored")
        else if type(value) <> "roString" and type(value) <> "String"
            mParticle_identityLog(out, 1, "identity request: identity " + key + " must be a non-empty string; ignored")
        else if Len(value) = 0
            mParticle_identityLog(out, 1, "identity request: identity " + key + " must be a non-empty string; ignored")
        else
            ids[name] = value
        end if
    end for
    return ids
end function

sub mParticle_identityStepRequest(state as object, kind as string, request as dynamic, requestId as string, out as object)
    if not state.ready
        return
    end if
    identities = mParticle_identityRequested(request, out)
    if state.optedOut
        mParticle_identityLog(out, 2, "opted out: identity " + kind + " not sent")
        return
    end if
    state.identityQueue.Push({ kind: kind, identities: identities, requestId: requestId })
end sub

sub mParticle_identityStepPump(state as object, now as longinteger, out as object)
    if not state.ready or state.identityQueue.Count() = 0 or state.identityInFlight or now < state.identityRetryAt
        return
    end if
    req = state.identityQueue[0]
    body = {
        client_sdk: { platform: "roku", sdk_vendor: "mparticle", sdk_version: state.sdkVersion },
        environment: "production",
        request_id: req.requestId,
        request_timestamp_ms: now
    }
    if state.dev
        body.environment = "development"
    end if
    if type(state.context) <> "Invalid" and (type(state.context) <> "roInvalid" and type(state.context) <> "<uninitialized>") and (type(state.context) <> "Invalid" and (type(state.context) <> "roInvalid" and type(state.context) <> "<uninitialized>"))
        body.context = state.context
    end if
    if state.mpid <> "0"
        body.previous_mpid = state.mpid
    end if
    if req.kind = "modify"
        changes = []
        current = mParticle_identityUserOf(state, state.mpid).ui
        for each name in req.identities.Keys()
            value = req.identities[name]
            old = invalid
            entry = current[name]
            if type(entry) = "roAssociativeArray" or type(entry) = "roSGNode"
                old = entry.i
            end if
            if not mParticle_eq(old, value)
                changes.Push({ identity_type: name, old_value: old, new_value: value })
            end if
        end for
        body.identity_changes = changes
    else
        known = {}
        known.Append(req.identities)
        known.device_application_stamp = state.das
        rida = state.di.rida
        if type(rida) = "roString" or type(rida) = "String"
            known.roku_aid = rida
        end if
        known.roku_publisher_id = state.di.rpb
        body.known_identities = known
    end if
    headers = {}
    headers["x-mp-key"] = state.options.apiKey
    state.identityInFlight = true
    mParticle_identityLog(out, 3, "identity " + req.kind + " sent")
    out.effects.Push({
        type: "post",
        url: mParticle_coreIdentityUrl(state.identityBase, req.kind, state.mpid),
        body: body,
        headers: headers,
        request: req
    })
end sub

function mParticle_identityAnswerMpid(body as dynamic) as string
    if type(body) <> "roAssociativeArray" and type(body) <> "roSGNode"
        return ""
    end if
    value = body.mpid
    mpid = ""
    if type(value) = "roString" or type(value) = "String"
        mpid = value
    else if type(value) = "roInteger" or (type(value) = "roLongInteger" or (type(value) = "LongInteger" or (type(value) = "roFloat" or (type(value) = "roDouble" or (type(value) = "Integer" or (type(value) = "Float" or (type(value) = "Double" or type(value) = "roInt")))))))
        mpid = mParticle_str(value)
    end if
    if mpid = "0"
        return ""
    end if
    return mpid
end function

sub mParticle_identityStepAnswer(state as object, req as object, code as integer, body as dynamic, retryAfter as dynamic, random as double, now as longinteger, out as object)
    state.identityInFlight = false
    wait_ = mParticle_coreParseRetryAfter(retryAfter, now)
    decision = mParticle_coreDecideResponse(code, wait_, state.identityAttempt, random)
    if decision.action = "accepted" and req.kind <> "modify" and mParticle_identityAnswerMpid(body) = ""
        decision = mParticle_coreDecideResponse(-1, -1&, state.identityAttempt, random)
        mParticle_identityLog(out, 1, "identity " + req.kind + ": HTTP " + mParticle_str(code) + " without an mpid in the answer")
    end if
    queue = state.identityQueue
    atHead = queue.Count() > 0 and queue[0].requestId = req.requestId
    if decision.action = "backoff" or decision.action = "retry"
        if atHead
            state.identityAttempt = decision.nextAttempt
            state.identityRetryAt = now + decision.delayMillis
            mParticle_identityLog(out, 2, "identity " + req.kind + " failed (HTTP " + mParticle_str(code) + "); retrying in " + mParticle_str(decision.delayMillis) + " ms")
        else
            mParticle_identityLog(out, 2, "identity " + req.kind + " failed (HTTP " + mParticle_str(code) + "); no longer asked")
        end if
        return
    end if
    if atHead
        state.identityAttempt = 0
        state.identityRetryAt = 0&
        queue.Shift()
    end if
    if decision.action = "accepted"
        mParticle_identityStepSuccess(state, req, body, now, out)
    else if decision.action = "reject"
        out.effects.Push({ type: "credentials", what: "identity " + req.kind, code: code })
    else
        mParticle_identityLog(out, 1, "identity " + req.kind + " failed (HTTP " + mParticle_str(code) + ")")
    end if
    shown = invalid
    if type(body) = "roAssociativeArray" or type(body) = "roSGNode"
        shown = body
    end if
    out.effects.Push({
        type: "field",
        field: "mParticleIdentityResult",
        value: { type: req.kind, httpCode: code, mpid: state.mpid, body: shown }
    })
end sub

sub mParticle_identityStepSuccess(state as object, req as object, body as dynamic, now as longinteger, out as object)
    if type(body) <> "roAssociativeArray" and type(body) <> "roSGNode"
        mParticle_identityLog(out, 1, "identity " + req.kind + ": the answer is not JSON; ignored")
        return
    end if
    answer = body
    context = answer.context
    if type(context) <> "Invalid" and (type(context) <> "roInvalid" and type(context) <> "<uninitialized>") and (type(context) <> "Invalid" and (type(context) <> "roInvalid" and type(context) <> "<uninitialized>"))
        state.context = context
        mParticle_identityDirty(out)
    end if
    if req.kind = "modify"
        mParticle_identityApplyIdentities(state, state.mpid, req.identities, false, now, out)
        mParticle_identityLog(out, 2, "identity modify done")
        return
    end if
    mpid = mParticle_identityAnswerMpid(answer)
    mParticle_identityApplyIdentities(state, mpid, req.identities, req.kind = "logout", now, out)
    if mpid <> state.mpid
        mParticle_identityLog(out, 2, "identity " + req.kind + ": mpid " + state.mpid + " -> " + mpid)
        if state.mpid = "0"
            mParticle_identityAdoptAnonymous(state, mpid)
            out.effects.Push({ type: "giveMpid", mpid: mpid })
        end if
        state.mpid = mpid
        session = state.session
        if session.active and not (mParticle_indexOf(session.mpids, mpid) >= 0)
            session.mpids.Push(mpid)
        end if
        mParticle_identityDirty(out)
    end if
    state.userNodeDirty = true
end sub

sub mParticle_identityAdoptAnonymous(state as object, mpid as string)
    anonymous = state.users["0"]
    if type(anonymous) <> "roAssociativeArray" and type(anonymous) <> "roSGNode"
        return
    end if
    from = anonymous
    user = mParticle_identityUserOf(state, mpid)
    ua = from.ua
    if type(ua) = "roAssociativeArray" or type(ua) = "roSGNode"
        attrs = ua
        for each key in attrs.Keys()
            if not user.ua.DoesExist(key)
                user.ua[key] = attrs[key]
            end if
        end for
    end if
    if (type(user.con) = "Invalid" or (type(user.con) = "roInvalid" or type(user.con) = "<uninitialized>") or (type(user.con) = "Invalid" or (type(user.con) = "roInvalid" or type(user.con) = "<uninitialized>"))) and (type(from.con) <> "Invalid" and (type(from.con) <> "roInvalid" and type(from.con) <> "<uninitialized>")) and (type(from.con) <> "Invalid" and (type(from.con) <> "roInvalid" and type(from.con) <> "<uninitialized>"))
        user.con = from.con
    end if
    state.users.Delete("0")
end sub

sub mParticle_identityApplyIdentities(state as object, mpid as string, identities as object, replace as boolean, now as longinteger, out as object)
    user = mParticle_identityUserOf(state, mpid)
    if replace
        user.ui = {}
    end if
    types = state.identityTypes
    for each name in identities.Keys()
        value = identities[name]
        old = user.ui[name]
        hadOld = type(old) = "roAssociativeArray" or type(old) = "roSGNode"
        if not hadOld or old.i <> value
            entry = { i: value, dfs: now, f: true }
            if hadOld
                entry.dfs = old.dfs
                entry.f = false
            end if
            user.ui[name] = entry
            if types.DoesExist(name)
                n = types[name]
                fields = { ni: { n: n, i: value, dfs: entry.dfs, f: entry.f } }
                if hadOld
                    before = old
                    fields.oi = { n: n, i: before.i, dfs: before.dfs, f: false }
                end if
                out.effects.Push({ type: "queue", activity: false, dt: "uic", fields: fields, mpid: state.mpid })
            end if
        end if
    end for
    mParticle_identityDirty(out)
    if mpid = state.mpid
        state.userNodeDirty = true
    end if
end sub

function mParticle_identityAttributeValue(value as dynamic) as dynamic
    if type(value) = "roArray"
        list = []
        for each item in value
            list.Push(mParticle_str(item))
        end for
        return list
    end if
    return mParticle_str(value)
end function

sub mParticle_identityStepSetAttribute(state as object, key as string, value as dynamic, out as object)
    if not state.ready
        return
    end if
    user = mParticle_identityUserOf(state, state.mpid)
    next_ = mParticle_identityAttributeValue(value)
    old = user.ua[key]
    isNew = type(old) = "Invalid" or (type(old) = "roInvalid" or type(old) = "<uninitialized>") or (type(old) = "Invalid" or (type(old) = "roInvalid" or type(old) = "<uninitialized>"))
    if not isNew and FormatJson(old) = FormatJson(next_)
        return
    end if
    previous = invalid
    if not isNew
        previous = old
    end if
    out.effects.Push({
        type: "queue",
        activity: true,
        dt: "uac",
        fields: { n: key, nv: next_, ov: previous, d: false, na: isNew },
        mpid: state.mpid
    })
    user.ua[key] = next_
    mParticle_identityDirty(out)
    state.userNodeDirty = true
end sub

sub mParticle_identityStepRemoveAttribute(state as object, key as string, out as object)
    if not state.ready
        return
    end if
    user = mParticle_identityUserOf(state, state.mpid)
    old = user.ua[key]
    if type(old) = "Invalid" or (type(old) = "roInvalid" or type(old) = "<uninitialized>") or (type(old) = "Invalid" or (type(old) = "roInvalid" or type(old) = "<uninitialized>"))
        return
    end if
    out.effects.Push({
        type: "queue",
        activity: true,
        dt: "uac",
        fields: { n: key, nv: invalid, ov: old, d: true, na: false },
        mpid: state.mpid
    })
    user.ua.Delete(key)
    mParticle_identityDirty(out)
    state.userNodeDirty = true
end sub

sub mParticle_identityStepSetConsent(state as object, consent as dynamic, out as object)
    if not state.ready
        return
    end if
    if type(consent) <> "roAssociativeArray" and type(consent) <> "roSGNode"
        mParticle_identityLog(out, 1, "setConsentState: expected a ConsentState.build() result; call dropped")
        return
    end if
    mParticle_identityUserOf(state, state.mpid).con = consent
    mParticle_identityDirty(out)
    state.userNodeDirty = true
end sub

sub mParticle_identityStepPublish(state as object, out as object)
    if not state.ready or not state.userNodeDirty
        return
    end if
    state.userNodeDirty = false
    user = mParticle_identityUserOf(state, state.mpid)
    identities = {}
    for each key in user.ui.Keys()
        identities[key] = user.ui[key].i
    end for
    consent = invalid
    if type(user.con) <> "Invalid" and (type(user.con) <> "roInvalid" and type(user.con) <> "<uninitialized>") and (type(user.con) <> "Invalid" and (type(user.con) <> "roInvalid" and type(user.con) <> "<uninitialized>"))
        consent = user.con
    end if
    value = { mpid: state.mpid, userIdentities: identities, userAttributes: user.ua, consentState: consent }
    shown = FormatJson(value)
    if shown <> "" and shown = state.userNodeShown
        return
    end if
    state.userNodeShown = shown
    out.effects.Push({ type: "field", field: "mParticleCurrentUser", value: value })
    out.effects.Push({ type: "sessionField" })
end sub

sub mParticle_identityLog(out as object, level as integer, text as string)
    out.effects.Push({ type: "log", level: level, text: text })
end sub

sub mParticle_identityDirty(out as object)
    if not out.dirty
        out.dirty = true
        out.effects.Push({ type: "stateDirty" })
    end if
end sub

function mParticle_coreTakeId(pool as object, now as longinteger) as string
    if pool.ids.Count() = 0
        return "id-" + mParticle_str(now)
    end if
    return pool.ids.Shift()
end function

function mParticle_messageIdPool() as integer
    return 8
end function

function mParticle_messageMediaEvents(core as object, events as object, now as longinteger) as dynamic
    if not core.ready or events.Count() = 0
        return invalid
    end if
    s = core.session
    if not s.active or core.optedOut or core.logLevel >= 3 or core.queue.Count() + events.Count() > core.options.maxQueueMessages
        return mParticle_messageMediaEffects(core, events, now)
    end if
    s.last = now
    core.stateDirty = true
    if core.persistAt = 0&
        core.persistAt = now + core.persistDelay
    end if
    mpid = core.mpid
    for each event in events
        if core.ids.Count() > 0
            id = core.ids.Shift()
        else
            id = mParticle_coreTakeId(core, now)
        end if
        msg = {
            dt: "e",
            id: id,
            ct: now,
            sid: s.id,
            sct: s.start,
            n: event.name,
            et: "media",
            est: now,
            attrs: event.attrs
        }
        if mpid <> "0"
            msg.mpid = mpid
        end if
        core.queue.Push(msg)
    end for
    core.queueDirty = true
    core.sessionNodeDirty = true
    return invalid
end function

function mParticle_messageMediaEffects(core as object, events as object, now as longinteger) as object
    out = { state: core, effects: [] }
    if not core.ready or events.Count() = 0
        return out
    end if
    mParticle_messageTouch(core, now, out)
    s = core.session
    for each event in events
        id = mParticle_coreTakeId(core, now)
        msg = {
            dt: "e",
            id: id,
            ct: now,
            sid: s.id,
            sct: s.start,
            n: event.name,
            et: "media",
            est: now,
            attrs: event.attrs
        }
        mpid = core.mpid
        if core.optedOut and msg.dt <> "o"
            mParticle_messageLog(out, 3, "opted out: " + msg.dt + " message not queued")
        else
            if mpid <> "0"
                msg.mpid = mpid
            end if
            if core.queue.Count() < core.options.maxQueueMessages
                core.queue.Push(msg)
            else
                result = mParticle_coreEnqueue(core.queue, msg, core.options.maxQueueMessages, core.inflightIds)
                core.queue = result.queue
                if result.dropped.Count() > 0
                    mParticle_messageCountDrops(core, result.dropped, "maxQueueMessages", out)
                end if
            end if
            core.queueDirty = true
            core.sessionNodeDirty = true
            if msg.dt <> "e" and mParticle_coreMessagePriority(msg) >= 3
                core.persistNow = true
            else if core.persistAt = 0&
                core.persistAt = msg.ct + core.persistDelay
            end if
            if core.logLevel >= 3
                name = ""
                if type(msg.n) = "roString" or type(msg.n) = "String"
                    name = " " + msg.n
                end if
                mParticle_messageLog(out, 3, "queued " + msg.dt + name + " (" + mParticle_str(core.queue.Count()) + " waiting)")
            end if
        end if
    end for
    return out
end function

function mParticle_messageReduce(core as object, input as object, now as longinteger) as object
    out = { state: core, effects: [] }
    kind = input.kind
    if kind = "media"
        media = mParticle_messageMediaEvents(core, input.events, now)
        if media = invalid
            return out
        end if
        return media
    end if
    if kind = "setConsentState"
        out.effects.Push({
            type: "identity",
            input: { kind: "setConsentState", consent: mParticle_messageArg(input, 0) }
        })
        return out
    end if
    if kind = "setUserAttribute"
        out.effects.Push({
            type: "identity",
            input: {
                kind: "setUserAttribute",
                key: mParticle_messageArg(input, 0),
                value: mParticle_messageArg(input, 1)
            }
        })
        return out
    end if
    if kind = "removeUserAttribute"
        out.effects.Push({
            type: "identity",
            input: { kind: "removeUserAttribute", key: mParticle_messageArg(input, 0) }
        })
        return out
    end if
    if not core.ready
        return out
    end if
    if kind = "tick"
        if mParticle_coreSessionExpired(core.session.active, core.session.last, now, core.options.sessionTimeoutMillis)
            mParticle_messageEndSession(core, out)
        end if
    else if kind = "logEvent"
        mParticle_messageLogEvent(core, input.a, now, out)
    else if kind = "customEvent"
        mParticle_messageCustomEvent(core, input.name, input.eventType, input.attrs, invalid, now, out)
    else if kind = "logScreenEvent"
        a = input.a
        msg = mParticle_messageCreate(core, "v", true, now, out)
        msg.n = a[0]
        msg.est = now
        msg.attrs = mParticle_messageStringAttrs(a[1])
        mParticle_messageAddFlags(msg, a[2])
        mParticle_messageQueue(core, msg, true, core.mpid, out)
    else if kind = "logCommerceEvent"
        mParticle_messageLogCommerce(core, input.a, not mParticle_eq(input.json, false), now, out)
    else if kind = "logMessage"
        mParticle_messageLogRaw(core, mParticle_messageArg(input, 0), not mParticle_eq(input.json, false), now, out)
    else if kind = "identity"
        if mParticle_eq(input.json, false)
            mParticle_messageNotJson(out, input.dt)
            return out
        end if
        msg = mParticle_messageCreate(core, input.dt, mParticle_eq(input.activity, true), now, out)
        fields = input.fields
        for each key in fields.Keys()
            msg[key] = fields[key]
        end for
        mParticle_messageQueue(core, msg, true, input.mpid, out)
    else if kind = "queue"
        mParticle_messageQueue(core, input.msg, not mParticle_eq(input.json, false), core.mpid, out)
    else if kind = "enqueue"
        msg_2 = input.msg
        mpid = core.mpid
        if core.optedOut and msg_2.dt <> "o"
            mParticle_messageLog(out, 3, "opted out: " + msg_2.dt + " message not queued")
        else
            if mpid <> "0"
                msg_2.mpid = mpid
            end if
            if core.queue.Count() < core.options.maxQueueMessages
                core.queue.Push(msg_2)
            else
                result = mParticle_coreEnqueue(core.queue, msg_2, core.options.maxQueueMessages, core.inflightIds)
                core.queue = result.queue
                if result.dropped.Count() > 0
                    mParticle_messageCountDrops(core, result.dropped, "maxQueueMessages", out)
                end if
            end if
            core.queueDirty = true
            core.sessionNodeDirty = true
            if msg_2.dt <> "e" and mParticle_coreMessagePriority(msg_2) >= 3
                core.persistNow = true
            else if core.persistAt = 0&
                core.persistAt = msg_2.ct + core.persistDelay
            end if
            if core.logLevel >= 3
                name = ""
                if type(msg_2.n) = "roString" or type(msg_2.n) = "String"
                    name = " " + msg_2.n
                end if
                mParticle_messageLog(out, 3, "queued " + msg_2.dt + name + " (" + mParticle_str(core.queue.Count()) + " waiting)")
            end if
        end if
    else if kind = "setIntegrationAttribute"
        mParticle_messageSetIntegrationAttribute(core, input.a)
    else if kind = "setSessionAttribute"
        mParticle_messageSetSessionAttribute(core, input.a, now, out)
    else if kind = "setOptOut"
        mParticle_messageSetOptOut(core, mParticle_eq(mParticle_messageArg(input, 0), true), now, out)
    else if kind = "upload"
        core.uploadRequested = true
    else if kind = "start"
        mParticle_messageStart(core, input.appVersion, now, out)
    else if kind = "startSession"
        mParticle_messageStartSession(core, now, out)
    else if kind = "endSession"
        mParticle_messageEndSession(core, out)
    else
        mParticle_messageLog(out, 1, "messages: unknown input " + kind)
    end if
    return out
end function

function mParticle_messageArg(input as object, i as integer) as dynamic
    a = input.a
    if a = invalid or i >= a.Count()
        return invalid
    end if
    return a[i]
end function

sub mParticle_messageLog(out as object, level as integer, text as string)
    out.effects.Push({ type: "log", level: level, text: text })
end sub

function mParticle_messageAbsent(value as dynamic) as boolean
    return type(value) = "Invalid" or (type(value) = "roInvalid" or type(value) = "<uninitialized>") or (type(value) = "Invalid" or (type(value) = "roInvalid" or type(value) = "<uninitialized>"))
end function

function mParticle_messageIsObject(value as dynamic) as boolean
    return type(value) = "roAssociativeArray" or type(value) = "roSGNode"
end function

function mParticle_messageCreate(core as object, dt as string, activity as boolean, now as longinteger, out as object) as object
    if activity
        mParticle_messageTouch(core, now, out)
    end if
    id = mParticle_coreTakeId(core, now)
    msg = { dt: dt, id: id, ct: now }
    s = core.session
    if s.active
        msg.sid = s.id
        msg.sct = s.start
    end if
    return msg
end function

sub mParticle_messageTouch(core as object, now as longinteger, out as object)
    if not core.session.active
        mParticle_messageStartSession(core, now, out)
    end if
    core.session.last = now
    core.stateDirty = true
    if core.persistAt = 0&
        core.persistAt = now + core.persistDelay
    end if
end sub

sub mParticle_messageQueue(core as object, msg as object, json as boolean, mpid as string, out as object)
    if core.optedOut and msg.dt <> "o"
        mParticle_messageLog(out, 3, "opted out: " + msg.dt + " message not queued")
        return
    end if
    if not json
        mParticle_messageNotJson(out, msg.dt)
        return
    end if
    if core.optedOut and msg.dt <> "o"
        mParticle_messageLog(out, 3, "opted out: " + msg.dt + " message not queued")
    else
        if mpid <> "0"
            msg.mpid = mpid
        end if
        if core.queue.Count() < core.options.maxQueueMessages
            core.queue.Push(msg)
        else
            result = mParticle_coreEnqueue(core.queue, msg, core.options.maxQueueMessages, core.inflightIds)
            core.queue = result.queue
            if result.dropped.Count() > 0
                mParticle_messageCountDrops(core, result.dropped, "maxQueueMessages", out)
            end if
        end if
        core.queueDirty = true
        core.sessionNodeDirty = true
        if msg.dt <> "e" and mParticle_coreMessagePriority(msg) >= 3
            core.persistNow = true
        else if core.persistAt = 0&
            core.persistAt = msg.ct + core.persistDelay
        end if
        if core.logLevel >= 3
            name = ""
            if type(msg.n) = "roString" or type(msg.n) = "String"
                name = " " + msg.n
            end if
            mParticle_messageLog(out, 3, "queued " + msg.dt + name + " (" + mParticle_str(core.queue.Count()) + " waiting)")
        end if
    end if
end sub

sub mParticle_messageNotJson(out as object, dt as string)
    mParticle_messageLog(out, 1, "a " + dt + " message holds a value that is not JSON (a node or a function?); dropped")
end sub

sub mParticle_messageEnqueue(core as object, msg as object, mpid as string, out as object)
    if core.optedOut and msg.dt <> "o"
        mParticle_messageLog(out, 3, "opted out: " + msg.dt + " message not queued")
        return
    end if
    if mpid <> "0"
        msg.mpid = mpid
    end if
    if core.queue.Count() < core.options.maxQueueMessages
        core.queue.Push(msg)
    else
        result = mParticle_coreEnqueue(core.queue, msg, core.options.maxQueueMessages, core.inflightIds)
        core.queue = result.queue
        if result.dropped.Count() > 0
            mParticle_messageCountDrops(core, result.dropped, "maxQueueMessages", out)
        end if
    end if
    core.queueDirty = true
    core.sessionNodeDirty = true
    if msg.dt <> "e" and mParticle_coreMessagePriority(msg) >= 3
        core.persistNow = true
    else if core.persistAt = 0&
        core.persistAt = msg.ct + core.persistDelay
    end if
    if core.logLevel >= 3
        name = ""
        if type(msg.n) = "roString" or type(msg.n) = "String"
            name = " " + msg.n
        end if
        mParticle_messageLog(out, 3, "queued " + msg.dt + name + " (" + mParticle_str(core.queue.Count()) + " waiting)")
    end if
end sub

sub mParticle_messageCountDrops(core as object, dropped as object, reason as string, out as object)
    if dropped.Count() = 0
        return
    end if
    core.dropped = core.dropped + dropped.Count()
    core.sessionNodeDirty = true
    kinds = []
    for each msg in dropped
        label = msg.dt
        if type(msg.n) = "roString" or type(msg.n) = "String"
            label = label + ":" + msg.n
        end if
        kinds.Push(label)
    end for
    mParticle_messageLog(out, 1, "queue full (" + reason + "): dropped " + mParticle_str(dropped.Count()) + " message(s) [" + mParticle_join(kinds, ", ") + "], " + mParticle_str(core.dropped) + " in all")
end sub

sub mParticle_messageStartSession(core as object, now as longinteger, out as object)
    id = mParticle_coreTakeId(core, now)
    s = { active: true, id: id, start: now, last: now, attrs: {}, mpids: [] }
    if core.mpid <> "0"
        s.mpids.Push(core.mpid)
    end if
    core.session = s
    msg = { dt: "ss", id: id, ct: now, sid: id, sct: now }
    previous = core.previousSession
    if previous <> invalid and previous <> invalid
        msg.pid = previous.id
        msg.pss = previous.start
        length = previous["length"]
        msg.psl = mParticle_floor(mParticle_div(length, 1000&))
    end if
    lr = mParticle_messageLaunchReferrer(core.options.startupArgs)
    if lr <> ""
        msg.lr = lr
    end if
    mpid = core.mpid
    if core.optedOut and msg.dt <> "o"
        mParticle_messageLog(out, 3, "opted out: " + msg.dt + " message not queued")
    else
        if mpid <> "0"
            msg.mpid = mpid
        end if
        if core.queue.Count() < core.options.maxQueueMessages
            core.queue.Push(msg)
        else
            result = mParticle_coreEnqueue(core.queue, msg, core.options.maxQueueMessages, core.inflightIds)
            core.queue = result.queue
            if result.dropped.Count() > 0
                mParticle_messageCountDrops(core, result.dropped, "maxQueueMessages", out)
            end if
        end if
        core.queueDirty = true
        core.sessionNodeDirty = true
        if msg.dt <> "e" and mParticle_coreMessagePriority(msg) >= 3
            core.persistNow = true
        else if core.persistAt = 0&
            core.persistAt = msg.ct + core.persistDelay
        end if
        if core.logLevel >= 3
            name = ""
            if type(msg.n) = "roString" or type(msg.n) = "String"
                name = " " + msg.n
            end if
            mParticle_messageLog(out, 3, "queued " + msg.dt + name + " (" + mParticle_str(core.queue.Count()) + " waiting)")
        end if
    end if
    out.effects.Push({ type: "connection", msg: msg })
    core.stateDirty = true
    core.persistNow = true
    core.sessionNodeDirty = true
    mParticle_messageLog(out, 2, "session " + id + " started")
end sub

sub mParticle_messageEndSession(core as object, out as object)
    s = core.session
    if not s.active
        return
    end if
    length = mParticle_coreSessionLength(s.start, s.last)
    id = mParticle_coreTakeId(core, s.last)
    msg = {
        dt: "se",
        id: id,
        ct: s.last,
        sid: s.id,
        sct: s.start,
        slx: length,
        sl: length,
        attrs: s.attrs,
        smpids: s.mpids
    }
    s.active = false
    core.previousSession = { id: s.id, start: s.start, length: length }
    mpid = core.mpid
    if core.optedOut and msg.dt <> "o"
        mParticle_messageLog(out, 3, "opted out: " + msg.dt + " message not queued")
    else
        if mpid <> "0"
            msg.mpid = mpid
        end if
        if core.queue.Count() < core.options.maxQueueMessages
            core.queue.Push(msg)
        else
            result = mParticle_coreEnqueue(core.queue, msg, core.options.maxQueueMessages, core.inflightIds)
            core.queue = result.queue
            if result.dropped.Count() > 0
                mParticle_messageCountDrops(core, result.dropped, "maxQueueMessages", out)
            end if
        end if
        core.queueDirty = true
        core.sessionNodeDirty = true
        if msg.dt <> "e" and mParticle_coreMessagePriority(msg) >= 3
            core.persistNow = true
        else if core.persistAt = 0&
            core.persistAt = msg.ct + core.persistDelay
        end if
        if core.logLevel >= 3
            name = ""
            if type(msg.n) = "roString" or type(msg.n) = "String"
                name = " " + msg.n
            end if
            mParticle_messageLog(out, 3, "queued " + msg.dt + name + " (" + mParticle_str(core.queue.Count()) + " waiting)")
        end if
    end if
    out.effects.Push({ type: "connection", msg: msg })
    core.stateDirty = true
    core.persistNow = true
    core.sessionNodeDirty = true
    mParticle_messageLog(out, 2, "session " + s.id + " ended after " + mParticle_str(length) + " ms")
end sub

sub mParticle_messageStart(core as object, appVersion as string, now as longinteger, out as object)
    if not core.optedOut
        mParticle_messageStartSession(core, now, out)
        msg = mParticle_messageCreate(core, "ast", false, now, out)
        msg.t = "app_init"
        msg.ifr = core.firstRun
        msg.iu = core.appVersion <> "" and core.appVersion <> appVersion
        args = core.options.startupArgs
        if mParticle_messageIsObject(args)
            lr = mParticle_messageLaunchReferrer(args)
            if lr <> ""
                msg.lr = lr
            end if
            msg.lpr = FormatJson(args)
        end if
        mpid = core.mpid
        if core.optedOut and msg.dt <> "o"
            mParticle_messageLog(out, 3, "opted out: " + msg.dt + " message not queued")
        else
            if mpid <> "0"
                msg.mpid = mpid
            end if
            if core.queue.Count() < core.options.maxQueueMessages
                core.queue.Push(msg)
            else
                result = mParticle_coreEnqueue(core.queue, msg, core.options.maxQueueMessages, core.inflightIds)
                core.queue = result.queue
                if result.dropped.Count() > 0
                    mParticle_messageCountDrops(core, result.dropped, "maxQueueMessages", out)
                end if
            end if
            core.queueDirty = true
            core.sessionNodeDirty = true
            if msg.dt <> "e" and mParticle_coreMessagePriority(msg) >= 3
                core.persistNow = true
            else if core.persistAt = 0&
                core.persistAt = msg.ct + core.persistDelay
            end if
            if core.logLevel >= 3
                name = ""
                if type(msg.n) = "roString" or type(msg.n) = "String"
                    name = " " + msg.n
                end if
                mParticle_messageLog(out, 3, "queued " + msg.dt + name + " (" + mParticle_str(core.queue.Count()) + " waiting)")
            end if
        end if
        out.effects.Push({ type: "connection", msg: msg })
        requestId = mParticle_coreTakeId(core, now)
        out.effects.Push({
            type: "identity",
            input: { kind: "identify", request: core.options.identifyRequest, requestId: requestId }
        })
        out.effects.Push({ type: "identity", input: { kind: "pump" } })
    end if
    core.appVersion = appVersion
end sub

function mParticle_messageLaunchReferrer(args as dynamic) as string
    if not mParticle_messageIsObject(args)
        return ""
    end if
    value = args.contentId
    if type(value) = "roString" or type(value) = "String"
        return value
    end if
    if type(value) = "roInteger" or (type(value) = "roLongInteger" or (type(value) = "LongInteger" or (type(value) = "roFloat" or (type(value) = "roDouble" or (type(value) = "Integer" or (type(value) = "Float" or (type(value) = "Double" or type(value) = "roInt")))))))
        return mParticle_str(value)
    end if
    return ""
end function

function mParticle_messageStringAttrs(attrs as dynamic) as object
    out = {}
    if not mParticle_messageIsObject(attrs)
        return out
    end if
    given = attrs
    for each key in given.Keys()
        value = given[key]
        if type(value) = "roString" or type(value) = "String"
            out[key] = value
        else if type(value) = "roInteger" or (type(value) = "roLongInteger" or (type(value) = "LongInteger" or (type(value) = "roFloat" or (type(value) = "roDouble" or (type(value) = "Integer" or (type(value) = "Float" or (type(value) = "Double" or type(value) = "roInt"))))))) or (type(value) = "roBoolean" or type(value) = "Boolean")
            out[key] = mParticle_str(value)
        else if (type(value) = "roAssociativeArray" or (type(value) = "roArray" or type(value) = "roSGNode")) and (type(value) <> "Invalid" and (type(value) <> "roInvalid" and type(value) <> "<uninitialized>"))
            text = FormatJson(value)
            if text <> ""
                out[key] = text
            end if
        end if
    end for
    return out
end function

function mParticle_messageText(value as dynamic) as string
    if (type(value) = "roAssociativeArray" or (type(value) = "roArray" or type(value) = "roSGNode")) and (type(value) <> "Invalid" and (type(value) <> "roInvalid" and type(value) <> "<uninitialized>"))
        return FormatJson(value)
    end if
    return mParticle_str(value)
end function

sub mParticle_messageAddFlags(msg as object, flags as dynamic)
    if not mParticle_messageIsObject(flags)
        return
    end if
    given = flags
    if given.Count() = 0
        return
    end if
    out = {}
    for each key in given.Keys()
        value = given[key]
        if type(value) = "roArray"
            list = []
            for each item in value
                list.Push(mParticle_messageText(item))
            end for
            out[key] = list
        else if not mParticle_messageAbsent(value)
            out[key] = [ mParticle_messageText(value) ]
        end if
    end for
    msg.flags = out
end sub

function mParticle_messageIsValueOf(table as object, value as string) as boolean
    for each key in table.Keys()
        if table[key] = value
            return true
        end if
    end for
    return false
end function

sub mParticle_messageLogEvent(core as object, a as object, now as longinteger, out as object)
    given = a[1]
    eventType = LCase(given)
    if not mParticle_messageIsValueOf({
        NAVIGATION: "navigation",
        LOCATION: "location",
        SEARCH: "search",
        TRANSACTION: "transaction",
        USER_CONTENT: "usercontent",
        USER_PREFERENCE: "userpreference",
        SOCIAL: "social",
        OTHER: "other",
        MEDIA: "media"
    }, eventType)
        mParticle_messageLog(out, 1, "logEvent: unknown event type """ + given + """; using ""other""")
        eventType = "other"
    end if
    mParticle_messageCustomEvent(core, a[0], eventType, a[2], mParticle_iif(a.Count() > 3, a[3], invalid), now, out)
end sub

sub mParticle_messageCustomEvent(core as object, name as string, eventType as string, attrs as dynamic, flags as dynamic, now as longinteger, out as object)
    msg = mParticle_messageCreate(core, "e", true, now, out)
    msg.n = name
    msg.et = eventType
    msg.est = now
    msg.attrs = mParticle_messageStringAttrs(attrs)
    mParticle_messageAddFlags(msg, flags)
    mParticle_messageQueue(core, msg, true, core.mpid, out)
end sub

function mParticle_messageEmptyPart(part as dynamic) as boolean
    if mParticle_messageAbsent(part)
        return true
    end if
    if type(part) = "roArray"
        return part.Count() = 0
    end if
    if mParticle_messageIsObject(part)
        return part.Count() = 0
    end if
    return false
end function

function mParticle_messageCommerceProblem(pd as dynamic, pm as dynamic, pi as dynamic) as string
    if type(pd) <> "Invalid" and (type(pd) <> "roInvalid" and type(pd) <> "<uninitialized>") and (type(pd.an) <> "roString" and type(pd.an) <> "String")
        return "productAction must be a ProductAction.build() result"
    end if
    if type(pm) <> "Invalid" and (type(pm) <> "roInvalid" and type(pm) <> "<uninitialized>") and (type(pm.an) <> "roString" and type(pm.an) <> "String")
        return "promotionAction must be a PromotionAction.build() result"
    end if
    if type(pi) <> "Invalid" and (type(pi) <> "roInvalid" and type(pi) <> "<uninitialized>")
        for each impression in pi
            if not mParticle_messageIsObject(impression)
                return "impressions must be an array of Impression.build() results"
            end if
        end for
    end if
    return ""
end function

sub mParticle_messageLogCommerce(core as object, a as object, json as boolean, now as longinteger, out as object)
    if mParticle_messageEmptyPart(a[0])
        pd = invalid
    else
        pd = a[0]
    end if
    if mParticle_messageEmptyPart(a[1])
        pm = invalid
    else
        pm = a[1]
    end if
    if mParticle_messageEmptyPart(a[2])
        pi = invalid
    else
        pi = a[2]
    end if
    if (type(pd) = "Invalid" or (type(pd) = "roInvalid" or type(pd) = "<uninitialized>")) and (type(pm) = "Invalid" or (type(pm) = "roInvalid" or type(pm) = "<uninitialized>")) and (type(pi) = "Invalid" or (type(pi) = "roInvalid" or type(pi) = "<uninitialized>"))
        mParticle_messageLog(out, 1, "logCommerceEvent: needs a product action, a promotion action or impressions; call dropped")
        return
    end if
    problem = mParticle_messageCommerceProblem(pd, pm, pi)
    if problem <> ""
        mParticle_messageLog(out, 1, "logCommerceEvent: " + problem + "; call dropped")
        return
    end if
    if not json
        mParticle_messageNotJson(out, "cm")
        return
    end if
    msg = mParticle_messageCreate(core, "cm", true, now, out)
    msg.est = now
    if type(pd) <> "Invalid" and (type(pd) <> "roInvalid" and type(pd) <> "<uninitialized>")
        msg.pd = pd
    end if
    if type(pm) <> "Invalid" and (type(pm) <> "roInvalid" and type(pm) <> "<uninitialized>")
        msg.pm = pm
    end if
    if type(pi) <> "Invalid" and (type(pi) <> "roInvalid" and type(pi) <> "<uninitialized>")
        msg.pi = pi
    end if
    msg.attrs = mParticle_messageStringAttrs(mParticle_iif(a.Count() > 3, a[3], invalid))
    if a.Count() > 4
        screen = a[4]
    else
        screen = invalid
    end if
    if (type(screen) = "roString" or type(screen) = "String") and screen <> ""
        msg.sn = screen
    end if
    mParticle_messageAddFlags(msg, mParticle_iif(a.Count() > 5, a[5], invalid))
    mParticle_messageQueue(core, msg, true, core.mpid, out)
end sub

sub mParticle_messageLogRaw(core as object, raw as dynamic, json as boolean, now as longinteger, out as object)
    if not mParticle_messageIsObject(raw) or (type(raw.dt) <> "roString" and type(raw.dt) <> "String")
        mParticle_messageLog(out, 1, "logMessage: the message must be an associative array with a dt; call dropped")
        return
    end if
    given = raw
    dt = given.dt
    if not mParticle_messageIsValueOf({
        SESSION_START: "ss",
        SESSION_END: "se",
        CUSTOM: "e",
        SCREEN: "v",
        OPT_OUT: "o",
        ERROR: "x",
        BREADCRUMB: "b",
        APP_STATE_TRANSITION: "ast",
        COMMERCE: "cm",
        USER_ATTRIBUTE_CHANGE: "uac",
        USER_IDENTITY_CHANGE: "uic"
    }, dt)
        mParticle_messageLog(out, 1, "logMessage: unsupported message type """ + dt + """; call dropped")
        return
    end if
    if not json
        mParticle_messageNotJson(out, dt)
        return
    end if
    msg = mParticle_messageCreate(core, dt, true, now, out)
    for each key in given.Keys()
        lower = LCase(key)
        if lower <> "id" and lower <> "ct"
            msg[key] = given[key]
        end if
    end for
    mParticle_messageQueue(core, msg, true, core.mpid, out)
end sub

sub mParticle_messageSetIntegrationAttribute(core as object, a as object)
    integration = a[0]
    current = core.ia[integration]
    if not mParticle_messageIsObject(current)
        core.ia[integration] = {}
    end if
    attrs = core.ia[integration]
    attrs[a[1]] = a[2]
    core.stateDirty = true
    core.persistNow = true
end sub

sub mParticle_messageSetSessionAttribute(core as object, a as object, now as longinteger, out as object)
    mParticle_messageTouch(core, now, out)
    core.session.attrs[a[0]] = mParticle_messageText(a[1])
    core.stateDirty = true
    core.persistNow = true
end sub

sub mParticle_messageSetOptOut(core as object, optOut as boolean, now as longinteger, out as object)
    if optOut = core.optedOut
        return
    end if
    msg = mParticle_messageCreate(core, "o", false, now, out)
    msg.s = optOut
    core.optedOut = optOut
    if optOut
        core.session.active = false
        out.effects.Push({ type: "identity", input: { kind: "optOut" } })
        mpid = core.mpid
        if core.optedOut and msg.dt <> "o"
            mParticle_messageLog(out, 3, "opted out: " + msg.dt + " message not queued")
        else
            if mpid <> "0"
                msg.mpid = mpid
            end if
            if core.queue.Count() < core.options.maxQueueMessages
                core.queue.Push(msg)
            else
                result = mParticle_coreEnqueue(core.queue, msg, core.options.maxQueueMessages, core.inflightIds)
                core.queue = result.queue
                if result.dropped.Count() > 0
                    mParticle_messageCountDrops(core, result.dropped, "maxQueueMessages", out)
                end if
            end if
            core.queueDirty = true
            core.sessionNodeDirty = true
            if msg.dt <> "e" and mParticle_coreMessagePriority(msg) >= 3
                core.persistNow = true
            else if core.persistAt = 0&
                core.persistAt = msg.ct + core.persistDelay
            end if
            if core.logLevel >= 3
                name = ""
                if type(msg.n) = "roString" or type(msg.n) = "String"
                    name = " " + msg.n
                end if
                mParticle_messageLog(out, 3, "queued " + msg.dt + name + " (" + mParticle_str(core.queue.Count()) + " waiting)")
            end if
        end if
        mParticle_messageLog(out, 2, "opted out: nothing more is queued or sent")
    else
        mpid_2 = core.mpid
        if core.optedOut and msg.dt <> "o"
            mParticle_messageLog(out, 3, "opted out: " + msg.dt + " message not queued")
        else
            if mpid_2 <> "0"
                msg.mpid = mpid_2
            end if
            if core.queue.Count() < core.options.maxQueueMessages
                core.queue.Push(msg)
            else
                result_2 = mParticle_coreEnqueue(core.queue, msg, core.options.maxQueueMessages, core.inflightIds)
                core.queue = result_2.queue
                if result_2.dropped.Count() > 0
                    mParticle_messageCountDrops(core, result_2.dropped, "maxQueueMessages", out)
                end if
            end if
            core.queueDirty = true
            core.sessionNodeDirty = true
            if msg.dt <> "e" and mParticle_coreMessagePriority(msg) >= 3
                core.persistNow = true
            else if core.persistAt = 0&
                core.persistAt = msg.ct + core.persistDelay
            end if
            if core.logLevel >= 3
                name_2 = ""
                if type(msg.n) = "roString" or type(msg.n) = "String"
                    name_2 = " " + msg.n
                end if
                mParticle_messageLog(out, 3, "queued " + msg.dt + name_2 + " (" + mParticle_str(core.queue.Count()) + " waiting)")
            end if
        end if
        mParticle_messageLog(out, 2, "opted back in")
    end if
    core.uploadRequested = true
    core.stateDirty = true
    core.persistNow = true
end sub

function mParticle_coreValueKind(value as dynamic) as string
    if type(value) = "Invalid" or (type(value) = "roInvalid" or type(value) = "<uninitialized>") or (type(value) = "Invalid" or (type(value) = "roInvalid" or type(value) = "<uninitialized>"))
        return "missing"
    end if
    if type(value) = "roArray"
        return "array"
    end if
    if type(value) = "roString" or type(value) = "String"
        return "string"
    end if
    if type(value) = "roBoolean" or type(value) = "Boolean"
        return "boolean"
    end if
    if type(value) = "roInteger" or (type(value) = "roLongInteger" or (type(value) = "LongInteger" or (type(value) = "roFloat" or (type(value) = "roDouble" or (type(value) = "Integer" or (type(value) = "Float" or (type(value) = "Double" or type(value) = "roInt")))))))
        if mParticle_isInteger(value)
            return "integer"
        end if
        return "number"
    end if
    if type(value) = "roAssociativeArray" or (type(value) = "roArray" or type(value) = "roSGNode")
        return "object"
    end if
    return "other"
end function

function mParticle_corePositiveOption(name as string) as boolean
    names = [
        "sessionTimeoutMillis",
        "uploadIntervalMillis",
        "maxBatchMessages",
        "maxBatchBytes",
        "maxQueueMessages",
        "queueBudgetBytes"
    ]
    return mParticle_indexOf(names, name) >= 0
end function

function mParticle_coreValidateOptions(given as dynamic) as object
    options = {}
    errors = []
    source = {}
    givenKind = mParticle_coreValueKind(given)
    if givenKind = "object"
        source = given
    else if givenKind <> "missing"
        errors.Push("mparticleOptions must be an associative array, got " + givenKind)
    end if
    for each spec in [
        {
            name: "apiKey",
            type: "string",
            default: "",
            required: true,
            doc: "API key of the workspace's Roku input. A pod prefix (`us1-`, `us2-`, `eu1-`, `au1-`) routes to that pod."
        },
        {
            name: "apiSecret",
            type: "string",
            default: "",
            required: true,
            doc: "API secret of the Roku input. Used only to sign requests; never logged or sent."
        },
        {
            name: "environment",
            type: "integer",
            default: 0,
            required: false,
            doc: "An `ENVIRONMENT` value. AUTO_DETECT sends development data from a sideloaded (`dev`) channel."
        },
        {
            name: "logLevel",
            type: "integer",
            default: 1,
            required: false,
            doc: "A `LOG_LEVEL` value for the debug console."
        },
        {
            name: "sessionTimeoutMillis",
            type: "integer",
            default: 60000,
            required: false,
            doc: "A session ends after this long without an event."
        },
        {
            name: "enablePinning",
            type: "boolean",
            default: true,
            required: false,
            doc: "Use the certificate file `certificateDir` for https uploads. When false, the device default `common:/certs/ca-bundle.crt` is used."
        },
        {
            name: "certificateDir",
            type: "string",
            default: "common:/certs/ca-bundle.crt",
            required: false,
            doc: "Certificate file for https uploads (`SetCertificatesFile`)."
        },
        {
            name: "identifyRequest",
            type: "object",
            default: invalid,
            required: false,
            doc: "Identities for the first identify call: `{userIdentities: {customerid: ""…"", email: ""…""}}`."
        },
        {
            name: "startupArgs",
            type: "object",
            default: invalid,
            required: false,
            doc: "The launch arguments of `Main(args)`; `contentId` becomes the launch referrer."
        },
        {
            name: "dataPlanId",
            type: "string",
            default: invalid,
            required: false,
            doc: "Data plan id sent as `ctx.dpln.id`."
        },
        {
            name: "dataPlanVersion",
            type: "integer",
            default: invalid,
            required: false,
            doc: "Data plan version sent as `ctx.dpln.v`."
        },
        {
            name: "endpoints",
            type: "object",
            default: invalid,
            required: false,
            doc: "Base URLs that win over pod routing: `{events: ""https://host[:port]"", identity: ""https://host[:port]""}` (CNAME proxies, tests)."
        },
        {
            name: "uploadIntervalMillis",
            type: "integer",
            default: 10000,
            required: false,
            doc: "How often queued messages are uploaded; `upload()` sends at once."
        },
        {
            name: "maxBatchMessages",
            type: "integer",
            default: 100,
            required: false,
            doc: "Most messages in one batch."
        },
        {
            name: "maxBatchBytes",
            type: "integer",
            default: 100000,
            required: false,
            doc: "Most bytes of one batch body."
        },
        {
            name: "maxQueueMessages",
            type: "integer",
            default: 1000,
            required: false,
            doc: "Most messages held in memory waiting for upload; the lowest-priority ones are dropped first."
        },
        {
            name: "queueBudgetBytes",
            type: "integer",
            default: 12288,
            required: false,
            doc: "Registry bytes the persisted queue may use at most (the registry, 32 KB on current devices, is shared by every channel of the developer ID)."
        },
        {
            name: "registryReserveBytes",
            type: "integer",
            default: 4096,
            required: false,
            doc: "Registry bytes the SDK always leaves free for the channel: it writes its queue only into what `GetSpaceAvailable()` reports beyond them."
        },
        {
            name: "batchUploads",
            type: "boolean",
            default: false,
            required: false,
            doc: "Accepted for mParticle's Roku SDK 2.x, which uploaded each message at once unless it was true. Uploads are always batched (every `uploadIntervalMillis`, or at once with `upload()`)."
        },
        {
            name: "autoSummaries",
            type: "boolean",
            default: false,
            required: false,
            doc: "Send Ad, Segment and Media Session summaries by themselves at ad end/skip, segment end/skip and session end."
        }
    ]
        value = source[spec.name]
        kind = mParticle_coreValueKind(value)
        if kind = "missing"
            options[spec.name] = spec.default
        else if kind <> spec.type
            errors.Push("option " + spec.name + " must be " + spec.type + ", got " + kind + "; using the default")
            options[spec.name] = spec.default
        else if kind = "integer" and mParticle_corePositiveOption(spec.name) and value <= 0
            errors.Push("option " + spec.name + " must be greater than 0; using the default")
            options[spec.name] = spec.default
        else if kind = "integer" and spec.name = "registryReserveBytes" and value < 0
            errors.Push("option " + spec.name + " must be 0 or more; using the default")
            options[spec.name] = spec.default
        else
            options[spec.name] = value
        end if
    end for
    logLevel = options["logLevel"]
    if logLevel < 0 or logLevel > 3
        errors.Push("option logLevel must be a LOG_LEVEL value (0-3); using the default")
        options["logLevel"] = 1
    end if
    environment = options["environment"]
    if environment < 0 or environment > 2
        errors.Push("option environment must be an ENVIRONMENT value (0-2); using the default")
        options["environment"] = 0
    end if
    ready = true
    if options["apiKey"] = "" or options["apiSecret"] = ""
        errors.Push("apiKey and apiSecret are required in mparticleOptions: nothing will be sent")
        ready = false
    end if
    result = { options: options, errors: errors, ready: ready }
    return result
end function

function mParticle_coreTrimBase(url as string) as string
    end_ = Len(url)
    while end_ > 0 and Mid(url, end_ - 1 + 1, end_ - (end_ - 1)) = "/"
        end_--
    end while
    return Mid(url, 1, end_ - 0)
end function

function mParticle_coreEndpointField(endpoints as dynamic, key as string) as string
    if mParticle_coreValueKind(endpoints) <> "object"
        return ""
    end if
    value = endpoints[key]
    if type(value) = "roString" or type(value) = "String"
        return mParticle_coreTrimBase(value)
    end if
    return ""
end function

function mParticle_coreManifestOverrides(options as object, endpoint as string, uploadIntervalMillis as integer) as object
    applied = []
    base = mParticle_coreTrimBase(endpoint)
    if base <> ""
        endpoints = { events: base, identity: base }
        options["endpoints"] = endpoints
        applied.Push("manifest mparticle_endpoint=" + base + " replaces the endpoints (a development override: never ship it)")
    end if
    if uploadIntervalMillis > 0
        options["uploadIntervalMillis"] = uploadIntervalMillis
        applied.Push("manifest mparticle_upload_interval_ms=" + mParticle_str(uploadIntervalMillis) + " replaces uploadIntervalMillis (a development override: never ship it)")
    end if
    return applied
end function

function mParticle_corePod(apiKey as string) as string
    pods = [ "us1", "us2", "eu1", "au1" ]
    prefix = LCase(Mid(apiKey, 1, 4))
    for each pod in pods
        if prefix = pod + "-"
            return pod
        end if
    end for
    return "us1"
end function

function mParticle_coreEndpoints(apiKey as string, endpoints as dynamic) as object
    pod = mParticle_corePod(apiKey)
    eventsBase = mParticle_coreEndpointField(endpoints, "events")
    if eventsBase = ""
        eventsBase = "https://nativesdks." + pod + ".mparticle.com"
    end if
    identityBase = mParticle_coreEndpointField(endpoints, "identity")
    if identityBase = ""
        identityBase = "https://identity." + pod + ".mparticle.com"
    end if
    eventsUrl = eventsBase + "/v2/" + apiKey + "/events"
    result = {
        eventsUrl: eventsUrl,
        eventsPath: mParticle_coreUrlPath(eventsUrl),
        identityBase: identityBase
    }
    return result
end function

function mParticle_coreIdentityUrl(identityBase as string, kind as string, mpid as string) as string
    if kind = "modify"
        return identityBase + "/v1/" + mpid + "/modify"
    end if
    return identityBase + "/v1/" + kind
end function

function mParticle_coreUrlPath(url as string) as string
    rest = url
    scheme = Instr(1, url, "://") - 1
    if scheme >= 0
        rest = Mid(url, scheme + 3 + 1, Len(url) - (scheme + 3))
    end if
    slash = Instr(1, rest, "/") - 1
    if slash < 0
        return "/"
    end if
    path = Mid(rest, slash + 1, Len(rest) - slash)
    query = Instr(1, path, "?") - 1
    if query >= 0
        path = Mid(path, 1, query - 0)
    end if
    fragment = Instr(1, path, "#") - 1
    if fragment >= 0
        path = Mid(path, 1, fragment - 0)
    end if
    return path
end function

function mParticle_storeReduce(state as object, input as object, now as longinteger) as object
    out = { state: state, effects: [] }
    kind = input.kind
    if kind = "tick"
        if state.persistAt > 0& and now >= state.persistAt
            if not state.eventsInFlight or now - state.persistAt >= 5000&
                mParticle_storePersist(out, now)
            end if
        end if
    else if kind = "persist"
        mParticle_storePersist(out, now)
    else if kind = "writeState"
        mParticle_storeWriteState(out, false)
    else if kind = "flush"
        mParticle_storeFlush(out, false)
    else if kind = "stateChanged"
        state.stateDirty = true
        if state.writeState.retryAt = 0&
            mParticle_storeWriteState(out, false)
            mParticle_storeFlush(out, false)
        end if
    else if kind = "space"
        space = 0
        if type(input.space) = "roInteger" or (type(input.space) = "roLongInteger" or (type(input.space) = "LongInteger" or (type(input.space) = "roFloat" or (type(input.space) = "roDouble" or (type(input.space) = "Integer" or (type(input.space) = "Float" or (type(input.space) = "Double" or type(input.space) = "roInt")))))))
            space = input.space
        end if
        mParticle_storeWriteQueue(out, space)
    else if kind = "persistBatch"
        mParticle_storePersistBatch(out, now)
    else if kind = "accepted"
        ids = []
        if type(input.ids) = "roArray"
            ids = input.ids
        end if
        state.stored = mParticle_coreStoredAccept(state.stored, ids)
        mParticle_storePersistBatch(out, now)
    else if kind = "refused"
        mParticle_storeRefused(out, input, now)
    else if kind = "flushed"
        mParticle_storeTimed(state, input)
        ws = state.writeState
        if ws.failures > 0 or ws.capBytes >= 0
            outcome = mParticle_coreWriteRetry(ws, "queue", false, Len(state.storedWritten), state.options.queueBudgetBytes, now)
            state.writeState = outcome.state
            if outcome.log <> ""
                mParticle_storeLog(out, 2, outcome.log)
            end if
        end if
    else if kind = "load"
        mParticle_storeLoad(out, input, now)
    else
        mParticle_storeLog(out, 1, "store: unknown input " + kind)
    end if
    return out
end function

function mParticle_storeWakeAt(state as object, now as longinteger) as longinteger
    if state.persistAt <= 0&
        return 0&
    end if
    if state.eventsInFlight and state.persistAt <= now
        return state.persistAt + 5000&
    end if
    return state.persistAt
end function

sub mParticle_storeLog(out as object, level as integer, text as string)
    out.effects.Push({ type: "log", level: level, text: text })
end sub

sub mParticle_storeWrite(out as object, key as string, text as string, what as string, tried as integer, timed as boolean)
    out.effects.Push({ type: "write", key: key, text: text, what: what, tried: tried, timed: timed })
end sub

sub mParticle_storeFlush(out as object, timed as boolean)
    out.effects.Push({ type: "flush", what: "flush", tried: Len(out.state.storedWritten), timed: timed })
end sub

sub mParticle_storeTimed(state as object, input as object)
    if (type(input.millis) = "roInteger" or (type(input.millis) = "roLongInteger" or (type(input.millis) = "LongInteger" or (type(input.millis) = "roFloat" or (type(input.millis) = "roDouble" or (type(input.millis) = "Integer" or (type(input.millis) = "Float" or (type(input.millis) = "Double" or type(input.millis) = "roInt")))))))) and input.millis >= 0&
        state.persistDelay = mParticle_max(1000, 10& * input.millis)
    end if
end sub

sub mParticle_storePersist(out as object, now as longinteger)
    s = out.state
    s.persistNow = false
    s.persistAt = 0&
    if not s.queueDirty and not s.stateDirty
        return
    end if
    if s.writeState.retryAt > now
        s.persistAt = s.writeState.retryAt
        return
    end if
    if s.stateDirty
        mParticle_storeWriteState(out, true)
    end if
    if s.queueDirty
        out.effects.Push({ type: "measure" })
    else
        mParticle_storeFlush(out, true)
    end if
end sub

sub mParticle_storeWriteState(out as object, timed as boolean)
    s = out.state
    text = mParticle_storeStateText(s)
    s.stateDirty = false
    if text = ""
        mParticle_storeLog(out, 1, "could not write the state as JSON")
    else
        mParticle_storeWrite(out, "state", text, "state", Len(s.storedWritten), timed)
    end if
end sub

function mParticle_storeStateText(s as object) as string
    state = {
        v: 1,
        das: s.das,
        ltv: s.ltv,
        ck: s.cookies,
        mpid: s.mpid,
        optOut: s.optedOut,
        users: s.users,
        ia: s.ia
    }
    if type(s.context) <> "Invalid" and (type(s.context) <> "roInvalid" and type(s.context) <> "<uninitialized>")
        state["context"] = s.context
    end if
    state["appVersion"] = s.appVersion
    r = s.session
    if r.active
        state["session"] = { id: r.id, start: r.start, last: r.last, attrs: r.attrs, mpids: r.mpids }
    end if
    if s.previousSession <> invalid
        state["prev"] = s.previousSession
    end if
    return FormatJson(state)
end function

function mParticle_storeBatchRef(s as object) as object
    batch = s.batch
    if batch = invalid
        return mParticle_coreNoBatch()
    end if
    ids = []
    for each msg in batch.msgs
        ids.Push(msg.id)
    end for
    ref = { id: batch.id, ct: batch.ct, ids: ids }
    return ref
end function

sub mParticle_storeWriteQueue(out as object, space as integer)
    s = out.state
    opts = s.options
    own = 0
    if s.storedWritten <> ""
        own = s.queueKeyBytes + Len(s.storedWritten)
    end if
    plan = mParticle_corePersistPlan(space, own, s.queueKeyBytes, opts.queueBudgetBytes, opts.registryReserveBytes, s.writeState.capBytes)
    hint = 0
    if s.notStored > 0
        hint = s.fitKept
    end if
    batch = mParticle_storeBatchRef(s)
    fit = mParticle_coreFitBudget(s.queue, s.inflightIds, plan.bytes, batch, opts.maxBatchMessages, hint)
    s.queueDirty = false
    s.fitKept = fit.queue.Count()
    s.storedLimit = plan.bytes
    s.stored = fit.stored
    text = mParticle_coreStoredText(fit.stored, batch)
    mParticle_storeWriteStored(out, text, true)
    left_ = fit.dropped.Count()
    kept = "queue written: " + mParticle_str(fit.queue.Count())
    if left_ > 0
        why = "queueBudgetBytes"
        if plan.limitedBy = "reserve"
            why = "the registry's free space less registryReserveBytes (" + mParticle_str(space) + " bytes free, " + mParticle_str(opts.registryReserveBytes) + " kept for the channel)"
        else if plan.limitedBy = "retry"
            why = "the smaller size tried after a refused write"
        end if
        if left_ <> s.notStored
            mParticle_storeLog(out, 2, kept + " of " + mParticle_str(s.queue.Count()) + " message(s), " + mParticle_str(Len(text)) + " bytes; " + mParticle_str(left_) + " do not fit " + why + ": they are kept in memory and uploaded, and lost only if the channel stops first")
        end if
        if s.logLevel >= 3
            labels = []
            for each msg in fit.dropped
                label = msg.dt
                if type(msg.n) = "roString" or type(msg.n) = "String"
                    label = label + ":" + msg.n
                end if
                labels.Push(label)
            end for
            mParticle_storeLog(out, 3, kept + " message(s), " + mParticle_str(Len(text)) + " bytes; not written [" + mParticle_join(labels, ", ") + "]")
        end if
    else
        mParticle_storeLog(out, 3, kept + " message(s), " + mParticle_str(Len(text)) + " bytes")
    end if
    s.notStored = left_
    mParticle_storeFlush(out, true)
end sub

sub mParticle_storeWriteStored(out as object, text as string, timed as boolean)
    s = out.state
    if text = ""
        if s.storedWritten <> ""
            out.effects.Push({ type: "delete", key: "queue" })
        end if
    else
        mParticle_storeWrite(out, "queue", text, "queue", Len(text), timed)
    end if
    s.storedWritten = text
end sub

sub mParticle_storePersistBatch(out as object, now as longinteger)
    s = out.state
    if s.writeState.retryAt > 0&
        s.queueDirty = true
        return
    end if
    if s.stored.text = "" and s.storedWritten <> ""
        s.queueDirty = true
        mParticle_storePersist(out, now)
        return
    end if
    text = mParticle_coreStoredText(s.stored, mParticle_storeBatchRef(s))
    if text = s.storedWritten
        return
    end if
    if Len(text) > s.storedLimit
        s.queueDirty = true
        mParticle_storePersist(out, now)
        return
    end if
    mParticle_storeWriteStored(out, text, false)
    mParticle_storeFlush(out, false)
end sub

sub mParticle_storeRefused(out as object, input as object, now as longinteger)
    s = out.state
    mParticle_storeTimed(s, input)
    what = "queue"
    if type(input.what) = "roString" or type(input.what) = "String"
        what = input.what
    end if
    tried = 0
    if type(input.tried) = "roInteger" or (type(input.tried) = "roLongInteger" or (type(input.tried) = "LongInteger" or (type(input.tried) = "roFloat" or (type(input.tried) = "roDouble" or (type(input.tried) = "Integer" or (type(input.tried) = "Float" or (type(input.tried) = "Double" or type(input.tried) = "roInt")))))))
        tried = input.tried
    end if
    outcome = mParticle_coreWriteRetry(s.writeState, what, true, tried, s.options.queueBudgetBytes, now)
    s.writeState = outcome.state
    if outcome.log <> ""
        mParticle_storeLog(out, 1, outcome.log)
    else
        mParticle_storeLog(out, 3, "the registry refused the " + what + " write again")
    end if
    if outcome.dropStored and s.storedWritten <> ""
        out.effects.Push({ type: "delete", key: "queue" })
        out.effects.Push({ type: "flush", what: "" })
        s.storedWritten = ""
    end if
    s.stored = mParticle_coreNoStored()
    s.queueDirty = true
    s.stateDirty = true
    s.persistAt = s.writeState.retryAt
end sub

function mParticle_storeString(value as dynamic, fallback as string) as string
    if type(value) = "roString" or type(value) = "String"
        return value
    end if
    return fallback
end function

function mParticle_storeObject(value as dynamic) as object
    if type(value) = "roAssociativeArray" or type(value) = "roSGNode"
        return value
    end if
    return {}
end function

sub mParticle_storeLoad(out as object, input as object, now as longinteger)
    s = out.state
    s.stored = mParticle_coreNoStored()
    s.storedLimit = 0
    s.writeState = mParticle_coreWriteOk()
    state = mParticle_storeObject(input.state)
    s.das = mParticle_storeString(state["das"], "")
    s.firstRun = s.das = ""
    if s.firstRun
        s.das = mParticle_coreTakeId(s, now)
    end if
    s.ltv = 0#
    if type(state["ltv"]) = "roInteger" or (type(state["ltv"]) = "roLongInteger" or (type(state["ltv"]) = "LongInteger" or (type(state["ltv"]) = "roFloat" or (type(state["ltv"]) = "roDouble" or (type(state["ltv"]) = "Integer" or (type(state["ltv"]) = "Float" or (type(state["ltv"]) = "Double" or type(state["ltv"]) = "roInt")))))))
        s.ltv = state["ltv"]
    end if
    s.cookies = mParticle_storeObject(state["ck"])
    s.mpid = mParticle_storeString(state["mpid"], "0")
    if s.mpid = ""
        s.mpid = "0"
    end if
    s.optedOut = false
    if type(state["optOut"]) = "roBoolean" or type(state["optOut"]) = "Boolean"
        s.optedOut = state["optOut"]
    end if
    s.users = mParticle_storeObject(state["users"])
    s.ia = mParticle_storeObject(state["ia"])
    if state.DoesExist("context")
        s.context = state["context"]
    end if
    s.appVersion = mParticle_storeString(state["appVersion"], "")
    prev = state["prev"]
    if type(prev) = "roAssociativeArray" or type(prev) = "roSGNode"
        p = prev
        if (type(p["id"]) = "roString" or type(p["id"]) = "String") and (type(p["start"]) = "roInteger" or (type(p["start"]) = "roLongInteger" or (type(p["start"]) = "LongInteger" or (type(p["start"]) = "roFloat" or (type(p["start"]) = "roDouble" or (type(p["start"]) = "Integer" or (type(p["start"]) = "Float" or (type(p["start"]) = "Double" or type(p["start"]) = "roInt")))))))) and (type(p["length"]) = "roInteger" or (type(p["length"]) = "roLongInteger" or (type(p["length"]) = "LongInteger" or (type(p["length"]) = "roFloat" or (type(p["length"]) = "roDouble" or (type(p["length"]) = "Integer" or (type(p["length"]) = "Float" or (type(p["length"]) = "Double" or type(p["length"]) = "roInt"))))))))
            s.previousSession = p
        end if
    end if
    s.storedWritten = mParticle_storeString(input.queueText, "")
    decoded = mParticle_coreDecodeQueue(input.queue)
    s.queue = decoded.messages
    if decoded.skipped > 0
        mParticle_storeLog(out, 1, "the stored queue had " + mParticle_str(decoded.skipped) + " unreadable message(s); they are lost")
    end if
    if decoded.batch.id <> ""
        msgs = mParticle_coreBatchMessages(s.queue, decoded.batch.ids)
        mpid = s.mpid
        if msgs.Count() > 0
            msg_2 = msgs[0]
            currentMpid = s.mpid
            mpid_2 = msg_2.mpid
            if (type(mpid_2) = "roString" or type(mpid_2) = "String") and mpid_2 <> "" and mpid_2 <> "0"
                mpid = mpid_2
            else
                mpid = currentMpid
            end if
        end if
        batch = { id: decoded.batch.id, ct: decoded.batch.ct, mpid: mpid, msgs: msgs }
        for each msg in msgs
            s.inflightIds[msg.id] = true
        end for
        s.batch = batch
        s.retryBatch = batch
        mParticle_storeLog(out, 2, "batch " + batch.id + " of the previous run (" + mParticle_str(msgs.Count()) + " message(s)) is sent again first")
    end if
    r = state["session"]
    if type(r) = "roAssociativeArray" or type(r) = "roSGNode"
        session = r
        if (type(session["id"]) = "roString" or type(session["id"]) = "String") and (type(session["start"]) = "roInteger" or (type(session["start"]) = "roLongInteger" or (type(session["start"]) = "LongInteger" or (type(session["start"]) = "roFloat" or (type(session["start"]) = "roDouble" or (type(session["start"]) = "Integer" or (type(session["start"]) = "Float" or (type(session["start"]) = "Double" or type(session["start"]) = "roInt")))))))) and (type(session["last"]) = "roInteger" or (type(session["last"]) = "roLongInteger" or (type(session["last"]) = "LongInteger" or (type(session["last"]) = "roFloat" or (type(session["last"]) = "roDouble" or (type(session["last"]) = "Integer" or (type(session["last"]) = "Float" or (type(session["last"]) = "Double" or type(session["last"]) = "roInt"))))))))
            mpids = []
            if type(session["mpids"]) = "roArray"
                mpids = session["mpids"]
            end if
            restored = {
                active: true,
                id: session["id"],
                start: session["start"],
                last: session["last"],
                attrs: mParticle_storeObject(session["attrs"]),
                mpids: mpids
            }
            s.session = restored
            out.effects.Push({ type: "endRestoredSession" })
        end if
    end if
    s.queueDirty = true
    s.stateDirty = true
    s.persistNow = true
end sub

function mParticle_coreMessagePriority(msg as object) as integer
    if msg.dt = "e"
        if mParticle_eq(msg.et, "media")
            if mParticle_eq(msg.n, "Update Playhead Position") or mParticle_eq(msg.n, "Update QoS")
                return 0
            end if
            return 1
        end if
        return 2
    end if
    if msg.dt = "v" or msg.dt = "cm" or msg.dt = "x" or msg.dt = "b"
        return 2
    end if
    return 3
end function

function mParticle_coreChooseDrop(queue as object, inflight as object) as integer
    best = -1
    bestRank = 0
    for i = 0 to queue.Count() - 1
        rank = mParticle_coreMessagePriority(queue[i]) * 2
        if inflight.DoesExist(queue[i].id)
            rank = rank + 1
        end if
        if best < 0 or rank < bestRank
            best = i
            bestRank = rank
        end if
    end for
    return best
end function

function mParticle_coreDropOrder(queue as object, inflight as object) as object
    buckets = [ [], [], [], [], [], [], [], [] ]
    for i = 0 to queue.Count() - 1
        rank = mParticle_coreMessagePriority(queue[i]) * 2
        if inflight.DoesExist(queue[i].id)
            rank = rank + 1
        end if
        buckets[rank].Push(i)
    end for
    order = []
    for each bucket in buckets
        for each index in bucket
            order.Push(index)
        end for
    end for
    return order
end function

function mParticle_coreRemoveAt(queue as object, index as integer) as object
    out = []
    for i = 0 to queue.Count() - 1
        if i <> index
            out.Push(queue[i])
        end if
    end for
    return out
end function

function mParticle_coreEnqueue(queue as object, msg as object, maxMessages as integer, inflight as object) as object
    q = queue
    q.Push(msg)
    dropped = []
    limit = maxMessages + inflight.Count()
    while q.Count() > limit and q.Count() > 0
        victim = mParticle_coreChooseDrop(q, inflight)
        dropped.Push(q[victim])
        q = mParticle_coreRemoveAt(q, victim)
    end while
    result = { queue: q, dropped: dropped }
    return result
end function

function mParticle_coreRemoveIds(queue as object, gone as object) as object
    removed = 0
    while queue.Count() > 0 and gone.DoesExist(queue[0].id)
        queue.Shift()
        removed++
    end while
    if removed = gone.Count()
        return queue
    end if
    out = []
    for each m_ in queue
        if not gone.DoesExist(m_.id)
            out.Push(m_)
        end if
    end for
    return out
end function

function mParticle_coreMessageMpid(msg as object, currentMpid as string) as string
    mpid = msg.mpid
    if (type(mpid) = "roString" or type(mpid) = "String") and mpid <> "" and mpid <> "0"
        return mpid
    end if
    return currentMpid
end function

function mParticle_coreAssembleBatch(queue as object, inflight as object, maxMessages as integer, maxBytes as integer, overheadBytes as integer, currentMpid as string) as object
    picks = []
    bytes = overheadBytes
    mpid = ""
    anyInflight = inflight.Count() > 0
    for i = 0 to queue.Count() - 1
        if picks.Count() >= maxMessages
            exit for
        end if
        if not anyInflight or not inflight.DoesExist(queue[i].id)
            msg = queue[i]
            mpid_2 = msg.mpid
            if (type(mpid_2) = "roString" or type(mpid_2) = "String") and mpid_2 <> "" and mpid_2 <> "0"
                owner = mpid_2
            else
                owner = currentMpid
            end if
            if picks.Count() = 0
                mpid = owner
            else if owner <> mpid
                exit for
            end if
            if maxBytes > 0
                size = Len(FormatJson(queue[i])) + 1
                if picks.Count() > 0 and bytes + size > maxBytes
                    exit for
                end if
                bytes = bytes + size
            end if
            picks.Push(i)
        end if
    end for
    return picks
end function

function mParticle_coreResponseAction(code as integer) as string
    if code >= 200 and code < 300
        return "accepted"
    end if
    if code = 429 or code = 503
        return "backoff"
    end if
    if code = 400 or code = 401 or code = 403
        return "reject"
    end if
    if code >= 500 or code <= 0 or code = 408
        return "retry"
    end if
    return "drop"
end function

function mParticle_coreDoubledMillis(startMillis as longinteger, doublings as integer, ceilingMillis as longinteger) as longinteger
    delay = startMillis
    i = 0
    while i < doublings and delay < ceilingMillis
        delay = delay * 2&
        i++
    end while
    return delay
end function

function mParticle_coreBackoffMillis(attempt as integer, random as double) as longinteger
    nominal = mParticle_coreDoubledMillis(1000&, attempt, 7200000&)
    r = random
    if r < 0# or r >= 1#
        r = 0#
    end if
    jittered = nominal + mParticle_floor(mParticle_div(r * nominal, 4#))
    return mParticle_min(jittered, 7200000)
end function

function mParticle_coreParseDigits(text as string) as longinteger
    digits = [ "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" ]
    if Len(text) = 0 or Len(text) > 15
        return -1&
    end if
    value = 0&
    i = 0
    while i < Len(text)
        d = mParticle_indexOf(digits, Mid(text, i + 1, 1))
        if d < 0
            return -1&
        end if
        value = value * 10& + d
        i++
    end while
    return value
end function

function mParticle_coreTrim(text as string) as string
    start = 0
    end_ = Len(text)
    while start < end_ and (Mid(text, start + 1, 1) = " " or Mid(text, start + 1, 1) = Chr(9))
        start++
    end while
    while end_ > start and (Mid(text, end_ - 1 + 1, end_ - (end_ - 1)) = " " or Mid(text, end_ - 1 + 1, end_ - (end_ - 1)) = Chr(9))
        end_--
    end while
    return Mid(text, start + 1, end_ - start)
end function

function mParticle_coreWords(text as string) as object
    words = []
    current = ""
    i = 0
    while i < Len(text)
        c = Mid(text, i + 1, 1)
        if c = " " or c = ","
            if current <> ""
                words.Push(current)
            end if
            current = ""
        else
            current = current + c
        end if
        i++
    end while
    if current <> ""
        words.Push(current)
    end if
    return words
end function

function mParticle_coreDaysFromCivil(year as integer, month as integer, day as integer) as longinteger
    y = year
    if month <= 2
        y = y - 1&
    end if
    era = mParticle_floor(mParticle_div(y, 400&))
    yoe = y - era * 400&
    mp = month + 9
    if month > 2
        mp = month - 3
    end if
    doy = mParticle_floor(mParticle_div(153& * mp + 2&, 5&)) + day - 1&
    doe = yoe * 365& + mParticle_floor(mParticle_div(yoe, 4&)) - mParticle_floor(mParticle_div(yoe, 100&)) + doy
    return era * 146097& + doe - 719468&
end function

function mParticle_coreParseHttpDate(text as string) as longinteger
    months = [ "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" ]
    words = mParticle_coreWords(text)
    if words.Count() < 5
        return -1&
    end if
    day = mParticle_coreParseDigits(words[1])
    month = mParticle_indexOf(months, LCase(words[2]))
    year = mParticle_coreParseDigits(words[3])
    time = words[4]
    if day < 1& or day > 31& or month < 0 or year < 1970& or Len(time) <> 8
        return -1&
    end if
    hours = mParticle_coreParseDigits(Mid(time, 1, 2))
    minutes = mParticle_coreParseDigits(Mid(time, 4, 2))
    seconds = mParticle_coreParseDigits(Mid(time, 7, 2))
    if hours < 0& or minutes < 0& or seconds < 0& or Mid(time, 3, 1) <> ":" or Mid(time, 6, 1) <> ":"
        return -1&
    end if
    days = mParticle_coreDaysFromCivil(year, month + 1, day)
    return (((days * 24& + hours) * 60& + minutes) * 60& + seconds) * 1000&
end function

function mParticle_coreParseRetryAfter(value as dynamic, now as longinteger) as longinteger
    if type(value) <> "roString" and type(value) <> "String"
        return -1&
    end if
    text = mParticle_coreTrim(value)
    wait_ = -1&
    seconds = mParticle_coreParseDigits(text)
    if seconds >= 0&
        wait_ = seconds * 1000&
    else
        at = mParticle_coreParseHttpDate(text)
        if at < 0&
            return -1&
        end if
        wait_ = at - now
        if wait_ < 0&
            wait_ = 0&
        end if
    end if
    return mParticle_min(wait_, 7200000)
end function

function mParticle_coreDecideResponse(code as integer, retryAfterMillis as longinteger, attempt as integer, random as double) as object
    action = mParticle_coreResponseAction(code)
    delay = 0&
    next_ = 0
    if action = "backoff"
        next_ = attempt + 1
        if retryAfterMillis >= 0&
            delay = retryAfterMillis
        else
            delay = mParticle_coreBackoffMillis(attempt, random)
        end if
    else if action = "retry" or action = "reject"
        next_ = attempt + 1
        delay = mParticle_coreBackoffMillis(attempt, random)
    end if
    decision = { action: action, delayMillis: delay, nextAttempt: next_ }
    return decision
end function

function mParticle_coreSessionExpired(active as boolean, lastEventTime as longinteger, now as longinteger, timeoutMillis as longinteger) as boolean
    if not active
        return false
    end if
    return now - lastEventTime >= timeoutMillis
end function

function mParticle_coreSessionDeadline(active as boolean, lastEventTime as longinteger, timeoutMillis as longinteger) as longinteger
    if not active
        return -1&
    end if
    return lastEventTime + timeoutMillis
end function

function mParticle_coreSessionLength(startTime as longinteger, lastEventTime as longinteger) as longinteger
    if lastEventTime < startTime
        return 0&
    end if
    return lastEventTime - startTime
end function

function mParticle_coreNextWakeMillis(now as longinteger, deadlines as object) as integer
    earliest = -1&
    for each d in deadlines
        if d > 0& and (earliest < 0& or d < earliest)
            earliest = d
        end if
    end for
    if earliest < 0&
        return 60000
    end if
    wait_ = earliest - now
    if wait_ < 1&
        return 1
    end if
    if wait_ > 60000&
        return 60000
    end if
    return wait_
end function

function mParticle_coreUploadDueAt(queued as integer, maxBatchMessages as integer, mpid as string, inFlight as boolean, retryPending as boolean, requested as boolean, nextUploadTime as longinteger, backoffUntil as longinteger, now as longinteger) as longinteger
    if mpid = "0" or mpid = "" or inFlight
        return -1&
    end if
    if not retryPending and queued <= 0
        return -1&
    end if
    due = nextUploadTime
    if retryPending or requested or queued >= maxBatchMessages
        due = now
    end if
    if backoffUntil > due
        due = backoffUntil
    end if
    return due
end function

function mParticle_coreSessionPublishDue(dirty as boolean, publishAt as longinteger, quiet as boolean, now as longinteger) as boolean
    if not dirty or now < publishAt
        return false
    end if
    return quiet or now - publishAt >= 5000&
end function

function mParticle_coreEstImplied(dt as string) as boolean
    return dt = "e" or dt = "v"
end function

function mParticle_coreMediaSessionOf(msg as object) as string
    if msg.dt <> "e" or msg.attrs = invalid or msg.attrs = invalid
        return ""
    end if
    value = msg.attrs["media_session_id"]
    if type(value) = "roString" or type(value) = "String"
        return value
    end if
    return ""
end function

function mParticle_coreNewTable() as object
    table = { items: [], index: {} }
    return table
end function

function mParticle_coreIntern(table as object, text as string) as integer
    if table.index.DoesExist(text)
        hit = table.index[text]
        if table.items[hit] = text
            return hit
        end if
        scanned = mParticle_indexOf(table.items, text)
        if scanned >= 0
            return scanned
        end if
    else
        table.index[text] = table.items.Count()
    end if
    table.items.Push(text)
    return table.items.Count() - 1
end function

function mParticle_coreSharedBlocks(queue as object) as object
    counts = {}
    for each msg in queue
        ms = mParticle_coreMediaSessionOf(msg)
        if ms <> ""
            if counts.DoesExist(ms)
                counts[ms] = counts[ms] + 1
            else
                counts[ms] = 1
            end if
        end if
    end for
    blocks = {}
    for each msg in queue
        ms = mParticle_coreMediaSessionOf(msg)
        if ms <> "" and counts[ms] > 1
            attrs = msg.attrs
            if not blocks.DoesExist(ms)
                blocks[ms] = mParticle_assign([ attrs ])
            else
                block = blocks[ms]
                for each key in block.Keys()
                    mine = attrs[key]
                    shared = block[key]
                    same = false
                    if (type(mine) = "roString" or type(mine) = "String") and (type(shared) = "roString" or type(shared) = "String")
                        same = mine = shared
                    else
                        same = attrs.DoesExist(key) and mParticle_eq(mine, shared)
                    end if
                    if not same
                        block.Delete(key)
                    end if
                end for
            end if
        end if
    end for
    return blocks
end function

function mParticle_coreSameValue(a as dynamic, b as dynamic) as boolean
    if (type(a) = "roString" or type(a) = "String") and (type(b) = "roString" or type(b) = "String")
        return a = b
    end if
    return mParticle_eq(a, b)
end function

function mParticle_coreFlatAttrs(attrs as object, skip as object, keys as object) as object
    flat = []
    for each key in attrs.Keys()
        value = attrs[key]
        skipped = skip[key]
        same = false
        if (type(value) = "roString" or type(value) = "String") and (type(skipped) = "roString" or type(skipped) = "String")
            same = value = skipped
        else
            same = skip.DoesExist(key) and mParticle_coreSameValue(skipped, value)
        end if
        if not same
            flat.Push(mParticle_coreIntern(keys, key))
            flat.Push(attrs[key])
        end if
    end for
    return flat
end function

function mParticle_coreNoBatch() as object
    none = { id: "", ct: 0&, ids: [] }
    return none
end function

function mParticle_coreBatchMessages(queue as object, ids as object) as object
    wanted = {}
    for each id in ids
        wanted[id] = true
    end for
    out = []
    for each m_ in queue
        if wanted.DoesExist(m_.id)
            out.Push(m_)
        end if
    end for
    return out
end function

function mParticle_coreEncodeQueue(queue as object, batch as object) as string
    sessions = []
    sessionIds = mParticle_coreNewTable()
    bodies = []
    bodyTexts = mParticle_coreNewTable()
    keys = mParticle_coreNewTable()
    blockRows = []
    blockIds = mParticle_coreNewTable()
    shared = mParticle_coreSharedBlocks(queue)
    entries = []
    base = 0&
    if queue.Count() > 0
        base = queue[0].ct
    end if
    previous = base
    positions = {}
    for each msg in queue
        positions[msg.id] = entries.Count()
        sessionIndex = -1
        if type(msg.sid) = "roString" or type(msg.sid) = "String"
            sessionIndex = mParticle_coreIntern(sessionIds, msg.sid)
            if sessionIndex = sessions.Count()
                sessions.Push([ msg.sid, msg.sct ])
            end if
        end if
        body = {}
        for each key in msg.Keys()
            if key <> "id" and key <> "ct" and key <> "sid" and key <> "sct" and key <> "attrs"
                body[key] = msg[key]
            end if
        end for
        if body.DoesExist("est") and mParticle_coreEstImplied(msg.dt) and mParticle_eq(body["est"], msg.ct)
            body.Delete("est")
        end if
        bodyText = FormatJson(body)
        bodyIndex = mParticle_coreIntern(bodyTexts, bodyText)
        if bodyIndex = bodies.Count()
            bodies.Push(body)
        end if
        blockIndex = -1
        block = {}
        ms = mParticle_coreMediaSessionOf(msg)
        if ms <> "" and shared.DoesExist(ms)
            block = shared[ms]
            blockIndex = mParticle_coreIntern(blockIds, ms)
            if blockIndex = blockRows.Count()
                blockRows.Push(mParticle_coreFlatAttrs(block, {}, keys))
            end if
        end if
        attrs = 0
        if msg.attrs <> invalid and msg.attrs <> invalid
            attrs = mParticle_coreFlatAttrs(msg.attrs, block, keys)
        end if
        entries.Push([ msg.id, msg.ct - previous, sessionIndex, bodyIndex, blockIndex, attrs ])
        previous = msg.ct
    end for
    store = { v: 1, t: base, s: sessions, d: bodies, k: keys.items, b: blockRows, q: entries }
    if batch.id <> ""
        refs = []
        for each id in batch.ids
            if positions.DoesExist(id)
                refs.Push(positions[id])
            end if
        end for
        if refs.Count() > 0
            store["f"] = [ batch.id, batch.ct - base, refs ]
        end if
    end if
    return FormatJson(store)
end function

function mParticle_coreIndexOf(value as dynamic) as integer
    if (type(value) = "roInteger" or (type(value) = "roLongInteger" or (type(value) = "LongInteger" or (type(value) = "roFloat" or (type(value) = "roDouble" or (type(value) = "Integer" or (type(value) = "Float" or (type(value) = "Double" or type(value) = "roInt")))))))) and mParticle_isInteger(value)
        return value
    end if
    return -1
end function

function mParticle_coreUnflatten(flat as dynamic, keys as object, into as object) as boolean
    if not (type(flat) = "roArray")
        return false
    end if
    items = flat
    if items.Count() mod 2 <> 0
        return false
    end if
    i = 0
    while i < items.Count()
        k = mParticle_coreIndexOf(items[i])
        if k < 0 or k >= keys.Count() or (type(keys[k]) <> "roString" and type(keys[k]) <> "String")
            return false
        end if
        into[keys[k]] = items[i + 1]
        i = i + 2
    end while
    return true
end function

function mParticle_coreStoreList(store as object, name as string) as object
    value = store[name]
    if type(value) = "roArray"
        return value
    end if
    return []
end function

function mParticle_coreDecodeQueue(data as dynamic) as object
    messages = []
    skipped = 0
    empty = { messages: messages, skipped: 0, batch: mParticle_coreNoBatch() }
    if (type(data) <> "roAssociativeArray" and (type(data) <> "roArray" and type(data) <> "roSGNode")) or (type(data) = "Invalid" or (type(data) = "roInvalid" or type(data) = "<uninitialized>")) or (type(data) = "Invalid" or (type(data) = "roInvalid" or type(data) = "<uninitialized>")) or type(data) = "roArray"
        return empty
    end if
    store = data
    if not mParticle_eq(store["v"], 1) or (type(store["t"]) <> "roInteger" and (type(store["t"]) <> "roLongInteger" and (type(store["t"]) <> "LongInteger" and (type(store["t"]) <> "roFloat" and (type(store["t"]) <> "roDouble" and (type(store["t"]) <> "Integer" and (type(store["t"]) <> "Float" and (type(store["t"]) <> "Double" and type(store["t"]) <> "roInt"))))))))
        return empty
    end if
    sessions = mParticle_coreStoreList(store, "s")
    bodies = mParticle_coreStoreList(store, "d")
    keys = mParticle_coreStoreList(store, "k")
    blocks = mParticle_coreStoreList(store, "b")
    entries = mParticle_coreStoreList(store, "q")
    ct = store["t"]
    accepted = {}
    for each item in mParticle_coreStoreList(store, "x")
        accepted[mParticle_str(mParticle_coreIndexOf(item))] = true
    end for
    entryIds = []
    for each raw in entries
        ok = type(raw) = "roArray"
        entry = []
        if ok
            entry = raw
            ok = entry.Count() = 6 and (type(entry[0]) = "roString" or type(entry[0]) = "String") and (type(entry[1]) = "roInteger" or (type(entry[1]) = "roLongInteger" or (type(entry[1]) = "LongInteger" or (type(entry[1]) = "roFloat" or (type(entry[1]) = "roDouble" or (type(entry[1]) = "Integer" or (type(entry[1]) = "Float" or (type(entry[1]) = "Double" or type(entry[1]) = "roInt"))))))))
        end if
        msg = { dt: "", id: "", ct: 0& }
        if ok
            ct = ct + entry[1]
            d = mParticle_coreIndexOf(entry[3])
            ok = d >= 0 and d < bodies.Count() and (type(bodies[d]) = "roAssociativeArray" or (type(bodies[d]) = "roArray" or type(bodies[d]) = "roSGNode")) and not (type(bodies[d]) = "roArray")
            if ok
                msg = mParticle_assign([ bodies[d] ])
                ok = type(msg.dt) = "roString" or type(msg.dt) = "String"
            end if
        end if
        if ok
            msg.id = entry[0]
            msg.ct = ct
            if mParticle_coreEstImplied(msg.dt) and not msg.DoesExist("est")
                msg.est = ct
            end if
            s = mParticle_coreIndexOf(entry[2])
            if s >= 0
                session = sessions[s]
                ok = s < sessions.Count() and type(session) = "roArray"
                if ok
                    pair = session
                    ok = pair.Count() = 2 and (type(pair[0]) = "roString" or type(pair[0]) = "String") and (type(pair[1]) = "roInteger" or (type(pair[1]) = "roLongInteger" or (type(pair[1]) = "LongInteger" or (type(pair[1]) = "roFloat" or (type(pair[1]) = "roDouble" or (type(pair[1]) = "Integer" or (type(pair[1]) = "Float" or (type(pair[1]) = "Double" or type(pair[1]) = "roInt"))))))))
                    if ok
                        msg.sid = pair[0]
                        msg.sct = pair[1]
                    end if
                end if
            end if
        end if
        if ok and type(entry[5]) = "roArray"
            attrs = {}
            b = mParticle_coreIndexOf(entry[4])
            if b >= 0
                ok = b < blocks.Count() and mParticle_coreUnflatten(blocks[b], keys, attrs)
            end if
            if ok
                ok = mParticle_coreUnflatten(entry[5], keys, attrs)
            end if
            msg.attrs = attrs
        end if
        if ok and accepted.DoesExist(mParticle_str(entryIds.Count()))
            entryIds.Push("")
        else if ok
            messages.Push(msg)
            entryIds.Push(msg.id)
        else
            skipped++
            entryIds.Push("")
        end if
    end for
    result = {
        messages: messages,
        skipped: skipped,
        batch: mParticle_coreDecodeBatch(store["f"], store["t"], entryIds)
    }
    return result
end function

function mParticle_coreDecodeBatch(raw as dynamic, base as longinteger, entryIds as object) as object
    if not (type(raw) = "roArray")
        return mParticle_coreNoBatch()
    end if
    f = raw
    if f.Count() <> 3 or (type(f[0]) <> "roString" and type(f[0]) <> "String") or f[0] = "" or (type(f[1]) <> "roInteger" and (type(f[1]) <> "roLongInteger" and (type(f[1]) <> "LongInteger" and (type(f[1]) <> "roFloat" and (type(f[1]) <> "roDouble" and (type(f[1]) <> "Integer" and (type(f[1]) <> "Float" and (type(f[1]) <> "Double" and type(f[1]) <> "roInt")))))))) or not (type(f[2]) = "roArray")
        return mParticle_coreNoBatch()
    end if
    ids = []
    seen = {}
    for each item in f[2]
        i = mParticle_coreIndexOf(item)
        if i >= 0 and i < entryIds.Count() and entryIds[i] <> "" and not seen.DoesExist(entryIds[i])
            seen[entryIds[i]] = true
            ids.Push(entryIds[i])
        end if
    end for
    if ids.Count() = 0
        return mParticle_coreNoBatch()
    end if
    batch = { id: f[0], ct: base + f[1], ids: ids }
    return batch
end function

function mParticle_coreFitQueue(queue as object, inflight as object, budgetBytes as integer, batch as object) as object
    return mParticle_coreFitQueueFrom(queue, inflight, budgetBytes, batch, 0)
end function

function mParticle_coreFitQueueFrom(queue as object, inflight as object, budgetBytes as integer, batch as object, hint as integer) as object
    n = queue.Count()
    order = mParticle_coreDropOrder(queue, inflight)
    fits = 0
    tooMany = n + 1
    best = mParticle_coreWithoutFirst(queue, order, n, batch)
    guess = n
    close = false
    if n > 32 and hint > 0
        guess = mParticle_min(hint, n)
    else if n > 32
        probe = mParticle_coreWithoutFirst(queue, order, n - 32, batch)
        if Len(probe.text) <= budgetBytes
            fits = 32
            best = probe
        else
            tooMany = 32
        end if
        guess = mParticle_coreKeepEstimate(32, Len(probe.text), budgetBytes)
    end if
    lastKept = -1
    lastLength = 0
    while tooMany - fits > 1 and not close
        if guess <= fits
            guess = fits + 1
        end if
        if guess >= tooMany
            guess = tooMany - 1
        end if
        candidate = mParticle_coreWithoutFirst(queue, order, n - guess, batch)
        length = Len(candidate.text)
        if length <= budgetBytes
            fits = guess
            best = candidate
            close = n > 32 and (budgetBytes - length) * guess < 2 * length
        else
            tooMany = guess
        end if
        kept = guess
        guess = mParticle_coreKeepEstimate(guess, length, budgetBytes)
        if lastKept >= 0 and lastKept <> kept and length <> lastLength
            perMessage = mParticle_div(length - lastLength, kept - lastKept)
            if perMessage > 0#
                guess = kept + mParticle_floor(mParticle_div(budgetBytes - length, perMessage))
            end if
        end if
        lastKept = kept
        lastLength = length
    end while
    return best
end function

function mParticle_coreKeepEstimate(kept as integer, textLength as integer, budgetBytes as integer) as integer
    if kept <= 0 or textLength <= 0
        return 1
    end if
    return mParticle_floor(mParticle_div(kept * budgetBytes, textLength))
end function

function mParticle_coreWithoutFirst(queue as object, order as object, count as integer, batch as object) as object
    gone = {}
    dropped = []
    for i = 0 to count - 1
        gone[mParticle_str(order[i])] = true
        dropped.Push(queue[order[i]])
    end for
    kept = []
    for i = 0 to queue.Count() - 1
        if not gone.DoesExist(mParticle_str(i))
            kept.Push(queue[i])
        end if
    end for
    result = { queue: kept, dropped: dropped, text: mParticle_coreEncodeQueue(kept, batch) }
    return result
end function

function mParticle_corePersistPlan(spaceAvailable as integer, ownQueueBytes as integer, keyBytes as integer, budgetBytes as integer, reserveBytes as integer, capBytes as integer) as object
    bytes = budgetBytes
    limitedBy = "budget"
    if capBytes >= 0 and capBytes < bytes
        bytes = capBytes
        limitedBy = "retry"
    end if
    room = spaceAvailable + ownQueueBytes - keyBytes - reserveBytes
    if room < bytes
        bytes = room
        limitedBy = "reserve"
    end if
    if bytes < 0
        bytes = 0
    end if
    plan = { bytes: bytes, limitedBy: limitedBy }
    return plan
end function

function mParticle_coreMarksRoom(maxBatchMessages as integer) as integer
    return 64 + 3 * maxBatchMessages
end function

function mParticle_coreFitBudget(queue as object, inflight as object, budgetBytes as integer, batch as object, maxBatchMessages as integer, hint as integer) as object
    margin = mParticle_coreMarksRoom(maxBatchMessages)
    fit = mParticle_coreFitQueueFrom(queue, inflight, budgetBytes - margin, mParticle_coreNoBatch(), hint)
    stored = mParticle_coreStoredOf(fit)
    attempt = 1
    length = Len(mParticle_coreStoredText(stored, batch))
    while length > budgetBytes and attempt < 3
        margin = margin + length - budgetBytes + 16
        fit = mParticle_coreFitQueueFrom(queue, inflight, budgetBytes - margin, mParticle_coreNoBatch(), hint)
        stored = mParticle_coreStoredOf(fit)
        length = Len(mParticle_coreStoredText(stored, batch))
        attempt++
    end while
    if length > budgetBytes
        fit = mParticle_coreWithoutFirst(queue, mParticle_coreDropOrder(queue, inflight), queue.Count(), mParticle_coreNoBatch())
        stored = mParticle_coreStoredOf(fit)
    end if
    result = { queue: fit.queue, dropped: fit.dropped, stored: stored }
    return result
end function

function mParticle_coreStoredOf(fit as object) as object
    positions = {}
    i = 0
    while i < fit.queue.Count()
        positions[fit.queue[i].id] = i
        i++
    end while
    base = 0&
    text = fit.text
    if fit.queue.Count() > 0
        base = fit.queue[0].ct
    else
        text = ""
    end if
    stored = { text: text, positions: positions, base: base, accepted: [] }
    return stored
end function

function mParticle_coreNoStored() as object
    stored = { text: "", positions: {}, base: 0&, accepted: [] }
    return stored
end function

function mParticle_coreStoredText(stored as object, batch as object) as string
    text = stored.text
    if text = ""
        return ""
    end if
    extra = ""
    if batch.id <> ""
        refs = []
        for each id in batch.ids
            if stored.positions.DoesExist(id)
                refs.Push(stored.positions[id])
            end if
        end for
        if refs.Count() > 0
            extra = ",""f"":" + FormatJson([ batch.id, batch.ct - stored.base, refs ])
        end if
    end if
    if stored.accepted.Count() > 0
        extra = extra + ",""x"":" + FormatJson(stored.accepted)
    end if
    if extra = ""
        return text
    end if
    return Mid(text, 1, Len(text) - 1 - 0) + extra + "}"
end function

function mParticle_coreStoredAccept(stored as object, ids as object) as object
    accepted = []
    for each i in stored.accepted
        accepted.Push(i)
    end for
    for each id in ids
        if stored.positions.DoesExist(id)
            accepted.Push(stored.positions[id])
        end if
    end for
    next_ = { text: stored.text, positions: stored.positions, base: stored.base, accepted: accepted }
    return next_
end function

function mParticle_coreWriteOk() as object
    state = { failures: 0, capBytes: -1, retryAt: 0& }
    return state
end function

function mParticle_coreWriteRetry(state as object, what as string, refused as boolean, triedBytes as integer, budgetBytes as integer, now as longinteger) as object
    if refused
        failures = state.failures + 1
        cap = state.capBytes
        if triedBytes > 0
            cap = mParticle_floor(mParticle_div(triedBytes, 2))
            if state.capBytes >= 0 and state.capBytes < triedBytes
                cap = mParticle_floor(mParticle_div(state.capBytes, 2))
            end if
        end if
        delay = mParticle_coreDoubledMillis(2000&, failures - 1, 60000&)
        if delay > 60000&
            delay = 60000&
        end if
        log_ = ""
        if state.failures = 0
            size = ""
            if cap >= 0
                size = " with at most " + mParticle_str(cap) + " bytes of queue"
            end if
            log_ = "the registry refused the " + what + " write (full, or failing): every message stays in memory and is uploaded from there; trying again in " + mParticle_str(delay) + " ms" + size
        end if
        next_ = { failures: failures, capBytes: cap, retryAt: now + delay }
        out = { state: next_, log: log_, dropStored: true }
        return out
    end if
    cap_2 = state.capBytes
    if cap_2 >= 0
        cap_2 = cap_2 * 2
        if cap_2 < 256
            cap_2 = 256
        end if
        if cap_2 >= budgetBytes
            cap_2 = -1
        end if
    end if
    log__2 = ""
    if state.failures > 0
        log__2 = "the registry took the " + what + " write again"
    end if
    next__2 = { failures: 0, capBytes: cap_2, retryAt: 0& }
    out_2 = { state: next__2, log: log__2, dropStored: false }
    return out_2
end function

function mParticle_uploadReduce(state as object, input as object, now as longinteger) as object
    out = { state: state, effects: [] }
    if not state.ready
        return out
    end if
    kind = input.kind
    if kind = "tick"
        mParticle_uploadStepTick(state, now, out)
    else if kind = "timeouts"
        mParticle_uploadStepTimeouts(state, now, out)
    else if kind = "upload"
        state.uploadRequested = true
    else if kind = "answer"
        text = ""
        if type(input.text) = "roString" or type(input.text) = "String"
            text = input.text
        end if
        mParticle_uploadStepAnswer(state, input.id, input.code, text, input.body, input.retryAfter, input.random, now, out)
    else if kind = "notStarted"
        mParticle_uploadLog(out, 1, "request " + input.id + " could not start")
        mParticle_uploadStepAnswer(state, input.id, -1, "", invalid, invalid, 0#, now, out)
    else if kind = "identityPost"
        req = input.request
        id = "identity:" + req.requestId
        state.requests[id] = { kind: "identity", sentAt: now, request: req }
        out.effects.Push({ type: "post", id: id, url: input.url, body: input.body, headers: input.headers })
    else if kind = "refused"
        mParticle_uploadRefused(state, input.what, input.code, out)
    else
        mParticle_uploadLog(out, 1, "upload: unknown input " + kind)
    end if
    return out
end function

function mParticle_uploadDueAt(state as object, now as longinteger) as longinteger
    return mParticle_coreUploadDueAt(state.queue.Count(), state.options.maxBatchMessages, state.mpid, state.eventsInFlight, state.retryBatch <> invalid, state.uploadRequested, state.nextUploadTime, state.backoffUntil, now)
end function

function mParticle_uploadWaitMillis(state as object, now as longinteger, deadlines as object) as integer
    all = deadlines
    all.Push(mParticle_identityWakeAt(state, now))
    if state.sessionNodeDirty
        all.Push(state.sessionPublishAt)
    end if
    all.Push(mParticle_coreSessionDeadline(state.session.active, state.session.last, state.options.sessionTimeoutMillis))
    all.Push(mParticle_uploadDueAt(state, now))
    for each id in state.requests.Keys()
        all.Push(state.requests[id].sentAt + 30000&)
    end for
    return mParticle_coreNextWakeMillis(now, all)
end function

sub mParticle_uploadStepTick(state as object, now as longinteger, out as object)
    due = mParticle_uploadDueAt(state, now)
    if due < 0& or now < due
        return
    end if
    retry = state.retryBatch
    if retry <> invalid
        mParticle_uploadSend(state, retry, mParticle_uploadBatchText(state, retry), now, out)
        return
    end if
    mParticle_uploadStepNewBatch(state, now, out)
end sub

function mParticle_uploadPicked(queue as object, picks as object) as object
    msgs = []
    for each i in picks
        msgs.Push(queue[i])
    end for
    return msgs
end function

sub mParticle_uploadStepNewBatch(state as object, now as longinteger, out as object)
    opts = state.options
    picks = mParticle_coreAssembleBatch(state.queue, state.inflightIds, opts.maxBatchMessages, 0, 0, state.mpid)
    state.uploadRequested = false
    state.nextUploadTime = now + opts.uploadIntervalMillis
    if picks.Count() = 0
        out.effects.Push({ type: "persist" })
        return
    end if
    batch = {
        id: mParticle_coreTakeId(state, now),
        ct: now,
        mpid: mParticle_coreMessageMpid(state.queue[picks[0]], state.mpid),
        msgs: []
    }
    batch.msgs = mParticle_uploadPicked(state.queue, picks)
    body = mParticle_uploadBatchText(state, batch)
    if Len(body) > opts.maxBatchBytes
        empty = { id: batch.id, ct: now, mpid: batch.mpid, msgs: [] }
        overhead = Len(mParticle_uploadBatchText(state, empty)) + 2
        picks = mParticle_coreAssembleBatch(state.queue, state.inflightIds, opts.maxBatchMessages, opts.maxBatchBytes, overhead, state.mpid)
        batch.msgs = mParticle_uploadPicked(state.queue, picks)
        body = mParticle_uploadBatchText(state, batch)
    end if
    for each msg in batch.msgs
        state.inflightIds[msg.id] = true
    end for
    state.batch = batch
    out.effects.Push({ type: "persistBatch" })
    mParticle_uploadSend(state, batch, body, now, out)
end sub

sub mParticle_uploadSend(state as object, batch as object, body as string, now as longinteger, out as object)
    if body = ""
        mParticle_uploadLog(out, 1, "a batch could not be written as JSON; its " + mParticle_str(batch.msgs.Count()) + " message(s) are dropped")
        mParticle_uploadForget(state, batch, out)
        return
    end if
    state.retryBatch = invalid
    state.eventsInFlight = true
    id = "events:" + batch.id
    state.requests[id] = { kind: "events", sentAt: now, batch: batch.id }
    mParticle_uploadLog(out, 2, "uploading batch " + batch.id + " (" + mParticle_str(batch.msgs.Count()) + " message(s))")
    out.effects.Push({ type: "post", id: id, url: state.eventsUrl, body: body, headers: {} })
end sub

function mParticle_uploadBatchText(state as object, batch as object) as string
    mpid = batch.mpid
    user = mParticle_identityUserOf(state, mpid)
    msgs = batch.msgs
    for each msg in msgs
        msg.Delete("mpid")
    end for
    body = {
        dt: "h",
        dbg: state.dev,
        id: batch.id,
        ct: batch.ct,
        mpid: mpid,
        sdk: state.sdkVersion,
        ltv: state.ltv,
        ui: mParticle_identityBatchUi(state, mpid),
        ua: user.ua,
        msgs: msgs,
        ai: state.ai,
        di: state.di,
        ck: state.cookies,
        das: state.das,
        ia: state.ia
    }
    if type(user.con) <> "Invalid" and (type(user.con) <> "roInvalid" and type(user.con) <> "<uninitialized>") and (type(user.con) <> "Invalid" and (type(user.con) <> "roInvalid" and type(user.con) <> "<uninitialized>"))
        body.con = user.con
    end if
    planId = state.options.dataPlanId
    if (type(planId) = "roString" or type(planId) = "String") and planId <> ""
        plan = { id: planId }
        version = state.options.dataPlanVersion
        if type(version) <> "Invalid" and (type(version) <> "roInvalid" and type(version) <> "<uninitialized>") and (type(version) <> "Invalid" and (type(version) <> "roInvalid" and type(version) <> "<uninitialized>"))
            plan.v = version
        end if
        body.ctx = { dpln: plan }
    end if
    text = FormatJson(body)
    for each msg in msgs
        msg.mpid = mpid
    end for
    return text
end function

sub mParticle_uploadForget(state as object, batch as object, out as object)
    current = state.batch
    if current <> invalid and current.id = batch.id
        state.batch = invalid
    end if
    gone = {}
    for each msg in batch.msgs
        state.inflightIds.Delete(msg.id)
        gone[msg.id] = true
    end for
    state.queue = mParticle_coreRemoveIds(state.queue, gone)
    state.sessionNodeDirty = true
    out.effects.Push({ type: "storeAccepted", msgs: batch.msgs })
end sub

sub mParticle_uploadStepTimeouts(state as object, now as longinteger, out as object)
    expired = []
    kinds = [ "events", "identity" ]
    for each kind in kinds
        for each id in state.requests.Keys()
            req = state.requests[id]
            if req.kind = kind and now - req.sentAt >= 30000&
                expired.Push(id)
            end if
        end for
    end for
    for each id in expired
        out.effects.Push({ type: "cancel", id: id })
        mParticle_uploadLog(out, 2, "request timed out after 30000 ms")
        mParticle_uploadStepAnswer(state, id, -28, "", invalid, invalid, 0#, now, out)
    end for
end sub

sub mParticle_uploadStepAnswer(state as object, id as string, code as integer, text as string, body as dynamic, retryAfter as dynamic, random as double, now as longinteger, out as object)
    if not state.requests.DoesExist(id)
        mParticle_uploadLog(out, 3, "an answer to request " + id + ", which is no longer asked; ignored")
        return
    end if
    req = state.requests[id]
    state.requests.Delete(id)
    if req.kind = "identity"
        out.effects.Push({
            type: "identityAnswer",
            request: req.request,
            code: code,
            text: text,
            retryAfter: retryAfter
        })
        return
    end if
    state.eventsInFlight = false
    current = state.batch
    if current = invalid or not mParticle_eq(current.id, req.batch)
        mParticle_uploadLog(out, 3, "an answer to batch " + req.batch + ", which is no longer out; ignored")
        return
    end if
    batch = current
    wait_ = mParticle_coreParseRetryAfter(retryAfter, now)
    decision = mParticle_coreDecideResponse(code, wait_, state.attempt, random)
    state.attempt = decision.nextAttempt
    state.backoffUntil = now + decision.delayMillis
    action = decision.action
    if action = "accepted"
        mParticle_uploadForget(state, batch, out)
        if mParticle_uploadMergeAnswer(state, body)
            out.effects.Push({ type: "stateDirty" })
        end if
        mParticle_uploadLog(out, 2, "batch " + batch.id + " accepted (HTTP " + mParticle_str(code) + ")")
        if state.queue.Count() > 0
            state.nextUploadTime = now
        end if
    else if action = "backoff" or action = "retry"
        state.retryBatch = batch
        mParticle_uploadLog(out, 2, "batch " + batch.id + " not delivered (HTTP " + mParticle_str(code) + "); retrying in " + mParticle_str(decision.delayMillis) + " ms")
    else
        if action = "reject"
            mParticle_uploadRefused(state, "batch upload", code, out)
        else
            mParticle_uploadLog(out, 1, "batch " + batch.id + " refused with HTTP " + mParticle_str(code) + "; its messages are dropped")
        end if
        mParticle_uploadForget(state, batch, out)
        state.dropped = state.dropped + batch.msgs.Count()
    end if
end sub

function mParticle_uploadMergeAnswer(state as object, body as dynamic) as boolean
    if type(body) <> "roAssociativeArray" and type(body) <> "roSGNode"
        return false
    end if
    answer = body
    changed = false
    ci = answer.ci
    if type(ci) = "roAssociativeArray" or type(ci) = "roSGNode"
        ck = ci.ck
        if type(ck) = "roAssociativeArray" or type(ck) = "roSGNode"
            cookies = ck
            for each key in cookies.Keys()
                state.cookies[key] = cookies[key]
            end for
            changed = true
        end if
    end if
    ltv = answer.iltv
    if type(ltv) = "roInteger" or (type(ltv) = "roLongInteger" or (type(ltv) = "LongInteger" or (type(ltv) = "roFloat" or (type(ltv) = "roDouble" or (type(ltv) = "Integer" or (type(ltv) = "Float" or (type(ltv) = "Double" or type(ltv) = "roInt")))))))
        state.ltv = ltv
        changed = true
    end if
    return changed
end function

sub mParticle_uploadRefused(state as object, what as string, code as integer, out as object)
    line = what + " refused with HTTP " + mParticle_str(code) + ": check apiKey and apiSecret of mparticleOptions (the batch is dropped, not retried)"
    if state.credentialsLogged
        mParticle_uploadLog(out, 3, line)
    else
        mParticle_uploadLog(out, 1, line)
        state.credentialsLogged = true
    end if
end sub

sub mParticle_uploadLog(out as object, level as integer, text as string)
    out.effects.Push({ type: "log", level: level, text: text })
end sub

sub mParticle_mediaPut(out as object, key as string, v as dynamic)
    if type(v) = "roString" or type(v) = "String"
        out[key] = v
    else if type(v) = "roInteger" or (type(v) = "roLongInteger" or (type(v) = "LongInteger" or (type(v) = "roFloat" or (type(v) = "roDouble" or (type(v) = "Integer" or (type(v) = "Float" or (type(v) = "Double" or type(v) = "roInt"))))))) or (type(v) = "roBoolean" or type(v) = "Boolean")
        out[key] = mParticle_str(v)
    end if
end sub

sub mParticle_mediaPutNumber(out as object, key as string, v as dynamic)
    if type(v) = "roInteger" or (type(v) = "roLongInteger" or (type(v) = "LongInteger" or (type(v) = "roFloat" or (type(v) = "roDouble" or (type(v) = "Integer" or (type(v) = "Float" or (type(v) = "Double" or type(v) = "roInt")))))))
        out[key] = mParticle_str(v)
    end if
end sub

sub mParticle_mediaCopyInto(out as object, src as object)
    for each k in src.Keys()
        out[k] = src[k]
    end for
end sub

function mParticle_mediaInitialContent(sessionId as string) as object
    c = {}
    c["media_session_id"] = sessionId
    c["content_id"] = ""
    c["content_title"] = ""
    c["content_duration"] = "0"
    c["content_type"] = ""
    c["stream_type"] = ""
    c["playhead_position"] = "0"
    return c
end function

sub mParticle_mediaRefreshContent(s as object, session as object)
    c = s.content
    v = session.contentId
    if type(v) = "roString" or type(v) = "String"
        c["content_id"] = v
    else if type(v) = "roInteger" or (type(v) = "roLongInteger" or (type(v) = "LongInteger" or (type(v) = "roFloat" or (type(v) = "roDouble" or (type(v) = "Integer" or (type(v) = "Float" or (type(v) = "Double" or type(v) = "roInt"))))))) or (type(v) = "roBoolean" or type(v) = "Boolean")
        c["content_id"] = mParticle_str(v)
    end if
    v_2 = session.title
    if type(v_2) = "roString" or type(v_2) = "String"
        c["content_title"] = v_2
    else if type(v_2) = "roInteger" or (type(v_2) = "roLongInteger" or (type(v_2) = "LongInteger" or (type(v_2) = "roFloat" or (type(v_2) = "roDouble" or (type(v_2) = "Integer" or (type(v_2) = "Float" or (type(v_2) = "Double" or type(v_2) = "roInt"))))))) or (type(v_2) = "roBoolean" or type(v_2) = "Boolean")
        c["content_title"] = mParticle_str(v_2)
    end if
    duration = session.duration
    if (type(duration) = "roInteger" or (type(duration) = "roLongInteger" or (type(duration) = "LongInteger" or (type(duration) = "roFloat" or (type(duration) = "roDouble" or (type(duration) = "Integer" or (type(duration) = "Float" or (type(duration) = "Double" or type(duration) = "roInt")))))))) and duration <> s.contentDuration
        c["content_duration"] = mParticle_str(duration)
        s.contentDuration = duration
    end if
    v_3 = session.contentType
    if type(v_3) = "roString" or type(v_3) = "String"
        c["content_type"] = v_3
    else if type(v_3) = "roInteger" or (type(v_3) = "roLongInteger" or (type(v_3) = "LongInteger" or (type(v_3) = "roFloat" or (type(v_3) = "roDouble" or (type(v_3) = "Integer" or (type(v_3) = "Float" or (type(v_3) = "Double" or type(v_3) = "roInt"))))))) or (type(v_3) = "roBoolean" or type(v_3) = "Boolean")
        c["content_type"] = mParticle_str(v_3)
    end if
    v_4 = session.streamType
    if type(v_4) = "roString" or type(v_4) = "String"
        c["stream_type"] = v_4
    else if type(v_4) = "roInteger" or (type(v_4) = "roLongInteger" or (type(v_4) = "LongInteger" or (type(v_4) = "roFloat" or (type(v_4) = "roDouble" or (type(v_4) = "Integer" or (type(v_4) = "Float" or (type(v_4) = "Double" or type(v_4) = "roInt"))))))) or (type(v_4) = "roBoolean" or type(v_4) = "Boolean")
        c["stream_type"] = mParticle_str(v_4)
    end if
    playhead = session.currentPlayheadPosition
    if type(playhead) = "roInteger" or (type(playhead) = "roLongInteger" or (type(playhead) = "LongInteger" or (type(playhead) = "roFloat" or (type(playhead) = "roDouble" or (type(playhead) = "Integer" or (type(playhead) = "Float" or (type(playhead) = "Double" or type(playhead) = "roInt")))))))
        c["playhead_position"] = mParticle_str(playhead)
    end if
end sub

sub mParticle_mediaAdBreakAttrs(out as object, adBreak as dynamic)
    if not (type(adBreak) = "roAssociativeArray" or type(adBreak) = "roSGNode")
        b = invalid
    else
        b = adBreak
    end if
    if b = invalid
        return
    end if
    v = b.id
    if type(v) = "roString" or type(v) = "String"
        out["ad_break_id"] = v
    else if type(v) = "roInteger" or (type(v) = "roLongInteger" or (type(v) = "LongInteger" or (type(v) = "roFloat" or (type(v) = "roDouble" or (type(v) = "Integer" or (type(v) = "Float" or (type(v) = "Double" or type(v) = "roInt"))))))) or (type(v) = "roBoolean" or type(v) = "Boolean")
        out["ad_break_id"] = mParticle_str(v)
    end if
    v_2 = b.title
    if type(v_2) = "roString" or type(v_2) = "String"
        out["ad_break_title"] = v_2
    else if type(v_2) = "roInteger" or (type(v_2) = "roLongInteger" or (type(v_2) = "LongInteger" or (type(v_2) = "roFloat" or (type(v_2) = "roDouble" or (type(v_2) = "Integer" or (type(v_2) = "Float" or (type(v_2) = "Double" or type(v_2) = "roInt"))))))) or (type(v_2) = "roBoolean" or type(v_2) = "Boolean")
        out["ad_break_title"] = mParticle_str(v_2)
    end if
    v_3 = b.duration
    if type(v_3) = "roInteger" or (type(v_3) = "roLongInteger" or (type(v_3) = "LongInteger" or (type(v_3) = "roFloat" or (type(v_3) = "roDouble" or (type(v_3) = "Integer" or (type(v_3) = "Float" or (type(v_3) = "Double" or type(v_3) = "roInt")))))))
        out["ad_break_duration"] = mParticle_str(v_3)
    end if
end sub

sub mParticle_mediaAdContentAttrs(out as object, adContent as dynamic)
    if not (type(adContent) = "roAssociativeArray" or type(adContent) = "roSGNode")
        a = invalid
    else
        a = adContent
    end if
    if a = invalid
        return
    end if
    v = a.id
    if type(v) = "roString" or type(v) = "String"
        out["ad_content_id"] = v
    else if type(v) = "roInteger" or (type(v) = "roLongInteger" or (type(v) = "LongInteger" or (type(v) = "roFloat" or (type(v) = "roDouble" or (type(v) = "Integer" or (type(v) = "Float" or (type(v) = "Double" or type(v) = "roInt"))))))) or (type(v) = "roBoolean" or type(v) = "Boolean")
        out["ad_content_id"] = mParticle_str(v)
    end if
    v_2 = a.title
    if type(v_2) = "roString" or type(v_2) = "String"
        out["ad_content_title"] = v_2
    else if type(v_2) = "roInteger" or (type(v_2) = "roLongInteger" or (type(v_2) = "LongInteger" or (type(v_2) = "roFloat" or (type(v_2) = "roDouble" or (type(v_2) = "Integer" or (type(v_2) = "Float" or (type(v_2) = "Double" or type(v_2) = "roInt"))))))) or (type(v_2) = "roBoolean" or type(v_2) = "Boolean")
        out["ad_content_title"] = mParticle_str(v_2)
    end if
    v_3 = a.duration
    if type(v_3) = "roInteger" or (type(v_3) = "roLongInteger" or (type(v_3) = "LongInteger" or (type(v_3) = "roFloat" or (type(v_3) = "roDouble" or (type(v_3) = "Integer" or (type(v_3) = "Float" or (type(v_3) = "Double" or type(v_3) = "roInt")))))))
        out["ad_content_duration"] = mParticle_str(v_3)
    end if
    v_4 = a.advertiser
    if type(v_4) = "roString" or type(v_4) = "String"
        out["ad_content_advertiser"] = v_4
    else if type(v_4) = "roInteger" or (type(v_4) = "roLongInteger" or (type(v_4) = "LongInteger" or (type(v_4) = "roFloat" or (type(v_4) = "roDouble" or (type(v_4) = "Integer" or (type(v_4) = "Float" or (type(v_4) = "Double" or type(v_4) = "roInt"))))))) or (type(v_4) = "roBoolean" or type(v_4) = "Boolean")
        out["ad_content_advertiser"] = mParticle_str(v_4)
    end if
    v_5 = a.campaign
    if type(v_5) = "roString" or type(v_5) = "String"
        out["ad_content_campaign"] = v_5
    else if type(v_5) = "roInteger" or (type(v_5) = "roLongInteger" or (type(v_5) = "LongInteger" or (type(v_5) = "roFloat" or (type(v_5) = "roDouble" or (type(v_5) = "Integer" or (type(v_5) = "Float" or (type(v_5) = "Double" or type(v_5) = "roInt"))))))) or (type(v_5) = "roBoolean" or type(v_5) = "Boolean")
        out["ad_content_campaign"] = mParticle_str(v_5)
    end if
    v_6 = a.creative
    if type(v_6) = "roString" or type(v_6) = "String"
        out["ad_content_creative"] = v_6
    else if type(v_6) = "roInteger" or (type(v_6) = "roLongInteger" or (type(v_6) = "LongInteger" or (type(v_6) = "roFloat" or (type(v_6) = "roDouble" or (type(v_6) = "Integer" or (type(v_6) = "Float" or (type(v_6) = "Double" or type(v_6) = "roInt"))))))) or (type(v_6) = "roBoolean" or type(v_6) = "Boolean")
        out["ad_content_creative"] = mParticle_str(v_6)
    end if
    v_7 = a.placement
    if type(v_7) = "roString" or type(v_7) = "String"
        out["ad_content_placement"] = v_7
    else if type(v_7) = "roInteger" or (type(v_7) = "roLongInteger" or (type(v_7) = "LongInteger" or (type(v_7) = "roFloat" or (type(v_7) = "roDouble" or (type(v_7) = "Integer" or (type(v_7) = "Float" or (type(v_7) = "Double" or type(v_7) = "roInt"))))))) or (type(v_7) = "roBoolean" or type(v_7) = "Boolean")
        out["ad_content_placement"] = mParticle_str(v_7)
    end if
    v_8 = a.position
    if type(v_8) = "roInteger" or (type(v_8) = "roLongInteger" or (type(v_8) = "LongInteger" or (type(v_8) = "roFloat" or (type(v_8) = "roDouble" or (type(v_8) = "Integer" or (type(v_8) = "Float" or (type(v_8) = "Double" or type(v_8) = "roInt")))))))
        out["ad_content_position"] = mParticle_str(v_8)
    end if
    v_9 = a.siteId
    if type(v_9) = "roString" or type(v_9) = "String"
        out["ad_content_site_id"] = v_9
    else if type(v_9) = "roInteger" or (type(v_9) = "roLongInteger" or (type(v_9) = "LongInteger" or (type(v_9) = "roFloat" or (type(v_9) = "roDouble" or (type(v_9) = "Integer" or (type(v_9) = "Float" or (type(v_9) = "Double" or type(v_9) = "roInt"))))))) or (type(v_9) = "roBoolean" or type(v_9) = "Boolean")
        out["ad_content_site_id"] = mParticle_str(v_9)
    end if
end sub

sub mParticle_mediaSegmentAttrs(out as object, segment as dynamic)
    if not (type(segment) = "roAssociativeArray" or type(segment) = "roSGNode")
        g = invalid
    else
        g = segment
    end if
    if g = invalid
        return
    end if
    v = g.title
    if type(v) = "roString" or type(v) = "String"
        out["segment_title"] = v
    else if type(v) = "roInteger" or (type(v) = "roLongInteger" or (type(v) = "LongInteger" or (type(v) = "roFloat" or (type(v) = "roDouble" or (type(v) = "Integer" or (type(v) = "Float" or (type(v) = "Double" or type(v) = "roInt"))))))) or (type(v) = "roBoolean" or type(v) = "Boolean")
        out["segment_title"] = mParticle_str(v)
    end if
    v_2 = g.index
    if type(v_2) = "roInteger" or (type(v_2) = "roLongInteger" or (type(v_2) = "LongInteger" or (type(v_2) = "roFloat" or (type(v_2) = "roDouble" or (type(v_2) = "Integer" or (type(v_2) = "Float" or (type(v_2) = "Double" or type(v_2) = "roInt")))))))
        out["segment_index"] = mParticle_str(v_2)
    end if
    v_3 = g.duration
    if type(v_3) = "roInteger" or (type(v_3) = "roLongInteger" or (type(v_3) = "LongInteger" or (type(v_3) = "roFloat" or (type(v_3) = "roDouble" or (type(v_3) = "Integer" or (type(v_3) = "Float" or (type(v_3) = "Double" or type(v_3) = "roInt")))))))
        out["segment_duration"] = mParticle_str(v_3)
    end if
end sub

function mParticle_mediaBaseAttrs(s as object, session as object, withParts as boolean) as object
    out = {}
    out.Append(s.content)
    out.Append(s.qos)
    if withParts
        if type(session.adBreak) <> "Invalid" and (type(session.adBreak) <> "roInvalid" and type(session.adBreak) <> "<uninitialized>") and (type(session.adBreak) = "roAssociativeArray" or (type(session.adBreak) = "roArray" or type(session.adBreak) = "roSGNode"))
            mParticle_mediaAdBreakAttrs(out, session.adBreak)
        end if
        if type(session.adContent) <> "Invalid" and (type(session.adContent) <> "roInvalid" and type(session.adContent) <> "<uninitialized>") and (type(session.adContent) = "roAssociativeArray" or (type(session.adContent) = "roArray" or type(session.adContent) = "roSGNode"))
            mParticle_mediaAdContentAttrs(out, session.adContent)
        end if
        if type(session.segment) <> "Invalid" and (type(session.segment) <> "roInvalid" and type(session.segment) <> "<uninitialized>") and (type(session.segment) = "roAssociativeArray" or (type(session.segment) = "roArray" or type(session.segment) = "roSGNode"))
            mParticle_mediaSegmentAttrs(out, session.segment)
        end if
    end if
    return out
end function

function mParticle_mediaTimeSpent(s as object, now as longinteger) as longinteger
    end_ = now
    if s.ended
        end_ = s.endTime
    end if
    return mParticle_max(0, end_ - s.startTime)
end function

function mParticle_mediaAdTimeRate(adTime as longinteger, timeSpent as longinteger) as double
    if timeSpent <= 0&
        return 0#
    end if
    ad = adTime
    total = timeSpent
    percent = mParticle_div(ad * 100#, total)
    return mParticle_div(mParticle_round(percent * 100#), 100&)
end function

sub mParticle_mediaSessionTimeAttrs(out as object, s as object, now as longinteger)
    end_ = now
    if s.ended
        end_ = s.endTime
    end if
    out["media_session_start_time"] = mParticle_str(s.startTime)
    out["media_session_end_time"] = mParticle_str(end_)
    out["media_time_spent"] = mParticle_str(mParticle_mediaTimeSpent(s, now))
end sub

sub mParticle_mediaSessionSummaryAttrs(out as object, s as object, now as longinteger)
    mParticle_mediaSessionTimeAttrs(out, s, now)
    out["media_content_time_spent"] = mParticle_str(s.contentTime)
    out["media_content_complete"] = mParticle_str(s.contentComplete)
    out["media_session_segment_total"] = mParticle_str(s.segmentTotal)
    out["media_total_ad_time_spent"] = mParticle_str(s.adTime)
    out["media_ad_time_spent_rate"] = mParticle_str(mParticle_mediaAdTimeRate(s.adTime, mParticle_mediaTimeSpent(s, now)))
    out["media_session_ad_total"] = mParticle_str(s.adTotal)
    out["media_session_ad_objects"] = FormatJson(s.adObjects)
end sub

sub mParticle_mediaAdSummaryAttrs(out as object, ad as object)
    mParticle_mediaCopyInto(out, ad.attrs)
    out["ad_content_start_time"] = mParticle_str(ad.startTime)
    out["ad_content_end_time"] = mParticle_str(ad.endTime)
    out["ad_completed"] = mParticle_str(ad.completed)
    out["ad_skipped"] = mParticle_str(ad.skipped)
end sub

sub mParticle_mediaSegmentSummaryAttrs(out as object, segment as object)
    mParticle_mediaCopyInto(out, segment.attrs)
    out["segment_start_time"] = mParticle_str(segment.startTime)
    out["segment_end_time"] = mParticle_str(segment.endTime)
    out["media_segment_time_spent"] = mParticle_str(mParticle_max(0, segment.endTime - segment.startTime))
    out["segment_completed"] = mParticle_str(segment.completed)
    out["segment_skipped"] = mParticle_str(segment.skipped)
end sub

function mParticle_mediaIsRecord(v as dynamic) as boolean
    return type(v) = "roAssociativeArray" or type(v) = "roSGNode"
end function

function mParticle_mediaAsObject(v as dynamic) as dynamic
    if not (type(v) = "roAssociativeArray" or type(v) = "roSGNode")
        return invalid
    end if
    return v
end function

function mParticle_mediaFormatScalar(v as dynamic) as dynamic
    if type(v) = "roString" or type(v) = "String"
        return v
    end if
    if type(v) = "roInteger" or (type(v) = "roLongInteger" or (type(v) = "LongInteger" or (type(v) = "roFloat" or (type(v) = "roDouble" or (type(v) = "Integer" or (type(v) = "Float" or (type(v) = "Double" or type(v) = "roInt"))))))) or (type(v) = "roBoolean" or type(v) = "Boolean")
        return mParticle_str(v)
    end if
    return invalid
end function

function mParticle_mediaFormatCustom(v as dynamic) as dynamic
    scalar = mParticle_mediaFormatScalar(v)
    if type(scalar) <> "Invalid" and (type(scalar) <> "roInvalid" and type(scalar) <> "<uninitialized>")
        return scalar
    end if
    if type(v) = "Invalid" or (type(v) = "roInvalid" or type(v) = "<uninitialized>") or (type(v) = "Invalid" or (type(v) = "roInvalid" or type(v) = "<uninitialized>"))
        return invalid
    end if
    if type(v) = "roAssociativeArray" or (type(v) = "roArray" or type(v) = "roSGNode")
        return FormatJson(v)
    end if
    return invalid
end function

function mParticle_mediaNumberArgError(name as string, v as dynamic) as string
    if type(v) = "roInteger" or (type(v) = "roLongInteger" or (type(v) = "LongInteger" or (type(v) = "roFloat" or (type(v) = "roDouble" or (type(v) = "Integer" or (type(v) = "Float" or (type(v) = "Double" or type(v) = "roInt")))))))
        return ""
    end if
    if type(v) = "Invalid" or (type(v) = "roInvalid" or type(v) = "<uninitialized>") or (type(v) = "Invalid" or (type(v) = "roInvalid" or type(v) = "<uninitialized>"))
        return ""
    end if
    return "argument " + name + " must be a number, got " + mParticle_typeof(v)
end function

sub mParticle_mediaDeleteKeyNoCase(out as object, key as string)
    lower = LCase(key)
    for each k in out.Keys()
        if LCase(k) = lower
            out.Delete(k)
        end if
    end for
end sub

sub mParticle_mediaAddCustom(out as object, source as dynamic)
    if not (type(source) = "roAssociativeArray" or type(source) = "roSGNode")
        return
    end if
    for each k in source.Keys()
        value = source[k]
        if type(value) = "roString" or type(value) = "String"
            if out.Count() > 0
                mParticle_mediaDeleteKeyNoCase(out, k)
            end if
            out[k] = value
        else
            formatted = mParticle_mediaFormatCustom(value)
            if type(formatted) <> "Invalid" and (type(formatted) <> "roInvalid" and type(formatted) <> "<uninitialized>")
                if out.Count() > 0
                    mParticle_mediaDeleteKeyNoCase(out, k)
                end if
                out[k] = formatted
            end if
        end if
    end for
end sub

sub mParticle_mediaSetCustom(out as object, k as string, v as string)
    if out.Count() > 0
        mParticle_mediaDeleteKeyNoCase(out, k)
    end if
    out[k] = v
end sub

sub mParticle_mediaAddUnclashed(sdk as object, custom as object)
    for each k in custom.Keys()
        if not sdk.DoesExist(LCase(k))
            sdk[k] = custom[k]
        end if
    end for
end sub

function mParticle_mediaMergeAttributes(custom as object, sdk as object) as object
    merged = {}
    merged.Append(sdk)
    for each k in custom.Keys()
        if not merged.DoesExist(LCase(k))
            merged[k] = custom[k]
        end if
    end for
    return merged
end function

function mParticle_newMediaState() as object
    return { sessions: {}, closedIds: [] }
end function

function mParticle_mediaReduce(state as object, call as object, now as longinteger, newId as string) as object
    result = { state: state, events: [], errors: [] }
    if type(call.method) <> "roString" and type(call.method) <> "String"
        result.errors.Push("the media method must be a string")
        return result
    end if
    method = call.method
    if method <> "logPlayheadPosition" and not mParticle_mediaIsKnownMethod(method)
        result.errors.Push("unknown media method " + method)
        return result
    end if
    session = call.session
    if not (type(session) = "roAssociativeArray" or type(session) = "roSGNode")
        result.errors.Push("the media session is not an associative array (build it with MediaSession.build)")
        return result
    end if
    idValue = session.mediaSessionId
    if type(idValue) <> "roString" and type(idValue) <> "String"
        result.errors.Push("the media session has no mediaSessionId string")
        return result
    end if
    id = idValue
    if Len(id) = 0
        result.errors.Push("the media session has an empty mediaSessionId")
        return result
    end if
    argsValue = call.args
    if (type(argsValue) = "roAssociativeArray" or type(argsValue) = "roSGNode") and argsValue.Count() > 0
        argError = mParticle_mediaArgsError(argsValue)
        if argError <> ""
            result.errors.Push(argError)
            return result
        end if
    end if
    if state.closedIds.Count() > 0 and mParticle_indexOf(state.closedIds, id) >= 0
        result.errors.Push("media session " + id + " is closed (ended and summarized, or evicted); build a new MediaSession")
        return result
    end if
    s = state.sessions[id]
    if s = invalid
        if mParticle_mediaIsSummary(method)
            result.errors.Push("nothing to summarize, media session " + id + " has logged nothing")
            return result
        end if
        mParticle_mediaMakeRoom(state, result, now)
        s = mParticle_mediaNewSession(id, now)
        state.sessions[id] = s
    end if
    if s.ended and not mParticle_mediaIsSummary(method)
        result.errors.Push("media session " + id + " has ended; only summaries are accepted after logMediaSessionEnd")
        return result
    end if
    if s.counting and now > s.countFrom
        s.contentTime = s.contentTime + (now - s.countFrom)
    end if
    s.lastTime = now
    c = s.content
    v = session.contentId
    if type(v) = "roString" or type(v) = "String"
        c["content_id"] = v
    else if type(v) = "roInteger" or (type(v) = "roLongInteger" or (type(v) = "LongInteger" or (type(v) = "roFloat" or (type(v) = "roDouble" or (type(v) = "Integer" or (type(v) = "Float" or (type(v) = "Double" or type(v) = "roInt"))))))) or (type(v) = "roBoolean" or type(v) = "Boolean")
        c["content_id"] = mParticle_str(v)
    end if
    v_2 = session.title
    if type(v_2) = "roString" or type(v_2) = "String"
        c["content_title"] = v_2
    else if type(v_2) = "roInteger" or (type(v_2) = "roLongInteger" or (type(v_2) = "LongInteger" or (type(v_2) = "roFloat" or (type(v_2) = "roDouble" or (type(v_2) = "Integer" or (type(v_2) = "Float" or (type(v_2) = "Double" or type(v_2) = "roInt"))))))) or (type(v_2) = "roBoolean" or type(v_2) = "Boolean")
        c["content_title"] = mParticle_str(v_2)
    end if
    duration = session.duration
    if (type(duration) = "roInteger" or (type(duration) = "roLongInteger" or (type(duration) = "LongInteger" or (type(duration) = "roFloat" or (type(duration) = "roDouble" or (type(duration) = "Integer" or (type(duration) = "Float" or (type(duration) = "Double" or type(duration) = "roInt")))))))) and duration <> s.contentDuration
        c["content_duration"] = mParticle_str(duration)
        s.contentDuration = duration
    end if
    v_3 = session.contentType
    if type(v_3) = "roString" or type(v_3) = "String"
        c["content_type"] = v_3
    else if type(v_3) = "roInteger" or (type(v_3) = "roLongInteger" or (type(v_3) = "LongInteger" or (type(v_3) = "roFloat" or (type(v_3) = "roDouble" or (type(v_3) = "Integer" or (type(v_3) = "Float" or (type(v_3) = "Double" or type(v_3) = "roInt"))))))) or (type(v_3) = "roBoolean" or type(v_3) = "Boolean")
        c["content_type"] = mParticle_str(v_3)
    end if
    v_4 = session.streamType
    if type(v_4) = "roString" or type(v_4) = "String"
        c["stream_type"] = v_4
    else if type(v_4) = "roInteger" or (type(v_4) = "roLongInteger" or (type(v_4) = "LongInteger" or (type(v_4) = "roFloat" or (type(v_4) = "roDouble" or (type(v_4) = "Integer" or (type(v_4) = "Float" or (type(v_4) = "Double" or type(v_4) = "roInt"))))))) or (type(v_4) = "roBoolean" or type(v_4) = "Boolean")
        c["stream_type"] = mParticle_str(v_4)
    end if
    playhead = session.currentPlayheadPosition
    if type(playhead) = "roInteger" or (type(playhead) = "roLongInteger" or (type(playhead) = "LongInteger" or (type(playhead) = "roFloat" or (type(playhead) = "roDouble" or (type(playhead) = "Integer" or (type(playhead) = "Float" or (type(playhead) = "Double" or type(playhead) = "roInt")))))))
        c["playhead_position"] = mParticle_str(playhead)
    end if
    exclude = session.excludeAdBreaksFromContentTime
    if type(exclude) = "roBoolean" or type(exclude) = "Boolean"
        s.excludeAds = exclude
    end if
    custom = {}
    sessionAttributes = session.mediaSessionAttributes
    if (type(sessionAttributes) = "roAssociativeArray" or type(sessionAttributes) = "roSGNode") and sessionAttributes.Count() > 0
        if type(sessionAttributes) = "roAssociativeArray" or type(sessionAttributes) = "roSGNode"
            for each k in sessionAttributes.Keys()
                value = sessionAttributes[k]
                if type(value) = "roString" or type(value) = "String"
                    if custom.Count() > 0
                        mParticle_mediaDeleteKeyNoCase(custom, k)
                    end if
                    custom[k] = value
                else
                    formatted = mParticle_mediaFormatCustom(value)
                    if type(formatted) <> "Invalid" and (type(formatted) <> "roInvalid" and type(formatted) <> "<uninitialized>")
                        if custom.Count() > 0
                            mParticle_mediaDeleteKeyNoCase(custom, k)
                        end if
                        custom[k] = formatted
                    end if
                end if
            end for
        end if
    end if
    source = call.options
    if type(source) = "roAssociativeArray" or type(source) = "roSGNode"
        for each k_3 in source.Keys()
            value_2 = source[k_3]
            if type(value_2) = "roString" or type(value_2) = "String"
                if custom.Count() > 0
                    mParticle_mediaDeleteKeyNoCase(custom, k_3)
                end if
                custom[k_3] = value_2
            else
                formatted_2 = mParticle_mediaFormatCustom(value_2)
                if type(formatted_2) <> "Invalid" and (type(formatted_2) <> "roInvalid" and type(formatted_2) <> "<uninitialized>")
                    if custom.Count() > 0
                        mParticle_mediaDeleteKeyNoCase(custom, k_3)
                    end if
                    custom[k_3] = formatted_2
                end if
            end if
        end for
    end if
    if method = "logPlayheadPosition"
        attrs = {}
        attrs.Append(s.content)
        attrs.Append(s.qos)
        if type(session.adBreak) <> "Invalid" and (type(session.adBreak) <> "roInvalid" and type(session.adBreak) <> "<uninitialized>") and (type(session.adBreak) = "roAssociativeArray" or (type(session.adBreak) = "roArray" or type(session.adBreak) = "roSGNode"))
            mParticle_mediaAdBreakAttrs(attrs, session.adBreak)
        end if
        if type(session.adContent) <> "Invalid" and (type(session.adContent) <> "roInvalid" and type(session.adContent) <> "<uninitialized>") and (type(session.adContent) = "roAssociativeArray" or (type(session.adContent) = "roArray" or type(session.adContent) = "roSGNode"))
            mParticle_mediaAdContentAttrs(attrs, session.adContent)
        end if
        if type(session.segment) <> "Invalid" and (type(session.segment) <> "roInvalid" and type(session.segment) <> "<uninitialized>") and (type(session.segment) = "roAssociativeArray" or (type(session.segment) = "roArray" or type(session.segment) = "roSGNode"))
            mParticle_mediaSegmentAttrs(attrs, session.segment)
        end if
        if custom.Count() > 0
            for each k_2 in custom.Keys()
                if not attrs.DoesExist(LCase(k_2))
                    attrs[k_2] = custom[k_2]
                end if
            end for
        end if
        result.events.Push({ name: "Update Playhead Position", sessionId: s.id, attrs: attrs })
    else
        auto = (type(call.autoSummaries) = "roBoolean" or type(call.autoSummaries) = "Boolean") and call.autoSummaries
        mParticle_mediaApply(state, s, session, call, method, custom, auto, now, result)
    end if
    inAd = s.inAdBreak
    if s.ad <> invalid
        ad = s.ad
        if ad.running
            inAd = true
        end if
    end if
    s.counting = s.playing and not s.ended and not (s.excludeAds and inAd)
    s.countFrom = now
    return result
end function

function mParticle_mediaIsSummary(method as string) as boolean
    return method = "logAdSummary" or method = "logSegmentSummary" or method = "logMediaSessionSummary"
end function

sub mParticle_mediaApply(state as object, s as object, session as object, call as object, method as string, custom as object, auto as boolean, now as longinteger, result as object)
    sdk = {}
    sdk.Append(s.content)
    sdk.Append(s.qos)
    if type(session.adBreak) <> "Invalid" and (type(session.adBreak) <> "roInvalid" and type(session.adBreak) <> "<uninitialized>") and (type(session.adBreak) = "roAssociativeArray" or (type(session.adBreak) = "roArray" or type(session.adBreak) = "roSGNode"))
        mParticle_mediaAdBreakAttrs(sdk, session.adBreak)
    end if
    if type(session.adContent) <> "Invalid" and (type(session.adContent) <> "roInvalid" and type(session.adContent) <> "<uninitialized>") and (type(session.adContent) = "roAssociativeArray" or (type(session.adContent) = "roArray" or type(session.adContent) = "roSGNode"))
        mParticle_mediaAdContentAttrs(sdk, session.adContent)
    end if
    if type(session.segment) <> "Invalid" and (type(session.segment) <> "roInvalid" and type(session.segment) <> "<uninitialized>") and (type(session.segment) = "roAssociativeArray" or (type(session.segment) = "roArray" or type(session.segment) = "roSGNode"))
        mParticle_mediaSegmentAttrs(sdk, session.segment)
    end if
    args = invalid
    if method = "logSeekStart" or method = "logSeekEnd" or method = "logBufferStart" or method = "logBufferEnd" or method = "logQoS"
        v = call.args
        if not (type(v) = "roAssociativeArray" or type(v) = "roSGNode")
            args = invalid
        else
            args = v
        end if
    end if
    if method = "logPlay"
        s.playing = true
        mParticle_mediaEmit(result, "Play", s, custom, sdk)
        return
    else if method = "logPause"
        s.playing = false
        mParticle_mediaEmit(result, "Pause", s, custom, sdk)
        return
    else if method = "logMediaContentEnd"
        s.playing = false
        s.contentComplete = true
        mParticle_mediaEmit(result, "Media Content End", s, custom, sdk)
        return
    else if method = "logMediaSessionStart"
        sdk["media_session_start_time"] = mParticle_str(s.startTime)
        mParticle_mediaEmit(result, "Media Session Start", s, custom, sdk)
        return
    else if method = "logMediaSessionEnd"
        mParticle_mediaEndSession(state, s, session, custom, auto, now, result, sdk)
        return
    else if method = "logSeekStart"
        mParticle_mediaPutArg(sdk, "seek_position", args, "position")
        mParticle_mediaEmit(result, "Seek Start", s, custom, sdk)
        return
    else if method = "logSeekEnd"
        mParticle_mediaPutArg(sdk, "seek_position", args, "position")
        mParticle_mediaEmit(result, "Seek End", s, custom, sdk)
        return
    else if method = "logBufferStart"
        mParticle_mediaBufferArgs(sdk, args)
        mParticle_mediaEmit(result, "Buffer Start", s, custom, sdk)
        return
    else if method = "logBufferEnd"
        mParticle_mediaBufferArgs(sdk, args)
        mParticle_mediaEmit(result, "Buffer End", s, custom, sdk)
        return
    else if method = "logAdClick"
        mParticle_mediaEmit(result, "Ad Click", s, custom, sdk)
        return
    else if method = "logAdBreakStart"
        if mParticle_mediaAsObject(session.adBreak) = invalid
            result.errors.Push("mediaSession.adBreak is not set; set it (adBreak.build) before logAdBreakStart")
            return
        end if
        s.inAdBreak = true
        s.adBreakStartTime = now
        mParticle_mediaEmit(result, "Ad Break Start", s, custom, sdk)
        return
    else if method = "logAdBreakEnd"
        if s.inAdBreak
            sdk["ad_break_playback_time"] = mParticle_str(mParticle_max(0, now - s.adBreakStartTime))
            s.inAdBreak = false
        else
            result.errors.Push("no ad break started (logAdBreakStart); the event is sent without ad_break_playback_time")
        end if
        mParticle_mediaEmit(result, "Ad Break End", s, custom, sdk)
        return
    else if method = "logAdStart"
        mParticle_mediaStartAd(s, session, custom, auto, now, result, sdk)
        return
    else if method = "logAdEnd"
        mParticle_mediaFinishAd(s, session, custom, auto, now, result, sdk, true)
        return
    else if method = "logAdSkip"
        mParticle_mediaFinishAd(s, session, custom, auto, now, result, sdk, false)
        return
    else if method = "logSegmentStart"
        mParticle_mediaStartSegment(s, session, custom, auto, now, result, sdk)
        return
    else if method = "logSegmentEnd"
        mParticle_mediaFinishSegment(s, session, custom, auto, now, result, sdk, true)
        return
    else if method = "logSegmentSkip"
        mParticle_mediaFinishSegment(s, session, custom, auto, now, result, sdk, false)
        return
    else if method = "logQoS"
        mParticle_mediaPutArg(s.qos, "qos_startup_time", args, "startupTime")
        mParticle_mediaPutArg(s.qos, "qos_dropped_frames", args, "droppedFrames")
        mParticle_mediaPutArg(s.qos, "qos_bitrate", args, "bitRate")
        mParticle_mediaPutArg(s.qos, "qos_fps", args, "fps")
        mParticle_mediaEmit(result, "Update QoS", s, custom, mParticle_mediaBaseAttrs(s, session, true))
        return
    else if method = "logAdSummary"
        mParticle_mediaAdSummary(s, session, custom, now, result)
        return
    else if method = "logSegmentSummary"
        mParticle_mediaSegmentSummary(s, session, custom, now, result)
        return
    else if method = "logMediaSessionSummary"
        mParticle_mediaSessionSummary(state, s, session, custom, now, result)
        return
    else
        result.errors.Push("unknown media method " + method)
        return
    end if
end sub

function mParticle_mediaIsKnownMethod(method as dynamic) as boolean
    if type(method) <> "roString" and type(method) <> "String"
        return false
    end if
    if method = "logPlayheadPosition" or method = "logPlay" or method = "logPause" or method = "logMediaContentEnd" or method = "logMediaSessionStart" or method = "logMediaSessionEnd" or method = "logSeekStart" or method = "logSeekEnd" or method = "logBufferStart" or method = "logBufferEnd" or method = "logAdClick" or method = "logAdBreakStart" or method = "logAdBreakEnd" or method = "logAdStart" or method = "logAdEnd" or method = "logAdSkip" or method = "logSegmentStart" or method = "logSegmentEnd" or method = "logSegmentSkip" or method = "logQoS" or method = "logAdSummary" or method = "logSegmentSummary" or method = "logMediaSessionSummary"
        return true
    else
        return false
    end if
end function

function mParticle_mediaArgsError(args as object) as string
    names = [ "position", "duration", "bufferPercent", "startupTime", "droppedFrames", "bitRate", "fps" ]
    for each name in names
        e = mParticle_mediaNumberArgError(name, args[name])
        if e <> ""
            return e
        end if
    end for
    return ""
end function

sub mParticle_mediaPutArg(out as object, key as string, args as dynamic, name as string)
    if args = invalid
        return
    end if
    v = args[name]
    if type(v) = "roInteger" or (type(v) = "roLongInteger" or (type(v) = "LongInteger" or (type(v) = "roFloat" or (type(v) = "roDouble" or (type(v) = "Integer" or (type(v) = "Float" or (type(v) = "Double" or type(v) = "roInt")))))))
        out[key] = mParticle_str(v)
    end if
end sub

sub mParticle_mediaBufferArgs(out as object, args as dynamic)
    mParticle_mediaPutArg(out, "buffer_duration", args, "duration")
    mParticle_mediaPutArg(out, "buffer_percent", args, "bufferPercent")
    mParticle_mediaPutArg(out, "buffer_position", args, "position")
end sub

function mParticle_mediaNewSession(id as string, now as longinteger) as object
    return {
        id: id,
        startTime: now,
        lastTime: now,
        endTime: now,
        ended: false,
        summarySent: false,
        content: mParticle_mediaInitialContent(id),
        contentDuration: 0#,
        playing: false,
        inAdBreak: false,
        adBreakStartTime: now,
        excludeAds: false,
        contentTime: 0&,
        countFrom: now,
        counting: false,
        contentComplete: false,
        adTotal: 0,
        adObjects: [],
        adTime: 0&,
        segmentTotal: 0,
        qos: {}
    }
end function

sub mParticle_mediaMakeRoom(state as object, result as object, now as longinteger)
    ids = state.sessions.Keys()
    if ids.Count() < 8
        return
    end if
    victim = ""
    victimTime = now
    for each id in ids
        t = state.sessions[id].lastTime
        if victim = "" or t < victimTime or (t = victimTime and id < victim)
            victim = id
            victimTime = t
        end if
    end for
    mParticle_mediaForget(state, victim)
    result.errors.Push("too many open media sessions; dropped media session " + victim + " (log logMediaSessionEnd when a session is over)")
end sub

sub mParticle_mediaForget(state as object, id as string)
    state.sessions.Delete(id)
    state.closedIds.Push(id)
    if state.closedIds.Count() > 32
        state.closedIds = mParticle_slice(state.closedIds, state.closedIds.Count() - 32, state.closedIds.Count())
    end if
end sub

sub mParticle_mediaEmit(result as object, name as string, s as object, custom as object, sdk as object)
    result.events.Push({ name: name, sessionId: s.id, attrs: mParticle_mediaMergeAttributes(custom, sdk) })
end sub

function mParticle_mediaNewSpan(attrs as object, now as longinteger) as object
    return {
        attrs: attrs,
        startTime: now,
        endTime: now,
        running: true,
        completed: false,
        skipped: false,
        summarySent: false
    }
end function

sub mParticle_mediaCloseAd(s as object, ad as object, now as longinteger, completed as boolean, skipped as boolean)
    ad.running = false
    ad.endTime = now
    ad.completed = completed
    ad.skipped = skipped
    s.adTime = s.adTime + mParticle_max(0, now - ad.startTime)
end sub

sub mParticle_mediaCloseSegment(segment as object, now as longinteger, completed as boolean, skipped as boolean)
    segment.running = false
    segment.endTime = now
    segment.completed = completed
    segment.skipped = skipped
end sub

sub mParticle_mediaStartAd(s as object, session as object, custom as object, auto as boolean, now as longinteger, result as object, sdk as object)
    v = session.adContent
    if not (type(v) = "roAssociativeArray" or type(v) = "roSGNode")
        adContent = invalid
    else
        adContent = v
    end if
    if adContent = invalid
        result.errors.Push("mediaSession.adContent is not set; set it (adContent.build) before logAdStart")
        return
    end if
    mParticle_mediaCloseRunningAd(s, session, custom, auto, now, result)
    s.adTotal = s.adTotal + 1
    adId = mParticle_mediaFormatScalar(adContent.id)
    if type(adId) <> "Invalid" and (type(adId) <> "roInvalid" and type(adId) <> "<uninitialized>")
        s.adObjects.Push(adId)
    end if
    snapshot = {}
    mParticle_mediaAdBreakAttrs(snapshot, session.adBreak)
    mParticle_mediaAdContentAttrs(snapshot, adContent)
    s.ad = mParticle_mediaNewSpan(snapshot, now)
    mParticle_mediaEmit(result, "Ad Start", s, custom, sdk)
end sub

sub mParticle_mediaCloseRunningAd(s as object, session as object, custom as object, auto as boolean, now as longinteger, result as object)
    if s.ad = invalid
        return
    end if
    ad = s.ad
    if not ad.running
        return
    end if
    mParticle_mediaCloseAd(s, ad, now, false, false)
    if auto
        mParticle_mediaAdSummary(s, session, custom, now, result)
    end if
end sub

sub mParticle_mediaFinishAd(s as object, session as object, custom as object, auto as boolean, now as longinteger, result as object, sdk as object, completed as boolean)
    name = "Ad Skip"
    if completed
        name = "Ad End"
    end if
    running = false
    if s.ad <> invalid
        ad = s.ad
        running = ad.running
    end if
    if not running
        result.errors.Push("no ad is playing (logAdStart); the event is sent but no ad time is counted")
        mParticle_mediaEmit(result, name, s, custom, sdk)
        return
    end if
    ad_2 = s.ad
    fresh = {}
    mParticle_mediaAdContentAttrs(fresh, session.adContent)
    freshId = fresh["ad_content_id"]
    oldId = ad_2.attrs["ad_content_id"]
    if type(freshId) <> "Invalid" and (type(freshId) <> "roInvalid" and type(freshId) <> "<uninitialized>") and (type(oldId) = "Invalid" or (type(oldId) = "roInvalid" or type(oldId) = "<uninitialized>") or freshId = oldId)
        for each k in fresh.Keys()
            ad_2.attrs[k] = fresh[k]
        end for
    end if
    mParticle_mediaCloseAd(s, ad_2, now, completed, not completed)
    mParticle_mediaEmit(result, name, s, custom, sdk)
    if auto
        mParticle_mediaAdSummary(s, session, custom, now, result)
    end if
end sub

sub mParticle_mediaStartSegment(s as object, session as object, custom as object, auto as boolean, now as longinteger, result as object, sdk as object)
    if mParticle_mediaAsObject(session.segment) = invalid
        result.errors.Push("mediaSession.segment is not set; set it (segment.build) before logSegmentStart")
        return
    end if
    mParticle_mediaCloseRunningSegment(s, session, custom, auto, now, result)
    s.segmentTotal = s.segmentTotal + 1
    snapshot = {}
    mParticle_mediaSegmentAttrs(snapshot, session.segment)
    s.segment = mParticle_mediaNewSpan(snapshot, now)
    mParticle_mediaEmit(result, "Segment Start", s, custom, sdk)
end sub

sub mParticle_mediaCloseRunningSegment(s as object, session as object, custom as object, auto as boolean, now as longinteger, result as object)
    if s.segment = invalid
        return
    end if
    segment = s.segment
    if not segment.running
        return
    end if
    mParticle_mediaCloseSegment(segment, now, false, false)
    if auto
        mParticle_mediaSegmentSummary(s, session, custom, now, result)
    end if
end sub

sub mParticle_mediaFinishSegment(s as object, session as object, custom as object, auto as boolean, now as longinteger, result as object, sdk as object, completed as boolean)
    name = "Segment Skip"
    if completed
        name = "Segment End"
    end if
    running = false
    if s.segment <> invalid
        segment = s.segment
        running = segment.running
    end if
    if not running
        result.errors.Push("no segment is playing (logSegmentStart); the event is sent without segment timing")
        mParticle_mediaEmit(result, name, s, custom, sdk)
        return
    end if
    segment_2 = s.segment
    mParticle_mediaCloseSegment(segment_2, now, completed, not completed)
    mParticle_mediaEmit(result, name, s, custom, sdk)
    if auto
        mParticle_mediaSegmentSummary(s, session, custom, now, result)
    end if
end sub

sub mParticle_mediaEndSession(state as object, s as object, session as object, custom as object, auto as boolean, now as longinteger, result as object, sdk as object)
    if s.ad <> invalid
        ad = s.ad
        if ad.running
            mParticle_mediaCloseAd(s, ad, now, false, false)
        end if
    end if
    if s.segment <> invalid
        segment = s.segment
        if segment.running
            mParticle_mediaCloseSegment(segment, now, false, false)
        end if
    end if
    s.inAdBreak = false
    s.playing = false
    s.ended = true
    s.endTime = now
    mParticle_mediaSessionTimeAttrs(sdk, s, now)
    sdk["media_content_time_spent"] = mParticle_str(s.contentTime)
    mParticle_mediaEmit(result, "Media Session End", s, custom, sdk)
    if not auto
        return
    end if
    if s.ad <> invalid
        ad = s.ad
        if not ad.summarySent
            mParticle_mediaAdSummary(s, session, custom, now, result)
        end if
    end if
    if s.segment <> invalid
        segment = s.segment
        if not segment.summarySent
            mParticle_mediaSegmentSummary(s, session, custom, now, result)
        end if
    end if
    mParticle_mediaSessionSummary(state, s, session, custom, now, result)
end sub

function mParticle_mediaSpanSummarizable(span as dynamic, what as string, startCall as string, endCalls as string, summaryName as string, sessionId as string, result as object) as boolean
    if span = invalid
        result.errors.Push("no " + what + " to summarize in media session " + sessionId + " (" + startCall + " first)")
        return false
    end if
    ended = span
    if ended.running
        result.errors.Push("the " + what + " is still playing; log its summary after " + endCalls)
        return false
    end if
    if ended.summarySent
        result.errors.Push("the " + summaryName + " of this " + what + " was already sent")
        return false
    end if
    return true
end function

sub mParticle_mediaAdSummary(s as object, session as object, custom as object, now as longinteger, result as object)
    ends = "logAdEnd or logAdSkip"
    if not mParticle_mediaSpanSummarizable(s.ad, "ad", "logAdStart", ends, "Ad Session Summary", s.id, result)
        return
    end if
    ad = s.ad
    ad.summarySent = true
    sdk = {}
    sdk.Append(s.content)
    sdk.Append(s.qos)
    mParticle_mediaAdSummaryAttrs(sdk, ad)
    mParticle_mediaEmit(result, "Ad Session Summary", s, custom, sdk)
end sub

sub mParticle_mediaSegmentSummary(s as object, session as object, custom as object, now as longinteger, result as object)
    ends = "logSegmentEnd or logSegmentSkip"
    if not mParticle_mediaSpanSummarizable(s.segment, "segment", "logSegmentStart", ends, "Segment Session Summary", s.id, result)
        return
    end if
    segment = s.segment
    segment.summarySent = true
    sdk = {}
    sdk.Append(s.content)
    sdk.Append(s.qos)
    mParticle_mediaSegmentSummaryAttrs(sdk, segment)
    mParticle_mediaEmit(result, "Segment Session Summary", s, custom, sdk)
end sub

sub mParticle_mediaSessionSummary(state as object, s as object, session as object, custom as object, now as longinteger, result as object)
    if not s.ended
        result.errors.Push("media session " + s.id + " has not ended; log its summary after logMediaSessionEnd")
        return
    end if
    if s.summarySent
        result.errors.Push("the Media Session Summary of " + s.id + " was already sent")
        return
    end if
    s.summarySent = true
    sdk = {}
    sdk.Append(s.content)
    sdk.Append(s.qos)
    mParticle_mediaSessionSummaryAttrs(sdk, s, now)
    mParticle_mediaEmit(result, "Media Session Summary", s, custom, sdk)
    mParticle_mediaForget(state, s.id)
end sub

sub mParticle_trackStitched(t as object, kind as string, name as string, value as dynamic, now as longinteger, out as object)
    if not t.stitched
        t.stitched = true
        t.session.excludeAdBreaksFromContentTime = true
    end if
    if not (type(value) = "roAssociativeArray" or type(value) = "roSGNode")
        ev = invalid
    else
        ev = value
    end if
    if ev = invalid
        ev = {}
    end if
    e = ev
    if kind = "rafx"
        if name = "PodsFound"
            mParticle_trackAddBreaks(t, e.adPods, "renderTime", "duration", true)
        end if
    else
        mParticle_trackAddBreaks(t, e.cuePoints, "startSec", "endSec", false)
    end if
    if t.positionKnown
        t.positionSec = mParticle_trackContentSeconds(t, t.streamSec)
    end if
    if kind = "rafx"
        mParticle_trackRafx(t, name, ev, now, out)
    else
        mParticle_trackIma(t, name, ev, now, out)
    end if
end sub

sub mParticle_trackStitchedPosition(t as object, seconds as double, now as longinteger, out as object)
    inBreak = mParticle_trackBreakAt(t, seconds)
    if t.adBreakActive and t.stitchedPodEnd > t.stitchedPodStart
        slack = 5
        if seconds > t.stitchedPodEnd + slack or seconds < t.stitchedPodStart - slack
            mParticle_trackStitchedBreakEnd(t, "logAdSkip", now, out)
        end if
    end if
    t.stitchedInBreak = inBreak
    if inBreak or t.adBreakActive or t.adPlaying
        return
    end if
    mParticle_trackPosition(t, mParticle_trackContentSeconds(t, seconds), now, out)
end sub

function mParticle_trackContentSeconds(t as object, seconds as double) as double
    ads = 0
    for each b in t.stitchedBreaks
        if b.endSec <= seconds
            ads = ads + (b.endSec - b.startSec)
        else if b.startSec < seconds
            ads = ads + (seconds - b.startSec)
        end if
    end for
    return seconds - ads
end function

function mParticle_trackBreakAt(t as object, seconds as double) as boolean
    for each b in t.stitchedBreaks
        if b.startSec <= seconds and seconds < b.endSec
            return true
        end if
    end for
    return false
end function

sub mParticle_trackAddBreak(t as object, start as double, end_ as double)
    if end_ <= start
        return
    end if
    next_ = []
    placed = false
    for each b in t.stitchedBreaks
        if b.startSec < end_ and start < b.endSec
            return
        end if
        if not placed and start < b.startSec
            next_.Push({ startSec: start, endSec: end_ })
            placed = true
        end if
        next_.Push(b)
    end for
    if not placed
        next_.Push({ startSec: start, endSec: end_ })
    end if
    t.stitchedBreaks = next_
end sub

sub mParticle_trackAddBreaks(t as object, list as dynamic, startKey as string, endKey as string, endIsLength as boolean)
    if not (type(list) = "roArray")
        return
    end if
    for each item in list
        if not (type(item) = "roAssociativeArray" or type(item) = "roSGNode")
            o = invalid
        else
            o = item
        end if
        if o <> invalid
            start = o[startKey]
            end_ = o[endKey]
            if (type(start) = "roInteger" or (type(start) = "roLongInteger" or (type(start) = "LongInteger" or (type(start) = "roFloat" or (type(start) = "roDouble" or (type(start) = "Integer" or (type(start) = "Float" or (type(start) = "Double" or type(start) = "roInt")))))))) and (type(end_) = "roInteger" or (type(end_) = "roLongInteger" or (type(end_) = "LongInteger" or (type(end_) = "roFloat" or (type(end_) = "roDouble" or (type(end_) = "Integer" or (type(end_) = "Float" or (type(end_) = "Double" or type(end_) = "roInt"))))))))
                mParticle_trackAddBreak(t, start, mParticle_iif(endIsLength, start + end_, end_))
            end if
        end if
    end for
    t.stitchedInBreak = mParticle_trackBreakAt(t, t.streamSec)
end sub

sub mParticle_trackPodRange(t as object, start as double, durationSec as dynamic)
    t.stitchedPodStart = start
    t.stitchedPodEnd = -1#
    if type(durationSec) = "roInteger" or (type(durationSec) = "roLongInteger" or (type(durationSec) = "LongInteger" or (type(durationSec) = "roFloat" or (type(durationSec) = "roDouble" or (type(durationSec) = "Integer" or (type(durationSec) = "Float" or (type(durationSec) = "Double" or type(durationSec) = "roInt")))))))
        if durationSec > 0#
            t.stitchedPodEnd = start + durationSec
            mParticle_trackAddBreak(t, start, t.stitchedPodEnd)
        end if
    end if
    t.stitchedInBreak = mParticle_trackBreakAt(t, t.streamSec)
end sub

sub mParticle_trackStitchedBreakEnd(t as object, adMethod as string, now as longinteger, out as object)
    mParticle_trackAdFinish(t, adMethod, out)
    t.stitchedAdIndex = -1
    t.stitchedAds = []
    wasActive = t.adBreakActive
    mParticle_trackPodEnd(t, now, out)
    t.stitchedInBreak = mParticle_trackBreakAt(t, t.streamSec)
    if wasActive and not t.stitchedInBreak and t.nodeState = "playing"
        mParticle_trackPlaying(t, now, out)
    end if
end sub

sub mParticle_trackStitchedFinished(t as object, now as longinteger, out as object)
    mParticle_trackStitchedBreakEnd(t, "logAdEnd", now, out)
    mParticle_trackContentEnd(t, out)
end sub

sub mParticle_trackRafx(t as object, name as string, ev as object, now as longinteger, out as object)
    if name = "PodStart"
        mParticle_trackRafxPodStart(t, ev, now, out)
        return
    else if name = "Impression" or name = "Start"
        mParticle_trackRafxAdStart(t, ev.position, out)
        return
    else if name = "Complete"
        mParticle_trackAdFinish(t, "logAdEnd", out)
        t.stitchedAdIndex = -1
        return
    else if name = "PodComplete"
        mParticle_trackStitchedBreakEnd(t, "logAdEnd", now, out)
        return
    else
        return
    end if
end sub

sub mParticle_trackRafxPodStart(t as object, ev as object, now as longinteger, out as object)
    v = ev.adPod
    if not (type(v) = "roAssociativeArray" or type(v) = "roSGNode")
        pod = invalid
    else
        pod = v
    end if
    if pod = invalid
        pod = {}
    end if
    p = pod
    mParticle_trackBreakStart(t, p.renderSequence, p.duration, now, out)
    start = t.streamSec
    renderTime = p.renderTime
    position = ev.position
    if type(renderTime) = "roInteger" or (type(renderTime) = "roLongInteger" or (type(renderTime) = "LongInteger" or (type(renderTime) = "roFloat" or (type(renderTime) = "roDouble" or (type(renderTime) = "Integer" or (type(renderTime) = "Float" or (type(renderTime) = "Double" or type(renderTime) = "roInt")))))))
        start = renderTime
    else if type(position) = "roInteger" or (type(position) = "roLongInteger" or (type(position) = "LongInteger" or (type(position) = "roFloat" or (type(position) = "roDouble" or (type(position) = "Integer" or (type(position) = "Float" or (type(position) = "Double" or type(position) = "roInt")))))))
        start = position
    end if
    mParticle_trackPodRange(t, start, p.duration)
    ads = []
    list = p.ads
    if type(list) = "roArray"
        for each a in list
            if not (type(a) = "roAssociativeArray" or type(a) = "roSGNode")
                ad = invalid
            else
                ad = a
            end if
            if ad <> invalid
                ads.Push(ad)
            end if
        end for
    end if
    t.stitchedAds = ads
    t.stitchedAdIndex = -1
end sub

sub mParticle_trackRafxAdStart(t as object, position as dynamic, out as object)
    if t.stitchedAds.Count() = 0
        if not t.adPlaying
            mParticle_trackAdBegin(t, invalid, invalid, invalid, invalid, invalid, invalid, out)
        end if
        return
    end if
    at = t.streamSec
    if type(position) = "roInteger" or (type(position) = "roLongInteger" or (type(position) = "LongInteger" or (type(position) = "roFloat" or (type(position) = "roDouble" or (type(position) = "Integer" or (type(position) = "Float" or (type(position) = "Double" or type(position) = "roInt")))))))
        at = position
    end if
    index = 0
    begin = t.stitchedPodStart
    i = 0
    while i < t.stitchedAds.Count()
        if mParticle_floor(begin) <= at
            index = i
        end if
        d = t.stitchedAds[i].duration
        if type(d) = "roInteger" or (type(d) = "roLongInteger" or (type(d) = "LongInteger" or (type(d) = "roFloat" or (type(d) = "roDouble" or (type(d) = "Integer" or (type(d) = "Float" or (type(d) = "Double" or type(d) = "roInt")))))))
            begin = begin + d
        end if
        i++
    end while
    if t.adPlaying
        if t.stitchedAdIndex = index
            return
        end if
        mParticle_trackAdFinish(t, "logAdEnd", out)
    end if
    ad = t.stitchedAds[index]
    if type(ad.adtitle) <> "Invalid" and (type(ad.adtitle) <> "roInvalid" and type(ad.adtitle) <> "<uninitialized>")
        title = ad.adtitle
    else
        title = ad.title
    end if
    mParticle_trackAdBegin(t, ad.adid, title, ad.advertiser, ad.creativeid, ad.duration, index + 1, out)
    t.stitchedAdIndex = index
end sub

sub mParticle_trackIma(t as object, name as string, ev as object, now as longinteger, out as object)
    if name = "adBreakStarted"
        mParticle_trackImaBreakStart(t, ev, now, out)
        return
    else if name = "adBreakEnded"
        mParticle_trackStitchedBreakEnd(t, "logAdEnd", now, out)
        return
    else if name = "start"
        if t.adPlaying
            mParticle_trackAdFinish(t, "logAdEnd", out)
        end if
        mParticle_trackAdBegin(t, ev.adId, ev.adTitle, ev.advertiserName, ev.creativeId, ev.duration, ev.adPosition, out)
        return
    else if name = "complete"
        mParticle_trackAdFinish(t, "logAdEnd", out)
        return
    else if name = "skipped"
        mParticle_trackAdFinish(t, "logAdSkip", out)
        return
    else
        return
    end if
end sub

sub mParticle_trackImaBreakStart(t as object, ev as object, now as longinteger, out as object)
    title = "pod"
    offset = ev.timeOffset
    if type(offset) = "roInteger" or (type(offset) = "roLongInteger" or (type(offset) = "LongInteger" or (type(offset) = "roFloat" or (type(offset) = "roDouble" or (type(offset) = "Integer" or (type(offset) = "Float" or (type(offset) = "Double" or type(offset) = "roInt")))))))
        if offset = 0#
            title = "preroll"
        else if offset < 0#
            title = "postroll"
        else
            title = "midroll"
        end if
    end if
    duration = invalid
    d = ev.duration
    if type(d) = "roInteger" or (type(d) = "roLongInteger" or (type(d) = "LongInteger" or (type(d) = "roFloat" or (type(d) = "roDouble" or (type(d) = "Integer" or (type(d) = "Float" or (type(d) = "Double" or type(d) = "roInt")))))))
        if d > 0#
            duration = d
        end if
    end if
    mParticle_trackBreakStart(t, title, duration, now, out)
    for each b in t.stitchedBreaks
        if b.startSec - 5# <= t.streamSec and t.streamSec < b.endSec
            t.stitchedPodStart = b.startSec
            t.stitchedPodEnd = b.endSec
            t.stitchedInBreak = mParticle_trackBreakAt(t, t.streamSec)
            return
        end if
    end for
    mParticle_trackPodRange(t, t.streamSec, duration)
end sub

function mParticle_trackersReduce(state as object, input as object, now as longinteger) as object
    out = { state: state, effects: [] }
    kind = input.kind
    if kind = "nodeEvent"
        t = state.trackers[input.sessionId]
        if t <> invalid
            r = mParticle_trackReduce(t, { kind: "field", name: input.field, value: input.value }, now)
            if r.errors.Count() > 0
                mParticle_trackersErrors(out, "tracking", r.errors)
            end if
            if r.calls.Count() > 0
                mParticle_trackersCalls(state, r.calls, out)
            end if
        end if
        return out
    end if
    if not state.ready
        return out
    end if
    if kind = "trackVideo"
        mParticle_trackersTrackVideo(state, input, now, out)
    else if kind = "stopTracking"
        mParticle_trackersStop(state, input, now, out)
    else if kind = "adEvent"
        mParticle_trackersAd(state, input, "raf", "media.trackAdEvent", now, out)
    else if kind = "stitchedAdEvent"
        source = input.source
        if source <> "rafx" and source <> "ima"
            mParticle_trackersLog(out, 1, "media.trackStitchedAdEvent: source must be rafx or ima, got " + source + "; call dropped")
        else
            mParticle_trackersAd(state, input, source, "media.trackStitchedAdEvent", now, out)
        end if
    else
        mParticle_trackersLog(out, 1, "tracking: unknown input " + kind)
    end if
    return out
end function

function mParticle_trackersSessionId(session as dynamic, where as string, out as object) as string
    if not (type(session) = "roAssociativeArray" or type(session) = "roSGNode")
        s = invalid
    else
        s = session
    end if
    if s <> invalid
        id = s.mediaSessionId
        if type(id) = "roString" or type(id) = "String"
            if Len(id) > 0
                return id
            end if
        end if
    end if
    mParticle_trackersLog(out, 1, where + ": the media session has no mediaSessionId (build it with MediaSession.build); call dropped")
    return ""
end function

function mParticle_trackersStarted(input as object, id as string) as boolean
    sessions = input.mediaSessions
    if sessions = invalid
        return false
    end if
    return sessions.DoesExist(id)
end function

sub mParticle_trackersTrackVideo(state as object, input as object, now as longinteger, out as object)
    where = "media.trackVideo"
    id = mParticle_trackersSessionId(input.session, where, out)
    if id = ""
        return
    end if
    if state.trackers.DoesExist(id)
        out.effects.Push({ type: "unobserve", sessionId: id })
    end if
    r = mParticle_trackStart(input.session, input.options, input.notificationInterval, mParticle_trackersStarted(input, id), now)
    mParticle_trackersErrors(out, where, r.errors)
    t = r.state
    if t = invalid
        state.trackers.Delete(id)
        return
    end if
    state.trackers[id] = t
    out.effects.Push({ type: "observe", sessionId: id })
    mParticle_trackersCalls(state, r.calls, out)
    if type(input.position) <> "Invalid" and (type(input.position) <> "roInvalid" and type(input.position) <> "<uninitialized>")
        r_2 = mParticle_trackReduce(t, { kind: "field", name: "position", value: input.position }, now)
        if r_2.errors.Count() > 0
            mParticle_trackersErrors(out, "tracking", r_2.errors)
        end if
        if r_2.calls.Count() > 0
            mParticle_trackersCalls(state, r_2.calls, out)
        end if
    end if
    if type(input.nodeState) <> "Invalid" and (type(input.nodeState) <> "roInvalid" and type(input.nodeState) <> "<uninitialized>")
        r_3 = mParticle_trackReduce(t, { kind: "field", name: "state", value: input.nodeState }, now)
        if r_3.errors.Count() > 0
            mParticle_trackersErrors(out, "tracking", r_3.errors)
        end if
        if r_3.calls.Count() > 0
            mParticle_trackersCalls(state, r_3.calls, out)
        end if
    end if
    nodeName = "a node"
    if type(input.nodeName) <> "Invalid" and (type(input.nodeName) <> "roInvalid" and type(input.nodeName) <> "<uninitialized>")
        nodeName = input.nodeName
    end if
    mParticle_trackersLog(out, 2, "tracking " + nodeName + " for media session " + id)
end sub

sub mParticle_trackersStop(state as object, input as object, now as longinteger, out as object)
    where = "media.stopTracking"
    id = mParticle_trackersSessionId(input.session, where, out)
    if id = ""
        return
    end if
    t = state.trackers[id]
    if t = invalid
        mParticle_trackersLog(out, 1, where + ": media session " + id + " is not tracked (trackVideo first); call dropped")
        return
    end if
    out.effects.Push({ type: "unobserve", sessionId: id })
    state.trackers.Delete(id)
    r = mParticle_trackStop(t, input.options, now)
    if r.errors.Count() > 0
        mParticle_trackersErrors(out, where, r.errors)
    end if
    if r.calls.Count() > 0
        mParticle_trackersCalls(state, r.calls, out)
    end if
end sub

sub mParticle_trackersAd(state as object, input as object, kind as string, where as string, now as longinteger, out as object)
    id = mParticle_trackersSessionId(input.session, where, out)
    if id = ""
        return
    end if
    t = state.trackers[id]
    if t = invalid
        r = mParticle_trackStart(input.session, {}, invalid, mParticle_trackersStarted(input, id), now)
        mParticle_trackersErrors(out, where, r.errors)
        if r.state = invalid
            return
        end if
        t = r.state
        state.trackers[id] = t
        mParticle_trackersCalls(state, r.calls, out)
    end if
    r_2 = mParticle_trackReduce(t, { kind: kind, name: input.eventType, value: input.event }, now)
    if r_2.errors.Count() > 0
        mParticle_trackersErrors(out, "tracking", r_2.errors)
    end if
    if r_2.calls.Count() > 0
        mParticle_trackersCalls(state, r_2.calls, out)
    end if
end sub

sub mParticle_trackersApply(state as object, r as object, where as string, out as object)
    if r.errors.Count() > 0
        mParticle_trackersErrors(out, where, r.errors)
    end if
    if r.calls.Count() > 0
        mParticle_trackersCalls(state, r.calls, out)
    end if
end sub

sub mParticle_trackersCalls(state as object, calls as object, out as object)
    if state.optedOut
        return
    end if
    for each c in calls
        if c.method = "logEvent"
            attrs = {}
            if c.options <> invalid
                attrs = c.options
            end if
            out.effects.Push({ type: "customEvent", name: c.eventName, eventType: "media", attrs: attrs })
        else
            out.effects.Push({
                type: "media",
                method: c.method,
                session: c.session,
                args: c.args,
                options: c.options
            })
        end if
    end for
end sub

sub mParticle_trackersErrors(out as object, where as string, errors as object)
    for each problem in errors
        mParticle_trackersLog(out, 1, where + ": " + problem)
    end for
end sub

sub mParticle_trackersLog(out as object, level as integer, text as string)
    out.effects.Push({ type: "log", level: level, text: text })
end sub

function mParticle_trackStart(session as dynamic, options as dynamic, notificationInterval as dynamic, started as boolean, now as longinteger) as object
    out = { calls: [], errors: [] }
    if not (type(session) = "roAssociativeArray" or type(session) = "roSGNode")
        s = invalid
    else
        s = session
    end if
    if s = invalid
        out.errors.Push("the media session is not an associative array (build it with MediaSession.build)")
        return out
    end if
    idValue = s.mediaSessionId
    if type(idValue) <> "roString" and type(idValue) <> "String"
        out.errors.Push("the media session has no mediaSessionId string")
        return out
    end if
    id = idValue
    if Len(id) = 0
        out.errors.Push("the media session has an empty mediaSessionId")
        return out
    end if
    interval = 10000&
    hasFps = false
    fps = 0
    if not (type(options) = "roAssociativeArray" or type(options) = "roSGNode")
        o = invalid
    else
        o = options
    end if
    if o <> invalid
        pi = o.playheadIntervalMillis
        if type(pi) = "roInteger" or (type(pi) = "roLongInteger" or (type(pi) = "LongInteger" or (type(pi) = "roFloat" or (type(pi) = "roDouble" or (type(pi) = "Integer" or (type(pi) = "Float" or (type(pi) = "Double" or type(pi) = "roInt")))))))
            if pi >= 0#
                interval = mParticle_round(pi)
            else
                out.errors.Push("playheadIntervalMillis must be 0 or more; using the default")
            end if
        else if type(pi) <> "Invalid" and (type(pi) <> "roInvalid" and type(pi) <> "<uninitialized>") and (type(pi) <> "Invalid" and (type(pi) <> "roInvalid" and type(pi) <> "<uninitialized>"))
            out.errors.Push("playheadIntervalMillis must be a number; using the default")
        end if
        f = o.fps
        if type(f) = "roInteger" or (type(f) = "roLongInteger" or (type(f) = "LongInteger" or (type(f) = "roFloat" or (type(f) = "roDouble" or (type(f) = "Integer" or (type(f) = "Float" or (type(f) = "Double" or type(f) = "roInt")))))))
            hasFps = true
            fps = f
        end if
    end if
    ni = 0.5#
    if type(notificationInterval) = "roInteger" or (type(notificationInterval) = "roLongInteger" or (type(notificationInterval) = "LongInteger" or (type(notificationInterval) = "roFloat" or (type(notificationInterval) = "roDouble" or (type(notificationInterval) = "Integer" or (type(notificationInterval) = "Float" or (type(notificationInterval) = "Double" or type(notificationInterval) = "roInt")))))))
        if notificationInterval > 0#
            ni = notificationInterval
        end if
    end if
    threshold = mParticle_max(1250, mParticle_round(ni * 1000#) + 250&)
    own = mParticle_assign([ s ])
    t = {
        sessionId: id,
        session: own,
        playheadIntervalMillis: interval,
        seekThresholdMillis: threshold,
        hasFps: hasFps,
        fps: fps,
        startedAt: now,
        nodeState: "none",
        played: false,
        contentPlaying: false,
        contentEnded: false,
        havePosition: false,
        positionKnown: false,
        positionSec: 0#,
        positionAt: now,
        lastPlayheadAt: now,
        bufferPending: false,
        bufferStartAt: now,
        bufferPositionMs: 0&,
        bufferPercent: 0#,
        seekSettling: false,
        adBreakActive: false,
        adPlaying: false,
        podCount: 0,
        breakEndedAt: now,
        haveStartup: false,
        startupMs: 0&,
        haveBitrate: false,
        bitrate: 0#,
        segmentBitrateSeen: false,
        haveDropped: false,
        droppedFrames: 0#,
        sentBitrate: -1#,
        sentDropped: -1#,
        contentIndex: -1,
        errorCode: "",
        errorMessage: "",
        stitched: false,
        stitchedBreaks: [],
        stitchedInBreak: false,
        streamSec: 0#,
        stitchedAds: [],
        stitchedPodStart: 0#,
        stitchedPodEnd: -1#,
        stitchedAdIndex: -1
    }
    out.state = t
    if not started
        mParticle_trackCall(t, out.calls, "logMediaSessionStart", {})
    end if
    return out
end function

function mParticle_trackReduce(t as object, input as object, now as longinteger) as object
    out = { state: t, calls: [], errors: [] }
    if input.kind = "field"
        mParticle_trackField(t, input.name, input.value, now, out)
    else if input.kind = "raf"
        mParticle_trackRaf(t, input.name, input.value, now, out)
    else if input.kind = "rafx" or input.kind = "ima"
        mParticle_trackStitched(t, input.kind, input.name, input.value, now, out)
    else
        out.errors.Push("unknown tracking input " + input.kind)
    end if
    return out
end function

function mParticle_trackStop(t as object, options as dynamic, now as longinteger) as object
    out = { state: t, calls: [], errors: [] }
    mParticle_trackFlushBuffer(t, now, out)
    call = mParticle_trackCall(t, out.calls, "logMediaSessionEnd", {})
    if not (type(options) = "roAssociativeArray" or type(options) = "roSGNode")
        o = invalid
    else
        o = options
    end if
    if o <> invalid
        call.options = o
    end if
    return out
end function

function mParticle_trackCall(t as object, calls as object, method as string, args as object) as object
    if t.positionKnown
        t.session.currentPlayheadPosition = mParticle_trackMillis(t.positionSec)
    end if
    call = { method: method, session: mParticle_assign([ t.session ]), args: args }
    calls.Push(call)
    return call
end function

function mParticle_trackInAd(t as object) as boolean
    return t.adBreakActive or t.adPlaying or t.stitchedInBreak
end function

function mParticle_trackMillis(seconds as double) as longinteger
    return mParticle_round(seconds * 1000#)
end function

sub mParticle_trackField(t as object, name as string, value as dynamic, now as longinteger, out as object)
    switchValue = LCase(name)
    if switchValue = "state"
        if type(value) = "roString" or type(value) = "String"
            mParticle_trackState(t, value, now, out)
        end if
        return
    else if switchValue = "position"
        if type(value) = "roInteger" or (type(value) = "roLongInteger" or (type(value) = "LongInteger" or (type(value) = "roFloat" or (type(value) = "roDouble" or (type(value) = "Integer" or (type(value) = "Float" or (type(value) = "Double" or type(value) = "roInt")))))))
            t.streamSec = value
            if t.stitched
                mParticle_trackStitchedPosition(t, value, now, out)
            else
                mParticle_trackPosition(t, value, now, out)
            end if
        end if
        return
    else if switchValue = "timetostartstreaming"
        if type(value) = "roInteger" or (type(value) = "roLongInteger" or (type(value) = "LongInteger" or (type(value) = "roFloat" or (type(value) = "roDouble" or (type(value) = "Integer" or (type(value) = "Float" or (type(value) = "Double" or type(value) = "roInt")))))))
            if value > 0#
                t.haveStartup = true
                t.startupMs = mParticle_trackMillis(value)
            end if
        end if
        return
    else if switchValue = "streamingsegment"
        mParticle_trackSegment(t, value, out)
        return
    else if switchValue = "streaminfo"
        mParticle_trackStreamInfo(t, value, out)
        return
    else if switchValue = "decoderstats"
        mParticle_trackDecoderStats(t, value, out)
        return
    else if switchValue = "contentindex"
        if type(value) = "roInteger" or (type(value) = "roLongInteger" or (type(value) = "LongInteger" or (type(value) = "roFloat" or (type(value) = "roDouble" or (type(value) = "Integer" or (type(value) = "Float" or (type(value) = "Double" or type(value) = "roInt")))))))
            mParticle_trackContentIndex(t, mParticle_round(value), now, out)
        end if
        return
    else if switchValue = "errorcode"
        if type(value) = "roInteger" or (type(value) = "roLongInteger" or (type(value) = "LongInteger" or (type(value) = "roFloat" or (type(value) = "roDouble" or (type(value) = "Integer" or (type(value) = "Float" or (type(value) = "Double" or type(value) = "roInt"))))))) or (type(value) = "roString" or type(value) = "String")
            t.errorCode = mParticle_str(value)
        end if
        return
    else if switchValue = "errormsg"
        if type(value) = "roString" or type(value) = "String"
            t.errorMessage = value
        end if
        return
    else if switchValue = "bufferingstatus"
        mParticle_trackBufferingStatus(t, value)
        return
    else
        return
    end if
end sub

sub mParticle_trackState(t as object, value as string, now as longinteger, out as object)
    prev = t.nodeState
    if value = prev
        return
    end if
    t.nodeState = value
    if mParticle_trackInAd(t)
        if value = "finished" and t.stitched
            mParticle_trackStitchedFinished(t, now, out)
        end if
        return
    end if
    if value = "playing"
        mParticle_trackPlaying(t, now, out)
        return
    else if value = "paused"
        mParticle_trackFlushBuffer(t, now, out)
        mParticle_trackPause(t, out)
        return
    else if value = "buffering"
        if t.played and prev = "playing" and not t.seekSettling
            t.bufferPending = true
            t.bufferStartAt = now
            t.bufferPositionMs = mParticle_trackMillis(t.positionSec)
        end if
        return
    else if value = "stopped"
        mParticle_trackFlushBuffer(t, now, out)
        mParticle_trackPause(t, out)
        return
    else if value = "finished"
        mParticle_trackFlushBuffer(t, now, out)
        mParticle_trackContentEnd(t, out)
        return
    else if value = "error"
        mParticle_trackFlushBuffer(t, now, out)
        mParticle_trackError(t, out)
        return
    else
        return
    end if
end sub

sub mParticle_trackPlaying(t as object, now as longinteger, out as object)
    mParticle_trackFlushBuffer(t, now, out)
    t.seekSettling = false
    if not t.played
        t.played = true
        mParticle_trackQoS(t, now, true, out)
        mParticle_trackPlay(t, now, out)
        return
    end if
    if not t.contentPlaying
        mParticle_trackPlay(t, now, out)
    end if
end sub

sub mParticle_trackPlay(t as object, now as longinteger, out as object)
    t.contentPlaying = true
    t.contentEnded = false
    t.lastPlayheadAt = now
    mParticle_trackCall(t, out.calls, "logPlay", {})
end sub

sub mParticle_trackPause(t as object, out as object)
    if not t.contentPlaying
        return
    end if
    t.contentPlaying = false
    mParticle_trackCall(t, out.calls, "logPause", {})
end sub

sub mParticle_trackContentEnd(t as object, out as object)
    if t.contentEnded or not t.played
        return
    end if
    t.contentEnded = true
    t.contentPlaying = false
    mParticle_trackCall(t, out.calls, "logMediaContentEnd", {})
end sub

sub mParticle_trackError(t as object, out as object)
    t.contentPlaying = false
    attrs = {}
    attrs["media_session_id"] = t.sessionId
    contentId = mParticle_mediaFormatScalar(t.session.contentId)
    if type(contentId) <> "Invalid" and (type(contentId) <> "roInvalid" and type(contentId) <> "<uninitialized>")
        attrs["content_id"] = contentId
    end if
    attrs["playhead_position"] = mParticle_str(mParticle_trackMillis(t.positionSec))
    attrs["media_error_code"] = t.errorCode
    attrs["media_error_message"] = t.errorMessage
    call = mParticle_trackCall(t, out.calls, "logEvent", {})
    call.eventName = "Media Error"
    call.options = attrs
end sub

sub mParticle_trackFlushBuffer(t as object, now as longinteger, out as object)
    if not t.bufferPending
        return
    end if
    t.bufferPending = false
    pos_ = t.bufferPositionMs
    mParticle_trackCall(t, out.calls, "logBufferStart", { duration: 0, bufferPercent: t.bufferPercent, position: pos_ })
    mParticle_trackCall(t, out.calls, "logBufferEnd", { duration: mParticle_max(0, now - t.bufferStartAt), bufferPercent: 100, position: pos_ })
end sub

sub mParticle_trackPosition(t as object, seconds as double, now as longinteger, out as object)
    if t.adBreakActive or t.adPlaying
        return
    end if
    seeked = false
    if t.havePosition and t.played and seconds < 999999999#
        jump = (seconds - t.positionSec) * 1000#
        elapsed = 0&
        if t.nodeState = "playing"
            elapsed = now - t.positionAt
            if elapsed < 0&
                elapsed = 0&
            end if
        end if
        if jump <= -1# or jump - elapsed > t.seekThresholdMillis
            seeked = true
            t.bufferPending = false
            mParticle_trackCall(t, out.calls, "logSeekStart", { position: mParticle_trackMillis(t.positionSec) })
            t.positionSec = seconds
            mParticle_trackCall(t, out.calls, "logSeekEnd", { position: mParticle_trackMillis(seconds) })
            t.seekSettling = true
            t.lastPlayheadAt = now
        else if t.nodeState = "playing"
            t.seekSettling = false
        end if
    end if
    t.positionSec = seconds
    t.positionKnown = true
    t.positionAt = now
    t.havePosition = true
    if seeked or not t.contentPlaying or t.nodeState <> "playing"
        return
    end if
    if now - t.lastPlayheadAt >= t.playheadIntervalMillis
        t.lastPlayheadAt = now
        mParticle_trackCall(t, out.calls, "logPlayheadPosition", {})
    end if
end sub

sub mParticle_trackContentIndex(t as object, index as longinteger, now as longinteger, out as object)
    previous = t.contentIndex
    t.contentIndex = index
    if previous < 0 or previous = index
        return
    end if
    t.havePosition = false
    if mParticle_trackInAd(t) or not t.played
        return
    end if
    mParticle_trackFlushBuffer(t, now, out)
    mParticle_trackContentEnd(t, out)
    if t.nodeState = "playing"
        mParticle_trackPlay(t, now, out)
    end if
end sub

sub mParticle_trackQoS(t as object, now as longinteger, first as boolean, out as object)
    args = {}
    if first
        if t.haveStartup
            args.startupTime = t.startupMs
        else
            args.startupTime = mParticle_max(0, now - mParticle_max(t.startedAt, t.breakEndedAt))
        end if
    end if
    if t.haveDropped
        args.droppedFrames = t.droppedFrames
        t.sentDropped = t.droppedFrames
    end if
    if t.haveBitrate
        args.bitRate = t.bitrate
        t.sentBitrate = t.bitrate
    end if
    if t.hasFps
        args.fps = t.fps
    end if
    mParticle_trackCall(t, out.calls, "logQoS", args)
end sub

sub mParticle_trackQoSChanged(t as object, now as longinteger, out as object)
    if not t.played
        return
    end if
    bitrateChanged = t.haveBitrate and t.bitrate <> t.sentBitrate
    droppedChanged = t.haveDropped and t.droppedFrames <> t.sentDropped
    if bitrateChanged or droppedChanged
        mParticle_trackQoS(t, now, false, out)
    end if
end sub

sub mParticle_trackSegment(t as object, value as dynamic, out as object)
    if not (type(value) = "roAssociativeArray" or type(value) = "roSGNode")
        seg = invalid
    else
        seg = value
    end if
    if seg = invalid
        return
    end if
    segType = seg.segType
    if type(segType) = "roInteger" or (type(segType) = "roLongInteger" or (type(segType) = "LongInteger" or (type(segType) = "roFloat" or (type(segType) = "roDouble" or (type(segType) = "Integer" or (type(segType) = "Float" or (type(segType) = "Double" or type(segType) = "roInt")))))))
        if segType <> 0# and segType <> 2#
            return
        end if
    end if
    bps = seg.segBitrateBps
    if type(bps) = "roInteger" or (type(bps) = "roLongInteger" or (type(bps) = "LongInteger" or (type(bps) = "roFloat" or (type(bps) = "roDouble" or (type(bps) = "Integer" or (type(bps) = "Float" or (type(bps) = "Double" or type(bps) = "roInt")))))))
        if bps > 0#
            t.segmentBitrateSeen = true
            t.haveBitrate = true
            t.bitrate = bps
            mParticle_trackQoSChanged(t, t.positionAt, out)
        end if
    end if
end sub

sub mParticle_trackStreamInfo(t as object, value as dynamic, out as object)
    if t.segmentBitrateSeen
        return
    end if
    if not (type(value) = "roAssociativeArray" or type(value) = "roSGNode")
        info = invalid
    else
        info = value
    end if
    if info = invalid
        return
    end if
    bps = info.streamBitrate
    if type(bps) = "roInteger" or (type(bps) = "roLongInteger" or (type(bps) = "LongInteger" or (type(bps) = "roFloat" or (type(bps) = "roDouble" or (type(bps) = "Integer" or (type(bps) = "Float" or (type(bps) = "Double" or type(bps) = "roInt")))))))
        if bps > 0#
            t.haveBitrate = true
            t.bitrate = bps
            mParticle_trackQoSChanged(t, t.positionAt, out)
        end if
    end if
end sub

sub mParticle_trackDecoderStats(t as object, value as dynamic, out as object)
    if not (type(value) = "roAssociativeArray" or type(value) = "roSGNode")
        stats = invalid
    else
        stats = value
    end if
    if stats = invalid
        return
    end if
    drops = stats.frameDropCount
    if type(drops) = "roInteger" or (type(drops) = "roLongInteger" or (type(drops) = "LongInteger" or (type(drops) = "roFloat" or (type(drops) = "roDouble" or (type(drops) = "Integer" or (type(drops) = "Float" or (type(drops) = "Double" or type(drops) = "roInt")))))))
        t.haveDropped = true
        t.droppedFrames = drops
        mParticle_trackQoSChanged(t, t.positionAt, out)
    end if
end sub

sub mParticle_trackBufferingStatus(t as object, value as dynamic)
    if not (type(value) = "roAssociativeArray" or type(value) = "roSGNode")
        status = invalid
    else
        status = value
    end if
    if status = invalid
        return
    end if
    pct = status.percentage
    if type(pct) = "roInteger" or (type(pct) = "roLongInteger" or (type(pct) = "LongInteger" or (type(pct) = "roFloat" or (type(pct) = "roDouble" or (type(pct) = "Integer" or (type(pct) = "Float" or (type(pct) = "Double" or type(pct) = "roInt")))))))
        t.bufferPercent = pct
    end if
end sub

sub mParticle_trackRaf(t as object, eventType as string, value as dynamic, now as longinteger, out as object)
    if not (type(value) = "roAssociativeArray" or type(value) = "roSGNode")
        ctx = invalid
    else
        ctx = value
    end if
    if ctx = invalid
        ctx = {}
    end if
    if eventType = "PodStart"
        mParticle_trackPodStart(t, ctx, now, out)
        return
    else if eventType = "Impression" or eventType = "Start"
        if not t.adPlaying
            mParticle_trackAdStart(t, ctx, out)
        end if
        return
    else if eventType = "Complete"
        mParticle_trackAdFinish(t, "logAdEnd", out)
        return
    else if eventType = "Skip"
        mParticle_trackAdFinish(t, "logAdSkip", out)
        return
    else if eventType = "Close"
        mParticle_trackAdFinish(t, "logAdSkip", out)
        mParticle_trackPodEnd(t, now, out)
        return
    else if eventType = "PodComplete"
        mParticle_trackAdFinish(t, "logAdEnd", out)
        mParticle_trackPodEnd(t, now, out)
        return
    else if eventType = "AcceptInvitation"
        mParticle_trackCall(t, out.calls, "logAdClick", {})
        return
    else if eventType = "Pause"
        if mParticle_trackInAd(t)
            mParticle_trackCall(t, out.calls, "logPause", {})
        end if
        return
    else if eventType = "Resume"
        if mParticle_trackInAd(t)
            mParticle_trackCall(t, out.calls, "logPlay", {})
        end if
        return
    else
        return
    end if
end sub

sub mParticle_trackPodStart(t as object, ctx as object, now as longinteger, out as object)
    mParticle_trackBreakStart(t, ctx.rendersequence, ctx.duration, now, out)
end sub

sub mParticle_trackBreakStart(t as object, renderSequence as dynamic, durationSec as dynamic, now as longinteger, out as object)
    if t.adBreakActive
        mParticle_trackAdFinish(t, "logAdEnd", out)
        mParticle_trackPodEnd(t, now, out)
    end if
    mParticle_trackFlushBuffer(t, now, out)
    t.podCount = t.podCount + 1
    sequence = "pod"
    if type(renderSequence) = "roString" or type(renderSequence) = "String"
        if Len(renderSequence) > 0
            sequence = renderSequence
        end if
    end if
    adBreak = { id: sequence + "-" + mParticle_str(t.podCount), title: sequence }
    if type(durationSec) = "roInteger" or (type(durationSec) = "roLongInteger" or (type(durationSec) = "LongInteger" or (type(durationSec) = "roFloat" or (type(durationSec) = "roDouble" or (type(durationSec) = "Integer" or (type(durationSec) = "Float" or (type(durationSec) = "Double" or type(durationSec) = "roInt")))))))
        adBreak.duration = mParticle_trackMillis(durationSec)
    end if
    t.session.adBreak = adBreak
    t.adBreakActive = true
    mParticle_trackCall(t, out.calls, "logAdBreakStart", {})
end sub

sub mParticle_trackPodEnd(t as object, now as longinteger, out as object)
    if not t.adBreakActive
        return
    end if
    t.adBreakActive = false
    mParticle_trackCall(t, out.calls, "logAdBreakEnd", {})
    t.session.Delete("adBreak")
    t.breakEndedAt = now
    t.havePosition = false
end sub

sub mParticle_trackAdStart(t as object, ctx as object, out as object)
    v = ctx.ad
    if not (type(v) = "roAssociativeArray" or type(v) = "roSGNode")
        ad = invalid
    else
        ad = v
    end if
    if ad = invalid
        mParticle_trackAdBegin(t, invalid, invalid, invalid, invalid, invalid, ctx.adIndex, out)
    else
        mParticle_trackAdBegin(t, ad.adid, ad.adtitle, ad.advertiser, ad.creativeid, ad.duration, ctx.adIndex, out)
    end if
end sub

sub mParticle_trackAdBegin(t as object, id as dynamic, title as dynamic, advertiser as dynamic, creative as dynamic, durationSec as dynamic, position as dynamic, out as object)
    adContent = {}
    mParticle_trackCopyText(adContent, "id", id)
    mParticle_trackCopyText(adContent, "title", title)
    mParticle_trackCopyText(adContent, "advertiser", advertiser)
    mParticle_trackCopyText(adContent, "creative", creative)
    if type(durationSec) = "roInteger" or (type(durationSec) = "roLongInteger" or (type(durationSec) = "LongInteger" or (type(durationSec) = "roFloat" or (type(durationSec) = "roDouble" or (type(durationSec) = "Integer" or (type(durationSec) = "Float" or (type(durationSec) = "Double" or type(durationSec) = "roInt")))))))
        adContent.duration = mParticle_trackMillis(durationSec)
    end if
    if type(position) = "roInteger" or (type(position) = "roLongInteger" or (type(position) = "LongInteger" or (type(position) = "roFloat" or (type(position) = "roDouble" or (type(position) = "Integer" or (type(position) = "Float" or (type(position) = "Double" or type(position) = "roInt")))))))
        adContent.position = position
    end if
    t.session.adContent = adContent
    t.adPlaying = true
    mParticle_trackCall(t, out.calls, "logAdStart", {})
end sub

sub mParticle_trackCopyText(out as object, key as string, v as dynamic)
    text = mParticle_mediaFormatScalar(v)
    if type(text) <> "Invalid" and (type(text) <> "roInvalid" and type(text) <> "<uninitialized>")
        if Len(text) > 0
            out[key] = text
        end if
    end if
end sub

sub mParticle_trackAdFinish(t as object, method as string, out as object)
    if not t.adPlaying
        return
    end if
    t.adPlaying = false
    mParticle_trackCall(t, out.calls, method, {})
    t.session.Delete("adContent")
end sub

function mParticle_trackObservedFields() as object
    fields = []
    for each f in [
        "state",
        "position",
        "timeToStartStreaming",
        "streamingSegment",
        "streamInfo",
        "decoderStats",
        "contentIndex",
        "errorCode",
        "errorMsg",
        "bufferingStatus"
    ]
        fields.Push(f)
    end for
    return fields
end function

function mParticle_trackNodeField() as string
    return "mParticleTrackedNode"
end function
