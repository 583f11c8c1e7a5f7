' mParticle Roku SDK: the one script a scene and mParticleTask include
' (<script uri="pkg:/source/mparticle/mParticleCore.brs"/>).

' Every constant and builder of mParticle's Roku SDK. Channels call this often (the spec
' writes mparticleConstants().MEDIA_CONTENT_TYPE.VIDEO inline), so it is built once per
' thread and cached in the thread's global AA instead of being rebuilt on every call.
function mParticleConstants() as object
    g = GetGlobalAA()
    if g.mParticle_constantsCache = invalid then g.mParticle_constantsCache = mParticle_buildConstants()
    return g.mParticle_constantsCache
end function

function mParticle_buildConstants() as object
    c = {}
'@@HOLE:CONSTANTS@@
    mParticle_addBuilders(c)
    return c
end function

'@@HOLE:LOG@@

' What a value is, for log lines: a node's subtype, otherwise its type.
function mParticle_nodeName(value as dynamic) as string
    if type(value) = "roSGNode" then return "a " + value.subtype() + " node"
    return type(value)
end function

'@@HOLE:BUILDERS@@

'@@HOLE:BRIDGE@@

' invokeFunction(name, args) of 2.x's bridge and of each of its namespaces (a method: m is the
' bridge or the namespace).
sub mParticle_bridgeInvokeFunction(name = invalid as dynamic, args = invalid as dynamic)
    mParticle_bridgeInvoke(m.mParticleTask, name, args)
end sub

' The call that 2.x's name for it gives ("logEvent", "identity/login", "media/logPlay"),
' whatever namespace it is called on, as 2.x's bridge made it; a media call keeps
' mediaSessionEndTime as every 2.x media call did. The Task checks the name and the arguments
' like those of any call.
sub mParticle_bridgeInvoke(task as object, name as dynamic, args as dynamic)
    if mParticle_typeof(name) <> "string" or type(args) <> "roArray"
        mParticle_logError("invokeFunction: expected a method name and an array of arguments, got " + type(name) + " and " + type(args) + "; call dropped")
        return
    end if
    if Left(name, 9) = "identity/"
        call = "identity." + Mid(name, 10)
    else if Left(name, 6) = "media/"
        call = "media." + Mid(name, 7)
        if type(args[0]) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(args[0], CreateObject("roDateTime"))
    else
        call = "core." + name
    end if
    task[mParticleConstants().SCENEGRAPH_NODES.API_CALL_NODE] = { m: call, a: args }
end sub

'@@HOLE:TRACKING@@

'@@HOLE:RUNTIME@@

'@@HOLE:LOGIC@@
