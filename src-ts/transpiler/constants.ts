/**
 * Compile-time constants: schema reads and top-level `const`s of logic files. The schema
 * module is loaded for real (through tsx) so that values derived by code in the schema
 * (`MEDIA_EVENT_NAME` from `MEDIA_APIS`) are exactly what the Node side sees.
 */
import * as path from 'path';
import { Expression, Identifier, Node, VariableDeclaration } from 'ts-morph';
import { diag, REPO_ROOT, type Diagnostic } from './diagnostics';

const SCHEMA_DIR = path.join(REPO_ROOT, 'src-ts', 'schema') + path.sep;

export function isSchemaFile(filePath: string): boolean {
  return path.normalize(filePath).startsWith(SCHEMA_DIR);
}

function loadModule(filePath: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(filePath) as Record<string, unknown>;
}

/** The declaration an identifier refers to, through imports. */
export function declarationOf(id: Identifier): Node | undefined {
  const sym = id.getSymbol();
  return (sym?.getAliasedSymbol() ?? sym)?.getDeclarations()[0];
}

/** The runtime value of a schema identifier (an exported const or a namespace import), if it is one. */
function schemaRootValue(id: Identifier): { found: true; value: unknown } | { found: false } {
  const decl = declarationOf(id);
  if (!decl || !isSchemaFile(decl.getSourceFile().getFilePath())) return { found: false };
  if (Node.isSourceFile(decl)) return { found: true, value: loadModule(decl.getFilePath()) };
  if (Node.isVariableDeclaration(decl)) {
    const mod = loadModule(decl.getSourceFile().getFilePath());
    return { found: true, value: mod[decl.getName()] };
  }
  return { found: false };
}

/** The result of resolving a chain like `MEDIA_EVENT_NAME.PLAY` or `MEDIA_APIS[0].method`. */
export interface SchemaRead {
  /** The outermost expression the chain covers (replace it by the value). */
  node: Expression;
  value: unknown;
}

function staticKey(n: Node): string | number | undefined {
  if (Node.isPropertyAccessExpression(n)) return n.getName();
  if (Node.isElementAccessExpression(n)) {
    const arg = n.getArgumentExpression();
    if (arg && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg))) return arg.getLiteralValue();
    if (arg && Node.isNumericLiteral(arg)) return arg.getLiteralValue();
  }
  return undefined;
}

/**
 * Follows static property reads from a schema identifier as far as they go. Returns
 * undefined when `id` is not a schema value, a diagnostic for an unknown key.
 */
export function readSchema(id: Identifier): SchemaRead | Diagnostic | undefined {
  const root = schemaRootValue(id);
  if (!root.found) return undefined;
  let node: Expression = id;
  let value = root.value;
  for (;;) {
    const parent = node.getParent();
    if (!parent || (!Node.isPropertyAccessExpression(parent) && !Node.isElementAccessExpression(parent)) || parent.getExpression() !== node) break;
    const key = staticKey(parent);
    if (key === undefined) break;
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) {
      return diag.unknownSchemaKey(parent, node.getText(), String(key));
    }
    value = (value as Record<string | number, unknown>)[key];
    node = parent;
  }
  return { node, value };
}

/** Why a value cannot be a BrightScript literal, or undefined when it can. */
export function unrepresentable(value: unknown, depth = 0): string | undefined {
  if (depth > 20) return 'it nests too deeply';
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${value} has no BrightScript literal`;
    case 'object': {
      const entries = Array.isArray(value) ? value : Object.values(value as object);
      for (const v of entries) {
        const why = unrepresentable(v, depth + 1);
        if (why) return why;
      }
      return undefined;
    }
    default:
      return `it holds a ${typeof value}`;
  }
}

/** A top-level `const` of a logic file that is inlined where it is used. */
export function topLevelConst(id: Identifier, isLogicFile: (p: string) => boolean): VariableDeclaration | undefined {
  const decl = declarationOf(id);
  if (!decl || !Node.isVariableDeclaration(decl)) return undefined;
  const statement = decl.getVariableStatement();
  if (!statement || !Node.isSourceFile(statement.getParent())) return undefined;
  return isLogicFile(decl.getSourceFile().getFilePath()) ? decl : undefined;
}

/** Whether an initializer is made only of constants, so it can be inlined at every use. */
export function isConstantExpression(e: Node, isLogicFile: (p: string) => boolean, depth = 0): boolean {
  if (depth > 30) return false;
  if (Node.isStringLiteral(e) || Node.isNumericLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e)) return true;
  if (Node.isTrueLiteral(e) || Node.isFalseLiteral(e) || Node.isNullLiteral(e)) return true;
  if (Node.isParenthesizedExpression(e) || Node.isAsExpression(e) || Node.isSatisfiesExpression(e)) {
    return isConstantExpression(e.getExpression(), isLogicFile, depth + 1);
  }
  if (Node.isPrefixUnaryExpression(e)) return isConstantExpression(e.getOperand(), isLogicFile, depth + 1);
  if (Node.isArrayLiteralExpression(e)) return e.getElements().every((x) => isConstantExpression(x, isLogicFile, depth + 1));
  if (Node.isObjectLiteralExpression(e)) {
    return e.getProperties().every((p) => Node.isPropertyAssignment(p) && isConstantExpression(p.getInitializerOrThrow(), isLogicFile, depth + 1));
  }
  if (Node.isIdentifier(e)) {
    if (e.getText() === 'undefined') return true;
    const c = topLevelConst(e, isLogicFile);
    if (c) return true;
    return readSchema(e) !== undefined;
  }
  if (Node.isPropertyAccessExpression(e) || Node.isElementAccessExpression(e)) {
    let root: Node = e;
    while (Node.isPropertyAccessExpression(root) || Node.isElementAccessExpression(root)) root = root.getExpression();
    return Node.isIdentifier(root) && readSchema(root) !== undefined;
  }
  return false;
}
