/**
 * The collector takes what a LAN can throw at it: a body over the cap is answered 413 without
 * being kept, a request that is not HTTP gets a 400, and a flood of small batches leaves a
 * bounded history (oldest dropped and counted); the server answers normally after each.
 */
import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import { connect } from 'node:net';
import { COLLECTOR_MAX_BODY_BYTES, signRequest, startCollector, type Collector } from '../../../sim/collector/collector';

const API_KEY = 'us1-limits';
const SECRET = 'limits-secret';

function post(c: Collector, path: string, body: Buffer | string, headers: Record<string, string | number> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, c.baseUrl), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function signedBatch(c: Collector, n: number): Promise<number> {
  const path = `/v2/${API_KEY}/events`;
  const body = JSON.stringify({ dt: 'h', id: `flood-${n}`, mpid: '1', ct: n, msgs: [{ dt: 'e', id: `m-${n}`, ct: n, n: 'Play', et: 'media', attrs: { media_session_id: 's' } }] });
  const date = new Date().toUTCString();
  return post(c, path, body, { Date: date, 'x-mp-signature': signRequest(SECRET, date, path, body) });
}

/** Sends raw bytes on a fresh connection and resolves with what came back before the server closed it. */
function raw(c: Collector, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(c.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(bytes);
  });
}

describe('collector limits', function () {
  this.timeout(120000);
  let c: Collector;
  before(async () => {
    c = await startCollector({ apiKey: API_KEY, apiSecret: SECRET, maxHistory: 500 });
  });
  after(() => c.close());

  it('answers 413 to a body over the cap, keeps none of it, and goes on answering', async () => {
    const big = Buffer.alloc(COLLECTOR_MAX_BODY_BYTES + 1, 0x20);
    assert.equal(await post(c, `/v2/${API_KEY}/events`, big), 413);
    const last = c.requests[c.requests.length - 1];
    assert.equal(last.tooLarge, true);
    assert.equal(last.body, '');
    assert.equal(last.response.status, 413);
    // Declared too large up front: refused before any of it is read.
    assert.equal(await post(c, `/v2/${API_KEY}/events`, Buffer.alloc(1024 * 1024 * 4, 0x20), { 'Content-Length': 1024 * 1024 * 4 }), 413);
    assert.equal(await signedBatch(c, 0), 202);
  });

  it('answers 400 to what is not HTTP or not JSON, and goes on answering', async () => {
    assert.match(await raw(c, 'THIS IS NOT HTTP\r\n\r\n'), /^HTTP\/1\.1 400/);
    assert.equal(await post(c, `/v2/${API_KEY}/events`, '{"msgs": [unclosed'), 400);
    assert.equal(await signedBatch(c, 1), 202);
  });

  it('keeps a bounded history under a flood of small batches, oldest dropped and counted', async () => {
    const before = process.memoryUsage().heapUsed;
    const total = 3000;
    let next = 2;
    const statuses: number[] = [];
    const worker = async () => {
      while (next < total + 2) statuses.push(await signedBatch(c, next++));
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    assert.equal(statuses.length, total);
    assert.ok(statuses.every((s) => s === 202), 'every small batch was accepted');
    assert.equal(c.requests.length, 500);
    assert.ok(c.batchAttempts.length <= 500 && c.batches.length <= 500 && c.messages.length <= 500);
    // The newest are the ones kept, and every older one is counted as dropped.
    const newest = c.requests[c.requests.length - 1].seq;
    assert.equal(c.requests[0].seq, newest - 499);
    assert.equal(c.droppedRequests, newest - 500);
    assert.ok(c.droppedRequests >= total - 500);
    assert.equal(await signedBatch(c, total + 10), 202);
    // Reported, not asserted: heap depends on the garbage collector's timing.
    console.log(`      heap after ${total} batches: ${((process.memoryUsage().heapUsed - before) / 1048576).toFixed(1)} MiB more (history: ${c.requests.length} requests)`);
  });
});
