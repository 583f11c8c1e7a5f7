/**
 * Runs a scenario vector (test/vectors/*.json) through the TypeScript media logic. The
 * BrightScript comparison reuses the same vectors and `runVector` as its reference.
 */
import { mediaReduce, newMediaState } from '../../src-ts/logic/media';
import { MediaCall, MediaEvent } from '../../src-ts/logic/media-types';

/** One call of a vector: the time, the API method, and what the channel passed. */
export interface VectorCall {
  /** `now` (unix ms) for this call. */
  t: number;
  method: string;
  /** The session object as the channel has it at this call (absent: the channel passed invalid). */
  session?: unknown;
  args?: Record<string, unknown>;
  options?: unknown;
}

/** A scenario: calls in order and the exact events and number of errors they must give. */
export interface Vector {
  name: string;
  description: string;
  options?: { autoSummaries?: boolean };
  calls: VectorCall[];
  expected: MediaEvent[];
  expectedErrors: number;
}

/** What a vector produced. */
export interface VectorOutput {
  events: MediaEvent[];
  errors: string[];
}

const SESSION_FIELDS = [
  'contentId', 'title', 'contentType', 'streamType', 'duration', 'mediaSessionId', 'currentPlayheadPosition',
  'mediaSessionAttributes', 'excludeAdBreaksFromContentTime', 'mediaContentTimeSpent', 'adBreak', 'adContent', 'segment',
];
const PART_FIELDS = ['id', 'title', 'duration', 'advertiser', 'campaign', 'creative', 'placement', 'position', 'siteId', 'index'];

function canonicalKeys(o: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    const canonical = fields.find((f) => f.toLowerCase() === k.toLowerCase());
    out[canonical ?? k] = o[k];
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The session object with its own keys (and those of adBreak, adContent, segment) in the
 * canonical camelCase spelling. BrightScript AA lookups ignore case, so on the device
 * `session.mediaSessionId` also finds a channel's `mediaSessionID`; this gives Node the same
 * reading of a vector. Custom attribute keys are left as they are.
 */
export function canonicalSession(session: unknown): unknown {
  if (!isObject(session)) return session;
  const out = canonicalKeys(session, SESSION_FIELDS);
  for (const part of ['adBreak', 'adContent', 'segment']) {
    const v = out[part];
    if (isObject(v)) out[part] = canonicalKeys(v, PART_FIELDS);
  }
  return out;
}

/**
 * Feeds the vector's calls in order to `mediaReduce` from a fresh state, with now = t and
 * newId = "id-<call index>", and collects every event and error. Session keys are read
 * case-insensitively, as BrightScript does (`canonicalSession`).
 */
export function runVector(vector: Vector): VectorOutput {
  let state = newMediaState();
  const events: MediaEvent[] = [];
  const errors: string[] = [];
  const autoSummaries = vector.options !== undefined && vector.options.autoSummaries === true;
  vector.calls.forEach((c, i) => {
    const call: MediaCall = {
      method: c.method,
      session: canonicalSession(c.session),
      args: c.args === undefined ? {} : c.args,
      options: c.options,
      autoSummaries,
    };
    const r = mediaReduce(state, call, c.t, `id-${i}`);
    state = r.state;
    events.push(...r.events);
    errors.push(...r.errors);
  });
  return { events, errors };
}

/** `vector` with its expected events and error count taken from the TypeScript logic. */
export function withExpected(vector: Vector): Vector {
  const out = runVector(vector);
  return { ...vector, expected: out.events, expectedErrors: out.errors.length };
}
