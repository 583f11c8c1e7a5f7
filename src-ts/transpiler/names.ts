/**
 * BrightScript names: reserved words, and the per-function allocation of local names.
 * BrightScript identifiers are case-insensitive and live in one scope per function, while
 * TypeScript locals are case-sensitive and block-scoped; this file bridges the two.
 */
import { FunctionDeclaration, Node, SyntaxKind } from 'ts-morph';

/**
 * Words a local variable must not be called (lower case): keywords, type names and the
 * global functions of BrightScript, which a local of the same name would shadow or break.
 */
export const RESERVED = new Set(
  (
    'and as box catch class const continue createobject dim each else elseif end endfor endfunction endif endsub endtry endwhile ' +
    'enum eval exit exitwhile false for function goto if import in interface invalid let library line_num m mod namespace new next ' +
    'not objfun or pos print rem return run step stop sub tab then throw to true try type while ' +
    'object string integer longinteger float double boolean dynamic void ' +
    'abs asc atn cdbl chr cint cos csng exp fix formatjson getglobalaa getinterface getlastruncompileerror getlastrunruntimeerror ' +
    'instr int lcase left len log mid parsejson readasciifile rebootsystem right rnd sgn sin sleep sqr str stri strtoi ' +
    'substitute tan tr ucase uptime val wait writeasciifile listdir copyfile movefile deletefile createdirectory ' +
    'deletedirectory formatdrive findmemberfunction rungarbagecollector getlastrunruntimeerror'
  ).split(/\s+/),
);

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `name` can be spelled in BrightScript at all (ASCII letters, digits, `_`). */
export function isValidBrsName(name: string): boolean {
  return VALID_NAME.test(name);
}

/** The BrightScript function name of logic function `name`. */
export function functionBrsName(name: string): string {
  return `mParticle_${name}`;
}

/**
 * The prefix of every function of the hand-written Task (brs-templates/components/, and the
 * handlers the generator writes for it): a name says whether it was transpiled or written by
 * hand. No logic function may be named `task...` (MPT1055), and every Task template function
 * is named so (MPG011).
 */
export const TASK_FUNCTION_PREFIX = functionBrsName('task');

/** Whether logic function `name` would take the hand-written Task's prefix. */
export function takesTaskPrefix(name: string): boolean {
  return functionBrsName(name).toLowerCase().startsWith(TASK_FUNCTION_PREFIX.toLowerCase());
}

/** A local declaration of a function: a parameter or a `let`/`const`/loop variable. */
export interface LocalDecl {
  /** The identifier node that declares it. */
  nameNode: Node;
  name: string;
  /** Where it is visible: the function, a block, a `for` statement or a case block. */
  scope: Node;
}

function scopeOf(decl: Node): Node {
  if (Node.isParameterDeclaration(decl)) return decl.getParentOrThrow();
  const list = decl.getParent();
  const holder = list?.getParent();
  if (holder && (Node.isForStatement(holder) || Node.isForOfStatement(holder))) return holder;
  const scope = decl.getFirstAncestor((a) => Node.isBlock(a) || Node.isCaseBlock(a) || Node.isSourceFile(a));
  return scope ?? decl.getSourceFile();
}

/** Parameters first, then variable declarations in source order. */
export function collectLocals(fn: FunctionDeclaration): LocalDecl[] {
  const out: LocalDecl[] = [];
  for (const p of fn.getParameters()) {
    const n = p.getNameNode();
    if (Node.isIdentifier(n)) out.push({ nameNode: n, name: n.getText(), scope: scopeOf(p) });
  }
  for (const d of fn.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
    const n = d.getNameNode();
    if (Node.isIdentifier(n)) out.push({ nameNode: n, name: n.getText(), scope: scopeOf(d) });
  }
  return out;
}

function encloses(outer: Node, inner: Node): boolean {
  return outer.getPos() <= inner.getPos() && inner.getEnd() <= outer.getEnd();
}

/**
 * Gives every local of a function its BrightScript name. Reserved words get a `_` suffix;
 * a redeclaration whose scope nests with an earlier one of the same name (shadowing) gets
 * a numbered suffix, while sibling blocks reuse the name. Temporaries come from `temp`.
 */
export class NameAllocator {
  private readonly used = new Set<string>();
  private readonly byDecl = new Map<Node, string>();

  constructor(locals: LocalDecl[]) {
    const seen: { decl: LocalDecl; brs: string }[] = [];
    for (const local of locals) {
      const clash = seen.find(
        (s) => s.decl.name === local.name && (encloses(s.decl.scope, local.scope) || encloses(local.scope, s.decl.scope)),
      );
      const sibling = seen.find((s) => s.decl.name === local.name);
      const brs = clash ? this.fresh(local.name) : sibling ? sibling.brs : this.fresh(local.name);
      this.byDecl.set(local.nameNode, brs);
      seen.push({ decl: local, brs });
    }
  }

  private fresh(preferred: string): string {
    const base = RESERVED.has(preferred.toLowerCase()) ? `${preferred}_` : preferred;
    let candidate = base;
    for (let n = 2; this.used.has(candidate.toLowerCase()); n++) candidate = `${base}_${n}`;
    this.used.add(candidate.toLowerCase());
    return candidate;
  }

  /** The BrightScript name of the local declared by identifier node `nameNode`. */
  nameOf(nameNode: Node): string | undefined {
    return this.byDecl.get(nameNode);
  }

  /** A fresh temporary, e.g. `temp("switch")` -> `switch_` (reserved) or `value_2`. */
  temp(preferred: string): string {
    return this.fresh(preferred);
  }
}
