/**
 * The store reducer (src-ts/logic/core-persist.ts): what a restart restores, what is written
 * and when, and what a refusal means, asserted on the TypeScript reducer; and every persist
 * vector matches its scenario (refresh: npx tsx test/logic/persist-author.ts --write).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { storeReduce, storeStateText, storeWakeAt, type StoreEffect, type StoreState } from '../../src-ts/logic/core-persist';
import { coreEncodeQueue, coreNoBatch } from '../../src-ts/logic/core-store';
import { authorPersistVector, loadInput, persistInitialState, persistMessages, PERSIST_SCENARIOS, PERSIST_VECTOR_DIR, T0 } from './persist-author';

function state(over: Record<string, unknown> = {}): StoreState {
  return persistInitialState(over) as unknown as StoreState;
}

function step(s: StoreState, input: Record<string, unknown>, now: number): StoreEffect[] {
  return storeReduce(s, input as never, now).effects;
}

const types = (effects: StoreEffect[]) => effects.map((e) => e.type);

describe('store reducer (core-persist.ts)', () => {
  it('restores the state it wrote, both ways', () => {
    const s = state({ das: 'das-1', ltv: 7, cookies: { a: { c: 'x' } }, mpid: '42', optedOut: true, users: { '42': { ui: {}, ua: {} } }, ia: { '3': {} }, context: 'ctx', appVersion: '2.0', previousSession: { id: 'p', start: T0, length: 10 } });
    s.session = { active: true, id: 's9', start: T0, last: T0 + 500, attrs: { k: 'v' }, mpids: ['42'] };
    const text = storeStateText(s);
    const back = state();
    const effects = step(back, loadInput(text, ''), T0 + 1000);
    for (const key of ['das', 'ltv', 'cookies', 'mpid', 'optedOut', 'users', 'ia', 'context', 'appVersion', 'previousSession'] as const) {
      assert.deepEqual(back[key], s[key], key);
    }
    assert.equal(back.firstRun, false);
    assert.deepEqual(back.session, s.session);
    assert.deepEqual(types(effects), ['endRestoredSession'], 'the running session ends at its last event');
    assert.deepEqual(back.ids, ['uuid-1', 'uuid-2', 'uuid-3'], 'a known device takes no fresh id');
  });

  it('replaces every member of the wrong type by its default; a first run takes a fresh device stamp', () => {
    const s = state();
    step(s, loadInput({ v: 1, das: 3, ltv: 'x', ck: [1], mpid: '', optOut: 1, users: 'u', ia: [], session: { id: 's', start: 'x', last: 1 }, prev: { id: 1 } }, 'not json'), T0);
    assert.equal(s.das, 'uuid-1');
    assert.equal(s.firstRun, true);
    assert.equal(s.ltv, 0);
    assert.deepEqual([s.cookies, s.users, s.ia], [{}, {}, {}]);
    assert.equal(s.mpid, '0');
    assert.equal(s.optedOut, false);
    assert.equal(s.session.active, false);
    assert.equal(s.previousSession, undefined);
    assert.deepEqual(s.queue, []);
    assert.deepEqual([s.queueDirty, s.stateDirty, s.persistNow], [true, true, true]);
  });

  it('restores the batch in flight as the batch and the retry batch, its messages in flight', () => {
    const msgs = persistMessages(5);
    const s = state({ mpid: '1001' });
    const effects = step(s, loadInput({ v: 1, das: 'd', mpid: '1001' }, coreEncodeQueue(msgs, { id: 'b7', ct: T0 + 3, ids: ['m1', 'm2'] })), T0 + 10);
    assert.equal(s.queue.length, 5);
    assert.equal(s.batch!.id, 'b7');
    assert.equal(s.batch!.ct, T0 + 3);
    assert.deepEqual(s.batch!.msgs.map((m) => m.id), ['m1', 'm2']);
    assert.equal(s.retryBatch, s.batch);
    assert.deepEqual(s.inflightIds, { m1: true, m2: true });
    assert.ok(effects.some((e) => e.type === 'log' && /batch b7 of the previous run \(2 message/.test(e.text!)));
  });

  it('writes the state, then asks for the free space before it writes the queue', () => {
    const s = state({ queue: persistMessages(4), queueDirty: true, stateDirty: true, das: 'd' });
    assert.deepEqual(types(step(s, { kind: 'persist' }, T0)), ['write', 'measure']);
    const effects = step(s, { kind: 'space', space: 20000 }, T0);
    assert.deepEqual(types(effects), ['write', 'log', 'flush']);
    assert.equal(effects[0].key, 'queue');
    assert.equal(s.storedWritten, effects[0].text);
    assert.deepEqual(step(s, { kind: 'persist' }, T0 + 1), [], 'nothing changed: nothing written');
  });

  it('keeps registryReserveBytes free and says which limit left messages out', () => {
    const s = state({ queue: persistMessages(40), queueDirty: true });
    step(s, { kind: 'persist' }, T0);
    const effects = step(s, { kind: 'space', space: 4600 }, T0);
    const text = effects[0].text!;
    assert.ok(text.length <= 4600 - 30 - 4000, `${text.length} bytes written`);
    assert.ok(effects.some((e) => e.type === 'log' && e.text!.includes('registryReserveBytes (4600 bytes free, 4000 kept')));
    assert.equal(s.queue.length, 40, 'the queue in memory is never cut');
  });

  it('a refusal deletes the stored queue, waits, and tries again with half the bytes', () => {
    const s = state({ queue: persistMessages(30), queueDirty: true });
    step(s, { kind: 'persist' }, T0);
    const tried = step(s, { kind: 'space', space: 20000 }, T0)[0].tried!;
    const effects = step(s, { kind: 'refused', what: 'queue', tried, millis: 10 }, T0 + 5);
    assert.deepEqual(types(effects), ['log', 'delete', 'flush']);
    assert.equal(effects[2].what, '', 'the flush after the delete is not checked');
    assert.equal(s.storedWritten, '');
    assert.equal(s.persistAt, T0 + 5 + 2000);
    assert.deepEqual(step(s, { kind: 'persist' }, T0 + 100), [], 'no write before the retry time');
    assert.equal(s.persistAt, T0 + 5 + 2000);
    assert.deepEqual(types(step(s, { kind: 'persist' }, T0 + 2100)), ['write', 'measure'], 'the state too is written again');
    const retry = step(s, { kind: 'space', space: 20000 }, T0 + 2100);
    assert.ok(retry[0].text!.length <= Math.floor(tried / 2));
    assert.ok(retry.some((e) => e.type === 'log' && e.text!.includes('the smaller size tried after a refused write')));
    assert.equal(s.queue.length, 30);
  });

  it('waits for the batch out up to 5 s before a deferred write, and spaces writes by 10 x their time', () => {
    const s = state({ queue: persistMessages(3), queueDirty: true, eventsInFlight: true, persistAt: T0 + 1000 });
    assert.deepEqual(step(s, { kind: 'tick' }, T0 + 999), []);
    assert.equal(storeWakeAt(s, T0 + 999), T0 + 1000);
    assert.deepEqual(step(s, { kind: 'tick' }, T0 + 1000 + 4999), []);
    assert.equal(storeWakeAt(s, T0 + 1001), T0 + 6000);
    assert.deepEqual(types(step(s, { kind: 'tick' }, T0 + 6000)), ['measure']);
    assert.equal(s.persistAt, 0);
    assert.equal(storeWakeAt(s, T0 + 6000), 0);
    step(s, { kind: 'space', space: 20000 }, T0 + 6000);
    step(s, { kind: 'flushed', millis: 250 }, T0 + 6000);
    assert.equal(s.persistDelay, 2500);
    step(s, { kind: 'flushed', millis: 20 }, T0 + 6000);
    assert.equal(s.persistDelay, 1000);
    step(s, { kind: 'flushed', millis: -1 }, T0 + 6000);
    assert.equal(s.persistDelay, 1000, 'an untimed flush leaves the spacing');
  });

  it('a batch out marks the text written without encoding the queue; unchanged text is not written', () => {
    const msgs = persistMessages(4);
    const text = coreEncodeQueue(msgs, coreNoBatch());
    const s = state({ queue: msgs, stored: { text, positions: { m0: 0, m1: 1, m2: 2, m3: 3 }, base: msgs[0].ct, accepted: [] }, storedWritten: text, storedLimit: 6000 });
    assert.deepEqual(step(s, { kind: 'persistBatch' }, T0), [], 'no batch: nothing changed');
    s.batch = { id: 'b1', ct: T0 + 7, mpid: '0', msgs: msgs.slice(1, 3) };
    const effects = step(s, { kind: 'persistBatch' }, T0);
    assert.deepEqual(types(effects), ['write', 'flush']);
    assert.ok(effects[0].text!.endsWith(`,"f":["b1",${T0 + 7 - msgs[0].ct},[1,2]]}`));
    assert.equal(effects[1].timed, false);
  });

  it('every persist vector matches its scenario', () => {
    const files = fs.readdirSync(PERSIST_VECTOR_DIR).filter((f) => f.startsWith('persist-')).sort();
    assert.deepEqual(files, PERSIST_SCENARIOS.map((v) => `${v.name}.json`).sort());
    for (const v of PERSIST_SCENARIOS) {
      const file = JSON.parse(fs.readFileSync(path.join(PERSIST_VECTOR_DIR, `${v.name}.json`), 'utf8')) as unknown;
      assert.deepEqual(file, JSON.parse(JSON.stringify(authorPersistVector(v))), `${v.name}: refresh with npx tsx test/logic/persist-author.ts --write`);
    }
  });
  it('an upload answer that changed the state writes and flushes it at once, but not while a refused write waits', () => {
    const s = state({ das: 'd', mpid: '1001' });
    const effects = step(s, { kind: 'stateChanged' }, T0);
    assert.deepEqual(types(effects), ['write', 'flush']);
    assert.equal(effects[0].key, 'state');
    assert.equal(s.stateDirty, false);
    const waiting = state({ das: 'd', mpid: '1001' });
    waiting.writeState = { ...waiting.writeState, retryAt: T0 + 2000 };
    assert.deepEqual(step(waiting, { kind: 'stateChanged' }, T0), []);
    assert.equal(waiting.stateDirty, true, 'the retry writes it');
  });
});
