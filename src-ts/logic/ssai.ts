/**
 * Stitched (server-side) ads in the tracker: the events of RAF's SSAI adapters (`RAFX_SSAI`,
 * input kind "rafx") and of Google's IMA DAI SDK (kind "ima"), which mParticleTrackSsai and
 * mParticleTrackImaDai forward from the channel's ad Task (brs-templates/source/mParticleTracking.brs),
 * and the positions of the tracked node while it plays a stitched stream. The mapping is the
 * README's "Stitched ads" table; the choices that are ours:
 *
 * - The node's `position` is stream time (ads included). The tracker keeps the stream's ad
 *   breaks (RAFX: the pods' render times and durations; IMA: the cue points of
 *   `getCuePoints()`, else the break's duration from where it started) and turns stream time
 *   into content time by taking out the ad time before it: that is the playhead of every call,
 *   and a jump over a break is a seek of its content length only.
 * - Inside a known break, or between a break's start and end events, the node's `state` and
 *   `position` make no content event. The position and the ad events reach the Task on
 *   different paths (the node's observer, the ad Task's bridge), so both are needed: a known
 *   break covers positions that arrive before its start event, the events cover breaks not
 *   known in advance (live streams).
 * - A stitched session's content time always leaves the ads out: the node plays on through
 *   them, so the tracker sets `excludeAdBreaksFromContentTime` on its copy of the session.
 * - A break that the position leaves by more than STITCHED_BREAK_SLACK_SECONDS without its end
 *   event (a seek out of a pod: RAFX sends no POD_END then) ends with Ad Skip and Ad Break End;
 *   the content resumes there without a seek. The node's `finished` inside a break (a post-roll)
 *   ends the break (Ad End, Ad Break End), then the content (Media Content End).
 */
import { Int, Long } from '../schema/numeric';
import { MEDIA_METHOD, TRACKING_DEFAULTS } from '../schema';
import { mediaAsObject } from './media-format';
import { trackAdBegin, trackAdFinish, trackBreakStart, trackContentEnd, trackPlaying, trackPodEnd, trackPosition } from './track';
import { StitchedBreak, TrackResult, TrackState } from './track-types';

/** One forwarded event of a stitched-ad SDK (`kind` "rafx" or "ima"). */
export function trackStitched(t: TrackState, kind: string, name: string, value: unknown, now: Long, out: TrackResult): void {
  if (!t.stitched) {
    t.stitched = true;
    t.session.excludeAdBreaksFromContentTime = true;
  }
  let ev = mediaAsObject(value);
  if (ev === undefined) {
    ev = {};
  }
  const e = ev as Record<string, unknown>;
  // The breaks known in advance (VOD): RAFX PODS' pods, IMA's `getCuePoints()` (with each event).
  if (kind === 'rafx') {
    if (name === 'PodsFound') {
      trackAddBreaks(t, e.adPods, 'renderTime', 'duration', true);
    }
  } else {
    trackAddBreaks(t, e.cuePoints, 'startSec', 'endSec', false);
  }
  // The calls carry the content position of where the stream is (a break's start inside it).
  if (t.positionKnown) {
    t.positionSec = trackContentSeconds(t, t.streamSec);
  }
  if (kind === 'rafx') {
    trackRafx(t, name, ev as Record<string, unknown>, now, out);
  } else {
    trackIma(t, name, ev as Record<string, unknown>, now, out);
  }
}

/** A `position` of a stitched stream (seconds, ads included). */
export function trackStitchedPosition(t: TrackState, seconds: number, now: Long, out: TrackResult): void {
  const inBreak = trackBreakAt(t, seconds);
  if (t.adBreakActive && t.stitchedPodEnd > t.stitchedPodStart) {
    const slack = TRACKING_DEFAULTS.STITCHED_BREAK_SLACK_SECONDS;
    if (seconds > t.stitchedPodEnd + slack || seconds < t.stitchedPodStart - slack) {
      trackStitchedBreakEnd(t, MEDIA_METHOD.logAdSkip, now, out);
    }
  }
  t.stitchedInBreak = inBreak;
  if (inBreak || t.adBreakActive || t.adPlaying) {
    return;
  }
  trackPosition(t, trackContentSeconds(t, seconds), now, out);
}

/** Stream seconds as content seconds: the ad time of the known breaks before it taken out. */
export function trackContentSeconds(t: TrackState, seconds: number): number {
  let ads = 0;
  for (const b of t.stitchedBreaks) {
    if (b.endSec <= seconds) {
      ads = ads + (b.endSec - b.startSec);
    } else if (b.startSec < seconds) {
      ads = ads + (seconds - b.startSec);
    }
  }
  return seconds - ads;
}

function trackBreakAt(t: TrackState, seconds: number): boolean {
  for (const b of t.stitchedBreaks) {
    if (b.startSec <= seconds && seconds < b.endSec) {
      return true;
    }
  }
  return false;
}

/** Adds a break unless a known one overlaps it; the list stays ordered by start. */
function trackAddBreak(t: TrackState, start: number, end: number): void {
  if (end <= start) {
    return;
  }
  const next: StitchedBreak[] = [];
  let placed = false;
  for (const b of t.stitchedBreaks) {
    if (b.startSec < end && start < b.endSec) {
      return;
    }
    if (!placed && start < b.startSec) {
      next.push({ startSec: start, endSec: end });
      placed = true;
    }
    next.push(b);
  }
  if (!placed) {
    next.push({ startSec: start, endSec: end });
  }
  t.stitchedBreaks = next;
}

/**
 * Adds the breaks of a list of the ad SDK's objects (stream seconds): each from its `startKey`
 * number to its `endKey` number, or for `endKey` seconds when `endIsLength` (RAFX's pods give a
 * duration, IMA's cue points an end). Anything else in the list is passed over.
 */
function trackAddBreaks(t: TrackState, list: unknown, startKey: string, endKey: string, endIsLength: boolean): void {
  if (!Array.isArray(list)) {
    return;
  }
  for (const item of list as unknown[]) {
    const o = mediaAsObject(item);
    if (o !== undefined) {
      const start = o[startKey];
      const end = o[endKey];
      if (typeof start === 'number' && typeof end === 'number') {
        trackAddBreak(t, start as number, endIsLength ? (start as number) + (end as number) : (end as number));
      }
    }
  }
  t.stitchedInBreak = trackBreakAt(t, t.streamSec);
}

/** The pod [start, end) of the break that starts (stream seconds; end -1 when unknown). */
function trackPodRange(t: TrackState, start: number, durationSec: unknown): void {
  t.stitchedPodStart = start;
  t.stitchedPodEnd = -1;
  if (typeof durationSec === 'number') {
    if ((durationSec as number) > 0) {
      t.stitchedPodEnd = start + (durationSec as number);
      trackAddBreak(t, start, t.stitchedPodEnd);
    }
  }
  t.stitchedInBreak = trackBreakAt(t, t.streamSec);
}

/** The break ends: the ad still playing ends with `adMethod`, then Ad Break End; the content plays on. */
function trackStitchedBreakEnd(t: TrackState, adMethod: string, now: Long, out: TrackResult): void {
  trackAdFinish(t, adMethod, out);
  t.stitchedAdIndex = -1;
  t.stitchedAds = [];
  const wasActive = t.adBreakActive;
  trackPodEnd(t, now, out);
  t.stitchedInBreak = trackBreakAt(t, t.streamSec);
  if (wasActive && !t.stitchedInBreak && t.nodeState === 'playing') {
    trackPlaying(t, now, out);
  }
}

/**
 * The stream finished inside a stitched break (a post-roll: the node plays it to the end, and the
 * adapter may see no POD_END): the break ends, then the content.
 */
export function trackStitchedFinished(t: TrackState, now: Long, out: TrackResult): void {
  trackStitchedBreakEnd(t, MEDIA_METHOD.logAdEnd, now, out);
  trackContentEnd(t, out);
}

// ------------------------------------------------------------------ RAFX_SSAI

/** One adapter event (`adInfo.event`; PodsFound is taken before); quartiles, StreamEnd and errors make no call. */
function trackRafx(t: TrackState, name: string, ev: Record<string, unknown>, now: Long, out: TrackResult): void {
  switch (name) {
    case 'PodStart':
      trackRafxPodStart(t, ev, now, out);
      return;
    case 'Impression':
    case 'Start':
      trackRafxAdStart(t, ev.position, out);
      return;
    case 'Complete':
      trackAdFinish(t, MEDIA_METHOD.logAdEnd, out);
      t.stitchedAdIndex = -1;
      return;
    case 'PodComplete':
      trackStitchedBreakEnd(t, MEDIA_METHOD.logAdEnd, now, out);
      return;
    default:
      return;
  }
}

/** POD_START: Ad Break Start for `adPod` (render sequence, duration); its ads are kept for the ad events. */
function trackRafxPodStart(t: TrackState, ev: Record<string, unknown>, now: Long, out: TrackResult): void {
  let pod = mediaAsObject(ev.adPod);
  if (pod === undefined) {
    pod = {};
  }
  const p = pod as Record<string, unknown>;
  trackBreakStart(t, p.renderSequence, p.duration, now, out);
  let start = t.streamSec;
  const renderTime = p.renderTime;
  const position = ev.position;
  if (typeof renderTime === 'number') {
    start = renderTime as number;
  } else if (typeof position === 'number') {
    start = position as number;
  }
  trackPodRange(t, start, p.duration);
  const ads: Record<string, unknown>[] = [];
  const list = p.ads;
  if (Array.isArray(list)) {
    for (const a of list as unknown[]) {
      const ad = mediaAsObject(a);
      if (ad !== undefined) {
        ads.push(ad as Record<string, unknown>);
      }
    }
  }
  t.stitchedAds = ads;
  t.stitchedAdIndex = -1;
}

/**
 * IMPRESSION (or START): the adapter says only where (`position`, whole stream seconds), so the
 * ad is the pod's last one that starts at or before it. A new ad ends the one still playing.
 */
function trackRafxAdStart(t: TrackState, position: unknown, out: TrackResult): void {
  if (t.stitchedAds.length === 0) {
    if (!t.adPlaying) {
      trackAdBegin(t, undefined, undefined, undefined, undefined, undefined, undefined, out);
    }
    return;
  }
  let at = t.streamSec;
  if (typeof position === 'number') {
    at = position as number;
  }
  let index: Int = 0;
  let begin = t.stitchedPodStart;
  for (let i = 0; i < t.stitchedAds.length; i++) {
    if (Math.floor(begin) <= at) {
      index = i;
    }
    const d = t.stitchedAds[i].duration;
    if (typeof d === 'number') {
      begin = begin + (d as number);
    }
  }
  if (t.adPlaying) {
    if (t.stitchedAdIndex === index) {
      return;
    }
    trackAdFinish(t, MEDIA_METHOD.logAdEnd, out);
  }
  const ad = t.stitchedAds[index];
  const title = ad.adtitle !== undefined ? ad.adtitle : ad.title;
  trackAdBegin(t, ad.adid, title, ad.advertiser, ad.creativeid, ad.duration, index + 1, out);
  t.stitchedAdIndex = index;
}

// ------------------------------------------------------------------ IMA DAI

/** One IMA event: the player's adBreakStarted / adBreakEnded and the stream manager's ad events. */
function trackIma(t: TrackState, name: string, ev: Record<string, unknown>, now: Long, out: TrackResult): void {
  switch (name) {
    case 'adBreakStarted':
      trackImaBreakStart(t, ev, now, out);
      return;
    case 'adBreakEnded':
      trackStitchedBreakEnd(t, MEDIA_METHOD.logAdEnd, now, out);
      return;
    case 'start':
      if (t.adPlaying) {
        trackAdFinish(t, MEDIA_METHOD.logAdEnd, out);
      }
      trackAdBegin(t, ev.adId, ev.adTitle, ev.advertiserName, ev.creativeId, ev.duration, ev.adPosition, out);
      return;
    case 'complete':
      trackAdFinish(t, MEDIA_METHOD.logAdEnd, out);
      return;
    case 'skipped':
      trackAdFinish(t, MEDIA_METHOD.logAdSkip, out);
      return;
    default:
      return;
  }
}

/**
 * adBreakStarted(adBreakInfo): Ad Break Start titled by `timeOffset` (0 preroll, -1 postroll,
 * else midroll), with `duration` when known (IMA gives -1 otherwise). The break is the cue point
 * the stream is in, else it starts at the last position.
 */
function trackImaBreakStart(t: TrackState, ev: Record<string, unknown>, now: Long, out: TrackResult): void {
  let title = 'pod';
  const offset = ev.timeOffset;
  if (typeof offset === 'number') {
    if ((offset as number) === 0) {
      title = 'preroll';
    } else if ((offset as number) < 0) {
      title = 'postroll';
    } else {
      title = 'midroll';
    }
  }
  let duration: unknown = undefined;
  const d = ev.duration;
  if (typeof d === 'number') {
    if ((d as number) > 0) {
      duration = d;
    }
  }
  trackBreakStart(t, title, duration, now, out);
  for (const b of t.stitchedBreaks) {
    if (b.startSec - TRACKING_DEFAULTS.STITCHED_BREAK_SLACK_SECONDS <= t.streamSec && t.streamSec < b.endSec) {
      t.stitchedPodStart = b.startSec;
      t.stitchedPodEnd = b.endSec;
      t.stitchedInBreak = trackBreakAt(t, t.streamSec);
      return;
    }
  }
  trackPodRange(t, t.streamSec, duration);
}
