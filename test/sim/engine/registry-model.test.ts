import { strict as assert } from 'node:assert';
import { startCollector, type Collector } from '../../../sim/collector/collector';
import { installRegistryModel, registryModel } from '../../../sim/engine/registry-model';
import { openPage, runChannel } from '../../../sim/engine/simulator';

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

  // Main's thread only: brs-engine keeps this on its own. A Task thread's flush needs the
  // registry-flush-is-durable patch, which the restart runs of test/runtime/registry.test.ts
  // prove (without it they deliver messages twice).
  it("Main's flush is durable once it returns: a run ended right after a request that followed it keeps what it flushed", async () => {
    const writer = `sub Main()
    cfg = ParseJson(ReadAsciiFile("pkg:/source/cfg.json"))
    own = CreateObject("roRegistrySection", "own")
    if own.Exists("n") then print "R stored " + own.Read("n")
    port = CreateObject("roMessagePort")
    for i = 1 to 200
        own.Write("n", i.ToStr())
        own.Flush()
        t = CreateObject("roUrlTransfer")
        t.SetUrl(cfg.url)
        t.SetMessagePort(port)
        t.AsyncPostFromString(FormatJson({ run: cfg.run, i: i }))
        wait(0, port)
    end for
    print "R END"
end sub
`;
    const page = await openPage(collector);
    try {
      // Each run's posts carry its number: a late post of the run before must not end the next.
      const files = (run: number) => ({ manifest: 'title=flush\nmajor_version=1\nminor_version=0\nbuild_version=1\n', 'source/Main.brs': writer, 'source/cfg.json': JSON.stringify({ url: collector.eventsUrl, run }) });
      let runs = 0;
      for (const posts of [3, 17]) {
        const first = ++runs;
        const run = await runChannel({ collector, page, registry: 'clear', channel: files(first), untilCollector: (c) => c.requests.some((r) => { const j = r.json as { run?: number; i?: number } | undefined; return j?.run === first && j.i === posts; }) });
        assert.equal(run.crashed, false);
        const next = await runChannel({ collector, page, channel: files(++runs), until: (l) => l.startsWith('R stored ') });
        const line = next.console.find((l) => l.startsWith('R stored '));
        assert.ok(line, `posts ${posts}: ${JSON.stringify(await page.registry())}`);
        const stored = Number(line.slice('R stored '.length));
        assert.ok(stored >= posts, `the flush before post ${posts} is kept: ${stored}`);
      }
    } finally {
      await page.close();
    }
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
