/**
 * What the data plan (generated/dataplan.json) needs beyond the media API and attribute
 * tables: which attributes each media event carries, and the SDK's other planned events.
 * The runtime does not read this table; the data plan tests check it against the batches the
 * SDK really sends (test/dataplan/).
 */

/** The data plan's identity in mParticle; channels send it as `dataPlanId` / `dataPlanVersion`. */
export const DATA_PLAN = {
  id: 'mparticle_roku_media',
  name: 'mParticle Roku Media SDK',
  version: 1,
} as const;

/**
 * Attributes (`MEDIA_ATTRIBUTES` names) every media API event carries: the content
 * attributes a session starts with (empty or "0" until the channel sets them).
 */
export const MEDIA_EVENT_ALWAYS: readonly string[] = [
  'MEDIA_SESSION_ID',
  'CONTENT_ID',
  'CONTENT_TITLE',
  'CONTENT_DURATION',
  'CONTENT_TYPE',
  'STREAM_TYPE',
  'PLAYHEAD_POSITION',
];

/** The attributes one media API event adds to `MEDIA_EVENT_ALWAYS`. */
export interface MediaEventAttributes {
  /** Always present on this event. */
  readonly required: readonly string[];
  /** Present when the state allows (e.g. ad_break_playback_time only after an Ad Break Start). */
  readonly optional: readonly string[];
  /**
   * Whether the event carries the ad break, ad and segment the channel's session object holds
   * at the call (summaries carry their own snapshot instead).
   */
  readonly parts: boolean;
}

const SESSION_TIMES = ['MEDIA_SESSION_START_TIME', 'MEDIA_SESSION_END_TIME', 'MEDIA_TIME_SPENT', 'MEDIA_CONTENT_TIME_SPENT'];
const BUFFER = ['BUFFER_DURATION', 'BUFFER_PERCENT', 'BUFFER_POSITION'];
const QOS = ['QOS_STARTUP_TIME', 'QOS_DROPPED_FRAMES', 'QOS_BITRATE', 'QOS_FPS'];
const AD_SNAPSHOT = [
  'AD_BREAK_ID', 'AD_BREAK_TITLE', 'AD_BREAK_DURATION',
  'AD_CONTENT_ID', 'AD_CONTENT_TITLE', 'AD_CONTENT_DURATION', 'AD_CONTENT_ADVERTISER', 'AD_CONTENT_CAMPAIGN',
  'AD_CONTENT_CREATIVE', 'AD_CONTENT_PLACEMENT', 'AD_CONTENT_POSITION', 'AD_CONTENT_SITE_ID',
];
const SEGMENT_SNAPSHOT = ['SEGMENT_TITLE', 'SEGMENT_INDEX', 'SEGMENT_DURATION'];

const plain: MediaEventAttributes = { required: [], optional: [], parts: true };

/** Per media API key (`MEDIA_APIS[].key`): what its event carries besides the common attributes. */
export const MEDIA_EVENT_ATTRIBUTES: Readonly<Record<string, MediaEventAttributes>> = {
  PLAY: plain,
  PAUSE: plain,
  CONTENT_END: plain,
  SESSION_START: { required: ['MEDIA_SESSION_START_TIME'], optional: [], parts: true },
  SESSION_END: { required: SESSION_TIMES, optional: [], parts: true },
  SEEK_START: { required: ['SEEK_POSITION'], optional: [], parts: true },
  SEEK_END: { required: ['SEEK_POSITION'], optional: [], parts: true },
  BUFFER_START: { required: BUFFER, optional: [], parts: true },
  BUFFER_END: { required: BUFFER, optional: [], parts: true },
  UPDATE_PLAYHEAD_POSITION: plain,
  AD_CLICK: plain,
  AD_BREAK_START: plain,
  AD_BREAK_END: { required: [], optional: ['AD_BREAK_PLAYBACK_TIME'], parts: true },
  AD_START: plain,
  AD_END: plain,
  AD_SKIP: plain,
  SEGMENT_START: plain,
  SEGMENT_END: plain,
  SEGMENT_SKIP: plain,
  // Automatic tracking sends only the QoS values the player reports (no dropped frames without
  // enableDecoderStats, no fps unless the channel gives it); a channel's logQoS sends all four.
  UPDATE_QOS: { required: [], optional: QOS, parts: true },
  AD_SUMMARY: {
    required: ['AD_CONTENT_START_TIME', 'AD_CONTENT_END_TIME', 'AD_COMPLETED', 'AD_SKIPPED'],
    optional: AD_SNAPSHOT,
    parts: false,
  },
  SEGMENT_SUMMARY: {
    required: ['SEGMENT_START_TIME', 'SEGMENT_END_TIME', 'MEDIA_SEGMENT_TIME_SPENT', 'SEGMENT_COMPLETED', 'SEGMENT_SKIPPED'],
    optional: SEGMENT_SNAPSHOT,
    parts: false,
  },
  SESSION_SUMMARY: {
    required: [
      ...SESSION_TIMES,
      'MEDIA_CONTENT_COMPLETE',
      'MEDIA_SESSION_SEGMENT_TOTAL',
      'MEDIA_TOTAL_AD_TIME_SPENT',
      'MEDIA_AD_TIME_SPENT_RATE',
      'MEDIA_SESSION_AD_TOTAL',
      'MEDIA_SESSION_AD_OBJECTS',
    ],
    optional: [],
    parts: false,
  },
};

/**
 * Custom events the spec documents by name (channels log them with `logEvent`); planned so
 * that the documented flow validates, and as the model of a point for a channel's own events.
 */
export const DOCUMENTED_CUSTOM_EVENTS: readonly { readonly name: string; readonly type: string; readonly doc: string }[] = [
  {
    name: 'Custom Media Event',
    type: 'media',
    doc: 'The spec\'s example of a custom media event (`logEvent` with `CUSTOM_EVENT_TYPE.MEDIA`); add a point like it for each event name your channel logs.',
  },
];

/** The app state transitions the Task sends (`ast` messages), as the Events API names them. */
export const APP_STATE_TRANSITIONS: readonly { readonly native: string; readonly eventsApi: string; readonly doc: string }[] = [
  { native: 'app_init', eventsApi: 'application_initialized', doc: 'Sent once per run, right after the first session start.' },
];
