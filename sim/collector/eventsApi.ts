import type { NativeBatch, NativeMessage } from './types';

/**
 * A custom event in the documented downstream form (the spec's "Example Event"): what
 * mParticle shows for a native `dt: "e"` message. Numbers of the native form become strings.
 */
export interface EventsApiCustomEvent {
  event_type: 'custom_event';
  data: {
    custom_event_type: string;
    event_name: string;
    custom_flags: Record<string, unknown>;
    timestamp_unixtime_ms: string;
    event_id: string | null;
    source_message_id: string | null;
    session_id: string | null;
    session_uuid: string | null;
    session_start_unixtime_ms: string | null;
    event_start_unixtime_ms: string | null;
    custom_attributes: Record<string, unknown>;
  };
}

/** The downstream view of one native batch. */
export interface EventsApiBatch {
  source_request_id: string;
  mpid: string | null;
  environment: 'development' | 'production';
  events: EventsApiCustomEvent[];
  /**
   * Where the native batch breaks the contract the downstream form relies on (non-string
   * attribute values, missing timestamps, ...). Empty when the batch is clean.
   */
  problems: string[];
}

function msString(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(Math.trunc(v));
  if (typeof v === 'string' && /^\d+$/.test(v)) return v;
  return null;
}

function convertEvent(m: NativeMessage, index: number, problems: string[]): EventsApiCustomEvent {
  const where = `msgs[${index}] (${m.n ?? 'unnamed'})`;
  const ts = msString(m.ct);
  if (ts === null) problems.push(`${where}: ct is not an integral unix-ms number: ${JSON.stringify(m.ct)}`);
  if (typeof m.n !== 'string' || m.n === '') problems.push(`${where}: n (event name) missing`);
  if (typeof m.et !== 'string') problems.push(`${where}: et (custom event type) missing`);
  if (typeof m.sid !== 'string') problems.push(`${where}: sid (session uuid) missing`);
  const sct = msString(m.sct);
  if (sct === null) problems.push(`${where}: sct is not an integral unix-ms number: ${JSON.stringify(m.sct)}`);
  const attrs: Record<string, unknown> = {};
  if (m.attrs !== undefined && (typeof m.attrs !== 'object' || m.attrs === null || Array.isArray(m.attrs))) {
    problems.push(`${where}: attrs is not an object`);
  } else {
    for (const [k, v] of Object.entries(m.attrs ?? {})) {
      // Kept as received so a test sees the wrong type instead of a silently fixed value.
      attrs[k] = v;
      if (typeof v !== 'string') problems.push(`${where}: attrs.${k} is ${typeof v}, not string: ${JSON.stringify(v)}`);
    }
  }
  return {
    event_type: 'custom_event',
    data: {
      custom_event_type: typeof m.et === 'string' ? m.et : '',
      event_name: typeof m.n === 'string' ? m.n : '',
      custom_flags: {},
      timestamp_unixtime_ms: ts ?? String(m.ct),
      // mParticle derives a numeric event id server-side; the native id is the source message id.
      event_id: null,
      source_message_id: typeof m.id === 'string' ? m.id : null,
      session_id: null,
      session_uuid: typeof m.sid === 'string' ? m.sid : null,
      session_start_unixtime_ms: sct,
      event_start_unixtime_ms: msString(m.est ?? m.ct),
      custom_attributes: attrs,
    },
  };
}

/**
 * Translates the custom event messages (`dt: "e"`) of a native batch into the documented
 * downstream form; other message types are left out.
 */
export function toEventsApi(batch: NativeBatch): EventsApiBatch {
  const problems: string[] = [];
  const events: EventsApiCustomEvent[] = [];
  (batch.msgs ?? []).forEach((m, i) => {
    if (m.dt === 'e') events.push(convertEvent(m, i, problems));
  });
  if (typeof batch.id !== 'string') problems.push('batch id missing');
  return {
    source_request_id: String(batch.id),
    mpid: typeof batch.mpid === 'string' ? batch.mpid : null,
    environment: batch.dbg ? 'development' : 'production',
    events,
    problems,
  };
}
