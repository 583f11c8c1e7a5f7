/**
 * generated/dataplan.json: an mParticle data plan version (the Data Planning API's format:
 * `version_document.data_points`, each a `match` and a JSON-schema `validator`), from the
 * schema only. Upload it as is (README, "Data plan"); validate batches offline with
 * sim/live/dataplan.ts.
 *
 * Every attribute value the SDK sends is a string, and mParticle's offline validator does not
 * coerce "42" to a number, so numbers and booleans are described as strings with a pattern.
 */
import {
  APP_STATE_TRANSITIONS,
  BUILDERS,
  DATA_PLAN,
  DOCUMENTED_CUSTOM_EVENTS,
  ENUMS,
  MEDIA_APIS,
  MEDIA_ATTRIBUTES,
  MEDIA_EVENT_ALWAYS,
  MEDIA_EVENT_ATTRIBUTES,
  MEDIA_EVENT_NAMES_WITHOUT_API,
  SDK_VERSION,
  TRACKING_ATTRIBUTE,
  TRACKING_EVENT_NAME,
  type AttributeKind,
  type AttributeSpec,
} from '../schema';

/** What a number looks like once the SDK made it a string (mParticle_str: JavaScript's printing). */
export const NUMBER_PATTERN = '^-?[0-9]+(\\.[0-9]+)?(e[-+][0-9]+)?$';
/** Unix-ms timestamps come from the Task's clock: digits only. */
export const TIMESTAMP_PATTERN = '^[0-9]+$';

type JsonSchema = Record<string, unknown>;

const KIND_NOTE: Record<AttributeKind, string> = {
  string: '',
  integer: ' Sent as a string holding a number (an integer for whole values).',
  milliseconds: ' Milliseconds, sent as a string holding a number.',
  timestamp: ' Unix time in milliseconds, sent as a string of digits.',
  decimal: ' Sent as a string holding a number, printed as JavaScript prints it.',
  boolean: ' Sent as the string "true" or "false".',
  json: ' Sent as a string holding a JSON array.',
};

/** The JSON schema of one attribute's value: always a string; numbers and booleans by pattern. */
export function attributeValueSchema(a: AttributeSpec): JsonSchema {
  const description = a.doc + KIND_NOTE[a.kind] + valuesNote(a.key);
  switch (a.kind) {
    case 'integer':
    case 'milliseconds':
    case 'decimal':
      return { description, type: 'string', pattern: NUMBER_PATTERN };
    case 'timestamp':
      return { description, type: 'string', pattern: TIMESTAMP_PATTERN };
    case 'boolean':
      return { description, type: 'string', enum: ['true', 'false'] };
    case 'json':
      return { description, type: 'string', pattern: '^\\[.*\\]$' };
    default:
      return { description, type: 'string' };
  }
}

/** The documented values of content_type and stream_type (not enforced: a channel may use its own). */
function valuesNote(key: string): string {
  const enumName = key === 'content_type' ? 'MEDIA_CONTENT_TYPE' : key === 'stream_type' ? 'MEDIA_STREAM_TYPE' : '';
  const spec = ENUMS.find((e) => e.name === enumName);
  if (!spec) return '';
  return ` Documented values: ${spec.members.map((m) => String(m.value)).join(', ')}.`;
}

const byName = (name: string): AttributeSpec => {
  const a = MEDIA_ATTRIBUTES.find((x) => x.name === name);
  if (!a) throw new Error(`schema/dataplan.ts names attribute ${name}, which MEDIA_ATTRIBUTES does not have`);
  return a;
};

/**
 * The first words of the SDK's attribute keys (`content`, `ad`, `qos`, ...). A channel's own
 * attribute is planned as any string as long as its key does not start with one of them; a
 * key in the SDK's namespace that the event does not carry is unplanned, which catches
 * misspelled and misplaced media attributes without blocking the channel's own.
 */
export function sdkKeyPrefixes(): string[] {
  return [...new Set(MEDIA_ATTRIBUTES.map((a) => a.key.split('_')[0]))].sort();
}

function channelKeyPattern(): string {
  return `^(?!(${sdkKeyPrefixes().join('|')})_)`;
}

/** Spec-table keys no SDK code fills: the channel adds them as custom attributes when it has them. */
const channelSupplied = (a: AttributeSpec) =>
  a.inSpecTable && a.sourceField === undefined && (a.group === 'content' || a.group === 'player' || a.group === 'custom');

/** The custom_attributes schema of a set of planned attributes. */
function attributesSchema(attrs: readonly AttributeSpec[], required: readonly AttributeSpec[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const a of attrs) properties[a.key] = attributeValueSchema(a);
  const schema: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    properties,
    patternProperties: {
      [channelKeyPattern()]: { description: 'The channel\'s own attributes (keys outside the SDK\'s namespace).', type: 'string' },
    },
  };
  if (required.length > 0) schema.required = required.map((a) => a.key);
  return schema;
}

function customEventPoint(description: string, eventName: string, type: string, custom: JsonSchema): JsonSchema {
  return {
    description,
    match: { type: 'custom_event', criteria: { event_name: eventName, custom_event_type: type } },
    validator: {
      type: 'json_schema',
      definition: {
        properties: {
          data: {
            properties: { custom_attributes: custom },
            required: ['custom_attributes'],
          },
        },
      },
    },
  };
}

/** The attributes a media API event may carry, in schema order, and those it always carries. */
export function mediaEventAttributes(key: string): { attrs: AttributeSpec[]; required: AttributeSpec[] } {
  const extra = MEDIA_EVENT_ATTRIBUTES[key];
  if (!extra) throw new Error(`schema/dataplan.ts has no MEDIA_EVENT_ATTRIBUTES entry for ${key}`);
  const required = new Set([...MEDIA_EVENT_ALWAYS, ...extra.required]);
  const planned = new Set<string>([...required, ...extra.optional]);
  for (const a of MEDIA_ATTRIBUTES) {
    if (a.group === 'qos' || channelSupplied(a)) planned.add(a.name);
    if (extra.parts && (a.group === 'adBreak' || a.group === 'adContent' || a.group === 'segment')) planned.add(a.name);
  }
  for (const name of planned) byName(name);
  return {
    attrs: MEDIA_ATTRIBUTES.filter((a) => planned.has(a.name)),
    required: MEDIA_ATTRIBUTES.filter((a) => required.has(a.name)),
  };
}

function mediaPoints(): JsonSchema[] {
  return MEDIA_APIS.map((api) => {
    const { attrs, required } = mediaEventAttributes(api.key);
    return customEventPoint(`${api.event}: ${api.doc} Logged by m.mparticle.media.${api.method}().`, api.event, 'media', attributesSchema(attrs, required));
  });
}

const anyData: JsonSchema = { properties: { data: { additionalProperties: true, properties: {} } } };

/** Automatic tracking's "Media Error" (the Video node's state became error): its two keys are the SDK's. */
function mediaErrorPoint(): JsonSchema {
  const errorAttrs: AttributeSpec[] = [
    { name: 'ERROR_CODE', key: TRACKING_ATTRIBUTE.ERROR_CODE, kind: 'string', group: 'session', inSpecTable: false, doc: 'The Video node\'s errorCode.' },
    { name: 'ERROR_MESSAGE', key: TRACKING_ATTRIBUTE.ERROR_MESSAGE, kind: 'string', group: 'session', inSpecTable: false, doc: 'The Video node\'s errorMsg.' },
  ];
  const byName = (n: string) => MEDIA_ATTRIBUTES.find((a) => a.name === n)!;
  const always = ['MEDIA_SESSION_ID', 'PLAYHEAD_POSITION'].map(byName);
  return customEventPoint(
    'Automatic tracking (trackVideo): the tracked node\'s state became "error".',
    TRACKING_EVENT_NAME.MEDIA_ERROR,
    'media',
    attributesSchema([...MEDIA_ATTRIBUTES, ...errorAttrs], [...always, ...errorAttrs]),
  );
}

/** The action types of a builder's ACTION_TYPE table (`ProductAction`, `PromotionAction`). */
function actionTypes(builder: string): string[] {
  const b = BUILDERS.find((x) => x.name === builder);
  const table = b?.constants?.ACTION_TYPE;
  if (!table) throw new Error(`schema/builders.ts has no ${builder}.ACTION_TYPE table`);
  return Object.values(table);
}

/** logCommerceEvent: one point per product and promotion action type, and product impressions. */
function commercePoints(): JsonSchema[] {
  const point = (description: string, match: JsonSchema) => ({ description, match, validator: { type: 'json_schema', definition: anyData } });
  return [
    ...actionTypes('ProductAction').map((a) => point(`Commerce event with product action ${a} (logCommerceEvent with ProductAction.build("${a}", ...)).`, { type: 'product_action', criteria: { action: a } })),
    ...actionTypes('PromotionAction').map((a) => point(`Commerce event with promotion action ${a} (logCommerceEvent with PromotionAction.build("${a}", ...)).`, { type: 'promotion_action', criteria: { action: a } })),
    point('Commerce event with product impressions (logCommerceEvent with Impression.build(...)).', { type: 'product_impression' }),
  ];
}

function otherPoints(): JsonSchema[] {
  const userAttributeKeys = ENUMS.find((e) => e.name === 'USER_ATTRIBUTES')?.members ?? [];
  const userAttributeValue = { type: ['string', 'array'], items: { type: 'string' } };
  return [
    ...DOCUMENTED_CUSTOM_EVENTS.map((e) => customEventPoint(e.doc, e.name, e.type, attributesSchema(MEDIA_ATTRIBUTES, []))),
    ...MEDIA_EVENT_NAMES_WITHOUT_API.map((e) => customEventPoint(e.doc, e.event, 'media', attributesSchema(MEDIA_ATTRIBUTES, []))),
    mediaErrorPoint(),
    { description: 'Session start: the Task starts a session with the first event and after sessionTimeoutMillis without events.', match: { type: 'session_start' }, validator: { type: 'json_schema', definition: anyData } },
    { description: 'Session end: after sessionTimeoutMillis without events; carries the session attributes (setSessionAttribute).', match: { type: 'session_end' }, validator: { type: 'json_schema', definition: anyData } },
    ...APP_STATE_TRANSITIONS.map((t) => ({
      description: `App state transition ${t.eventsApi}: ${t.doc}`,
      match: { type: 'application_state_transition', criteria: { application_transition_type: t.eventsApi } },
      validator: { type: 'json_schema', definition: anyData },
    })),
    ...commercePoints(),
    { description: 'Opt out: setOptOut(); the last message sent after an opt-out.', match: { type: 'opt_out' }, validator: { type: 'json_schema', definition: anyData } },
    {
      // @mparticle/data-planning-node 1.0.3 reports every batch as invalid without this point.
      description: 'User attributes (setUserAttribute): the reserved keys are described; a channel\'s own keys are allowed.',
      match: { type: 'user_attributes' },
      validator: {
        type: 'json_schema',
        definition: {
          type: 'object',
          additionalProperties: true,
          properties: Object.fromEntries(userAttributeKeys.map((m) => [String(m.value), { description: m.doc, ...userAttributeValue }])),
        },
      },
    },
  ];
}

/** The data plan version document, as the Data Planning API takes it (`POST .../plans/{id}/versions`). */
export function dataPlanVersion(): JsonSchema {
  return {
    data_plan_id: DATA_PLAN.id,
    data_plan_name: DATA_PLAN.name,
    version: DATA_PLAN.version,
    version_description: `Media events of the mParticle Roku Media SDK ${SDK_VERSION}; generated from src-ts/schema by src-ts/generator: do not edit`,
    version_document: { data_points: [...mediaPoints(), ...otherPoints()] },
  };
}

export function emitDataPlan(): string {
  return JSON.stringify(dataPlanVersion(), null, 2) + '\n';
}
