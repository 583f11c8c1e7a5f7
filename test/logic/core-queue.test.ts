import { strict as assert } from 'assert';
import { coreAssembleBatch, coreChooseDrop, coreEnqueue, coreMessageMpid, coreMessagePriority, coreRemoveIds } from '../../src-ts/logic/core-queue';
import { coreSessionDeadline, coreSessionExpired, coreSessionLength, coreUploadDueAt, coreNextWakeMillis } from '../../src-ts/logic/core-session';
import { CoreMessage } from '../../src-ts/logic/core-types';

let n = 0;
function msg(dt: string, extra: Partial<CoreMessage> = {}): CoreMessage {
  n++;
  return { dt, id: `id-${n}`, ct: 1700000000000 + n, sid: 's', sct: 1700000000000, ...extra };
}
const media = (name: string) => msg('e', { n: name, et: 'media', est: 0, attrs: { media_session_id: 'm1' } });

describe('core queue', () => {
  it('ranks playhead and QoS updates lowest and session/identity changes highest', () => {
    assert.equal(coreMessagePriority(media('Update Playhead Position')), 0);
    assert.equal(coreMessagePriority(media('Update QoS')), 0);
    assert.equal(coreMessagePriority(media('Play')), 1);
    assert.equal(coreMessagePriority(msg('e', { n: 'Click', et: 'other' })), 2);
    assert.equal(coreMessagePriority(msg('v', { n: 'Home' })), 2);
    for (const dt of ['ss', 'se', 'uac', 'uic', 'ast', 'o']) assert.equal(coreMessagePriority(msg(dt)), 3, dt);
  });

  it('drops the lowest priority first; among equals one not in flight, then the oldest', () => {
    const q = [msg('ss'), media('Play'), media('Update Playhead Position'), media('Update QoS'), msg('se')];
    assert.equal(coreChooseDrop(q, {}), 2);
    assert.equal(coreChooseDrop(q, { [q[2].id]: true }), 3);
    assert.equal(coreChooseDrop(q, { [q[2].id]: true, [q[3].id]: true }), 2, 'priority wins over being in flight');
    assert.equal(coreChooseDrop([], {}), -1);
  });

  it('keeps at most maxMessages, dropping by priority', () => {
    let q: CoreMessage[] = [];
    const dropped: CoreMessage[] = [];
    const all = [msg('ss'), media('Play'), media('Update Playhead Position'), media('Pause'), media('Update Playhead Position'), msg('se')];
    for (const m of all) {
      const r = coreEnqueue(q, m, 4, {});
      q = r.queue;
      dropped.push(...r.dropped);
    }
    assert.deepEqual(dropped.map((m) => m.id), [all[2].id, all[4].id]);
    assert.deepEqual(q.map((m) => m.id), [all[0].id, all[1].id, all[3].id, all[5].id]);
  });

  it('appends in place, and does not count the batch in flight against maxMessages', () => {
    const q = [msg('ss'), media('Play')];
    const r = coreEnqueue(q, media('Pause'), 2, { [q[0].id]: true });
    assert.equal(r.queue, q, 'the same array');
    assert.deepEqual(r.dropped, []);
    assert.equal(q.length, 3);
  });

  it('splits batches where the MPID changes; a message without one goes with the current user', () => {
    const q = [msg('ss'), msg('e', { mpid: '1' }), msg('e', { mpid: '1' }), msg('e', { mpid: '2' }), msg('e', { mpid: '1' })];
    assert.equal(coreMessageMpid(q[0], '7'), '7');
    assert.equal(coreMessageMpid(msg('e', { mpid: '0' }), '7'), '7');
    assert.deepEqual(coreAssembleBatch(q, {}, 100, 0, 0, '1'), [0, 1, 2], 'stops at the first message of another user');
    assert.deepEqual(coreAssembleBatch(q, { [q[0].id]: true, [q[1].id]: true, [q[2].id]: true }, 100, 0, 0, '1'), [3]);
    assert.deepEqual(coreAssembleBatch(q, {}, 100, 0, 0, '2'), [0], 'the unmarked one belongs to the current user 2');
  });

  it('removes accepted ids only', () => {
    const q = [msg('ss'), msg('ast'), msg('e')];
    const ids = q.map((m) => m.id);
    assert.deepEqual(coreRemoveIds(q, { [ids[0]]: true, unknown: true, [ids[2]]: true }).map((m) => m.id), [ids[1]]);
  });

  it('removes a batch at the front of the queue from the queue itself, one further back from a copy', () => {
    const q = [msg('ss'), msg('ast'), msg('e'), msg('e')];
    const ids = q.map((m) => m.id);
    const front = coreRemoveIds(q, { [ids[1]]: true, [ids[0]]: true });
    assert.equal(front, q, 'the same array, shifted');
    assert.deepEqual(front.map((m) => m.id), [ids[2], ids[3]]);
    const back = coreRemoveIds(front, { [ids[3]]: true });
    assert.deepEqual(back.map((m) => m.id), [ids[2]]);
    assert.deepEqual(front.map((m) => m.id), [ids[2], ids[3]], 'a removal further back leaves the queue as it was');
  });

  it('assembles batches within message and byte limits, in order, skipping in-flight messages', () => {
    const q = Array.from({ length: 10 }, () => msg('e', { n: 'x'.repeat(50), et: 'other' }));
    const size = JSON.stringify(q[0]).length + 1;
    assert.deepEqual(coreAssembleBatch(q, {}, 3, 100000, 200, "1"), [0, 1, 2]);
    assert.deepEqual(coreAssembleBatch(q, {}, 100, 200 + size * 4, 200, "1"), [0, 1, 2, 3]);
    assert.deepEqual(coreAssembleBatch(q, {}, 100, 200 + size * 4 - 1, 200, "1"), [0, 1, 2]);
    assert.deepEqual(coreAssembleBatch(q, { [q[0].id]: true, [q[1].id]: true }, 2, 100000, 200, "1"), [2, 3]);
    assert.deepEqual(coreAssembleBatch(q, {}, 100, 10, 200, "1"), [0], 'an oversized message still goes alone');
    assert.deepEqual(coreAssembleBatch([], {}, 100, 1000, 200, "1"), []);
  });
});

describe('core session timing', () => {
  it('times a session out after the timeout without events', () => {
    assert.equal(coreSessionExpired(true, 1000, 60999, 60000), false);
    assert.equal(coreSessionExpired(true, 1000, 61000, 60000), true);
    assert.equal(coreSessionExpired(false, 1000, 999999, 60000), false);
    assert.equal(coreSessionDeadline(true, 1000, 60000), 61000);
    assert.equal(coreSessionDeadline(false, 1000, 60000), -1);
    assert.equal(coreSessionLength(1000, 5000), 4000);
    assert.equal(coreSessionLength(5000, 1000), 0);
  });

  it('waits until the earliest deadline, at least 1 ms and at most a minute', () => {
    const now = 1700000000000;
    assert.equal(coreNextWakeMillis(now, [now + 5000, -1, now + 2000]), 2000);
    assert.equal(coreNextWakeMillis(now, [now - 5]), 1);
    assert.equal(coreNextWakeMillis(now, [-1, -1]), 60000);
    assert.equal(coreNextWakeMillis(now, [0, now + 2000]), 2000, '0 is no deadline (a pending-retry time that is unset)');
    assert.equal(coreNextWakeMillis(now, [now + 3600000]), 60000);
  });

  it('uploads only with a known user, nothing in flight, after backoff, when due or requested', () => {
    const now = 1000;
    // (queued, maxBatchMessages, mpid, inFlight, retryPending, requested, nextUploadTime, backoffUntil, now)
    assert.equal(coreUploadDueAt(1, 100, '42', false, false, false, 900, 0, now), 900, 'the interval is over: due (in the past)');
    assert.equal(coreUploadDueAt(1, 100, '42', false, false, false, 2000, 0, now), 2000, 'at the end of the interval');
    assert.equal(coreUploadDueAt(1, 100, '42', false, false, true, 2000, 0, now), now, 'upload() asked: now');
    assert.equal(coreUploadDueAt(100, 100, '42', false, false, false, 2000, 0, now), now, 'a full batch: now');
    assert.equal(coreUploadDueAt(1, 100, '0', false, false, true, 0, 0, now), -1, 'no user yet');
    assert.equal(coreUploadDueAt(1, 100, '', false, false, true, 0, 0, now), -1, 'no user yet');
    assert.equal(coreUploadDueAt(0, 100, '42', false, false, true, 0, 0, now), -1, 'nothing queued');
    assert.equal(coreUploadDueAt(1, 100, '42', true, false, true, 0, 0, now), -1, 'a batch in flight');
    assert.equal(coreUploadDueAt(1, 100, '42', false, false, true, 0, 1500, now), 1500, 'not before the backoff is over');
    assert.equal(coreUploadDueAt(0, 100, '42', false, true, false, 5000, 1500, now), 1500, 'a batch to send again: when the backoff is over');
    assert.equal(coreUploadDueAt(0, 100, '42', false, true, false, 5000, 0, now), now, 'a batch to send again: now');
  });
});
