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
    core.registry = CreateObject("roRegistrySection", "mParticle_" + appInfo.GetID())
    state = mParticle_taskStored(mParticle_taskReadJson(core.registry, "state"), "object", {})
    core.das = mParticle_taskStored(state.das, "string", "")
    core.firstRun = core.das = ""
    if core.das = "" then core.das = mParticle_newUuid()
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

    decoded = mParticle_coreDecodeQueue(mParticle_taskReadJson(core.registry, "queue"))
    core.queue = decoded.messages
    if decoded.skipped > 0 then mParticle_logError("the stored queue had " + decoded.skipped.ToStr() + " unreadable message(s); they are lost")
    ' The batch that was in flight goes again first, unchanged: the server may have accepted it
    ' before the channel stopped, and it ignores a batch id it has already seen.
    if decoded.batch.id <> ""
        batch = { id: decoded.batch.id, ct: decoded.batch.ct, msgs: mParticle_coreBatchMessages(core.queue, decoded.batch.ids) }
        for each msg in batch.msgs
            core.inflightIds[msg.id] = true
        end for
        core.batch = batch
        core.retryBatch = batch
        mParticle_log(2, "batch " + batch.id + " of the previous run (" + batch.msgs.Count().ToStr() + " message(s)) is sent again first")
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

' Registry writes cost flash wear and, with the whole queue encoded each time, grow with the
' queue: writing on every call made 1,000 playhead updates take minutes. Messages the session
' or the user depend on are written at once; the others within core.persistDelay ms (1 s, more
' when a write is slow), and every message before it is uploaded. A channel killed in that
' window loses at most those last media updates.
sub mParticle_taskSchedulePersist(core as object, msg as object)
    if mParticle_coreMessagePriority(msg) >= 3
        core.persistNow = true
    else if core.persistAt = 0
        core.persistAt = msg.ct + core.persistDelay
    end if
end sub

' Writes what changed: the queue fitted to queueBudgetBytes (dropping by priority), then the state.
sub mParticle_taskPersist(core as object)
    core.persistNow = false
    core.persistAt = 0&
    if not core.queueDirty and not core.stateDirty then return
    ' On a slow device (or the simulator) encoding a long queue takes a while: space the
    ' deferred writes so they never take more than a fifth of the Task's time.
    clock = CreateObject("roTimespan")
    if core.queueDirty
        fit = mParticle_coreFitQueue(core.queue, core.inflightIds, core.options.queueBudgetBytes, mParticle_taskBatchRef(core))
        core.queue = fit.queue
        mParticle_taskCountDrops(core, fit.dropped, "queueBudgetBytes")
        if core.registry.Write("queue", fit.text)
            mParticle_log(3, "queue written: " + core.queue.Count().ToStr() + " message(s), " + Len(fit.text).ToStr() + " bytes")
        else
            mParticle_logError("could not write the queue to the registry")
        end if
        core.queueDirty = false
    end if
    if core.stateDirty
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
            mParticle_logError("could not write the state to the registry")
        end if
        core.stateDirty = false
    end if
    core.registry.Flush()
    core.persistDelay = 5 * clock.TotalMilliseconds()
    if core.persistDelay < 1000 then core.persistDelay = 1000
end sub

' The batch in flight as persisted with the queue (id, ct, message ids), or none.
function mParticle_taskBatchRef(core as object) as object
    if core.batch = invalid then return mParticle_coreNoBatch()
    ids = []
    for each msg in core.batch.msgs
        ids.Push(msg.id)
    end for
    return { id: core.batch.id, ct: core.batch.ct, ids: ids }
end function
