import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCENEGRAPH_NODES } from '../../src-ts/schema';
import { identityBatchUi, identityReduce, identityWakeAt } from '../../src-ts/logic/core-identity';
import { authorIdentityVector, IDENTITY_SCENARIOS, IDENTITY_VECTOR_DIR } from './identity-author';
import { identityInitialState, randomIdentityVector, runIdentityVector, T0, type IdentityVector } from './identity-run';

type Effect = { type: string; [key: string]: unknown };

function load(name: string): IdentityVector {
  return JSON.parse(fs.readFileSync(path.join(IDENTITY_VECTOR_DIR, `${name}.json`), 'utf8')) as IdentityVector;
}

/** The effects of a vector's steps, with the step's input kind. */
function stepsOf(name: string): { kind: string; effects: Effect[] }[] {
  const v = load(name);
  const out = runIdentityVector(v).effects;
  return v.steps.map((s, i) => ({ kind: s.input.kind as string, effects: out[i] as Effect[] }));
}

const posts = (effects: Effect[]) => effects.filter((e) => e.type === 'post') as unknown as { body: Record<string, unknown>; url: string }[];
const logs = (effects: Effect[]) => effects.filter((e) => e.type === 'log').map((e) => e.text as string);

describe('identity reducer (core-identity.ts)', () => {
  describe('vectors (test/vectors/core/identity-*.json)', () => {
    it('has a file for every scenario and no stray identity file', () => {
      const files = fs.readdirSync(IDENTITY_VECTOR_DIR).filter((f) => f.startsWith('identity-')).sort();
      assert.deepEqual(files, IDENTITY_SCENARIOS.map((s) => `${s.name}.json`).sort());
    });
    for (const s of IDENTITY_SCENARIOS) {
      it(`${s.name}: the file holds its scenario's steps and the effects they give`, () => {
        const v = load(s.name);
        assert.deepEqual(v.steps, JSON.parse(JSON.stringify(s.steps)));
        assert.deepEqual(runIdentityVector(v).effects, v.expected);
        assert.deepEqual(v, JSON.parse(JSON.stringify(authorIdentityVector(s))));
      });
    }
  });

  it('the first answer names the user: earlier attributes and consent are adopted, queued messages get its MPID', () => {
    const steps = stepsOf('identity-first-user');
    const answer = steps.find((s) => s.kind === 'answer')!.effects;
    const types = answer.map((e) => e.type);
    assert.ok(types.indexOf('queue') < types.indexOf('giveMpid'), 'identity changes are queued before the MPID is given');
    assert.deepEqual(answer.find((e) => e.type === 'giveMpid'), { type: 'giveMpid', mpid: '1001' });
    const published = steps.filter((s) => s.kind === 'publish').map((s) => s.effects.find((e) => e.type === 'field')?.value as Record<string, unknown> | undefined);
    assert.deepEqual(published[1], {
      mpid: '1001',
      userIdentities: { customerid: 'c1', email: 'a@example.com' },
      userAttributes: { age: '30' },
      consentState: { gdpr: { analytics: { c: true, ts: 1 } } },
    });
    assert.equal(published[3], undefined, 'an unchanged user is not published again');
    const modify = posts(steps.find((s) => s.kind === 'pump' && posts(s.effects).some((p) => p.url.endsWith('/modify')))!.effects)[0];
    assert.deepEqual(modify.body.identity_changes, [
      { identity_type: 'email', old_value: 'a@example.com', new_value: 'b@example.com' },
      { identity_type: 'other', new_value: 'o1' },
    ]);
    assert.equal(modify.body.context, 'ctx-1');
  });

  it('login logs the identity changes under the previous MPID; logout keeps no identity of the previous user', () => {
    const steps = stepsOf('identity-login-logout');
    const login = posts(steps[1].effects)[0];
    assert.equal(login.url, 'https://identity.mparticle.com/v1/login');
    assert.equal(login.body.previous_mpid, '1001');
    const answer = steps[2].effects;
    assert.deepEqual(answer.filter((e) => e.type === 'queue').map((e) => e.mpid), ['1001']);
    assert.equal(answer.some((e) => e.type === 'giveMpid'), false, 'a known user passes no MPID on');
    const { state } = runIdentityVector(load('identity-login-logout'));
    assert.deepEqual(state.session.mpids, ['1001', '2002', '3003']);
    assert.deepEqual(state.users['3003'].ui, {});
    assert.equal(state.context, 'ctx-3');
  });

  it('retries 5xx, 429 and transport failures with the same request after the backoff; 400/401/403 refuse the credentials', () => {
    const steps = stepsOf('identity-errors');
    const sent = steps.flatMap((s) => posts(s.effects));
    const ids = sent.map((p) => p.body.request_id);
    assert.deepEqual(ids.slice(0, 5), ['req-0', 'req-0', 'req-0', 'req-0', 'req-14']);
    assert.deepEqual(posts(steps[3].effects), [], 'no request before the backoff is over');
    assert.ok(logs(steps[5].effects)[0].includes('retrying in 2000 ms'), 'Retry-After: 2 is waited for');
    const refusals = steps.flatMap((s) => s.effects.filter((e) => e.type === 'credentials'));
    assert.deepEqual(refusals.map((e) => e.code), [401, 400, 403]);
    const results = steps.flatMap((s) => s.effects.filter((e) => e.type === 'field' && e.field === SCENEGRAPH_NODES.IDENTITY_RESULT_NODE).map((e) => (e.value as { httpCode: number }).httpCode));
    assert.deepEqual(results, [401, 400, 403, 404, 200]);
  });

  it('retries a 2xx without a usable mpid; a modify answer that is not JSON changes nothing', () => {
    const { effects, state } = runIdentityVector(load('identity-malformed-answers'));
    const all = effects.flat() as Effect[];
    assert.equal(all.filter((e) => e.type === 'log' && String(e.text).includes('without an mpid')).length, 4);
    assert.equal(state.mpid, '8675309');
    assert.deepEqual(Object.keys(state.users['8675309'].ui), ['customerid']);
    assert.equal(state.users['8675309'].ui.customerid.i, 'c1');
  });

  it('an answer after an opt-out emptied the queue takes no later request off it', () => {
    const steps = stepsOf('identity-late-answers');
    const sent = steps.flatMap((s) => posts(s.effects)).map((p) => (p.body.known_identities ?? {}) as Record<string, unknown>);
    assert.deepEqual(sent.map((k) => k.customerid), ['c1', 'c4', undefined]);
    assert.deepEqual(logs(steps[5].effects), ['opted out: identity login not sent']);
    const last = steps.flatMap((s) => posts(s.effects)).pop()!;
    assert.equal(last.url, 'https://identity.mparticle.com/v1/4004/modify', 'the modify starts from the user the late answer named');
  });

  it('user attributes: strings or arrays of strings, one message per change, none for an unchanged value', () => {
    const steps = stepsOf('identity-attributes-consent');
    const queued = steps.flatMap((s) => s.effects.filter((e) => e.type === 'queue').map((e) => e.fields));
    assert.deepEqual(queued, [
      { n: 'age', nv: '30', d: false, na: true },
      { n: 'tags', nv: ['a', '2', 'true'], d: false, na: true },
      { n: 'tier', nv: 'silver', ov: 'gold', d: false, na: false },
      { n: 'vip', nv: 'false', d: false, na: true },
      { n: 'vip', ov: 'false', d: true, na: false },
      { n: 'vip', nv: 'false', d: false, na: true },
    ]);
    const fields = steps.map((s) => s.effects.filter((e) => e.type === 'field').length);
    // Published at the first publish; not at the second (nothing changed) nor after a removal undone in the tick.
    assert.deepEqual(fields.filter((_, i) => steps[i].kind === 'publish'), [1, 0, 0, 1, 0]);
    assert.ok(logs(steps[11].effects)[0].startsWith('setConsentState: expected'));
  });

  it('logs and leaves out bad identities; without credentials does nothing', () => {
    const bad = runIdentityVector(load('identity-bad-requests'));
    const sent = posts(bad.effects.flat() as Effect[]);
    assert.deepEqual(sent.map((p) => p.body.known_identities), [
      { device_application_stamp: 'das-1', roku_aid: 'rida-1', roku_publisher_id: 'rpb-1' },
      { device_application_stamp: 'das-1', roku_aid: 'rida-1', roku_publisher_id: 'rpb-1' },
    ]);
    assert.ok(logs(bad.effects.flat() as Effect[]).includes('identity request: unknown identity type nosuch; ignored'));
    assert.deepEqual(bad.state.identityQueue.map((r) => r.identities), [{}, {}, {}, { customerid: 'c5' }, {}, {}]);
    assert.deepEqual(runIdentityVector(load('identity-not-ready')).effects.flat(), []);
  });

  it('wakes the Task when a request may go, a backoff ends or the user field waits', () => {
    const state = identityInitialState();
    assert.equal(identityWakeAt(state, T0), -1);
    identityReduce(state, { kind: 'identify', request: {}, requestId: 'r' }, T0);
    assert.equal(identityWakeAt(state, T0), T0);
    identityReduce(state, { kind: 'pump' }, T0);
    assert.equal(identityWakeAt(state, T0), -1, 'nothing to do while the request is out');
    identityReduce(state, { kind: 'answer', sent: state.identityQueue[0], code: 500, random: 0 }, T0);
    assert.equal(identityWakeAt(state, T0), state.identityRetryAt);
    assert.ok(state.identityRetryAt > T0);
  });

  it('gives a batch the user\'s identities with their numbers', () => {
    const state = identityInitialState({ users: { '7': { ui: { customerid: { i: 'c', dfs: 5, f: true }, unknown: { i: 'x', dfs: 5, f: true } }, ua: {} } } });
    assert.deepEqual(identityBatchUi(state, '7'), [{ n: 1, i: 'c', dfs: 5, f: true }]);
    assert.deepEqual(identityBatchUi(state, '8'), []);
  });

  describe('on seeded random input sequences', () => {
    it('gives the same vector for the same seed', () => {
      assert.deepEqual(randomIdentityVector('fixed'), randomIdentityVector('fixed'));
      assert.notDeepEqual(randomIdentityVector('fixed').steps, randomIdentityVector('other').steps);
    });

    for (let seed = 0; seed < 60; seed++) {
      it(`keeps the invariants for seed ${seed}`, () => {
        const v = randomIdentityVector(`identity-${seed}`, 80);
        const { effects, state } = runIdentityVector(v);
        let outstanding = 0;
        effects.forEach((step, i) => {
          const list = step as Effect[];
          const kind = v.steps[i].input.kind;
          assert.ok(list.filter((e) => e.type === 'stateDirty').length <= 1, `step ${i}: one stateDirty at most`);
          for (const e of list) {
            assert.ok(['log', 'post', 'queue', 'giveMpid', 'credentials', 'field', 'sessionField', 'stateDirty'].includes(e.type), e.type);
            if (e.type === 'field') assert.ok([SCENEGRAPH_NODES.CURRENT_USER_NODE, SCENEGRAPH_NODES.IDENTITY_RESULT_NODE].includes(e.field as string));
            if (e.type === 'log') assert.ok([1, 2, 3].includes(e.level as number) && typeof e.text === 'string');
            if (e.type === 'post') {
              outstanding++;
              assert.equal(kind, 'pump');
            }
            if (e.type === 'queue') assert.ok(['uic', 'uac'].includes(e.dt as string));
          }
          if (kind === 'answer' && list.length > 0) outstanding = 0;
          assert.ok(outstanding <= 1, `step ${i}: one request out at a time`);
        });
        assert.notEqual(state.mpid, '');
        assert.deepEqual(JSON.parse(JSON.stringify(state)), state, 'state is plain data');
        for (const user of Object.values(state.users)) for (const v2 of Object.values(user.ua)) assert.ok(typeof v2 === 'string' || (Array.isArray(v2) && v2.every((x) => typeof x === 'string')));
      });
    }
  });
});
