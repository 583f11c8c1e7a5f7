/**
 * The tracker table (src-ts/logic/track-table.ts): which tracker a call or an event belongs to,
 * validation and its log lines, replacing and stopping trackers, the opt-out, and media calls
 * vs custom media events. Behaviour assertions on the TypeScript reducer; the vector files
 * (trackers-author.ts) must match what it gives now.
 */
import { strict as assert } from 'node:assert';
import { trackersReduce, type TrackersEffect, type TrackersInput, type TrackersState } from '../../src-ts/logic/track-table';
import { LOG_LEVEL, TRACKING_EVENT_NAME } from '../../src-ts/schema';
import { runTrackVector } from './run-track-vector';
import { TRACKERS_SCENARIOS } from './trackers-author';
import { loadTrackersVectors, loadTrackingVectors, mediaSession, randomTrackersVector, runTrackersVector, trackersInitialState, trackingAsTableVector } from './trackers-run';

const T = 1764500000000;
const A = mediaSession('ms-a');
const B = mediaSession('ms-b');

function step(state: TrackersState, input: TrackersInput, now = T): TrackersEffect[] {
  return trackersReduce(state, JSON.parse(JSON.stringify(input)) as TrackersInput, now).effects;
}
const types = (effects: TrackersEffect[]) => effects.map((e) => (e.type === 'media' ? `media:${e.method}` : e.type));
const video = (session: unknown, more: Partial<TrackersInput> = {}): TrackersInput => ({ kind: 'trackVideo', session, options: {}, nodeName: 'a Video node', mediaSessions: {}, ...more });

describe('tracker table (trackersReduce)', () => {
  it('every vector file matches its scenario (npx tsx test/logic/trackers-author.ts --write to refresh)', () => {
    const files = loadTrackersVectors();
    assert.deepEqual(files.map((v) => v.name).sort(), TRACKERS_SCENARIOS.map((s) => s.name).sort());
    for (const v of files) assert.deepEqual(runTrackersVector(v).effects, v.expected, v.name);
  });

  it('trackVideo observes the node, starts the session, applies the node\'s state and position at once, and logs the tracking', () => {
    const s = trackersInitialState();
    const fx = step(s, video(A, { notificationInterval: 0.5, nodeState: 'playing', position: 12.5 }));
    assert.deepEqual(types(fx), ['observe', 'media:logMediaSessionStart', 'media:logQoS', 'media:logPlay', 'log']);
    assert.equal(fx[0].sessionId, 'ms-a');
    assert.equal(fx[3].session!.currentPlayheadPosition, 12500);
    assert.deepEqual([fx[4].level, fx[4].text], [LOG_LEVEL.INFO, 'tracking a Video node for media session ms-a']);
    assert.deepEqual(Object.keys(s.trackers), ['ms-a']);
    assert.equal(s.trackers['ms-a'].nodeState, 'playing');
  });

  it('a session the media logic already has gets no second Media Session Start', () => {
    const fx = step(trackersInitialState(), video(A, { mediaSessions: { 'ms-a': {} } }));
    assert.deepEqual(types(fx), ['observe', 'log']);
  });

  it('a second trackVideo of the session replaces its tracker: the old node is unobserved first', () => {
    const s = trackersInitialState();
    step(s, video(A, { options: { playheadIntervalMillis: 5000 } }));
    const first = s.trackers['ms-a'];
    const fx = step(s, video(A, { options: { playheadIntervalMillis: 0 }, mediaSessions: { 'ms-a': {} } }), T + 10);
    assert.deepEqual(types(fx), ['unobserve', 'observe', 'log']);
    assert.notEqual(s.trackers['ms-a'], first);
    assert.equal(s.trackers['ms-a'].playheadIntervalMillis, 0);
    assert.equal(Object.keys(s.trackers).length, 1);
  });

  it('a node event goes to its session\'s tracker only, and makes nothing for a session not tracked', () => {
    const s = trackersInitialState();
    step(s, video(A));
    step(s, video(B));
    const fx = step(s, { kind: 'nodeEvent', sessionId: 'ms-b', field: 'state', value: 'playing' }, T + 100);
    assert.deepEqual(types(fx), ['media:logQoS', 'media:logPlay']);
    assert.ok(fx.every((e) => e.session!.mediaSessionId === 'ms-b'));
    assert.equal(s.trackers['ms-a'].nodeState, 'none');
    assert.deepEqual(step(s, { kind: 'nodeEvent', sessionId: 'ms-c', field: 'state', value: 'playing' }), []);
  });

  it('a node in error makes a custom media event, not a media call', () => {
    const s = trackersInitialState();
    step(s, video(A));
    const fx = step(s, { kind: 'nodeEvent', sessionId: 'ms-a', field: 'state', value: 'error' });
    const custom = fx.filter((e) => e.type === 'customEvent');
    assert.equal(custom.length, 1);
    assert.deepEqual([custom[0].name, custom[0].eventType], [TRACKING_EVENT_NAME.MEDIA_ERROR, 'media']);
    assert.equal(typeof custom[0].attrs, 'object');
  });

  it('stopTracking unobserves, forgets the tracker and ends the session with its options; of an untracked session it is logged and dropped', () => {
    const s = trackersInitialState();
    step(s, video(A));
    const fx = step(s, { kind: 'stopTracking', session: A, options: { reason: 'done' } });
    assert.deepEqual(types(fx), ['unobserve', 'media:logMediaSessionEnd']);
    assert.deepEqual(fx[1].options, { reason: 'done' });
    assert.deepEqual(s.trackers, {});
    assert.deepEqual(step(s, { kind: 'nodeEvent', sessionId: 'ms-a', field: 'position', value: 3 }), []);
    const again = step(s, { kind: 'stopTracking', session: A, options: {} });
    assert.deepEqual(again, [{ type: 'log', level: LOG_LEVEL.ERROR, text: 'media.stopTracking: media session ms-a is not tracked (trackVideo first); call dropped' }]);
  });

  it('an ad event of an untracked session makes a tracker without a node (no observe) that starts the session', () => {
    const s = trackersInitialState();
    const fx = step(s, { kind: 'adEvent', session: A, eventType: 'PodStart', event: { rendersequence: 'preroll', duration: 10 }, mediaSessions: {} });
    assert.deepEqual(types(fx), ['media:logMediaSessionStart', 'media:logAdBreakStart']);
    assert.ok('ms-a' in s.trackers);
    const stop = step(s, { kind: 'stopTracking', session: A, options: {} });
    assert.deepEqual(types(stop), ['unobserve', 'media:logMediaSessionEnd']);
  });

  it('a stitched event needs source rafx or ima; anything else is logged and makes no tracker', () => {
    const s = trackersInitialState();
    const fx = step(s, { kind: 'stitchedAdEvent', session: A, source: 'dai', eventType: 'PodStart', event: {}, mediaSessions: {} });
    assert.deepEqual(fx, [{ type: 'log', level: LOG_LEVEL.ERROR, text: 'media.trackStitchedAdEvent: source must be rafx or ima, got dai; call dropped' }]);
    assert.deepEqual(s.trackers, {});
    step(s, { kind: 'stitchedAdEvent', session: B, source: 'ima', eventType: 'adBreakStarted', event: { duration: 10, timeOffset: 0 }, mediaSessions: {} });
    assert.equal(s.trackers['ms-b'].stitched, true);
  });

  it('each call without a non-empty mediaSessionId string logs one line under its method and changes nothing', () => {
    const bad: unknown[] = ['x', {}, { mediaSessionId: '' }, { mediaSessionId: 3 }];
    const inputs = (session: unknown): [string, TrackersInput][] => [
      ['media.trackVideo', video(session)],
      ['media.stopTracking', { kind: 'stopTracking', session, options: {} }],
      ['media.trackAdEvent', { kind: 'adEvent', session, eventType: 'PodStart', event: {}, mediaSessions: {} }],
      ['media.trackStitchedAdEvent', { kind: 'stitchedAdEvent', session, source: 'rafx', eventType: 'PodStart', event: {}, mediaSessions: {} }],
    ];
    for (const session of bad) {
      for (const [where, input] of inputs(session)) {
        const s = trackersInitialState();
        const fx = step(s, input);
        assert.deepEqual(fx, [{ type: 'log', level: LOG_LEVEL.ERROR, text: `${where}: the media session has no mediaSessionId (build it with MediaSession.build); call dropped` }], `${where} ${JSON.stringify(session)}`);
        assert.deepEqual(s.trackers, {});
      }
    }
  });

  it('after an opt-out the trackers follow the node but make no call', () => {
    const s = trackersInitialState({ optedOut: true });
    assert.deepEqual(types(step(s, video(A, { nodeState: 'playing', position: 0 }))), ['observe', 'log']);
    assert.deepEqual(step(s, { kind: 'nodeEvent', sessionId: 'ms-a', field: 'state', value: 'error' }), []);
    assert.equal(s.trackers['ms-a'].nodeState, 'error');
    assert.deepEqual(types(step(s, { kind: 'stopTracking', session: A, options: {} })), ['unobserve']);
  });

  it('a Task without credentials tracks nothing', () => {
    const s = trackersInitialState({ ready: false });
    assert.deepEqual(step(s, video(A)), []);
    assert.deepEqual(step(s, { kind: 'adEvent', session: A, eventType: 'PodStart', event: {}, mediaSessions: {} }), []);
    assert.deepEqual(s.trackers, {});
  });

  it('replays every tracking vector with the same calls as the tracker alone, in order', () => {
    for (const v of loadTrackingVectors()) {
      const effects = runTrackersVector(trackingAsTableVector(v)).effects.flat() as TrackersEffect[];
      const calls = effects.filter((e) => e.type === 'media' || e.type === 'customEvent').map((e) => (e.type === 'media' ? e.method : `logEvent:${e.name}`));
      const expected = runTrackVector(v).calls.map((c) => (c.method === 'logEvent' ? `logEvent:${c.eventName}` : c.method));
      assert.deepEqual(calls, expected, v.name);
    }
  });

  it('random sequences never throw, keep sessions apart, and always log a dropped call', () => {
    for (let i = 0; i < 30; i++) {
      const v = randomTrackersVector(`trackers-ts-${i}`);
      const { effects, state } = runTrackersVector(v);
      v.steps.forEach((st, k) => {
        for (const e of effects[k] as TrackersEffect[]) {
          if (e.type === 'media' && st.input.kind === 'nodeEvent') assert.equal(e.session!.mediaSessionId, st.input.sessionId);
        }
        if (st.input.kind !== 'nodeEvent' && (effects[k] as unknown[]).length === 0) assert.ok(st.input.kind === 'adEvent' || st.input.kind === 'stitchedAdEvent', `${v.name} step ${k}`);
      });
      for (const id of Object.keys(state.trackers)) assert.ok(['ms-a', 'ms-b', 'ms-c'].includes(id));
    }
  });
});
