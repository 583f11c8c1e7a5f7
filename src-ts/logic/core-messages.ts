/**
 * Sessions, messages and the core API calls as one reducer: what becomes a message, with which
 * fields, what is queued or dropped (opt-out, values that are not JSON, a full queue), when the
 * session starts and ends, and how soon what changed must be written. Transpiled
 * (docs/typescript-subset.md): the Task feeds it inputs with its `core` as the state and carries
 * out the effects it returns (task-core.brs, mParticle_taskMessageEffects); proven identical in
 * TypeScript and BrightScript by test/vectors/core/messages-*.json.
 *
 * Decisions that are ours:
 * - A message of the channel's activity starts a session when none runs and moves its last
 *   event time; the others (app state, opt-out, identity changes) carry the running session
 *   only.
 * - After an opt-out only the opt-out message itself is queued; the session stops without a
 *   session end (nothing else may be sent).
 * - A message keeps the MPID it was logged under (none while the user is unknown).
 * - Messages the session or the user depend on (priority 3) are written at once, the others
 *   within `persistDelay`: registry writes wear the flash and grow with the queue.
 * - Custom flags go on the message they were given with, not on whatever was queued last.
 */
import { CUSTOM_EVENT_TYPE, LOG_LEVEL, MESSAGE_TYPE } from '../schema/names';
import { Int, Long } from '../schema/numeric';
import { coreTakeId, CORE_ID_POOL } from './core-ids';
import { coreEnqueue, coreMessagePriority } from './core-queue';
import { coreSessionExpired, coreSessionLength } from './core-session';
import { CoreMessage } from './core-types';

/** The running session (or the last one, `active` false), as the Task keeps and persists it. */
export interface MessageSession {
  active: boolean;
  id: string;
  start: Long;
  last: Long;
  /** Session attributes, as strings. */
  attrs: Record<string, string>;
  /** Every MPID the session saw: the session end's `smpids`. */
  mpids: string[];
}

/** The session before the running one: the next session start's `pid`, `pss` and `psl`. */
export interface MessagePreviousSession {
  id: string;
  start: Long;
  length: Long;
}

/**
 * What sessions and messages read and own of the Task's state. The names are those of the
 * Task's `core`, which the Task passes as the state (no copy); the store persists `session`,
 * `previousSession`, `ia`, `appVersion` and the queue from there.
 */
export interface MessageState {
  /** False when the options lack credentials: nothing is recorded. */
  ready: boolean;
  optedOut: boolean;
  /** The current user; "0" while unknown. */
  mpid: string;
  session: MessageSession;
  previousSession?: MessagePreviousSession;
  /** The messages to upload, oldest first. */
  queue: CoreMessage[];
  /** Ids of the messages of the batch in flight. */
  inflightIds: Record<string, boolean>;
  /** Messages dropped from a full queue since the start. */
  dropped: Int;
  options: { maxQueueMessages: Int; sessionTimeoutMillis: Long; startupArgs?: unknown; identifyRequest?: unknown };
  /** Integration attributes: integration id -> key -> value. */
  ia: Record<string, unknown>;
  /** The persisted state changed: written with the next write... */
  stateDirty: boolean;
  /** ... and that write must be now. */
  persistNow: boolean;
  /** When a deferred write is due (0: none pending). */
  persistAt: Long;
  persistDelay: Long;
  queueDirty: boolean;
  sessionNodeDirty: boolean;
  uploadRequested: boolean;
  logLevel: Int;
  /** No state was found in the registry: the first run of the channel on this device. */
  firstRun: boolean;
  /** The channel's version of the previous run ("" for none): an update when it changed. */
  appVersion: string;
  /** Fresh ids (core-ids.ts). */
  ids: string[];
}

/** A media event the media logic made: its name and string attributes. */
export interface MessageMediaEvent {
  name: string;
  attrs: Record<string, string>;
}

/**
 * What the Task hands the reducer, by `kind`:
 * - a core API call with the arguments `a` as mParticle_taskDispatch checked them:
 *   `logEvent`, `logScreenEvent`, `logCommerceEvent`, `logMessage`, `setIntegrationAttribute`,
 *   `setSessionAttribute`, `setOptOut`, `upload`, `setConsentState`, `setUserAttribute`,
 *   `removeUserAttribute`; `json` (commerce, logMessage): whether the call's objects are JSON,
 *   which only the device can tell (FormatJson gives "" for a node or a function);
 * - `customEvent`: a custom event `name` of `eventType` with `attrs` (automatic tracking's);
 * - `media`: the `events` one media call made;
 * - `identity`: identity's queue effect (`dt`, `fields`, `activity`, the `mpid` it is logged
 *   under, `json`);
 * - `queue` (`msg`, `json`) and `enqueue` (`msg`, known to be JSON): a message made elsewhere;
 * - `start`: the Task started (`appVersion`: the channel's version now);
 * - `startSession`, `endSession` (a restored session ends), `tick` (a session that timed out ends).
 */
export interface MessageInput {
  kind: string;
  a?: unknown[];
  json?: boolean;
  events?: MessageMediaEvent[];
  name?: string;
  eventType?: string;
  attrs?: unknown;
  dt?: string;
  fields?: Record<string, unknown>;
  activity?: boolean;
  mpid?: string;
  msg?: CoreMessage;
  appVersion?: string;
}

/**
 * What the platform must do, in order, by `type`:
 * - `log`: print `text` at `level` (LOG_LEVEL);
 * - `connection`: set `msg`'s `dct` to the device's connection type (the message is queued);
 * - `identity`: hand `input` to the identity reducer (core-identity.ts).
 */
export interface MessageEffect {
  type: string;
  level?: Int;
  text?: string;
  msg?: CoreMessage;
  input?: Record<string, unknown>;
}

export interface MessageResult {
  state: MessageState;
  effects: MessageEffect[];
}

/** How many fresh ids the Task keeps in `core.ids` (CORE_ID_POOL), for the Task's glue. */
export function messageIdPool(): Int {
  return CORE_ID_POOL;
}

/**
 * The `media` input: the events of one media call, queued as custom media messages of the
 * channel's activity. Its own function, which the Task calls directly on the media hot path:
 * entering the whole reducer costs the simulator more than these statements. Undefined when
 * the call has no effect, the common case (a session runs, the queue has room, nothing is
 * logged), which then makes no result: the hot path allocates only its messages.
 */
export function messageMediaEvents(core: MessageState, events: MessageMediaEvent[], now: Long): MessageResult | undefined {
  if (!core.ready || events.length === 0) {
    return undefined;
  }
  const s = core.session;
  if (!s.active || core.optedOut || core.logLevel >= LOG_LEVEL.DEBUG || core.queue.length + events.length > core.options.maxQueueMessages) {
    return messageMediaEffects(core, events, now);
  }
  // messageTouch and messageEnqueue where no effect can come of them (messageMediaEffects
  // does the same in every case; test/logic/core-messages.test.ts holds the two together).
  s.last = now;
  core.stateDirty = true;
  if (core.persistAt === 0) {
    core.persistAt = now + core.persistDelay;
  }
  const mpid = core.mpid;
  for (const event of events) {
    // coreTakeId's own test written out: a call per media event saved.
    const id = core.ids.length > 0 ? (core.ids.shift() as string) : coreTakeId(core, now);
    const msg: CoreMessage = { dt: MESSAGE_TYPE.CUSTOM, id: id, ct: now, sid: s.id, sct: s.start, n: event.name, et: CUSTOM_EVENT_TYPE.MEDIA, est: now, attrs: event.attrs };
    if (mpid !== '0') {
      msg.mpid = mpid;
    }
    core.queue.push(msg);
  }
  core.queueDirty = true;
  core.sessionNodeDirty = true;
  return undefined;
}

/** The `media` input in every case: a session may start, messages may be dropped or logged. */
export function messageMediaEffects(core: MessageState, events: MessageMediaEvent[], now: Long): MessageResult {
  const out: MessageResult = { state: core, effects: [] };
  if (!core.ready || events.length === 0) {
    return out;
  }
  messageTouch(core, now, out);
  const s = core.session;
  for (const event of events) {
    const id = coreTakeId(core, now);
    const msg: CoreMessage = { dt: MESSAGE_TYPE.CUSTOM, id: id, ct: now, sid: s.id, sct: s.start, n: event.name, et: CUSTOM_EVENT_TYPE.MEDIA, est: now, attrs: event.attrs };
    messageEnqueue(core, msg, core.mpid, out);
  }
  return out;
}

/**
 * One step at `now` (unix ms). The state is updated in place and returned; effects say what the
 * platform must do. Never throws: bad arguments are logged and the call dropped.
 */
export function messageReduce(core: MessageState, input: MessageInput, now: Long): MessageResult {
  const out: MessageResult = { state: core, effects: [] };
  const kind = input.kind;
  // The media hot path first: one call per media API call.
  if (kind === 'media') {
    const media = messageMediaEvents(core, input.events as MessageMediaEvent[], now);
    if (media === undefined) {
      return out;
    }
    return media;
  }
  if (kind === 'setConsentState') {
    out.effects.push({ type: 'identity', input: { kind: 'setConsentState', consent: messageArg(input, 0) } });
    return out;
  }
  if (kind === 'setUserAttribute') {
    out.effects.push({ type: 'identity', input: { kind: 'setUserAttribute', key: messageArg(input, 0), value: messageArg(input, 1) } });
    return out;
  }
  if (kind === 'removeUserAttribute') {
    out.effects.push({ type: 'identity', input: { kind: 'removeUserAttribute', key: messageArg(input, 0) } });
    return out;
  }
  if (!core.ready) {
    return out;
  }
  if (kind === 'tick') {
    if (coreSessionExpired(core.session.active, core.session.last, now, core.options.sessionTimeoutMillis)) {
      messageEndSession(core, out);
    }
  } else if (kind === 'logEvent') {
    messageLogEvent(core, input.a as unknown[], now, out);
  } else if (kind === 'customEvent') {
    messageCustomEvent(core, input.name as string, input.eventType as string, input.attrs, undefined, now, out);
  } else if (kind === 'logScreenEvent') {
    const a = input.a as unknown[];
    const msg = messageCreate(core, MESSAGE_TYPE.SCREEN, true, now, out);
    msg.n = a[0] as string;
    msg.est = now;
    msg.attrs = messageStringAttrs(a[1]);
    messageAddFlags(msg, a[2]);
    messageQueue(core, msg, true, core.mpid, out);
  } else if (kind === 'logCommerceEvent') {
    messageLogCommerce(core, input.a as unknown[], input.json !== false, now, out);
  } else if (kind === 'logMessage') {
    messageLogRaw(core, messageArg(input, 0), input.json !== false, now, out);
  } else if (kind === 'identity') {
    if (input.json === false) {
      messageNotJson(out, input.dt as string);
      return out;
    }
    const msg = messageCreate(core, input.dt as string, input.activity === true, now, out);
    const fields = input.fields as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      msg[key] = fields[key];
    }
    // The MPID the change was made under, which an answer may have replaced since.
    messageQueue(core, msg, true, input.mpid as string, out);
  } else if (kind === 'queue') {
    messageQueue(core, input.msg as CoreMessage, input.json !== false, core.mpid, out);
  } else if (kind === 'enqueue') {
    messageEnqueue(core, input.msg as CoreMessage, core.mpid, out);
  } else if (kind === 'setIntegrationAttribute') {
    messageSetIntegrationAttribute(core, input.a as unknown[]);
  } else if (kind === 'setSessionAttribute') {
    messageSetSessionAttribute(core, input.a as unknown[], now, out);
  } else if (kind === 'setOptOut') {
    messageSetOptOut(core, messageArg(input, 0) === true, now, out);
  } else if (kind === 'upload') {
    core.uploadRequested = true;
  } else if (kind === 'start') {
    messageStart(core, input.appVersion as string, now, out);
  } else if (kind === 'startSession') {
    messageStartSession(core, now, out);
  } else if (kind === 'endSession') {
    messageEndSession(core, out);
  } else {
    messageLog(out, LOG_LEVEL.ERROR, `messages: unknown input ${kind}`);
  }
  return out;
}

/** Argument `i` of a core API call (invalid when the call gave fewer). */
function messageArg(input: MessageInput, i: Int): unknown {
  const a = input.a;
  if (a === undefined || i >= a.length) {
    return undefined;
  }
  return a[i];
}

function messageLog(out: MessageResult, level: Int, text: string): void {
  out.effects.push({ type: 'log', level: level, text: text });
}

/** Whether a channel value is absent (invalid on the device, null or undefined here). */
function messageAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

/** Whether a channel value is an associative array. */
function messageIsObject(value: unknown): boolean {
  return typeof value === 'object' && !Array.isArray(value) && value !== null;
}

/**
 * A message of type dt stamped with a fresh id, the time, and the session: for the channel's
 * activity (`activity`) the session is marked active first (messageTouch), for the others
 * (app state, opt-out, identity changes) it is the running one, if any.
 */
export function messageCreate(core: MessageState, dt: string, activity: boolean, now: Long, out: MessageResult): CoreMessage {
  if (activity) {
    messageTouch(core, now, out);
  }
  const id = coreTakeId(core, now);
  const msg: CoreMessage = { dt: dt, id: id, ct: now };
  const s = core.session;
  if (s.active) {
    msg.sid = s.id;
    msg.sct = s.start;
  }
  return msg;
}

/** Marks the channel's activity: starts a session when none runs (the first event after a timeout). */
function messageTouch(core: MessageState, now: Long, out: MessageResult): void {
  if (!core.session.active) {
    messageStartSession(core, now, out);
  }
  core.session.last = now;
  // The last-activity time changes with every event: written with the next deferred write.
  core.stateDirty = true;
  if (core.persistAt === 0) {
    core.persistAt = now + core.persistDelay;
  }
}

/**
 * Queues a message the channel's values went into, unless opted out (only the opt-out message
 * itself is taken then) or `json` is false (a node or a function in it: no batch could hold it).
 */
function messageQueue(core: MessageState, msg: CoreMessage, json: boolean, mpid: string, out: MessageResult): void {
  if (core.optedOut && msg.dt !== MESSAGE_TYPE.OPT_OUT) {
    messageLog(out, LOG_LEVEL.DEBUG, `opted out: ${msg.dt} message not queued`);
    return;
  }
  if (!json) {
    messageNotJson(out, msg.dt);
    return;
  }
  messageEnqueue(core, msg, mpid, out);
}

function messageNotJson(out: MessageResult, dt: string): void {
  messageLog(out, LOG_LEVEL.ERROR, `a ${dt} message holds a value that is not JSON (a node or a function?); dropped`);
}

/**
 * Queues a message known to be JSON, logged under `mpid` ("0": none yet; the first MPID is
 * given to it then), so that it is uploaded under that user whatever happens to the current
 * one before the upload. A queue with room takes it as it is; coreEnqueue decides what to drop
 * when it is full.
 *
 * @inline
 */
function messageEnqueue(core: MessageState, msg: CoreMessage, mpid: string, out: MessageResult): void {
  if (core.optedOut && msg.dt !== MESSAGE_TYPE.OPT_OUT) {
    messageLog(out, LOG_LEVEL.DEBUG, `opted out: ${msg.dt} message not queued`);
    return;
  }
  if (mpid !== '0') {
    msg.mpid = mpid;
  }
  if (core.queue.length < core.options.maxQueueMessages) {
    core.queue.push(msg);
  } else {
    const result = coreEnqueue(core.queue, msg, core.options.maxQueueMessages, core.inflightIds);
    core.queue = result.queue;
    if (result.dropped.length > 0) {
      messageCountDrops(core, result.dropped, 'maxQueueMessages', out);
    }
  }
  core.queueDirty = true;
  core.sessionNodeDirty = true;
  // Custom (and media) events are never of the top priority: no need to ask.
  if (msg.dt !== MESSAGE_TYPE.CUSTOM && coreMessagePriority(msg) >= 3) {
    core.persistNow = true;
  } else if (core.persistAt === 0) {
    core.persistAt = msg.ct + core.persistDelay;
  }
  if (core.logLevel >= LOG_LEVEL.DEBUG) {
    let name = '';
    if (typeof msg.n === 'string') {
      name = ` ${msg.n}`;
    }
    messageLog(out, LOG_LEVEL.DEBUG, `queued ${msg.dt}${name} (${core.queue.length} waiting)`);
  }
}

/** Counts messages a full queue dropped and names them in one error line. */
export function messageCountDrops(core: MessageState, dropped: CoreMessage[], reason: string, out: MessageResult): void {
  if (dropped.length === 0) {
    return;
  }
  core.dropped = core.dropped + dropped.length;
  core.sessionNodeDirty = true;
  const kinds: string[] = [];
  for (const msg of dropped) {
    let label = msg.dt;
    if (typeof msg.n === 'string') {
      label = `${label}:${msg.n}`;
    }
    kinds.push(label);
  }
  messageLog(out, LOG_LEVEL.ERROR, `queue full (${reason}): dropped ${dropped.length} message(s) [${kinds.join(', ')}], ${core.dropped} in all`);
}

/** Starts a session at `now`: its `ss` message carries the previous session and the launch referrer. */
function messageStartSession(core: MessageState, now: Long, out: MessageResult): void {
  const id = coreTakeId(core, now);
  const s: MessageSession = { active: true, id: id, start: now, last: now, attrs: {}, mpids: [] };
  if (core.mpid !== '0') {
    s.mpids.push(core.mpid);
  }
  core.session = s;
  const msg: CoreMessage = { dt: MESSAGE_TYPE.SESSION_START, id: id, ct: now, sid: id, sct: now };
  const previous = core.previousSession;
  if (previous !== undefined && previous !== null) {
    msg.pid = previous.id;
    msg.pss = previous.start;
    // Read by key: `.length` is an array's or a string's length to the transpiler.
    const length = (previous as unknown as Record<string, Long>)['length'];
    msg.psl = Math.floor(length / 1000);
  }
  const lr = messageLaunchReferrer(core.options.startupArgs);
  if (lr !== '') {
    msg.lr = lr;
  }
  messageEnqueue(core, msg, core.mpid, out);
  out.effects.push({ type: 'connection', msg: msg });
  core.stateDirty = true;
  core.persistNow = true;
  core.sessionNodeDirty = true;
  messageLog(out, LOG_LEVEL.INFO, `session ${id} started`);
}

/** Ends the running session at its last event; `se` carries its length, attributes and MPIDs. */
function messageEndSession(core: MessageState, out: MessageResult): void {
  const s = core.session;
  if (!s.active) {
    return;
  }
  const length = coreSessionLength(s.start, s.last);
  const id = coreTakeId(core, s.last);
  const msg: CoreMessage = { dt: MESSAGE_TYPE.SESSION_END, id: id, ct: s.last, sid: s.id, sct: s.start, slx: length, sl: length, attrs: s.attrs, smpids: s.mpids };
  s.active = false;
  core.previousSession = { id: s.id, start: s.start, length: length };
  messageEnqueue(core, msg, core.mpid, out);
  out.effects.push({ type: 'connection', msg: msg });
  core.stateDirty = true;
  core.persistNow = true;
  core.sessionNodeDirty = true;
  messageLog(out, LOG_LEVEL.INFO, `session ${s.id} ended after ${length} ms`);
}

/**
 * The Task started: unless opted out, a session starts, the app_init transition follows (once
 * per run) and the first identify is asked for and sent at once (the first calls may come in a
 * burst that the Task takes before its first tick). The channel's version is then recorded.
 */
function messageStart(core: MessageState, appVersion: string, now: Long, out: MessageResult): void {
  if (!core.optedOut) {
    messageStartSession(core, now, out);
    const msg = messageCreate(core, MESSAGE_TYPE.APP_STATE_TRANSITION, false, now, out);
    msg.t = 'app_init';
    msg.ifr = core.firstRun;
    msg.iu = core.appVersion !== '' && core.appVersion !== appVersion;
    const args = core.options.startupArgs;
    if (messageIsObject(args)) {
      const lr = messageLaunchReferrer(args);
      if (lr !== '') {
        msg.lr = lr;
      }
      msg.lpr = JSON.stringify(args);
    }
    messageEnqueue(core, msg, core.mpid, out);
    out.effects.push({ type: 'connection', msg: msg });
    const requestId = coreTakeId(core, now);
    out.effects.push({ type: 'identity', input: { kind: 'identify', request: core.options.identifyRequest, requestId: requestId } });
    out.effects.push({ type: 'identity', input: { kind: 'pump' } });
  }
  core.appVersion = appVersion;
}

/** The launch arguments' contentId, as a string ("" for none). */
function messageLaunchReferrer(args: unknown): string {
  if (!messageIsObject(args)) {
    return '';
  }
  const value = (args as Record<string, unknown>).contentId;
  if (typeof value === 'string') {
    return value as string;
  }
  if (typeof value === 'number') {
    return String(value);
  }
  return '';
}

/** Attribute values as strings (numbers as JavaScript prints them, arrays and objects as JSON). */
export function messageStringAttrs(attrs: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!messageIsObject(attrs)) {
    return out;
  }
  const given = attrs as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    const value = given[key];
    if (typeof value === 'string') {
      out[key] = value as string;
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      out[key] = String(value);
    } else if (typeof value === 'object' && value !== null) {
      // "" on the device for a node or a function inside: left out.
      const text = JSON.stringify(value);
      if (text !== '') {
        out[key] = text;
      }
    }
  }
  return out;
}

/** A value as text: arrays and objects as JSON (as the device's mParticle_str prints them), the rest as String does. */
function messageText(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    return JSON.stringify(value);
  }
  return String(value);
}

/** Custom flags as {flag: [values]}, on `msg`; nothing unless `flags` has a key. */
function messageAddFlags(msg: CoreMessage, flags: unknown): void {
  if (!messageIsObject(flags)) {
    return;
  }
  const given = flags as Record<string, unknown>;
  if (Object.keys(given).length === 0) {
    return;
  }
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(given)) {
    const value = given[key];
    if (Array.isArray(value)) {
      const list: string[] = [];
      for (const item of value as unknown[]) {
        list.push(messageText(item));
      }
      out[key] = list;
    } else if (!messageAbsent(value)) {
      out[key] = [messageText(value)];
    }
  }
  msg.flags = out;
}

/** Whether `value` is one of the values of a schema table (CUSTOM_EVENT_TYPE, MESSAGE_TYPE). */
function messageIsValueOf(table: Record<string, string>, value: string): boolean {
  for (const key of Object.keys(table)) {
    if (table[key] === value) {
      return true;
    }
  }
  return false;
}

/** logEvent(name, eventType, attributes, flags): an unknown event type becomes "other". */
function messageLogEvent(core: MessageState, a: unknown[], now: Long, out: MessageResult): void {
  const given = a[1] as string;
  let eventType = given.toLowerCase();
  if (!messageIsValueOf(CUSTOM_EVENT_TYPE, eventType)) {
    messageLog(out, LOG_LEVEL.ERROR, `logEvent: unknown event type "${given}"; using "other"`);
    eventType = CUSTOM_EVENT_TYPE.OTHER;
  }
  messageCustomEvent(core, a[0] as string, eventType, a[2], a.length > 3 ? a[3] : undefined, now, out);
}

function messageCustomEvent(core: MessageState, name: string, eventType: string, attrs: unknown, flags: unknown, now: Long, out: MessageResult): void {
  const msg = messageCreate(core, MESSAGE_TYPE.CUSTOM, true, now, out);
  msg.n = name;
  msg.et = eventType;
  msg.est = now;
  msg.attrs = messageStringAttrs(attrs);
  messageAddFlags(msg, flags);
  messageQueue(core, msg, true, core.mpid, out);
}

/** Whether a part of a commerce call is absent or empty: 2.x's bridge defaults them to {}, {} and []. */
function messageEmptyPart(part: unknown): boolean {
  if (messageAbsent(part)) {
    return true;
  }
  if (Array.isArray(part)) {
    return (part as unknown[]).length === 0;
  }
  if (messageIsObject(part)) {
    return Object.keys(part as Record<string, unknown>).length === 0;
  }
  return false;
}

/**
 * What is wrong with the objects of a commerce call, or "": actions must come from their
 * builders (an action type) and impressions must be Impression.build results.
 */
export function messageCommerceProblem(pd: unknown, pm: unknown, pi: unknown): string {
  if (pd !== undefined && typeof (pd as Record<string, unknown>).an !== 'string') {
    return 'productAction must be a ProductAction.build() result';
  }
  if (pm !== undefined && typeof (pm as Record<string, unknown>).an !== 'string') {
    return 'promotionAction must be a PromotionAction.build() result';
  }
  if (pi !== undefined) {
    for (const impression of pi as unknown[]) {
      if (!messageIsObject(impression)) {
        return 'impressions must be an array of Impression.build() results';
      }
    }
  }
  return '';
}

/** logCommerceEvent(productAction, promotionAction, impressions, attributes, screenName, flags). */
function messageLogCommerce(core: MessageState, a: unknown[], json: boolean, now: Long, out: MessageResult): void {
  const pd = messageEmptyPart(a[0]) ? undefined : a[0];
  const pm = messageEmptyPart(a[1]) ? undefined : a[1];
  const pi = messageEmptyPart(a[2]) ? undefined : a[2];
  if (pd === undefined && pm === undefined && pi === undefined) {
    messageLog(out, LOG_LEVEL.ERROR, 'logCommerceEvent: needs a product action, a promotion action or impressions; call dropped');
    return;
  }
  const problem = messageCommerceProblem(pd, pm, pi);
  if (problem !== '') {
    messageLog(out, LOG_LEVEL.ERROR, `logCommerceEvent: ${problem}; call dropped`);
    return;
  }
  // Checked before the message is made: a dropped call is no activity.
  if (!json) {
    messageNotJson(out, MESSAGE_TYPE.COMMERCE);
    return;
  }
  const msg = messageCreate(core, MESSAGE_TYPE.COMMERCE, true, now, out);
  msg.est = now;
  if (pd !== undefined) {
    msg.pd = pd;
  }
  if (pm !== undefined) {
    msg.pm = pm;
  }
  if (pi !== undefined) {
    msg.pi = pi;
  }
  msg.attrs = messageStringAttrs(a.length > 3 ? a[3] : undefined);
  const screen = a.length > 4 ? a[4] : undefined;
  if (typeof screen === 'string' && screen !== '') {
    msg.sn = screen as string;
  }
  messageAddFlags(msg, a.length > 5 ? a[5] : undefined);
  messageQueue(core, msg, true, core.mpid, out);
}

/** A raw message: the channel gives dt and its own keys; id, ct and the session are filled in. */
function messageLogRaw(core: MessageState, raw: unknown, json: boolean, now: Long, out: MessageResult): void {
  if (!messageIsObject(raw) || typeof (raw as Record<string, unknown>).dt !== 'string') {
    messageLog(out, LOG_LEVEL.ERROR, 'logMessage: the message must be an associative array with a dt; call dropped');
    return;
  }
  const given = raw as Record<string, unknown>;
  const dt = given.dt as string;
  if (!messageIsValueOf(MESSAGE_TYPE, dt)) {
    messageLog(out, LOG_LEVEL.ERROR, `logMessage: unsupported message type "${dt}"; call dropped`);
    return;
  }
  if (!json) {
    messageNotJson(out, dt);
    return;
  }
  const msg = messageCreate(core, dt, true, now, out);
  for (const key of Object.keys(given)) {
    const lower = key.toLowerCase();
    if (lower !== 'id' && lower !== 'ct') {
      msg[key] = given[key];
    }
  }
  messageQueue(core, msg, true, core.mpid, out);
}

/** setIntegrationAttribute(integrationId, key, value): kept in the state, sent with every batch. */
function messageSetIntegrationAttribute(core: MessageState, a: unknown[]): void {
  const integration = a[0] as string;
  const current = core.ia[integration];
  if (!messageIsObject(current)) {
    core.ia[integration] = {};
  }
  const attrs = core.ia[integration] as Record<string, unknown>;
  attrs[a[1] as string] = a[2];
  core.stateDirty = true;
  core.persistNow = true;
}

/** setSessionAttribute(key, value): on the running session (one starts), as a string. */
function messageSetSessionAttribute(core: MessageState, a: unknown[], now: Long, out: MessageResult): void {
  messageTouch(core, now, out);
  core.session.attrs[a[0] as string] = messageText(a[1]);
  core.stateDirty = true;
  core.persistNow = true;
}

/**
 * setOptOut(optOut): the opt-out message goes (and is sent at once) either way; opting out
 * stops the session without a session end and drops identity's pending requests.
 */
function messageSetOptOut(core: MessageState, optOut: boolean, now: Long, out: MessageResult): void {
  if (optOut === core.optedOut) {
    return;
  }
  const msg = messageCreate(core, MESSAGE_TYPE.OPT_OUT, false, now, out);
  msg.s = optOut;
  core.optedOut = optOut;
  if (optOut) {
    core.session.active = false;
    out.effects.push({ type: 'identity', input: { kind: 'optOut' } });
    messageEnqueue(core, msg, core.mpid, out);
    messageLog(out, LOG_LEVEL.INFO, 'opted out: nothing more is queued or sent');
  } else {
    messageEnqueue(core, msg, core.mpid, out);
    messageLog(out, LOG_LEVEL.INFO, 'opted back in');
  }
  core.uploadRequested = true;
  core.stateDirty = true;
  core.persistNow = true;
}
