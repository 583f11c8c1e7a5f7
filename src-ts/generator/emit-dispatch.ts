/**
 * The DISPATCH hole of mParticleTask.brs: `mParticle_taskDispatch(call)`, generated from the
 * schema so that every bridge method has exactly one handler and one argument check.
 */
import type { ArgKind, MediaParamKind } from '../schema';
import { TYPEOF_NAMES } from '../transpiler/brs-types';
import { bridgeMethods, callName, type BridgeMethod } from './emit-bridge';
import { brsKey, brsString } from './brs-values';
import { typeTest } from './emit-runtime';
import { TASK_FUNCTION_PREFIX } from '../transpiler/names';

/**
 * Calls the Task still takes after an opt-out: the opt-in, and upload (the opt-out message
 * itself must go out). Every other call would record something, which an opt-out forbids.
 */
const ALLOWED_WHEN_OPTED_OUT = new Set(['core.setOptOut', 'core.upload']);

/**
 * Core and identity calls that have a handler of their own in the Task's templates
 * (`mParticle_taskCoreLogCommerceEvent`, ...: handlerName): the two whose glue must first ask
 * the device whether their values are JSON. The dispatch hands every other core or identity
 * call to its reducer itself (reducerStep); the media calls that are not events (tracking)
 * have template handlers (task-tracking.brs), which read nodes.
 */
const TEMPLATE_HANDLERS = new Set(['core.logCommerceEvent', 'core.logMessage']);

/** BrightScript name of the Task handler of a core or identity method: `mParticle_taskCoreLogEvent`. */
export function handlerName(b: BridgeMethod): string {
  return `${TASK_FUNCTION_PREFIX}${b.ns[0].toUpperCase()}${b.ns.slice(1)}${b.method[0].toUpperCase()}${b.method.slice(1)}`;
}

/**
 * The call that hands a core or identity method to its reducer: an identity request
 * (identify, login, logout, modify) to identityReduce with a fresh request id, every other
 * method to messageReduce as `{ kind: <method>, a }` (src-ts/logic/core-messages.ts, whose input
 * kinds are the method names; identity's attribute and consent setters are the core ones).
 */
function reducerStep(b: BridgeMethod): string {
  if (TEMPLATE_HANDLERS.has(callName(b)) || (b.ns !== 'core' && b.ns !== 'identity')) return `${handlerName(b)}(m.mParticle_core, a)`;
  const kind = brsString(b.method);
  if (b.ns === 'identity' && b.params.length === 1 && b.params[0].name === 'identityApiRequest') {
    return `mParticle_taskIdentityStep(m.mParticle_core, { kind: ${kind}, request: a[0], requestId: mParticle_taskNewUuid() })`;
  }
  return `mParticle_taskMessageStep(m.mParticle_core, { kind: ${kind}, a: a }, mParticle_taskNowMillis())`;
}

const aa = (x: string) => typeTest(x, ['roAssociativeArray']);
const ofType = (kind: keyof typeof TYPEOF_NAMES) => (x: string) => typeTest(x, TYPEOF_NAMES[kind]);

/**
 * The test of an argument of each kind, as a BrightScript expression of `x` (type names from
 * brs-types.ts). `fast` kinds are tested inline in the dispatch: a call whose arguments all
 * pass (nearly every call) skips mParticle_taskCheckArgs, which runs only to name the wrong
 * argument with mParticle_taskArgIsKind (generated from the same tests).
 */
const ARG_KIND_TESTS: Record<ArgKind | MediaParamKind, { test: (x: string) => string; fast: boolean }> = {
  session: { test: aa, fast: true },
  attributes: { test: aa, fast: true },
  object: { test: aa, fast: true },
  string: { test: ofType('string'), fast: true },
  number: { test: ofType('number'), fast: true },
  boolean: { test: ofType('boolean'), fast: true },
  list: { test: (x) => typeTest(x, ['roArray']), fast: true },
  node: { test: (x) => typeTest(x, ['roSGNode']), fast: true },
  name: { test: (x) => `${ofType('string')(x)} and Len(${x}) > 0`, fast: false },
  value: { test: (x) => `${ofType('string')(x)} or ${ofType('number')(x)} or ${ofType('boolean')(x)} or ${typeTest(x, ['roArray'])}`, fast: false },
  strings: { test: (x) => `mParticle_taskArgIsStrings(${x})`, fast: false },
};

const kindTest = (kind: string) => ARG_KIND_TESTS[kind as ArgKind | MediaParamKind];

/** `mParticle_taskArgIsKind(value, kind)`: whether an argument fits its kind (mParticle_taskCheckArgs). */
export function emitArgIsKind(): string {
  const kinds = Object.keys(ARG_KIND_TESTS).map((k) => `    if kind = ${brsString(k)} then return ${ARG_KIND_TESTS[k as ArgKind].test('value')}`);
  return ["' Whether an argument of an API call fits the kind the schema gives its parameter.", 'function mParticle_taskArgIsKind(value as dynamic, kind as string) as boolean', ...kinds, '    return false', 'end function'].join('\n');
}

/** The argument check of a method: a fast inline test when every kind has one, then mParticle_taskCheckArgs. */
function emitCheck(b: BridgeMethod): string[] {
  const kinds = `[${b.params.map((p) => brsString(p.kind)).join(', ')}]`;
  const optional = `[${b.params.map((p) => (p.optional ? 'true' : 'false')).join(', ')}]`;
  const slow = `if not mParticle_taskCheckArgs(name, a, ${kinds}, ${optional}) then return`;
  const tests = b.params.map((p, i) => {
    const kind = kindTest(p.kind);
    if (kind === undefined) throw new Error(`schema: ${callName(b)} has a parameter of unknown kind ${p.kind}`);
    if (!kind.fast) return undefined;
    return p.optional ? `(a[${i}] = invalid or ${kind.test(`a[${i}]`)})` : kind.test(`a[${i}]`);
  });
  if (tests.length === 0) return [];
  if (tests.some((t) => t === undefined)) return [`        ${slow}`];
  return [`        if not (${tests.join(' and ')})`, `            ${slow}`, '        end if'];
}

function emitCase(b: BridgeMethod): string[] {
  const body: string[] = [];
  b.params.forEach((p, i) => {
    if (p.defaultBrs !== undefined) body.push(`        if a[${i}] = invalid then a[${i}] = ${p.defaultBrs}`);
  });
  if (b.ns === 'media' && b.event !== undefined) {
    const numbers = b.params
      .map((p, i) => [p, i] as const)
      .filter(([p]) => p.kind === 'number')
      .map(([p, i]) => `${brsKey(p.name)}: a[${i}]`);
    const options = b.params.findIndex((p) => p.kind === 'attributes');
    body.push(`        mParticle_taskMedia(${brsString(b.method)}, a[0], { ${numbers.join(', ')} }, a[${options}])`.replace('{  }', '{}'));
  } else {
    body.push(`        ${reducerStep(b)}`);
  }
  // mParticle_taskOptedOut (which logs the drop) is called only when opted out.
  const gate = ALLOWED_WHEN_OPTED_OUT.has(callName(b)) ? [] : ['        if optedOut and mParticle_taskOptedOut(name) then return'];
  return [`    else if name = ${brsString(callName(b))}`, ...gate, ...emitCheck(b), ...body];
}

/**
 * The order of the method tests: media calls first, playhead updates first of all (they are
 * most of a session's calls, and each test passed costs a string comparison), then the rest
 * in schema order.
 */
function dispatchOrder(methods: BridgeMethod[]): BridgeMethod[] {
  const rank = (b: BridgeMethod) => (callName(b) === 'media.logPlayheadPosition' ? 0 : b.ns === 'media' && b.event !== undefined ? 1 : 2);
  return methods.map((b, i) => ({ b, i })).sort((x, y) => rank(x.b) - rank(y.b) || x.i - y.i).map((x) => x.b);
}

/** `mParticle_taskDispatch`: checks the call's shape, then its arguments, then runs its handler. */
export function emitDispatch(): string {
  const cases = dispatchOrder(bridgeMethods()).flatMap(emitCase);
  cases[0] = cases[0].replace('    else if', '    if');
  return [
    "' Runs one call that mParticleSGBridge set on the API-call field. A call of the wrong shape",
    "' or with a wrong argument is logged once and dropped; the Task never stops.",
    'sub mParticle_taskDispatch(call as dynamic)',
    '    if type(call) <> "roAssociativeArray"',
    '        mParticle_logError("mParticleTask: an API call must be {m: name, a: [arguments]}, got " + type(call) + "; call dropped")',
    '        return',
    '    end if',
    '    name = call.m',
    '    if type(name) <> "roString" and type(name) <> "String"',
    '        mParticle_logError("mParticleTask: an API call must be {m: name, a: [arguments]}, got m of type " + type(name) + "; call dropped")',
    '        return',
    '    end if',
    '    a = call.a',
    '    if type(a) <> "roArray" then a = []',
    '    optedOut = m.mParticle_core.optedOut = true',
    ...cases,
    '    else',
    '        mParticle_logError("mParticleTask: unknown API call " + name + "; call dropped")',
    '    end if',
    'end sub',
  ].join('\n');
}
