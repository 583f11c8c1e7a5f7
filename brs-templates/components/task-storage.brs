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
    section = "mParticle_" + appInfo.GetID()
    core.registry = CreateObject("roRegistrySection", section)
    core.registryInfo = CreateObject("roRegistry")
    core.queueKeyBytes = Len(section) + Len(".queue")
    core.stored = mParticle_coreNoStored()
    core.storedLimit = 0
    core.writeState = mParticle_coreWriteOk()
    state = mParticle_taskStored(mParticle_taskReadJson(core.registry, "state"), "object", {})
    core.das = mParticle_taskStored(state.das, "string", "")
    core.firstRun = core.das = ""
    if core.das = "" then core.das = mParticle_taskNewUuid()
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

    stored = invalid
    if core.registry.Exists("queue") then core.storedWritten = core.registry.Read("queue")
    if core.storedWritten <> "" then stored = ParseJson(core.storedWritten)
    decoded = mParticle_coreDecodeQueue(stored)
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
        mParticle_logInfo("batch " + batch.id + " of the previous run (" + batch.msgs.Count().ToStr() + " message(s)) is sent again first")
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

' Writes what changed: the state first (the session and the user the queue depends on), then
' the queue fitted to what corePersistPlan allows. A refused write or flush keeps everything
' in memory and is tried again later with less (mParticle_taskWriteRefused).
sub mParticle_taskPersist(core as object)
    core.persistNow = false
    core.persistAt = 0&
    if not core.queueDirty and not core.stateDirty then return
    if core.writeState.retryAt > mParticle_taskNowMillis()
        core.persistAt = core.writeState.retryAt
        return
    end if
    ' On a slow device (or the simulator) encoding the queue takes a while: space the deferred
    ' writes so that they never take more than a tenth of the Task's time.
    clock = CreateObject("roTimespan")
    ok = true
    if core.stateDirty then ok = mParticle_taskWriteState(core)
    if ok and core.queueDirty then ok = mParticle_taskWriteQueue(core)
    if ok then mParticle_taskFlush(core)
    core.persistDelay = 10 * clock.TotalMilliseconds()
    if core.persistDelay < 1000 then core.persistDelay = 1000
end sub

sub mParticle_taskFlush(core as object)
    if not core.registry.Flush()
        mParticle_taskWriteRefused(core, "flush", Len(core.storedWritten))
    else if core.writeState.failures > 0 or core.writeState.capBytes >= 0
        outcome = mParticle_coreWriteRetry(core.writeState, "queue", false, Len(core.storedWritten), core.options.queueBudgetBytes, mParticle_taskNowMillis())
        core.writeState = outcome.state
        if outcome.log <> "" then mParticle_logInfo(outcome.log)
    end if
end sub

' A write or flush the registry refused: what it means is coreWriteRetry's.
sub mParticle_taskWriteRefused(core as object, what as string, tried as integer)
    outcome = mParticle_coreWriteRetry(core.writeState, what, true, tried, core.options.queueBudgetBytes, mParticle_taskNowMillis())
    core.writeState = outcome.state
    if outcome.log <> "" then mParticle_logError(outcome.log) else mParticle_logDebug("the registry refused the " + what + " write again")
    ' Flushed at once: a restart must not read a queue that says less than was sent since.
    if outcome.dropStored and core.storedWritten <> ""
        core.registry.Delete("queue")
        core.registry.Flush()
        core.storedWritten = ""
    end if
    core.stored = mParticle_coreNoStored()
    core.queueDirty = true
    core.stateDirty = true
    core.persistAt = core.writeState.retryAt
end sub

' The batch in flight as the persisted form references it.
function mParticle_taskBatchRef(core as object) as object
    if core.batch = invalid then return mParticle_coreNoBatch()
    return { id: core.batch.id, ct: core.batch.ct, ids: mParticle_taskMessageIds(core.batch.msgs) }
end function

' The ids of messages, in order.
function mParticle_taskMessageIds(msgs as object) as object
    ids = []
    for each msg in msgs
        ids.Push(msg.id)
    end for
    return ids
end function

' The queue in memory is never cut to fit the registry: corePersistPlan bounds only what is
' written, the messages most worth keeping first (coreFitBudget). The others are still uploaded
' from memory; only a channel that stops before they are loses them, as the log says.
function mParticle_taskWriteQueue(core as object) as boolean
    opts = core.options
    space = core.registryInfo.GetSpaceAvailable()
    own = 0
    if core.storedWritten <> "" then own = core.queueKeyBytes + Len(core.storedWritten)
    plan = mParticle_corePersistPlan(space, own, core.queueKeyBytes, opts.queueBudgetBytes, opts.registryReserveBytes, core.writeState.capBytes)
    ' The count the last write kept is a good start only if the size, not the queue, bounded it.
    hint = 0
    if core.notStored > 0 then hint = core.fitKept
    batch = mParticle_taskBatchRef(core)
    fit = mParticle_coreFitBudget(core.queue, core.inflightIds, plan.bytes, batch, opts.maxBatchMessages, hint)
    core.queueDirty = false
    core.fitKept = fit.queue.Count()
    core.storedLimit = plan.bytes
    core.stored = fit.stored
    text = mParticle_coreStoredText(fit.stored, batch)
    ' Written before it is logged: a log line names what the registry holds.
    if not mParticle_taskWriteStored(core, text) then return false
    left = fit.dropped.Count()
    if left > 0
        if plan.limitedBy = "reserve"
            why = "the registry's free space less registryReserveBytes (" + space.ToStr() + " bytes free, " + opts.registryReserveBytes.ToStr() + " kept for the channel)"
        else if plan.limitedBy = "retry"
            why = "the smaller size tried after a refused write"
        else
            why = "queueBudgetBytes"
        end if
        if left <> core.notStored then mParticle_logInfo("queue written: " + fit.queue.Count().ToStr() + " of " + core.queue.Count().ToStr() + " message(s), " + Len(text).ToStr() + " bytes; " + left.ToStr() + " do not fit " + why + ": they are kept in memory and uploaded, and lost only if the channel stops first")
        if mParticle_logLevel() >= 3
            labels = []
            for each msg in fit.dropped
                label = msg.dt
                if mParticle_typeof(msg.n) = "string" then label = label + ":" + msg.n
                labels.Push(label)
            end for
            mParticle_logDebug("queue written: " + fit.queue.Count().ToStr() + " message(s), " + Len(text).ToStr() + " bytes; not written [" + mParticle_join(labels, ", ") + "]")
        end if
    else
        mParticle_logDebug("queue written: " + fit.queue.Count().ToStr() + " message(s), " + Len(text).ToStr() + " bytes")
    end if
    core.notStored = left
    return true
end function

' Writes the queue's text ("" deletes the key: nothing is kept); false when the registry refused it.
function mParticle_taskWriteStored(core as object, text as string) as boolean
    if text = ""
        if core.storedWritten <> "" then core.registry.Delete("queue")
    else if not core.registry.Write("queue", text)
        mParticle_taskWriteRefused(core, "queue", Len(text))
        return false
    end if
    core.storedWritten = text
    return true
end function

' A batch went out or was accepted: the text last written gets its "f" or "x" (coreStoredText),
' without encoding the queue again; written again whole when that would not fit the last plan.
sub mParticle_taskPersistBatch(core as object)
    ' A refused write is pending: its retry writes the queue whole.
    if core.writeState.retryAt > 0
        core.queueDirty = true
        return
    end if
    ' The registry still holds the previous run's text, or none was written: encode the queue.
    if core.stored.text = "" and core.storedWritten <> ""
        core.queueDirty = true
        mParticle_taskPersist(core)
        return
    end if
    text = mParticle_coreStoredText(core.stored, mParticle_taskBatchRef(core))
    ' A batch none of whose messages were written yet (a burst, whose write waits while it is
    ' delivered) changes nothing in the registry: no write, no flash wear.
    if text = core.storedWritten then return
    if Len(text) > core.storedLimit
        core.queueDirty = true
        mParticle_taskPersist(core)
        return
    end if
    if mParticle_taskWriteStored(core, text) then mParticle_taskFlush(core)
end sub

' Messages the server accepted (or refused for good) are marked in the written text ("x") at
' once, so that a restart cannot send them again. That is all the registry needs: the queue is
' encoded again only when new messages come (mParticle_taskEnqueue), not once per
' batch while a backlog drains.
sub mParticle_taskStoreAccepted(core as object, msgs as object)
    core.stored = mParticle_coreStoredAccept(core.stored, mParticle_taskMessageIds(msgs))
    mParticle_taskPersistBatch(core)
end sub

function mParticle_taskWriteState(core as object) as boolean
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
        mParticle_taskWriteRefused(core, "state", Len(core.storedWritten))
        return false
    end if
    core.stateDirty = false
    return true
end function
