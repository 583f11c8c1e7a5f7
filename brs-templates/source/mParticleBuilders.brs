' Builders of mParticleConstants(): MediaSession, AdBreak, AdContent, Segment, the commerce
' and consent builders, with mParticle's Roku SDK signatures (listed in src-ts/schema/builders.ts).
' Every parameter is dynamic and checked here, because a typed parameter that gets the wrong
' type is a BackTrace on the viewer's TV; a wrong argument to a build is logged once and
' replaced by a neutral value.

' The builder tables (mParticle_addBuilders), the media builds and the setters that
' src-ts/schema/builders.ts marks as generated.
'@@HOLE:BUILDER_TABLES@@

' --- argument checks: log once, return a neutral value, never raise ---

function mParticle_argString(value as dynamic, where as string, name as string) as string
    if mParticle_typeof(value) = "string" then return value
    if mParticle_typeof(value) = "number" then return mParticle_str(value)
    mParticle_logError(where + ": " + name + " must be a string, got " + type(value) + "; using """"")
    return ""
end function

function mParticle_argOptionalString(value as dynamic, where as string, name as string) as dynamic
    if value = invalid then return invalid
    return mParticle_argString(value, where, name)
end function

function mParticle_argNumber(value as dynamic, fallback as dynamic, where as string, name as string) as dynamic
    if mParticle_typeof(value) = "number" then return value
    if value <> invalid then mParticle_logError(where + ": " + name + " must be a number, got " + type(value) + "; using " + mParticle_str(fallback))
    return fallback
end function

function mParticle_argBool(value as dynamic, fallback as boolean, where as string, name as string) as boolean
    if mParticle_typeof(value) = "boolean" then return value
    if value <> invalid then mParticle_logError(where + ": " + name + " must be a boolean, got " + type(value) + "; using " + mParticle_str(fallback))
    return fallback
end function

function mParticle_argObject(value as dynamic, where as string, name as string) as dynamic
    if type(value) = "roAssociativeArray" then return value
    if value <> invalid then mParticle_logError(where + ": " + name + " must be an associative array, got " + type(value) + "; ignored")
    return invalid
end function

function mParticle_argList(value as dynamic, where as string, name as string) as object
    if type(value) = "roArray" then return value
    if value <> invalid then mParticle_logError(where + ": " + name + " must be an array, got " + type(value) + "; using []")
    return []
end function

function mParticle_argAttributes(value as dynamic, where as string, name as string) as object
    attributes = mParticle_argObject(value, where, name)
    if attributes = invalid then return {}
    return attributes
end function

' The value of a generated setter: the right kind, or one log line and false, and the setter
' changes nothing (a wrong value must not replace a good one).
function mParticle_setterArg(value as dynamic, kind as string, where as string, name as string) as boolean
    if kind = "array"
        ok = type(value) = "roArray"
    else if kind = "attributes" or kind = "object"
        ok = type(value) = "roAssociativeArray"
    else
        ok = mParticle_typeof(value) = kind
    end if
    if not ok then mParticle_logError(where + ": " + name + " must be " + kind + ", got " + type(value) + "; ignored")
    return ok
end function

' Unix time in ms on the calling thread (the builders and the bridge run on the render
' thread, where media calls read it): one roDateTime per thread, set to now on each call,
' because creating one per call costs a bridge call more.
function mParticle_clockMillis() as longinteger
    g = GetGlobalAA()
    now = g.mParticle_threadClock
    if now = invalid
        now = CreateObject("roDateTime")
        g.mParticle_threadClock = now
    end if
    now.Mark()
    seconds& = now.AsSeconds()
    return seconds& * 1000& + now.GetMilliseconds()
end function

' Setters take the object as first argument; anything but an AA is logged and ignored.
sub mParticle_setField(target as dynamic, key as string, value as dynamic, where as string)
    if type(target) <> "roAssociativeArray"
        mParticle_logError(where + ": the first argument must be the object to change, got " + type(target) + "; ignored")
        return
    end if
    target[key] = value
end sub

' --- media ---

sub mParticle_mediaSessionSetDuration(session = invalid as dynamic, duration = invalid as dynamic)
    mParticle_setField(session, "duration", mParticle_argNumber(duration, 0, "MediaSession.setDuration", "duration"), "MediaSession.setDuration")
end sub

sub mParticle_mediaSessionSetPlayhead(session = invalid as dynamic, position = invalid as dynamic)
    mParticle_setField(session, "currentPlayheadPosition", mParticle_argNumber(position, 0, "MediaSession.setCurrentPlayheadPosition", "playheadPosition"), "MediaSession.setCurrentPlayheadPosition")
end sub

sub mParticle_mediaSessionSetAdContent(session = invalid as dynamic, adContent = invalid as dynamic)
    mParticle_setField(session, "adContent", mParticle_argObject(adContent, "MediaSession.setAdContent", "adContent"), "MediaSession.setAdContent")
end sub

sub mParticle_mediaSessionSetAdBreak(session = invalid as dynamic, adBreak = invalid as dynamic)
    mParticle_setField(session, "adBreak", mParticle_argObject(adBreak, "MediaSession.setAdBreak", "adBreak"), "MediaSession.setAdBreak")
end sub

sub mParticle_mediaSessionSetSegment(session = invalid as dynamic, segment = invalid as dynamic)
    mParticle_setField(session, "segment", mParticle_argObject(segment, "MediaSession.setSegment", "segment"), "MediaSession.setSegment")
end sub

sub mParticle_setDurationField(target = invalid as dynamic, duration = invalid as dynamic)
    mParticle_setField(target, "duration", mParticle_argNumber(duration, 0, "setDuration", "duration"), "setDuration")
end sub

sub mParticle_adContentSetAdvertiser(ad = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(ad, "advertiser", mParticle_argString(value, "AdContent.setAdvertiser", "advertiser"), "AdContent.setAdvertiser")
end sub

sub mParticle_adContentSetCampaign(ad = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(ad, "campaign", mParticle_argString(value, "AdContent.setCampaign", "campaign"), "AdContent.setCampaign")
end sub

sub mParticle_adContentSetCreative(ad = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(ad, "creative", mParticle_argString(value, "AdContent.setCreative", "creative"), "AdContent.setCreative")
end sub

sub mParticle_adContentSetPlacement(ad = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(ad, "placement", mParticle_argString(value, "AdContent.setPlacement", "placement"), "AdContent.setPlacement")
end sub

sub mParticle_adContentSetPosition(ad = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(ad, "position", mParticle_argNumber(value, 0, "AdContent.setPosition", "position"), "AdContent.setPosition")
end sub

sub mParticle_adContentSetSiteId(ad = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(ad, "siteId", mParticle_argString(value, "AdContent.setSiteId", "siteId"), "AdContent.setSiteId")
end sub

' --- commerce (short keys as the batch format wants them) ---

' Product.build(sku, name, price = 0, quantity = 1, customAttributes = {})
function mParticle_productBuild(sku = invalid as dynamic, name = invalid as dynamic, price = 0 as dynamic, quantity = 1 as dynamic, customAttributes = invalid as dynamic) as object
    where = "Product.build"
    priceValue = mParticle_argNumber(price, 0, where, "price")
    quantityValue = mParticle_argNumber(quantity, 1, where, "quantity")
    attrs = mParticle_argObject(customAttributes, where, "customAttributes")
    if attrs = invalid then attrs = {}
    return {
        id: mParticle_argString(sku, where, "sku")
        nm: mParticle_argString(name, where, "name")
        pr: priceValue
        qt: quantityValue
        tpa: priceValue * quantityValue
        attrs: attrs
    }
end function

sub mParticle_productSetBrand(product = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(product, "br", mParticle_argString(value, "Product.setBrand", "brand"), "Product.setBrand")
end sub

sub mParticle_productSetCategory(product = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(product, "ca", mParticle_argString(value, "Product.setCategory", "category"), "Product.setCategory")
end sub

sub mParticle_productSetVariant(product = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(product, "va", mParticle_argString(value, "Product.setVariant", "variant"), "Product.setVariant")
end sub

sub mParticle_productSetPosition(product = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(product, "ps", mParticle_argNumber(value, 0, "Product.setPosition", "position"), "Product.setPosition")
end sub

sub mParticle_setCouponCodeField(target = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(target, "cc", mParticle_argString(value, "setCouponCode", "couponCode"), "setCouponCode")
end sub

' ProductAction.build(actionType, totalAmount, productList)
function mParticle_productActionBuild(actionType = invalid as dynamic, totalAmount = 0 as dynamic, productList = invalid as dynamic) as object
    where = "ProductAction.build"
    return {
        an: mParticle_argString(actionType, where, "actionType")
        tr: mParticle_argNumber(totalAmount, 0, where, "totalAmount")
        pl: mParticle_argList(productList, where, "productList")
    }
end function

sub mParticle_productActionSetCheckoutStep(action = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(action, "cs", mParticle_argNumber(value, 0, "ProductAction.setCheckoutStep", "checkoutStep"), "ProductAction.setCheckoutStep")
end sub

sub mParticle_productActionSetCheckoutOptions(action = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(action, "co", mParticle_argString(value, "ProductAction.setCheckoutOptions", "checkoutOptions"), "ProductAction.setCheckoutOptions")
end sub

sub mParticle_productActionSetList(action = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(action, "pal", mParticle_argString(value, "ProductAction.setProductActionList", "productActionList"), "ProductAction.setProductActionList")
end sub

sub mParticle_productActionSetListSource(action = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(action, "pls", mParticle_argString(value, "ProductAction.setProductListSource", "productListSource"), "ProductAction.setProductListSource")
end sub

sub mParticle_productActionSetTransactionId(action = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(action, "ti", mParticle_argString(value, "ProductAction.setTransactionId", "transactionId"), "ProductAction.setTransactionId")
end sub

sub mParticle_productActionSetAffiliation(action = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(action, "ta", mParticle_argString(value, "ProductAction.setAffiliation", "affiliation"), "ProductAction.setAffiliation")
end sub

sub mParticle_productActionSetTax(action = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(action, "tt", mParticle_argNumber(value, 0, "ProductAction.setTaxAmount", "taxAmount"), "ProductAction.setTaxAmount")
end sub

sub mParticle_productActionSetShipping(action = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(action, "ts", mParticle_argNumber(value, 0, "ProductAction.setShippingAmount", "shippingAmount"), "ProductAction.setShippingAmount")
end sub

' Promotion.build(promotionId, name, creative, position)
function mParticle_promotionBuild(promotionId = invalid as dynamic, name = invalid as dynamic, creative = invalid as dynamic, position = invalid as dynamic) as object
    where = "Promotion.build"
    return {
        id: mParticle_argString(promotionId, where, "promotionId")
        nm: mParticle_argString(name, where, "name")
        cr: mParticle_argString(creative, where, "creative")
        ps: mParticle_argString(position, where, "position")
    }
end function

' PromotionAction.build(actionType, promotionList)
function mParticle_promotionActionBuild(actionType = invalid as dynamic, promotionList = invalid as dynamic) as object
    where = "PromotionAction.build"
    return { an: mParticle_argString(actionType, where, "actionType"), pl: mParticle_argList(promotionList, where, "promotionList") }
end function

' Impression.build(impressionList, productList)
function mParticle_impressionBuild(impressionList = invalid as dynamic, productList = invalid as dynamic) as object
    where = "Impression.build"
    return { pil: mParticle_argString(impressionList, where, "impressionList"), pl: mParticle_argList(productList, where, "productList") }
end function

' --- consent ---

function mParticle_consentStateBuild() as object
    return { gdpr: {}, ccpa: {} }
end function

sub mParticle_consentStateAddGdpr(consentState = invalid as dynamic, purpose = invalid as dynamic, consent = invalid as dynamic)
    where = "ConsentState.addGDPRConsentState"
    if type(consentState) <> "roAssociativeArray" or type(consentState.gdpr) <> "roAssociativeArray"
        mParticle_logError(where + ": the first argument must be a ConsentState.build() result; ignored")
        return
    end if
    value = mParticle_argObject(consent, where, "gdprConsent")
    key = mParticle_argString(purpose, where, "purpose")
    if value <> invalid and key <> "" then consentState.gdpr[LCase(key)] = value
end sub

sub mParticle_consentStateRemoveGdpr(consentState = invalid as dynamic, purpose = invalid as dynamic)
    if type(consentState) = "roAssociativeArray" and type(consentState.gdpr) = "roAssociativeArray" and mParticle_typeof(purpose) = "string" then consentState.gdpr.Delete(LCase(purpose))
end sub

function mParticle_consentStateGetGdpr(consentState = invalid as dynamic) as dynamic
    if type(consentState) = "roAssociativeArray" then return consentState.gdpr
    return invalid
end function

sub mParticle_consentStateSetCcpa(consentState = invalid as dynamic, consent = invalid as dynamic)
    value = mParticle_argObject(consent, "ConsentState.setCCPAConsentState", "ccpaConsent")
    if value = invalid then return
    if type(consentState) <> "roAssociativeArray" or type(consentState.ccpa) <> "roAssociativeArray"
        mParticle_logError("ConsentState.setCCPAConsentState: the first argument must be a ConsentState.build() result; ignored")
        return
    end if
    consentState.ccpa.data_sale_opt_out = value
end sub

sub mParticle_consentStateRemoveCcpa(consentState = invalid as dynamic)
    if type(consentState) = "roAssociativeArray" and type(consentState.ccpa) = "roAssociativeArray" then consentState.ccpa.Delete("data_sale_opt_out")
end sub

function mParticle_consentStateGetCcpa(consentState = invalid as dynamic) as dynamic
    if type(consentState) = "roAssociativeArray" then return consentState.ccpa
    return invalid
end function

' GDPRConsentState.build / CCPAConsentState.build(consented, timestamp)
function mParticle_consentBuild(consented = invalid as dynamic, timestamp = invalid as dynamic) as object
    where = "ConsentState.build"
    return { c: mParticle_argBool(consented, false, where, "consented"), ts: mParticle_argNumber(timestamp, 0, where, "timestamp") }
end function

sub mParticle_consentSetDocument(consent = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(consent, "d", mParticle_argString(value, "setDocument", "document"), "setDocument")
end sub

sub mParticle_consentSetConsented(consent = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(consent, "c", mParticle_argBool(value, false, "setConsented", "consented"), "setConsented")
end sub

sub mParticle_consentSetLocation(consent = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(consent, "l", mParticle_argString(value, "setLocation", "location"), "setLocation")
end sub

sub mParticle_consentSetTimestamp(consent = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(consent, "ts", mParticle_argNumber(value, 0, "setTimestamp", "timestamp"), "setTimestamp")
end sub

sub mParticle_consentSetHardwareId(consent = invalid as dynamic, value = invalid as dynamic)
    mParticle_setField(consent, "h", mParticle_argString(value, "setHardwareId", "hardwareId"), "setHardwareId")
end sub

' --- functions on constant tables and on the bridge (2.x has them) ---

' IDENTITY_TYPE.isValidIdentityType(identityType): m is the IDENTITY_TYPE table.
function mParticle_identityTypeIsValid(identityType = invalid as dynamic) as boolean
    if mParticle_typeof(identityType) <> "string" then return false
    for each key in m
        if mParticle_typeof(m[key]) = "string" and m[key] = identityType then return true
    end for
    return false
end function

' IDENTITY_TYPE_INT.parseString(identityTypeString): m is the IDENTITY_TYPE_INT table; the key
' of the string in IDENTITY_TYPE names its number. Unknown strings are OTHER (0), as in 2.x.
function mParticle_identityTypeParse(identityTypeString = invalid as dynamic) as integer
    if mParticle_typeof(identityTypeString) <> "string" then return 0
    names = mParticleConstants().IDENTITY_TYPE
    for each key in names
        if mParticle_typeof(names[key]) = "string" and names[key] = identityTypeString and mParticle_typeof(m[key]) = "number" then return m[key]
    end for
    return 0
end function

' media.getCurrentMediaTimeSpent(mediaSession): on the render thread, from the session object
' alone (no round trip to the Task), as 2.x computes it. LongInteger, unless the channel set
' a Float or Double start time (then a Double: converting it could overflow an Integer).
function mParticle_mediaCurrentTimeSpent(mediaSession = invalid as dynamic) as dynamic
    if type(mediaSession) <> "roAssociativeArray" or mParticle_typeof(mediaSession.mediaSessionStartTime) <> "number" then return 0&
    return mParticle_clockMillis() - mediaSession.mediaSessionStartTime
end function

'@@HOLE:GENERATED_BUILDERS@@
