/**
 * The Task's table of trackers, one per media session (`trackersReduce`): which tracker a
 * tracking call or a node event belongs to, and what the Task must do for it. The tracker of
 * one session is src-ts/logic/track.ts; this file decides around it:
 *
 * - A call whose session has no non-empty `mediaSessionId` string is logged and dropped.
 * - A second `trackVideo` of a tracked session replaces its tracker (the old node is no longer
 *   observed); the media logic's own sessions count as started (no second Media Session Start).
 * - An ad event (RAF, stitched) of a session no node is tracked for gets a tracker without a
 *   node: its Media Session Start goes out then. A stitched event's `source` must be rafx or ima.
 * - `stopTracking` of a session that is not tracked is logged and dropped.
 * - After an opt-out the trackers still follow the node, but their calls are not made.
 *
 * Nodes are platform objects: the glue keeps them (by media session id) and hands a node's
 * field event in as `nodeEvent` of that session; the table holds pure data only.
 */
import { Int, Long } from '../schema/numeric';
import { CUSTOM_EVENT_TYPE, LOG_LEVEL } from '../schema';
import { mediaAsObject } from './media-format';
import { MediaCallArgs } from './media-types';
import { trackReduce, trackStart, trackStop } from './track';
import { TrackCall, TrackResult, TrackState } from './track-types';

/** The fields of the Task's `core` the table reads and owns. */
export interface TrackersState {
  ready: boolean;
  optedOut: boolean;
  /** Trackers by media session id. */
  trackers: Record<string, TrackState>;
}

/**
 * One input, by `kind`, named after what the Task receives:
 * - `trackVideo`: `session`, `options`, and the node's `notificationInterval`, `nodeState`,
 *   `position` and `nodeName`, read once by the glue;
 * - `stopTracking`: `session`, `options` (Media Session End's attributes);
 * - `adEvent`: RAF's `eventType` and `event` for `session`;
 * - `stitchedAdEvent`: the same with the adapter's `source`;
 * - `nodeEvent`: a field event (`field`, `value`) of the node tracked for `sessionId`.
 * `mediaSessions` (inputs that may start a tracker) is the media logic's session table: a
 * session in it started already.
 */
export interface TrackersInput {
  kind: string;
  session?: unknown;
  options?: unknown;
  notificationInterval?: unknown;
  nodeState?: unknown;
  position?: unknown;
  nodeName?: string;
  mediaSessions?: Record<string, unknown>;
  source?: string;
  eventType?: string;
  event?: unknown;
  sessionId?: string;
  field?: string;
  value?: unknown;
}

/**
 * What the Task must do, in order, by `type`:
 * - `observe`: observe the fields of the node of this trackVideo call, kept for `sessionId`;
 * - `unobserve`: stop observing the node kept for `sessionId` (if any) and forget it;
 * - `media`: a media API call (`method`, `session`, `args`, `options`) through the media logic;
 * - `customEvent`: a custom event `name` of type `eventType` with `attrs`;
 * - `log`: print `text` at `level` (LOG_LEVEL).
 */
export interface TrackersEffect {
  type: string;
  sessionId?: string;
  method?: string;
  session?: Record<string, unknown>;
  args?: MediaCallArgs;
  options?: Record<string, unknown>;
  name?: string;
  eventType?: string;
  attrs?: Record<string, unknown>;
  level?: Int;
  text?: string;
}

export interface TrackersResult {
  state: TrackersState;
  effects: TrackersEffect[];
}

/**
 * One step at `now`; the table is updated in place (the Task's core is the state). A node
 * event comes every notificationInterval while video plays: one lookup, one tracker step.
 */
export function trackersReduce(state: TrackersState, input: TrackersInput, now: Long): TrackersResult {
  const out: TrackersResult = { state: state, effects: [] };
  const kind = input.kind;
  if (kind === 'nodeEvent') {
    const t = state.trackers[input.sessionId as string];
    if (t !== undefined) {
      trackersApply(state, trackReduce(t, { kind: 'field', name: input.field as string, value: input.value }, now), 'tracking', out);
    }
    return out;
  }
  if (!state.ready) {
    return out;
  }
  if (kind === 'trackVideo') {
    trackersTrackVideo(state, input, now, out);
  } else if (kind === 'stopTracking') {
    trackersStop(state, input, now, out);
  } else if (kind === 'adEvent') {
    trackersAd(state, input, 'raf', 'media.trackAdEvent', now, out);
  } else if (kind === 'stitchedAdEvent') {
    const source = input.source as string;
    if (source !== 'rafx' && source !== 'ima') {
      trackersLog(out, LOG_LEVEL.ERROR, `media.trackStitchedAdEvent: source must be rafx or ima, got ${source}; call dropped`);
    } else {
      trackersAd(state, input, source, 'media.trackStitchedAdEvent', now, out);
    }
  } else {
    trackersLog(out, LOG_LEVEL.ERROR, `tracking: unknown input ${kind}`);
  }
  return out;
}

/** The session's id, or "" after logging why the call of `where` is dropped. */
export function trackersSessionId(session: unknown, where: string, out: TrackersResult): string {
  const s = mediaAsObject(session);
  if (s !== undefined) {
    const id = s.mediaSessionId;
    if (typeof id === 'string') {
      if ((id as string).length > 0) {
        return id as string;
      }
    }
  }
  trackersLog(out, LOG_LEVEL.ERROR, `${where}: the media session has no mediaSessionId (build it with MediaSession.build); call dropped`);
  return '';
}

function trackersStarted(input: TrackersInput, id: string): boolean {
  const sessions = input.mediaSessions;
  if (sessions === undefined) {
    return false;
  }
  return id in sessions;
}

function trackersTrackVideo(state: TrackersState, input: TrackersInput, now: Long, out: TrackersResult): void {
  const where = 'media.trackVideo';
  const id = trackersSessionId(input.session, where, out);
  if (id === '') {
    return;
  }
  if (id in state.trackers) {
    out.effects.push({ type: 'unobserve', sessionId: id });
  }
  const r = trackStart(input.session, input.options, input.notificationInterval, trackersStarted(input, id), now);
  trackersErrors(out, where, r.errors);
  const t = r.state;
  if (t === undefined) {
    delete state.trackers[id];
    return;
  }
  state.trackers[id] = t;
  out.effects.push({ type: 'observe', sessionId: id });
  trackersCalls(state, r.calls, out);
  // The node may already be playing when the channel hands it over.
  if (input.position !== undefined) {
    trackersApply(state, trackReduce(t, { kind: 'field', name: 'position', value: input.position }, now), 'tracking', out);
  }
  if (input.nodeState !== undefined) {
    trackersApply(state, trackReduce(t, { kind: 'field', name: 'state', value: input.nodeState }, now), 'tracking', out);
  }
  let nodeName = 'a node';
  if (input.nodeName !== undefined) {
    nodeName = input.nodeName as string;
  }
  trackersLog(out, LOG_LEVEL.INFO, `tracking ${nodeName} for media session ${id}`);
}

function trackersStop(state: TrackersState, input: TrackersInput, now: Long, out: TrackersResult): void {
  const where = 'media.stopTracking';
  const id = trackersSessionId(input.session, where, out);
  if (id === '') {
    return;
  }
  const t = state.trackers[id];
  if (t === undefined) {
    trackersLog(out, LOG_LEVEL.ERROR, `${where}: media session ${id} is not tracked (trackVideo first); call dropped`);
    return;
  }
  out.effects.push({ type: 'unobserve', sessionId: id });
  delete state.trackers[id];
  trackersApply(state, trackStop(t, input.options, now), where, out);
}

/** An ad event of `kind` (a TrackInput kind); a session without a tracker gets one without a node. */
function trackersAd(state: TrackersState, input: TrackersInput, kind: string, where: string, now: Long, out: TrackersResult): void {
  const id = trackersSessionId(input.session, where, out);
  if (id === '') {
    return;
  }
  let t = state.trackers[id];
  if (t === undefined) {
    const r = trackStart(input.session, {}, undefined, trackersStarted(input, id), now);
    trackersErrors(out, where, r.errors);
    if (r.state === undefined) {
      return;
    }
    t = r.state as TrackState;
    state.trackers[id] = t;
    trackersCalls(state, r.calls, out);
  }
  trackersApply(state, trackReduce(t, { kind: kind, name: input.eventType as string, value: input.event }, now), 'tracking', out);
}

/**
 * A tracker step's problems (logged under `where`) and calls.
 * @inline (the node event's path)
 */
function trackersApply(state: TrackersState, r: TrackResult, where: string, out: TrackersResult): void {
  if (r.errors.length > 0) {
    trackersErrors(out, where, r.errors);
  }
  if (r.calls.length > 0) {
    trackersCalls(state, r.calls, out);
  }
}

/** The tracker's calls, in order: "logEvent" is a custom media event, any other a media call. After an opt-out, none. */
function trackersCalls(state: TrackersState, calls: TrackCall[], out: TrackersResult): void {
  if (state.optedOut) {
    return;
  }
  for (const c of calls) {
    if (c.method === 'logEvent') {
      let attrs: Record<string, unknown> = {};
      if (c.options !== undefined) {
        attrs = c.options as Record<string, unknown>;
      }
      out.effects.push({ type: 'customEvent', name: c.eventName as string, eventType: CUSTOM_EVENT_TYPE.MEDIA, attrs: attrs });
    } else {
      out.effects.push({ type: 'media', method: c.method, session: c.session, args: c.args, options: c.options });
    }
  }
}

function trackersErrors(out: TrackersResult, where: string, errors: string[]): void {
  for (const problem of errors) {
    trackersLog(out, LOG_LEVEL.ERROR, `${where}: ${problem}`);
  }
}

function trackersLog(out: TrackersResult, level: Int, text: string): void {
  out.effects.push({ type: 'log', level: level, text: text });
}
