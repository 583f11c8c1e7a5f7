/**
 * The BrightScript AST that the lowering stage builds and the printer prints. One node kind
 * per construct the transpiler emits; nothing here knows about text.
 */

/** Types that appear in function signatures. */
export type BrsType = 'integer' | 'longinteger' | 'double' | 'string' | 'boolean' | 'object' | 'dynamic' | 'void';

export type Expr =
  | Literal
  | Ident
  | Member
  | Index
  | Call
  | Binary
  | Unary
  | AALiteral
  | ArrayLiteral;

export type Literal =
  | { kind: 'Literal'; type: 'string'; value: string }
  | { kind: 'Literal'; type: 'integer' | 'longinteger' | 'double'; value: number }
  | { kind: 'Literal'; type: 'boolean'; value: boolean }
  | { kind: 'Literal'; type: 'invalid' };

export interface Ident {
  kind: 'Ident';
  name: string;
}

export interface Member {
  kind: 'Member';
  object: Expr;
  name: string;
}

export interface Index {
  kind: 'Index';
  object: Expr;
  index: Expr;
}

export interface Call {
  kind: 'Call';
  callee: Expr;
  args: Expr[];
}

export type BinaryOp = '+' | '-' | '*' | '/' | 'mod' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export interface Binary {
  kind: 'Binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
}

export interface Unary {
  kind: 'Unary';
  op: 'not' | '-';
  operand: Expr;
}

export interface AAEntry {
  key: string;
  value: Expr;
}

export interface AALiteral {
  kind: 'AALiteral';
  entries: AAEntry[];
}

export interface ArrayLiteral {
  kind: 'ArrayLiteral';
  items: Expr[];
}

export type Stmt = Assign | Increment | ExprStmt | If | ForTo | While | ForEach | Return | ExitLoop | ContinueLoop;

export type AssignTarget = Ident | Member | Index;

export interface Assign {
  kind: 'Assign';
  target: AssignTarget;
  op: '=' | '+=' | '-=' | '*=' | '/=';
  value: Expr;
}

export interface Increment {
  kind: 'Increment';
  target: AssignTarget;
  op: '++' | '--';
}

export interface ExprStmt {
  kind: 'ExprStmt';
  expr: Call;
}

export interface IfBranch {
  cond: Expr;
  body: Stmt[];
}

/** `if` / `else if` chain; `elseBody` undefined means no `else`. */
export interface If {
  kind: 'If';
  branches: IfBranch[];
  elseBody?: Stmt[];
}

/** `for counter = from to to [step step]`: `to` is evaluated once, so only for provably simple loops. */
export interface ForTo {
  kind: 'ForTo';
  counter: string;
  from: Expr;
  to: Expr;
  step?: Expr;
  body: Stmt[];
}

export interface While {
  kind: 'While';
  cond: Expr;
  body: Stmt[];
}

export interface ForEach {
  kind: 'ForEach';
  item: string;
  collection: Expr;
  body: Stmt[];
}

export interface Return {
  kind: 'Return';
  value?: Expr;
}

export type LoopKind = 'for' | 'while';

export interface ExitLoop {
  kind: 'ExitLoop';
  loop: LoopKind;
}

export interface ContinueLoop {
  kind: 'ContinueLoop';
  loop: LoopKind;
}

export interface Param {
  kind: 'Param';
  name: string;
  type: BrsType;
  default?: Expr;
}

export interface FunctionDecl {
  kind: 'FunctionDecl';
  name: string;
  params: Param[];
  returnType: BrsType;
  body: Stmt[];
}

// Constructors keep the lowering code short and make the node shapes explicit at call sites.
export const b = {
  str: (value: string): Literal => ({ kind: 'Literal', type: 'string', value }),
  int: (value: number): Literal => ({ kind: 'Literal', type: 'integer', value }),
  long: (value: number): Literal => ({ kind: 'Literal', type: 'longinteger', value }),
  double: (value: number): Literal => ({ kind: 'Literal', type: 'double', value }),
  bool: (value: boolean): Literal => ({ kind: 'Literal', type: 'boolean', value }),
  invalid: (): Literal => ({ kind: 'Literal', type: 'invalid' }),
  ident: (name: string): Ident => ({ kind: 'Ident', name }),
  member: (object: Expr, name: string): Member => ({ kind: 'Member', object, name }),
  index: (object: Expr, index: Expr): Index => ({ kind: 'Index', object, index }),
  call: (callee: Expr | string, args: Expr[]): Call => ({
    kind: 'Call',
    callee: typeof callee === 'string' ? { kind: 'Ident', name: callee } : callee,
    args,
  }),
  method: (object: Expr, name: string, args: Expr[]): Call => ({ kind: 'Call', callee: { kind: 'Member', object, name }, args }),
  binary: (op: BinaryOp, left: Expr, right: Expr): Binary => ({ kind: 'Binary', op, left, right }),
  not: (operand: Expr): Unary => ({ kind: 'Unary', op: 'not', operand }),
  neg: (operand: Expr): Unary => ({ kind: 'Unary', op: '-', operand }),
  aa: (entries: AAEntry[]): AALiteral => ({ kind: 'AALiteral', entries }),
  array: (items: Expr[]): ArrayLiteral => ({ kind: 'ArrayLiteral', items }),
  assign: (target: AssignTarget, value: Expr, op: Assign['op'] = '='): Assign => ({ kind: 'Assign', target, op, value }),
  exprStmt: (expr: Call): ExprStmt => ({ kind: 'ExprStmt', expr }),
};
