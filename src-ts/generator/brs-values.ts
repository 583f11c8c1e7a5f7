/**
 * Schema data as BrightScript literals. Only data goes through here (constants, defaults);
 * code is printed by the transpiler's printer or written in templates.
 */
import { GeneratorErrors } from './errors';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INT32_MAX = 2147483647;

/** A BrightScript string literal: quotes are doubled; the language has no other escapes. */
export function brsString(value: string, where = 'schema'): string {
  if (/[\n\r]/.test(value)) throw GeneratorErrors.unsupportedValue(where, 'a string with a line break');
  return `"${value.replace(/"/g, '""')}"`;
}

/** An AA literal key: bare when it is an identifier, quoted otherwise (`"$FirstName"`). */
export function brsKey(key: string): string {
  return IDENT.test(key) ? key : brsString(key);
}

/**
 * A value as a BrightScript literal. Integers beyond 32 bits get the LongInteger suffix `&`
 * (a device wraps Integer arithmetic at 2^31); decimals get the Double suffix `#`.
 * Objects with more than `inlineLimit` entries are laid out one entry per line.
 */
export function brsLiteral(value: unknown, indent = '', where = 'schema', inlineLimit = 3): string {
  if (value === null || value === undefined) return 'invalid';
  if (typeof value === 'string') return brsString(value, where);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw GeneratorErrors.unsupportedValue(where, value);
    if (Number.isInteger(value)) return Math.abs(value) > INT32_MAX ? `${value}&` : String(value);
    return `${value}#`;
  }
  const inner = indent + '    ';
  if (Array.isArray(value)) {
    const items = value.map((v, i) => brsLiteral(v, inner, `${where}[${i}]`, inlineLimit));
    if (items.length <= inlineLimit && items.every((s) => !s.includes('\n'))) return `[${items.join(', ')}]`;
    return `[\n${items.map((s) => inner + s).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${brsKey(k)}: ${brsLiteral(v, inner, `${where}.${k}`, inlineLimit)}`,
    );
    if (entries.length === 0) return '{}';
    if (entries.length <= inlineLimit && entries.every((s) => !s.includes('\n'))) return `{ ${entries.join(', ')} }`;
    return `{\n${entries.map((s) => inner + s).join('\n')}\n${indent}}`;
  }
  throw GeneratorErrors.unsupportedValue(where, value);
}
