/**
 * Core constants of `mParticleConstants()` that a channel written for mParticle's Roku SDK
 * uses, with the same keys. Values are what goes on the wire or into the Task's fields.
 */

/** Version string of the generated SDK (sent as `sdk` and in the User-Agent). */
export const SDK_VERSION = '3.0.0';

/** A documented enum: UPPER_SNAKE key -> value, each with its doc string. */
export interface EnumSpec<V extends string | number = string | number> {
  readonly name: string;
  readonly doc: string;
  readonly members: readonly { readonly key: string; readonly value: V; readonly doc: string }[];
  /** Functions on the table (2.x has them), written in brs-templates/source/mParticleBuilders.brs. */
  readonly methods?: readonly EnumMethod[];
}

/** A function member of a constant table, called as `mParticleConstants().<TABLE>.<name>(...)`. */
export interface EnumMethod {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly doc: string }[];
  /** BrightScript type of the result. */
  readonly returns: string;
  readonly impl: string;
  readonly doc: string;
}

const m = <V extends string | number>(key: string, value: V, doc: string) => ({ key, value, doc });

/** Every enum of `mParticleConstants()` except MEDIA_EVENT_NAME, which derives from MEDIA_APIS. */
export const ENUMS: readonly EnumSpec[] = [
  {
    name: 'LOG_LEVEL',
    doc: 'How much the SDK prints to the debug console (option `logLevel`).',
    members: [
      m('NONE', 0, 'Print nothing.'),
      m('ERROR', 1, 'Rejected calls, failed uploads, credential problems.'),
      m('INFO', 2, 'Lifecycle: sessions, identity results, uploads.'),
      m('DEBUG', 3, 'Every call and every message.'),
    ],
  },
  {
    name: 'ENVIRONMENT',
    doc: 'Where data goes (option `environment`). AUTO_DETECT is development for sideloaded channels.',
    members: [
      m('AUTO_DETECT', 0, 'Development when sideloaded (the `dev` channel), production otherwise.'),
      m('FORCE_DEVELOPMENT', 1, 'Always development data.'),
      m('FORCE_PRODUCTION', 2, 'Always production data.'),
    ],
  },
  {
    name: 'SCENEGRAPH_NODES',
    doc: 'Field names of the mParticleTask node that a scene observes or sets.',
    members: [
      m('API_CALL_NODE', 'mParticleApiCall', 'Set by mParticleSGBridge: one API call.'),
      m('CURRENT_USER_NODE', 'mParticleCurrentUser', 'Published by the Task: the current user `{mpid, userIdentities, userAttributes, consentState}`.'),
      m('IDENTITY_RESULT_NODE', 'mParticleIdentityResult', 'Published by the Task: the result of each identity request.'),
      m('CURRENT_SESSION_NODE', 'mParticleCurrentSession', 'Published by the Task: the current session and queue counters.'),
    ],
  },
  {
    name: 'USER_ATTRIBUTES',
    doc: 'Reserved user attribute keys.',
    members: [
      m('FIRSTNAME', '$FirstName', 'First name.'),
      m('LASTNAME', '$LastName', 'Last name.'),
      m('ADDRESS', '$Address', 'Street address.'),
      m('STATE', '$State', 'State.'),
      m('CITY', '$City', 'City.'),
      m('ZIPCODE', '$Zip', 'Postal code.'),
      m('COUNTRY', '$Country', 'Country.'),
      m('AGE', '$Age', 'Age.'),
      m('GENDER', '$Gender', 'Gender.'),
      m('MOBILE_NUMBER', '$Mobile', 'Mobile number.'),
    ],
  },
  {
    name: 'MESSAGE_TYPE',
    doc: 'The `dt` of each message in a batch.',
    members: [
      m('SESSION_START', 'ss', 'Session start.'),
      m('SESSION_END', 'se', 'Session end.'),
      m('CUSTOM', 'e', 'Custom event (media events are custom events).'),
      m('SCREEN', 'v', 'Screen view.'),
      m('OPT_OUT', 'o', 'Opt out.'),
      m('ERROR', 'x', 'Error report.'),
      m('BREADCRUMB', 'b', 'Breadcrumb.'),
      m('APP_STATE_TRANSITION', 'ast', 'App state transition (app_init).'),
      m('COMMERCE', 'cm', 'Commerce event.'),
      m('USER_ATTRIBUTE_CHANGE', 'uac', 'User attribute change.'),
      m('USER_IDENTITY_CHANGE', 'uic', 'User identity change.'),
    ],
  },
  {
    name: 'CUSTOM_EVENT_TYPE',
    doc: 'The `et` of a custom event: the second argument of `logEvent`.',
    members: [
      m('NAVIGATION', 'navigation', 'Navigation.'),
      m('LOCATION', 'location', 'Location.'),
      m('SEARCH', 'search', 'Search.'),
      m('TRANSACTION', 'transaction', 'Transaction.'),
      m('USER_CONTENT', 'usercontent', 'User content.'),
      m('USER_PREFERENCE', 'userpreference', 'User preference.'),
      m('SOCIAL', 'social', 'Social.'),
      m('OTHER', 'other', 'Other.'),
      m('MEDIA', 'media', 'Media: custom media events and every event of the media API.'),
    ],
  },
  {
    name: 'MEDIA_CONTENT_TYPE',
    doc: 'The `content_type` of a media session. Values as the spec\'s example event shows them.',
    members: [m('VIDEO', 'Video', 'Video content.'), m('AUDIO', 'Audio', 'Audio content.')],
  },
  {
    name: 'MEDIA_STREAM_TYPE',
    doc: 'The `stream_type` of a media session. Values as the spec\'s example event shows them.',
    members: [
      m('LIVE_STREAM', 'LiveStream', 'A live stream.'),
      m('ON_DEMAND', 'OnDemand', 'Video or audio on demand.'),
      m('LINEAR', 'Linear', 'Linear (scheduled) programming.'),
      m('PODCAST', 'Podcast', 'A podcast.'),
      m('AUDIOBOOK', 'Audiobook', 'An audiobook.'),
    ],
  },
  {
    name: 'IDENTITY_TYPE',
    doc: 'Identity type strings of identity requests (`known_identities` keys).',
    members: [
      m('OTHER', 'other', 'Other.'),
      m('CUSTOMER_ID', 'customerid', 'Customer id.'),
      m('FACEBOOK', 'facebook', 'Facebook.'),
      m('TWITTER', 'twitter', 'Twitter.'),
      m('GOOGLE', 'google', 'Google.'),
      m('MICROSOFT', 'microsoft', 'Microsoft.'),
      m('YAHOO', 'yahoo', 'Yahoo.'),
      m('EMAIL', 'email', 'Email.'),
      m('FACEBOOK_AUDIENCE_ID', 'facebookcustomaudienceid', 'Facebook custom audience id.'),
      m('OTHER2', 'other2', 'Other 2.'),
      m('OTHER3', 'other3', 'Other 3.'),
      m('OTHER4', 'other4', 'Other 4.'),
      m('OTHER5', 'other5', 'Other 5.'),
      m('OTHER6', 'other6', 'Other 6.'),
      m('OTHER7', 'other7', 'Other 7.'),
      m('OTHER8', 'other8', 'Other 8.'),
      m('OTHER9', 'other9', 'Other 9.'),
      m('OTHER10', 'other10', 'Other 10.'),
      m('MOBILE_NUMBER', 'mobile_number', 'Mobile number.'),
      m('PHONE_NUMBER2', 'phone_number_2', 'Second phone number.'),
      m('PHONE_NUMBER3', 'phone_number_3', 'Third phone number.'),
    ],
    methods: [
      {
        name: 'isValidIdentityType',
        params: [{ name: 'identityType', doc: 'An identity type string.' }],
        returns: 'boolean',
        impl: 'mParticle_identityTypeIsValid',
        doc: 'Whether the string is one of the values above; false for anything else, a non-string included.',
      },
    ],
  },
  {
    name: 'IDENTITY_TYPE_INT',
    doc: 'Identity type numbers of the batch `ui` array.',
    members: [
      m('OTHER', 0, 'Other.'),
      m('CUSTOMER_ID', 1, 'Customer id.'),
      m('FACEBOOK', 2, 'Facebook.'),
      m('TWITTER', 3, 'Twitter.'),
      m('GOOGLE', 4, 'Google.'),
      m('MICROSOFT', 5, 'Microsoft.'),
      m('YAHOO', 6, 'Yahoo.'),
      m('EMAIL', 7, 'Email.'),
      m('FACEBOOK_AUDIENCE_ID', 9, 'Facebook custom audience id.'),
      m('OTHER2', 10, 'Other 2.'),
      m('OTHER3', 11, 'Other 3.'),
      m('OTHER4', 12, 'Other 4.'),
      m('OTHER5', 13, 'Other 5.'),
      m('OTHER6', 14, 'Other 6.'),
      m('OTHER7', 15, 'Other 7.'),
      m('OTHER8', 16, 'Other 8.'),
      m('OTHER9', 17, 'Other 9.'),
      m('OTHER10', 18, 'Other 10.'),
      m('MOBILE_NUMBER', 19, 'Mobile number.'),
      m('PHONE_NUMBER2', 20, 'Second phone number.'),
      m('PHONE_NUMBER3', 21, 'Third phone number.'),
    ],
    methods: [
      {
        name: 'parseString',
        params: [{ name: 'identityTypeString', doc: 'An `IDENTITY_TYPE` value.' }],
        returns: 'integer',
        impl: 'mParticle_identityTypeParse',
        doc: 'The number of an `IDENTITY_TYPE` string; `OTHER` (0) for anything else, as in 2.x.',
      },
    ],
  },
];
