/**
 * Bad input (issue 6, item 3): every public method of the generated SDK called with every
 * BrightScript type in every argument position, in the simulator, against the loopback
 * collector. Asserts no crash on either thread, one clear log line per rejected call (no
 * silent drop, no flood), no API secret in the log, no garbage delivered for calls the SDK
 * accepts, and that valid calls made after the fuzzing are still delivered.
 *
 * How log lines are tied to calls: the render thread prints "FUZZ-R <id>" before each builder
 * case (builders log on the render thread, before the Task exists); on the Task each case is
 * followed by an API call of the unknown name "fuzz.mark.<id>", which the Task logs in its own
 * processing order ("unknown API call fuzz.mark.<id>"), so the lines between two markers are
 * exactly the lines of one call.
 */
import { strict as assert } from 'assert';
import { MEDIA_ATTRIBUTES, CUSTOM_EVENT_TYPE } from '../../src-ts/schema';
import { startCollector, type Collector, type NativeBatch } from '../../sim/collector/collector';
import { runChannel, type RunResult } from '../../sim/engine/simulator';
import { crashLines, sceneChannel, sdkFiles } from './channel';
import { BUILDERS, generatedBuilders, MARK_LINE, RENDER_MARK, renderFuzz, taskFuzz, type FuzzCase, type TaskFuzz } from './fuzz';

const API_KEY = 'us1-robustnesskey';
const API_SECRET = 'fuzz-secret-never-print-7f3a';
const SDK_LINE = 'mParticle SDK [';
const ENGINE_ERROR = /BRIGHTSCRIPT: ERROR/;
const AFTER_EVENT = 'After Fuzz';
const AFTER_CONTENT = 'after-fuzz';
const AFTER_MEDIA = ['Media Session Start', 'Play', 'Pause', 'Media Session End'];

/** Lines of one case, by where they came from. */
interface CaseLines {
  sdk: string[];
  engine: string[];
}

interface Attribution {
  byCase: Map<number, CaseLines>;
  /** SDK lines after the fuzz (the valid calls must log nothing at ERROR). */
  after: string[];
  /** Task markers that never showed up (a dead Task, or a call that swallowed its marker). */
  missingMarkers: number[];
}

/**
 * Splits the console into the lines of each case: render cases by the "FUZZ-R <id>" prints,
 * Task cases by the marker lines (lines after marker k-1 and up to marker k are case k's).
 */
function attribute(console: readonly string[], render: TaskFuzz | undefined, task: TaskFuzz | undefined): Attribution {
  const byCase = new Map<number, CaseLines>();
  const after: string[] = [];
  const seen = new Set<string>();
  const taskIds = new Set((task?.cases ?? []).map((c) => c.id));
  let where: { kind: 'render' | 'task'; id: number } | 'before' | 'after' = 'before';
  const bucket = (kind: 'render' | 'task', id: number) => {
    const key = kind === 'render' ? -id : id;
    if (!byCase.has(key)) byCase.set(key, { sdk: [], engine: [] });
    return byCase.get(key)!;
  };
  for (const line of console) {
    const r = RENDER_MARK.exec(line);
    if (r) {
      where = r[1] === 'END' ? 'before' : { kind: 'render', id: Number(r[1]) };
      continue;
    }
    const t = line.includes(SDK_LINE) ? MARK_LINE.exec(line) : null;
    if (t) {
      seen.add(t[1]);
      const next = Number(t[1]) + 1;
      where = /^\d+$/.test(t[1]) && taskIds.has(next) ? { kind: 'task', id: next } : 'after';
      continue;
    }
    const isSdk = line.includes(SDK_LINE);
    const isEngine = ENGINE_ERROR.test(line);
    if (!isSdk && !isEngine) continue;
    if (typeof where === 'object') {
      const b = bucket(where.kind, where.id);
      (isSdk ? b.sdk : b.engine).push(line);
    } else if (isSdk) {
      after.push(line);
    }
  }
  const missingMarkers = task ? ['0', ...task.cases.map((c) => String(c.id)), 'END', 'DONE'].filter((id) => !seen.has(id)).map((id) => (/^\d+$/.test(id) ? Number(id) : -1)) : [];
  return { byCase, after, missingMarkers };
}

/** The expectation each case breaks, if any. */
function judge(c: FuzzCase, lines: CaseLines | undefined): string | undefined {
  const sdk = lines?.sdk ?? [];
  if (c.expect === 'reject') {
    if (sdk.length === 0) return 'rejected silently (or accepted garbage): no log line';
    if (sdk.length > 1) return `${sdk.length} log lines for one call`;
    if (!sdk[0].includes(c.mention)) return `the line does not name ${c.mention}`;
  } else if (c.expect === 'accept') {
    if (sdk.length > 0) return `valid call logged ${sdk.length} line(s)`;
  } else if (sdk.length > 1) {
    return `${sdk.length} log lines for one call`;
  }
  return undefined;
}

/** The scene's init(): values, render fuzz, Task + bridge, Task fuzz, then the valid calls. */
function fuzzScene(render: TaskFuzz | undefined, task: TaskFuzz | undefined): { init: string; subs: string } {
  const init = [
    'm.fzDt = CreateObject("roDateTime")',
    'm.fzNode = CreateObject("roSGNode", "ContentNode")',
    'm.fzConsent = mpc.ConsentState.build()',
    'mpc.ConsentState.addGDPRConsentState(m.fzConsent, "fuzz purpose", mpc.GDPRConsentState.build(true, 1000))',
    ...(render?.parts ?? []).map((p) => `${p}()`),
    'print "FUZZ-R END"',
    'm.mpTask = createObject("roSGNode", "mParticleTask")',
    'm.mp = mParticleSGBridge(m.mpTask)',
    'm.mpTask.mParticleApiCall = { m: "fuzz.mark.0" }',
    `m.fzParts = ${task?.parts.length ?? 0}`,
    'm.fzNext = 0',
    'm.fzWaitFor = ""',
    'm.fzNeedEmpty = false',
    'm.mpTask.observeField(mpc.SCENEGRAPH_NODES.CURRENT_USER_NODE, "fz_onUser")',
    'm.mpTask.observeField(mpc.SCENEGRAPH_NODES.CURRENT_SESSION_NODE, "fz_onSession")',
    'fz_step()',
  ].map((l) => `    ${l}`).join('\n');
  const after = ['m.mpTask.mParticleApiCall = { m: "fuzz.mark.END" }',
    // After the fuzzing: a marker event and a media session, built with the same builders.
    `m.mp.logEvent("${AFTER_EVENT}", mpc.CUSTOM_EVENT_TYPE.OTHER, { step: "after" })`,
    `s = mpc.MediaSession.build("${AFTER_CONTENT}", "After Fuzz", mpc.MEDIA_CONTENT_TYPE.VIDEO, mpc.MEDIA_STREAM_TYPE.ON_DEMAND, 60000)`,
    'm.mp.media.logMediaSessionStart(s, {})',
    'm.mp.media.logPlay(s, {})',
    's.currentPlayheadPosition = 5000',
    'm.mp.media.logPause(s, {})',
    'm.mp.media.logMediaSessionEnd(s, {})',
    'm.mp.upload()',
    'm.mpTask.mParticleApiCall = { m: "fuzz.mark.DONE" }',
  ].map((l) => `    ${l}`).join('\n');
  const subs = `' Sends the next part of the Task fuzz, or, after the last, the valid calls.
sub fz_step()
    mpc = mParticleConstants()
    if m.fzNext < m.fzParts
        i = m.fzNext
        m.fzNext = i + 1
        m.fzWaitFor = "part-" + i.ToStr()
        fz_run(i)
        return
    end if
    m.fzWaitFor = ""
${after}
end sub

' The Task published the user: when it carries the mark of the part just sent, send the next.
sub fz_onUser(event as object)
    user = event.getData()
    if type(user) <> "roAssociativeArray" or type(user.userAttributes) <> "roAssociativeArray" then return
    ' Once per part: the Task publishes the user again on identity answers, with the same mark.
    if m.fzWaitFor <> "" and user.userAttributes.fz_part = m.fzWaitFor
        m.fzWaitFor = ""
        m.fzNeedEmpty = true
    end if
end sub

' The Task published its session counters: once the part is through and uploaded, go on.
sub fz_onSession(event as object)
    counters = event.getData()
    if not m.fzNeedEmpty or type(counters) <> "roAssociativeArray" or counters.queued <> 0 then return
    m.fzNeedEmpty = false
    fz_step()
end sub

' A copy of a session with one field overwritten (the channel's object stays valid).
function fz_with(s as object, key as string, value as dynamic) as object
    c = {}
    c.Append(s)
    c[key] = value
    return c
end function

${render?.subs ?? ''}
${task?.subs ?? 'sub fz_run(i as integer)\nend sub\n'}`;
  return { init, subs };
}

const afterDelivered = (c: Collector) =>
  c.events(AFTER_EVENT).length > 0 &&
  AFTER_MEDIA.every((n) => c.events(n).some((e) => (e.attrs as Record<string, unknown> | undefined)?.content_id === AFTER_CONTENT));

interface FuzzRun {
  run: RunResult;
  collector: Collector;
  cases: FuzzCase[];
  failures: string[];
  attribution: Attribution;
}

/** Runs one fuzz channel until the valid calls after the fuzz are delivered, and judges every case. */
async function fuzzRun(collector: Collector, render: TaskFuzz | undefined, task: TaskFuzz | undefined): Promise<FuzzRun> {
  const scene = fuzzScene(render, task);
  let done = false;
  const run = await runChannel({
    channel: sceneChannel(collector, API_SECRET, {
      ...scene,
      // A big queue budget: the fuzz queues hundreds of valid messages at once, and a
      // "queue full" line would land among the lines of whatever call comes next.
      options: { logLevel: 1, uploadIntervalMillis: 250, queueBudgetBytes: 50000000, maxQueueMessages: 100000 },
    }),
    collector,
    timeoutMs: 170000,
    until: (l) => {
      if (l.includes('fuzz.mark.DONE')) done = true;
      return false;
    },
    untilCollector: (c) => done && afterDelivered(c),
  });
  const cases = [...(render?.cases ?? []), ...(task?.cases ?? [])];
  const attribution = attribute(run.console, render, task);
  const failures: string[] = [];
  for (const c of render?.cases ?? []) {
    const why = judge(c, attribution.byCase.get(-c.id));
    if (why) failures.push(`render #${c.id} ${c.label}: ${why}\n      ${(attribution.byCase.get(-c.id)?.sdk ?? []).join('\n      ')}`);
  }
  for (const c of task?.cases ?? []) {
    const why = judge(c, attribution.byCase.get(c.id));
    if (why) failures.push(`task #${c.id} ${c.label}: ${why}\n      ${(attribution.byCase.get(c.id)?.sdk ?? []).join('\n      ')}`);
  }
  return { run, collector, cases, failures, attribution };
}

/** The checks every run shares: no crash, every marker, quiet valid calls, no secret, delivery. */
function assertCommon(r: FuzzRun, title: string): void {
  const crashes = crashLines(r.run.console);
  assert.equal(r.run.crashed, false, `channel crashed: ${r.run.exitReason}\n${r.run.console.slice(-30).join('\n')}`);
  assert.deepEqual(crashes, [], `crash signs:\n${crashes.join('\n')}`);
  assert.deepEqual(r.attribution.missingMarkers, [], 'Task markers missing: the Task stopped or lost calls');
  assert.deepEqual(r.attribution.after, [], 'the valid calls after the fuzz logged errors');
  assert.ok(!r.run.console.some((l) => l.includes(API_SECRET)), 'the API secret is in the log');
  assert.ok(afterDelivered(r.collector), 'the valid calls after the fuzz were not delivered');
  const engine = [...r.attribution.byCase.entries()].filter(([, v]) => v.engine.length > 0);
  const rejected = r.cases.filter((c) => c.expect === 'reject').length;
  console.log(`      ${title}: ${r.cases.length} calls tried (${rejected} with a wrong argument), ` +
    `${r.collector.messages.length} messages delivered; ${engine.length} call(s) made the engine print a FormatJSON error`);
  const labels = new Map(r.cases.map((c) => [c.id, c.label]));
  for (const [id, v] of engine) console.log(`        ${labels.get(Math.abs(id))}: ${v.engine[0]}`);
}

/** Known SDK failures (reported to the lead); each is `label prefix -> what goes wrong`. Kept out of the assertion. */
/** Calls that still break the one-line rule and why; empty since the SDK fixes of the fuzz findings. */
const KNOWN_FAILURES: ReadonlyArray<RegExp> = [];

function assertCases(r: FuzzRun): void {
  const unexpected = r.failures.filter((f) => !KNOWN_FAILURES.some((k) => k.test(f)));
  const known = r.failures.length - unexpected.length;
  if (known) console.log(`      known SDK failures still failing: ${known}`);
  assert.deepEqual(unexpected, [], `calls that broke the one-line rule:\n${unexpected.join('\n')}`);
}

/** Values of delivered data that came from a bad argument the SDK accepted ("garbage"). */
function garbage(c: Collector): string[] {
  const out: string[] = [];
  const kinds = new Map(MEDIA_ATTRIBUTES.map((a) => [a.key, a.kind]));
  const numeric = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
  const eventTypes = new Set(Object.values(CUSTOM_EVENT_TYPE));
  for (const m of c.messages) {
    const attrs = (m.attrs ?? {}) as Record<string, unknown>;
    const tag = `${m.dt}:${m.n ?? ''} (${String(attrs.fuzz_case ?? attrs.media_session_id ?? '')})`;
    for (const [k, v] of Object.entries(attrs)) {
      if (typeof v !== 'string') out.push(`${tag}: attribute ${k} is not a string: ${JSON.stringify(v)}`);
      const kind = kinds.get(k);
      if (typeof v === 'string' && (kind === 'milliseconds' || kind === 'integer' || kind === 'decimal' || kind === 'timestamp') && !numeric.test(v)) {
        out.push(`${tag}: ${k} (${kind}) = ${JSON.stringify(v)}`);
      }
      if (typeof v === 'string' && kind === 'boolean' && v !== 'true' && v !== 'false') out.push(`${tag}: ${k} (boolean) = ${JSON.stringify(v)}`);
    }
    if ((m.dt === 'e' || m.dt === 'v') && (typeof m.n !== 'string' || m.n === '')) out.push(`${tag}: name ${JSON.stringify(m.n)}`);
    if (m.dt === 'e' && !eventTypes.has(String(m.et))) out.push(`${tag}: event type ${JSON.stringify(m.et)}`);
    if (m.dt === 'cm') {
      for (const key of ['pd', 'pm']) {
        const v = m[key];
        if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v) || typeof (v as Record<string, unknown>).an !== 'string')) {
          out.push(`${tag}: ${key} is not a product/promotion action: ${JSON.stringify(v)}`);
        }
      }
      if (m.pi !== undefined && (!Array.isArray(m.pi) || m.pi.some((x) => typeof x !== 'object' || x === null || Array.isArray(x)))) out.push(`${tag}: pi = ${JSON.stringify(m.pi)}`);
    }
    if (m.dt === 'uac') {
      const okValue = (v: unknown) => v === undefined || v === null || typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
      if (typeof m.n !== 'string' || m.n === '' || !okValue(m.nv)) out.push(`${tag}: user attribute change ${JSON.stringify({ n: m.n, nv: m.nv })}`);
    }
  }
  for (const b of c.batches as NativeBatch[]) {
    for (const [k, v] of Object.entries((b.ua ?? {}) as Record<string, unknown>)) {
      if (!(typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))) out.push(`batch ua.${k} = ${JSON.stringify(v)}`);
    }
  }
  for (const r of c.identityRequests) {
    const known = ((r.json ?? {}) as Record<string, unknown>).known_identities as Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(known ?? {})) if (typeof v !== 'string') out.push(`${r.kind}: known_identities.${k} = ${JSON.stringify(v)}`);
  }
  return [...new Set(out)];
}

/** Known garbage (reported); kept out of the assertion. */
/** Garbage the SDK still delivers and why; empty since the SDK fixes of the fuzz findings. */
const KNOWN_GARBAGE: ReadonlyArray<RegExp> = [];

function assertNoGarbage(c: Collector): void {
  const found = garbage(c);
  const unexpected = found.filter((g) => !KNOWN_GARBAGE.some((k) => k.test(g)));
  if (found.length !== unexpected.length) console.log(`      known garbage still delivered: ${found.length - unexpected.length}`);
  assert.deepEqual(unexpected, [], `garbage delivered:\n${unexpected.join('\n')}`);
}

describe('robustness: bad input to every public method', function () {
  this.timeout(200000);
  let collector: Collector;

  beforeEach(async () => {
    collector = await startCollector({ apiKey: API_KEY, apiSecret: API_SECRET, strict: true });
  });
  afterEach(async () => {
    await collector.close();
  });

  it('fuzzes every builder the generated SDK defines', () => {
    // The builder table is hand-written (builders have no schema): it must match the SDK.
    const defined = generatedBuilders(sdkFiles()['source/mparticle/mParticleCore.brs']);
    const table = Object.fromEntries(Object.entries(BUILDERS).map(([k, v]) => [k, Object.keys(v).sort()]));
    assert.deepEqual(Object.fromEntries(Object.entries(defined).map(([k, v]) => [k, [...v].sort()])), table);
  });

  it('builders and mParticleSGBridge: one line per wrong argument, nothing for right ones, no crash', async () => {
    const r = await fuzzRun(collector, renderFuzz(), undefined);
    assertCommon(r, 'builders + mParticleSGBridge');
    assertCases(r);
  });

  it('core and identity methods: one line per wrong argument, no garbage delivered, later calls delivered', async () => {
    const r = await fuzzRun(collector, undefined, taskFuzz(['core', 'identity']));
    assertCommon(r, 'core + identity');
    assertCases(r);
    assertNoGarbage(collector);
  });

  it('media methods (and wrong-typed session fields): one line per wrong argument, no garbage delivered, later calls delivered', async () => {
    const r = await fuzzRun(collector, undefined, taskFuzz(['media']));
    assertCommon(r, 'media');
    assertCases(r);
    assertNoGarbage(collector);
  });
});
