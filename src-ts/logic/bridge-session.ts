/**
 * The bookkeeping that mParticle's Roku SDK 2.x's bridge does on the channel's own media
 * session object, on the render thread, before each media call goes to the Task. Channels
 * written for 2.x read these fields back (their own UI, or to decide when to log), so the
 * bridge keeps them with 2.x's names, values and transitions:
 *
 * - every media call: `mediaSessionEndTime` becomes now (2.x: when it holds a non-zero number);
 * - Play: `currentPlaybackStartTimestamp` becomes now unless it is already running (non-zero),
 *   `playbackState` "playing";
 * - Pause: a running timestamp is added to `storedPlaybackTime` and becomes 0,
 *   `playbackState` "pausedByUser";
 * - Media Content End: `mediaContentComplete` true, a running timestamp stored and 0 (the
 *   playback state stays);
 * - Ad Break Start, with `excludeAdBreaksFromContentTime` and while "playing": the timestamp
 *   stored and 0, `playbackState` "pausedByAdBreak"; Ad Break End from "pausedByAdBreak":
 *   the timestamp becomes now, "playing" again. Without the flag both leave the fields alone.
 *
 * Only the render thread's copy changes: the Task computes every time, total and flag it
 * sends from the calls themselves (media.ts) and reads none of these fields. Where 2.x's rule
 * is wrong the arithmetic is guarded: an ad break that starts while "playing" with no running
 * timestamp (after Media Content End: a post-roll) stores nothing, where 2.x added the whole
 * clock (about 1.7e12 ms) to `storedPlaybackTime`; a field that is not a number counts as 0,
 * where 2.x stopped the channel.
 *
 * Each function changes the object it is given, in place (that object is what the channel
 * reads), and takes the time from its caller, the bridge (mParticleSGBridge).
 */
import type { Long } from '../schema/numeric';

/** A running `currentPlaybackStartTimestamp` (a number above 0), else 0. */
function sessionRunningSince(s: Record<string, unknown>): Long {
  const since = s.currentPlaybackStartTimestamp;
  if (typeof since === 'number' && since > 0) {
    return since as Long;
  }
  return 0;
}

/** Adds the time since `since` to `storedPlaybackTime` and stops the timestamp. */
function sessionStorePlayback(s: Record<string, unknown>, since: Long, now: Long): void {
  const stored = s.storedPlaybackTime;
  let total: Long = now - since;
  if (typeof stored === 'number') {
    total = (stored as Long) + total;
  }
  s.storedPlaybackTime = total;
  s.currentPlaybackStartTimestamp = 0;
}

/** Every media call: `mediaSessionEndTime` becomes now when it holds a non-zero number. */
export function sessionKeepEndTime(s: Record<string, unknown>, now: Long): void {
  const end = s.mediaSessionEndTime;
  if (typeof end === 'number' && end !== 0) {
    s.mediaSessionEndTime = now;
  }
}

/** `media.logPlay`. */
export function sessionKeepPlay(s: Record<string, unknown>, now: Long): void {
  if (sessionRunningSince(s) === 0) {
    s.currentPlaybackStartTimestamp = now;
  }
  s.playbackState = 'playing';
  sessionKeepEndTime(s, now);
}

/** `media.logPause`. */
export function sessionKeepPause(s: Record<string, unknown>, now: Long): void {
  const since = sessionRunningSince(s);
  if (since > 0) {
    sessionStorePlayback(s, since, now);
  }
  s.playbackState = 'pausedByUser';
  sessionKeepEndTime(s, now);
}

/** `media.logMediaContentEnd`. */
export function sessionKeepContentEnd(s: Record<string, unknown>, now: Long): void {
  s.mediaContentComplete = true;
  const since = sessionRunningSince(s);
  if (since > 0) {
    sessionStorePlayback(s, since, now);
  }
  sessionKeepEndTime(s, now);
}

/** `media.logAdBreakStart`. */
export function sessionKeepAdBreakStart(s: Record<string, unknown>, now: Long): void {
  if (s.excludeAdBreaksFromContentTime === true && s.playbackState === 'playing') {
    const since = sessionRunningSince(s);
    if (since > 0) {
      sessionStorePlayback(s, since, now);
    } else {
      s.currentPlaybackStartTimestamp = 0;
    }
    s.playbackState = 'pausedByAdBreak';
  }
  sessionKeepEndTime(s, now);
}

/** `media.logAdBreakEnd`. */
export function sessionKeepAdBreakEnd(s: Record<string, unknown>, now: Long): void {
  if (s.excludeAdBreaksFromContentTime === true && s.playbackState === 'pausedByAdBreak') {
    s.currentPlaybackStartTimestamp = now;
    s.playbackState = 'playing';
  }
  sessionKeepEndTime(s, now);
}
