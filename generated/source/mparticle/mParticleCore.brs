' generated from brs-templates/source/mParticleCore.brs, brs-templates/source/mParticleBuilders.brs, brs-templates/source/mParticleTracking.brs, brs-templates/source/mParticleRuntime.brs, src-ts/schema by src-ts/generator: do not edit
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
    c.SDK_VERSION = "3.0.0"
    c.LOG_LEVEL = {
        NONE: 0
        ERROR: 1
        INFO: 2
        DEBUG: 3
    }
    c.ENVIRONMENT = { AUTO_DETECT: 0, FORCE_DEVELOPMENT: 1, FORCE_PRODUCTION: 2 }
    c.DEFAULT_OPTIONS = {
        apiKey: ""
        apiSecret: ""
        environment: 0
        logLevel: 1
        sessionTimeoutMillis: 60000
        enablePinning: true
        certificateDir: "common:/certs/ca-bundle.crt"
        uploadIntervalMillis: 10000
        maxBatchMessages: 100
        maxBatchBytes: 100000
        maxQueueMessages: 1000
        queueBudgetBytes: 12288
        registryReserveBytes: 4096
        batchUploads: false
        autoSummaries: false
    }
    c.SCENEGRAPH_NODES = {
        API_CALL_NODE: "mParticleApiCall"
        CURRENT_USER_NODE: "mParticleCurrentUser"
        IDENTITY_RESULT_NODE: "mParticleIdentityResult"
        CURRENT_SESSION_NODE: "mParticleCurrentSession"
    }
    c.USER_ATTRIBUTES = {
        FIRSTNAME: "$FirstName"
        LASTNAME: "$LastName"
        ADDRESS: "$Address"
        STATE: "$State"
        CITY: "$City"
        ZIPCODE: "$Zip"
        COUNTRY: "$Country"
        AGE: "$Age"
        GENDER: "$Gender"
        MOBILE_NUMBER: "$Mobile"
    }
    c.MESSAGE_TYPE = {
        SESSION_START: "ss"
        SESSION_END: "se"
        CUSTOM: "e"
        SCREEN: "v"
        OPT_OUT: "o"
        ERROR: "x"
        BREADCRUMB: "b"
        APP_STATE_TRANSITION: "ast"
        COMMERCE: "cm"
        USER_ATTRIBUTE_CHANGE: "uac"
        USER_IDENTITY_CHANGE: "uic"
    }
    c.CUSTOM_EVENT_TYPE = {
        NAVIGATION: "navigation"
        LOCATION: "location"
        SEARCH: "search"
        TRANSACTION: "transaction"
        USER_CONTENT: "usercontent"
        USER_PREFERENCE: "userpreference"
        SOCIAL: "social"
        OTHER: "other"
        MEDIA: "media"
    }
    c.MEDIA_EVENT_NAME = {
        PLAY: "Play"
        PAUSE: "Pause"
        CONTENT_END: "Media Content End"
        SESSION_START: "Media Session Start"
        SESSION_END: "Media Session End"
        SEEK_START: "Seek Start"
        SEEK_END: "Seek End"
        BUFFER_START: "Buffer Start"
        BUFFER_END: "Buffer End"
        UPDATE_PLAYHEAD_POSITION: "Update Playhead Position"
        AD_CLICK: "Ad Click"
        AD_BREAK_START: "Ad Break Start"
        AD_BREAK_END: "Ad Break End"
        AD_START: "Ad Start"
        AD_END: "Ad End"
        AD_SKIP: "Ad Skip"
        SEGMENT_START: "Segment Start"
        SEGMENT_END: "Segment End"
        SEGMENT_SKIP: "Segment Skip"
        UPDATE_QOS: "Update QoS"
        AD_SUMMARY: "Ad Session Summary"
        SEGMENT_SUMMARY: "Segment Session Summary"
        SESSION_SUMMARY: "Media Session Summary"
        MILESTONE: "Milestone"
    }
    c.MEDIA_CONTENT_TYPE = { VIDEO: "Video", AUDIO: "Audio" }
    c.MEDIA_STREAM_TYPE = {
        LIVE_STREAM: "LiveStream"
        ON_DEMAND: "OnDemand"
        LINEAR: "Linear"
        PODCAST: "Podcast"
        AUDIOBOOK: "Audiobook"
    }
    c.MEDIA_ATTRIBUTE = {
        MEDIA_SESSION_ID: "media_session_id"
        MEDIA_SESSION_START_TIME: "media_session_start_time"
        MEDIA_SESSION_END_TIME: "media_session_end_time"
        MEDIA_SESSION_AD_OBJECTS: "media_session_ad_objects"
        MEDIA_SESSION_CUSTOM_ATTRIBUTE: "media_session_custom_attribute"
        STREAM_TYPE: "stream_type"
        CONTENT_TYPE: "content_type"
        CONTENT_ID: "content_id"
        CONTENT_DURATION: "content_duration"
        CONTENT_TITLE: "content_title"
        CONTENT_ASSET_ID: "content_asset_id"
        CONTENT_SEASON: "content_season"
        CONTENT_EPISODE: "content_episode"
        CONTENT_DAYPART: "content_daypart"
        CONTENT_ORIGINATOR: "content_originator"
        CONTENT_NETWORK: "content_network"
        CONTENT_MVPD: "content_mvpd"
        CONTENT_FEED: "content_feed"
        CONTENT_SHOW: "content_show"
        CONTENT_SHOW_TYPE: "content_show_type"
        CONTENT_GENRE: "content_genre"
        CONTENT_RATING: "content_rating"
        CONTENT_AUTHORIZED: "content_authorized"
        CONTENT_FIRST_AIR_DATE: "content_first_air_date"
        CONTENT_DIGITAL_DATE: "content_digital_date"
        PLAYHEAD_POSITION: "playhead_position"
        BUFFER_DURATION: "buffer_duration"
        BUFFER_PERCENT: "buffer_percent"
        BUFFER_POSITION: "buffer_position"
        SEEK_POSITION: "seek_position"
        SEGMENT_TITLE: "segment_title"
        SEGMENT_INDEX: "segment_index"
        SEGMENT_DURATION: "segment_duration"
        AD_BREAK_ID: "ad_break_id"
        AD_BREAK_TITLE: "ad_break_title"
        AD_BREAK_DURATION: "ad_break_duration"
        AD_CONTENT_ID: "ad_content_id"
        AD_CONTENT_TITLE: "ad_content_title"
        AD_CONTENT_DURATION: "ad_content_duration"
        AD_CONTENT_ADVERTISER: "ad_content_advertiser"
        AD_CONTENT_CAMPAIGN: "ad_content_campaign"
        AD_CONTENT_CREATIVE: "ad_content_creative"
        AD_CONTENT_PLACEMENT: "ad_content_placement"
        AD_CONTENT_POSITION: "ad_content_position"
        AD_CONTENT_SITE_ID: "ad_content_site_id"
        AD_CUSTOM_ATTRIBUTE: "ad_custom_attribute"
        PLAYER_NAME: "player_name"
        PLAYER_OVP: "player_ovp"
        PLAYER_INITIAL_RESOLUTION: "player_initial_resolution"
        QOS_BITRATE: "qos_bitrate"
        QOS_FPS: "qos_fps"
        QOS_STARTUP_TIME: "qos_startup_time"
        QOS_DROPPED_FRAMES: "qos_dropped_frames"
        MEDIA_TIME_SPENT: "media_time_spent"
        MEDIA_CONTENT_TIME_SPENT: "media_content_time_spent"
        MEDIA_CONTENT_COMPLETE: "media_content_complete"
        MEDIA_SESSION_SEGMENT_TOTAL: "media_session_segment_total"
        MEDIA_SESSION_AD_TOTAL: "media_session_ad_total"
        MEDIA_TOTAL_AD_TIME_SPENT: "media_total_ad_time_spent"
        MEDIA_AD_TIME_SPENT_RATE: "media_ad_time_spent_rate"
        AD_CONTENT_START_TIME: "ad_content_start_time"
        AD_CONTENT_END_TIME: "ad_content_end_time"
        AD_COMPLETED: "ad_completed"
        AD_SKIPPED: "ad_skipped"
        SEGMENT_START_TIME: "segment_start_time"
        SEGMENT_END_TIME: "segment_end_time"
        MEDIA_SEGMENT_TIME_SPENT: "media_segment_time_spent"
        SEGMENT_COMPLETED: "segment_completed"
        SEGMENT_SKIPPED: "segment_skipped"
        AD_BREAK_PLAYBACK_TIME: "ad_break_playback_time"
    }
    c.IDENTITY_TYPE = {
        OTHER: "other"
        CUSTOMER_ID: "customerid"
        FACEBOOK: "facebook"
        TWITTER: "twitter"
        GOOGLE: "google"
        MICROSOFT: "microsoft"
        YAHOO: "yahoo"
        EMAIL: "email"
        FACEBOOK_AUDIENCE_ID: "facebookcustomaudienceid"
        OTHER2: "other2"
        OTHER3: "other3"
        OTHER4: "other4"
        OTHER5: "other5"
        OTHER6: "other6"
        OTHER7: "other7"
        OTHER8: "other8"
        OTHER9: "other9"
        OTHER10: "other10"
        MOBILE_NUMBER: "mobile_number"
        PHONE_NUMBER2: "phone_number_2"
        PHONE_NUMBER3: "phone_number_3"
    }
    c.IDENTITY_TYPE_INT = {
        OTHER: 0
        CUSTOMER_ID: 1
        FACEBOOK: 2
        TWITTER: 3
        GOOGLE: 4
        MICROSOFT: 5
        YAHOO: 6
        EMAIL: 7
        FACEBOOK_AUDIENCE_ID: 9
        OTHER2: 10
        OTHER3: 11
        OTHER4: 12
        OTHER5: 13
        OTHER6: 14
        OTHER7: 15
        OTHER8: 16
        OTHER9: 17
        OTHER10: 18
        MOBILE_NUMBER: 19
        PHONE_NUMBER2: 20
        PHONE_NUMBER3: 21
    }
    ' IDENTITY_TYPE.isValidIdentityType(identityType): m is the IDENTITY_TYPE table.
    c.IDENTITY_TYPE.isValidIdentityType = function(identityType = invalid as dynamic) as boolean
        if mParticle_typeof(identityType) <> "string" then return false
        for each key in m
            if mParticle_typeof(m[key]) = "string" and m[key] = identityType then return true
        end for
        return false
    end function
    ' IDENTITY_TYPE_INT.parseString(identityTypeString): m is the IDENTITY_TYPE_INT table; the key
    ' of the string in IDENTITY_TYPE names its number. Unknown strings are OTHER (0), as in 2.x.
    c.IDENTITY_TYPE_INT.parseString = function(identityTypeString = invalid as dynamic) as integer
        if mParticle_typeof(identityTypeString) <> "string" then return 0
        names = mParticleConstants().IDENTITY_TYPE
        for each key in names
            if mParticle_typeof(names[key]) = "string" and names[key] = identityTypeString and mParticle_typeof(m[key]) = "number" then return m[key]
        end for
        return 0
    end function
    mParticle_addBuilders(c)
    return c
end function

' One log line per problem, never the API secret. The level comes from the Task's options
' once it has read them, otherwise from m.global.mparticleOptions, otherwise ERROR.
' Templates call the helper of a level (mParticle_logError, ...); mParticle_log takes a LOG_LEVEL value.
sub mParticle_log(level as integer, message as string)
    if level > mParticle_logLevel() then return
    names = ["NONE", "ERROR", "INFO", "DEBUG"]
    print "mParticle SDK [" + names[level] + "] " + message
end sub

function mParticle_logLevel() as integer
    g = GetGlobalAA()
    if g.mParticle_logLevelCache <> invalid then return g.mParticle_logLevelCache
    level = 1
    if type(g.global) = "roSGNode"
        options = g.global.mparticleOptions
        if type(options) = "roAssociativeArray" and mParticle_typeof(options.logLevel) = "number" then level = Int(options.logLevel)
    end if
    if level < 0 then level = 0
    if level > 3 then level = 3
    g.mParticle_logLevelCache = level
    return level
end function

sub mParticle_logError(message as string)
    if mParticle_logLevel() >= 1 then print "mParticle SDK [ERROR] " + message
end sub

sub mParticle_logInfo(message as string)
    if mParticle_logLevel() >= 2 then print "mParticle SDK [INFO] " + message
end sub

sub mParticle_logDebug(message as string)
    if mParticle_logLevel() >= 3 then print "mParticle SDK [DEBUG] " + message
end sub

' What a value is, for log lines: a node's subtype, otherwise its type.
function mParticle_nodeName(value as dynamic) as string
    if type(value) = "roSGNode" then return "a " + value.subtype() + " node"
    return type(value)
end function

' Builders of mParticleConstants(): MediaSession, AdBreak, AdContent, Segment, the commerce
' and consent builders, with mParticle's Roku SDK signatures (listed in src-ts/schema/builders.ts).
' Every parameter is dynamic and checked here, because a typed parameter that gets the wrong
' type is a BackTrace on the viewer's TV; a wrong argument to a build is logged once and
' replaced by a neutral value.

' The builder tables (mParticle_addBuilders), the media builds and the setters that
' src-ts/schema/builders.ts marks as generated.
sub mParticle_addBuilders(c as object)
    c.MediaSession = {
        ' MediaSession.build(contentId, title, contentType, streamType, duration = 0, mediaSessionAttributes = {}, excludeAdBreaksFromContentTime = false): A new media session with a fresh `mediaSessionId`.
        build: function(contentId = invalid as dynamic, title = invalid as dynamic, contentType = invalid as dynamic, streamType = invalid as dynamic, duration = invalid as dynamic, mediaSessionAttributes = invalid as dynamic, excludeAdBreaksFromContentTime = invalid as dynamic) as object
            where = "MediaSession.build"
            now& = mParticle_clockMillis()
            return {
                contentId: mParticle_argString(contentId, where, "contentId")
                title: mParticle_argString(title, where, "title")
                duration: mParticle_argNumber(duration, 0, where, "duration")
                contentType: mParticle_argString(contentType, where, "contentType")
                streamType: mParticle_argString(streamType, where, "streamType")
                mediaSessionAttributes: mParticle_argAttributes(mediaSessionAttributes, where, "mediaSessionAttributes")
                mediaSessionId: CreateObject("roDeviceInfo").GetRandomUUID()
                currentPlayheadPosition: 0
                mediaContentComplete: false
                currentPlaybackStartTimestamp: 0
                storedPlaybackTime: 0
                mediaContentTimeSpent: 0
                mediaSessionStartTime: now&
                mediaSessionEndTime: now&
                mediaSessionSegmentTotal: 0
                mediaSessionAdTotal: 0
                mediaTotalAdTimeSpent: 0
                mediaAdTimeSpentRate: 0.0#
                mediaSessionAdObjects: []
                excludeAdBreaksFromContentTime: mParticle_argBool(excludeAdBreaksFromContentTime, false, where, "excludeAdBreaksFromContentTime")
                playbackState: "pausedByUser"
            }
        end function
        setDuration: sub(session = invalid as dynamic, duration = invalid as dynamic)
            mParticle_setField(session, "duration", mParticle_argNumber(duration, 0, "MediaSession.setDuration", "duration"), "MediaSession.setDuration")
        end sub
        ' MediaSession.setMediaSessionAttributes(mediaSession, mediaSessionAttributes): Custom attributes sent with every event of the session.
        setMediaSessionAttributes: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "attributes", "MediaSession.setMediaSessionAttributes", "mediaSessionAttributes") then mParticle_setField(target, "mediaSessionAttributes", value, "MediaSession.setMediaSessionAttributes")
        end sub
        setCurrentPlayheadPosition: sub(session = invalid as dynamic, position = invalid as dynamic)
            mParticle_setField(session, "currentPlayheadPosition", mParticle_argNumber(position, 0, "MediaSession.setCurrentPlayheadPosition", "playheadPosition"), "MediaSession.setCurrentPlayheadPosition")
        end sub
        setAdContent: sub(session = invalid as dynamic, adContent = invalid as dynamic)
            mParticle_setField(session, "adContent", mParticle_argObject(adContent, "MediaSession.setAdContent", "adContent"), "MediaSession.setAdContent")
        end sub
        setAdBreak: sub(session = invalid as dynamic, adBreak = invalid as dynamic)
            mParticle_setField(session, "adBreak", mParticle_argObject(adBreak, "MediaSession.setAdBreak", "adBreak"), "MediaSession.setAdBreak")
        end sub
        setSegment: sub(session = invalid as dynamic, segment = invalid as dynamic)
            mParticle_setField(session, "segment", mParticle_argObject(segment, "MediaSession.setSegment", "segment"), "MediaSession.setSegment")
        end sub
        ' MediaSession.setMediaSessionStartTime(mediaSession, mediaSessionStartTime): Session start (unix ms).
        setMediaSessionStartTime: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "number", "MediaSession.setMediaSessionStartTime", "mediaSessionStartTime") then mParticle_setField(target, "mediaSessionStartTime", value, "MediaSession.setMediaSessionStartTime")
        end sub
        ' MediaSession.setMediaSessionEndTime(mediaSession, mediaSessionEndTime): Session end (unix ms).
        setMediaSessionEndTime: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "number", "MediaSession.setMediaSessionEndTime", "mediaSessionEndTime") then mParticle_setField(target, "mediaSessionEndTime", value, "MediaSession.setMediaSessionEndTime")
        end sub
        ' MediaSession.setMediaContentComplete(mediaSession, mediaContentComplete): Whether the content played to its end.
        setMediaContentComplete: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "boolean", "MediaSession.setMediaContentComplete", "mediaContentComplete") then mParticle_setField(target, "mediaContentComplete", value, "MediaSession.setMediaContentComplete")
        end sub
        ' MediaSession.setMediaContentTimeSpent(mediaSession, mediaContentTimeSpent): Content time spent (ms).
        setMediaContentTimeSpent: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "number", "MediaSession.setMediaContentTimeSpent", "mediaContentTimeSpent") then mParticle_setField(target, "mediaContentTimeSpent", value, "MediaSession.setMediaContentTimeSpent")
        end sub
        ' MediaSession.setMediaSessionSegmentTotal(mediaSession, mediaSessionSegmentTotal): Segments started.
        setMediaSessionSegmentTotal: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "number", "MediaSession.setMediaSessionSegmentTotal", "mediaSessionSegmentTotal") then mParticle_setField(target, "mediaSessionSegmentTotal", value, "MediaSession.setMediaSessionSegmentTotal")
        end sub
        ' MediaSession.setMediaSessionAdTotal(mediaSession, mediaSessionAdTotal): Ads started.
        setMediaSessionAdTotal: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "number", "MediaSession.setMediaSessionAdTotal", "mediaSessionAdTotal") then mParticle_setField(target, "mediaSessionAdTotal", value, "MediaSession.setMediaSessionAdTotal")
        end sub
        ' MediaSession.setMediaTotalAdTimeSpent(mediaSession, mediaTotalAdTimeSpent): Time in ads (ms).
        setMediaTotalAdTimeSpent: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "number", "MediaSession.setMediaTotalAdTimeSpent", "mediaTotalAdTimeSpent") then mParticle_setField(target, "mediaTotalAdTimeSpent", value, "MediaSession.setMediaTotalAdTimeSpent")
        end sub
        ' MediaSession.setMediaAdTimeSpentRate(mediaSession, mediaAdTimeSpentRate): Ad time as a percentage of media time.
        setMediaAdTimeSpentRate: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "number", "MediaSession.setMediaAdTimeSpentRate", "mediaAdTimeSpentRate") then mParticle_setField(target, "mediaAdTimeSpentRate", value, "MediaSession.setMediaAdTimeSpentRate")
        end sub
        ' MediaSession.setMediaSessionAdObjects(mediaSession, mediaSessionAdObjects): Ids of the ads played.
        setMediaSessionAdObjects: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "array", "MediaSession.setMediaSessionAdObjects", "mediaSessionAdObjects") then mParticle_setField(target, "mediaSessionAdObjects", value, "MediaSession.setMediaSessionAdObjects")
        end sub
        ' Unix time in ms on the calling thread (the builders and the bridge run on the render
        ' thread, where media calls read it): one roDateTime per thread, set to now on each call,
        ' because creating one per call costs a bridge call more.
        unixTimeMillis: function() as longinteger
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
    }
    c.AdBreak = {
        ' AdBreak.build(id, title): A new ad break.
        build: function(id = invalid as dynamic, title = invalid as dynamic) as object
            where = "AdBreak.build"
            return {
                id: mParticle_argString(id, where, "id")
                title: mParticle_argString(title, where, "title")
            }
        end function
        setDuration: sub(target = invalid as dynamic, duration = invalid as dynamic)
            mParticle_setField(target, "duration", mParticle_argNumber(duration, 0, "setDuration", "duration"), "setDuration")
        end sub
    }
    c.AdContent = {
        ' AdContent.build(id, title): A new ad.
        build: function(id = invalid as dynamic, title = invalid as dynamic) as object
            where = "AdContent.build"
            return {
                id: mParticle_argString(id, where, "id")
                title: mParticle_argString(title, where, "title")
                adCompleted: false
                adSkipped: false
            }
        end function
        setDuration: sub(target = invalid as dynamic, duration = invalid as dynamic)
            mParticle_setField(target, "duration", mParticle_argNumber(duration, 0, "setDuration", "duration"), "setDuration")
        end sub
        setAdvertiser: sub(ad = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(ad, "advertiser", mParticle_argString(value, "AdContent.setAdvertiser", "advertiser"), "AdContent.setAdvertiser")
        end sub
        setCampaign: sub(ad = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(ad, "campaign", mParticle_argString(value, "AdContent.setCampaign", "campaign"), "AdContent.setCampaign")
        end sub
        setCreative: sub(ad = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(ad, "creative", mParticle_argString(value, "AdContent.setCreative", "creative"), "AdContent.setCreative")
        end sub
        setPlacement: sub(ad = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(ad, "placement", mParticle_argString(value, "AdContent.setPlacement", "placement"), "AdContent.setPlacement")
        end sub
        setPosition: sub(ad = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(ad, "position", mParticle_argNumber(value, 0, "AdContent.setPosition", "position"), "AdContent.setPosition")
        end sub
        setIndex: sub(ad = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(ad, "position", mParticle_argNumber(value, 0, "AdContent.setPosition", "position"), "AdContent.setPosition")
        end sub
        setSiteId: sub(ad = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(ad, "siteId", mParticle_argString(value, "AdContent.setSiteId", "siteId"), "AdContent.setSiteId")
        end sub
        ' AdContent.setAdStartTime(adContent, adStartTime): Ad start (unix ms).
        setAdStartTime: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "number", "AdContent.setAdStartTime", "adStartTime") then mParticle_setField(target, "adStartTime", value, "AdContent.setAdStartTime")
        end sub
        ' AdContent.setAdEndTime(adContent, adEndTime): Ad end (unix ms).
        setAdEndTime: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "number", "AdContent.setAdEndTime", "adEndTime") then mParticle_setField(target, "adEndTime", value, "AdContent.setAdEndTime")
        end sub
        ' AdContent.setAdCompleted(adContent, adCompleted): Whether the ad played to its end.
        setAdCompleted: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "boolean", "AdContent.setAdCompleted", "adCompleted") then mParticle_setField(target, "adCompleted", value, "AdContent.setAdCompleted")
        end sub
        ' AdContent.setAdSkipped(adContent, adSkipped): Whether the ad was skipped.
        setAdSkipped: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "boolean", "AdContent.setAdSkipped", "adSkipped") then mParticle_setField(target, "adSkipped", value, "AdContent.setAdSkipped")
        end sub
    }
    c.Segment = {
        ' Segment.build(title, index, duration): A new segment.
        build: function(title = invalid as dynamic, index = invalid as dynamic, duration = invalid as dynamic) as object
            where = "Segment.build"
            return {
                title: mParticle_argString(title, where, "title")
                index: mParticle_argNumber(index, 0, where, "index")
                duration: mParticle_argNumber(duration, 0, where, "duration")
                segmentCompleted: false
                segmentSkipped: false
            }
        end function
        ' Segment.setDuration(segment, duration): Segment duration (ms).
        setDuration: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "number", "Segment.setDuration", "duration") then mParticle_setField(target, "duration", value, "Segment.setDuration")
        end sub
        ' Segment.setSegmentStartTime(segment, segmentStartTime): Segment start (unix ms).
        setSegmentStartTime: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "number", "Segment.setSegmentStartTime", "segmentStartTime") then mParticle_setField(target, "segmentStartTime", value, "Segment.setSegmentStartTime")
        end sub
        ' Segment.setSegmentEndTime(segment, segmentEndTime): Segment end (unix ms).
        setSegmentEndTime: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "number", "Segment.setSegmentEndTime", "segmentEndTime") then mParticle_setField(target, "segmentEndTime", value, "Segment.setSegmentEndTime")
        end sub
        ' Segment.setSegmentCompleted(segment, segmentCompleted): Whether the segment played to its end.
        setSegmentCompleted: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "boolean", "Segment.setSegmentCompleted", "segmentCompleted") then mParticle_setField(target, "segmentCompleted", value, "Segment.setSegmentCompleted")
        end sub
        ' Segment.setSegmentSkipped(segment, segmentSkipped): Whether the segment was skipped.
        setSegmentSkipped: sub(target = invalid as dynamic, value = invalid as dynamic)
            if mParticle_setterArg(value, "boolean", "Segment.setSegmentSkipped", "segmentSkipped") then mParticle_setField(target, "segmentSkipped", value, "Segment.setSegmentSkipped")
        end sub
    }
    c.Product = {
        ' Product.build(sku, name, price = 0, quantity = 1, customAttributes = {})
        build: function(sku = invalid as dynamic, name = invalid as dynamic, price = 0 as dynamic, quantity = 1 as dynamic, customAttributes = invalid as dynamic) as object
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
        setBrand: sub(product = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(product, "br", mParticle_argString(value, "Product.setBrand", "brand"), "Product.setBrand")
        end sub
        setCategory: sub(product = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(product, "ca", mParticle_argString(value, "Product.setCategory", "category"), "Product.setCategory")
        end sub
        setVariant: sub(product = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(product, "va", mParticle_argString(value, "Product.setVariant", "variant"), "Product.setVariant")
        end sub
        setPosition: sub(product = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(product, "ps", mParticle_argNumber(value, 0, "Product.setPosition", "position"), "Product.setPosition")
        end sub
        setCouponCode: sub(target = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(target, "cc", mParticle_argString(value, "setCouponCode", "couponCode"), "setCouponCode")
        end sub
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
        ' ProductAction.build(actionType, totalAmount, productList)
        build: function(actionType = invalid as dynamic, totalAmount = 0 as dynamic, productList = invalid as dynamic) as object
            where = "ProductAction.build"
            return {
                an: mParticle_argString(actionType, where, "actionType")
                tr: mParticle_argNumber(totalAmount, 0, where, "totalAmount")
                pl: mParticle_argList(productList, where, "productList")
            }
        end function
        setCheckoutStep: sub(action = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(action, "cs", mParticle_argNumber(value, 0, "ProductAction.setCheckoutStep", "checkoutStep"), "ProductAction.setCheckoutStep")
        end sub
        setCheckoutOptions: sub(action = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(action, "co", mParticle_argString(value, "ProductAction.setCheckoutOptions", "checkoutOptions"), "ProductAction.setCheckoutOptions")
        end sub
        setProductActionList: sub(action = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(action, "pal", mParticle_argString(value, "ProductAction.setProductActionList", "productActionList"), "ProductAction.setProductActionList")
        end sub
        setProductListSource: sub(action = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(action, "pls", mParticle_argString(value, "ProductAction.setProductListSource", "productListSource"), "ProductAction.setProductListSource")
        end sub
        setTransactionId: sub(action = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(action, "ti", mParticle_argString(value, "ProductAction.setTransactionId", "transactionId"), "ProductAction.setTransactionId")
        end sub
        setAffiliation: sub(action = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(action, "ta", mParticle_argString(value, "ProductAction.setAffiliation", "affiliation"), "ProductAction.setAffiliation")
        end sub
        setTaxAmount: sub(action = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(action, "tt", mParticle_argNumber(value, 0, "ProductAction.setTaxAmount", "taxAmount"), "ProductAction.setTaxAmount")
        end sub
        setShippingAmount: sub(action = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(action, "ts", mParticle_argNumber(value, 0, "ProductAction.setShippingAmount", "shippingAmount"), "ProductAction.setShippingAmount")
        end sub
        setCouponCode: sub(target = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(target, "cc", mParticle_argString(value, "setCouponCode", "couponCode"), "setCouponCode")
        end sub
    }
    c.Promotion = {
        ' Promotion.build(promotionId, name, creative, position)
        build: function(promotionId = invalid as dynamic, name = invalid as dynamic, creative = invalid as dynamic, position = invalid as dynamic) as object
            where = "Promotion.build"
            return {
                id: mParticle_argString(promotionId, where, "promotionId")
                nm: mParticle_argString(name, where, "name")
                cr: mParticle_argString(creative, where, "creative")
                ps: mParticle_argString(position, where, "position")
            }
        end function
    }
    c.PromotionAction = {
        ACTION_TYPE: { VIEW: "view", CLICK: "click" }
        ' PromotionAction.build(actionType, promotionList)
        build: function(actionType = invalid as dynamic, promotionList = invalid as dynamic) as object
            where = "PromotionAction.build"
            return { an: mParticle_argString(actionType, where, "actionType"), pl: mParticle_argList(promotionList, where, "promotionList") }
        end function
    }
    c.Impression = {
        ' Impression.build(impressionList, productList)
        build: function(impressionList = invalid as dynamic, productList = invalid as dynamic) as object
            where = "Impression.build"
            return { pil: mParticle_argString(impressionList, where, "impressionList"), pl: mParticle_argList(productList, where, "productList") }
        end function
    }
    c.ConsentState = {
        build: function() as object
            return { gdpr: {}, ccpa: {} }
        end function
        addGDPRConsentState: sub(consentState = invalid as dynamic, purpose = invalid as dynamic, consent = invalid as dynamic)
            where = "ConsentState.addGDPRConsentState"
            if type(consentState) <> "roAssociativeArray" or type(consentState.gdpr) <> "roAssociativeArray"
                mParticle_logError(where + ": the first argument must be a ConsentState.build() result; ignored")
                return
            end if
            value = mParticle_argObject(consent, where, "gdprConsent")
            key = mParticle_argString(purpose, where, "purpose")
            if value <> invalid and key <> "" then consentState.gdpr[LCase(key)] = value
        end sub
        removeGDPRConsentState: sub(consentState = invalid as dynamic, purpose = invalid as dynamic)
            if type(consentState) = "roAssociativeArray" and type(consentState.gdpr) = "roAssociativeArray" and mParticle_typeof(purpose) = "string" then consentState.gdpr.Delete(LCase(purpose))
        end sub
        getGDPRConsentState: function(consentState = invalid as dynamic) as dynamic
            if type(consentState) = "roAssociativeArray" then return consentState.gdpr
            return invalid
        end function
        setCCPAConsentState: sub(consentState = invalid as dynamic, consent = invalid as dynamic)
            value = mParticle_argObject(consent, "ConsentState.setCCPAConsentState", "ccpaConsent")
            if value = invalid then return
            if type(consentState) <> "roAssociativeArray" or type(consentState.ccpa) <> "roAssociativeArray"
                mParticle_logError("ConsentState.setCCPAConsentState: the first argument must be a ConsentState.build() result; ignored")
                return
            end if
            consentState.ccpa.data_sale_opt_out = value
        end sub
        removeCCPAConsentState: sub(consentState = invalid as dynamic)
            if type(consentState) = "roAssociativeArray" and type(consentState.ccpa) = "roAssociativeArray" then consentState.ccpa.Delete("data_sale_opt_out")
        end sub
        getCCPAConsentState: function(consentState = invalid as dynamic) as dynamic
            if type(consentState) = "roAssociativeArray" then return consentState.ccpa
            return invalid
        end function
    }
    c.GDPRConsentState = {
        ' GDPRConsentState.build / CCPAConsentState.build(consented, timestamp)
        build: function(consented = invalid as dynamic, timestamp = invalid as dynamic) as object
            where = "ConsentState.build"
            return { c: mParticle_argBool(consented, false, where, "consented"), ts: mParticle_argNumber(timestamp, 0, where, "timestamp") }
        end function
        setDocument: sub(consent = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(consent, "d", mParticle_argString(value, "setDocument", "document"), "setDocument")
        end sub
        setConsented: sub(consent = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(consent, "c", mParticle_argBool(value, false, "setConsented", "consented"), "setConsented")
        end sub
        setLocation: sub(consent = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(consent, "l", mParticle_argString(value, "setLocation", "location"), "setLocation")
        end sub
        setTimestamp: sub(consent = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(consent, "ts", mParticle_argNumber(value, 0, "setTimestamp", "timestamp"), "setTimestamp")
        end sub
        setHardwareId: sub(consent = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(consent, "h", mParticle_argString(value, "setHardwareId", "hardwareId"), "setHardwareId")
        end sub
    }
    c.CCPAConsentState = {
        ' GDPRConsentState.build / CCPAConsentState.build(consented, timestamp)
        build: function(consented = invalid as dynamic, timestamp = invalid as dynamic) as object
            where = "ConsentState.build"
            return { c: mParticle_argBool(consented, false, where, "consented"), ts: mParticle_argNumber(timestamp, 0, where, "timestamp") }
        end function
        setDocument: sub(consent = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(consent, "d", mParticle_argString(value, "setDocument", "document"), "setDocument")
        end sub
        setConsented: sub(consent = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(consent, "c", mParticle_argBool(value, false, "setConsented", "consented"), "setConsented")
        end sub
        setLocation: sub(consent = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(consent, "l", mParticle_argString(value, "setLocation", "location"), "setLocation")
        end sub
        setTimestamp: sub(consent = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(consent, "ts", mParticle_argNumber(value, 0, "setTimestamp", "timestamp"), "setTimestamp")
        end sub
        setHardwareId: sub(consent = invalid as dynamic, value = invalid as dynamic)
            mParticle_setField(consent, "h", mParticle_argString(value, "setHardwareId", "hardwareId"), "setHardwareId")
        end sub
    }
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

' --- commerce (short keys as the batch format wants them) ---

' --- consent ---

' --- functions on constant tables and on the bridge (2.x has them) ---

' mParticleSGBridge(task): the API a scene calls, as in mParticle's Roku SDK:
' m.mparticle = mParticleSGBridge(m.mParticleTask), then m.mparticle.logEvent(...),
' m.mparticle.identity.login(...), m.mparticle.media.logPlay(...). A call never waits on the Task.
function mParticleSGBridge(task = invalid as dynamic) as object
    if type(task) <> "roSGNode" or not task.hasField("mParticleApiCall")
        mParticle_logError("mParticleSGBridge: expected the mParticleTask node, got " + mParticle_nodeName(task) + "; every call will be dropped")
        ' An AA absorbs the field assignments, so later calls cannot crash the channel.
        task = {}
    end if
    ' mParticleTask: the node that each namespace's calls go to, under 2.x's name.
    return {
        mParticleTask: task
        ' logEvent(eventName, eventType = "other", customAttributes = invalid, customFlags = invalid): Logs a custom event. With `CUSTOM_EVENT_TYPE.MEDIA` it is a custom media event.
        logEvent: sub(eventName = invalid as dynamic, eventType = invalid as dynamic, customAttributes = invalid as dynamic, customFlags = invalid as dynamic)
            m.mParticleTask.mParticleApiCall = { m: "core.logEvent", a: [eventName, eventType, customAttributes, customFlags] }
        end sub
        ' logScreenEvent(screenName, customAttributes = invalid, customFlags = invalid): Logs a screen view.
        logScreenEvent: sub(screenName = invalid as dynamic, customAttributes = invalid as dynamic, customFlags = invalid as dynamic)
            m.mParticleTask.mParticleApiCall = { m: "core.logScreenEvent", a: [screenName, customAttributes, customFlags] }
        end sub
        ' logCommerceEvent(productAction = invalid, promotionAction = invalid, impressions = invalid, customAttributes = invalid, screenName = invalid, customFlags = invalid): Logs a commerce event; at least one of product action, promotion action or impressions. An empty `{}` or `[]` counts as absent (2.x's defaults).
        logCommerceEvent: sub(productAction = invalid as dynamic, promotionAction = invalid as dynamic, impressions = invalid as dynamic, customAttributes = invalid as dynamic, screenName = invalid as dynamic, customFlags = invalid as dynamic)
            m.mParticleTask.mParticleApiCall = { m: "core.logCommerceEvent", a: [productAction, promotionAction, impressions, customAttributes, screenName, customFlags] }
        end sub
        ' logMessage(message): Queues a raw message; for advanced use.
        logMessage: sub(message = invalid as dynamic)
            m.mParticleTask.mParticleApiCall = { m: "core.logMessage", a: [message] }
        end sub
        ' setUserAttribute(attributeKey, attributeValue): Sets an attribute of the current user.
        setUserAttribute: sub(attributeKey = invalid as dynamic, attributeValue = invalid as dynamic)
            m.mParticleTask.mParticleApiCall = { m: "core.setUserAttribute", a: [attributeKey, attributeValue] }
        end sub
        ' removeUserAttribute(attributeKey): Removes an attribute of the current user.
        removeUserAttribute: sub(attributeKey = invalid as dynamic)
            m.mParticleTask.mParticleApiCall = { m: "core.removeUserAttribute", a: [attributeKey] }
        end sub
        ' setIntegrationAttribute(integrationId, key, value): Sets an integration attribute sent as `ia`.
        setIntegrationAttribute: sub(integrationId = invalid as dynamic, key = invalid as dynamic, value = invalid as dynamic)
            m.mParticleTask.mParticleApiCall = { m: "core.setIntegrationAttribute", a: [integrationId, key, value] }
        end sub
        ' setConsentState(consentState): Sets the current user's consent state.
        setConsentState: sub(consentState = invalid as dynamic)
            m.mParticleTask.mParticleApiCall = { m: "core.setConsentState", a: [consentState] }
        end sub
        ' setSessionAttribute(attributeKey, attributeValue): Sets an attribute of the current session, sent with the session end.
        setSessionAttribute: sub(attributeKey = invalid as dynamic, attributeValue = invalid as dynamic)
            m.mParticleTask.mParticleApiCall = { m: "core.setSessionAttribute", a: [attributeKey, attributeValue] }
        end sub
        ' setOptOut(optOut): Opts the viewer out (persisted): nothing is queued or sent afterwards.
        setOptOut: sub(optOut = invalid as dynamic)
            m.mParticleTask.mParticleApiCall = { m: "core.setOptOut", a: [optOut] }
        end sub
        ' upload(): Uploads queued messages now.
        upload: sub()
            m.mParticleTask.mParticleApiCall = { m: "core.upload", a: [] }
        end sub
        ' invokeFunction(name, args) of 2.x's bridge and of each of its namespaces (a method: m is the
        ' bridge or the namespace).
        invokeFunction: sub(name = invalid as dynamic, args = invalid as dynamic)
            mParticle_bridgeInvoke(m.mParticleTask, name, args)
        end sub
        identity: {
            mParticleTask: task
            ' identity.identify(identityApiRequest): Identify request.
            identify: sub(identityApiRequest = invalid as dynamic)
                m.mParticleTask.mParticleApiCall = { m: "identity.identify", a: [identityApiRequest] }
            end sub
            ' identity.login(identityApiRequest): Login request.
            login: sub(identityApiRequest = invalid as dynamic)
                m.mParticleTask.mParticleApiCall = { m: "identity.login", a: [identityApiRequest] }
            end sub
            ' identity.logout(identityApiRequest): Logout request.
            logout: sub(identityApiRequest = invalid as dynamic)
                m.mParticleTask.mParticleApiCall = { m: "identity.logout", a: [identityApiRequest] }
            end sub
            ' identity.modify(identityApiRequest): Modify request for the current user.
            modify: sub(identityApiRequest = invalid as dynamic)
                m.mParticleTask.mParticleApiCall = { m: "identity.modify", a: [identityApiRequest] }
            end sub
            ' identity.setUserAttribute(attributeKey, attributeValue): Sets an attribute of the current user.
            setUserAttribute: sub(attributeKey = invalid as dynamic, attributeValue = invalid as dynamic)
                m.mParticleTask.mParticleApiCall = { m: "identity.setUserAttribute", a: [attributeKey, attributeValue] }
            end sub
            ' identity.removeUserAttribute(attributeKey): Removes an attribute of the current user.
            removeUserAttribute: sub(attributeKey = invalid as dynamic)
                m.mParticleTask.mParticleApiCall = { m: "identity.removeUserAttribute", a: [attributeKey] }
            end sub
            ' identity.setIntegrationAttribute(integrationId, key, value): Same as `setIntegrationAttribute` on the bridge.
            setIntegrationAttribute: sub(integrationId = invalid as dynamic, key = invalid as dynamic, value = invalid as dynamic)
                m.mParticleTask.mParticleApiCall = { m: "identity.setIntegrationAttribute", a: [integrationId, key, value] }
            end sub
            ' identity.setConsentState(consentState): Same as `setConsentState` on the bridge.
            setConsentState: sub(consentState = invalid as dynamic)
                m.mParticleTask.mParticleApiCall = { m: "identity.setConsentState", a: [consentState] }
            end sub
            ' invokeFunction(name, args) of 2.x's bridge and of each of its namespaces (a method: m is the
            ' bridge or the namespace).
            invokeFunction: sub(name = invalid as dynamic, args = invalid as dynamic)
                mParticle_bridgeInvoke(m.mParticleTask, name, args)
            end sub
        }
        media: {
            mParticleTask: task
            mParticleClock: CreateObject("roDateTime")
            ' media.logPlay(mediaSession, options = invalid): Playback started or resumed; starts counting content time.
            logPlay: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray"
                    clock = m.mParticleClock
                    clock.Mark()
                    now = clock.AsSeconds() * 1000& + clock.GetMilliseconds()
                    ' mParticle_sessionKeepPlay (src-ts/logic/bridge-session.ts), written out
                    since = mediaSession.currentPlaybackStartTimestamp
                    if not ((type(since) = "roInteger" or (type(since) = "roLongInteger" or (type(since) = "LongInteger" or (type(since) = "roFloat" or (type(since) = "roDouble" or (type(since) = "Integer" or (type(since) = "Float" or (type(since) = "Double" or type(since) = "roInt")))))))) and since > 0&)
                        mediaSession.currentPlaybackStartTimestamp = now
                    end if
                    mediaSession.playbackState = "playing"
                    end_ = mediaSession.mediaSessionEndTime
                    t = type(end_)
                    if (t = "roInteger" or t = "roLongInteger" or t = "LongInteger" or t = "roFloat" or t = "roDouble" or t = "Integer" or t = "Float" or t = "Double" or t = "roInt") and end_ <> 0 then mediaSession.mediaSessionEndTime = now
                end if
                m.mParticleTask.mParticleApiCall = { m: "media.logPlay", a: [mediaSession, options] }
            end sub
            ' media.logPause(mediaSession, options = invalid): Playback paused; stops counting content time.
            logPause: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray"
                    clock = m.mParticleClock
                    clock.Mark()
                    now = clock.AsSeconds() * 1000& + clock.GetMilliseconds()
                    ' mParticle_sessionKeepPause (src-ts/logic/bridge-session.ts), written out
                    since = mediaSession.currentPlaybackStartTimestamp
                    if (type(since) = "roInteger" or (type(since) = "roLongInteger" or (type(since) = "LongInteger" or (type(since) = "roFloat" or (type(since) = "roDouble" or (type(since) = "Integer" or (type(since) = "Float" or (type(since) = "Double" or type(since) = "roInt")))))))) and since > 0&
                        before = mediaSession.storedPlaybackTime
                        if type(before) = "roInteger" or (type(before) = "roLongInteger" or (type(before) = "LongInteger" or (type(before) = "roFloat" or (type(before) = "roDouble" or (type(before) = "Integer" or (type(before) = "Float" or (type(before) = "Double" or type(before) = "roInt")))))))
                            mediaSession.storedPlaybackTime = before + now - since
                        else
                            mediaSession.storedPlaybackTime = now - since
                        end if
                        mediaSession.currentPlaybackStartTimestamp = 0
                    end if
                    mediaSession.playbackState = "pausedByUser"
                    end_ = mediaSession.mediaSessionEndTime
                    t = type(end_)
                    if (t = "roInteger" or t = "roLongInteger" or t = "LongInteger" or t = "roFloat" or t = "roDouble" or t = "Integer" or t = "Float" or t = "Double" or t = "roInt") and end_ <> 0 then mediaSession.mediaSessionEndTime = now
                end if
                m.mParticleTask.mParticleApiCall = { m: "media.logPause", a: [mediaSession, options] }
            end sub
            ' media.logMediaContentEnd(mediaSession, options = invalid): The content played to its end; marks the content complete.
            logMediaContentEnd: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray"
                    clock = m.mParticleClock
                    clock.Mark()
                    now = clock.AsSeconds() * 1000& + clock.GetMilliseconds()
                    ' mParticle_sessionKeepContentEnd (src-ts/logic/bridge-session.ts), written out
                    mediaSession.mediaContentComplete = true
                    since = mediaSession.currentPlaybackStartTimestamp
                    if (type(since) = "roInteger" or (type(since) = "roLongInteger" or (type(since) = "LongInteger" or (type(since) = "roFloat" or (type(since) = "roDouble" or (type(since) = "Integer" or (type(since) = "Float" or (type(since) = "Double" or type(since) = "roInt")))))))) and since > 0&
                        before = mediaSession.storedPlaybackTime
                        if type(before) = "roInteger" or (type(before) = "roLongInteger" or (type(before) = "LongInteger" or (type(before) = "roFloat" or (type(before) = "roDouble" or (type(before) = "Integer" or (type(before) = "Float" or (type(before) = "Double" or type(before) = "roInt")))))))
                            mediaSession.storedPlaybackTime = before + now - since
                        else
                            mediaSession.storedPlaybackTime = now - since
                        end if
                        mediaSession.currentPlaybackStartTimestamp = 0
                    end if
                    end_ = mediaSession.mediaSessionEndTime
                    t = type(end_)
                    if (t = "roInteger" or t = "roLongInteger" or t = "LongInteger" or t = "roFloat" or t = "roDouble" or t = "Integer" or t = "Float" or t = "Double" or t = "roInt") and end_ <> 0 then mediaSession.mediaSessionEndTime = now
                end if
                m.mParticleTask.mParticleApiCall = { m: "media.logMediaContentEnd", a: [mediaSession, options] }
            end sub
            ' media.logMediaSessionStart(mediaSession, options = invalid): The viewer started interacting with the content; call before the first play.
            logMediaSessionStart: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logMediaSessionStart", a: [mediaSession, options] }
            end sub
            ' media.logMediaSessionEnd(mediaSession, options = invalid): The viewer is done with the content (after a post-roll, or when the channel closes).
            logMediaSessionEnd: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logMediaSessionEnd", a: [mediaSession, options] }
            end sub
            ' media.logSeekStart(mediaSession, position, options = invalid): The viewer started seeking.
            logSeekStart: sub(mediaSession = invalid as dynamic, position = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logSeekStart", a: [mediaSession, position, options] }
            end sub
            ' media.logSeekEnd(mediaSession, position, options = invalid): The seek finished.
            logSeekEnd: sub(mediaSession = invalid as dynamic, position = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logSeekEnd", a: [mediaSession, position, options] }
            end sub
            ' media.logBufferStart(mediaSession, duration, bufferPercent, position, options = invalid): Playback stalled to buffer.
            logBufferStart: sub(mediaSession = invalid as dynamic, duration = invalid as dynamic, bufferPercent = invalid as dynamic, position = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logBufferStart", a: [mediaSession, duration, bufferPercent, position, options] }
            end sub
            ' media.logBufferEnd(mediaSession, duration, bufferPercent, position, options = invalid): Buffering finished.
            logBufferEnd: sub(mediaSession = invalid as dynamic, duration = invalid as dynamic, bufferPercent = invalid as dynamic, position = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logBufferEnd", a: [mediaSession, duration, bufferPercent, position, options] }
            end sub
            ' media.logPlayheadPosition(mediaSession, options = invalid): Reports `mediaSession.currentPlayheadPosition`; call it periodically while playing.
            logPlayheadPosition: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                m.mParticleTask.mParticleApiCall = { m: "media.logPlayheadPosition", a: [mediaSession, options] }
            end sub
            ' media.logAdClick(mediaSession, options = invalid): The viewer clicked the current ad (`mediaSession.adContent`).
            logAdClick: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logAdClick", a: [mediaSession, options] }
            end sub
            ' media.logAdBreakStart(mediaSession, options = invalid): An ad break (`mediaSession.adBreak`) started.
            logAdBreakStart: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray"
                    clock = m.mParticleClock
                    clock.Mark()
                    now = clock.AsSeconds() * 1000& + clock.GetMilliseconds()
                    ' mParticle_sessionKeepAdBreakStart (src-ts/logic/bridge-session.ts), written out
                    if (type(mediaSession.excludeAdBreaksFromContentTime) = "roBoolean" or type(mediaSession.excludeAdBreaksFromContentTime) = "Boolean") and mediaSession.excludeAdBreaksFromContentTime and (type(mediaSession.playbackState) = "roString" or type(mediaSession.playbackState) = "String") and mediaSession.playbackState = "playing"
                        since = mediaSession.currentPlaybackStartTimestamp
                        if (type(since) = "roInteger" or (type(since) = "roLongInteger" or (type(since) = "LongInteger" or (type(since) = "roFloat" or (type(since) = "roDouble" or (type(since) = "Integer" or (type(since) = "Float" or (type(since) = "Double" or type(since) = "roInt")))))))) and since > 0&
                            before = mediaSession.storedPlaybackTime
                            if type(before) = "roInteger" or (type(before) = "roLongInteger" or (type(before) = "LongInteger" or (type(before) = "roFloat" or (type(before) = "roDouble" or (type(before) = "Integer" or (type(before) = "Float" or (type(before) = "Double" or type(before) = "roInt")))))))
                                mediaSession.storedPlaybackTime = before + now - since
                            else
                                mediaSession.storedPlaybackTime = now - since
                            end if
                        end if
                        mediaSession.currentPlaybackStartTimestamp = 0
                        mediaSession.playbackState = "pausedByAdBreak"
                    end if
                    end_ = mediaSession.mediaSessionEndTime
                    t = type(end_)
                    if (t = "roInteger" or t = "roLongInteger" or t = "LongInteger" or t = "roFloat" or t = "roDouble" or t = "Integer" or t = "Float" or t = "Double" or t = "roInt") and end_ <> 0 then mediaSession.mediaSessionEndTime = now
                end if
                m.mParticleTask.mParticleApiCall = { m: "media.logAdBreakStart", a: [mediaSession, options] }
            end sub
            ' media.logAdBreakEnd(mediaSession, options = invalid): The ad break ended; set `mediaSession.adBreak = invalid` afterwards.
            logAdBreakEnd: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray"
                    clock = m.mParticleClock
                    clock.Mark()
                    now = clock.AsSeconds() * 1000& + clock.GetMilliseconds()
                    ' mParticle_sessionKeepAdBreakEnd (src-ts/logic/bridge-session.ts), written out
                    if (type(mediaSession.excludeAdBreaksFromContentTime) = "roBoolean" or type(mediaSession.excludeAdBreaksFromContentTime) = "Boolean") and mediaSession.excludeAdBreaksFromContentTime and (type(mediaSession.playbackState) = "roString" or type(mediaSession.playbackState) = "String") and mediaSession.playbackState = "pausedByAdBreak"
                        mediaSession.currentPlaybackStartTimestamp = now
                        mediaSession.playbackState = "playing"
                    end if
                    end_ = mediaSession.mediaSessionEndTime
                    t = type(end_)
                    if (t = "roInteger" or t = "roLongInteger" or t = "LongInteger" or t = "roFloat" or t = "roDouble" or t = "Integer" or t = "Float" or t = "Double" or t = "roInt") and end_ <> 0 then mediaSession.mediaSessionEndTime = now
                end if
                m.mParticleTask.mParticleApiCall = { m: "media.logAdBreakEnd", a: [mediaSession, options] }
            end sub
            ' media.logAdStart(mediaSession, options = invalid): An ad (`mediaSession.adContent`) started; counted in the session ad total.
            logAdStart: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logAdStart", a: [mediaSession, options] }
            end sub
            ' media.logAdEnd(mediaSession, options = invalid): The ad played to its end.
            logAdEnd: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logAdEnd", a: [mediaSession, options] }
            end sub
            ' media.logAdSkip(mediaSession, options = invalid): The viewer skipped the ad.
            logAdSkip: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logAdSkip", a: [mediaSession, options] }
            end sub
            ' media.logSegmentStart(mediaSession, options = invalid): A segment or chapter (`mediaSession.segment`) started.
            logSegmentStart: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logSegmentStart", a: [mediaSession, options] }
            end sub
            ' media.logSegmentEnd(mediaSession, options = invalid): The segment played to its end.
            logSegmentEnd: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logSegmentEnd", a: [mediaSession, options] }
            end sub
            ' media.logSegmentSkip(mediaSession, options = invalid): The viewer skipped the rest of the segment.
            logSegmentSkip: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logSegmentSkip", a: [mediaSession, options] }
            end sub
            ' media.logQoS(mediaSession, startupTime, droppedFrames, bitRate, fps, options = invalid): Quality of service update; the latest values are added to later events. The spec table calls it `logUpdateQoS()`; mParticle's Roku SDK names the method `logQoS`.
            logQoS: sub(mediaSession = invalid as dynamic, startupTime = invalid as dynamic, droppedFrames = invalid as dynamic, bitRate = invalid as dynamic, fps = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logQoS", a: [mediaSession, startupTime, droppedFrames, bitRate, fps, options] }
            end sub
            ' media.logQoS(mediaSession, startupTime, droppedFrames, bitRate, fps, options = invalid): Quality of service update; the latest values are added to later events. The spec table calls it `logUpdateQoS()`; mParticle's Roku SDK names the method `logQoS`.
            logUpdateQoS: sub(mediaSession = invalid as dynamic, startupTime = invalid as dynamic, droppedFrames = invalid as dynamic, bitRate = invalid as dynamic, fps = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logQoS", a: [mediaSession, startupTime, droppedFrames, bitRate, fps, options] }
            end sub
            ' media.logAdSummary(mediaSession, options = invalid): Summary of the current ad, or of the ad that just ended; sent at most once per ad.
            logAdSummary: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logAdSummary", a: [mediaSession, options] }
            end sub
            ' media.logSegmentSummary(mediaSession, options = invalid): Summary of the current segment, or of the one that just ended; sent at most once per segment.
            logSegmentSummary: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logSegmentSummary", a: [mediaSession, options] }
            end sub
            ' media.logMediaSessionSummary(mediaSession, options = invalid): Summary of the whole media session; sent at most once per session.
            logMediaSessionSummary: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(mediaSession) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(mediaSession, m.mParticleClock)
                m.mParticleTask.mParticleApiCall = { m: "media.logMediaSessionSummary", a: [mediaSession, options] }
            end sub
            ' media.trackVideo(video, mediaSession, options = {}): Hands the node to the Task, which observes its fields on its own port and logs the media events by itself (see README "Automatic tracking"). Logs Media Session Start unless this session already started. The render thread only pays for this call.
            trackVideo: sub(video = invalid as dynamic, mediaSession = invalid as dynamic, options = invalid as dynamic)
                if type(video) = "roSGNode" then m.mParticleTask.mParticleTrackedNode = video
                m.mParticleTask.mParticleApiCall = { m: "media.trackVideo", a: [video, mediaSession, options] }
            end sub
            ' media.stopTracking(mediaSession, options = {}): Stops observing the node of this session and logs Media Session End (and the summaries when `autoSummaries` is on).
            stopTracking: sub(mediaSession = invalid as dynamic, options = invalid as dynamic)
                m.mParticleTask.mParticleApiCall = { m: "media.stopTracking", a: [mediaSession, options] }
            end sub
            ' media.trackAdEvent(mediaSession, eventType, adEvent = {}): One event of Roku's ad framework (RAF) for this session. `mParticleRafCallback` calls it; a channel does not need to.
            trackAdEvent: sub(mediaSession = invalid as dynamic, eventType = invalid as dynamic, adEvent = invalid as dynamic)
                m.mParticleTask.mParticleApiCall = { m: "media.trackAdEvent", a: [mediaSession, eventType, adEvent] }
            end sub
            ' media.trackStitchedAdEvent(mediaSession, source, eventType, adEvent = {}): One event of a stitched (server-side) ad SDK for this session. `mParticleTrackSsai` and `mParticleTrackImaDai` call it from the channel's ad Task; a channel does not need to.
            trackStitchedAdEvent: sub(mediaSession = invalid as dynamic, source = invalid as dynamic, eventType = invalid as dynamic, adEvent = invalid as dynamic)
                m.mParticleTask.mParticleApiCall = { m: "media.trackStitchedAdEvent", a: [mediaSession, source, eventType, adEvent] }
            end sub
            ' media.getCurrentMediaTimeSpent(mediaSession): on the render thread, from the session object
            ' alone (no round trip to the Task), as 2.x computes it. LongInteger, unless the channel set
            ' a Float or Double start time (then a Double: converting it could overflow an Integer).
            getCurrentMediaTimeSpent: function(mediaSession = invalid as dynamic) as dynamic
                if type(mediaSession) <> "roAssociativeArray" or mParticle_typeof(mediaSession.mediaSessionStartTime) <> "number" then return 0&
                return mParticle_clockMillis() - mediaSession.mediaSessionStartTime
            end function
            ' media.getCurrentMediaTimeSpent(mediaSession): on the render thread, from the session object
            ' alone (no round trip to the Task), as 2.x computes it. LongInteger, unless the channel set
            ' a Float or Double start time (then a Double: converting it could overflow an Integer).
            getMediaTimeSpent: function(mediaSession = invalid as dynamic) as dynamic
                if type(mediaSession) <> "roAssociativeArray" or mParticle_typeof(mediaSession.mediaSessionStartTime) <> "number" then return 0&
                return mParticle_clockMillis() - mediaSession.mediaSessionStartTime
            end function
            ' Unix time in ms on the calling thread (the builders and the bridge run on the render
            ' thread, where media calls read it): one roDateTime per thread, set to now on each call,
            ' because creating one per call costs a bridge call more.
            unixTimeMillis: function() as longinteger
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
            ' invokeFunction(name, args) of 2.x's bridge and of each of its namespaces (a method: m is the
            ' bridge or the namespace).
            invokeFunction: sub(name = invalid as dynamic, args = invalid as dynamic)
                mParticle_bridgeInvoke(m.mParticleTask, name, args)
            end sub
        }
    }
end function

' Every 2.x media call's bookkeeping of the session object, with the caller's roDateTime.
sub mParticle_bridgeKeepEndTime(mediaSession as object, clock as object)
    end_ = mediaSession.mediaSessionEndTime
    t = type(end_)
    if (t = "roInteger" or t = "roLongInteger" or t = "LongInteger" or t = "roFloat" or t = "roDouble" or t = "Integer" or t = "Float" or t = "Double" or t = "roInt") and end_ <> 0
        clock.Mark()
        now = clock.AsSeconds() * 1000& + clock.GetMilliseconds()
        mediaSession.mediaSessionEndTime = now
    end if
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

' Roku's ad framework (RAF) glue. RAF has one tracking-callback slot, so the SDK's callback
' forwards a small copy of each event to the Task and then calls the channel's own callback
' with the same arguments. In the thread that runs RAF (a Task, as Roku recommends):
'   m.mparticle = mParticleSGBridge(mParticleTaskNode)
'   adIface.setTrackingCallback(mParticleRafCallback, mParticleRafContext(m.mparticle, mediaSession, myCallback, myObj))

' The object to give RAF with mParticleRafCallback: the bridge and session to report to, and
' the channel's own callback and its object (both optional).
function mParticleRafContext(bridge = invalid as dynamic, mediaSession = invalid as dynamic, channelCallback = invalid as dynamic, channelObj = invalid as dynamic) as object
    if type(bridge) <> "roAssociativeArray" or type(bridge.media) <> "roAssociativeArray"
        mParticle_logError("mParticleRafContext: expected the bridge of mParticleSGBridge(task), got " + mParticle_nodeName(bridge) + "; RAF events will not be reported")
        bridge = invalid
    end if
    if type(mediaSession) <> "roAssociativeArray"
        mParticle_logError("mParticleRafContext: expected a MediaSession.build result, got " + type(mediaSession) + "; RAF events will not be reported")
        mediaSession = invalid
    end if
    return { mParticle_bridge: bridge, mParticle_session: mediaSession, mParticle_callback: channelCallback, mParticle_obj: channelObj }
end function

' RAF's tracking callback: sub(obj, eventType, ctx). Progress updates (no event type) are not
' forwarded: the tracker has no use for them, and each forward is a field set on the Task.
sub mParticleRafCallback(obj = invalid as dynamic, eventType = invalid as dynamic, ctx = invalid as dynamic)
    if type(obj) <> "roAssociativeArray" then return
    bridge = obj.mParticle_bridge
    if bridge <> invalid and obj.mParticle_session <> invalid and mParticle_typeof(eventType) = "string"
        if Len(eventType) > 0 then bridge.media.trackAdEvent(obj.mParticle_session, eventType, mParticle_rafCopy(ctx))
    end if
    callback = obj.mParticle_callback
    kind = type(callback)
    if kind = "roFunction" or kind = "Function" then callback(obj.mParticle_obj, eventType, ctx)
end sub

' The part of RAF's event context the tracker reads. RAF's own objects cannot go through a
' node field (circular references, functions), and a small copy is cheaper to hand over.
function mParticle_rafCopy(ctx as dynamic) as object
    out = {}
    if type(ctx) <> "roAssociativeArray" then return out
    for each key in ["rendersequence", "duration", "adIndex", "errCode", "errMsg", "errType"]
        mParticle_rafCopyScalar(out, key, ctx[key])
    end for
    ad = ctx.ad
    if type(ad) = "roAssociativeArray"
        out.ad = {}
        for each key in ["adid", "adtitle", "advertiser", "creativeid", "duration"]
            mParticle_rafCopyScalar(out.ad, key, ad[key])
        end for
    end if
    return out
end function

sub mParticle_rafCopyScalar(out as object, key as string, value as dynamic)
    t = mParticle_typeof(value)
    if t = "string" or t = "number" or t = "boolean" then out[key] = value
end sub

' ---------------------------------------------------------------- stitched (server-side) ads
' RAF's SSAI adapters (RAFX_SSAI) and Google's IMA DAI SDK run in a Task of the channel, and call
' their listeners as global functions of that Task (the adapter through
' GetGlobalAA().callFunctionInGlobalNamespace, IMA inside streamManager.onMessage) with no object
' of ours. So the listeners never use m: they find the bridge and the session in the thread's
' global AA (mParticle_stitched), which the entry point sets. They only observe: every beacon
' stays with the adapter, RAF and IMA.

' RAFX_SSAI: registers the SDK's listener for the ad events it maps. The adapter keeps one
' listener per event, so the channel's own (registered before this call) is chained: called after
' the SDK's with the same argument.
function mParticleTrackSsai(adapter = invalid as dynamic, bridge = invalid as dynamic, mediaSession = invalid as dynamic) as boolean
    if type(adapter) <> "roAssociativeArray" or type(adapter.AdEvent) <> "roAssociativeArray"
        mParticle_logError("mParticleTrackSsai: expected a RAFX_SSAI adapter, got " + type(adapter) + "; stitched ads will not be reported")
        return false
    end if
    ctx = mParticle_stitchedContext("mParticleTrackSsai", bridge, mediaSession)
    if ctx = invalid then return false
    own = invalid
    callbacks = adapter.eventCallbacks
    if type(callbacks) = "roAssociativeArray" and type(callbacks.callbacks) = "roAssociativeArray" then own = callbacks.callbacks
    listeners = {
        ' The RAFX listener: forwards a copy of the event, then calls the channel's listener for it.
        ' `busy` stops a listener that reaches itself (mParticleTrackSsai called twice on one adapter).
        rafx: sub(adInfo = invalid as dynamic)
            ctx = GetGlobalAA().mParticle_stitched
            if type(ctx) <> "roAssociativeArray" or ctx.busy = true then return
            if type(adInfo) <> "roAssociativeArray" then return
            event = adInfo.event
            if mParticle_typeof(event) <> "string" then return
            ctx.busy = true
            ctx.bridge.media.trackStitchedAdEvent(ctx.session, "rafx", event, mParticle_rafxCopy(adInfo))
            chained = ctx.rafxChained[event]
            if chained <> invalid then chained(adInfo)
            ctx.busy = false
        end sub
    }
    for each key in ["PODS", "POD_START", "START", "IMPRESSION", "COMPLETE", "POD_END"]
        event = adapter.AdEvent[key]
        if mParticle_typeof(event) = "string"
            if own <> invalid
                chained = own[event]
                kind = type(chained)
                if kind = "roFunction" or kind = "Function" then ctx.rafxChained[event] = chained
            end if
            adapter.addEventListener(event, listeners.rafx)
        end if
    end for
    GetGlobalAA().mParticle_stitched = ctx
    return true
end function

' IMA DAI: adds the SDK's listeners to the stream manager (IMA keeps a list per event: the
' channel's own stay). Breaks come from the channel's ima.Player callbacks, through
' mParticleImaAdBreakStarted / mParticleImaAdBreakEnded.
function mParticleTrackImaDai(sdk = invalid as dynamic, streamManager = invalid as dynamic, bridge = invalid as dynamic, mediaSession = invalid as dynamic) as boolean
    if type(sdk) <> "roAssociativeArray" or type(sdk.AdEvent) <> "roAssociativeArray" or type(streamManager) <> "roAssociativeArray"
        mParticle_logError("mParticleTrackImaDai: expected IMA's sdk and stream manager, got " + type(sdk) + " and " + type(streamManager) + "; stitched ads will not be reported")
        return false
    end if
    ctx = mParticle_stitchedContext("mParticleTrackImaDai", bridge, mediaSession)
    if ctx = invalid then return false
    ctx.ima = streamManager
    listeners = {
        start: sub(ad = invalid as dynamic)
            mParticle_imaForward("start", ad, false)
        end sub
        complete: sub(ad = invalid as dynamic)
            mParticle_imaForward("complete", ad, false)
        end sub
        skipped: sub(ad = invalid as dynamic)
            mParticle_imaForward("skipped", ad, false)
        end sub
    }
    for each key in ["START", "COMPLETE", "SKIPPED"]
        event = sdk.AdEvent[key]
        if mParticle_typeof(event) = "string" then streamManager.addEventListener(event, listeners[LCase(key)])
    end for
    GetGlobalAA().mParticle_stitched = ctx
    return true
end function

' One line in the channel's ima.Player adBreakStarted(adBreakInfo).
sub mParticleImaAdBreakStarted(adBreakInfo = invalid as dynamic)
    mParticle_imaForward("adBreakStarted", adBreakInfo, true)
end sub

' One line in the channel's ima.Player adBreakEnded(adBreakInfo).
sub mParticleImaAdBreakEnded(adBreakInfo = invalid as dynamic)
    mParticle_imaForward("adBreakEnded", adBreakInfo, true)
end sub

' The bridge and session the listeners report to, or invalid after logging why not.
function mParticle_stitchedContext(where as string, bridge as dynamic, mediaSession as dynamic) as dynamic
    if type(bridge) <> "roAssociativeArray" or type(bridge.media) <> "roAssociativeArray"
        mParticle_logError(where + ": expected the bridge of mParticleSGBridge(task) made in this Task, got " + mParticle_nodeName(bridge) + "; stitched ads will not be reported")
        return invalid
    end if
    if type(mediaSession) <> "roAssociativeArray"
        mParticle_logError(where + ": expected a MediaSession.build result, got " + type(mediaSession) + "; stitched ads will not be reported")
        return invalid
    end if
    return { bridge: bridge, session: mediaSession, rafxChained: {}, ima: invalid, busy: false }
end function

' What the tracker reads of an adapter event: its position and its pod(s) without the beacons.
function mParticle_rafxCopy(adInfo as object) as object
    out = {}
    mParticle_rafCopyScalar(out, "position", adInfo.position)
    if type(adInfo.adPod) = "roAssociativeArray" then out["adPod"] = mParticle_rafxPodCopy(adInfo.adPod)
    if type(adInfo.adPods) = "roArray"
        pods = []
        for each pod in adInfo.adPods
            if type(pod) = "roAssociativeArray" then pods.Push(mParticle_rafxPodCopy(pod))
        end for
        out["adPods"] = pods
    end if
    return out
end function

function mParticle_rafxPodCopy(pod as object) as object
    out = {}
    for each key in ["renderTime", "duration", "renderSequence"]
        mParticle_rafCopyScalar(out, key, pod[key])
    end for
    ads = []
    if type(pod.ads) = "roArray"
        for each ad in pod.ads
            if type(ad) = "roAssociativeArray"
                copy = {}
                for each key in ["adid", "adtitle", "title", "advertiser", "creativeid", "duration"]
                    mParticle_rafCopyScalar(copy, key, ad[key])
                end for
                ads.Push(copy)
            end if
        end for
    end if
    out["ads"] = ads
    return out
end function

' Forwards a copy of an IMA ad (or, for a break, its info and the stream's cue points).
sub mParticle_imaForward(eventType as string, value as dynamic, isBreak as boolean)
    ctx = GetGlobalAA().mParticle_stitched
    if type(ctx) <> "roAssociativeArray" then return
    out = {}
    if type(value) = "roAssociativeArray"
        if isBreak
            for each key in ["duration", "timeOffset", "podIndex", "totalAds", "adPosition"]
                mParticle_rafCopyScalar(out, key, value[key])
            end for
        else
            for each key in ["adId", "adTitle", "advertiserName", "creativeId", "duration"]
                mParticle_rafCopyScalar(out, key, value[key])
            end for
            if type(value.adBreakInfo) = "roAssociativeArray" then mParticle_rafCopyScalar(out, "adPosition", value.adBreakInfo.adPosition)
        end if
    end if
    ' Cue points are stream seconds (IMA: VOD only). "end" is a keyword: read by index.
    if isBreak and type(ctx.ima) = "roAssociativeArray"
        kind = type(ctx.ima.getCuePoints)
        cues = invalid
        if kind = "roFunction" or kind = "Function" then cues = ctx.ima.getCuePoints()
        if type(cues) = "roArray"
            list = []
            for each cue in cues
                if type(cue) = "roAssociativeArray" then list.Push({ startSec: cue["start"], endSec: cue["end"] })
            end for
            out["cuePoints"] = list
        end if
    end if
    ctx.bridge.media.trackStitchedAdEvent(ctx.session, "ima", eventType, out)
end sub

' Runtime helpers that transpiled logic (src-ts/transpiler) calls. They give BrightScript the
' JavaScript semantics the logic was written and tested against under Node, and none of them
' may raise a runtime error on any input: a crash on a viewer's TV stops the channel.

' Whether x is an Integer or LongInteger (boxed or not).
function mParticle_isIntegral(x as dynamic) as boolean
    t = type(x)
    return t = "roInteger" or t = "roLongInteger" or t = "LongInteger" or t = "Integer" or t = "roInt"
end function

' Whether x is a Float or Double (boxed or not).
function mParticle_isDecimal(x as dynamic) as boolean
    t = type(x)
    return t = "roFloat" or t = "roDouble" or t = "Float" or t = "Double"
end function

' JavaScript's typeof: "string", "number", "boolean", "undefined" (invalid), "function" or "object";
' "unknown" for the components that cannot be read like a JavaScript object (roDateTime, a port:
' reading a field of one raises, so the logic must not take them for objects).
function mParticle_typeof(x as dynamic) as string
    t = type(x)
    if t = "roString" or t = "String" then return "string"
    if t = "roInteger" or t = "roLongInteger" or t = "LongInteger" or t = "roFloat" or t = "roDouble" or t = "Integer" or t = "Float" or t = "Double" or t = "roInt" then return "number"
    if t = "roBoolean" or t = "Boolean" then return "boolean"
    if t = "Invalid" or t = "roInvalid" or t = "<uninitialized>" then return "undefined"
    if t = "roFunction" or t = "Function" then return "function"
    if t = "roAssociativeArray" or t = "roArray" or t = "roSGNode" then return "object"
    return "unknown"
end function

' Whether a Float/Double is NaN or infinite (arithmetic on it is not meaningful).
function mParticle_isNonFinite(x as dynamic) as boolean
    if x <> x then return true
    return x - x <> 0
end function

' 2^53 and 2^31 as Doubles, built from short literals: brighterscript 0.67 (which Rooibos
' pins, and many channels build with) misreads Double literals of ten or more digits.
function mParticle_two53() as double
    return 67108864# * 134217728#
end function

function mParticle_two31() as double
    return 65536# * 32768#
end function

' Math.floor. Integers come back unchanged; a decimal comes back as a LongInteger built from
' two Integer-sized halves, because Int() is 32-bit and would lose unix-ms timestamps.
' Not a number: invalid.
function mParticle_floor(x as dynamic) as dynamic
    if mParticle_isIntegral(x) then return x
    if not mParticle_isDecimal(x) then return invalid
    if mParticle_isNonFinite(x) then return x
    if x >= mParticle_two53() or x <= -mParticle_two53() then return x
    hi = Int(x / mParticle_two31())
    lo = x - hi * mParticle_two31()
    return hi * 2147483648& + Int(lo)
end function

' JavaScript's String(x): integers without decimals or exponent (also integral Doubles such as
' 1593007533602#), Double decimals as JavaScript prints them (shortest round trip, via
' FormatJson), Float decimals with Str's 6 significant digits, "true"/"false", invalid as
' "undefined", arrays and associative arrays as JSON.
function mParticle_str(x as dynamic) as string
    t = type(x)
    if t = "roString" or t = "String" then return x
    if t = "roInteger" or t = "roLongInteger" or t = "LongInteger" or t = "Integer" or t = "roInt" then return x.ToStr()
    if t = "roBoolean" or t = "Boolean"
        if x then return "true"
        return "false"
    end if
    if t = "roFloat" or t = "roDouble" or t = "Float" or t = "Double"
        ' Integral decimals within Int()'s 32 bits (a Video node's position in ms, say) are
        ' told here: mParticle_decimalToStr's range tests and floor cost a dozen calls. The
        ' bounds are products: older parsers misread Double literals of ten digits.
        if x >= -65536# * 32768# and x < 65536# * 32768#
            i = Int(x)
            if i = x then return i.ToStr()
        end if
        return mParticle_decimalToStr(x)
    end if
    if t = "Invalid" or t = "roInvalid" or t = "<uninitialized>" then return "undefined"
    if t = "roArray" or t = "roAssociativeArray" then return FormatJson(x)
    if t = "roFunction" or t = "Function" then return "function"
    return "[object " + t + "]"
end function

' The decimal part of mParticle_str.
function mParticle_decimalToStr(x as dynamic) as string
    if x <> x then return "NaN"
    if x - x <> 0
        if x > 0 then return "Infinity"
        return "-Infinity"
    end if
    if x < mParticle_two53() and x > -mParticle_two53()
        f = mParticle_floor(x)
        if f = x then return f.ToStr()
    end if
    t = type(x)
    if t = "roDouble" or t = "Double"
        json = FormatJson(x)
        if json <> "" then return json
    end if
    return Str(x).Trim()
end function
