/**
 * Which components compile each generated BrightScript file, and the rule that puts each
 * function on its side. Every component that talks to mParticle (a scene, a channel's own RAF
 * Task) includes the scene include, mParticleCore.brs; mParticleTask includes that and the
 * Task-only files. What only the Task runs stays out of the scene include, so that the
 * components that include it compile no more than they call.
 *
 * The rule:
 * - hand-written and generated parts are placed by their file (the Task's templates go into
 *   mParticleTask.brs; constants, builders, the bridge and the RAF glue into the scene include);
 * - transpiled logic (src-ts/logic) runs in the Task, except the files of SCENE_LOGIC_FILES;
 * - a runtime helper (brs-templates/source/mParticleRuntime.brs) goes into the scene include
 *   when scene-side code uses it, directly or through another helper, and to the Task otherwise.
 * `checkSides` then fails generation when scene-side code uses a function only the Task compiles
 * (it would be a runtime error in a scene: "Function Call Operator ( ) attempted on non-function").
 */
import { Parser, WalkMode, createVisitor, isFunctionStatement } from 'brighterscript';
import { GeneratorErrors } from './errors';

export type Side = 'scene' | 'task';

/** The folders of generated/ that a channel copies (the SDK); API.md and dataplan.json stay out. */
export const SDK_FOLDERS = ['source', 'components'] as const;

/** The scene include: what a channel's components include (`pkg:/source/mparticle/mParticleCore.brs`). */
export const SCENE_INCLUDE = 'source/mparticle/mParticleCore.brs';
/** The transpiled logic and the runtime helpers that only the Task runs. */
export const TASK_LOGIC = 'components/mParticleTaskLogic.brs';

/**
 * Every generated BrightScript file (path under generated/) and who compiles it. mParticleTask.xml
 * includes all of them, in this order; a channel's components include the 'scene' ones.
 */
export const BRS_FILE_SIDES: Readonly<Record<string, Side>> = {
  'components/mParticleTask.brs': 'task',
  [TASK_LOGIC]: 'task',
  [SCENE_INCLUDE]: 'scene',
};

/**
 * Logic files (names in src-ts/logic) whose functions scene-side code may call; they go into the
 * scene include. None today: every decision is the Task's, and the render thread only hands
 * calls over. List a file here only for logic the render thread must run itself.
 */
export const SCENE_LOGIC_FILES: readonly string[] = [];

/** One top-level function of a BrightScript text, with the comment and blank lines above it. */
export interface BrsChunk {
  /** Lower case, as BrightScript compares names. */
  name: string;
  text: string;
  /** Every name the function calls or refers to (lower case). */
  uses: Set<string>;
}

/** Names (lower case) a parsed statement or function body calls or refers to. */
function usedNames(node: { walk: (visitor: ReturnType<typeof createVisitor>, options: { walkMode: WalkMode }) => void }): Set<string> {
  const uses = new Set<string>();
  node.walk(createVisitor({ VariableExpression: (v) => void uses.add(v.name.text.toLowerCase()) }), { walkMode: WalkMode.visitAllRecursive });
  return uses;
}

/**
 * A BrightScript text as its top-level functions: `preamble` is what comes before the first
 * function's comment, each chunk runs to its function's `end sub`/`end function`.
 */
export function brsChunks(text: string): { preamble: string; chunks: BrsChunk[] } {
  const lines = text.split('\n');
  const parsed = Parser.parse(text);
  const functions = parsed.ast.statements.filter(isFunctionStatement);
  const chunks: BrsChunk[] = [];
  let next = 0;
  let preamble = '';
  functions.forEach((f, i) => {
    let from = f.range!.start.line;
    while (from > next && /^\s*'/.test(lines[from - 1])) from--;
    if (i === 0) preamble = lines.slice(0, from).join('\n').replace(/\n+$/, '');
    const body = lines.slice(i === 0 ? from : next, f.range!.end.line + 1).join('\n').replace(/^\n+/, '');
    chunks.push({ name: f.name.text.toLowerCase(), text: body, uses: usedNames(f.func.body) });
    next = f.range!.end.line + 1;
  });
  return { preamble, chunks };
}

/** Names (lower case) used anywhere in a BrightScript text. */
export function namesUsedIn(text: string): Set<string> {
  return usedNames(Parser.parse(text).ast);
}

/**
 * The runtime helpers split by the rule: those that `sceneUses` reaches (directly or through
 * other helpers) on the scene side, the rest on the Task's, each in template order.
 */
export function splitRuntime(runtime: BrsChunk[], sceneUses: ReadonlySet<string>): { scene: BrsChunk[]; task: BrsChunk[] } {
  const byName = new Map(runtime.map((c) => [c.name, c]));
  const reached = new Set<string>();
  const stack = [...sceneUses].filter((n) => byName.has(n));
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    for (const used of byName.get(name)!.uses) if (byName.has(used)) stack.push(used);
  }
  return { scene: runtime.filter((c) => reached.has(c.name)), task: runtime.filter((c) => !reached.has(c.name)) };
}

/**
 * Fails generation (MPG009) when a function of a scene-side file uses one that only
 * Task-side files declare. `files` are the generated files, keyed by path under generated/.
 */
export function checkSides(files: Readonly<Record<string, string>>): void {
  const taskOnly = new Map<string, string>();
  for (const [rel, side] of Object.entries(BRS_FILE_SIDES)) {
    if (side !== 'task' || files[rel] === undefined) continue;
    for (const c of brsChunks(files[rel]).chunks) taskOnly.set(c.name, rel);
  }
  for (const [rel, side] of Object.entries(BRS_FILE_SIDES)) {
    if (side !== 'scene' || files[rel] === undefined) continue;
    const chunks = brsChunks(files[rel]).chunks;
    const declared = new Set(chunks.map((c) => c.name));
    for (const c of chunks) {
      const bad = [...c.uses].find((n) => taskOnly.has(n) && !declared.has(n));
      if (bad !== undefined) throw GeneratorErrors.taskOnlyCall(`generated/${rel}`, c.name, bad, `generated/${taskOnly.get(bad)}`);
    }
  }
}
