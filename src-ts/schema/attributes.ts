/**
 * Every attribute key of the spec's attribute table (roku-media-sdk.txt, "Event Attributes"),
 * with its description, plus the summary keys the media logic adds. Every value goes to
 * mParticle as a string; `kind` says what the string holds.
 */

/** What an attribute's string value holds. */
export type AttributeKind =
  | 'string'
  /** an integer count or index, printed without decimals */
  | 'integer'
  /** milliseconds (a duration or a playhead position), printed without decimals */
  | 'milliseconds'
  /** unix-ms timestamp, printed without decimals or exponent */
  | 'timestamp'
  /** a decimal, printed as JavaScript prints it */
  | 'decimal'
  /** "true" or "false" */
  | 'boolean'
  /** a JSON array */
  | 'json';

/** Where an attribute belongs; also where the logic reads its value from. */
export type AttributeGroup =
  | 'session'
  | 'content'
  | 'playhead'
  | 'buffer'
  | 'seek'
  | 'segment'
  | 'adBreak'
  | 'adContent'
  | 'player'
  | 'qos'
  | 'summary'
  | 'custom';

export interface AttributeSpec {
  /** UPPER_SNAKE name of the key in `MEDIA_ATTRIBUTE` (BrightScript constants) and in TypeScript. */
  readonly name: string;
  /** The key as sent to mParticle. */
  readonly key: string;
  readonly kind: AttributeKind;
  readonly group: AttributeGroup;
  /** Whether the key is in the spec's attribute table (false: a summary key the spec's events carry). */
  readonly inSpecTable: boolean;
  /** The session-object field (`mediaSession.<field>`, `adBreak.<field>`, ...) it is read from, if any. */
  readonly sourceField?: string;
  readonly doc: string;
}

type Row = [name: string, key: string, kind: AttributeKind, group: AttributeGroup, sourceField: string | undefined, doc: string];

const specRows: Row[] = [
  ['MEDIA_SESSION_ID', 'media_session_id', 'string', 'session', 'mediaSessionId', 'Unique identifier assigned when media event starts (it is recommended that this be included with every event log)'],
  ['MEDIA_SESSION_START_TIME', 'media_session_start_time', 'timestamp', 'session', undefined, 'Timestamp for media session initiation'],
  ['MEDIA_SESSION_END_TIME', 'media_session_end_time', 'timestamp', 'session', undefined, 'Timestamp for media session completed, ended, or quit'],
  ['MEDIA_SESSION_AD_OBJECTS', 'media_session_ad_objects', 'json', 'summary', undefined, 'Array of all ad_content_ids consumed'],
  ['MEDIA_SESSION_CUSTOM_ATTRIBUTE', 'media_session_custom_attribute', 'string', 'custom', undefined, 'Custom media session attribute'],
  ['STREAM_TYPE', 'stream_type', 'string', 'content', 'streamType', 'Encoded audio and video streams are assembled in a container “bitstream” such as MP4, FLV, WebM, ASF or ISMA stream types'],
  ['CONTENT_TYPE', 'content_type', 'string', 'content', 'contentType', 'Content type name'],
  ['CONTENT_ID', 'content_id', 'string', 'content', 'contentId', 'Unique content identifier'],
  ['CONTENT_DURATION', 'content_duration', 'milliseconds', 'content', 'duration', 'Content duration'],
  ['CONTENT_TITLE', 'content_title', 'string', 'content', 'title', 'Content title'],
  ['CONTENT_ASSET_ID', 'content_asset_id', 'string', 'content', undefined, 'Content asset id'],
  ['CONTENT_SEASON', 'content_season', 'string', 'content', undefined, 'A “season” is a reference to a set of episodes of a show within a specific period of time'],
  ['CONTENT_EPISODE', 'content_episode', 'string', 'content', undefined, 'An “episode” is a coherent narrative unit within a larger dramatic work, such as a radio, television, audio or video streaming series'],
  ['CONTENT_DAYPART', 'content_daypart', 'string', 'content', undefined, 'A “daypart” is the time division in a typical broadcast day by different media like Radio and Television. Different part of the days can be Morning shows, afternoon siesta, evening songs or prime time slot. Dayparts can be standard or customized.'],
  ['CONTENT_ORIGINATOR', 'content_originator', 'string', 'content', undefined, 'Content source name'],
  ['CONTENT_NETWORK', 'content_network', 'string', 'content', undefined, 'A “network” includes broadcast and cable television networks, television distribution and production, domestic television stations, radio networks and stations, and audio and video streaming services.'],
  ['CONTENT_MVPD', 'content_mvpd', 'string', 'content', undefined, 'A “multichannel video programming distributor” (MVPD) include cable operators, multichannel multipoint distribution services, direct broadcast satellite services, or television receive-only satellite program distributors.'],
  ['CONTENT_FEED', 'content_feed', 'string', 'content', undefined, 'Name of content feed'],
  ['CONTENT_SHOW', 'content_show', 'string', 'content', undefined, 'Name of show'],
  ['CONTENT_SHOW_TYPE', 'content_show_type', 'string', 'content', undefined, 'Show type'],
  ['CONTENT_GENRE', 'content_genre', 'string', 'content', undefined, 'A “genre” is a category of artistic composition, as in videos, music or literature, characterized by similarities in form, style, or subject matter.'],
  ['CONTENT_RATING', 'content_rating', 'string', 'content', undefined, 'A content rating (also known as maturity rating)rates the suitability of TV broadcasts, movies, comic books, or video games to its audience.'],
  ['CONTENT_AUTHORIZED', 'content_authorized', 'string', 'content', undefined, 'Content rights, release, or licence reference'],
  ['CONTENT_FIRST_AIR_DATE', 'content_first_air_date', 'string', 'content', undefined, 'Date of initial broadcast'],
  ['CONTENT_DIGITAL_DATE', 'content_digital_date', 'string', 'content', undefined, 'Date of initial digital distribution'],
  ['PLAYHEAD_POSITION', 'playhead_position', 'milliseconds', 'playhead', 'currentPlayheadPosition', 'The current playhead position at the moment the event occured'],
  ['BUFFER_DURATION', 'buffer_duration', 'milliseconds', 'buffer', undefined, 'Duration of content buffering'],
  ['BUFFER_PERCENT', 'buffer_percent', 'decimal', 'buffer', undefined, 'Percentage of content buffering'],
  ['BUFFER_POSITION', 'buffer_position', 'milliseconds', 'buffer', undefined, 'Playhead positioin when buffering'],
  ['SEEK_POSITION', 'seek_position', 'milliseconds', 'seek', undefined, 'Playhead position when seek began or ended'],
  ['SEGMENT_TITLE', 'segment_title', 'string', 'segment', 'title', 'Segment title'],
  ['SEGMENT_INDEX', 'segment_index', 'integer', 'segment', 'index', 'Segment index'],
  ['SEGMENT_DURATION', 'segment_duration', 'milliseconds', 'segment', 'duration', 'Segment duration'],
  ['AD_BREAK_ID', 'ad_break_id', 'string', 'adBreak', 'id', 'Unique identifier for the ad break. Ad breaks may have one or more pieces of ad content'],
  ['AD_BREAK_TITLE', 'ad_break_title', 'string', 'adBreak', 'title', 'Ad break title'],
  ['AD_BREAK_DURATION', 'ad_break_duration', 'milliseconds', 'adBreak', 'duration', 'Ad break duration'],
  ['AD_CONTENT_ID', 'ad_content_id', 'string', 'adContent', 'id', 'Unique identitifer for a specific piece of ad content'],
  ['AD_CONTENT_TITLE', 'ad_content_title', 'string', 'adContent', 'title', 'Ad content title'],
  ['AD_CONTENT_DURATION', 'ad_content_duration', 'milliseconds', 'adContent', 'duration', 'Ad content duration'],
  ['AD_CONTENT_ADVERTISER', 'ad_content_advertiser', 'string', 'adContent', 'advertiser', 'Name of advertiser'],
  ['AD_CONTENT_CAMPAIGN', 'ad_content_campaign', 'string', 'adContent', 'campaign', 'Name of campaign'],
  ['AD_CONTENT_CREATIVE', 'ad_content_creative', 'string', 'adContent', 'creative', 'Name of creative'],
  ['AD_CONTENT_PLACEMENT', 'ad_content_placement', 'string', 'adContent', 'placement', 'Description of placement'],
  ['AD_CONTENT_POSITION', 'ad_content_position', 'integer', 'adContent', 'position', 'Index of position in content'],
  ['AD_CONTENT_SITE_ID', 'ad_content_site_id', 'string', 'adContent', 'siteId', 'Identifier of ad content site'],
  ['AD_CUSTOM_ATTRIBUTE', 'ad_custom_attribute', 'string', 'custom', undefined, 'User defined attribute'],
  ['PLAYER_NAME', 'player_name', 'string', 'player', undefined, 'Then name of the player used'],
  ['PLAYER_OVP', 'player_ovp', 'string', 'player', undefined, 'Online Video Platform name'],
  ['PLAYER_INITIAL_RESOLUTION', 'player_initial_resolution', 'string', 'player', undefined, 'The default resolution of the content'],
  ['QOS_BITRATE', 'qos_bitrate', 'integer', 'qos', undefined, 'Quality of service (QoS) bitrate'],
  ['QOS_FPS', 'qos_fps', 'decimal', 'qos', undefined, 'Quality of service (QoS) frames per second'],
  ['QOS_STARTUP_TIME', 'qos_startup_time', 'milliseconds', 'qos', undefined, 'Quality of service (QoS) time from content play event to first frame'],
  ['QOS_DROPPED_FRAMES', 'qos_dropped_frames', 'integer', 'qos', undefined, 'Quality of service (QoS) dropped frames'],
];

const summaryRows: Row[] = [
  ['MEDIA_TIME_SPENT', 'media_time_spent', 'milliseconds', 'summary', undefined, 'Wall-clock time from media session start to its end (or to now, while it runs)'],
  ['MEDIA_CONTENT_TIME_SPENT', 'media_content_time_spent', 'milliseconds', 'summary', undefined, 'Time spent playing content: from play to pause, content end, session end, or an ad break when excludeAdBreaksFromContentTime is set; computed by the SDK, never read from mediaSession.mediaContentTimeSpent'],
  ['MEDIA_CONTENT_COMPLETE', 'media_content_complete', 'boolean', 'summary', undefined, 'Whether Media Content End was logged for the session'],
  ['MEDIA_SESSION_SEGMENT_TOTAL', 'media_session_segment_total', 'integer', 'summary', undefined, 'Number of segments started in the session'],
  ['MEDIA_SESSION_AD_TOTAL', 'media_session_ad_total', 'integer', 'summary', undefined, 'Number of ads started in the session'],
  ['MEDIA_TOTAL_AD_TIME_SPENT', 'media_total_ad_time_spent', 'milliseconds', 'summary', undefined, 'Time spent in ads (from ad start to ad end or skip) over the session'],
  ['MEDIA_AD_TIME_SPENT_RATE', 'media_ad_time_spent_rate', 'decimal', 'summary', undefined, 'Ad time spent as a percentage of media time spent'],
  ['AD_CONTENT_START_TIME', 'ad_content_start_time', 'timestamp', 'summary', undefined, 'Timestamp of Ad Start'],
  ['AD_CONTENT_END_TIME', 'ad_content_end_time', 'timestamp', 'summary', undefined, 'Timestamp of Ad End or Ad Skip'],
  ['AD_COMPLETED', 'ad_completed', 'boolean', 'summary', undefined, 'Whether the ad ended with Ad End'],
  ['AD_SKIPPED', 'ad_skipped', 'boolean', 'summary', undefined, 'Whether the ad ended with Ad Skip'],
  ['SEGMENT_START_TIME', 'segment_start_time', 'timestamp', 'summary', undefined, 'Timestamp of Segment Start'],
  ['SEGMENT_END_TIME', 'segment_end_time', 'timestamp', 'summary', undefined, 'Timestamp of Segment End or Segment Skip'],
  ['MEDIA_SEGMENT_TIME_SPENT', 'media_segment_time_spent', 'milliseconds', 'summary', undefined, 'Time from Segment Start to its end or skip'],
  ['SEGMENT_COMPLETED', 'segment_completed', 'boolean', 'summary', undefined, 'Whether the segment ended with Segment End'],
  ['SEGMENT_SKIPPED', 'segment_skipped', 'boolean', 'summary', undefined, 'Whether the segment ended with Segment Skip'],
  ['AD_BREAK_PLAYBACK_TIME', 'ad_break_playback_time', 'milliseconds', 'summary', undefined, 'Time from Ad Break Start to Ad Break End'],
];

const toSpec = (inSpecTable: boolean) => ([name, key, kind, group, sourceField, doc]: Row): AttributeSpec => ({
  name,
  key,
  kind,
  group,
  inSpecTable,
  ...(sourceField === undefined ? {} : { sourceField }),
  doc,
});

/** Every media attribute: the spec's table first, in its order, then the summary keys. */
export const MEDIA_ATTRIBUTES: readonly AttributeSpec[] = [...specRows.map(toSpec(true)), ...summaryRows.map(toSpec(false))];
