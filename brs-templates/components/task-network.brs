' Uploads and identity calls over async roUrlTransfer on the Task's port: signing, batches,
' and what each answer does to the queue.

' An unanswered transfer is cancelled and treated as a transport failure after this long.
function mParticle_taskTransferTimeout() as longinteger
    return 30000&
end function

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

' Starts a signed async POST; the transfer is kept in core.transfers (it must stay referenced
' until its roUrlEvent arrives) with `context` for the answer. False when it could not start.
function mParticle_taskPost(core as object, url as string, body as string, extraHeaders as object, context as object) as boolean
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
    context.transfer = transfer
    context.sentAt = mParticle_taskNowMillis()
    core.transfers[transfer.GetIdentity().ToStr()] = context
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

' One clear line the first time credentials are refused; later refusals only at DEBUG.
sub mParticle_taskCredentialsError(core as object, what as string, code as integer)
    line = what + " refused with HTTP " + code.ToStr() + ": check apiKey and apiSecret of mparticleOptions (the batch is dropped, not retried)"
    if core.credentialsLogged
        mParticle_logDebug(line)
    else
        mParticle_logError(line)
        core.credentialsLogged = true
    end if
end sub

' The batch's messages are picked from the queue now; id, ct, MPID and messages then stay
' fixed through every retry, so that the server can tell a retry from a new batch. The body is
' encoded once; messages are sized one by one only when it is over maxBatchBytes.
sub mParticle_taskUpload(core as object, now as longinteger)
    opts = core.options
    picks = mParticle_coreAssembleBatch(core.queue, core.inflightIds, opts.maxBatchMessages, 0, 0, core.mpid)
    core.uploadRequested = false
    core.nextUploadTime = now + opts.uploadIntervalMillis
    if picks.Count() = 0
        mParticle_taskPersist(core)
        return
    end if
    batch = { id: mParticle_taskNewUuid(), ct: now, mpid: mParticle_coreMessageMpid(core.queue[picks[0]], core.mpid), msgs: [] }
    for each i in picks
        batch.msgs.Push(core.queue[i])
    end for
    body = mParticle_taskBatchText(core, batch)
    if Len(body) > opts.maxBatchBytes
        overhead = Len(mParticle_taskBatchText(core, { id: batch.id, ct: now, mpid: batch.mpid, msgs: [] })) + 2
        picks = mParticle_coreAssembleBatch(core.queue, core.inflightIds, opts.maxBatchMessages, opts.maxBatchBytes, overhead, core.mpid)
        batch.msgs = []
        for each i in picks
            batch.msgs.Push(core.queue[i])
        end for
        body = mParticle_taskBatchText(core, batch)
    end if
    for each msg in batch.msgs
        core.inflightIds[msg.id] = true
    end for
    ' The batch (id, ct, message ids) is in the registry before it goes out: a restart sends
    ' the same batch again first, under the same id.
    core.batch = batch
    mParticle_taskPersistBatch(core)
    mParticle_taskSendBatch(core, batch, body)
end sub

' Sends a batch; `body` is its text when already encoded (invalid: encoded here, for retries).
sub mParticle_taskSendBatch(core as object, batch as object, body as dynamic)
    if mParticle_typeof(body) <> "string" then body = mParticle_taskBatchText(core, batch)
    if body = ""
        mParticle_logError("a batch could not be written as JSON; its " + batch.msgs.Count().ToStr() + " message(s) are dropped")
        mParticle_taskForgetBatch(core, batch)
        return
    end if
    ' Its messages are in flight already: marked when it was made (mParticle_taskUpload) or
    ' read back (mParticle_taskLoad), and kept in flight while it waits for a retry.
    core.retryBatch = invalid
    core.eventsInFlight = true
    if mParticle_taskPost(core, core.eventsUrl, body, {}, { kind: "events", batch: batch })
        mParticle_logInfo("uploading batch " + batch.id + " (" + batch.msgs.Count().ToStr() + " message(s))")
    else
        mParticle_taskBatchAnswer(core, batch, -1, "", {})
    end if
end sub

' The JSON body of a batch: its user's identities and attributes, its messages without the
' MPID the Task keeps on each (the batch carries it once).
function mParticle_taskBatchText(core as object, batch as object) as string
    mpid = batch.mpid
    if mParticle_typeof(mpid) <> "string" then mpid = core.mpid
    user = mParticle_identityUserOf(core, mpid)
    ' The MPID each message keeps is taken off for the encoding and put back after it: a copy
    ' of every message of every batch cost the Task more than the encoding. Every message of a
    ' batch is its user's (mParticle_coreAssembleBatch), so the batch's MPID is what each gets
    ' back: one without an MPID yet is uploaded under it anyway.
    msgs = batch.msgs
    for each msg in msgs
        msg.Delete("mpid")
    end for
    body = {
        dt: "h"
        dbg: core.dev
        id: batch.id
        ct: batch.ct
        mpid: mpid
        sdk: core.sdkVersion
        ltv: core.ltv
        ui: mParticle_identityBatchUi(core, mpid)
        ua: user.ua
        msgs: msgs
        ai: core.ai
        di: core.di
        ck: core.cookies
        das: core.das
        ia: core.ia
    }
    if user.con <> invalid then body.con = user.con
    if mParticle_typeof(core.options.dataPlanId) = "string" and core.options.dataPlanId <> ""
        plan = { id: core.options.dataPlanId }
        if core.options.dataPlanVersion <> invalid then plan.v = core.options.dataPlanVersion
        body.ctx = { dpln: plan }
    end if
    text = FormatJson(body)
    for each msg in msgs
        msg.mpid = mpid
    end for
    return text
end function

' A batch is done with (accepted, or refused for good): its messages leave the in-flight set and
' the queue, and are marked done in the written queue (mParticle_taskStoreAccepted).
sub mParticle_taskForgetBatch(core as object, batch as object)
    if core.batch <> invalid
        if core.batch.id = batch.id then core.batch = invalid
    end if
    gone = {}
    for each msg in batch.msgs
        core.inflightIds.Delete(msg.id)
        gone[msg.id] = true
    end for
    core.queue = mParticle_coreRemoveIds(core.queue, gone)
    core.sessionNodeDirty = true
    mParticle_taskStoreAccepted(core, batch.msgs)
end sub

sub mParticle_taskBatchAnswer(core as object, batch as object, code as integer, text as string, headers as object)
    now& = mParticle_taskNowMillis()
    retryAfter& = mParticle_coreParseRetryAfter(mParticle_taskHeader(headers, "retry-after"), now&)
    decision = mParticle_coreDecideResponse(code, retryAfter&, core.attempt, Rnd(0))
    core.attempt = decision.nextAttempt
    core.backoffUntil = now& + decision.delayMillis
    action = decision.action
    core.eventsInFlight = false
    if action = "accepted"
        mParticle_taskForgetBatch(core, batch)
        if mParticle_taskMergeAnswer(core, text)
            core.stateDirty = true
            if core.writeState.retryAt = 0 and mParticle_taskWriteState(core) then mParticle_taskFlush(core)
        end if
        mParticle_logInfo("batch " + batch.id + " accepted (HTTP " + code.ToStr() + ")")
        ' Drain a backlog without waiting a whole interval per batch.
        if core.queue.Count() > 0 then core.nextUploadTime = now&
    else if action = "backoff" or action = "retry"
        ' Its messages stay in flight, so that a full queue drops other messages first.
        core.retryBatch = batch
        mParticle_logInfo("batch " + batch.id + " not delivered (HTTP " + code.ToStr() + "); retrying in " + decision.delayMillis.ToStr() + " ms")
    else
        if action = "reject"
            mParticle_taskCredentialsError(core, "batch upload", code)
        else
            mParticle_logError("batch " + batch.id + " refused with HTTP " + code.ToStr() + "; its messages are dropped")
        end if
        mParticle_taskForgetBatch(core, batch)
        core.dropped = core.dropped + batch.msgs.Count()
    end if
end sub

' A 202 may carry {ci: {ck: cookies}, iltv: lifetime value}; true when it changed the state.
function mParticle_taskMergeAnswer(core as object, text as string) as boolean
    if text = "" then return false
    answer = ParseJson(text)
    if type(answer) <> "roAssociativeArray" then return false
    changed = false
    if type(answer.ci) = "roAssociativeArray" and type(answer.ci.ck) = "roAssociativeArray"
        core.cookies.Append(answer.ci.ck)
        changed = true
    end if
    if mParticle_typeof(answer.iltv) = "number"
        core.ltv = answer.iltv
        changed = true
    end if
    return changed
end function

sub mParticle_taskOnMessage(core as object, msg as dynamic)
    if type(msg) <> "roUrlEvent" or not core.ready then return
    if msg.GetInt() <> 1 then return
    key = msg.GetSourceIdentity().ToStr()
    context = core.transfers[key]
    if context = invalid then return
    core.transfers.Delete(key)
    code = msg.GetResponseCode()
    text = msg.GetString()
    if text = invalid then text = ""
    headers = msg.GetResponseHeaders()
    if code < 0 then mParticle_logInfo("request failed: " + msg.GetFailureReason())
    mParticle_taskAnswer(core, context, code, text, headers)
    mParticle_taskTick(core)
end sub

sub mParticle_taskAnswer(core as object, context as object, code as integer, text as string, headers as dynamic)
    if context.kind = "events"
        mParticle_taskBatchAnswer(core, context.batch, code, text, headers)
    else
        mParticle_taskIdentityAnswer(core, context.request, code, text, headers)
    end if
end sub

sub mParticle_taskCheckTransferTimeouts(core as object, now as longinteger)
    expired = []
    for each key in core.transfers
        if now - core.transfers[key].sentAt >= mParticle_taskTransferTimeout() then expired.Push(key)
    end for
    for each key in expired
        context = core.transfers[key]
        core.transfers.Delete(key)
        context.transfer.AsyncCancel()
        mParticle_logInfo("request timed out after " + mParticle_taskTransferTimeout().ToStr() + " ms")
        mParticle_taskAnswer(core, context, -28, "", {})
    end for
end sub
