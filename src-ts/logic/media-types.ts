/**
 * Types of the media state machine (`mediaReduce`). All state is plain objects and arrays so
 * that it becomes BrightScript associative arrays and roArrays unchanged.
 */
import { Double, Int, Long } from '../schema/numeric';

/**
 * The numeric arguments of a media call, keyed as in `MEDIA_APIS` params. Values come from
 * the channel: each is checked with `typeof` before use.
 */
export interface MediaCallArgs {
  position?: unknown;
  duration?: unknown;
  bufferPercent?: unknown;
  startupTime?: unknown;
  droppedFrames?: unknown;
  bitRate?: unknown;
  fps?: unknown;
}

/**
 * One media API call as the Task hands it to the logic.
 *
 * `session` is the channel's session object (a copy: the channel owns the original). Its keys
 * are read in their canonical camelCase spelling (`mediaSessionId`, `contentId`). A channel
 * that writes `mediaSessionID` or `contentID` is understood on the device because
 * BrightScript AA lookups ignore case, so the Task passes the object as it is; a Node caller
 * must normalize the keys first (test/logic/run-vector.ts `canonicalSession` does).
 */
export interface MediaCall {
  /** A `MEDIA_METHOD` value (`logPlay`, ...). The `logUpdateQoS` alias is mapped by the Task. */
  method: string;
  session: unknown;
  args: MediaCallArgs;
  /** The call's custom attributes AA, or undefined. */
  options: unknown;
  /** The `autoSummaries` option: end/skip calls and session end emit their summaries themselves. */
  autoSummaries?: boolean;
}

/** One media event: the custom event name, its session, and its attributes (all strings). */
export interface MediaEvent {
  name: string;
  sessionId: string;
  attrs: Record<string, string>;
}

/** The outcome of one call: the updated state, the events to send in order, and messages to log. */
export interface MediaResult {
  state: MediaState;
  events: MediaEvent[];
  /** Rejections and warnings, each one readable line for the Task's ERROR log (the Task prefixes `media.<method>: `). */
  errors: string[];
}

/**
 * An ad or a segment as the logic remembers it between its start and its summary. `attrs`
 * is a snapshot of its attributes (ad content plus ad break, or segment) so that the summary
 * is right even after the channel has set `adContent`/`segment` back to invalid.
 */
export interface MediaSpan {
  attrs: Record<string, string>;
  startTime: Long;
  endTime: Long;
  running: boolean;
  completed: boolean;
  skipped: boolean;
  summarySent: boolean;
}

/** Everything the logic knows about one media session. */
export interface MediaSessionState {
  id: string;
  /** First call seen for the session (normally Media Session Start). */
  startTime: Long;
  /** Time of the latest call. */
  lastTime: Long;
  /** Time of Media Session End; meaningful once `ended`. */
  endTime: Long;
  ended: boolean;
  summarySent: boolean;
  /** Last known content attributes (content_id, ..., playhead_position) as strings, used when a later call's object lacks a field. */
  content: Record<string, string>;
  /** The duration `content` holds as a string: formatted again only when the channel's changes. */
  contentDuration: Double;
  /** Between Play and Pause / Content End / Session End. */
  playing: boolean;
  inAdBreak: boolean;
  adBreakStartTime: Long;
  /** Latest `excludeAdBreaksFromContentTime` from the channel. */
  excludeAds: boolean;
  /** Content time spent up to `countFrom`; only ever grows. */
  contentTime: Long;
  countFrom: Long;
  counting: boolean;
  contentComplete: boolean;
  adTotal: Int;
  adObjects: string[];
  adTime: Long;
  segmentTotal: Int;
  ad?: MediaSpan;
  segment?: MediaSpan;
  /** Latest QoS values as attribute strings, keyed by qos_* attribute key. */
  qos: Record<string, string>;
}

/** All media sessions, keyed by media_session_id, plus the ids of sessions already closed. */
export interface MediaState {
  sessions: Record<string, MediaSessionState>;
  /** Ids of sessions that were summarized after their end or evicted: later calls for them are rejected. Newest last. */
  closedIds: string[];
}
