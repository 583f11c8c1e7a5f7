/**
 * The runtime (its template with the generated type tests) on its own: bsc must accept it, and bslint must find nothing in it.
 * Every helper the transpiler emits a call to must be defined there.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatBscDiagnostics, runtimeBrs, validateBrs } from '../helpers/bsc';

const runtime = runtimeBrs();

describe('transpiler: runtime (mParticleRuntime.brs)', function () {
  this.timeout(60000);

  it('compiles with bsc without diagnostics', async () => {
    assert.equal(formatBscDiagnostics(await validateBrs({ 'source/mParticleRuntime.brs': runtime })), '');
  });

  it('is clean under bslint', async () => {
    const diagnostics = await validateBrs({ 'source/mParticleRuntime.brs': runtime }, { plugins: ['@rokucommunity/bslint'] });
    assert.equal(formatBscDiagnostics(diagnostics), '');
  });

  it('defines every mParticle_ helper the transpiler calls', () => {
    const dir = path.resolve(__dirname, '../../src-ts/transpiler');
    const called = new Set<string>();
    for (const f of fs.readdirSync(dir)) {
      for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/'(mParticle_[A-Za-z]+)'/g)) called.add(m[1]);
    }
    const defined = new Set([...runtime.matchAll(/^function (mParticle_[A-Za-z]+)\(/gm)].map((m) => m[1]));
    assert.ok(called.size >= 10);
    assert.deepEqual([...called].filter((n) => !defined.has(n)), []);
  });
});
