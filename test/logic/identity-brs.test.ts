/**
 * The identity reducer (src-ts/logic/core-identity.ts) means the same in TypeScript and in the
 * generated BrightScript: every identity vector (test/vectors/core/identity-*.json) and a set
 * of seeded random input sequences run through both (the BrightScript in the simulator, from
 * generated/), and the effects of every step must be identical.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { IDENTITY_VECTOR_DIR } from './identity-author';
import { IDENTITY_MAIN_BRS, identityInitialState, identityJson, randomIdentityVector, runIdentityVector, type IdentityVector } from './identity-run';
import { runVectorChannel } from './function-vectors-brs';

const RANDOM_SEEDS = 24;

function loadVectors(): IdentityVector[] {
  const fixed = fs
    .readdirSync(IDENTITY_VECTOR_DIR)
    .filter((f) => f.startsWith('identity-') && f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(IDENTITY_VECTOR_DIR, f), 'utf8')) as IdentityVector);
  return [...fixed, ...Array.from({ length: RANDOM_SEEDS }, (_, i) => randomIdentityVector(`identity-brs-${i}`))];
}

describe('identity reducer: TypeScript and generated BrightScript agree', function () {
  this.timeout(180000);
  let collector: Collector;
  before(async () => {
    collector = await startCollector({ apiKey: 'us1-identity-vectors', apiSecret: 'unused' });
  });
  after(async () => collector.close());

  it('on every identity vector and on seeded random input sequences', async () => {
    const vectors = loadVectors();
    const printed = await runVectorChannel<{ effects: unknown[][] }>({
      collector,
      tag: 'I',
      mainBrs: IDENTITY_MAIN_BRS,
      vectors: vectors.map((v) => ({ name: v.name, state: identityInitialState(v.state), steps: v.steps })),
    });
    const outputs = new Map([...printed].map(([name, p]) => [name, identityJson(p.effects) as unknown[][]]));
    const mismatches: string[] = [];
    let compared = 0;
    for (const v of vectors) {
      const ts = runIdentityVector(v).effects;
      const brs = outputs.get(v.name)!;
      v.steps.forEach((step, i) => {
        compared += ts[i].length;
        try {
          assert.deepEqual(brs[i], ts[i]);
        } catch {
          mismatches.push(`${v.name} step ${i} ${JSON.stringify(step.input)}: BrightScript ${JSON.stringify(brs[i])}, TypeScript ${JSON.stringify(ts[i])}`);
        }
      });
    }
    console.log(`      compared ${vectors.length} vectors, ${compared} effects`);
    assert.deepEqual(mismatches.slice(0, 10), [], `BrightScript differs from TypeScript in ${mismatches.length} steps`);
  });
});
