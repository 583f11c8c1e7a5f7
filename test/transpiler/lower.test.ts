/**
 * One test per supported construct: inline TypeScript in, exact BrightScript out. Every
 * output is also compiled with bsc (with the runtime template) and must give no error.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { transpileSource, formatDiagnostic } from '../../src-ts/transpiler';
import { formatBscDiagnostics, runtimeBrs, validateBrs } from '../helpers/bsc';

interface Case {
  name: string;
  ts: string;
  brs: string;
}

const cases: Case[] = [
  {
    name: "function declaration with typed parameters and return",
    ts: `export function greet(name: string, shout: boolean): string {
  return shout ? name.toUpperCase() : name;
}`,
    brs: `function mParticle_greet(name as string, shout as boolean) as string
    if shout
        return UCase(name)
    else
        return name
    end if
end function
`,
  },
  {
    name: "numeric aliases pick Integer, LongInteger and Double",
    ts: `import { Int, Long, Double } from '../schema';
export function numbers(count: Int, at: Long, rate: Double, plain: number): Long {
  const base: Long = 1593007533602;
  const half: Double = 0.5;
  let n: Int = 3;
  n = n + 1;
  return base + at;
}`,
    brs: `function mParticle_numbers(count as integer, at as longinteger, rate as double, plain as double) as longinteger
    base = 1593007533602&
    half = 0.5#
    n = 3
    n = n + 1
    return base + at
end function
`,
  },
  {
    name: "default and optional parameters",
    ts: `import { Long } from '../schema';
export function defaults(a: string, b: Long = 0, c?: string): string {
  if (c === undefined) {
    return a;
  }
  return a + c + b;
}`,
    brs: `function mParticle_defaults(a as string, b = 0& as longinteger, c = invalid as dynamic) as string
    if type(c) = "Invalid" or (type(c) = "roInvalid" or type(c) = "<uninitialized>")
        return a
    end if
    return a + c + mParticle_str(b)
end function
`,
  },
  {
    name: "void function becomes a sub",
    ts: `export function record(list: string[], item: string): void {
  list.push(item);
}`,
    brs: `sub mParticle_record(list as object, item as string)
    list.Push(item)
end sub
`,
  },
  {
    name: "let, const and uninitialised let",
    ts: `export function locals(flag: boolean): string {
  let out: string;
  const prefix = 'p';
  if (flag) {
    out = prefix;
  } else {
    out = '';
  }
  return out;
}`,
    brs: `function mParticle_locals(flag as boolean) as string
    out = invalid
    prefix = "p"
    if flag
        out = prefix
    else
        out = ""
    end if
    return out
end function
`,
  },
  {
    name: "if / else if / else chain",
    ts: `import { Int } from '../schema';
export function classify(n: Int): string {
  if (n < 0) {
    return 'negative';
  } else if (n === 0) {
    return 'zero';
  } else {
    return 'positive';
  }
}`,
    brs: `function mParticle_classify(n as integer) as string
    if n < 0
        return "negative"
    else if n = 0
        return "zero"
    else
        return "positive"
    end if
end function
`,
  },
  {
    name: "counting for loop becomes for ... to",
    ts: `import { Int } from '../schema';
export function sum(xs: Int[]): Int {
  let total: Int = 0;
  for (let i = 0; i < xs.length; i++) {
    total += xs[i];
  }
  return total;
}`,
    brs: `function mParticle_sum(xs as object) as integer
    total = 0
    for i = 0 to xs.Count() - 1
        total += xs[i]
    end for
    return total
end function
`,
  },
  {
    name: "counting down with >=",
    ts: `import { Int } from '../schema';
export function countDown(n: Int): Int[] {
  const out: Int[] = [];
  for (let i = n; i >= 0; i--) {
    out.push(i);
  }
  return out;
}`,
    brs: `function mParticle_countDown(n as integer) as object
    out = []
    for i = n to 0 step -1
        out.Push(i)
    end for
    return out
end function
`,
  },
  {
    name: "for loop that writes its counter becomes while, continue repeats the step",
    ts: `import { Int } from '../schema';
export function skipEven(n: Int): Int {
  let count: Int = 0;
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      continue;
    }
    if (count > 10) {
      break;
    }
    count++;
    i += 1;
  }
  return count;
}`,
    brs: `function mParticle_skipEven(n as integer) as integer
    count = 0
    i = 0
    while i < n
        if i mod 2 = 0
            i++
            continue while
        end if
        if count > 10
            exit while
        end if
        count++
        i += 1
        i++
    end while
    return count
end function
`,
  },
  {
    name: "key counts, shift and typeof number: native calls, no helper",
    ts: `export function drain(o: Record<string, unknown>, xs: string[]): boolean {
  while (Object.keys(o).length > 0 && xs.length > 0) {
    xs.shift();
    delete o[xs[0]];
  }
  return typeof o.n === 'number';
}`,
    brs: `function mParticle_drain(o as object, xs as object) as boolean
    while o.Count() > 0 and xs.Count() > 0
        xs.Shift()
        o.Delete(xs[0])
    end while
    return type(o.n) = "roInteger" or (type(o.n) = "roLongInteger" or (type(o.n) = "LongInteger" or (type(o.n) = "roFloat" or (type(o.n) = "roDouble" or (type(o.n) = "Integer" or (type(o.n) = "Float" or (type(o.n) = "Double" or type(o.n) = "roInt")))))))
end function
`,
  },
  {
    name: "Object.assign into a declaration: native Append when every source is an object, else the helper",
    ts: `export function copies(o: Record<string, string>, maybe: Record<string, string> | undefined, list: string[]): string {
  const sure = Object.assign({}, o, { k: 'v' });
  const unsure = Object.assign({}, o, maybe);
  const fromList = Object.assign({}, list);
  return sure.k + String(unsure.k) + String(fromList.length);
}`,
    brs: `function mParticle_copies(o as object, maybe as dynamic, list as object) as string
    sure = {}
    sure.Append(o)
    sure.Append({ k: "v" })
    unsure = mParticle_assign([ o, maybe ])
    fromList = mParticle_assign([ list ])
    return sure.k + unsure.k + mParticle_str(fromList.Count())
end function
`,
  },
  {
    name: "for...of and for...of Object.keys",
    ts: `export function keysAndValues(o: Record<string, string>, xs: string[]): string {
  let out = '';
  for (const k of Object.keys(o)) {
    out += k;
  }
  for (const x of xs) {
    if (x === '') {
      continue;
    }
    out += x;
  }
  return out;
}`,
    brs: `function mParticle_keysAndValues(o as object, xs as object) as string
    out = ""
    for each k in o.Keys()
        out += k
    end for
    for each x in xs
        if x = ""
            continue for
        end if
        out += x
    end for
    return out
end function
`,
  },
  {
    name: "while with break",
    ts: `import { Int } from '../schema';
export function firstOver(xs: Int[], limit: Int): Int {
  let i: Int = 0;
  while (i < xs.length) {
    if (xs[i] > limit) {
      break;
    }
    i++;
  }
  return i;
}`,
    brs: `function mParticle_firstOver(xs as object, limit as integer) as integer
    i = 0
    while i < xs.Count()
        if xs[i] > limit
            exit while
        end if
        i++
    end while
    return i
end function
`,
  },
  {
    name: "switch on a string with stacked cases and default",
    ts: `export function kind(method: string): string {
  switch (method) {
    case 'logPlay':
    case 'logPause':
      return 'playback';
    case 'logAdStart': {
      const x = 'ad';
      return x;
    }
    default:
      break;
  }
  return 'other';
}`,
    brs: `function mParticle_kind(method as string) as string
    if method = "logPlay" or method = "logPause"
        return "playback"
    else if method = "logAdStart"
        x = "ad"
        return x
    end if
    return "other"
end function
`,
  },
  {
    name: "switch on a computed value uses a temporary",
    ts: `import { Int } from '../schema';
export function parity(n: Int): string {
  let out = '';
  switch (n % 2) {
    case 0:
      out = 'even';
      break;
    default:
      out = 'odd';
  }
  return out;
}`,
    brs: `function mParticle_parity(n as integer) as string
    out = ""
    switchValue = n mod 2
    if switchValue = 0
        out = "even"
    else
        out = "odd"
    end if
    return out
end function
`,
  },
  {
    name: "object and array literals, property and index access",
    ts: `export function shapes(k: string): string {
  const o = { a: 1, 'b-c': 'x', nested: { list: [1, 2] } };
  const xs = ['a', 'b'];
  o.a = 2;
  o['b-c'] = xs[0];
  const m: Record<string, string> = {};
  m[k] = o.nested.list.length + '';
  return m[k];
}`,
    brs: `function mParticle_shapes(k as string) as string
    o = { a: 1, "b-c": "x", nested: { list: [ 1, 2 ] } }
    xs = [ "a", "b" ]
    o.a = 2
    o["b-c"] = xs[0]
    m_ = {}
    m_[k] = mParticle_str(o.nested.list.Count()) + ""
    return m_[k]
end function
`,
  },
  {
    name: "object and array spread of declared shapes",
    ts: `interface P { a: string; b: string }
export function spread(p: P, xs: string[]): P {
  const copy = { ...p, b: 'changed' };
  const more = [...xs, 'end'];
  copy.a = more.join('-');
  return copy;
}`,
    brs: `function mParticle_spread(p as object, xs as object) as object
    copy = mParticle_assign([ p, { b: "changed" } ])
    more = mParticle_concat([ xs, [ "end" ] ])
    copy.a = mParticle_join(more, "-")
    return copy
end function
`,
  },
  {
    name: "strict equality: same primitives use =, others mParticle_eq",
    ts: `export function equalities(a: string, b: unknown, c: string | undefined, o: { x: string } | undefined): boolean {
  return a === 'x' && b !== 'y' && c === undefined && o !== undefined && b === 1 && c !== a;
}`,
    brs: `function mParticle_equalities(a as string, b as dynamic, c as dynamic, o as dynamic) as boolean
    return a = "x" and not mParticle_eq(b, "y") and (type(c) = "Invalid" or (type(c) = "roInvalid" or type(c) = "<uninitialized>")) and o <> invalid and mParticle_eq(b, 1) and not mParticle_eq(c, a)
end function
`,
  },
  {
    name: "typeof comparisons",
    ts: `export function kinds(v: unknown): string {
  if (typeof v === 'string') {
    return 'string';
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    return typeof v;
  }
  return 'other';
}`,
    brs: `function mParticle_kinds(v as dynamic) as string
    if type(v) = "roString" or type(v) = "String"
        return "string"
    end if
    if type(v) = "roInteger" or (type(v) = "roLongInteger" or (type(v) = "LongInteger" or (type(v) = "roFloat" or (type(v) = "roDouble" or (type(v) = "Integer" or (type(v) = "Float" or (type(v) = "Double" or type(v) = "roInt"))))))) or (type(v) = "roBoolean" or type(v) = "Boolean")
        return mParticle_typeof(v)
    end if
    return "other"
end function
`,
  },
  {
    name: "typeof comparisons: inline only for operands read again without effect; !== negates each test",
    ts: `export function kinds2(o: Record<string, unknown>, k: string): boolean {
  return typeof o.a !== 'string' && typeof o['b'] === 'undefined' && typeof o[k + 'x'] === 'string';
}`,
    brs: `function mParticle_kinds2(o as object, k as string) as boolean
    return type(o.a) <> "roString" and type(o.a) <> "String" and (type(o["b"]) = "Invalid" or (type(o["b"]) = "roInvalid" or type(o["b"]) = "<uninitialized>")) and mParticle_typeof(o[k + "x"]) = "string"
end function
`,
  },
  {
    name: "boolean operators keep JavaScript grouping",
    ts: `export function logic(a: boolean, b: boolean, c: boolean): boolean {
  const x = a || (b && c);
  const y = (a || b) && !c;
  const z = !(a && b) || !c;
  return x && y && z;
}`,
    brs: `function mParticle_logic(a as boolean, b as boolean, c as boolean) as boolean
    x = a or (b and c)
    y = (a or b) and not c
    z = not (a and b) or not c
    return x and y and z
end function
`,
  },
  {
    name: "arithmetic: division through mParticle_div, % as mod",
    ts: `import { Int, Long, Double } from '../schema';
export function arithmetic(a: Int, b: Long, c: Double): Double {
  const q = a / 2;
  const r = b % 1000;
  const p = -(a + b) * 2;
  let d: Double = c;
  d /= 4;
  d -= 1;
  d *= 3;
  return q + r + p + d;
}`,
    brs: `function mParticle_arithmetic(a as integer, b as longinteger, c as double) as double
    q = mParticle_div(a, 2)
    r = b mod 1000&
    p = -(a + b) * 2&
    d = c
    d = mParticle_div(d, 4#)
    d -= 1#
    d *= 3#
    return q + r + p + d
end function
`,
  },
  {
    name: "string concatenation and template literals convert with mParticle_str",
    ts: `import { Long, MEDIA_EVENT_NAME } from '../schema';
export function texts(n: Long, ok: boolean, s: string): string {
  let out = s + n;
  out += n;
  out += \`\${MEDIA_EVENT_NAME.PLAY}: \${n} \${ok} \${s}\`;
  return out + String(ok) + \`\${s}\`;
}`,
    brs: `function mParticle_texts(n as longinteger, ok as boolean, s as string) as string
    out = s + mParticle_str(n)
    out += mParticle_str(n)
    out += "Play: " + mParticle_str(n) + " " + mParticle_str(ok) + " " + s
    return out + mParticle_str(ok) + s
end function
`,
  },
  {
    name: "schema integers in template literals are printed into the text",
    ts: `import { LOG_LEVEL } from '../schema';
export function range(s: string): string {
  return \`\${s} (\${LOG_LEVEL.NONE}-\${LOG_LEVEL.DEBUG})\`;
}`,
    brs: `function mParticle_range(s as string) as string
    return s + " (0-3)"
end function
`,
  },
  {
    name: "schema constants are inlined",
    ts: `import { MEDIA_EVENT_NAME, MEDIA_ATTRIBUTE, LOG_LEVEL, Int } from '../schema';
export function schemaRead(key: string): string {
  const level: Int = LOG_LEVEL.DEBUG;
  const levels = LOG_LEVEL;
  return MEDIA_ATTRIBUTE.CONTENT_ID + MEDIA_EVENT_NAME['PLAY'] + levels[key] + level;
}`,
    brs: `function mParticle_schemaRead(key as string) as string
    level = 3
    levels = { NONE: 0, ERROR: 1, INFO: 2, DEBUG: 3 }
    return "content_id" + "Play" + mParticle_str(levels[key]) + mParticle_str(level)
end function
`,
  },
  {
    name: "top-level constants are inlined",
    ts: `import { Long } from '../schema';
const LIMIT: Long = 7200000;
const PREFIX = 'mp';
const NAMES = ['a', 'b'];
export function limits(x: Long): string {
  if (x > LIMIT) {
    return PREFIX;
  }
  return NAMES[0];
}`,
    brs: `function mParticle_limits(x as longinteger) as string
    if x > 7200000&
        return "mp"
    end if
    return [ "a", "b" ][0]
end function
`,
  },
  {
    name: "conditional expression: if/else in assignment and return, helper elsewhere",
    ts: `import { Int } from '../schema';
export function pick(flag: boolean, a: Int, b: Int): Int {
  let x: Int = flag ? a : b;
  x = !flag ? a : b;
  const list = [flag ? 1 : 2];
  return list[0] + x + (flag ? 1 : 0);
}`,
    brs: `function mParticle_pick(flag as boolean, a as integer, b as integer) as integer
    if flag
        x = a
    else
        x = b
    end if
    if not flag
        x = a
    else
        x = b
    end if
    list = [ mParticle_iif(flag, 1, 2) ]
    return list[0] + x + mParticle_iif(flag, 1, 0)
end function
`,
  },
  {
    name: "calls between transpiled functions are renamed",
    ts: `import { Int } from '../schema';
function helper(n: Int): Int {
  return n * 2;
}
export function caller(n: Int): Int {
  return helper(n) + helper(3);
}`,
    brs: `function mParticle_helper(n as integer) as integer
    return n * 2
end function

function mParticle_caller(n as integer) as integer
    return mParticle_helper(n) + mParticle_helper(3)
end function
`,
  },
  {
    name: "platform functions",
    ts: `export function platform(v: unknown, xs: string[], o: Record<string, string>, s: string, d: number): string {
  const parts: string[] = [];
  parts.push(JSON.stringify(o));
  parts.push(String(Array.isArray(v)));
  parts.push(String(Number.isInteger(d)));
  parts.push(String(Math.floor(d) + Math.ceil(d) + Math.round(d) + Math.abs(d) + Math.max(d, 1, 2) + Math.min(d, 0)));
  parts.push(String(xs.indexOf('a')));
  parts.push(xs.slice(1).join(','));
  parts.push(xs.slice(0, 2).join());
  parts.push(String('k' in o));
  delete o['k'];
  delete o.other;
  parts.push(s.toLowerCase() + s.toUpperCase() + s.substring(1) + s.substring(1, 3) + s.substring(d, d + 2));
  parts.push(String(s.startsWith('a')) + String(s.endsWith('z')) + String(s.includes('m')) + String(xs.includes('q')));
  parts.push(String(s.length + xs.length));
  const merged = Object.assign({}, o, { x: 'y' });
  return parts.join('|') + merged.x;
}`,
    brs: `function mParticle_platform(v as dynamic, xs as object, o as object, s as string, d as double) as string
    parts = []
    parts.Push(FormatJson(o))
    parts.Push(mParticle_str(type(v) = "roArray"))
    parts.Push(mParticle_str(mParticle_isInteger(d)))
    parts.Push(mParticle_str(mParticle_floor(d) + mParticle_ceil(d) + mParticle_round(d) + mParticle_abs(d) + mParticle_max(mParticle_max(d, 1), 2) + mParticle_min(d, 0)))
    parts.Push(mParticle_str(mParticle_indexOf(xs, "a")))
    parts.Push(mParticle_join(mParticle_slice(xs, 1, invalid), ","))
    parts.Push(mParticle_join(mParticle_slice(xs, 0, 2), ","))
    parts.Push(mParticle_str(o.DoesExist("k")))
    o.Delete("k")
    o.Delete("other")
    parts.Push(LCase(s) + UCase(s) + Mid(s, 2) + Mid(s, 2, 2) + Mid(s, d + 1, 2))
    parts.Push(mParticle_str(Left(s, Len("a")) = "a") + mParticle_str(Right(s, Len("z")) = "z") + mParticle_str(Instr(1, s, "m") > 0) + mParticle_str(mParticle_indexOf(xs, "q") >= 0))
    parts.Push(mParticle_str(Len(s) + xs.Count()))
    merged = {}
    merged.Append(o)
    merged.Append({ x: "y" })
    return mParticle_join(parts, "|") + merged.x
end function
`,
  },
  {
    name: "reserved words and BrightScript built-ins are renamed",
    ts: `export function reserved(type: string, len: string): string {
  const str = type + len;
  let next = str;
  const m = next;
  next = m;
  return next;
}`,
    brs: `function mParticle_reserved(type_ as string, len_ as string) as string
    str_ = type_ + len_
    next_ = str_
    m_ = next_
    next_ = m_
    return next_
end function
`,
  },
  {
    name: "shadowed locals get distinct names, sibling blocks share one",
    ts: `import { Int } from '../schema';
export function scopes(flag: boolean): Int {
  let x: Int = 1;
  if (flag) {
    const x = 2;
    return x;
  }
  for (let i = 0; i < 2; i++) {
    x += i;
  }
  for (let i = 0; i < 3; i++) {
    x += i;
  }
  return x;
}`,
    brs: `function mParticle_scopes(flag as boolean) as integer
    x = 1
    if flag
        x_2 = 2
        return x_2
    end if
    for i = 0 to 2 - 1
        x += i
    end for
    for i = 0 to 3 - 1
        x += i
    end for
    return x
end function
`,
  },
  {
    name: "strings with quotes and control characters",
    ts: `export function escapes(): string {
  return 'say "hi"\\n\\tbye';
}`,
    brs: `function mParticle_escapes() as string
    return ("say ""hi""" + Chr(10) + Chr(9) + "bye")
end function
`,
  },
  {
    name: "undefined and null become invalid",
    ts: `export function nothing(flag: boolean): string | undefined {
  const o: Record<string, string | null> = { a: null };
  if (flag) {
    return undefined;
  }
  return o.a === null ? undefined : o.a;
}`,
    brs: `function mParticle_nothing(flag as boolean) as dynamic
    o = { a: invalid }
    if flag
        return invalid
    end if
    if type(o.a) = "Invalid" or (type(o.a) = "roInvalid" or type(o.a) = "<uninitialized>")
        return invalid
    else
        return o.a
    end if
end function
`,
  },
  {
    name: "@inline functions written out at a call statement and at an assignment to a local",
    ts: `/** @inline */
export function put(out: Record<string, string>, key: string, v: unknown): void {
  if (typeof v !== 'string') {
    return;
  }
  out[key] = v as string;
}
/** @inline */
export function label(o: Record<string, unknown>, fallback: string): string {
  const v = o.label;
  if (typeof v === 'string') {
    return v as string;
  } else if (typeof v === 'boolean') {
    return fallback;
  }
  return fallback + '?';
}
export function use(o: Record<string, unknown>, v: string): string {
  const out: Record<string, string> = {};
  put(out, 'k', o.title);
  put(out, v, v);
  const name = label(o, v);
  return name + label(o, 'x');
}`,
    // A member argument is read once into a local; a local or a literal stands for its
    // parameter. The callee's locals are renamed apart from the caller's (v -> v_2, v_3); a
    // guard's return leaves its negation; a call in any other place stays a call.
    brs: `sub mParticle_put(out as object, key as string, v as dynamic)
    if type(v) <> "roString" and type(v) <> "String"
        return
    end if
    out[key] = v
end sub

function mParticle_label(o as object, fallback as string) as string
    v = o.label
    if type(v) = "roString" or type(v) = "String"
        return v
    else if type(v) = "roBoolean" or type(v) = "Boolean"
        return fallback
    end if
    return fallback + "?"
end function

function mParticle_use(o as object, v as string) as string
    out = {}
    v_2 = o.title
    if not (type(v_2) <> "roString" and type(v_2) <> "String")
        out["k"] = v_2
    end if
    if not (type(v) <> "roString" and type(v) <> "String")
        out[v] = v
    end if
    v_3 = o.label
    if type(v_3) = "roString" or type(v_3) = "String"
        name = v_3
    else if type(v_3) = "roBoolean" or type(v_3) = "Boolean"
        name = v
    else
        name = v + "?"
    end if
    return name + mParticle_label(o, "x")
end function
`,
  },
  {
    name: "@inline function of one return written out in expressions, when its arguments can be read again",
    ts: `/** @inline */
export function isText(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}
export function pickText(o: Record<string, unknown>, xs: unknown[]): string {
  if (isText(o.title) && !isText(o.subtitle)) {
    return o.title as string;
  }
  const first = isText(xs[0]);
  return isText(xs.shift()) && first ? 'y' : 'n';
}`,
    // xs.Shift() has an effect: that call stays a call.
    brs: `function mParticle_isText(v as dynamic) as boolean
    return (type(v) = "roString" or type(v) = "String") and v <> ""
end function

function mParticle_pickText(o as object, xs as object) as string
    if (type(o.title) = "roString" or type(o.title) = "String") and o.title <> "" and not ((type(o.subtitle) = "roString" or type(o.subtitle) = "String") and o.subtitle <> "")
        return o.title
    end if
    v = xs[0]
    first = (type(v) = "roString" or type(v) = "String") and v <> ""
    if mParticle_isText(xs.Shift()) and first
        return "y"
    else
        return "n"
    end if
end function
`,
  },
  {
    name: "@inline function: literal conditions resolved, and its result built in the caller's local",
    ts: `/** @inline */
export function build(src: Record<string, string>, withExtra: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  out.a = src.a;
  if (withExtra) {
    out.extra = 'yes';
  } else {
    out.extra = 'no';
  }
  return out;
}
export function useBuild(src: Record<string, string>): string {
  const made = build(src, true);
  let again = build(made, false);
  again = build(again, true);
  return made.extra + again.extra;
}`,
    // The last call's target is also its argument: the result is built apart, then assigned.
    brs: `function mParticle_build(src as object, withExtra as boolean) as object
    out = {}
    out.a = src.a
    if withExtra
        out.extra = "yes"
    else
        out.extra = "no"
    end if
    return out
end function

function mParticle_useBuild(src as object) as string
    made = {}
    made.a = src.a
    made.extra = "yes"
    again = {}
    again.a = made.a
    again.extra = "no"
    out = {}
    out.a = again.a
    out.extra = "yes"
    again = out
    return made.extra + again.extra
end function
`,
  },
  {
    name: "the record test (object, not an array, not null) as two type names",
    ts: `export function records(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || Array.isArray(a) || a === null) {
    return false;
  }
  return typeof b === 'object' && !Array.isArray(b) && b !== null;
}`,
    brs: `function mParticle_records(a as dynamic, b as dynamic) as boolean
    if type(a) <> "roAssociativeArray" and type(a) <> "roSGNode"
        return false
    end if
    return type(b) = "roAssociativeArray" or type(b) = "roSGNode"
end function
`,
  },
];

describe('transpiler: lowering of supported constructs', function () {
  this.timeout(60000);
  const printed: string[] = [];

  for (const c of cases) {
    it(c.name, () => {
      const result = transpileSource(c.ts);
      assert.deepEqual(result.diagnostics.map(formatDiagnostic), []);
      assert.equal(result.functions, c.brs);
      printed.push(result.functions);
    });
  }

  it('bsc compiles every printed output together with the runtime, without errors', async () => {
    assert.equal(printed.length, cases.length, 'run the construct tests first (mocha runs them in order)');
    const diagnostics = await validateBrs(
      {
        'source/mParticleRuntime.brs': runtimeBrs(),
        'source/constructs.brs': printed.join('\n'),
      },
      { maxSeverity: 1 },
    );
    assert.equal(formatBscDiagnostics(diagnostics), '');
  });
});
