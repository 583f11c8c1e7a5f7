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
 * When the next upload is due, or -1 when none can go: the one rule of the Task's tick (upload
 * when `now` has reached it) and of its wait (wake up then). An upload needs the user known
 * (mpid is not "0"), no upload in flight, and a batch to send again (`retryPending`) or
 * messages queued. It is due at once when a batch waits to be sent again, when upload() asked
 * for it or when a full batch is queued (a burst goes out while the Task is still taking it),
 * otherwise at the end of the upload interval; never before a backoff is over.
 */
export function coreUploadDueAt(
  queued: Int,
  maxBatchMessages: Int,
  mpid: string,
  inFlight: boolean,
  retryPending: boolean,
  requested: boolean,
  nextUploadTime: Long,
  backoffUntil: Long,
  now: Long,
): Long {
  if (mpid === '0' || mpid === '' || inFlight) {
    return -1;
  }
  if (!retryPending && queued <= 0) {
    return -1;
  }
  let due: Long = nextUploadTime;
  if (retryPending || requested || queued >= maxBatchMessages) {
    due = now;
  }
  if (backoffUntil > due) {
    due = backoffUntil;
  }
  return due;
}

/**
 * Whether the session field (queue counters) is published at the end of this tick. Setting a
 * field of the Task node is a rendezvous with the render thread, which waits as long as the
 * channel's handler runs: it is published at most once a second (`publishAt`), on a tick after
 * a wait that no call interrupted (`quiet`: the channel is then likely idle too), or 5 s late
 * under a steady flow of calls.
 */
export function coreSessionPublishDue(dirty: boolean, publishAt: Long, quiet: boolean, now: Long): boolean {
  if (!dirty || now < publishAt) {
    return false;
  }
  return quiet || now - publishAt >= 5000;
}
