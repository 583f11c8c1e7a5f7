' Builders of mParticleConstants(): MediaSession, AdBreak, AdContent, Segment, the commerce
' and consent builders, with mParticle's Roku SDK signatures. Every parameter is dynamic and
' checked here, because a typed parameter that gets the wrong type is a BackTrace on the
' viewer's TV; a wrong argument is logged once and replaced by a neutral value.

sub mParticle_addBuilders(c as object)
    c.MediaSession = {
        build: mParticle_mediaSessionBuild
        setDuration: mParticle_mediaSessionSetDuration
        setCurrentPlayheadPosition: mParticle_mediaSessionSetPlayhead
        setAdContent: mParticle_mediaSessionSetAdContent
        setAdBreak: mParticle_mediaSessionSetAdBreak
        setSegment: mParticle_mediaSessionSetSegment
    }
    c.AdBreak = { build: mParticle_adBreakBuild, setDuration: mParticle_setDurationField }
    c.AdContent = {
        build: mParticle_adContentBuild
        setDuration: mParticle_setDurationField
        setAdvertiser: mParticle_adContentSetAdvertiser
        setCampaign: mParticle_adContentSetCampaign
        setCreative: mParticle_adContentSetCreative
        setPlacement: mParticle_adContentSetPlacement
        setPosition: mParticle_adContentSetPosition
        setIndex: mParticle_adContentSetPosition
        setSiteId: mParticle_adContentSetSiteId
    }
    c.Segment = { build: mParticle_segmentBuild }
    c.Product = {
        build: mParticle_productBuild
        setBrand: mParticle_productSetBrand
        setCategory: mParticle_productSetCategory
        setVariant: mParticle_productSetVariant
        setPosition: mParticle_productSetPosition
        setCouponCode: mParticle_setCouponCodeField
    }
    c.ProductAction = {
        ACTION_TYPE: {
            ADD_TO_CART: "add_to_cart"
            REMOVE_FROM_CART: "remove_from_cart"
            CHECKOUT: "checkout"
            CLICK: "click"
            VIEW: "view"
            VIEW_DETAIL: "view_detail"
            PURCHASE: "purchase"
            REFUND: "refund"
            ADD_TO_WISHLIST: "add_to_wishlist"
            REMOVE_FROM_WISHLIST: "remove_from_wishlist"
        }
        build: mParticle_productActionBuild
        setCheckoutStep: mParticle_productActionSetCheckoutStep
        setCheckoutOptions: mParticle_productActionSetCheckoutOptions
        setProductActionList: mParticle_productActionSetList
        setProductListSource: mParticle_productActionSetListSource
        setTransactionId: mParticle_productActionSetTransactionId
        setAffiliation: mParticle_productActionSetAffiliation
        setTaxAmount: mParticle_productActionSetTax
        setShippingAmount: mParticle_productActionSetShipping
        setCouponCode: mParticle_setCouponCodeField
    }
    c.Promotion = { build: mParticle_promotionBuild }
    c.PromotionAction = { ACTION_TYPE: { VIEW: "view", CLICK: "click" }, build: mParticle_promotionActionBuild }
    c.Impression = { build: mParticle_impressionBuild }
    c.ConsentState = {
        build: mParticle_consentStateBuild
        addGDPRConsentState: mParticle_consentStateAddGdpr
        removeGDPRConsentState: mParticle_consentStateRemoveGdpr
        getGDPRConsentState: mParticle_consentStateGetGdpr
        setCCPAConsentState: mParticle_consentStateSetCcpa
        removeCCPAConsentState: mParticle_consentStateRemoveCcpa
        getCCPAConsentState: mParticle_consentStateGetCcpa
    }
    consent = {
        build: mParticle_consentBuild
        setDocument: mParticle_consentSetDocument
        setConsented: mParticle_consentSetConsented
        setLocation: mParticle_consentSetLocation
        setTimestamp: mParticle_consentSetTimestamp
        setHardwareId: mParticle_consentSetHardwareId
    }
    c.GDPRConsentState = consent
    c.CCPAConsentState = consent
end sub

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

' Setters take the object as first argument; anything but an AA is logged and ignored.
sub mParticle_setField(target as dynamic, key as string, value as dynamic, where as string)
    if type(target) <> "roAssociativeArray"
        mParticle_logError(where + ": the first argument must be the object to change, got " + type(target) + "; ignored")
        return
    end if
    target[key] = value
end sub

' --- media ---

' MediaSession.build(contentId, title, contentType, streamType, duration = 0,
' mediaSessionAttributes = {}, excludeAdBreaksFromContentTime = false). The id is made here,
' on the channel's thread, so every copy of the session names the same media session.
function mParticle_mediaSessionBuild(contentId = invalid as dynamic, title = invalid as dynamic, contentType = invalid as dynamic, streamType = invalid as dynamic, duration = 0 as dynamic, mediaSessionAttributes = invalid as dynamic, excludeAdBreaksFromContentTime = false as dynamic) as object
    where = "MediaSession.build"
    attributes = mParticle_argObject(mediaSessionAttributes, where, "mediaSessionAttributes")
    if attributes = invalid then attributes = {}
    return {
        contentId: mParticle_argString(contentId, where, "contentId")
        title: mParticle_argString(title, where, "title")
        contentType: mParticle_argString(contentType, where, "contentType")
        streamType: mParticle_argString(streamType, where, "streamType")
        duration: mParticle_argNumber(duration, 0, where, "duration")
        mediaSessionId: CreateObject("roDeviceInfo").GetRandomUUID()
        currentPlayheadPosition: 0
        mediaSessionAttributes: attributes
        excludeAdBreaksFromContentTime: mParticle_argBool(excludeAdBreaksFromContentTime, false, where, "excludeAdBreaksFromContentTime")
    }
end function

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

' AdBreak.build(id, title)
function mParticle_adBreakBuild(id = invalid as dynamic, title = invalid as dynamic) as object
    return { id: mParticle_argString(id, "AdBreak.build", "id"), title: mParticle_argString(title, "AdBreak.build", "title") }
end function

' AdContent.build(id, title)
function mParticle_adContentBuild(id = invalid as dynamic, title = invalid as dynamic) as object
    return { id: mParticle_argString(id, "AdContent.build", "id"), title: mParticle_argString(title, "AdContent.build", "title") }
end function

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

' Segment.build(title, index, duration)
function mParticle_segmentBuild(title = invalid as dynamic, index = invalid as dynamic, duration = invalid as dynamic) as object
    where = "Segment.build"
    return {
        title: mParticle_argString(title, where, "title")
        index: mParticle_argNumber(index, 0, where, "index")
        duration: mParticle_argNumber(duration, 0, where, "duration")
    }
end function

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
