/**
 * The store reducer (src-ts/logic/core-persist.ts) means the same in TypeScript and in the
 * generated BrightScript: every persist vector (test/vectors/core/persist-*.json) and seeded
 * random input sequences run through both, and the effects of every step must be identical.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { storeReduce } from '../../src-ts/logic/core-persist';
import { coreDecodeQueue } from '../../src-ts/logic/core-store';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { PERSIST_VECTOR_DIR, randomPersistVector, type PersistVector } from './persist-author';
import { compareReducerInBrs } from './reducer-vectors';

const RANDOM_SEEDS = 24;

/**
 * Written texts as what they mean, with their length: the key order of JSON follows the
 * language (BrightScript: sorted; TypeScript: insertion), and so do the queue's tables.
 */
function meaning(effects: unknown[]): unknown[] {
  return effects.map((e) => {
    const effect = e as Record<string, unknown>;
    if (effect.type !== 'write' || typeof effect.text !== 'string') return e;
    const parsed = JSON.parse(effect.text) as unknown;
    const read = effect.key === 'queue' ? JSON.parse(JSON.stringify(coreDecodeQueue(parsed))) : parsed;
    return { ...effect, text: { read, length: effect.text.length } };
  });
}

function loadVectors(): PersistVector[] {
  const fixed = fs
    .readdirSync(PERSIST_VECTOR_DIR)
    .filter((f) => f.startsWith('persist-') && f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(PERSIST_VECTOR_DIR, f), 'utf8')) as PersistVector);
  return [...fixed, ...Array.from({ length: RANDOM_SEEDS }, (_, i) => randomPersistVector(`persist-brs-${i}`))];
}

describe('store reducer: TypeScript and generated BrightScript agree', function () {
  this.timeout(180000);
  let collector: Collector;
  before(async () => {
    collector = await startCollector({ apiKey: 'us1-persist-vectors', apiSecret: 'unused' });
  });
  after(async () => collector.close());

  it('on every persist vector and on seeded random input sequences', async () => {
    const vectors = loadVectors();
    assert.ok(vectors.length > RANDOM_SEEDS, 'no persist vector found');
    const compared = await compareReducerInBrs({ collector, fn: 'mParticle_storeReduce', tag: 'PVEC', reduce: storeReduce as never, vectors, normalize: meaning });
    console.log(`      compared ${vectors.length} vectors, ${compared} effects`);
    assert.ok(compared > 0);
  });
});
