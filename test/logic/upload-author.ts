/**
 * Source of the upload vectors in test/vectors/core/upload-*.json: the scenarios as fully
 * given steps (test/logic/reducer-vectors.ts), with the effects the TypeScript reducer gives.
 *
 *   npx tsx test/logic/upload-author.ts           # check: every file matches its scenario
 *   npx tsx test/logic/upload-author.ts --write   # (re)write; expected = current output
 *
 * A rewritten vector must be reviewed by hand (git diff) before it is committed. Texts are
 * ASCII without quotes: the simulator's FormatJson escapes neither quotes nor as JavaScript does
 * other characters, and a body's length decides the batches.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import seedrandom from 'seedrandom';
import { identityTypeNumbers } from '../../src-ts/logic/core-identity';
import { uploadReduce, type UploadState } from '../../src-ts/logic/core-upload';
import { refreshGoldens } from './goldens';
import { runReducerVector, type ReducerStep, type ReducerVector } from './reducer-vectors';

export const UPLOAD_VECTOR_DIR = path.join(__dirname, '..', 'vectors', 'core');
export const T0 = 1593007500000;

type Obj = Record<string, unknown>;

/** The Task's upload state after a start with a known user and an empty queue (task-core.brs). */
export function uploadInitialState(over: Obj = {}, options: Obj = {}): UploadState & Obj {
  const base = {
    ready: true,
    queue: [],
    inflightIds: {},
    eventsInFlight: false,
    uploadRequested: false,
    nextUploadTime: T0 + 10000,
    backoffUntil: 0,
    attempt: 0,
    dropped: 0,
    mpid: '1001',
    users: {
      '1001': { ui: { customerid: { i: 'c1', dfs: T0 - 5000, f: true } }, ua: { tier: 'gold' } },
      '2002': { ui: {}, ua: { tier: 'silver' }, con: { gdpr: { analytics: { c: true, ts: 1 } } } },
    },
    identityTypes: identityTypeNumbers(),
    ltv: 0,
    cookies: { uid: { c: 'u-1', e: 'never' } },
    ai: { an: 'Channel', av: '1.0', apn: 'dev', abn: '1', env: 2 },
    di: { dp: 'Roku', p: '4800X', rpb: 'rpb-1' },
    das: 'das-1',
    ia: {},
    dev: false,
    sdkVersion: '3.0.0',
    options: { maxBatchMessages: 100, maxBatchBytes: 100000, uploadIntervalMillis: 10000, sessionTimeoutMillis: 60000, ...options },
    eventsUrl: 'https://nativesdks.mparticle.com/v2/us1-key/events',
    ids: ['b-1', 'b-2', 'b-3', 'b-4', 'b-5', 'b-6', 'b-7', 'b-8'],
    requests: {},
    credentialsLogged: false,
    sessionNodeDirty: false,
    sessionPublishAt: 0,
    session: { active: true, last: T0 },
    // Identity's, for the wait (identityWakeAt).
    identityQueue: [],
    identityInFlight: false,
    identityRetryAt: 0,
    userNodeDirty: false,
  };
  return JSON.parse(JSON.stringify({ ...base, ...over })) as UploadState & Obj;
}

/** A custom event, logged under `mpid` ("" for none yet). */
export function uploadMessage(n: number, mpid = '1001', pad = 0): Obj {
  const msg: Obj = { dt: 'e', id: `m${n}`, ct: T0 + n, sid: 's-1', sct: T0, n: `event ${n}`, et: 'other', attrs: { k: 'v'.repeat(pad + 1) } };
  if (mpid !== '') msg.mpid = mpid;
  return msg;
}

export function uploadMessages(from: number, to: number, mpid = '1001'): Obj[] {
  const out: Obj[] = [];
  for (let i = from; i <= to; i++) out.push(uploadMessage(i, mpid));
  return out;
}

/** Steps one after the other, `after` ms apart. */
class Steps {
  steps: ReducerStep[] = [];
  constructor(public t = T0) {}
  add(input: Obj, after = 10): this {
    this.t += after;
    this.steps.push({ t: this.t, input });
    return this;
  }
  at(t: number, input: Obj): this {
    this.t = t;
    this.steps.push({ t, input });
    return this;
  }
  tick(after = 10): this {
    return this.add({ kind: 'tick' }, after);
  }
  timeouts(after = 10): this {
    return this.add({ kind: 'timeouts' }, after);
  }
  answer(id: string, code: number, text = '', more: Obj = {}, after = 100): this {
    const input: Obj = { kind: 'answer', id, code, text, random: 0.5, ...more };
    if (code >= 200 && code < 300 && text !== '') {
      try {
        input.body = JSON.parse(text) as unknown;
      } catch {
        // Not JSON: no body, as the Task's ParseJson gives.
      }
    }
    return this.add(input, after);
  }
}

const DUE = T0 + 10000;

export const UPLOAD_SCENARIOS: Omit<ReducerVector, 'expected'>[] = [
  {
    name: 'upload-split-per-mpid',
    description: 'A batch belongs to one user: the queue is split where the MPID changes; a message without an MPID goes under the current one; each accepted batch lets the next go at once.',
    state: uploadInitialState({ queue: [...uploadMessages(1, 3), ...uploadMessages(4, 5, '2002'), uploadMessage(6, '')] }),
    steps: new Steps()
      .tick(100)
      .at(DUE, { kind: 'tick' })
      .answer('events:b-1', 202)
      .tick()
      .answer('events:b-2', 202)
      .tick()
      .answer('events:b-3', 202)
      .tick().steps,
  },
  {
    name: 'upload-limits',
    description: 'maxBatchMessages caps a batch; a body over maxBatchBytes is refitted message by message; a message too big for any batch still goes alone.',
    state: uploadInitialState({ queue: [uploadMessage(1), uploadMessage(2, '1001', 300), uploadMessage(3, '1001', 300), uploadMessage(4, '1001', 1500), uploadMessage(5), uploadMessage(6), uploadMessage(7)] }, { maxBatchBytes: 1500, maxBatchMessages: 2 }),
    steps: new Steps()
      .at(DUE, { kind: 'tick' })
      .answer('events:b-1', 202)
      .tick()
      .answer('events:b-2', 202)
      .tick()
      .answer('events:b-3', 202)
      .tick()
      .answer('events:b-4', 202)
      .tick().steps,
  },
  {
    name: 'upload-retries',
    description: 'A batch not delivered is sent again with the same id and messages: after the Retry-After of a 429 (seconds or an HTTP date), after a doubling backoff for 503, 5xx, 408 and transport failures; accepted at last, the attempts start again from 0.',
    state: uploadInitialState({ queue: uploadMessages(1, 3) }),
    steps: new Steps()
      .at(DUE, { kind: 'tick' })
      .answer('events:b-1', 429, 'slow down', { retryAfter: '5' })
      .tick(1000)
      .tick(4000)
      .answer('events:b-1', 503)
      .tick(1000)
      .tick(2000)
      .answer('events:b-1', 500)
      .tick(3000)
      .answer('events:b-1', -1)
      .tick(6000)
      .answer('events:b-1', 408)
      .tick(20000)
      .answer('events:b-1', 429, '', { retryAfter: 'Thu, 25 Jun 2020 14:05:30 GMT' })
      .tick(1000)
      .tick(20000)
      .answer('events:b-1', 429, '', { retryAfter: 'soon' })
      .tick(40000)
      .answer('events:b-1', 202)
      .tick(20000).steps,
  },
  {
    name: 'upload-refusals',
    description: '400, 401 and 403 drop the batch and log the refused credentials (an error the first time, at DEBUG after); 404 drops it; every refusal makes the next batch wait a backoff.',
    state: uploadInitialState({ queue: uploadMessages(1, 5) }, { maxBatchMessages: 1 }),
    steps: new Steps()
      .at(DUE, { kind: 'tick' })
      .answer('events:b-1', 401)
      .tick(2000)
      .answer('events:b-2', 403)
      .tick(3000)
      .answer('events:b-3', 400)
      .tick(5000)
      .answer('events:b-4', 404)
      .tick(10000)
      .answer('events:b-5', 202)
      .add({ kind: 'refused', what: 'identity login', code: 401 }).steps,
  },
  {
    name: 'upload-accepted-answers',
    description: 'A 202 body may carry cookies (merged) and a lifetime value (kept): the state is written then; a malformed or empty body changes nothing, and the batch is accepted all the same.',
    state: uploadInitialState({ queue: uploadMessages(1, 4) }, { maxBatchMessages: 1 }),
    steps: new Steps()
      .at(DUE, { kind: 'tick' })
      .answer('events:b-1', 202, '{"ci":{"ck":{"sid":{"c":"s-9","e":"later"}}},"iltv":12.5}')
      .tick()
      .answer('events:b-2', 202, 'not json')
      .tick()
      .answer('events:b-3', 200, '')
      .tick()
      .answer('events:b-4', 202, '{"ci":"none","iltv":"much"}')
      .tick().steps,
  },
  {
    name: 'upload-timeouts',
    description: 'A request unanswered for 30 s is cancelled and answered as a transport failure (an identity request to identity); its late answer is ignored; the batch goes again with the same id.',
    state: uploadInitialState({ queue: uploadMessages(1, 2) }),
    steps: new Steps()
      .at(DUE, { kind: 'tick' })
      .add({ kind: 'identityPost', url: 'https://identity.mparticle.com/v1/identify', body: '{}', headers: { 'x-mp-key': 'us1-key' }, request: { kind: 'identify', identities: {}, requestId: 'req-1' } }, 5000)
      .timeouts(24999)
      .timeouts(1)
      .answer('events:b-1', 202)
      .tick(1000)
      .timeouts(5000)
      .answer('events:b-1', 202)
      .tick().steps,
  },
  {
    name: 'upload-restored-batch',
    description: 'The batch in flight when the channel stopped (read back by the store: batch, retryBatch, its messages in flight) goes first, under the same id, before anything queued after it.',
    state: uploadInitialState({
      queue: uploadMessages(1, 5),
      batch: { id: 'old-batch', ct: T0 - 60000, mpid: '1001', msgs: uploadMessages(2, 3) },
      retryBatch: { id: 'old-batch', ct: T0 - 60000, mpid: '1001', msgs: uploadMessages(2, 3) },
      inflightIds: { m2: true, m3: true },
    }),
    steps: new Steps()
      .tick()
      .answer('events:old-batch', 202)
      .tick()
      .answer('events:b-1', 202)
      .tick().steps,
  },
  {
    name: 'upload-when-due',
    description: 'Nothing goes while the user is unknown or before the interval ends; upload() and a full batch queued send at once; one batch at a time.',
    state: uploadInitialState({ mpid: '0', queue: uploadMessages(1, 2, '') }, { maxBatchMessages: 3 }),
    steps: new Steps()
      .at(DUE + 10, { kind: 'tick' })
      .add({ kind: 'upload' })
      .tick()
      .steps,
  },
  {
    name: 'upload-requested',
    description: 'upload() sends before the interval ends; without it a queue under maxBatchMessages waits for the interval; a batch in flight holds the next.',
    state: uploadInitialState({ queue: uploadMessages(1, 2) }, { maxBatchMessages: 3 }),
    steps: new Steps()
      .tick()
      .add({ kind: 'upload' })
      .tick()
      .add({ kind: 'upload' })
      .tick()
      .answer('events:b-1', 202)
      .tick()
      .at(DUE + 20000, { kind: 'tick' })
      .steps,
  },
  {
    name: 'upload-backlog',
    description: 'A backlog drains batch after batch without waiting an interval between them; a full batch waiting goes before the interval ends.',
    state: uploadInitialState({ queue: uploadMessages(1, 8) }, { maxBatchMessages: 3 }),
    steps: new Steps()
      .tick()
      .answer('events:b-1', 202)
      .tick()
      .answer('events:b-2', 202)
      .tick()
      .answer('events:b-3', 202)
      .tick()
      .at(DUE + 5000, { kind: 'tick' })
      .steps,
  },
  {
    name: 'upload-requests',
    description: 'Identity requests are kept with the uploads: their answers (code, text, Retry-After) and their failures to start go to identity; a batch that could not start is retried; unknown answers are ignored.',
    state: uploadInitialState({ queue: uploadMessages(1, 2) }),
    steps: new Steps()
      .add({ kind: 'identityPost', url: 'https://identity.mparticle.com/v1/login', body: '{}', headers: { 'x-mp-key': 'us1-key' }, request: { kind: 'login', identities: { customerid: 'c2' }, requestId: 'req-2' } })
      .answer('identity:req-2', 429, 'busy', { retryAfter: '3' })
      .add({ kind: 'identityPost', url: 'https://identity.mparticle.com/v1/login', body: '{}', headers: {}, request: { kind: 'login', identities: { customerid: 'c2' }, requestId: 'req-2' } })
      .add({ kind: 'notStarted', id: 'identity:req-2' })
      .add({ kind: 'upload' })
      .tick()
      .add({ kind: 'notStarted', id: 'events:b-1' })
      .answer('events:nothing', 202)
      .tick(2000)
      .answer('events:b-1', 202, '{"iltv":3}')
      .add({ kind: 'sideways' }).steps,
  },
];

/** The vector files, by name. */
export function uploadVectors(): ReducerVector[] {
  return fs
    .readdirSync(UPLOAD_VECTOR_DIR)
    .filter((f) => f.startsWith('upload-') && f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(UPLOAD_VECTOR_DIR, f), 'utf8')) as ReducerVector);
}

export function authorUploadVector(s: Omit<ReducerVector, 'expected'>): ReducerVector & { expected: unknown[][] } {
  return { ...s, expected: runReducerVector(uploadReduce, s).effects };
}

const CODES = [202, 200, 202, 400, 401, 403, 404, 408, 429, 500, 503, -1, -28];
const RETRY_AFTER: unknown[] = [undefined, undefined, '2', '0', 'Thu, 25 Jun 2020 14:05:30 GMT', 'later', ' 7 '];
const BODIES = ['', 'not json', '{"iltv":4}', '{"ci":{"ck":{"k1":{"c":"v"}}}}', '{"ci":{"ck":"x"},"iltv":2.5}'];

/** A seeded random input sequence over a random queue of up to three users (fully given: answers name requests in flight). */
export function randomUploadVector(name: string): ReducerVector {
  const rng = seedrandom(name);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const queue: Obj[] = [];
  const n = 1 + Math.floor(rng() * 12);
  for (let i = 1; i <= n; i++) queue.push(uploadMessage(i, pick(['1001', '1001', '2002', '3003', '']), pick([0, 0, 50, 400])));
  const ids: string[] = [];
  for (let i = 1; i <= 40; i++) ids.push(`r-${i}`);
  const state = uploadInitialState({ queue, ids, mpid: pick(['1001', '1001', '0']) }, { maxBatchMessages: 1 + Math.floor(rng() * 5), maxBatchBytes: pick([100000, 1200, 2000]) });
  const v: ReducerVector = { name, description: 'seeded random inputs', state: JSON.parse(JSON.stringify(state)) as Obj, steps: [] };
  let t = T0;
  let live = JSON.parse(JSON.stringify(state)) as UploadState;
  let identity = 0;
  for (let s = 0; s < 30; s++) {
    t += pick([1, 10, 500, 2000, 12000, 31000]);
    const open = Object.keys(live.requests);
    const r = rng();
    let input: Obj;
    if (r < 0.3) input = { kind: 'tick' };
    else if (r < 0.4) input = { kind: 'timeouts' };
    else if (r < 0.45) input = { kind: 'upload' };
    else if (r < 0.5) input = { kind: 'identityPost', url: 'https://identity.mparticle.com/v1/identify', body: '{}', headers: {}, request: { kind: 'identify', identities: {}, requestId: `q-${identity++}` } };
    else if (r < 0.55 && open.length > 0) input = { kind: 'notStarted', id: pick(open) };
    else if (r < 0.58) input = { kind: 'refused', what: 'identity login', code: 403 };
    else {
      const code = pick(CODES);
      const text = pick(BODIES);
      input = { kind: 'answer', id: open.length > 0 && rng() < 0.9 ? pick(open) : 'events:stale', code, text, random: Math.floor(rng() * 1000) / 1000 };
      const retryAfter = pick(RETRY_AFTER);
      if (retryAfter !== undefined) input.retryAfter = retryAfter;
      if (code >= 200 && code < 300 && text.startsWith('{')) input.body = JSON.parse(text) as unknown;
    }
    v.steps.push({ t, input });
    live = uploadReduce(live, JSON.parse(JSON.stringify(input)) as never, t).state;
  }
  return v;
}

if (require.main === module) {
  refreshGoldens(UPLOAD_SCENARIOS.map((s) => ({ file: path.join(UPLOAD_VECTOR_DIR, `${s.name}.json`), text: JSON.stringify(authorUploadVector(s), null, 1) + '\n' })));
}
