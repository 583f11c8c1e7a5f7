/**
 * The CONSTANTS hole of mParticleCore.brs: `mParticleConstants()` entries, all from the schema.
 */
import { ENUMS, MEDIA_ATTRIBUTE, MEDIA_EVENT_NAME, DEFAULT_OPTIONS, SDK_VERSION } from '../schema';
import { brsKey, brsLiteral } from './brs-values';

const INDENT = '    ';

/** The constant entries in the order mParticle's Roku SDK lists them, then our additions. */
export function constantEntries(): [name: string, value: unknown][] {
  const enums = Object.fromEntries(ENUMS.map((e) => [e.name, Object.fromEntries(e.members.map((mb) => [mb.key, mb.value]))]));
  return [
    ['SDK_VERSION', SDK_VERSION],
    ['LOG_LEVEL', enums.LOG_LEVEL],
    ['ENVIRONMENT', enums.ENVIRONMENT],
    ['DEFAULT_OPTIONS', DEFAULT_OPTIONS],
    ['SCENEGRAPH_NODES', enums.SCENEGRAPH_NODES],
    ['USER_ATTRIBUTES', enums.USER_ATTRIBUTES],
    ['MESSAGE_TYPE', enums.MESSAGE_TYPE],
    ['CUSTOM_EVENT_TYPE', enums.CUSTOM_EVENT_TYPE],
    ['MEDIA_EVENT_NAME', MEDIA_EVENT_NAME],
    ['MEDIA_CONTENT_TYPE', enums.MEDIA_CONTENT_TYPE],
    ['MEDIA_STREAM_TYPE', enums.MEDIA_STREAM_TYPE],
    ['MEDIA_ATTRIBUTE', MEDIA_ATTRIBUTE],
    ['IDENTITY_TYPE', enums.IDENTITY_TYPE],
    ['IDENTITY_TYPE_INT', enums.IDENTITY_TYPE_INT],
  ];
}

/** One assignment per constant, e.g. `    c.LOG_LEVEL = { ... }`, then the tables' functions. */
export function emitConstants(): string {
  const methods = ENUMS.flatMap((e) => (e.methods ?? []).map((mt) => `${INDENT}c.${e.name}.${mt.name} = ${mt.impl}`));
  return [...constantEntries().map(([name, value]) => `${INDENT}c.${brsKey(name)} = ${brsLiteral(value, INDENT, name)}`), ...methods].join('\n');
}
