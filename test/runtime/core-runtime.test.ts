/**
 * The generated SDK's core runtime in the simulator (brs-engine in headless Chromium) against
 * the loopback collector: identity, signed batches, message content, fault handling and the
 * durable queue across a restart.
 */
import { strict as assert } from 'assert';
import { SDK_VERSION } from '../../src-ts/schema';
import { startCollector, type Collector, type NativeBatch } from '../../sim/collector/collector';
import { openPage, runChannel, type RunResult } from '../../sim/engine/simulator';
import { LATER_EVENT, PHASE_EVENTS, PHASE_SCREEN, testChannel } from './channel';
import { ALL_NAMES, allDelivered, assertNoCrash, deliveredNames, idReport, untilQueuedAndWritten } from './delivery';

const API_KEY = 'us1-runtimekey';
const API_SECRET = 'runtime-secret-do-not-log';
const MPID = '777000111';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertNoSecret(c: Collector, run: RunResult): void {
  for (const r of c.requests) {
    assert.ok(!r.body.includes(API_SECRET), `secret in the body of ${r.path}`);
    assert.ok(!r.url.includes(API_SECRET), 'secret in a URL');
    assert.ok(!JSON.stringify(r.headers).includes(API_SECRET), 'secret in a header');
  }
  assert.ok(!run.console.some((l) => l.includes(API_SECRET)), 'secret in the log');
}


describe('core runtime in the simulator', function () {
  this.timeout(120000);
  let collector: Collector;

  beforeEach(async () => {
    collector = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET, mpid: MPID });
  });
  afterEach(async () => {
    await collector.close();
  });

  it('identifies, then uploads signed batches that start with the session and hold every event once', async () => {
    const run = await runChannel({ channel: testChannel(collector, API_SECRET, 'events'), collector, untilCollector: allDelivered, timeoutMs: 60000 });
    assertNoCrash(run);

    const identify = collector.identityRequests.find((r) => r.kind === 'identify');
    assert.ok(identify, collector.summary());
    assert.equal(identify.signatureValid, true, 'identify signature');
    assert.equal(identify.apiKeyValid, true, 'x-mp-key');
    const known = (identify.json as { known_identities: Record<string, string> }).known_identities;
    assert.match(known.device_application_stamp, UUID);
    assert.equal(known.customerid, 'customer-1');
    assert.equal(identify.userAgent, `mParticle Roku SDK/${SDK_VERSION}`);

    assert.ok(collector.batchAttempts.length > 0);
    for (const a of collector.batchAttempts) {
      assert.equal(a.request.signatureValid, true, `signature of batch ${a.batch.id}`);
      assert.equal(a.request.userAgent, `mParticle Roku SDK/${SDK_VERSION}`);
      const b: NativeBatch = a.batch;
      assert.equal(b.dt, 'h');
      assert.equal(b.mpid, MPID);
      assert.match(String(b.id), UUID);
      assert.equal(b.das, known.device_application_stamp);
      assert.equal(b.sdk, SDK_VERSION);
      assert.equal(typeof b.ct, 'number');
      for (const key of ['ai', 'di', 'ui', 'ua', 'ck', 'ltv']) assert.ok(key in b, `batch has ${key}`);
    }

    const msgs = collector.messages;
    assert.equal(msgs[0].dt, 'ss', 'the session start comes first');
    const ast = msgs.find((m) => m.dt === 'ast');
    assert.ok(ast, 'app_init');
    assert.equal(ast.t, 'app_init');
    assert.equal(ast.ifr, true, 'first run');
    const sid = msgs[0].sid;
    for (const m of msgs) {
      assert.match(String(m.id), UUID);
      assert.equal(typeof m.ct, 'number');
      assert.equal(m.sid, sid, `${m.dt} in the session`);
      assert.equal(m.sct, msgs[0].ct);
    }
    const ids = msgs.map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length, 'no message id twice');
    for (const name of ALL_NAMES) assert.equal(deliveredNames(collector).filter((n) => n === name).length, 1, name);

    const custom = msgs.find((m) => m.n === 'Custom Media Event');
    assert.equal(custom?.et, 'media');
    assert.deepEqual(custom?.attrs, { 'example custom attribute': 'example custom attribute value' });
    const pause = msgs.find((m) => m.n === 'Pause');
    assert.equal(pause?.et, 'media');
    assert.equal(pause?.attrs?.content_id, 'ABC123');
    assert.equal(pause?.attrs?.playhead_position, '1900');
    assert.equal(msgs.find((m) => m.n === LATER_EVENT)?.attrs?.step, '2');

    assert.ok(run.console.some((l) => l.startsWith('TEST: current user') && l.includes(MPID)), 'CURRENT_USER_NODE published');
    assert.ok(run.console.some((l) => l.startsWith('TEST: identity result') && l.includes('"httpCode":200')), 'IDENTITY_RESULT_NODE published');
    assertNoSecret(collector, run);
    const report = idReport(collector, 'no fault');
    assert.equal(report.lost, 0);
    assert.equal(report.duplicated, 0);
  });

  it('503 then success: the batch is retried with the same id and messages, delivered exactly once', async () => {
    collector.plan([{ status: 503 }]);
    const run = await runChannel({ channel: testChannel(collector, API_SECRET, 'events'), collector, untilCollector: allDelivered, timeoutMs: 60000 });
    assertNoCrash(run);
    const [failed, ...rest] = collector.batchAttempts;
    assert.equal(failed.request.response.status, 503);
    const retry = rest.find((a) => a.batch.id === failed.batch.id);
    assert.ok(retry, `batch ${failed.batch.id} retried\n${collector.summary()}`);
    assert.equal(retry.accepted, true);
    assert.deepEqual(retry.batch.msgs?.map((m) => m.id), failed.batch.msgs?.map((m) => m.id), 'same messages');
    const report = idReport(collector, '503 then 202');
    assert.equal(report.lost, 0);
    assert.equal(report.duplicated, 0);
  });

  it('429 with Retry-After: waits as told, then delivers the same batch exactly once', async () => {
    collector.plan([{ status: 429, retryAfter: 2 }]);
    const run = await runChannel({ channel: testChannel(collector, API_SECRET, 'events'), collector, untilCollector: allDelivered, timeoutMs: 60000 });
    assertNoCrash(run);
    const [limited, ...rest] = collector.batchAttempts;
    assert.equal(limited.request.response.status, 429);
    const retry = rest.find((a) => a.batch.id === limited.batch.id);
    assert.ok(retry?.accepted, collector.summary());
    assert.ok(run.console.some((l) => /retrying in 2000 ms/.test(l)), 'Retry-After honoured');
    const report = idReport(collector, '429 Retry-After 2');
    assert.equal(report.lost, 0);
    assert.equal(report.duplicated, 0);
  });

  it('400: one credentials log line, the batch is not retried, later batches still go', async () => {
    collector.plan([{ status: 400 }]);
    const run = await runChannel({
      channel: testChannel(collector, API_SECRET, 'events', { laterRepeat: true }),
      collector,
      untilCollector: (c) => deliveredNames(c).includes(LATER_EVENT),
      timeoutMs: 60000,
    });
    assertNoCrash(run);
    const [refused] = collector.batchAttempts;
    assert.equal(refused.request.response.status, 400);
    assert.equal(collector.batchAttempts.filter((a) => a.batch.id === refused.batch.id).length, 1, 'not retried');
    const refusedIds = new Set((refused.batch.msgs ?? []).map((m) => String(m.id)));
    for (const a of collector.batchAttempts.slice(1)) {
      for (const m of a.batch.msgs ?? []) assert.ok(!refusedIds.has(String(m.id)), 'a refused message came back');
    }
    const lines = run.console.filter((l) => l.includes('check apiKey and apiSecret'));
    assert.equal(lines.length, 1, run.console.join('\n'));
    assert.match(lines[0], /\[ERROR\].*HTTP 400/);
    const report = idReport(collector, '400 refused', refusedIds, 'refused by the server on purpose');
    assert.equal(report.lost, 0);
    assert.equal(report.duplicated, 0);
  });

  it('survives garbage answers and a corrupt registry', async () => {
    const page = await openPage(collector);
    try {
      collector.plan([
        { target: 'identity', status: 200, body: '<html>proxy error</html>' },
        { target: 'events', status: 202, body: '{"ci": 5, "iltv": "x"' },
        { target: 'events', status: 500, headers: { 'Retry-After': 'soon' } },
      ]);
      const first = await runChannel({ channel: testChannel(collector, API_SECRET, 'events'), collector, page, registry: 'clear', untilCollector: allDelivered, timeoutMs: 60000 });
      assertNoCrash(first);
      assert.ok(collector.identityRequests.length >= 2, 'an identify answered without an mpid is asked again');
      idReport(collector, 'garbage answers');

      const registry = await page.registry();
      const keys = Object.keys(registry).filter((k) => /\.mParticle_[^.]*\.(state|queue)$/.test(k));
      assert.equal(keys.length, 2, Object.keys(registry).join(', '));
      const garbage = ['{"v":1,"t":"x","q":[[1,2', '{"v":1,"t":5,"s":7,"d":{"x":1},"k":null,"b":[[9]],"q":[["id",1,0,0,0,[3,"v"]],"junk"]}'];
      for (const text of garbage) {
        await page.page.evaluate(([ks, value]) => {
          for (const k of ks as string[]) localStorage.setItem(k, value as string);
        }, [keys, text] as const);
        collector.reset();
        const run = await runChannel({ channel: testChannel(collector, API_SECRET, 'events'), collector, page, untilCollector: allDelivered, timeoutMs: 60000 });
        assertNoCrash(run);
        const report = idReport(collector, `corrupt registry ${JSON.stringify(text).slice(0, 24)}`);
        assert.equal(report.lost, 0);
        assert.equal(report.duplicated, 0);
      }
    } finally {
      await page.close();
    }
  });

  it('restart with a non-empty queue: the previous run\'s messages are delivered by the next run', async () => {
    const page = await openPage(collector);
    try {
      collector.plan(Array.from({ length: 20 }, () => ({ status: 503, retryAfter: 3600 })));
      const first = await runChannel({
        channel: testChannel(collector, API_SECRET, 'events'),
        collector,
        page,
        registry: 'clear',
        // Until every event of the phase is in the registry and a batch went out (one the
        // collector refused): the calls may reach the Task over several ticks, and one not yet
        // written when the run is cut would be lost, as on a device.
        until: untilQueuedAndWritten([...PHASE_EVENTS, PHASE_SCREEN], () => collector.batchAttempts.length >= 1 && collector.identityRequests.length >= 1),
        timeoutMs: 60000,
      });
      assertNoCrash(first);
      assert.equal(collector.batches.length, 0, 'nothing accepted in the first run');
      const stranded = new Set<string>();
      for (const a of collector.batchAttempts) for (const m of a.batch.msgs ?? []) stranded.add(String(m.id));
      const firstSession = collector.batchAttempts[0].batch.msgs?.[0].sid;
      const registry = await page.registry();
      assert.ok(Object.keys(registry).some((k) => k.endsWith('.queue')), `queue persisted: ${Object.keys(registry).join(', ')}`);

      collector.reset();
      const stillStranded = (c: Collector) => [...stranded].some((id) => !c.messages.some((m) => m.id === id));
      const second = await runChannel({
        channel: testChannel(collector, API_SECRET, 'quiet'),
        collector,
        page,
        untilCollector: (c) => !stillStranded(c) && c.messages.some((m) => m.dt === 'se' && m.sid === firstSession) && PHASE_EVENTS.every((n) => deliveredNames(c).includes(n)),
        timeoutMs: 60000,
      });
      assertNoCrash(second);
      const ids = collector.messages.map((m) => m.id);
      assert.equal(new Set(ids).size, ids.length, 'no message id twice');
      const asts = collector.messages.filter((m) => m.dt === 'ast');
      assert.deepEqual(asts.map((m) => [m.sid === firstSession, m.ifr]), [[true, true], [false, false]], 'each run\'s app_init; only the first is a first run');
      const delivered = new Set(ids.map(String));
      let lost = 0;
      for (const id of stranded) if (!delivered.has(id)) lost++;
      const duplicated = ids.length - new Set(ids).size;
      console.log(`      restart: events sent ${stranded.size} (first run, never accepted), delivered exactly once ${stranded.size - lost}, lost ${lost}, duplicated ${duplicated}`);
      assert.equal(lost, 0);
      assert.equal(duplicated, 0);
      assertNoSecret(collector, second);
    } finally {
      await page.close();
    }
  });
});
