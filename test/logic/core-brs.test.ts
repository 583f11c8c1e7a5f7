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
import { runChannel } from '../../sim/engine/simulator';
import { CORE_FUNCTIONS, runCoreCase, type CoreVector } from './core-functions';
import { randomCoreVector } from './core-random';
import { mainThreadSdk } from './main-thread-sdk';

const CORE_VECTOR_DIR = path.resolve(__dirname, '..', 'vectors', 'core');
const RANDOM_SEEDS = 6;

function loadVectors(): CoreVector[] {
  const fixed = fs
    .readdirSync(CORE_VECTOR_DIR)
    // identity-*.json are the identity reducer's (identity-brs.test.ts).
    .filter((f) => f.endsWith('.json') && !f.startsWith('identity-'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(CORE_VECTOR_DIR, f), 'utf8')) as CoreVector);
  return [...fixed, ...Array.from({ length: RANDOM_SEEDS }, (_, i) => randomCoreVector(`core-${i}`))];
}

/** `mParticle_coreVectorCall(fn, a)`: one line per core function, with its arity (BrightScript has no call by name). */
function dispatchBrs(): string {
  const lines = Object.entries(CORE_FUNCTIONS).map(([name, fn]) => {
    const args = Array.from({ length: fn.length }, (_, i) => `a[${i}]`).join(', ');
    return `    if fn = "${name}" then return mParticle_${name}(${args})`;
  });
  return ['function coreVectorCall(fn as string, a as object) as dynamic', ...lines, '    print "CORE UNKNOWN " + fn', '    return invalid', 'end function'].join('\n');
}

/** Runs every case and prints one line per vector: its name and the answers, in order. */
const MAIN_BRS = `sub Main()
    vectors = ParseJson(ReadAsciiFile("pkg:/source/vectors.json"))
    for each v in vectors
        answers = []
        for each c in v.cases
            answers.Push(coreVectorCall(c.fn, c.args))
        end for
        print "CVECTOR " + FormatJson({ name: v.name, answers: answers })
    end for
    print "CVECTORS DONE"
end sub

${dispatchBrs()}
`;

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
    const run = await runChannel({
      collector,
      timeoutMs: 150000,
      until: (line) => line.includes('CVECTORS DONE'),
      channel: {
        manifest: 'title=core vectors\nmajor_version=1\nminor_version=0\nbuild_version=1\n',
        'source/Main.brs': MAIN_BRS,
        ...mainThreadSdk(),
        'source/vectors.json': JSON.stringify(vectors),
      },
    });
    assert.equal(run.crashed, false, run.console.slice(-40).join('\n'));
    assert.deepEqual(run.console.filter((l) => l.includes('CORE UNKNOWN')), []);
    const outputs = new Map<string, unknown[]>();
    for (const line of run.console) {
      const at = line.indexOf('CVECTOR {');
      if (at >= 0) {
        const parsed = JSON.parse(line.slice(at + 'CVECTOR '.length)) as { name: string; answers: unknown[] };
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
