/**
 * generated/source/mparticle/mParticleCore.brs, the scene include (constants, builders, the
 * bridge, the RAF glue and the runtime helpers they use: one script include gives a component
 * the whole public API, as `<script uri="pkg:/source/mparticle/mParticleCore.brs"/>` does for
 * mParticle's SDK), and generated/components/mParticleTaskLogic.brs (the transpiled logic and
 * the other runtime helpers, which only mParticleTask includes). sides.ts has the rule.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { transpile } from '../transpiler';
import { GeneratorErrors } from './errors';
import { emitBridge } from './emit-bridge';
import { emitConstants } from './emit-constants';
import { emitLog } from './emit-log';
import { builderFills } from './emit-builders';
import { emitRuntime } from './emit-runtime';
import { SCENE_LOGIC_FILES, brsChunks, namesUsedIn, splitRuntime, type BrsChunk } from './sides';
import { fillTemplate, headerLine, loadTemplate, REPO_ROOT } from './template';

/** The logic files that are transpiled, sorted for a stable output order. */
export function logicFiles(): string[] {
  const dir = path.join(REPO_ROOT, 'src-ts', 'logic');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The transpiled logic as functions, each with the file it comes from; any diagnostic stops generation with all of them listed. */
export function emitLogicChunks(): (BrsChunk & { file: string })[] {
  const result = transpile({ files: logicFiles() });
  if (result.diagnostics.length > 0) {
    const report = result.diagnostics.map((d) => `  ${String(d.message ?? d)}`).join('\n');
    throw GeneratorErrors.transpileFailed(result.diagnostics.length, report);
  }
  const file = new Map(result.functionNames.map((n, i) => [n.toLowerCase(), result.functionFiles[i]]));
  return brsChunks(result.functions).chunks.map((c) => ({ ...c, file: file.get(c.name)! }));
}

/** Template text without its trailing newline, holes filled with nothing (it has none). */
const plain = (rel: string) => fillTemplate(loadTemplate(rel), {}).replace(/\n+$/, '');

const join = (chunks: readonly BrsChunk[]) => chunks.map((c) => c.text).join('\n\n');

const SCENE_SOURCES = [
  'brs-templates/source/mParticleCore.brs',
  'brs-templates/source/mParticleBuilders.brs',
  'brs-templates/source/mParticleTracking.brs',
  'brs-templates/source/mParticleRuntime.brs',
  'src-ts/schema',
];

interface Split {
  scene: string;
  taskLogic: string;
}

let cached: { key: string; split: Split } | undefined;

/** Both files, split by the rule of sides.ts. Cached on its inputs: both emitters need the one transpile. */
function split(): Split {
  const template = loadTemplate('source/mParticleCore.brs');
  const runtimeTemplate = emitRuntime();
  const fills = {
    CONSTANTS: emitConstants(),
    LOG: emitLog(),
    BUILDERS: fillTemplate(loadTemplate('source/mParticleBuilders.brs'), builderFills()).replace(/\n+$/, ''),
    BRIDGE: emitBridge(),
    TRACKING: plain('source/mParticleTracking.brs'),
  };
  const logicSources = logicFiles().map((f) => fs.readFileSync(f, 'utf8'));
  const key = JSON.stringify([template.text, runtimeTemplate, fills, logicSources, SCENE_LOGIC_FILES]);
  if (cached?.key === key) return cached.split;
  const logic = emitLogicChunks();
  const onScene = (c: { file: string }) => SCENE_LOGIC_FILES.includes(path.basename(c.file));
  const sceneLogic = logic.filter(onScene);
  const runtime = brsChunks(runtimeTemplate);
  const sceneUses = namesUsedIn(fillTemplate(template, { ...fills, RUNTIME: '', LOGIC: join(sceneLogic) }));
  const runtimeSides = splitRuntime(runtime.chunks, sceneUses);
  const body = fillTemplate(template, { ...fills, RUNTIME: [runtime.preamble, join(runtimeSides.scene)].join('\n\n'), LOGIC: join(sceneLogic) });
  const sceneSources = [...SCENE_SOURCES, ...(sceneLogic.length > 0 ? ['src-ts/logic'] : [])];
  const scene = `${headerLine(sceneSources, 'brs')}\n${body.replace(/\n+$/, '')}\n`;
  const taskParts = [
    "' The transpiled logic (src-ts/logic) and the runtime helpers that only mParticleTask runs; the",
    "' scene include (source/mparticle/mParticleCore.brs) has the helpers that scene-side code uses.",
    '',
    runtime.preamble,
    '',
    join(runtimeSides.task),
    '',
    join(logic.filter((c) => !onScene(c))),
  ];
  const taskLogic = `${headerLine(['src-ts/logic', 'brs-templates/source/mParticleRuntime.brs'], 'brs')}\n${taskParts.join('\n').replace(/\n+$/, '')}\n`;
  cached = { key, split: { scene, taskLogic } };
  return cached.split;
}

export function emitCore(): string {
  return split().scene;
}

export function emitTaskLogic(): string {
  return split().taskLogic;
}
