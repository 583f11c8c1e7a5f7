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

function emitCase(b: BridgeMethod): string[] {
  const kinds = `[${b.params.map((p) => brsString(p.kind)).join(', ')}]`;
  const optional = `[${b.params.map((p) => (p.optional ? 'true' : 'false')).join(', ')}]`;
  const check = `mParticle_checkArgs(name, a, ${kinds}, ${optional})`;
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
  const gate = ALLOWED_WHEN_OPTED_OUT.has(callName(b)) ? [] : ['        if mParticle_taskOptedOut(name) then return'];
  return [`    else if name = ${brsString(callName(b))}`, ...gate, `        if not ${check} then return`, ...body];
}

/** `mParticle_taskDispatch`: checks the call's shape, then its arguments, then runs its handler. */
export function emitDispatch(): string {
  const cases = bridgeMethods().flatMap(emitCase);
  cases[0] = cases[0].replace('    else if', '    if');
  return [
    "' Runs one call that mParticleSGBridge set on the API-call field. A call of the wrong shape",
    "' or with a wrong argument is logged once and dropped; the Task never stops.",
    'sub mParticle_taskDispatch(call as dynamic)',
    '    if type(call) <> "roAssociativeArray" or mParticle_typeof(call.m) <> "string"',
    '        mParticle_logError("mParticleTask: an API call must be {m: name, a: [arguments]}, got " + type(call) + "; call dropped")',
    '        return',
    '    end if',
    '    name = call.m',
    '    a = call.a',
    '    if type(a) <> "roArray" then a = []',
    ...cases,
    '    else',
    '        mParticle_logError("mParticleTask: unknown API call " + name + "; call dropped")',
    '    end if',
    'end sub',
  ].join('\n');
}
