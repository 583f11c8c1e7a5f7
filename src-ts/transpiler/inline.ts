/**
 * Stage 2c: inlines the calls of `@inline` logic functions (BrightScript AST -> AST). A
 * BrightScript call costs a Roku's interpreter several times a statement, and the hot path of
 * the media logic is a chain of small helpers; written out by hand they were copies to keep in
 * step. Here they stay functions in TypeScript and are written out by the transpiler.
 *
 * A call as a statement, or whose value is assigned to a local (`x = f(a)`), becomes the
 * function's body. A call anywhere else becomes the function's expression when its body is
 * one `return` and its arguments can be read again without effect (locals, literals, member
 * reads); otherwise it stays a call. Every `@inline` function is still emitted, so the
 * templates and the tests can call it. The checker
 * (check.ts, MPT1052-MPT1054) has made sure that each `return` is the end of the body or the
 * end of a branch of a top-level `if` chain whose every branch returns, that no parameter or
 * result is a number (a call converts numbers to the declared type, a written-out body would
 * not) and that no `@inline` function reaches itself.
 */
import { b, type Expr, type FunctionDecl, type Ident, type Stmt } from './brs-ast';

/** Thrown when an `@inline` body breaks what the checker promised: a transpiler bug. */
export class InlineBug extends Error {}

/** Calls `visit` on every statement list of `stmts`, innermost first, in order. */
function mapLists(stmts: Stmt[], visit: (list: Stmt[]) => Stmt[]): Stmt[] {
  const inner = stmts.map((s): Stmt => {
    switch (s.kind) {
      case 'If':
        return { ...s, branches: s.branches.map((br) => ({ cond: br.cond, body: mapLists(br.body, visit) })), ...(s.elseBody ? { elseBody: mapLists(s.elseBody, visit) } : {}) };
      case 'While':
      case 'ForTo':
      case 'ForEach':
        return { ...s, body: mapLists(s.body, visit) };
      default:
        return s;
    }
  });
  return visit(inner);
}

/** Rewrites every expression of `s` (and of its nested statements) with `f`, bottom-up. */
function mapExpr(e: Expr, f: (e: Expr) => Expr): Expr {
  switch (e.kind) {
    case 'Member':
      return f({ ...e, object: mapExpr(e.object, f) });
    case 'Index':
      return f({ ...e, object: mapExpr(e.object, f), index: mapExpr(e.index, f) });
    case 'Call':
      // the callee of a call by name is a function, not a local
      return f({ ...e, callee: e.callee.kind === 'Ident' ? e.callee : mapExpr(e.callee, f), args: e.args.map((a) => mapExpr(a, f)) });
    case 'Binary':
      return f({ ...e, left: mapExpr(e.left, f), right: mapExpr(e.right, f) });
    case 'Unary':
      return f({ ...e, operand: mapExpr(e.operand, f) });
    case 'AALiteral':
      return f({ ...e, entries: e.entries.map((en) => ({ key: en.key, value: mapExpr(en.value, f) })) });
    case 'ArrayLiteral':
      return f({ ...e, items: e.items.map((i) => mapExpr(i, f)) });
    default:
      return f(e);
  }
}

/** `s` with every expression rewritten by `f` and every loop variable renamed by `name`. */
function mapStmt(s: Stmt, f: (e: Expr) => Expr, name: (n: string) => string): Stmt {
  const list = (xs: Stmt[]) => xs.map((x) => mapStmt(x, f, name));
  switch (s.kind) {
    case 'Assign':
      return { ...s, target: mapExpr(s.target, f) as typeof s.target, value: mapExpr(s.value, f) };
    case 'Increment':
      return { ...s, target: mapExpr(s.target, f) as typeof s.target };
    case 'ExprStmt':
      return { ...s, expr: mapExpr(s.expr, f) as typeof s.expr };
    case 'If':
      return { ...s, branches: s.branches.map((br) => ({ cond: mapExpr(br.cond, f), body: list(br.body) })), ...(s.elseBody ? { elseBody: list(s.elseBody) } : {}) };
    case 'While':
      return { ...s, cond: mapExpr(s.cond, f), body: list(s.body) };
    case 'ForTo':
      return { ...s, counter: name(s.counter), from: mapExpr(s.from, f), to: mapExpr(s.to, f), ...(s.step ? { step: mapExpr(s.step, f) } : {}), body: list(s.body) };
    case 'ForEach':
      return { ...s, item: name(s.item), collection: mapExpr(s.collection, f), body: list(s.body) };
    case 'Return':
      return s.value ? { ...s, value: mapExpr(s.value, f) } : s;
    default:
      return s;
  }
}

/** Whether reading `e` again gives the same value and has no effect: a local, a literal, member reads. */
function isRereadable(e: Expr): boolean {
  if (e.kind === 'Ident' || e.kind === 'Literal') return true;
  if (e.kind === 'Member') return isRereadable(e.object);
  if (e.kind === 'Index') return isRereadable(e.object) && (e.index.kind === 'Literal' || e.index.kind === 'Ident');
  return false;
}

/** Every local name of a function (lower case: BrightScript names ignore case). */
function localNames(fn: FunctionDecl): Set<string> {
  const names = new Set(fn.params.map((p) => p.name.toLowerCase()));
  const collect = (e: Expr): Expr => {
    if (e.kind === 'Ident') names.add(e.name.toLowerCase());
    return e;
  };
  fn.body.forEach((s) => mapStmt(s, collect, (n) => (names.add(n.toLowerCase()), n)));
  return names;
}

/** Whether local `name` is assigned or incremented anywhere in `stmts`. */
function isWritten(stmts: Stmt[], name: string): boolean {
  const lower = name.toLowerCase();
  const isIt = (e: Expr) => e.kind === 'Ident' && e.name.toLowerCase() === lower;
  return stmts.some((s) => {
    switch (s.kind) {
      case 'Assign':
      case 'Increment':
        return isIt(s.target);
      case 'If':
        return s.branches.some((br) => isWritten(br.body, name)) || (s.elseBody !== undefined && isWritten(s.elseBody, name));
      case 'While':
        return isWritten(s.body, name);
      case 'ForTo':
      case 'ForEach':
        return (s.kind === 'ForTo' ? s.counter : s.item).toLowerCase() === lower || isWritten(s.body, name);
      default:
        return false;
    }
  });
}

function hasReturn(stmts: Stmt[]): boolean {
  return stmts.some((s) => {
    if (s.kind === 'Return') return true;
    if (s.kind === 'If') return s.branches.some((br) => hasReturn(br.body)) || (s.elseBody !== undefined && hasReturn(s.elseBody));
    if (s.kind === 'While' || s.kind === 'ForTo' || s.kind === 'ForEach') return hasReturn(s.body);
    return false;
  });
}

/** `not cond`, with a comparison for equality turned around instead. */
function negate(cond: Expr): Expr {
  if (cond.kind === 'Binary' && (cond.op === '=' || cond.op === '<>')) return b.binary(cond.op === '=' ? '<>' : '=', cond.left, cond.right);
  if (cond.kind === 'Unary' && cond.op === 'not') return cond.operand;
  return b.not(cond);
}

/**
 * The body without its returns: a returned value is assigned to `target` (dropped without
 * one, its calls kept), and what follows a top-level `if` whose branches return becomes its
 * `else`.
 */
function withoutReturns(stmts: Stmt[], target: Ident | undefined, fnName: string): Stmt[] {
  const out: Stmt[] = [];
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i];
    if (s.kind === 'Return') {
      const self = target && s.value?.kind === 'Ident' && s.value.name.toLowerCase() === target.name.toLowerCase();
      if (s.value && target && !self) out.push(b.assign(target, s.value));
      else if (s.value && s.value.kind === 'Call') out.push(b.exprStmt(s.value));
      return out;
    }
    if (s.kind === 'If' && hasReturn([s])) {
      const branches = s.branches.map((br) => ({ cond: br.cond, body: withoutReturns(br.body, target, fnName) }));
      const rest = s.elseBody ?? stmts.slice(i + 1);
      const elseBody = withoutReturns(rest, target, fnName);
      // A guard that only returned (`if c then return`) leaves `if not c` and what followed it.
      if (branches.length === 1 && branches[0].body.length === 0) {
        if (elseBody.length > 0) out.push({ kind: 'If', branches: [{ cond: negate(branches[0].cond), body: elseBody }] });
        return out;
      }
      out.push({ kind: 'If', branches, ...(elseBody.length > 0 ? { elseBody } : {}) });
      return out;
    }
    if (hasReturn([s])) throw new InlineBug(`@inline ${fnName}: a return inside a loop`);
    out.push(s);
  }
  return out;
}

/**
 * Inlines the calls of the functions named in `inlineNames` (BrightScript names) into every
 * function of `fns`, callees first. Returns new declarations; `fns` is not changed.
 */
export function inlineCalls(fns: FunctionDecl[], inlineNames: ReadonlySet<string>): FunctionDecl[] {
  const byName = new Map(fns.map((f) => [f.name.toLowerCase(), f]));
  const done = new Map<string, FunctionDecl>();

  const expand = (fn: FunctionDecl, stack: string[]): FunctionDecl => {
    const key = fn.name.toLowerCase();
    const cached = done.get(key);
    if (cached) return cached;
    if (stack.includes(key)) throw new InlineBug(`@inline ${fn.name} reaches itself`);
    const used = localNames(fn);
    const fresh = (preferred: string): string => {
      // A name made by an earlier inline (`v_2`) starts again from its base: `v_3`, not `v_2_2`.
      const base = preferred.replace(/_\d+$/, '');
      let candidate = base;
      for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base}_${n}`;
      used.add(candidate.toLowerCase());
      return candidate;
    };
    const calleeOf = (e: Expr): FunctionDecl | undefined => {
      if (e.kind !== 'Call' || e.callee.kind !== 'Ident' || !inlineNames.has(e.callee.name)) return undefined;
      const callee = byName.get(e.callee.name.toLowerCase());
      return callee && callee.name.toLowerCase() !== key ? expand(callee, [...stack, key]) : undefined;
    };
    const body = mapLists(fn.body, (list) =>
      list.flatMap((s) => {
        if (s.kind === 'ExprStmt') {
          const callee = calleeOf(s.expr);
          if (callee) return writeOut(callee, s.expr.args, undefined, fresh);
        }
        if (s.kind === 'Assign' && s.op === '=' && s.target.kind === 'Ident') {
          const callee = calleeOf(s.value);
          if (callee && s.value.kind === 'Call') return writeOut(callee, s.value.args, s.target, fresh);
        }
        return [s];
      }),
    );
    // Calls left in expressions (conditions, operands, arguments) of a function whose body is
    // one `return`: its expression, with the arguments in place of the parameters.
    const inExpressions = (e: Expr): Expr => {
      const callee = e.kind === 'Call' ? calleeOf(e) : undefined;
      if (!callee || e.kind !== 'Call' || callee.body.length !== 1) return e;
      const only = callee.body[0];
      if (only.kind !== 'Return' || !only.value || !e.args.every(isRereadable)) return e;
      const args = new Map(callee.params.map((p, i) => [p.name.toLowerCase(), e.args[i] ?? p.default ?? b.invalid()]));
      return mapExpr(only.value, (x) => (x.kind === 'Ident' ? (args.get(x.name.toLowerCase()) ?? x) : x));
    };
    const result = { ...fn, body: body.map((s) => mapStmt(s, inExpressions, (n) => n)) };
    done.set(key, result);
    return result;
  };

  return fns.map((f) => expand(f, []));
}

/**
 * The body of `callee` for one call: its locals renamed apart from the caller's, a parameter
 * replaced by its argument when that is a local or a literal the body never assigns (else
 * bound to a fresh local first, evaluated once and in order as a call would), its returns
 * turned into assignments to `target`.
 */
function writeOut(callee: FunctionDecl, args: Expr[], target: Ident | undefined, fresh: (preferred: string) => string): Stmt[] {
  const renames = new Map<string, Expr>();
  const bind: Stmt[] = [];
  // A body that ends by returning a local of its own builds it in the caller's target
  // directly, unless an argument read in the body is the target itself.
  const last = callee.body[callee.body.length - 1];
  if (target && last?.kind === 'Return' && last.value?.kind === 'Ident') {
    const result = last.value.name.toLowerCase();
    const isParam = callee.params.some((p) => p.name.toLowerCase() === result);
    const targetIsArg = args.some((a) => a.kind === 'Ident' && a.name.toLowerCase() === target.name.toLowerCase());
    if (!isParam && !targetIsArg) renames.set(result, target);
  }
  callee.params.forEach((p, i) => {
    const arg = args[i] ?? p.default ?? b.invalid();
    if ((arg.kind === 'Ident' || arg.kind === 'Literal') && !isWritten(callee.body, p.name)) {
      renames.set(p.name.toLowerCase(), arg);
    } else {
      const local = b.ident(fresh(p.name));
      bind.push(b.assign(local, arg));
      renames.set(p.name.toLowerCase(), local);
    }
  });
  const rename = (n: string): string => {
    const key = n.toLowerCase();
    let to = renames.get(key);
    if (!to) {
      to = b.ident(fresh(n));
      renames.set(key, to);
    }
    if (to.kind !== 'Ident') throw new InlineBug(`@inline ${callee.name}: parameter ${n} is a loop variable`);
    return to.name;
  };
  const subst = (e: Expr): Expr => (e.kind === 'Ident' ? (renames.get(e.name.toLowerCase()) ?? b.ident(rename(e.name))) : e);
  const body = foldConstantIfs(callee.body.map((s) => mapStmt(s, subst, rename)));
  return [...bind, ...withoutReturns(body, target, callee.name)];
}

/** `if true`/`if false` branches (a literal argument in a condition) resolved. */
function foldConstantIfs(stmts: Stmt[]): Stmt[] {
  return mapLists(stmts, (list) =>
    list.flatMap((s): Stmt[] => {
      if (s.kind !== 'If') return [s];
      const branches = [];
      for (const br of s.branches) {
        if (br.cond.kind === 'Literal' && br.cond.type === 'boolean') {
          if (!br.cond.value) continue;
          // an always-taken branch: it and what precedes it are all that can run
          if (branches.length === 0) return br.body;
          return [{ kind: 'If', branches, elseBody: br.body }];
        }
        branches.push(br);
      }
      if (branches.length === 0) return s.elseBody ?? [];
      return [{ ...s, branches }];
    }),
  );
}
