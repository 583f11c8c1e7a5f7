' What the sample plays: one on-demand video, a pre-roll break of two ads and the video's
' chapters. Durations are milliseconds; the scripted timeline is written against these numbers.

' Public HLS test streams. The simulator cannot decode them; the scripted mode never loads them.
function sample_contentUrl() as string
    return "https://test-streams.mux.dev/x36xhzz/x36xhzz.m3u8"
end function

function sample_adUrl() as string
    return "https://devstreaming-cdn.apple.com/videos/streaming/examples/img_bipbop_adv_example_ts/master.m3u8"
end function

function sample_catalog() as object
    return {
        content: {
            id: "bbb-hls-001",
            title: "Big Buck Bunny",
            url: sample_contentUrl(),
            durationMs: 596000&,
            ' Roku's Video node reports no frame rate: it is a property of the encode.
            fps: 24
        },
        adBreak: {
            id: "preroll-001",
            title: "Pre-roll",
            durationMs: 25000&
        },
        ads: [
            { id: "ad-001", title: "Sample Ad One", url: sample_adUrl(), durationMs: 15000&, advertiser: "Acme Streaming", campaign: "Autumn Launch", skippable: false },
            { id: "ad-002", title: "Sample Ad Two", url: sample_adUrl(), durationMs: 10000&, advertiser: "Globex", campaign: "Skippable Spots", skippable: true }
        ],
        chapters: [
            { title: "Opening", startMs: 0&, durationMs: 180000& },
            { title: "The Chase", startMs: 180000&, durationMs: 240000& },
            { title: "Finale", startMs: 420000&, durationMs: 176000& }
        ],
        ' How often a playing session reports its playhead.
        playheadIntervalMs: 10000&,
        ' A playhead jump larger than this (against the wall clock) is reported as a seek.
        seekThresholdMs: 3000&
    }
end function
