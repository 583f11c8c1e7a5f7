/**
 * Uploads as one reducer: when a batch goes, what it holds and carries, what each answer does
 * to the queue, retries and backoff, transfer timeouts, and the requests in flight (identity's
 * too: their answers come back through the Task's one port). Transpiled
 * (docs/typescript-subset.md): the Task feeds it inputs and carries out the effects it returns
 * (task-network.brs); proven identical in TypeScript and BrightScript by
 * test/vectors/core/upload-*.json.
 *
 * Decisions that are ours:
 * - One batch at a time, of one user (the queue is split where the MPID changes), at most
 *   maxBatchMessages messages and maxBatchBytes of body (a message too big for any batch
 *   still goes alone).
 * - A batch's id, ct, MPID and messages stay fixed through every retry, and the batch is in
 *   the registry before it goes out (`persistBatch`): a restart sends it again first, under
 *   the same id, and the server tells a retry from a new batch.
 * - While a batch waits for a retry its messages stay in flight, so that a full queue drops
 *   other messages first.
 * - After an accepted batch the rest of a backlog goes at once, not an interval later.
 * - A request without an answer after UPLOAD_TRANSFER_TIMEOUT_MILLIS is cancelled and answered
 *   as a transport failure.
 */
import { Double, Int, Long } from '../schema/numeric';
import { LOG_LEVEL } from '../schema/names';
import { coreTakeId } from './core-ids';
import { identityBatchUi, identityUserOf, identityWakeAt, type IdentityRequest, type IdentityState, type IdentityUser } from './core-identity';
import { coreAssembleBatch, coreMessageMpid, coreRemoveIds } from './core-queue';
import { coreDecideResponse, coreParseRetryAfter } from './core-retry';
import { coreNextWakeMillis, coreSessionDeadline, coreUploadDueAt } from './core-session';
import { CoreMessage } from './core-types';

/** An unanswered request is cancelled and answered as a transport failure after this long. */
export const UPLOAD_TRANSFER_TIMEOUT_MILLIS = 30000;
/** The code of a request that timed out (curl's "operation timed out"), as a transfer gives it. */
const UPLOAD_TIMEOUT_CODE = -28;

/** A batch: its messages are picked once; id, ct and MPID go with every retry. */
export interface UploadBatch {
  id: string;
  ct: Long;
  mpid: string;
  msgs: CoreMessage[];
}

/** A request in flight: `events` (of batch `batch`) or `identity` (of `request`), sent at `sentAt`. */
export interface UploadRequest {
  kind: string;
  sentAt: Long;
  batch?: string;
  request?: IdentityRequest;
}

/**
 * What uploads read and own of the Task's state, under the names of the Task's `core` (the
 * Task passes it as the state: no copy). The store persists `batch` and reads it back into
 * `batch` and `retryBatch`; `requests` is pure data (the transfers live in the glue's
 * `transfers`, keyed by the same ids).
 */
export interface UploadState {
  ready: boolean;
  queue: CoreMessage[];
  /** Ids of the messages of the batch out or waiting for a retry. */
  inflightIds: Record<string, boolean>;
  /** The batch out or waiting for a retry; undefined for none. */
  batch?: UploadBatch;
  /** The batch waiting to be sent again; undefined for none. */
  retryBatch?: UploadBatch;
  eventsInFlight: boolean;
  uploadRequested: boolean;
  nextUploadTime: Long;
  /** No batch goes before this time; 0 for none. */
  backoffUntil: Long;
  /** Failures in a row of the uploads. */
  attempt: Int;
  dropped: Int;
  mpid: string;
  users: Record<string, IdentityUser>;
  identityTypes: Record<string, Int>;
  ltv: Double;
  cookies: Record<string, unknown>;
  ai: Record<string, unknown>;
  di: Record<string, unknown>;
  das: string;
  ia: Record<string, unknown>;
  dev: boolean;
  sdkVersion: string;
  options: {
    maxBatchMessages: Int;
    maxBatchBytes: Int;
    uploadIntervalMillis: Long;
    sessionTimeoutMillis: Long;
    dataPlanId?: string;
    dataPlanVersion?: unknown;
  };
  eventsUrl: string;
  ids: string[];
  requests: Record<string, UploadRequest>;
  /** The first refusal of the credentials was logged as an error. */
  credentialsLogged: boolean;
  /** The session field (queue counters) must be published again. */
  sessionNodeDirty: boolean;
  sessionPublishAt: Long;
  session: { active: boolean; last: Long };
}

/**
 * What the Task hands the reducer, by `kind`: `timeouts` (the start of a tick: requests
 * unanswered too long), `tick` (an upload may be due), `upload` (the channel called upload()),
 * `answer` (to request `id`: HTTP `code`, below 0 for none, the body as `text` and parsed as
 * `body` (undefined when it is not JSON), the Retry-After header and a random number in [0, 1)
 * for the jitter), `notStarted` (request `id` could not start), `identityPost` (identity sends
 * `body` to `url` with `headers` for `request`), `refused` (credentials refused: `what`, HTTP
 * `code`).
 */
export interface UploadInput {
  kind: string;
  id?: string;
  code?: Int;
  text?: string;
  body?: unknown;
  retryAfter?: unknown;
  random?: Double;
  url?: string;
  headers?: Record<string, string>;
  request?: IdentityRequest;
  what?: string;
}

/**
 * What the platform must do, in order, by `type`:
 * - `log`: print `text` at `level` (LOG_LEVEL);
 * - `post`: start request `id`, a signed POST of `body` (text) to `url` with `headers`; when
 *   it cannot start, hand back `notStarted`, else its answer;
 * - `cancel`: stop request `id` (no answer will be taken);
 * - `persistBatch`: write the batch reference (`batch`) to the registry;
 * - `persist`: write what waits to be written;
 * - `storeAccepted`: `msgs` are done with: mark them in the written queue;
 * - `stateDirty`: the persisted state (cookies, ltv) changed: write it now;
 * - `identityAnswer`: hand identity the answer (`code`, `text`, `retryAfter`) to `request`.
 */
export interface UploadEffect {
  type: string;
  level?: Int;
  text?: string;
  id?: string;
  url?: string;
  body?: string;
  headers?: Record<string, string>;
  msgs?: CoreMessage[];
  request?: IdentityRequest;
  code?: Int;
  retryAfter?: unknown;
}

export interface UploadResult {
  state: UploadState;
  effects: UploadEffect[];
}

/** One step at `now` (unix ms); the state is updated in place. Never throws. */
export function uploadReduce(state: UploadState, input: UploadInput, now: Long): UploadResult {
  const out: UploadResult = { state: state, effects: [] };
  if (!state.ready) {
    return out;
  }
  const kind = input.kind;
  if (kind === 'tick') {
    uploadStepTick(state, now, out);
  } else if (kind === 'timeouts') {
    uploadStepTimeouts(state, now, out);
  } else if (kind === 'upload') {
    state.uploadRequested = true;
  } else if (kind === 'answer') {
    let text = '';
    if (typeof input.text === 'string') {
      text = input.text as string;
    }
    uploadStepAnswer(state, input.id as string, input.code as Int, text, input.body, input.retryAfter, input.random as Double, now, out);
  } else if (kind === 'notStarted') {
    uploadLog(out, LOG_LEVEL.ERROR, `request ${input.id as string} could not start`);
    uploadStepAnswer(state, input.id as string, -1, '', undefined, undefined, 0, now, out);
  } else if (kind === 'identityPost') {
    const req = input.request as IdentityRequest;
    const id = `identity:${req.requestId}`;
    state.requests[id] = { kind: 'identity', sentAt: now, request: req };
    out.effects.push({ type: 'post', id: id, url: input.url as string, body: input.body as string, headers: input.headers as Record<string, string> });
  } else if (kind === 'refused') {
    uploadRefused(state, input.what as string, input.code as Int, out);
  } else {
    uploadLog(out, LOG_LEVEL.ERROR, `upload: unknown input ${kind}`);
  }
  return out;
}

/** When the next upload is due (coreUploadDueAt over the state), -1 for none. */
export function uploadDueAt(state: UploadState, now: Long): Long {
  return coreUploadDueAt(
    state.queue.length,
    state.options.maxBatchMessages,
    state.mpid,
    state.eventsInFlight,
    state.retryBatch !== undefined,
    state.uploadRequested,
    state.nextUploadTime,
    state.backoffUntil,
    now,
  );
}

/**
 * Milliseconds the Task may wait on its port: the earliest of `deadlines` (the store's) and of
 * identity's next step, the session field's publication, the session's timeout, the next
 * upload and the transfer timeouts (coreNextWakeMillis).
 */
export function uploadWaitMillis(state: UploadState, now: Long, deadlines: Long[]): Int {
  const all: Long[] = deadlines;
  // Identity's state is the same `core`: its wake-up reads its own fields of it.
  all.push(identityWakeAt(state as unknown as IdentityState, now));
  if (state.sessionNodeDirty) {
    all.push(state.sessionPublishAt);
  }
  all.push(coreSessionDeadline(state.session.active, state.session.last, state.options.sessionTimeoutMillis));
  all.push(uploadDueAt(state, now));
  for (const id of Object.keys(state.requests)) {
    all.push(state.requests[id].sentAt + UPLOAD_TRANSFER_TIMEOUT_MILLIS);
  }
  return coreNextWakeMillis(now, all);
}

/** Sends the batch waiting for a retry, or a new one, when an upload is due. */
function uploadStepTick(state: UploadState, now: Long, out: UploadResult): void {
  const due = uploadDueAt(state, now);
  if (due < 0 || now < due) {
    return;
  }
  const retry = state.retryBatch;
  if (retry !== undefined) {
    uploadSend(state, retry as UploadBatch, uploadBatchText(state, retry as UploadBatch), now, out);
    return;
  }
  uploadStepNewBatch(state, now, out);
}

/** The messages of `picks`, in order. */
function uploadPicked(queue: CoreMessage[], picks: Int[]): CoreMessage[] {
  const msgs: CoreMessage[] = [];
  for (const i of picks) {
    msgs.push(queue[i]);
  }
  return msgs;
}

/**
 * Picks the next batch from the queue. Its body is encoded once; messages are sized one by
 * one only when it is over maxBatchBytes (sizing costs an encoding of each).
 */
function uploadStepNewBatch(state: UploadState, now: Long, out: UploadResult): void {
  const opts = state.options;
  let picks = coreAssembleBatch(state.queue, state.inflightIds, opts.maxBatchMessages, 0, 0, state.mpid);
  state.uploadRequested = false;
  state.nextUploadTime = now + opts.uploadIntervalMillis;
  if (picks.length === 0) {
    out.effects.push({ type: 'persist' });
    return;
  }
  const batch: UploadBatch = { id: coreTakeId(state, now), ct: now, mpid: coreMessageMpid(state.queue[picks[0]], state.mpid), msgs: [] };
  batch.msgs = uploadPicked(state.queue, picks);
  let body = uploadBatchText(state, batch);
  if (body.length > opts.maxBatchBytes) {
    const empty: UploadBatch = { id: batch.id, ct: now, mpid: batch.mpid, msgs: [] };
    const overhead: Int = uploadBatchText(state, empty).length + 2;
    picks = coreAssembleBatch(state.queue, state.inflightIds, opts.maxBatchMessages, opts.maxBatchBytes, overhead, state.mpid);
    batch.msgs = uploadPicked(state.queue, picks);
    body = uploadBatchText(state, batch);
  }
  for (const msg of batch.msgs) {
    state.inflightIds[msg.id] = true;
  }
  state.batch = batch;
  out.effects.push({ type: 'persistBatch' });
  uploadSend(state, batch, body, now, out);
}

/** Posts a batch; its messages are in flight already (marked when it was made or read back). */
function uploadSend(state: UploadState, batch: UploadBatch, body: string, now: Long, out: UploadResult): void {
  if (body === '') {
    uploadLog(out, LOG_LEVEL.ERROR, `a batch could not be written as JSON; its ${String(batch.msgs.length)} message(s) are dropped`);
    uploadForget(state, batch, out);
    return;
  }
  state.retryBatch = undefined;
  state.eventsInFlight = true;
  const id = `events:${batch.id}`;
  state.requests[id] = { kind: 'events', sentAt: now, batch: batch.id };
  uploadLog(out, LOG_LEVEL.INFO, `uploading batch ${batch.id} (${String(batch.msgs.length)} message(s))`);
  out.effects.push({ type: 'post', id: id, url: state.eventsUrl, body: body, headers: {} });
}

/**
 * The JSON body of a batch: its user's identities, attributes and consent, its messages
 * without the MPID the Task keeps on each (the batch carries it once). "" when it holds what
 * JSON cannot (the device's FormatJson then gives "").
 */
export function uploadBatchText(state: UploadState, batch: UploadBatch): string {
  const mpid = batch.mpid;
  const user = identityUserOf(state as unknown as IdentityState, mpid);
  // The MPID each message keeps is taken off for the encoding and put back after it: a copy
  // of every message of every batch cost the Task more than the encoding. Every message of a
  // batch is its user's (coreAssembleBatch), so the batch's MPID is what each gets back.
  const msgs = batch.msgs;
  for (const msg of msgs) {
    delete msg.mpid;
  }
  const body: Record<string, unknown> = {
    dt: 'h',
    dbg: state.dev,
    id: batch.id,
    ct: batch.ct,
    mpid: mpid,
    sdk: state.sdkVersion,
    ltv: state.ltv,
    ui: identityBatchUi(state as unknown as IdentityState, mpid),
    ua: user.ua,
    msgs: msgs,
    ai: state.ai,
    di: state.di,
    ck: state.cookies,
    das: state.das,
    ia: state.ia,
  };
  if (user.con !== undefined && user.con !== null) {
    body.con = user.con;
  }
  const planId: unknown = state.options.dataPlanId;
  if (typeof planId === 'string' && planId !== '') {
    const plan: Record<string, unknown> = { id: planId };
    const version: unknown = state.options.dataPlanVersion;
    if (version !== undefined && version !== null) {
      plan.v = version;
    }
    body.ctx = { dpln: plan };
  }
  const text = JSON.stringify(body);
  for (const msg of msgs) {
    msg.mpid = mpid;
  }
  return text;
}

/**
 * A batch is done with (accepted, or refused for good): its messages leave the in-flight set
 * and the queue, and are marked done in the written queue.
 */
function uploadForget(state: UploadState, batch: UploadBatch, out: UploadResult): void {
  const current = state.batch;
  if (current !== undefined && (current as UploadBatch).id === batch.id) {
    state.batch = undefined;
  }
  const gone: Record<string, boolean> = {};
  for (const msg of batch.msgs) {
    delete state.inflightIds[msg.id];
    gone[msg.id] = true;
  }
  state.queue = coreRemoveIds(state.queue, gone);
  state.sessionNodeDirty = true;
  out.effects.push({ type: 'storeAccepted', msgs: batch.msgs });
}

/** Cancels and answers (as a transport failure) the requests unanswered for too long; uploads first. */
function uploadStepTimeouts(state: UploadState, now: Long, out: UploadResult): void {
  const expired: string[] = [];
  const kinds: string[] = ['events', 'identity'];
  for (const kind of kinds) {
    for (const id of Object.keys(state.requests)) {
      const req = state.requests[id];
      if (req.kind === kind && now - req.sentAt >= UPLOAD_TRANSFER_TIMEOUT_MILLIS) {
        expired.push(id);
      }
    }
  }
  for (const id of expired) {
    out.effects.push({ type: 'cancel', id: id });
    uploadLog(out, LOG_LEVEL.INFO, `request timed out after ${String(UPLOAD_TRANSFER_TIMEOUT_MILLIS)} ms`);
    uploadStepAnswer(state, id, UPLOAD_TIMEOUT_CODE, '', undefined, undefined, 0, now, out);
  }
}

/** The answer to request `id`: an identity one goes to identity, a batch's decides the batch. */
function uploadStepAnswer(state: UploadState, id: string, code: Int, text: string, body: unknown, retryAfter: unknown, random: Double, now: Long, out: UploadResult): void {
  if (!(id in state.requests)) {
    uploadLog(out, LOG_LEVEL.DEBUG, `an answer to request ${id}, which is no longer asked; ignored`);
    return;
  }
  const req = state.requests[id];
  delete state.requests[id];
  if (req.kind === 'identity') {
    out.effects.push({ type: 'identityAnswer', request: req.request, code: code, text: text, retryAfter: retryAfter });
    return;
  }
  state.eventsInFlight = false;
  const current = state.batch;
  if (current === undefined || (current as UploadBatch).id !== req.batch) {
    uploadLog(out, LOG_LEVEL.DEBUG, `an answer to batch ${req.batch as string}, which is no longer out; ignored`);
    return;
  }
  const batch = current as UploadBatch;
  const wait = coreParseRetryAfter(retryAfter, now);
  const decision = coreDecideResponse(code, wait, state.attempt, random);
  state.attempt = decision.nextAttempt;
  state.backoffUntil = now + decision.delayMillis;
  const action = decision.action;
  if (action === 'accepted') {
    uploadForget(state, batch, out);
    if (uploadMergeAnswer(state, body)) {
      out.effects.push({ type: 'stateDirty' });
    }
    uploadLog(out, LOG_LEVEL.INFO, `batch ${batch.id} accepted (HTTP ${String(code)})`);
    // Drain a backlog without waiting a whole interval per batch.
    if (state.queue.length > 0) {
      state.nextUploadTime = now;
    }
  } else if (action === 'backoff' || action === 'retry') {
    // Its messages stay in flight, so that a full queue drops other messages first.
    state.retryBatch = batch;
    uploadLog(out, LOG_LEVEL.INFO, `batch ${batch.id} not delivered (HTTP ${String(code)}); retrying in ${String(decision.delayMillis)} ms`);
  } else {
    if (action === 'reject') {
      uploadRefused(state, 'batch upload', code, out);
    } else {
      uploadLog(out, LOG_LEVEL.ERROR, `batch ${batch.id} refused with HTTP ${String(code)}; its messages are dropped`);
    }
    uploadForget(state, batch, out);
    state.dropped = state.dropped + batch.msgs.length;
  }
}

/** A 202 may carry {ci: {ck: cookies}, iltv: lifetime value}; true when it changed the state. */
function uploadMergeAnswer(state: UploadState, body: unknown): boolean {
  if (typeof body !== 'object' || Array.isArray(body) || body === null) {
    return false;
  }
  const answer = body as Record<string, unknown>;
  let changed = false;
  const ci: unknown = answer.ci;
  if (typeof ci === 'object' && !Array.isArray(ci) && ci !== null) {
    const ck: unknown = (ci as Record<string, unknown>).ck;
    if (typeof ck === 'object' && !Array.isArray(ck) && ck !== null) {
      const cookies = ck as Record<string, unknown>;
      for (const key of Object.keys(cookies)) {
        state.cookies[key] = cookies[key];
      }
      changed = true;
    }
  }
  const ltv: unknown = answer.iltv;
  if (typeof ltv === 'number') {
    state.ltv = ltv as Double;
    changed = true;
  }
  return changed;
}

/** One clear line the first time credentials are refused; later refusals only at DEBUG. */
function uploadRefused(state: UploadState, what: string, code: Int, out: UploadResult): void {
  const line = `${what} refused with HTTP ${String(code)}: check apiKey and apiSecret of mparticleOptions (the batch is dropped, not retried)`;
  if (state.credentialsLogged) {
    uploadLog(out, LOG_LEVEL.DEBUG, line);
  } else {
    uploadLog(out, LOG_LEVEL.ERROR, line);
    state.credentialsLogged = true;
  }
}

function uploadLog(out: UploadResult, level: Int, text: string): void {
  out.effects.push({ type: 'log', level: level, text: text });
}
