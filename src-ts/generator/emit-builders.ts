/**
 * The holes of brs-templates/source/mParticleBuilders.brs, from src-ts/schema/builders.ts:
 * BUILDER_TABLES (`mParticle_addBuilders`: each builder's constants and methods) and
 * GENERATED_BUILDERS (every `build` and setter the schema gives no hand-written `impl`).
 */
import { BUILDERS, type BuilderArgKind, type BuilderField, type BuilderMethod, type BuilderParam, type BuilderSpec } from '../schema';
import { brsKey, brsLiteral, brsString } from './brs-values';
import { GeneratorErrors } from './errors';

const upper = (s: string) => s[0].toUpperCase() + s.slice(1);
const lower = (s: string) => s[0].toLowerCase() + s.slice(1);

/** BrightScript function of a builder method: its `impl`, or `mParticle_<builder><Method>`. */
export function builderFunctionName(b: BuilderSpec, method: BuilderMethod): string {
  return method.impl ?? `mParticle_${lower(b.name)}${upper(method.name)}`;
}

/** The documented call, `MediaSession.setDuration(session, duration)`. */
export function builderSignature(b: BuilderSpec, method: BuilderMethod): string {
  const params = method.params.map((p) => (p.default === undefined ? p.name : `${p.name} = ${defaultText(p.default)}`));
  const target = method.name === 'build' ? [] : [lower(b.name.replace(/^(GDPR|CCPA)/, (x) => x.toLowerCase()))];
  return `${b.name}.${method.name}(${[...target, ...params].join(', ')})`;
}

function defaultText(d: NonNullable<BuilderParam['default']>): string {
  if (d === 'emptyObject') return '{}';
  if (d === 'emptyArray') return '[]';
  return brsLiteral(d);
}

/** `sub mParticle_addBuilders(c)`: one table per builder. */
function emitTables(): string {
  const lines = ['sub mParticle_addBuilders(c as object)'];
  for (const b of BUILDERS) {
    if (b.methods[0]?.name !== 'build') throw GeneratorErrors.badBuilder(`builders.${b.name}`, 'a builder whose first method is not build');
    lines.push(`    c.${b.name} = {`);
    for (const [name, table] of Object.entries(b.constants ?? {})) lines.push(`        ${brsKey(name)}: ${brsLiteral(table, '        ', `${b.name}.${name}`)}`);
    for (const method of b.methods) lines.push(`        ${method.name}: ${builderFunctionName(b, method)}`);
    lines.push('    }');
  }
  lines.push('end sub');
  return lines.join('\n');
}

/** The check of one build argument; every helper logs a wrong type and returns a neutral value. */
function argExpr(p: BuilderParam): string {
  const where = 'where';
  const name = brsString(p.name);
  const fallback = (dflt: unknown, neutral: unknown) => brsLiteral(dflt ?? neutral);
  const kinds: Record<BuilderArgKind, () => string> = {
    string: () => `mParticle_argString(${p.name}, ${where}, ${name})`,
    number: () => `mParticle_argNumber(${p.name}, ${fallback(p.default, 0)}, ${where}, ${name})`,
    boolean: () => `mParticle_argBool(${p.name}, ${fallback(p.default, false)}, ${where}, ${name})`,
    attributes: () => `mParticle_argAttributes(${p.name}, ${where}, ${name})`,
    object: () => `mParticle_argObject(${p.name}, ${where}, ${name})`,
    array: () => `mParticle_argList(${p.name}, ${where}, ${name})`,
  };
  return kinds[p.kind]();
}

function initExpr(b: BuilderSpec, method: BuilderMethod, f: BuilderField): string {
  const init = f.init!;
  if ('param' in init) {
    const p = method.params.find((q) => q.name === init.param);
    if (!p) throw GeneratorErrors.badBuilder(`builders.${b.name}.${f.name}`, `a field from the unknown parameter ${init.param}`);
    return argExpr(p);
  }
  if ('make' in init) {
    return { uuid: 'CreateObject("roDeviceInfo").GetRandomUUID()', now: 'now&', emptyArray: '[]', emptyObject: '{}' }[init.make];
  }
  if (init.double && typeof init.value === 'number') return `${init.value.toFixed(1)}#`;
  return brsLiteral(init.value, '', `builders.${b.name}.${f.name}`);
}

function emitBuild(b: BuilderSpec, method: BuilderMethod): string {
  const fields = b.fields.filter((f) => f.init !== undefined);
  const needsNow = fields.some((f) => f.init && 'make' in f.init && f.init.make === 'now');
  return [
    `' ${builderSignature(b, method)}: ${method.doc}`,
    `function ${builderFunctionName(b, method)}(${method.params.map((p) => `${p.name} = invalid as dynamic`).join(', ')}) as object`,
    `    where = ${brsString(`${b.name}.build`)}`,
    ...(needsNow ? ['    now& = mParticle_clockMillis()'] : []),
    '    return {',
    ...fields.map((f) => `        ${brsKey(f.name)}: ${initExpr(b, method, f)}`),
    '    }',
    'end function',
  ].join('\n');
}

function emitSetter(b: BuilderSpec, method: BuilderMethod): string {
  const [p] = method.params;
  if (!method.sets || !p || method.params.length !== 1) throw GeneratorErrors.badBuilder(`builders.${b.name}.${method.name}`, 'a generated method that is not a one-value setter');
  const where = brsString(`${b.name}.${method.name}`);
  return [
    `' ${builderSignature(b, method)}: ${method.doc}`,
    `sub ${builderFunctionName(b, method)}(target = invalid as dynamic, value = invalid as dynamic)`,
    `    if mParticle_setterArg(value, ${brsString(p.kind)}, ${where}, ${brsString(p.name)}) then mParticle_setField(target, ${brsString(method.sets)}, value, ${where})`,
    'end sub',
  ].join('\n');
}

/** Every generated build and setter. */
function emitFunctions(): string {
  const out: string[] = [];
  for (const b of BUILDERS) {
    for (const method of b.methods) {
      if (method.impl) continue;
      out.push(method.name === 'build' ? emitBuild(b, method) : emitSetter(b, method));
    }
  }
  return out.join('\n\n');
}

/** Fills of the builders template. */
export function builderFills(): Record<string, string> {
  return { BUILDER_TABLES: emitTables(), GENERATED_BUILDERS: emitFunctions() };
}
