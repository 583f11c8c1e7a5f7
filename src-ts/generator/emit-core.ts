/**
 * generated/source/mparticle/mParticleCore.brs: constants, builders, the bridge, the runtime
 * helpers and the transpiled logic, so that one script include gives a scene and the Task
 * everything (as `<script uri="pkg:/source/mparticle/mParticleCore.brs"/>` does for mParticle's SDK).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { transpile } from '../transpiler';
import { GeneratorErrors } from './errors';
import { emitBridge } from './emit-bridge';
import { emitConstants } from './emit-constants';
import { builderFills } from './emit-builders';
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

/** The transpiled logic; any diagnostic stops generation with all of them listed. */
export function emitLogic(): string {
  const result = transpile({ files: logicFiles() });
  if (result.diagnostics.length > 0) {
    const report = result.diagnostics.map((d) => `  ${String(d.message ?? d)}`).join('\n');
    throw GeneratorErrors.transpileFailed(result.diagnostics.length, report);
  }
  return result.functions.replace(/\n+$/, '');
}

/** Template text without its trailing newline, holes filled with nothing (it has none). */
const plain = (rel: string) => fillTemplate(loadTemplate(rel), {}).replace(/\n+$/, '');

export function emitCore(): string {
  const template = loadTemplate('source/mParticleCore.brs');
  const body = fillTemplate(template, {
    CONSTANTS: emitConstants(),
    BUILDERS: fillTemplate(loadTemplate('source/mParticleBuilders.brs'), builderFills()).replace(/\n+$/, ''),
    BRIDGE: emitBridge(),
    TRACKING: plain('source/mParticleTracking.brs'),
    RUNTIME: plain('source/mParticleRuntime.brs'),
    LOGIC: emitLogic(),
  });
  const sources = [
    template.path,
    'brs-templates/source/mParticleBuilders.brs',
    'brs-templates/source/mParticleTracking.brs',
    'brs-templates/source/mParticleRuntime.brs',
    'src-ts/schema',
    'src-ts/logic',
  ];
  return `${headerLine(sources, 'brs')}\n${body.replace(/\n+$/, '')}\n`;
}
