/**
 * The TypeScript media logic and its BrightScript translation must mean the same: every
 * scenario vector and a set of seeded random call sequences run through both (the
 * BrightScript in the simulator, from generated/), and their events and error counts must be
 * identical.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { runChannel } from '../../sim/engine/simulator';
import { randomVector } from './random-calls';
import { runVector, type Vector } from './run-vector';
import { mainThreadSdk } from './main-thread-sdk';

const ROOT = path.resolve(__dirname, '..', '..');
const RANDOM_SEEDS = 40;

function loadVectors(): Vector[] {
  const dir = path.join(ROOT, 'test', 'vectors');
  const fixed = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Vector);
  const random = Array.from({ length: RANDOM_SEEDS }, (_, i) => randomVector(`brs-${i}`));
  return [...fixed, ...random];
}

/** Runs every vector through mParticle_mediaReduce and prints one JSON line per vector. */
const MAIN_BRS = `sub Main()
    vectors = ParseJson(ReadAsciiFile("pkg:/source/vectors.json"))
    for each v in vectors
        state = mParticle_newMediaState()
        events = []
        errors = 0
        auto = false
        if type(v.options) = "roAssociativeArray" and v.options.autoSummaries = true then auto = true
        n = 0
        for each c in v.calls
            n = n + 1
            args = c.args
            if args = invalid then args = {}
            call = { method: c.method, session: c.session, args: args, options: c.options, autoSummaries: auto }
            result = mParticle_mediaReduce(state, call, c.t, "id-" + n.ToStr())
            state = result.state
            for each e in result.events
                events.Push(e)
            end for
            errors = errors + result.errors.Count()
        end for
        print "VECTOR " + FormatJson({ name: v.name, events: events, errors: errors })
    end for
    print "VECTORS DONE"
end sub
`;

/** The first event and attribute where two event lists differ, for a readable failure. */
function firstDifference(actual: unknown[], expected: unknown[]): string | undefined {
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    const a = actual[i] as { name?: string; attrs?: Record<string, string> } | undefined;
    const e = expected[i] as { name?: string; attrs?: Record<string, string> } | undefined;
    if (a?.name !== e?.name) return `event ${i}: name ${a?.name} (BrightScript) vs ${e?.name} (TypeScript)`;
    const keys = new Set([...Object.keys(a?.attrs ?? {}), ...Object.keys(e?.attrs ?? {})]);
    for (const k of keys) {
      if (a?.attrs?.[k] !== e?.attrs?.[k]) return `event ${i} (${e?.name}) ${k}: ${JSON.stringify(a?.attrs?.[k])} (BrightScript) vs ${JSON.stringify(e?.attrs?.[k])} (TypeScript)`;
    }
  }
  return undefined;
}

describe('media logic: TypeScript and generated BrightScript agree', function () {
  this.timeout(180000);
  let collector: Collector;
  before(async () => {
    collector = await startCollector({ apiKey: 'us1-vectors', apiSecret: 'unused' });
  });
  after(async () => collector.close());

  it('on every scenario vector and on seeded random call sequences', async () => {
    const vectors = loadVectors();
    const run = await runChannel({
      collector,
      timeoutMs: 150000,
      until: (line) => line.includes('VECTORS DONE'),
      channel: {
        manifest: 'title=vectors\nmajor_version=1\nminor_version=0\nbuild_version=1\n',
        'source/Main.brs': MAIN_BRS,
        ...mainThreadSdk(),
        'source/vectors.json': JSON.stringify(vectors.map((v) => ({ name: v.name, options: v.options, calls: v.calls }))),
      },
    });
    assert.equal(run.crashed, false, run.console.slice(-40).join('\n'));
    const outputs = new Map<string, { events: unknown[]; errors: number }>();
    for (const line of run.console) {
      const at = line.indexOf('VECTOR {');
      if (at >= 0) {
        const parsed = JSON.parse(line.slice(at + 'VECTOR '.length)) as { name: string; events: unknown[]; errors: number };
        outputs.set(parsed.name, parsed);
      }
    }
    assert.equal(outputs.size, vectors.length, `BrightScript printed ${outputs.size} of ${vectors.length} vectors`);
    let compared = 0;
    const mismatches: string[] = [];
    for (const vector of vectors) {
      const ts = runVector(vector);
      const brs = outputs.get(vector.name)!;
      compared += ts.events.length;
      try {
        assert.deepEqual(brs.events, ts.events);
        assert.equal(brs.errors, ts.errors.length, 'error count');
      } catch (err) {
        mismatches.push(`${vector.name}: ${firstDifference(brs.events, ts.events) ?? (err as Error).message}`);
      }
    }
    console.log(`      compared ${vectors.length} vectors, ${compared} events`);
    assert.deepEqual(mismatches, [], `BrightScript differs from TypeScript in ${mismatches.length} vectors`);
  });
});
