/**
 * Source of the messages vectors in test/vectors/core/messages-*.json: the scenarios as steps
 * of fully given inputs (test/logic/reducer-vectors.ts), with the effects and the observed state
 * the TypeScript reducer (src-ts/logic/core-messages.ts) gives for each.
 *
 *   npx tsx test/logic/messages-author.ts           # check: every file matches its scenario
 *   npx tsx test/logic/messages-author.ts --write   # (re)write; expected = current output
 *
 * A rewritten vector must be reviewed by hand (git diff) before it is committed.
 */
import * as path from 'node:path';
import seedrandom from 'seedrandom';
import { messageReduce } from '../../src-ts/logic/core-messages';
import { refreshGoldens } from './goldens';
import { runReducerVector, type ReducerStep, type ReducerVector } from './reducer-vectors';

export const MESSAGES_VECTOR_DIR = path.join(__dirname, '..', 'vectors', 'core');

export const T0 = 1593007500000;

type Obj = Record<string, unknown>;

/** What the reducer decides in the state: compared after every step. */
export const MESSAGES_OBSERVED = ['queue', 'session', 'previousSession', 'dropped', 'optedOut', 'ia', 'persistNow', 'persistAt', 'stateDirty', 'uploadRequested', 'appVersion'];

/** The Task's core after a start with an empty registry (task-core.brs mParticle_taskStart, task-storage.brs mParticle_taskLoad). */
export function messagesInitialState(over: Obj = {}): Obj {
  const ids: string[] = [];
  for (let i = 1; i <= 120; i++) ids.push(`uuid-${i}`);
  const base: Obj = {
    ready: true,
    optedOut: false,
    mpid: '0',
    session: { active: false, id: '', start: 0, last: 0, attrs: {}, mpids: [] },
    queue: [],
    inflightIds: {},
    dropped: 0,
    options: { maxQueueMessages: 1000, sessionTimeoutMillis: 60000 },
    ia: {},
    stateDirty: false,
    persistNow: false,
    persistAt: 0,
    persistDelay: 1000,
    queueDirty: false,
    sessionNodeDirty: false,
    uploadRequested: false,
    logLevel: 1,
    firstRun: true,
    appVersion: '',
    ids,
  };
  return JSON.parse(JSON.stringify({ ...base, ...over })) as Obj;
}

/** Steps one after the other, `after` ms apart. */
class Steps {
  steps: ReducerStep[] = [];
  t = T0;
  add(input: Obj, after = 10): this {
    this.t += after;
    this.steps.push({ t: this.t, input });
    return this;
  }
  call(kind: string, a: unknown[], more: Obj = {}, after = 10): this {
    return this.add({ kind, a, ...more }, after);
  }
}

const playhead = (p: number) => ({ name: 'Update Playhead Position', attrs: { media_session_id: 'ms-1', playhead_position: String(p) } });
const play = { name: 'Play', attrs: { media_session_id: 'ms-1' } };

type Scenario = Omit<ReducerVector, 'state' | 'observe'> & { state?: Obj };

export const MESSAGES_SCENARIOS: Scenario[] = [
  {
    name: 'messages-session-timeout',
    description: 'The start opens a session, asks for the first identify and queues app_init; events move the last event time; a tick after the timeout ends the session at its last event, and the next event starts a new one that names it.',
    state: { options: { maxQueueMessages: 1000, sessionTimeoutMillis: 60000, startupArgs: { contentId: 42, mediaType: 'movie' }, identifyRequest: { userIdentities: { customerid: 'c1' } } } },
    steps: new Steps()
      .add({ kind: 'start', appVersion: '1.0.0' })
      .call('logEvent', ['Browse', 'navigation', { page: 'home' }])
      .add({ kind: 'tick' }, 30000)
      .call('setSessionAttribute', ['plan', 'gold'], {}, 1000)
      .add({ kind: 'tick' }, 59999)
      .add({ kind: 'tick' }, 1)
      .add({ kind: 'tick' }, 1000)
      .call('logScreenEvent', ['Home', { row: 3 }], {}, 5000)
      .add({ kind: 'tick' }).steps,
  },
  {
    name: 'messages-restart',
    description: 'A restart: the restored session ends at its last event, the new run starts a session naming it, app_init tells an update (the version changed) and not a first run; opted out, a start queues nothing.',
    state: {
      firstRun: false,
      appVersion: '0.9.0',
      mpid: '1001',
      session: { active: true, id: 'old-session', start: T0 - 90000, last: T0 - 30000, attrs: { plan: 'gold' }, mpids: ['1001'] },
      queue: [{ dt: 'e', id: 'old-1', ct: T0 - 30000, n: 'Old', et: 'other', mpid: '1001' }],
    },
    steps: new Steps()
      .add({ kind: 'endSession' })
      .add({ kind: 'endSession' })
      .add({ kind: 'start', appVersion: '1.0.0' })
      .call('setOptOut', [true])
      .add({ kind: 'start', appVersion: '1.0.0' })
      .add({ kind: 'startSession' }).steps,
  },
  {
    name: 'messages-core-calls',
    description: 'logEvent with a known, a mixed-case and an unknown event type, attributes of every kind and flags; logScreenEvent; logMessage good and bad; integration and session attributes; upload; the identity pass-throughs.',
    state: { logLevel: 3, mpid: '1001' },
    steps: new Steps()
      .call('logEvent', ['Search', 'Search', { q: 'cats', n: 3, ok: true, list: [1, 'a'], obj: { x: 1 }, nothing: null }, { tag: ['a', 2], one: 5, none: null }])
      .call('logEvent', ['Odd', 'nonsense'])
      .call('logEvent', ['Plain', 'other', null, {}])
      .call('logScreenEvent', ['Details', { id: 7.5 }, { f: 'x' }])
      .call('logMessage', [{ dt: 'x', id: 'mine', CT: 5, m: 'boom', sid: 'custom' }])
      .call('logMessage', [{ dt: 'zz' }])
      .call('logMessage', [{ n: 'no dt' }])
      .call('logMessage', ['text'])
      .call('logMessage', [{ dt: 'b', l: 'crumb' }], { json: false })
      .call('setIntegrationAttribute', ['160', 'key', 'value'])
      .call('setIntegrationAttribute', ['160', 'other', ['a', 'b']])
      .call('setSessionAttribute', ['list', [1, 2]])
      .call('setSessionAttribute', ['count', 3])
      .call('upload', [])
      .call('setConsentState', [{ gdpr: { analytics: { c: true } } }])
      .call('setUserAttribute', ['age', 30])
      .call('removeUserAttribute', ['age'])
      .add({ kind: 'nonsense' }).steps,
  },
  {
    name: 'messages-commerce',
    description: 'logCommerceEvent: empty parts are absent parts, an action must come from its builder and impressions from Impression.build; values that are not JSON drop the call; a good call carries the screen name and flags.',
    steps: new Steps()
      .call('logCommerceEvent', [{}, {}, [], {}, '', {}])
      .call('logCommerceEvent', [{ pr: [] }])
      .call('logCommerceEvent', [null, { pr: [] }])
      .call('logCommerceEvent', [null, null, [{ pil: 'x' }, 'no']])
      .call('logCommerceEvent', [{ an: 'purchase', pr: [{ id: 'p1', pr: 9.99 }] }, null, null, { coupon: 'X' }, 'Cart', { f: ['1'] }], { json: false })
      .call('logCommerceEvent', [{ an: 'purchase', pr: [{ id: 'p1', pr: 9.99 }] }, { an: 'view', pm: [{ id: 'promo' }] }, [{ pil: 'list', pl: [] }], { coupon: 'X' }, 'Cart', { f: ['1'] }])
      .call('logCommerceEvent', [null, null, [{ pil: 'list' }]]).steps,
  },
  {
    name: 'messages-opt-out',
    description: 'Opting out queues the opt-out message (sent at once), stops the session without a session end and drops identity requests; nothing else is queued then; a second opt-out changes nothing; opting back in queues the opt-in, and the next event starts a session.',
    state: { logLevel: 3, mpid: '1001' },
    steps: new Steps()
      .call('logEvent', ['Before', 'other'])
      .call('setOptOut', [true])
      .call('setOptOut', [true])
      .add({ kind: 'queue', msg: { dt: 'e', id: 'x-1', ct: T0, n: 'During', et: 'other' }, json: true })
      .add({ kind: 'identity', dt: 'uac', fields: { n: 'age', nv: 3, d: false, na: true }, activity: true, mpid: '1001', json: true })
      .add({ kind: 'tick' }, 120000)
      .call('setOptOut', [false])
      .call('logEvent', ['After', 'other']).steps,
  },
  {
    name: 'messages-queue-overflow',
    description: 'A full queue drops the least valuable message: playhead updates first, then other media events, then custom events, in-flight ones after the others of their rank, the oldest first; session messages last. Drops are counted and named.',
    state: {
      options: { maxQueueMessages: 4, sessionTimeoutMillis: 60000 },
      mpid: '1001',
      queue: [
        { dt: 'e', id: 'q-1', ct: T0 - 10, n: 'Update Playhead Position', et: 'media', mpid: '1001' },
        { dt: 'e', id: 'q-2', ct: T0 - 9, n: 'Play', et: 'media', mpid: '1001' },
      ],
      inflightIds: { 'q-1': true },
    },
    steps: new Steps()
      .add({ kind: 'media', events: [playhead(1), playhead(2)] })
      .add({ kind: 'media', events: [playhead(3)] })
      .add({ kind: 'media', events: [play, playhead(4)] })
      .call('logEvent', ['Custom', 'other'])
      .call('logEvent', ['Custom 2', 'other'])
      .add({ kind: 'media', events: [] })
      .call('setOptOut', [true])
      .call('setOptOut', [false]).steps,
  },
  {
    name: 'messages-identity',
    description: "Identity's messages: logged under the MPID of the change (none while it is \"0\"), of the activity or not, dropped when not JSON.",
    state: { mpid: '2002', session: { active: true, id: 's-1', start: T0 - 100, last: T0 - 100, attrs: {}, mpids: ['2002'] } },
    steps: new Steps()
      .add({ kind: 'identity', dt: 'uic', fields: { ni: { n: 1, i: 'c1', dfs: T0, f: true } }, activity: false, mpid: '0', json: true })
      .add({ kind: 'identity', dt: 'uac', fields: { n: 'age', nv: 30, d: false, na: true }, activity: true, mpid: '1001', json: true })
      .add({ kind: 'identity', dt: 'uac', fields: { n: 'node', d: false, na: true }, activity: true, mpid: '2002', json: false })
      .add({ kind: 'enqueue', msg: { dt: 'e', id: 'own-1', ct: T0 + 40, n: 'Mine', et: 'other' } })
      .add({ kind: 'queue', msg: { dt: 'x', id: 'own-2', ct: T0 + 50 }, json: false }).steps,
  },
  {
    name: 'messages-media',
    description: 'One media call gives its events as one input: the first starts the session, each becomes a custom media message with its string attributes, written within persistDelay (never at once).',
    state: { logLevel: 3 },
    steps: new Steps()
      .add({ kind: 'media', events: [{ name: 'Media Session Start', attrs: { media_session_id: 'ms-1' } }, play] })
      .add({ kind: 'media', events: [playhead(10)] }, 500)
      .add({ kind: 'media', events: [] })
      .add({ kind: 'tick' }, 61000)
      .add({ kind: 'media', events: [playhead(20)] }).steps,
  },
];

export function authorMessagesVector(s: Scenario): ReducerVector {
  return { name: s.name, description: s.description, state: messagesInitialState(s.state), steps: s.steps, observe: MESSAGES_OBSERVED };
}

/** A vector with its expected effects (and observed state) per step. */
export function messagesGolden(v: ReducerVector): ReducerVector & { expected: unknown[][] } {
  return { ...v, expected: runReducerVector(messageReduce as never, v).effects };
}

/** Seeded random input sequences over every input kind, with a small queue (drops) and a short timeout. */
export function randomMessagesVector(name: string, seed: string = name): ReducerVector {
  const rng = seedrandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const values: unknown[] = ['s', 7, 2.5, true, false, null, [1, 'x'], { k: 'v' }, '', -3];
  const attrs = (): Obj => {
    const out: Obj = {};
    const n = Math.floor(rng() * 3);
    for (let i = 0; i < n; i++) out[pick(['a', 'b', 'Mixed', 'n'])] = pick(values);
    return out;
  };
  const mediaNames = ['Update Playhead Position', 'Play', 'Pause', 'Update QoS', 'Ad Start'];
  const steps = new Steps();
  const count = 20 + Math.floor(rng() * 30);
  for (let i = 0; i < count; i++) {
    const after = pick([1, 10, 500, 5000, 40000]);
    const r = rng();
    if (r < 0.25) {
      const events = [];
      const n = Math.floor(rng() * 3);
      for (let j = 0; j < n; j++) events.push({ name: pick(mediaNames), attrs: { media_session_id: 'ms-1', p: String(j) } });
      steps.add({ kind: 'media', events }, after);
    } else if (r < 0.35) {
      steps.call('logEvent', [pick(['A', 'B']), pick(['other', 'Navigation', 'bogus', 'media']), attrs(), pick([null, {}, { f: pick(values) }])], {}, after);
    } else if (r < 0.4) {
      steps.call('logScreenEvent', [pick(['S1', 'S2']), attrs(), pick([null, { g: ['1', 2] }])], {}, after);
    } else if (r < 0.47) {
      const part = () => pick([null, {}, { an: 'purchase', pr: [] }, { pr: [] }]);
      steps.call('logCommerceEvent', [part(), part(), pick([null, [], [{ pil: 'l' }], ['x']]), attrs(), pick([null, '', 'Cart']), pick([null, { f: 'x' }])], { json: rng() < 0.9 }, after);
    } else if (r < 0.52) {
      steps.call('logMessage', [pick([{ dt: 'x', m: 'e' }, { dt: 'b', id: 'own', ct: 3 }, { dt: 'nope' }, 'raw', { n: 1 }])], { json: rng() < 0.9 }, after);
    } else if (r < 0.57) {
      steps.call('setSessionAttribute', [pick(['a', 'b']), pick(values.filter((v) => v !== null))], {}, after);
    } else if (r < 0.6) {
      steps.call('setIntegrationAttribute', [pick(['160', '1']), pick(['k', 'j']), pick(['v', ['a']])], {}, after);
    } else if (r < 0.66) {
      steps.call('setOptOut', [rng() < 0.5], {}, after);
    } else if (r < 0.7) {
      steps.add({ kind: 'identity', dt: pick(['uac', 'uic']), fields: { n: 'k', nv: pick(values) }, activity: rng() < 0.5, mpid: pick(['0', '1001', '2002']), json: rng() < 0.9 }, after);
    } else if (r < 0.73) {
      steps.call(pick(['upload', 'setConsentState', 'setUserAttribute', 'removeUserAttribute']), [pick(['k', { c: 1 }]), pick(values)], {}, after);
    } else if (r < 0.76) {
      steps.add({ kind: pick(['startSession', 'endSession', 'start']), appVersion: pick(['1.0', '2.0']) }, after);
    } else {
      steps.add({ kind: 'tick' }, after);
    }
  }
  const state = messagesInitialState({
    options: { maxQueueMessages: 1 + Math.floor(rng() * 6), sessionTimeoutMillis: pick([1000, 30000, 60000]), startupArgs: pick([undefined, { contentId: 'c-9' }]) },
    logLevel: pick([1, 3]),
    mpid: pick(['0', '1001']),
    firstRun: rng() < 0.5,
    appVersion: pick(['', '1.0']),
  });
  return { name, description: `seeded random sequence ${seed}`, state, steps: steps.steps, observe: MESSAGES_OBSERVED };
}

if (require.main === module) {
  refreshGoldens(MESSAGES_SCENARIOS.map((s) => ({ file: path.join(MESSAGES_VECTOR_DIR, `${s.name}.json`), text: JSON.stringify(messagesGolden(authorMessagesVector(s)), null, 1) + '\n' })));
}
