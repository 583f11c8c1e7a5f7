/**
 * Stage 2b: TypeScript functions and statements -> BrightScript AST. Loops keep a frame so
 * that `break`/`continue` find their BrightScript loop kind, and a `for (;;)` lowered to
 * `while` repeats its step before `continue while`.
 */
import {
  Expression,
  ForStatement,
  FunctionDeclaration,
  Identifier,
  Node,
  Statement,
  SwitchStatement,
  SyntaxKind,
} from 'ts-morph';
import { b, type Expr, type FunctionDecl, type Ident, type LoopKind, type Param, type Stmt } from './brs-ast';
import { ExprLowering, TranspilerBug, contextKind } from './lower-expr';
import { collectLocals, functionBrsName, NameAllocator } from './names';
import { type IsLogicFile } from './platform';
import { brsTypeOf, isRecordLike, isStringType, numKindOfExpr, numKindOfTypeNode, primitiveOf } from './types';

interface LoopFrame {
  kind: LoopKind;
  /** Statements to run before `continue` (the step of a `for (;;)` lowered to `while`). */
  continueStep?: Stmt[];
}

const ASSIGN_OPS: Partial<Record<SyntaxKind, '=' | '+=' | '-=' | '*='>> = {
  [SyntaxKind.EqualsToken]: '=',
  [SyntaxKind.PlusEqualsToken]: '+=',
  [SyntaxKind.MinusEqualsToken]: '-=',
  [SyntaxKind.AsteriskEqualsToken]: '*=',
};

class FunctionLowering {
  private readonly names: NameAllocator;
  private readonly expr: ExprLowering;
  private readonly loops = new Map<Node, LoopFrame>();

  constructor(private readonly fn: FunctionDeclaration, isLogicFile: IsLogicFile) {
    this.names = new NameAllocator(collectLocals(fn));
    this.expr = new ExprLowering({ names: this.names, isLogicFile });
  }

  private lower(e: Expression, want?: Parameters<ExprLowering['lower']>[1]): Expr {
    return this.expr.lower(e, want);
  }

  lowerFunction(): FunctionDecl {
    const fn = this.fn;
    const params: Param[] = fn.getParameters().map((p) => {
      const name = this.names.nameOf(p.getNameNode())!;
      const init = p.getInitializer();
      const type = p.hasQuestionToken() ? 'dynamic' : brsTypeOf(p.getType(), p.getTypeNode());
      const dflt = init ? this.lower(init, numKindOfTypeNode(p.getTypeNode())) : p.hasQuestionToken() ? b.invalid() : undefined;
      return { kind: 'Param', name, type, ...(dflt ? { default: dflt } : {}) };
    });
    const returnTypeNode = fn.getReturnTypeNode();
    const returnType = returnTypeNode || fn.getReturnType().isVoid() ? brsTypeOf(fn.getReturnType(), returnTypeNode) : 'dynamic';
    return { kind: 'FunctionDecl', name: functionBrsName(fn.getName()!), params, returnType, body: this.block(fn.getBodyOrThrow().asKindOrThrow(SyntaxKind.Block).getStatements()) };
  }

  private block(stmts: Statement[]): Stmt[] {
    return stmts.flatMap((s) => this.stmt(s));
  }

  private body(s: Statement): Stmt[] {
    return Node.isBlock(s) ? this.block(s.getStatements()) : this.stmt(s);
  }

  private nameOf(id: Node): string {
    const name = this.names.nameOf(id);
    if (!name) throw new TranspilerBug(id, 'unnamed local');
    return name;
  }

  /** `target = c ? a : b` as an if/else, so only the chosen side is evaluated. */
  private assignValue(target: Expr, value: Expression, make: (v: Expr) => Stmt): Stmt[] {
    const inner = Node.isParenthesizedExpression(value) ? value.getExpression() : value;
    if (Node.isConditionalExpression(inner)) {
      return [
        {
          kind: 'If',
          branches: [{ cond: this.lower(inner.getCondition()), body: this.assignValue(target, inner.getWhenTrue(), make) }],
          elseBody: this.assignValue(target, inner.getWhenFalse(), make),
        },
      ];
    }
    return [make(this.lower(value))];
  }

  /**
   * `const x = Object.assign({}, a, b)` whose sources are statically objects, as `x = {}`
   * and one native `x.Append(a)` per source: mParticle_assign's call and checks cost the Task
   * more than the copy. Undefined when the declaration is anything else.
   */
  private appendAll(target: Ident, init: Expression): Stmt[] | undefined {
    if (!Node.isCallExpression(init) || init.getExpression().getText() !== 'Object.assign') return undefined;
    const sources = init.getArguments().slice(1) as Expression[];
    if (!sources.every((a) => isRecordLike(a.getType()))) return undefined;
    return [b.assign(target, b.aa([])), ...sources.map((a): Stmt => ({ kind: 'ExprStmt', expr: b.method(target, 'Append', [this.lower(a)]) }))];
  }

  private stmt(s: Statement): Stmt[] {
    if (Node.isBlock(s)) return this.block(s.getStatements());
    if (Node.isEmptyStatement(s) || Node.isInterfaceDeclaration(s) || Node.isTypeAliasDeclaration(s)) return [];
    if (Node.isVariableStatement(s)) {
      return s.getDeclarations().flatMap((d) => {
        const target = b.ident(this.nameOf(d.getNameNode()));
        const init = d.getInitializer();
        if (!init) return [b.assign(target, b.invalid())];
        return this.appendAll(target, init) ?? this.assignValue(target, init, (v) => b.assign(target, v));
      });
    }
    if (Node.isExpressionStatement(s)) return this.expressionStatement(s.getExpression());
    if (Node.isReturnStatement(s)) {
      const value = s.getExpression();
      if (!value) return [{ kind: 'Return' }];
      return this.assignValue(b.invalid(), value, (v) => ({ kind: 'Return', value: v }));
    }
    if (Node.isIfStatement(s)) {
      const branches = [{ cond: this.lower(s.getExpression()), body: this.body(s.getThenStatement()) }];
      let elseStmt = s.getElseStatement();
      while (elseStmt && Node.isIfStatement(elseStmt)) {
        branches.push({ cond: this.lower(elseStmt.getExpression()), body: this.body(elseStmt.getThenStatement()) });
        elseStmt = elseStmt.getElseStatement();
      }
      return [{ kind: 'If', branches, ...(elseStmt ? { elseBody: this.body(elseStmt) } : {}) }];
    }
    if (Node.isWhileStatement(s)) {
      this.loops.set(s, { kind: 'while' });
      return [{ kind: 'While', cond: this.lower(s.getExpression()), body: this.body(s.getStatement()) }];
    }
    if (Node.isForOfStatement(s)) {
      this.loops.set(s, { kind: 'for' });
      const decl = s.getInitializer().asKindOrThrow(SyntaxKind.VariableDeclarationList).getDeclarations()[0];
      return [{ kind: 'ForEach', item: this.nameOf(decl.getNameNode()), collection: this.lower(s.getExpression()), body: this.body(s.getStatement()) }];
    }
    if (Node.isForStatement(s)) return this.forStatement(s);
    if (Node.isSwitchStatement(s)) return this.switchStatement(s);
    if (Node.isBreakStatement(s) || Node.isContinueStatement(s)) return this.jump(s);
    throw new TranspilerBug(s, 'unsupported statement');
  }

  private expressionStatement(e: Expression): Stmt[] {
    if (Node.isParenthesizedExpression(e)) return this.expressionStatement(e.getExpression());
    if (Node.isCallExpression(e)) {
      const call = this.lower(e);
      // platform forms that are not calls (`Left(s, n) = p`) have no effect as statements
      return call.kind === 'Call' ? [b.exprStmt(call)] : [];
    }
    if (Node.isDeleteExpression(e)) {
      const operand = e.getExpression();
      if (Node.isPropertyAccessExpression(operand)) return [b.exprStmt(b.method(this.lower(operand.getExpression()), 'Delete', [b.str(operand.getName())]))];
      if (Node.isElementAccessExpression(operand)) {
        return [b.exprStmt(b.method(this.lower(operand.getExpression()), 'Delete', [this.lower(operand.getArgumentExpressionOrThrow())]))];
      }
    }
    if (Node.isPostfixUnaryExpression(e) || Node.isPrefixUnaryExpression(e)) {
      const op = e.getOperatorToken() === SyntaxKind.PlusPlusToken ? '++' : '--';
      return [{ kind: 'Increment', target: this.target(e.getOperand()), op }];
    }
    if (Node.isBinaryExpression(e)) {
      const opKind = e.getOperatorToken().getKind();
      const target = this.target(e.getLeft());
      const right = e.getRight();
      if (opKind === SyntaxKind.SlashEqualsToken) return [b.assign(target, b.call('mParticle_div', [this.lower(e.getLeft()), this.lower(right)]))];
      const op = ASSIGN_OPS[opKind];
      if (op === '+=' && isStringType(e.getLeft().getType()) && !isStringType(right.getType())) {
        return [b.assign(target, b.call('mParticle_str', [this.lower(right)]), '+=')];
      }
      if (op === '=') return this.assignValue(target, right, (v) => b.assign(target, v));
      if (op) return [b.assign(target, this.lower(right, primitiveOf(right.getType()) === 'number' ? contextKind(right) : undefined), op)];
    }
    throw new TranspilerBug(e, 'unsupported expression statement');
  }

  private target(e: Expression): Extract<Expr, { kind: 'Ident' | 'Member' | 'Index' }> {
    const lowered = this.lower(e);
    if (lowered.kind === 'Ident' || lowered.kind === 'Member' || lowered.kind === 'Index') return lowered;
    throw new TranspilerBug(e, 'unsupported assignment target');
  }

  private jump(s: Statement): Stmt[] {
    const target = s.getFirstAncestor((a) => Node.isSwitchStatement(a) || Node.isIterationStatement(a));
    if (!target) throw new TranspilerBug(s, 'jump outside a loop');
    if (Node.isBreakStatement(s)) {
      // a switch's closing `break` is dropped: the if-chain does not fall through
      if (Node.isSwitchStatement(target)) return [];
      return [{ kind: 'ExitLoop', loop: this.frame(target).kind }];
    }
    const loop = s.getFirstAncestor((a) => Node.isIterationStatement(a))!;
    const frame = this.frame(loop);
    return [...(frame.continueStep ?? []), { kind: 'ContinueLoop', loop: frame.kind }];
  }

  private frame(loop: Node): LoopFrame {
    const frame = this.loops.get(loop);
    if (!frame) throw new TranspilerBug(loop, 'loop without a frame');
    return frame;
  }

  private forStatement(s: ForStatement): Stmt[] {
    const simple = this.simpleCountingLoop(s);
    if (simple) {
      this.loops.set(s, { kind: 'for' });
      return [{ ...simple, body: this.body(s.getStatement()) }];
    }
    const init = s.getInitializer();
    const before: Stmt[] = [];
    if (init && Node.isVariableDeclarationList(init)) {
      for (const d of init.getDeclarations()) {
        const target = b.ident(this.nameOf(d.getNameNode()));
        const value = d.getInitializer();
        before.push(...(value ? this.assignValue(target, value, (v) => b.assign(target, v)) : [b.assign(target, b.invalid())]));
      }
    } else if (init) {
      before.push(...this.expressionStatement(init as Expression));
    }
    const inc = s.getIncrementor();
    const step = inc ? this.expressionStatement(inc) : [];
    this.loops.set(s, { kind: 'while', continueStep: step });
    const cond = s.getCondition();
    const body = [...this.body(s.getStatement()), ...step];
    return [...before, { kind: 'While', cond: cond ? this.lower(cond) : b.bool(true), body }];
  }

  /**
   * `for (let i = a; i < n; i++)` as `for i = a to n - 1` when that is provably the same:
   * the counter and the bound are not written in the body, the bound is an integer, and
   * an array bound (`xs.length`) is only read by index in the body.
   */
  private simpleCountingLoop(s: ForStatement): { kind: 'ForTo'; counter: string; from: Expr; to: Expr; step?: Expr } | undefined {
    const init = s.getInitializer();
    const cond = s.getCondition();
    const inc = s.getIncrementor();
    if (!init || !cond || !inc || !Node.isVariableDeclarationList(init) || init.getDeclarations().length !== 1) return undefined;
    const decl = init.getDeclarations()[0];
    const counterNode = decl.getNameNode();
    const from = decl.getInitializer();
    if (!Node.isIdentifier(counterNode) || !from || primitiveOf(from.getType()) !== 'number' || numKindOfExpr(from) === 'double') return undefined;
    if (!Node.isBinaryExpression(cond) || !Node.isIdentifier(cond.getLeft()) || cond.getLeft().getText() !== counterNode.getText()) return undefined;
    const bound = cond.getRight();
    if (primitiveOf(bound.getType()) !== 'number' || numKindOfExpr(bound) === 'double') return undefined;
    const dir = this.stepDirection(inc, counterNode);
    const op = cond.getOperatorToken().getKind();
    const up = dir === 1 && (op === SyntaxKind.LessThanToken || op === SyntaxKind.LessThanEqualsToken);
    const down = dir === -1 && (op === SyntaxKind.GreaterThanToken || op === SyntaxKind.GreaterThanEqualsToken);
    if (!up && !down) return undefined;
    const body = s.getStatement();
    if (this.isWritten(body, counterNode) || !this.isInvariantBound(bound, body)) return undefined;
    const lowBound = this.lower(bound);
    const exclusive = op === SyntaxKind.LessThanToken || op === SyntaxKind.GreaterThanToken;
    const to = !exclusive ? lowBound : b.binary(up ? '-' : '+', lowBound, b.int(1));
    return { kind: 'ForTo', counter: this.nameOf(counterNode), from: this.lower(from), to, ...(down ? { step: b.neg(b.int(1)) } : {}) };
  }

  private stepDirection(inc: Expression, counter: Identifier): 1 | -1 | 0 {
    if ((Node.isPostfixUnaryExpression(inc) || Node.isPrefixUnaryExpression(inc)) && inc.getOperand().getText() === counter.getText()) {
      return inc.getOperatorToken() === SyntaxKind.PlusPlusToken ? 1 : inc.getOperatorToken() === SyntaxKind.MinusMinusToken ? -1 : 0;
    }
    if (Node.isBinaryExpression(inc) && inc.getLeft().getText() === counter.getText() && inc.getRight().getText() === '1') {
      const op = inc.getOperatorToken().getKind();
      return op === SyntaxKind.PlusEqualsToken ? 1 : op === SyntaxKind.MinusEqualsToken ? -1 : 0;
    }
    return 0;
  }

  /** Whether the variable declared by `decl` is assigned or incremented anywhere in `scope`. */
  private isWritten(scope: Node, decl: Identifier): boolean {
    const symbol = decl.getSymbol();
    return scope.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => {
      if (id.getSymbol() !== symbol) return false;
      const parent = id.getParent();
      if (Node.isBinaryExpression(parent) && parent.getLeft() === id && parent.getOperatorToken().getKind() in ASSIGN_OPS) return true;
      if (Node.isBinaryExpression(parent) && parent.getLeft() === id && parent.getOperatorToken().getKind() === SyntaxKind.SlashEqualsToken) return true;
      return (Node.isPostfixUnaryExpression(parent) || Node.isPrefixUnaryExpression(parent)) &&
        (parent.getOperatorToken() === SyntaxKind.PlusPlusToken || parent.getOperatorToken() === SyntaxKind.MinusMinusToken);
    });
  }

  private isInvariantBound(bound: Expression, body: Node): boolean {
    if (Node.isNumericLiteral(bound)) return true;
    if (Node.isIdentifier(bound)) {
      const decl = bound.getSymbol()?.getDeclarations()[0];
      const nameNode = decl && (Node.isVariableDeclaration(decl) || Node.isParameterDeclaration(decl)) ? decl.getNameNode() : undefined;
      return !!nameNode && Node.isIdentifier(nameNode) && !this.isWritten(body, nameNode);
    }
    if (Node.isPropertyAccessExpression(bound) && bound.getName() === 'length' && Node.isIdentifier(bound.getExpression())) {
      const arr = bound.getExpression();
      const symbol = arr.getSymbol();
      // every use of the array in the body must be a read by index or of its length
      return body.getDescendantsOfKind(SyntaxKind.Identifier).every((id) => {
        if (id.getSymbol() !== symbol) return true;
        const parent = id.getParent();
        if (Node.isElementAccessExpression(parent) && parent.getExpression() === id) {
          const grand = parent.getParent();
          return !(Node.isBinaryExpression(grand) && grand.getLeft() === parent) && !Node.isDeleteExpression(grand);
        }
        return Node.isPropertyAccessExpression(parent) && parent.getExpression() === id && parent.getName() === 'length';
      });
    }
    return false;
  }

  private switchStatement(s: SwitchStatement): Stmt[] {
    const subject = s.getExpression();
    const before: Stmt[] = [];
    let value = this.lower(subject);
    if (value.kind !== 'Ident') {
      // evaluate the subject once, as JS does
      const temp = b.ident(this.names.temp('switchValue'));
      before.push(b.assign(temp, value));
      value = temp;
    }
    const subjectPrim = primitiveOf(subject.getType());
    const branches: { cond: Expr; body: Stmt[] }[] = [];
    let elseBody: Stmt[] | undefined;
    let pending: Expr[] = [];
    let pendingDefault = false;
    for (const clause of s.getClauses()) {
      if (Node.isDefaultClause(clause)) pendingDefault = true;
      else {
        const caseExpr = clause.getExpression();
        const same = subjectPrim !== undefined && subjectPrim === primitiveOf(caseExpr.getType());
        const lowered = this.lower(caseExpr, subjectPrim === 'number' ? numKindOfExpr(subject) : undefined);
        pending.push(same ? b.binary('=', value, lowered) : b.call('mParticle_eq', [value, lowered]));
      }
      const stmts = clause.getStatements();
      if (stmts.length === 0) continue;
      const body = this.block(stmts);
      if (pendingDefault) elseBody = body;
      else branches.push({ cond: pending.reduce((acc, c) => b.binary('or', acc, c)), body });
      pending = [];
      pendingDefault = false;
    }
    if (branches.length === 0) return [...before, ...(elseBody ?? [])];
    return [...before, { kind: 'If', branches, ...(elseBody ? { elseBody } : {}) }];
  }
}

/** Lowers one checked logic function. */
export function lowerFunction(fn: FunctionDeclaration, isLogicFile: IsLogicFile): FunctionDecl {
  return new FunctionLowering(fn, isLogicFile).lowerFunction();
}
