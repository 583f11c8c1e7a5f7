/**
 * The BRIDGE hole of mParticleCore.brs: `mParticleSGBridge(task)` and one small function
 * per API method, all from the schema (BRIDGE_APIS and MEDIA_APIS). On the render thread a
 * call only builds `{m, a}` and assigns it to the Task's API-call field: validation, defaults
 * and every other cost belong to the Task. A media call first keeps mParticle's Roku SDK
 * 2.x's fields of the channel's session object (MediaApi.keeps, src-ts/logic/bridge-session.ts),
 * which 2.x channels read back; the Task sends what it computes itself.
 */
import { BRIDGE_APIS, KEEPS_END_TIME, LOCAL_APIS, MEDIA_APIS, SCENEGRAPH_NODES, TRACKED_NODE_FIELD, TRACKING_APIS, type SessionKeeping } from '../schema';
import { brsString } from './brs-values';

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
  /** What it keeps of 2.x's fields of the session first (media APIs only). */
  readonly keeps?: SessionKeeping;
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
      keeps: a.keeps ?? KEEPS_END_TIME,
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

function emitMethod(b: BridgeMethod, field: string): string {
  const params = b.params.map((p) => `${p.name} = invalid as dynamic`).join(', ');
  const args = b.params.map((p) => p.name).join(', ');
  return [
    `' ${b.ns === 'core' ? '' : b.ns + '.'}${signature(b)}: ${b.doc}`,
    `sub ${bridgeFunctionName(b)}(${params})`,
    // A node in an AA field is not observable everywhere: it also goes through a node field.
    ...(b.nodeParam ? [`    if type(${b.nodeParam}) = "roSGNode" then m.mParticleTask.${TRACKED_NODE_FIELD} = ${b.nodeParam}`] : []),
    // Before the assignment, which copies the session: the Task gets the fields as 2.x sent them.
    ...(b.keeps ? [`    if type(${b.params[0].name}) = "roAssociativeArray" then ${b.keeps.fn}(${b.params[0].name}, mParticle_clockMillis())`] : []),
    `    m.mParticleTask.${field} = { m: ${brsString(callName(b))}, a: [${args}] }`,
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
    ...emitNamespace(of('media'), '            '),
    '        }',
    '    }',
    'end function',
  ].join('\n');
  return [factory, ...all.map((b) => emitMethod(b, field))].join('\n\n');
}
