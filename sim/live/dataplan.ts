/**
 * Offline data plan validation of what the SDK uploads, shared by tools and tests: a native
 * batch as the collector receives it -> the Events API form (sim/collector/eventsApi.ts) ->
 * `DataPlanService.validateBatch` of @mparticle/data-planning-node against
 * generated/dataplan.json. No network: the service's offline mode needs no credentials.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DataPlanService } from '@mparticle/data-planning-node';
import { toEventsApi } from '../collector/eventsApi';
import type { NativeBatch } from '../collector/types';

/** generated/dataplan.json, the plan `loadDataPlan()` reads by default. */
export const DATA_PLAN_FILE = path.join(__dirname, '..', '..', 'generated', 'dataplan.json');

/** A data plan version: `{data_plan_id, version, version_document: {data_points}}`. */
export type DataPlanVersionDoc = Parameters<DataPlanService['validateBatch']>[1];
type EventsApiBatch = Parameters<DataPlanService['validateBatch']>[0];

/** One thing the plan does not allow, flattened from the validator's result events. */
export interface DataPlanViolation {
  /** The event it concerns: `custom_event media "Play"`, or `user_attributes`. */
  event: string;
  /** `unplanned` (an event or attribute the plan lacks), `missing_required`, `invalid_value`, or `unknown`. */
  type: string;
  /** The attribute (or event) key concerned, when the validator names one. */
  key?: string;
  /** JSON pointer into the event, e.g. `#/data/custom_attributes/content_duration`. */
  pointer?: string;
  /** What the plan expected (the validator's message). */
  expected?: string;
  /** The value found. */
  actual?: unknown;
}

/** Reads a data plan version file (default generated/dataplan.json). */
export function loadDataPlan(file = DATA_PLAN_FILE): DataPlanVersionDoc {
  return JSON.parse(readFileSync(file, 'utf8')) as DataPlanVersionDoc;
}

/**
 * The Events API batch the validator takes: the custom events of `toEventsApi` plus the
 * batch's user attributes. Other native message types (session start/end, screen views, app
 * state) are not translated by `toEventsApi` and so are not validated here.
 */
export function toValidatorBatch(batch: NativeBatch): EventsApiBatch {
  const view = toEventsApi(batch);
  const ua = batch.ua;
  const userAttributes = typeof ua === 'object' && ua !== null && !Array.isArray(ua) ? (ua as Record<string, unknown>) : {};
  return {
    source_request_id: view.source_request_id,
    mpid: view.mpid ?? '',
    environment: view.environment,
    user_attributes: userAttributes,
    events: view.events,
  } as unknown as EventsApiBatch;
}

function describeMatch(match: unknown): string {
  const m = (match ?? {}) as { type?: string; criteria?: Record<string, unknown> };
  const c = m.criteria ?? {};
  if (m.type === 'custom_event') return `custom_event ${String(c.custom_event_type)} ${JSON.stringify(c.event_name)}`;
  const first = Object.values(c)[0];
  return first === undefined ? String(m.type ?? 'unknown event') : `${String(m.type)} ${JSON.stringify(first)}`;
}

/**
 * Every violation of the plan in one native batch (an empty array when the batch conforms).
 * Pass another `version` to check against a plan other than generated/dataplan.json.
 */
export async function dataPlanViolations(batch: NativeBatch, version: DataPlanVersionDoc = loadDataPlan()): Promise<DataPlanViolation[]> {
  // 1.0.3 takes the whole version object (it reads version_document itself).
  const result = await new DataPlanService().validateBatch(toValidatorBatch(batch), version);
  const out: DataPlanViolation[] = [];
  for (const r of result.results ?? []) {
    const data = r.data ?? {};
    for (const e of data.validation_errors ?? []) {
      const v: DataPlanViolation = { event: describeMatch(data.match), type: String(e.validation_error_type) };
      if (e.key !== undefined) v.key = String(e.key);
      if (e.error_pointer !== undefined) v.pointer = e.error_pointer;
      if (e.expected !== undefined) v.expected = String(e.expected);
      if (e.actual !== undefined) v.actual = e.actual;
      out.push(v);
    }
  }
  return out;
}

/** One line per violation, for logs and assertion messages. */
export function formatViolations(violations: readonly DataPlanViolation[]): string {
  return violations
    .map((v) => `${v.event}: ${v.type}${v.key === undefined ? '' : ` ${v.key}`}${v.expected === undefined ? '' : ` (expected ${v.expected})`}${v.actual === undefined ? '' : ` actual ${JSON.stringify(v.actual)}`}`)
    .join('\n');
}
