/**
 * The bookkeeping that mParticle's Roku SDK 2.x's bridge does on the channel's own media
 * session object, on the render thread, before a media call goes to the Task. Channels written
 * for 2.x read these fields back (their own UI, or to decide when to log), so the bridge keeps
 * them with 2.x's names, values and transitions:
 *
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
 * (Every media call but the periodic logPlayheadPosition also sets `mediaSessionEndTime` to
 * now, as 2.x's did for every one: the bridge writes that out itself, emit-bridge.ts.)
 *
 * Only the render thread's copy changes: the Task computes every time, total and flag it
 * sends from the calls themselves (media.ts) and reads none of these fields. Where 2.x's rule
 * is wrong the arithmetic is guarded: an ad break that starts while "playing" with no running
 * timestamp (after Media Content End: a post-roll) stores nothing, where 2.x added the whole
 * clock (about 1.7e12 ms) to `storedPlaybackTime`; a field that is not a number counts as 0,
 * where 2.x stopped the channel.
 *
 * Each function changes the object it is given, in place (that object is what the channel
 * reads), and takes the time from its caller, the bridge.
 */
import type { Long } from '../schema/numeric';

// The bridge writes each function's body out in its method (emit-bridge.ts): a call costs the
// render thread more than the statements. So the bodies have no return and call nothing but
// @inline one-return helpers, and the session parameter has the bridge's name, mediaSession.

/**
 * Whether content time is running: a `currentPlaybackStartTimestamp` that is a number above 0.
 *
 * @inline
 */
export function sessionRunning(since: unknown): boolean {
  return typeof since === 'number' && (since as Long) > 0;
}

/**
 * Whether ad breaks stop content time (`excludeAdBreaksFromContentTime` is true) and the
 * playback state is `state`.
 *
 * @inline
 */
export function sessionExcludesAdBreaksIn(exclude: unknown, current: unknown, state: string): boolean {
  return typeof exclude === 'boolean' && (exclude as boolean) && typeof current === 'string' && (current as string) === state;
}

/**
 * The run from `since` to `now` added to `storedPlaybackTime` (one that is not a number counts
 * as 0). `since` and `now` are numbers (since: a running timestamp, sessionRunning); they are
 * typed `unknown` because an `@inline` function takes no number parameter (a call would
 * convert it to the declared type, the written-out body does not).
 *
 * @inline
 */
export function sessionStoreRun(mediaSession: Record<string, unknown>, since: unknown, now: unknown): void {
  const before = mediaSession.storedPlaybackTime;
  mediaSession.storedPlaybackTime = typeof before === 'number' ? (before as Long) + (now as Long) - (since as Long) : (now as Long) - (since as Long);
}

/** `media.logPlay`. */
export function sessionKeepPlay(mediaSession: Record<string, unknown>, now: Long): void {
  const since = mediaSession.currentPlaybackStartTimestamp;
  if (!sessionRunning(since)) {
    mediaSession.currentPlaybackStartTimestamp = now;
  }
  mediaSession.playbackState = 'playing';
}

/** `media.logPause`: a running timestamp is stored. */
export function sessionKeepPause(mediaSession: Record<string, unknown>, now: Long): void {
  const since = mediaSession.currentPlaybackStartTimestamp;
  if (sessionRunning(since)) {
    sessionStoreRun(mediaSession, since, now);
    mediaSession.currentPlaybackStartTimestamp = 0;
  }
  mediaSession.playbackState = 'pausedByUser';
}

/** `media.logMediaContentEnd`: complete, a running timestamp stored; the playback state stays. */
export function sessionKeepContentEnd(mediaSession: Record<string, unknown>, now: Long): void {
  mediaSession.mediaContentComplete = true;
  const since = mediaSession.currentPlaybackStartTimestamp;
  if (sessionRunning(since)) {
    sessionStoreRun(mediaSession, since, now);
    mediaSession.currentPlaybackStartTimestamp = 0;
  }
}

/** `media.logAdBreakStart`: with the flag, while playing, the timestamp is stored and the state "pausedByAdBreak". */
export function sessionKeepAdBreakStart(mediaSession: Record<string, unknown>, now: Long): void {
  if (sessionExcludesAdBreaksIn(mediaSession.excludeAdBreaksFromContentTime, mediaSession.playbackState, 'playing')) {
    const since = mediaSession.currentPlaybackStartTimestamp;
    if (sessionRunning(since)) sessionStoreRun(mediaSession, since, now);
    mediaSession.currentPlaybackStartTimestamp = 0;
    mediaSession.playbackState = 'pausedByAdBreak';
  }
}

/** `media.logAdBreakEnd`: from "pausedByAdBreak", with the flag, the timestamp runs again. */
export function sessionKeepAdBreakEnd(mediaSession: Record<string, unknown>, now: Long): void {
  if (sessionExcludesAdBreaksIn(mediaSession.excludeAdBreaksFromContentTime, mediaSession.playbackState, 'pausedByAdBreak')) {
    mediaSession.currentPlaybackStartTimestamp = now;
    mediaSession.playbackState = 'playing';
  }
}
