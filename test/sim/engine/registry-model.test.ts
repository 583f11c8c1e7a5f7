import { strict as assert } from 'node:assert';
import { startCollector, type Collector } from '../../../sim/collector/collector';
import { installRegistryModel, registryModel } from '../../../sim/engine/registry-model';
import { runChannel } from '../../../sim/engine/simulator';

/**
 * The modelled registry (patch "registry-is-bounded"): its size is a setting of the run,
 * GetSpaceAvailable() counts down from it, a write past the end is refused and stores nothing,
 * and the fault refuses writes to matching sections and the Flush after them.
 */
const MAIN = `sub Main()
    reg = CreateObject("roRegistry")
    print "R space " + reg.GetSpaceAvailable().ToStr()
    own = CreateObject("roRegistrySection", "own")
    print "R small " + own.Write("k", String(1000, "a")).ToStr() + " " + own.Flush().ToStr()
    print "R space " + reg.GetSpaceAvailable().ToStr()
    print "R big " + own.Write("big", String(20000, "b")).ToStr() + " " + own.Exists("big").ToStr()
    print "R multi " + own.WriteMulti({ m1: String(9000, "c"), m2: String(9000, "d") }).ToStr() + " " + own.Exists("m1").ToStr()
    sdk = CreateObject("roRegistrySection", "mParticle_x")
    print "R sdk " + sdk.Write("q", "1").ToStr() + " " + sdk.Flush().ToStr() + " " + sdk.Write("q", "2").ToStr() + " " + sdk.Flush().ToStr()
    print "R read " + own.Read("k").Len().ToStr() + " " + sdk.Read("q")
    print "R END"
end sub
`;

describe('simulator registry model: a bounded registry that refuses writes', function () {
  this.timeout(60000);
  let collector: Collector;

  before(async () => {
    collector = await startCollector({ apiKey: 'us1-harness0123456789', apiSecret: 'harness-secret' });
  });
  after(async () => {
    await collector.close();
  });

  async function run(deviceInfo: Record<string, unknown>): Promise<string[]> {
    const result = await runChannel({
      collector,
      channel: { manifest: 'title=registry model\nmajor_version=1\nminor_version=0\nbuild_version=1\n', 'source/Main.brs': MAIN },
      registry: 'clear',
      deviceInfo,
      until: (l) => l === 'R END',
    });
    assert.equal(result.crashed, false, result.console.join('\n'));
    return result.console.filter((l) => l.startsWith('R ') && l !== 'R END');
  }

  it('16 KB: counts down from the setting, refuses what does not fit', async () => {
    assert.deepEqual(await run(registryModel({ sizeBytes: 16384 })), [
      'R space 16384',
      'R small true true',
      'R space 15379', // "own.k" (5 bytes) and 1,000 bytes
      'R big false false',
      'R multi false false',
      'R sdk true true true true',
      'R read 1000 2',
    ]);
  });

  it('32 KB by default (the engine constant), and the fault refuses the first write of a section and its Flush', async () => {
    assert.deepEqual(await run(registryModel({ refuse: { sectionPrefix: 'mParticle_', writes: 1 } })), [
      'R space 32768',
      'R small true true',
      'R space 31763',
      'R big true true',
      'R multi false false',
      'R sdk false false true true',
      'R read 1000 2',
    ]);
  });

  it('the model in Node: a rewrite counts its old value out', () => {
    const hooks = installRegistryModel({});
    const device = registryModel({ sizeBytes: 100 });
    const current = new Map([['dev.s.k', 'x'.repeat(90)]]);
    assert.equal(hooks.space(device, current, 'dev'), 100 - 3 - 90);
    assert.equal(hooks.mayWrite(device, current, 'dev', [['dev.s.k', 'y'.repeat(97)]]), true);
    assert.equal(hooks.mayWrite(device, current, 'dev', [['dev.s.j', 'y'.repeat(5)]]), false);
    assert.equal(hooks.space(device, new Map([['other.s.k', 'x'.repeat(90)]]), 'dev'), 100, 'another developer ID is not counted');
  });
});
