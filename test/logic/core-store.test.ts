import { strict as assert } from 'assert';
import { randomUUID } from 'crypto';
import seedrandom from 'seedrandom';
import { MEDIA_CONTENT_TYPE, MEDIA_STREAM_TYPE } from '../../src-ts/schema';
import { mediaReduce, newMediaState } from '../../src-ts/logic/media';
import { MediaCall } from '../../src-ts/logic/media-types';
import { coreBatchMessages, coreDecodeQueue, coreEncodeQueue, coreFitQueue, coreFitQueueFrom, coreNoBatch } from '../../src-ts/logic/core-store';
import { coreMessagePriority } from '../../src-ts/logic/core-queue';
import { CoreBatchRef, CoreMessage } from '../../src-ts/logic/core-types';

const NONE: CoreBatchRef = coreNoBatch();

const T0 = 1593007533602;
const SID = randomUUID();

function message(dt: string, ct: number, extra: Partial<CoreMessage> = {}): CoreMessage {
  return { dt, id: randomUUID(), ct, sid: SID, sct: T0, ...extra };
}

/**
 * Media events of one realistic media session, made by the media logic itself: start, play,
 * then playhead updates every 10 s with the occasional pause/play, QoS update, seek and buffer.
 */
function mediaSessionMessages(count: number, seed = 'media'): CoreMessage[] {
  const rng = seedrandom(seed);
  let state = newMediaState();
  const session: Record<string, unknown> = {
    contentId: 'ABC123',
    title: 'Space Pilot 3000',
    contentType: MEDIA_CONTENT_TYPE.VIDEO,
    streamType: MEDIA_STREAM_TYPE.ON_DEMAND,
    duration: 1800000,
    mediaSessionId: randomUUID(),
    currentPlayheadPosition: 0,
    mediaSessionAttributes: { show: 'Futurama', season: '1' },
  };
  const out: CoreMessage[] = [];
  let t = T0 + 1000;
  const call = (method: string, options: unknown = { Source: 'Player Controls' }, args: Record<string, unknown> = {}) => {
    const c: MediaCall = { method, session: { ...session }, args, options };
    const r = mediaReduce(state, c, t, randomUUID());
    state = r.state;
    for (const e of r.events) out.push(message('e', t, { n: e.name, et: 'media', est: t, attrs: e.attrs }));
  };
  call('logMediaSessionStart');
  call('logPlay', { Source: 'Auto Playback' });
  while (out.length < count) {
    t += 10000;
    session.currentPlayheadPosition = (session.currentPlayheadPosition as number) + 10000;
    const r = rng();
    if (r < 0.6) call('logPlayheadPosition', undefined);
    else if (r < 0.7) call('logUpdateQoS', undefined, { bitRate: 4500000, fps: 30, startupTime: 800, droppedFrames: Math.floor(rng() * 5) });
    else if (r < 0.8) call('logPause');
    else if (r < 0.9) call('logPlay');
    else call('logBufferStart', undefined, { duration: 1200, bufferPercent: 40, position: session.currentPlayheadPosition });
  }
  return out.slice(0, count);
}

function roundTrip(queue: CoreMessage[]): CoreMessage[] {
  const r = coreDecodeQueue(JSON.parse(coreEncodeQueue(queue, NONE)));
  assert.equal(r.skipped, 0);
  return r.messages;
}

describe('core persisted queue', () => {
  it('round-trips every message type exactly', () => {
    const queue: CoreMessage[] = [
      message('ss', T0, { dct: 'WiFi', lr: 'content-1' }),
      message('ast', T0 + 5, { t: 'app_init', ifr: true, iu: false, lpr: '{"contentId":"x"}' }),
      message('e', T0 + 10, { n: 'Click', et: 'other', est: T0 + 10, attrs: { a: '1', b: 'two' } }),
      message('e', T0 + 11, { n: 'Late', et: 'other', est: T0 + 2 }),
      message('v', T0 + 12, { n: 'Home', est: T0 + 12, attrs: {} }),
      message('cm', T0 + 13, { pd: { an: 'purchase', pl: [{ id: 'sku', pr: 9.99, qt: 1 }] }, attrs: { k: 'v' } }),
      message('uac', T0 + 14, { n: '$Age', nv: '42', ov: null, d: false, na: true }),
      message('uic', T0 + 15, { ni: { n: 1, i: 'c1', dfs: T0, f: true } }),
      message('o', T0 + 16, { s: true }),
      message('se', T0 + 20, { dct: 'WiFi', slx: 20, sl: 20, attrs: { plan: 'gold' }, smpids: ['42'] }),
      { dt: 'ss', id: randomUUID(), ct: T0 - 86400000 },
    ];
    queue.push(...mediaSessionMessages(12));
    assert.deepEqual(roundTrip(queue), queue);
  });

  it('restores est only for custom events and screen views', () => {
    const q = [message('cm', T0, { est: T0 }), message('e', T0, { n: 'x', et: 'other' })];
    const back = roundTrip(q);
    assert.equal(back[0].est, T0);
    assert.equal(back[1].est, T0, 'a custom event without est gets est = ct');
  });

  it('stores a media session\'s shared attributes once', () => {
    const events = mediaSessionMessages(60);
    const compact = coreEncodeQueue(events, NONE).length;
    const plain = JSON.stringify(events).length;
    assert.ok(compact * 2 < plain, `compact ${compact} vs plain ${plain}`);
    assert.deepEqual(roundTrip(events), events);
  });

  it('holds at least 60 media events of one media session within 16 KB (measured)', () => {
    const events = mediaSessionMessages(400);
    const all: CoreMessage[] = [message('ss', T0), message('ast', T0 + 1, { t: 'app_init', ifr: false, iu: false }), ...events];
    let fit = 0;
    for (let n = 1; n <= all.length; n++) {
      if (coreEncodeQueue(all.slice(0, n), NONE).length <= 16384) fit = n;
      else break;
    }
    const mediaFit = fit - 2;
    console.log(`      capacity: ${mediaFit} media events of one media session (plus ss and ast) in 16384 bytes; ` +
      `${Math.round(coreEncodeQueue(all.slice(0, fit), NONE).length / fit)} bytes/message vs ${Math.round(JSON.stringify(all.slice(0, fit)).length / fit)} as plain JSON`);
    assert.ok(mediaFit >= 60, `only ${mediaFit} media events fit`);
  });

  it('fits a budget by dropping playhead/QoS updates first, then other media events, keeping session messages', () => {
    const events = mediaSessionMessages(400, 'fit');
    const queue: CoreMessage[] = [message('ss', T0), ...events, message('se', T0 + 9e6, { sl: 9e6, slx: 9e6, smpids: ['1'] })];
    const r = coreFitQueue(queue, {}, 16384, NONE);
    assert.ok(r.text.length <= 16384);
    assert.equal(r.text, coreEncodeQueue(r.queue, NONE));
    assert.equal(r.queue.length + r.dropped.length, queue.length);
    assert.equal(r.queue[0].dt, 'ss');
    assert.equal(r.queue[r.queue.length - 1].dt, 'se');
    const keptPriorities = r.queue.map(coreMessagePriority);
    const maxDropped = Math.max(...r.dropped.map(coreMessagePriority));
    const lowKept = keptPriorities.filter((p) => p < maxDropped);
    assert.deepEqual(lowKept, [], 'nothing of lower priority than a dropped message is kept');
    const kept = new Set(r.queue.map((m) => m.id));
    assert.deepEqual(queue.filter((m) => kept.has(m.id)), r.queue, 'order is kept');
  });

  it('prefers keeping messages in flight among equals', () => {
    const events = mediaSessionMessages(30, 'inflight').filter((m) => m.n === 'Update Playhead Position');
    const inflight = { [events[0].id]: true };
    const budget = coreEncodeQueue(events, NONE).length - 10;
    const r = coreFitQueue(events, inflight, budget, NONE);
    assert.equal(r.dropped.length, 1);
    assert.equal(r.dropped[0].id, events[1].id);
  });

  it('empties rather than loops when nothing fits', () => {
    const r = coreFitQueue([message('ss', T0)], {}, 10, NONE);
    assert.equal(r.queue.length, 0);
    assert.equal(r.dropped.length, 1);
  });

  it('reads corrupt data as an empty or partial queue, never throwing', () => {
    const good = JSON.parse(coreEncodeQueue([message('ss', T0), message('e', T0 + 1, { n: 'x', et: 'other', attrs: { a: 'b' } })], NONE));
    for (const bad of [undefined, null, 0, 'text', [], {}, { v: 2, t: 0, q: [] }, { v: 1, t: 'x' }, { v: 1, t: 0, q: 'x' }]) {
      assert.deepEqual(coreDecodeQueue(bad), { messages: [], skipped: 0, batch: NONE }, JSON.stringify(bad));
    }
    const broken = JSON.parse(JSON.stringify(good));
    broken.q.push('x', [], [1, 2, 3, 4, 5, 6], ['id', 1, 0, 99, -1, 0], ['id', 1, 7, 0, -1, 0], ['id', 1, 0, 0, 5, []], ['id', 1, 0, 1, -1, [99, 'v']], ['id', 1, 0, 1, -1, [0]], ['id', 1, 0, 1.5, -1, 0]);
    const r = coreDecodeQueue(broken);
    assert.equal(r.messages.length, 2);
    assert.equal(r.skipped, 9);
    const noTables = { v: 1, t: 5, q: [['id', 0, -1, 0, -1, 0]] };
    assert.deepEqual(coreDecodeQueue(noTables), { messages: [], skipped: 1, batch: NONE });
    const badBody = { v: 1, t: 5, d: [null, [], { n: 1 }], q: [['a', 0, -1, 0, -1, 0], ['b', 0, -1, 1, -1, 0], ['c', 0, -1, 2, -1, 0]] };
    assert.deepEqual(coreDecodeQueue(badBody), { messages: [], skipped: 3, batch: NONE });
  });
  it('leaves out the entries marked accepted ("x"), and keeps each message\'s MPID', () => {
    const queue = [message('ss', T0, { mpid: '1' }), message('e', T0 + 1, { n: 'a', et: 'other', est: T0 + 1, mpid: '1' }), message('e', T0 + 2, { n: 'b', et: 'other', est: T0 + 2, mpid: '2' })];
    const stored = JSON.parse(coreEncodeQueue(queue, NONE));
    stored.x = [1];
    const r = coreDecodeQueue(stored);
    assert.deepEqual(r.messages, [queue[0], queue[2]]);
    assert.equal(r.skipped, 0);
  });

  it('fits from a hint as it fits from a probe', () => {
    const events = mediaSessionMessages(400, 'hint');
    const probe = coreFitQueue(events, {}, 8000, NONE);
    for (const hint of [1, probe.queue.length, probe.queue.length * 3]) {
      const r = coreFitQueueFrom(events, {}, 8000, NONE, hint);
      assert.ok(r.text.length <= 8000);
      assert.ok(Math.abs(r.queue.length - probe.queue.length) <= 2, `hint ${hint}: ${r.queue.length} against ${probe.queue.length}`);
    }
  });

  describe('the batch in flight', () => {
    const batchOf = (queue: CoreMessage[], picks: number[], ct = T0 + 500): CoreBatchRef => ({ id: randomUUID(), ct, ids: picks.map((i) => queue[i].id) });

    it('round-trips with the queue: same id, ct and messages', () => {
      const queue: CoreMessage[] = [message('ss', T0), message('ast', T0 + 1, { t: 'app_init', ifr: true, iu: false }), ...mediaSessionMessages(20, 'batch')];
      const batch = batchOf(queue, [0, 1, 2, 3, 4, 5]);
      const r = coreDecodeQueue(JSON.parse(coreEncodeQueue(queue, batch)));
      assert.equal(r.skipped, 0);
      assert.deepEqual(r.messages, queue);
      assert.deepEqual(r.batch, batch);
      assert.deepEqual(coreBatchMessages(r.messages, r.batch.ids), queue.slice(0, 6));
    });

    it('costs its id, a time delta and a small index per message', () => {
      const queue = mediaSessionMessages(150, 'cost');
      const batch = batchOf(queue, queue.map((_, i) => i).slice(0, 100));
      const extra = coreEncodeQueue(queue, batch).length - coreEncodeQueue(queue, NONE).length;
      console.log(`      batch in flight: ${extra} bytes for a batch of 100 messages`);
      assert.ok(extra <= 60 + 4 * 100, `${extra} bytes`);
    });

    it('references only queued messages, and is left out when it has none', () => {
      const queue = [message('ss', T0), message('e', T0 + 1, { n: 'a', et: 'other' })];
      const gone = message('e', T0 + 2, { n: 'gone', et: 'other' });
      const batch: CoreBatchRef = { id: randomUUID(), ct: T0 + 3, ids: [gone.id, queue[1].id] };
      assert.deepEqual(coreDecodeQueue(JSON.parse(coreEncodeQueue(queue, batch))).batch, { ...batch, ids: [queue[1].id] });
      const none = JSON.parse(coreEncodeQueue(queue, { id: randomUUID(), ct: T0, ids: [gone.id] }));
      assert.equal('f' in none, false);
      assert.deepEqual(coreDecodeQueue(none).batch, NONE);
      assert.deepEqual(coreBatchMessages(queue, [gone.id]), []);
    });

    it('fits within the budget with the batch, dropping its messages last among equals', () => {
      const events = mediaSessionMessages(200, 'fitbatch').filter((m) => m.n === 'Update Playhead Position');
      const picks = [0, 1, 2, 3, 4];
      const batch = batchOf(events, picks);
      const inflight = Object.fromEntries(batch.ids.map((id) => [id, true]));
      const budget = Math.floor(coreEncodeQueue(events, batch).length / 2);
      const r = coreFitQueue(events, inflight, budget, batch);
      assert.ok(r.text.length <= budget, `${r.text.length} > ${budget}`);
      assert.ok(r.dropped.length > 0);
      for (const id of batch.ids) assert.ok(r.queue.some((m) => m.id === id), 'a batch message was dropped before older others');
      const back = coreDecodeQueue(JSON.parse(r.text));
      assert.deepEqual(back.batch, batch);
      assert.equal(r.text, coreEncodeQueue(r.queue, batch));
    });

    it('keeps only the batch messages that survive a budget that cannot hold them all', () => {
      const events = mediaSessionMessages(40, 'tight').filter((m) => m.n === 'Update Playhead Position');
      const batch = batchOf(events, events.map((_, i) => i));
      const inflight = Object.fromEntries(batch.ids.map((id) => [id, true]));
      const r = coreFitQueue(events, inflight, 600, batch);
      assert.ok(r.text.length <= 600);
      const back = coreDecodeQueue(JSON.parse(r.text));
      assert.deepEqual(back.batch.ids, r.queue.map((m) => m.id), 'the batch holds exactly the kept messages');
      assert.equal(back.batch.id, batch.id);
    });

    it('reads a corrupt batch as no batch, and skips references to unreadable entries', () => {
      const queue = [message('ss', T0), message('e', T0 + 1, { n: 'a', et: 'other' }), message('e', T0 + 2, { n: 'b', et: 'other' })];
      const good = JSON.parse(coreEncodeQueue(queue, batchOf(queue, [0, 1, 2])));
      for (const bad of [5, 'x', [], ['id', 0], [7, 0, [0]], ['', 0, [0]], ['id', 'x', [0]], ['id', 0, 'x'], ['id', 0, []], ['id', 0, [9, -1, 1.5, 'a', null]]]) {
        const r = coreDecodeQueue({ ...good, f: bad });
        assert.deepEqual(r.batch, NONE, JSON.stringify(bad));
        assert.equal(r.messages.length, 3);
      }
      const partial = JSON.parse(JSON.stringify(good));
      partial.q[1] = 'junk';
      partial.f[2] = [0, 1, 1, 2, 2];
      const r = coreDecodeQueue(partial);
      assert.equal(r.skipped, 1);
      assert.deepEqual(r.batch.ids, [queue[0].id, queue[2].id], 'the unreadable entry is left out, duplicates once');
    });
  });
});
