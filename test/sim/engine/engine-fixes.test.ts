import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../../sim/collector/collector';
import { readChannelDir } from '../../../sim/engine/channelDir';
import { runChannel } from '../../../sim/engine/simulator';

/**
 * The engine fixes that change how BrightScript runs (assets.ts) keep its meaning: a device's
 * answers to `return` from inside loops, nested loops with `exit for`/`exit while`/`continue
 * for`, try/catch, recursion, returned objects, and a return through brs-scenegraph's callFunc,
 * which still takes the thrown ReturnValue.
 */
describe('simulator engine fixes: control flow as on a device', function () {
  this.timeout(60000);
  let collector: Collector;

  before(async () => {
    collector = await startCollector({ apiKey: 'us1-harness0123456789', apiSecret: 'harness-secret' });
  });
  after(async () => {
    await collector.close();
  });

  it('returns from loops, ifs and try blocks, exits and continues loops, and keeps returned objects', async () => {
    const result = await runChannel({
      collector,
      channel: readChannelDir(join(__dirname, '..', '..', 'harness', 'fixtures', 'control-flow')),
      until: (l) => l === 'FLOW END',
    });
    assert.equal(result.crashed, false, result.console.join('\n'));
    const lines = result.console.filter((l) => /^F\d+ /.test(l));
    assert.deepEqual(lines, [
      'F1 4', // return inside if inside for each
      'F2 5', // return inside a single-line if inside while
      'F3 8', // return inside a for with a negative step
      'F4 66', // exit for inside while inside for, exit while: the outer for goes on
      'F5 25', // continue for
      'F6 {"x":1}', // a returned associative array
      'F7 made', // a returned node
      'F8 120', // recursion
      'F9 a', // a sub's early return
      'F10 7 -2', // return inside try, and inside catch
      'F11 10', // the caller's loop goes on after the callee returned from its own loop
      'F12 19', // returns inside an expression
      'F13 42 -1', // callFunc (brs-scenegraph calls the function itself)
      'F14 220', // return from nested for each
    ]);
  });
});
