' MainScene sets up the SDK exactly as mParticle's Roku documentation shows it, then hands the
' player over to PlayerController.brs. Two drivers feed the controller's one entry point,
' player_onUpdate(update): the Video node's observers on a device, or the Timer of
' ScriptedTimeline.brs where video cannot be decoded (the simulator, CI).

sub init()
    m.config = m.global.sampleConfig
    m.scripted = (m.config <> invalid and m.config.scripted = true)
    m.clock = CreateObject("roTimespan")
    m.status = m.top.findNode("status")
    ' Real mode only. The scripted mode plays nothing, and in the simulator (brs-scenegraph 0.1)
    ' a Video node in the scene stalls the mParticle Task's field sync with the render thread:
    ' its API calls arrive seconds late and its requests do not go out.
    m.video = invalid
    if not m.scripted
        m.video = CreateObject("roSGNode", "Video")
        m.video.id = "video"
        m.video.width = 1920
        m.video.height = 1080
        m.video.enableUI = true
        ' Above the background, below the status label.
        m.top.insertChild(m.video, 1)
    end if

    'Create the mParticle Task Node
    m.mParticleTask = createObject("roSGNode","mParticleTask")
    m.mParticleTask.ObserveField(mParticleConstants().SCENEGRAPH_NODES.IDENTITY_RESULT_NODE, "onIdentityResult")
    m.mParticleTask.ObserveField(mParticleConstants().SCENEGRAPH_NODES.CURRENT_USER_NODE, "onCurrentUserChanged")
    m.mparticle = mParticleSGBridge(m.mParticleTask)

    sample_print("logScreenEvent Player")
    m.mparticle.logScreenEvent("Player", {})

    m.exitTimer = m.top.findNode("exitTimer")
    m.exitTimer.observeField("fire", "onExitTimer")
    if m.config <> invalid and m.config.exitDelayMillis <> invalid
        m.exitTimer.duration = m.config.exitDelayMillis / 1000
    end if

    player_init(sample_catalog())
    if not m.scripted
        m.video.observeField("state", "onVideoChanged")
        m.video.observeField("position", "onVideoChanged")
        m.video.setFocus(true)
    end if
    player_start(sample_clockMs())
    if m.scripted then timeline_start()
end sub

sub onIdentityResult(event as object)
    result = event.getData()
    if result <> invalid then print "[sample] identity result: "; FormatJson(result)
end sub

sub onCurrentUserChanged(event as object)
    user = event.getData()
    if user <> invalid then print "[sample] current user mpid="; user.mpid
end sub

' Both Video fields lead here, so the controller always sees state and position together.
sub onVideoChanged()
    player_onUpdate(sample_readVideo())
end sub

' The real-player side of a player update: the same fields the scripted timeline writes.
function sample_readVideo() as object
    update = {
        clockMs: sample_clockMs(),
        state: m.video.state,
        position: m.video.position,
        bitrate: 0,
        bufferPercent: 0
    }
    segment = m.video.streamingSegment
    if segment <> invalid and segment.segBitrateBps <> invalid then update.bitrate = segment.segBitrateBps
    buffering = m.video.bufferingStatus
    if buffering <> invalid and buffering.percentage <> invalid then update.bufferPercent = buffering.percentage
    return update
end function

' Asked by the controller when it moves to the next item (ad or content). Scripted mode loads
' nothing: the timeline stands in for the player, and no stream is fetched.
sub sample_loadVideo(url as string, title as string)
    m.status.text = title
    if m.scripted then return
    content = CreateObject("roSGNode", "ContentNode")
    content.url = url
    content.title = title
    content.streamFormat = "hls"
    m.video.content = content
    m.video.control = "play"
end sub

sub sample_stopVideo()
    if not m.scripted then m.video.control = "stop"
end sub

' Called once the media session is over (content end or viewer exit).
sub sample_onSessionOver(reason as string)
    sample_print("session over: " + reason)
    m.status.text = "Playback finished (" + reason + ")"
    m.mparticle.upload()
    sample_print("upload requested")
end sub

' Leaves the channel after exitDelayMillis so that the Task can finish the uploads it has queued.
sub sample_exitSoon()
    m.mparticle.upload()
    m.exitTimer.control = "start"
end sub

sub onExitTimer()
    m.top.exitChannel = true
end sub

function onKeyEvent(key as string, press as boolean) as boolean
    if not press then return false
    if key = "back"
        player_endSession("viewer exit")
        sample_stopVideo()
        sample_exitSoon()
        return true
    else if key = "options"
        player_onUserAction("skipAd", sample_clockMs())
        return true
    end if
    return false
end function

' Milliseconds since the scene started, as LongInteger so sums and differences never wrap. In
' scripted mode the timeline's own clock, so that durations (startup, buffering) come out the
' same on every run.
function sample_clockMs() as longinteger
    if m.scripted then return timeline_clockMs()
    return 0& + m.clock.TotalMilliseconds()
end function

' Seconds (Float/Double, as the Video node reports them) to whole milliseconds as LongInteger.
function sample_toMs(seconds as dynamic) as longinteger
    if seconds = invalid then return 0&
    return 0& + Int(seconds * 1000 + 0.5)
end function

sub sample_print(line as string)
    print "[sample] "; line
end sub
