/**
 * The store decisions (core-store.ts: how much of the registry the queue may take, the fit, the
 * marks of the batch in flight and of accepted messages, refused writes) mean the same in
 * TypeScript and in the generated BrightScript: every case of test/vectors/store/*.json runs
 * through both (the BrightScript in the simulator, from generated/), answers identical.
 */
import { strict as assert } from 'node:assert';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { coreDecodeQueue } from '../../src-ts/logic/core-store';
import { runVectorsInBrs } from './function-vectors-brs';
import { loadStoreVectors, runStoreCase, STORE_FUNCTIONS } from './store-functions';

/**
 * An answer with every persisted text in it read back (coreDecodeQueue): its tables follow the
 * order the language walks an object's keys (BrightScript: sorted; TypeScript: insertion), so
 * the two texts differ in order and mean the same messages and batch.
 */
function parsedTexts(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('{')) {
    try {
      return { decoded: parsedTexts(JSON.parse(JSON.stringify(coreDecodeQueue(JSON.parse(value))))), length: value.length };
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map(parsedTexts);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, parsedTexts(v)]));
  return value;
}

/** The first path where two JSON values differ, for a failure message. */
function firstDifference(a: unknown, b: unknown, at = ''): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d !== '') return d;
    }
    return '';
  }
  return `${at}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
}

describe('store decisions: TypeScript and generated BrightScript agree', function () {
  this.timeout(180000);
  let collector: Collector;
  before(async () => {
    collector = await startCollector({ apiKey: 'us1-store-vectors', apiSecret: 'unused' });
  });
  after(async () => collector.close());

  it('on every store vector', async () => {
    const vectors = loadStoreVectors();
    const outputs = await runVectorsInBrs({ collector, functions: STORE_FUNCTIONS, tag: 'STORE', vectors });
    const mismatches: string[] = [];
    let compared = 0;
    for (const v of vectors) {
      const brs = outputs.get(v.name)!;
      v.cases.forEach((c, i) => {
        compared++;
        try {
          assert.deepEqual(parsedTexts(brs[i] ?? null), parsedTexts(runStoreCase(c)));
        } catch {
          mismatches.push(`${v.name} #${i} ${c.fn}${c.why ? ` [${c.why}]` : ''}: BrightScript vs TypeScript at ${firstDifference(parsedTexts(brs[i] ?? null), parsedTexts(runStoreCase(c)))}`);
        }
      });
    }
    assert.deepEqual(mismatches, []);
    console.log(`      compared ${compared} store cases`);
  });
});
