/**
 * The generator: one emitter per output file. `generate()` returns every file's text;
 * `writeGenerated()` writes them; `checkGenerated()` compares them with what is on disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { emitApiDocs } from './emit-api-docs';
import { emitCore, emitTaskLogic } from './emit-core';
import { emitDataPlan } from './emit-dataplan';
import { emitTaskBrs, emitTaskXml } from './emit-task';
import { GeneratorErrors } from './errors';
import { calledNames, inlineFunctionReferences } from './ropm-safe';
import { checkSides, SDK_FOLDERS, TASK_LOGIC } from './sides';
import { REPO_ROOT } from './template';

/** Output path (relative to generated/) -> emitter. */
export const EMITTERS: Readonly<Record<string, () => string>> = {
  'source/mparticle/mParticleCore.brs': emitCore,
  'components/mParticleTask.xml': emitTaskXml,
  'components/mParticleTask.brs': emitTaskBrs,
  [TASK_LOGIC]: emitTaskLogic,
  'API.md': emitApiDocs,
  'dataplan.json': emitDataPlan,
};

/** Where generated files go by default. */
export const GENERATED_DIR = path.join(REPO_ROOT, 'generated');

/** What the emitters write, before the ropm-safe pass (tests of the emitters read this). */
export function emitAll(): Record<string, string> {
  return Object.fromEntries(Object.entries(EMITTERS).map(([rel, emit]) => [rel, emit()]));
}

/** Every generated file's text, keyed by its path under generated/. */
export function generate(): Record<string, string> {
  const files = emitAll();
  // No bare function references in any BrightScript file, so ropm's noprefix install works (ropm-safe.ts).
  const brs = Object.keys(files).filter((rel) => rel.endsWith('.brs'));
  for (const rel of brs) {
    const others = calledNames(brs.filter((o) => o !== rel).map((o) => files[o]));
    files[rel] = inlineFunctionReferences(files[rel], `generated/${rel}`, others);
  }
  // Nothing on the scene side may use what only the Task compiles (sides.ts).
  checkSides(files);
  return files;
}

/** The SDK's channel files (under source/ and components/), keyed by path, from `files` (default: generated now). */
export function sdkChannelFiles(files: Readonly<Record<string, string>> = generate()): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([rel]) => SDK_FOLDERS.some((f) => rel.startsWith(`${f}/`))));
}

/** Writes every generated file under `outDir`. */
export function writeGenerated(outDir = GENERATED_DIR): string[] {
  const files = generate();
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return Object.keys(files);
}

/** The generated files whose bytes on disk differ from what the generator produces now. */
export function staleFiles(outDir = GENERATED_DIR): string[] {
  return Object.entries(generate())
    .filter(([rel, text]) => {
      const file = path.join(outDir, rel);
      return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text;
    })
    .map(([rel]) => rel);
}

/** Throws MPG005 when generated/ is out of date. */
export function checkGenerated(outDir = GENERATED_DIR): void {
  const stale = staleFiles(outDir);
  if (stale.length > 0) throw GeneratorErrors.outOfDate(stale);
}
