/**
 * Privacy (issue 6, item 4): opt-out persisted across a restart, the API secret never sent or
 * printed (logLevel DEBUG), roku_aid only when ad tracking is allowed, and https uploads that
 * use the configured certificate file.
 */
import { strict as assert } from 'assert';
import { startCollector, type Collector, type RecordedRequest } from '../../sim/collector/collector';
import { openPage, runChannel, type ReusablePage, type RunResult } from '../../sim/engine/simulator';
import { crashLines, sceneChannel, sdkFiles } from './channel';

const API_KEY = 'us1-privacykey';
const API_SECRET = 'privacy-secret-never-leaves-9c1e';
const DEBUG = 3;
const RIDA = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

/**
 * brs-engine 2.2.0's roDeviceInfo.IsRIDADisabled() returns true whatever the device
 * (`isRIDADisabled ... impl: e => P.True` in brs.worker.js; GetRIDA reads deviceInfo.RIDA),
 * so no runChannel `deviceInfo` field can allow ad tracking. For this page only, the worker
 * script (interpreter and Task threads load the same file) is rewritten so that it returns
 * deviceInfo.limitAdTracking, true unless a run passes false. Fails loudly if the engine's
 * code no longer has that shape.
 */
async function allowAdTrackingSwitch(p: ReusablePage): Promise<void> {
  await p.context.route('**/brs.worker.js*', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    const holder = /getRIDA=new \w+\("getRIDA",\{signature:\{args:\[\],returns:\w+\.String\},impl:\w+=>new \w+\((\w+)\.deviceInfo\.RIDA\)/.exec(body)?.[1];
    const disabled = /(isRIDADisabled=new \w+\("isRIDADisabled",\{signature:\{args:\[\],returns:\w+\.Boolean\},impl:\w+=>)(\w+)\.True\}/;
    if (!holder || !disabled.test(body)) {
      await route.fulfill({ response, body: 'throw new Error("privacy test: brs-engine isRIDADisabled changed shape")' });
      return;
    }
    await route.fulfill({ response, body: body.replace(disabled, (_m, head: string, b: string) => `${head}${holder}.deviceInfo.limitAdTracking===false?${b}.False:${b}.True}`) });
  });
}

/** A Task-ordered marker: the Task logs "unknown API call <name>" once it got there. */
const mark = (name: string) => `m.mpTask.mParticleApiCall = { m: "${name}" }`;

const TASK = [
  'm.mpTask = createObject("roSGNode", "mParticleTask")',
  'm.mp = mParticleSGBridge(m.mpTask)',
];

/** Every kind of call that would queue or send something. */
function everything(label: string): string[] {
  return [
    `m.mp.logEvent("${label} Event", mpc.CUSTOM_EVENT_TYPE.OTHER, { k: "v" })`,
    `m.mp.logScreenEvent("${label} Screen")`,
    `m.mp.setUserAttribute("${label}_attr", "x")`,
    `m.mp.identity.login({ userIdentities: { customerid: "${label}-customer" } })`,
    `s = mpc.MediaSession.build("${label}-content", "${label}", mpc.MEDIA_CONTENT_TYPE.VIDEO, mpc.MEDIA_STREAM_TYPE.ON_DEMAND, 60000)`,
    'm.mp.media.logMediaSessionStart(s, {})',
    'm.mp.media.logPlay(s, {})',
    'm.mp.upload()',
  ];
}

/**
 * One run that ends once the end mark was logged and `ready` holds; `ready` also gets the ids of
 * the batches the Task says were accepted (it says so after marking them done in the registry:
 * a run ended before that sends them again at the next start, which is right but not tested here).
 */
function run(
  collector: Collector,
  page: ReusablePage,
  init: string[],
  endMark: string,
  ready: (c: Collector, accepted: Set<string>) => boolean = () => true,
): Promise<RunResult> {
  let seen = false;
  const accepted = new Set<string>();
  return runChannel({
    channel: sceneChannel(collector, API_SECRET, { init: init.map((l) => `    ${l}`).join('\n'), options: { logLevel: DEBUG, uploadIntervalMillis: 250 } }),
    collector,
    page,
    timeoutMs: 60000,
    until: (l) => {
      if (l.includes(`unknown API call ${endMark}`)) seen = true;
      const batch = /batch (\S+) accepted \(HTTP/.exec(l);
      if (batch) accepted.add(batch[1]);
      return false;
    },
    untilCollector: (c) => seen && ready(c, accepted),
  });
}

const names = (c: Collector) => c.messages.map((m) => (m.n ? `${m.dt}:${m.n}` : m.dt));

function assertSecretKept(requests: readonly RecordedRequest[], consoles: RunResult[]): void {
  for (const r of requests) {
    assert.ok(!r.url.includes(API_SECRET), `secret in the URL ${r.url}`);
    assert.ok(!r.body.includes(API_SECRET), `secret in the body of ${r.path}`);
    // The signature is an HMAC keyed by the secret; the secret itself is in no header.
    for (const [k, v] of Object.entries(r.headers)) assert.ok(!String(v).includes(API_SECRET), `secret in header ${k}`);
    assert.ok(r.signatureValid, `request ${r.path} not signed with the secret`);
  }
  for (const res of consoles) {
    const leaks = res.console.filter((l) => l.includes(API_SECRET));
    assert.deepEqual(leaks, [], 'the secret is printed at logLevel DEBUG');
  }
}

describe('robustness: privacy', function () {
  this.timeout(180000);
  let collector: Collector;
  let page: ReusablePage | undefined;

  beforeEach(async () => {
    collector = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET, strict: true });
  });
  afterEach(async () => {
    await page?.close();
    page = undefined;
    await collector.close();
  });

  it('opt-out: the o message is sent, then nothing is queued or sent, also after a restart; opting back in resumes', async () => {
    page = await openPage(collector);
    // Run 1: some traffic, opt out, then every kind of call, then a marker.
    // The opt-out is delivered, and its batch accepted by the Task too.
    const optedOut = (c: Collector, accepted: Set<string>) =>
      c.requests.some((r) => r.kind === 'events' && r.response.status === 202 && r.body.includes('"dt":"o"') && accepted.has(String((r.json as { id?: unknown }).id)));
    const run1 = await run(collector, page, [
      ...TASK,
      'm.mp.logEvent("Before Opt Out")',
      'm.mp.setOptOut(true)',
      ...everything('Opted Out'),
      mark('privacy.run1'),
    ], 'privacy.run1', optedOut);
    assert.deepEqual(crashLines(run1.console), []);
    const all = names(collector);
    assert.ok(all.includes('e:Before Opt Out'), all.join(', '));
    assert.equal(all[all.length - 1], 'o', `messages after the opt-out: ${all.join(', ')}`);
    const oAt = collector.requests.findIndex((r) => r.kind === 'events' && r.body.includes('"dt":"o"'));
    assert.deepEqual(collector.requests.slice(oAt + 1).map((r) => r.path), [], 'requests after the opt-out batch');
    assert.ok(!collector.identityRequests.some((r) => r.kind === 'login'), 'login sent while opted out');
    // The Task did see those calls: it says at DEBUG why they are not queued.
    assert.ok(run1.console.some((l) => /core\.logEvent: opted out; call dropped/.test(l)), run1.console.slice(-30).join('\n'));
    // Nothing from after the opt-out is persisted: not in the queue, not in the user state.
    const registry = await page.registry();
    const stateKeys = Object.keys(registry).filter((k) => /\.mParticle_[^.]*\.state$/.test(k));
    assert.equal(stateKeys.length, 1, Object.keys(registry).join(', '));
    assert.ok(!registry[stateKeys[0]].includes('Opted Out'), `a call made after the opt-out is in the persisted state: ${registry[stateKeys[0]]}`);
    const queueKeys = Object.keys(registry).filter((k) => /\.mParticle_[^.]*\.queue$/.test(k));
    assert.equal(queueKeys.length, 1, Object.keys(registry).join(', '));
    assert.ok(!registry[queueKeys[0]].includes('Opted Out'), `a call made after the opt-out is in the persisted queue: ${registry[queueKeys[0]]}`);

    // Run 2, a restart on the same page: still opted out (no identify, nothing queued), then
    // opting back in sends o (s = false) and later calls again.
    const before = collector.requests.length;
    const backIn = (c: Collector) => ['Back In Event', 'Play'].every((n) => c.messages.some((m) => m.n === n));
    const run2 = await run(collector, page, [
      ...TASK,
      ...everything('Still Opted Out'),
      mark('privacy.run2a'),
      'm.mp.setOptOut(false)',
      'm.mp.logEvent("Back In Event")',
      's = mpc.MediaSession.build("back-in", "Back In", mpc.MEDIA_CONTENT_TYPE.VIDEO, mpc.MEDIA_STREAM_TYPE.ON_DEMAND, 60000)',
      'm.mp.media.logMediaSessionStart(s, {})',
      'm.mp.media.logPlay(s, {})',
      'm.mp.upload()',
      mark('privacy.run2b'),
    ], 'privacy.run2b', backIn);
    assert.deepEqual(crashLines(run2.console), []);
    const after = collector.requests.slice(before);
    const msgs = after.flatMap((r) => (r.kind === 'events' ? ((r.json as { msgs?: Array<Record<string, unknown>> }).msgs ?? []) : []));
    assert.ok(!after.some((r) => r.kind === 'identify' || r.kind === 'login'), `identity sent while opted out: ${after.map((r) => r.path).join(', ')}`);
    assert.ok(!msgs.some((m) => String(m.n ?? '').includes('Still Opted Out') || m.attrs && JSON.stringify(m.attrs).includes('Still Opted Out')), 'a call made while opted out was sent');
    const firstO = msgs.findIndex((m) => m.dt === 'o');
    assert.ok(firstO >= 0 && msgs[firstO].s === false, `no o (s = false): ${msgs.map((m) => m.dt).join(', ')}`);
    assert.ok(msgs.slice(0, firstO).every((m) => m.dt === 'o'), 'messages sent before the opt-in');
    assert.ok(run2.console.some((l) => /: opted out; call dropped/.test(l)), 'the restarted Task did not refuse the calls as opted out');
    assertSecretKept(collector.requests, [run1, run2]);
  });

  it('the API secret is in no URL, header or body, and in no console line at logLevel DEBUG', async () => {
    page = await openPage(collector);
    const res = await run(collector, page, [
      ...TASK,
      ...everything('Secret Check'),
      'm.mp.identity.modify({ userIdentities: { email: "a@b.c" } })',
      'm.mp.identity.logout({ userIdentities: {} })',
      'm.mp.logEvent("Secret Check Last")',
      'm.mp.upload()',
      mark('privacy.secret'),
    ], 'privacy.secret', (c) => c.events('Secret Check Last').length > 0 && c.identityRequests.some((r) => r.kind === 'logout'));
    assert.deepEqual(crashLines(res.console), []);
    const kinds = new Set(collector.requests.map((r) => r.kind));
    for (const k of ['events', 'identify', 'login', 'modify', 'logout']) assert.ok(kinds.has(k as RecordedRequest['kind']), `no ${k} request seen`);
    assert.ok(res.console.some((l) => l.includes('mParticle SDK [DEBUG]')), 'not running at DEBUG');
    assertSecretKept(collector.requests, [res]);
  });

  it('roku_aid is in the identity request (and rida in the batch) only when ad tracking is allowed', async () => {
    const seen: Array<{ aid: unknown; rida: unknown; lat: unknown }> = [];
    for (const limitAdTracking of [true, false]) {
      collector.reset();
      page = await openPage(collector);
      await allowAdTrackingSwitch(page);
      const res = await runChannel({
        channel: sceneChannel(collector, API_SECRET, { init: [...TASK, 'm.mp.logEvent("Ad Tracking Check")', 'm.mp.upload()'].map((l) => `    ${l}`).join('\n') }),
        collector,
        page,
        deviceInfo: { limitAdTracking, RIDA: RIDA },
        timeoutMs: 60000,
        untilCollector: (c) => c.identityRequests.length > 0 && c.events('Ad Tracking Check').length > 0,
      });
      assert.deepEqual(crashLines(res.console), []);
      const known = (collector.identityRequests[0].json as { known_identities: Record<string, unknown> }).known_identities;
      const di = (collector.batches[0].di ?? {}) as Record<string, unknown>;
      seen.push({ aid: known.roku_aid, rida: di.rida, lat: di.lat });
      await page.close();
      page = undefined;
    }
    assert.deepEqual(seen, [
      { aid: undefined, rida: undefined, lat: true },
      { aid: RIDA, rida: RIDA, lat: false },
    ]);
  });

  it('https uploads use the certificate file option (source check: the harness serves no https)', () => {
    // The loopback collector is plain http (brs-engine's roUrlTransfer is an XHR of the page,
    // which cannot be pointed at a self-signed https origin here), so this checks the
    // generated Task source instead: an https URL gets SetCertificatesFile with the option.
    const task = sdkFiles()['components/mParticleTask.brs'];
    const post = task.slice(task.indexOf('function mParticle_taskStartTransfer'), task.indexOf('end function', task.indexOf('function mParticle_taskStartTransfer')));
    assert.match(post, /if LCase\(Left\(url, 6\)\) = "https:"/);
    assert.match(post, /certificates = "common:\/certs\/ca-bundle\.crt"/);
    assert.match(post, /if core\.options\.enablePinning and core\.options\.certificateDir <> "" then certificates = core\.options\.certificateDir/);
    assert.match(post, /transfer\.SetCertificatesFile\(certificates\)/);
    assert.match(post, /transfer\.InitClientCertificates\(\)/);
    // Every request goes through mParticle_taskPost (no other roUrlTransfer in the Task).
    assert.equal(task.match(/CreateObject\("roUrlTransfer"\)/g)?.length, 1);
  });
});
