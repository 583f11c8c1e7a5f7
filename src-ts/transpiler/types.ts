/**
 * What the TypeScript types mean in BrightScript. TypeScript erases `type Long = number`
 * to plain `number`, so the numeric kind (Integer / LongInteger / Double) is recovered from
 * the type annotations the values were declared with, following aliases to schema/numeric.ts.
 */
import * as path from 'path';
import { Expression, Node, Symbol as TsSymbol, SyntaxKind, Type, TypeNode } from 'ts-morph';
import type { BrsType } from './brs-ast';

export type NumKind = 'integer' | 'longinteger' | 'double';

const NUMERIC_FILE = path.join('src-ts', 'schema', 'numeric.ts');
const ALIAS_KIND: Record<string, NumKind> = { Int: 'integer', Long: 'longinteger', Double: 'double' };
const ORDER: NumKind[] = ['integer', 'longinteger', 'double'];

/** The wider of two numeric kinds (Integer < LongInteger < Double), as BrightScript promotes. */
export function widest(a: NumKind, b: NumKind): NumKind {
  return ORDER[Math.max(ORDER.indexOf(a), ORDER.indexOf(b))];
}

/** The kind a numeric literal has on its own: Integer if it fits in 32 bits. */
export function naturalKind(value: number): NumKind {
  if (!Number.isInteger(value)) return 'double';
  return Math.abs(value) <= 2147483647 ? 'integer' : 'longinteger';
}

function resolve(sym: TsSymbol | undefined): TsSymbol | undefined {
  return sym?.getAliasedSymbol() ?? sym;
}

/** The numeric kind a type annotation declares, or undefined when it is not a number type. */
export function numKindOfTypeNode(node: TypeNode | undefined, depth = 0): NumKind | undefined {
  if (!node || depth > 20) return undefined;
  if (node.getKind() === SyntaxKind.NumberKeyword) return 'double';
  if (Node.isParenthesizedTypeNode(node)) return numKindOfTypeNode(node.getTypeNode(), depth + 1);
  if (Node.isLiteralTypeNode(node)) {
    const lit = node.getLiteral();
    return Node.isNumericLiteral(lit) ? naturalKind(lit.getLiteralValue()) : undefined;
  }
  if (Node.isUnionTypeNode(node)) {
    const kinds = node
      .getTypeNodes()
      .map((t) => numKindOfTypeNode(t, depth + 1))
      .filter((k): k is NumKind => k !== undefined);
    return kinds.length === 0 ? undefined : kinds.reduce(widest);
  }
  if (Node.isTypeReference(node)) {
    const sym = resolve(node.getTypeName().getSymbol());
    for (const decl of sym?.getDeclarations() ?? []) {
      if (!Node.isTypeAliasDeclaration(decl)) continue;
      if (decl.getSourceFile().getFilePath().endsWith(NUMERIC_FILE) && ALIAS_KIND[decl.getName()]) return ALIAS_KIND[decl.getName()];
      return numKindOfTypeNode(decl.getTypeNode(), depth + 1);
    }
  }
  return undefined;
}

/** The element type node of an array / Record annotation (`Long[]`, `Array<Long>`, `Record<string, Long>`). */
export function elementTypeNode(node: TypeNode | undefined, depth = 0): TypeNode | undefined {
  if (!node || depth > 20) return undefined;
  if (Node.isArrayTypeNode(node)) return node.getElementTypeNode();
  if (Node.isParenthesizedTypeNode(node)) return elementTypeNode(node.getTypeNode(), depth + 1);
  if (Node.isTypeOperatorTypeNode(node)) return elementTypeNode(node.getTypeNode(), depth + 1);
  if (Node.isUnionTypeNode(node)) {
    for (const t of node.getTypeNodes()) {
      const el = elementTypeNode(t, depth + 1);
      if (el) return el;
    }
    return undefined;
  }
  if (Node.isTypeReference(node)) {
    const name = node.getTypeName().getText();
    const args = node.getTypeArguments();
    if ((name === 'Array' || name === 'ReadonlyArray' || name === 'Record') && args.length > 0) return args[args.length - 1];
    if (name === 'Readonly' && args.length === 1) return elementTypeNode(args[0], depth + 1);
    const sym = resolve(node.getTypeName().getSymbol());
    for (const decl of sym?.getDeclarations() ?? []) {
      if (Node.isTypeAliasDeclaration(decl)) return elementTypeNode(decl.getTypeNode(), depth + 1);
    }
  }
  return undefined;
}

/** The type annotation that declared the value of an expression (variable, parameter, property). */
export function declaredTypeNode(expr: Node, depth = 0): TypeNode | undefined {
  if (depth > 20) return undefined;
  if (Node.isParenthesizedExpression(expr) || Node.isNonNullExpression(expr)) return declaredTypeNode(expr.getExpression(), depth + 1);
  if (Node.isAsExpression(expr)) return expr.getTypeNode();
  if (Node.isElementAccessExpression(expr)) return elementTypeNode(declaredTypeNode(expr.getExpression(), depth + 1), depth + 1);
  if (Node.isCallExpression(expr)) {
    const decl = resolve(expr.getExpression().getSymbol())?.getDeclarations()[0];
    return decl && Node.isFunctionDeclaration(decl) ? decl.getReturnTypeNode() : undefined;
  }
  if (!Node.isIdentifier(expr) && !Node.isPropertyAccessExpression(expr)) return undefined;
  const sym = resolve(expr.getSymbol());
  const decl = sym?.getDeclarations()[0];
  if (!decl) return undefined;
  if (Node.isVariableDeclaration(decl)) {
    const tn = decl.getTypeNode();
    if (tn) return tn;
    const list = decl.getParent();
    const holder = list?.getParent();
    if (holder && Node.isForOfStatement(holder)) return elementTypeNode(declaredTypeNode(holder.getExpression(), depth + 1), depth + 1);
    const init = decl.getInitializer();
    return init ? declaredTypeNode(init, depth + 1) : undefined;
  }
  if (Node.isParameterDeclaration(decl) || Node.isPropertySignature(decl) || Node.isPropertyDeclaration(decl)) return decl.getTypeNode();
  if (Node.isPropertyAssignment(decl)) {
    const init = decl.getInitializer();
    return init ? declaredTypeNode(init, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * The numeric kind of a number-typed expression. Literals take their natural kind (the
 * lowering widens them to their context); everything else follows its declaration.
 */
export function numKindOfExpr(expr: Expression, depth = 0): NumKind {
  if (depth > 40) return 'double';
  if (Node.isParenthesizedExpression(expr) || Node.isNonNullExpression(expr) || Node.isAsExpression(expr)) {
    return Node.isAsExpression(expr) ? numKindOfTypeNode(expr.getTypeNode()) ?? numKindOfExpr(expr.getExpression(), depth + 1) : numKindOfExpr(expr.getExpression(), depth + 1);
  }
  if (Node.isNumericLiteral(expr)) return naturalKind(expr.getLiteralValue());
  if (Node.isPrefixUnaryExpression(expr)) return numKindOfExpr(expr.getOperand(), depth + 1);
  if (Node.isBinaryExpression(expr)) {
    const op = expr.getOperatorToken().getKind();
    if (op === SyntaxKind.SlashToken) return 'double';
    return widest(numKindOfExpr(expr.getLeft(), depth + 1), numKindOfExpr(expr.getRight(), depth + 1));
  }
  if (Node.isConditionalExpression(expr)) {
    return widest(numKindOfExpr(expr.getWhenTrue(), depth + 1), numKindOfExpr(expr.getWhenFalse(), depth + 1));
  }
  if (Node.isPropertyAccessExpression(expr) && expr.getName() === 'length') return 'integer';
  if (Node.isCallExpression(expr)) {
    const callee = expr.getExpression();
    const text = callee.getText();
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'indexOf') return 'integer';
    if (text === 'Math.floor' || text === 'Math.ceil' || text === 'Math.round') {
      const arg = expr.getArguments()[0] as Expression | undefined;
      const k = arg ? numKindOfExpr(arg, depth + 1) : 'double';
      return k === 'double' ? 'longinteger' : k;
    }
    if (text === 'Math.abs' || text === 'Math.max' || text === 'Math.min') {
      return (expr.getArguments() as Expression[]).map((a) => numKindOfExpr(a, depth + 1)).reduce(widest, 'integer');
    }
  }
  const declared = numKindOfTypeNode(declaredTypeNode(expr));
  if (declared) return declared;
  if (Node.isIdentifier(expr)) {
    // an unannotated local takes the kind of its initializer
    const decl = resolve(expr.getSymbol())?.getDeclarations()[0];
    if (decl && Node.isVariableDeclaration(decl) && !decl.getTypeNode()) {
      const init = decl.getInitializer();
      if (init) return numKindOfExpr(init, depth + 1);
    }
  }
  return 'double';
}

/** Whether every member of the type is a string (literal or not). */
export function isStringType(t: Type): boolean {
  return t.isString() || t.isStringLiteral() || (t.isUnion() && t.getUnionTypes().every(isStringType)) || t.isTemplateLiteral();
}

export function isNumberType(t: Type): boolean {
  return t.isNumber() || t.isNumberLiteral() || (t.isUnion() && t.getUnionTypes().every(isNumberType));
}

export function isBooleanType(t: Type): boolean {
  return t.isBoolean() || t.isBooleanLiteral() || (t.isUnion() && t.getUnionTypes().every(isBooleanType));
}

export function isNullish(t: Type): boolean {
  return t.isUndefined() || t.isNull() || t.isVoid();
}

/**
 * Whether the type is an object or array (never a primitive or nullish). The empty object
 * type `{}` (what `unknown` narrows to) also admits primitives, so it is not object-like.
 */
export function isObjectLike(t: Type): boolean {
  if (t.isUnion()) return t.getUnionTypes().every(isObjectLike);
  if (!t.isObject() || t.isAny() || t.isUnknown()) return false;
  return t.isArray() || t.isReadonlyArray() || t.isTuple() || t.getProperties().length > 0 || !!t.getStringIndexType() || !!t.getNumberIndexType();
}

/** Whether the type is an object that is not an array (an associative array in BrightScript). */
export function isRecordLike(t: Type): boolean {
  if (t.isUnion()) return t.getUnionTypes().every(isRecordLike);
  return isObjectLike(t) && !t.isArray() && !t.isReadonlyArray() && !t.isTuple();
}

/** The primitive a type statically is, if it is exactly one primitive with no nullish member. */
export function primitiveOf(t: Type): 'string' | 'number' | 'boolean' | undefined {
  if (isStringType(t)) return 'string';
  if (isNumberType(t)) return 'number';
  if (isBooleanType(t)) return 'boolean';
  return undefined;
}

/** The BrightScript signature type of a parameter / return with TypeScript type `t`. */
export function brsTypeOf(t: Type, typeNode: TypeNode | undefined): BrsType {
  if (t.isVoid()) return 'void';
  if (t.isAny() || t.isUnknown()) return 'dynamic';
  if (t.isUnion() && t.getUnionTypes().some(isNullish)) return 'dynamic';
  if (isNullish(t)) return 'dynamic';
  if (isStringType(t)) return 'string';
  if (isBooleanType(t)) return 'boolean';
  if (isNumberType(t)) return numKindOfTypeNode(typeNode) ?? 'double';
  if (isObjectLike(t)) return 'object';
  return 'dynamic';
}
