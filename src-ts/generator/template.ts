/**
 * Templates in brs-templates/ are valid BrightScript/XML on their own. A hole is a whole-line
 * comment (`'@@HOLE:NAME@@` or `<!--@@HOLE:NAME@@-->`) that the emitter replaces with text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GeneratorErrors } from './errors';

/** Root of the repository (two levels above this file). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

const HOLE = /^\s*(?:'@@HOLE:([A-Z0-9_]+)@@|<!--@@HOLE:([A-Z0-9_]+)@@-->)\s*$/;

/** A template's text with its repository-relative path, for error messages. */
export interface Template {
  readonly path: string;
  readonly text: string;
}

/** Reads a template from brs-templates/, normalizing line endings so output is byte-stable. */
export function loadTemplate(relPath: string): Template {
  const file = path.join(REPO_ROOT, 'brs-templates', relPath);
  return { path: `brs-templates/${relPath}`, text: fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n') };
}

/** Names of the holes a template has, in order. */
export function holesOf(template: Template): string[] {
  const names: string[] = [];
  template.text.split('\n').forEach((line) => {
    const match = HOLE.exec(line);
    if (match) names.push(match[1] ?? match[2]);
  });
  return names;
}

/**
 * Replaces every hole line with its fill. Every hole must have a fill and every fill a
 * hole: a template and its emitter that drift apart fail the build instead of shipping a gap.
 * A fill is inserted as is; an empty fill removes the hole line.
 */
export function fillTemplate(template: Template, fills: Readonly<Record<string, string>>): string {
  const used = new Set<string>();
  const out: string[] = [];
  template.text.split('\n').forEach((line, index) => {
    const match = HOLE.exec(line);
    if (!match) {
      out.push(line);
      return;
    }
    const name = match[1] ?? match[2];
    if (used.has(name)) throw GeneratorErrors.duplicateHole(template.path, index + 1, name);
    const fill = fills[name];
    if (fill === undefined) throw GeneratorErrors.unfilledHole(template.path, index + 1, name);
    used.add(name);
    if (fill !== '') out.push(fill.replace(/\n$/, ''));
  });
  for (const name of Object.keys(fills)) {
    if (!used.has(name)) throw GeneratorErrors.unknownHole(template.path, name);
  }
  return out.join('\n');
}

/** The one-line header every generated file starts with. */
export function headerLine(sources: readonly string[], style: 'brs' | 'xml' | 'md'): string {
  const text = `generated from ${sources.join(', ')} by src-ts/generator: do not edit`;
  if (style === 'brs') return `' ${text}`;
  if (style === 'xml') return `<!-- ${text} -->`;
  return `<!-- ${text} -->`;
}
