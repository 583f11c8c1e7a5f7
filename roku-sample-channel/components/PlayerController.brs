' The media reporting of the sample: a small state machine over the play list
' [ad 1, ad 2, content]. It has two entry points and no other input:
'   player_onUpdate({clockMs, state, position, bitrate, bufferPercent})  a player update
'   player_onUserAction(action, clockMs)                                  a viewer action
' so the real Video node and the scripted timeline exercise exactly the same calls.
' Every SDK call is printed as "[sample] <method> ..." before it is made.

sub player_init(catalog as object)
    m.catalog = catalog
    items = []
    for i = 0 to catalog.ads.count() - 1
        items.push({ kind: "ad", index: i, ad: catalog.ads[i] })
    end for
    items.push({ kind: "content" })
    m.items = items
    m.player = {
        itemIndex: -1,
        itemStarted: false,
        lastState: "none",
        lastPositionMs: 0&,
        lastClockMs: 0&,
        playRequestClockMs: 0&,
        hasPlayed: false,
        bufferStartClockMs: -1&,
        nextPlayheadMs: catalog.playheadIntervalMs,
        chapterIndex: -1,
        ended: false
    }
end sub

' The viewer chose the content: the session starts before anything plays, then the pre-roll.
sub player_start(clockMs as longinteger)
    mpConstants = mParticleConstants()
    content = m.catalog.content
    m.mediaSession = mpConstants.MediaSession.build(content.id, content.title, mparticleConstants().MEDIA_CONTENT_TYPE.VIDEO, mparticleConstants().MEDIA_STREAM_TYPE.ON_DEMAND, content.durationMs)
    m.mediaSession.currentPlayheadPosition = 0&

    sample_print("logMediaSessionStart " + content.id)
    m.mparticle.media.logMediaSessionStart(m.mediaSession, { "Source": "Auto Playback" })

    sample_print("logEvent Custom Media Event")
    m.mparticle.logEvent("Custom Media Event", mparticleConstants().CUSTOM_EVENT_TYPE.MEDIA, { "content_id": content.id, "sample_trigger": "autoplay" })

    adBreak = mpConstants.adBreak.build(m.catalog.adBreak.id, m.catalog.adBreak.title)
    adBreak.duration = m.catalog.adBreak.durationMs
    m.mediaSession.adBreak = adBreak
    sample_print("logAdBreakStart " + adBreak.id)
    m.mparticle.media.logAdBreakStart(m.mediaSession, {})

    player_loadItem(0, clockMs)
end sub

sub player_onUpdate(update as object)
    p = m.player
    if p.ended or p.itemIndex < 0 then return
    index = p.itemIndex
    item = m.items[index]
    state = update.state
    positionMs = sample_toMs(update.position)
    clockMs = 0& + update.clockMs
    if item.kind = "ad"
        player_onAdUpdate(item, state, clockMs)
    else
        player_onContentUpdate(update, state, positionMs, clockMs)
    end if
    ' Moving to another item resets these itself.
    if p.itemIndex = index
        p.lastState = state
        p.lastPositionMs = positionMs
        p.lastClockMs = clockMs
    end if
end sub

sub player_onUserAction(action as string, clockMs as longinteger)
    p = m.player
    if p.ended or p.itemIndex < 0 then return
    item = m.items[p.itemIndex]
    if action = "skipAd" and item.kind = "ad" and p.itemStarted and item.ad.skippable
        sample_print("logAdSkip " + item.ad.id)
        m.mparticle.media.logAdSkip(m.mediaSession, { "skip_source": "remote" })
        player_closeAd()
        sample_stopVideo()
        player_nextItem(clockMs)
    end if
end sub

' Ends a session the viewer leaves before the content finished (Back during playback).
sub player_endSession(reason as string)
    p = m.player
    if p.ended or p.itemIndex < 0 then return
    if m.mediaSession.adContent <> invalid
        sample_print("logAdSkip " + m.mediaSession.adContent.id)
        m.mparticle.media.logAdSkip(m.mediaSession, { "skip_source": "exit" })
        player_closeAd()
    end if
    if m.mediaSession.adBreak <> invalid
        sample_print("logAdBreakEnd " + m.mediaSession.adBreak.id)
        m.mparticle.media.logAdBreakEnd(m.mediaSession, {})
        m.mediaSession.adBreak = invalid
    end if
    if p.lastState = "playing" and m.items[p.itemIndex].kind = "content"
        sample_print("logPause " + m.mediaSession.currentPlayheadPosition.toStr())
        m.mparticle.media.logPause(m.mediaSession, { "Source": "Exit" })
    end if
    player_closeSegment(true)
    player_closeSession(reason)
end sub

' ---------------------------------------------------------------- ads

sub player_onAdUpdate(item as object, state as string, clockMs as longinteger)
    p = m.player
    if state = "playing" and not p.itemStarted
        p.itemStarted = true
        mpConstants = mParticleConstants()
        adContent = mpConstants.adContent.build(item.ad.id, item.ad.title)
        adContent.duration = item.ad.durationMs
        adContent.position = item.index
        adContent.advertiser = item.ad.advertiser
        adContent.campaign = item.ad.campaign
        m.mediaSession.adContent = adContent
        sample_print("logAdStart " + item.ad.id)
        m.mparticle.media.logAdStart(m.mediaSession, {})
    else if state = "finished" and p.itemStarted
        sample_print("logAdEnd " + item.ad.id)
        m.mparticle.media.logAdEnd(m.mediaSession, {})
        player_closeAd()
        player_nextItem(clockMs)
    else if state = "error"
        ' A broken ad must not hold the content back.
        sample_print("ad error " + item.ad.id)
        if p.itemStarted
            m.mparticle.media.logAdSkip(m.mediaSession, { "skip_source": "error" })
            player_closeAd()
        end if
        player_nextItem(clockMs)
    end if
end sub

' The summary goes right after AdEnd/AdSkip; the ad is then cleared so that it cannot leak
' into the next event (as the SDK documentation asks).
sub player_closeAd()
    sample_print("logAdSummary " + m.mediaSession.adContent.id)
    m.mparticle.media.logAdSummary(m.mediaSession, {})
    m.mediaSession.adContent = invalid
end sub

sub player_nextItem(clockMs as longinteger)
    p = m.player
    nextIndex = p.itemIndex + 1
    if nextIndex >= m.items.count() then return
    if m.items[nextIndex].kind = "content" and m.mediaSession.adBreak <> invalid
        sample_print("logAdBreakEnd " + m.mediaSession.adBreak.id)
        m.mparticle.media.logAdBreakEnd(m.mediaSession, {})
        m.mediaSession.adBreak = invalid
    end if
    player_loadItem(nextIndex, clockMs)
end sub

sub player_loadItem(index as integer, clockMs as longinteger)
    p = m.player
    p.itemIndex = index
    p.itemStarted = false
    p.lastState = "none"
    p.lastPositionMs = 0&
    p.lastClockMs = clockMs
    item = m.items[index]
    if item.kind = "ad"
        sample_loadVideo(item.ad.url, "Ad " + (item.index + 1).toStr() + ": " + item.ad.title)
    else
        p.playRequestClockMs = clockMs
        sample_loadVideo(m.catalog.content.url, m.catalog.content.title)
    end if
end sub

' ---------------------------------------------------------------- content

sub player_onContentUpdate(update as object, state as string, positionMs as longinteger, clockMs as longinteger)
    p = m.player
    prev = p.lastState

    ' A jump the wall clock cannot explain is a seek (the Video node has no seek event).
    seeked = false
    if p.hasPlayed and state <> "finished"
        expectedMs = p.lastPositionMs
        if prev = "playing" then expectedMs = expectedMs + (clockMs - p.lastClockMs)
        jumpMs = positionMs - expectedMs
        if jumpMs > m.catalog.seekThresholdMs or jumpMs < -m.catalog.seekThresholdMs
            seeked = true
            sample_print("logSeekStart " + p.lastPositionMs.toStr())
            m.mparticle.media.logSeekStart(m.mediaSession, p.lastPositionMs, {})
            m.mediaSession.currentPlayheadPosition = positionMs
            sample_print("logSeekEnd " + positionMs.toStr())
            m.mparticle.media.logSeekEnd(m.mediaSession, positionMs, {})
            p.nextPlayheadMs = player_nextPlayheadAfter(positionMs)
        end if
    end if
    m.mediaSession.currentPlayheadPosition = positionMs

    if state = "playing"
        if not p.hasPlayed
            p.hasPlayed = true
            player_logQoS(update, clockMs - p.playRequestClockMs)
            sample_print("logPlay " + positionMs.toStr())
            m.mparticle.media.logPlay(m.mediaSession, { "Source": "Auto Playback" })
        else if prev = "paused"
            sample_print("logPlay " + positionMs.toStr())
            m.mparticle.media.logPlay(m.mediaSession, { "Source": "Player Controls" })
        else if prev = "buffering" and p.bufferStartClockMs >= 0
            durationMs = clockMs - p.bufferStartClockMs
            p.bufferStartClockMs = -1&
            sample_print("logBufferEnd " + positionMs.toStr() + " duration=" + durationMs.toStr())
            m.mparticle.media.logBufferEnd(m.mediaSession, durationMs, player_percent(update), positionMs, {})
        end if
    else if state = "paused" and p.hasPlayed and prev = "playing"
        sample_print("logPause " + positionMs.toStr())
        m.mparticle.media.logPause(m.mediaSession, { "Source": "Player Controls" })
    else if state = "buffering" and p.hasPlayed and prev = "playing"
        ' Buffering before the first frame is startup time (reported in QoS), not a stall.
        p.bufferStartClockMs = clockMs
        sample_print("logBufferStart " + positionMs.toStr())
        m.mparticle.media.logBufferStart(m.mediaSession, 0&, player_percent(update), positionMs, {})
    else if state = "finished"
        player_finishContent(positionMs)
        return
    else if state = "error"
        sample_print("content error")
        player_endSession("error")
        return
    end if

    if p.hasPlayed then player_trackPlayhead(state, positionMs, seeked)
end sub

' Chapters follow the playhead; while playing, the playhead is reported every interval.
sub player_trackPlayhead(state as string, positionMs as longinteger, seeked as boolean)
    p = m.player
    chapterIndex = player_chapterAt(positionMs)
    if chapterIndex <> p.chapterIndex
        ' Leaving a chapter by seeking skips the rest of it; playing past its end completes it.
        player_closeSegment(seeked)
        p.chapterIndex = chapterIndex
        if chapterIndex >= 0
            chapter = m.catalog.chapters[chapterIndex]
            mpConstants = mParticleConstants()
            m.mediaSession.segment = mpConstants.Segment.build(chapter.title, chapterIndex, chapter.durationMs)
            sample_print("logSegmentStart " + chapter.title)
            m.mparticle.media.logSegmentStart(m.mediaSession, {})
        end if
    end if
    if state = "playing" and positionMs >= p.nextPlayheadMs
        sample_print("logPlayheadPosition " + positionMs.toStr())
        m.mparticle.media.logPlayheadPosition(m.mediaSession, {})
        p.nextPlayheadMs = player_nextPlayheadAfter(positionMs)
    end if
end sub

sub player_closeSegment(skipped as boolean)
    segment = m.mediaSession.segment
    if segment = invalid then return
    if skipped
        sample_print("logSegmentSkip " + segment.title)
        m.mparticle.media.logSegmentSkip(m.mediaSession, {})
    else
        sample_print("logSegmentEnd " + segment.title)
        m.mparticle.media.logSegmentEnd(m.mediaSession, {})
    end if
    sample_print("logSegmentSummary " + segment.title)
    m.mparticle.media.logSegmentSummary(m.mediaSession, {})
    m.mediaSession.segment = invalid
    m.player.chapterIndex = -1
end sub

sub player_finishContent(positionMs as longinteger)
    m.mediaSession.currentPlayheadPosition = positionMs
    player_closeSegment(false)
    sample_print("logMediaContentEnd " + positionMs.toStr())
    m.mparticle.media.logMediaContentEnd(m.mediaSession, {})
    player_closeSession("content end")
end sub

sub player_closeSession(reason as string)
    m.player.ended = true
    sample_print("logMediaSessionEnd " + reason)
    m.mparticle.media.logMediaSessionEnd(m.mediaSession, { "end_reason": reason })
    sample_print("logMediaSessionSummary")
    m.mparticle.media.logMediaSessionSummary(m.mediaSession, {})
    sample_onSessionOver(reason)
end sub

' Roku reports no dropped frames; the frame rate is the encode's.
sub player_logQoS(update as object, startupTimeMs as longinteger)
    bitRate = 0
    if update.bitrate <> invalid then bitRate = update.bitrate
    sample_print("logQoS startup=" + startupTimeMs.toStr() + " bitrate=" + bitRate.toStr())
    m.mparticle.media.logQoS(m.mediaSession, startupTimeMs, 0, bitRate, m.catalog.content.fps, {})
end sub

function player_percent(update as object) as integer
    if update.bufferPercent = invalid then return 0
    return update.bufferPercent
end function

function player_chapterAt(positionMs as longinteger) as integer
    chapters = m.catalog.chapters
    for i = 0 to chapters.count() - 1
        c = chapters[i]
        if positionMs >= c.startMs and positionMs < c.startMs + c.durationMs then return i
    end for
    return -1
end function

function player_nextPlayheadAfter(positionMs as longinteger) as longinteger
    interval = m.catalog.playheadIntervalMs
    return (positionMs \ interval + 1) * interval
end function
