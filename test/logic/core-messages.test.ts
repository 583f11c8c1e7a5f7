/**
 * Behaviour of the messages reducer (src-ts/logic/core-messages.ts), asserted on the TypeScript
 * reducer: sessions, the core API calls, opt-out, the drop order, persistence urgency. The
 * vectors (test/vectors/core/messages-*.json) must also still be what their author writes.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import seedrandom from 'seedrandom';
import { messageMediaEffects, messageMediaEvents, messageReduce, type MessageEffect, type MessageInput, type MessageMediaEvent, type MessageState } from '../../src-ts/logic/core-messages';
import { authorMessagesVector, messagesGolden, messagesInitialState, MESSAGES_SCENARIOS, MESSAGES_VECTOR_DIR, T0 } from './messages-author';

type Msg = Record<string, unknown>;

function core(over: Record<string, unknown> = {}): MessageState {
  return messagesInitialState(over) as unknown as MessageState;
}

function step(state: MessageState, input: MessageInput, now = T0): MessageEffect[] {
  return messageReduce(state, input, now).effects;
}

const logs = (effects: MessageEffect[]) => effects.filter((e) => e.type === 'log').map((e) => e.text);
const queued = (state: MessageState) => state.queue.map((m) => `${m.dt}${typeof m.n === 'string' ? `:${m.n}` : ''}`);

describe('messages reducer', () => {
  it('the vectors are what messages-author.ts writes', () => {
    for (const s of MESSAGES_SCENARIOS) {
      const file = path.join(MESSAGES_VECTOR_DIR, `${s.name}.json`);
      assert.equal(fs.readFileSync(file, 'utf8'), JSON.stringify(messagesGolden(authorMessagesVector(s)), null, 1) + '\n', `${file} is stale: npx tsx test/logic/messages-author.ts --write`);
    }
  });

  it('the start opens a session, queues app_init after it and asks identity for the first identify, sent at once', () => {
    const c = core({ options: { maxQueueMessages: 10, sessionTimeoutMillis: 1000, startupArgs: { contentId: 'c1' }, identifyRequest: { userIdentities: {} } }, appVersion: '0.1' });
    const effects = step(c, { kind: 'start', appVersion: '0.2' });
    assert.deepEqual(queued(c), ['ss', 'ast']);
    const [ss, ast] = c.queue as Msg[];
    assert.equal(ss.id, c.session.id);
    assert.equal(ss.lr, 'c1');
    assert.equal(ast.t, 'app_init');
    assert.equal(ast.iu, true, 'the version changed: an update');
    assert.equal(ast.ifr, true);
    assert.equal(ast.sid, c.session.id);
    assert.deepEqual(
      effects.filter((e) => e.type === 'identity').map((e) => e.input!.kind),
      ['identify', 'pump'],
    );
    assert.deepEqual(effects.filter((e) => e.type === 'connection').map((e) => e.msg!.dt), ['ss', 'ast']);
    assert.equal(c.appVersion, '0.2');
    assert.equal(c.persistNow, true);
  });

  it('opted out, the start queues nothing and asks no identify, but records the version', () => {
    const c = core({ optedOut: true });
    const effects = step(c, { kind: 'start', appVersion: '3' });
    assert.deepEqual(c.queue, []);
    assert.deepEqual(effects, []);
    assert.equal(c.appVersion, '3');
  });

  it('a session ends at its last event once the timeout has passed, and the next event starts one that names it', () => {
    const c = core({ options: { maxQueueMessages: 10, sessionTimeoutMillis: 1000 } });
    step(c, { kind: 'logEvent', a: ['A', 'other'] }, T0);
    step(c, { kind: 'logEvent', a: ['B', 'other'] }, T0 + 500);
    step(c, { kind: 'tick' }, T0 + 1499);
    assert.equal(c.session.active, true);
    step(c, { kind: 'tick' }, T0 + 1500);
    assert.equal(c.session.active, false);
    const se = c.queue[c.queue.length - 1] as Msg;
    assert.equal(se.dt, 'se');
    assert.equal(se.ct, T0 + 500);
    assert.equal(se.sl, 500);
    step(c, { kind: 'logEvent', a: ['C', 'other'] }, T0 + 9000);
    assert.deepEqual(queued(c), ['ss', 'e:A', 'e:B', 'se', 'ss', 'e:C']);
    const ss2 = c.queue[4] as Msg;
    assert.equal(ss2.pid, se.sid);
    assert.equal(ss2.psl, 0);
  });

  it('logEvent lowers the event type and turns an unknown one into "other", attributes into strings, flags into lists', () => {
    const c = core();
    const effects = step(c, { kind: 'logEvent', a: ['A', 'NAVIGATION', { n: 2, b: false, o: { x: [1] } }, { f: 3, g: ['a', { k: 1 }] }] });
    const e = c.queue[1] as Msg;
    assert.equal(e.et, 'navigation');
    assert.deepEqual(e.attrs, { n: '2', b: 'false', o: '{"x":[1]}' });
    assert.deepEqual(e.flags, { f: ['3'], g: ['a', '{"k":1}'] });
    assert.deepEqual(logs(effects).filter((t) => t!.includes('unknown')), []);
    const bad = step(c, { kind: 'logEvent', a: ['B', 'weird'] });
    assert.equal((c.queue[2] as Msg).et, 'other');
    assert.match(logs(bad)[0]!, /unknown event type "weird"/);
  });

  it('flags go on their own message even when a full queue drops it', () => {
    const c = core({ options: { maxQueueMessages: 1, sessionTimeoutMillis: 60000 } });
    step(c, { kind: 'logEvent', a: ['A', 'other', undefined, { f: 'x' }] });
    assert.deepEqual(queued(c), ['ss'], 'the custom event is worth less than the session start');
    assert.equal((c.queue[0] as Msg).flags, undefined);
  });

  it('a full queue drops playhead updates first, in-flight ones after the others, then other media, then custom events', () => {
    const c = core({ mpid: '7', options: { maxQueueMessages: 4, sessionTimeoutMillis: 60000 }, inflightIds: { p1: true } });
    c.session = { active: true, id: 's', start: T0, last: T0, attrs: {}, mpids: [] };
    c.queue = [
      { dt: 'e', id: 'p1', ct: T0, n: 'Update Playhead Position', et: 'media' },
      { dt: 'e', id: 'c1', ct: T0, n: 'Custom', et: 'other' },
      { dt: 'e', id: 'm1', ct: T0, n: 'Play', et: 'media' },
      { dt: 'e', id: 'p2', ct: T0, n: 'Update Playhead Position', et: 'media' },
    ];
    const effects = step(c, { kind: 'media', events: [{ name: 'Pause', attrs: {} }, { name: 'Update Playhead Position', attrs: {} }, { name: 'Pause', attrs: {} }] });
    // in flight: p1 does not count against the limit
    assert.deepEqual(c.queue.map((m) => m.id), ['p1', 'c1', 'm1', 'uuid-1', 'uuid-3']);
    assert.equal(c.dropped, 2);
    assert.deepEqual(logs(effects), [
      'queue full (maxQueueMessages): dropped 1 message(s) [e:Update Playhead Position], 1 in all',
      'queue full (maxQueueMessages): dropped 1 message(s) [e:Update Playhead Position], 2 in all',
    ]);
    assert.equal(c.queue[3].mpid, '7');
  });

  it('media events are written within persistDelay, session and user messages at once', () => {
    const c = core();
    c.session = { active: true, id: 's', start: T0, last: T0, attrs: {}, mpids: [] };
    step(c, { kind: 'media', events: [{ name: 'Play', attrs: { a: '1' } }] }, T0 + 5);
    assert.equal(c.persistNow, false);
    assert.equal(c.persistAt, T0 + 5 + 1000);
    step(c, { kind: 'identity', dt: 'uac', fields: { n: 'k', nv: 1 }, activity: true, mpid: '0', json: true }, T0 + 6);
    assert.equal(c.persistNow, true);
  });

  it("identity's messages are logged under the MPID of the change, none for \"0\", and dropped when not JSON", () => {
    const c = core({ mpid: '2' });
    step(c, { kind: 'identity', dt: 'uic', fields: { ni: 1 }, activity: false, mpid: '0', json: true });
    step(c, { kind: 'identity', dt: 'uac', fields: { n: 'k' }, activity: false, mpid: '1', json: true });
    const effects = step(c, { kind: 'identity', dt: 'uac', fields: { n: 'k' }, activity: false, mpid: '1', json: false });
    assert.deepEqual(c.queue.map((m) => m.mpid), [undefined, '1']);
    assert.equal(c.session.active, false, 'not the activity: no session starts');
    assert.match(logs(effects)[0]!, /not JSON/);
  });

  it('opting out queues only the opt-out, stops the session without a session end; opting in queues the opt-in', () => {
    const c = core({ mpid: '5' });
    step(c, { kind: 'logEvent', a: ['A', 'other'] });
    const out = step(c, { kind: 'setOptOut', a: [true] });
    assert.deepEqual(queued(c), ['ss', 'e:A', 'o']);
    assert.equal((c.queue[2] as Msg).s, true);
    assert.equal(c.session.active, false);
    assert.equal(c.uploadRequested, true);
    assert.deepEqual(out.filter((e) => e.type === 'identity').map((e) => e.input!.kind), ['optOut']);
    assert.deepEqual(step(c, { kind: 'setOptOut', a: [true] }), [], 'no change, no message');
    step(c, { kind: 'queue', msg: { dt: 'e', id: 'x', ct: T0 }, json: true });
    step(c, { kind: 'tick' }, T0 + 10 * 60000);
    assert.deepEqual(queued(c), ['ss', 'e:A', 'o']);
    step(c, { kind: 'setOptOut', a: [false] });
    assert.deepEqual(queued(c), ['ss', 'e:A', 'o', 'o']);
    assert.equal((c.queue[3] as Msg).s, false);
  });

  it('logCommerceEvent drops calls without parts, with parts not from their builders, and with values that are not JSON', () => {
    const c = core();
    const none = step(c, { kind: 'logCommerceEvent', a: [{}, {}, [], {}, '', {}], json: true });
    assert.match(logs(none)[0]!, /needs a product action/);
    assert.match(logs(step(c, { kind: 'logCommerceEvent', a: [{ pr: [] }], json: true }))[0]!, /productAction must be/);
    assert.match(logs(step(c, { kind: 'logCommerceEvent', a: [null, { x: 1 }], json: true }))[0]!, /promotionAction must be/);
    assert.match(logs(step(c, { kind: 'logCommerceEvent', a: [null, null, ['x']], json: true }))[0]!, /impressions must be/);
    assert.match(logs(step(c, { kind: 'logCommerceEvent', a: [{ an: 'purchase' }], json: false }))[0]!, /not JSON/);
    assert.deepEqual(c.queue, [], 'a dropped call starts no session: it is dropped before the message is made');
    step(c, { kind: 'logCommerceEvent', a: [{ an: 'purchase' }, {}, [{ pil: 'l' }], { k: 1 }, 'Cart', { f: 'y' }], json: true });
    const cm = c.queue[1] as Msg;
    assert.deepEqual([cm.dt, cm.pd, cm.pm, cm.pi, cm.attrs, cm.sn, cm.flags], ['cm', { an: 'purchase' }, undefined, [{ pil: 'l' }], { k: '1' }, 'Cart', { f: ['y'] }]);
  });

  it('logMessage takes a known dt and the channel keys, never its id or ct', () => {
    const c = core();
    step(c, { kind: 'logMessage', a: [{ dt: 'b', Id: 'mine', ct: 1, l: 'crumb' }], json: true });
    const b = c.queue[1] as Msg;
    assert.equal(b.dt, 'b');
    assert.equal(b.l, 'crumb');
    assert.equal(b.Id, undefined);
    assert.equal(b.ct, T0);
    assert.match(logs(step(c, { kind: 'logMessage', a: [{ dt: 'nope' }], json: true }))[0]!, /unsupported message type "nope"/);
    assert.equal(c.queue.length, 2);
  });

  it('integration and session attributes are kept in the state and written at once', () => {
    const c = core();
    step(c, { kind: 'setIntegrationAttribute', a: ['160', 'k', 'v'] });
    step(c, { kind: 'setIntegrationAttribute', a: ['160', 'j', ['a']] });
    assert.deepEqual(c.ia, { '160': { k: 'v', j: ['a'] } });
    step(c, { kind: 'setSessionAttribute', a: ['n', 2] });
    step(c, { kind: 'setSessionAttribute', a: ['l', [1, 'x']] });
    assert.equal(c.session.active, true, 'a session attribute is activity');
    assert.deepEqual(c.session.attrs, { n: '2', l: '[1,"x"]' });
    assert.equal(c.persistNow, true);
  });

  it('without credentials nothing is recorded', () => {
    const c = core({ ready: false });
    for (const input of [{ kind: 'start', appVersion: '1' }, { kind: 'logEvent', a: ['A', 'other'] }, { kind: 'media', events: [{ name: 'Play', attrs: {} }] }, { kind: 'upload' }]) {
      assert.deepEqual(step(c, input), []);
    }
    assert.deepEqual(c.queue, []);
    assert.equal(c.uploadRequested, false);
  });

  it('an empty id pool still gives every message an id', () => {
    const c = core({ ids: [] });
    step(c, { kind: 'logEvent', a: ['A', 'other'] }, T0 + 3);
    assert.deepEqual(c.queue.map((m) => m.id), [`id-${T0 + 3}`, `id-${T0 + 3}`]);
  });

  it("the media input's no-effect path leaves the state as the path for every case does, and answers undefined only when that path has no effect", () => {
    const rng = seedrandom('media-fast-path');
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
    let fast = 0;
    for (let i = 0; i < 400; i++) {
      const queue = Array.from({ length: pick([0, 3, 8, 9, 10]) }, (_, k) => ({ dt: 'e', id: `q${k}`, ct: T0, n: 'Update Playhead Position', et: 'media' }));
      const active = rng() < 0.7;
      const over = {
        ready: rng() < 0.95,
        optedOut: rng() < 0.1,
        mpid: pick(['0', '42']),
        logLevel: pick([1, 2, 3, 4]),
        persistAt: pick([0, T0 + 500]),
        ids: pick([[], ['u1'], ['u1', 'u2', 'u3', 'u4']]),
        options: { maxQueueMessages: 10, sessionTimeoutMillis: 60000 },
        session: { active, id: active ? 's1' : '', start: active ? T0 - 10 : 0, last: active ? T0 - 5 : 0, attrs: {}, mpids: [] },
        queue,
      };
      const events: MessageMediaEvent[] = Array.from({ length: pick([0, 1, 2, 3]) }, (_, k) => ({ name: `E${k}`, attrs: { k: String(k) } }));
      const a = core(over);
      const b = core(over);
      const now = T0 + Math.floor(rng() * 1000);
      const answer = messageMediaEvents(a, JSON.parse(JSON.stringify(events)) as MessageMediaEvent[], now);
      const every = messageMediaEffects(b, JSON.parse(JSON.stringify(events)) as MessageMediaEvent[], now);
      assert.deepEqual(a, b, `case ${i}: ${JSON.stringify(over)}`);
      if (answer === undefined) {
        assert.deepEqual(every.effects, [], `case ${i}`);
        if (events.length > 0 && over.ready) fast++;
      } else {
        assert.deepEqual(answer.effects, every.effects, `case ${i}`);
      }
    }
    assert.ok(fast > 30, `the no-effect path ran ${fast} times`);
  });
});
