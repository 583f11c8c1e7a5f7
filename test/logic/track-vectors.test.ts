import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { dataPlanViolations } from '../../sim/live/dataplan';
import type { NativeBatch } from '../../sim/collector/types';
import { runTrackVector, TrackVector } from './run-track-vector';
import { authorTrackVector, TRACK_SCENARIOS, TRACK_VECTOR_DIR } from './track-author';

const files = fs.readdirSync(TRACK_VECTOR_DIR).filter((f) => f.endsWith('.json')).sort();

describe('tracking vectors (test/vectors/tracking)', () => {
  it('has a vector file for every scenario and no stray files', () => {
    assert.deepEqual(files, TRACK_SCENARIOS.map((s) => `${s.name}.json`).sort());
  });

  for (const file of files) {
    const vector = JSON.parse(fs.readFileSync(path.join(TRACK_VECTOR_DIR, file), 'utf8')) as TrackVector;
    describe(vector.name, () => {
      it('has the inputs its scenario in track-author.ts records', () => {
        const scenario = TRACK_SCENARIOS.find((s) => s.name === vector.name);
        assert.ok(scenario);
        const authored = authorTrackVector(scenario);
        assert.deepEqual({ ...vector, expected: undefined }, { ...authored, expected: undefined });
      });

      it('gives events with zero data plan violations (generated/dataplan.json)', async () => {
        const msgs = vector.expected.events.map((e, i) => ({ dt: 'e', id: `m${i}`, ct: vector.start.t + i, n: e.name, et: 'media', attrs: e.attrs }));
        const batch: NativeBatch = { dt: 'h', id: 'batch-1', mpid: '42', ct: vector.start.t, dbg: true, msgs };
        assert.deepEqual(await dataPlanViolations(batch), []);
      });

      it('gives exactly the expected calls, events and number of errors', () => {
        const out = runTrackVector(vector);
        assert.deepEqual(out.calls, vector.expected.calls);
        assert.deepEqual(out.events, vector.expected.events);
        assert.equal(out.errors.length, vector.expected.errors, JSON.stringify(out.errors));
      });
    });
  }
});
