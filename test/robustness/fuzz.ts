/**
 * Generates the BrightScript of the bad-input fuzz: every public method with every
 * BrightScript type in every argument position. The bridge methods come from the schema
 * (BRIDGE_APIS, MEDIA_APIS with their aliases), so a method added there is fuzzed without
 * touching this file; BUILDERS below lists the builders with the kinds their checks take (an
 * oracle independent of src-ts/schema/builders.ts) and the test checks that list against the
 * generated `mParticle_addBuilders`.
 */
import { BRIDGE_APIS, MEDIA_APIS, TRACKING_APIS, type ArgKind, type MediaParamKind } from '../../src-ts/schema';

/** One BrightScript value of the fuzz, by the type a channel could pass by mistake. */
export interface FuzzValue {
  readonly label: string;
  /** Expression; `m.fzDt` / `m.fzNode` are created once by the scene. */
  readonly brs: string;
  /** Which kinds accept it (the Task's kinds and the builders' kinds). */
  readonly type: 'invalid' | 'number' | 'string' | 'empty' | 'boolean' | 'array' | 'aa' | 'mixedAA' | 'datetime' | 'node';
}

export const FUZZ_VALUES: readonly FuzzValue[] = [
  { label: 'invalid', brs: 'invalid', type: 'invalid' },
  { label: 'Integer', brs: '42', type: 'number' },
  { label: 'LongInteger', brs: '9876543210&', type: 'number' },
  { label: 'Float', brs: '1.5!', type: 'number' },
  { label: 'Double', brs: '2.25#', type: 'number' },
  { label: 'String', brs: '"fuzz"', type: 'string' },
  { label: 'empty String', brs: '""', type: 'empty' },
  { label: 'Boolean', brs: 'true', type: 'boolean' },
  { label: 'roArray', brs: '["fuzz", 1]', type: 'array' },
  { label: 'roAssociativeArray', brs: '{ fuzz: "aa" }', type: 'aa' },
  { label: 'roDateTime', brs: 'm.fzDt', type: 'datetime' },
  { label: 'roSGNode', brs: 'm.fzNode', type: 'node' },
];

/** An AA holding a value of every type: documented as fine where "values of any type" are taken. */
export const MIXED_AA: FuzzValue = {
  label: 'roAssociativeArray of every type',
  brs: '{ s: "x", i: 1, l: 9876543210&, f: 1.5!, d: 2.25#, b: true, a: ["x", 1], o: { k: "v" }, z: invalid, t: m.fzDt, n: m.fzNode }',
  type: 'mixedAA',
};

/**
 * What a call must do: `reject` = exactly one SDK log line naming the method; `accept` = no
 * line at all (builders: nothing can legitimately warn); `acceptTask` = at most one line (a
 * call of the right types may still get one warning from the Task, e.g. an unknown event type
 * or a media call that does not fit the session's state); `setup` = a valid call that prepares
 * the next cases, at most one line for the same reason.
 */
export type Expect = 'reject' | 'accept' | 'acceptTask' | 'setup';

export interface FuzzCase {
  readonly id: number;
  readonly label: string;
  readonly expect: Expect;
  /** Text the rejection line must contain (the method name, as the SDK prints it). */
  readonly mention: string;
  readonly brs: string[];
}

// ---------------------------------------------------------------- Task-side kinds

/**
 * Types the Task accepts per schema kind, as documented in API.md ("kind" column and
 * src-ts/schema/bridge-apis.ts ArgKind docs). Numbers are NOT accepted as names: the Task's
 * check is `mParticle_taskArgIsKind` (generated/components/mParticleTask.brs), which takes only
 * strings for `name`/`string`, so a number is a rejected call, not a converted one.
 */
const TASK_ACCEPTS: Record<ArgKind | MediaParamKind, ReadonlyArray<FuzzValue['type']>> = {
  name: ['string'],
  string: ['string', 'empty'],
  number: ['number'],
  boolean: ['boolean'],
  value: ['string', 'empty', 'number', 'boolean', 'array'],
  // The fuzz array holds a number: only arrays of strings are accepted.
  strings: ['string', 'empty'],
  attributes: ['aa', 'mixedAA'],
  // "an associative array built with one of the builders": a bare array is garbage here.
  object: ['aa', 'mixedAA'],
  // An array of builder results (impressions).
  list: ['array'],
  node: ['node'],
  // A bare AA is not a session (no mediaSessionId): the media logic rejects it with one line.
  session: [],
};

/** Parameters whose documented type differs from their kind's default. */
const PARAM_ACCEPTS: Record<string, ReadonlyArray<FuzzValue['type']>> = {};

/** The Task's dispatch name of a bridge method (aliases dispatch to their method). */
interface TaskApi {
  ns: 'core' | 'identity' | 'media';
  /** Name as called on the bridge. */
  call: string;
  /** Name the Task logs. */
  dispatch: string;
  params: { name: string; kind: ArgKind | MediaParamKind; optional: boolean }[];
}

export function taskApis(): TaskApi[] {
  const out: TaskApi[] = BRIDGE_APIS.map((a) => ({ ns: a.ns, call: a.method, dispatch: a.method, params: a.params.map((p) => ({ ...p })) }));
  for (const a of MEDIA_APIS) {
    for (const call of [a.method, ...(a.aliases ?? [])]) {
      out.push({ ns: 'media', call, dispatch: a.method, params: a.params.map((p) => ({ ...p })) });
    }
  }
  // The tracking methods (trackVideo, stopTracking, trackAdEvent) take the fuzz's stand-in
  // node (a ContentNode) and the method's own session.
  for (const a of TRACKING_APIS) out.push({ ns: 'media', call: a.method, dispatch: a.method, params: a.params.map((p) => ({ ...p })) });
  return out;
}

function bridgeCall(api: TaskApi, args: string[]): string {
  const target = api.ns === 'core' ? 'm.mp' : `m.mp.${api.ns}`;
  return `${target}.${api.call}(${args.join(', ')})`;
}

const MARK_PREFIX = 'fuzz.mark.';
/** The Task logs "unknown API call fuzz.mark.<id>": a marker in the Task's own log order. */
export const MARK_LINE = /unknown API call fuzz\.mark\.(\w+)/;

function taskMarker(id: number | string): string {
  return `m.mpTask.mParticleApiCall = { m: "${MARK_PREFIX}${id}" }`;
}

/** Valid argument for a parameter; `tag` lets the test find what a case delivered. */
function baseline(api: TaskApi, p: TaskApi['params'][number], tag: string): string {
  const key = `${api.ns}.${api.dispatch}.${p.name}`;
  switch (key) {
    case 'core.logEvent.eventType':
      return '"other"';
    case 'core.setOptOut.optOut':
      return 'false';
    case 'core.logCommerceEvent.productAction':
      return 'mpc.ProductAction.build("purchase", 10, [mpc.Product.build("sku-1", "Fuzz Product", 5, 2)])';
    case 'core.logCommerceEvent.promotionAction':
      return 'mpc.PromotionAction.build("view", [mpc.Promotion.build("promo-1", "Fuzz Promo", "banner", "top")])';
    case 'core.logCommerceEvent.impressions':
      return '[mpc.Impression.build("fuzz list", [mpc.Product.build("sku-2", "Fuzz Product 2", 1, 1)])]';
    case 'core.logMessage.message':
      return '{ dt: "e", n: "Fuzz Raw Message", et: "other" }';
    case 'core.setConsentState.consentState':
      return 'm.fzConsent';
  }
  if (p.name === 'mediaSession') return 'm.fzS';
  switch (p.kind) {
    case 'name':
      return `"fuzz_${tag}"`;
    case 'string':
      return '"fuzz-string"';
    case 'number':
      return '1000';
    case 'boolean':
      return 'false';
    case 'value':
      return '"fuzz-value"';
    case 'strings':
      return '"fuzz-strings"';
    case 'attributes':
      return `{ fuzz_case: "${tag}" }`;
    case 'object':
      return '{ userIdentities: { customerid: "fuzz-customer" } }';
    case 'list':
      return '[]';
    case 'session':
      return 'm.fzS';
    case 'node':
      return 'm.fzNode';
  }
}

/** The Boolean fuzz value of setOptOut must not opt out: the run goes on uploading. */
function valueFor(api: TaskApi, p: TaskApi['params'][number], v: FuzzValue): string {
  if (api.dispatch === 'setOptOut' && v.type === 'boolean') return 'false';
  return v.brs;
}

/** Fields of a session overwritten with wrong types; only a bad mediaSessionId rejects the call. */
export const SESSION_VARIANTS: ReadonlyArray<{ field: string; brs: string; label: string; reject: boolean }> = [
  ...['5', '""', '[]', '{}', 'invalid', 'true', 'm.fzNode', 'm.fzDt'].map((brs) => ({ field: 'mediaSessionId', brs, label: brs, reject: true })),
  ...[
    ['contentId', '[]'],
    ['title', 'm.fzNode'],
    ['contentType', '5'],
    ['streamType', '{}'],
    ['duration', '{}'],
    ['duration', '"abc"'],
    ['duration', 'true'],
    ['currentPlayheadPosition', '"abc"'],
    ['currentPlayheadPosition', 'invalid'],
    ['currentPlayheadPosition', 'm.fzDt'],
    ['adBreak', '"x"'],
    ['adBreak', '[]'],
    ['adContent', '[]'],
    ['adContent', 'm.fzNode'],
    ['segment', 'invalid'],
    ['segment', '"x"'],
    ['mediaSessionAttributes', '7'],
    ['mediaSessionAttributes', '["x"]'],
    ['excludeAdBreaksFromContentTime', '"yes"'],
  ].map(([field, brs]) => ({ field, brs, label: brs, reject: false })),
];

/** Methods that get the session variants of each field (besides mediaSessionId, which all get). */
const CONTENT_READERS = ['logPlay', 'logPlayheadPosition', 'logMediaSessionEnd'];
const VARIANT_METHODS: Record<string, string[]> = {
  contentId: CONTENT_READERS,
  title: CONTENT_READERS,
  contentType: CONTENT_READERS,
  streamType: CONTENT_READERS,
  duration: CONTENT_READERS,
  currentPlayheadPosition: CONTENT_READERS,
  mediaSessionAttributes: CONTENT_READERS,
  excludeAdBreaksFromContentTime: ['logPlay', 'logAdBreakStart'],
  adBreak: ['logAdBreakStart', 'logAdStart'],
  adContent: ['logAdStart', 'logAdClick'],
  segment: ['logSegmentStart', 'logSegmentEnd'],
};

export interface TaskFuzz {
  cases: FuzzCase[];
  /** BrightScript subs `fz_part<n>()` and the list of their names, in order. */
  subs: string;
  parts: string[];
}

class Builder {
  cases: FuzzCase[] = [];
  private next = 1;
  add(label: string, expect: Expect, mention: string, brs: string[]): FuzzCase {
    const c: FuzzCase = { id: this.next++, label, expect, mention, brs };
    this.cases.push(c);
    return c;
  }
}

/** Chunks statements into subs (one huge init() is hard to read in a BackTrace). */
function toSubs(prefix: string, bodies: string[][], perSub = 60): { subs: string; parts: string[] } {
  const parts: string[] = [];
  const out: string[] = [];
  for (let i = 0; i < bodies.length; i += perSub) {
    const name = `${prefix}${parts.length}`;
    parts.push(name);
    const body = bodies.slice(i, i + perSub).flat().map((l) => `    ${l}`).join('\n');
    out.push(`sub ${name}()\n    mpc = mParticleConstants()\n${body}\nend sub\n`);
  }
  return { subs: out.join('\n'), parts };
}

/**
 * The Task-side fuzz for the APIs of `namespaces`: each case is followed by a marker call, so
 * that the log lines between two markers are exactly the lines of one call.
 */
export function taskFuzz(namespaces: ReadonlyArray<'core' | 'identity' | 'media'>): TaskFuzz {
  const b = new Builder();
  const bodies: string[][] = [];
  const emit = (label: string, expect: Expect, mention: string, brs: string[]) => {
    const c = b.add(label, expect, mention, brs);
    bodies.push([...brs, taskMarker(c.id)]);
  };
  for (const api of taskApis().filter((a) => namespaces.includes(a.ns))) {
    const name = `${api.ns}.${api.call}`;
    const mention = api.dispatch;
    const isMedia = api.ns === 'media';
    if (isMedia) {
      // A session of its own per method: a method that ends or closes its session does not
      // turn the next method's cases into "session ended" warnings. It has everything the ad
      // and segment methods read, and is closed at the end (at most 8 sessions stay open).
      const id = `fuzz-${api.call}`;
      emit(`${name}: setup session`, 'setup', mention, [
        `m.fzS = mpc.MediaSession.build("${id}", "Fuzz ${api.call}", "Video", "OnDemand", 60000)`,
        'm.fzS.adBreak = mpc.AdBreak.build("break-1", "Fuzz Break")',
        'm.fzS.adContent = mpc.AdContent.build("ad-1", "Fuzz Ad")',
        'm.fzS.segment = mpc.Segment.build("Fuzz Segment", 1, 30000)',
        'm.mp.media.logMediaSessionStart(m.fzS, {})',
      ]);
    }
    const tag = (id: number) => `c${id}`;
    // Every value in every position; the other positions hold valid values.
    api.params.forEach((p, i) => {
      const accepts = PARAM_ACCEPTS[`${api.ns}.${api.dispatch}.${p.name}`] ?? TASK_ACCEPTS[p.kind];
      const values = p.kind === 'attributes' ? [...FUZZ_VALUES, MIXED_AA] : FUZZ_VALUES;
      for (const v of values) {
        const ok = v.type === 'invalid' ? p.optional : accepts.includes(v.type);
        const id = b.cases.length + 1;
        const args = api.params.map((q, j) => (j === i ? valueFor(api, q, v) : baseline(api, q, tag(id))));
        emit(`${name}(${p.name} = ${v.label})`, ok ? 'acceptTask' : 'reject', mention, [bridgeCall(api, args)]);
      }
    });
    // No arguments at all.
    const required = api.params.some((p) => !p.optional);
    emit(`${name}() without arguments`, required ? 'reject' : 'acceptTask', mention, [bridgeCall(api, [])]);
    if (isMedia) {
      // A bad mediaSessionId with every method (rejected early, cheap); the other fields with
      // the methods that read them (an accepted media call costs ~0.2 s in brs-engine, so
      // all 19 x 24 would not fit a test run).
      for (const sv of SESSION_VARIANTS.filter((v) => v.reject || (VARIANT_METHODS[v.field] ?? []).includes(api.call))) {
        const id = b.cases.length + 1;
        const args = api.params.map((q) => (q.name === 'mediaSession' ? 'fz_with(m.fzS, "' + sv.field + '", ' + sv.brs + ')' : baseline(api, q, tag(id))));
        emit(`${name}(mediaSession.${sv.field} = ${sv.label})`, sv.reject ? 'reject' : 'acceptTask', mention, [bridgeCall(api, args)]);
      }
      emit(`${name}: close session`, 'setup', mention, ['m.mp.media.logMediaSessionEnd(m.fzS, {})']);
      emit(`${name}: summarize session`, 'setup', mention, ['m.mp.media.logMediaSessionSummary(m.fzS, {})']);
    }
  }
  const { subs, parts } = toSubs('fz_part', bodies);
  // fz_run(i) runs part i, then sets a user attribute whose publication on the Task's
  // CURRENT_USER_NODE field tells the scene that the Task is through part i, and asks for an
  // upload; the scene sends the next part once CURRENT_SESSION_NODE shows an empty queue.
  // So the Task's port never holds the whole fuzz at once: brs-engine runs a Task's requests
  // only while it waits on an empty port, and an undrained queue makes each call slower.
  const run = parts.map((p, i) => `    ${i === 0 ? 'if' : 'else if'} i = ${i} then\n        ${p}()`).join('\n');
  const dispatcher = `sub fz_run(i as integer)\n${run}\n    end if\n    m.mp.identity.setUserAttribute("fz_part", "part-" + i.ToStr())\n    m.mp.upload()\nend sub\n`;
  return { cases: b.cases, subs: `${subs}\n${dispatcher}`, parts };
}

// ---------------------------------------------------------------- builders (render thread)

/**
 * Builder parameter kinds, as the builders check them (generated/source/mparticle/
 * mParticleCore.brs, "argument checks"):
 * - str: mParticle_argString: a string, or a NUMBER CONVERTED to its string (the SDK's chosen
 *   leniency: ids like contentId or a promotion position are often numbers in channel code);
 *   anything else, invalid included, is logged and replaced by "".
 * - num / bool / obj / list: the value, or silently the neutral default when invalid
 *   (omitted argument); any other type is logged once.
 * - numSet / boolSet / aaSet / listSet: the value of a setter added for 2.x (generated from the
 *   schema): anything but that type, invalid included, is logged and dropped.
 * - target: the object a setter changes: anything but an AA is logged and the call ignored.
 * - consent: a ConsentState.build() result (an AA with a gdpr AA).
 * - quiet: removeGDPRConsentState / removeCCPAConsentState / get*: a wrong consent state is
 *   ignored WITHOUT a log line (reported as a gap; asserted here only as "no crash, no line").
 */
type BK = 'str' | 'num' | 'bool' | 'obj' | 'list' | 'numSet' | 'boolSet' | 'aaSet' | 'listSet' | 'target' | 'consent' | 'quiet';

const setStr: BK[] = ['target', 'str'];
const setNum: BK[] = ['target', 'num'];
const dropNum: BK[] = ['target', 'numSet'];
const dropBool: BK[] = ['target', 'boolSet'];
const CONSENT: Record<string, BK[]> = {
  build: ['bool', 'num'],
  setDocument: setStr,
  setConsented: ['target', 'bool'],
  setLocation: setStr,
  setTimestamp: setNum,
  setHardwareId: setStr,
};

export const BUILDERS: Record<string, Record<string, BK[]>> = {
  MediaSession: {
    build: ['str', 'str', 'str', 'str', 'num', 'obj', 'bool'],
    setDuration: setNum,
    setCurrentPlayheadPosition: setNum,
    setAdContent: ['target', 'obj'],
    setAdBreak: ['target', 'obj'],
    setSegment: ['target', 'obj'],
    setMediaSessionAttributes: ['target', 'aaSet'],
    setMediaSessionStartTime: dropNum,
    setMediaSessionEndTime: dropNum,
    setMediaContentComplete: dropBool,
    setMediaContentTimeSpent: dropNum,
    setMediaSessionSegmentTotal: dropNum,
    setMediaSessionAdTotal: dropNum,
    setMediaTotalAdTimeSpent: dropNum,
    setMediaAdTimeSpentRate: dropNum,
    setMediaSessionAdObjects: ['target', 'listSet'],
    unixTimeMillis: [],
  },
  AdBreak: { build: ['str', 'str'], setDuration: setNum },
  AdContent: {
    build: ['str', 'str'],
    setDuration: setNum,
    setAdvertiser: setStr,
    setCampaign: setStr,
    setCreative: setStr,
    setPlacement: setStr,
    setPosition: setNum,
    setIndex: setNum,
    setSiteId: setStr,
    setAdStartTime: dropNum,
    setAdEndTime: dropNum,
    setAdCompleted: dropBool,
    setAdSkipped: dropBool,
  },
  Segment: {
    build: ['str', 'num', 'num'],
    setDuration: dropNum,
    setSegmentStartTime: dropNum,
    setSegmentEndTime: dropNum,
    setSegmentCompleted: dropBool,
    setSegmentSkipped: dropBool,
  },
  Product: { build: ['str', 'str', 'num', 'num', 'obj'], setBrand: setStr, setCategory: setStr, setVariant: setStr, setPosition: setNum, setCouponCode: setStr },
  ProductAction: {
    build: ['str', 'num', 'list'],
    setCheckoutStep: setNum,
    setCheckoutOptions: setStr,
    setProductActionList: setStr,
    setProductListSource: setStr,
    setTransactionId: setStr,
    setAffiliation: setStr,
    setTaxAmount: setNum,
    setShippingAmount: setNum,
    setCouponCode: setStr,
  },
  Promotion: { build: ['str', 'str', 'str', 'str'] },
  PromotionAction: { build: ['str', 'list'] },
  Impression: { build: ['str', 'list'] },
  ConsentState: {
    build: [],
    addGDPRConsentState: ['consent', 'str', 'obj'],
    removeGDPRConsentState: ['quiet', 'quiet'],
    getGDPRConsentState: ['quiet'],
    setCCPAConsentState: ['consent', 'obj'],
    removeCCPAConsentState: ['quiet'],
    getCCPAConsentState: ['quiet'],
  },
  GDPRConsentState: CONSENT,
  CCPAConsentState: CONSENT,
};

const BUILDER_ACCEPTS: Record<BK, ReadonlyArray<FuzzValue['type']>> = {
  str: ['string', 'empty', 'number'],
  num: ['number', 'invalid'],
  bool: ['boolean', 'invalid'],
  obj: ['aa', 'invalid'],
  list: ['array', 'invalid'],
  numSet: ['number'],
  boolSet: ['boolean'],
  aaSet: ['aa'],
  listSet: ['array'],
  target: ['aa'],
  consent: [],
  quiet: ['invalid', 'number', 'string', 'empty', 'boolean', 'array', 'aa', 'datetime', 'node'],
};

function builderBaseline(builder: string, kind: BK): string {
  switch (kind) {
    case 'str':
      return '"fuzz"';
    case 'num':
    case 'numSet':
      return '1000';
    case 'bool':
    case 'boolSet':
      return 'true';
    case 'obj':
    case 'aaSet':
      return '{ k: "v" }';
    case 'list':
    case 'listSet':
      return '[]';
    case 'consent':
    case 'quiet':
      return 'mpc.ConsentState.build()';
    case 'target':
      if (builder === 'MediaSession') return 'mpc.MediaSession.build("c", "t", "Video", "OnDemand", 1000)';
      if (builder === 'GDPRConsentState' || builder === 'CCPAConsentState') return `mpc.${builder}.build(true, 1000)`;
      if (builder === 'Product') return 'mpc.Product.build("sku", "name", 1, 1)';
      if (builder === 'ProductAction') return 'mpc.ProductAction.build("purchase", 1, [])';
      if (builder === 'Segment') return 'mpc.Segment.build("title", 1, 1000)';
      return `mpc.${builder}.build("id", "title")`;
  }
}

const MENTION_ALIAS: Record<string, string> = { 'AdContent.setIndex': 'setPosition' };

/** Marker the render thread prints before each builder case. */
export const RENDER_MARK = /^FUZZ-R (\w+)$/;

/**
 * Render-thread fuzz: every builder method, then mParticleSGBridge with every wrong task
 * (followed by one call of every bridge method on the degraded bridge, which must stay quiet).
 * Each case is preceded by `print "FUZZ-R <id>"`.
 */
export function renderFuzz(): TaskFuzz {
  const b = new Builder();
  const bodies: string[][] = [];
  const emit = (label: string, expect: Expect, mention: string, brs: string[]) => {
    const c = b.add(label, expect, mention, brs);
    bodies.push([`print "FUZZ-R ${c.id}"`, ...brs]);
  };
  for (const [builder, methods] of Object.entries(BUILDERS)) {
    for (const [method, kinds] of Object.entries(methods)) {
      const call = (args: string[]) => `mpc.${builder}.${method}(${args.join(', ')})`;
      // The SDK names shared setters without their builder ("setDuration: ..."), and an
      // alias by the method it aliases (AdContent.setIndex is setPosition).
      const mention = MENTION_ALIAS[`${builder}.${method}`] ?? method;
      emit(`${builder}.${method}(valid)`, 'accept', mention, [call(kinds.map((k) => builderBaseline(builder, k)))]);
      kinds.forEach((k, i) => {
        for (const v of FUZZ_VALUES) {
          const ok = BUILDER_ACCEPTS[k].includes(v.type);
          const args = kinds.map((q, j) => (j === i ? v.brs : builderBaseline(builder, q)));
          emit(`${builder}.${method}(arg ${i + 1} = ${v.label})`, ok ? 'accept' : 'reject', mention, [call(args)]);
        }
      });
    }
  }
  const everyCall = taskApis().map((api) => bridgeCall(api, api.params.map((p) => baseline(api, p, 'degraded')).map((a) => a.replace('m.fzS', '{}'))).replace(/^m\.mp\b/, 'm.fzBad'));
  for (const v of FUZZ_VALUES) {
    // Kept on m: the next case may land in the next sub (cases are chunked into subs).
    emit(`mParticleSGBridge(${v.label})`, 'reject', 'mParticleSGBridge', [`m.fzBad = mParticleSGBridge(${v.brs})`]);
    // Calls on a bridge made without a task are dropped without more lines (it said so once).
    emit(`calls on mParticleSGBridge(${v.label})`, 'accept', 'mParticleSGBridge', everyCall);
  }
  const { subs, parts } = toSubs('fzr_part', bodies);
  return { cases: b.cases, subs, parts };
}

/**
 * The builder methods the generated SDK defines in `mParticle_addBuilders`, as
 * {Builder: [method, ...]}, so that the test notices a builder this file does not fuzz.
 */
export function generatedBuilders(core: string): Record<string, string[]> {
  const start = core.indexOf('sub mParticle_addBuilders');
  const body = core.slice(start, core.indexOf('\nend sub', start));
  const blocks: Record<string, string[]> = {};
  const re = /^\s*(c\.(\w+)|(\w+))\s*=\s*\{/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    let depth = 0;
    let i = m.index + m[0].length - 1;
    const from = i;
    for (; i < body.length; i++) {
      if (body[i] === '{') depth++;
      else if (body[i] === '}' && --depth === 0) break;
    }
    const text = body.slice(from + 1, i).replace(/\{[^{}]*\}/g, '');
    // Methods are function literals (`build: function(...)`; see src-ts/generator/ropm-safe.ts).
    blocks[m[2] ?? m[3]] = [...text.matchAll(/^\s*(\w+)\s*:\s*(?:sub|function)\s*\(/gm)].map((x) => x[1]);
  }
  for (const alias of body.matchAll(/^\s*c\.(\w+)\s*=\s*(\w+)\s*$/gm)) blocks[alias[1]] = blocks[alias[2]];
  for (const k of Object.keys(blocks)) if (!/^[A-Z]/.test(k)) delete blocks[k];
  return blocks;
}
