/**
 * generated/API.md: the API reference, from the schema only: every bridge method with its
 * signature, the media event table, the attribute table, the constants and the options.
 */
import { BUILDERS, DATA_PLAN, ENUMS, KEEPS_END_TIME, LOCAL_APIS, MEDIA_APIS, MEDIA_ATTRIBUTES, MEDIA_EVENT_NAMES_WITHOUT_API, OPTIONS, SDK_VERSION, TRACKING_GLUE, type BuilderField, type LocalApi } from '../schema';
import { builderSignature } from './emit-builders';
import { mediaEventAttributes, sdkKeyPrefixes } from './emit-dataplan';
import { bridgeMethods, signature, type BridgeMethod } from './emit-bridge';
import { migrationSection } from './emit-migration';
import { headerLine } from './template';

/** A Markdown table cell: pipes escaped, line breaks flattened. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => '`' + text + '`';

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function methodSection(title: string, prefix: string, methods: BridgeMethod[], locals: readonly LocalApi[] = []): string[] {
  const out = [`### ${title}`, ''];
  for (const b of methods) {
    out.push(`#### ${code(prefix + signature(b))}`, '', b.doc, '');
    if (b.event) out.push(`Logs the custom media event ${code(b.event)}.`, '');
    if (b.event && !b.session) out.push('On the render thread it is one assignment: unlike 2.x, it leaves the session object as it is (`mediaSessionEndTime` included).', '');
    if (b.session) out.push(`On the render thread, before the call goes to the Task, as mParticle's Roku SDK 2.x: ${[b.session.keeps?.doc, KEEPS_END_TIME].filter((d) => d).join('; ')}. The Task sends its own times and totals.`, '');
    if (b.names.length > 1) out.push(`Also callable as ${b.names.slice(1).map((n) => code(prefix + n)).join(', ')}.`, '');
    if (b.params.length > 0) {
      out.push(...table(['parameter', 'kind', 'required', 'description'], b.params.map((p) => [code(p.name), p.kind, p.optional ? 'no' : 'yes', p.doc])), '');
    }
  }
  for (const l of locals) {
    out.push(`#### ${code(`${prefix}${l.method}(${l.params.map((p) => p.name).join(', ')})`)}`, '', l.returns === 'Void' ? l.doc : `${l.doc} Returns ${l.returns}.`, '');
  }
  return out;
}

/** What the SDK does with a field a channel writes, for the builders' field tables. */
const FIELD_USE: Record<BuilderField['use'], string> = {
  sent: 'the Task reads and sends your value',
  computed: 'the Task computes its own; yours is accepted and ignored',
  local: 'read on the render thread only',
  kept: 'kept by the bridge on the render thread, as 2.x; the Task computes its own',
  data: 'sent as built',
};

function fieldDefault(f: BuilderField): string {
  if (!f.init) return '(set by you or a setter)';
  if ('param' in f.init) return `argument ${code(f.init.param)}`;
  if ('make' in f.init) return { uuid: 'a fresh UUID', now: 'now (unix ms)', emptyArray: code('[]'), emptyObject: code('{}') }[f.init.make];
  return code(f.init.double ? (f.init.value as number).toFixed(1) : JSON.stringify(f.init.value));
}

function builderSection(): string[] {
  const out = [
    '## Builders of `mParticleConstants()`',
    '',
    'Call them as `mParticleConstants().<Builder>.<method>(...)`. A wrong argument to a build is logged and',
    'replaced by a neutral value; a setter added for 2.x compatibility logs a wrong value and changes nothing.',
    '',
  ];
  for (const b of BUILDERS) {
    out.push(`### ${code(b.name)}`, '', b.doc, '');
    for (const [name, values] of Object.entries(b.constants ?? {})) out.push(`${code(`${b.name}.${name}`)}: ${Object.entries(values).map(([k, v]) => `${code(k)} ${code(JSON.stringify(v))}`).join(', ')}.`, '');
    out.push(...table(['method', 'description'], b.methods.map((mt) => [code(builderSignature(b, mt)), mt.doc])), '');
    out.push(...table(['field', 'initial value', 'what the SDK does with it', 'description'], b.fields.map((f) => [code(f.name), fieldDefault(f), FIELD_USE[f.use], f.doc])), '');
  }
  return out;
}

/** Links the data plan and lists what each media event always carries (its required attributes there). */
function dataPlanSection(): string[] {
  return [
    '## Data plan',
    '',
    `[dataplan.json](dataplan.json) is an mParticle data plan version (plan id ${code(DATA_PLAN.id)}, version ${DATA_PLAN.version}) of every event above: upload it, then set the options ${code('dataPlanId')} and ${code('dataPlanVersion')} to match (README, "Data plan").`,
    'Attribute values are planned as strings (numbers and booleans by pattern). A channel\'s own custom attributes are allowed when their',
    `keys do not start with one of the SDK's prefixes (${sdkKeyPrefixes().map((p) => code(p + '_')).join(', ')}); a key with such a prefix that the event does not carry is unplanned.`,
    '',
    ...table(
      ['Custom Event Name', 'always carries (required in the plan)'],
      MEDIA_APIS.map((a) => [code(a.event), mediaEventAttributes(a.key).required.map((x) => code(x.key)).join(', ')]),
    ),
    '',
  ];
}

/** The tracking glue's public functions (schema TRACKING_GLUE), one section per ad SDK. */
function glueSections(): string[] {
  return TRACKING_GLUE.flatMap((g) => [
    `### ${g.title}`,
    '',
    g.intro,
    '',
    '```brightscript',
    ...g.example,
    '```',
    '',
    ...g.functions.map((f) => `- ${code(f.signature)}: ${f.doc}`),
    '',
  ]);
}

export function emitApiDocs(): string {
  const all = bridgeMethods();
  const lines: string[] = [
    headerLine(['src-ts/schema'], 'md'),
    `# mParticle Roku Media SDK ${SDK_VERSION}: API reference`,
    '',
    'Create the Task and the bridge in your scene, then call the bridge:',
    '',
    '```brightscript',
    'm.mParticleTask = createObject("roSGNode", "mParticleTask")',
    'm.mparticle = mParticleSGBridge(m.mParticleTask)',
    '```',
    '',
    '## Bridge methods',
    '',
    'Every method returns at once: the call is handed to `mParticleTask`, which checks its',
    'arguments (a wrong one is logged and the call dropped) and does the work off the render thread.',
    '',
    ...methodSection('Core: `m.mparticle.<method>`', 'm.mparticle.', all.filter((b) => b.ns === 'core'), LOCAL_APIS.filter((l) => l.ns === 'core')),
    ...methodSection('Identity: `m.mparticle.identity.<method>`', 'm.mparticle.identity.', all.filter((b) => b.ns === 'identity'), LOCAL_APIS.filter((l) => l.ns === 'identity')),
    ...methodSection('Media: `m.mparticle.media.<method>`', 'm.mparticle.media.', all.filter((b) => b.ns === 'media'), LOCAL_APIS.filter((l) => l.ns === 'media')),
    ...glueSections(),
    '## Media events',
    '',
    ...table(
      ['Media Session API', 'Custom Event Name', 'MEDIA_EVENT_NAME key'],
      [...MEDIA_APIS.map((a) => [code(a.method + '()'), code(a.event), code(a.key)]), ...MEDIA_EVENT_NAMES_WITHOUT_API.map((e) => [`none: ${e.doc}`, code(e.event), code(e.key)])],
    ),
    '',
    '## Media event attributes',
    '',
    'Every value is sent as a string; "kind" says what the string holds.',
    '',
    ...table(
      ['Event attribute', 'kind', 'from', 'Description'],
      MEDIA_ATTRIBUTES.map((a) => [code(a.key), a.kind, a.sourceField ? `${a.group}.${a.sourceField}` : a.group, a.doc + (a.inSpecTable ? '' : ' (summary key)')]),
    ),
    '',
    ...dataPlanSection(),
    '## Constants of `mParticleConstants()`',
    '',
    `${code('SDK_VERSION')}: ${code(SDK_VERSION)}. ${code('DEFAULT_OPTIONS')}: see Options. ${code('MEDIA_EVENT_NAME')}: see Media events. ${code('MEDIA_ATTRIBUTE')}: attribute name -> key, see Media event attributes.`,
    '',
  ];
  for (const e of ENUMS) {
    lines.push(`### ${code(e.name)}`, '', e.doc, '', ...table(['key', 'value', 'description'], e.members.map((mb) => [code(mb.key), code(JSON.stringify(mb.value)), mb.doc])), '');
    for (const mt of e.methods ?? []) lines.push(`${code(`${e.name}.${mt.name}(${mt.params.map((p) => p.name).join(', ')})`)}: ${mt.doc} Returns ${mt.returns}.`, '');
  }
  lines.push(...builderSection());
  lines.push(
    '## Options',
    '',
    'Set before the Task is created: `screen.getGlobalNode().addFields({mparticleOptions: options})`.',
    '',
    ...table(['option', 'type', 'default', 'description'], OPTIONS.map((o) => [code(o.name), o.type, o.default === null ? '(none)' : code(JSON.stringify(o.default)), (o.required ? 'Required. ' : '') + o.doc])),
    '',
    ...migrationSection(),
  );
  return lines.join('\n');
}
