/**
 * The tracker table (src-ts/logic/track-table.ts) means the same in TypeScript and in the
 * generated BrightScript: the table vectors (test/vectors/core/trackers-*.json), the tracking
 * vectors replayed as table steps, and seeded random step sequences run through both (the
 * BrightScript in the simulator, from generated/); every step's effects must be identical.
 */
import { strict as assert } from 'node:assert';
import { trackersReduce } from '../../src-ts/logic/track-table';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { compareReducerInBrs, type ReducerVector } from './reducer-vectors';
import { loadTrackersVectors, loadTrackingVectors, randomTrackersVector, trackingAsTableVector } from './trackers-run';

const RANDOM_SEEDS = 24;

/**
 * The effects with the keys of a call's session, args, options and attributes in lower case:
 * BrightScript stores a key set with dot syntax (`args.startupTime = x`) in lower case and the
 * media logic reads keys ignoring case (as track-brs.test.ts compares calls). Effect fields
 * themselves and every value are compared exactly.
 */
function lowerCallKeys(effects: unknown[]): unknown {
  const lower = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(lower);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k.toLowerCase(), lower(x)]));
    return v;
  };
  return effects.map((e) => {
    const out: Record<string, unknown> = { ...(e as Record<string, unknown>) };
    for (const key of ['session', 'args', 'options', 'attrs']) if (key in out) out[key] = lower(out[key]);
    return out;
  });
}

describe('tracker table: TypeScript and generated BrightScript agree', function () {
  this.timeout(180000);
  let collector: Collector;
  before(async () => {
    collector = await startCollector({ apiKey: 'us1-trackers-vectors', apiSecret: 'unused' });
  });
  after(async () => collector.close());

  it('on every table vector, the tracking vectors as table steps, and seeded random sequences', async () => {
    const vectors: ReducerVector[] = [
      ...loadTrackersVectors().map(({ name, description, state, steps }) => ({ name, description, state, steps })),
      ...loadTrackingVectors().map(trackingAsTableVector),
      ...Array.from({ length: RANDOM_SEEDS }, (_, i) => randomTrackersVector(`trackers-brs-${i}`)),
    ];
    const compared = await compareReducerInBrs({ collector, fn: 'mParticle_trackersReduce', tag: 'TRK', reduce: trackersReduce as never, vectors, normalize: lowerCallKeys });
    console.log(`      compared ${vectors.length} vectors, ${compared} effects`);
    assert.ok(compared > 1000, `only ${compared} effects compared`);
  });
});
