/**
 * The live event view: the test collector (sim/collector/collector.ts, the same one the
 * simulator tests talk to) plus a web page that shows what it receives as it arrives, grouped
 * by media session, each message checked against the data plan (sim/live/dataplan.ts).
 * `npm run live` serves it for a device on the LAN, `npm run sim` with the sample channel
 * running in the simulator beside it.
 *
 * Routes of the collector's origin, besides the API paths and the harness page:
 *   /live/             the page (`?sim=1` adds the simulator column, see scripts/sim.ts)
 *   /live/info.json    this server's settings and the schema's names the page needs
 *   /live/feed         text/event-stream of {@link LiveRecord}, every earlier record first
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import * as path from 'node:path';
import { COLLECTOR_MAX_HISTORY, startCollector, type BatchAttempt, type Collector, type NativeMessage, type RecordedRequest } from '../collector/collector';
import { MEDIA_APIS, MEDIA_ATTRIBUTES, ENUMS } from '../../src-ts/schema';
import { dataPlanViolations, loadDataPlan, type DataPlanVersionDoc, type DataPlanViolation } from './dataplan';

/** Credentials the live view and `build --live` fall back to when none are configured, so that signatures are still checked. */
export const LIVE_DEFAULT_CREDENTIALS = { apiKey: 'us1-live-view', apiSecret: 'live-view-secret' } as const;

/** Port of `npm run live` unless `--port` says otherwise; `build --live` points the channel at it. */
export const LIVE_DEFAULT_PORT = 8787;

/** Options of {@link startLiveServer}. */
export interface LiveServerOptions {
  /**
   * The API key the channel is expected to use; shown in the page. Requests with another key
   * are still recorded, marked as such.
   * @default none: any key
   */
  apiKey?: string;
  /**
   * The API secret: with it, every request's signature is checked and a bad one is marked.
   * @default none: signatures are not checked
   */
  apiSecret?: string;
  /**
   * Port; 0 takes any free one.
   * @default LIVE_DEFAULT_PORT (8787)
   */
  port?: number;
  /**
   * Address to listen on. The default reaches devices on the LAN; tests pass 127.0.0.1.
   * @default "0.0.0.0"
   */
  host?: string;
  /**
   * MPID the identity answers carry.
   * @default the collector's
   */
  mpid?: string;
  /**
   * The data plan the messages are checked against; `false` checks nothing.
   * @default generated/dataplan.json
   */
  dataPlan?: DataPlanVersionDoc | false;
  /** Most requests kept (and shown); see the collector's option. */
  maxHistory?: number;
  /** Body cap; see the collector's option. */
  maxBodyBytes?: number;
}

/** One message of a batch as the page shows it. */
export type LiveMessage = NativeMessage & {
  /** What the data plan does not allow in this message (empty when it conforms or is not checked). */
  violations: DataPlanViolation[];
};

/** One request the collector received, as the page receives it. */
export interface LiveRecord {
  seq: number;
  /** Unix ms at arrival. */
  receivedAt: number;
  kind: RecordedRequest['kind'];
  method: string;
  path: string;
  /** The answer's status; 0 when the socket was dropped. */
  status: number;
  /** `unchecked` when the server has no secret (or no key) to check against. */
  signature: 'valid' | 'invalid' | 'unchecked';
  /** Whether the request carried an x-mp-signature at all: an unsigned request is `invalid` when checked. */
  signaturePresent: boolean;
  apiKey: 'valid' | 'invalid' | 'unchecked';
  /** The key the request carried. */
  apiKeyValue?: string;
  /** Set for batch POSTs with a JSON body. */
  batch?: {
    id: string;
    mpid?: string;
    /** `dbg: true`: development data. */
    development: boolean;
    accepted: boolean;
    /** A batch id seen before: mParticle keeps the first one only. */
    duplicate: boolean;
    messages: LiveMessage[];
    /** Violations of the batch's user attributes. */
    userAttributeViolations: DataPlanViolation[];
  };
  /** Set for identity requests: what was asked and answered. */
  identity?: { request: unknown; response: unknown };
  /** A body that was not JSON (shortened). */
  rawBody?: string;
}

/** What the page reads from /live/info.json. */
export interface LiveInfo {
  apiKey: string | null;
  signaturesChecked: boolean;
  dataPlan: { id: string; version: number } | null;
  urls: { loopback: string; lan: string[] };
  /** Lines the page shows under its header: what a sim run set up (the SDK it runs, its upload interval). */
  notes: string[];
  /** Requests the history keeps; older ones are dropped. */
  maxHistory: number;
  /** The schema's names: media event name -> method, attribute key -> group, message type `dt` -> name. */
  schema: { mediaEvents: Record<string, string>; attributeGroups: Record<string, string>; messageTypes: Record<string, string> };
}

/** A running live view. */
export interface LiveServer {
  readonly collector: Collector;
  /** `http://127.0.0.1:<port>`: the page is at `${baseUrl}/live/`. */
  readonly baseUrl: string;
  /** `http://<LAN address>:<port>` for each non-internal IPv4 interface (what a Roku uses). */
  readonly lanUrls: string[];
  readonly port: number;
  /** The address it listens on. */
  readonly host: string;
  /** The records kept, in arrival order: as many as the collector's history keeps (the oldest are dropped). */
  readonly records: readonly LiveRecord[];
  /** Records dropped from the history so far. */
  readonly droppedRecords: number;
  /** Sets the lines the page shows under its header (read when the page loads). */
  setNotes(lines: string[]): void;
  /** Calls `listener` with each new record once its data plan check is done; returns the unsubscribe function. */
  onRecord(listener: (record: LiveRecord) => void): () => void;
  /** Resolves when every request received so far has become a record. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const PAGE_DIR = path.join(__dirname, 'page');
const PAGE_FILES: [string, string, string][] = [
  ['/live/', 'index.html', 'text/html; charset=utf-8'],
  ['/live/index.html', 'index.html', 'text/html; charset=utf-8'],
  ['/live/live.js', 'live.js', 'text/javascript; charset=utf-8'],
  ['/live/live.css', 'live.css', 'text/css; charset=utf-8'],
];

/** `http://<address>:<port>` for each non-internal IPv4 interface of this machine. */
export function lanUrls(port: number): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(`http://${a.address}:${port}`);
  }
  return out;
}

function schemaNames(): LiveInfo['schema'] {
  const messageTypes = ENUMS.find((e) => e.name === 'MESSAGE_TYPE')?.members ?? [];
  return {
    mediaEvents: Object.fromEntries(MEDIA_APIS.map((a) => [a.event, a.method])),
    attributeGroups: Object.fromEntries(MEDIA_ATTRIBUTES.map((a) => [a.key, a.group])),
    messageTypes: Object.fromEntries(messageTypes.map((m) => [String(m.value), m.key])),
  };
}

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

/** Starts the collector with the live page; close it with `close()`. */
export async function startLiveServer(opts: LiveServerOptions = {}): Promise<LiveServer> {
  const plan = opts.dataPlan === false ? undefined : (opts.dataPlan ?? loadDataPlan());
  const collector = await startCollector({
    // The collector always computes a signature; without a secret the result is shown as unchecked.
    apiKey: opts.apiKey ?? '',
    apiSecret: opts.apiSecret ?? '',
    port: opts.port ?? LIVE_DEFAULT_PORT,
    host: opts.host ?? '0.0.0.0',
    mpid: opts.mpid,
    maxHistory: opts.maxHistory,
    maxBodyBytes: opts.maxBodyBytes,
  });
  // The validator's first call compiles the plan (tens of ms); done now, the first event a device sends shows at once.
  if (plan) await dataPlanViolations({ id: 'warm-up', msgs: [{ dt: 'e', n: 'Play', et: 'media', attrs: {} }] }, plan);
  const lan = (opts.host ?? '0.0.0.0') === '0.0.0.0' ? lanUrls(collector.port) : [];
  for (const [route, file, type] of PAGE_FILES) collector.host(route, readFileSync(path.join(PAGE_DIR, file)), type);

  const info: LiveInfo = {
    apiKey: opts.apiKey ?? null,
    signaturesChecked: opts.apiSecret !== undefined,
    dataPlan: plan ? { id: String((plan as { data_plan_id?: unknown }).data_plan_id), version: Number((plan as { version?: unknown }).version) } : null,
    urls: { loopback: collector.baseUrl, lan },
    schema: schemaNames(),
    notes: [],
    maxHistory: opts.maxHistory ?? COLLECTOR_MAX_HISTORY,
  };
  collector.host('/live/info.json', JSON.stringify(info), 'application/json');

  const records: LiveRecord[] = [];
  const listeners = new Set<(r: LiveRecord) => void>();
  const streams = new Set<ServerResponse>();
  const seenBatchIds = new Set<string>();
  // Records are built one after the other so that they keep the arrival order though the
  // data plan check is asynchronous.
  let chain: Promise<void> = Promise.resolve();

  async function toRecord(r: RecordedRequest, attempt: BatchAttempt | undefined): Promise<LiveRecord> {
    const record: LiveRecord = {
      seq: r.seq,
      receivedAt: r.receivedAt,
      kind: r.kind,
      method: r.method,
      path: r.path,
      status: r.response.dropped ? 0 : r.response.status,
      signature: opts.apiSecret === undefined ? 'unchecked' : r.signatureValid ? 'valid' : 'invalid',
      signaturePresent: typeof r.headers['x-mp-signature'] === 'string' && r.headers['x-mp-signature'] !== '',
      apiKey: opts.apiKey === undefined ? 'unchecked' : r.apiKeyValid ? 'valid' : 'invalid',
      apiKeyValue: r.apiKey,
    };
    if (attempt) {
      const b = attempt.batch;
      const id = String(b.id);
      const duplicate = seenBatchIds.has(id);
      if (attempt.accepted) seenBatchIds.add(id);
      const msgs = Array.isArray(b.msgs) ? b.msgs : [];
      // One message at a time, so that each violation is marked on the message it concerns.
      const messages: LiveMessage[] = [];
      for (const m of msgs) {
        const violations = plan && m && typeof m === 'object' ? await dataPlanViolations({ ...b, ua: undefined, msgs: [m] }, plan) : [];
        messages.push({ ...m, violations });
      }
      const userAttributeViolations = plan && b.ua !== undefined ? await dataPlanViolations({ ...b, msgs: [] }, plan) : [];
      record.batch = { id, mpid: b.mpid, development: !!b.dbg, accepted: attempt.accepted, duplicate, messages, userAttributeViolations };
    } else if (r.kind !== 'other' && r.kind !== 'events') {
      record.identity = { request: r.json ?? r.body, response: parse(r.response.body) };
    } else if (r.json === undefined && r.body !== '') {
      record.rawBody = r.body.slice(0, 2000);
    }
    return record;
  }

  let dropped = 0;
  const droppedFrame = () => `event: dropped\ndata: ${JSON.stringify({ dropped, kept: records.length })}\n\n`;

  /** Adds a record; the history is the collector's (bounded, oldest dropped), and the page hears how many went. */
  function publish(record: LiveRecord): void {
    records.push(record);
    const excess = records.length - Math.max(1, collector.requests.length);
    if (excess > 0) {
      records.splice(0, excess);
      dropped += excess;
    }
    const frame = `event: record\ndata: ${JSON.stringify(record)}\n\n${excess > 0 ? droppedFrame() : ''}`;
    for (const s of streams) s.write(frame);
    for (const l of listeners) l(record);
  }

  collector.onRequest((r, attempt) => {
    chain = chain
      .then(() => toRecord(r, attempt))
      .then(publish, (e: Error) => console.error(`[live] could not show request #${r.seq}: ${e.stack ?? e.message}`));
  });

  collector.route('/live/feed', (_req, res, headers) => {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', 'X-Accel-Buffering': 'no' });
    // A reconnecting page asks again from the start: it rebuilds its view from the whole feed.
    res.write(`retry: 1000\n\n`);
    if (dropped) res.write(droppedFrame());
    for (const record of records) res.write(`event: record\ndata: ${JSON.stringify(record)}\n\n`);
    streams.add(res);
    res.on('close', () => streams.delete(res));
  });

  return {
    collector,
    baseUrl: collector.baseUrl,
    lanUrls: lan,
    port: collector.port,
    host: opts.host ?? '0.0.0.0',
    records,
    get droppedRecords() {
      return dropped;
    },
    setNotes(lines) {
      info.notes = [...lines];
      collector.host('/live/info.json', JSON.stringify(info), 'application/json');
    },
    onRecord(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    settled: () => chain,
    async close() {
      for (const s of streams) s.end();
      streams.clear();
      await chain;
      await collector.close();
    },
  };
}
