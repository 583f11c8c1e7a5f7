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

'@@HOLE:TRACKING@@

'@@HOLE:RUNTIME@@

'@@HOLE:LOGIC@@
