/**
 * The session inactivity timeout end to end: a channel with `sessionTimeoutMillis: 1500` logs
 * "Before Timeout" at start, then waits for the Task to publish that no session is running
 * (CURRENT_SESSION_NODE with an empty sessionId: the session timed out), and only then logs
 * "After Timeout" and uploads. No timer: however slow the machine, "After Timeout" comes after
 * the timeout. The collector must receive the session of "Before Timeout", its end (length,
 * ids, time), then a new session's start before "After Timeout", each event under its own
 * session, every message once, and the channel must not crash.
 */
import { strict as assert } from 'assert';
import { startCollector, type Collector, type RecordedMessage } from '../../sim/collector/collector';
import { runChannel, type RunResult } from '../../sim/engine/simulator';
import { sceneChannel } from './channel';
import { assertNoCrash } from './delivery';

const API_KEY = 'us1-sessiontimeout';
const API_SECRET = 'session-timeout-secret';
const BEFORE = 'Before Timeout';
const AFTER = 'After Timeout';

const SCENE_BRS = `sub init()
    m.mParticleTask = createObject("roSGNode", "mParticleTask")
    m.mparticle = mParticleSGBridge(m.mParticleTask)
    m.mparticle.logEvent("${BEFORE}", mParticleConstants().CUSTOM_EVENT_TYPE.OTHER, {})
    m.mParticleTask.observeField(mParticleConstants().SCENEGRAPH_NODES.CURRENT_SESSION_NODE, "onSession")
end sub

' The Task publishes its session (at start, then as it changes); an empty id once one was
' running means the session ended, and nothing but the timeout ends it here.
sub onSession()
    s = m.mParticleTask[mParticleConstants().SCENEGRAPH_NODES.CURRENT_SESSION_NODE]
    if s = invalid or m.afterSent = true then return
    print "TEST: session " + FormatJson(s)
    if s.sessionId <> "" then m.sawSession = true
    if s.sessionId <> "" or m.sawSession <> true then return
    m.afterSent = true
    m.mparticle.logEvent("${AFTER}", mParticleConstants().CUSTOM_EVENT_TYPE.OTHER, {})
    m.mparticle.upload()
end sub
`;

function channel(collector: Collector) {
  return sceneChannel(collector, API_SECRET, {
    title: 'session timeout',
    scene: 'TimeoutScene',
    options: ['logLevel: 2', 'sessionTimeoutMillis: 1500', 'uploadIntervalMillis: 500'],
    sceneBrs: SCENE_BRS,
  });
}

describe('runtime: the session times out after sessionTimeoutMillis without events', function () {
  this.timeout(120000);
  let collector: Collector;
  let run: RunResult;
  let msgs: readonly RecordedMessage[];
  const dump = () => msgs.map((m) => `${m.dt} ${m.n ?? ''} id=${m.id} sid=${m.sid} ct=${m.ct}`).join('\n');

  before(async () => {
    collector = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET });
    run = await runChannel({
      collector,
      channel: channel(collector),
      timeoutMs: 90000,
      untilCollector: (c) => c.events(AFTER).length > 0,
    });
    msgs = collector.messages;
  });
  after(async () => collector.close());

  it('runs without a crash and delivers every message id once', () => {
    assertNoCrash(run);
    const ids = msgs.map((m) => String(m.id));
    assert.equal(new Set(ids).size, ids.length, `a message id arrived twice:\n${dump()}`);
  });

  // The session "Before Timeout" went to: the app's first one, unless a very slow start let
  // that one time out before the Task took the call.
  const beforeSession = () => {
    const before = collector.events(BEFORE);
    assert.equal(before.length, 1, `"${BEFORE}" once:\n${dump()}`);
    const first = msgs.find((m) => m.dt === 'ss' && m.id === before[0].sid);
    assert.ok(first, `no session start for "${BEFORE}" (sid ${before[0].sid}):\n${dump()}`);
    return first;
  };

  it('ends the session of "Before Timeout" with an se carrying its id, its length and a time not before its last event', () => {
    const first = beforeSession();
    assert.equal(first.sid, first.id, 'the ss id is the session id');
    const ssIndex = msgs.indexOf(first);
    const seIndex = msgs.findIndex((m) => m.dt === 'se' && m.sid === first.id);
    assert.ok(seIndex > ssIndex, `no se for session ${first.id} after its ss:\n${dump()}`);
    const se = msgs[seIndex];
    assert.equal(typeof se.sl, 'number', 'sl is a number');
    assert.equal(typeof se.slx, 'number', 'slx is a number');
    assert.ok((se.sl as number) >= 0, `sl ${se.sl}`);
    assert.ok((se.slx as number) >= 0, `slx ${se.slx}`);
    assert.equal(se.sct, first.ct, 'the se carries the session start');
    const lastEvent = msgs.filter((m) => m.sid === first.id && m.dt !== 'se' && m.dt !== 'ss').reduce((a, m) => Math.max(a, Number(m.ct)), Number(first.ct));
    assert.ok(Number(se.ct) >= lastEvent, `se ct ${se.ct} is before the session's last event ${lastEvent}:\n${dump()}`);
  });

  it('starts a new session before "After Timeout" and puts each event in its own session', () => {
    const first = beforeSession();
    const after = collector.events(AFTER);
    assert.equal(after.length, 1, `"${AFTER}" once:\n${dump()}`);

    const seIndex = msgs.findIndex((m) => m.dt === 'se' && m.sid === first.id);
    const afterIndex = msgs.indexOf(after[0]);
    const second = msgs.find((m, i) => m.dt === 'ss' && m.id !== first.id && i > seIndex && i < afterIndex);
    assert.ok(second, `no new ss between the first session's se and "${AFTER}":\n${dump()}`);
    assert.notEqual(second.id, first.id);
    assert.equal(second.sid, second.id, 'the new ss carries its own id as sid');
    assert.equal(after[0].sid, second.id, `"${AFTER}" belongs to the second session`);
    assert.ok(Number(second.ct) >= Number(msgs[seIndex].ct), 'the new session starts after the first one ended');
    assert.ok(Number(after[0].ct) >= Number(second.ct), `"${AFTER}" is not before its session start`);
  });
});
