' Real mode: RAF's pre-roll, reported by the SDK through RAF's one tracking-callback slot:
' mParticleRafCallback forwards each event to the mParticle Task, then calls this channel's own
' callback (sample_onRafEvent) with RAF's arguments.
Library "Roku_Ads.brs"

sub init()
    m.top.functionName = "ads_run"
end sub

sub ads_run()
    adIface = Roku_Ads()
    if m.top.adUrl <> "" then adIface.setAdUrl(m.top.adUrl)
    ' A bridge made in this thread: the render thread's one cannot cross a field (functions).
    bridge = mParticleSGBridge(m.top.mparticleTask)
    adIface.setTrackingCallback(mParticleRafCallback, mParticleRafContext(bridge, m.top.mediaSession, sample_onRafEvent, { label: "preroll" }))
    ads = adIface.getAds()
    shown = true
    if ads <> invalid and ads.Count() > 0 then shown = adIface.showAds(ads, invalid, m.top.view)
    m.top.adsDone = shown
end sub

' The channel's own RAF callback, still called with RAF's arguments.
sub sample_onRafEvent(obj as dynamic, eventType as dynamic, ctx as dynamic)
    if eventType <> invalid and eventType <> "" then print "[sample] RAF "; eventType
end sub
