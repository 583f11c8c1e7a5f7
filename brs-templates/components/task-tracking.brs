' Automatic tracking in the Task: media.trackVideo hands over a node, whose fields the Task
' observes on its own port (observeFieldScoped, so a channel's own observers of the node stay);
' each event's data goes to the transpiled tracker (src-ts/logic/track.ts), and the media calls
' it returns run through the media logic like the channel's own calls. RAF events arrive as
' media.trackAdEvent calls from mParticleRafCallback, stitched-ad events as
' media.trackStitchedAdEvent calls from mParticleTrackSsai / mParticleTrackImaDai. Nothing here reads a field per event:
' values come from the events (the node's fields are read once, when tracking starts).

' Trackers by media session id: { video: node or invalid, state: tracker state }.
function mParticle_taskTrackers() as object
    if m.mParticle_taskTrackers = invalid then m.mParticle_taskTrackers = {}
    return m.mParticle_taskTrackers
end function

' media.trackVideo(video, mediaSession, options)
sub mParticle_taskMediaTrackVideo(core as object, a as object)
    if not core.ready then return
    ' The node-typed field holds the node itself; the one inside the call may be a copy that is
    ' not observable (brs-scenegraph). The field wins when it holds the same node: a later
    ' trackVideo may already have replaced it, and then the call's own node is the one.
    video = a[0]
    field = m.top[mParticle_trackNodeField()]
    if type(field) = "roSGNode" and field.isSameNode(video) then video = field
    id = mParticle_taskTrackSessionId(a[1], "media.trackVideo")
    if id = "" then return
    trackers = mParticle_taskTrackers()
    old = trackers[id]
    if old <> invalid then mParticle_taskTrackUnobserve(old)
    ' Read once: the node may already be playing when the channel hands it over.
    interval = video.notificationInterval
    initialState = video.state
    initialPosition = video.position
    r = mParticle_trackStart(a[1], a[2], interval, mParticle_taskTrackStarted(id), mParticle_taskNowMillis())
    mParticle_taskTrackLogErrors("media.trackVideo", r.errors)
    if r.state = invalid then return
    entry = { video: video, state: r.state }
    trackers[id] = entry
    m.mParticle_trackerCount = trackers.Count()
    for each field in mParticle_trackObservedFields()
        video.observeFieldScoped(field, m.mParticle_port)
    end for
    mParticle_taskTrackRun(core, r.calls)
    if initialPosition <> invalid then mParticle_taskTrackInput(core, entry, "field", "position", initialPosition)
    if initialState <> invalid then mParticle_taskTrackInput(core, entry, "field", "state", initialState)
    mParticle_log(2, "tracking " + mParticle_nodeName(video) + " for media session " + id)
end sub

' media.stopTracking(mediaSession, options)
sub mParticle_taskMediaStopTracking(core as object, a as object)
    if not core.ready then return
    id = mParticle_taskTrackSessionId(a[0], "media.stopTracking")
    if id = "" then return
    trackers = mParticle_taskTrackers()
    entry = trackers[id]
    if entry = invalid
        mParticle_logError("media.stopTracking: media session " + id + " is not tracked (trackVideo first); call dropped")
        return
    end if
    mParticle_taskTrackUnobserve(entry)
    trackers.Delete(id)
    m.mParticle_trackerCount = trackers.Count()
    r = mParticle_trackStop(entry.state, a[1], mParticle_taskNowMillis())
    mParticle_taskTrackLogErrors("media.stopTracking", r.errors)
    mParticle_taskTrackRun(core, r.calls)
end sub

' media.trackAdEvent(mediaSession, eventType, adEvent): one RAF event.
sub mParticle_taskMediaTrackAdEvent(core as object, a as object)
    if not core.ready then return
    entry = mParticle_taskTrackAdEntry(core, a[0], "media.trackAdEvent")
    if entry <> invalid then mParticle_taskTrackInput(core, entry, "raf", a[1], a[2])
end sub

' media.trackStitchedAdEvent(mediaSession, source, eventType, adEvent): one event of RAF's SSAI
' adapters ("rafx") or IMA DAI ("ima"), from mParticleTrackSsai / mParticleTrackImaDai.
sub mParticle_taskMediaTrackStitchedAdEvent(core as object, a as object)
    if not core.ready then return
    source = a[1]
    if source <> "rafx" and source <> "ima"
        mParticle_logError("media.trackStitchedAdEvent: source must be rafx or ima, got " + source + "; call dropped")
        return
    end if
    entry = mParticle_taskTrackAdEntry(core, a[0], "media.trackStitchedAdEvent")
    if entry <> invalid then mParticle_taskTrackInput(core, entry, source, a[2], a[3])
end sub

' The tracker of an ad event's session. A session that no node is tracked for gets a tracker
' without a node (ads alone); its Media Session Start runs here.
function mParticle_taskTrackAdEntry(core as object, session as dynamic, where as string) as dynamic
    id = mParticle_taskTrackSessionId(session, where)
    if id = "" then return invalid
    trackers = mParticle_taskTrackers()
    entry = trackers[id]
    if entry <> invalid then return entry
    r = mParticle_trackStart(session, {}, invalid, mParticle_taskTrackStarted(id), mParticle_taskNowMillis())
    mParticle_taskTrackLogErrors(where, r.errors)
    if r.state = invalid then return invalid
    entry = { video: invalid, state: r.state }
    trackers[id] = entry
    m.mParticle_trackerCount = trackers.Count()
    mParticle_taskTrackRun(core, r.calls)
    return entry
end function

' A field event of a tracked node; true when it made calls (the caller then ticks the core).
' Runs every notificationInterval while video plays: one lookup, one reducer step.
function mParticle_taskTrackOnNodeEvent(core as object, msg as object) as boolean
    if m.mParticle_trackerCount = invalid or m.mParticle_trackerCount = 0 then return false
    entry = invalid
    trackers = m.mParticle_taskTrackers
    if m.mParticle_trackerCount = 1
        for each id in trackers
            entry = trackers[id]
        end for
    else
        node = msg.getRoSGNode()
        for each id in trackers
            candidate = trackers[id]
            if candidate.video <> invalid and candidate.video.isSameNode(node) then entry = candidate
        end for
    end if
    if entry = invalid or entry.video = invalid then return false
    return mParticle_taskTrackInput(core, entry, "field", msg.getField(), msg.getData())
end function

function mParticle_taskTrackInput(core as object, entry as object, kind as string, name as string, value as dynamic) as boolean
    r = mParticle_trackReduce(entry.state, { kind: kind, name: name, value: value }, mParticle_taskNowMillis())
    entry.state = r.state
    if r.errors.Count() > 0 then mParticle_taskTrackLogErrors("tracking", r.errors)
    if r.calls.Count() = 0 then return false
    mParticle_taskTrackRun(core, r.calls)
    return true
end function

' The tracker's calls, in order: media API calls through the media logic, "logEvent" as a
' custom media event. After an opt-out nothing is recorded.
sub mParticle_taskTrackRun(core as object, calls as object)
    if core.optedOut = true then return
    for each c in calls
        if c.method = "logEvent"
            mParticle_taskCoreLogCustomEvent(core, c.eventName, "media", c.options)
        else
            mParticle_taskMedia(c.method, c.session, c.args, c.options)
        end if
    end for
end sub

sub mParticle_taskTrackUnobserve(entry as object)
    if entry.video = invalid then return
    for each field in mParticle_trackObservedFields()
        entry.video.unobserveFieldScoped(field)
    end for
end sub

' Whether the media logic already has this session (then trackVideo logs no Session Start).
function mParticle_taskTrackStarted(id as string) as boolean
    if m.mParticle_media = invalid then return false
    return m.mParticle_media.sessions.DoesExist(id)
end function

' The session's id, or "" after logging why the call is dropped.
function mParticle_taskTrackSessionId(session as dynamic, where as string) as string
    if type(session) = "roAssociativeArray" and mParticle_typeof(session.mediaSessionId) = "string" and Len(session.mediaSessionId) > 0
        return session.mediaSessionId
    end if
    mParticle_logError(where + ": the media session has no mediaSessionId (build it with MediaSession.build); call dropped")
    return ""
end function

sub mParticle_taskTrackLogErrors(where as string, errors as object)
    for each problem in errors
        mParticle_logError(where + ": " + problem)
    end for
end sub
