' The scripted mode (sampleConfig().scripted, set at build time): the simulator cannot decode
' video, so a stand-in node with the Video node's fields is tracked instead, and a Timer
' replays a fixed timeline on it: RAF events through mParticleRafCallback (a pre-roll of two
' ads), then the content's state and position changes (startup, play, pause, seek, rebuffer,
' bitrate change, end). Each step sets what a Video node or RAF would; the SDK does the rest.
' The Timer's period only sets the pace (sampleConfig().stepMillis).
'
' Expected reporting, in order (see README.md): Media Session Start; the pre-roll (Ad Break
' Start, Ad Start/End of ad 1, Ad Start, Ad Click, Ad Skip of ad 2, Ad Break End); Update QoS and
' Play; playheads; Pause, Play; Seek Start/End 5 s -> 200 s; Buffer Start/End at 202 s; Update
' QoS (new bitrate); Seek Start/End 204 s -> 593 s; playheads; Media Content End; Media Session End.

' A node with the Video node's fields the tracker reads. Fractional floats and a non-empty
' segment to start with: the simulator types a Task's copy of a node from its values (see
' sim/README.md); a Video node's fields are typed on a device.
function timeline_standIn() as object
    node = CreateObject("roSGNode", "ContentNode")
    node.addField("state", "string", false)
    node.addField("position", "float", false)
    node.addField("notificationInterval", "float", false)
    node.addField("timeToStartStreaming", "float", false)
    node.addField("streamingSegment", "assocarray", false)
    node.setFields({ state: "none", position: 0.1, notificationInterval: 0.5, timeToStartStreaming: 0.1, streamingSegment: { segBitrateBps: 0, segType: 2 } })
    return node
end function

function sample_scriptedTimeline() as object
    ad1 = { adid: "ad-001", adtitle: "Sample Ad One", advertiser: "Acme Streaming", creativeid: "acme-autumn-15", duration: 15 }
    ad2 = { adid: "ad-002", adtitle: "Sample Ad Two", advertiser: "Globex", creativeid: "globex-skip-10", duration: 10 }
    steps = [
        ' the stand-in started at 0.1 s (see timeline_standIn): the content is at its start
        { set: { position: 0.0 } },
        ' RAF's pre-roll: two ads; the first plays to its end, the second is clicked, then skipped
        { raf: "PodStart", ctx: { rendersequence: "preroll", duration: 25 } },
        { raf: "Impression", ctx: { ad: ad1, adIndex: 1, rendersequence: "preroll" } },
        { raf: "Start", ctx: { ad: ad1, adIndex: 1, rendersequence: "preroll" } },
        { raf: "FirstQuartile", ctx: { ad: ad1, adIndex: 1 } },
        { raf: "Midpoint", ctx: { ad: ad1, adIndex: 1 } },
        { raf: "ThirdQuartile", ctx: { ad: ad1, adIndex: 1 } },
        { raf: "Complete", ctx: { ad: ad1, adIndex: 1 } },
        { raf: "Start", ctx: { ad: ad2, adIndex: 2, rendersequence: "preroll" } },
        { raf: "AcceptInvitation", ctx: { ad: ad2, adIndex: 2 } },
        { raf: "Skip", ctx: { ad: ad2, adIndex: 2 } },
        { raf: "PodComplete", ctx: { rendersequence: "preroll" } },
        ' the content: startup 1.4 s, 2.5 Mbps
        { set: { state: "buffering" } },
        { set: { streamingSegment: { segBitrateBps: 2500000, segType: 2 } } },
        { set: { timeToStartStreaming: 1.4 } },
        { set: { state: "playing" } }
    ]
    timeline_positions(steps, 1, 5)
    steps.Append([
        ' pause, resume
        { set: { state: "paused" } },
        { set: { state: "playing" } },
        ' the viewer seeks to 200 s (the node buffers for the seek)
        { set: { position: 200.0 } },
        { set: { state: "buffering" } },
        { set: { state: "playing" } }
    ])
    timeline_positions(steps, 201, 202)
    steps.Append([
        ' a stall, then a lower bitrate
        { set: { state: "buffering" } },
        { set: { state: "playing" } },
        { set: { streamingSegment: { segBitrateBps: 1200000, segType: 2 } } }
    ])
    timeline_positions(steps, 203, 204)
    ' the viewer seeks near the end, which the content reaches
    steps.Push({ set: { position: 593.0 } })
    timeline_positions(steps, 594, 596)
    steps.Push({ set: { state: "finished" } })
    return steps
end function

' Position steps of 1 s from `first` to `last` (seconds of content).
sub timeline_positions(steps as object, first as integer, last as integer)
    for p = first to last
        steps.Push({ set: { position: p + 0.0 } })
    end for
end sub

sub timeline_start()
    if m.config.scenario <> invalid and m.config.scenario = "ssai"
        m.timeline = ssai_scriptedTimeline()
        ssai_start()
    else
        m.timeline = sample_scriptedTimeline()
    end if
    m.timelineIndex = 0
    timer = m.top.findNode("timelineTimer")
    if m.config.stepMillis <> invalid and m.config.stepMillis > 0 then timer.duration = m.config.stepMillis / 1000
    timer.observeField("fire", "onTimelineTick")
    m.timelineTimer = timer
    m.rafContext = mParticleRafContext(m.mparticle, m.mediaSession, timeline_onRafEvent, { label: "scripted" })
    sample_print("timeline start steps=" + m.timeline.count().toStr())
    ' The first step waits until the Task observes the stand-in: a field change made before that
    ' is not seen (as on a device). The Task takes the bridge's calls in order and publishes the
    ' current user when one of its attributes changes, so once the user carries this run's
    ' marker, trackVideo was handled (timeline_onUser). A state, not a delay: however slow the
    ' Task is to start, no step is lost.
    m.timelineMarker = CreateObject("roDeviceInfo").GetRandomUUID()
    m.mparticle.setUserAttribute("sample_timeline_run", m.timelineMarker)
end sub

' The Task published the current user (MainScene's onCurrentUserChanged).
sub timeline_onUser(user as dynamic)
    if m.timelineStarted = true or m.timelineMarker = invalid or type(user) <> "roAssociativeArray" then return
    attributes = user.userAttributes
    if type(attributes) <> "roAssociativeArray" or attributes.sample_timeline_run <> m.timelineMarker then return
    m.timelineStarted = true
    m.timelineTimer.control = "start"
end sub

sub onTimelineTick()
    if m.ssaiWaiting <> invalid and m.ssaiWaiting then return
    if m.timelineIndex >= m.timeline.count()
        m.timelineTimer.control = "stop"
        sample_print("timeline done")
        sample_endSession("finished")
        return
    end if
    entry = m.timeline[m.timelineIndex]
    m.timelineIndex = m.timelineIndex + 1
    if entry.raf <> invalid
        mParticleRafCallback(m.rafContext, entry.raf, entry.ctx)
    else if entry.rafx <> invalid
        m.ssaiAdapter.fire(entry.rafx, entry.info)
    else
        m.player.setFields(entry.set)
    end if
end sub

' The channel's own RAF callback, chained by mParticleRafCallback.
sub timeline_onRafEvent(obj as dynamic, eventType as dynamic, ctx as dynamic)
    sample_print("RAF " + eventType)
end sub
