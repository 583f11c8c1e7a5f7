/**
 * What the upload reducer (src-ts/logic/core-upload.ts) decides, asserted on its behaviour:
 * batches, retries, answers, timeouts, the wait, and that the vectors match their scenarios.
 */
import { strict as assert } from 'node:assert';
import { LOG_LEVEL } from '../../src-ts/schema/names';
import { uploadReduce, uploadWaitMillis, type UploadEffect, type UploadState } from '../../src-ts/logic/core-upload';
import { runReducerVector } from './reducer-vectors';
import { authorUploadVector, T0, UPLOAD_SCENARIOS, uploadInitialState, uploadMessage, uploadMessages, uploadVectors } from './upload-author';

const DUE = T0 + 10000;

function step(state: UploadState, input: Record<string, unknown>, now: number): UploadEffect[] {
  return uploadReduce(state, input as never, now).effects;
}

function posts(effects: UploadEffect[]): Array<{ id: string; body: Record<string, unknown> }> {
  return effects.filter((e) => e.type === 'post').map((e) => ({ id: e.id!, body: JSON.parse(e.body!) as Record<string, unknown> }));
}

describe('upload reducer (core-upload.ts)', () => {
  it('every vector file is what its scenario gives now', () => {
    const files = new Map(uploadVectors().map((v) => [v.name, v as unknown as { expected: unknown }]));
    for (const s of UPLOAD_SCENARIOS) {
      assert.ok(files.has(s.name), `${s.name}.json is missing: npx tsx test/logic/upload-author.ts --write`);
      assert.deepEqual(files.get(s.name)!.expected, authorUploadVector(s).expected, s.name);
    }
  });

  it('a batch is of one user, carries its identities and attributes, and its messages without their MPID', () => {
    const state = uploadInitialState({ queue: [...uploadMessages(1, 2), ...uploadMessages(3, 3, '2002')] });
    const [first] = posts(step(state, { kind: 'tick' }, DUE));
    assert.equal(first.id, 'events:b-1');
    assert.equal(first.body.mpid, '1001');
    assert.deepEqual((first.body.msgs as Array<{ id: string; mpid?: string }>).map((m) => [m.id, m.mpid]), [['m1', undefined], ['m2', undefined]]);
    assert.deepEqual(first.body.ua, { tier: 'gold' });
    assert.equal((first.body.ui as unknown[]).length, 1);
    assert.equal(state.queue[0].mpid, '1001', 'the message keeps its MPID in the queue');
    step(state, { kind: 'answer', id: 'events:b-1', code: 202, text: '', random: 0 }, DUE + 10);
    const [second] = posts(step(state, { kind: 'tick' }, DUE + 20));
    assert.equal(second.body.mpid, '2002');
    assert.deepEqual(second.body.con, { gdpr: { analytics: { c: true, ts: 1 } } });
  });

  it('a batch body stays within maxBatchBytes unless one message alone is bigger', () => {
    const state = uploadInitialState({ queue: [uploadMessage(1, '1001', 400), uploadMessage(2, '1001', 400), uploadMessage(3, '1001', 2000)] }, { maxBatchBytes: 1800 });
    const sizes: number[] = [];
    const counts: number[] = [];
    let t = DUE;
    for (let i = 1; i <= 2; i++) {
      const post = step(state, { kind: 'tick' }, t).find((e) => e.type === 'post')!;
      sizes.push(post.body!.length);
      counts.push((JSON.parse(post.body!) as { msgs: unknown[] }).msgs.length);
      step(state, { kind: 'answer', id: post.id, code: 202, text: '', random: 0 }, t + 10);
      t += 20;
    }
    assert.deepEqual(counts, [2, 1]);
    assert.ok(sizes[0] <= 1800 && sizes[1] > 1800, `sizes ${sizes.join(', ')}`);
    assert.equal(state.queue.length, 0);
  });

  it('a retried batch keeps its id, ct and messages; backoff doubles; Retry-After wins', () => {
    const state = uploadInitialState({ queue: uploadMessages(1, 3) });
    const sent = posts(step(state, { kind: 'tick' }, DUE))[0];
    step(state, { kind: 'answer', id: 'events:b-1', code: 500, random: 0 }, DUE + 100);
    assert.equal(state.backoffUntil, DUE + 100 + 1000);
    assert.deepEqual(posts(step(state, { kind: 'tick' }, DUE + 1099)), [], 'not before the backoff ends');
    const again = posts(step(state, { kind: 'tick' }, DUE + 1100))[0];
    assert.deepEqual(again, sent);
    step(state, { kind: 'answer', id: 'events:b-1', code: 503, random: 0 }, DUE + 1200);
    assert.equal(state.backoffUntil - (DUE + 1200), 2000, 'doubled');
    step(state, { kind: 'tick' }, DUE + 3200);
    step(state, { kind: 'answer', id: 'events:b-1', code: 429, retryAfter: '30', random: 0 }, DUE + 3300);
    assert.equal(state.backoffUntil, DUE + 3300 + 30000);
    assert.deepEqual(Object.keys(state.inflightIds).sort(), ['m1', 'm2', 'm3'], 'kept in flight while waiting');
    step(state, { kind: 'tick' }, DUE + 33300);
    step(state, { kind: 'answer', id: 'events:b-1', code: 202, random: 0 }, DUE + 33400);
    assert.equal(state.attempt, 0);
    assert.equal(state.queue.length, 0);
    assert.deepEqual(state.inflightIds, {});
  });

  it('refused batches are dropped and counted; credentials are logged as an error once', () => {
    const state = uploadInitialState({ queue: uploadMessages(1, 3) }, { maxBatchMessages: 1 });
    const levels: number[] = [];
    let t = DUE;
    for (const code of [401, 403, 404]) {
      step(state, { kind: 'tick' }, t);
      const effects = step(state, { kind: 'answer', id: `events:b-${levels.length + 1}`, code, random: 0 }, t + 10);
      levels.push(effects.filter((e) => e.type === 'log' && e.text!.includes('refused')).map((e) => e.level!)[0]);
      assert.ok(effects.some((e) => e.type === 'storeAccepted'));
      t = state.backoffUntil + 1;
    }
    assert.deepEqual(levels, [LOG_LEVEL.ERROR, LOG_LEVEL.DEBUG, LOG_LEVEL.ERROR]);
    assert.equal(state.dropped, 3);
    assert.equal(state.queue.length, 0);
  });

  it('a 202 merges cookies and keeps the lifetime value; a malformed body changes nothing', () => {
    const state = uploadInitialState({ queue: uploadMessages(1, 2) }, { maxBatchMessages: 1 });
    step(state, { kind: 'tick' }, DUE);
    const merged = step(state, { kind: 'answer', id: 'events:b-1', code: 202, body: { ci: { ck: { sid: { c: 's' } } }, iltv: 7 }, random: 0 }, DUE + 10);
    assert.ok(merged.some((e) => e.type === 'stateDirty'));
    assert.deepEqual(Object.keys(state.cookies).sort(), ['sid', 'uid']);
    assert.equal(state.ltv, 7);
    step(state, { kind: 'tick' }, DUE + 20);
    const malformed = step(state, { kind: 'answer', id: 'events:b-2', code: 202, text: 'oops', random: 0 }, DUE + 30);
    assert.ok(!malformed.some((e) => e.type === 'stateDirty'));
    assert.equal(state.queue.length, 0);
  });

  it('an unanswered request is cancelled after 30 s and its batch sent again; the wait wakes for it', () => {
    const state = uploadInitialState({ queue: uploadMessages(1, 1) });
    step(state, { kind: 'tick' }, DUE);
    assert.equal(uploadWaitMillis(state, DUE + 20000, []), 10000);
    assert.deepEqual(step(state, { kind: 'timeouts' }, DUE + 29999), []);
    const effects = step(state, { kind: 'timeouts' }, DUE + 30000);
    assert.deepEqual(effects[0], { type: 'cancel', id: 'events:b-1' });
    assert.equal(state.eventsInFlight, false);
    assert.equal(state.retryBatch!.id, 'b-1');
    assert.deepEqual(step(state, { kind: 'answer', id: 'events:b-1', code: 202, random: 0 }, DUE + 30010).map((e) => e.type), ['log'], 'a late answer is ignored');
  });

  it('a restored batch goes first with its id; upload() sends before the interval; a backlog drains at once', () => {
    const restored = { id: 'old', ct: T0 - 1, mpid: '1001', msgs: uploadMessages(2, 2) };
    const state = uploadInitialState({ queue: uploadMessages(1, 4), batch: restored, retryBatch: restored, inflightIds: { m2: true } }, { maxBatchMessages: 2 });
    const first = posts(step(state, { kind: 'tick' }, T0 + 1))[0];
    assert.equal(first.id, 'events:old');
    assert.deepEqual(first.body.ct, T0 - 1);
    step(state, { kind: 'answer', id: 'events:old', code: 202, random: 0 }, T0 + 2);
    assert.equal(posts(step(state, { kind: 'tick' }, T0 + 3)).length, 1, 'the backlog goes at once');
    step(state, { kind: 'answer', id: 'events:b-1', code: 202, random: 0 }, T0 + 4);
    assert.equal(state.queue.length, 1);
    step(state, { kind: 'tick' }, T0 + 5);
    step(state, { kind: 'answer', id: 'events:b-2', code: 202, random: 0 }, T0 + 6);
    assert.equal(state.queue.length, 0);
    assert.equal(state.nextUploadTime, T0 + 5 + 10000, 'an empty queue waits the interval again');
    const quiet = uploadInitialState({ queue: uploadMessages(1, 1) });
    assert.deepEqual(posts(step(quiet, { kind: 'tick' }, T0 + 1)), []);
    step(quiet, { kind: 'upload' }, T0 + 2);
    assert.equal(posts(step(quiet, { kind: 'tick' }, T0 + 3)).length, 1);
  });

  it('identity requests are kept in flight and their answers go to identity', () => {
    const state = uploadInitialState();
    const request = { kind: 'identify', identities: {}, requestId: 'q1' };
    const sent = step(state, { kind: 'identityPost', url: 'u', body: '{}', headers: {}, request }, T0);
    assert.equal(sent[0].id, 'identity:q1');
    const answered = step(state, { kind: 'answer', id: 'identity:q1', code: 200, text: '{"mpid":"5"}', retryAfter: '1', random: 0 }, T0 + 5);
    assert.deepEqual(answered, [{ type: 'identityAnswer', request, code: 200, text: '{"mpid":"5"}', retryAfter: '1' }]);
    assert.deepEqual(state.requests, {});
  });

  it('the vectors run as the scenarios say (smoke)', () => {
    for (const v of uploadVectors()) assert.equal(runReducerVector(uploadReduce as never, v).effects.length, v.steps.length);
  });
});
