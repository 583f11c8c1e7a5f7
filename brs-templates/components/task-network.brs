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
