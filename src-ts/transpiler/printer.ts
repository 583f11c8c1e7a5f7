/**
 * Prints the BrightScript AST. The only place that makes BrightScript text: every node
 * prints to pieces, and `join` puts them together. Keywords are lowercase, indent is 4 spaces.
 */
import type { AALiteral, ArrayLiteral, Binary, Expr, FunctionDecl, Literal, Stmt, Unary } from './brs-ast';

const INDENT = '    ';
/** Object/array literals longer than this print one entry per line. */
const MAX_INLINE = 100;

/** Pieces are concatenated without separators; the one place strings are joined. */
function join(pieces: readonly string[], sep = ''): string {
  return pieces.join(sep);
}

// BrightScript precedence (bsc's parser): `and`/`or` share one level, `not` takes a whole
// relational expression as operand, and comparisons do not chain.
const PREC = { bool: 1, not: 2, rel: 3, add: 4, mul: 5, neg: 6, atom: 7 } as const;

function precOf(e: Expr): number {
  switch (e.kind) {
    case 'Binary':
      if (e.op === 'and' || e.op === 'or') return PREC.bool;
      if (e.op === '+' || e.op === '-') return PREC.add;
      if (e.op === '*' || e.op === '/' || e.op === 'mod') return PREC.mul;
      return PREC.rel;
    case 'Unary':
      return e.op === 'not' ? PREC.not : PREC.neg;
    case 'Literal':
      // a negative number literal prints with a leading minus
      return e.type !== 'string' && e.type !== 'boolean' && e.type !== 'invalid' && e.value < 0 ? PREC.neg : PREC.atom;
    default:
      return PREC.atom;
  }
}

function paren(text: string, needed: boolean): string {
  return needed ? join(['(', text, ')']) : text;
}

function printBinary(e: Binary, indent: string): string {
  const p = precOf(e);
  const left = printExpr(e.left, indent);
  const right = printExpr(e.right, indent);
  const lp = precOf(e.left);
  const rp = precOf(e.right);
  let leftParen = lp < p;
  let rightParen = rp <= p;
  if (p === PREC.bool) {
    // and/or share a level in BrightScript; parenthesise mixed chains so JS grouping survives
    leftParen = lp === PREC.bool && e.left.kind === 'Binary' && e.left.op !== e.op;
    rightParen = rp === PREC.bool;
  } else {
    // `not` swallows a whole relational expression: always wrap it inside other operators
    if (lp === PREC.not) leftParen = true;
    if (rp === PREC.not) rightParen = true;
    if (p === PREC.rel && lp === PREC.rel) leftParen = true;
  }
  return join([paren(left, leftParen), ' ', e.op, ' ', paren(right, rightParen)]);
}

function printUnary(e: Unary, indent: string): string {
  const operand = printExpr(e.operand, indent);
  if (e.op === 'not') return join(['not ', paren(operand, precOf(e.operand) < PREC.atom)]);
  return join(['-', paren(operand, precOf(e.operand) < PREC.atom)]);
}

function formatNumber(value: number): string {
  // JS's shortest round-trip text; BrightScript reads the same digits and exponent form
  return String(value);
}

/** Control characters cannot appear in a BrightScript string literal: splice them with Chr(). */
function printString(value: string): string {
  const parts: string[] = [];
  let run = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code < 32 || code === 127) {
      if (run !== '') parts.push(join(['"', run, '"']));
      parts.push(join(['Chr(', String(code), ')']));
      run = '';
    } else {
      run += ch === '"' ? '""' : ch;
    }
  }
  if (run !== '' || parts.length === 0) parts.push(join(['"', run, '"']));
  return parts.length === 1 ? parts[0] : join(['(', join(parts, ' + '), ')']);
}

function printLiteral(e: Literal): string {
  switch (e.type) {
    case 'string':
      return printString(e.value);
    case 'boolean':
      return e.value ? 'true' : 'false';
    case 'invalid':
      return 'invalid';
    case 'integer':
      return formatNumber(e.value);
    case 'longinteger':
      return join([formatNumber(e.value), '&']);
    case 'double':
      return join([formatNumber(e.value), '#']);
  }
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function printKey(key: string): string {
  // quoting is always valid and keeps keys that are BrightScript keywords unambiguous
  return PLAIN_KEY.test(key) ? key : printString(key);
}

function printCollection(open: string, close: string, items: string[], indent: string): string {
  if (items.length === 0) return join([open, close]);
  const inline = join([open, ' ', join(items, ', '), ' ', close]);
  if (inline.length + indent.length <= MAX_INLINE && !inline.includes('\n')) return inline;
  const inner = indent + INDENT;
  return join([open, '\n', join(items.map((it) => join([inner, it])), ',\n'), '\n', indent, close]);
}

function printAA(e: AALiteral, indent: string): string {
  const inner = indent + INDENT;
  const items = e.entries.map((en) => join([printKey(en.key), ': ', printExpr(en.value, inner)]));
  return printCollection('{', '}', items, indent);
}

function printArray(e: ArrayLiteral, indent: string): string {
  const inner = indent + INDENT;
  return printCollection('[', ']', e.items.map((it) => printExpr(it, inner)), indent);
}

/** Prints one expression; `indent` is where multi-line literals continue. */
export function printExpr(e: Expr, indent = ''): string {
  switch (e.kind) {
    case 'Literal':
      return printLiteral(e);
    case 'Ident':
      return e.name;
    case 'Member':
      return join([paren(printExpr(e.object, indent), precOf(e.object) < PREC.atom), '.', e.name]);
    case 'Index':
      return join([paren(printExpr(e.object, indent), precOf(e.object) < PREC.atom), '[', printExpr(e.index, indent), ']']);
    case 'Call':
      return join([printExpr(e.callee, indent), '(', join(e.args.map((a) => printExpr(a, indent)), ', '), ')']);
    case 'Binary':
      return printBinary(e, indent);
    case 'Unary':
      return printUnary(e, indent);
    case 'AALiteral':
      return printAA(e, indent);
    case 'ArrayLiteral':
      return printArray(e, indent);
  }
}

function printBlock(body: Stmt[], indent: string): string[] {
  return body.flatMap((s) => printStmt(s, indent));
}

/** Prints one statement as lines (without newlines). */
export function printStmt(s: Stmt, indent: string): string[] {
  const inner = indent + INDENT;
  switch (s.kind) {
    case 'Assign':
      return [join([indent, printExpr(s.target, indent), ' ', s.op, ' ', printExpr(s.value, indent)])];
    case 'Increment':
      return [join([indent, printExpr(s.target, indent), s.op])];
    case 'ExprStmt':
      return [join([indent, printExpr(s.expr, indent)])];
    case 'Return':
      return [s.value ? join([indent, 'return ', printExpr(s.value, indent)]) : join([indent, 'return'])];
    case 'ExitLoop':
      return [join([indent, 'exit ', s.loop])];
    case 'ContinueLoop':
      return [join([indent, 'continue ', s.loop])];
    case 'If': {
      const lines: string[] = [];
      s.branches.forEach((br, i) => {
        lines.push(join([indent, i === 0 ? 'if ' : 'else if ', printExpr(br.cond, indent)]));
        lines.push(...printBlock(br.body, inner));
      });
      if (s.elseBody && s.elseBody.length > 0) {
        lines.push(join([indent, 'else']));
        lines.push(...printBlock(s.elseBody, inner));
      }
      lines.push(join([indent, 'end if']));
      return lines;
    }
    case 'ForTo': {
      const step = s.step ? join([' step ', printExpr(s.step, indent)]) : '';
      return [
        join([indent, 'for ', s.counter, ' = ', printExpr(s.from, indent), ' to ', printExpr(s.to, indent), step]),
        ...printBlock(s.body, inner),
        join([indent, 'end for']),
      ];
    }
    case 'ForEach':
      return [join([indent, 'for each ', s.item, ' in ', printExpr(s.collection, indent)]), ...printBlock(s.body, inner), join([indent, 'end for'])];
    case 'While':
      return [join([indent, 'while ', printExpr(s.cond, indent)]), ...printBlock(s.body, inner), join([indent, 'end while'])];
  }
}

/** Prints a function (or `sub` when it returns nothing). */
export function printFunction(f: FunctionDecl): string {
  const keyword = f.returnType === 'void' ? 'sub' : 'function';
  const params = f.params.map((p) =>
    join([p.name, p.default ? join([' = ', printExpr(p.default)]) : '', ' as ', p.type]),
  );
  const ret = f.returnType === 'void' ? '' : join([' as ', f.returnType]);
  const lines = [join([keyword, ' ', f.name, '(', join(params, ', '), ')', ret]), ...printBlock(f.body, INDENT), join(['end ', keyword])];
  return join(lines, '\n');
}

/** Prints functions separated by a blank line, ending with a newline. */
export function printProgram(functions: FunctionDecl[]): string {
  if (functions.length === 0) return '';
  return join([join(functions.map(printFunction), '\n\n'), '\n']);
}
