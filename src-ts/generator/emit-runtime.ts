/**
 * The holes of mParticleRuntime.brs whose functions tell values apart by their `type()` name:
 * mParticle_isIntegral, mParticle_isDecimal and mParticle_typeof (TYPES), mParticle_str and
 * mParticle_decimalToStr (STR), written from the one table of names (transpiler/brs-types.ts).
 * The names are compared inline rather than through helper calls: the transpiled logic calls
 * these on every value it reads, and a function call costs the Task several times what a
 * comparison does.
 */
import { DECIMAL_TYPE_NAMES, DOUBLE_TYPE_NAMES, INTEGRAL_TYPE_NAMES, TYPEOF_NAMES, type TypeofAnswer } from '../transpiler/brs-types';
import { brsString } from './brs-values';
import { fillTemplate, loadTemplate } from './template';

/** `t = "a" or t = "b"`: whether the type name in `t` is one of `names`. */
export function typeNameTest(t: string, names: readonly string[]): string {
  return names.map((n) => `${t} = ${brsString(n)}`).join(' or ');
}

/** `type(x) = "a" or type(x) = "b"`, in parentheses when there is more than one name. */
export function typeTest(x: string, names: readonly string[]): string {
  const test = typeNameTest(`type(${x})`, names);
  return names.length > 1 ? `(${test})` : test;
}

const is = (kind: TypeofAnswer) => typeNameTest('t', TYPEOF_NAMES[kind]);

/** brs-templates/source/mParticleRuntime.brs with its holes filled, without a trailing newline. */
export function emitRuntime(): string {
  return fillTemplate(loadTemplate('source/mParticleRuntime.brs'), { TYPES: emitRuntimeTypes(), STR: emitRuntimeStr() }).replace(/\n+$/, '');
}

export function emitRuntimeTypes(): string {
  const typeofLines = (Object.keys(TYPEOF_NAMES) as TypeofAnswer[]).map((k) => `    if ${is(k)} then return ${brsString(k)}`);
  return [
    "' Whether x is an Integer or LongInteger (boxed or not).",
    'function mParticle_isIntegral(x as dynamic) as boolean',
    '    t = type(x)',
    `    return ${typeNameTest('t', INTEGRAL_TYPE_NAMES)}`,
    'end function',
    '',
    "' Whether x is a Float or Double (boxed or not).",
    'function mParticle_isDecimal(x as dynamic) as boolean',
    '    t = type(x)',
    `    return ${typeNameTest('t', DECIMAL_TYPE_NAMES)}`,
    'end function',
    '',
    "' JavaScript's typeof: \"string\", \"number\", \"boolean\", \"undefined\" (invalid), \"function\" or \"object\";",
    "' \"unknown\" for the components that cannot be read like a JavaScript object (roDateTime, a port:",
    "' reading a field of one raises, so the logic must not take them for objects).",
    'function mParticle_typeof(x as dynamic) as string',
    '    t = type(x)',
    ...typeofLines,
    '    return "unknown"',
    'end function',
  ].join('\n');
}

export function emitRuntimeStr(): string {
  return [
    "' JavaScript's String(x): integers without decimals or exponent (also integral Doubles such as",
    "' 1593007533602#), Double decimals as JavaScript prints them (shortest round trip, via",
    "' FormatJson), Float decimals with Str's 6 significant digits, \"true\"/\"false\", invalid as",
    "' \"undefined\", arrays and associative arrays as JSON.",
    'function mParticle_str(x as dynamic) as string',
    '    t = type(x)',
    `    if ${is('string')} then return x`,
    `    if ${typeNameTest('t', INTEGRAL_TYPE_NAMES)} then return x.ToStr()`,
    `    if ${is('boolean')}`,
    '        if x then return "true"',
    '        return "false"',
    '    end if',
    `    if ${typeNameTest('t', DECIMAL_TYPE_NAMES)}`,
    "        ' Integral decimals within Int()'s 32 bits (a Video node's position in ms, say) are",
    "        ' told here: mParticle_decimalToStr's range tests and floor cost a dozen calls. The",
    "        ' bounds are products: older parsers misread Double literals of ten digits.",
    '        if x >= -65536# * 32768# and x < 65536# * 32768#',
    '            i = Int(x)',
    '            if i = x then return i.ToStr()',
    '        end if',
    '        return mParticle_decimalToStr(x)',
    '    end if',
    `    if ${is('undefined')} then return "undefined"`,
    '    if t = "roArray" or t = "roAssociativeArray" then return FormatJson(x)',
    `    if ${is('function')} then return "function"`,
    '    return "[object " + t + "]"',
    'end function',
    '',
    "' The decimal part of mParticle_str.",
    'function mParticle_decimalToStr(x as dynamic) as string',
    '    if x <> x then return "NaN"',
    '    if x - x <> 0',
    '        if x > 0 then return "Infinity"',
    '        return "-Infinity"',
    '    end if',
    '    if x < mParticle_two53() and x > -mParticle_two53()',
    '        f = mParticle_floor(x)',
    '        if f = x then return f.ToStr()',
    '    end if',
    '    t = type(x)',
    `    if ${typeNameTest('t', DOUBLE_TYPE_NAMES)}`,
    '        json = FormatJson(x)',
    '        if json <> "" then return json',
    '    end if',
    '    return Str(x).Trim()',
    'end function',
  ].join('\n');
}
