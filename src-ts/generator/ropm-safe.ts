/**
 * Makes generated BrightScript safe to install with ropm under `noprefix`.
 *
 * ropm (0.10, rokucommunity/ropm#36) prefixes every bare reference to one of the package's
 * functions (`build: mParticle_adBreakBuild`) with `<alias>_` even when the channel lists the
 * package in `ropm.noprefix`, where it leaves the declaration itself alone: the member would
 * name a function that does not exist, and the channel would crash on the first builder or
 * bridge call. Calls are handled correctly in both modes. So the SDK holds no bare function
 * references: each AA member that names a function becomes that function, as an anonymous
 * function literal (a wrapper would not do: a plain call loses the AA as `m`). A named
 * function that nothing calls any more is then dropped, with its comment.
 */
import { Parser, WalkMode, createVisitor, isCallExpression, isFunctionStatement, type FunctionStatement } from 'brighterscript';
import { GeneratorErrors } from './errors';

interface Ref {
  name: string;
  offset: number;
  end: number;
  /** Whether it is the value of an AA literal member or of `obj.field = ...` (where a method may be set). */
  inMethodSlot: boolean;
}

interface Scan {
  functions: Map<string, FunctionStatement>;
  refs: Ref[];
  calls: Set<string>;
  /** One-line AA literals with a function reference among their members: [start, end, member spans]. */
  oneLineAAs: { start: number; end: number; members: [number, number][] }[];
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** Functions declared in `text`, bare references to them, and the names called anywhere. */
function scan(text: string): Scan {
  const starts = lineStarts(text);
  const at = (p: { line: number; character: number }) => starts[p.line] + p.character;
  const parsed = Parser.parse(text);
  const functions = new Map<string, FunctionStatement>();
  for (const s of parsed.ast.statements) {
    if (isFunctionStatement(s)) functions.set(s.name.text.toLowerCase(), s);
  }
  const refs: Ref[] = [];
  const calls = new Set<string>();
  const aas: { start: number; end: number; members: [number, number][] }[] = [];
  parsed.ast.walk(
    createVisitor({
      AALiteralExpression: (e) => {
        if (e.range!.start.line !== e.range!.end.line) return;
        aas.push({ start: at(e.range!.start), end: at(e.range!.end), members: e.elements.filter((m) => 'value' in m).map((m) => [at(m.range!.start), at(m.range!.end)]) });
      },
      VariableExpression: (v, parent) => {
        const name = v.name.text.toLowerCase();
        if (isCallExpression(parent) && parent.callee === v) {
          calls.add(name);
          return;
        }
        // `obj.field` / `obj[i]`: the variable is a value, not a function reference.
        const obj = (parent as { obj?: unknown } | undefined)?.obj;
        if (obj === v) return;
        if (functions.has(name)) refs.push({ name, offset: at(v.range.start), end: at(v.range.end), inMethodSlot: isMethodSlot(v, parent) });
      },
    }),
    { walkMode: WalkMode.visitAllRecursive },
  );
  const oneLineAAs = aas.filter((a) => refs.some((r) => r.inMethodSlot && r.offset > a.start && r.end < a.end));
  return { functions, refs, calls, oneLineAAs };
}

/** Lays out one-line AA literals that hold a function reference one member per line, so function literals fit. */
function expandAAs(text: string, aas: Scan['oneLineAAs']): string {
  let out = text;
  // Only the outermost ones: a nested one is copied with its member's text and laid out on the next pass.
  const outer = aas.filter((a) => !aas.some((b) => b !== a && b.start <= a.start && a.end <= b.end));
  for (const a of [...outer].sort((x, y) => y.start - x.start)) {
    const lineStart = text.lastIndexOf('\n', a.start - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const body = a.members.map(([from, to]) => `${indent}    ${text.slice(from, to)}`).join('\n');
    out = out.slice(0, a.start) + `{\n${body}\n${indent}}` + out.slice(a.end);
  }
  return out;
}

/** An AA literal member's value, or the value of `obj.field = ...`: a place for a method. */
function isMethodSlot(v: unknown, parent: unknown): boolean {
  const kind = (parent as { constructor?: { name?: string } } | undefined)?.constructor?.name;
  return kind === 'AAMemberExpression' || (kind === 'DottedSetStatement' && (parent as { value?: unknown }).value === v);
}

/** The source of a function statement as an anonymous function, indented for its new place. */
function anonymous(text: string, starts: number[], f: FunctionStatement, indent: string): string {
  const first = f.range!.start.line;
  const last = f.range!.end.line;
  const lines = text.slice(starts[first], starts[last] + f.range!.end.character).split('\n');
  lines[0] = lines[0].replace(/^(\s*)(sub|function)\s+[A-Za-z_][A-Za-z0-9_]*\s*\(/i, '$2(');
  return lines.map((l, i) => (i === 0 || l === '' ? l : indent + l)).join('\n');
}

/** Lines [from, to] of the declaration of `f` plus the comment right above it and one blank line after. */
function declarationSpan(lines: string[], f: FunctionStatement): [number, number] {
  let from = f.range!.start.line;
  while (from > 0 && /^\s*'/.test(lines[from - 1])) from--;
  let to = f.range!.end.line;
  if (to + 1 < lines.length && lines[to + 1].trim() === '') to++;
  return [from, to];
}

/**
 * `text` with every bare function reference replaced by the function itself. `calledElsewhere`
 * lists names (lower case) that other generated files call, so their declarations are kept.
 */
export function inlineFunctionReferences(text: string, where: string, calledElsewhere: ReadonlySet<string> = new Set()): string {
  const referenced = new Set(scan(text).refs.map((r) => r.name));
  let out = text;
  // A function literal may itself hold references (a builder returning an object with methods).
  for (let round = 0; ; round++) {
    let scanned = scan(out);
    while (scanned.oneLineAAs.length > 0) {
      out = expandAAs(out, scanned.oneLineAAs);
      scanned = scan(out);
    }
    const { functions, refs } = scanned;
    if (refs.length === 0) break;
    if (round >= 8) throw GeneratorErrors.functionReference(where, refs[0].name, 'references nest too deep (a function refers to itself?)');
    const bad = refs.find((r) => !r.inMethodSlot);
    if (bad) throw GeneratorErrors.functionReference(where, bad.name, 'it is neither the value of an AA literal member nor of obj.field = ...');
    // Offsets and function sources are this round's; edits go from the end so they stay valid.
    const snapshot = out;
    const starts = lineStarts(snapshot);
    const snapshotLines = snapshot.split('\n');
    for (const r of [...refs].sort((a, b) => b.offset - a.offset)) {
      const f = functions.get(r.name)!;
      const lineStart = snapshot.lastIndexOf('\n', r.offset - 1) + 1;
      const indent = /^[ \t]*/.exec(snapshot.slice(lineStart))![0];
      out = out.slice(0, r.offset) + anonymous(snapshot, starts, f, indent) + out.slice(r.end);
      // A member on a line of its own takes the function's comment along.
      const lineEnd = snapshot.indexOf('\n', r.end);
      const memberOnly = /^\s*([A-Za-z_$"][^:]*:|[A-Za-z_][\w.]*\s*=)\s*$/.test(snapshot.slice(lineStart, r.offset)) && snapshot.slice(r.end, lineEnd < 0 ? undefined : lineEnd).trim() === '';
      const [from] = declarationSpan(snapshotLines, f);
      if (memberOnly && from < f.range!.start.line) {
        const comment = snapshotLines.slice(from, f.range!.start.line).map((l) => indent + l.trim()).join('\n');
        out = out.slice(0, lineStart) + comment + '\n' + out.slice(lineStart);
      }
    }
  }
  // Drop the declarations nothing calls now (the literals carry their bodies).
  const { functions, calls } = scan(out);
  const lines = out.split('\n');
  const drop = [...functions.entries()]
    .filter(([name]) => referenced.has(name) && !calls.has(name) && !calledElsewhere.has(name))
    .map(([, f]) => declarationSpan(lines, f))
    .sort((a, b) => b[0] - a[0]);
  for (const [from, to] of drop) lines.splice(from, to - from + 1);
  return lines.join('\n');
}

/** Names (lower case) called in any of these BrightScript texts. */
export function calledNames(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const n of scan(t).calls) out.add(n);
  return out;
}
