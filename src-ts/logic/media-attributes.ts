/**
 * Attribute sets of media events. Keys come only from `MEDIA_ATTRIBUTE` (schema); the field
 * names read from the channel's objects are those `MediaSession.build`, `adBreak.build`,
 * `adContent.build` and `segment.build` create.
 */
import { Double, Long } from '../schema/numeric';
import { MEDIA_ATTRIBUTE } from '../schema';
import { mediaAsObject, mediaFormatScalar } from './media-format';
import { MediaSessionState, MediaSpan } from './media-types';

/**
 * Sets `out[key]` to the formatted scalar `v`; leaves `out` alone when `v` is missing or not a
 * scalar. mediaFormatScalar's tests in place of its call, and the whole written out where it
 * is called: this runs for every content field of every call.
 *
 * @inline
 */
export function mediaPut(out: Record<string, string>, key: string, v: unknown): void {
  if (typeof v === 'string') {
    out[key] = v as string;
  } else if (typeof v === 'number' || typeof v === 'boolean') {
    out[key] = String(v);
  }
}

/**
 * Sets `out[key]` to a number field of the channel's object as a string; anything but a
 * number (a string, a boolean, an object) leaves the previous value, because a duration or
 * a position of "abc" would reach mParticle as if it were a measurement.
 *
 * @inline
 */
export function mediaPutNumber(out: Record<string, string>, key: string, v: unknown): void {
  if (typeof v === 'number') {
    out[key] = String(v);
  }
}

/** Copies every entry of `src` into `out`. */
export function mediaCopyInto(out: Record<string, string>, src: Record<string, string>): void {
  for (const k of Object.keys(src)) {
    out[k] = src[k];
  }
}

/**
 * The content attributes a new session starts with, so that every event carries all of them
 * even when the channel's object lacks a field: empty strings, and "0" for the numbers
 * (`MediaSession.build` defaults the duration and playhead to 0 too).
 */
export function mediaInitialContent(sessionId: string): Record<string, string> {
  const c: Record<string, string> = {};
  c[MEDIA_ATTRIBUTE.MEDIA_SESSION_ID] = sessionId;
  c[MEDIA_ATTRIBUTE.CONTENT_ID] = '';
  c[MEDIA_ATTRIBUTE.CONTENT_TITLE] = '';
  c[MEDIA_ATTRIBUTE.CONTENT_DURATION] = '0';
  c[MEDIA_ATTRIBUTE.CONTENT_TYPE] = '';
  c[MEDIA_ATTRIBUTE.STREAM_TYPE] = '';
  c[MEDIA_ATTRIBUTE.PLAYHEAD_POSITION] = '0';
  return c;
}

/**
 * Takes the content fields the channel set on this call's object; a missing or wrong-typed
 * field keeps the last value the session had, so one sloppy call does not blank the content.
 * This runs for every call: written out where it is called, with its mediaPut calls.
 *
 * @inline
 */
export function mediaRefreshContent(s: MediaSessionState, session: Record<string, unknown>): void {
  const c = s.content;
  mediaPut(c, MEDIA_ATTRIBUTE.CONTENT_ID, session.contentId);
  mediaPut(c, MEDIA_ATTRIBUTE.CONTENT_TITLE, session.title);
  // The duration rarely changes: formatted only when it does (mediaInitialContent holds "0").
  const duration = session.duration;
  if (typeof duration === 'number' && duration !== s.contentDuration) {
    c[MEDIA_ATTRIBUTE.CONTENT_DURATION] = String(duration);
    s.contentDuration = duration;
  }
  mediaPut(c, MEDIA_ATTRIBUTE.CONTENT_TYPE, session.contentType);
  mediaPut(c, MEDIA_ATTRIBUTE.STREAM_TYPE, session.streamType);
  const playhead = session.currentPlayheadPosition;
  if (typeof playhead === 'number') {
    c[MEDIA_ATTRIBUTE.PLAYHEAD_POSITION] = String(playhead);
  }
}

/** Adds ad break attributes from the channel's `adBreak` object, if it is one. */
export function mediaAdBreakAttrs(out: Record<string, string>, adBreak: unknown): void {
  const b = mediaAsObject(adBreak);
  if (b === undefined) {
    return;
  }
  mediaPut(out, MEDIA_ATTRIBUTE.AD_BREAK_ID, b.id);
  mediaPut(out, MEDIA_ATTRIBUTE.AD_BREAK_TITLE, b.title);
  mediaPutNumber(out, MEDIA_ATTRIBUTE.AD_BREAK_DURATION, b.duration);
}

/** Adds ad content attributes from the channel's `adContent` object, if it is one. */
export function mediaAdContentAttrs(out: Record<string, string>, adContent: unknown): void {
  const a = mediaAsObject(adContent);
  if (a === undefined) {
    return;
  }
  mediaPut(out, MEDIA_ATTRIBUTE.AD_CONTENT_ID, a.id);
  mediaPut(out, MEDIA_ATTRIBUTE.AD_CONTENT_TITLE, a.title);
  mediaPutNumber(out, MEDIA_ATTRIBUTE.AD_CONTENT_DURATION, a.duration);
  mediaPut(out, MEDIA_ATTRIBUTE.AD_CONTENT_ADVERTISER, a.advertiser);
  mediaPut(out, MEDIA_ATTRIBUTE.AD_CONTENT_CAMPAIGN, a.campaign);
  mediaPut(out, MEDIA_ATTRIBUTE.AD_CONTENT_CREATIVE, a.creative);
  mediaPut(out, MEDIA_ATTRIBUTE.AD_CONTENT_PLACEMENT, a.placement);
  mediaPutNumber(out, MEDIA_ATTRIBUTE.AD_CONTENT_POSITION, a.position);
  mediaPut(out, MEDIA_ATTRIBUTE.AD_CONTENT_SITE_ID, a.siteId);
}

/** Adds segment attributes from the channel's `segment` object, if it is one. */
export function mediaSegmentAttrs(out: Record<string, string>, segment: unknown): void {
  const g = mediaAsObject(segment);
  if (g === undefined) {
    return;
  }
  mediaPut(out, MEDIA_ATTRIBUTE.SEGMENT_TITLE, g.title);
  mediaPutNumber(out, MEDIA_ATTRIBUTE.SEGMENT_INDEX, g.index);
  mediaPutNumber(out, MEDIA_ATTRIBUTE.SEGMENT_DURATION, g.duration);
}

/**
 * The attributes every event of the session carries: content attributes, the latest QoS
 * values, and, when asked, the ad break / ad / segment the channel's object holds now.
 * Summaries pass `withParts = false` and add their own snapshot instead. Written out where it
 * is called: every event starts here.
 *
 * @inline
 */
export function mediaBaseAttrs(s: MediaSessionState, session: Record<string, unknown>, withParts: boolean): Record<string, string> {
  const out: Record<string, string> = Object.assign({}, s.content, s.qos);
  // Most sessions have no ad break, ad or segment on most calls: tested here before a call,
  // absence first (one comparison, where the object test takes three to say no).
  if (withParts) {
    if (session.adBreak !== undefined && typeof session.adBreak === 'object') {
      mediaAdBreakAttrs(out, session.adBreak);
    }
    if (session.adContent !== undefined && typeof session.adContent === 'object') {
      mediaAdContentAttrs(out, session.adContent);
    }
    if (session.segment !== undefined && typeof session.segment === 'object') {
      mediaSegmentAttrs(out, session.segment);
    }
  }
  return out;
}

/** Wall-clock time of the session: start to end once ended, else start to `now`; never negative. */
export function mediaTimeSpent(s: MediaSessionState, now: Long): Long {
  let end: Long = now;
  if (s.ended) {
    end = s.endTime;
  }
  return Math.max(0, end - s.startTime);
}

/**
 * Ad time as a percentage of the session's time spent, rounded to two decimals (so both
 * platforms print the same digits); 0 while no time has passed.
 */
export function mediaAdTimeRate(adTime: Long, timeSpent: Long): Double {
  if (timeSpent <= 0) {
    return 0;
  }
  const ad: Double = adTime;
  const total: Double = timeSpent;
  const percent: Double = (ad * 100) / total;
  return Math.round(percent * 100) / 100;
}

/** Adds start/end time and time spent (end = `now` while the session runs). */
export function mediaSessionTimeAttrs(out: Record<string, string>, s: MediaSessionState, now: Long): void {
  let end: Long = now;
  if (s.ended) {
    end = s.endTime;
  }
  out[MEDIA_ATTRIBUTE.MEDIA_SESSION_START_TIME] = String(s.startTime);
  out[MEDIA_ATTRIBUTE.MEDIA_SESSION_END_TIME] = String(end);
  out[MEDIA_ATTRIBUTE.MEDIA_TIME_SPENT] = String(mediaTimeSpent(s, now));
}

/** Adds the Media Session Summary attributes. Content time must be settled to `now` first. */
export function mediaSessionSummaryAttrs(out: Record<string, string>, s: MediaSessionState, now: Long): void {
  mediaSessionTimeAttrs(out, s, now);
  out[MEDIA_ATTRIBUTE.MEDIA_CONTENT_TIME_SPENT] = String(s.contentTime);
  out[MEDIA_ATTRIBUTE.MEDIA_CONTENT_COMPLETE] = String(s.contentComplete);
  out[MEDIA_ATTRIBUTE.MEDIA_SESSION_SEGMENT_TOTAL] = String(s.segmentTotal);
  out[MEDIA_ATTRIBUTE.MEDIA_TOTAL_AD_TIME_SPENT] = String(s.adTime);
  out[MEDIA_ATTRIBUTE.MEDIA_AD_TIME_SPENT_RATE] = String(mediaAdTimeRate(s.adTime, mediaTimeSpent(s, now)));
  out[MEDIA_ATTRIBUTE.MEDIA_SESSION_AD_TOTAL] = String(s.adTotal);
  out[MEDIA_ATTRIBUTE.MEDIA_SESSION_AD_OBJECTS] = JSON.stringify(s.adObjects);
}

/** Adds the Ad Session Summary attributes of an ended ad (its snapshot, times and outcome). */
export function mediaAdSummaryAttrs(out: Record<string, string>, ad: MediaSpan): void {
  mediaCopyInto(out, ad.attrs);
  out[MEDIA_ATTRIBUTE.AD_CONTENT_START_TIME] = String(ad.startTime);
  out[MEDIA_ATTRIBUTE.AD_CONTENT_END_TIME] = String(ad.endTime);
  out[MEDIA_ATTRIBUTE.AD_COMPLETED] = String(ad.completed);
  out[MEDIA_ATTRIBUTE.AD_SKIPPED] = String(ad.skipped);
}

/** Adds the Segment Session Summary attributes of an ended segment. */
export function mediaSegmentSummaryAttrs(out: Record<string, string>, segment: MediaSpan): void {
  mediaCopyInto(out, segment.attrs);
  out[MEDIA_ATTRIBUTE.SEGMENT_START_TIME] = String(segment.startTime);
  out[MEDIA_ATTRIBUTE.SEGMENT_END_TIME] = String(segment.endTime);
  out[MEDIA_ATTRIBUTE.MEDIA_SEGMENT_TIME_SPENT] = String(Math.max(0, segment.endTime - segment.startTime));
  out[MEDIA_ATTRIBUTE.SEGMENT_COMPLETED] = String(segment.completed);
  out[MEDIA_ATTRIBUTE.SEGMENT_SKIPPED] = String(segment.skipped);
}
