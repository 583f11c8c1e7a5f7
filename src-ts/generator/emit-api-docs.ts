/**
 * generated/API.md: the API reference, from the schema only: every bridge method with its
 * signature, the media event table, the attribute table, the constants and the options.
 */
import { ENUMS, MEDIA_APIS, MEDIA_ATTRIBUTES, OPTIONS, SDK_VERSION } from '../schema';
import { bridgeMethods, signature, type BridgeMethod } from './emit-bridge';
import { headerLine } from './template';

/** A Markdown table cell: pipes escaped, line breaks flattened. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => '`' + text + '`';

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function methodSection(title: string, prefix: string, methods: BridgeMethod[]): string[] {
  const out = [`### ${title}`, ''];
  for (const b of methods) {
    out.push(`#### ${code(prefix + signature(b))}`, '', b.doc, '');
    if (b.event) out.push(`Logs the custom media event ${code(b.event)}.`, '');
    if (b.names.length > 1) out.push(`Also callable as ${b.names.slice(1).map((n) => code(prefix + n)).join(', ')}.`, '');
    if (b.params.length > 0) {
      out.push(...table(['parameter', 'kind', 'required', 'description'], b.params.map((p) => [code(p.name), p.kind, p.optional ? 'no' : 'yes', p.doc])), '');
    }
  }
  return out;
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
    ...methodSection('Core: `m.mparticle.<method>`', 'm.mparticle.', all.filter((b) => b.ns === 'core')),
    ...methodSection('Identity: `m.mparticle.identity.<method>`', 'm.mparticle.identity.', all.filter((b) => b.ns === 'identity')),
    ...methodSection('Media: `m.mparticle.media.<method>`', 'm.mparticle.media.', all.filter((b) => b.ns === 'media')),
    '### RAF glue',
    '',
    'Functions (not bridge methods) for Roku\'s ad framework, which has one tracking-callback slot:',
    '',
    '```brightscript',
    'adIface.setTrackingCallback(mParticleRafCallback, mParticleRafContext(m.mparticle, mediaSession, myCallback, myObj))',
    '```',
    '',
    '- `mParticleRafContext(bridge, mediaSession, channelCallback = invalid, channelObj = invalid)`: the object to give RAF; `bridge` is a `mParticleSGBridge(task)` made in the thread that runs RAF.',
    '- `mParticleRafCallback(obj, eventType, ctx)`: forwards a small copy of each RAF event with a type to `media.trackAdEvent`, then calls `channelCallback(channelObj, eventType, ctx)` with RAF\'s own arguments.',
    '',
    '## Media events',
    '',
    ...table(['Media Session API', 'Custom Event Name', 'MEDIA_EVENT_NAME key'], MEDIA_APIS.map((a) => [code(a.method + '()'), code(a.event), code(a.key)])),
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
    '## Constants of `mParticleConstants()`',
    '',
    `${code('SDK_VERSION')}: ${code(SDK_VERSION)}. ${code('DEFAULT_OPTIONS')}: see Options. ${code('MEDIA_EVENT_NAME')}: see Media events. ${code('MEDIA_ATTRIBUTE')}: attribute name -> key, see Media event attributes.`,
    '',
  ];
  for (const e of ENUMS) {
    lines.push(`### ${code(e.name)}`, '', e.doc, '', ...table(['key', 'value', 'description'], e.members.map((mb) => [code(mb.key), code(JSON.stringify(mb.value)), mb.doc])), '');
  }
  lines.push(
    '## Options',
    '',
    'Set before the Task is created: `screen.getGlobalNode().addFields({mparticleOptions: options})`.',
    '',
    ...table(['option', 'type', 'default', 'description'], OPTIONS.map((o) => [code(o.name), o.type, o.default === null ? '(none)' : code(JSON.stringify(o.default)), (o.required ? 'Required. ' : '') + o.doc])),
    '',
  );
  return lines.join('\n');
}
