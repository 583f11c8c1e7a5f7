/**
 * Name maps derived from the schema tables, so that the logic and the generator never keep
 * a parallel list. The transpiler inlines property reads of these maps as literals.
 */
import { MEDIA_APIS, MEDIA_EVENT_NAMES_WITHOUT_API } from './media-apis';
import { MEDIA_ATTRIBUTES } from './attributes';
import { ENUMS } from './constants';
import { OPTIONS } from './options';

const byKey = <T,>(rows: readonly T[], key: (r: T) => string, value: (r: T) => string) =>
  Object.freeze(Object.fromEntries(rows.map((r) => [key(r), value(r)])));

/** `MEDIA_EVENT_NAME.PLAY` -> "Play". */
export const MEDIA_EVENT_NAME: Readonly<Record<string, string>> = byKey([...MEDIA_APIS, ...MEDIA_EVENT_NAMES_WITHOUT_API], (a) => a.key, (a) => a.event);

/** `MEDIA_METHOD.logPlay` -> "logPlay": method names as constants for the logic's dispatch. */
export const MEDIA_METHOD: Readonly<Record<string, string>> = byKey(MEDIA_APIS, (a) => a.method, (a) => a.method);

/** `MEDIA_ATTRIBUTE.CONTENT_ID` -> "content_id". */
export const MEDIA_ATTRIBUTE: Readonly<Record<string, string>> = byKey(MEDIA_ATTRIBUTES, (a) => a.name, (a) => a.key);

function enumValues(name: string): Readonly<Record<string, string | number>> {
  const spec = ENUMS.find((e) => e.name === name);
  if (!spec) throw new Error(`schema: no enum ${name}`);
  return Object.freeze(Object.fromEntries(spec.members.map((mb) => [mb.key, mb.value])));
}

export const LOG_LEVEL = enumValues('LOG_LEVEL') as Readonly<Record<string, number>>;
export const ENVIRONMENT = enumValues('ENVIRONMENT') as Readonly<Record<string, number>>;
export const SCENEGRAPH_NODES = enumValues('SCENEGRAPH_NODES') as Readonly<Record<string, string>>;
export const USER_ATTRIBUTES = enumValues('USER_ATTRIBUTES') as Readonly<Record<string, string>>;
export const MESSAGE_TYPE = enumValues('MESSAGE_TYPE') as Readonly<Record<string, string>>;
export const CUSTOM_EVENT_TYPE = enumValues('CUSTOM_EVENT_TYPE') as Readonly<Record<string, string>>;
export const MEDIA_CONTENT_TYPE = enumValues('MEDIA_CONTENT_TYPE') as Readonly<Record<string, string>>;
export const MEDIA_STREAM_TYPE = enumValues('MEDIA_STREAM_TYPE') as Readonly<Record<string, string>>;
export const IDENTITY_TYPE = enumValues('IDENTITY_TYPE') as Readonly<Record<string, string>>;
export const IDENTITY_TYPE_INT = enumValues('IDENTITY_TYPE_INT') as Readonly<Record<string, number>>;

/** `DEFAULT_OPTIONS`: option name -> default, for the options that have one. */
export const DEFAULT_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze(
  Object.fromEntries(OPTIONS.filter((o) => o.default !== null).map((o) => [o.name, o.default])),
);
