/**
 * The persisted queue: a compact JSON form of the upload queue that fits a registry budget.
 *
 * A channel has 32 KB of registry in all, and a media session logs many events that repeat the
 * same content attributes, so the form shares what repeats:
 *
 *   {"v":1, "t":<ct of the first message>,
 *    "s":[[sid, sct], ...]                  sessions
 *    "d":[{dt, n, et, ...}, ...]            message bodies without id/ct/sid/sct/attrs (shared)
 *    "k":["content_id", ...]                attribute keys
 *    "b":[[k, value, k, value, ...], ...]   per media session: the attributes all its queued events share
 *    "q":[[id, ct - previous ct, s, d, b, [k, value, ...] or 0], ...]}
 *
 * so a media event costs its id, a small time delta, a few indices and the attributes that
 * differ from its media session's block (usually the playhead and the call's custom attributes).
 * `est` is left out when it equals `ct` (custom events and screen views) and restored on read.
 */
import { Int, Long } from '../schema/numeric';
import { MEDIA_ATTRIBUTE } from '../schema/names';
import { coreChooseDrop, coreRemoveAt } from './core-queue';
import { CoreDecodeResult, CoreFitResult, CoreMessage } from './core-types';

/** The version of the persisted form; anything else is discarded on read. */
const CORE_STORE_VERSION = 1;

/** Whether `est` is implied by `ct` for this message type. */
function coreEstImplied(dt: string): boolean {
  return dt === 'e' || dt === 'v';
}

/** The media session a message belongs to, or "" when it is not a media event. */
function coreMediaSessionOf(msg: CoreMessage): string {
  if (msg.dt !== 'e' || msg.attrs === undefined || msg.attrs === null) {
    return '';
  }
  const value = msg.attrs[MEDIA_ATTRIBUTE.MEDIA_SESSION_ID];
  if (typeof value === 'string') {
    return value as string;
  }
  return '';
}

/** Index of `text` in a string table, appending it when new. Case-sensitive (unlike AA keys). */
function coreIntern(table: string[], text: string): Int {
  const i: Int = table.indexOf(text);
  if (i >= 0) {
    return i;
  }
  table.push(text);
  return table.length - 1;
}

/**
 * For each media session with two or more queued events: the attributes (key -> value) that
 * all of them carry with the same value.
 */
function coreSharedBlocks(queue: CoreMessage[]): Record<string, Record<string, unknown>> {
  const counts: Record<string, Int> = {};
  for (const msg of queue) {
    const ms = coreMediaSessionOf(msg);
    if (ms !== '') {
      if (ms in counts) {
        counts[ms] = counts[ms] + 1;
      } else {
        counts[ms] = 1;
      }
    }
  }
  const blocks: Record<string, Record<string, unknown>> = {};
  for (const msg of queue) {
    const ms = coreMediaSessionOf(msg);
    if (ms !== '' && counts[ms] > 1) {
      const attrs = msg.attrs as Record<string, unknown>;
      if (!(ms in blocks)) {
        blocks[ms] = Object.assign({}, attrs);
      } else {
        const block = blocks[ms];
        for (const key of Object.keys(block)) {
          if (!(key in attrs) || attrs[key] !== block[key]) {
            delete block[key];
          }
        }
      }
    }
  }
  return blocks;
}

/** Attributes as [key index, value, ...], leaving out the keys `skip` holds with the same value. */
function coreFlatAttrs(attrs: Record<string, unknown>, skip: Record<string, unknown>, keys: string[]): unknown[] {
  const flat: unknown[] = [];
  for (const key of Object.keys(attrs)) {
    if (!(key in skip) || skip[key] !== attrs[key]) {
      flat.push(coreIntern(keys, key));
      flat.push(attrs[key]);
    }
  }
  return flat;
}

/** The persisted form of the whole queue, as JSON text. */
export function coreEncodeQueue(queue: CoreMessage[]): string {
  const sessions: unknown[] = [];
  const sessionIds: string[] = [];
  const bodies: unknown[] = [];
  const bodyTexts: string[] = [];
  const keys: string[] = [];
  const blockRows: unknown[] = [];
  const blockIds: string[] = [];
  const shared = coreSharedBlocks(queue);
  const entries: unknown[] = [];
  let base: Long = 0;
  if (queue.length > 0) {
    base = queue[0].ct;
  }
  let previous: Long = base;
  for (const msg of queue) {
    let sessionIndex: Int = -1;
    if (typeof msg.sid === 'string') {
      sessionIndex = sessionIds.indexOf(msg.sid as string);
      if (sessionIndex < 0) {
        sessionIds.push(msg.sid as string);
        sessions.push([msg.sid, msg.sct]);
        sessionIndex = sessionIds.length - 1;
      }
    }
    const body: Record<string, unknown> = {};
    for (const key of Object.keys(msg)) {
      if (key !== 'id' && key !== 'ct' && key !== 'sid' && key !== 'sct' && key !== 'attrs') {
        body[key] = msg[key];
      }
    }
    if ('est' in body && coreEstImplied(msg.dt) && body['est'] === msg.ct) {
      delete body['est'];
    }
    const bodyText = JSON.stringify(body);
    let bodyIndex: Int = bodyTexts.indexOf(bodyText);
    if (bodyIndex < 0) {
      bodyTexts.push(bodyText);
      bodies.push(body);
      bodyIndex = bodyTexts.length - 1;
    }
    let blockIndex: Int = -1;
    let block: Record<string, unknown> = {};
    const ms = coreMediaSessionOf(msg);
    if (ms !== '' && ms in shared) {
      block = shared[ms];
      blockIndex = blockIds.indexOf(ms);
      if (blockIndex < 0) {
        blockIds.push(ms);
        blockRows.push(coreFlatAttrs(block, {}, keys));
        blockIndex = blockIds.length - 1;
      }
    }
    let attrs: unknown = 0;
    if (msg.attrs !== undefined && msg.attrs !== null) {
      attrs = coreFlatAttrs(msg.attrs, block, keys);
    }
    entries.push([msg.id, msg.ct - previous, sessionIndex, bodyIndex, blockIndex, attrs]);
    previous = msg.ct;
  }
  const store: Record<string, unknown> = { v: CORE_STORE_VERSION, t: base, s: sessions, d: bodies, k: keys, b: blockRows, q: entries };
  return JSON.stringify(store);
}

/** A whole number from persisted data, or -1 when it is anything else. */
function coreIndexOf(value: unknown): Int {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value as Int;
  }
  return -1;
}

/** Attributes rebuilt from [key index, value, ...] into `into`; false when the data is corrupt. */
function coreUnflatten(flat: unknown, keys: unknown[], into: Record<string, unknown>): boolean {
  if (!Array.isArray(flat)) {
    return false;
  }
  const items = flat as unknown[];
  if (items.length % 2 !== 0) {
    return false;
  }
  for (let i: Int = 0; i < items.length; i = i + 2) {
    const k = coreIndexOf(items[i]);
    if (k < 0 || k >= keys.length || typeof keys[k] !== 'string') {
      return false;
    }
    into[keys[k] as string] = items[i + 1];
  }
  return true;
}

/** The `name` field of persisted data as an array, or [] when it is missing or not an array. */
function coreStoreList(store: Record<string, unknown>, name: string): unknown[] {
  const value = store[name];
  if (Array.isArray(value)) {
    return value as unknown[];
  }
  return [];
}

/**
 * The messages of a persisted queue (ParseJson's result: anything, as registry data may be
 * corrupt). Unreadable entries are skipped and counted; unreadable data gives an empty queue.
 */
export function coreDecodeQueue(data: unknown): CoreDecodeResult {
  const messages: CoreMessage[] = [];
  let skipped: Int = 0;
  const empty: CoreDecodeResult = { messages: messages, skipped: 0 };
  if (typeof data !== 'object' || data === undefined || data === null || Array.isArray(data)) {
    return empty;
  }
  const store = data as Record<string, unknown>;
  if (store['v'] !== CORE_STORE_VERSION || typeof store['t'] !== 'number') {
    return empty;
  }
  const sessions = coreStoreList(store, 's');
  const bodies = coreStoreList(store, 'd');
  const keys = coreStoreList(store, 'k');
  const blocks = coreStoreList(store, 'b');
  const entries = coreStoreList(store, 'q');
  let ct: Long = store['t'] as Long;
  for (const raw of entries) {
    let ok = Array.isArray(raw);
    let entry: unknown[] = [];
    if (ok) {
      entry = raw as unknown[];
      ok = entry.length === 6 && typeof entry[0] === 'string' && typeof entry[1] === 'number';
    }
    let msg: CoreMessage = { dt: '', id: '', ct: 0 };
    if (ok) {
      ct = ct + (entry[1] as Long);
      const d = coreIndexOf(entry[3]);
      ok = d >= 0 && d < bodies.length && typeof bodies[d] === 'object' && !Array.isArray(bodies[d]);
      if (ok) {
        msg = Object.assign({}, bodies[d] as Record<string, unknown>) as CoreMessage;
        ok = typeof msg.dt === 'string';
      }
    }
    if (ok) {
      msg.id = entry[0] as string;
      msg.ct = ct;
      if (coreEstImplied(msg.dt) && !('est' in msg)) {
        msg.est = ct;
      }
      const s = coreIndexOf(entry[2]);
      if (s >= 0) {
        const session = sessions[s];
        ok = s < sessions.length && Array.isArray(session);
        if (ok) {
          const pair = session as unknown[];
          ok = pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'number';
          if (ok) {
            msg.sid = pair[0] as string;
            msg.sct = pair[1] as Long;
          }
        }
      }
    }
    if (ok && Array.isArray(entry[5])) {
      const attrs: Record<string, unknown> = {};
      const b = coreIndexOf(entry[4]);
      if (b >= 0) {
        ok = b < blocks.length && coreUnflatten(blocks[b], keys, attrs);
      }
      if (ok) {
        ok = coreUnflatten(entry[5], keys, attrs);
      }
      msg.attrs = attrs;
    }
    if (ok) {
      messages.push(msg);
    } else {
      skipped++;
    }
  }
  const result: CoreDecodeResult = { messages: messages, skipped: skipped };
  return result;
}

/**
 * The queue fitted to `budgetBytes` of persisted text: while the encoded queue is larger,
 * the message coreChooseDrop picks is dropped. Returns the kept queue, what was dropped
 * (oldest first among equals) and the text to store.
 */
export function coreFitQueue(queue: CoreMessage[], inflight: Record<string, boolean>, budgetBytes: Int): CoreFitResult {
  let q: CoreMessage[] = queue;
  const dropped: CoreMessage[] = [];
  let text = coreEncodeQueue(q);
  while (text.length > budgetBytes && q.length > 0) {
    const victim = coreChooseDrop(q, inflight);
    dropped.push(q[victim]);
    q = coreRemoveAt(q, victim);
    text = coreEncodeQueue(q);
  }
  const result: CoreFitResult = { queue: q, dropped: dropped, text: text };
  return result;
}
