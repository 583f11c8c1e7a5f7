/**
 * The media state machine: one pure step per media API call. Written in the transpilable
 * subset (docs/typescript-subset.md); the same code runs in the Roku Task as
 * `mParticle_mediaReduce`.
 *
 * Decisions (see also docs in media-types.ts and media-format.ts):
 *
 * - Content time is computed by the SDK alone, from the call times: it counts while the
 *   content plays (from Play until Pause, Media Content End or Media Session End; with
 *   `excludeAdBreaksFromContentTime`, also not between Ad Break Start and Ad Break End nor
 *   while an ad plays) and it never shrinks, even when the clock steps back. The channel's
 *   `mediaContentTimeSpent` field is ignored: the spec's
 *   example sets it by hand, and mParticle's Roku SDK reported it verbatim, which is how
 *   content time came to shrink between two summaries.
 * - QoS values (qos_*) are remembered per session and go on every later event of it, not
 *   only on Update QoS and summaries: the player reports QoS rarely, and an event without
 *   its stream quality is less useful downstream.
 * - Calls for a session after its Media Session End are rejected with an error, except the
 *   three summaries, which are meant to come after the end. After its Media Session Summary
 *   the session is forgotten (only its id is remembered, to reject late calls clearly).
 * - A summary goes out at most once per ad, segment and session, and only once the ad,
 *   segment or session has ended (a summary of a running one would freeze its numbers).
 * - A call for an unknown session id starts tracking it (its start time is that call's
 *   time): a channel that forgot Media Session Start still gets well-formed events.
 * - Null/invalid custom attribute values are dropped without an error (media-format.ts).
 */
import { Long } from '../schema/numeric';
import { MEDIA_ATTRIBUTE, MEDIA_EVENT_NAME, MEDIA_METHOD } from '../schema';
import {
  mediaAdBreakAttrs,
  mediaAdContentAttrs,
  mediaAdSummaryAttrs,
  mediaBaseAttrs,
  mediaInitialContent,
  mediaRefreshContent,
  mediaSegmentAttrs,
  mediaSegmentSummaryAttrs,
  mediaSessionSummaryAttrs,
  mediaSessionTimeAttrs,
} from './media-attributes';
import { mediaAddCustom, mediaAddUnclashed, mediaAsObject, mediaFormatScalar, mediaIsRecord, mediaMergeAttributes, mediaNumberArgError } from './media-format';
import { MediaCall, MediaResult, MediaSessionState, MediaSpan, MediaState } from './media-types';

/** Most sessions tracked at once; the least recently used one is dropped to make room. */
const MEDIA_MAX_SESSIONS = 8;
/** How many closed session ids are remembered to reject late calls with a clear message. */
const MEDIA_MAX_CLOSED_IDS = 32;

/** An empty media state: no sessions. */
export function newMediaState(): MediaState {
  return { sessions: {}, closedIds: [] };
}

/**
 * Applies one media API call to the state at time `now` (unix ms) and returns the events
 * to send and the messages to log. Never throws: a call that cannot be processed (session
 * not an object, no mediaSessionId, unknown method, wrong-typed number argument, a call
 * after the session ended...) gives no event and exactly one error string.
 *
 * Pure: no clock, no randomness, no I/O: time comes in as `now`. `newId` is the caller's
 * fresh UUID for logic that needs one; media session ids come from `MediaSession.build`, so
 * this step does not use it today. The state is updated in place and returned (copying it
 * on every call would be costly on a Roku); callers use `result.state`. The channel's
 * session object and options are only read.
 */
export function mediaReduce(state: MediaState, call: MediaCall, now: Long, newId: string): MediaResult {
  const result: MediaResult = { state: state, events: [], errors: [] };
  if (typeof call.method !== 'string') {
    result.errors.push('the media method must be a string');
    return result;
  }
  const method = call.method;
  // Playhead updates, most of the calls, are known without the call of mediaIsKnownMethod.
  if (method !== MEDIA_METHOD.logPlayheadPosition && !mediaIsKnownMethod(method)) {
    result.errors.push(`unknown media method ${String(method)}`);
    return result;
  }
  const session = call.session;
  if (!mediaIsRecord(session)) {
    result.errors.push('the media session is not an associative array (build it with MediaSession.build)');
    return result;
  }
  const idValue = session.mediaSessionId;
  if (typeof idValue !== 'string') {
    result.errors.push('the media session has no mediaSessionId string');
    return result;
  }
  const id = idValue as string;
  if (id.length === 0) {
    result.errors.push('the media session has an empty mediaSessionId');
    return result;
  }
  // Most calls (play, pause, playhead updates) have no numeric argument: told apart here,
  // without the call of mediaArgsError.
  const argsValue: unknown = call.args;
  if (mediaIsRecord(argsValue) && Object.keys(argsValue).length > 0) {
    const argError = mediaArgsError(argsValue);
    if (argError !== '') {
      result.errors.push(argError);
      return result;
    }
  }
  if (state.closedIds.length > 0 && state.closedIds.indexOf(id) >= 0) {
    result.errors.push(`media session ${id} is closed (ended and summarized, or evicted); build a new MediaSession`);
    return result;
  }
  let s: MediaSessionState | undefined = state.sessions[id];
  if (s === undefined) {
    if (mediaIsSummary(method)) {
      result.errors.push(`nothing to summarize, media session ${id} has logged nothing`);
      return result;
    }
    mediaMakeRoom(state, result, now);
    s = mediaNewSession(id, now);
    state.sessions[id] = s;
  }
  if (s.ended && !mediaIsSummary(method)) {
    result.errors.push(`media session ${id} has ended; only summaries are accepted after logMediaSessionEnd`);
    return result;
  }

  // Settle content time with the flags that held until now, before this call changes them:
  // the content time played since `countFrom` (a clock that stepped back adds nothing).
  if (s.counting && now > s.countFrom) {
    s.contentTime = s.contentTime + (now - s.countFrom);
  }
  s.lastTime = now;
  mediaRefreshContent(s, session);
  const exclude = session.excludeAdBreaksFromContentTime;
  if (typeof exclude === 'boolean') {
    s.excludeAds = exclude as boolean;
  }
  // The custom attributes: the session's overlaid by the call's. Most sessions have none of
  // their own, and an empty set is told apart here without a call.
  const custom: Record<string, string> = {};
  const sessionAttributes = session.mediaSessionAttributes;
  if (mediaIsRecord(sessionAttributes) && Object.keys(sessionAttributes).length > 0) {
    mediaAddCustom(custom, sessionAttributes);
  }
  mediaAddCustom(custom, call.options);
  if (method === MEDIA_METHOD.logPlayheadPosition) {
    // Most of a session's calls: its one event, without the call of mediaApply and its tests,
    // its custom attributes put into the fresh set of the SDK's (no copy of it to merge into).
    const attrs = mediaBaseAttrs(s, session, true);
    if (Object.keys(custom).length > 0) {
      mediaAddUnclashed(attrs, custom);
    }
    result.events.push({ name: MEDIA_EVENT_NAME.UPDATE_PLAYHEAD_POSITION, sessionId: s.id, attrs: attrs });
  } else {
    const auto = typeof call.autoSummaries === 'boolean' && (call.autoSummaries as boolean);
    mediaApply(state, s, session, call, method, custom, auto, now, result);
  }
  // Whether content time counts from now on, after this call's transition.
  let inAd = s.inAdBreak;
  if (s.ad !== undefined) {
    const ad = s.ad as MediaSpan;
    if (ad.running) {
      inAd = true;
    }
  }
  s.counting = s.playing && !s.ended && !(s.excludeAds && inAd);
  s.countFrom = now;
  return result;
}

/** Whether `method` is one of the three summaries (accepted after the session ended). */
function mediaIsSummary(method: string): boolean {
  return method === MEDIA_METHOD.logAdSummary || method === MEDIA_METHOD.logSegmentSummary || method === MEDIA_METHOD.logMediaSessionSummary;
}

/** Runs the transition of one accepted call and emits its events. */
function mediaApply(
  state: MediaState,
  s: MediaSessionState,
  session: Record<string, unknown>,
  call: MediaCall,
  method: string,
  custom: Record<string, string>,
  auto: boolean,
  now: Long,
  result: MediaResult,
): void {
  const sdk = mediaBaseAttrs(s, session, true);
  // Read only by the calls that take numbers (most calls have none).
  let args: Record<string, unknown> | undefined = undefined;
  if (method === MEDIA_METHOD.logSeekStart || method === MEDIA_METHOD.logSeekEnd || method === MEDIA_METHOD.logBufferStart || method === MEDIA_METHOD.logBufferEnd || method === MEDIA_METHOD.logQoS) {
    args = mediaAsObject(call.args);
  }
  // logPlayheadPosition is handled by mediaReduce itself.
  switch (method) {
    case MEDIA_METHOD.logPlay:
      s.playing = true;
      mediaEmit(result, MEDIA_EVENT_NAME.PLAY, s, custom, sdk);
      return;
    case MEDIA_METHOD.logPause:
      s.playing = false;
      mediaEmit(result, MEDIA_EVENT_NAME.PAUSE, s, custom, sdk);
      return;
    case MEDIA_METHOD.logMediaContentEnd:
      s.playing = false;
      s.contentComplete = true;
      mediaEmit(result, MEDIA_EVENT_NAME.CONTENT_END, s, custom, sdk);
      return;
    case MEDIA_METHOD.logMediaSessionStart:
      sdk[MEDIA_ATTRIBUTE.MEDIA_SESSION_START_TIME] = String(s.startTime);
      mediaEmit(result, MEDIA_EVENT_NAME.SESSION_START, s, custom, sdk);
      return;
    case MEDIA_METHOD.logMediaSessionEnd:
      mediaEndSession(state, s, session, custom, auto, now, result, sdk);
      return;
    case MEDIA_METHOD.logSeekStart:
      mediaPutArg(sdk, MEDIA_ATTRIBUTE.SEEK_POSITION, args, 'position');
      mediaEmit(result, MEDIA_EVENT_NAME.SEEK_START, s, custom, sdk);
      return;
    case MEDIA_METHOD.logSeekEnd:
      mediaPutArg(sdk, MEDIA_ATTRIBUTE.SEEK_POSITION, args, 'position');
      mediaEmit(result, MEDIA_EVENT_NAME.SEEK_END, s, custom, sdk);
      return;
    case MEDIA_METHOD.logBufferStart:
      mediaBufferArgs(sdk, args);
      mediaEmit(result, MEDIA_EVENT_NAME.BUFFER_START, s, custom, sdk);
      return;
    case MEDIA_METHOD.logBufferEnd:
      mediaBufferArgs(sdk, args);
      mediaEmit(result, MEDIA_EVENT_NAME.BUFFER_END, s, custom, sdk);
      return;
    case MEDIA_METHOD.logAdClick:
      mediaEmit(result, MEDIA_EVENT_NAME.AD_CLICK, s, custom, sdk);
      return;
    case MEDIA_METHOD.logAdBreakStart:
      if (mediaAsObject(session.adBreak) === undefined) {
        result.errors.push('mediaSession.adBreak is not set; set it (adBreak.build) before logAdBreakStart');
        return;
      }
      s.inAdBreak = true;
      s.adBreakStartTime = now;
      mediaEmit(result, MEDIA_EVENT_NAME.AD_BREAK_START, s, custom, sdk);
      return;
    case MEDIA_METHOD.logAdBreakEnd:
      if (s.inAdBreak) {
        sdk[MEDIA_ATTRIBUTE.AD_BREAK_PLAYBACK_TIME] = String(Math.max(0, now - s.adBreakStartTime));
        s.inAdBreak = false;
      } else {
        result.errors.push('no ad break started (logAdBreakStart); the event is sent without ad_break_playback_time');
      }
      mediaEmit(result, MEDIA_EVENT_NAME.AD_BREAK_END, s, custom, sdk);
      return;
    case MEDIA_METHOD.logAdStart:
      mediaStartAd(s, session, custom, auto, now, result, sdk);
      return;
    case MEDIA_METHOD.logAdEnd:
      mediaFinishAd(s, session, custom, auto, now, result, sdk, true);
      return;
    case MEDIA_METHOD.logAdSkip:
      mediaFinishAd(s, session, custom, auto, now, result, sdk, false);
      return;
    case MEDIA_METHOD.logSegmentStart:
      mediaStartSegment(s, session, custom, auto, now, result, sdk);
      return;
    case MEDIA_METHOD.logSegmentEnd:
      mediaFinishSegment(s, session, custom, auto, now, result, sdk, true);
      return;
    case MEDIA_METHOD.logSegmentSkip:
      mediaFinishSegment(s, session, custom, auto, now, result, sdk, false);
      return;
    case MEDIA_METHOD.logQoS:
      mediaPutArg(s.qos, MEDIA_ATTRIBUTE.QOS_STARTUP_TIME, args, 'startupTime');
      mediaPutArg(s.qos, MEDIA_ATTRIBUTE.QOS_DROPPED_FRAMES, args, 'droppedFrames');
      mediaPutArg(s.qos, MEDIA_ATTRIBUTE.QOS_BITRATE, args, 'bitRate');
      mediaPutArg(s.qos, MEDIA_ATTRIBUTE.QOS_FPS, args, 'fps');
      mediaEmit(result, MEDIA_EVENT_NAME.UPDATE_QOS, s, custom, mediaBaseAttrs(s, session, true));
      return;
    case MEDIA_METHOD.logAdSummary:
      mediaAdSummary(s, session, custom, now, result);
      return;
    case MEDIA_METHOD.logSegmentSummary:
      mediaSegmentSummary(s, session, custom, now, result);
      return;
    case MEDIA_METHOD.logMediaSessionSummary:
      mediaSessionSummary(state, s, session, custom, now, result);
      return;
    default:
      result.errors.push(`unknown media method ${method}`);
      return;
  }
}

/** Whether `method` is one of the media APIs of `MEDIA_APIS`. */
function mediaIsKnownMethod(method: unknown): boolean {
  if (typeof method !== 'string') {
    return false;
  }
  switch (method) {
    case MEDIA_METHOD.logPlayheadPosition:
    case MEDIA_METHOD.logPlay:
    case MEDIA_METHOD.logPause:
    case MEDIA_METHOD.logMediaContentEnd:
    case MEDIA_METHOD.logMediaSessionStart:
    case MEDIA_METHOD.logMediaSessionEnd:
    case MEDIA_METHOD.logSeekStart:
    case MEDIA_METHOD.logSeekEnd:
    case MEDIA_METHOD.logBufferStart:
    case MEDIA_METHOD.logBufferEnd:
    case MEDIA_METHOD.logAdClick:
    case MEDIA_METHOD.logAdBreakStart:
    case MEDIA_METHOD.logAdBreakEnd:
    case MEDIA_METHOD.logAdStart:
    case MEDIA_METHOD.logAdEnd:
    case MEDIA_METHOD.logAdSkip:
    case MEDIA_METHOD.logSegmentStart:
    case MEDIA_METHOD.logSegmentEnd:
    case MEDIA_METHOD.logSegmentSkip:
    case MEDIA_METHOD.logQoS:
    case MEDIA_METHOD.logAdSummary:
    case MEDIA_METHOD.logSegmentSummary:
    case MEDIA_METHOD.logMediaSessionSummary:
      return true;
    default:
      return false;
  }
}

/**
 * The first wrong-typed numeric argument as an error text, or '' when all are numbers or
 * absent. `args` has at least one entry (mediaReduce tells argument-less calls apart).
 */
function mediaArgsError(args: Record<string, unknown>): string {
  const names = ['position', 'duration', 'bufferPercent', 'startupTime', 'droppedFrames', 'bitRate', 'fps'];
  for (const name of names) {
    const e = mediaNumberArgError(name, args[name]);
    if (e !== '') {
      return e;
    }
  }
  return '';
}

/** Sets `out[key]` from the numeric argument `name`, when the call has it. */
function mediaPutArg(out: Record<string, string>, key: string, args: Record<string, unknown> | undefined, name: string): void {
  if (args === undefined) {
    return;
  }
  const v = args[name];
  if (typeof v === 'number') {
    out[key] = String(v);
  }
}

/** Adds buffer_duration, buffer_percent and buffer_position from the call's arguments. */
function mediaBufferArgs(out: Record<string, string>, args: Record<string, unknown> | undefined): void {
  mediaPutArg(out, MEDIA_ATTRIBUTE.BUFFER_DURATION, args, 'duration');
  mediaPutArg(out, MEDIA_ATTRIBUTE.BUFFER_PERCENT, args, 'bufferPercent');
  mediaPutArg(out, MEDIA_ATTRIBUTE.BUFFER_POSITION, args, 'position');
}

/** A session seen for the first time at `now`. */
function mediaNewSession(id: string, now: Long): MediaSessionState {
  return {
    id: id,
    startTime: now,
    lastTime: now,
    endTime: now,
    ended: false,
    summarySent: false,
    content: mediaInitialContent(id),
    contentDuration: 0,
    playing: false,
    inAdBreak: false,
    adBreakStartTime: now,
    excludeAds: false,
    contentTime: 0,
    countFrom: now,
    counting: false,
    contentComplete: false,
    adTotal: 0,
    adObjects: [],
    adTime: 0,
    segmentTotal: 0,
    qos: {},
  };
}

/**
 * Drops the least recently used session when the state is full, so that a channel that
 * never ends its sessions cannot grow the Task's memory without bound. Ties go to the
 * smaller id, so the choice does not depend on key order.
 */
function mediaMakeRoom(state: MediaState, result: MediaResult, now: Long): void {
  const ids = Object.keys(state.sessions);
  if (ids.length < MEDIA_MAX_SESSIONS) {
    return;
  }
  let victim = '';
  let victimTime: Long = now;
  for (const id of ids) {
    const t = state.sessions[id].lastTime;
    if (victim === '' || t < victimTime || (t === victimTime && id < victim)) {
      victim = id;
      victimTime = t;
    }
  }
  mediaForget(state, victim);
  result.errors.push(`too many open media sessions; dropped media session ${victim} (log logMediaSessionEnd when a session is over)`);
}

/** Removes a session from the state and remembers its id as closed. */
function mediaForget(state: MediaState, id: string): void {
  delete state.sessions[id];
  state.closedIds.push(id);
  if (state.closedIds.length > MEDIA_MAX_CLOSED_IDS) {
    state.closedIds = state.closedIds.slice(state.closedIds.length - MEDIA_MAX_CLOSED_IDS, state.closedIds.length);
  }
}

/** Pushes one event whose attributes are the custom ones overlaid by the SDK's. */
function mediaEmit(result: MediaResult, name: string, s: MediaSessionState, custom: Record<string, string>, sdk: Record<string, string>): void {
  result.events.push({ name: name, sessionId: s.id, attrs: mediaMergeAttributes(custom, sdk) });
}

/** A fresh span for an ad or a segment started at `now`. */
function mediaNewSpan(attrs: Record<string, string>, now: Long): MediaSpan {
  return { attrs: attrs, startTime: now, endTime: now, running: true, completed: false, skipped: false, summarySent: false };
}

/** Ends a running ad; adds its time to the session's ad time. */
function mediaCloseAd(s: MediaSessionState, ad: MediaSpan, now: Long, completed: boolean, skipped: boolean): void {
  ad.running = false;
  ad.endTime = now;
  ad.completed = completed;
  ad.skipped = skipped;
  s.adTime = s.adTime + Math.max(0, now - ad.startTime);
}

/** Ends a running segment. */
function mediaCloseSegment(segment: MediaSpan, now: Long, completed: boolean, skipped: boolean): void {
  segment.running = false;
  segment.endTime = now;
  segment.completed = completed;
  segment.skipped = skipped;
}

/**
 * Ad Start: the ad counts in the session's ad total and its id joins media_session_ad_objects.
 * An ad still running (no end or skip logged) is closed first as neither completed nor
 * skipped. Without an `adContent` object the call is rejected: an Ad Start without an ad
 * would count a phantom ad.
 */
function mediaStartAd(
  s: MediaSessionState,
  session: Record<string, unknown>,
  custom: Record<string, string>,
  auto: boolean,
  now: Long,
  result: MediaResult,
  sdk: Record<string, string>,
): void {
  const adContent = mediaAsObject(session.adContent);
  if (adContent === undefined) {
    result.errors.push('mediaSession.adContent is not set; set it (adContent.build) before logAdStart');
    return;
  }
  mediaCloseRunningAd(s, session, custom, auto, now, result);
  s.adTotal = s.adTotal + 1;
  const adId = mediaFormatScalar(adContent.id);
  if (adId !== undefined) {
    s.adObjects.push(adId as string);
  }
  const snapshot: Record<string, string> = {};
  mediaAdBreakAttrs(snapshot, session.adBreak);
  mediaAdContentAttrs(snapshot, adContent);
  s.ad = mediaNewSpan(snapshot, now);
  mediaEmit(result, MEDIA_EVENT_NAME.AD_START, s, custom, sdk);
}

/** Closes an ad that is still running (neither completed nor skipped), with its auto summary. */
function mediaCloseRunningAd(
  s: MediaSessionState,
  session: Record<string, unknown>,
  custom: Record<string, string>,
  auto: boolean,
  now: Long,
  result: MediaResult,
): void {
  if (s.ad === undefined) {
    return;
  }
  const ad = s.ad as MediaSpan;
  if (!ad.running) {
    return;
  }
  mediaCloseAd(s, ad, now, false, false);
  if (auto) {
    mediaAdSummary(s, session, custom, now, result);
  }
}

/**
 * Ad End / Ad Skip. The ad's snapshot takes the fields the channel updated on its
 * `adContent` since Ad Start (the spec moves `position`), when it is still the same ad.
 * Without a running ad the event still goes out (the channel asked for it) with a warning,
 * and no ad time is counted.
 */
function mediaFinishAd(
  s: MediaSessionState,
  session: Record<string, unknown>,
  custom: Record<string, string>,
  auto: boolean,
  now: Long,
  result: MediaResult,
  sdk: Record<string, string>,
  completed: boolean,
): void {
  let name = MEDIA_EVENT_NAME.AD_SKIP;
  if (completed) {
    name = MEDIA_EVENT_NAME.AD_END;
  }
  let running = false;
  if (s.ad !== undefined) {
    const ad = s.ad as MediaSpan;
    running = ad.running;
  }
  if (!running) {
    result.errors.push('no ad is playing (logAdStart); the event is sent but no ad time is counted');
    mediaEmit(result, name, s, custom, sdk);
    return;
  }
  const ad = s.ad as MediaSpan;
  const fresh: Record<string, string> = {};
  mediaAdContentAttrs(fresh, session.adContent);
  const freshId = fresh[MEDIA_ATTRIBUTE.AD_CONTENT_ID];
  const oldId = ad.attrs[MEDIA_ATTRIBUTE.AD_CONTENT_ID];
  if (freshId !== undefined && (oldId === undefined || freshId === oldId)) {
    for (const k of Object.keys(fresh)) {
      ad.attrs[k] = fresh[k];
    }
  }
  mediaCloseAd(s, ad, now, completed, !completed);
  mediaEmit(result, name, s, custom, sdk);
  if (auto) {
    mediaAdSummary(s, session, custom, now, result);
  }
}

/** Segment Start: counted in media_session_segment_total. Rejected without a `segment` object. */
function mediaStartSegment(
  s: MediaSessionState,
  session: Record<string, unknown>,
  custom: Record<string, string>,
  auto: boolean,
  now: Long,
  result: MediaResult,
  sdk: Record<string, string>,
): void {
  if (mediaAsObject(session.segment) === undefined) {
    result.errors.push('mediaSession.segment is not set; set it (segment.build) before logSegmentStart');
    return;
  }
  mediaCloseRunningSegment(s, session, custom, auto, now, result);
  s.segmentTotal = s.segmentTotal + 1;
  const snapshot: Record<string, string> = {};
  mediaSegmentAttrs(snapshot, session.segment);
  s.segment = mediaNewSpan(snapshot, now);
  mediaEmit(result, MEDIA_EVENT_NAME.SEGMENT_START, s, custom, sdk);
}

/** Closes a segment that is still running (neither completed nor skipped), with its auto summary. */
function mediaCloseRunningSegment(
  s: MediaSessionState,
  session: Record<string, unknown>,
  custom: Record<string, string>,
  auto: boolean,
  now: Long,
  result: MediaResult,
): void {
  if (s.segment === undefined) {
    return;
  }
  const segment = s.segment as MediaSpan;
  if (!segment.running) {
    return;
  }
  mediaCloseSegment(segment, now, false, false);
  if (auto) {
    mediaSegmentSummary(s, session, custom, now, result);
  }
}

/** Segment End / Segment Skip; like ads, without a running segment the event goes out with a warning. */
function mediaFinishSegment(
  s: MediaSessionState,
  session: Record<string, unknown>,
  custom: Record<string, string>,
  auto: boolean,
  now: Long,
  result: MediaResult,
  sdk: Record<string, string>,
  completed: boolean,
): void {
  let name = MEDIA_EVENT_NAME.SEGMENT_SKIP;
  if (completed) {
    name = MEDIA_EVENT_NAME.SEGMENT_END;
  }
  let running = false;
  if (s.segment !== undefined) {
    const segment = s.segment as MediaSpan;
    running = segment.running;
  }
  if (!running) {
    result.errors.push('no segment is playing (logSegmentStart); the event is sent without segment timing');
    mediaEmit(result, name, s, custom, sdk);
    return;
  }
  const segment = s.segment as MediaSpan;
  mediaCloseSegment(segment, now, completed, !completed);
  mediaEmit(result, name, s, custom, sdk);
  if (auto) {
    mediaSegmentSummary(s, session, custom, now, result);
  }
}

/**
 * Media Session End: a running ad or segment ends with the session (neither completed nor
 * skipped), as does the ad break; content time stops. With autoSummaries the summaries of
 * the last ad and segment (if not sent yet) and of the session follow.
 */
function mediaEndSession(
  state: MediaState,
  s: MediaSessionState,
  session: Record<string, unknown>,
  custom: Record<string, string>,
  auto: boolean,
  now: Long,
  result: MediaResult,
  sdk: Record<string, string>,
): void {
  if (s.ad !== undefined) {
    const ad = s.ad as MediaSpan;
    if (ad.running) {
      mediaCloseAd(s, ad, now, false, false);
    }
  }
  if (s.segment !== undefined) {
    const segment = s.segment as MediaSpan;
    if (segment.running) {
      mediaCloseSegment(segment, now, false, false);
    }
  }
  s.inAdBreak = false;
  s.playing = false;
  s.ended = true;
  s.endTime = now;
  mediaSessionTimeAttrs(sdk, s, now);
  sdk[MEDIA_ATTRIBUTE.MEDIA_CONTENT_TIME_SPENT] = String(s.contentTime);
  mediaEmit(result, MEDIA_EVENT_NAME.SESSION_END, s, custom, sdk);
  if (!auto) {
    return;
  }
  if (s.ad !== undefined) {
    const ad = s.ad as MediaSpan;
    if (!ad.summarySent) {
      mediaAdSummary(s, session, custom, now, result);
    }
  }
  if (s.segment !== undefined) {
    const segment = s.segment as MediaSpan;
    if (!segment.summarySent) {
      mediaSegmentSummary(s, session, custom, now, result);
    }
  }
  mediaSessionSummary(state, s, session, custom, now, result);
}

/**
 * Whether an ad or segment can be summarized now: it exists, it ended, and its summary was
 * not sent yet. Otherwise the reason goes to `result.errors`.
 */
function mediaSpanSummarizable(
  span: MediaSpan | undefined,
  what: string,
  startCall: string,
  endCalls: string,
  summaryName: string,
  sessionId: string,
  result: MediaResult,
): boolean {
  if (span === undefined) {
    result.errors.push(`no ${what} to summarize in media session ${sessionId} (${startCall} first)`);
    return false;
  }
  const ended = span as MediaSpan;
  if (ended.running) {
    result.errors.push(`the ${what} is still playing; log its summary after ${endCalls}`);
    return false;
  }
  if (ended.summarySent) {
    result.errors.push(`the ${summaryName} of this ${what} was already sent`);
    return false;
  }
  return true;
}

/** Ad Session Summary of the current or just-ended ad: at most once, and only once it ended. */
function mediaAdSummary(
  s: MediaSessionState,
  session: Record<string, unknown>,
  custom: Record<string, string>,
  now: Long,
  result: MediaResult,
): void {
  const ends = `${MEDIA_METHOD.logAdEnd} or ${MEDIA_METHOD.logAdSkip}`;
  if (!mediaSpanSummarizable(s.ad, 'ad', MEDIA_METHOD.logAdStart, ends, MEDIA_EVENT_NAME.AD_SUMMARY, s.id, result)) {
    return;
  }
  const ad = s.ad as MediaSpan;
  ad.summarySent = true;
  const sdk = mediaBaseAttrs(s, session, false);
  mediaAdSummaryAttrs(sdk, ad);
  mediaEmit(result, MEDIA_EVENT_NAME.AD_SUMMARY, s, custom, sdk);
}

/** Segment Session Summary of the current or just-ended segment: at most once, once it ended. */
function mediaSegmentSummary(
  s: MediaSessionState,
  session: Record<string, unknown>,
  custom: Record<string, string>,
  now: Long,
  result: MediaResult,
): void {
  const ends = `${MEDIA_METHOD.logSegmentEnd} or ${MEDIA_METHOD.logSegmentSkip}`;
  if (!mediaSpanSummarizable(s.segment, 'segment', MEDIA_METHOD.logSegmentStart, ends, MEDIA_EVENT_NAME.SEGMENT_SUMMARY, s.id, result)) {
    return;
  }
  const segment = s.segment as MediaSpan;
  segment.summarySent = true;
  const sdk = mediaBaseAttrs(s, session, false);
  mediaSegmentSummaryAttrs(sdk, segment);
  mediaEmit(result, MEDIA_EVENT_NAME.SEGMENT_SUMMARY, s, custom, sdk);
}

/**
 * Media Session Summary, once the session ended; then the session is forgotten (its id is
 * kept in `closedIds`), which also makes a second summary impossible.
 */
function mediaSessionSummary(
  state: MediaState,
  s: MediaSessionState,
  session: Record<string, unknown>,
  custom: Record<string, string>,
  now: Long,
  result: MediaResult,
): void {
  if (!s.ended) {
    result.errors.push(`media session ${s.id} has not ended; log its summary after logMediaSessionEnd`);
    return;
  }
  if (s.summarySent) {
    result.errors.push(`the Media Session Summary of ${s.id} was already sent`);
    return;
  }
  s.summarySent = true;
  const sdk = mediaBaseAttrs(s, session, false);
  mediaSessionSummaryAttrs(sdk, s, now);
  mediaEmit(result, MEDIA_EVENT_NAME.SESSION_SUMMARY, s, custom, sdk);
  mediaForget(state, s.id);
}
