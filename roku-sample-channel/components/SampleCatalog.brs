' What the sample plays: one on-demand video with a pre-roll from RAF. Durations are
' milliseconds, as MediaSession.build takes them.

' A public HLS test stream. The simulator cannot decode it; the scripted mode never loads it.
function sample_contentUrl() as string
    return "https://test-streams.mux.dev/x36xhzz/x36xhzz.m3u8"
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
        ' RAF's ad URL; empty: Roku's own test ads.
        adUrl: ""
    }
end function
