' MainScene sets up the SDK exactly as mParticle's Roku documentation shows it, then lets the
' SDK track the player by itself: m.mparticle.media.trackVideo(video, mediaSession) and, for
' ads, RAF's tracking callback chained through mParticleRafCallback. There is no player state
' machine here: the SDK's Task maps the node's fields and RAF's events to media events.

sub init()
    m.config = m.global.sampleConfig
    m.scripted = (m.config <> invalid and m.config.scripted = true)
    m.status = m.top.findNode("status")
    m.catalog = sample_catalog()

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

    mpConstants = mParticleConstants()
    content = m.catalog.content
    m.mediaSession = mpConstants.MediaSession.build(content.id, content.title, mpConstants.MEDIA_CONTENT_TYPE.VIDEO, mpConstants.MEDIA_STREAM_TYPE.ON_DEMAND, content.durationMs)

    if m.scripted
        m.player = timeline_standIn()
    else
        m.player = sample_createVideo()
    end if
    ' The three lines of automatic tracking (the third, stopTracking, is in sample_endSession).
    sample_print("trackVideo " + content.id)
    m.mparticle.media.trackVideo(m.player, m.mediaSession, sample_trackingOptions())

    sample_print("logEvent Custom Media Event")
    m.mparticle.logEvent("Custom Media Event", mpConstants.CUSTOM_EVENT_TYPE.MEDIA, { "content_id": content.id, "sample_trigger": "autoplay" })

    if m.scripted
        timeline_start()
    else
        sample_playPreroll()
    end if
end sub

' fps: Roku reports none. The scripted run reports the playhead on every position event so that
' its events do not depend on the simulator's speed; a real one every 10 s (the default).
function sample_trackingOptions() as object
    options = { fps: m.catalog.content.fps }
    if m.scripted then options.playheadIntervalMillis = 0
    return options
end function

function sample_createVideo() as object
    video = CreateObject("roSGNode", "Video")
    video.id = "video"
    video.width = 1920
    video.height = 1080
    video.enableUI = true
    ' Dropped frames for QoS: the Video node reports them only when asked.
    video.enableDecoderStats = true
    ' Above the background, below the status label.
    m.top.insertChild(video, 1)
    video.observeField("state", "onVideoState")
    return video
end function

' Real mode: RAF runs in a Task (RAF calls block); the content starts when the pre-roll is over.
sub sample_playPreroll()
    m.status.text = "Pre-roll"
    m.adsTask = CreateObject("roSGNode", "AdsTask")
    m.adsTask.mparticleTask = m.mParticleTask
    m.adsTask.mediaSession = m.mediaSession
    m.adsTask.adUrl = m.catalog.adUrl
    m.adsTask.view = m.top
    m.adsTask.observeField("adsDone", "onAdsDone")
    m.adsTask.control = "RUN"
end sub

sub onAdsDone()
    content = CreateObject("roSGNode", "ContentNode")
    content.url = m.catalog.content.url
    content.title = m.catalog.content.title
    content.streamFormat = "hls"
    m.status.text = m.catalog.content.title
    m.player.content = content
    m.player.control = "play"
    m.player.setFocus(true)
end sub

' The scene only watches the node to know when to leave; the SDK tracks it by itself.
sub onVideoState(event as object)
    state = event.getData()
    if state = "finished" or state = "error" then sample_endSession(state)
end sub

' stopTracking ends the media session (Media Session End), then the channel leaves after
' exitDelayMillis so that the Task can upload.
sub sample_endSession(reason as string)
    if m.sessionOver = true then return
    m.sessionOver = true
    sample_print("stopTracking " + reason)
    m.mparticle.media.stopTracking(m.mediaSession, { "end_reason": reason })
    m.status.text = "Playback finished (" + reason + ")"
    m.mparticle.upload()
    m.exitTimer.control = "start"
end sub

sub onExitTimer()
    m.top.exitChannel = true
end sub

sub onIdentityResult(event as object)
    result = event.getData()
    if result <> invalid then print "[sample] identity result: "; FormatJson(result)
end sub

sub onCurrentUserChanged(event as object)
    user = event.getData()
    if user <> invalid then print "[sample] current user mpid="; user.mpid
    if m.scripted then timeline_onUser(user)
end sub

function onKeyEvent(key as string, press as boolean) as boolean
    if not press then return false
    if key = "back"
        if not m.scripted then m.player.control = "stop"
        sample_endSession("viewer exit")
        return true
    end if
    return false
end function

sub sample_print(line as string)
    print "[sample] "; line
end sub
