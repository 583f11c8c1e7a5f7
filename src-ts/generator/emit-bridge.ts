/**
 * The BRIDGE hole of mParticleCore.brs: `mParticleSGBridge(task)` and one small function
 * per API method, all from the schema (BRIDGE_APIS and MEDIA_APIS). On the render thread a
 * call only builds `{m, a}` and assigns it to the Task's API-call field: validation, defaults
 * and every other cost belong to the Task. A media call first keeps mParticle's Roku SDK
 * 2.x's fields of the channel's session object (MediaApi.keeps, src-ts/logic/bridge-session.ts),
 * which 2.x channels read back; the Task sends what it computes itself.
 */
import { BRIDGE_APIS, LOCAL_APIS, MEDIA_APIS, SCENEGRAPH_NODES, TRACKED_NODE_FIELD, TRACKING_APIS, type SessionKeeping } from '../schema';
import * as path from 'node:path';
import { transpile } from '../transpiler';
import { TYPEOF_NAMES } from '../transpiler/brs-types';
import { brsString } from './brs-values';
import { typeNameTest } from './emit-runtime';
import { GeneratorErrors } from './errors';
import { REPO_ROOT } from './template';

/** One bridge method as the generator sees it, whatever table it came from. */
export interface BridgeMethod {
  readonly ns: 'core' | 'identity' | 'media';
  readonly method: string;
  /** Names callers may use: the method and its aliases. */
  readonly names: readonly string[];
  readonly params: readonly { readonly name: string; readonly kind: string; readonly optional: boolean; readonly defaultBrs?: string; readonly doc: string }[];
  readonly doc: string;
  /** The event it logs (media APIs only; tracking methods log theirs from the Task). */
  readonly event?: string;
  /** A node parameter the bridge also sets on the Task's node-typed field (tracking). */
  readonly nodeParam?: string;
  /** Whether it keeps 2.x's fields of the session first (the media APIs), and what besides the end time. */
  readonly session?: { readonly keeps?: SessionKeeping };
}

/** Every bridge method: core, identity, then media, each in schema order. */
export function bridgeMethods(): BridgeMethod[] {
  return [
    ...BRIDGE_APIS.map((a) => ({ ns: a.ns, method: a.method, names: [a.method], params: a.params, doc: a.doc })),
    ...MEDIA_APIS.map((a) => ({
      ns: 'media' as const,
      method: a.method,
      names: [a.method, ...(a.aliases ?? [])],
      params: a.params,
      doc: a.doc,
      event: a.event,
      ...(a.keepsNothing ? {} : { session: a.keeps ? { keeps: a.keeps } : {} }),
    })),
    ...TRACKING_APIS.map((a) => ({ ns: a.ns, method: a.method, names: [a.method], params: a.params, doc: a.doc, ...(a.nodeParam ? { nodeParam: a.nodeParam } : {}) })),
  ];
}

/** The wire name of a call, `media.logPlay`. */
export const callName = (b: BridgeMethod) => `${b.ns}.${b.method}`;

/** BrightScript name of the bridge function for a method. */
export function bridgeFunctionName(b: BridgeMethod): string {
  const ns = b.ns === 'core' ? '' : b.ns[0].toUpperCase() + b.ns.slice(1);
  return `mParticle_bridge${ns}${b.method[0].toUpperCase()}${b.method.slice(1)}`;
}

/** The documented signature, `logSeekStart(mediaSession, position, options)`. */
export function signature(b: BridgeMethod): string {
  return `${b.method}(${b.params.map((p) => (p.optional ? `${p.name} = ${p.defaultBrs ?? 'invalid'}` : p.name)).join(', ')})`;
}

/**
 * The render thread's clock, as 2.x's unixTimeMillis: the media namespace's roDateTime
 * (`m.mParticleClock`, made with the bridge) set to now. Written out in each media method, like
 * the rest of the bookkeeping: a call costs the render thread more than these statements.
 */
const clockRead = (indent: string) => [`${indent}clock = m.mParticleClock`, `${indent}clock.Mark()`, `${indent}now = clock.AsSeconds() * 1000& + clock.GetMilliseconds()`];

/**
 * 2.x's rule of every media call: `mediaSessionEndTime` becomes now when it holds a non-zero
 * number (2.x: \`if (mediaSessionEndTime)\`). One type() read, its name compared with the
 * number names of the one table.
 */
function endTimeKept(indent: string, session: string, before: string[]): string[] {
  const test = `(${typeNameTest('t', TYPEOF_NAMES.number)}) and end_ <> 0`;
  const set = `${session}.mediaSessionEndTime = now`;
  return [
    `${indent}end_ = ${session}.mediaSessionEndTime`,
    `${indent}t = type(end_)`,
    ...(before.length === 0 ? [`${indent}if ${test} then ${set}`] : [`${indent}if ${test}`, ...before.map((l) => `    ${indent}${l}`), `    ${indent}${set}`, `${indent}end if`]),
  ];
}

const SESSION_LOGIC = path.join(REPO_ROOT, 'src-ts', 'logic', 'bridge-session.ts');
let sessionLogic: string | undefined;

/**
 * The body of the transpiled `fn` (src-ts/logic/bridge-session.ts) to write out in a bridge
 * method whose session parameter has the same name: no return (it would skip the call), and
 * its locals must not be the method's own (clock, now, end_, t).
 */
function keptBody(fn: string, indent: string): string[] {
  if (sessionLogic === undefined) {
    const result = transpile({ files: [SESSION_LOGIC] });
    if (result.diagnostics.length > 0) throw GeneratorErrors.transpileFailed(result.diagnostics.length, result.diagnostics.map((d) => `  ${String(d.message ?? d)}`).join('\n'));
    sessionLogic = result.functions;
  }
  const lines = sessionLogic.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`sub ${fn}(mediaSession as object, now as longinteger)`));
  const end = lines.findIndex((l, i) => i > start && l === 'end sub');
  const body = lines.slice(start + 1, end);
  if (start < 0 || end < 0 || body.some((l) => /^\s*(return|exit)\b|(^|[^.\w])(clock|now|end_|t)\s*=[^=]/.test(l))) {
    throw GeneratorErrors.badSessionKeeping('src-ts/schema/media-apis.ts (keeps)', fn);
  }
  return [`${indent}' ${fn} (src-ts/logic/bridge-session.ts), written out`, ...body.map((l) => indent + l.slice(4))];
}

/** The media methods' bookkeeping of the channel's session object, before the call (which copies it). */
function sessionKept(b: BridgeMethod): string[] {
  if (!b.session) return [];
  const s = b.params[0].name;
  // The other media calls are rare: one call to the end-time rule keeps the code small (the
  // Task parses this script too).
  if (!b.session.keeps) return [`    if type(${s}) = "roAssociativeArray" then mParticle_bridgeKeepEndTime(${s}, m.mParticleClock)`];
  const body = [...clockRead('        '), ...keptBody(b.session.keeps.fn, '        '), ...endTimeKept('        ', s, [])];
  return [`    if type(${s}) = "roAssociativeArray"`, ...body, '    end if'];
}

function emitMethod(b: BridgeMethod, field: string): string {
  const params = b.params.map((p) => `${p.name} = invalid as dynamic`).join(', ');
  const args = b.params.map((p) => p.name).join(', ');
  return [
    `' ${b.ns === 'core' ? '' : b.ns + '.'}${signature(b)}: ${b.doc}`,
    `sub ${bridgeFunctionName(b)}(${params})`,
    // A node in an AA field is not observable everywhere: it also goes through a node field.
    ...(b.nodeParam ? [`    if type(${b.nodeParam}) = "roSGNode" then m.mParticleTask.${TRACKED_NODE_FIELD} = ${b.nodeParam}`] : []),
    ...sessionKept(b),
    `    m.mParticleTask.${field} = { m: ${brsString(callName(b))}, a: [${args}] }`,
    'end sub',
  ].join('\n');
}

/** The end-time rule of the media calls that keep nothing else, and of invokeFunction (mParticleCore.brs). */
function emitEndTimeHelper(): string {
  return [
    "' Every 2.x media call's bookkeeping of the session object, with the caller's roDateTime.",
    'sub mParticle_bridgeKeepEndTime(mediaSession as object, clock as object)',
    ...endTimeKept('    ', 'mediaSession', clockRead('').map((l) => l.trim()).filter((l) => !l.startsWith('clock ='))),
    'end sub',
  ].join('\n');
}

/** The namespace's entries: its Task calls, then the methods that answer on the render thread (LOCAL_APIS). */
function emitNamespace(methods: BridgeMethod[], indent: string): string[] {
  const lines: string[] = [];
  for (const b of methods) for (const name of b.names) lines.push(`${indent}${name}: ${bridgeFunctionName(b)}`);
  const ns = methods[0]?.ns;
  for (const local of LOCAL_APIS.filter((l) => l.ns === ns)) lines.push(`${indent}${local.method}: ${local.impl}`);
  return lines;
}

/** `mParticleSGBridge(task)` followed by every bridge function. */
export function emitBridge(): string {
  const field = SCENEGRAPH_NODES.API_CALL_NODE;
  const all = bridgeMethods();
  const of = (ns: BridgeMethod['ns']) => all.filter((b) => b.ns === ns);
  const factory = [
    "' mParticleSGBridge(task): the API a scene calls, as in mParticle's Roku SDK:",
    "' m.mparticle = mParticleSGBridge(m.mParticleTask), then m.mparticle.logEvent(...),",
    "' m.mparticle.identity.login(...), m.mparticle.media.logPlay(...). A call never waits on the Task.",
    'function mParticleSGBridge(task = invalid as dynamic) as object',
    `    if type(task) <> "roSGNode" or not task.hasField(${brsString(field)})`,
    '        mParticle_logError("mParticleSGBridge: expected the mParticleTask node, got " + mParticle_nodeName(task) + "; every call will be dropped")',
    "        ' An AA absorbs the field assignments, so later calls cannot crash the channel.",
    '        task = {}',
    '    end if',
    "    ' mParticleTask: the node that each namespace's calls go to, under 2.x's name.",
    '    return {',
    '        mParticleTask: task',
    ...emitNamespace(of('core'), '        '),
    '        identity: {',
    '            mParticleTask: task',
    ...emitNamespace(of('identity'), '            '),
    '        }',
    '        media: {',
    '            mParticleTask: task',
    '            mParticleClock: CreateObject("roDateTime")',
    ...emitNamespace(of('media'), '            '),
    '        }',
    '    }',
    'end function',
  ].join('\n');
  return [factory, ...all.map((b) => emitMethod(b, field)), emitEndTimeHelper()].join('\n\n');
}
