/**
 * The sample channel's build-time configuration: where it comes from (build options, then
 * environment variables, then the untracked `roku-sample-channel/mparticle.local.json`) and how
 * it becomes `source/mParticleConfig.brs` (`function sampleConfig() as object`) in the staging
 * directory. Credentials never live in the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ENVIRONMENT, LOG_LEVEL } from '../../src-ts/schema/names';

/** Collector base URLs that replace the SDK's pod routing (the SDK option `endpoints`). */
export interface SampleEndpoints {
  /** Base URL of the events API, e.g. `http://127.0.0.1:8080`. */
  events?: string;
  /** Base URL of the identity API. */
  identity?: string;
}

/** What the channel reads from `sampleConfig()`; every field ends up in the generated file. */
export interface SampleConfig {
  /** mParticle API key of the Roku input. */
  apiKey: string;
  /** mParticle API secret of the Roku input. */
  apiSecret: string;
  /** An `ENVIRONMENT` value of the SDK. */
  environment: number;
  /** A `LOG_LEVEL` value of the SDK. */
  logLevel: number;
  /** Absent: the SDK routes by the API key's pod. */
  endpoints?: SampleEndpoints;
  /** Whether a Timer replays the scripted timeline instead of observing the Video node. */
  scripted: boolean;
  /** Period of the scripted timeline's Timer, in ms. */
  stepMillis: number;
  /** The scripted timeline: absent or "default" (RAF pre-roll, seeks, stall), or "ssai" (a stream with stitched ads, RAFX_SSAI). */
  scenario?: string;
  /** Wait between the end of the session (or Back) and closing the channel, in ms; gives the Task time to upload. */
  exitDelayMillis: number;
}

/**
 * The same fields as written by people: in `mparticle.local.json` and build options,
 * `environment` and `logLevel` may be names (`"development"`, `"debug"`) as well as numbers.
 */
export type SampleConfigInput = Partial<Omit<SampleConfig, 'environment' | 'logLevel'>> & {
  environment?: number | string;
  logLevel?: number | string;
};

export const DEFAULT_SAMPLE_CONFIG: SampleConfig = {
  apiKey: '',
  apiSecret: '',
  environment: ENVIRONMENT.FORCE_DEVELOPMENT,
  logLevel: LOG_LEVEL.INFO,
  scripted: false,
  stepMillis: 150,
  exitDelayMillis: 2000,
};

/** Thrown for a configuration the channel could not use; the message names the source and the fix. */
export class SampleConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SampleConfigError';
  }
}

const ENV_NAMES: Record<string, number> = {
  auto: ENVIRONMENT.AUTO_DETECT,
  development: ENVIRONMENT.FORCE_DEVELOPMENT,
  production: ENVIRONMENT.FORCE_PRODUCTION,
};

function enumValue(field: string, value: number | string, table: Readonly<Record<string, number>>, names: Record<string, number>, source: string): number {
  if (typeof value === 'number' && Object.values(table).includes(value)) return value;
  if (typeof value === 'string') {
    const key = value.trim().toLowerCase();
    if (key in names) return names[key];
    const upper = value.trim().toUpperCase();
    if (upper in table) return table[upper];
    if (/^\d+$/.test(key) && Object.values(table).includes(Number(key))) return Number(key);
  }
  const allowed = [...Object.keys(names), ...Object.keys(table), ...Object.values(table)].join(', ');
  throw new SampleConfigError(`${source}: ${field} ${JSON.stringify(value)} is not one of ${allowed}`);
}

function fromEnv(env: Record<string, string | undefined>): SampleConfigInput {
  const input: SampleConfigInput = {};
  const get = (name: string) => {
    const v = env[name];
    return v === undefined || v === '' ? undefined : v;
  };
  if (get('MPARTICLE_API_KEY')) input.apiKey = get('MPARTICLE_API_KEY');
  if (get('MPARTICLE_API_SECRET')) input.apiSecret = get('MPARTICLE_API_SECRET');
  if (get('MPARTICLE_ENVIRONMENT')) input.environment = get('MPARTICLE_ENVIRONMENT');
  if (get('MPARTICLE_LOG_LEVEL')) input.logLevel = get('MPARTICLE_LOG_LEVEL');
  const events = get('MPARTICLE_EVENTS_URL');
  const identity = get('MPARTICLE_IDENTITY_URL');
  if (events || identity) input.endpoints = { ...(events ? { events } : {}), ...(identity ? { identity } : {}) };
  const scripted = get('SAMPLE_SCRIPTED');
  if (scripted !== undefined) input.scripted = !['0', 'false', 'no'].includes(scripted.toLowerCase());
  return input;
}

function fromFile(path: string): SampleConfigInput {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SampleConfigError(`${path}: not valid JSON (${(e as Error).message}); fix or delete the file`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SampleConfigError(`${path}: expected a JSON object like {"apiKey": "...", "apiSecret": "..."}`);
  }
  return parsed as SampleConfigInput;
}

function checkUrl(source: string, field: string, url: string | undefined): void {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SampleConfigError(`${source}: endpoints.${field} ${JSON.stringify(url)} is not a URL (expected http(s)://host[:port])`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SampleConfigError(`${source}: endpoints.${field} must be http or https, got ${parsed.protocol}`);
  }
}

/**
 * Merges the sources, later ones winning: defaults, the local file, the environment, the
 * explicit overrides. Endpoints merge per key so that one variable can move one API only.
 */
export function resolveSampleConfig(opts: {
  overrides?: SampleConfigInput;
  env?: Record<string, string | undefined>;
  localConfigPath?: string | false;
}): SampleConfig {
  const layers: [string, SampleConfigInput][] = [];
  if (opts.localConfigPath) layers.push([opts.localConfigPath, fromFile(opts.localConfigPath)]);
  if (opts.env) layers.push(['environment variables', fromEnv(opts.env)]);
  if (opts.overrides) layers.push(['build options', opts.overrides]);

  const config: SampleConfig = { ...DEFAULT_SAMPLE_CONFIG };
  for (const [source, layer] of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      switch (key) {
        case 'environment':
          config.environment = enumValue('environment', value as string | number, ENVIRONMENT, ENV_NAMES, source);
          break;
        case 'logLevel':
          config.logLevel = enumValue('logLevel', value as string | number, LOG_LEVEL, {}, source);
          break;
        case 'endpoints': {
          const endpoints = value as SampleEndpoints;
          checkUrl(source, 'events', endpoints.events);
          checkUrl(source, 'identity', endpoints.identity);
          config.endpoints = { ...config.endpoints, ...endpoints };
          break;
        }
        case 'apiKey':
        case 'apiSecret':
          if (typeof value !== 'string') throw new SampleConfigError(`${source}: ${key} must be a string`);
          config[key] = value;
          break;
        case 'scripted':
          if (typeof value !== 'boolean') throw new SampleConfigError(`${source}: scripted must be true or false`);
          config.scripted = value;
          break;
        case 'scenario':
          if (value !== 'default' && value !== 'ssai') throw new SampleConfigError(`${source}: scenario must be "default" or "ssai"`);
          config.scenario = value;
          break;
        case 'stepMillis':
        case 'exitDelayMillis':
          if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
            throw new SampleConfigError(`${source}: ${key} must be a positive integer (ms)`);
          }
          config[key] = value;
          break;
        default:
          throw new SampleConfigError(`${source}: unknown field ${JSON.stringify(key)} (known: ${Object.keys(DEFAULT_SAMPLE_CONFIG).join(', ')}, endpoints, scenario)`);
      }
    }
  }
  return config;
}

/** Where a credential comes from, for messages: its environment variable and its key in the local file. */
const CREDENTIAL_SOURCES: Record<'apiKey' | 'apiSecret', string> = {
  apiKey: 'MPARTICLE_API_KEY',
  apiSecret: 'MPARTICLE_API_SECRET',
};

/**
 * Whether a credential is one of the placeholders people copy from documentation: an ellipsis
 * (`"us1-…"`, `"..."`), a bare pod prefix (`"us1-"`), `<...>`, or words such as YOUR_API_KEY.
 */
export function isPlaceholderCredential(value: string): boolean {
  const v = value.trim();
  return /…|\.\.\./.test(v) || /^(us1|us2|eu1|au1)-?$/i.test(v) || /^<.*>$/.test(v) || /^(your|my)[-_ ]?(api)?[-_ ]?(key|secret)/i.test(v) || /^(x+|changeme|placeholder|todo|tbd)$/i.test(v);
}

/**
 * What is wrong with the configuration's credentials, one line per credential (empty: both
 * set): missing, or a placeholder, each naming where to set it.
 */
export function credentialProblems(config: Pick<SampleConfig, 'apiKey' | 'apiSecret'>): string[] {
  const problems: string[] = [];
  for (const key of ['apiKey', 'apiSecret'] as const) {
    const value = config[key];
    const where = `set ${CREDENTIAL_SOURCES[key]} or "${key}" in roku-sample-channel/mparticle.local.json`;
    if (value.trim() === '') problems.push(`no ${key} (${where})`);
    else if (isPlaceholderCredential(value)) problems.push(`${key} ${JSON.stringify(value)} is a placeholder, not a credential (${where})`);
  }
  return problems;
}

/** A BrightScript literal for a JSON-like value; strings cannot hold line breaks in BrightScript. */
export function toBrsLiteral(value: unknown, indent = ''): string {
  if (value === undefined || value === null) return 'invalid';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SampleConfigError(`cannot write ${value} into BrightScript`);
    return Number.isInteger(value) && Math.abs(value) > 2147483647 ? `${value}&` : String(value);
  }
  if (typeof value === 'string') {
    if (/[\u0000-\u001f]/.test(value)) throw new SampleConfigError(`config strings cannot contain control characters: ${JSON.stringify(value)}`);
    return `"${value.replace(/"/g, '""')}"`;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const inner = `${indent}    `;
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${k}: ${toBrsLiteral(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  throw new SampleConfigError(`cannot write ${JSON.stringify(value)} into BrightScript`);
}

/** The text of `source/mParticleConfig.brs`. */
export function sampleConfigBrs(config: SampleConfig): string {
  const { endpoints, ...rest } = config;
  const body = toBrsLiteral({ ...rest, endpoints: endpoints && Object.keys(endpoints).length > 0 ? endpoints : null }, '    ');
  return [
    "' generated by scripts/build.ts for this build only: holds credentials, never commit it",
    'function sampleConfig() as object',
    `    return ${body}`,
    'end function',
    '',
  ].join('\n');
}
