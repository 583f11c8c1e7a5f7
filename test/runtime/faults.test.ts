/**
 * Fault injection against the generated SDK in the simulator (issue 6, items 2 and 5): answers
 * and failures the core runtime tests do not cover (429 without Retry-After, 500, dropped
 * connections), a restart with the persisted queue at its budget, and a batch that was in
 * flight when the channel stopped, sent again after the restart under the same batch id.
 *
 * Every test prints events sent, delivered exactly once, lost and duplicated, and asserts
 * lost = duplicated = 0. Messages a restart cannot send because they did not fit the registry
 * budget are not lost: they are counted apart and must equal what the SDK reported (its
 * "not written" log line) and what its registry lacks.
 */
import { strict as assert } from 'assert';
import { startCollector, type BatchAttempt, type Collector } from '../../sim/collector/collector';
import { openPage, runChannel, type RunResult } from '../../sim/engine/simulator';
import { FLOOD_EVENT, LATER_EVENT, PHASE_EVENTS, PHASE_SCREEN, testChannel } from './channel';
import { allDelivered, assertNoCrash, deliveredNames, deliveryReport, idReport } from './delivery';
import { coreDecodeQueue } from '../../src-ts/logic/core-store';

const API_KEY = 'us1-faultkey';
const API_SECRET = 'fault-secret-do-not-log';
const MPID = '777000222';

/** The delays (ms) the SDK logged for retries of `batchId`, in order. */
function retryDelays(run: RunResult, batchId: string): number[] {
  const out: number[] = [];
  for (const l of run.console) {
    const m = new RegExp(`batch ${batchId} not delivered \\(HTTP (-?\\d+)\\); retrying in (\\d+) ms`).exec(l);
    if (m) out.push(Number(m[2]));
  }
  return out;
}

/** The first batch failed as planned, then the same batch (id and messages) was accepted. */
function assertRetriedUnchanged(c: Collector): BatchAttempt {
  const [failed, ...rest] = c.batchAttempts;
  assert.equal(failed.accepted, false);
  const retries = rest.filter((a) => a.batch.id === failed.batch.id);
  assert.ok(retries.length >= 1, `batch ${failed.batch.id} retried\n${c.summary()}`);
  const last = retries[retries.length - 1];
  assert.equal(last.accepted, true, c.summary());
  for (const r of retries) {
    assert.deepEqual(r.batch.msgs?.map((m) => m.id), failed.batch.msgs?.map((m) => m.id), 'same messages');
    assert.equal(r.batch.ct, failed.batch.ct, 'same batch ct');
  }
  return failed;
}

describe('fault injection in the simulator', function () {
  this.timeout(180000);
  let collector: Collector;

  beforeEach(async () => {
    collector = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET, mpid: MPID });
  });
  afterEach(async () => {
    await collector.close();
  });

  it('429 without Retry-After: backs off (1 s plus up to 25%), then delivers the same batch exactly once', async () => {
    collector.plan([{ status: 429 }]);
    const run = await runChannel({ channel: testChannel(collector, API_SECRET, 'events'), collector, untilCollector: allDelivered, timeoutMs: 60000 });
    assertNoCrash(run);
    const failed = assertRetriedUnchanged(collector);
    assert.equal(failed.request.response.status, 429);
    const [delay] = retryDelays(run, String(failed.batch.id));
    assert.ok(delay >= 1000 && delay <= 1250, `exponential backoff from 1 s, got ${delay}`);
    const r = idReport(collector, '429 without Retry-After');
    assert.equal(r.lost, 0);
    assert.equal(r.duplicated, 0);
  });

  it('500: retried with the same id and messages after a backoff, delivered exactly once', async () => {
    collector.plan([{ status: 500, body: '{"errors":[{"code":"INTERNAL"}]}' }]);
    const run = await runChannel({ channel: testChannel(collector, API_SECRET, 'events'), collector, untilCollector: allDelivered, timeoutMs: 60000 });
    assertNoCrash(run);
    const failed = assertRetriedUnchanged(collector);
    assert.equal(failed.request.response.status, 500);
    const [delay] = retryDelays(run, String(failed.batch.id));
    assert.ok(delay >= 1000 && delay <= 1250, `exponential backoff from 1 s, got ${delay}`);
    const r = idReport(collector, '500 then 202');
    assert.equal(r.lost, 0);
    assert.equal(r.duplicated, 0);
  });

  it('dropped connections (twice): a transport failure, backoff doubles, the same batch is delivered exactly once', async () => {
    collector.plan([{ drop: true }, { drop: true }]);
    const run = await runChannel({ channel: testChannel(collector, API_SECRET, 'events'), collector, untilCollector: allDelivered, timeoutMs: 60000 });
    assertNoCrash(run);
    const failed = assertRetriedUnchanged(collector);
    assert.equal(failed.request.response.dropped, true);
    const attempts = collector.batchAttempts.filter((a) => a.batch.id === failed.batch.id);
    assert.deepEqual(attempts.map((a) => a.accepted), [false, false, true], collector.summary());
    const delays = retryDelays(run, String(failed.batch.id));
    assert.equal(delays.length, 2, run.console.join('\n'));
    assert.ok(delays[0] >= 1000 && delays[0] <= 1250, `first backoff ${delays[0]}`);
    assert.ok(delays[1] >= 2000 && delays[1] <= 2500, `second backoff doubles: ${delays[1]}`);
    const r = idReport(collector, 'dropped connection x2');
    assert.equal(r.lost, 0);
    assert.equal(r.duplicated, 0);
  });

  // queueBudgetBytes is 4096 here (16384 by default) so that 60 extra events overflow it in one
  // run; the SDK logic is the same at any budget. The budget bounds what is written to the
  // registry, not the queue: nothing is dropped while the channel runs; what the restart cannot
  // send is exactly what the SDK reported it could not write.
  it('restart with a queue over its registry budget: the persisted messages are delivered exactly once, the rest are the ones reported unwritten', async () => {
    const BUDGET = 4096;
    const FLOOD = 60;
    const page = await openPage(collector);
    try {
      collector.plan(Array.from({ length: 30 }, () => ({ status: 503, retryAfter: 3600 })));
      // Stop once the last event (the Timer's, 1.5 s in) is queued and written (the DEBUG line
      // of a write, which follows the write).
      let laterAt = -1;
      const lines: string[] = [];
      const first = await runChannel({
        channel: testChannel(collector, API_SECRET, 'events', { flood: FLOOD, queueBudgetBytes: BUDGET }),
        collector,
        page,
        registry: 'clear',
        until: (line) => {
          lines.push(line);
          if (laterAt < 0 && line.includes(`queued e ${LATER_EVENT}`)) laterAt = lines.length - 1;
          return laterAt >= 0 && /queue written: \d+ message\(s\), \d+ bytes/.test(line) && collector.batchAttempts.length > 0;
        },
        timeoutMs: 90000,
      });
      assertNoCrash(first);
      const runOneAttempts = [...collector.batchAttempts];
      assert.ok(runOneAttempts.length >= 1);
      assert.ok(runOneAttempts.every((a) => !a.accepted), 'nothing accepted in the first run');
      const inFlight = runOneAttempts[0].batch;
      assert.ok(!first.console.some((l) => /queue full/.test(l)), 'nothing dropped from the queue in memory');
      assert.ok(first.console.some((l) => /do not fit queueBudgetBytes: they are kept in memory and uploaded, and lost only if the channel stops first/.test(l)), 'the log says what is not written');

      // The SDK reported the messages it could not write (every write names them at DEBUG).
      const written = first.console.filter((l) => /queue written: \d+ message\(s\), \d+ bytes; not written \[/.test(l));
      assert.ok(written.length > 0, 'the budget left messages unwritten');
      const reported = new Set(written.flatMap((l) => /not written \[(.*)\]/.exec(l)![1].split(', ')));

      // The persisted queue is at its budget, holds the batch in flight, and is what was reported.
      const registry = await page.registry();
      const queueKey = Object.keys(registry).find((k) => /\.mParticle_[^.]*\.queue$/.test(k));
      assert.ok(queueKey, Object.keys(registry).join(', '));
      const stored = registry[queueKey];
      assert.ok(stored.length <= BUDGET, `${stored.length} bytes stored`);
      assert.ok(stored.length > BUDGET - 600, `the queue is full: ${stored.length} of ${BUDGET} bytes`);
      const decoded = coreDecodeQueue(JSON.parse(stored));
      assert.equal(decoded.batch.id, inFlight.id, 'the batch in flight is persisted with the queue');
      const firstSession = inFlight.msgs?.[0].sid;

      // What run 1 sent: every event the channel logged (names are unique), and the SDK's own messages.
      const logged = [...PHASE_EVENTS, PHASE_SCREEN, LATER_EVENT, ...Array.from({ length: FLOOD }, (_, i) => `${FLOOD_EVENT} ${i + 1}`)];
      const keyOf = (m: { id?: string; dt: string; n?: string }) => (m.dt === 'e' || m.dt === 'v' ? `${m.dt}:${m.n}` : `id:${m.id}`);
      const labelOf = (m: { dt: string; n?: string }) => (typeof m.n === 'string' ? `${m.dt}:${m.n}` : m.dt);
      const sent = new Set<string>(logged.map((n) => (n === PHASE_SCREEN ? `v:${n}` : `e:${n}`)));
      for (const a of runOneAttempts) for (const m of a.batch.msgs ?? []) sent.add(keyOf(m));
      // What a restart cannot send is what the registry lacks: events the log named as not
      // written (the registry is the truth: a write may come after the last line captured).
      const persisted = new Set(decoded.messages.map(keyOf));
      const notPersisted = [...sent].filter((k) => !persisted.has(k));
      assert.ok(notPersisted.length > 0, 'the budget left messages out of the registry');
      for (const k of notPersisted) if (!k.startsWith('id:')) assert.ok(reported.has(k) || k === `e:${LATER_EVENT}`, `${k} is not persisted and was never reported unwritten`);
      // Messages of the SDK's own (a session end...) that run 1 queued but never tried to send count too.
      for (const m of decoded.messages) if (!sent.has(keyOf(m))) assert.ok(!['e', 'v'].includes(m.dt), `persisted ${labelOf(m)} was logged`);
      for (const m of decoded.messages) sent.add(keyOf(m));
      const excused = new Set([...sent].filter((k) => !persisted.has(k)));

      collector.reset();
      const second = await runChannel({
        channel: testChannel(collector, API_SECRET, 'quiet', { queueBudgetBytes: BUDGET }),
        collector,
        page,
        untilCollector: (c) => {
          const got = new Set(c.messages.map(keyOf));
          return [...persisted].every((k) => got.has(k)) && c.messages.some((m) => m.dt === 'se' && m.sid === firstSession);
        },
        timeoutMs: 90000,
      });
      assertNoCrash(second);
      assert.ok(second.console.some((l) => l.includes(`batch ${inFlight.id} of the previous run`)), 'the batch in flight is sent again first');
      const [resent] = collector.batchAttempts;
      assert.equal(resent.batch.id, inFlight.id, 'under the same batch id');
      assert.equal(resent.batch.ct, inFlight.ct);
      const runOneIds = new Set((inFlight.msgs ?? []).map((m) => String(m.id)));
      assert.ok((resent.batch.msgs ?? []).every((m) => runOneIds.has(String(m.id))), 'only messages of that batch');
      const ids = collector.messages.map((m) => m.id);
      assert.equal(new Set(ids).size, ids.length, 'no message id twice');
      for (const label of excused) assert.ok(!collector.messages.some((m) => keyOf(m) === label), `unwritten ${label} was not delivered`);

      const r = deliveryReport('restart with a queue over its budget', sent, collector.batchAttempts, keyOf, excused, 'not persisted (over the registry budget)');
      assert.equal(r.lost, 0);
      assert.equal(r.duplicated, 0);
      assert.equal(r.excused, excused.size);
      assert.equal(r.deliveredOnce + r.excused, r.sent);
    } finally {
      await page.close();
    }
  });

  it('a batch the server accepted while the channel stopped before the 202 is sent again under the same id, and counted once', async () => {
    const page = await openPage(collector);
    try {
      // The 202 comes 3 s late; the channel is stopped as soon as the batch arrives.
      collector.plan([{ delayMs: 3000 }]);
      const first = await runChannel({
        channel: testChannel(collector, API_SECRET, 'events'),
        collector,
        page,
        registry: 'clear',
        untilCollector: (c) => c.requests.some((r) => r.kind === 'events'),
        timeoutMs: 60000,
      });
      assertNoCrash(first);
      const [original] = await collector.waitFor((c) => (c.batchAttempts.length > 0 ? c.batchAttempts : undefined), 15000, 'the late 202');
      assert.equal(original.accepted, true, 'the server accepted the first batch');
      const firstSession = original.batch.msgs?.[0].sid;

      const second = await runChannel({
        channel: testChannel(collector, API_SECRET, 'quiet'),
        collector,
        page,
        untilCollector: (c) =>
          c.batchAttempts.filter((a) => a.batch.id === original.batch.id).length >= 2 &&
          c.messages.some((m) => m.dt === 'se' && m.sid === firstSession) &&
          [...PHASE_EVENTS, PHASE_SCREEN].every((n) => deliveredNames(c).includes(n)),
        timeoutMs: 60000,
      });
      assertNoCrash(second);
      const same = collector.batchAttempts.filter((a) => a.batch.id === original.batch.id);
      assert.equal(same.length, 2, collector.summary());
      assert.deepEqual(same[1].batch.msgs?.map((m) => m.id), original.batch.msgs?.map((m) => m.id), 'the same messages');
      assert.equal(same[1].batch.ct, original.batch.ct, 'the same batch ct');
      assert.equal(collector.batchAttempts[1], same[1], 'sent first after the restart');
      const ids = collector.messages.map((m) => m.id);
      assert.equal(new Set(ids).size, ids.length, 'the accepted batches hold each message once');
      for (const n of [...PHASE_EVENTS, PHASE_SCREEN]) assert.equal(deliveredNames(collector).filter((x) => x === n).length, 1, n);
      const r = idReport(collector, 'accepted, stopped before the 202, restarted');
      assert.equal(r.lost, 0);
      assert.equal(r.duplicated, 0);
    } finally {
      await page.close();
    }
  });

  it('a dropped batch whose channel stopped before the retry is sent again after the restart under the same id', async () => {
    const page = await openPage(collector);
    try {
      collector.plan([{ drop: true }]);
      const first = await runChannel({
        channel: testChannel(collector, API_SECRET, 'events'),
        collector,
        page,
        registry: 'clear',
        untilCollector: (c) => c.batchAttempts.length > 0,
        timeoutMs: 60000,
      });
      assertNoCrash(first);
      const original = collector.batchAttempts[0];
      assert.equal(original.request.response.dropped, true);
      const firstSession = original.batch.msgs?.[0].sid;
      const runOneCount = collector.batchAttempts.length;

      const second = await runChannel({
        channel: testChannel(collector, API_SECRET, 'quiet'),
        collector,
        page,
        untilCollector: (c) =>
          c.batchAttempts.slice(runOneCount).some((a) => a.batch.id === original.batch.id && a.accepted) &&
          c.messages.some((m) => m.dt === 'se' && m.sid === firstSession),
        timeoutMs: 60000,
      });
      assertNoCrash(second);
      const [resent] = collector.batchAttempts.slice(runOneCount);
      assert.equal(resent.batch.id, original.batch.id, `the first batch after the restart keeps its id\n${collector.summary()}`);
      assert.deepEqual(resent.batch.msgs?.map((m) => m.id), original.batch.msgs?.map((m) => m.id));
      assert.equal(resent.accepted, true);
      const ids = collector.messages.map((m) => m.id);
      assert.equal(new Set(ids).size, ids.length, 'no message id twice');
      const r = idReport(collector, 'dropped, stopped, restarted');
      assert.equal(r.lost, 0);
      assert.equal(r.duplicated, 0);
    } finally {
      await page.close();
    }
  });
});
