import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { MEDIA_APIS, MEDIA_ATTRIBUTE, MEDIA_EVENT_NAME, MEDIA_METHOD } from '../../src-ts/schema';
import { mediaReduce, newMediaState } from '../../src-ts/logic/media';
import { MediaCall, MediaEvent, MediaState } from '../../src-ts/logic/media-types';
import { buildSession } from './vector-author';

type Obj = Record<string, unknown>;

const session = (over: Obj = {}): Obj => buildSession('ms-1', over);

/** Runs calls [t, method, session, options?, args?] and returns all events and errors. */
function run(calls: [number, string, unknown, unknown?, Obj?][], autoSummaries = false, state: MediaState = newMediaState()) {
  const events: MediaEvent[] = [];
  const errors: string[] = [];
  for (const [t, method, s, options, args] of calls) {
    const r = mediaReduce(state, { method, session: s, args: args ?? {}, options, autoSummaries }, t, 'unused');
    state = r.state;
    events.push(...r.events);
    errors.push(...r.errors);
  }
  return { events, errors, state };
}

function named(events: MediaEvent[], name: string): MediaEvent[] {
  return events.filter((e) => e.name === name);
}

describe('mediaReduce', () => {
  it('starts from an empty state', () => {
    assert.deepEqual(newMediaState(), { sessions: {}, closedIds: [] });
  });

  it('maps every method of MEDIA_APIS to its event name', () => {
    for (const api of MEDIA_APIS) {
      const s = session({
        adBreak: { id: 'B', title: 'Break', duration: 1 },
        adContent: { id: 'A', title: 'Ad' },
        segment: { title: 'S', index: 0, duration: 1 },
      });
      const setup: [number, string, unknown][] = [[1, 'logMediaSessionStart', s]];
      if (api.method === 'logAdSummary') setup.push([2, 'logAdStart', s], [3, 'logAdEnd', s]);
      if (api.method === 'logSegmentSummary') setup.push([2, 'logSegmentStart', s], [3, 'logSegmentEnd', s]);
      if (api.method === 'logMediaSessionSummary') setup.push([3, 'logMediaSessionEnd', s]);
      if (api.method === 'logAdBreakEnd') setup.push([2, 'logAdBreakStart', s]);
      if (api.method === 'logAdEnd' || api.method === 'logAdSkip') setup.push([2, 'logAdStart', s]);
      if (api.method === 'logSegmentEnd' || api.method === 'logSegmentSkip') setup.push([2, 'logSegmentStart', s]);
      const { errors, state } = run(setup);
      assert.deepEqual(errors, []);
      const r = mediaReduce(state, { method: api.method, session: s, args: {}, options: undefined }, 10, 'x');
      assert.deepEqual(r.errors, [], api.method);
      assert.equal(r.events.length, 1, api.method);
      assert.equal(r.events[0].name, api.event);
      assert.equal(r.events[0].sessionId, 'ms-1');
    }
  });

  it('computes the spec example totals, flags and times', () => {
    const s = session();
    const t0 = 1593007500000;
    const calls: [number, string, unknown, unknown?][] = [[t0, 'logMediaSessionStart', { ...s }], [t0 + 1000, 'logPlay', { ...s }]];
    calls.push([t0 + 2900, 'logPause', { ...s, currentPlayheadPosition: 1900 }]);
    const withBreak = { ...s, currentPlayheadPosition: 1900, adBreak: { id: 'XYZ123', title: 'Gamer Ad Collection', duration: 32000 } };
    calls.push([t0 + 3000, 'logAdBreakStart', withBreak]);
    const ad = { id: 'ABC890', title: 'CP 2077 - Be Cool, Be Anything', duration: 16000, position: 0, campaign: 'CP 2077 Preorder Push' };
    calls.push([t0 + 3100, 'logAdStart', { ...withBreak, adContent: ad, mediaContentTimeSpent: 1950 }]);
    const click = { click_timestamp_ms: 1593007533602 };
    const ended = { ...withBreak, adContent: { ...ad, position: 800 }, mediaContentTimeSpent: 2750 };
    calls.push([t0 + 19100, 'logAdEnd', ended, click], [t0 + 19100, 'logAdSummary', ended, click]);
    calls.push([t0 + 19200, 'logAdBreakEnd', withBreak, click]);
    calls.push([t0 + 19300, 'logMediaContentEnd', { ...s }, click], [t0 + 19400, 'logMediaSessionEnd', { ...s }, click]);
    calls.push([t0 + 19500, 'logMediaSessionSummary', { ...s }, click]);
    const { events, errors } = run(calls);
    assert.deepEqual(errors, []);
    const [adSummary] = named(events, MEDIA_EVENT_NAME.AD_SUMMARY);
    assert.equal(adSummary.attrs.click_timestamp_ms, '1593007533602');
    assert.equal(adSummary.attrs[MEDIA_ATTRIBUTE.AD_CONTENT_ID], 'ABC890');
    assert.equal(adSummary.attrs[MEDIA_ATTRIBUTE.AD_CONTENT_POSITION], '800');
    assert.equal(adSummary.attrs[MEDIA_ATTRIBUTE.AD_BREAK_ID], 'XYZ123');
    assert.equal(adSummary.attrs[MEDIA_ATTRIBUTE.AD_CONTENT_START_TIME], String(t0 + 3100));
    assert.equal(adSummary.attrs[MEDIA_ATTRIBUTE.AD_CONTENT_END_TIME], String(t0 + 19100));
    assert.equal(adSummary.attrs[MEDIA_ATTRIBUTE.AD_COMPLETED], 'true');
    assert.equal(adSummary.attrs[MEDIA_ATTRIBUTE.AD_SKIPPED], 'false');
    const [breakEnd] = named(events, MEDIA_EVENT_NAME.AD_BREAK_END);
    assert.equal(breakEnd.attrs[MEDIA_ATTRIBUTE.AD_BREAK_PLAYBACK_TIME], '16200');
    const [summary] = named(events, MEDIA_EVENT_NAME.SESSION_SUMMARY);
    assert.deepEqual(
      {
        start: summary.attrs[MEDIA_ATTRIBUTE.MEDIA_SESSION_START_TIME],
        end: summary.attrs[MEDIA_ATTRIBUTE.MEDIA_SESSION_END_TIME],
        spent: summary.attrs[MEDIA_ATTRIBUTE.MEDIA_TIME_SPENT],
        content: summary.attrs[MEDIA_ATTRIBUTE.MEDIA_CONTENT_TIME_SPENT],
        complete: summary.attrs[MEDIA_ATTRIBUTE.MEDIA_CONTENT_COMPLETE],
        ads: summary.attrs[MEDIA_ATTRIBUTE.MEDIA_SESSION_AD_TOTAL],
        adObjects: summary.attrs[MEDIA_ATTRIBUTE.MEDIA_SESSION_AD_OBJECTS],
        adTime: summary.attrs[MEDIA_ATTRIBUTE.MEDIA_TOTAL_AD_TIME_SPENT],
        rate: summary.attrs[MEDIA_ATTRIBUTE.MEDIA_AD_TIME_SPENT_RATE],
        segments: summary.attrs[MEDIA_ATTRIBUTE.MEDIA_SESSION_SEGMENT_TOTAL],
      },
      {
        start: '1593007500000',
        end: '1593007519400',
        spent: '19400',
        // Play at +1000 to Pause at +2900; the channel's mediaContentTimeSpent (1950, 2750) is ignored.
        content: '1900',
        complete: 'true',
        ads: '1',
        adObjects: '["ABC890"]',
        adTime: '16000',
        rate: '82.47',
        segments: '0',
      },
    );
  });

  it('puts the content attributes on every event', () => {
    const { events } = run([
      [1, 'logMediaSessionStart', session()],
      [2, 'logPlay', session({ currentPlayheadPosition: 1234.5 })],
    ]);
    assert.deepEqual(events[1].attrs, {
      media_session_id: 'ms-1',
      content_id: 'ABC123',
      content_title: 'Space Pilot 3000',
      content_duration: '1800000',
      content_type: 'Video',
      stream_type: 'LiveStream',
      playhead_position: '1234.5',
    });
  });

  it('never lets content time shrink, whatever the channel sets or the clock does', () => {
    const { events } = run([
      [10000, 'logMediaSessionStart', session()],
      [11000, 'logPlay', session()],
      [15000, 'logPause', session({ mediaContentTimeSpent: 99 })],
      [12000, 'logPlay', session({ mediaContentTimeSpent: 1 })],
      [11000, 'logPause', session()],
      [16000, 'logMediaSessionEnd', session({ mediaContentTimeSpent: 0 })],
      [17000, 'logMediaSessionSummary', session()],
    ]);
    const times = events.map((e) => e.attrs[MEDIA_ATTRIBUTE.MEDIA_CONTENT_TIME_SPENT]).filter((v) => v !== undefined);
    assert.deepEqual(times, ['4000', '4000']);
  });

  it('stops content time during ad breaks only with excludeAdBreaksFromContentTime', () => {
    const flow = (exclude: boolean) => {
      const s = session({ excludeAdBreaksFromContentTime: exclude });
      const b = { ...s, adBreak: { id: 'B', title: 'T', duration: 1 } };
      const { events } = run([
        [0, 'logPlay', s],
        [1000, 'logAdBreakStart', b],
        [4000, 'logAdBreakEnd', b],
        [5000, 'logMediaSessionEnd', s],
      ]);
      return named(events, MEDIA_EVENT_NAME.SESSION_END)[0].attrs[MEDIA_ATTRIBUTE.MEDIA_CONTENT_TIME_SPENT];
    };
    assert.equal(flow(true), '2000');
    assert.equal(flow(false), '5000');
  });

  it('sends summaries by itself with autoSummaries, each at most once', () => {
    const s = session({ adContent: { id: 'A', title: 'Ad' }, segment: { title: 'S', index: 1, duration: 5 } });
    const { events, errors } = run(
      [
        [0, 'logMediaSessionStart', s],
        [1, 'logAdStart', s],
        [2, 'logAdSkip', s],
        [3, 'logAdSummary', s],
        [4, 'logSegmentStart', s],
        [5, 'logSegmentEnd', s],
        [6, 'logMediaSessionEnd', s],
        [7, 'logMediaSessionSummary', s],
      ],
      true,
    );
    assert.deepEqual(
      events.map((e) => e.name),
      ['Media Session Start', 'Ad Start', 'Ad Skip', 'Ad Session Summary', 'Segment Start', 'Segment End', 'Segment Session Summary', 'Media Session End', 'Media Session Summary'],
    );
    assert.equal(errors.length, 2);
    const [adSummary] = named(events, MEDIA_EVENT_NAME.AD_SUMMARY);
    assert.equal(adSummary.attrs[MEDIA_ATTRIBUTE.AD_SKIPPED], 'true');
    assert.equal(adSummary.attrs[MEDIA_ATTRIBUTE.AD_COMPLETED], 'false');
  });

  it('rejects with one error and no event what it cannot process, and never throws', () => {
    const bad: MediaCall[] = [
      { method: 'logPlay', session: undefined, args: {}, options: undefined },
      { method: 'logPlay', session: null, args: {}, options: undefined },
      { method: 'logPlay', session: 42, args: {}, options: undefined },
      { method: 'logPlay', session: { mediaSessionId: ['x'] }, args: {}, options: undefined },
      { method: 'toString', session: session(), args: {}, options: undefined },
      { method: undefined as unknown as string, session: session(), args: {}, options: undefined },
      { method: 'logSeekStart', session: session(), args: { position: NaN.toString() }, options: undefined },
      { method: 'logBufferEnd', session: session(), args: { duration: [1] }, options: undefined },
    ];
    for (const call of bad) {
      const r = mediaReduce(newMediaState(), call, 1, 'x');
      assert.equal(r.events.length, 0, JSON.stringify(call));
      assert.equal(r.errors.length, 1, JSON.stringify(call));
    }
    const odd = mediaReduce(newMediaState(), { method: 'logPlay', session: session(), args: undefined as unknown as MediaCall['args'], options: 5 }, 1, 'x');
    assert.equal(odd.events.length, 1);
  });

  it('does not change the session object or options the channel passed', () => {
    const deepFreeze = (o: unknown): unknown => {
      if (o !== null && typeof o === 'object') {
        Object.values(o as Obj).forEach(deepFreeze);
        Object.freeze(o);
      }
      return o;
    };
    const s = deepFreeze(session({ adContent: { id: 'A' }, adBreak: { id: 'B' }, segment: { title: 'S' }, mediaSessionAttributes: { a: 1 } }));
    const options = deepFreeze({ b: [1, 2] });
    const methods = Object.values(MEDIA_METHOD);
    assert.doesNotThrow(() => run(methods.map((m, i) => [i, m, s, options, { position: 1 }] as [number, string, unknown, unknown, Obj]), true));
  });

  it('keeps two sessions apart and closes one without touching the other', () => {
    const a = session({ mediaSessionId: 'a' });
    const b = session({ mediaSessionId: 'b' });
    const { state, errors } = run([
      [0, 'logPlay', a],
      [0, 'logPlay', b],
      [10, 'logMediaSessionEnd', a],
      [11, 'logMediaSessionSummary', a],
      [12, 'logPause', a],
      [12, 'logPause', b],
    ]);
    assert.equal(errors.length, 1);
    assert.deepEqual(Object.keys(state.sessions), ['b']);
    assert.deepEqual(state.closedIds, ['a']);
  });

  it('formats custom attributes of every type and lets per-call options win', () => {
    const s = session({ mediaSessionAttributes: { shared: 'session', keep: 1 } });
    const { events } = run([[1, 'logPlay', s, { shared: 'call', n: 1593007533602, d: 0.5, f: false, a: [1, 'x'], o: { k: 1 }, z: null }]]);
    const attrs = events[0].attrs;
    assert.equal(attrs.shared, 'call');
    assert.equal(attrs.keep, '1');
    assert.equal(attrs.n, '1593007533602');
    assert.equal(attrs.d, '0.5');
    assert.equal(attrs.f, 'false');
    assert.equal(attrs.a, '[1,"x"]');
    assert.equal(attrs.o, '{"k":1}');
    assert.ok(!('z' in attrs));
  });
});

describe('media logic sources', () => {
  const dir = path.join(__dirname, '..', '..', 'src-ts', 'logic');
  const sources = fs
    .readdirSync(dir)
    .filter((f) => /^media.*\.ts$/.test(f))
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));

  it('reads only schema keys that exist', () => {
    const maps: Record<string, Readonly<Record<string, string>>> = { MEDIA_ATTRIBUTE, MEDIA_EVENT_NAME, MEDIA_METHOD };
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/\b(MEDIA_ATTRIBUTE|MEDIA_EVENT_NAME|MEDIA_METHOD)\.(\w+)/g)) {
        assert.ok(m[2] in maps[m[1]], `${file}: ${m[0]} is not in the schema`);
      }
    }
  });

  it('writes no attribute key or event name as a literal', () => {
    const reserved = new Set([...Object.values(MEDIA_ATTRIBUTE), ...Object.values(MEDIA_EVENT_NAME)]);
    for (const { file, text } of sources) {
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const m of code.matchAll(/'([^'\n]*)'|"([^"\n]*)"/g)) {
        const literal = m[1] ?? m[2];
        assert.ok(!reserved.has(literal), `${file}: literal '${literal}' should come from the schema`);
      }
    }
  });

  it('stays under 800 lines per file', () => {
    for (const { file, text } of sources) assert.ok(text.split('\n').length < 800, file);
  });
});
