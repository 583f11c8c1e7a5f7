/**
 * The transpiled core helpers (core-options.ts, core-session.ts, core-queue.ts, core-retry.ts) mean the same in
 * TypeScript and in the generated BrightScript: every case of test/vectors/core/*.json and a set
 * of seeded random cases run through both (the BrightScript in the simulator, from generated/),
 * and their answers must be identical. The harness for the Task's decisions as they move into
 * the transpiled logic.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { CORE_FUNCTIONS, runCoreCase, type CoreVector } from './core-functions';
import { randomCoreVector } from './core-random';
import { runVectorsInBrs } from './function-vectors-brs';

const CORE_VECTOR_DIR = path.resolve(__dirname, '..', 'vectors', 'core');
const RANDOM_SEEDS = 6;

function loadVectors(): CoreVector[] {
  const fixed = fs
    .readdirSync(CORE_VECTOR_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(CORE_VECTOR_DIR, f), 'utf8')) as CoreVector)
    // The reducers' step vectors (identity-*.json, upload-*.json: their own *-brs tests) have no cases.
    .filter((v) => Array.isArray(v.cases));
  return [...fixed, ...Array.from({ length: RANDOM_SEEDS }, (_, i) => randomCoreVector(`core-${i}`))];
}

describe('core helpers: TypeScript and generated BrightScript agree', function () {
  this.timeout(180000);
  let collector: Collector;
  before(async () => {
    collector = await startCollector({ apiKey: 'us1-core-vectors', apiSecret: 'unused' });
  });
  after(async () => collector.close());

  it('calls only functions the vectors know, with every core function covered by a fixed case', () => {
    const fixed = loadVectors().slice(0, -RANDOM_SEEDS);
    const used = new Set(fixed.flatMap((v) => v.cases.map((c) => c.fn)));
    assert.deepEqual(Object.keys(CORE_FUNCTIONS).filter((n) => !used.has(n)), []);
    for (const v of loadVectors()) for (const c of v.cases) assert.ok(CORE_FUNCTIONS[c.fn], `${v.name}: ${c.fn}`);
  });

  it('on every core vector and on seeded random cases', async () => {
    const vectors = loadVectors();
    const outputs = await runVectorsInBrs({ collector, functions: CORE_FUNCTIONS, tag: 'CORE', vectors });
    const mismatches: string[] = [];
    let compared = 0;
    for (const v of vectors) {
      const brs = outputs.get(v.name)!;
      v.cases.forEach((c, i) => {
        compared++;
        const ts = runCoreCase(c);
        try {
          assert.deepEqual(brs[i] ?? null, ts);
        } catch {
          mismatches.push(`${v.name} #${i} ${c.fn}(${JSON.stringify(c.args).slice(1, -1)})${c.why ? ` [${c.why}]` : ''}: BrightScript ${JSON.stringify(brs[i])}, TypeScript ${JSON.stringify(ts)}`);
        }
      });
    }
    assert.deepEqual(mismatches, []);
    console.log(`      compared ${compared} core cases`);
  });
});
