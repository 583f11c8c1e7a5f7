' The store's glue: what survives a restart, in the registry section "mParticle_<channel id>",
' key "state" and key "queue" (formats and decisions: src-ts/logic/core-persist.ts and
' core-store.ts, mParticle_storeReduce with the Task's core as its state). This file reads the
' two keys, carries out the writes, deletes and flushes the reducer asks for, and feeds back
' the registry's free space and what it refused.

' The text of a key, "" when absent or not a string.
function mParticle_taskReadText(section as object, key as string) as string
    if not section.Exists(key) then return ""
    text = section.Read(key)
    if mParticle_typeof(text) <> "string" then return ""
    return text
end function

sub mParticle_taskLoad(core as object, appInfo as object)
    section = "mParticle_" + appInfo.GetID()
    core.registry = CreateObject("roRegistrySection", section)
    core.registryInfo = CreateObject("roRegistry")
    core.queueKeyBytes = Len(section) + Len(".queue")
    ' A first run takes its device stamp from the pool of fresh ids.
    mParticle_taskFillIds(core)
    stateText = mParticle_taskReadText(core.registry, "state")
    queueText = mParticle_taskReadText(core.registry, "queue")
    input = { kind: "load", queueText: queueText }
    if stateText <> "" then input.state = ParseJson(stateText)
    if queueText <> "" then input.queue = ParseJson(queueText)
    mParticle_taskStoreStep(core, input)
end sub

sub mParticle_taskPersist(core as object)
    mParticle_taskStoreStep(core, { kind: "persist" })
end sub

' A deferred write, when it is due (the 5 s rule while a batch is out: mParticle_storeReduce).
sub mParticle_taskPersistDue(core as object)
    mParticle_taskStoreStep(core, { kind: "tick" })
end sub

sub mParticle_taskPersistBatch(core as object)
    mParticle_taskStoreStep(core, { kind: "persistBatch" })
end sub

sub mParticle_taskStoreAccepted(core as object, msgs as object)
    ids = []
    for each msg in msgs
        ids.Push(msg.id)
    end for
    mParticle_taskStoreStep(core, { kind: "accepted", ids: ids })
end sub

' An input from the Task: the clock times the writes it leads to (the reducer spaces deferred
' writes by what they take).
sub mParticle_taskStoreStep(core as object, input as object)
    core.storeClock = CreateObject("roTimespan")
    mParticle_taskStoreFeed(core, input)
end sub

' An input that answers an effect: the same clock runs on.
sub mParticle_taskStoreFeed(core as object, input as object)
    mParticle_taskStoreEffects(core, mParticle_storeReduce(core, input, mParticle_taskNowMillis()))
end sub

' Carries out the reducer's effects, in order (StoreEffect in core-persist.ts). A write or
' flush with a `what` that the registry refuses ends the list: the reducer's answer to the
' refusal (a `refused` input) decides what is done instead.
sub mParticle_taskStoreEffects(core as object, result as object)
    for each e in result.effects
        kind = e.type
        ok = true
        if kind = "write"
            ok = core.registry.Write(e.key, e.text)
        else if kind = "delete"
            core.registry.Delete(e.key)
        else if kind = "flush"
            ok = core.registry.Flush()
            if ok and e.what <> "" then mParticle_taskStoreFeed(core, { kind: "flushed", millis: mParticle_taskStoreMillis(core, e) })
        else if kind = "measure"
            mParticle_taskStoreFeed(core, { kind: "space", space: core.registryInfo.GetSpaceAvailable() })
        else if kind = "log"
            mParticle_log(e.level, e.text)
        else if kind = "endRestoredSession"
            mParticle_taskMessageStep(core, { kind: "endSession" }, mParticle_taskNowMillis())
        end if
        if not ok and e.what <> ""
            mParticle_taskStoreFeed(core, { kind: "refused", what: e.what, tried: e.tried, millis: mParticle_taskStoreMillis(core, e) })
            return
        end if
    end for
end sub

' What the writes took since the input that led to effect `e`, when it is timed; else -1.
function mParticle_taskStoreMillis(core as object, e as object) as longinteger
    if mParticle_typeof(e.timed) = "boolean" and e.timed = true then return core.storeClock.TotalMilliseconds()
    return -1
end function
