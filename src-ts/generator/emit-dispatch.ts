/**
 * The DISPATCH hole of mParticleTask.brs: `mParticle_taskDispatch(call)`, generated from the
 * schema so that every bridge method has exactly one handler and one argument check.
 */
import { bridgeMethods, callName, type BridgeMethod } from './emit-bridge';
import { brsKey, brsString } from './brs-values';

/**
 * Calls the Task still takes after an opt-out: the opt-in, and upload (the opt-out message
 * itself must go out). Every other call would record something, which an opt-out forbids.
 */
const ALLOWED_WHEN_OPTED_OUT = new Set(['core.setOptOut', 'core.upload']);

/** BrightScript name of the Task handler of a core or identity method: `mParticle_coreLogEvent`. */
export function handlerName(b: BridgeMethod): string {
  return `mParticle_${b.ns}${b.method[0].toUpperCase()}${b.method.slice(1)}`;
}

/**
 * The kinds whose test is a few `type()` comparisons: a call whose arguments all pass them
 * (nearly every call) skips mParticle_checkArgs, which runs only to name the wrong argument.
 * The arguments come in an array, where values are boxed: the boxed names are tested first.
 */
const FAST_KIND_TEST: Record<string, (x: string) => string> = {
  session: (x) => `type(${x}) = "roAssociativeArray"`,
  attributes: (x) => `type(${x}) = "roAssociativeArray"`,
  object: (x) => `type(${x}) = "roAssociativeArray"`,
  string: (x) => `(type(${x}) = "roString" or type(${x}) = "String")`,
  number: (x) => `(type(${x}) = "roInteger" or type(${x}) = "roFloat" or type(${x}) = "roDouble" or type(${x}) = "roLongInteger" or type(${x}) = "Integer" or type(${x}) = "Float" or type(${x}) = "Double" or type(${x}) = "LongInteger")`,
  boolean: (x) => `(type(${x}) = "roBoolean" or type(${x}) = "Boolean")`,
  list: (x) => `type(${x}) = "roArray"`,
  node: (x) => `type(${x}) = "roSGNode"`,
};

/** The argument check of a method: a fast inline test when every kind has one, then mParticle_checkArgs. */
function emitCheck(b: BridgeMethod): string[] {
  const kinds = `[${b.params.map((p) => brsString(p.kind)).join(', ')}]`;
  const optional = `[${b.params.map((p) => (p.optional ? 'true' : 'false')).join(', ')}]`;
  const slow = `if not mParticle_checkArgs(name, a, ${kinds}, ${optional}) then return`;
  const tests = b.params.map((p, i) => {
    const test = FAST_KIND_TEST[p.kind];
    if (test === undefined) return undefined;
    return p.optional ? `(a[${i}] = invalid or ${test(`a[${i}]`)})` : test(`a[${i}]`);
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
    body.push(`        ${handlerName(b)}(m.mParticle_core, a)`);
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
