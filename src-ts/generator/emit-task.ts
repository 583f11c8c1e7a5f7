/**
 * generated/components/mParticleTask.xml and mParticleTask.brs. The XML's interface fields
 * come from SCENEGRAPH_NODES, its scripts from sides.ts; the BrightScript is the Task template, its generated dispatch,
 * then the Task's other templates (brs-templates/components/task-*.brs) in name order.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENUMS, TRACKED_NODE_FIELD } from '../schema';
import { fillTemplate, headerLine, loadTemplate, REPO_ROOT } from './template';
import { emitArgIsKind, emitDispatch } from './emit-dispatch';
import { BRS_FILE_SIDES, brsChunks } from './sides';
import { GeneratorErrors } from './errors';
import { TASK_FUNCTION_PREFIX } from '../transpiler/names';

/** The Task's field for each SCENEGRAPH_NODES entry, and the tracked-node field. Only the API-call field must notify on equal values. */
export function emitTaskXml(): string {
  const nodes = ENUMS.find((e) => e.name === 'SCENEGRAPH_NODES');
  if (!nodes) throw new Error('schema: SCENEGRAPH_NODES missing');
  const fields = nodes.members.map((mb) => {
    const notify = mb.key === 'API_CALL_NODE' ? ' alwaysNotify="true"' : '';
    return `        <!-- ${mb.doc} -->\n        <field id="${mb.value}" type="assocarray"${notify} />`;
  });
  fields.push(`        <!-- The node of media.trackVideo (set by the bridge right before the call). -->\n        <field id="${TRACKED_NODE_FIELD}" type="node" />`);
  // Every generated script: the Task-only ones and the scene include (sides.ts).
  const scripts = Object.keys(BRS_FILE_SIDES).map((rel) => `    <script type="text/brightscript" uri="pkg:/${rel}" />`);
  const template = loadTemplate('components/mParticleTask.xml');
  return `${headerLine([template.path, 'src-ts/schema'], 'xml')}\n${fillTemplate(template, { FIELDS: fields.join('\n'), SCRIPTS: scripts.join('\n') })}`;
}

/** The extra Task templates, sorted so that output order never depends on the file system. */
export function taskTemplateParts(): string[] {
  const dir = path.join(REPO_ROOT, 'brs-templates', 'components');
  return fs
    .readdirSync(dir)
    .filter((f) => /^task-.*\.brs$/.test(f))
    .sort()
    .map((f) => `components/${f}`);
}

/** MPG011: every function of a Task template (and its generated fills) but init is mParticle_task... */
export function checkTaskNames(text: string, where: string): void {
  const prefix = TASK_FUNCTION_PREFIX.toLowerCase();
  for (const c of brsChunks(text).chunks) {
    if (c.name !== 'init' && !c.name.startsWith(prefix)) throw GeneratorErrors.taskFunctionName(where, c.name);
  }
}

export function emitTaskBrs(): string {
  const main = loadTemplate('components/mParticleTask.brs');
  const parts = taskTemplateParts().map(loadTemplate);
  const body = [fillTemplate(main, { DISPATCH: emitDispatch(), ARG_IS_KIND: emitArgIsKind() }), ...parts.map((t) => fillTemplate(t, {}))];
  const sources = [main.path, ...parts.map((t) => t.path), 'src-ts/schema'];
  body.forEach((text, i) => checkTaskNames(text, sources[i]));
  return `${headerLine(sources, 'brs')}\n${body.map((b) => b.replace(/\n+$/, '')).join('\n\n')}\n`;
}
