' Entry point of the sample channel. The mParticle options must be on the global node before
' the scene (and with it the mParticleTask) is created: the Task reads them in its init().
sub Main(args as dynamic)
    config = sampleConfig()
    print "[sample] start scripted="; config.scripted

    screen = CreateObject("roSGScreen")
    port = CreateObject("roMessagePort")
    screen.setMessagePort(port)

    options = {
        apiKey: config.apiKey,
        apiSecret: config.apiSecret,
        environment: config.environment,
        logLevel: config.logLevel,
        startupArgs: args
    }
    ' Only set when configured: an absent option keeps the SDK's pod routing.
    if config.endpoints <> invalid then options.endpoints = config.endpoints
    screen.getGlobalNode().addFields({ mparticleOptions: options, sampleConfig: config })

    scene = screen.CreateScene("MainScene")
    screen.show()
    ' The scene asks to leave through a field so that it can finish its uploads first.
    scene.observeField("exitChannel", port)

    while true
        msg = wait(0, port)
        msgType = type(msg)
        if msgType = "roSGScreenEvent"
            if msg.isScreenClosed() then exit while
        else if msgType = "roSGNodeEvent"
            if msg.getField() = "exitChannel" and msg.getData() = true
                print "[sample] exit"
                screen.close()
            end if
        end if
    end while
end sub
