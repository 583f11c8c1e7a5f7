import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runVector, Vector } from './run-vector';
import { SCENARIOS, VECTOR_DIR } from './vector-author';

const files = fs
  .readdirSync(VECTOR_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('media scenario vectors (test/vectors)', () => {
  it('has a vector file for every scenario and no stray files', () => {
    assert.deepEqual(files, SCENARIOS.map((s) => `${s.name}.json`).sort());
  });

  for (const file of files) {
    const vector = JSON.parse(fs.readFileSync(path.join(VECTOR_DIR, file), 'utf8')) as Vector;

    describe(vector.name, () => {
      it('is well-formed', () => {
        assert.equal(`${vector.name}.json`, file);
        assert.equal(typeof vector.description, 'string');
        assert.ok(vector.calls.length > 0);
        assert.ok(Number.isInteger(vector.expectedErrors));
        for (const e of vector.expected) {
          for (const v of Object.values(e.attrs)) assert.equal(typeof v, 'string');
        }
      });

      it('has the calls its scenario in vector-author.ts records', () => {
        const scenario = SCENARIOS.find((s) => s.name === vector.name);
        assert.ok(scenario);
        assert.deepEqual(vector.calls, scenario.calls);
        assert.equal(vector.options?.autoSummaries === true, scenario.autoSummaries === true);
      });

      it('gives exactly the expected events and number of errors', () => {
        const out = runVector(vector);
        assert.deepEqual(out.events, vector.expected);
        assert.equal(out.errors.length, vector.expectedErrors, `errors: ${JSON.stringify(out.errors)}`);
      });
    });
  }
});
