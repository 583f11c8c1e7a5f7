/**
 * Drop-in surface: the generated SDK, walked in the simulator (surface.ts), must hold every
 * public name of mParticle's Roku SDK 2.x (sdk2-names.txt) with the same kind of value, and
 * exactly the names the schema lists. A missing name fails with its path.
 */
import { strict as assert } from 'node:assert';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { runChannel } from '../../sim/engine/simulator';
import { sdkFiles } from '../runtime/channel';
import { readSdk2Names } from './sdk2-names';
import { parseSurface, pathKey, schemaSurface, surfaceChannel, SURFACE_DONE, type SurfaceEntry } from './surface';

/** Entries of `expected` that `actual` lacks, and those it has with another kind: one line each, by path. */
export function surfaceGaps(expected: readonly SurfaceEntry[], actual: readonly SurfaceEntry[]): { missing: string[]; otherKind: string[] } {
  const byPath = new Map(actual.map((e) => [pathKey(e.path), e]));
  const missing: string[] = [];
  const otherKind: string[] = [];
  for (const e of expected) {
    const found = byPath.get(pathKey(e.path));
    if (!found) missing.push(e.path);
    else if (found.kind !== e.kind) otherKind.push(`${e.path}: ${e.kind} expected, ${found.kind} found`);
  }
  return { missing, otherKind };
}

const report = (title: string, lines: string[]) => `${title} (${lines.length}):\n  ${lines.join('\n  ')}`;

describe('compat: the public surface of mParticle\'s Roku SDK 2.x', function () {
  this.timeout(120000);
  const sdk2 = readSdk2Names();
  const schema = schemaSurface();

  it('the checked-in 2.x list is a list of names (and not empty)', () => {
    assert.ok(sdk2.length > 300, `only ${sdk2.length} names`);
    for (const e of sdk2) assert.match(`${e.path} ${e.kind}`, /^(mParticleConstants\(\)|mParticleSGBridge\(task\))\.\S+ (function|object|array|string|number|boolean|node)$/);
  });

  it('the comparison names a missing name by its path, and a changed kind', () => {
    const actual = sdk2.filter((e) => !/build\(\)\.mediaSessionAdObjects$/i.test(e.path)).map((e) => (/\.setConsentState$/.test(e.path) ? { ...e, kind: 'object' as const } : e));
    const gaps = surfaceGaps(sdk2, actual);
    assert.deepEqual(gaps.missing, ['mParticleConstants().MediaSession.build().mediasessionadobjects']);
    assert.equal(gaps.otherKind.length, 2);
    assert.match(gaps.otherKind[0], /setConsentState: function expected, object found/);
  });

  it('the schema lists every 2.x name with its kind', () => {
    const gaps = surfaceGaps(sdk2, schema);
    assert.deepEqual(gaps.missing, [], report('2.x names the schema lacks', gaps.missing));
    assert.deepEqual(gaps.otherKind, [], report('2.x names of another kind in the schema', gaps.otherKind));
  });

  describe('in the simulator', () => {
    let collector: Collector;
    let walked: SurfaceEntry[];

    before(async () => {
      collector = await startCollector({ apiKey: 'us1-surface', apiSecret: 'surface-secret' });
      const run = await runChannel({
        collector,
        channel: surfaceChannel(sdkFiles()['source/mparticle/mParticleCore.brs']),
        timeoutMs: 90000,
        until: (l) => l.includes(SURFACE_DONE),
      });
      assert.ok(run.console.some((l) => l.includes(SURFACE_DONE)), `the walk did not finish:\n${run.console.slice(-40).join('\n')}`);
      walked = parseSurface(run.console);
    });
    after(async () => collector?.close());

    it('has every public name of 2.x, each holding the same kind of value', () => {
      const gaps = surfaceGaps(sdk2, walked);
      assert.deepEqual(gaps.missing, [], report('2.x names missing from mParticleConstants(), the bridge or the builders\' results', gaps.missing));
      assert.deepEqual(gaps.otherKind, [], report('2.x names holding another kind of value', gaps.otherKind));
    });

    it('has exactly the names the schema lists', () => {
      const listed = schema;
      const notEmitted = surfaceGaps(listed, walked);
      assert.deepEqual(notEmitted.missing, [], report('names the schema lists that the generated SDK lacks', notEmitted.missing));
      assert.deepEqual(notEmitted.otherKind, [], report('names of another kind than the schema says', notEmitted.otherKind));
      const unlisted = surfaceGaps(walked, listed).missing;
      assert.deepEqual(unlisted, [], report('names of the generated SDK the schema does not list', unlisted));
      console.log(`      surface: ${walked.length} names walked, ${sdk2.length} of 2.x all present`);
    });
  });
});
