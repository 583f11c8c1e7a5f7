/**
 * The core and identity methods of `mParticleSGBridge(task)`, with mParticle's Roku SDK
 * signatures. The media namespace derives from MEDIA_APIS. The bridge only marshals; the
 * Task checks every argument against `kind` and drops a call that does not fit.
 */

/** What an argument must be for the Task to accept the call. */
export type ArgKind =
  | 'string'
  /** a non-empty string */
  | 'name'
  | 'number'
  | 'boolean'
  /** an associative array of custom attributes (values of any type are converted to strings) */
  | 'attributes'
  /** an associative array built with one of the builders */
  | 'object'
  /** an array (of builder results) */
  | 'list'
  /** a string, number or boolean */
  | 'value'
  /** a SceneGraph node */
  | 'node'
  /** a string, or an array of strings (integration attribute values, as in 2.x) */
  | 'strings';

export interface BridgeParam {
  readonly name: string;
  readonly kind: ArgKind;
  readonly optional: boolean;
  /** BrightScript literal used when the argument is omitted, if any. */
  readonly defaultBrs?: string;
  readonly doc: string;
}

export interface BridgeApi {
  /** Namespace on the bridge: `core` methods sit on the bridge itself. */
  readonly ns: 'core' | 'identity';
  readonly method: string;
  readonly params: readonly BridgeParam[];
  readonly doc: string;
}

const p = (name: string, kind: ArgKind, doc: string): BridgeParam => ({ name, kind, optional: false, doc });
const opt = (name: string, kind: ArgKind, doc: string, defaultBrs?: string): BridgeParam => ({
  name,
  kind,
  optional: true,
  ...(defaultBrs === undefined ? {} : { defaultBrs }),
  doc,
});
const customAttributes = opt('customAttributes', 'attributes', 'Custom attributes; values of any type are sent as strings.');
const customFlags = opt('customFlags', 'attributes', 'Custom flags for integrations.');
const identityRequest = p('identityApiRequest', 'object', '`{userIdentities: {<IDENTITY_TYPE>: value}}`.');

/** Core and identity methods, in the README's order. */
export const BRIDGE_APIS: readonly BridgeApi[] = [
  { ns: 'core', method: 'logEvent', params: [p('eventName', 'name', 'Event name.'), opt('eventType', 'string', 'A `CUSTOM_EVENT_TYPE` value.', '"other"'), customAttributes, customFlags], doc: 'Logs a custom event. With `CUSTOM_EVENT_TYPE.MEDIA` it is a custom media event.' },
  { ns: 'core', method: 'logScreenEvent', params: [p('screenName', 'name', 'Screen name.'), customAttributes, customFlags], doc: 'Logs a screen view.' },
  { ns: 'core', method: 'logCommerceEvent', params: [opt('productAction', 'object', 'A `ProductAction.build` result.'), opt('promotionAction', 'object', 'A `PromotionAction.build` result.'), opt('impressions', 'list', 'An array of `Impression.build` results.'), customAttributes, opt('screenName', 'string', 'Screen the event happened on, sent as `sn` (2.x\'s fifth argument).'), customFlags], doc: 'Logs a commerce event; at least one of product action, promotion action or impressions. An empty `{}` or `[]` counts as absent (2.x\'s defaults).' },
  { ns: 'core', method: 'logMessage', params: [p('message', 'object', 'A raw message `{dt, ...}` of a supported type.')], doc: 'Queues a raw message; for advanced use.' },
  { ns: 'core', method: 'setUserAttribute', params: [p('attributeKey', 'name', 'Attribute key (see `USER_ATTRIBUTES`).'), p('attributeValue', 'value', 'A string, number, boolean or array of strings.')], doc: 'Sets an attribute of the current user.' },
  { ns: 'core', method: 'removeUserAttribute', params: [p('attributeKey', 'name', 'Attribute key.')], doc: 'Removes an attribute of the current user.' },
  { ns: 'core', method: 'setIntegrationAttribute', params: [p('integrationId', 'string', 'Integration (kit) id.'), p('key', 'name', 'Key.'), p('value', 'strings', 'A string or an array of strings.')], doc: 'Sets an integration attribute sent as `ia`.' },
  { ns: 'core', method: 'setConsentState', params: [p('consentState', 'object', 'A `ConsentState.build` result.')], doc: 'Sets the current user\'s consent state.' },
  { ns: 'core', method: 'setSessionAttribute', params: [p('attributeKey', 'name', 'Key.'), p('attributeValue', 'value', 'Value.')], doc: 'Sets an attribute of the current session, sent with the session end.' },
  { ns: 'core', method: 'setOptOut', params: [p('optOut', 'boolean', 'True to opt out.')], doc: 'Opts the viewer out (persisted): nothing is queued or sent afterwards.' },
  { ns: 'core', method: 'upload', params: [], doc: 'Uploads queued messages now.' },
  { ns: 'identity', method: 'identify', params: [identityRequest], doc: 'Identify request.' },
  { ns: 'identity', method: 'login', params: [identityRequest], doc: 'Login request.' },
  { ns: 'identity', method: 'logout', params: [identityRequest], doc: 'Logout request.' },
  { ns: 'identity', method: 'modify', params: [identityRequest], doc: 'Modify request for the current user.' },
  { ns: 'identity', method: 'setUserAttribute', params: [p('attributeKey', 'name', 'Attribute key.'), p('attributeValue', 'value', 'Value.')], doc: 'Sets an attribute of the current user.' },
  { ns: 'identity', method: 'removeUserAttribute', params: [p('attributeKey', 'name', 'Attribute key.')], doc: 'Removes an attribute of the current user.' },
  // 2.x has these two under identity as well as on the bridge itself.
  { ns: 'identity', method: 'setIntegrationAttribute', params: [p('integrationId', 'string', 'Integration (kit) id.'), p('key', 'name', 'Key.'), p('value', 'strings', 'A string or an array of strings.')], doc: 'Same as `setIntegrationAttribute` on the bridge.' },
  { ns: 'identity', method: 'setConsentState', params: [p('consentState', 'object', 'A `ConsentState.build` result.')], doc: 'Same as `setConsentState` on the bridge.' },
];
