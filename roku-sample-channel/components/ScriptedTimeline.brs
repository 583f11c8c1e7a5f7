' The scripted mode (sampleConfig().scripted, set at build time): a Timer replays a fixed list
' of player updates through player_onUpdate / player_onUserAction, the same entry points the
' Video node's observers use, because the simulator cannot decode video. Each entry carries its
' own clock, so durations derived from it (QoS startup time, buffering) are the same on every
' run; the Timer's period only sets the pace (sampleConfig().stepMillis).
'
' Expected reporting, in order (see README.md): session start, custom media event, ad break
' start; ad 1 start/end/summary; ad 2 start/skip/summary; ad break end; QoS, play, segment
' "Opening"; playheads; pause, play; buffer start/end; seek 37s -> 200s (skips "Opening",
' starts "The Chase"); seek 210s -> 415s; "Finale" at 420s; seek 425s -> 590s; content end,
' session end, session summary. Then "[sample] timeline done" and, after exitDelayMillis,
' "[sample] exit".

function sample_scriptedTimeline() as object
    return [
        ' ad 1 (15 s) plays to its end
        { clockMs: 0&, state: "buffering", position: 0 },
        { clockMs: 500&, state: "playing", position: 0 },
        { clockMs: 8000&, state: "playing", position: 7.5 },
        { clockMs: 15500&, state: "finished", position: 15 },
        ' ad 2 (10 s, skippable) is skipped after 3 s
        { clockMs: 15700&, state: "buffering", position: 0 },
        { clockMs: 16000&, state: "playing", position: 0 },
        { clockMs: 19000&, state: "playing", position: 3 },
        { clockMs: 19000&, action: "skipAd" },
        ' the content: 1.4 s startup
        { clockMs: 19200&, state: "buffering", position: 0 },
        { clockMs: 20400&, state: "playing", position: 0, bitrate: 2500000, bufferPercent: 100 },
        { clockMs: 30400&, state: "playing", position: 10 },
        { clockMs: 40400&, state: "playing", position: 20 },
        { clockMs: 45400&, state: "paused", position: 25 },
        { clockMs: 50400&, state: "playing", position: 25 },
        { clockMs: 60400&, state: "playing", position: 35 },
        { clockMs: 61400&, state: "buffering", position: 36, bufferPercent: 20 },
        { clockMs: 63400&, state: "playing", position: 36, bufferPercent: 100 },
        { clockMs: 64400&, state: "playing", position: 37 },
        { clockMs: 65400&, state: "playing", position: 200 },
        { clockMs: 75400&, state: "playing", position: 210 },
        { clockMs: 76400&, state: "playing", position: 415 },
        { clockMs: 81400&, state: "playing", position: 420 },
        { clockMs: 86400&, state: "playing", position: 425 },
        { clockMs: 87400&, state: "playing", position: 590 },
        { clockMs: 92400&, state: "playing", position: 595 },
        { clockMs: 93400&, state: "finished", position: 596 }
    ]
end function

sub timeline_start()
    m.timeline = sample_scriptedTimeline()
    m.timelineIndex = 0
    m.timelineClock = 0&
    timer = m.top.findNode("timelineTimer")
    if m.config.stepMillis <> invalid and m.config.stepMillis > 0
        timer.duration = m.config.stepMillis / 1000
    end if
    timer.observeField("fire", "onTimelineTick")
    m.timelineTimer = timer
    sample_print("timeline start steps=" + m.timeline.count().toStr())
    timer.control = "start"
end sub

function timeline_clockMs() as longinteger
    if m.timelineClock = invalid then return 0&
    return m.timelineClock
end function

sub onTimelineTick()
    if m.timelineIndex >= m.timeline.count()
        m.timelineTimer.control = "stop"
        sample_print("timeline done")
        sample_exitSoon()
        return
    end if
    entry = m.timeline[m.timelineIndex]
    m.timelineIndex = m.timelineIndex + 1
    m.timelineClock = entry.clockMs
    if entry.action <> invalid
        player_onUserAction(entry.action, entry.clockMs)
    else
        player_onUpdate(entry)
    end if
end sub
