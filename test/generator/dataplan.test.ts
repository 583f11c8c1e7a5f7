/**
 * generated/dataplan.json and sim/live/dataplan.ts: the plan is built from the schema, the
 * media logic's events conform to it, and mParticle's offline validator
 * (@mparticle/data-planning-node) reports each kind of violation where it should. The batches
 * the simulator delivers are checked in test/runtime/spec-snippets.test.ts (the spec's example
 * flow) and test/deploy/sample-channel-e2e.test.ts (the sample channel).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUILDERS, MEDIA_APIS, MEDIA_ATTRIBUTES, DATA_PLAN } from '../../src-ts/schema';
import { DataPlanService } from '@mparticle/data-planning-node';
import { dataPlanVersion, sdkKeyPrefixes } from '../../src-ts/generator/emit-dataplan';
import { dataPlanViolations, loadDataPlan, type DataPlanVersionDoc, type DataPlanViolation } from '../../sim/live/dataplan';
import { runVector, type Vector } from '../logic/run-vector';
import type { NativeBatch, NativeMessage } from '../../sim/collector/types';

const VECTORS = path.join(__dirname, '..', 'vectors');
const readVector = (file: string) => JSON.parse(readFileSync(path.join(VECTORS, file), 'utf8')) as Vector;

interface Point {
  match: { type: string; criteria?: { event_name?: string; custom_event_type?: string } };
  validator: { type: string; definition: Record<string, any> };
}
const points = (v: DataPlanVersionDoc) => (v as unknown as { version_document: { data_points: Point[] } }).version_document.data_points;
const mediaPoint = (v: DataPlanVersionDoc, event: string) => {
  const p = points(v).find((x) => x.match.type === 'custom_event' && x.match.criteria?.event_name === event);
  assert.ok(p, `no point for ${event}`);
  return p.validator.definition.properties.data.properties.custom_attributes as { properties: Record<string, any>; required?: string[] };
};

/** The native batch the Task would upload for these logic events. */
function batchOf(events: { name: string; attrs: Record<string, unknown> }[], extra: Partial<NativeBatch> = {}): NativeBatch {
  const msgs: NativeMessage[] = events.map((e, i) => ({ dt: 'e', id: `m${i}`, ct: 1593007500000 + i, sid: 'sid-1', sct: 1593007500000, n: e.name, et: 'media', attrs: e.attrs }));
  return { dt: 'h', id: 'batch-1', mpid: '42', ct: 1593007600000, dbg: true, msgs, ...extra };
}

/** Every call of a vector that the Task lets through: it drops calls missing a required number argument. */
function taskAccepted(vector: Vector): Vector {
  const numbers = (method: string) => MEDIA_APIS.find((a) => a.method === method)?.params.filter((p) => p.kind === 'number').map((p) => p.name) ?? [];
  return { ...vector, calls: vector.calls.filter((c) => numbers(c.method).every((n) => typeof c.args?.[n] === 'number')) };
}

const only = (violations: DataPlanViolation[]) => {
  assert.equal(violations.length, 1, JSON.stringify(violations));
  return violations[0];
};

describe('data plan (generated/dataplan.json)', () => {
  const plan = loadDataPlan();
  const specFlow = runVector(readVector('spec-example-flow.json')).events;
  const play = () => structuredClone(specFlow.find((e) => e.name === 'Play')!);

  it('is the version document the generator makes, with the schema\'s plan id and version', () => {
    assert.deepEqual(plan, dataPlanVersion());
    const v = plan as unknown as Record<string, unknown>;
    assert.equal(v.data_plan_id, DATA_PLAN.id);
    assert.equal(v.version, DATA_PLAN.version);
    for (const p of points(plan)) assert.equal(p.validator.type, 'json_schema');
  });

  it('plans every media API event as a custom event of type media', () => {
    for (const api of MEDIA_APIS) {
      const p = points(plan).find((x) => x.match.criteria?.event_name === api.event);
      assert.ok(p, api.event);
      assert.deepEqual(p.match, { type: 'custom_event', criteria: { event_name: api.event, custom_event_type: 'media' } });
    }
  });

  it('describes every attribute as a string; numbers and booleans by pattern or enum', () => {
    const attrs = mediaPoint(plan, 'Media Session Summary').properties;
    for (const a of MEDIA_ATTRIBUTES) {
      const s = points(plan).map((p) => p.validator.definition.properties?.data?.properties?.custom_attributes?.properties?.[a.key]).find(Boolean);
      assert.ok(s, `${a.key} is planned on no event`);
      assert.equal(s.type, 'string', a.key);
      if (a.kind === 'boolean') assert.deepEqual(s.enum, ['true', 'false'], a.key);
      if (['integer', 'milliseconds', 'decimal', 'timestamp'].includes(a.kind)) assert.ok(s.pattern, a.key);
    }
    assert.deepEqual(mediaPoint(plan, 'Media Session Summary').required?.includes('media_session_ad_objects'), true);
    assert.ok(attrs.media_content_complete);
  });

  it('marks the attributes the SDK always sends as required', () => {
    const common = ['media_session_id', 'content_id', 'content_title', 'content_duration', 'content_type', 'stream_type', 'playhead_position'];
    for (const api of MEDIA_APIS) for (const k of common) assert.ok(mediaPoint(plan, api.event).required?.includes(k), `${api.event} ${k}`);
    assert.ok(mediaPoint(plan, 'Seek Start').required?.includes('seek_position'));
    // Optional: automatic tracking sends only the QoS values the player reports.
    assert.deepEqual(mediaPoint(plan, 'Update QoS').required?.filter((k) => k.startsWith('qos_')), []);
    assert.deepEqual(Object.keys(mediaPoint(plan, 'Update QoS').properties).filter((k) => k.startsWith('qos_')).sort(), ['qos_bitrate', 'qos_dropped_frames', 'qos_fps', 'qos_startup_time']);
    assert.ok(!mediaPoint(plan, 'Ad Break End').required?.includes('ad_break_playback_time'), 'only after an Ad Break Start');
  });

  it('the spec\'s example flow, as the media logic emits it, has zero violations', async () => {
    assert.deepEqual(await dataPlanViolations(batchOf(specFlow)), []);
  });

  it('every vector\'s events (calls the Task accepts) have zero violations', async () => {
    const files = readdirSync(VECTORS).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 10);
    for (const f of files) {
      const events = runVector(taskAccepted(readVector(f))).events;
      assert.deepEqual(await dataPlanViolations(batchOf(events)), [], f);
    }
  });

  it('an unplanned attribute in the SDK\'s namespace is "unplanned"; the channel\'s own keys are allowed', async () => {
    const e = play();
    e.attrs.content_ratting = 'PG'; // a misspelled content_rating
    e.attrs['my attribute'] = 'mine';
    const v = only(await dataPlanViolations(batchOf([e])));
    assert.equal(v.type, 'unplanned');
    assert.equal(v.key, 'content_ratting');
    assert.equal(v.event, 'custom_event media "Play"');
    // A summary attribute on a Play is unplanned too: it belongs to other events.
    const s = play();
    s.attrs.media_time_spent = '10';
    assert.equal(only(await dataPlanViolations(batchOf([s]))).key, 'media_time_spent');
    assert.deepEqual(sdkKeyPrefixes(), ['ad', 'buffer', 'content', 'media', 'player', 'playhead', 'qos', 'seek', 'segment', 'stream']);
  });

  it('a missing required attribute is "missing_required"', async () => {
    const e = play();
    delete e.attrs.media_session_id;
    const v = only(await dataPlanViolations(batchOf([e])));
    assert.equal(v.type, 'missing_required');
    assert.equal(v.expected, 'media_session_id');
    assert.equal(v.pointer, '#/data/custom_attributes');
  });

  it('a wrong-typed value is "invalid_value": a number instead of a string, a non-number, a non-boolean', async () => {
    const asNumber = play();
    asNumber.attrs.content_duration = 1800000 as unknown as string;
    const v1 = only(await dataPlanViolations(batchOf([asNumber])));
    assert.equal(v1.type, 'invalid_value');
    assert.equal(v1.key, 'content_duration');
    assert.equal(v1.pointer, '#/data/custom_attributes/content_duration');
    assert.match(String(v1.expected), /string/);

    const notNumber = play();
    notNumber.attrs.playhead_position = '1.9 s';
    const v2 = only(await dataPlanViolations(batchOf([notNumber])));
    assert.deepEqual([v2.type, v2.key], ['invalid_value', 'playhead_position']);

    const summary = structuredClone(specFlow.find((e) => e.name === 'Ad Session Summary')!);
    summary.attrs.ad_completed = 'yes';
    const v3 = only(await dataPlanViolations(batchOf([summary])));
    assert.deepEqual([v3.type, v3.key], ['invalid_value', 'ad_completed']);
  });

  it('plans the SDK\'s other events: session start and end, app init, opt-out, every commerce action type', async () => {
    // toEventsApi converts custom events only: these are written in the Events API form directly.
    const commerce = (data: Record<string, unknown>) => ({ event_type: 'commerce_event', data });
    const actions = (builder: string) => Object.values(BUILDERS.find((b) => b.name === builder)!.constants!.ACTION_TYPE);
    const events = [
      { event_type: 'session_start', data: {} },
      { event_type: 'session_end', data: {} },
      { event_type: 'application_state_transition', data: { application_transition_type: 'application_initialized' } },
      { event_type: 'opt_out', data: {} },
      ...actions('ProductAction').map((action) => commerce({ product_action: { action, products: [] } })),
      ...actions('PromotionAction').map((action) => commerce({ promotion_action: { action, promotions: [] } })),
      commerce({ product_impressions: [] }),
    ];
    assert.ok(actions('ProductAction').length >= 10);
    const ok = await new DataPlanService().validateBatch({ mpid: '42', environment: 'development', user_attributes: {}, events } as never, plan);
    assert.deepEqual(ok.results, []);
    const bogus = await new DataPlanService().validateBatch({ mpid: '42', environment: 'development', user_attributes: {}, events: [commerce({ product_action: { action: 'bogus' } })] } as never, plan);
    assert.equal(bogus.results?.[0].data?.validation_errors?.[0].validation_error_type, 'unplanned');
  });

  it('an event the plan does not have is "unplanned" (a channel adds points for its own logEvent names)', async () => {
    const v = only(await dataPlanViolations(batchOf([{ name: 'Channel Event', attrs: {} }])));
    assert.deepEqual([v.type, v.key], ['unplanned', 'Channel Event']);
  });

  it('checks the batch\'s user attributes against the user_attributes point', async () => {
    assert.deepEqual(await dataPlanViolations(batchOf([], { ua: { $FirstName: 'Ada', tags: ['a', 'b'] } })), []);
    const v = only(await dataPlanViolations(batchOf([], { ua: { $Age: 42 } })));
    assert.deepEqual([v.event, v.type, v.key], ['user_attributes', 'invalid_value', '$Age']);
  });

  it('needs its user_attributes point: without it, data-planning-node 1.0.3 flags every batch', async () => {
    const bare = structuredClone(plan) as unknown as { version_document: { data_points: Point[] } };
    bare.version_document.data_points = bare.version_document.data_points.filter((p) => p.match.type !== 'user_attributes');
    const v = only(await dataPlanViolations(batchOf(specFlow), bare as unknown as DataPlanVersionDoc));
    assert.deepEqual([v.event, v.type, v.key], ['user_attributes', 'unknown', 'user_attributes']);
  });
});
