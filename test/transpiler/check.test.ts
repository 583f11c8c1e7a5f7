/**
 * One test per rejected construct: the diagnostic's code, line:column and message, and that
 * nothing is emitted.
 */
import { strict as assert } from 'node:assert';
import { transpileSource, formatDiagnostic } from '../../src-ts/transpiler';

interface Rejection {
  name: string;
  code: string;
  /** line:column of the diagnostic with that code */
  at: string;
  message: string;
  ts: string;
}

const rejections: Rejection[] = [
  {
    name: "class",
    code: "MPT1001",
    at: "1:1",
    message: "classes are not supported: BrightScript has no classes. Use an interface for the shape and top-level functions that take the object as a parameter.",
    ts: `export class A {}`,
  },
  {
    name: "this",
    code: "MPT1002",
    at: "2:10",
    message: "`this` is not supported: BrightScript functions here have no receiver. Pass the object as a parameter.",
    ts: `export function f(): string {
  return this.x;
}`,
  },
  {
    name: "arrow function",
    code: "MPT1003",
    at: "2:13",
    message: "arrow functions are not supported: BrightScript has no closures. Move the function to the top level and pass what it uses as parameters.",
    ts: `export function f(): string {
  const g = () => 'x';
  return 'y';
}`,
  },
  {
    name: "function expression",
    code: "MPT1003",
    at: "2:13",
    message: "function expressions are not supported: BrightScript has no closures. Move the function to the top level and pass what it uses as parameters.",
    ts: `export function f(): string {
  const g = function () { return 1; };
  return 'y';
}`,
  },
  {
    name: "try/catch",
    code: "MPT1004",
    at: "2:3",
    message: "`try` is not supported: a BrightScript runtime error on a viewer's TV stops the channel. Check inputs and return an error value (e.g. push to `errors`) instead.",
    ts: `export function f(): string {
  try {
    return 'a';
  } catch (e) {
    return 'b';
  }
}`,
  },
  {
    name: "throw",
    code: "MPT1004",
    at: "2:3",
    message: "`throw` is not supported: a BrightScript runtime error on a viewer's TV stops the channel. Check inputs and return an error value (e.g. push to `errors`) instead.",
    ts: `export function f(): string {
  throw 'bad';
}`,
  },
  {
    name: "async",
    code: "MPT1005",
    at: "1:1",
    message: "`async`/`await` are not supported: the logic is synchronous. Take the awaited value as a parameter.",
    ts: `export async function f(): Promise<string> {
  return 'a';
}`,
  },
  {
    name: "generator",
    code: "MPT1006",
    at: "1:1",
    message: "generators and `yield` are not supported. Build and return an array instead.",
    ts: `export function* f(): Generator<string> {
  yield 'a';
}`,
  },
  {
    name: "spread of unknown",
    code: "MPT1007",
    at: "2:12",
    message: "spread of a value whose shape is not known is not supported (and spread in calls never is). Spread only objects and arrays with a declared type, or copy explicitly with `Object.assign({}, a, b)` / a loop.",
    ts: `export function f(x: unknown): object {
  return { ...(x as any) };
}`,
  },
  {
    name: "spread in a call",
    code: "MPT1007",
    at: "5:12",
    message: "spread of a value whose shape is not known is not supported (and spread in calls never is). Spread only objects and arrays with a declared type, or copy explicitly with `Object.assign({}, a, b)` / a loop.",
    ts: `function g(a: string): string {
  return a;
}
export function f(xs: [string]): string {
  return g(...xs);
}`,
  },
  {
    name: "optional chaining",
    code: "MPT1008",
    at: "2:10",
    message: "optional chaining `?.` is not supported (older Roku firmware rejects it). Write an explicit check: `x !== undefined ? x.y : undefined`, or an `if`.",
    ts: `export function f(o: { a?: { b: string } }): string | undefined {
  return o.a?.b;
}`,
  },
  {
    name: "nullish coalescing",
    code: "MPT1009",
    at: "2:10",
    message: "`??` is not supported. Write `x !== undefined ? x : fallback` (or an `if`).",
    ts: `export function f(a: string | undefined): string {
  return a ?? 'x';
}`,
  },
  {
    name: "loose equality",
    code: "MPT1010",
    at: "2:10",
    message: "`==` is not supported: use `===` (compare with `undefined` to test for a missing value).",
    ts: `export function f(a: string): boolean {
  return a == 'x';
}`,
  },
  {
    name: "var",
    code: "MPT1011",
    at: "2:3",
    message: "`var` is not supported: use `let` or `const`.",
    ts: `export function f(): string {
  var a = 'x';
  return a;
}`,
  },
  {
    name: "label",
    code: "MPT1012",
    at: "2:3",
    message: "labelled statements are not supported: BrightScript can only leave the innermost loop. Move the inner loop into a function and `return` from it.",
    ts: `export function f(xs: string[]): void {
  outer: for (const x of xs) {
    break outer;
  }
}`,
  },
  {
    name: "for...in",
    code: "MPT1013",
    at: "2:3",
    message: "`for…in` is not supported: write `for (const k of Object.keys(o))`.",
    ts: `export function f(o: Record<string, string>): void {
  for (const k in o) {
    delete o[k];
  }
}`,
  },
  {
    name: "destructuring",
    code: "MPT1014",
    at: "2:9",
    message: "destructuring is not supported: read the properties one by one (`const a = o.a;`).",
    ts: `export function f(o: { a: string }): string {
  const { a } = o;
  return a;
}`,
  },
  {
    name: "regular expression",
    code: "MPT1015",
    at: "2:10",
    message: "regular expressions are not supported: use string functions (`startsWith`, `substring`, `indexOf`).",
    ts: `export function f(s: string): boolean {
  return /a/.test(s);
}`,
  },
  {
    name: "getter",
    code: "MPT1016",
    at: "2:12",
    message: "getters and setters are not supported: use plain properties and functions.",
    ts: `export function f(): object {
  return { get a() { return 1; } };
}`,
  },
  {
    name: "enum",
    code: "MPT1017",
    at: "1:1",
    message: "`enum` is not supported: use a schema constant (src-ts/schema) or a string literal union type.",
    ts: `export enum E { A }`,
  },
  {
    name: "bitwise operator",
    code: "MPT1018",
    at: "3:10",
    message: "bitwise operator `|` is not supported (BrightScript `and`/`or` are bitwise only on integers). Use arithmetic or booleans.",
    ts: `import { Int } from '../schema';
export function f(a: Int): Int {
  return a | 0;
}`,
  },
  {
    name: "new",
    code: "MPT1019",
    at: "2:10",
    message: "`new` is not supported: build objects with literals; dates and ids come in as parameters (`now`, `newId`).",
    ts: `export function f(): object {
  return new Date();
}`,
  },
  {
    name: "unknown call",
    code: "MPT1020",
    at: "2:10",
    message: "call to `encodeURIComponent` is not supported: only functions of the transpiled logic files and the platform functions of docs/typescript-subset.md can be called.",
    ts: `export function f(s: string): string {
  return encodeURIComponent(s);
}`,
  },
  {
    name: "non-boolean condition",
    code: "MPT1021",
    at: "2:7",
    message: "this condition has type `string` but must be a boolean (BrightScript does not convert values to booleans). Compare explicitly, e.g. `x !== undefined`, `s !== \"\"`, `n > 0`.",
    ts: `export function f(s: string): string {
  if (s) {
    return s;
  }
  return 'x';
}`,
  },
  {
    name: "disallowed import",
    code: "MPT1022",
    at: "1:21",
    message: "import from 'fs' is not allowed: logic files import only from '../schema' (or '../schema/<file>') and from other logic files ('./<file>').",
    ts: `import * as fs from 'fs';
export function f(): string {
  return 'x';
}`,
  },
  {
    name: "unknown schema key",
    code: "MPT1023",
    at: "3:10",
    message: "MEDIA_EVENT_NAME has no key `PLAYY`: check the spelling against src-ts/schema (schema reads are resolved when transpiling).",
    ts: `import { MEDIA_EVENT_NAME } from '../schema';
export function f(): string {
  return MEDIA_EVENT_NAME.PLAYY;
}`,
  },
  {
    name: "locals that differ only in case",
    code: "MPT1025",
    at: "3:9",
    message: "`Name` differs from `name` only in letter case, but BrightScript names are case-insensitive. Rename one of them.",
    ts: `export function f(): string {
  const name = 'a';
  const Name = 'b';
  return name + Name;
}`,
  },
  {
    name: "object keys equal ignoring case",
    code: "MPT1026",
    at: "2:19",
    message: "object key `ID` equals `id` ignoring case, and BrightScript associative arrays are case-insensitive. Rename one of them.",
    ts: `export function f(): object {
  return { id: 1, ID: 2 };
}`,
  },
  {
    name: "switch fall-through",
    code: "MPT1027",
    at: "4:5",
    message: "this switch case falls through: end every non-empty case with `break` or `return` (stacked empty cases are fine).",
    ts: `export function f(s: string): string {
  let o = '';
  switch (s) {
    case 'a':
      o = 'a';
    case 'b':
      o = 'b';
      break;
  }
  return o;
}`,
  },
  {
    name: "break in the middle of a case",
    code: "MPT1028",
    at: "6:9",
    message: "`break` of a switch is allowed only as the last statement of its case: restructure with `if`/`else` so the case ends in one `break`.",
    ts: `export function f(s: string, b: boolean): string {
  let o = '';
  switch (s) {
    case 'a':
      if (b) {
        break;
      }
      o = 'a';
      break;
  }
  return o;
}`,
  },
  {
    name: "assignment as expression",
    code: "MPT1029",
    at: "4:14",
    message: "an assignment can only be a statement on its own (BrightScript assignments are statements). Move it to its own line.",
    ts: `import { Int } from '../schema';
export function f(a: Int): Int {
  let b: Int = 0;
  const c = (b = a);
  return c;
}`,
  },
  {
    name: "increment as expression",
    code: "MPT1029",
    at: "4:10",
    message: "`++`/`--` can only be a statement on its own (BrightScript assignments are statements). Move it to its own line.",
    ts: `import { Int } from '../schema';
export function f(a: Int): Int {
  let b: Int = a;
  return b++;
}`,
  },
  {
    name: "computed key",
    code: "MPT1030",
    at: "2:12",
    message: "computed keys in object literals are not supported: create the object, then assign `o[k] = v`.",
    ts: `export function f(k: string): object {
  return { [k]: 1 };
}`,
  },
  {
    name: "top-level statement",
    code: "MPT1031",
    at: "1:1",
    message: "only imports, function declarations, interfaces, type aliases and `const` with a constant value are allowed at the top level of a logic file. Move this code into a function.",
    ts: `let counter = 0;
export function f(): string {
  return 'x';
}`,
  },
  {
    name: "unsupported method",
    code: "MPT1033",
    at: "2:10",
    message: "`.trim()` on `string` is not supported. The supported methods are listed in docs/typescript-subset.md (platform functions).",
    ts: `export function f(s: string): string {
  return s.trim();
}`,
  },
  {
    name: "string index",
    code: "MPT1034",
    at: "2:10",
    message: "indexing a string is not supported (BrightScript strings are not indexable): use `s.substring(i, i + 1)`.",
    ts: `export function f(s: string): string {
  return s[0];
}`,
  },
  {
    name: "missing parameter type",
    code: "MPT1035",
    at: "1:19",
    message: "parameter `a` needs a type annotation: the BrightScript signature is derived from it.",
    ts: `export function f(a): string {
  return 'x';
}`,
  },
  {
    name: "non-ASCII identifier",
    code: "MPT1036",
    at: "2:9",
    message: "identifier `café` cannot be a BrightScript name: use ASCII letters, digits and `_` only.",
    ts: `export function f(): string {
  const café = 'x';
  return café;
}`,
  },
  {
    name: "non-boolean operand",
    code: "MPT1037",
    at: "2:11",
    message: "operand of `!` has type `string` but must be a boolean (BrightScript `and`/`or`/`not` do not convert values). Compare explicitly, e.g. `x !== undefined`.",
    ts: `export function f(a: string, b: boolean): boolean {
  return !a && b;
}`,
  },
  {
    name: "value of push",
    code: "MPT1038",
    at: "3:10",
    message: "the value of `.push()` cannot be used (its BrightScript form returns nothing). Call it as a statement on its own.",
    ts: `import { Int } from '../schema';
export function f(xs: string[]): Int {
  return xs.push('a');
}`,
  },
  {
    name: "in with a non-string key",
    code: "MPT1039",
    at: "2:10",
    message: "`k in o` needs a string `k` and an object `o` (it becomes `o.DoesExist(k)`).",
    ts: `export function f(o: Record<string, string>): boolean {
  return 1 in o;
}`,
  },
  {
    name: "Object.assign into an existing object",
    code: "MPT1040",
    at: "2:10",
    message: "`Object.assign` is supported only as `Object.assign({}, a, b, ...)` (a fresh copy). Write it that way.",
    ts: `export function f(a: object, b: object): object {
  return Object.assign(a, b);
}`,
  },
  {
    name: "TypeScript error",
    code: "MPT1041",
    at: "2:3",
    message: "TypeScript error: Type 'number' is not assignable to type 'string'. The transpiler relies on the types; fix this first.",
    ts: `export function f(): string {
  return 1;
}`,
  },
  {
    name: "arithmetic on a non-number",
    code: "MPT1042",
    at: "2:10",
    message: "operand of `*` has type `any`: arithmetic needs numbers (and `+` numbers or strings). Convert explicitly with `String(x)` or check the type first.",
    ts: `export function f(o: { a: string }): number {
  return (o as any) * 2;
}`,
  },
  {
    name: "object equality",
    code: "MPT1043",
    at: "2:10",
    message: "comparing objects or arrays with `===`/`!==` is not supported (BrightScript cannot compare references). Compare an id field, or compare with `undefined`.",
    ts: `export function f(a: { x: string }, b: { x: string }): boolean {
  return a === b;
}`,
  },
  {
    name: "typeof compared with an unsupported name",
    code: "MPT1044",
    at: "2:23",
    message: "`typeof` can be compared only with \"string\", \"number\", \"boolean\", \"object\" or \"undefined\" (got 'function').",
    ts: `export function f(a: unknown): boolean {
  return typeof a === 'function';
}`,
  },
  {
    name: "tagged template",
    code: "MPT1045",
    at: "5:10",
    message: "tagged templates are not supported: call the function with a string.",
    ts: `function tag(s: TemplateStringsArray): string {
  return s[0];
}
export function f(): string {
  return tag\`x\`;
}`,
  },
  {
    name: "nested function",
    code: "MPT1046",
    at: "2:3",
    message: "nested function declarations are not supported: BrightScript has no closures. Move the function to the top level and pass what it uses as parameters.",
    ts: `export function f(): string {
  function g(): string {
    return 'x';
  }
  return g();
}`,
  },
  {
    name: "default export",
    code: "MPT1047",
    at: "1:1",
    message: "only `export function` and `export const`/`interface`/`type` are supported: no default exports or re-exports in logic files.",
    ts: `export default function f(): string {
  return 'x';
}`,
  },
  {
    name: "overloads",
    code: "MPT1048",
    at: "1:1",
    message: "function overloads are not supported: BrightScript has one signature per function. Use one signature with a union type.",
    ts: `export function f(a: string): string;
export function f(a: string): string {
  return a;
}`,
  },
  {
    name: "% on decimals",
    code: "MPT1049",
    at: "2:10",
    message: "`%` needs Int or Long operands (BrightScript `mod` truncates decimals). Use `Math.floor` first, or declare the operands Int/Long.",
    ts: `export function f(a: number): number {
  return a % 2;
}`,
  },
  {
    name: "non-constant default",
    code: "MPT1050",
    at: "4:31",
    message: "a parameter default must be a constant (literal, schema read, `undefined`): BrightScript evaluates defaults without the other parameters in scope. Default inside the body instead.",
    ts: `function g(): string {
  return 'x';
}
export function f(a: string = g()): string {
  return a;
}`,
  },
  {
    name: "@inline function returning from a loop",
    code: "MPT1052",
    at: "5:7",
    message: "in an `@inline` function a `return` may only end the body, or end every branch of an `if`/`else if` chain at the top level of the body (the code after the chain becomes its `else`). Restructure the function that way, or remove `@inline`.",
    ts: `/** @inline */
export function first(xs: string[]): string {
  for (const x of xs) {
    if (x !== '') {
      return x;
    }
  }
  return '';
}`,
  },
  {
    name: "@inline function with an if branch that does not return",
    code: "MPT1052",
    at: "3:3",
    message: "in an `@inline` function a `return` may only end the body, or end every branch of an `if`/`else if` chain at the top level of the body (the code after the chain becomes its `else`). Restructure the function that way, or remove `@inline`.",
    ts: `/** @inline */
export function pick(a: string, out: string[]): string {
  if (a === '') {
    return 'empty';
  } else {
    out.push(a);
  }
  return a;
}`,
  },
  {
    name: "@inline value function that can end without a return",
    code: "MPT1052",
    at: "2:17",
    message: "in an `@inline` function a `return` may only end the body, or end every branch of an `if`/`else if` chain at the top level of the body (the code after the chain becomes its `else`). Restructure the function that way, or remove `@inline`.",
    ts: `/** @inline */
export function maybe(a: string): string | undefined {
  if (a === '') {
    return undefined;
  }
}`,
  },
  {
    name: "@inline function with a number parameter",
    code: "MPT1053",
    at: "2:34",
    message: "parameter `n` of an `@inline` function cannot be a number: a BrightScript call converts numbers to the declared type, and the written-out body would not. Pass the number inside an object, or remove `@inline`.",
    ts: `/** @inline */
export function twice(s: string, n: number): string {
  return s + String(n * 2);
}`,
  },
  {
    name: "@inline function with a number result",
    code: "MPT1053",
    at: "2:34",
    message: "the result of an `@inline` function cannot be a number: a BrightScript call converts numbers to the declared type, and the written-out body would not. Pass the number inside an object, or remove `@inline`.",
    ts: `/** @inline */
export function size(s: string): number {
  return s.length;
}`,
  },
  {
    name: "@inline functions that call each other",
    code: "MPT1054",
    at: "2:17",
    message: "`@inline` function `ping` calls itself, directly or through other `@inline` functions, and cannot be written out. Remove `@inline` from one function of the cycle.",
    ts: `/** @inline */
export function ping(out: string[]): void {
  out.push('ping');
  pong(out);
}
/** @inline */
export function pong(out: string[]): void {
  ping(out);
}`,
  },
  {
    name: "a name with the hand-written Task's prefix",
    code: "MPT1055",
    at: "1:17",
    message: "function `taskTick` would be `mParticle_taskTick`, which has the prefix of the hand-written Task's functions (mParticle_task): a name must say whether it was transpiled. Rename it (core..., media..., identity...).",
    ts: `export function taskTick(n: string): string {
  return n;
}`,
  },
];

describe('transpiler: rejected constructs', function () {
  this.timeout(60000);

  for (const r of rejections) {
    it(`${r.name} (${r.code})`, () => {
      const result = transpileSource(r.ts);
      const found = result.diagnostics.find((d) => d.code === r.code);
      assert.ok(found, `expected ${r.code}, got:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
      assert.equal(`${found.line}:${found.column}`, r.at);
      assert.equal(found.message, r.message);
      assert.equal(found.file, 'src-ts/logic/__inline__.ts');
      assert.equal(result.functions, '');
      assert.deepEqual(result.functionNames, []);
    });
  }

  it('collects every diagnostic of a file, not only the first', () => {
    const result = transpileSource(`export function f(a: string): string {
  var b = a;
  const g = () => b;
  return a == b ? 'x' : 'y';
}`);
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`),
      ['2:3 MPT1011', '3:13 MPT1003', '4:10 MPT1010'],
    );
  });

  it('formats a diagnostic as file:line:col CODE message', () => {
    const [d] = transpileSource(`export function f(): string {\n  return this.x;\n}`).diagnostics;
    assert.equal(
      formatDiagnostic(d),
      'src-ts/logic/__inline__.ts:2:10 MPT1002 `this` is not supported: BrightScript functions here have no receiver. Pass the object as a parameter.',
    );
  });
});
