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
 *    "q":[[id, ct - previous ct, s, d, b, [k, value, ...] or 0], ...]
 *    "f":[batch id, batch ct - t, [index in q, ...]]   the batch in flight, only when there is one
 *    "x":[index in q, ...]}                 entries the server has accepted since they were written
 *
 * so a media event costs its id, a small time delta, a few indices and the attributes that
 * differ from its media session's block (usually the playhead and the call's custom attributes).
 * `est` is left out when it equals `ct` (custom events and screen views) and restored on read.
 * The batch in flight costs its id, a time delta and one small index per message (about 50
 * bytes plus 3 a message); readers that predate "f" ignore it, so the version stays 1.
 *
 * "f" and "x" are what changes between two encodings of the queue: coreStoredText appends them
 * to the text last written when a batch goes out or is accepted, instead of encoding the queue
 * again for each batch. This file alone writes and reads the form. Each message of "q" may carry
 * the MPID it was logged under in its body ("mpid"), which is how a message keeps its user
 * across a restart.
 *
 * The registry is the channel's too (32 KB shared by every channel of a developer ID):
 * corePersistPlan says how much of it the queue may take, coreFitBudget fits the queue to that,
 * and coreWriteRetry decides what a refused write means.
 */
import { Double, Int, Long } from '../schema/numeric';
import { MEDIA_ATTRIBUTE } from '../schema/names';
import { coreDropOrder } from './core-queue';
import { coreDoubledMillis } from './core-retry';
import { CoreBatchRef, CoreDecodeResult, CoreFitResult, CoreMessage, CorePersistPlan, CoreStored, CoreStoreFit, CoreWriteOutcome, CoreWriteState } from './core-types';

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

/**
 * A string table with a lookup: `index` finds a candidate in one step, where a scan of the
 * table per attribute made encoding a full queue take seconds. AA keys ignore case but the
 * table must not (attribute keys are case-sensitive downstream), so a hit is confirmed
 * against the table and a case-variant falls back to a scan.
 */
interface CoreTable {
  items: string[];
  index: Record<string, Int>;
}

function coreNewTable(): CoreTable {
  const table: CoreTable = { items: [], index: {} };
  return table;
}

/** Index of `text` in a string table, appending it when new. Case-sensitive. */
function coreIntern(table: CoreTable, text: string): Int {
  if (text in table.index) {
    const hit: Int = table.index[text];
    if (table.items[hit] === text) {
      return hit;
    }
    const scanned: Int = table.items.indexOf(text);
    if (scanned >= 0) {
      return scanned;
    }
  } else {
    table.index[text] = table.items.length;
  }
  table.items.push(text);
  return table.items.length - 1;
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
          // coreSameValue inlined: this runs for every attribute of every queued message.
          const mine = attrs[key];
          const shared = block[key];
          let same = false;
          if (typeof mine === 'string' && typeof shared === 'string') {
            same = (mine as string) === (shared as string);
          } else {
            same = key in attrs && mine === shared;
          }
          if (!same) {
            delete block[key];
          }
        }
      }
    }
  }
  return blocks;
}

/**
 * `a === b` for attribute values, with strings (all of a media event's values) compared
 * directly: the general comparison costs the Task a function call per attribute per message.
 */
function coreSameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    return (a as string) === (b as string);
  }
  return a === b;
}

/** Attributes as [key index, value, ...], leaving out the keys `skip` holds with the same value. */
function coreFlatAttrs(attrs: Record<string, unknown>, skip: Record<string, unknown>, keys: CoreTable): unknown[] {
  const flat: unknown[] = [];
  for (const key of Object.keys(attrs)) {
    const value = attrs[key];
    const skipped = skip[key];
    let same = false;
    if (typeof value === 'string' && typeof skipped === 'string') {
      same = (value as string) === (skipped as string);
    } else {
      same = key in skip && coreSameValue(skipped, value);
    }
    if (!same) {
      flat.push(coreIntern(keys, key));
      flat.push(attrs[key]);
    }
  }
  return flat;
}

/** No batch in flight. */
export function coreNoBatch(): CoreBatchRef {
  const none: CoreBatchRef = { id: '', ct: 0, ids: [] };
  return none;
}

/** The messages of `queue` whose ids are listed, in queue order (those no longer queued are left out). */
export function coreBatchMessages(queue: CoreMessage[], ids: string[]): CoreMessage[] {
  const wanted: Record<string, boolean> = {};
  for (const id of ids) {
    wanted[id] = true;
  }
  const out: CoreMessage[] = [];
  for (const m of queue) {
    if (m.id in wanted) {
      out.push(m);
    }
  }
  return out;
}

/**
 * The persisted form of the whole queue and of the batch in flight (`coreNoBatch()` for none),
 * as JSON text. Only the batch's messages still in the queue are referenced; a batch with none
 * is left out.
 */
export function coreEncodeQueue(queue: CoreMessage[], batch: CoreBatchRef): string {
  const sessions: unknown[] = [];
  const sessionIds = coreNewTable();
  const bodies: unknown[] = [];
  const bodyTexts = coreNewTable();
  const keys = coreNewTable();
  const blockRows: unknown[] = [];
  const blockIds = coreNewTable();
  const shared = coreSharedBlocks(queue);
  const entries: unknown[] = [];
  let base: Long = 0;
  if (queue.length > 0) {
    base = queue[0].ct;
  }
  let previous: Long = base;
  const positions: Record<string, Int> = {};
  for (const msg of queue) {
    positions[msg.id] = entries.length;
    let sessionIndex: Int = -1;
    if (typeof msg.sid === 'string') {
      sessionIndex = coreIntern(sessionIds, msg.sid as string);
      if (sessionIndex === sessions.length) {
        sessions.push([msg.sid, msg.sct]);
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
    const bodyIndex: Int = coreIntern(bodyTexts, bodyText);
    if (bodyIndex === bodies.length) {
      bodies.push(body);
    }
    let blockIndex: Int = -1;
    let block: Record<string, unknown> = {};
    const ms = coreMediaSessionOf(msg);
    if (ms !== '' && ms in shared) {
      block = shared[ms];
      blockIndex = coreIntern(blockIds, ms);
      if (blockIndex === blockRows.length) {
        blockRows.push(coreFlatAttrs(block, {}, keys));
      }
    }
    let attrs: unknown = 0;
    if (msg.attrs !== undefined && msg.attrs !== null) {
      attrs = coreFlatAttrs(msg.attrs, block, keys);
    }
    entries.push([msg.id, msg.ct - previous, sessionIndex, bodyIndex, blockIndex, attrs]);
    previous = msg.ct;
  }
  const store: Record<string, unknown> = { v: CORE_STORE_VERSION, t: base, s: sessions, d: bodies, k: keys.items, b: blockRows, q: entries };
  if (batch.id !== '') {
    const refs: Int[] = [];
    for (const id of batch.ids) {
      if (id in positions) {
        refs.push(positions[id]);
      }
    }
    if (refs.length > 0) {
      store['f'] = [batch.id, batch.ct - base, refs];
    }
  }
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
  const empty: CoreDecodeResult = { messages: messages, skipped: 0, batch: coreNoBatch() };
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
  const accepted: Record<string, boolean> = {};
  for (const item of coreStoreList(store, 'x')) {
    accepted[String(coreIndexOf(item))] = true;
  }
  // The id of the message read from each entry of "q" ("" for an unreadable or accepted one), for "f".
  const entryIds: string[] = [];
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
    if (ok && String(entryIds.length) in accepted) {
      entryIds.push('');
    } else if (ok) {
      messages.push(msg);
      entryIds.push(msg.id);
    } else {
      skipped++;
      entryIds.push('');
    }
  }
  const result: CoreDecodeResult = { messages: messages, skipped: skipped, batch: coreDecodeBatch(store['f'], store['t'] as Long, entryIds) };
  return result;
}

/**
 * The batch in flight from the persisted "f" ([id, ct - t, [entry index, ...]]), or no batch
 * when it is missing, corrupt, or none of its messages could be read.
 */
function coreDecodeBatch(raw: unknown, base: Long, entryIds: string[]): CoreBatchRef {
  if (!Array.isArray(raw)) {
    return coreNoBatch();
  }
  const f = raw as unknown[];
  if (f.length !== 3 || typeof f[0] !== 'string' || f[0] === '' || typeof f[1] !== 'number' || !Array.isArray(f[2])) {
    return coreNoBatch();
  }
  const ids: string[] = [];
  const seen: Record<string, boolean> = {};
  for (const item of f[2] as unknown[]) {
    const i = coreIndexOf(item);
    if (i >= 0 && i < entryIds.length && entryIds[i] !== '' && !(entryIds[i] in seen)) {
      seen[entryIds[i]] = true;
      ids.push(entryIds[i]);
    }
  }
  if (ids.length === 0) {
    return coreNoBatch();
  }
  const batch: CoreBatchRef = { id: f[0] as string, ct: base + (f[1] as Long), ids: ids };
  return batch;
}

/** Queues of up to this many messages are tried whole first; longer ones start from an estimate. */
const CORE_FIT_PROBE = 32;

/**
 * The queue fitted to `budgetBytes` of persisted text (with the batch in flight, `batch`): the
 * messages are left out in coreDropOrder until the encoded rest fits. Returns the kept queue
 * (in queue order), what was left out (in drop order) and the text to store.
 *
 * Encoding is the cost and grows with what is encoded, so a long queue is never encoded whole:
 * the bytes per message of its CORE_FIT_PROBE best-kept messages give a first count, and each
 * encoding's length gives the next (keeping more never makes the encoding shorter), until the
 * count that fits is next to one that does not, or, for a queue longer than CORE_FIT_PROBE,
 * until what is left of the budget could not hold two more messages: an exact fit would cost
 * more encodings than the room is worth. The cost follows the budget, not the queue.
 */
export function coreFitQueue(queue: CoreMessage[], inflight: Record<string, boolean>, budgetBytes: Int, batch: CoreBatchRef): CoreFitResult {
  return coreFitQueueFrom(queue, inflight, budgetBytes, batch, 0);
}

/**
 * coreFitQueue starting from `hint` kept messages (the count the last fit kept; 0 for none)
 * instead of a probe: a queue that grows between two writes usually keeps about as many, so
 * one or two encodings settle it.
 */
export function coreFitQueueFrom(queue: CoreMessage[], inflight: Record<string, boolean>, budgetBytes: Int, batch: CoreBatchRef, hint: Int): CoreFitResult {
  const n: Int = queue.length;
  const order = coreDropOrder(queue, inflight);
  // Kept counts: `fits` is known to fit (keeping none counts as fitting), `tooMany` not to.
  let fits: Int = 0;
  let tooMany: Int = n + 1;
  let best: CoreFitResult = coreWithoutFirst(queue, order, n, batch);
  let guess: Int = n;
  let close = false;
  if (n > CORE_FIT_PROBE && hint > 0) {
    guess = Math.min(hint, n);
  } else if (n > CORE_FIT_PROBE) {
    const probe = coreWithoutFirst(queue, order, n - CORE_FIT_PROBE, batch);
    if (probe.text.length <= budgetBytes) {
      fits = CORE_FIT_PROBE;
      best = probe;
    } else {
      tooMany = CORE_FIT_PROBE;
    }
    guess = coreKeepEstimate(CORE_FIT_PROBE, probe.text.length, budgetBytes);
  }
  // The last encoding (count, length): with the next one, the bytes a further message adds
  // (tables are shared, so a message costs less than the average of a few).
  let lastKept: Int = -1;
  let lastLength: Int = 0;
  while (tooMany - fits > 1 && !close) {
    if (guess <= fits) {
      guess = fits + 1;
    }
    if (guess >= tooMany) {
      guess = tooMany - 1;
    }
    const candidate = coreWithoutFirst(queue, order, n - guess, batch);
    const length: Int = candidate.text.length;
    if (length <= budgetBytes) {
      fits = guess;
      best = candidate;
      close = n > CORE_FIT_PROBE && (budgetBytes - length) * guess < 2 * length;
    } else {
      tooMany = guess;
    }
    const kept: Int = guess;
    guess = coreKeepEstimate(guess, length, budgetBytes);
    if (lastKept >= 0 && lastKept !== kept && length !== lastLength) {
      const perMessage: Double = (length - lastLength) / (kept - lastKept);
      if (perMessage > 0) {
        guess = kept + Math.floor((budgetBytes - length) / perMessage);
      }
    }
    lastKept = kept;
    lastLength = length;
  }
  return best;
}

/** How many messages may fit `budgetBytes`, from an encoding of `kept` messages that took `textLength`. */
function coreKeepEstimate(kept: Int, textLength: Int, budgetBytes: Int): Int {
  if (kept <= 0 || textLength <= 0) {
    return 1;
  }
  return Math.floor((kept * budgetBytes) / textLength);
}

/** The queue without the first `count` messages of `order`, with the text of what is kept. */
function coreWithoutFirst(queue: CoreMessage[], order: Int[], count: Int, batch: CoreBatchRef): CoreFitResult {
  const gone: Record<string, boolean> = {};
  const dropped: CoreMessage[] = [];
  for (let i: Int = 0; i < count; i++) {
    gone[String(order[i])] = true;
    dropped.push(queue[order[i]]);
  }
  const kept: CoreMessage[] = [];
  for (let i: Int = 0; i < queue.length; i++) {
    if (!(String(i) in gone)) {
      kept.push(queue[i]);
    }
  }
  const result: CoreFitResult = { queue: kept, dropped: dropped, text: coreEncodeQueue(kept, batch) };
  return result;
}

/**
 * Bytes the persisted queue may take now. `spaceAvailable` is GetSpaceAvailable() (read just
 * before the write, after the state was written), `ownQueueBytes` what the queue key holds now
 * (its name and value: the write replaces it), `keyBytes` the bytes of the key's name. The
 * queue never takes more than `budgetBytes`, nor more than leaves `reserveBytes` free for the
 * channel, nor more than `capBytes` (>= 0) after a refused write.
 */
export function corePersistPlan(spaceAvailable: Int, ownQueueBytes: Int, keyBytes: Int, budgetBytes: Int, reserveBytes: Int, capBytes: Int): CorePersistPlan {
  let bytes: Int = budgetBytes;
  let limitedBy = 'budget';
  if (capBytes >= 0 && capBytes < bytes) {
    bytes = capBytes;
    limitedBy = 'retry';
  }
  const room: Int = spaceAvailable + ownQueueBytes - keyBytes - reserveBytes;
  if (room < bytes) {
    bytes = room;
    limitedBy = 'reserve';
  }
  if (bytes < 0) {
    bytes = 0;
  }
  const plan: CorePersistPlan = { bytes: bytes, limitedBy: limitedBy };
  return plan;
}

/** What coreStoredText may add to a fitted text for one batch in flight and the accepted entries. */
function coreMarksRoom(maxBatchMessages: Int): Int {
  return 64 + 3 * maxBatchMessages;
}

/**
 * The queue fitted to `budgetBytes` (corePersistPlan's bytes), highest-priority messages
 * first (coreFitQueueFrom, from `hint` kept messages), leaving room for what coreStoredText
 * adds later (a batch in flight of up to `maxBatchMessages`, accepted entries): the text with
 * `batch` added is fitted again to a smaller size when it is over all the same. Nothing kept
 * gives the empty text (the key is deleted).
 */
export function coreFitBudget(queue: CoreMessage[], inflight: Record<string, boolean>, budgetBytes: Int, batch: CoreBatchRef, maxBatchMessages: Int, hint: Int): CoreStoreFit {
  let margin: Int = coreMarksRoom(maxBatchMessages);
  let fit = coreFitQueueFrom(queue, inflight, budgetBytes - margin, coreNoBatch(), hint);
  let stored = coreStoredOf(fit);
  let attempt: Int = 1;
  let length: Int = coreStoredText(stored, batch).length;
  while (length > budgetBytes && attempt < 3) {
    margin = margin + length - budgetBytes + 16;
    fit = coreFitQueueFrom(queue, inflight, budgetBytes - margin, coreNoBatch(), hint);
    stored = coreStoredOf(fit);
    length = coreStoredText(stored, batch).length;
    attempt++;
  }
  if (length > budgetBytes) {
    fit = coreWithoutFirst(queue, coreDropOrder(queue, inflight), queue.length, coreNoBatch());
    stored = coreStoredOf(fit);
  }
  const result: CoreStoreFit = { queue: fit.queue, dropped: fit.dropped, stored: stored };
  return result;
}

/** The stored form of a fit: positions of its messages, its base time; "" when it keeps nothing. */
function coreStoredOf(fit: CoreFitResult): CoreStored {
  const positions: Record<string, Int> = {};
  for (let i: Int = 0; i < fit.queue.length; i++) {
    positions[fit.queue[i].id] = i;
  }
  let base: Long = 0;
  let text = fit.text;
  if (fit.queue.length > 0) {
    base = fit.queue[0].ct;
  } else {
    text = '';
  }
  const stored: CoreStored = { text: text, positions: positions, base: base, accepted: [] };
  return stored;
}

/** Nothing stored (the key absent). */
export function coreNoStored(): CoreStored {
  const stored: CoreStored = { text: '', positions: {}, base: 0, accepted: [] };
  return stored;
}

/**
 * The text to write: the stored queue with the batch in flight ("f": those of its messages the
 * text holds) and the entries accepted since it was encoded ("x"). "" when nothing is stored.
 */
export function coreStoredText(stored: CoreStored, batch: CoreBatchRef): string {
  const text = stored.text;
  if (text === '') {
    return '';
  }
  let extra = '';
  if (batch.id !== '') {
    const refs: Int[] = [];
    for (const id of batch.ids) {
      if (id in stored.positions) {
        refs.push(stored.positions[id]);
      }
    }
    if (refs.length > 0) {
      extra = ',"f":' + JSON.stringify([batch.id, batch.ct - stored.base, refs]);
    }
  }
  if (stored.accepted.length > 0) {
    extra = extra + ',"x":' + JSON.stringify(stored.accepted);
  }
  if (extra === '') {
    return text;
  }
  return text.substring(0, text.length - 1) + extra + '}';
}

/** `stored` with the messages `ids` (those it holds) marked accepted. */
export function coreStoredAccept(stored: CoreStored, ids: string[]): CoreStored {
  const accepted: Int[] = [];
  for (const i of stored.accepted) {
    accepted.push(i);
  }
  for (const id of ids) {
    if (id in stored.positions) {
      accepted.push(stored.positions[id]);
    }
  }
  const next: CoreStored = { text: stored.text, positions: stored.positions, base: stored.base, accepted: accepted };
  return next;
}

/** No refused write pending. */
export function coreWriteOk(): CoreWriteState {
  const state: CoreWriteState = { failures: 0, capBytes: -1, retryAt: 0 };
  return state;
}

/** The first retry of a refused write waits this long, doubling up to CORE_WRITE_RETRY_MAX_MILLIS. */
const CORE_WRITE_RETRY_MILLIS = 2000;
const CORE_WRITE_RETRY_MAX_MILLIS = 60000;

/**
 * After a registry write of the SDK (`what`: "queue", "state" or "flush") was refused
 * (`refused`) or went through, with the queue text `triedBytes` long. A refusal keeps every
 * message in memory (the queue is never cut for the registry), halves the size the queue may
 * take (when a queue was tried) and schedules another try, doubling the wait; only the first refusal of a run of them
 * is logged. The queue the registry holds is deleted: it no longer matches what was sent or
 * accepted since, and a restart that read it would send again, under a new batch id, what the
 * server already has. Success lets the queue grow back, twice the size per write.
 */
export function coreWriteRetry(state: CoreWriteState, what: string, refused: boolean, triedBytes: Int, budgetBytes: Int, now: Long): CoreWriteOutcome {
  if (refused) {
    const failures: Int = state.failures + 1;
    // A refusal with no queue text (the state's write, nothing stored) says nothing of the queue's size.
    let cap: Int = state.capBytes;
    if (triedBytes > 0) {
      cap = Math.floor(triedBytes / 2);
      if (state.capBytes >= 0 && state.capBytes < triedBytes) {
        cap = Math.floor(state.capBytes / 2);
      }
    }
    let delay: Long = coreDoubledMillis(CORE_WRITE_RETRY_MILLIS, failures - 1, CORE_WRITE_RETRY_MAX_MILLIS);
    if (delay > CORE_WRITE_RETRY_MAX_MILLIS) {
      delay = CORE_WRITE_RETRY_MAX_MILLIS;
    }
    let log = '';
    if (state.failures === 0) {
      let size = '';
      if (cap >= 0) {
        size = ` with at most ${cap} bytes of queue`;
      }
      log = `the registry refused the ${what} write (full, or failing): every message stays in memory and is uploaded from there; trying again in ${delay} ms${size}`;
    }
    const next: CoreWriteState = { failures: failures, capBytes: cap, retryAt: now + delay };
    const out: CoreWriteOutcome = { state: next, log: log, dropStored: true };
    return out;
  }
  let cap: Int = state.capBytes;
  if (cap >= 0) {
    cap = cap * 2;
    if (cap < 256) {
      cap = 256;
    }
    if (cap >= budgetBytes) {
      cap = -1;
    }
  }
  let log = '';
  if (state.failures > 0) {
    log = `the registry took the ${what} write again`;
  }
  const next: CoreWriteState = { failures: 0, capBytes: cap, retryAt: 0 };
  const out: CoreWriteOutcome = { state: next, log: log, dropStored: false };
  return out;
}
