/**
 * The store rules of test/vectors/store/*.json in TypeScript: the answers the rules require
 * (`expect`), and what the fitted text means once read back (store-brs.test.ts runs the same
 * cases through the generated BrightScript).
 */
import { strict as assert } from 'node:assert';
import { coreDecodeQueue, coreFitBudget, coreStoredAccept, coreStoredText, corePersistPlan } from '../../src-ts/logic/core-store';
import type { CoreBatchRef, CoreMessage } from '../../src-ts/logic/core-types';
import { loadStoreVectors, runStoreCase, STORE_FUNCTIONS } from './store-functions';

function fitCases(): { queue: CoreMessage[]; inflight: Record<string, boolean>; bytes: number; batch: CoreBatchRef; max: number }[] {
  return loadStoreVectors()
    .flatMap((v) => v.cases)
    .filter((c) => c.fn === 'coreFitBudget')
    .map((c) => ({ queue: c.args[0] as CoreMessage[], inflight: c.args[1] as Record<string, boolean>, bytes: c.args[2] as number, batch: c.args[3] as CoreBatchRef, max: c.args[4] as number }));
}

describe('store rules (test/vectors/store) in TypeScript', () => {
  it('every store function has a case, and every expected answer holds', () => {
    const cases = loadStoreVectors().flatMap((v) => v.cases);
    assert.deepEqual(Object.keys(STORE_FUNCTIONS).filter((n) => !cases.some((c) => c.fn === n)), []);
    for (const c of cases) if (c.expect !== undefined) assert.deepEqual(runStoreCase(c), c.expect, c.why);
  });

  it('the plan never leaves less than the reserve free, nor exceeds the budget', () => {
    for (let space = 0; space <= 33000; space += 1500) {
      for (const own of [0, 3000, 9000]) {
        const p = corePersistPlan(space, own, 20, 16384, 4096, -1);
        assert.ok(p.bytes >= 0 && p.bytes <= 16384);
        if (p.bytes > 0) assert.ok(space + own - 20 - p.bytes >= 4096, `space ${space} own ${own}: ${p.bytes}`);
        assert.equal(p.limitedBy, p.bytes < 16384 ? 'reserve' : 'budget');
      }
    }
  });

  it('a fitted text, with its batch and accepted marks, stays within its size and reads back as what was kept', () => {
    for (const f of fitCases()) {
      const fit = coreFitBudget(f.queue, f.inflight, f.bytes, f.batch, f.max, 0);
      const text = coreStoredText(fit.stored, f.batch);
      assert.ok(text.length <= f.bytes, `${text.length} of ${f.bytes}`);
      assert.equal(fit.queue.length + fit.dropped.length, f.queue.length);
      if (fit.queue.length === 0) {
        assert.equal(text, '');
        continue;
      }
      const kept = fit.queue.map((m) => m.id);
      const read = coreDecodeQueue(JSON.parse(text));
      assert.deepEqual(read.messages.map((m) => m.id), kept);
      const inBatch = f.batch.ids.filter((id) => kept.includes(id));
      assert.deepEqual(read.batch.ids, inBatch);
      if (inBatch.length > 0) assert.equal(read.batch.id, f.batch.id);
      // Accepted messages are not read back, and not as part of the batch.
      const accepted = coreStoredAccept(fit.stored, inBatch.slice(0, 3));
      const after = coreDecodeQueue(JSON.parse(coreStoredText(accepted, f.batch)));
      assert.deepEqual(after.messages.map((m) => m.id), kept.filter((id) => !inBatch.slice(0, 3).includes(id)));
      assert.deepEqual(after.batch.ids, inBatch.slice(3));
    }
  });
});
