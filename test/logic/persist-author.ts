/**
 * Source of the store reducer's step vectors in test/vectors/core/persist-*.json
 * (src-ts/logic/core-persist.ts, storeReduce): the scenarios as steps, with the effects the
 * TypeScript reducer gives for each, and seeded random input sequences (randomPersistVector).
 *
 *   npx tsx test/logic/persist-author.ts           # check: every file matches its scenario
 *   npx tsx test/logic/persist-author.ts --write   # (re)write; expected = current output
 *
 * A rewritten vector must be reviewed by hand (git diff) before it is committed.
 */
import * as path from 'node:path';
import seedrandom from 'seedrandom';
import { storeReduce } from '../../src-ts/logic/core-persist';
import { coreEncodeQueue, coreNoBatch, coreNoStored, coreWriteOk } from '../../src-ts/logic/core-store';
import type { CoreMessage } from '../../src-ts/logic/core-types';
import { refreshGoldens } from './goldens';
import { runReducerVector, type ReducerStep, type ReducerVector } from './reducer-vectors';

export const PERSIST_VECTOR_DIR = path.join(__dirname, '..', 'vectors', 'core');
export const T0 = 1593007500000;

type Obj = Record<string, unknown>;

export interface PersistVector extends ReducerVector {
  expected?: unknown[][];
}

/** The Task's core before mParticle_taskLoad (task-core.brs mParticle_taskStart), over `over`. */
export function persistInitialState(over: Obj = {}): Obj {
  const base: Obj = {
    queue: [],
    inflightIds: {},
    stored: coreNoStored(),
    storedWritten: '',
    storedLimit: 0,
    writeState: coreWriteOk(),
    notStored: 0,
    fitKept: 0,
    queueDirty: false,
    stateDirty: false,
    persistNow: false,
    persistAt: 0,
    persistDelay: 1000,
    das: '',
    ltv: 0,
    cookies: {},
    mpid: '0',
    optedOut: false,
    users: {},
    ia: {},
    appVersion: '',
    session: { active: false, id: '', start: 0, last: 0, attrs: {}, mpids: [] },
    firstRun: false,
    options: { queueBudgetBytes: 6000, registryReserveBytes: 4000, maxBatchMessages: 20 },
    queueKeyBytes: 30,
    eventsInFlight: false,
    logLevel: 3,
    ids: ['uuid-1', 'uuid-2', 'uuid-3'],
  };
  return JSON.parse(JSON.stringify({ ...base, ...over })) as Obj;
}

/** `count` queued messages: a session start, then media events of one media session. */
export function persistMessages(count: number, from = 0): CoreMessage[] {
  const out: CoreMessage[] = [];
  for (let i = from; i < from + count; i++) {
    const ct = T0 + 1000 + i * 250;
    if (i === 0) out.push({ dt: 'ss', id: 'm0', ct, sid: 's1', sct: T0, mpid: '1001' });
    else out.push({ dt: 'e', id: `m${i}`, ct, sid: 's1', sct: T0, n: i % 5 === 0 ? 'Pause' : 'Play', et: 'Media', est: ct, mpid: '1001', attrs: { media_session_id: 'ms1', content_id: 'movie-1', playhead: i * 10 } });
  }
  return out;
}

/** The load input of a registry holding `state` (a value or raw text) and `queue` (raw text). */
export function loadInput(state: unknown, queueText: string): Obj {
  const input: Obj = { kind: 'load', queueText };
  const stateText = typeof state === 'string' ? state : JSON.stringify(state);
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  };
  if (stateText !== '' && parse(stateText) !== undefined) input.state = parse(stateText);
  if (queueText !== '' && parse(queueText) !== undefined) input.queue = parse(queueText);
  return input;
}

const FULL_STATE = {
  v: 1,
  das: 'das-old',
  ltv: 12,
  ck: { uid: { c: 'u1', e: '2030-01-01' } },
  mpid: '1001',
  optOut: false,
  users: { '1001': { ui: {}, ua: { tier: 'gold' } } },
  ia: { '1': { k: 'v' } },
  context: 'ctx-1',
  appVersion: '1.0.0',
  session: { id: 's1', start: T0, last: T0 + 9000, attrs: { a: 'b' }, mpids: ['1001'] },
  prev: { id: 's0', start: T0 - 90000, length: 30000 },
};

/** Steps `after` ms apart. */
class Steps {
  steps: ReducerStep[] = [];
  t = T0 + 20000;
  add(input: Obj, after = 10): this {
    this.t += after;
    this.steps.push({ t: this.t, input });
    return this;
  }
  /** A whole persist as the glue runs it: persist, its space, its flush. */
  persist(space = 20000, millis = 5): this {
    return this.add({ kind: 'persist' }).add({ kind: 'space', space }, 1).add({ kind: 'flushed', millis }, 1);
  }
}

const BATCH = { id: 'b1', ct: T0 + 15000, ids: ['m1', 'm2', 'm3'] };
const QUEUE_TEXT = coreEncodeQueue(persistMessages(6), coreNoBatch());
const QUEUE_IN_FLIGHT = coreEncodeQueue(persistMessages(6), BATCH);
const STORED_TEXT = coreEncodeQueue(persistMessages(3), coreNoBatch());
const ACCEPTED_BEFORE_STOP = QUEUE_IN_FLIGHT.slice(0, -1) + ',"x":[0,1]}';

export const PERSIST_SCENARIOS: PersistVector[] = [
  {
    name: 'persist-restore-missing',
    description: 'A first run: no state, no queue: a new device stamp from the pool, defaults, and the first persist writes the state and deletes nothing.',
    state: persistInitialState(),
    steps: new Steps().add(loadInput('', '')).persist().steps,
  },
  {
    name: 'persist-restore-corrupt',
    description: 'State and queue texts that are not JSON, then a state of the wrong types: every member falls back to its default, a broken session or prev is dropped.',
    state: persistInitialState(),
    steps: new Steps()
      .add(loadInput('{"v":1,"das":', '{"v":1,"t":'))
      .add({ kind: 'persist' })
      .add(loadInput({ v: 1, das: 5, ltv: 'x', ck: [], mpid: '', optOut: 'yes', users: 3, ia: 'no', appVersion: 2, session: { id: 1, start: T0, last: T0 }, prev: { id: 's0', start: 'x' } }, '[1,2]'))
      .add({ kind: 'persist' }).steps,
  },
  {
    name: 'persist-restore-old',
    description: 'A full state with a running session (it ends at its last event); a queue of another version is discarded; one with unreadable entries loses only those.',
    state: persistInitialState(),
    steps: new Steps()
      .add(loadInput(FULL_STATE, QUEUE_TEXT.replace('"v":1', '"v":0')))
      .persist()
      .add(loadInput(FULL_STATE, QUEUE_TEXT.replace(/"q":\[\["m1",/, '"q":[["m1","bad",').replace('"d":[', '"d":[7,')))
      .persist().steps,
  },
  {
    name: 'persist-restart-inflight',
    description: 'A restart with a batch in flight: it is restored as the batch and the retry batch, its messages in flight; its acceptance is marked in the text written ("x") without encoding again.',
    state: persistInitialState(),
    steps: new Steps()
      .add(loadInput(FULL_STATE, QUEUE_IN_FLIGHT))
      .persist()
      .add({ kind: 'accepted', ids: ['m1', 'm2', 'm3'] })
      .add({ kind: 'flushed', millis: -1 }, 1)
      .add({ kind: 'persistBatch' }).steps,
  },
  {
    name: 'persist-restart-accepted',
    description: 'A batch accepted just before the stop: the messages marked "x" are not restored, and the batch goes again with what is left of it.',
    state: persistInitialState(),
    steps: new Steps().add(loadInput(FULL_STATE, ACCEPTED_BEFORE_STOP)).persist().steps,
  },
  {
    name: 'persist-budget',
    description: 'A queue larger than queueBudgetBytes is written in part (the wording names the budget, each message left out is listed at debug level); a persist with nothing changed writes nothing.',
    state: persistInitialState({ queue: persistMessages(60), queueDirty: true, mpid: '1001' }),
    steps: new Steps().persist(30000).add({ kind: 'persist' }).steps,
  },
  {
    name: 'persist-reserve',
    description: 'A nearly full registry: the queue keeps registryReserveBytes free for the channel (the wording says so); at the info level the list of what was left out is not built.',
    state: persistInitialState({ queue: persistMessages(40), queueDirty: true, mpid: '1001', logLevel: 2 }),
    steps: new Steps().persist(5200).steps,
  },
  {
    name: 'persist-refused',
    description: 'A refused state write, then a refused queue write: nothing lost in memory, the stored queue deleted, a retry after the delay with half the bytes (the wording says so), then the registry takes it again.',
    state: persistInitialState({ queue: persistMessages(30), queueDirty: true, stateDirty: true, mpid: '1001', das: 'das-1' }),
    steps: new Steps()
      .persist()
      .add({ kind: 'persist' }, 100)
      .add({ kind: 'refused', what: 'state', tried: 0, millis: 40 }, 1)
      .add({ kind: 'persist' }, 500)
      .add({ kind: 'persist' }, 2000)
      .add({ kind: 'space', space: 20000 }, 1)
      .add({ kind: 'refused', what: 'queue', tried: 1020, millis: 20 }, 1)
      .add({ kind: 'persistBatch' }, 10)
      .add({ kind: 'persist' }, 4000)
      .add({ kind: 'space', space: 20000 }, 1)
      .add({ kind: 'flushed', millis: 8 }, 1).steps,
  },
  {
    name: 'persist-refused-flush',
    description: 'A refused flush after a queue write: the key is deleted at once (unchecked flush), writes wait for the retry; a batch going out meanwhile only marks the queue dirty.',
    state: persistInitialState({ queue: persistMessages(8), queueDirty: true, mpid: '1001' }),
    steps: new Steps()
      .add({ kind: 'persist' })
      .add({ kind: 'space', space: 20000 }, 1)
      .add({ kind: 'refused', what: 'flush', tried: 900, millis: 150 }, 1)
      .add({ kind: 'persistBatch' })
      .add({ kind: 'tick' }, 1000)
      .add({ kind: 'tick' }, 1500)
      .add({ kind: 'space', space: 20000 }, 1)
      .add({ kind: 'flushed', millis: 3 }, 1).steps,
  },
  {
    name: 'persist-deferred',
    description: 'A deferred write is not due before persistAt; while a batch is out it waits up to 5 s; a slow write spaces the next ones (10 x its time); a batch going out of unchanged messages writes nothing, one over the limit rewrites the queue whole.',
    state: persistInitialState({ queue: persistMessages(10), queueDirty: true, stateDirty: true, eventsInFlight: true, persistAt: T0 + 20500, mpid: '1001', das: 'das-1' }),
    steps: new Steps()
      .add({ kind: 'tick' })
      .add({ kind: 'tick' }, 600)
      .add({ kind: 'tick' }, 3000)
      .add({ kind: 'tick' }, 2000)
      .add({ kind: 'space', space: 20000 }, 1)
      .add({ kind: 'flushed', millis: 300 }, 1)
      .add({ kind: 'persistBatch' })
      .add({ kind: 'persist' })
      .add({ kind: 'tick' }).steps,
  },
  {
    name: 'persist-batch-marks',
    description: 'A batch out of messages the registry does not hold yet writes nothing; an acceptance is appended to the text last written ("x"), untimed; one that would pass the last plan\'s bytes rewrites the queue whole.',
    state: persistInitialState({
      queue: persistMessages(6),
      mpid: '1001',
      stored: { text: STORED_TEXT, positions: { m0: 0, m1: 1, m2: 2 }, base: T0 + 1000, accepted: [] },
      storedWritten: STORED_TEXT,
      storedLimit: STORED_TEXT.length + 8,
      batch: { id: 'b2', ct: T0 + 19000, mpid: '1001', msgs: persistMessages(3, 3) },
    }),
    steps: new Steps()
      .add({ kind: 'persistBatch' })
      .add({ kind: 'accepted', ids: ['m0'] })
      .add({ kind: 'flushed', millis: -1 }, 1)
      .add({ kind: 'accepted', ids: ['m1', 'nosuch'] })
      .add({ kind: 'space', space: 20000 }, 1)
      .add({ kind: 'flushed', millis: 2 }, 1).steps,
  },
  {
    name: 'persist-write-state',
    description: 'The state alone, its flush, an upload answer that changed the cookies (stateChanged), and an input the store does not know.',
    state: persistInitialState({ das: 'das-1', mpid: '1001', stateDirty: true, cookies: { uid: { c: 'u2' } }, previousSession: { id: 's0', start: T0, length: 5 } }),
    steps: new Steps().add({ kind: 'writeState' }).add({ kind: 'flush' }).add({ kind: 'flushed', millis: -1 }).add({ kind: 'stateChanged' }).add({ kind: 'nosuch' }).steps,
  },
];

/** A seeded random sequence of store inputs from a restart with a batch in flight. */
export function randomPersistVector(name: string): PersistVector {
  const rng = seedrandom(name);
  const n = 5 + Math.floor(rng() * 40);
  const msgs = persistMessages(n);
  const batchIds = msgs.slice(0, Math.min(n, 1 + Math.floor(rng() * 10))).map((m) => m.id);
  const text = rng() < 0.7 ? coreEncodeQueue(msgs, { id: 'rb', ct: T0 + 5000, ids: batchIds }) : '';
  const budget = 1000 + Math.floor(rng() * 8000);
  const s = new Steps();
  s.add(loadInput(rng() < 0.8 ? FULL_STATE : '', text));
  const kinds = ['persist', 'tick', 'space', 'persistBatch', 'accepted', 'refused', 'flushed', 'writeState', 'flush', 'stateChanged'];
  for (let i = 0; i < 25; i++) {
    const kind = kinds[Math.floor(rng() * kinds.length)];
    const input: Obj = { kind };
    if (kind === 'space') input.space = Math.floor(rng() * 12000);
    if (kind === 'accepted') input.ids = msgs.filter(() => rng() < 0.3).map((m) => m.id);
    if (kind === 'refused') {
      input.what = ['state', 'queue', 'flush'][Math.floor(rng() * 3)];
      input.tried = Math.floor(rng() * 6000);
      input.millis = rng() < 0.5 ? -1 : Math.floor(rng() * 400);
    }
    if (kind === 'flushed') input.millis = rng() < 0.5 ? -1 : Math.floor(rng() * 400);
    s.add(input, Math.floor(rng() * 4000));
  }
  return { name, description: 'seeded random store inputs', state: persistInitialState({ options: { queueBudgetBytes: budget, registryReserveBytes: 2000, maxBatchMessages: 10 }, eventsInFlight: rng() < 0.5 }), steps: s.steps };
}

/** A scenario with the effects the reducer gives now. */
export function authorPersistVector(v: PersistVector): PersistVector {
  return { ...v, expected: runReducerVector(storeReduce, v).effects };
}

if (require.main === module) {
  refreshGoldens(PERSIST_SCENARIOS.map((v) => ({ file: path.join(PERSIST_VECTOR_DIR, `${v.name}.json`), text: JSON.stringify(authorPersistVector(v), null, 1) + '\n' })));
}
