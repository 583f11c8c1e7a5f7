import { strict as assert } from 'node:assert';
import { generate } from '../../src-ts/generator';
import { GeneratorError } from '../../src-ts/generator/errors';
import { checkTaskNames } from '../../src-ts/generator/emit-task';
import { brsChunks, TASK_LOGIC } from '../../src-ts/generator/sides';
import { TASK_FUNCTION_PREFIX } from '../../src-ts/transpiler/names';

describe('emit-task: a name says whether it was transpiled or written by hand', () => {
  let files: Record<string, string>;
  before(() => {
    files = generate();
  });

  it('names every function of the hand-written Task mParticle_task... (init excepted), and no transpiled one so', () => {
    const prefix = TASK_FUNCTION_PREFIX.toLowerCase();
    const task = brsChunks(files['components/mParticleTask.brs']).chunks.map((c) => c.name);
    assert.ok(task.length > 50);
    assert.deepEqual(task.filter((n) => n !== 'init' && !n.startsWith(prefix)), []);
    const transpiled = brsChunks(files[TASK_LOGIC]).chunks.map((c) => c.name);
    assert.ok(transpiled.length > 100);
    assert.deepEqual(transpiled.filter((n) => n.startsWith(prefix)), []);
  });

  it('fails generation with MPG011 for a Task template function without the prefix', () => {
    assert.doesNotThrow(() => checkTaskNames('sub init()\nend sub\nsub mParticle_taskRun()\nend sub\n', 'brs-templates/components/task-x.brs'));
    assert.throws(
      () => checkTaskNames('sub mParticle_coreTick()\nend sub\n', 'brs-templates/components/task-x.brs'),
      (e: unknown) => e instanceof GeneratorError && e.code === 'MPG011' && /mparticle_coretick/.test(e.message) && /task-x\.brs/.test(e.message),
    );
  });
});
