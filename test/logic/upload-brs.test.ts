/**
 * The upload reducer (src-ts/logic/core-upload.ts) means the same in TypeScript and in the
 * generated BrightScript: every upload vector (test/vectors/core/upload-*.json) and a set of
 * seeded random input sequences run through both, and the effects of every step must be
 * identical. A post's body is compared as the JSON it holds: the key order of an encoding is
 * the engine's.
 */
import { strict as assert } from 'node:assert';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { uploadReduce } from '../../src-ts/logic/core-upload';
import { compareReducerInBrs, type ReducerVector } from './reducer-vectors';
import { randomUploadVector, uploadVectors } from './upload-author';

const RANDOM_SEEDS = 24;

/** Effects with each post's body parsed. */
export function uploadBodiesParsed(effects: unknown[]): unknown[] {
  return effects.map((e) => {
    const effect = e as Record<string, unknown>;
    if (effect.type !== 'post' || typeof effect.body !== 'string') return e;
    return { ...effect, body: JSON.parse(effect.body) as unknown };
  });
}

describe('upload reducer: TypeScript and generated BrightScript agree', function () {
  this.timeout(180000);
  let collector: Collector;
  before(async () => {
    collector = await startCollector({ apiKey: 'us1-upload-vectors', apiSecret: 'unused' });
  });
  after(async () => collector.close());

  it('on every upload vector and on seeded random input sequences', async () => {
    const fixed = uploadVectors();
    assert.ok(fixed.length >= 10, `${fixed.length} upload vectors`);
    const vectors = [...fixed, ...Array.from({ length: RANDOM_SEEDS }, (_, i) => randomUploadVector(`upload-brs-${i}`))];
    const compared = await compareReducerInBrs({ collector, fn: 'mParticle_uploadReduce', tag: 'UPLOAD', reduce: uploadReduce as never, vectors, normalize: uploadBodiesParsed });
    console.log(`      compared ${vectors.length} vectors, ${compared} effects`);
    assert.ok(compared > 500, `only ${compared} effects compared`);
  });
});
