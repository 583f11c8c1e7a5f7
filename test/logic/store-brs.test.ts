/**
 * The store decisions (core-store.ts: how much of the registry the queue may take, the fit, the
 * marks of the batch in flight and of accepted messages, refused writes) mean the same in
 * TypeScript and in the generated BrightScript: every case of test/vectors/store/*.json runs
 * through both (the BrightScript in the simulator, from generated/), answers identical.
 */
import { strict as assert } from 'node:assert';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { runChannel } from '../../sim/engine/simulator';
import { coreDecodeQueue } from '../../src-ts/logic/core-store';
import { mainThreadSdk } from './main-thread-sdk';
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

function dispatchBrs(): string {
  const lines = Object.entries(STORE_FUNCTIONS).map(([name, fn]) => {
    const args = Array.from({ length: fn.length }, (_, i) => `a[${i}]`).join(', ');
    return `    if fn = "${name}" then return mParticle_${name}(${args})`;
  });
  return ['function storeVectorCall(fn as string, a as object) as dynamic', ...lines, '    print "STORE UNKNOWN " + fn', '    return invalid', 'end function'].join('\n');
}

const MAIN_BRS = `sub Main()
    vectors = ParseJson(ReadAsciiFile("pkg:/source/vectors.json"))
    for each v in vectors
        answers = []
        for each c in v.cases
            answers.Push(storeVectorCall(c.fn, c.args))
        end for
        print "SVECTOR " + FormatJson({ name: v.name, answers: answers })
    end for
    print "SVECTORS DONE"
end sub

${dispatchBrs()}
`;

describe('store decisions: TypeScript and generated BrightScript agree', function () {
  this.timeout(180000);
  let collector: Collector;
  before(async () => {
    collector = await startCollector({ apiKey: 'us1-store-vectors', apiSecret: 'unused' });
  });
  after(async () => collector.close());

  it('on every store vector', async () => {
    const vectors = loadStoreVectors();
    const run = await runChannel({
      collector,
      timeoutMs: 150000,
      until: (line) => line.includes('SVECTORS DONE'),
      channel: {
        manifest: 'title=store vectors\nmajor_version=1\nminor_version=0\nbuild_version=1\n',
        'source/Main.brs': MAIN_BRS,
        ...mainThreadSdk(),
        'source/vectors.json': JSON.stringify(vectors),
      },
    });
    assert.equal(run.crashed, false, run.console.slice(-40).join('\n'));
    assert.deepEqual(run.console.filter((l) => l.includes('STORE UNKNOWN')), []);
    const outputs = new Map<string, unknown[]>();
    for (const line of run.console) {
      const at = line.indexOf('SVECTOR {');
      if (at >= 0) {
        const parsed = JSON.parse(line.slice(at + 'SVECTOR '.length)) as { name: string; answers: unknown[] };
        outputs.set(parsed.name, parsed.answers);
      }
    }
    assert.equal(outputs.size, vectors.length, `BrightScript printed ${outputs.size} of ${vectors.length} vectors`);
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
