/**
 * Stage 2a: TypeScript expressions -> BrightScript expression nodes. Only constructs the
 * checker accepted reach this code; anything else is an internal error (a checker gap).
 */
import { BinaryExpression, CallExpression, Expression, Identifier, Node, ObjectLiteralExpression, SyntaxKind, TypeNode } from 'ts-morph';
import { b, type AAEntry, type Expr } from './brs-ast';
import { TYPEOF_NAMES } from './brs-types';
import { readSchema, topLevelConst } from './constants';
import type { NameAllocator } from './names';
import { functionBrsName } from './names';
import { classifyCall, isRereadable, lowerArrayMethod, lowerGlobalCall, lowerStringMethod, toStr, type IsLogicFile } from './platform';
import {
  declaredTypeNode,
  elementTypeNode,
  isNullish,
  isObjectLike,
  isStringType,
  naturalKind,
  numKindOfExpr,
  numKindOfTypeNode,
  primitiveOf,
  type NumKind,
} from './types';

/** What expression lowering needs from its function. */
export interface ExprContext {
  names: NameAllocator;
  isLogicFile: IsLogicFile;
}

export class TranspilerBug extends Error {
  constructor(node: Node, what: string) {
    super(`transpiler bug: ${what} at ${node.getSourceFile().getBaseName()}:${node.getStartLineNumber()} (${node.getKindName()}): the checker should have rejected it`);
  }
}

/** A number as a literal of the wanted kind (decimals are always Double). */
export function numberLiteral(value: number, want?: NumKind): Expr {
  const kind = !Number.isInteger(value) ? 'double' : want === 'integer' ? naturalKind(value) : want ?? naturalKind(value);
  const lit = kind === 'integer' ? b.int(Math.abs(value)) : kind === 'longinteger' ? b.long(Math.abs(value)) : b.double(Math.abs(value));
  return value < 0 || Object.is(value, -0) ? b.neg(lit) : lit;
}

/** A schema value as a BrightScript literal. */
export function valueLiteral(value: unknown, want?: NumKind): Expr {
  if (value === null || value === undefined) return b.invalid();
  if (typeof value === 'string') return b.str(value);
  if (typeof value === 'boolean') return b.bool(value);
  if (typeof value === 'number') return numberLiteral(value, want);
  if (Array.isArray(value)) return b.array(value.map((v) => valueLiteral(v)));
  return b.aa(Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: valueLiteral(v) })));
}

/** The type annotation of the place a value written at `e` goes to (variable, parameter, property, element). */
function contextTypeNode(e: Expression): TypeNode | undefined {
  let node: Node = e;
  let parent = node.getParent();
  while (parent && (Node.isParenthesizedExpression(parent) || (Node.isPrefixUnaryExpression(parent) && parent.getOperatorToken() === SyntaxKind.MinusToken))) {
    node = parent;
    parent = parent.getParent();
  }
  if (!parent) return undefined;
  if (Node.isVariableDeclaration(parent) || Node.isParameterDeclaration(parent)) return parent.getTypeNode();
  if (Node.isReturnStatement(parent)) return parent.getFirstAncestorByKind(SyntaxKind.FunctionDeclaration)?.getReturnTypeNode();
  if (Node.isConditionalExpression(parent) && parent.getCondition() !== node) return contextTypeNode(parent);
  if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken && parent.getRight() === node) {
    return declaredTypeNode(parent.getLeft());
  }
  if (Node.isCallExpression(parent)) {
    const idx = parent.getArguments().indexOf(node);
    const callee = parent.getExpression();
    const decl = Node.isIdentifier(callee) ? (callee.getSymbol()?.getAliasedSymbol() ?? callee.getSymbol())?.getDeclarations()[0] : undefined;
    return idx >= 0 && decl && Node.isFunctionDeclaration(decl) ? decl.getParameters()[idx]?.getTypeNode() : undefined;
  }
  if (Node.isPropertyAssignment(parent)) {
    const obj = parent.getParent();
    if (!Node.isObjectLiteralExpression(obj)) return undefined;
    const decl = obj.getContextualType()?.getProperty(parent.getName())?.getDeclarations()[0];
    return decl && (Node.isPropertySignature(decl) || Node.isPropertyDeclaration(decl)) ? decl.getTypeNode() : undefined;
  }
  if (Node.isArrayLiteralExpression(parent)) return elementTypeNode(contextTypeNode(parent));
  return undefined;
}

/** The numeric kind a value written at `e` should have, from where it goes or what it is combined with. */
export function contextKind(e: Expression): NumKind | undefined {
  const declared = numKindOfTypeNode(contextTypeNode(e));
  if (declared) return declared;
  let node: Node = e;
  let parent = node.getParent();
  while (parent && Node.isParenthesizedExpression(parent)) {
    node = parent;
    parent = parent.getParent();
  }
  if (parent && Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) {
    const other = parent.getLeft() === node ? parent.getRight() : parent.getLeft();
    if (primitiveOf(other.getType()) === 'number' && !Node.isNumericLiteral(other)) {
      const k = numKindOfExpr(other);
      return k === 'integer' ? undefined : k;
    }
  }
  return undefined;
}

function isUndefinedLiteral(e: Expression): boolean {
  return Node.isNullLiteral(e) || (Node.isIdentifier(e) && e.getText() === 'undefined');
}

/** Lowers TypeScript expressions of one function. */
export class ExprLowering {
  constructor(private readonly ctx: ExprContext) {}

  /** Lowers `e`; numeric literals take `want`, or else the kind their context declares. */
  lower = (e: Expression, want?: NumKind): Expr => this.lowerExpr(e, want ?? (this.needsContext(e) ? contextKind(e) : undefined));

  private needsContext(e: Expression): boolean {
    if (Node.isNumericLiteral(e)) return true;
    if (Node.isPrefixUnaryExpression(e)) return e.getOperatorToken() === SyntaxKind.MinusToken;
    return (Node.isIdentifier(e) || Node.isPropertyAccessExpression(e) || Node.isElementAccessExpression(e)) && primitiveOf(e.getType()) === 'number';
  }

  private lowerExpr(e: Expression, want?: NumKind): Expr {
    if (Node.isParenthesizedExpression(e) || Node.isAsExpression(e) || Node.isNonNullExpression(e) || Node.isSatisfiesExpression(e) || Node.isTypeAssertion(e)) {
      return this.lowerExpr(e.getExpression(), want);
    }
    if (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e)) return b.str(e.getLiteralValue());
    if (Node.isNumericLiteral(e)) return numberLiteral(e.getLiteralValue(), want);
    if (Node.isTrueLiteral(e)) return b.bool(true);
    if (Node.isFalseLiteral(e)) return b.bool(false);
    if (Node.isNullLiteral(e)) return b.invalid();
    if (Node.isIdentifier(e) || Node.isPropertyAccessExpression(e) || Node.isElementAccessExpression(e)) {
      const constant = this.schemaRead(e, want);
      if (constant) return constant;
    }
    if (Node.isIdentifier(e)) return this.lowerIdentifier(e, want);
    if (Node.isPropertyAccessExpression(e)) {
      const object = e.getExpression();
      if (e.getName() === 'length') {
        // An AA counts its keys without building the array of them.
        if (Node.isCallExpression(object) && object.getExpression().getText() === 'Object.keys' && object.getArguments().length === 1) {
          return b.method(this.lower(object.getArguments()[0] as Expression), 'Count', []);
        }
        return isStringType(object.getType()) ? b.call('Len', [this.lower(object)]) : b.method(this.lower(object), 'Count', []);
      }
      return b.member(this.lower(object), e.getName());
    }
    if (Node.isElementAccessExpression(e)) return b.index(this.lower(e.getExpression()), this.lower(e.getArgumentExpressionOrThrow()));
    if (Node.isCallExpression(e)) return this.lowerCall(e);
    if (Node.isTemplateExpression(e)) return this.lowerTemplate(e);
    if (Node.isObjectLiteralExpression(e)) return this.lowerObject(e);
    if (Node.isArrayLiteralExpression(e)) return this.lowerArray(e.getElements());
    if (Node.isPrefixUnaryExpression(e)) {
      const operand = e.getOperand();
      if (e.getOperatorToken() === SyntaxKind.ExclamationToken) return b.not(this.lower(operand));
      if (e.getOperatorToken() === SyntaxKind.MinusToken) {
        if (Node.isNumericLiteral(operand)) return numberLiteral(-operand.getLiteralValue(), want);
        return b.neg(this.lower(operand));
      }
    }
    if (Node.isTypeOfExpression(e)) return b.call('mParticle_typeof', [this.lower(e.getExpression())]);
    if (Node.isBinaryExpression(e)) return this.lowerBinary(e, want);
    if (Node.isConditionalExpression(e)) {
      return b.call('mParticle_iif', [this.lower(e.getCondition()), this.lower(e.getWhenTrue(), want), this.lower(e.getWhenFalse(), want)]);
    }
    throw new TranspilerBug(e, 'unsupported expression');
  }

  private schemaRead(e: Expression, want?: NumKind): Expr | undefined {
    let root: Expression = e;
    while (Node.isPropertyAccessExpression(root) || Node.isElementAccessExpression(root)) root = root.getExpression();
    if (!Node.isIdentifier(root)) return undefined;
    const read = readSchema(root);
    if (!read || 'code' in read || read.node !== e) return undefined;
    return valueLiteral(read.value, want);
  }

  private lowerIdentifier(id: Identifier, want?: NumKind): Expr {
    if (id.getText() === 'undefined') return b.invalid();
    const constDecl = topLevelConst(id, this.ctx.isLogicFile);
    if (constDecl) return this.lower(constDecl.getInitializerOrThrow(), want ?? numKindOfTypeNode(constDecl.getTypeNode()));
    const decl = (id.getSymbol()?.getAliasedSymbol() ?? id.getSymbol())?.getDeclarations()[0];
    const nameNode = decl && (Node.isVariableDeclaration(decl) || Node.isParameterDeclaration(decl)) ? decl.getNameNode() : undefined;
    const name = nameNode && this.ctx.names.nameOf(nameNode);
    if (!name) throw new TranspilerBug(id, `unknown identifier ${id.getText()}`);
    return b.ident(name);
  }

  private lowerCall(call: CallExpression): Expr {
    const args = call.getArguments() as Expression[];
    const target = classifyCall(call, this.ctx.isLogicFile);
    switch (target.kind) {
      case 'function': {
        const params = target.decl.getParameters();
        return b.call(functionBrsName(target.decl.getName()!), args.map((a, i) => this.lower(a, numKindOfTypeNode(params[i]?.getTypeNode()))));
      }
      case 'global':
        return lowerGlobalCall(target.name, args, this.lower);
      case 'arrayMethod':
        return lowerArrayMethod(target.name, target.receiver, args, this.lower);
      case 'stringMethod':
        return lowerStringMethod(target.name, target.receiver, args, this.lower);
      default:
        throw new TranspilerBug(call, `unknown call ${target.text}`);
    }
  }

  private lowerTemplate(t: Node): Expr {
    const te = t.asKindOrThrow(SyntaxKind.TemplateExpression);
    const parts: Expr[] = [];
    const head = te.getHead().getLiteralText();
    if (head !== '') parts.push(b.str(head));
    for (const span of te.getTemplateSpans()) {
      parts.push(foldIntegerStr(toStr(span.getExpression(), this.lower)));
      const text = span.getLiteral().getLiteralText();
      if (text !== '') parts.push(b.str(text));
    }
    // adjacent literal parts (schema strings) are joined at compile time
    const folded: Expr[] = [];
    for (const p of parts) {
      const prev = folded[folded.length - 1];
      if (prev?.kind === 'Literal' && prev.type === 'string' && p.kind === 'Literal' && p.type === 'string') folded[folded.length - 1] = b.str(prev.value + p.value);
      else folded.push(p);
    }
    if (folded.length === 0) return b.str('');
    return folded.reduce((acc, p) => b.binary('+', acc, p));
  }

  private lowerObject(o: ObjectLiteralExpression): Expr {
    // consecutive plain properties form one literal; spreads merge in order like JS
    const groups: Expr[] = [];
    let current: AAEntry[] | undefined;
    for (const p of o.getProperties()) {
      if (Node.isSpreadAssignment(p)) {
        if (current) groups.push(b.aa(current));
        current = undefined;
        groups.push(this.lower(p.getExpression()));
        continue;
      }
      current ??= [];
      if (Node.isShorthandPropertyAssignment(p)) {
        current.push({ key: p.getName(), value: this.lower(p.getNameNode()) });
      } else if (Node.isPropertyAssignment(p)) {
        const nameNode = p.getNameNode();
        const key = Node.isStringLiteral(nameNode) || Node.isNumericLiteral(nameNode) ? String(nameNode.getLiteralValue()) : nameNode.getText();
        current.push({ key, value: this.lower(p.getInitializerOrThrow()) });
      } else {
        throw new TranspilerBug(p, 'unsupported object member');
      }
    }
    const hasSpread = o.getProperties().some((p) => Node.isSpreadAssignment(p));
    if (!hasSpread) return b.aa(current ?? []);
    if (current) groups.push(b.aa(current));
    return b.call('mParticle_assign', [b.array(groups)]);
  }

  private lowerArray(elements: Expression[]): Expr {
    if (!elements.some((el) => Node.isSpreadElement(el))) return b.array(elements.map((el) => this.lower(el)));
    const groups: Expr[] = [];
    let current: Expr[] | undefined;
    for (const el of elements) {
      if (Node.isSpreadElement(el)) {
        if (current) groups.push(b.array(current));
        current = undefined;
        groups.push(this.lower(el.getExpression()));
      } else {
        (current ??= []).push(this.lower(el));
      }
    }
    if (current) groups.push(b.array(current));
    return b.call('mParticle_concat', [b.array(groups)]);
  }

  private lowerBinary(e: BinaryExpression, want?: NumKind): Expr {
    const left = e.getLeft();
    const right = e.getRight();
    const op = e.getOperatorToken().getKind();
    switch (op) {
      case SyntaxKind.AmpersandAmpersandToken:
        return this.recordTest(e, false) ?? b.binary('and', this.lower(left), this.lower(right));
      case SyntaxKind.BarBarToken:
        return this.recordTest(e, true) ?? b.binary('or', this.lower(left), this.lower(right));
      case SyntaxKind.PlusToken:
        if (isStringType(e.getType())) return b.binary('+', toStr(left, this.lower), toStr(right, this.lower));
        return b.binary('+', this.lower(left, want), this.lower(right, want));
      case SyntaxKind.MinusToken:
        return b.binary('-', this.lower(left, want), this.lower(right, want));
      case SyntaxKind.AsteriskToken:
        return b.binary('*', this.lower(left, want), this.lower(right, want));
      case SyntaxKind.SlashToken:
        // Integer / Integer is a single-precision Float in BrightScript; the helper divides as Doubles
        return b.call('mParticle_div', [this.lower(left), this.lower(right)]);
      case SyntaxKind.PercentToken:
        return b.binary('mod', this.lower(left, want), this.lower(right, want));
      case SyntaxKind.LessThanToken:
        return b.binary('<', this.lower(left), this.lower(right));
      case SyntaxKind.LessThanEqualsToken:
        return b.binary('<=', this.lower(left), this.lower(right));
      case SyntaxKind.GreaterThanToken:
        return b.binary('>', this.lower(left), this.lower(right));
      case SyntaxKind.GreaterThanEqualsToken:
        return b.binary('>=', this.lower(left), this.lower(right));
      case SyntaxKind.EqualsEqualsEqualsToken:
        return this.lowerEquality(left, right, false);
      case SyntaxKind.ExclamationEqualsEqualsToken:
        return this.lowerEquality(left, right, true);
      case SyntaxKind.InKeyword:
        return b.method(this.lower(right), 'DoesExist', [this.lower(left)]);
      default:
        throw new TranspilerBug(e, `unsupported operator ${e.getOperatorToken().getText()}`);
    }
  }

  private lowerEquality(left: Expression, right: Expression, negate: boolean): Expr {
    const eq = negate ? '<>' : '=';
    for (const [a, other] of [[left, right], [right, left]] as const) {
      if (Node.isTypeOfExpression(a)) {
        const inline = Node.isStringLiteral(other) ? this.inlineTypeTest(a.getExpression(), other.getLiteralValue(), negate) : undefined;
        return inline ?? b.binary(eq, this.lower(a), this.lower(other));
      }
      if (isUndefinedLiteral(other)) {
        const t = a.getType();
        const nonNullish = t.isUnion() ? t.getUnionTypes().filter((u) => !isNullish(u)) : [t];
        // `obj = invalid` is the BrightScript idiom; for primitives it can be a type mismatch
        if (nonNullish.length > 0 && nonNullish.every(isObjectLike)) return b.binary(eq, this.lower(a), b.invalid());
        return this.inlineTypeTest(a, 'undefined', negate) ?? b.binary(eq, b.call('mParticle_typeof', [this.lower(a)]), b.str('undefined'));
      }
    }
    const lp = primitiveOf(left.getType());
    if (lp !== undefined && lp === primitiveOf(right.getType())) {
      return b.binary(eq, this.lower(left), this.lower(right));
    }
    const call = b.call('mParticle_eq', [this.lower(left), this.lower(right)]);
    return negate ? b.not(call) : call;
  }

  /**
   * The idiom `typeof x === 'object' && !Array.isArray(x) && x !== null` (or its negation with
   * `||`, `!==`, `Array.isArray`, `===`), in any order, as the two type names it leaves: an
   * associative array or a node. The three tests one by one read `type(x)` up to seven times.
   * Undefined for anything else, or when `x` is not rereadable.
   */
  private recordTest(e: BinaryExpression, negated: boolean): Expr | undefined {
    const terms: Expression[] = [];
    const op = e.getOperatorToken().getKind();
    const flatten = (x: Expression): void => {
      const inner = Node.isParenthesizedExpression(x) ? x.getExpression() : x;
      if (Node.isBinaryExpression(inner) && inner.getOperatorToken().getKind() === op) {
        flatten(inner.getLeft());
        flatten(inner.getRight());
      } else {
        terms.push(inner);
      }
    };
    flatten(e);
    if (terms.length !== 3) return undefined;
    const parts = terms.map((t) => recordTestTerm(t, negated));
    if (parts.some((p) => p === undefined)) return undefined;
    const kinds = new Set(parts.map((p) => p!.kind));
    const operands = new Set(parts.map((p) => p!.operand.getText()));
    const operand = parts[0]!.operand;
    if (kinds.size !== 3 || operands.size !== 1 || !isRereadable(operand)) return undefined;
    const test = (name: string) => b.binary(negated ? '<>' : '=', b.call('type', [this.lower(operand)]), b.str(name));
    return b.binary(negated ? 'and' : 'or', test('roAssociativeArray'), test('roSGNode'));
  }

  /**
   * `typeof x === kind` as comparisons of `type(x)` with the type names mParticle_typeof maps
   * to `kind`, for an `x` that reading again has no effect (a name or a chain of member reads):
   * a function call costs the Task several times the comparisons, and the logic tests a type on
   * every value it reads. Otherwise undefined.
   */
  private inlineTypeTest(operand: Expression, kind: string, negate: boolean): Expr | undefined {
    const names = INLINE_TYPE_NAMES[kind];
    if (names === undefined || !isRereadable(operand)) return undefined;
    const tests = names.map((n) => b.binary(negate ? '<>' : '=', b.call('type', [this.lower(operand)]), b.str(n)));
    // Nested to the right, `a or (b or (c or ...))`: the first name that decides ends the test,
    // where a chain grouped to the left passes its answer out through every enclosing `or`.
    return tests.reduceRight((rest, t) => b.binary(negate ? 'and' : 'or', t, rest));
  }
}

/**
 * Which part of the record-test idiom `t` is (recordTest), with its operand: `typeof x ===
 * 'object'`, `!Array.isArray(x)` or `x !== null`, or with `negated` `typeof x !== 'object'`,
 * `Array.isArray(x)` or `x === null`.
 */
function recordTestTerm(t: Expression, negated: boolean): { kind: 'object' | 'array' | 'null'; operand: Expression } | undefined {
  const isArrayCall = (x: Expression) =>
    Node.isCallExpression(x) && x.getExpression().getText() === 'Array.isArray' && x.getArguments().length === 1 ? (x.getArguments()[0] as Expression) : undefined;
  if (negated && isArrayCall(t)) return { kind: 'array', operand: isArrayCall(t)! };
  if (!negated && Node.isPrefixUnaryExpression(t) && t.getOperatorToken() === SyntaxKind.ExclamationToken) {
    const operand = isArrayCall(t.getOperand());
    return operand ? { kind: 'array', operand } : undefined;
  }
  if (!Node.isBinaryExpression(t)) return undefined;
  const equal = SyntaxKind.EqualsEqualsEqualsToken;
  const unequal = SyntaxKind.ExclamationEqualsEqualsToken;
  const op = t.getOperatorToken().getKind();
  const left = t.getLeft();
  const right = t.getRight();
  if (op === (negated ? unequal : equal) && Node.isTypeOfExpression(left) && Node.isStringLiteral(right) && right.getLiteralValue() === 'object') {
    return { kind: 'object', operand: left.getExpression() };
  }
  if (op === (negated ? equal : unequal) && right.getKind() === SyntaxKind.NullKeyword) return { kind: 'null', operand: left };
  return undefined;
}

/**
 * `mParticle_str(<integer literal>)` (a schema number in a template literal) as the string it
 * gives, so that the printed text carries it and the template's literal parts join around it.
 */
function foldIntegerStr(e: Expr): Expr {
  if (e.kind !== 'Call' || e.callee.kind !== 'Ident' || e.callee.name !== 'mParticle_str' || e.args.length !== 1) return e;
  const arg = e.args[0];
  if (arg.kind === 'Literal' && (arg.type === 'integer' || arg.type === 'longinteger') && Number.isSafeInteger(arg.value)) return b.str(String(arg.value));
  return e;
}

/**
 * BrightScript type() names per JavaScript typeof that are tested inline (brs-types.ts, the
 * table mParticle_typeof is generated from; `function` is left to mParticle_typeof). Boxed
 * names first, so a boxed number is settled in one comparison instead of six.
 */
const INLINE_TYPE_NAMES: Partial<Record<string, readonly string[]>> = {
  string: TYPEOF_NAMES.string,
  boolean: TYPEOF_NAMES.boolean,
  undefined: TYPEOF_NAMES.undefined,
  object: TYPEOF_NAMES.object,
  number: TYPEOF_NAMES.number,
};
