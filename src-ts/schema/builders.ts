/**
 * The builders of `mParticleConstants()` (MediaSession, AdBreak, AdContent, Segment, the
 * commerce and consent builders): every method with mParticle's Roku SDK 2.x signature, every
 * field of what `build` returns with its 2.x default, and, for the media objects, what the SDK
 * does with a value the channel writes into a field. The generator emits the builder tables,
 * every `build` without an `impl`, and every setter without an `impl` from this file.
 */

/** What a builder argument must be. */
export type BuilderArgKind =
  /** a string; a number is formatted (ids are often numbers in channel code) */
  | 'string'
  | 'number'
  | 'boolean'
  /** an associative array of custom attributes */
  | 'attributes'
  /** an associative array built with another builder */
  | 'object'
  | 'array';

export interface BuilderParam {
  readonly name: string;
  readonly kind: BuilderArgKind;
  /** Value used when the argument is omitted (as in 2.x's signature), if it is optional. */
  readonly default?: string | number | boolean | 'emptyObject' | 'emptyArray';
  readonly doc: string;
}

/**
 * What the SDK does with a field of a media object a channel sets by hand:
 * - `sent`: the Task reads the channel's value on each call and sends it.
 * - `computed`: the Task computes the value from the calls and their times; what the channel
 *   writes is accepted, never read and never a crash (2.x sent it verbatim, which is how
 *   hand-kept times came to contradict the events).
 * - `local`: only read on the render thread (`media.getCurrentMediaTimeSpent`).
 * - `kept`: kept by the bridge on the render thread as 2.x's bridge kept it (MediaApi.keeps),
 *   for channels that read it back; the Task computes its own value and never reads it.
 * - `data`: commerce/consent payload, sent as the channel built it.
 */
export type FieldUse = 'sent' | 'computed' | 'local' | 'kept' | 'data';

/** How `build` fills a field: from a parameter, a literal, or a value made at build time. */
export type FieldInit =
  | { readonly param: string }
  | { readonly value: string | number | boolean; readonly double?: true }
  | { readonly make: 'uuid' | 'now' | 'emptyArray' | 'emptyObject' };

export interface BuilderField {
  readonly name: string;
  /** Set by `build` (with this initial value); absent: only a setter or the channel sets it. */
  readonly init?: FieldInit;
  readonly use: FieldUse;
  readonly doc: string;
}

export interface BuilderMethod {
  readonly name: string;
  /** Parameters after the target object (setters) or all of them (`build` and the rest). */
  readonly params: readonly BuilderParam[];
  /** Setters: the field the value goes to. A generated setter logs and drops a wrong value. */
  readonly sets?: string;
  /** A function written in brs-templates/source/mParticleBuilders.brs; absent: generated. */
  readonly impl?: string;
  readonly doc: string;
}

export interface BuilderSpec {
  readonly name: string;
  readonly doc: string;
  /** Constant tables on the builder (`ProductAction.ACTION_TYPE`). */
  readonly constants?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The first method is `build`. */
  readonly methods: readonly BuilderMethod[];
  readonly fields: readonly BuilderField[];
}

const arg = (name: string, kind: BuilderArgKind, doc: string, dflt?: BuilderParam['default']): BuilderParam =>
  dflt === undefined ? { name, kind, doc } : { name, kind, default: dflt, doc };
/** A setter `set<Value>(target, <value>)` that puts its value into `field`. */
const setter = (name: string, field: string, kind: BuilderArgKind, doc: string, impl?: string): BuilderMethod => ({
  name,
  params: [arg(name[3].toLowerCase() + name.slice(4), kind, doc)],
  sets: field,
  ...(impl === undefined ? {} : { impl }),
  doc,
});
const field = (name: string, use: FieldUse, doc: string, init?: FieldInit): BuilderField => (init === undefined ? { name, use, doc } : { name, init, use, doc });
const fromParam = (param: string): FieldInit => ({ param });
const lit = (value: string | number | boolean): FieldInit => ({ value });

const consentBuilder = (name: string): BuilderSpec => ({
  name,
  doc: `A ${name.replace('ConsentState', '')} consent for \`ConsentState\`.`,
  methods: [
    { name: 'build', params: [arg('consented', 'boolean', 'Whether the viewer consented.'), arg('timestamp', 'number', 'When (unix ms).')], impl: 'mParticle_consentBuild', doc: 'A consent `{c, ts}`.' },
    setter('setDocument', 'd', 'string', 'Consent document.', 'mParticle_consentSetDocument'),
    setter('setConsented', 'c', 'boolean', 'Whether the viewer consented.', 'mParticle_consentSetConsented'),
    setter('setLocation', 'l', 'string', 'Where consent was given.', 'mParticle_consentSetLocation'),
    setter('setTimestamp', 'ts', 'number', 'When (unix ms).', 'mParticle_consentSetTimestamp'),
    setter('setHardwareId', 'h', 'string', 'Hardware id.', 'mParticle_consentSetHardwareId'),
  ],
  fields: [field('c', 'data', 'Consented.', fromParam('consented')), field('ts', 'data', 'Timestamp.', fromParam('timestamp'))],
});

/** Every builder of `mParticleConstants()`, in 2.x's order of the media ones first. */
export const BUILDERS: readonly BuilderSpec[] = [
  {
    name: 'MediaSession',
    doc: 'The media session object a channel passes to every `media.*` call and keeps up to date.',
    methods: [
      {
        name: 'build',
        params: [
          arg('contentId', 'string', 'Content id.'),
          arg('title', 'string', 'Content title.'),
          arg('contentType', 'string', 'A `MEDIA_CONTENT_TYPE` value.'),
          arg('streamType', 'string', 'A `MEDIA_STREAM_TYPE` value.'),
          arg('duration', 'number', 'Content duration (ms).', 0),
          arg('mediaSessionAttributes', 'attributes', 'Custom attributes sent with every event of the session.', 'emptyObject'),
          arg('excludeAdBreaksFromContentTime', 'boolean', 'Whether ad breaks stop the content time.', false),
        ],
        doc: 'A new media session with a fresh `mediaSessionId`.',
      },
      setter('setDuration', 'duration', 'number', 'Content duration (ms).', 'mParticle_mediaSessionSetDuration'),
      setter('setMediaSessionAttributes', 'mediaSessionAttributes', 'attributes', 'Custom attributes sent with every event of the session.'),
      setter('setCurrentPlayheadPosition', 'currentPlayheadPosition', 'number', 'Playhead position (ms).', 'mParticle_mediaSessionSetPlayhead'),
      setter('setAdContent', 'adContent', 'object', 'The current ad (`AdContent.build`), or invalid.', 'mParticle_mediaSessionSetAdContent'),
      setter('setAdBreak', 'adBreak', 'object', 'The current ad break (`AdBreak.build`), or invalid.', 'mParticle_mediaSessionSetAdBreak'),
      setter('setSegment', 'segment', 'object', 'The current segment (`Segment.build`), or invalid.', 'mParticle_mediaSessionSetSegment'),
      setter('setMediaSessionStartTime', 'mediaSessionStartTime', 'number', 'Session start (unix ms).'),
      setter('setMediaSessionEndTime', 'mediaSessionEndTime', 'number', 'Session end (unix ms).'),
      setter('setMediaContentComplete', 'mediaContentComplete', 'boolean', 'Whether the content played to its end.'),
      setter('setMediaContentTimeSpent', 'mediaContentTimeSpent', 'number', 'Content time spent (ms).'),
      setter('setMediaSessionSegmentTotal', 'mediaSessionSegmentTotal', 'number', 'Segments started.'),
      setter('setMediaSessionAdTotal', 'mediaSessionAdTotal', 'number', 'Ads started.'),
      setter('setMediaTotalAdTimeSpent', 'mediaTotalAdTimeSpent', 'number', 'Time in ads (ms).'),
      setter('setMediaAdTimeSpentRate', 'mediaAdTimeSpentRate', 'number', 'Ad time as a percentage of media time.'),
      setter('setMediaSessionAdObjects', 'mediaSessionAdObjects', 'array', 'Ids of the ads played.'),
      { name: 'unixTimeMillis', params: [], impl: 'mParticle_clockMillis', doc: 'The calling thread\'s clock in unix milliseconds (as 2.x\'s, which `build` reads).' },
    ],
    fields: [
      field('contentId', 'sent', 'Sent as `content_id`.', fromParam('contentId')),
      field('title', 'sent', 'Sent as `content_title`.', fromParam('title')),
      field('duration', 'sent', 'Sent as `content_duration`.', fromParam('duration')),
      field('contentType', 'sent', 'Sent as `content_type`.', fromParam('contentType')),
      field('streamType', 'sent', 'Sent as `stream_type`.', fromParam('streamType')),
      field('mediaSessionAttributes', 'sent', 'Sent with every event of the session.', fromParam('mediaSessionAttributes')),
      field('mediaSessionId', 'sent', 'Sent as `media_session_id`; names the session in every call.', { make: 'uuid' }),
      field('currentPlayheadPosition', 'sent', 'Sent as `playhead_position`.', lit(0)),
      field('mediaContentComplete', 'kept', `True after \`media.logMediaContentEnd\`. \`media_content_complete\` is true once the Task had Media Content End.`, lit(false)),
      field('currentPlaybackStartTimestamp', 'kept', 'When content time began to run (unix ms), 0 while it does not: set by `logPlay` and `logAdBreakEnd`, stopped by `logPause`, `logMediaContentEnd` and `logAdBreakStart`. The Task counts content time itself.', lit(0)),
      field('storedPlaybackTime', 'kept', 'Content time (ms) of the runs that stopped. The Task counts content time itself.', lit(0)),
      field('mediaContentTimeSpent', 'computed', `\`media_content_time_spent\` counts from Play to Pause, Content End or Session End.`, lit(0)),
      field('mediaSessionStartTime', 'local', 'Set to now by `build`; `media.getCurrentMediaTimeSpent` counts from it. `media_session_start_time` is the Task\'s time of Media Session Start.', { make: 'now' }),
      field('mediaSessionEndTime', 'kept', `Set to now by \`build\` and by every media call but \`logPlayheadPosition\` (2.x: every one). \`media_session_end_time\` is the Task's time of Media Session End.`, { make: 'now' }),
      field('mediaSessionSegmentTotal', 'computed', `\`media_session_segment_total\` counts Segment Start calls.`, lit(0)),
      field('mediaSessionAdTotal', 'computed', `\`media_session_ad_total\` counts Ad Start calls.`, lit(0)),
      field('mediaTotalAdTimeSpent', 'computed', `\`media_total_ad_time_spent\` sums Ad Start to Ad End or Skip.`, lit(0)),
      field('mediaAdTimeSpentRate', 'computed', `\`media_ad_time_spent_rate\` is ad time over media time.`, { value: 0, double: true }),
      field('mediaSessionAdObjects', 'computed', `\`media_session_ad_objects\` lists the ad ids of Ad Start calls. Pushing ids here is harmless.`, { make: 'emptyArray' }),
      field('excludeAdBreaksFromContentTime', 'sent', 'Read on every call: whether ad breaks stop the content time.', fromParam('excludeAdBreaksFromContentTime')),
      field('playbackState', 'kept', `\`"playing"\` after \`logPlay\`, \`"pausedByUser"\` after \`logPause\`, \`"pausedByAdBreak"\` during an ad break with \`excludeAdBreaksFromContentTime\` that began while playing. The Task keeps its own.`, lit('pausedByUser')),
      field('adContent', 'sent', 'The current ad: its fields are sent as `ad_content_*`.'),
      field('adBreak', 'sent', 'The current ad break: its fields are sent as `ad_break_*`.'),
      field('segment', 'sent', 'The current segment: its fields are sent as `segment_*`.'),
    ],
  },
  {
    name: 'AdBreak',
    doc: 'An ad break: set it as `mediaSession.adBreak` before Ad Break Start.',
    methods: [
      { name: 'build', params: [arg('id', 'string', 'Ad break id.'), arg('title', 'string', 'Ad break title.')], doc: 'A new ad break.' },
      setter('setDuration', 'duration', 'number', 'Ad break duration (ms).', 'mParticle_setDurationField'),
    ],
    fields: [
      field('id', 'sent', 'Sent as `ad_break_id`.', fromParam('id')),
      field('title', 'sent', 'Sent as `ad_break_title`.', fromParam('title')),
      field('duration', 'sent', 'Sent as `ad_break_duration`.'),
    ],
  },
  {
    name: 'AdContent',
    doc: 'An ad: set it as `mediaSession.adContent` before Ad Start.',
    methods: [
      { name: 'build', params: [arg('id', 'string', 'Ad id.'), arg('title', 'string', 'Ad title.')], doc: 'A new ad.' },
      setter('setDuration', 'duration', 'number', 'Ad duration (ms).', 'mParticle_setDurationField'),
      setter('setAdvertiser', 'advertiser', 'string', 'Advertiser.', 'mParticle_adContentSetAdvertiser'),
      setter('setCampaign', 'campaign', 'string', 'Campaign.', 'mParticle_adContentSetCampaign'),
      setter('setCreative', 'creative', 'string', 'Creative.', 'mParticle_adContentSetCreative'),
      setter('setPlacement', 'placement', 'string', 'Placement.', 'mParticle_adContentSetPlacement'),
      setter('setPosition', 'position', 'number', 'Position in the ad break.', 'mParticle_adContentSetPosition'),
      setter('setIndex', 'position', 'number', 'Same as `setPosition` (both spellings are in mParticle\'s docs).', 'mParticle_adContentSetPosition'),
      setter('setSiteId', 'siteId', 'string', 'Site id.', 'mParticle_adContentSetSiteId'),
      setter('setAdStartTime', 'adStartTime', 'number', 'Ad start (unix ms).'),
      setter('setAdEndTime', 'adEndTime', 'number', 'Ad end (unix ms).'),
      setter('setAdCompleted', 'adCompleted', 'boolean', 'Whether the ad played to its end.'),
      setter('setAdSkipped', 'adSkipped', 'boolean', 'Whether the ad was skipped.'),
    ],
    fields: [
      field('id', 'sent', 'Sent as `ad_content_id`.', fromParam('id')),
      field('title', 'sent', 'Sent as `ad_content_title`.', fromParam('title')),
      field('adCompleted', 'computed', `\`ad_completed\` is true after Ad End.`, lit(false)),
      field('adSkipped', 'computed', `\`ad_skipped\` is true after Ad Skip.`, lit(false)),
      field('duration', 'sent', 'Sent as `ad_content_duration`.'),
      field('advertiser', 'sent', 'Sent as `ad_content_advertiser`.'),
      field('campaign', 'sent', 'Sent as `ad_content_campaign`.'),
      field('creative', 'sent', 'Sent as `ad_content_creative`.'),
      field('placement', 'sent', 'Sent as `ad_content_placement`.'),
      field('position', 'sent', 'Sent as `ad_content_position`.'),
      field('siteId', 'sent', 'Sent as `ad_content_site_id`.'),
      field('adStartTime', 'computed', `\`ad_content_start_time\` is the time of Ad Start.`),
      field('adEndTime', 'computed', `\`ad_content_end_time\` is the time of Ad End or Skip.`),
    ],
  },
  {
    name: 'Segment',
    doc: 'A segment or chapter: set it as `mediaSession.segment` before Segment Start.',
    methods: [
      {
        name: 'build',
        params: [arg('title', 'string', 'Segment title.'), arg('index', 'number', 'Segment index.'), arg('duration', 'number', 'Segment duration (ms).')],
        doc: 'A new segment.',
      },
      setter('setDuration', 'duration', 'number', 'Segment duration (ms).'),
      setter('setSegmentStartTime', 'segmentStartTime', 'number', 'Segment start (unix ms).'),
      setter('setSegmentEndTime', 'segmentEndTime', 'number', 'Segment end (unix ms).'),
      setter('setSegmentCompleted', 'segmentCompleted', 'boolean', 'Whether the segment played to its end.'),
      setter('setSegmentSkipped', 'segmentSkipped', 'boolean', 'Whether the segment was skipped.'),
    ],
    fields: [
      field('title', 'sent', 'Sent as `segment_title`.', fromParam('title')),
      field('index', 'sent', 'Sent as `segment_index`.', fromParam('index')),
      field('duration', 'sent', 'Sent as `segment_duration`.', fromParam('duration')),
      field('segmentCompleted', 'computed', `\`segment_completed\` is true after Segment End.`, lit(false)),
      field('segmentSkipped', 'computed', `\`segment_skipped\` is true after Segment Skip.`, lit(false)),
      field('segmentStartTime', 'computed', `\`segment_start_time\` is the time of Segment Start.`),
      field('segmentEndTime', 'computed', `\`segment_end_time\` is the time of Segment End or Skip.`),
    ],
  },
  {
    name: 'Product',
    doc: 'A product of a commerce event.',
    methods: [
      {
        name: 'build',
        params: [
          arg('sku', 'string', 'SKU.'),
          arg('name', 'string', 'Name.'),
          arg('price', 'number', 'Unit price.', 0),
          arg('quantity', 'number', 'Quantity.', 1),
          arg('customAttributes', 'attributes', 'Custom attributes.', 'emptyObject'),
        ],
        impl: 'mParticle_productBuild',
        doc: 'A product; its total is price x quantity.',
      },
      setter('setBrand', 'br', 'string', 'Brand.', 'mParticle_productSetBrand'),
      setter('setCategory', 'ca', 'string', 'Category.', 'mParticle_productSetCategory'),
      setter('setVariant', 'va', 'string', 'Variant.', 'mParticle_productSetVariant'),
      setter('setPosition', 'ps', 'number', 'Position in a list.', 'mParticle_productSetPosition'),
      setter('setCouponCode', 'cc', 'string', 'Coupon code.', 'mParticle_setCouponCodeField'),
    ],
    fields: [
      field('id', 'data', 'SKU.', fromParam('sku')),
      field('nm', 'data', 'Name.', fromParam('name')),
      field('pr', 'data', 'Price.', fromParam('price')),
      field('qt', 'data', 'Quantity.', fromParam('quantity')),
      field('tpa', 'data', 'Total: price x quantity.', lit(0)),
      field('attrs', 'data', 'Custom attributes.', fromParam('customAttributes')),
    ],
  },
  {
    name: 'ProductAction',
    doc: 'The product action of a commerce event.',
    constants: {
      ACTION_TYPE: {
        ADD_TO_CART: 'add_to_cart',
        REMOVE_FROM_CART: 'remove_from_cart',
        CHECKOUT: 'checkout',
        CLICK: 'click',
        VIEW: 'view',
        VIEW_DETAIL: 'view_detail',
        PURCHASE: 'purchase',
        REFUND: 'refund',
        ADD_TO_WISHLIST: 'add_to_wishlist',
        REMOVE_FROM_WISHLIST: 'remove_from_wishlist',
      },
    },
    methods: [
      {
        name: 'build',
        params: [arg('actionType', 'string', 'An `ACTION_TYPE` value.'), arg('totalAmount', 'number', 'Total amount.', 0), arg('productList', 'array', 'Products (`Product.build`).', 'emptyArray')],
        impl: 'mParticle_productActionBuild',
        doc: 'A product action.',
      },
      setter('setCheckoutStep', 'cs', 'number', 'Checkout step.', 'mParticle_productActionSetCheckoutStep'),
      setter('setCheckoutOptions', 'co', 'string', 'Checkout options.', 'mParticle_productActionSetCheckoutOptions'),
      setter('setProductActionList', 'pal', 'string', 'Product action list.', 'mParticle_productActionSetList'),
      setter('setProductListSource', 'pls', 'string', 'Product list source.', 'mParticle_productActionSetListSource'),
      setter('setTransactionId', 'ti', 'string', 'Transaction id.', 'mParticle_productActionSetTransactionId'),
      setter('setAffiliation', 'ta', 'string', 'Affiliation.', 'mParticle_productActionSetAffiliation'),
      setter('setTaxAmount', 'tt', 'number', 'Tax.', 'mParticle_productActionSetTax'),
      setter('setShippingAmount', 'ts', 'number', 'Shipping.', 'mParticle_productActionSetShipping'),
      setter('setCouponCode', 'cc', 'string', 'Coupon code.', 'mParticle_setCouponCodeField'),
    ],
    fields: [field('an', 'data', 'Action type.', fromParam('actionType')), field('tr', 'data', 'Total amount.', fromParam('totalAmount')), field('pl', 'data', 'Products.', fromParam('productList'))],
  },
  {
    name: 'Promotion',
    doc: 'A promotion of a promotion action.',
    methods: [
      {
        name: 'build',
        params: [arg('promotionId', 'string', 'Promotion id.'), arg('name', 'string', 'Name.'), arg('creative', 'string', 'Creative.'), arg('position', 'string', 'Position.')],
        impl: 'mParticle_promotionBuild',
        doc: 'A promotion.',
      },
    ],
    fields: [
      field('id', 'data', 'Promotion id.', fromParam('promotionId')),
      field('nm', 'data', 'Name.', fromParam('name')),
      field('cr', 'data', 'Creative.', fromParam('creative')),
      field('ps', 'data', 'Position.', fromParam('position')),
    ],
  },
  {
    name: 'PromotionAction',
    doc: 'The promotion action of a commerce event.',
    constants: { ACTION_TYPE: { VIEW: 'view', CLICK: 'click' } },
    methods: [
      {
        name: 'build',
        params: [arg('actionType', 'string', 'An `ACTION_TYPE` value.'), arg('promotionList', 'array', 'Promotions (`Promotion.build`).', 'emptyArray')],
        impl: 'mParticle_promotionActionBuild',
        doc: 'A promotion action.',
      },
    ],
    fields: [field('an', 'data', 'Action type.', fromParam('actionType')), field('pl', 'data', 'Promotions.', fromParam('promotionList'))],
  },
  {
    name: 'Impression',
    doc: 'Product impressions of a commerce event.',
    methods: [
      {
        name: 'build',
        params: [arg('impressionList', 'string', 'Impression list name.'), arg('productList', 'array', 'Products (`Product.build`).', 'emptyArray')],
        impl: 'mParticle_impressionBuild',
        doc: 'An impression.',
      },
    ],
    fields: [field('pil', 'data', 'Impression list name.', fromParam('impressionList')), field('pl', 'data', 'Products.', fromParam('productList'))],
  },
  {
    name: 'ConsentState',
    doc: 'The consent state given to `identity.setConsentState`.',
    methods: [
      { name: 'build', params: [], impl: 'mParticle_consentStateBuild', doc: 'An empty consent state `{gdpr: {}, ccpa: {}}`.' },
      {
        name: 'addGDPRConsentState',
        params: [arg('purpose', 'string', 'GDPR purpose (lower-cased).'), arg('gdprConsent', 'object', 'A `GDPRConsentState.build` result.')],
        impl: 'mParticle_consentStateAddGdpr',
        doc: 'Adds or replaces the consent of a purpose.',
      },
      { name: 'removeGDPRConsentState', params: [arg('purpose', 'string', 'GDPR purpose.')], impl: 'mParticle_consentStateRemoveGdpr', doc: 'Removes the consent of a purpose.' },
      { name: 'getGDPRConsentState', params: [], impl: 'mParticle_consentStateGetGdpr', doc: 'The GDPR consents by purpose.' },
      { name: 'setCCPAConsentState', params: [arg('ccpaConsent', 'object', 'A `CCPAConsentState.build` result.')], impl: 'mParticle_consentStateSetCcpa', doc: 'Sets the CCPA consent.' },
      { name: 'removeCCPAConsentState', params: [], impl: 'mParticle_consentStateRemoveCcpa', doc: 'Removes the CCPA consent.' },
      { name: 'getCCPAConsentState', params: [], impl: 'mParticle_consentStateGetCcpa', doc: 'The CCPA consent.' },
    ],
    fields: [field('gdpr', 'data', 'GDPR consents by purpose.', { make: 'emptyObject' }), field('ccpa', 'data', 'CCPA consent.', { make: 'emptyObject' })],
  },
  consentBuilder('GDPRConsentState'),
  consentBuilder('CCPAConsentState'),
];
