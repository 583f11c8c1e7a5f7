/**
 * The platform functions of the subset (docs/typescript-subset.md) and what each lowers to.
 * The checker asks `classifyCall` whether a call is allowed; the lowering asks `lowerPlatformCall`
 * for its BrightScript form.
 */
import { CallExpression, Expression, FunctionDeclaration, Node, SyntaxKind, Type } from 'ts-morph';
import { b, type Expr } from './brs-ast';
import { isStringType } from './types';

export const GLOBAL_FUNCTIONS = [
  'String',
  'JSON.stringify',
  'Array.isArray',
  'Number.isInteger',
  'Math.floor',
  'Math.ceil',
  'Math.round',
  'Math.abs',
  'Math.max',
  'Math.min',
  'Object.keys',
  'Object.assign',
] as const;
export type GlobalFunction = (typeof GLOBAL_FUNCTIONS)[number];

const ARRAY_METHODS = ['push', 'shift', 'indexOf', 'includes', 'slice', 'join'] as const;
const STRING_METHODS = ['toLowerCase', 'toUpperCase', 'substring', 'startsWith', 'endsWith', 'includes', 'indexOf'] as const;
export type ArrayMethod = (typeof ARRAY_METHODS)[number];
export type StringMethod = (typeof STRING_METHODS)[number];

/** Calls whose BrightScript form returns nothing, so they may only be statements. */
export const STATEMENT_ONLY_METHODS = new Set<string>(['push']);

export type CallTarget =
  | { kind: 'function'; decl: FunctionDeclaration }
  | { kind: 'global'; name: GlobalFunction }
  | { kind: 'arrayMethod'; name: ArrayMethod; receiver: Expression }
  | { kind: 'stringMethod'; name: StringMethod; receiver: Expression }
  | { kind: 'unknown'; text: string; method?: { name: string; receiverType: Type } };

function isArrayType(t: Type): boolean {
  if (t.isUnion()) return t.getUnionTypes().every((u) => u.isUndefined() || isArrayType(u));
  return t.isArray() || t.isReadonlyArray();
}

/** Whether a file is one of the logic files being transpiled. */
export type IsLogicFile = (filePath: string) => boolean;

/** What a call expression calls, resolved through imports. */
export function classifyCall(call: CallExpression, isLogicFile: IsLogicFile): CallTarget {
  const callee = call.getExpression();
  const text = callee.getText();
  if (Node.isIdentifier(callee)) {
    const sym = callee.getSymbol();
    const decl = (sym?.getAliasedSymbol() ?? sym)?.getDeclarations()[0];
    if (decl && Node.isFunctionDeclaration(decl) && isLogicFile(decl.getSourceFile().getFilePath())) return { kind: 'function', decl };
    if (text === 'String' && !decl?.getSourceFile().getFilePath().includes('/src-ts/')) return { kind: 'global', name: 'String' };
    return { kind: 'unknown', text };
  }
  if (Node.isPropertyAccessExpression(callee)) {
    if ((GLOBAL_FUNCTIONS as readonly string[]).includes(text)) return { kind: 'global', name: text as GlobalFunction };
    const receiver = callee.getExpression();
    const rt = receiver.getType();
    const name = callee.getName();
    if (isArrayType(rt) && (ARRAY_METHODS as readonly string[]).includes(name)) return { kind: 'arrayMethod', name: name as ArrayMethod, receiver };
    if (isStringType(rt) && (STRING_METHODS as readonly string[]).includes(name)) return { kind: 'stringMethod', name: name as StringMethod, receiver };
    return { kind: 'unknown', text: `${text}()`, method: { name, receiverType: rt } };
  }
  return { kind: 'unknown', text };
}

/** Whether evaluating `e` again gives the same value with no effect: a name or a chain of member reads. */
export function isRereadable(e: Expression): boolean {
  if (Node.isIdentifier(e)) return true;
  if (Node.isParenthesizedExpression(e)) return isRereadable(e.getExpression());
  if (Node.isAsExpression(e)) return isRereadable(e.getExpression());
  if (Node.isPropertyAccessExpression(e)) return isRereadable(e.getExpression());
  if (Node.isElementAccessExpression(e)) {
    const arg = e.getArgumentExpression();
    return isRereadable(e.getExpression()) && arg !== undefined && (Node.isStringLiteral(arg) || Node.isNumericLiteral(arg) || Node.isIdentifier(arg));
  }
  return false;
}

type Lower = (e: Expression) => Expr;

const MATH_HELPER: Record<string, string> = {
  'Math.floor': 'mParticle_floor',
  'Math.ceil': 'mParticle_ceil',
  'Math.round': 'mParticle_round',
  'Math.abs': 'mParticle_abs',
  'Math.max': 'mParticle_max',
  'Math.min': 'mParticle_min',
};

/** `mParticle_str(x)`, or `x` itself when it is statically a string. */
export function toStr(e: Expression, lower: Lower): Expr {
  return isStringType(e.getType()) ? lower(e) : b.call('mParticle_str', [lower(e)]);
}

/** The BrightScript form of a call to a global platform function. */
export function lowerGlobalCall(name: GlobalFunction, args: Expression[], lower: Lower): Expr {
  switch (name) {
    case 'String':
      return args.length === 0 ? b.str('') : toStr(args[0], lower);
    case 'JSON.stringify':
      return b.call('FormatJson', [lower(args[0])]);
    case 'Array.isArray':
      // One comparison, where the helper call cost the Task several times it.
      return isRereadable(args[0]) ? b.binary('=', b.call('type', [lower(args[0])]), b.str('roArray')) : b.call('mParticle_isArray', [lower(args[0])]);
    case 'Number.isInteger':
      return b.call('mParticle_isInteger', [lower(args[0])]);
    case 'Object.keys':
      return b.method(lower(args[0]), 'Keys', []);
    case 'Object.assign':
      return b.call('mParticle_assign', [b.array(args.slice(1).map((a) => lower(a)))]);
    case 'Math.max':
    case 'Math.min': {
      // nest pairwise: the helper takes two values, like BrightScript has no varargs
      const lowered = args.map((a) => lower(a));
      return lowered.slice(1).reduce<Expr>((acc, x) => b.call(MATH_HELPER[name], [acc, x]), lowered[0]);
    }
    default:
      return b.call(MATH_HELPER[name], [lower(args[0])]);
  }
}

export function lowerArrayMethod(name: ArrayMethod, receiver: Expression, args: Expression[], lower: Lower): Expr {
  const r = lower(receiver);
  switch (name) {
    case 'push':
      return b.method(r, 'Push', [lower(args[0])]);
    case 'shift':
      return b.method(r, 'Shift', []);
    case 'indexOf':
      return b.call('mParticle_indexOf', [r, lower(args[0])]);
    case 'includes':
      return b.binary('>=', b.call('mParticle_indexOf', [r, lower(args[0])]), b.int(0));
    case 'slice':
      return b.call('mParticle_slice', [r, args[0] ? lower(args[0]) : b.int(0), args[1] ? lower(args[1]) : b.invalid()]);
    case 'join':
      return b.call('mParticle_join', [r, args[0] ? lower(args[0]) : b.str(',')]);
  }
}

/**
 * `s.substring(a, b)` as `Mid(s, a + 1, b - a)`, folding literal positions and the common
 * `substring(i, i + n)` so the output stays readable.
 */
function substring(s: Expr, args: Expression[], lower: Lower): Expr {
  const [startArg, endArg] = args;
  const literal = (e: Expression | undefined) => (e && Node.isNumericLiteral(e) ? e.getLiteralValue() : undefined);
  const start = literal(startArg);
  const from = start !== undefined ? b.int(start + 1) : b.binary('+', lower(startArg), b.int(1));
  if (!endArg) return b.call('Mid', [s, from]);
  const end = literal(endArg);
  if (start !== undefined && end !== undefined) return b.call('Mid', [s, from, b.int(Math.max(0, end - start))]);
  if (Node.isBinaryExpression(endArg) && endArg.getOperatorToken().getKind() === SyntaxKind.PlusToken && endArg.getLeft().getText() === startArg.getText()) {
    const n = literal(endArg.getRight());
    if (n !== undefined) return b.call('Mid', [s, from, b.int(n)]);
  }
  return b.call('Mid', [s, from, b.binary('-', lower(endArg), lower(startArg))]);
}

export function lowerStringMethod(name: StringMethod, receiver: Expression, args: Expression[], lower: Lower): Expr {
  const s = lower(receiver);
  switch (name) {
    case 'toLowerCase':
      return b.call('LCase', [s]);
    case 'toUpperCase':
      return b.call('UCase', [s]);
    case 'substring':
      return substring(s, args, lower);
    case 'startsWith': {
      const p = lower(args[0]);
      return b.binary('=', b.call('Left', [s, b.call('Len', [p])]), p);
    }
    case 'endsWith': {
      const p = lower(args[0]);
      return b.binary('=', b.call('Right', [s, b.call('Len', [p])]), p);
    }
    case 'includes':
      return b.binary('>', b.call('Instr', [b.int(1), s, lower(args[0])]), b.int(0));
    case 'indexOf':
      return b.binary('-', b.call('Instr', [b.int(1), s, lower(args[0])]), b.int(1));
  }
}
