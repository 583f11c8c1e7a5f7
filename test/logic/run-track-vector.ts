/**
 * Runs a tracking vector (test/vectors/tracking/*.json) through the TypeScript tracker and
 * then its calls through the media logic, as the Task does. The BrightScript comparison
 * (track-brs.test.ts) uses the same vectors with `runTrackVector` as its reference.
 */
import { mediaReduce, newMediaState } from '../../src-ts/logic/media';
import { MediaEvent } from '../../src-ts/logic/media-types';
import { trackReduce, trackStart, trackStop } from '../../src-ts/logic/track';
import { TrackCall, TrackState } from '../../src-ts/logic/track-types';

/** One input of a vector: a node field event, a RAF event or a stitched-ad event at time t. */
export interface TrackVectorInput {
  t: number;
  kind: 'field' | 'raf' | 'rafx' | 'ima';
  name: string;
  value?: unknown;
}

export interface TrackVector {
  name: string;
  description: string;
  /** trackVideo: the session, its options, the node's notificationInterval, and whether the session already started. */
  start: { t: number; session: Record<string, unknown>; options?: Record<string, unknown>; notificationInterval?: number; started?: boolean };
  inputs: TrackVectorInput[];
  /** stopTracking, when the scenario ends with it. */
  stop?: { t: number; options?: Record<string, unknown> };
  autoSummaries?: boolean;
  expected: { calls: TrackCall[]; events: MediaEvent[]; errors: number };
}

/** A media event or a custom event ("logEvent") as the Task would log it. */
export interface TrackOutput {
  calls: TrackCall[];
  events: MediaEvent[];
  errors: string[];
}

/** Feeds the vector to the tracker and every call it makes to `mediaReduce` (newId = "id-<n>"). */
export function runTrackVector(v: TrackVector): TrackOutput {
  const out: TrackOutput = { calls: [], events: [], errors: [] };
  let media = newMediaState();
  let n = 0;
  const apply = (calls: TrackCall[], now: number) => {
    for (const c of calls) {
      out.calls.push(c);
      n++;
      if (c.method === 'logEvent') {
        out.events.push({ name: String(c.eventName), sessionId: '', attrs: (c.options ?? {}) as Record<string, string> });
        continue;
      }
      const r = mediaReduce(media, { method: c.method, session: c.session, args: c.args, options: c.options, autoSummaries: v.autoSummaries === true }, now, `id-${n}`);
      media = r.state;
      out.events.push(...r.events);
      out.errors.push(...r.errors);
    }
  };
  const started = v.start.started === true;
  if (started) {
    apply([{ method: 'logMediaSessionStart', session: v.start.session, args: {} }], v.start.t);
    out.calls = [];
  }
  const s = trackStart(v.start.session, v.start.options, v.start.notificationInterval, started, v.start.t);
  out.errors.push(...s.errors);
  if (s.state === undefined) return out;
  let state: TrackState = s.state;
  apply(s.calls, v.start.t);
  for (const input of v.inputs) {
    const r = trackReduce(state, { kind: input.kind, name: input.name, value: input.value }, input.t);
    state = r.state;
    out.errors.push(...r.errors);
    apply(r.calls, input.t);
  }
  if (v.stop) {
    const r = trackStop(state, v.stop.options, v.stop.t);
    out.errors.push(...r.errors);
    apply(r.calls, v.stop.t);
  }
  return out;
}
