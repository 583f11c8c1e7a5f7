/**
 * The automatic tracker: Video node field events and RAF events in, media API calls out.
 * Pure and transpiled (docs/typescript-subset.md): the Task feeds it each event's data with
 * the time, and runs the calls it returns through `mediaReduce`. The mapping is the README's
 * "Automatic tracking" table; the choices that are ours:
 *
 * - A stall (`buffering` after playing) may be the start of a seek: the Video node can report
 *   the new position after the state. Buffer Start is therefore sent once the stall is known
 *   not to be a seek (when playback resumes or pauses), followed by Buffer End with the
 *   stall's length. A seek seen meanwhile drops the stall: no buffer events inside a seek.
 * - `stopped` outside an ad break is a Pause, not Media Content End: a viewer who stops at
 *   minute 5 did not complete the content. Only `finished` (or the next playlist item) ends it.
 * - Content positions and states are ignored while an ad break or an ad is active (channels
 *   stop or pause the content for client-side ads); the position baseline restarts after it.
 * - The per-event work for `position` (every notificationInterval while playing) is a few
 *   comparisons; a call (and a copy of the session) only every `playheadIntervalMillis`.
 */
import { Long } from '../schema/numeric';
import { MEDIA_ATTRIBUTE, MEDIA_METHOD, TRACKED_NODE_FIELD, TRACKED_VIDEO_FIELDS, TRACKING_ATTRIBUTE, TRACKING_DEFAULTS, TRACKING_EVENT_NAME } from '../schema';
import { mediaAsObject, mediaFormatScalar } from './media-format';
import { MediaCallArgs } from './media-types';
import { trackStitched, trackStitchedFinished, trackStitchedPosition } from './ssai';
import { TrackInput, TrackResult, TrackStartResult, TrackState } from './track-types';

/**
 * Starts tracking `session` at `now`. `options` are trackVideo's (`playheadIntervalMillis`,
 * `fps`); `notificationInterval` is the node's (seconds; anything but a positive number means
 * the default). `started`: the media logic already has this session, so no Media Session Start.
 */
export function trackStart(session: unknown, options: unknown, notificationInterval: unknown, started: boolean, now: Long): TrackStartResult {
  const out: TrackStartResult = { calls: [], errors: [] };
  const s = mediaAsObject(session);
  if (s === undefined) {
    out.errors.push('the media session is not an associative array (build it with MediaSession.build)');
    return out;
  }
  const idValue = s.mediaSessionId;
  if (typeof idValue !== 'string') {
    out.errors.push('the media session has no mediaSessionId string');
    return out;
  }
  const id = idValue as string;
  if (id.length === 0) {
    out.errors.push('the media session has an empty mediaSessionId');
    return out;
  }
  let interval: Long = TRACKING_DEFAULTS.PLAYHEAD_INTERVAL_MILLIS;
  let hasFps = false;
  let fps = 0;
  const o = mediaAsObject(options);
  if (o !== undefined) {
    const pi = o.playheadIntervalMillis;
    if (typeof pi === 'number') {
      if ((pi as number) >= 0) {
        interval = Math.round(pi as number);
      } else {
        out.errors.push('playheadIntervalMillis must be 0 or more; using the default');
      }
    } else if (pi !== undefined && pi !== null) {
      out.errors.push('playheadIntervalMillis must be a number; using the default');
    }
    const f = o.fps;
    if (typeof f === 'number') {
      hasFps = true;
      fps = f as number;
    }
  }
  let ni: number = TRACKING_DEFAULTS.NOTIFICATION_INTERVAL_SECONDS;
  if (typeof notificationInterval === 'number') {
    if ((notificationInterval as number) > 0) {
      ni = notificationInterval as number;
    }
  }
  const threshold: Long = Math.max(TRACKING_DEFAULTS.SEEK_MIN_JUMP_MILLIS, Math.round(ni * 1000) + TRACKING_DEFAULTS.SEEK_SLACK_MILLIS);
  const own: Record<string, unknown> = { ...s };
  const t: TrackState = {
    sessionId: id,
    session: own,
    playheadIntervalMillis: interval,
    seekThresholdMillis: threshold,
    hasFps: hasFps,
    fps: fps,
    startedAt: now,
    nodeState: 'none',
    played: false,
    contentPlaying: false,
    contentEnded: false,
    havePosition: false,
    positionKnown: false,
    positionSec: 0,
    positionAt: now,
    lastPlayheadAt: now,
    bufferPending: false,
    bufferStartAt: now,
    bufferPositionMs: 0,
    bufferPercent: 0,
    seekSettling: false,
    adBreakActive: false,
    adPlaying: false,
    podCount: 0,
    breakEndedAt: now,
    haveStartup: false,
    startupMs: 0,
    haveBitrate: false,
    bitrate: 0,
    segmentBitrateSeen: false,
    haveDropped: false,
    droppedFrames: 0,
    sentBitrate: -1,
    sentDropped: -1,
    contentIndex: -1,
    errorCode: '',
    errorMessage: '',
    stitched: false,
    stitchedBreaks: [],
    stitchedInBreak: false,
    streamSec: 0,
    stitchedAds: [],
    stitchedPodStart: 0,
    stitchedPodEnd: -1,
    stitchedAdIndex: -1,
  };
  out.state = t;
  if (!started) {
    trackCall(t, out.calls, MEDIA_METHOD.logMediaSessionStart, {});
  }
  return out;
}

/** Applies one node field event or RAF event at `now`; returns the media calls to make, in order. */
export function trackReduce(t: TrackState, input: TrackInput, now: Long): TrackResult {
  const out: TrackResult = { state: t, calls: [], errors: [] };
  if (input.kind === 'field') {
    trackField(t, input.name, input.value, now, out);
  } else if (input.kind === 'raf') {
    trackRaf(t, input.name, input.value, now, out);
  } else if (input.kind === 'rafx' || input.kind === 'ima') {
    trackStitched(t, input.kind, input.name, input.value, now, out);
  } else {
    out.errors.push(`unknown tracking input ${input.kind}`);
  }
  return out;
}

/** Ends tracking: a stall still pending is reported, then Media Session End with `options`. */
export function trackStop(t: TrackState, options: unknown, now: Long): TrackResult {
  const out: TrackResult = { state: t, calls: [], errors: [] };
  trackFlushBuffer(t, now, out);
  const call = trackCall(t, out.calls, MEDIA_METHOD.logMediaSessionEnd, {});
  const o = mediaAsObject(options);
  if (o !== undefined) {
    call.options = o;
  }
  return out;
}

/**
 * Appends a media call with a snapshot of the session (later changes must not reach it),
 * whose playhead is the last content position.
 */
export function trackCall(t: TrackState, calls: TrackResult['calls'], method: string, args: MediaCallArgs): TrackResult['calls'][0] {
  if (t.positionKnown) {
    t.session.currentPlayheadPosition = trackMillis(t.positionSec);
  }
  const call = { method: method, session: { ...t.session }, args: args };
  calls.push(call);
  return call;
}

function trackInAd(t: TrackState): boolean {
  return t.adBreakActive || t.adPlaying || t.stitchedInBreak;
}

/** Seconds (a Video node number) as whole milliseconds. */
export function trackMillis(seconds: number): Long {
  return Math.round(seconds * 1000);
}

function trackField(t: TrackState, name: string, value: unknown, now: Long, out: TrackResult): void {
  // Field names compared in lower case: getField() spells them as the node registered them.
  switch (name.toLowerCase()) {
    case 'state':
      if (typeof value === 'string') {
        trackState(t, value as string, now, out);
      }
      return;
    case 'position':
      if (typeof value === 'number') {
        t.streamSec = value as number;
        if (t.stitched) {
          trackStitchedPosition(t, value as number, now, out);
        } else {
          trackPosition(t, value as number, now, out);
        }
      }
      return;
    case 'timetostartstreaming':
      if (typeof value === 'number') {
        if ((value as number) > 0) {
          t.haveStartup = true;
          t.startupMs = trackMillis(value as number);
        }
      }
      return;
    case 'streamingsegment':
      trackSegment(t, value, out);
      return;
    case 'streaminfo':
      trackStreamInfo(t, value, out);
      return;
    case 'decoderstats':
      trackDecoderStats(t, value, out);
      return;
    case 'contentindex':
      if (typeof value === 'number') {
        trackContentIndex(t, Math.round(value as number), now, out);
      }
      return;
    case 'errorcode':
      if (typeof value === 'number' || typeof value === 'string') {
        t.errorCode = String(value);
      }
      return;
    case 'errormsg':
      if (typeof value === 'string') {
        t.errorMessage = value as string;
      }
      return;
    case 'bufferingstatus':
      trackBufferingStatus(t, value);
      return;
    default:
      return;
  }
}

function trackState(t: TrackState, value: string, now: Long, out: TrackResult): void {
  const prev = t.nodeState;
  if (value === prev) {
    return;
  }
  t.nodeState = value;
  if (trackInAd(t)) {
    if (value === 'finished' && t.stitched) {
      trackStitchedFinished(t, now, out);
    }
    return;
  }
  switch (value) {
    case 'playing':
      trackPlaying(t, now, out);
      return;
    case 'paused':
      trackFlushBuffer(t, now, out);
      trackPause(t, out);
      return;
    case 'buffering':
      if (t.played && prev === 'playing' && !t.seekSettling) {
        t.bufferPending = true;
        t.bufferStartAt = now;
        t.bufferPositionMs = trackMillis(t.positionSec);
      }
      return;
    case 'stopped':
      trackFlushBuffer(t, now, out);
      trackPause(t, out);
      return;
    case 'finished':
      trackFlushBuffer(t, now, out);
      trackContentEnd(t, out);
      return;
    case 'error':
      trackFlushBuffer(t, now, out);
      trackError(t, out);
      return;
    default:
      return;
  }
}

/** The content plays (the node's `state` playing, or a stitched break ended while it plays). */
export function trackPlaying(t: TrackState, now: Long, out: TrackResult): void {
  trackFlushBuffer(t, now, out);
  t.seekSettling = false;
  if (!t.played) {
    t.played = true;
    trackQoS(t, now, true, out);
    trackPlay(t, now, out);
    return;
  }
  if (!t.contentPlaying) {
    trackPlay(t, now, out);
  }
}

function trackPlay(t: TrackState, now: Long, out: TrackResult): void {
  t.contentPlaying = true;
  t.contentEnded = false;
  t.lastPlayheadAt = now;
  trackCall(t, out.calls, MEDIA_METHOD.logPlay, {});
}

function trackPause(t: TrackState, out: TrackResult): void {
  if (!t.contentPlaying) {
    return;
  }
  t.contentPlaying = false;
  trackCall(t, out.calls, MEDIA_METHOD.logPause, {});
}

export function trackContentEnd(t: TrackState, out: TrackResult): void {
  if (t.contentEnded || !t.played) {
    return;
  }
  t.contentEnded = true;
  t.contentPlaying = false;
  trackCall(t, out.calls, MEDIA_METHOD.logMediaContentEnd, {});
}

/** The custom media event "Media Error" with the node's error code and message. */
function trackError(t: TrackState, out: TrackResult): void {
  t.contentPlaying = false;
  const attrs: Record<string, unknown> = {};
  attrs[MEDIA_ATTRIBUTE.MEDIA_SESSION_ID] = t.sessionId;
  const contentId = mediaFormatScalar(t.session.contentId);
  if (contentId !== undefined) {
    attrs[MEDIA_ATTRIBUTE.CONTENT_ID] = contentId;
  }
  attrs[MEDIA_ATTRIBUTE.PLAYHEAD_POSITION] = String(trackMillis(t.positionSec));
  attrs[TRACKING_ATTRIBUTE.ERROR_CODE] = t.errorCode;
  attrs[TRACKING_ATTRIBUTE.ERROR_MESSAGE] = t.errorMessage;
  const call = trackCall(t, out.calls, 'logEvent', {});
  call.eventName = TRACKING_EVENT_NAME.MEDIA_ERROR;
  call.options = attrs;
}

/** Reports a pending stall: Buffer Start at its position, then Buffer End with its length. */
export function trackFlushBuffer(t: TrackState, now: Long, out: TrackResult): void {
  if (!t.bufferPending) {
    return;
  }
  t.bufferPending = false;
  const pos = t.bufferPositionMs;
  trackCall(t, out.calls, MEDIA_METHOD.logBufferStart, { duration: 0, bufferPercent: t.bufferPercent, position: pos });
  trackCall(t, out.calls, MEDIA_METHOD.logBufferEnd, { duration: Math.max(0, now - t.bufferStartAt), bufferPercent: 100, position: pos });
}

/**
 * Runs every notificationInterval while playing, so it stays arithmetic on seconds: whole
 * milliseconds (a rounding, several calls in BrightScript) are made only for a call.
 * A seek: backwards by 1 ms or more, or forwards beyond the elapsed time by more than the threshold.
 */
export function trackPosition(t: TrackState, seconds: number, now: Long, out: TrackResult): void {
  if (t.adBreakActive || t.adPlaying) {
    return;
  }
  let seeked = false;
  if (t.havePosition && t.played && seconds < TRACKING_DEFAULTS.WALL_CLOCK_POSITION_SECONDS) {
    const jump = (seconds - t.positionSec) * 1000;
    let elapsed: Long = 0;
    if (t.nodeState === 'playing') {
      elapsed = now - t.positionAt;
      if (elapsed < 0) {
        elapsed = 0;
      }
    }
    if (jump <= -1 || jump - elapsed > t.seekThresholdMillis) {
      seeked = true;
      t.bufferPending = false;
      trackCall(t, out.calls, MEDIA_METHOD.logSeekStart, { position: trackMillis(t.positionSec) });
      t.positionSec = seconds;
      trackCall(t, out.calls, MEDIA_METHOD.logSeekEnd, { position: trackMillis(seconds) });
      t.seekSettling = true;
      t.lastPlayheadAt = now;
    } else if (t.nodeState === 'playing') {
      t.seekSettling = false;
    }
  }
  t.positionSec = seconds;
  t.positionKnown = true;
  t.positionAt = now;
  t.havePosition = true;
  if (seeked || !t.contentPlaying || t.nodeState !== 'playing') {
    return;
  }
  if (now - t.lastPlayheadAt >= t.playheadIntervalMillis) {
    t.lastPlayheadAt = now;
    trackCall(t, out.calls, MEDIA_METHOD.logPlayheadPosition, {});
  }
}

function trackContentIndex(t: TrackState, index: Long, now: Long, out: TrackResult): void {
  const previous = t.contentIndex;
  t.contentIndex = index;
  if (previous < 0 || previous === index) {
    return;
  }
  t.havePosition = false;
  if (trackInAd(t) || !t.played) {
    return;
  }
  trackFlushBuffer(t, now, out);
  trackContentEnd(t, out);
  if (t.nodeState === 'playing') {
    trackPlay(t, now, out);
  }
}

// ------------------------------------------------------------------ QoS

/** Update QoS with what is known; the first one (`first`) carries the startup time. */
function trackQoS(t: TrackState, now: Long, first: boolean, out: TrackResult): void {
  const args: MediaCallArgs = {};
  if (first) {
    if (t.haveStartup) {
      args.startupTime = t.startupMs;
    } else {
      args.startupTime = Math.max(0, now - Math.max(t.startedAt, t.breakEndedAt));
    }
  }
  if (t.haveDropped) {
    args.droppedFrames = t.droppedFrames;
    t.sentDropped = t.droppedFrames;
  }
  if (t.haveBitrate) {
    args.bitRate = t.bitrate;
    t.sentBitrate = t.bitrate;
  }
  if (t.hasFps) {
    args.fps = t.fps;
  }
  trackCall(t, out.calls, MEDIA_METHOD.logQoS, args);
}

/** After the first play, a QoS value that differs from the one last sent is sent. */
function trackQoSChanged(t: TrackState, now: Long, out: TrackResult): void {
  if (!t.played) {
    return;
  }
  const bitrateChanged = t.haveBitrate && t.bitrate !== t.sentBitrate;
  const droppedChanged = t.haveDropped && t.droppedFrames !== t.sentDropped;
  if (bitrateChanged || droppedChanged) {
    trackQoS(t, now, false, out);
  }
}

/** `streamingSegment`: the bitrate of video segments (segType 0 = mixed, 2 = video). */
function trackSegment(t: TrackState, value: unknown, out: TrackResult): void {
  const seg = mediaAsObject(value);
  if (seg === undefined) {
    return;
  }
  const segType = seg.segType;
  if (typeof segType === 'number') {
    if (segType !== 0 && segType !== 2) {
      return;
    }
  }
  const bps = seg.segBitrateBps;
  if (typeof bps === 'number') {
    if ((bps as number) > 0) {
      t.segmentBitrateSeen = true;
      t.haveBitrate = true;
      t.bitrate = bps as number;
      trackQoSChanged(t, t.positionAt, out);
    }
  }
}

/** `streamInfo.streamBitrate`: the bitrate until a streaming segment gives one. */
function trackStreamInfo(t: TrackState, value: unknown, out: TrackResult): void {
  if (t.segmentBitrateSeen) {
    return;
  }
  const info = mediaAsObject(value);
  if (info === undefined) {
    return;
  }
  const bps = info.streamBitrate;
  if (typeof bps === 'number') {
    if ((bps as number) > 0) {
      t.haveBitrate = true;
      t.bitrate = bps as number;
      trackQoSChanged(t, t.positionAt, out);
    }
  }
}

/** `decoderStats.frameDropCount` (only when the channel set `enableDecoderStats`). */
function trackDecoderStats(t: TrackState, value: unknown, out: TrackResult): void {
  const stats = mediaAsObject(value);
  if (stats === undefined) {
    return;
  }
  const drops = stats.frameDropCount;
  if (typeof drops === 'number') {
    t.haveDropped = true;
    t.droppedFrames = drops as number;
    trackQoSChanged(t, t.positionAt, out);
  }
}

function trackBufferingStatus(t: TrackState, value: unknown): void {
  const status = mediaAsObject(value);
  if (status === undefined) {
    return;
  }
  const pct = status.percentage;
  if (typeof pct === 'number') {
    t.bufferPercent = pct as number;
  }
}

// ------------------------------------------------------------------ RAF

/** One RAF event. Quartiles, Mute/Unmute, Rewind, Error and progress give no call. */
function trackRaf(t: TrackState, eventType: string, value: unknown, now: Long, out: TrackResult): void {
  let ctx = mediaAsObject(value);
  if (ctx === undefined) {
    ctx = {};
  }
  switch (eventType) {
    case 'PodStart':
      trackPodStart(t, ctx as Record<string, unknown>, now, out);
      return;
    case 'Impression':
    case 'Start':
      if (!t.adPlaying) {
        trackAdStart(t, ctx as Record<string, unknown>, out);
      }
      return;
    case 'Complete':
      trackAdFinish(t, MEDIA_METHOD.logAdEnd, out);
      return;
    case 'Skip':
      trackAdFinish(t, MEDIA_METHOD.logAdSkip, out);
      return;
    case 'Close':
      trackAdFinish(t, MEDIA_METHOD.logAdSkip, out);
      trackPodEnd(t, now, out);
      return;
    case 'PodComplete':
      trackAdFinish(t, MEDIA_METHOD.logAdEnd, out);
      trackPodEnd(t, now, out);
      return;
    case 'AcceptInvitation':
      trackCall(t, out.calls, MEDIA_METHOD.logAdClick, {});
      return;
    case 'Pause':
      if (trackInAd(t)) {
        trackCall(t, out.calls, MEDIA_METHOD.logPause, {});
      }
      return;
    case 'Resume':
      if (trackInAd(t)) {
        trackCall(t, out.calls, MEDIA_METHOD.logPlay, {});
      }
      return;
    default:
      return;
  }
}

function trackPodStart(t: TrackState, ctx: Record<string, unknown>, now: Long, out: TrackResult): void {
  trackBreakStart(t, ctx.rendersequence, ctx.duration, now, out);
}

/**
 * Ad Break Start: id `<sequence>-<n>` (n counts the pods of this session), title the render
 * sequence ("pod" when there is none), duration from seconds when it is a number. A break still open
 * ends first (its ad with Ad End).
 */
export function trackBreakStart(t: TrackState, renderSequence: unknown, durationSec: unknown, now: Long, out: TrackResult): void {
  if (t.adBreakActive) {
    trackAdFinish(t, MEDIA_METHOD.logAdEnd, out);
    trackPodEnd(t, now, out);
  }
  trackFlushBuffer(t, now, out);
  t.podCount = t.podCount + 1;
  let sequence = 'pod';
  if (typeof renderSequence === 'string') {
    if ((renderSequence as string).length > 0) {
      sequence = renderSequence as string;
    }
  }
  const adBreak: Record<string, unknown> = { id: `${sequence}-${t.podCount}`, title: sequence };
  if (typeof durationSec === 'number') {
    adBreak.duration = trackMillis(durationSec as number);
  }
  t.session.adBreak = adBreak;
  t.adBreakActive = true;
  trackCall(t, out.calls, MEDIA_METHOD.logAdBreakStart, {});
}

export function trackPodEnd(t: TrackState, now: Long, out: TrackResult): void {
  if (!t.adBreakActive) {
    return;
  }
  t.adBreakActive = false;
  trackCall(t, out.calls, MEDIA_METHOD.logAdBreakEnd, {});
  delete t.session.adBreak;
  t.breakEndedAt = now;
  t.havePosition = false;
}

/** Ad Start with the ad's id, title, advertiser, creative, duration (ms) and index in the pod. */
function trackAdStart(t: TrackState, ctx: Record<string, unknown>, out: TrackResult): void {
  const ad = mediaAsObject(ctx.ad);
  if (ad === undefined) {
    trackAdBegin(t, undefined, undefined, undefined, undefined, undefined, ctx.adIndex, out);
  } else {
    trackAdBegin(t, ad.adid, ad.adtitle, ad.advertiser, ad.creativeid, ad.duration, ctx.adIndex, out);
  }
}

/** Ad Start with what is known of the ad: texts that are not empty, duration (s, sent in ms), position in the pod. */
export function trackAdBegin(t: TrackState, id: unknown, title: unknown, advertiser: unknown, creative: unknown, durationSec: unknown, position: unknown, out: TrackResult): void {
  const adContent: Record<string, unknown> = {};
  trackCopyText(adContent, 'id', id);
  trackCopyText(adContent, 'title', title);
  trackCopyText(adContent, 'advertiser', advertiser);
  trackCopyText(adContent, 'creative', creative);
  if (typeof durationSec === 'number') {
    adContent.duration = trackMillis(durationSec as number);
  }
  if (typeof position === 'number') {
    adContent.position = position;
  }
  t.session.adContent = adContent;
  t.adPlaying = true;
  trackCall(t, out.calls, MEDIA_METHOD.logAdStart, {});
}

function trackCopyText(out: Record<string, unknown>, key: string, v: unknown): void {
  const text = mediaFormatScalar(v);
  if (text !== undefined) {
    if ((text as string).length > 0) {
      out[key] = text;
    }
  }
}

/** Ad End or Ad Skip of the playing ad; its adContent is cleared afterwards. */
export function trackAdFinish(t: TrackState, method: string, out: TrackResult): void {
  if (!t.adPlaying) {
    return;
  }
  t.adPlaying = false;
  trackCall(t, out.calls, method, {});
  delete t.session.adContent;
}

// ------------------------------------------------------------------ for the Task's glue

/** The node fields the Task observes (schema TRACKED_VIDEO_FIELDS). */
export function trackObservedFields(): string[] {
  const fields: string[] = [];
  for (const f of TRACKED_VIDEO_FIELDS) {
    fields.push(f);
  }
  return fields;
}

/** The Task's node-typed field that carries the node of `trackVideo` (schema TRACKED_NODE_FIELD). */
export function trackNodeField(): string {
  return TRACKED_NODE_FIELD;
}
