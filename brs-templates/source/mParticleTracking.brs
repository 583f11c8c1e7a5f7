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
