/**
 * Session timing and the Task loop's wake-ups. Times are unix ms (Long); -1 means "none".
 */
import { Int, Long } from '../schema/numeric';

/** Longest the Task sleeps with nothing due, so that it never waits forever on a quiet port. */
const CORE_MAX_WAIT_MILLIS = 60000;

/** Whether the running session has gone `timeoutMillis` without an event and must end now. */
export function coreSessionExpired(active: boolean, lastEventTime: Long, now: Long, timeoutMillis: Long): boolean {
  if (!active) {
    return false;
  }
  return now - lastEventTime >= timeoutMillis;
}

/** When the running session will time out, or -1 when none is running. */
export function coreSessionDeadline(active: boolean, lastEventTime: Long, timeoutMillis: Long): Long {
  if (!active) {
    return -1;
  }
  return lastEventTime + timeoutMillis;
}

/**
 * Length of a session that ended at its last event, in ms; never negative (a clock set back
 * while the channel ran would otherwise give a negative length).
 */
export function coreSessionLength(startTime: Long, lastEventTime: Long): Long {
  if (lastEventTime < startTime) {
    return 0;
  }
  return lastEventTime - startTime;
}

/**
 * Milliseconds the Task may wait on its port before something is due: the earliest of the
 * deadlines (entries of 0 or less mean "none" and are ignored: counted, they made the Task spin
 * on wait(1)), at least 1 (wait(0) would block forever) and at most a minute.
 */
export function coreNextWakeMillis(now: Long, deadlines: Long[]): Int {
  let earliest: Long = -1;
  for (const d of deadlines) {
    if (d > 0 && (earliest < 0 || d < earliest)) {
      earliest = d;
    }
  }
  if (earliest < 0) {
    return CORE_MAX_WAIT_MILLIS;
  }
  const wait: Long = earliest - now;
  if (wait < 1) {
    return 1;
  }
  if (wait > CORE_MAX_WAIT_MILLIS) {
    return CORE_MAX_WAIT_MILLIS;
  }
  return wait;
}

/**
 * Whether an upload is due: something is queued, the user is known (mpid is not "0"), no
 * upload is in flight, any backoff is over, and the interval elapsed or upload() asked for it.
 */
export function coreUploadDue(
  queued: Int,
  mpid: string,
  inFlight: boolean,
  now: Long,
  backoffUntil: Long,
  nextUploadTime: Long,
  requested: boolean,
): boolean {
  if (queued <= 0 || mpid === '0' || mpid === '' || inFlight) {
    return false;
  }
  if (now < backoffUntil) {
    return false;
  }
  return requested || now >= nextUploadTime;
}
