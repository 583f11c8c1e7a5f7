/**
 * Reading `m.global.mparticleOptions`: type checks against the schema's OPTIONS, and the
 * endpoints the API key (or the channel's own base URLs) selects.
 */
import { ENVIRONMENT, LOG_LEVEL } from '../schema/names';
import { OPTIONS } from '../schema/options';
import { Int } from '../schema/numeric';
import { CoreEndpoints, CoreOptionsResult } from './core-types';

/**
 * The option type a channel value has: "missing" (invalid), "string", "boolean", "integer",
 * "number" (not integral), "array", "object", or "other" (a node, a function...).
 */
export function coreValueKind(value: unknown): string {
  if (value === undefined || value === null) {
    return 'missing';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'string') {
    return 'string';
  }
  if (typeof value === 'boolean') {
    return 'boolean';
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value)) {
      return 'integer';
    }
    return 'number';
  }
  if (typeof value === 'object') {
    return 'object';
  }
  return 'other';
}

/** Integer options that only make sense above zero; zero or less would stall or spin the Task. */
function corePositiveOption(name: string): boolean {
  const names: string[] = ['sessionTimeoutMillis', 'uploadIntervalMillis', 'maxBatchMessages', 'maxBatchBytes', 'maxQueueMessages', 'queueBudgetBytes'];
  return names.indexOf(name) >= 0;
}

/**
 * Every option of OPTIONS, checked against its type: a wrong type gives one error line and the
 * default. Error lines name the option and the type received, never the value (the secret
 * must not reach the log).
 */
export function coreValidateOptions(given: unknown): CoreOptionsResult {
  const options: Record<string, unknown> = {};
  const errors: string[] = [];
  let source: Record<string, unknown> = {};
  const givenKind = coreValueKind(given);
  if (givenKind === 'object') {
    source = given as Record<string, unknown>;
  } else if (givenKind !== 'missing') {
    errors.push(`mparticleOptions must be an associative array, got ${givenKind}`);
  }
  for (const spec of OPTIONS) {
    const value = source[spec.name];
    const kind = coreValueKind(value);
    if (kind === 'missing') {
      options[spec.name] = spec.default;
    } else if (kind !== spec.type) {
      errors.push(`option ${spec.name} must be ${spec.type}, got ${kind}; using the default`);
      options[spec.name] = spec.default;
    } else if (kind === 'integer' && corePositiveOption(spec.name) && (value as Int) <= 0) {
      errors.push(`option ${spec.name} must be greater than 0; using the default`);
      options[spec.name] = spec.default;
    } else if (kind === 'integer' && spec.name === 'registryReserveBytes' && (value as Int) < 0) {
      errors.push(`option ${spec.name} must be 0 or more; using the default`);
      options[spec.name] = spec.default;
    } else {
      options[spec.name] = value;
    }
  }
  const logLevel = options['logLevel'] as Int;
  if (logLevel < LOG_LEVEL.NONE || logLevel > LOG_LEVEL.DEBUG) {
    errors.push(`option logLevel must be a LOG_LEVEL value (${LOG_LEVEL.NONE}-${LOG_LEVEL.DEBUG}); using the default`);
    options['logLevel'] = LOG_LEVEL.ERROR;
  }
  const environment = options['environment'] as Int;
  if (environment < ENVIRONMENT.AUTO_DETECT || environment > ENVIRONMENT.FORCE_PRODUCTION) {
    errors.push(`option environment must be an ENVIRONMENT value (${ENVIRONMENT.AUTO_DETECT}-${ENVIRONMENT.FORCE_PRODUCTION}); using the default`);
    options['environment'] = ENVIRONMENT.AUTO_DETECT;
  }
  let ready = true;
  if ((options['apiKey'] as string) === '' || (options['apiSecret'] as string) === '') {
    errors.push('apiKey and apiSecret are required in mparticleOptions: nothing will be sent');
    ready = false;
  }
  const result: CoreOptionsResult = { options: options, errors: errors, ready: ready };
  return result;
}

/** A base URL without its trailing slashes. */
function coreTrimBase(url: string): string {
  let end: Int = url.length;
  while (end > 0 && url.substring(end - 1, end) === '/') {
    end--;
  }
  return url.substring(0, end);
}

/** A non-empty string field of an endpoints object, or "". */
function coreEndpointField(endpoints: unknown, key: string): string {
  if (coreValueKind(endpoints) !== 'object') {
    return '';
  }
  const value = (endpoints as Record<string, unknown>)[key];
  if (typeof value === 'string') {
    return coreTrimBase(value as string);
  }
  return '';
}

/**
 * Development overrides read from the channel's manifest, which `mparticle-roku sim` writes into
 * the package it runs and which are never for production: `mparticle_endpoint` replaces both
 * base URLs of `endpoints`, `mparticle_upload_interval_ms` (above 0) replaces
 * `uploadIntervalMillis`. Changes `options` in place; returns one log line per override.
 */
export function coreManifestOverrides(options: Record<string, unknown>, endpoint: string, uploadIntervalMillis: Int): string[] {
  const applied: string[] = [];
  const base = coreTrimBase(endpoint);
  if (base !== '') {
    const endpoints: Record<string, unknown> = { events: base, identity: base };
    options['endpoints'] = endpoints;
    applied.push(`manifest mparticle_endpoint=${base} replaces the endpoints (a development override: never ship it)`);
  }
  if (uploadIntervalMillis > 0) {
    options['uploadIntervalMillis'] = uploadIntervalMillis;
    applied.push(`manifest mparticle_upload_interval_ms=${uploadIntervalMillis} replaces uploadIntervalMillis (a development override: never ship it)`);
  }
  return applied;
}

/** The data-hosting pod an API key names (`us1`, `us2`, `eu1`, `au1`), or us1 for legacy keys. */
export function corePod(apiKey: string): string {
  const pods: string[] = ['us1', 'us2', 'eu1', 'au1'];
  const prefix = apiKey.substring(0, 4).toLowerCase();
  for (const pod of pods) {
    if (prefix === `${pod}-`) {
      return pod;
    }
  }
  return 'us1';
}

/** Events and identity endpoints: the channel's base URLs win over the pod of the API key. */
export function coreEndpoints(apiKey: string, endpoints: unknown): CoreEndpoints {
  const pod = corePod(apiKey);
  let eventsBase = coreEndpointField(endpoints, 'events');
  if (eventsBase === '') {
    eventsBase = `https://nativesdks.${pod}.mparticle.com`;
  }
  let identityBase = coreEndpointField(endpoints, 'identity');
  if (identityBase === '') {
    identityBase = `https://identity.${pod}.mparticle.com`;
  }
  const eventsUrl = `${eventsBase}/v2/${apiKey}/events`;
  const result: CoreEndpoints = { eventsUrl: eventsUrl, eventsPath: coreUrlPath(eventsUrl), identityBase: identityBase };
  return result;
}

/** The URL of an identity call: `/v1/identify`, `/v1/login`, `/v1/logout`, `/v1/<mpid>/modify`. */
export function coreIdentityUrl(identityBase: string, kind: string, mpid: string): string {
  if (kind === 'modify') {
    return `${identityBase}/v1/${mpid}/modify`;
  }
  return `${identityBase}/v1/${kind}`;
}

/**
 * The path of a URL (what the signature covers): everything from the first "/" after the host,
 * without the query. Found with string searches: every upload signs it, and a scan of the URL
 * one character at a time cost the Task hundreds of steps per batch.
 */
export function coreUrlPath(url: string): string {
  let rest = url;
  const scheme: Int = url.indexOf('://');
  if (scheme >= 0) {
    rest = url.substring(scheme + 3, url.length);
  }
  const slash: Int = rest.indexOf('/');
  if (slash < 0) {
    return '/';
  }
  let path = rest.substring(slash, rest.length);
  const query: Int = path.indexOf('?');
  if (query >= 0) {
    path = path.substring(0, query);
  }
  const fragment: Int = path.indexOf('#');
  if (fragment >= 0) {
    path = path.substring(0, fragment);
  }
  return path;
}
