import { strict as assert } from 'node:assert';
import { startCollector, type Collector } from '../../../sim/collector/collector';
import { fixtureChannel } from '../../harness/fixtures';
import { testConfigFile } from '../../harness/testConfig';
import { openPage, runChannel, type ReusablePage } from '../../../sim/engine/simulator';

const API_KEY = 'us1-harness0123456789';
const API_SECRET = 'harness-secret';
const MANIFEST = 'title=Harness Plain\nmajor_version=1\nminor_version=0\nbuild_version=1\n';

// Channel runs take seconds each (page load, engine start, Task threads).
describe('simulator harness', function () {
  this.timeout(60000);
  let collector: Collector;

  before(async () => {
    collector = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET });
  });
  after(async () => {
    await collector.close();
  });
  beforeEach(() => collector.reset());

  it('runs a SceneGraph channel whose Task POSTs a signed batch to the collector', async () => {
    const result = await runChannel({ channel: fixtureChannel('SenderTask', collector, API_SECRET), collector });
    assert.equal(result.exitReason, 'EXIT_USER_NAV', result.console.join('\n'));
    assert.equal(result.crashed, false);
    assert.ok(result.console.includes('SMOKE: posted  202'), result.console.join('\n'));

    const [event] = await collector.waitFor((c) => c.events('Harness Event').length > 0 && c.events('Harness Event'), 5000);
    assert.deepEqual(event.attrs, { greeting: 'hi' });
    assert.equal(event.et, 'other');
    const req = collector.requests[0];
    assert.equal(req.kind, 'events');
    assert.equal(req.signatureValid, true, collector.summary());
    assert.equal(req.apiKeyValid, true);
    // The browser dropped Date and User-Agent; the worker's wrapper forwarded both.
    assert.equal(req.dateSource, 'x-mp-harness-date');
    assert.match(req.signedDate ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.equal(req.userAgent, 'mParticle Roku SDK/0.0.0-harness');
    assert.equal(collector.batches.length, 1);
  });

  it('lets planned faults reach the channel: a dropped connection once, then a 503 with Retry-After', async () => {
    collector.plan([{ drop: true }, { status: 503, retryAfter: 7 }]);
    const codes: number[] = [];
    for (let i = 0; i < 2; i++) {
      const result = await runChannel({ channel: fixtureChannel('SenderTask', collector, API_SECRET), collector });
      const posted = result.console.find((l) => l.startsWith('SMOKE: posted'));
      codes.push(Number(posted?.split(/\s+/).pop()));
      if (i === 1) assert.ok(result.console.includes('SMOKE: retry-after 7'), result.console.join('\n'));
    }
    // A transport failure is a non-positive code (the engine says 0, a device a negative one).
    assert.ok(codes[0] <= 0, `code after a drop: ${codes[0]}`);
    assert.equal(codes[1], 503);
    // One request per transfer: the browser did not silently resend the dropped one.
    assert.deepEqual(collector.requests.map((r) => (r.response.dropped ? 'dropped' : r.response.status)), ['dropped', 503]);
    assert.equal(collector.batches.length, 0);
  });

  it('reports a runtime error as a crash, with its backtrace', async () => {
    const result = await runChannel({
      collector,
      channel: { manifest: MANIFEST, 'source/Main.brs': 'sub Main()\n  print "before"\n  x = invalid\n  x.boom()\nend sub\n' },
    });
    assert.equal(result.exitReason, 'EXIT_BRIGHTSCRIPT_CRASH');
    assert.equal(result.crashed, true);
    assert.ok(result.console.includes('before'));
    assert.ok(result.console.some((l) => l.startsWith('BackTrace')), result.console.join('\n'));
    assert.ok(result.console.some((l) => l.includes('pkg:/source/Main.brs(4')), result.console.join('\n'));
  });

  it('ends a run when `until` matches a console line', async () => {
    const main = 'sub Main()\n  i = 0\n  while true\n    i = i + 1\n    print "tick " + i.ToStr()\n    sleep(20)\n  end while\nend sub\n';
    const result = await runChannel({ collector, channel: { manifest: MANIFEST, 'source/Main.brs': main }, until: (l) => l === 'tick 3' });
    assert.equal(result.exitReason, 'UNTIL');
    assert.equal(result.crashed, false);
    assert.deepEqual(result.console.filter((l) => l.startsWith('tick ')), ['tick 1', 'tick 2', 'tick 3']);
  });

  it('passes deep-link parameters to Main and ends on a collector condition', async () => {
    const main = [
      'sub Main(args as dynamic)',
      '  print "contentId=" + args.contentId + " mediaType=" + args.mediaType',
      '  xfer = CreateObject("roUrlTransfer")',
      '  xfer.SetUrl(testConfig().baseUrl + "/v3/ping")',
      '  print "ping "; xfer.PostFromString("{}")',
      '  while true',
      '    sleep(50)',
      '  end while',
      'end sub',
      '',
    ].join('\n');
    const result = await runChannel({
      collector,
      channel: { manifest: MANIFEST, 'source/Main.brs': main, ...testConfigFile(collector, API_SECRET) },
      deepLink: { contentId: 'abc', mediaType: 'movie' },
      untilCollector: (c) => c.requests.some((r) => r.path === '/v3/ping'),
    });
    assert.equal(result.exitReason, 'UNTIL');
    assert.ok(result.console.includes('contentId=abc mediaType=movie'), result.console.join('\n'));
  });

  it('runs identity calls from a Task: signed with x-mp-key, answered with the mpid and context', async () => {
    collector.mpid = '4242';
    try {
      const result = await runChannel({ channel: fixtureChannel('IdentityTask', collector, API_SECRET), collector });
      assert.deepEqual(result.console.filter((l) => l.startsWith('IDENTITY:')), [
        'IDENTITY: /v1/identify code=200 mpid=4242 logged_in=false',
        'IDENTITY: /v1/login code=200 mpid=4242 logged_in=true',
      ]);
    } finally {
      collector.mpid = '8675309';
    }
    const [identify, login] = collector.identityRequests;
    assert.deepEqual([identify.kind, login.kind], ['identify', 'login']);
    for (const r of [identify, login]) {
      assert.equal(r.signatureValid, true, collector.summary());
      assert.equal(r.apiKeyValid, true);
    }
    // The second call echoes the context of the first answer.
    assert.equal((login.json as { context?: string }).context, JSON.parse(identify.response.body).context);
  });

  it('rejects on timeout with the last console lines', async () => {
    const main = 'sub Main()\n  print "waiting forever"\n  while true\n    sleep(50)\n  end while\nend sub\n';
    await assert.rejects(runChannel({ collector, channel: { manifest: MANIFEST, 'source/Main.brs': main }, timeoutMs: 3000 }), (err: Error) => {
      assert.match(err.message, /timed out after 3000 ms/);
      assert.match(err.message, /\| waiting forever/);
      return true;
    });
  });

  describe('registry across launches on one page', () => {
    let page: ReusablePage;
    before(async () => {
      page = await openPage(collector);
    });
    after(async () => {
      await page.close();
    });

    const launch = async (registry?: 'keep' | 'clear') => {
      const result = await runChannel({ channel: fixtureChannel('RegistryTask', collector, API_SECRET), collector, page, registry });
      assert.equal(result.exitReason, 'EXIT_USER_NAV', result.console.join('\n'));
      return result.console.filter((l) => l.startsWith('REGISTRY:'));
    };

    it('keeps what a Task wrote in run 1 for run 2 (a restart), and clears on request', async () => {
      assert.deepEqual(await launch('clear'), ['REGISTRY: previous=none launches=1']);
      assert.deepEqual(await launch(), ['REGISTRY: previous=1 launches=2']);
      const stored = await page.registry();
      assert.deepEqual(
        Object.entries(stored).filter(([k]) => k.endsWith('.harness.launches')).map(([, v]) => v),
        ['2'],
      );
      assert.deepEqual(await launch('clear'), ['REGISTRY: previous=none launches=1']);
    });

    it('starts a run without a page on an empty registry', async () => {
      const result = await runChannel({ channel: fixtureChannel('RegistryTask', collector, API_SECRET), collector });
      assert.deepEqual(result.console.filter((l) => l.startsWith('REGISTRY:')), ['REGISTRY: previous=none launches=1']);
    });
  });
});
