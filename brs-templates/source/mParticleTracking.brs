' Roku's ad framework (RAF) glue. RAF has one tracking-callback slot, so the SDK's callback
' forwards a small copy of each event to the Task and then calls the channel's own callback
' with the same arguments. In the thread that runs RAF (a Task, as Roku recommends):
'   m.mparticle = mParticleSGBridge(mParticleTaskNode)
'   adIface.setTrackingCallback(mParticleRafCallback, mParticleRafContext(m.mparticle, mediaSession, myCallback, myObj))

' The object to give RAF with mParticleRafCallback: the bridge and session to report to, and
' the channel's own callback and its object (both optional).
function mParticleRafContext(bridge = invalid as dynamic, mediaSession = invalid as dynamic, channelCallback = invalid as dynamic, channelObj = invalid as dynamic) as object
    if type(bridge) <> "roAssociativeArray" or type(bridge.media) <> "roAssociativeArray"
        mParticle_logError("mParticleRafContext: expected the bridge of mParticleSGBridge(task), got " + mParticle_nodeName(bridge) + "; RAF events will not be reported")
        bridge = invalid
    end if
    if type(mediaSession) <> "roAssociativeArray"
        mParticle_logError("mParticleRafContext: expected a MediaSession.build result, got " + type(mediaSession) + "; RAF events will not be reported")
        mediaSession = invalid
    end if
    return { mParticle_bridge: bridge, mParticle_session: mediaSession, mParticle_callback: channelCallback, mParticle_obj: channelObj }
end function

' RAF's tracking callback: sub(obj, eventType, ctx). Progress updates (no event type) are not
' forwarded: the tracker has no use for them, and each forward is a field set on the Task.
sub mParticleRafCallback(obj = invalid as dynamic, eventType = invalid as dynamic, ctx = invalid as dynamic)
    if type(obj) <> "roAssociativeArray" then return
    bridge = obj.mParticle_bridge
    if bridge <> invalid and obj.mParticle_session <> invalid and mParticle_typeof(eventType) = "string"
        if Len(eventType) > 0 then bridge.media.trackAdEvent(obj.mParticle_session, eventType, mParticle_rafCopy(ctx))
    end if
    callback = obj.mParticle_callback
    kind = type(callback)
    if kind = "roFunction" or kind = "Function" then callback(obj.mParticle_obj, eventType, ctx)
end sub

' The part of RAF's event context the tracker reads. RAF's own objects cannot go through a
' node field (circular references, functions), and a small copy is cheaper to hand over.
function mParticle_rafCopy(ctx as dynamic) as object
    out = {}
    if type(ctx) <> "roAssociativeArray" then return out
    for each key in ["rendersequence", "duration", "adIndex", "errCode", "errMsg", "errType"]
        mParticle_rafCopyScalar(out, key, ctx[key])
    end for
    ad = ctx.ad
    if type(ad) = "roAssociativeArray"
        out.ad = {}
        for each key in ["adid", "adtitle", "advertiser", "creativeid", "duration"]
            mParticle_rafCopyScalar(out.ad, key, ad[key])
        end for
    end if
    return out
end function

sub mParticle_rafCopyScalar(out as object, key as string, value as dynamic)
    t = mParticle_typeof(value)
    if t = "string" or t = "number" or t = "boolean" then out[key] = value
end sub

' ---------------------------------------------------------------- stitched (server-side) ads
' RAF's SSAI adapters (RAFX_SSAI) and Google's IMA DAI SDK run in a Task of the channel, and call
' their listeners as global functions of that Task (the adapter through
' GetGlobalAA().callFunctionInGlobalNamespace, IMA inside streamManager.onMessage) with no object
' of ours. So the listeners never use m: they find the bridge and the session in the thread's
' global AA (mParticle_stitched), which the entry point sets. They only observe: every beacon
' stays with the adapter, RAF and IMA.

' RAFX_SSAI: registers the SDK's listener for the ad events it maps. The adapter keeps one
' listener per event, so the channel's own (registered before this call) is chained: called after
' the SDK's with the same argument.
function mParticleTrackSsai(adapter = invalid as dynamic, bridge = invalid as dynamic, mediaSession = invalid as dynamic) as boolean
    if type(adapter) <> "roAssociativeArray" or type(adapter.AdEvent) <> "roAssociativeArray"
        mParticle_logError("mParticleTrackSsai: expected a RAFX_SSAI adapter, got " + type(adapter) + "; stitched ads will not be reported")
        return false
    end if
    ctx = mParticle_stitchedContext("mParticleTrackSsai", bridge, mediaSession)
    if ctx = invalid then return false
    own = invalid
    callbacks = adapter.eventCallbacks
    if type(callbacks) = "roAssociativeArray" and type(callbacks.callbacks) = "roAssociativeArray" then own = callbacks.callbacks
    listeners = { rafx: mParticle_rafxListener }
    for each key in ["PODS", "POD_START", "START", "IMPRESSION", "COMPLETE", "POD_END"]
        event = adapter.AdEvent[key]
        if mParticle_typeof(event) = "string"
            if own <> invalid
                chained = own[event]
                kind = type(chained)
                if kind = "roFunction" or kind = "Function" then ctx.rafxChained[event] = chained
            end if
            adapter.addEventListener(event, listeners.rafx)
        end if
    end for
    GetGlobalAA().mParticle_stitched = ctx
    return true
end function

' IMA DAI: adds the SDK's listeners to the stream manager (IMA keeps a list per event: the
' channel's own stay). Breaks come from the channel's ima.Player callbacks, through
' mParticleImaAdBreakStarted / mParticleImaAdBreakEnded.
function mParticleTrackImaDai(sdk = invalid as dynamic, streamManager = invalid as dynamic, bridge = invalid as dynamic, mediaSession = invalid as dynamic) as boolean
    if type(sdk) <> "roAssociativeArray" or type(sdk.AdEvent) <> "roAssociativeArray" or type(streamManager) <> "roAssociativeArray"
        mParticle_logError("mParticleTrackImaDai: expected IMA's sdk and stream manager, got " + type(sdk) + " and " + type(streamManager) + "; stitched ads will not be reported")
        return false
    end if
    ctx = mParticle_stitchedContext("mParticleTrackImaDai", bridge, mediaSession)
    if ctx = invalid then return false
    ctx.ima = streamManager
    listeners = { start: mParticle_imaOnStart, complete: mParticle_imaOnComplete, skipped: mParticle_imaOnSkipped }
    for each key in ["START", "COMPLETE", "SKIPPED"]
        event = sdk.AdEvent[key]
        if mParticle_typeof(event) = "string" then streamManager.addEventListener(event, listeners[LCase(key)])
    end for
    GetGlobalAA().mParticle_stitched = ctx
    return true
end function

' One line in the channel's ima.Player adBreakStarted(adBreakInfo).
sub mParticleImaAdBreakStarted(adBreakInfo = invalid as dynamic)
    mParticle_imaForward("adBreakStarted", adBreakInfo, true)
end sub

' One line in the channel's ima.Player adBreakEnded(adBreakInfo).
sub mParticleImaAdBreakEnded(adBreakInfo = invalid as dynamic)
    mParticle_imaForward("adBreakEnded", adBreakInfo, true)
end sub

' The bridge and session the listeners report to, or invalid after logging why not.
function mParticle_stitchedContext(where as string, bridge as dynamic, mediaSession as dynamic) as dynamic
    if type(bridge) <> "roAssociativeArray" or type(bridge.media) <> "roAssociativeArray"
        mParticle_logError(where + ": expected the bridge of mParticleSGBridge(task) made in this Task, got " + mParticle_nodeName(bridge) + "; stitched ads will not be reported")
        return invalid
    end if
    if type(mediaSession) <> "roAssociativeArray"
        mParticle_logError(where + ": expected a MediaSession.build result, got " + type(mediaSession) + "; stitched ads will not be reported")
        return invalid
    end if
    return { bridge: bridge, session: mediaSession, rafxChained: {}, ima: invalid, busy: false }
end function

' The RAFX listener: forwards a copy of the event, then calls the channel's listener for it.
' `busy` stops a listener that reaches itself (mParticleTrackSsai called twice on one adapter).
sub mParticle_rafxListener(adInfo = invalid as dynamic)
    ctx = GetGlobalAA().mParticle_stitched
    if type(ctx) <> "roAssociativeArray" or ctx.busy = true then return
    if type(adInfo) <> "roAssociativeArray" then return
    event = adInfo.event
    if mParticle_typeof(event) <> "string" then return
    ctx.busy = true
    ctx.bridge.media.trackStitchedAdEvent(ctx.session, "rafx", event, mParticle_rafxCopy(adInfo))
    chained = ctx.rafxChained[event]
    if chained <> invalid then chained(adInfo)
    ctx.busy = false
end sub

' What the tracker reads of an adapter event: its position and its pod(s) without the beacons.
function mParticle_rafxCopy(adInfo as object) as object
    out = {}
    mParticle_rafCopyScalar(out, "position", adInfo.position)
    if type(adInfo.adPod) = "roAssociativeArray" then out["adPod"] = mParticle_rafxPodCopy(adInfo.adPod)
    if type(adInfo.adPods) = "roArray"
        pods = []
        for each pod in adInfo.adPods
            if type(pod) = "roAssociativeArray" then pods.Push(mParticle_rafxPodCopy(pod))
        end for
        out["adPods"] = pods
    end if
    return out
end function

function mParticle_rafxPodCopy(pod as object) as object
    out = {}
    for each key in ["renderTime", "duration", "renderSequence"]
        mParticle_rafCopyScalar(out, key, pod[key])
    end for
    ads = []
    if type(pod.ads) = "roArray"
        for each ad in pod.ads
            if type(ad) = "roAssociativeArray"
                copy = {}
                for each key in ["adid", "adtitle", "title", "advertiser", "creativeid", "duration"]
                    mParticle_rafCopyScalar(copy, key, ad[key])
                end for
                ads.Push(copy)
            end if
        end for
    end if
    out["ads"] = ads
    return out
end function

sub mParticle_imaOnStart(ad = invalid as dynamic)
    mParticle_imaForward("start", ad, false)
end sub

sub mParticle_imaOnComplete(ad = invalid as dynamic)
    mParticle_imaForward("complete", ad, false)
end sub

sub mParticle_imaOnSkipped(ad = invalid as dynamic)
    mParticle_imaForward("skipped", ad, false)
end sub

' Forwards a copy of an IMA ad (or, for a break, its info and the stream's cue points).
sub mParticle_imaForward(eventType as string, value as dynamic, isBreak as boolean)
    ctx = GetGlobalAA().mParticle_stitched
    if type(ctx) <> "roAssociativeArray" then return
    out = {}
    if type(value) = "roAssociativeArray"
        if isBreak
            for each key in ["duration", "timeOffset", "podIndex", "totalAds", "adPosition"]
                mParticle_rafCopyScalar(out, key, value[key])
            end for
        else
            for each key in ["adId", "adTitle", "advertiserName", "creativeId", "duration"]
                mParticle_rafCopyScalar(out, key, value[key])
            end for
            if type(value.adBreakInfo) = "roAssociativeArray" then mParticle_rafCopyScalar(out, "adPosition", value.adBreakInfo.adPosition)
        end if
    end if
    ' Cue points are stream seconds (IMA: VOD only). "end" is a keyword: read by index.
    if isBreak and type(ctx.ima) = "roAssociativeArray"
        kind = type(ctx.ima.getCuePoints)
        cues = invalid
        if kind = "roFunction" or kind = "Function" then cues = ctx.ima.getCuePoints()
        if type(cues) = "roArray"
            list = []
            for each cue in cues
                if type(cue) = "roAssociativeArray" then list.Push({ startSec: cue["start"], endSec: cue["end"] })
            end for
            out["cuePoints"] = list
        end if
    end if
    ctx.bridge.media.trackStitchedAdEvent(ctx.session, "ima", eventType, out)
end sub
