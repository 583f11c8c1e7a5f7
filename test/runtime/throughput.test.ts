/**
 * Issue 9 in the simulator: a burst of 1,000 media calls with the collector up is delivered
 * whole under the default options (the registry budget bounds only what is persisted, never
 * what is uploaded), and each message is uploaded under the MPID it was logged under, across
 * a login and across a restart.
 */
import { strict as assert } from 'assert';
import { startCollector, type Collector, type NativeBatch } from '../../sim/collector/collector';
import { openPage, runChannel } from '../../sim/engine/simulator';
import { testConfigFile } from '../harness/testConfig';
import type { FileTree } from '../../sim/engine/zip';
import { sceneChannel } from './channel';
import { assertNoCrash } from './delivery';

const API_KEY = 'us1-throughput';
const API_SECRET = 'throughput-secret';
const BURST = 1000;

// Waits for the user, uploads what the SDK queued at start, and once the queue is empty logs
// the burst: Media Session Start, Play, then playhead updates, then upload(). No option is set
// but the credentials and the collector's address.
const BURST_SCENE = `sub init()
    m.task = createObject("roSGNode", "mParticleTask")
    m.task.ObserveField(mParticleConstants().SCENEGRAPH_NODES.CURRENT_USER_NODE, "onUser")
    m.task.ObserveField(mParticleConstants().SCENEGRAPH_NODES.CURRENT_SESSION_NODE, "onSession")
    m.mp = mParticleSGBridge(m.task)
end sub

sub onUser()
    user = m.task[mParticleConstants().SCENEGRAPH_NODES.CURRENT_USER_NODE]
    if user = invalid or user.mpid = invalid or user.mpid = "0" or m.identified = true then return
    m.identified = true
    m.mp.upload()
end sub

sub onSession()
    s = m.task[mParticleConstants().SCENEGRAPH_NODES.CURRENT_SESSION_NODE]
    print "TEST: session " + FormatJson(s)
    if m.identified <> true or m.sent = true or s = invalid or s.queued <> 0 then return
    m.sent = true
    c = mParticleConstants()
    session = c.MediaSession.build("burst", "Burst", c.MEDIA_CONTENT_TYPE.VIDEO, c.MEDIA_STREAM_TYPE.ON_DEMAND, 6000000)
    m.mp.media.logMediaSessionStart(session, {})
    m.mp.media.logPlay(session, {})
    for i = 1 to ${BURST - 2}
        session.currentPlayheadPosition = i * 1000
        m.mp.media.logPlayheadPosition(session, { "i": i.ToStr() })
    end for
    m.mp.upload()
    print "TEST: burst sent"
end sub
`;

// phase "log": Before Login once identified, then login, then After Login (and upload() when
// cfg.upload); any other phase (a restart) only uploads once identified.
const MPID_SCENE = `sub init()
    m.task = createObject("roSGNode", "mParticleTask")
    m.task.ObserveField(mParticleConstants().SCENEGRAPH_NODES.IDENTITY_RESULT_NODE, "onIdentityResult")
    m.mp = mParticleSGBridge(m.task)
end sub

sub onIdentityResult()
    r = m.task[mParticleConstants().SCENEGRAPH_NODES.IDENTITY_RESULT_NODE]
    print "TEST: identity result " + FormatJson(r)
    cfg = testConfig()
    if cfg.phase <> "log"
        if r.type = "identify" then m.mp.upload()
        return
    end if
    if r.type = "identify"
        m.mp.logEvent("Before Login", mParticleConstants().CUSTOM_EVENT_TYPE.OTHER, {})
        m.mp.identity.login({ userIdentities: { customerid: "customer-2" } })
    else if r.type = "login"
        m.mp.logEvent("After Login", mParticleConstants().CUSTOM_EVENT_TYPE.OTHER, {})
        if cfg.upload then m.mp.upload()
    end if
end sub
`;

function mpidChannel(collector: Collector, phase: string, upload: boolean): FileTree {
  return {
    ...sceneChannel(collector, API_SECRET, { title: 'mParticle MPID test', scene: 'MpidScene', options: ['logLevel: 3', 'uploadIntervalMillis: 600000'], sceneBrs: MPID_SCENE }),
    ...testConfigFile(collector, API_SECRET, { phase, upload }),
  };
}

/** The accepted batch holding the event named `name`. */
function batchOf(c: Collector, name: string): NativeBatch {
  const found = c.batches.filter((b) => (b.msgs ?? []).some((m) => m.n === name));
  assert.equal(found.length, 1, `${name} in one accepted batch\n${c.summary()}`);
  return found[0];
}

/** Identity answers: identify gives MPID 111, the login 222. */
const IDENTITY_PLAN = [
  { target: 'identity' as const, body: { mpid: '111', context: 'c1', is_ephemeral: false, is_logged_in: false, matched_identities: {} } },
  { target: 'identity' as const, body: { mpid: '222', context: 'c2', is_ephemeral: false, is_logged_in: true, matched_identities: {} } },
];

describe('throughput and per-message MPID in the simulator', function () {
  this.timeout(300000);
  let collector: Collector;

  beforeEach(async () => {
    collector = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET, mpid: '333' });
  });
  afterEach(async () => {
    await collector.close();
  });

  it(`a burst of ${BURST} media calls with the collector up: every event delivered exactly once, none dropped (default options)`, async () => {
    const burstEvents = (c: Collector) => c.events().filter((m) => (m.attrs as Record<string, unknown> | undefined)?.content_id === 'burst');
    const run = await runChannel({
      channel: sceneChannel(collector, API_SECRET, { title: 'mParticle burst test', scene: 'BurstScene', options: [], sceneBrs: BURST_SCENE }),
      collector,
      untilCollector: (c) => burstEvents(c).length >= BURST,
      timeoutMs: 240000,
    });
    assertNoCrash(run);
    const events = burstEvents(collector);
    const ids = events.map((m) => String(m.id));
    console.log(`      burst: ${BURST} calls, ${events.length} events delivered, ${new Set(ids).size} distinct, in ${collector.batches.length} batches`);
    assert.equal(events.length, BURST, collector.summary());
    assert.equal(new Set(ids).size, BURST, 'each event once');
    const playheads = events.filter((m) => m.n === 'Update Playhead Position').map((m) => Number((m.attrs as Record<string, string>).i));
    assert.deepEqual([...playheads].sort((a, b) => a - b), Array.from({ length: BURST - 2 }, (_, i) => i + 1), 'every playhead update, once');
    const accepted = collector.batchAttempts.filter((a) => a.accepted).flatMap((a) => (a.batch.msgs ?? []).map((m) => String(m.id)));
    assert.equal(accepted.length, new Set(accepted).size, 'no message accepted twice');
    assert.ok(!run.console.some((l) => /queue full|dropped \d+ message/.test(l)), 'nothing dropped');
  });

  it('a login between two events: each is uploaded under the MPID it was logged under, in batches of one MPID', async () => {
    collector.plan(IDENTITY_PLAN);
    const run = await runChannel({
      channel: mpidChannel(collector, 'log', true),
      collector,
      untilCollector: (c) => c.events('After Login').length > 0 && c.events('Before Login').length > 0,
      timeoutMs: 90000,
    });
    assertNoCrash(run);
    assert.equal(batchOf(collector, 'Before Login').mpid, '111', collector.summary());
    assert.equal(batchOf(collector, 'After Login').mpid, '222', collector.summary());
    assert.ok(batchOf(collector, 'Before Login').msgs?.some((m) => m.dt === 'ss'), 'the session start logged before the first identity goes with its user');
    for (const b of collector.batches) for (const m of b.msgs ?? []) assert.equal('mpid' in m, false, 'the MPID goes on the batch, not in its messages');
  });

  it('across a restart: the persisted messages keep the MPID they were logged under', async () => {
    const page = await openPage(collector);
    try {
      collector.plan(IDENTITY_PLAN);
      let afterAt = -1;
      const lines: string[] = [];
      const first = await runChannel({
        channel: mpidChannel(collector, 'log', false),
        collector,
        page,
        registry: 'clear',
        // Until After Login is queued and written (deferred writes come within a second).
        until: (line) => {
          lines.push(line);
          if (afterAt < 0 && line.includes('queued e After Login')) afterAt = lines.length;
          return afterAt >= 0 && /queue written:/.test(line);
        },
        timeoutMs: 90000,
      });
      assertNoCrash(first);
      assert.equal(collector.batchAttempts.length, 0, 'nothing uploaded in the first run');

      const second = await runChannel({
        channel: mpidChannel(collector, 'restart', false),
        collector,
        page,
        untilCollector: (c) => c.events('After Login').length > 0 && c.events('Before Login').length > 0,
        timeoutMs: 90000,
      });
      assertNoCrash(second);
      assert.equal(batchOf(collector, 'Before Login').mpid, '111', collector.summary());
      assert.equal(batchOf(collector, 'After Login').mpid, '222', collector.summary());
      for (const b of collector.batches) for (const m of b.msgs ?? []) assert.equal('mpid' in m, false, 'the MPID goes on the batch, not in its messages');
    } finally {
      await page.close();
    }
  });
});
