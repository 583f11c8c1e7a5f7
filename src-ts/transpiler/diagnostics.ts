/**
 * The one catalog of transpiler diagnostics. Every message says what is wrong and what to
 * write instead, so that the logic author can fix it without reading the transpiler.
 */
import * as path from 'path';
import type { Node } from 'ts-morph';

/** One problem found in a logic file. */
export interface Diagnostic {
  /** Path relative to the repository root, e.g. `src-ts/logic/media.ts`. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** `MPT` + four digits; stable, so tests and docs can refer to it. */
  code: string;
  message: string;
}

/** The repository root: file paths in diagnostics are relative to it. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** `src-ts/logic/media.ts:12:5 MPT1003 arrow functions are not supported: ...` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`;
}

function at(node: Node, code: string, message: string): Diagnostic {
  const sf = node.getSourceFile();
  const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
  return { file: path.relative(REPO_ROOT, sf.getFilePath()), line, column, code, message };
}

const SEE = 'See docs/typescript-subset.md.';

/** Diagnostic factories, one per rule. Codes are never reused. */
export const diag = {
  unsupportedSyntax: (n: Node, what: string) =>
    at(n, 'MPT1000', `${what} is not supported in transpiled logic. ${SEE}`),
  classNotSupported: (n: Node) =>
    at(n, 'MPT1001', 'classes are not supported: BrightScript has no classes. Use an interface for the shape and top-level functions that take the object as a parameter.'),
  thisNotSupported: (n: Node) =>
    at(n, 'MPT1002', '`this` is not supported: BrightScript functions here have no receiver. Pass the object as a parameter.'),
  closureNotSupported: (n: Node, what: string) =>
    at(n, 'MPT1003', `${what} are not supported: BrightScript has no closures. Move the function to the top level and pass what it uses as parameters.`),
  exceptionsNotSupported: (n: Node, what: string) =>
    at(n, 'MPT1004', `\`${what}\` is not supported: a BrightScript runtime error on a viewer's TV stops the channel. Check inputs and return an error value (e.g. push to \`errors\`) instead.`),
  asyncNotSupported: (n: Node) =>
    at(n, 'MPT1005', '`async`/`await` are not supported: the logic is synchronous. Take the awaited value as a parameter.'),
  generatorNotSupported: (n: Node) =>
    at(n, 'MPT1006', 'generators and `yield` are not supported. Build and return an array instead.'),
  spreadNotSupported: (n: Node) =>
    at(n, 'MPT1007', 'spread of a value whose shape is not known is not supported (and spread in calls never is). Spread only objects and arrays with a declared type, or copy explicitly with `Object.assign({}, a, b)` / a loop.'),
  optionalChainNotSupported: (n: Node) =>
    at(n, 'MPT1008', 'optional chaining `?.` is not supported (older Roku firmware rejects it). Write an explicit check: `x !== undefined ? x.y : undefined`, or an `if`.'),
  nullishNotSupported: (n: Node) =>
    at(n, 'MPT1009', '`??` is not supported. Write `x !== undefined ? x : fallback` (or an `if`).'),
  looseEqualityNotSupported: (n: Node, op: string) =>
    at(n, 'MPT1010', `\`${op}\` is not supported: use \`${op === '==' ? '===' : '!=='}\` (compare with \`undefined\` to test for a missing value).`),
  varNotSupported: (n: Node) =>
    at(n, 'MPT1011', '`var` is not supported: use `let` or `const`.'),
  labelNotSupported: (n: Node) =>
    at(n, 'MPT1012', 'labelled statements are not supported: BrightScript can only leave the innermost loop. Move the inner loop into a function and `return` from it.'),
  forInNotSupported: (n: Node) =>
    at(n, 'MPT1013', '`for…in` is not supported: write `for (const k of Object.keys(o))`.'),
  destructuringNotSupported: (n: Node) =>
    at(n, 'MPT1014', 'destructuring is not supported: read the properties one by one (`const a = o.a;`).'),
  regexNotSupported: (n: Node) =>
    at(n, 'MPT1015', 'regular expressions are not supported: use string functions (`startsWith`, `substring`, `indexOf`).'),
  accessorNotSupported: (n: Node) =>
    at(n, 'MPT1016', 'getters and setters are not supported: use plain properties and functions.'),
  enumNotSupported: (n: Node) =>
    at(n, 'MPT1017', '`enum` is not supported: use a schema constant (src-ts/schema) or a string literal union type.'),
  bitwiseNotSupported: (n: Node, op: string) =>
    at(n, 'MPT1018', `bitwise operator \`${op}\` is not supported (BrightScript \`and\`/\`or\` are bitwise only on integers). Use arithmetic or booleans.`),
  newNotSupported: (n: Node) =>
    at(n, 'MPT1019', '`new` is not supported: build objects with literals; dates and ids come in as parameters (`now`, `newId`).'),
  unknownCall: (n: Node, callee: string) =>
    at(n, 'MPT1020', `call to \`${callee}\` is not supported: only functions of the transpiled logic files and the platform functions of docs/typescript-subset.md can be called.`),
  nonBooleanCondition: (n: Node, typeText: string) =>
    at(n, 'MPT1021', `this condition has type \`${typeText}\` but must be a boolean (BrightScript does not convert values to booleans). Compare explicitly, e.g. \`x !== undefined\`, \`s !== ""\`, \`n > 0\`.`),
  disallowedImport: (n: Node, spec: string) =>
    at(n, 'MPT1022', `import from '${spec}' is not allowed: logic files import only from '../schema' (or '../schema/<file>') and from other logic files ('./<file>').`),
  unknownSchemaKey: (n: Node, owner: string, key: string) =>
    at(n, 'MPT1023', `${owner} has no key \`${key}\`: check the spelling against src-ts/schema (schema reads are resolved when transpiling).`),
  schemaValueNotRepresentable: (n: Node, owner: string, why: string) =>
    at(n, 'MPT1024', `${owner} cannot be inlined as a BrightScript literal: ${why}. Read a string, number or boolean (or a plain object/array of them) instead.`),
  caseCollision: (n: Node, name: string, other: string) =>
    at(n, 'MPT1025', `\`${name}\` differs from \`${other}\` only in letter case, but BrightScript names are case-insensitive. Rename one of them.`),
  duplicateKeyIgnoringCase: (n: Node, key: string, other: string) =>
    at(n, 'MPT1026', `object key \`${key}\` equals \`${other}\` ignoring case, and BrightScript associative arrays are case-insensitive. Rename one of them.`),
  switchFallThrough: (n: Node) =>
    at(n, 'MPT1027', 'this switch case falls through: end every non-empty case with `break` or `return` (stacked empty cases are fine).'),
  breakInsideCase: (n: Node) =>
    at(n, 'MPT1028', '`break` of a switch is allowed only as the last statement of its case: restructure with `if`/`else` so the case ends in one `break`.'),
  assignmentAsExpression: (n: Node, what: string) =>
    at(n, 'MPT1029', `${what} can only be a statement on its own (BrightScript assignments are statements). Move it to its own line.`),
  computedKeyNotSupported: (n: Node) =>
    at(n, 'MPT1030', 'computed keys in object literals are not supported: create the object, then assign `o[k] = v`.'),
  topLevelStatement: (n: Node) =>
    at(n, 'MPT1031', 'only imports, function declarations, interfaces, type aliases and `const` with a constant value are allowed at the top level of a logic file. Move this code into a function.'),
  duplicateFunctionName: (n: Node, name: string, other: string) =>
    at(n, 'MPT1032', `function \`${name}\` collides with \`${other}\` (BrightScript function names are global and case-insensitive). Rename one of them.`),
  unsupportedMethod: (n: Node, method: string, typeText: string) =>
    at(n, 'MPT1033', `\`.${method}()\` on \`${typeText}\` is not supported. The supported methods are listed in docs/typescript-subset.md (platform functions).`),
  stringIndexNotSupported: (n: Node) =>
    at(n, 'MPT1034', 'indexing a string is not supported (BrightScript strings are not indexable): use `s.substring(i, i + 1)`.'),
  missingParameterType: (n: Node, name: string) =>
    at(n, 'MPT1035', `parameter \`${name}\` needs a type annotation: the BrightScript signature is derived from it.`),
  badIdentifier: (n: Node, name: string) =>
    at(n, 'MPT1036', `identifier \`${name}\` cannot be a BrightScript name: use ASCII letters, digits and \`_\` only.`),
  nonBooleanOperand: (n: Node, op: string, typeText: string) =>
    at(n, 'MPT1037', `operand of \`${op}\` has type \`${typeText}\` but must be a boolean (BrightScript \`and\`/\`or\`/\`not\` do not convert values). Compare explicitly, e.g. \`x !== undefined\`.`),
  statementOnlyCall: (n: Node, what: string) =>
    at(n, 'MPT1038', `the value of \`${what}\` cannot be used (its BrightScript form returns nothing). Call it as a statement on its own.`),
  badInOperator: (n: Node) =>
    at(n, 'MPT1039', '`k in o` needs a string `k` and an object `o` (it becomes `o.DoesExist(k)`).'),
  badObjectAssign: (n: Node) =>
    at(n, 'MPT1040', '`Object.assign` is supported only as `Object.assign({}, a, b, ...)` (a fresh copy). Write it that way.'),
  typeScriptError: (n: Node, message: string) =>
    at(n, 'MPT1041', `TypeScript error: ${message}. The transpiler relies on the types; fix this first.`),
  arithmeticOperand: (n: Node, op: string, typeText: string) =>
    at(n, 'MPT1042', `operand of \`${op}\` has type \`${typeText}\`: arithmetic needs numbers (and \`+\` numbers or strings). Convert explicitly with \`String(x)\` or check the type first.`),
  objectEquality: (n: Node) =>
    at(n, 'MPT1043', 'comparing objects or arrays with `===`/`!==` is not supported (BrightScript cannot compare references). Compare an id field, or compare with `undefined`.'),
  badTypeofComparison: (n: Node, what: string) =>
    at(n, 'MPT1044', `\`typeof\` can be compared only with "string", "number", "boolean", "object" or "undefined" (got ${what}).`),
  taggedTemplate: (n: Node) =>
    at(n, 'MPT1045', 'tagged templates are not supported: call the function with a string.'),
  nestedFunction: (n: Node) =>
    at(n, 'MPT1046', 'nested function declarations are not supported: BrightScript has no closures. Move the function to the top level and pass what it uses as parameters.'),
  exportForm: (n: Node) =>
    at(n, 'MPT1047', 'only `export function` and `export const`/`interface`/`type` are supported: no default exports or re-exports in logic files.'),
  overloadNotSupported: (n: Node) =>
    at(n, 'MPT1048', 'function overloads are not supported: BrightScript has one signature per function. Use one signature with a union type.'),
  modNeedsIntegers: (n: Node) =>
    at(n, 'MPT1049', '`%` needs Int or Long operands (BrightScript `mod` truncates decimals). Use `Math.floor` first, or declare the operands Int/Long.'),
  defaultNotConstant: (n: Node) =>
    at(n, 'MPT1050', 'a parameter default must be a constant (literal, schema read, `undefined`): BrightScript evaluates defaults without the other parameters in scope. Default inside the body instead.'),
  notAnInteger: (n: Node) =>
    at(n, 'MPT1051', 'an Int/Long value cannot be given a decimal literal. Use `Double` (or `number`) for decimals, or write an integer.'),
  inlineReturn: (n: Node) =>
    at(n, 'MPT1052', 'in an `@inline` function a `return` may only end the body, or end every branch of an `if`/`else if` chain at the top level of the body (the code after the chain becomes its `else`). Restructure the function that way, or remove `@inline`.'),
  inlineNumber: (n: Node, what: string) =>
    at(n, 'MPT1053', `${what} of an \`@inline\` function cannot be a number: a BrightScript call converts numbers to the declared type, and the written-out body would not. Pass the number inside an object, or remove \`@inline\`.`),
  inlineCycle: (n: Node, name: string) =>
    at(n, 'MPT1054', `\`@inline\` function \`${name}\` calls itself, directly or through other \`@inline\` functions, and cannot be written out. Remove \`@inline\` from one function of the cycle.`),
  taskPrefixName: (n: Node, name: string) =>
    at(n, 'MPT1055', `function \`${name}\` would be \`mParticle_${name}\`, which has the prefix of the hand-written Task's functions (mParticle_task): a name must say whether it was transpiled. Rename it (core..., media..., identity...).`),
} as const;
