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
        msgs = mParticle_coreBatchMessages(core.queue, decoded.batch.ids)
        batch = { id: decoded.batch.id, ct: decoded.batch.ct, mpid: core.mpid, msgs: msgs }
        if msgs.Count() > 0 then batch.mpid = mParticle_coreMessageMpid(msgs[0], core.mpid)
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

' Writes what changed: the queue fitted to queueBudgetBytes, then the state.
sub mParticle_taskPersist(core as object)
    core.persistNow = false
    core.persistAt = 0&
    if not core.queueDirty and not core.stateDirty then return
    ' On a slow device (or the simulator) encoding the queue takes a while: space the deferred
    ' writes so that they never take more than a tenth of the Task's time.
    clock = CreateObject("roTimespan")
    if core.queueDirty then mParticle_taskWriteQueue(core)
    if core.stateDirty then mParticle_taskWriteState(core)
    core.registry.Flush()
    core.persistDelay = 10 * clock.TotalMilliseconds()
    if core.persistDelay < 1000 then core.persistDelay = 1000
end sub

' The queue in memory is never cut to fit the registry: queueBudgetBytes bounds only what is
' written, the messages most worth keeping first (coreFitQueue). The others are still uploaded
' from memory; only a channel that stops before they are loses them, as the log says. Room is
' left for the batch in flight and the accepted entries that later writes append (about 3 bytes
' a message); a text over the budget all the same is fitted again to a smaller budget.
sub mParticle_taskWriteQueue(core as object)
    budget = core.options.queueBudgetBytes
    reserve = 64 + 3 * core.options.maxBatchMessages
    fit = mParticle_taskFitStored(core, budget - reserve)
    text = mParticle_taskStoredText(core)
    attempt = 1
    while Len(text) > budget and attempt < 3
        reserve = reserve + Len(text) - budget + 16
        fit = mParticle_taskFitStored(core, budget - reserve)
        text = mParticle_taskStoredText(core)
        attempt = attempt + 1
    end while
    core.queueDirty = false
    core.fitKept = fit.queue.Count()
    ' Written before it is logged: a log line names what the registry holds.
    mParticle_taskWriteStored(core, text)
    left = fit.dropped.Count()
    if left > 0
        if left <> core.notStored then mParticle_log(2, "queue written: " + fit.queue.Count().ToStr() + " of " + core.queue.Count().ToStr() + " message(s), " + Len(text).ToStr() + " bytes; " + left.ToStr() + " do not fit queueBudgetBytes: they are kept in memory and uploaded, and lost only if the channel stops first")
        if mParticle_logLevel() >= 3
            labels = []
            for each msg in fit.dropped
                label = msg.dt
                if mParticle_typeof(msg.n) = "string" then label = label + ":" + msg.n
                labels.Push(label)
            end for
            mParticle_log(3, "queue written: " + fit.queue.Count().ToStr() + " message(s), " + Len(text).ToStr() + " bytes; not written [" + mParticle_join(labels, ", ") + "]")
        end if
    else
        mParticle_log(3, "queue written: " + fit.queue.Count().ToStr() + " message(s), " + Len(text).ToStr() + " bytes")
    end if
    core.notStored = left
end sub

' Fits the queue to `budget` and keeps the result as the text last written (core.stored).
function mParticle_taskFitStored(core as object, budget as integer) as object
    ' The count the last write kept is a good start only if the budget, not the queue, bounded it.
    hint = 0
    if core.notStored > 0 then hint = core.fitKept
    fit = mParticle_coreFitQueueFrom(core.queue, core.inflightIds, budget, mParticle_coreNoBatch(), hint)
    positions = {}
    for i = 0 to fit.queue.Count() - 1
        positions[fit.queue[i].id] = i
    end for
    base& = 0
    if fit.queue.Count() > 0 then base& = fit.queue[0].ct
    core.stored = { text: fit.text, positions: positions, base: base&, accepted: [] }
    return fit
end function

sub mParticle_taskWriteStored(core as object, text as string)
    if not core.registry.Write("queue", text) then mParticle_logError("could not write the queue to the registry")
    core.storedWritten = text
end sub

' The text last written with the batch in flight ("f") and the accepted entries ("x") of now.
function mParticle_taskStoredText(core as object) as string
    stored = core.stored
    text = stored.text
    extra = ""
    if core.batch <> invalid and stored.positions.Count() > 0
        refs = []
        for each msg in core.batch.msgs
            if stored.positions.DoesExist(msg.id) then refs.Push(stored.positions[msg.id])
        end for
        if refs.Count() > 0 then extra = ",""f"":[" + FormatJson(core.batch.id) + "," + (core.batch.ct - stored.base).ToStr() + "," + FormatJson(refs) + "]"
    end if
    if stored.accepted.Count() > 0 then extra = extra + ",""x"":" + FormatJson(stored.accepted)
    if extra = "" then return text
    return Left(text, Len(text) - 1) + extra + "}"
end function

' A batch went out or was accepted: the last text written gets its "f" or "x", without encoding
' the queue again; written again whole when that would not fit the budget.
sub mParticle_taskPersistBatch(core as object)
    if core.stored = invalid
        core.queueDirty = true
        mParticle_taskPersist(core)
        return
    end if
    text = mParticle_taskStoredText(core)
    ' A batch none of whose messages were written yet (a burst, whose write waits while it is
    ' delivered) changes nothing in the registry: no write, no flash wear.
    if text = core.storedWritten then return
    if Len(text) > core.options.queueBudgetBytes
        core.queueDirty = true
        mParticle_taskPersist(core)
        return
    end if
    mParticle_taskWriteStored(core, text)
    core.registry.Flush()
end sub

' Messages the server accepted (or refused for good) are marked in the written text ("x") at
' once, so that a restart cannot send them again. That is all the registry needs: the queue is
' encoded again only when new messages come (mParticle_taskEnqueue), not once per
' batch while a backlog drains.
sub mParticle_taskStoreAccepted(core as object, msgs as object)
    if core.stored <> invalid and core.stored.positions.Count() > 0
        for each msg in msgs
            if core.stored.positions.DoesExist(msg.id) then core.stored.accepted.Push(core.stored.positions[msg.id])
        end for
    end if
    mParticle_taskPersistBatch(core)
end sub

sub mParticle_taskWriteState(core as object)
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
end sub
