/**
 * Step vectors of the tracker table (src-ts/logic/track-table.ts `trackersReduce`): the
 * initial state, the steps a Task would hand it, the tracking vectors (test/vectors/tracking/)
 * replayed as table steps, and seeded random sequences. trackers-author.ts writes the fixed
 * scenarios; core-trackers.test.ts and trackers-brs.test.ts run them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import seedrandom from 'seedrandom';
import { trackersReduce, type TrackersState } from '../../src-ts/logic/track-table';
import { runReducerVector, type ReducerStep, type ReducerVector } from './reducer-vectors';
import type { TrackVector } from './run-track-vector';

export const TRACKERS_T0 = 1764500000000;
export const TRACKERS_VECTOR_DIR = path.join(__dirname, '..', 'vectors', 'core');
export const TRACKING_VECTOR_DIR = path.join(__dirname, '..', 'vectors', 'tracking');

type Obj = Record<string, unknown>;

/** A vector file: the scenario and the effects of each step, as JSON. */
export interface TrackersVector extends ReducerVector {
  expected?: unknown[][];
}

/** The core fields of a Task that has started with credentials and tracks nothing yet. */
export function trackersInitialState(over: Obj = {}): TrackersState {
  return { ready: true, optedOut: false, trackers: {}, ...over } as TrackersState;
}

export function runTrackersVector(v: ReducerVector): { effects: unknown[][]; state: TrackersState } {
  return runReducerVector<TrackersState>(trackersReduce as never, v);
}

/** A session as MediaSession.build makes it. */
export function mediaSession(id: string, over: Obj = {}): Obj {
  return { contentId: `content-${id}`, title: `Title ${id}`, contentType: 'Video', streamType: 'OnDemand', duration: 120000, mediaSessionId: id, currentPlayheadPosition: 0, mediaSessionAttributes: {}, excludeAdBreaksFromContentTime: false, ...over };
}

/** Steps one after the other, `after` ms apart; `started` is the media logic's session table as the steps go. */
export class TrackersSteps {
  steps: ReducerStep[] = [];
  t = TRACKERS_T0;
  started: Obj = {};
  add(input: Obj, after = 100): this {
    this.t += after;
    this.steps.push({ t: this.t, input });
    return this;
  }
  /** The media logic has the session from now on (its Media Session Start went out). */
  start(id: string): this {
    this.started[id] = true;
    return this;
  }
  trackVideo(session: unknown, node: Obj = {}, options: Obj = {}): this {
    return this.add({ kind: 'trackVideo', session, options, nodeName: 'a Video node', mediaSessions: { ...this.started }, ...node });
  }
  stop(session: unknown, options: Obj = {}): this {
    return this.add({ kind: 'stopTracking', session, options });
  }
  node(id: string, field: string, value: unknown, after = 500): this {
    return this.add({ kind: 'nodeEvent', sessionId: id, field, value }, after);
  }
  ad(session: unknown, eventType: string, event: Obj = {}): this {
    return this.add({ kind: 'adEvent', session, eventType, event, mediaSessions: { ...this.started } });
  }
  stitched(session: unknown, source: string, eventType: string, event: Obj = {}): this {
    return this.add({ kind: 'stitchedAdEvent', session, source, eventType, event, mediaSessions: { ...this.started } });
  }
}

/** A tracking vector as the Task's table steps: trackVideo, its node's and ads' events, stopTracking. */
export function trackingAsTableVector(v: TrackVector): ReducerVector {
  const id = String(v.start.session.mediaSessionId);
  const mediaSessions: Obj = v.start.started === true ? { [id]: true } : {};
  const steps: ReducerStep[] = [
    { t: v.start.t, input: { kind: 'trackVideo', session: v.start.session, options: v.start.options ?? {}, notificationInterval: v.start.notificationInterval, nodeName: 'a Video node', mediaSessions } },
  ];
  for (const input of v.inputs) {
    if (input.kind === 'field') {
      steps.push({ t: input.t, input: { kind: 'nodeEvent', sessionId: id, field: input.name, value: input.value } });
    } else if (input.kind === 'raf') {
      steps.push({ t: input.t, input: { kind: 'adEvent', session: v.start.session, eventType: input.name, event: input.value ?? {}, mediaSessions: { [id]: true } } });
    } else {
      steps.push({ t: input.t, input: { kind: 'stitchedAdEvent', session: v.start.session, source: input.kind, eventType: input.name, event: input.value ?? {}, mediaSessions: { [id]: true } } });
    }
  }
  if (v.stop) steps.push({ t: v.stop.t, input: { kind: 'stopTracking', session: v.start.session, options: v.stop.options ?? {} } });
  return { name: `tracking ${v.name}`, description: v.description, state: trackersInitialState() as unknown as Obj, steps };
}

export function loadTrackingVectors(): TrackVector[] {
  return fs
    .readdirSync(TRACKING_VECTOR_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(TRACKING_VECTOR_DIR, f), 'utf8')) as TrackVector);
}

export function loadTrackersVectors(): TrackersVector[] {
  return fs
    .readdirSync(TRACKERS_VECTOR_DIR)
    .filter((f) => f.startsWith('trackers-') && f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(TRACKERS_VECTOR_DIR, f), 'utf8')) as TrackersVector);
}

function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}

const IDS = ['ms-a', 'ms-b', 'ms-c'];
const NODE_STATES = ['none', 'buffering', 'playing', 'paused', 'stopped', 'finished', 'error'];
const RAF_EVENTS = ['PodStart', 'Impression', 'Start', 'FirstQuartile', 'Midpoint', 'ThirdQuartile', 'Complete', 'Pause', 'Resume', 'Skip', 'PodComplete', 'Error', 'Close', 'Unknown'];
const RAFX_EVENTS = ['PodsFound', 'PodStart', 'Impression', 'FirstQuartile', 'Complete', 'PodComplete', 'Other'];
const IMA_EVENTS = ['adBreakStarted', 'start', 'firstQuartile', 'complete', 'adBreakEnded', 'skip', 'other'];

function randomSession(rng: () => number): unknown {
  const r = rng();
  if (r < 0.04) return 'not a session';
  if (r < 0.08) return { title: 'no id' };
  if (r < 0.1) return mediaSession('', {});
  if (r < 0.12) return { mediaSessionId: 7 };
  return mediaSession(pick(rng, IDS), { excludeAdBreaksFromContentTime: rng() < 0.5 });
}

function randomNodeValue(rng: () => number, field: string, position: number): unknown {
  if (field === 'state') return pick(rng, NODE_STATES);
  if (field === 'position') return position;
  if (field === 'contentIndex') return Math.floor(rng() * 3);
  if (field === 'streamingSegment') return { segBitrateBps: pick(rng, [800000, 2500000]), segType: 2, segUrl: 'seg.ts' };
  if (field === 'errorCode') return pick(rng, [-3, 0, 'bad']);
  if (field === 'timeToStartStreaming') return pick(rng, [0.5, 1.25, 'x']);
  return pick(rng, [1, 'text', { a: 1 }, true]);
}

function randomAd(rng: () => number): Obj {
  const n = Math.floor(rng() * 3) + 1;
  return { rendersequence: pick(rng, ['preroll', 'midroll', 'postroll']), duration: pick(rng, [10, 25, 'x']), adIndex: n, ad: { adid: `ad-${n}`, adtitle: `Ad ${n}`, advertiser: 'Acme', creativeid: `cr-${n}`, duration: 10 } };
}

function randomStitched(rng: () => number, source: string, position: number): Obj {
  if (source === 'ima') return { duration: 10, timeOffset: position, podIndex: 0, totalAds: 1, adPosition: 1, adId: 'ima-1', adTitle: 'IMA 1', cuePoints: [{ startSec: 0, endSec: 10 }] };
  return { position, adPods: [{ renderTime: 0, duration: 15, renderSequence: 'preroll', ads: [{ adid: 'ssai-1', adtitle: 'S 1', duration: 15 }] }], adPod: { renderTime: 0, duration: 15, renderSequence: 'preroll', ads: [{ adid: 'ssai-1', duration: 15 }] } };
}

/** Seeded random table steps: the three sessions come and go, with node and ad events between. */
export function randomTrackersVector(seed: string, count = 80): ReducerVector {
  const rng = seedrandom(seed);
  const s = new TrackersSteps();
  let position = 0;
  for (let i = 0; i < count; i++) {
    const after = pick(rng, [0, 1, 250, 500, 1000, 15000]);
    const id = pick(rng, IDS);
    if (rng() < 0.3) s.start(id);
    const r = rng();
    if (r < 0.1) {
      s.t += after;
      s.trackVideo(randomSession(rng), rng() < 0.5 ? {} : { notificationInterval: pick(rng, [0.5, 1, 0, 'x']), nodeState: pick(rng, NODE_STATES), position: pick(rng, [0, 12.5]) }, pick(rng, [{}, { playheadIntervalMillis: pick(rng, [0, 2000, -1, 'x']) }, { fps: 30 }]));
    } else if (r < 0.16) {
      s.t += after;
      s.stop(randomSession(rng), pick(rng, [{}, { reason: 'done' }]));
    } else if (r < 0.3) {
      s.t += after;
      s.ad(randomSession(rng), pick(rng, RAF_EVENTS), randomAd(rng));
    } else if (r < 0.4) {
      const source = pick(rng, ['rafx', 'ima', 'rafx', 'ima', 'dai']);
      s.t += after;
      s.stitched(randomSession(rng), source, pick(rng, source === 'ima' ? IMA_EVENTS : RAFX_EVENTS), randomStitched(rng, source, position));
    } else if (r < 0.41) {
      s.add({ kind: 'nosuch' }, after);
    } else {
      position += after / 1000;
      if (rng() < 0.05) position += 30;
      const field = rng() < 0.6 ? 'position' : pick(rng, ['state', 'state', 'contentIndex', 'streamingSegment', 'errorCode', 'timeToStartStreaming', 'bufferingStatus']);
      s.node(id, field, randomNodeValue(rng, field, position), after);
    }
  }
  return { name: `trackers random ${seed}`, description: `seeded random table steps (${seed})`, state: trackersInitialState() as unknown as Obj, steps: s.steps };
}
