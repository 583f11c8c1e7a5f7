/**
 * Stage 1, for `@inline` functions: what the inlining stage (inline.ts) needs of their
 * shape. A function is `@inline` when its doc comment has the `@inline` tag.
 */
import { FunctionDeclaration, IfStatement, Node, Statement, SyntaxKind } from 'ts-morph';
import { diag, type Diagnostic } from './diagnostics';
import { brsTypeOf } from './types';

/** Whether `fn`'s doc comment carries the `@inline` tag. */
export function isInlineFunction(fn: FunctionDeclaration): boolean {
  return fn.getJsDocs().some((d) => d.getTags().some((t) => t.getTagName() === 'inline'));
}

function containsReturn(n: Node): boolean {
  return Node.isReturnStatement(n) || n.getDescendantsOfKind(SyntaxKind.ReturnStatement).length > 0;
}

/** The statements of a branch (a block or one statement). */
function statementsOf(s: Statement): Statement[] {
  return Node.isBlock(s) ? s.getStatements() : [s];
}

/** The branches of an `if`/`else if` chain, and its final `else` if any. */
function chainOf(s: IfStatement): { branches: Statement[][]; elseBranch?: Statement[] } {
  const branches = [statementsOf(s.getThenStatement())];
  let next = s.getElseStatement();
  while (next && Node.isIfStatement(next)) {
    branches.push(statementsOf(next.getThenStatement()));
    next = next.getElseStatement();
  }
  return { branches, ...(next ? { elseBranch: statementsOf(next) } : {}) };
}

/**
 * Checks the returns of `list` (MPT1052) and tells whether every path through it returns. A
 * top-level `if` chain that holds a return must return on every branch; what follows it is
 * its `else` when it has none.
 */
function checkReturns(list: Statement[], out: Diagnostic[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (Node.isReturnStatement(s)) return true;
    if (!containsReturn(s)) continue;
    if (!Node.isIfStatement(s)) {
      for (const r of s.getDescendantsOfKind(SyntaxKind.ReturnStatement)) out.push(diag.inlineReturn(r));
      return true;
    }
    const { branches, elseBranch } = chainOf(s);
    for (const br of elseBranch ? [...branches, elseBranch] : branches) {
      if (!checkReturns(br, out)) out.push(diag.inlineReturn(s));
    }
    return elseBranch ? true : checkReturns(list.slice(i + 1), out);
  }
  return false;
}

/** The diagnostics of one `@inline` function's shape (MPT1052, MPT1053). */
export function checkInlineFunction(fn: FunctionDeclaration): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of fn.getParameters()) {
    const t = brsTypeOf(p.getType(), p.getTypeNode());
    if (t === 'integer' || t === 'longinteger' || t === 'double') out.push(diag.inlineNumber(p, `parameter \`${p.getName()}\``));
  }
  const result = brsTypeOf(fn.getReturnType(), fn.getReturnTypeNode());
  if (result === 'integer' || result === 'longinteger' || result === 'double') out.push(diag.inlineNumber(fn.getReturnTypeNode() ?? fn, 'the result'));
  const body = fn.getBody();
  if (!body || !Node.isBlock(body)) return out;
  const returns = checkReturns(body.getStatements(), out);
  // A value function must return on every path, or its target would keep its old value.
  if (!returns && result !== 'void' && out.every((d) => d.code !== 'MPT1052')) out.push(diag.inlineReturn(fn.getNameNode() ?? fn));
  return out;
}

/** MPT1054: `@inline` functions that reach themselves through calls of `@inline` functions. */
export function checkInlineCycles(fns: FunctionDeclaration[]): Diagnostic[] {
  const inline = new Map(fns.filter(isInlineFunction).map((f) => [f.getName()!, f]));
  const calls = (f: FunctionDeclaration): string[] =>
    f.getDescendantsOfKind(SyntaxKind.CallExpression).map((c) => c.getExpression().getText()).filter((n) => inline.has(n));
  const out: Diagnostic[] = [];
  for (const [name, fn] of inline) {
    const seen = new Set<string>();
    const todo = calls(fn);
    while (todo.length > 0) {
      const next = todo.pop()!;
      if (next === name) {
        out.push(diag.inlineCycle(fn.getNameNode() ?? fn, name));
        break;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      todo.push(...calls(inline.get(next)!));
    }
  }
  return out;
}
