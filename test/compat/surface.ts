/**
 * The public surface of the SDK, two ways: as the schema lists it (`schemaSurface`), and as a
 * channel finds it (`surfaceChannel`: a scene, generated from the schema's builders, that walks
 * `mParticleConstants()`, `mParticleSGBridge(task)` and what every builder's `build` returns,
 * printing one `SURFACE <path> <kind>` line per key). The same scene runs on mParticle's Roku SDK
 * 2.x to write the checked-in list of 2.x's names (sdk2-names.ts).
 */
import {
  BRIDGE_APIS,
  BUILDERS,
  DEFAULT_OPTIONS,
  ENUMS,
  LOCAL_APIS,
  MEDIA_APIS,
  MEDIA_ATTRIBUTE,
  MEDIA_EVENT_NAME,
  TRACKING_APIS,
  type BuilderParam,
} from '../../src-ts/schema';
import type { FileTree } from '../../sim/engine/zip';
import { sceneMain } from '../../sim/engine/sdk-host';
import { typeNameTest } from '../../src-ts/generator/emit-runtime';
import { TYPEOF_NAMES } from '../../src-ts/transpiler/brs-types';

/** What a key holds, as the walker prints it (numbers of every BrightScript type are `number`). */
export type SurfaceKind = 'function' | 'object' | 'array' | 'string' | 'number' | 'boolean' | 'node' | 'other';

export const CONSTANTS = 'mParticleConstants()';
export const BRIDGE = 'mParticleSGBridge(task)';
/** Path of the object `<Builder>.build(...)` returns. */
export const built = (builder: string) => `${CONSTANTS}.${builder}.build()`;

/** One public name: its path and what it holds. */
export interface SurfaceEntry {
  path: string;
  kind: SurfaceKind;
}

function valueKind(v: unknown): SurfaceKind {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object' && v !== null) return 'object';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v === null ? 'other' : (typeof v as SurfaceKind);
  return 'other';
}

/** Every public path the schema promises, with its kind. */
export function schemaSurface(): SurfaceEntry[] {
  const out: SurfaceEntry[] = [];
  const add = (path: string, kind: SurfaceKind) => out.push({ path, kind });
  const table = (path: string, values: Readonly<Record<string, unknown>>) => {
    add(path, 'object');
    for (const [k, v] of Object.entries(values)) add(`${path}.${k}`, valueKind(v));
  };
  add(`${CONSTANTS}.SDK_VERSION`, 'string');
  for (const e of ENUMS) {
    table(`${CONSTANTS}.${e.name}`, Object.fromEntries(e.members.map((mb) => [mb.key, mb.value])));
    for (const mt of e.methods ?? []) add(`${CONSTANTS}.${e.name}.${mt.name}`, 'function');
  }
  table(`${CONSTANTS}.MEDIA_EVENT_NAME`, MEDIA_EVENT_NAME);
  table(`${CONSTANTS}.MEDIA_ATTRIBUTE`, MEDIA_ATTRIBUTE);
  table(`${CONSTANTS}.DEFAULT_OPTIONS`, DEFAULT_OPTIONS);
  for (const b of BUILDERS) {
    add(`${CONSTANTS}.${b.name}`, 'object');
    for (const [name, values] of Object.entries(b.constants ?? {})) table(`${CONSTANTS}.${b.name}.${name}`, values);
    for (const mt of b.methods) add(`${CONSTANTS}.${b.name}.${mt.name}`, 'function');
    const build = b.methods[0];
    for (const f of b.fields) {
      if (!f.init) continue;
      let kind: SurfaceKind;
      if ('param' in f.init) {
        const param = f.init.param;
        kind = paramKind(build.params.find((p) => p.name === param)!);
      } else if ('make' in f.init) kind = { uuid: 'string', now: 'number', emptyArray: 'array', emptyObject: 'object' }[f.init.make] as SurfaceKind;
      else kind = valueKind(f.init.value);
      add(`${built(b.name)}.${f.name}`, kind);
    }
  }
  const bridgeNs = (ns: string) => (ns === 'core' ? BRIDGE : `${BRIDGE}.${ns}`);
  add(`${BRIDGE}.identity`, 'object');
  add(`${BRIDGE}.media`, 'object');
  // 2.x's field of the node the calls go to, on the bridge and on each namespace (emit-bridge.ts).
  for (const ns of ['core', 'identity', 'media']) add(`${bridgeNs(ns)}.mParticleTask`, 'node');
  // The render thread's clock of the media methods (an roDateTime, emit-bridge.ts): not 2.x's.
  add(`${bridgeNs('media')}.mParticleClock`, 'other');
  for (const a of BRIDGE_APIS) add(`${bridgeNs(a.ns)}.${a.method}`, 'function');
  for (const a of MEDIA_APIS) for (const name of [a.method, ...(a.aliases ?? [])]) add(`${bridgeNs('media')}.${name}`, 'function');
  for (const l of LOCAL_APIS) add(`${bridgeNs(l.ns)}.${l.method}`, 'function');
  for (const a of TRACKING_APIS) add(`${bridgeNs(a.ns)}.${a.method}`, 'function');
  return out;
}

function paramKind(p: BuilderParam): SurfaceKind {
  return ({ string: 'string', number: 'number', boolean: 'boolean', attributes: 'object', object: 'object', array: 'array' } as const)[p.kind];
}

/** A valid BrightScript argument of a build parameter (2.x declares types: they must fit). */
function sampleArg(p: BuilderParam): string {
  return { string: '"s"', number: '1', boolean: 'false', attributes: '{}', object: '{}', array: '[]' }[p.kind];
}

const SCENE_XML = `<?xml version="1.0" encoding="utf-8"?>
<component name="SurfaceScene" extends="Scene">
    <script type="text/brightscript" uri="pkg:/source/mparticle/mParticleCore.brs" />
    <script type="text/brightscript" uri="pkg:/components/SurfaceScene.brs" />
</component>
`;

const MAIN = sceneMain('SurfaceScene');

/** The line the scene prints when it has walked everything. */
export const SURFACE_DONE = 'SURFACE-DONE';

/** The walking scene: the builders it calls come from the schema. */
export function surfaceSceneBrs(): string {
  const builds = BUILDERS.map((b) => `    surfaceWalk("${built(b.name)}", c.${b.name}.build(${b.methods[0].params.map(sampleArg).join(', ')}))`);
  return `sub init()
    c = mParticleConstants()
    ' A stand-in for the Task with its API-call field: walking needs no Task thread.
    task = CreateObject("roSGNode", "Node")
    task.addFields({ mParticleApiCall: {} })
    surfaceWalk("${CONSTANTS}", c)
    surfaceWalk("${BRIDGE}", mParticleSGBridge(task))
${builds.join('\n')}
    print "${SURFACE_DONE}"
end sub

' Prints every key under path with what it holds, then walks into associative arrays.
sub surfaceWalk(path as string, value as object)
    for each key in value
        item = value[key]
        t = type(item)
        kind = "other"
        if ${typeNameTest('t', TYPEOF_NAMES.function)} then kind = "function"
        if t = "roAssociativeArray" then kind = "object"
        if t = "roArray" then kind = "array"
        if ${typeNameTest('t', TYPEOF_NAMES.string)} then kind = "string"
        if ${typeNameTest('t', TYPEOF_NAMES.number)} then kind = "number"
        if ${typeNameTest('t', TYPEOF_NAMES.boolean)} then kind = "boolean"
        if t = "roSGNode" then kind = "node"
        print "SURFACE " + path + "." + key + " " + kind
        if kind = "object" then surfaceWalk(path + "." + key, item)
    end for
end sub
`;
}

/** The walking channel around an SDK's `source/mparticle/mParticleCore.brs`. */
export function surfaceChannel(coreBrs: string): FileTree {
  return {
    manifest: 'title=surface walk\nmajor_version=1\nminor_version=0\nbuild_version=1\n',
    'source/Main.brs': MAIN,
    'source/mparticle/mParticleCore.brs': coreBrs,
    'components/SurfaceScene.xml': SCENE_XML,
    'components/SurfaceScene.brs': surfaceSceneBrs(),
  };
}

/** The walk's `SURFACE` lines as entries. */
export function parseSurface(lines: readonly string[]): SurfaceEntry[] {
  const out: SurfaceEntry[] = [];
  for (const l of lines) {
    const m = /^SURFACE (\S+) (\w+)$/.exec(l.trim());
    if (m) out.push({ path: m[1], kind: m[2] as SurfaceKind });
  }
  return out;
}

/** BrightScript names ignore case: paths compare lower-cased. */
export const pathKey = (path: string) => path.toLowerCase();
