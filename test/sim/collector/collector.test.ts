import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { signRequest, startCollector, toEventsApi, type Collector, type NativeBatch } from '../../../sim/collector/collector';

const API_KEY = 'us1-0123456789abcdef';
const API_SECRET = 'test-secret';

function batch(msgs: NativeBatch['msgs'], id: string = randomUUID()): NativeBatch {
  return { dt: 'h', id, mpid: '8675309', ct: 1573828863888, dbg: true, msgs };
}

async function post(
  c: Collector,
  path: string,
  body: string,
  opts: { secret?: string; date?: string; dateHeader?: string; extra?: Record<string, string> } = {},
): Promise<Response> {
  const date = opts.date ?? new Date().toISOString();
  const signature = signRequest(opts.secret ?? API_SECRET, date, path, body);
  // Node's fetch, unlike a browser, may set Date: this is the device's path.
  return fetch(c.baseUrl + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [opts.dateHeader ?? 'Date']: date, 'x-mp-signature': signature, ...opts.extra },
    body,
  });
}

describe('collector', () => {
  let c: Collector;
  beforeEach(async () => {
    c = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET });
  });
  afterEach(async () => {
    await c.close();
  });

  it('accepts a correctly signed batch and records its messages', async () => {
    const b = batch([
      { dt: 'ss', id: 's1', ct: 1, sid: 's1', sct: 1 },
      { dt: 'e', id: 'm1', ct: 2, sid: 's1', sct: 1, n: 'Play', et: 'media', attrs: { content_id: '1' } },
    ]);
    const res = await post(c, `/v2/${API_KEY}/events`, JSON.stringify(b));
    assert.equal(res.status, 202);
    assert.equal(c.requests.length, 1);
    assert.equal(c.requests[0].signatureValid, true);
    assert.equal(c.requests[0].dateSource, 'date');
    assert.equal(c.requests[0].apiKeyValid, true);
    assert.deepEqual(c.batches.map((x) => x.id), [b.id]);
    assert.deepEqual(c.messages.map((m) => [m.dt, m.batchId]), [['ss', b.id], ['e', b.id]]);
    assert.deepEqual(c.events('Play').map((m) => m.id), ['m1']);
    assert.deepEqual(c.events('Pause'), []);
  });

  it('verifies a signature whose Date came through the harness header', async () => {
    const res = await post(c, `/v2/${API_KEY}/events`, JSON.stringify(batch([])), { dateHeader: 'x-mp-harness-date' });
    assert.equal(res.status, 202);
    assert.equal(c.requests[0].signatureValid, true);
    assert.equal(c.requests[0].dateSource, 'x-mp-harness-date');
  });

  it('flags a bad signature, a wrong key and a tampered body', async () => {
    await post(c, `/v2/${API_KEY}/events`, JSON.stringify(batch([])), { secret: 'wrong' });
    await post(c, '/v2/other-key/events', JSON.stringify(batch([])));
    const body = JSON.stringify(batch([]));
    const date = new Date().toISOString();
    await fetch(`${c.eventsUrl}`, {
      method: 'POST',
      headers: { Date: date, 'x-mp-signature': signRequest(API_SECRET, date, `/v2/${API_KEY}/events`, body) },
      body: body + ' ',
    });
    assert.deepEqual(
      c.requests.map((r) => [r.signatureValid, r.apiKeyValid]),
      [[false, true], [true, false], [false, true]],
    );
  });

  it('answers 401 to bad signatures when strict', async () => {
    const strict = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET, strict: true });
    try {
      assert.equal((await post(strict, `/v2/${API_KEY}/events`, '{"id":"x"}', { secret: 'nope' })).status, 401);
      assert.equal((await post(strict, `/v2/${API_KEY}/events`, '{"id":"x"}')).status, 202);
    } finally {
      await strict.close();
    }
  });

  it('answers identity calls with the configured mpid and records them', async () => {
    const identify = { client_sdk: { platform: 'roku' }, request_id: 'r1', known_identities: { device_application_stamp: 'das' } };
    const r1 = await post(c, '/v1/identify', JSON.stringify(identify), { extra: { 'x-mp-key': API_KEY } });
    assert.equal(r1.status, 200);
    const a1 = (await r1.json()) as Record<string, unknown>;
    assert.equal(a1.mpid, '8675309');
    assert.match(String(a1.context), /^ctx-/);
    assert.equal(a1.is_ephemeral, false);
    assert.equal(a1.is_logged_in, false);

    c.mpid = '42';
    const r2 = await post(c, '/v1/login', JSON.stringify({ known_identities: { customerid: 'bob' } }), { extra: { 'x-mp-key': API_KEY } });
    const a2 = (await r2.json()) as Record<string, unknown>;
    assert.equal(a2.mpid, '42');
    assert.equal(a2.is_logged_in, true);

    const r3 = await post(c, '/v1/42/modify', JSON.stringify({ identity_changes: [{ identity_type: 'email', old_value: null, new_value: 'a@b.c' }] }), {
      extra: { 'x-mp-key': API_KEY },
    });
    assert.equal(r3.status, 200);
    assert.deepEqual(await r3.json(), { change_results: [{ identity_type: 'email', modified_mpid: '42' }] });

    assert.deepEqual(c.identityRequests.map((r) => [r.kind, r.signatureValid, r.apiKeyValid]), [
      ['identify', true, true],
      ['login', true, true],
      ['modify', true, true],
    ]);
  });

  it('applies the fault plan in order to the requests it targets, then answers normally', async () => {
    c.plan([
      { status: 503 },
      { status: 429, retryAfter: 2 },
      { status: 500, target: 'identity' },
      { body: 'garbage', status: 202 },
      { drop: true },
    ]);
    const path = `/v2/${API_KEY}/events`;
    const b = batch([{ dt: 'e', id: 'm1', n: 'Play', et: 'media', ct: 5, sid: 's', sct: 1 }], 'batch-1');
    const r1 = await post(c, path, JSON.stringify(b));
    const r2 = await post(c, path, JSON.stringify(b));
    const ident = await post(c, '/v1/identify', '{}', { extra: { 'x-mp-key': API_KEY } });
    const r3 = await post(c, path, JSON.stringify(b));
    await assert.rejects(post(c, path, JSON.stringify(b)));
    const r5 = await post(c, path, JSON.stringify(b));
    assert.deepEqual([r1.status, r2.status, ident.status, r3.status, r5.status], [503, 429, 500, 202, 202]);
    assert.equal(r2.headers.get('retry-after'), '2');
    assert.equal(await r3.text(), 'garbage');
    assert.deepEqual(c.pendingPlan, []);
    assert.deepEqual(
      c.batchAttempts.map((a) => [a.request.response.status, a.request.response.dropped, a.accepted]),
      [[503, false, false], [429, false, false], [202, false, true], [202, true, false], [202, false, true]],
    );
    // The batch id is an idempotency key: two acceptances of batch-1 are one batch.
    assert.deepEqual(c.batches.map((x) => x.id), ['batch-1']);
    assert.equal(c.events('Play').length, 1);
  });

  it('echoes cookies and ltv in 202 answers when configured', async () => {
    c.batchAnswer = { ck: { uid: { c: 'u=1', e: '2030-01-01' } }, iltv: 3 };
    const res = await post(c, `/v2/${API_KEY}/events`, JSON.stringify(batch([])));
    assert.equal(res.status, 202);
    assert.deepEqual(await res.json(), { ci: { ck: { uid: { c: 'u=1', e: '2030-01-01' } } }, iltv: 3 });
  });

  it('waitFor resolves with the predicate value and rejects listing what arrived', async () => {
    const waiting = c.waitFor((x) => x.events('Play')[0], 5000);
    await post(c, `/v2/${API_KEY}/events`, JSON.stringify(batch([{ dt: 'e', id: 'p', n: 'Play', et: 'media' }])));
    assert.equal((await waiting).id, 'p');
    await assert.rejects(c.waitFor((x) => x.events('Stop').length > 0, 200, 'a Stop event'), (err: Error) => {
      assert.match(err.message, /a Stop event/);
      assert.match(err.message, /#1 POST \/v2\/us1-0123456789abcdef\/events -> 202 sig=ok key=ok batch=.* msgs=\[e:Play\]/);
      return true;
    });
  });

  it('records unknown paths as 404s and serves hosted files and the harness page', async () => {
    assert.equal((await post(c, '/v3/nope', '{}')).status, 404);
    assert.equal(c.requests[0].kind, 'other');
    c.host('/files/a.txt', 'hello', 'text/plain');
    const f = await fetch(`${c.baseUrl}/files/a.txt`);
    assert.equal(await f.text(), 'hello');
    const page = await fetch(`${c.baseUrl}/harness/index.html`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cross-origin-embedder-policy'), 'require-corp');
    assert.equal(page.headers.get('cross-origin-opener-policy'), 'same-origin');
    const worker = await (await fetch(`${c.baseUrl}/harness/lib/brs.worker.js?v=2.2.0`)).text();
    assert.match(worker.slice(0, 2000), /x-mp-harness-date/);
    assert.equal(c.requests.length, 1);
  });
});

describe('toEventsApi', () => {
  it('turns custom event messages into the documented downstream form', () => {
    const b = batch([
      { dt: 'ss', id: 'sess', ct: 1573828757702, sid: 'sess', sct: 1573828757702 },
      {
        dt: 'e',
        id: 'msg-1',
        ct: 1573828863888,
        est: 1573828863888,
        sid: '29959B6B-9C3B-486F-9807-B5534EA1B16A',
        sct: 1573828757702,
        n: 'Play',
        et: 'media',
        attrs: { content_id: '1234567', playhead_position: '110123' },
      },
    ]);
    const out = toEventsApi(b);
    assert.deepEqual(out.problems, []);
    assert.equal(out.environment, 'development');
    assert.deepEqual(out.events, [
      {
        event_type: 'custom_event',
        data: {
          custom_event_type: 'media',
          event_name: 'Play',
          custom_flags: {},
          timestamp_unixtime_ms: '1573828863888',
          event_id: null,
          source_message_id: 'msg-1',
          session_id: null,
          session_uuid: '29959B6B-9C3B-486F-9807-B5534EA1B16A',
          session_start_unixtime_ms: '1573828757702',
          event_start_unixtime_ms: '1573828863888',
          custom_attributes: { content_id: '1234567', playhead_position: '110123' },
        },
      },
    ]);
  });

  it('reports attribute values that are not strings and missing timestamps', () => {
    const out = toEventsApi(batch([{ dt: 'e', id: 'x', n: 'Play', et: 'media', sid: 's', sct: 1, attrs: { playhead_position: 12.5 } }]));
    assert.equal(out.problems.length, 2);
    assert.match(out.problems[0], /ct is not an integral/);
    assert.match(out.problems[1], /attrs\.playhead_position is number/);
  });
});
