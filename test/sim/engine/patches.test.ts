/** The device-parity patches apply to the installed brs-engine, and one that no longer matches names itself. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyEnginePatches, ENGINE_PATCHES, EnginePatchError, type EnginePatch } from '../../../sim/engine/patches';

const ENGINE_DIR = dirname(dirname(require.resolve('brs-engine')));

describe('sim engine patches', () => {
  it('each patch is named, says what it restores, and applies to the installed worker', () => {
    const worker = readFileSync(join(ENGINE_DIR, 'lib/brs.worker.js'), 'utf8');
    const api = readFileSync(join(ENGINE_DIR, 'lib/brs.api.js'), 'utf8');
    const names = new Set<string>();
    for (const p of ENGINE_PATCHES) {
      assert.match(p.name, /^[a-z0-9-]+$/);
      assert.ok(!names.has(p.name), `two patches named ${p.name}`);
      names.add(p.name);
      assert.ok(p.restores.length > 40, `${p.name} says what device behaviour it restores`);
      assert.ok(p.edits.length > 0);
    }
    const patched = { worker: applyEnginePatches(worker, 'installed'), api: applyEnginePatches(api, 'installed', ENGINE_PATCHES, 'api') };
    for (const p of ENGINE_PATCHES) for (const [, replace] of p.edits) assert.ok(patched[p.file ?? 'worker'].includes(replace), `${p.name} applied`);
  });

  it('a patch whose text is gone or ambiguous fails with its name', () => {
    const patch: EnginePatch = { name: 'example-patch', restores: 'what a device does', edits: [['needle', 'thread']] };
    assert.equal(applyEnginePatches('hay needle hay', '9.9.9', [patch]), 'hay thread hay');
    for (const text of ['hay hay', 'needle needle']) {
      assert.throws(
        () => applyEnginePatches(text, '9.9.9', [patch]),
        (e: unknown) => e instanceof EnginePatchError && e.patch === 'example-patch' && /brs-engine 9\.9\.9/.test(e.message),
      );
    }
  });
});
