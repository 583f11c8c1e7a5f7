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
