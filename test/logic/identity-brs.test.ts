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
import { runChannel } from '../../sim/engine/simulator';
import { IDENTITY_VECTOR_DIR } from './identity-author';
import { IDENTITY_MAIN_BRS, identityInitialState, identityJson, randomIdentityVector, runIdentityVector, type IdentityVector } from './identity-run';
import { mainThreadSdk } from './main-thread-sdk';

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
    const run = await runChannel({
      collector,
      timeoutMs: 150000,
      until: (line) => line.includes('IVECTORS DONE'),
      channel: {
        manifest: 'title=identity vectors\nmajor_version=1\nminor_version=0\nbuild_version=1\n',
        'source/Main.brs': IDENTITY_MAIN_BRS,
        ...mainThreadSdk(),
        'source/vectors.json': JSON.stringify(vectors.map((v) => ({ name: v.name, state: identityInitialState(v.state), steps: v.steps }))),
      },
    });
    assert.equal(run.crashed, false, run.console.slice(-40).join('\n'));
    const outputs = new Map<string, unknown[][]>();
    for (const line of run.console) {
      const at = line.indexOf('IVECTOR {');
      if (at >= 0) {
        const parsed = JSON.parse(line.slice(at + 'IVECTOR '.length)) as { name: string; effects: unknown[][] };
        outputs.set(parsed.name, identityJson(parsed.effects) as unknown[][]);
      }
    }
    assert.equal(outputs.size, vectors.length, `BrightScript printed ${outputs.size} of ${vectors.length} vectors`);
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
