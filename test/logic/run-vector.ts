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

/**
 * Feeds the vector's calls in order to `mediaReduce` from a fresh state, with now = t and
 * newId = "id-<call index>", and collects every event and error.
 */
export function runVector(vector: Vector): VectorOutput {
  let state = newMediaState();
  const events: MediaEvent[] = [];
  const errors: string[] = [];
  const autoSummaries = vector.options !== undefined && vector.options.autoSummaries === true;
  vector.calls.forEach((c, i) => {
    const call: MediaCall = {
      method: c.method,
      session: c.session,
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
