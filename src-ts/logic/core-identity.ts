/**
 * Identity as one reducer: identify/login/logout/modify requests (one at a time, in call
 * order), their answers (late, refused, malformed), the current MPID, and the identities, user
 * attributes and consent kept per MPID. Transpiled (docs/typescript-subset.md): the Task feeds
 * it inputs and carries out the effects it returns (task-identity.brs); proven identical in
 * TypeScript and BrightScript by test/vectors/core/identity-*.json.
 *
 * Decisions that are ours:
 * - Requests wait in a queue and go out one at a time: an answer names the user the next
 *   request starts from (`previous_mpid`, the identities a modify changes).
 * - A 2xx identify/login/logout without an mpid in its answer (a proxy's error page, an empty
 *   body) is retried as a transport failure: nothing is uploaded while the MPID is "0".
 * - What the channel set before the first answer (MPID "0") goes to the user that answer names;
 *   that user's own values win. Messages queued before it get its MPID.
 * - An answer to a request no longer at the head of the queue (an opt-out emptied it) takes
 *   no other request off it.
 * - The current-user field is published once per tick however many changes the tick made, and
 *   not at all when it would show what it shows already.
 */
import { Double, Int, Long } from '../schema/numeric';
import { IDENTITY_TYPE, IDENTITY_TYPE_INT, LOG_LEVEL, MESSAGE_TYPE, SCENEGRAPH_NODES } from '../schema/names';
import { coreIdentityUrl } from './core-options';
import { coreDecideResponse, coreParseRetryAfter } from './core-retry';

/** One identity of a user: its value, when it was first seen, and whether it was new then. */
export interface IdentityEntry {
  i: string;
  dfs: Long;
  f: boolean;
}

/** The record of one MPID, as persisted: identities by type string, user attributes, consent. */
export interface IdentityUser {
  ui: Record<string, IdentityEntry>;
  ua: Record<string, unknown>;
  con?: unknown;
}

/** A queued identity request: its kind (identify, login, logout, modify), identities and id. */
export interface IdentityRequest {
  kind: string;
  identities: Record<string, string>;
  requestId: string;
}

/**
 * What identity reads and owns of the Task's state. The names are those of the Task's `core`,
 * which the Task passes as the state (no copy): the store persists `mpid`, `users` and
 * `context` from there, the batches read `users`.
 */
export interface IdentityState {
  /** False when the options lack credentials: nothing is recorded. */
  ready: boolean;
  optedOut: boolean;
  /** The current user; "0" while unknown. */
  mpid: string;
  users: Record<string, IdentityUser>;
  /** The identity API's opaque context, sent back with each request. */
  context?: unknown;
  identityQueue: IdentityRequest[];
  identityInFlight: boolean;
  /** No request goes out before this time (a backoff); 0 for none. */
  identityRetryAt: Long;
  /** Failures in a row of the request at the head of the queue. */
  identityAttempt: Int;
  /** The current-user field must be published (at the end of the tick). */
  userNodeDirty: boolean;
  /** The text of what the current-user field shows. */
  userNodeShown: string;
  /** The running session: the MPIDs it saw go on its session end. */
  session: { active: boolean; mpids: string[] };
  /** Identity type string -> `ui` number (identityTypeNumbers). */
  identityTypes: Record<string, Int>;
  sdkVersion: string;
  /** The development environment (the batches' `dbg`). */
  dev: boolean;
  /** The device application stamp. */
  das: string;
  identityBase: string;
  options: { apiKey: string };
  /** Device facts: `rida` (absent when the user limits ad tracking) and `rpb`. */
  di: { rida?: string; rpb?: string };
}

/**
 * What the Task hands the reducer: a bridge call (`identify`, `login`, `logout`, `modify` with
 * the channel's `request`; `setUserAttribute`, `removeUserAttribute` with `key`/`value`;
 * `setConsentState` with `consent`), `optOut` (the channel opted out), `pump` (a tick: the next
 * request may go), `answer` (to the request `sent`: HTTP `code`, below 0 for no answer, the
 * answer's JSON `body` or invalid, the Retry-After header and a random number in [0, 1) for
 * the backoff's jitter) and `publish` (the end of a tick).
 */
export interface IdentityInput {
  kind: string;
  request?: unknown;
  requestId?: string;
  key?: string;
  value?: unknown;
  consent?: unknown;
  sent?: IdentityRequest;
  code?: Int;
  body?: unknown;
  retryAfter?: unknown;
  random?: Double;
}

/**
 * What the platform must do, in order, by `type`:
 * - `log`: print `text` at `level` (LOG_LEVEL);
 * - `post`: POST `body` as JSON to `url` with `headers`, and answer with an `answer` input for
 *   `request` (code below 0 when it could not start);
 * - `queue`: queue a message of type `dt` with `fields`, logged under `mpid` ("0": none yet);
 *   `activity`: the channel's activity (it keeps or starts the session);
 * - `giveMpid`: messages queued without an MPID get `mpid`;
 * - `credentials`: the credentials were refused (`what`, HTTP `code`);
 * - `field`: set the Task node's `field` to `value`;
 * - `sessionField`: publish the session field again with it;
 * - `stateDirty`: the persisted state changed and must be written now.
 */
export interface IdentityEffect {
  type: string;
  level?: Int;
  text?: string;
  url?: string;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  request?: IdentityRequest;
  activity?: boolean;
  dt?: string;
  fields?: Record<string, unknown>;
  mpid?: string;
  what?: string;
  code?: Int;
  field?: string;
  value?: unknown;
}

export interface IdentityResult {
  state: IdentityState;
  effects: IdentityEffect[];
  /** A `stateDirty` effect is in `effects` already. */
  dirty: boolean;
}

/** Identity type string -> `ui` number, from IDENTITY_TYPE and IDENTITY_TYPE_INT. */
export function identityTypeNumbers(): Record<string, Int> {
  const names = IDENTITY_TYPE;
  const numbers = IDENTITY_TYPE_INT;
  const out: Record<string, Int> = {};
  for (const key of Object.keys(names)) {
    out[names[key]] = numbers[key];
  }
  return out;
}

/**
 * One step at `now` (unix ms). The state is updated in place and returned (the Task's core is
 * the state); effects say what the platform must do. Never throws: bad arguments are logged
 * and dropped.
 */
export function identityReduce(state: IdentityState, input: IdentityInput, now: Long): IdentityResult {
  const out: IdentityResult = { state: state, effects: [], dirty: false };
  const kind = input.kind;
  if (kind === 'pump') {
    identityStepPump(state, now, out);
  } else if (kind === 'publish') {
    identityStepPublish(state, out);
  } else if (kind === 'answer') {
    if (state.ready && input.sent !== undefined) {
      identityStepAnswer(state, input.sent as IdentityRequest, input.code as Int, input.body, input.retryAfter, input.random as Double, now, out);
    }
  } else if (kind === 'identify' || kind === 'login' || kind === 'logout' || kind === 'modify') {
    identityStepRequest(state, kind, input.request, input.requestId as string, out);
  } else if (kind === 'setUserAttribute') {
    identityStepSetAttribute(state, input.key as string, input.value, out);
  } else if (kind === 'removeUserAttribute') {
    identityStepRemoveAttribute(state, input.key as string, out);
  } else if (kind === 'setConsentState') {
    identityStepSetConsent(state, input.consent, out);
  } else if (kind === 'optOut') {
    // Nothing more may be sent: the requests not sent yet are dropped.
    if (state.ready) {
      state.identityQueue = [];
    }
  } else {
    identityLog(out, LOG_LEVEL.ERROR, `identity: unknown input ${kind}`);
  }
  return out;
}

/** The earliest time identity needs a tick (a request may go, a backoff ends, the user field waits), or -1. */
export function identityWakeAt(state: IdentityState, now: Long): Long {
  if (!state.ready) {
    return -1;
  }
  if (state.userNodeDirty) {
    return now;
  }
  if (state.identityQueue.length === 0 || state.identityInFlight) {
    return -1;
  }
  if (state.identityRetryAt > now) {
    return state.identityRetryAt;
  }
  return now;
}

/** The `ui` array of a batch for `mpid`: the user's identities with their numbers. */
export function identityBatchUi(state: IdentityState, mpid: string): Record<string, unknown>[] {
  const list: Record<string, unknown>[] = [];
  const user = identityUserOf(state, mpid);
  const types = state.identityTypes;
  for (const name of Object.keys(user.ui)) {
    const entry = user.ui[name];
    if (name in types && typeof entry === 'object' && !Array.isArray(entry) && entry !== null) {
      list.push({ n: types[name], i: entry.i, dfs: entry.dfs, f: entry.f });
    }
  }
  return list;
}

/** The stored record of `mpid`, made (and repaired) when needed. */
export function identityUserOf(state: IdentityState, mpid: string): IdentityUser {
  const users = state.users;
  let user = users[mpid];
  if (typeof user !== 'object' || Array.isArray(user) || user === null) {
    user = { ui: {}, ua: {} };
    users[mpid] = user;
  }
  const ui: unknown = user.ui;
  if (typeof ui !== 'object' || Array.isArray(ui) || ui === null) {
    user.ui = {};
  }
  const ua: unknown = user.ua;
  if (typeof ua !== 'object' || Array.isArray(ua) || ua === null) {
    user.ua = {};
  }
  return user;
}

/**
 * `{userIdentities: {customerid: "..."}}` as `{customerid: "..."}`: type names in lower case;
 * unknown types and empty or non-string values are logged and left out.
 */
export function identityRequested(request: unknown, out: IdentityResult): Record<string, string> {
  const ids: Record<string, string> = {};
  if (typeof request !== 'object' || Array.isArray(request) || request === null) {
    return ids;
  }
  const given: unknown = (request as Record<string, unknown>).userIdentities;
  if (given === undefined || given === null) {
    return ids;
  }
  if (typeof given !== 'object' || Array.isArray(given)) {
    identityLog(out, LOG_LEVEL.ERROR, 'identity request: userIdentities must be an associative array; ignored');
    return ids;
  }
  const types = out.state.identityTypes;
  const record = given as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const name = key.toLowerCase();
    const value = record[key];
    if (!(name in types)) {
      identityLog(out, LOG_LEVEL.ERROR, `identity request: unknown identity type ${key}; ignored`);
    } else if (typeof value !== 'string') {
      identityLog(out, LOG_LEVEL.ERROR, `identity request: identity ${key} must be a non-empty string; ignored`);
    } else if ((value as string).length === 0) {
      identityLog(out, LOG_LEVEL.ERROR, `identity request: identity ${key} must be a non-empty string; ignored`);
    } else {
      ids[name] = value as string;
    }
  }
  return ids;
}

function identityStepRequest(state: IdentityState, kind: string, request: unknown, requestId: string, out: IdentityResult): void {
  if (!state.ready) {
    return;
  }
  const identities = identityRequested(request, out);
  if (state.optedOut) {
    identityLog(out, LOG_LEVEL.INFO, `opted out: identity ${kind} not sent`);
    return;
  }
  state.identityQueue.push({ kind: kind, identities: identities, requestId: requestId });
}

/** Sends the request at the head of the queue when none is in flight and no backoff runs. */
function identityStepPump(state: IdentityState, now: Long, out: IdentityResult): void {
  if (!state.ready || state.identityQueue.length === 0 || state.identityInFlight || now < state.identityRetryAt) {
    return;
  }
  const req = state.identityQueue[0];
  const body: Record<string, unknown> = {
    client_sdk: { platform: 'roku', sdk_vendor: 'mparticle', sdk_version: state.sdkVersion },
    environment: 'production',
    request_id: req.requestId,
    request_timestamp_ms: now,
  };
  if (state.dev) {
    body.environment = 'development';
  }
  if (state.context !== undefined && state.context !== null) {
    body.context = state.context;
  }
  if (state.mpid !== '0') {
    body.previous_mpid = state.mpid;
  }
  if (req.kind === 'modify') {
    const changes: Record<string, unknown>[] = [];
    const current = identityUserOf(state, state.mpid).ui;
    for (const name of Object.keys(req.identities)) {
      const value = req.identities[name];
      let old: unknown = null;
      const entry: unknown = current[name];
      if (typeof entry === 'object' && !Array.isArray(entry) && entry !== null) {
        old = (entry as IdentityEntry).i;
      }
      if (old !== value) {
        changes.push({ identity_type: name, old_value: old, new_value: value });
      }
    }
    body.identity_changes = changes;
  } else {
    const known: Record<string, unknown> = Object.assign({}, req.identities);
    known.device_application_stamp = state.das;
    const rida: unknown = state.di.rida;
    if (typeof rida === 'string') {
      known.roku_aid = rida;
    }
    known.roku_publisher_id = state.di.rpb;
    body.known_identities = known;
  }
  const headers: Record<string, string> = {};
  headers['x-mp-key'] = state.options.apiKey;
  state.identityInFlight = true;
  identityLog(out, LOG_LEVEL.DEBUG, `identity ${req.kind} sent`);
  out.effects.push({ type: 'post', url: coreIdentityUrl(state.identityBase, req.kind, state.mpid), body: body, headers: headers, request: req });
}

/** The mpid of an identity answer as a string, or "" when there is none. */
export function identityAnswerMpid(body: unknown): string {
  if (typeof body !== 'object' || Array.isArray(body) || body === null) {
    return '';
  }
  const value: unknown = (body as Record<string, unknown>).mpid;
  let mpid = '';
  if (typeof value === 'string') {
    mpid = value as string;
  } else if (typeof value === 'number') {
    mpid = String(value);
  }
  if (mpid === '0') {
    return '';
  }
  return mpid;
}

/**
 * The answer to `req` (code < 0: no answer). Retryable failures keep the request at the head
 * of the queue; every final outcome is published on IDENTITY_RESULT_NODE.
 */
function identityStepAnswer(state: IdentityState, req: IdentityRequest, code: Int, body: unknown, retryAfter: unknown, random: Double, now: Long, out: IdentityResult): void {
  state.identityInFlight = false;
  const wait = coreParseRetryAfter(retryAfter, now);
  let decision = coreDecideResponse(code, wait, state.identityAttempt, random);
  if (decision.action === 'accepted' && req.kind !== 'modify' && identityAnswerMpid(body) === '') {
    decision = coreDecideResponse(-1, -1, state.identityAttempt, random);
    identityLog(out, LOG_LEVEL.ERROR, `identity ${req.kind}: HTTP ${String(code)} without an mpid in the answer`);
  }
  const queue = state.identityQueue;
  const atHead = queue.length > 0 && queue[0].requestId === req.requestId;
  if (decision.action === 'backoff' || decision.action === 'retry') {
    if (atHead) {
      state.identityAttempt = decision.nextAttempt;
      state.identityRetryAt = now + decision.delayMillis;
      identityLog(out, LOG_LEVEL.INFO, `identity ${req.kind} failed (HTTP ${String(code)}); retrying in ${String(decision.delayMillis)} ms`);
    } else {
      identityLog(out, LOG_LEVEL.INFO, `identity ${req.kind} failed (HTTP ${String(code)}); no longer asked`);
    }
    return;
  }
  if (atHead) {
    state.identityAttempt = 0;
    state.identityRetryAt = 0;
    queue.shift();
  }
  if (decision.action === 'accepted') {
    identityStepSuccess(state, req, body, now, out);
  } else if (decision.action === 'reject') {
    out.effects.push({ type: 'credentials', what: `identity ${req.kind}`, code: code });
  } else {
    identityLog(out, LOG_LEVEL.ERROR, `identity ${req.kind} failed (HTTP ${String(code)})`);
  }
  let shown: unknown = null;
  if (typeof body === 'object' && !Array.isArray(body) && body !== null) {
    shown = body;
  }
  out.effects.push({ type: 'field', field: SCENEGRAPH_NODES.IDENTITY_RESULT_NODE, value: { type: req.kind, httpCode: code, mpid: state.mpid, body: shown } });
}

function identityStepSuccess(state: IdentityState, req: IdentityRequest, body: unknown, now: Long, out: IdentityResult): void {
  if (typeof body !== 'object' || Array.isArray(body) || body === null) {
    identityLog(out, LOG_LEVEL.ERROR, `identity ${req.kind}: the answer is not JSON; ignored`);
    return;
  }
  const answer = body as Record<string, unknown>;
  const context: unknown = answer.context;
  if (context !== undefined && context !== null) {
    state.context = context;
    identityDirty(out);
  }
  if (req.kind === 'modify') {
    identityApplyIdentities(state, state.mpid, req.identities, false, now, out);
    identityLog(out, LOG_LEVEL.INFO, 'identity modify done');
    return;
  }
  const mpid = identityAnswerMpid(answer);
  // Logout keeps no identity of the previous user; identify/login add the ones sent.
  identityApplyIdentities(state, mpid, req.identities, req.kind === 'logout', now, out);
  if (mpid !== state.mpid) {
    identityLog(out, LOG_LEVEL.INFO, `identity ${req.kind}: mpid ${state.mpid} -> ${mpid}`);
    if (state.mpid === '0') {
      identityAdoptAnonymous(state, mpid);
      out.effects.push({ type: 'giveMpid', mpid: mpid });
    }
    state.mpid = mpid;
    const session = state.session;
    if (session.active && !session.mpids.includes(mpid)) {
      session.mpids.push(mpid);
    }
    identityDirty(out);
  }
  state.userNodeDirty = true;
}

/** What the channel set for MPID "0" goes to `mpid`, where that user has nothing of its own. */
function identityAdoptAnonymous(state: IdentityState, mpid: string): void {
  const anonymous: unknown = state.users['0'];
  if (typeof anonymous !== 'object' || Array.isArray(anonymous) || anonymous === null) {
    return;
  }
  const from = anonymous as IdentityUser;
  const user = identityUserOf(state, mpid);
  const ua: unknown = from.ua;
  if (typeof ua === 'object' && !Array.isArray(ua) && ua !== null) {
    const attrs = ua as Record<string, unknown>;
    for (const key of Object.keys(attrs)) {
      if (!(key in user.ua)) {
        user.ua[key] = attrs[key];
      }
    }
  }
  if ((user.con === undefined || user.con === null) && from.con !== undefined && from.con !== null) {
    user.con = from.con;
  }
  delete state.users['0'];
}

/** Stores identities for `mpid`; each change becomes a `uic` message logged under the current MPID. */
function identityApplyIdentities(state: IdentityState, mpid: string, identities: Record<string, string>, replace: boolean, now: Long, out: IdentityResult): void {
  const user = identityUserOf(state, mpid);
  if (replace) {
    user.ui = {};
  }
  const types = state.identityTypes;
  for (const name of Object.keys(identities)) {
    const value = identities[name];
    const old: unknown = user.ui[name];
    const hadOld = typeof old === 'object' && !Array.isArray(old) && old !== null;
    if (!hadOld || (old as IdentityEntry).i !== value) {
      const entry: IdentityEntry = { i: value, dfs: now, f: true };
      if (hadOld) {
        entry.dfs = (old as IdentityEntry).dfs;
        entry.f = false;
      }
      user.ui[name] = entry;
      if (name in types) {
        const n = types[name];
        const fields: Record<string, unknown> = { ni: { n: n, i: value, dfs: entry.dfs, f: entry.f } };
        if (hadOld) {
          const before = old as IdentityEntry;
          fields.oi = { n: n, i: before.i, dfs: before.dfs, f: false };
        }
        out.effects.push({ type: 'queue', activity: false, dt: MESSAGE_TYPE.USER_IDENTITY_CHANGE, fields: fields, mpid: state.mpid });
      }
    }
  }
  identityDirty(out);
  if (mpid === state.mpid) {
    state.userNodeDirty = true;
  }
}

/** A user attribute value as the batch keeps it: a string, or an array of strings. */
export function identityAttributeValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    const list: string[] = [];
    for (const item of value as unknown[]) {
      list.push(String(item));
    }
    return list;
  }
  return String(value);
}

function identityStepSetAttribute(state: IdentityState, key: string, value: unknown, out: IdentityResult): void {
  if (!state.ready) {
    return;
  }
  const user = identityUserOf(state, state.mpid);
  const next = identityAttributeValue(value);
  const old: unknown = user.ua[key];
  const isNew = old === undefined || old === null;
  if (!isNew && JSON.stringify(old) === JSON.stringify(next)) {
    return;
  }
  let previous: unknown = null;
  if (!isNew) {
    previous = old;
  }
  out.effects.push({ type: 'queue', activity: true, dt: MESSAGE_TYPE.USER_ATTRIBUTE_CHANGE, fields: { n: key, nv: next, ov: previous, d: false, na: isNew }, mpid: state.mpid });
  user.ua[key] = next;
  identityDirty(out);
  state.userNodeDirty = true;
}

function identityStepRemoveAttribute(state: IdentityState, key: string, out: IdentityResult): void {
  if (!state.ready) {
    return;
  }
  const user = identityUserOf(state, state.mpid);
  const old: unknown = user.ua[key];
  if (old === undefined || old === null) {
    return;
  }
  out.effects.push({ type: 'queue', activity: true, dt: MESSAGE_TYPE.USER_ATTRIBUTE_CHANGE, fields: { n: key, nv: null, ov: old, d: true, na: false }, mpid: state.mpid });
  delete user.ua[key];
  identityDirty(out);
  state.userNodeDirty = true;
}

function identityStepSetConsent(state: IdentityState, consent: unknown, out: IdentityResult): void {
  if (!state.ready) {
    return;
  }
  if (typeof consent !== 'object' || Array.isArray(consent) || consent === null) {
    identityLog(out, LOG_LEVEL.ERROR, 'setConsentState: expected a ConsentState.build() result; call dropped');
    return;
  }
  identityUserOf(state, state.mpid).con = consent;
  identityDirty(out);
  state.userNodeDirty = true;
}

/**
 * Publishes the current user when it changed, unless the field shows exactly that already
 * (changes that undo each other within a tick, an answer that names the same user).
 */
function identityStepPublish(state: IdentityState, out: IdentityResult): void {
  if (!state.ready || !state.userNodeDirty) {
    return;
  }
  state.userNodeDirty = false;
  const user = identityUserOf(state, state.mpid);
  const identities: Record<string, string> = {};
  for (const key of Object.keys(user.ui)) {
    identities[key] = user.ui[key].i;
  }
  let consent: unknown = null;
  if (user.con !== undefined && user.con !== null) {
    consent = user.con;
  }
  const value: Record<string, unknown> = { mpid: state.mpid, userIdentities: identities, userAttributes: user.ua, consentState: consent };
  // JSON.stringify gives "" on the device for what it cannot write (a node in the consent state): published.
  const shown = JSON.stringify(value);
  if (shown !== '' && shown === state.userNodeShown) {
    return;
  }
  state.userNodeShown = shown;
  out.effects.push({ type: 'field', field: SCENEGRAPH_NODES.CURRENT_USER_NODE, value: value });
  // Setting a field is a rendezvous that can wait long for a busy render thread: the session
  // field's busy time is published again with it.
  out.effects.push({ type: 'sessionField' });
}

function identityLog(out: IdentityResult, level: Int, text: string): void {
  out.effects.push({ type: 'log', level: level, text: text });
}

/** The persisted state changed: one `stateDirty` effect per step. */
function identityDirty(out: IdentityResult): void {
  if (!out.dirty) {
    out.dirty = true;
    out.effects.push({ type: 'stateDirty' });
  }
}
