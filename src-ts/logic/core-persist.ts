/**
 * Persistence and restore as one reducer: what the Task reads back from the registry at its
 * start (the state and the queue, with the batch that was in flight), what it writes and when
 * (the deferred writes, the 5 s rule while a batch is out), how the queue is fitted to the
 * registry (core-store.ts) and what a refused write or flush means. Transpiled; the Task feeds
 * it inputs and carries out its effects on roRegistrySection (task-storage.brs); proven
 * identical in TypeScript and BrightScript by test/vectors/core/persist-*.json.
 *
 * The persisted state (key "state") is one JSON object, version 1:
 *   {"v":1, "das":<device stamp>, "ltv":<number>, "ck":{cookies}, "mpid":<string>,
 *    "optOut":<boolean>, "users":{per MPID}, "ia":{integration attributes}, "context":<any>,
 *    "appVersion":<string>, "session":{id, start, last, attrs, mpids} (only while one runs),
 *    "prev":{id, start, length} (the last session that ended)}
 * Every member read back may be corrupt: one of the wrong type is replaced by its default.
 * The persisted queue (key "queue") is core-store.ts's form.
 *
 * Decisions that are ours:
 * - A registry write of the queue waits for GetSpaceAvailable(), read after the state was
 *   written: the reducer asks for it (`measure`) and goes on with the `space` input.
 * - A refused write or flush keeps everything in memory, deletes the queue the registry holds
 *   (it no longer says what was sent or accepted since) and is tried again later with less
 *   (coreWriteRetry).
 */
import { Int, Long } from '../schema/numeric';
import { LOG_LEVEL } from '../schema/names';
import { coreTakeId } from './core-ids';
import { coreMessageMpid } from './core-queue';
import { coreBatchMessages, coreDecodeQueue, coreFitBudget, coreNoBatch, coreNoStored, corePersistPlan, coreStoredAccept, coreStoredText, coreWriteOk, coreWriteRetry } from './core-store';
import { CoreBatchRef, CoreMessage, CoreStored, CoreWriteState } from './core-types';

/** The version of the persisted state. */
const STORE_STATE_VERSION = 1;
/** A deferred write waits for the batch out at most this long. */
const STORE_BATCH_WAIT_MILLIS = 5000;
/** Deferred writes are at least this far apart, and ten times what the last one took. */
const STORE_MIN_DELAY_MILLIS = 1000;

/** The batch being uploaded, as the Task keeps it. */
export interface StoreBatch {
  id: string;
  ct: Long;
  mpid: string;
  msgs: CoreMessage[];
}

export interface StoreSession {
  active: boolean;
  id: string;
  start: Long;
  last: Long;
  attrs: Record<string, unknown>;
  mpids: unknown[];
}

/** What the store reads and owns of the Task's `core` (the names are core's; no copy). */
export interface StoreState {
  queue: CoreMessage[];
  inflightIds: Record<string, boolean>;
  batch?: StoreBatch;
  retryBatch?: StoreBatch;
  /** What the last queue write holds (core-store.ts), and its text as written ("" for none). */
  stored: CoreStored;
  storedWritten: string;
  /** The bytes the last queue write was allowed. */
  storedLimit: Int;
  writeState: CoreWriteState;
  /** Messages the last queue write left out, and how many it kept. */
  notStored: Int;
  fitKept: Int;
  queueDirty: boolean;
  stateDirty: boolean;
  persistNow: boolean;
  /** When the deferred write is due; 0 for none. */
  persistAt: Long;
  persistDelay: Long;
  das: string;
  ltv: number;
  cookies: Record<string, unknown>;
  mpid: string;
  optedOut: boolean;
  users: Record<string, unknown>;
  ia: Record<string, unknown>;
  context?: unknown;
  appVersion: string;
  session: StoreSession;
  previousSession?: Record<string, unknown>;
  firstRun: boolean;
  options: { queueBudgetBytes: Int; registryReserveBytes: Int; maxBatchMessages: Int };
  /** The bytes of the queue key's name in the registry section. */
  queueKeyBytes: Int;
  eventsInFlight: boolean;
  logLevel: Int;
  ids: string[];
}

/**
 * What the Task hands the reducer:
 * - `load`: the registry at the start: `state` and `queue` parsed (invalid when absent or not
 *   JSON) and `queueText`, the queue's text as read;
 * - `persist`: write what changed now; `tick`: the deferred write, when due; `writeState`:
 *   write the state alone; `flush`: flush what was written; `stateChanged`: an upload's
 *   answer changed the state: the state written and flushed now, unless a refused write waits;
 * - `space`: GetSpaceAvailable() (`space`), asked for by a `measure` effect;
 * - `persistBatch`: a batch went out; `accepted`: the messages `ids` were accepted or dropped for good;
 * - `refused`: the registry refused the write or flush `what` (echoed from its effect with
 *   `tried`); `flushed`: a flush went through. Both carry `millis`, what the persist took
 *   until then when its effect was `timed` (else -1).
 */
export interface StoreInput {
  kind: string;
  state?: unknown;
  queue?: unknown;
  queueText?: string;
  space?: Int;
  ids?: string[];
  what?: string;
  tried?: Int;
  millis?: Long;
}

/**
 * What the Task must do, in order, by `type`:
 * - `write`: write `text` under `key`; `delete`: delete `key`; `flush`: flush the section.
 *   One with a `what` (not "") that the registry refuses ends the list: the Task feeds a
 *   `refused` input (`what`, `tried`, `millis` when `timed`) instead of going on; a flush that
 *   goes through feeds `flushed`;
 * - `measure`: read GetSpaceAvailable() and feed it as a `space` input;
 * - `log`: print `text` at `level`;
 * - `endRestoredSession`: the session restored in `core.session` ends at its last event.
 */
export interface StoreEffect {
  type: string;
  key?: string;
  text?: string;
  what?: string;
  tried?: Int;
  timed?: boolean;
  level?: Int;
}

export interface StoreResult {
  state: StoreState;
  effects: StoreEffect[];
}

export function storeReduce(state: StoreState, input: StoreInput, now: Long): StoreResult {
  const out: StoreResult = { state: state, effects: [] };
  const kind = input.kind;
  if (kind === 'tick') {
    if (state.persistAt > 0 && now >= state.persistAt) {
      if (!state.eventsInFlight || now - state.persistAt >= STORE_BATCH_WAIT_MILLIS) {
        storePersist(out, now);
      }
    }
  } else if (kind === 'persist') {
    storePersist(out, now);
  } else if (kind === 'writeState') {
    storeWriteState(out, false);
  } else if (kind === 'flush') {
    storeFlush(out, false);
  } else if (kind === 'stateChanged') {
    // An upload's answer changed the state (cookies, lifetime value): written and flushed at
    // once, unless a refused write waits for its retry, which then writes it.
    state.stateDirty = true;
    if (state.writeState.retryAt === 0) {
      storeWriteState(out, false);
      storeFlush(out, false);
    }
  } else if (kind === 'space') {
    let space: Int = 0;
    if (typeof input.space === 'number') {
      space = input.space as Int;
    }
    storeWriteQueue(out, space);
  } else if (kind === 'persistBatch') {
    storePersistBatch(out, now);
  } else if (kind === 'accepted') {
    let ids: string[] = [];
    if (Array.isArray(input.ids)) {
      ids = input.ids as string[];
    }
    state.stored = coreStoredAccept(state.stored, ids);
    storePersistBatch(out, now);
  } else if (kind === 'refused') {
    storeRefused(out, input, now);
  } else if (kind === 'flushed') {
    storeTimed(state, input);
    const ws = state.writeState;
    if (ws.failures > 0 || ws.capBytes >= 0) {
      const outcome = coreWriteRetry(ws, 'queue', false, state.storedWritten.length, state.options.queueBudgetBytes, now);
      state.writeState = outcome.state;
      if (outcome.log !== '') {
        storeLog(out, LOG_LEVEL.INFO, outcome.log);
      }
    }
  } else if (kind === 'load') {
    storeLoad(out, input, now);
  } else {
    storeLog(out, LOG_LEVEL.ERROR, `store: unknown input ${kind}`);
  }
  return out;
}

/** When the Task must wake for the deferred write (0: nothing deferred). */
export function storeWakeAt(state: StoreState, now: Long): Long {
  if (state.persistAt <= 0) {
    return 0;
  }
  // A deferred write that waits for the batch out (storeReduce's tick) is due 5 s later.
  if (state.eventsInFlight && state.persistAt <= now) {
    return state.persistAt + STORE_BATCH_WAIT_MILLIS;
  }
  return state.persistAt;
}

function storeLog(out: StoreResult, level: Int, text: string): void {
  out.effects.push({ type: 'log', level: level, text: text });
}

/** A write the Task must report back when refused. */
function storeWrite(out: StoreResult, key: string, text: string, what: string, tried: Int, timed: boolean): void {
  out.effects.push({ type: 'write', key: key, text: text, what: what, tried: tried, timed: timed });
}

function storeFlush(out: StoreResult, timed: boolean): void {
  out.effects.push({ type: 'flush', what: 'flush', tried: out.state.storedWritten.length, timed: timed });
}

/**
 * On a slow device (or the simulator) encoding the queue takes a while: deferred writes are
 * spaced so that they never take more than a tenth of the Task's time.
 */
function storeTimed(state: StoreState, input: StoreInput): void {
  if (typeof input.millis === 'number' && (input.millis as Long) >= 0) {
    state.persistDelay = Math.max(STORE_MIN_DELAY_MILLIS, 10 * (input.millis as Long));
  }
}

/**
 * Writes what changed: the state first (the session and the user the queue depends on), then
 * the queue, once the registry's free space is known (`measure`, then the `space` input).
 */
function storePersist(out: StoreResult, now: Long): void {
  const s = out.state;
  s.persistNow = false;
  s.persistAt = 0;
  if (!s.queueDirty && !s.stateDirty) {
    return;
  }
  if (s.writeState.retryAt > now) {
    s.persistAt = s.writeState.retryAt;
    return;
  }
  if (s.stateDirty) {
    storeWriteState(out, true);
  }
  if (s.queueDirty) {
    out.effects.push({ type: 'measure' });
  } else {
    storeFlush(out, true);
  }
}

/** Writes the state (the Task's `stateDirty` is true again when the registry refuses it). */
function storeWriteState(out: StoreResult, timed: boolean): void {
  const s = out.state;
  const text = storeStateText(s);
  s.stateDirty = false;
  if (text === '') {
    storeLog(out, LOG_LEVEL.ERROR, 'could not write the state as JSON');
  } else {
    storeWrite(out, 'state', text, 'state', s.storedWritten.length, timed);
  }
}

/** The persisted state's text (the format at the top of this file). */
export function storeStateText(s: StoreState): string {
  const state: Record<string, unknown> = { v: STORE_STATE_VERSION, das: s.das, ltv: s.ltv, ck: s.cookies, mpid: s.mpid, optOut: s.optedOut, users: s.users, ia: s.ia };
  if (s.context !== undefined) {
    state['context'] = s.context;
  }
  state['appVersion'] = s.appVersion;
  const r = s.session;
  if (r.active) {
    state['session'] = { id: r.id, start: r.start, last: r.last, attrs: r.attrs, mpids: r.mpids };
  }
  if (s.previousSession !== undefined) {
    state['prev'] = s.previousSession;
  }
  return JSON.stringify(state);
}

/** The batch in flight as the persisted form references it. */
function storeBatchRef(s: StoreState): CoreBatchRef {
  const batch = s.batch;
  if (batch === undefined) {
    return coreNoBatch();
  }
  const ids: string[] = [];
  for (const msg of batch.msgs) {
    ids.push(msg.id);
  }
  const ref: CoreBatchRef = { id: batch.id, ct: batch.ct, ids: ids };
  return ref;
}

/**
 * The queue in memory is never cut to fit the registry: corePersistPlan bounds only what is
 * written, the messages most worth keeping first (coreFitBudget). The others are still
 * uploaded from memory; only a channel that stops before they are loses them, as the log says.
 */
function storeWriteQueue(out: StoreResult, space: Int): void {
  const s = out.state;
  const opts = s.options;
  let own: Int = 0;
  if (s.storedWritten !== '') {
    own = s.queueKeyBytes + s.storedWritten.length;
  }
  const plan = corePersistPlan(space, own, s.queueKeyBytes, opts.queueBudgetBytes, opts.registryReserveBytes, s.writeState.capBytes);
  // The count the last write kept is a good start only if the size, not the queue, bounded it.
  let hint: Int = 0;
  if (s.notStored > 0) {
    hint = s.fitKept;
  }
  const batch = storeBatchRef(s);
  const fit = coreFitBudget(s.queue, s.inflightIds, plan.bytes, batch, opts.maxBatchMessages, hint);
  s.queueDirty = false;
  s.fitKept = fit.queue.length;
  s.storedLimit = plan.bytes;
  s.stored = fit.stored;
  const text = coreStoredText(fit.stored, batch);
  // Written before it is logged (a refusal ends the effects): a log line names what the registry holds.
  storeWriteStored(out, text, true);
  const left: Int = fit.dropped.length;
  const kept = `queue written: ${fit.queue.length}`;
  if (left > 0) {
    let why = 'queueBudgetBytes';
    if (plan.limitedBy === 'reserve') {
      why = `the registry's free space less registryReserveBytes (${space} bytes free, ${opts.registryReserveBytes} kept for the channel)`;
    } else if (plan.limitedBy === 'retry') {
      why = 'the smaller size tried after a refused write';
    }
    if (left !== s.notStored) {
      storeLog(out, LOG_LEVEL.INFO, `${kept} of ${s.queue.length} message(s), ${text.length} bytes; ${left} do not fit ${why}: they are kept in memory and uploaded, and lost only if the channel stops first`);
    }
    if (s.logLevel >= LOG_LEVEL.DEBUG) {
      const labels: string[] = [];
      for (const msg of fit.dropped) {
        let label = msg.dt;
        if (typeof msg.n === 'string') {
          label = label + ':' + (msg.n as string);
        }
        labels.push(label);
      }
      storeLog(out, LOG_LEVEL.DEBUG, `${kept} message(s), ${text.length} bytes; not written [${labels.join(', ')}]`);
    }
  } else {
    storeLog(out, LOG_LEVEL.DEBUG, `${kept} message(s), ${text.length} bytes`);
  }
  s.notStored = left;
  storeFlush(out, true);
}

/** Writes the queue's text ("" deletes the key: nothing is kept). */
function storeWriteStored(out: StoreResult, text: string, timed: boolean): void {
  const s = out.state;
  if (text === '') {
    if (s.storedWritten !== '') {
      out.effects.push({ type: 'delete', key: 'queue' });
    }
  } else {
    storeWrite(out, 'queue', text, 'queue', text.length, timed);
  }
  s.storedWritten = text;
}

/**
 * A batch went out or was accepted: the text last written gets its "f" or "x" (coreStoredText),
 * without encoding the queue again; written again whole when that would not fit the last plan.
 */
function storePersistBatch(out: StoreResult, now: Long): void {
  const s = out.state;
  // A refused write is pending: its retry writes the queue whole.
  if (s.writeState.retryAt > 0) {
    s.queueDirty = true;
    return;
  }
  // The registry still holds the previous run's text, or none was written: encode the queue.
  if (s.stored.text === '' && s.storedWritten !== '') {
    s.queueDirty = true;
    storePersist(out, now);
    return;
  }
  const text = coreStoredText(s.stored, storeBatchRef(s));
  // A batch none of whose messages were written yet (a burst, whose write waits while it is
  // delivered) changes nothing in the registry: no write, no flash wear.
  if (text === s.storedWritten) {
    return;
  }
  if (text.length > s.storedLimit) {
    s.queueDirty = true;
    storePersist(out, now);
    return;
  }
  storeWriteStored(out, text, false);
  storeFlush(out, false);
}

/** A write or flush the registry refused: what it means is coreWriteRetry's. */
function storeRefused(out: StoreResult, input: StoreInput, now: Long): void {
  const s = out.state;
  storeTimed(s, input);
  let what = 'queue';
  if (typeof input.what === 'string') {
    what = input.what as string;
  }
  let tried: Int = 0;
  if (typeof input.tried === 'number') {
    tried = input.tried as Int;
  }
  const outcome = coreWriteRetry(s.writeState, what, true, tried, s.options.queueBudgetBytes, now);
  s.writeState = outcome.state;
  if (outcome.log !== '') {
    storeLog(out, LOG_LEVEL.ERROR, outcome.log);
  } else {
    storeLog(out, LOG_LEVEL.DEBUG, `the registry refused the ${what} write again`);
  }
  // Flushed at once: a restart must not read a queue that says less than was sent since. A
  // refused queue write deletes the key whatever it held before.
  if (outcome.dropStored && s.storedWritten !== '') {
    out.effects.push({ type: 'delete', key: 'queue' });
    out.effects.push({ type: 'flush', what: '' });
    s.storedWritten = '';
  }
  s.stored = coreNoStored();
  s.queueDirty = true;
  s.stateDirty = true;
  s.persistAt = s.writeState.retryAt;
}

/** `value` when it is a string, else `fallback`. */
function storeString(value: unknown, fallback: string): string {
  if (typeof value === 'string') {
    return value as string;
  }
  return fallback;
}

/** `value` when it is an associative array, else a new empty one. */
function storeObject(value: unknown): Record<string, unknown> {
  if (typeof value === 'object' && !Array.isArray(value) && value !== null) {
    return value as Record<string, unknown>;
  }
  return {};
}

/** What the registry held at the start: the state, the queue, the batch in flight, the running session. */
function storeLoad(out: StoreResult, input: StoreInput, now: Long): void {
  const s = out.state;
  s.stored = coreNoStored();
  s.storedLimit = 0;
  s.writeState = coreWriteOk();
  const state = storeObject(input.state);
  s.das = storeString(state['das'], '');
  s.firstRun = s.das === '';
  if (s.firstRun) {
    s.das = coreTakeId(s, now);
  }
  s.ltv = 0;
  if (typeof state['ltv'] === 'number') {
    s.ltv = state['ltv'] as number;
  }
  s.cookies = storeObject(state['ck']);
  s.mpid = storeString(state['mpid'], '0');
  if (s.mpid === '') {
    s.mpid = '0';
  }
  s.optedOut = false;
  if (typeof state['optOut'] === 'boolean') {
    s.optedOut = state['optOut'] as boolean;
  }
  s.users = storeObject(state['users']);
  s.ia = storeObject(state['ia']);
  if ('context' in state) {
    s.context = state['context'];
  }
  s.appVersion = storeString(state['appVersion'], '');
  const prev = state['prev'];
  if (typeof prev === 'object' && !Array.isArray(prev) && prev !== null) {
    const p = prev as Record<string, unknown>;
    if (typeof p['id'] === 'string' && typeof p['start'] === 'number' && typeof p['length'] === 'number') {
      s.previousSession = p;
    }
  }

  s.storedWritten = storeString(input.queueText, '');
  const decoded = coreDecodeQueue(input.queue);
  s.queue = decoded.messages;
  if (decoded.skipped > 0) {
    storeLog(out, LOG_LEVEL.ERROR, `the stored queue had ${decoded.skipped} unreadable message(s); they are lost`);
  }
  // The batch that was in flight goes again first, unchanged: the server may have accepted it
  // before the channel stopped, and it ignores a batch id it has already seen.
  if (decoded.batch.id !== '') {
    const msgs = coreBatchMessages(s.queue, decoded.batch.ids);
    let mpid = s.mpid;
    if (msgs.length > 0) {
      mpid = coreMessageMpid(msgs[0], s.mpid);
    }
    const batch: StoreBatch = { id: decoded.batch.id, ct: decoded.batch.ct, mpid: mpid, msgs: msgs };
    for (const msg of msgs) {
      s.inflightIds[msg.id] = true;
    }
    s.batch = batch;
    s.retryBatch = batch;
    storeLog(out, LOG_LEVEL.INFO, `batch ${batch.id} of the previous run (${msgs.length} message(s)) is sent again first`);
  }

  // A session still running when the channel stopped ends at its last event.
  const r = state['session'];
  if (typeof r === 'object' && !Array.isArray(r) && r !== null) {
    const session = r as Record<string, unknown>;
    if (typeof session['id'] === 'string' && typeof session['start'] === 'number' && typeof session['last'] === 'number') {
      let mpids: unknown[] = [];
      if (Array.isArray(session['mpids'])) {
        mpids = session['mpids'] as unknown[];
      }
      const restored: StoreSession = { active: true, id: session['id'] as string, start: session['start'] as Long, last: session['last'] as Long, attrs: storeObject(session['attrs']), mpids: mpids };
      s.session = restored;
      out.effects.push({ type: 'endRestoredSession' });
    }
  }
  s.queueDirty = true;
  s.stateDirty = true;
  s.persistNow = true;
}
