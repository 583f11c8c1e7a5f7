/**
 * The upload queue: which message goes first when something must be dropped, and which
 * messages make the next batch. The queue is oldest first; messages of a batch in flight
 * stay in it (keyed by id in `inflight`) until the server accepts the batch.
 */
import { CUSTOM_EVENT_TYPE, MEDIA_EVENT_NAME, MESSAGE_TYPE } from '../schema/names';
import { Int } from '../schema/numeric';
import { CoreMessage, CoreQueueResult } from './core-types';

/**
 * How much a message is worth keeping, 0 (dropped first) to 3 (dropped last): playhead and QoS
 * updates are superseded by the next one; other media events are rebuilt by summaries;
 * session, identity and user changes give the rest of the data its meaning.
 */
export function coreMessagePriority(msg: CoreMessage): Int {
  if (msg.dt === MESSAGE_TYPE.CUSTOM) {
    if (msg.et === CUSTOM_EVENT_TYPE.MEDIA) {
      if (msg.n === MEDIA_EVENT_NAME.UPDATE_PLAYHEAD_POSITION || msg.n === MEDIA_EVENT_NAME.UPDATE_QOS) {
        return 0;
      }
      return 1;
    }
    return 2;
  }
  if (msg.dt === MESSAGE_TYPE.SCREEN || msg.dt === MESSAGE_TYPE.COMMERCE || msg.dt === MESSAGE_TYPE.ERROR || msg.dt === MESSAGE_TYPE.BREADCRUMB) {
    return 2;
  }
  return 3;
}

/**
 * Index of the message to drop: lowest priority first; among equals, one not in flight
 * (an in-flight one may still be delivered), then the oldest. -1 for an empty queue.
 */
export function coreChooseDrop(queue: CoreMessage[], inflight: Record<string, boolean>): Int {
  let best: Int = -1;
  let bestRank: Int = 0;
  for (let i: Int = 0; i < queue.length; i++) {
    let rank: Int = coreMessagePriority(queue[i]) * 2;
    if (queue[i].id in inflight) {
      rank = rank + 1;
    }
    if (best < 0 || rank < bestRank) {
      best = i;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * Every index of the queue in the order messages are dropped: the order coreChooseDrop
 * would pick them one by one (lowest rank first, the oldest among equals), found in one pass
 * by bucketing the ranks instead of a scan per drop.
 */
export function coreDropOrder(queue: CoreMessage[], inflight: Record<string, boolean>): Int[] {
  const buckets: Int[][] = [[], [], [], [], [], [], [], []];
  for (let i: Int = 0; i < queue.length; i++) {
    let rank: Int = coreMessagePriority(queue[i]) * 2;
    if (queue[i].id in inflight) {
      rank = rank + 1;
    }
    buckets[rank].push(i);
  }
  const order: Int[] = [];
  for (const bucket of buckets) {
    for (const index of bucket) {
      order.push(index);
    }
  }
  return order;
}

/** The array without its element at `index`. */
export function coreRemoveAt(queue: CoreMessage[], index: Int): CoreMessage[] {
  const out: CoreMessage[] = [];
  for (let i: Int = 0; i < queue.length; i++) {
    if (i !== index) {
      out.push(queue[i]);
    }
  }
  return out;
}

/**
 * Appends a message, then drops by priority while more than `maxMessages` wait (messages of
 * the batch in flight, `inflight`, are on their way and do not count: a burst taken while a
 * batch is out must not lose messages for it). The message is pushed onto `queue` itself
 * (copying the queue on every call made each call cost the Task time in proportion to the
 * queue); `result.queue` is that array, or a new one when something had to be dropped.
 */
export function coreEnqueue(queue: CoreMessage[], msg: CoreMessage, maxMessages: Int, inflight: Record<string, boolean>): CoreQueueResult {
  let q: CoreMessage[] = queue;
  q.push(msg);
  const dropped: CoreMessage[] = [];
  const limit: Int = maxMessages + Object.keys(inflight).length;
  while (q.length > limit && q.length > 0) {
    const victim = coreChooseDrop(q, inflight);
    dropped.push(q[victim]);
    q = coreRemoveAt(q, victim);
  }
  const result: CoreQueueResult = { queue: q, dropped: dropped };
  return result;
}

/**
 * The queue without the messages whose ids are in `gone` (the ones a 202 accepted; the caller
 * makes the set as it takes them out of flight). A batch is usually the oldest messages, at
 * the front of the queue: those are shifted off `queue` itself, and the rest is copied only
 * when a message of `gone` is further back (copying a backlog of a thousand for each batch
 * made draining it cost the Task in proportion).
 */
export function coreRemoveIds(queue: CoreMessage[], gone: Record<string, boolean>): CoreMessage[] {
  let removed: Int = 0;
  while (queue.length > 0 && queue[0].id in gone) {
    queue.shift();
    removed++;
  }
  if (removed === Object.keys(gone).length) {
    return queue;
  }
  const out: CoreMessage[] = [];
  for (const m of queue) {
    if (!(m.id in gone)) {
      out.push(m);
    }
  }
  return out;
}

/**
 * The MPID a message is uploaded under: the one it was logged under, or `currentMpid` for a
 * message that has none (logged before the first identity answer, or stored by an SDK that
 * did not record it). Written out where it is called: batches ask it of every message.
 *
 * @inline
 */
export function coreMessageMpid(msg: CoreMessage, currentMpid: string): string {
  const mpid = msg.mpid;
  if (typeof mpid === 'string' && mpid !== '' && mpid !== '0') {
    return mpid as string;
  }
  return currentMpid;
}

/**
 * Indices of the messages of the next batch: the oldest ones not in flight, in queue order,
 * all of the MPID of the first one (a batch belongs to one user: the queue is split where
 * the user changes), while the batch holds at most `maxMessages` and its body at most
 * `maxBytes` (`overheadBytes` is the size of the batch without messages). A message too big
 * for any batch still goes alone, so the queue never stalls behind it. `maxBytes` <= 0 leaves
 * the size out (the caller checks the body it builds: sizing each message costs a JSON
 * encoding of it).
 */
export function coreAssembleBatch(queue: CoreMessage[], inflight: Record<string, boolean>, maxMessages: Int, maxBytes: Int, overheadBytes: Int, currentMpid: string): Int[] {
  const picks: Int[] = [];
  let bytes: Int = overheadBytes;
  let mpid = '';
  // Usually nothing is in flight when a batch is made: then no message needs the lookup.
  const anyInflight = Object.keys(inflight).length > 0;
  for (let i: Int = 0; i < queue.length; i++) {
    if (picks.length >= maxMessages) {
      break;
    }
    if (!anyInflight || !(queue[i].id in inflight)) {
      const owner = coreMessageMpid(queue[i], currentMpid);
      if (picks.length === 0) {
        mpid = owner;
      } else if (owner !== mpid) {
        break;
      }
      if (maxBytes > 0) {
        const size: Int = JSON.stringify(queue[i]).length + 1;
        if (picks.length > 0 && bytes + size > maxBytes) {
          break;
        }
        bytes = bytes + size;
      }
      picks.push(i);
    }
  }
  return picks;
}
