import { strict as assert } from 'node:assert';
import { generate } from '../../src-ts/generator';
import { GeneratorError } from '../../src-ts/generator/errors';
import { BRS_FILE_SIDES, SCENE_INCLUDE, TASK_LOGIC, brsChunks, checkSides, splitRuntime } from '../../src-ts/generator/sides';
import { logicFiles } from '../../src-ts/generator/emit-core';
import { transpile } from '../../src-ts/transpiler';

describe('sides: the scene include and the Task-only files', () => {
  let files: Record<string, string>;
  before(() => {
    files = generate();
  });

  it('puts every transpiled logic function into the Task-only logic file, none into the scene include', () => {
    const names = transpile({ files: logicFiles() }).functionNames.map((n) => n.toLowerCase());
    const scene = new Set(brsChunks(files[SCENE_INCLUDE]).chunks.map((c) => c.name));
    const task = new Set(brsChunks(files[TASK_LOGIC]).chunks.map((c) => c.name));
    assert.ok(names.length > 100);
    assert.deepEqual(names.filter((n) => scene.has(n)), []);
    assert.deepEqual(names.filter((n) => !task.has(n)), []);
  });

  it('keeps in the scene include the runtime helpers its own functions use, and only those', () => {
    const scene = brsChunks(files[SCENE_INCLUDE]).chunks;
    const declared = new Set(scene.map((c) => c.name));
    for (const name of ['mparticle_typeof', 'mparticle_str']) assert.ok(declared.has(name), name);
    // A helper that nothing on the scene side uses went to the Task.
    assert.ok(!declared.has('mparticle_eq'));
    assert.ok(brsChunks(files[TASK_LOGIC]).chunks.some((c) => c.name === 'mparticle_eq'));
  });

  it('declares each function once across the Task-side and scene-side files', () => {
    const seen = new Map<string, string>();
    for (const rel of Object.keys(BRS_FILE_SIDES)) {
      for (const c of brsChunks(files[rel]).chunks) {
        assert.equal(seen.get(c.name), undefined, `${c.name} in ${rel} and ${seen.get(c.name)}`);
        seen.set(c.name, rel);
      }
    }
  });

  it('lists every generated script in the Task XML', () => {
    for (const rel of Object.keys(BRS_FILE_SIDES)) assert.ok(files['components/mParticleTask.xml'].includes(`uri="pkg:/${rel}"`), rel);
  });

  it('reaches helpers through other helpers', () => {
    const { chunks } = brsChunks(['function a()', '    return b()', 'end function', '', "' c's comment", 'function b()', '    return 1', 'end function', '', 'function c()', '    return 2', 'end function'].join('\n'));
    const split = splitRuntime(chunks, new Set(['a']));
    assert.deepEqual(split.scene.map((c) => c.name), ['a', 'b']);
    assert.deepEqual(split.task.map((c) => c.name), ['c']);
    assert.equal(split.task[0].text, 'function c()\n    return 2\nend function');
    assert.match(split.scene[1].text, /^' c's comment\nfunction b\(\)/);
  });

  it('fails generation with MPG009 when scene-side code uses a Task-only function', () => {
    const bad = {
      ...files,
      [SCENE_INCLUDE]: `${files[SCENE_INCLUDE]}\nsub mParticle_sceneSide()\n    mParticle_mediaReduce({}, {}, 0, "")\nend sub\n`,
    };
    assert.throws(
      () => checkSides(bad),
      (e: unknown) => e instanceof GeneratorError && e.code === 'MPG009' && /mparticle_sceneside/.test(e.message) && /mparticle_mediareduce/.test(e.message),
    );
  });
});
