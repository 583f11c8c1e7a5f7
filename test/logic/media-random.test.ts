import { strict as assert } from 'assert';
import { MEDIA_APIS, MEDIA_ATTRIBUTE, MEDIA_EVENT_NAME } from '../../src-ts/schema';
import { mediaReduce, newMediaState } from '../../src-ts/logic/media';
import { MediaEvent } from '../../src-ts/logic/media-types';
import { randomVector } from './random-calls';
import { runVector } from './run-vector';

const CONTENT_KEYS = [
  MEDIA_ATTRIBUTE.MEDIA_SESSION_ID,
  MEDIA_ATTRIBUTE.CONTENT_ID,
  MEDIA_ATTRIBUTE.CONTENT_TITLE,
  MEDIA_ATTRIBUTE.CONTENT_DURATION,
  MEDIA_ATTRIBUTE.CONTENT_TYPE,
  MEDIA_ATTRIBUTE.STREAM_TYPE,
  MEDIA_ATTRIBUTE.PLAYHEAD_POSITION,
];

const SEEDS = Array.from({ length: 150 }, (_, i) => `seed-${i}`);

describe('media logic on random call sequences', () => {
  it('gives the same vector for the same seed', () => {
    assert.deepEqual(randomVector('fixed-seed', 80), randomVector('fixed-seed', 80));
    assert.notDeepEqual(randomVector('fixed-seed', 80).calls, randomVector('other-seed', 80).calls);
  });

  it('covers the event name of every media API over the seeds', () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) for (const e of randomVector(seed, 80).expected) seen.add(e.name);
    // MEDIA_EVENT_NAME also holds names no API logs (MILESTONE, for logEvent).
    assert.deepEqual([...seen].sort(), MEDIA_APIS.map((a) => a.event).sort());
  });

  for (const seed of SEEDS) {
    it(`keeps the invariants for seed ${seed}`, () => {
      const vector = randomVector(seed, 80);
      let state = newMediaState();
      const events: MediaEvent[] = [];
      vector.calls.forEach((c, i) => {
        const r = mediaReduce(
          state,
          { method: c.method, session: c.session, args: c.args ?? {}, options: c.options, autoSummaries: vector.options?.autoSummaries === true },
          c.t,
          `id-${i}`,
        );
        state = r.state;
        // A call either is processed (at least one event) or is rejected with exactly one error.
        assert.ok(r.events.length > 0 || r.errors.length === 1, `call ${i} ${c.method}: ${JSON.stringify(r)}`);
        for (const e of r.errors) assert.ok(typeof e === 'string' && e.length > 0);
        events.push(...r.events);
      });
      assert.ok(Object.keys(state.sessions).length <= 8);
      assert.deepEqual(JSON.parse(JSON.stringify(state)), state, 'state is plain data');

      const contentTime = new Map<string, number>();
      const adSummaryAllowed = new Map<string, boolean>();
      const segmentSummaryAllowed = new Map<string, boolean>();
      const sessionSummaries = new Map<string, number>();
      for (const e of events) {
        for (const k of CONTENT_KEYS) assert.equal(typeof e.attrs[k], 'string', `${e.name} lacks ${k}`);
        assert.equal(e.attrs[MEDIA_ATTRIBUTE.MEDIA_SESSION_ID], e.sessionId);
        for (const v of Object.values(e.attrs)) assert.equal(typeof v, 'string');

        const ct = e.attrs[MEDIA_ATTRIBUTE.MEDIA_CONTENT_TIME_SPENT];
        if (ct !== undefined) {
          const now = Number(ct);
          assert.ok(Number.isInteger(now) && now >= 0, ct);
          assert.ok(now >= (contentTime.get(e.sessionId) ?? 0), `content time shrank in ${e.sessionId}`);
          contentTime.set(e.sessionId, now);
        }
        if (e.name === MEDIA_EVENT_NAME.AD_START) adSummaryAllowed.set(e.sessionId, true);
        if (e.name === MEDIA_EVENT_NAME.SEGMENT_START) segmentSummaryAllowed.set(e.sessionId, true);
        if (e.name === MEDIA_EVENT_NAME.AD_SUMMARY) {
          assert.ok(adSummaryAllowed.get(e.sessionId), 'a second Ad Session Summary for one ad');
          adSummaryAllowed.set(e.sessionId, false);
          assert.ok(Number(e.attrs[MEDIA_ATTRIBUTE.AD_CONTENT_END_TIME]) >= 0);
        }
        if (e.name === MEDIA_EVENT_NAME.SEGMENT_SUMMARY) {
          assert.ok(segmentSummaryAllowed.get(e.sessionId), 'a second Segment Session Summary for one segment');
          segmentSummaryAllowed.set(e.sessionId, false);
          assert.ok(Number(e.attrs[MEDIA_ATTRIBUTE.MEDIA_SEGMENT_TIME_SPENT]) >= 0);
        }
        if (e.name === MEDIA_EVENT_NAME.SESSION_SUMMARY) {
          sessionSummaries.set(e.sessionId, (sessionSummaries.get(e.sessionId) ?? 0) + 1);
          const ads = JSON.parse(e.attrs[MEDIA_ATTRIBUTE.MEDIA_SESSION_AD_OBJECTS]) as unknown[];
          assert.ok(ads.every((a) => typeof a === 'string'));
          assert.ok(ads.length <= Number(e.attrs[MEDIA_ATTRIBUTE.MEDIA_SESSION_AD_TOTAL]));
          assert.ok(Number(e.attrs[MEDIA_ATTRIBUTE.MEDIA_TIME_SPENT]) >= 0);
          assert.ok(Number(e.attrs[MEDIA_ATTRIBUTE.MEDIA_TOTAL_AD_TIME_SPENT]) >= 0);
        }
      }
      for (const n of sessionSummaries.values()) assert.equal(n, 1);
      // runVector (reused by the BrightScript comparison) sees exactly what the loop saw.
      assert.deepEqual(runVector(vector).events, events);
    });
  }
});
