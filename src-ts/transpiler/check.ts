/**
 * Stage 1: checks that logic files stay inside the subset of docs/typescript-subset.md.
 * Collects every diagnostic instead of stopping at the first, so one run shows them all.
 * The lowering stage trusts what this stage accepted.
 */
import {
  BinaryExpression,
  CallExpression,
  Expression,
  FunctionDeclaration,
  Node,
  SourceFile,
  SwitchStatement,
  SyntaxKind,
  Type,
} from 'ts-morph';
import { diag, type Diagnostic } from './diagnostics';
import { checkInlineCycles, checkInlineFunction, isInlineFunction } from './check-inline';
import { isConstantExpression, readSchema, unrepresentable } from './constants';
import { collectLocals, functionBrsName, isValidBrsName, takesTaskPrefix } from './names';
import { classifyCall, STATEMENT_ONLY_METHODS, type IsLogicFile } from './platform';
import { isBooleanType, isNullish, isNumberType, isObjectLike, isStringType, numKindOfExpr } from './types';

const ASSIGNMENT_OPS = new Set([SyntaxKind.EqualsToken, SyntaxKind.PlusEqualsToken, SyntaxKind.MinusEqualsToken, SyntaxKind.AsteriskEqualsToken, SyntaxKind.SlashEqualsToken]);
const BITWISE_OPS = new Set([
  SyntaxKind.AmpersandToken, SyntaxKind.BarToken, SyntaxKind.CaretToken, SyntaxKind.LessThanLessThanToken,
  SyntaxKind.GreaterThanGreaterThanToken, SyntaxKind.GreaterThanGreaterThanGreaterThanToken, SyntaxKind.AmpersandEqualsToken,
  SyntaxKind.BarEqualsToken, SyntaxKind.CaretEqualsToken, SyntaxKind.LessThanLessThanEqualsToken,
  SyntaxKind.GreaterThanGreaterThanEqualsToken, SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken,
]);
const ARITHMETIC_OPS = new Set([SyntaxKind.MinusToken, SyntaxKind.AsteriskToken, SyntaxKind.SlashToken, SyntaxKind.PercentToken]);
const COMPARISON_OPS = new Set([SyntaxKind.LessThanToken, SyntaxKind.LessThanEqualsToken, SyntaxKind.GreaterThanToken, SyntaxKind.GreaterThanEqualsToken]);
const TYPEOF_RESULTS = new Set(['string', 'number', 'boolean', 'object', 'undefined']);

function typeText(t: Type, at: Node): string {
  return t.getText(at);
}

/** Whether the spread operand has a declared object/array shape (not unknown/any). */
function knownShape(e: Expression): boolean {
  const t = e.getType();
  return isObjectLike(t);
}

class Checker {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly isLogicFile: IsLogicFile) {}

  private add(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  checkFile(sf: SourceFile): void {
    for (const d of sf.getPreEmitDiagnostics()) {
      if (d.getSourceFile()?.getFilePath() !== sf.getFilePath()) continue;
      const start = d.getStart() ?? 0;
      const node = sf.getDescendantAtPos(start) ?? sf;
      const text = d.getMessageText();
      this.add(diag.typeScriptError(node, (typeof text === 'string' ? text : text.getMessageText()).replace(/\.$/, '')));
    }
    for (const st of sf.getStatements()) this.checkTopLevel(st);
  }

  private checkTopLevel(st: Node): void {
    if (Node.isImportDeclaration(st)) {
      const spec = st.getModuleSpecifierValue();
      const ok = spec === '../schema' || spec.startsWith('../schema/') || (spec.startsWith('./') && !spec.slice(2).includes('/'));
      if (!ok) this.add(diag.disallowedImport(st.getModuleSpecifier(), spec));
      return;
    }
    if (Node.isInterfaceDeclaration(st) || Node.isTypeAliasDeclaration(st) || Node.isEmptyStatement(st)) return;
    if (Node.isFunctionDeclaration(st)) return this.checkFunction(st);
    if (Node.isClassDeclaration(st)) return this.add(diag.classNotSupported(st));
    if (Node.isEnumDeclaration(st)) return this.add(diag.enumNotSupported(st));
    if (Node.isExportDeclaration(st) || Node.isExportAssignment(st)) return this.add(diag.exportForm(st));
    if (Node.isVariableStatement(st)) {
      if (st.getDeclarationKind() !== 'const') return this.add(diag.topLevelStatement(st));
      for (const d of st.getDeclarations()) {
        const init = d.getInitializer();
        if (!Node.isIdentifier(d.getNameNode())) this.add(diag.destructuringNotSupported(d));
        else if (!init || !isConstantExpression(init, this.isLogicFile)) this.add(diag.topLevelStatement(d));
        else this.visit(init);
      }
      return;
    }
    this.add(diag.topLevelStatement(st));
  }

  private checkFunction(fn: FunctionDeclaration): void {
    if (fn.isDefaultExport()) this.add(diag.exportForm(fn));
    if (!fn.hasBody()) return this.add(diag.overloadNotSupported(fn));
    if (fn.isAsync()) this.add(diag.asyncNotSupported(fn));
    if (fn.isGenerator()) this.add(diag.generatorNotSupported(fn));
    const name = fn.getName() ?? '';
    if (!isValidBrsName(name)) this.add(diag.badIdentifier(fn.getNameNode() ?? fn, name));
    for (const p of fn.getParameters()) {
      const nameNode = p.getNameNode();
      if (!Node.isIdentifier(nameNode)) this.add(diag.destructuringNotSupported(p));
      else if (!p.getTypeNode()) this.add(diag.missingParameterType(p, p.getName()));
      if (p.isRestParameter()) this.add(diag.unsupportedSyntax(p, 'a rest parameter'));
      const init = p.getInitializer();
      if (init && !isConstantExpression(init, this.isLogicFile)) this.add(diag.defaultNotConstant(init));
    }
    const locals = collectLocals(fn);
    for (const local of locals) {
      if (!isValidBrsName(local.name)) this.add(diag.badIdentifier(local.nameNode, local.name));
      const other = locals.find((o) => o !== local && o.name !== local.name && o.name.toLowerCase() === local.name.toLowerCase());
      if (other && other.nameNode.getPos() < local.nameNode.getPos()) this.add(diag.caseCollision(local.nameNode, local.name, other.name));
    }
    if (isInlineFunction(fn)) this.diagnostics.push(...checkInlineFunction(fn));
    fn.getBodyOrThrow().forEachChild((c) => this.visit(c));
  }

  /** Visits any node below a function body; type annotations are skipped (erased). */
  private visit(n: Node): void {
    if (Node.isTypeNode(n)) return;
    if (this.checkNode(n) === 'stop') return;
    n.forEachChild((c) => {
      this.visit(c);
    });
  }

  private requireBoolean(e: Expression | undefined, op?: string): void {
    if (!e) return;
    const t = e.getType();
    if (isBooleanType(t)) return;
    this.add(op ? diag.nonBooleanOperand(e, op, typeText(t, e)) : diag.nonBooleanCondition(e, typeText(t, e)));
  }

  /** Returns 'stop' when the node's children must not be visited generically. */
  private checkNode(n: Node): 'stop' | void {
    switch (n.getKind()) {
      case SyntaxKind.ClassDeclaration:
      case SyntaxKind.ClassExpression:
        this.add(diag.classNotSupported(n));
        return 'stop';
      case SyntaxKind.ThisKeyword:
        return this.add(diag.thisNotSupported(n));
      case SyntaxKind.ArrowFunction:
        this.add(diag.closureNotSupported(n, 'arrow functions'));
        return 'stop';
      case SyntaxKind.FunctionExpression:
        this.add(diag.closureNotSupported(n, 'function expressions'));
        return 'stop';
      case SyntaxKind.FunctionDeclaration:
        this.add(diag.nestedFunction(n));
        return 'stop';
      case SyntaxKind.TryStatement:
        return this.add(diag.exceptionsNotSupported(n, 'try'));
      case SyntaxKind.ThrowStatement:
        return this.add(diag.exceptionsNotSupported(n, 'throw'));
      case SyntaxKind.AwaitExpression:
        return this.add(diag.asyncNotSupported(n));
      case SyntaxKind.YieldExpression:
        return this.add(diag.generatorNotSupported(n));
      case SyntaxKind.NewExpression:
        this.add(diag.newNotSupported(n));
        return 'stop';
      case SyntaxKind.LabeledStatement:
        return this.add(diag.labelNotSupported(n));
      case SyntaxKind.ForInStatement:
        return this.add(diag.forInNotSupported(n));
      case SyntaxKind.RegularExpressionLiteral:
        return this.add(diag.regexNotSupported(n));
      case SyntaxKind.EnumDeclaration:
        return this.add(diag.enumNotSupported(n));
      case SyntaxKind.GetAccessor:
      case SyntaxKind.SetAccessor:
        return this.add(diag.accessorNotSupported(n));
      case SyntaxKind.MethodDeclaration:
        this.add(diag.closureNotSupported(n, 'methods in object literals'));
        return 'stop';
      case SyntaxKind.TaggedTemplateExpression:
        return this.add(diag.taggedTemplate(n));
      case SyntaxKind.ObjectBindingPattern:
      case SyntaxKind.ArrayBindingPattern:
        this.add(diag.destructuringNotSupported(n));
        return 'stop';
      case SyntaxKind.DoStatement:
        return this.add(diag.unsupportedSyntax(n, '`do … while`'));
      case SyntaxKind.VoidExpression:
        return this.add(diag.unsupportedSyntax(n, '`void`'));
      case SyntaxKind.BigIntLiteral:
        return this.add(diag.unsupportedSyntax(n, 'a BigInt literal'));
      case SyntaxKind.CommaListExpression:
        return this.add(diag.unsupportedSyntax(n, 'the comma operator'));
      case SyntaxKind.PrivateIdentifier:
        return this.add(diag.classNotSupported(n));
      case SyntaxKind.ComputedPropertyName:
        return this.add(diag.computedKeyNotSupported(n));
      case SyntaxKind.SpreadElement:
      case SyntaxKind.SpreadAssignment:
        return this.checkSpread(n);
      case SyntaxKind.VariableDeclarationList:
        if (n.getText().startsWith('var')) this.add(diag.varNotSupported(n));
        return;
      case SyntaxKind.ExpressionStatement:
        return this.checkExpressionStatement(n.asKindOrThrow(SyntaxKind.ExpressionStatement).getExpression());
      case SyntaxKind.IfStatement:
        return this.requireBoolean(n.asKindOrThrow(SyntaxKind.IfStatement).getExpression());
      case SyntaxKind.WhileStatement:
        return this.requireBoolean(n.asKindOrThrow(SyntaxKind.WhileStatement).getExpression());
      case SyntaxKind.ConditionalExpression:
        return this.requireBoolean(n.asKindOrThrow(SyntaxKind.ConditionalExpression).getCondition());
      case SyntaxKind.ForStatement:
        return this.checkFor(n.asKindOrThrow(SyntaxKind.ForStatement));
      case SyntaxKind.ForOfStatement: {
        const f = n.asKindOrThrow(SyntaxKind.ForOfStatement);
        if (f.isAwaited()) this.add(diag.asyncNotSupported(f));
        return;
      }
      case SyntaxKind.SwitchStatement:
        return this.checkSwitch(n.asKindOrThrow(SyntaxKind.SwitchStatement));
      case SyntaxKind.BreakStatement:
      case SyntaxKind.ContinueStatement:
        if (n.getChildrenOfKind(SyntaxKind.Identifier).length > 0) this.add(diag.labelNotSupported(n));
        return this.checkBreakPlacement(n);
      case SyntaxKind.Identifier:
        return this.checkIdentifier(n.asKindOrThrow(SyntaxKind.Identifier));
      case SyntaxKind.PropertyAccessExpression:
        return this.checkPropertyAccess(n.asKindOrThrow(SyntaxKind.PropertyAccessExpression));
      case SyntaxKind.ElementAccessExpression: {
        const e = n.asKindOrThrow(SyntaxKind.ElementAccessExpression);
        if (e.hasQuestionDotToken()) this.add(diag.optionalChainNotSupported(e));
        if (isStringType(e.getExpression().getType())) this.add(diag.stringIndexNotSupported(e));
        return;
      }
      case SyntaxKind.CallExpression:
        return this.checkCall(n.asKindOrThrow(SyntaxKind.CallExpression));
      case SyntaxKind.ObjectLiteralExpression:
        return this.checkObjectLiteral(n.asKindOrThrow(SyntaxKind.ObjectLiteralExpression));
      case SyntaxKind.BinaryExpression:
        return this.checkBinary(n.asKindOrThrow(SyntaxKind.BinaryExpression));
      case SyntaxKind.PrefixUnaryExpression:
      case SyntaxKind.PostfixUnaryExpression:
        return this.checkUnary(n as Expression);
      case SyntaxKind.DeleteExpression: {
        const operand = n.asKindOrThrow(SyntaxKind.DeleteExpression).getExpression();
        if (!Node.isExpressionStatement(n.getParent())) this.add(diag.statementOnlyCall(n, 'delete'));
        if (!Node.isElementAccessExpression(operand) && !Node.isPropertyAccessExpression(operand)) this.add(diag.unsupportedSyntax(n, '`delete` of something other than a property'));
        return;
      }
      case SyntaxKind.TypeOfExpression:
        return;
      default:
        return;
    }
  }

  private checkSpread(n: Node): void {
    const e = Node.isSpreadElement(n) || Node.isSpreadAssignment(n) ? n.getExpression() : undefined;
    const inCall = Node.isCallExpression(n.getParent());
    if (!e || inCall || !knownShape(e)) this.add(diag.spreadNotSupported(n));
  }

  private checkExpressionStatement(e: Expression): void {
    if (Node.isCallExpression(e) || Node.isDeleteExpression(e)) return;
    if (Node.isBinaryExpression(e) && ASSIGNMENT_OPS.has(e.getOperatorToken().getKind())) return;
    if ((Node.isPostfixUnaryExpression(e) || Node.isPrefixUnaryExpression(e)) && this.isIncrement(e)) return;
    if (Node.isParenthesizedExpression(e)) return this.checkExpressionStatement(e.getExpression());
    this.add(diag.unsupportedSyntax(e, 'an expression statement that is not a call, assignment or `++`/`--`'));
  }

  private isIncrement(e: Node): boolean {
    if (!Node.isPostfixUnaryExpression(e) && !Node.isPrefixUnaryExpression(e)) return false;
    const op = e.getOperatorToken();
    return op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken;
  }

  private checkFor(f: Node): void {
    const fs = f.asKindOrThrow(SyntaxKind.ForStatement);
    const cond = fs.getCondition();
    if (cond) this.requireBoolean(cond);
    const inc = fs.getIncrementor();
    if (inc && !(this.isIncrement(inc) || (Node.isBinaryExpression(inc) && ASSIGNMENT_OPS.has(inc.getOperatorToken().getKind())))) {
      this.add(diag.unsupportedSyntax(inc, 'a `for` step that is not `++`, `--` or an assignment'));
    }
    const init = fs.getInitializer();
    if (init && !Node.isVariableDeclarationList(init) && !(Node.isBinaryExpression(init) && init.getOperatorToken().getKind() === SyntaxKind.EqualsToken)) {
      this.add(diag.unsupportedSyntax(init, 'a `for` initializer that is not a declaration or assignment'));
    }
  }

  private checkSwitch(sw: SwitchStatement): void {
    const clauses = sw.getClauses();
    clauses.forEach((c, i) => {
      const stmts = c.getStatements();
      if (stmts.length === 0) return; // stacked empty case
      const last = stmts[stmts.length - 1];
      const ends = Node.isBreakStatement(last) || Node.isReturnStatement(last) || Node.isContinueStatement(last) ||
        (Node.isBlock(last) && this.endsInJump(last.getStatements()));
      if (!ends && i < clauses.length - 1) this.add(diag.switchFallThrough(c));
    });
  }

  private endsInJump(stmts: Node[]): boolean {
    const last = stmts[stmts.length - 1];
    return !!last && (Node.isBreakStatement(last) || Node.isReturnStatement(last) || Node.isContinueStatement(last));
  }

  /** A `break` that leaves a switch must be the last statement of its case (or of a block that is). */
  private checkBreakPlacement(n: Node): void {
    if (!Node.isBreakStatement(n)) return;
    const target = n.getFirstAncestor((a) => Node.isSwitchStatement(a) || Node.isIterationStatement(a) || Node.isFunctionDeclaration(a));
    if (!target || !Node.isSwitchStatement(target)) return;
    let holder: Node = n;
    let parent = n.getParent();
    while (parent && Node.isBlock(parent) && parent.getStatements().at(-1) === holder) {
      holder = parent;
      parent = parent.getParent();
    }
    const isLastOfCase = parent && (Node.isCaseClause(parent) || Node.isDefaultClause(parent)) && parent.getStatements().at(-1) === holder;
    if (!isLastOfCase) this.add(diag.breakInsideCase(n));
  }

  private checkIdentifier(id: Node): 'stop' | void {
    const text = id.getText();
    const parent = id.getParent();
    // names in declarations, property names and keys are checked by their owners
    if (parent && (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id)) return;
    if (parent && Node.isPropertyAssignment(parent) && parent.getNameNode() === id) return;
    if (text === 'NaN' || text === 'Infinity' || text === 'arguments' || text === 'globalThis') {
      return this.add(diag.unsupportedSyntax(id, `\`${text}\``));
    }
    const sym = id.getSymbol();
    const decl = (sym?.getAliasedSymbol() ?? sym)?.getDeclarations()[0];
    if (decl && Node.isFunctionDeclaration(decl) && parent && !(Node.isCallExpression(parent) && parent.getExpression() === id) && !Node.isTaggedTemplateExpression(parent)) {
      this.add(diag.closureNotSupported(id, 'functions used as values'));
    }
    if (Node.isIdentifier(id)) {
      const read = readSchema(id);
      if (read && 'code' in read) this.add(read);
      else if (read) {
        const why = unrepresentable(read.value);
        if (why) this.add(diag.schemaValueNotRepresentable(read.node, read.node.getText(), why));
      }
    }
  }

  private checkPropertyAccess(e: Node): void {
    const pa = e.asKindOrThrow(SyntaxKind.PropertyAccessExpression);
    if (pa.hasQuestionDotToken()) this.add(diag.optionalChainNotSupported(pa));
    const parent = pa.getParent();
    const isCallee = parent && Node.isCallExpression(parent) && parent.getExpression() === pa;
    if (isCallee) return;
    const recv = pa.getExpression().getType();
    if (isStringType(recv) && pa.getName() !== 'length') this.add(diag.unsupportedSyntax(pa, `string property \`.${pa.getName()}\``));
  }

  private checkCall(call: CallExpression): void {
    if (call.hasQuestionDotToken()) this.add(diag.optionalChainNotSupported(call));
    const target = classifyCall(call, this.isLogicFile);
    const args = call.getArguments() as Expression[];
    switch (target.kind) {
      case 'unknown':
        if (target.method) this.add(diag.unsupportedMethod(call, target.method.name, typeText(target.method.receiverType, call)));
        else this.add(diag.unknownCall(call, target.text));
        return;
      case 'global':
        if (target.name === 'Object.assign') {
          const first = args[0];
          if (!first || !Node.isObjectLiteralExpression(first) || first.getProperties().length > 0) this.add(diag.badObjectAssign(call));
        }
        return;
      case 'arrayMethod':
      case 'stringMethod':
        if (STATEMENT_ONLY_METHODS.has(target.name) && target.kind === 'arrayMethod' && !Node.isExpressionStatement(call.getParent())) {
          this.add(diag.statementOnlyCall(call, `.${target.name}()`));
        }
        if (target.name === 'push' && args.length !== 1) this.add(diag.unsupportedSyntax(call, '`push` with other than one argument'));
        return;
      case 'function':
        return;
    }
  }

  private checkObjectLiteral(o: Node): void {
    const seen = new Map<string, string>();
    for (const p of o.asKindOrThrow(SyntaxKind.ObjectLiteralExpression).getProperties()) {
      if (!Node.isPropertyAssignment(p) && !Node.isShorthandPropertyAssignment(p)) continue;
      const nameNode = p.getNameNode();
      if (Node.isComputedPropertyName(nameNode)) continue; // reported by the visit of the name
      const key = Node.isStringLiteral(nameNode) || Node.isNumericLiteral(nameNode) ? String(nameNode.getLiteralValue()) : nameNode.getText();
      const other = seen.get(key.toLowerCase());
      if (other !== undefined && other !== key) this.add(diag.duplicateKeyIgnoringCase(p, key, other));
      seen.set(key.toLowerCase(), key);
    }
  }

  private checkBinary(e: BinaryExpression): void {
    const opKind = e.getOperatorToken().getKind();
    const op = e.getOperatorToken().getText();
    const left = e.getLeft();
    const right = e.getRight();
    if (opKind === SyntaxKind.EqualsEqualsToken || opKind === SyntaxKind.ExclamationEqualsToken) return this.add(diag.looseEqualityNotSupported(e, op));
    if (BITWISE_OPS.has(opKind)) return this.add(diag.bitwiseNotSupported(e, op));
    if (opKind === SyntaxKind.QuestionQuestionToken) return this.add(diag.nullishNotSupported(e));
    if (ASSIGNMENT_OPS.has(opKind)) {
      const parent = e.getParent();
      const asStatement = Node.isExpressionStatement(parent) ||
        (Node.isForStatement(parent) && (parent.getIncrementor() === e || parent.getInitializer() === e));
      if (!asStatement) this.add(diag.assignmentAsExpression(e, 'an assignment'));
      if (!Node.isIdentifier(left) && !Node.isPropertyAccessExpression(left) && !Node.isElementAccessExpression(left)) this.add(diag.destructuringNotSupported(left));
      if (opKind === SyntaxKind.PlusEqualsToken) this.checkPlus(e, left, right);
      else if (opKind !== SyntaxKind.EqualsToken) this.checkArithmetic(e, op, left, right);
      return;
    }
    switch (opKind) {
      case SyntaxKind.AmpersandAmpersandToken:
      case SyntaxKind.BarBarToken:
        this.requireBoolean(left, op);
        this.requireBoolean(right, op);
        return;
      case SyntaxKind.PlusToken:
        return this.checkPlus(e, left, right);
      case SyntaxKind.EqualsEqualsEqualsToken:
      case SyntaxKind.ExclamationEqualsEqualsToken:
        return this.checkStrictEquality(e, left, right);
      case SyntaxKind.InKeyword:
        if (!isStringType(left.getType()) || !isObjectLike(right.getType())) this.add(diag.badInOperator(e));
        return;
      case SyntaxKind.InstanceOfKeyword:
        return this.add(diag.unsupportedSyntax(e, '`instanceof`'));
      case SyntaxKind.AsteriskAsteriskToken:
      case SyntaxKind.AsteriskAsteriskEqualsToken:
        return this.add(diag.unsupportedSyntax(e, '`**`'));
      case SyntaxKind.CommaToken:
        return this.add(diag.unsupportedSyntax(e, 'the comma operator'));
      case SyntaxKind.BarBarEqualsToken:
      case SyntaxKind.AmpersandAmpersandEqualsToken:
      case SyntaxKind.QuestionQuestionEqualsToken:
        return this.add(diag.unsupportedSyntax(e, `\`${op}\``));
      default:
        if (ARITHMETIC_OPS.has(opKind)) return this.checkArithmetic(e, op, left, right);
        if (COMPARISON_OPS.has(opKind)) {
          const ok = (isNumberType(left.getType()) && isNumberType(right.getType())) || (isStringType(left.getType()) && isStringType(right.getType()));
          if (!ok) this.add(diag.arithmeticOperand(e, op, typeText(left.getType(), e) + ' and ' + typeText(right.getType(), e)));
        }
    }
  }

  private checkPlus(e: Node, left: Expression, right: Expression): void {
    const lt = left.getType();
    const rt = right.getType();
    if (isStringType(lt) || isStringType(rt)) {
      for (const side of [left, right]) {
        const t = side.getType();
        if (!isStringType(t) && !isNumberType(t) && !isBooleanType(t)) this.add(diag.arithmeticOperand(side, '+', typeText(t, side)));
      }
      return;
    }
    this.checkArithmetic(e, '+', left, right);
  }

  private checkArithmetic(e: Node, op: string, left: Expression, right: Expression): void {
    for (const side of [left, right]) {
      const t = side.getType();
      if (!isNumberType(t)) this.add(diag.arithmeticOperand(side, op, typeText(t, side)));
    }
    if (op === '%' || op === '%=') {
      if (numKindOfExpr(left) === 'double' || numKindOfExpr(right) === 'double') this.add(diag.modNeedsIntegers(e));
    }
  }

  private checkStrictEquality(e: Node, left: Expression, right: Expression): void {
    for (const [a, other] of [[left, right], [right, left]] as const) {
      if (Node.isTypeOfExpression(a)) {
        const lit = other;
        if (!(Node.isStringLiteral(lit) || Node.isNoSubstitutionTemplateLiteral(lit)) || !TYPEOF_RESULTS.has(lit.getLiteralValue())) {
          this.add(diag.badTypeofComparison(other, other.getText()));
        }
        return;
      }
    }
    const lt = left.getType();
    const rt = right.getType();
    if (isNullish(lt) || isNullish(rt)) return;
    if (isObjectLike(lt) && isObjectLike(rt)) this.add(diag.objectEquality(e));
  }

  private checkUnary(e: Expression): void {
    const u = e as Expression & { getOperatorToken(): SyntaxKind; getOperand(): Expression };
    const op = u.getOperatorToken();
    if (op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken) {
      const parent = e.getParent();
      const asStatement = Node.isExpressionStatement(parent) || (Node.isForStatement(parent) && parent.getIncrementor() === e);
      if (!asStatement) this.add(diag.assignmentAsExpression(e, '`++`/`--`'));
      return;
    }
    if (op === SyntaxKind.ExclamationToken) return this.requireBoolean(u.getOperand(), '!');
    if (op === SyntaxKind.TildeToken) return this.add(diag.bitwiseNotSupported(e, '~'));
    if (op === SyntaxKind.PlusToken) return this.add(diag.unsupportedSyntax(e, 'unary `+` (number conversion)'));
    if (op === SyntaxKind.MinusToken && !isNumberType(u.getOperand().getType())) {
      this.add(diag.arithmeticOperand(e, '-', typeText(u.getOperand().getType(), e)));
    }
  }
}

/** Checks the logic files; also reports function names that collide across files. */
export function checkFiles(files: SourceFile[], isLogicFile: IsLogicFile): Diagnostic[] {
  const checker = new Checker(isLogicFile);
  const names = new Map<string, FunctionDeclaration>();
  for (const sf of files) {
    checker.checkFile(sf);
    for (const fn of sf.getFunctions()) {
      const name = fn.getName();
      if (!name || !fn.hasBody()) continue;
      if (takesTaskPrefix(name)) checker.diagnostics.push(diag.taskPrefixName(fn.getNameNode() ?? fn, name));
      const key = functionBrsName(name).toLowerCase();
      const other = names.get(key);
      if (other) checker.diagnostics.push(diag.duplicateFunctionName(fn.getNameNode() ?? fn, name, `${other.getName()} (${other.getSourceFile().getBaseName()})`));
      else names.set(key, fn);
    }
  }
  checker.diagnostics.push(...checkInlineCycles(files.flatMap((sf) => sf.getFunctions())));
  return checker.diagnostics;
}
