' The scripted mode's stitched-ad scenario (sampleConfig().scenario = "ssai"; npm run sim --
' --scenario ssai): the stand-in node plays a stream with server-side ads stitched in, and a
' stand-in of a RAFX_SSAI adapter reports them to the listeners registered with
' addEventListener, as the shipped adapter does (through callFunctionInGlobalNamespace, with
' {event, position} and the pods). The channel registers its own listener, then hands the
' adapter to mParticleTrackSsai. On a device this runs in the Task that runs the adapter; the
' simulator cannot hand mParticleTask to a second Task, so the scene plays that part here.
'
' The stream (stream seconds): a 10 s pre-roll, content, a 20 s mid-roll at 40 s (content 30 s),
' content, a 10 s post-roll at 100 s. The viewer seeks over the mid-roll once.
' Expected reporting: Media Session Start; Ad Break Start, Ad Start/End, Ad Break End (pre-roll);
' Update QoS and Play at content 0.5 s; playheads at content time (ads left out); Seek
' Start/End 10.5 s -> 45.5 s (the stream jumped 55 s, 20 s of it the mid-roll's); back
' 47.5 s -> 21.5 s; the mid-roll's two ads at 30 s; the post-roll at 70 s, inside which the
' stream finishes: Media Content End; Media Session End.

function ssai_pods() as object
    return [
        { renderTime: 0, renderSequence: "preroll", duration: 10, ads: [{ adid: "ssai-001", adtitle: "Stitched Pre-roll", duration: 10 }] },
        { renderTime: 40, renderSequence: "midroll", duration: 20, ads: [{ adid: "ssai-002", adtitle: "Stitched Mid A", duration: 10 }, { adid: "ssai-003", adtitle: "Stitched Mid B", duration: 10 }] },
        { renderTime: 100, renderSequence: "postroll", duration: 10, ads: [{ adid: "ssai-004", adtitle: "Stitched Post-roll", duration: 10 }] }
    ]
end function

' A RAFX_SSAI stand-in: its AdEvent names, one listener per event, listeners called through
' callFunctionInGlobalNamespace.
function ssai_adapter() as object
    GetGlobalAA()["callFunctionInGlobalNamespace"] = sub(callback as function, info as object)
        callback(info)
    end sub
    adapter = {
        AdEvent: { PODS: "PodsFound", POD_START: "PodStart", START: "Start", IMPRESSION: "Impression", FIRST_QUARTILE: "FirstQuartile", MIDPOINT: "Midpoint", THIRD_QUARTILE: "ThirdQuartile", COMPLETE: "Complete", POD_END: "PodComplete" },
        eventCallbacks: { callbacks: {} }
    }
    adapter.addEventListener = sub(event as string, callback as function)
        m.eventCallbacks.callbacks[event] = callback
    end sub
    adapter.fire = sub(event as string, info as object)
        if m.eventCallbacks.callbacks[event] <> invalid
            info.event = event
            dispatch = GetGlobalAA()["callFunctionInGlobalNamespace"]
            dispatch(m.eventCallbacks.callbacks[event], info)
        end if
    end sub
    return adapter
end function

' Positions every second (the stand-in's notificationInterval is 0.5 s) and the adapter's
' events, each right after the position that triggers it (the adapter keys them by whole stream
' seconds).
function ssai_scriptedTimeline() as object
    pods = ssai_pods()
    steps = [{ rafx: "PodsFound", info: { adPods: pods } }, { set: { state: "buffering" } }]
    ssai_span(steps, pods, 0.5, 0.5)
    steps.Push({ set: { state: "playing" } })
    ssai_span(steps, pods, 1.5, 20.5)
    ' the viewer seeks over the mid-roll, then back before it
    ssai_span(steps, pods, 75.5, 77.5)
    ssai_span(steps, pods, 31.5, 109.5)
    steps.Push({ set: { state: "finished" } })
    return steps
end function

sub ssai_span(steps as object, pods as object, first as float, last as float)
    p = first
    while p <= last
        steps.Push({ set: { position: p } })
        for each pod in pods
            ssai_podEvents(steps, pod, Int(p))
        end for
        p = p + 1
    end while
end sub

' The adapter's events of `pod` at whole stream second `sec`.
sub ssai_podEvents(steps as object, pod as object, sec as integer)
    if sec = pod.renderTime then steps.Push({ rafx: "PodStart", info: { position: sec, adPod: pod } })
    begin = pod.renderTime
    for each ad in pod.ads
        if sec = begin + ad.duration then steps.Push({ rafx: "Complete", info: { position: sec } })
        if sec = begin then steps.Push({ rafx: "Impression", info: { position: sec } })
        begin = begin + ad.duration
    end for
    if sec = pod.renderTime + pod.duration then steps.Push({ rafx: "PodComplete", info: { position: sec } })
end sub

sub ssai_start()
    ' The node's changes must come after the Task observes it. The Task handles its messages in
    ' order: once the identity answer is in, trackVideo (called before it) has been handled.
    m.ssaiWaiting = true
    m.mParticleTask.observeField(mParticleConstants().SCENEGRAPH_NODES.IDENTITY_RESULT_NODE, "ssai_onIdentityResult")
    m.ssaiAdapter = ssai_adapter()
    m.ssaiAdapter.addEventListener(m.ssaiAdapter.AdEvent.POD_START, ssai_onChannelPodStart)
    sample_print("mParticleTrackSsai " + mParticleTrackSsai(m.ssaiAdapter, m.mparticle, m.mediaSession).ToStr())
end sub

sub ssai_onIdentityResult()
    m.ssaiWaiting = false
end sub

' The channel's own adapter listener, still called (after the SDK's) with the adapter's argument.
sub ssai_onChannelPodStart(info as object)
    print "[sample] stitched "; info.adPod.renderSequence; " at "; info.position
end sub
