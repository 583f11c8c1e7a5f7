' Automatic tracking in the Task: media.trackVideo hands over a node, whose fields the Task
' observes on its own port (observeFieldScoped, so a channel's own observers of the node stay).
' RAF events arrive as media.trackAdEvent calls from mParticleRafCallback, stitched-ad events as
' media.trackStitchedAdEvent calls from mParticleTrackSsai / mParticleTrackImaDai. Which
' tracker a call or an event belongs to, and what it makes, is the transpiled table
' (src-ts/logic/track-table.ts, trackersReduce over core.trackers); here are only the node
' reads, the observers, and the nodes themselves (platform objects, kept by media session id).
' Nothing here reads a field per event: the node's fields are read once, when tracking starts.

' media.trackVideo(video, mediaSession, options)
sub mParticle_taskMediaTrackVideo(core as object, a as object)
    ' The node-typed field holds the node itself; the one inside the call may be a copy that is
    ' not observable (brs-scenegraph). The field wins when it holds the same node: a later
    ' trackVideo may already have replaced it, and then the call's own node is the one.
    video = a[0]
    field = m.top[mParticle_trackNodeField()]
    if type(field) = "roSGNode" and field.isSameNode(video) then video = field
    ' The node an "observe" effect of this step means.
    m.mParticle_taskTrackNode = video
    mParticle_taskTrackStep(core, { kind: "trackVideo", session: a[1], options: a[2], notificationInterval: video.notificationInterval, nodeState: video.state, position: video.position, nodeName: mParticle_nodeName(video), mediaSessions: mParticle_taskTrackMediaSessions() })
    m.mParticle_taskTrackNode = invalid
end sub

' media.stopTracking(mediaSession, options)
sub mParticle_taskMediaStopTracking(core as object, a as object)
    mParticle_taskTrackStep(core, { kind: "stopTracking", session: a[0], options: a[1] })
end sub

' media.trackAdEvent(mediaSession, eventType, adEvent): one RAF event.
sub mParticle_taskMediaTrackAdEvent(core as object, a as object)
    mParticle_taskTrackStep(core, { kind: "adEvent", session: a[0], eventType: a[1], event: a[2], mediaSessions: mParticle_taskTrackMediaSessions() })
end sub

' media.trackStitchedAdEvent(mediaSession, source, eventType, adEvent)
sub mParticle_taskMediaTrackStitchedAdEvent(core as object, a as object)
    mParticle_taskTrackStep(core, { kind: "stitchedAdEvent", session: a[0], source: a[1], eventType: a[2], event: a[3], mediaSessions: mParticle_taskTrackMediaSessions() })
end sub

' A field event of a tracked node. Runs every notificationInterval while video plays: one
' lookup, one reducer step, and the effects only when there are some.
sub mParticle_taskTrackOnNodeEvent(core as object, msg as object)
    nodes = m.mParticle_taskTrackNodes
    if nodes = invalid then return
    count = nodes.Count()
    if count = 0 then return
    id = invalid
    if count = 1
        for each key in nodes
            id = key
        end for
    else
        node = msg.getRoSGNode()
        for each key in nodes
            if nodes[key].isSameNode(node) then id = key
        end for
        if id = invalid then return
    end if
    r = mParticle_trackersReduce(core, { kind: "nodeEvent", sessionId: id, field: msg.getField(), value: msg.getData() }, mParticle_taskNowMillis())
    if r.effects.Count() > 0 then mParticle_taskTrackEffects(core, r)
end sub

sub mParticle_taskTrackStep(core as object, input as object)
    if core.trackers = invalid then core.trackers = {}
    mParticle_taskTrackEffects(core, mParticle_trackersReduce(core, input, mParticle_taskNowMillis()))
end sub

' Carries out the table's effects, in order (TrackersEffect in track-table.ts).
sub mParticle_taskTrackEffects(core as object, result as object)
    for each e in result.effects
        kind = e.type
        if kind = "media"
            mParticle_taskMedia(e.method, e.session, e.args, e.options)
        else if kind = "customEvent"
            mParticle_taskCoreLogCustomEvent(core, e.name, e.eventType, e.attrs)
        else if kind = "log"
            mParticle_log(e.level, e.text)
        else if kind = "observe"
            if m.mParticle_taskTrackNodes = invalid then m.mParticle_taskTrackNodes = {}
            video = m.mParticle_taskTrackNode
            m.mParticle_taskTrackNodes[e.sessionId] = video
            for each name in mParticle_trackObservedFields()
                video.observeFieldScoped(name, m.mParticle_port)
            end for
        else if kind = "unobserve"
            nodes = m.mParticle_taskTrackNodes
            if nodes <> invalid and nodes[e.sessionId] <> invalid
                for each name in mParticle_trackObservedFields()
                    nodes[e.sessionId].unobserveFieldScoped(name)
                end for
                nodes.Delete(e.sessionId)
            end if
        end if
    end for
end sub

' The media logic's sessions: a tracker of one of them logs no Media Session Start.
function mParticle_taskTrackMediaSessions() as object
    if m.mParticle_media = invalid then return {}
    return m.mParticle_media.sessions
end function
