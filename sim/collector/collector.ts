import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { harnessAsset, type StaticAsset } from '../engine/assets';
import type {
  BatchAnswer,
  BatchAttempt,
  FaultStep,
  IdentityKind,
  NativeBatch,
  RecordedMessage,
  RecordedRequest,
  RecordedResponse,
  RequestKind,
} from './types';

export * from './types';
export { toEventsApi } from './eventsApi';
export type { EventsApiBatch, EventsApiCustomEvent } from './eventsApi';

/** Options of {@link startCollector}. */
export interface CollectorOptions {
  apiKey: string;
  apiSecret: string;
  /** MPID answered by identity calls; default "8675309". Changeable later via `collector.mpid`. */
  mpid?: string;
  /** Port; default 0 (any free port). */
  port?: number;
  /**
   * Address to listen on; default 127.0.0.1 (tests). `npm run live` passes 0.0.0.0 so that a
   * Roku on the LAN can reach it; `baseUrl` stays the loopback URL either way.
   */
  host?: string;
  /** Answer 401 to requests with a bad signature or API key instead of only recording them. */
  strict?: boolean;
  /** `ci.ck` / `iltv` carried by normal 202 answers; changeable later via `collector.batchAnswer`. */
  batchAnswer?: BatchAnswer;
  /**
   * Largest request body taken; a longer one is answered 413 and not kept.
   * @default COLLECTOR_MAX_BODY_BYTES
   */
  maxBodyBytes?: number;
  /**
   * Most API requests kept in the history (`requests`, `batchAttempts`, `batches`, `messages`);
   * the oldest are dropped first and counted in `droppedRequests`.
   * @default COLLECTOR_MAX_HISTORY
   */
  maxHistory?: number;
  /**
   * Most body bytes the kept requests may hold together; the oldest are dropped past it.
   * @default COLLECTOR_MAX_HISTORY_BYTES
   */
  maxHistoryBytes?: number;
}

/**
 * Body cap of the collector: 1 MiB, above the largest batch mParticle takes (its Events API
 * refuses batches over 256 KB, and the SDK's own `maxBatchBytes` defaults to 100 000 bytes).
 */
export const COLLECTOR_MAX_BODY_BYTES = 1024 * 1024;
/** Requests the collector keeps by default: more than any test or a long live session sends. */
export const COLLECTOR_MAX_HISTORY = 5000;
/** Body bytes the kept requests may hold together by default. */
export const COLLECTOR_MAX_HISTORY_BYTES = 64 * 1024 * 1024;

/** A loopback mParticle collector (events + identity) that also serves the simulator page. */
export interface Collector {
  /** http://127.0.0.1:<port>: the origin of the simulator page and of both API hosts. */
  readonly baseUrl: string;
  readonly port: number;
  readonly apiKey: string;
  /** `${baseUrl}/v2/${apiKey}/events` */
  readonly eventsUrl: string;
  /** `${baseUrl}/v1`: identify/login/logout/{mpid}/modify live under it. */
  readonly identityUrl: string;
  /** MPID answered by the next identity calls. */
  mpid: string;
  batchAnswer: BatchAnswer | undefined;
  /** Every API request in arrival order (page assets and hosted files excluded), the newest `maxHistory` of them. */
  readonly requests: readonly RecordedRequest[];
  /** API requests dropped from the history (oldest first) to keep it within `maxHistory` / `maxHistoryBytes`. */
  readonly droppedRequests: number;
  /** Every batch POST whose body was JSON, whatever it was answered. */
  readonly batchAttempts: readonly BatchAttempt[];
  /**
   * Accepted batches, first acceptance of each batch id only: what mParticle keeps, as
   * it treats the batch id as an idempotency key.
   */
  readonly batches: readonly NativeBatch[];
  /** Messages of {@link batches}, flattened in order, each with its batch id. */
  readonly messages: readonly RecordedMessage[];
  /** Identity requests (identify/login/logout/modify) in arrival order. */
  readonly identityRequests: readonly RecordedRequest[];
  /** Custom event messages (dt "e") of accepted batches, optionally only those named `name`. */
  events(name?: string): RecordedMessage[];
  /** Queue fault steps, consumed in order by the requests they target. */
  plan(steps: FaultStep[]): void;
  /** Steps of the plan not consumed yet. */
  readonly pendingPlan: readonly FaultStep[];
  /**
   * Polls `predicate` (every 50 ms) until it returns a truthy value and resolves with it;
   * rejects after `timeoutMs` with a summary of everything received.
   */
  waitFor<T>(predicate: (c: Collector) => T | undefined | null | false, timeoutMs?: number, what?: string): Promise<T>;
  /** A readable list of the recorded requests, for assertion messages. */
  summary(): string;
  /** Serve `body` at `path` (e.g. a channel zip or a media file) from the same origin. */
  host(path: string, body: Uint8Array | string, contentType?: string): string;
  /**
   * Answer GET `path` with `handler`, which writes the whole response (e.g. an event stream).
   * `headers` are the isolation headers every response of this origin must carry.
   */
  route(path: string, handler: (req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) => void): void;
  /**
   * Calls `listener` with every API request once its answer is decided (before it is sent), with
   * the batch attempt when it was a batch POST. Returns the function that unsubscribes.
   */
  onRequest(listener: (request: RecordedRequest, attempt?: BatchAttempt) => void): () => void;
  /** Forget all recorded requests and pending plan steps. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_MPID = '8675309';

// Every response carries these so the page is cross-origin isolated (SharedArrayBuffer,
// needed by Task threads) and its same-origin subresources pass COEP.
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
  // Chromium silently resends a request whose reused keep-alive socket closes without an
  // answer, which would turn a planned `drop` into a second attempt. With no socket ever
  // reused, a drop reaches the client as the transport failure it stands for.
  Connection: 'close',
};

// A route may stream (an event stream stays open), so it gets the isolation headers without `Connection: close`.
const { Connection: _connection, ...ROUTE_HEADERS } = ISOLATION_HEADERS;

function classify(method: string, path: string): { kind: RequestKind; pathKey?: string } {
  if (method !== 'POST') return { kind: 'other' };
  const events = /^\/v2\/([^/]+)\/events$/.exec(path);
  if (events) return { kind: 'events', pathKey: decodeURIComponent(events[1]) };
  const identity = /^\/v1\/(identify|login|logout)$/.exec(path);
  if (identity) return { kind: identity[1] as IdentityKind };
  if (/^\/v1\/[^/]+\/modify$/.test(path)) return { kind: 'modify' };
  return { kind: 'other' };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Checks x-mp-signature against each Date value presented. The simulator cannot send a
 * Date header (browsers forbid it), so the harness forwards it as x-mp-harness-date.
 */
function verifySignature(
  secret: string,
  method: string,
  path: string,
  body: Buffer,
  signature: string | undefined,
  dates: Array<{ value: string; source: 'date' | 'x-mp-harness-date' }>,
): { valid: boolean; date?: string; source?: 'date' | 'x-mp-harness-date' } {
  const presented = dates[0];
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return { valid: false, date: presented?.value, source: presented?.source };
  const given = Buffer.from(signature, 'hex');
  for (const d of dates) {
    const mac = createHmac('sha256', secret).update(`${method}\n${d.value}\n${path}`).update(body).digest();
    if (timingSafeEqual(mac, given)) return { valid: true, date: d.value, source: d.source };
  }
  return { valid: false, date: presented?.value, source: presented?.source };
}

function isLoginIdentity(known: unknown): boolean {
  if (!known || typeof known !== 'object') return false;
  const k = known as Record<string, unknown>;
  return ['customerid', 'email'].some((t) => typeof k[t] === 'string' && k[t] !== '');
}

function describeRequest(r: RecordedRequest): string {
  const res = r.response.dropped ? 'dropped' : String(r.response.status);
  let detail = '';
  if (r.kind === 'events' && r.json && typeof r.json === 'object') {
    const msgs = ((r.json as NativeBatch).msgs ?? []).map((m) => (m.n ? `${m.dt}:${m.n}` : m.dt));
    detail = ` batch=${(r.json as NativeBatch).id} mpid=${(r.json as NativeBatch).mpid} msgs=[${msgs.join(', ')}]`;
  } else if (r.kind !== 'events' && r.kind !== 'other') {
    detail = ` ${r.body.slice(0, 160)}`;
  }
  return `#${r.seq} ${r.method} ${r.path} -> ${res}${r.response.planned ? ' (planned)' : ''} sig=${r.signatureValid ? 'ok' : 'BAD'} key=${r.apiKeyValid ? 'ok' : 'BAD'}${detail}`;
}

/** Starts the collector on 127.0.0.1; close it with `close()`. */
export async function startCollector(opts: CollectorOptions): Promise<Collector> {
  const requests: RecordedRequest[] = [];
  const batchAttempts: BatchAttempt[] = [];
  const batches: NativeBatch[] = [];
  const messages: RecordedMessage[] = [];
  const seenBatchIds = new Set<string>();
  const planQueue: FaultStep[] = [];
  const hosted = new Map<string, StaticAsset>();
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) => void>();
  const listeners = new Set<(request: RecordedRequest, attempt?: BatchAttempt) => void>();
  let seq = 0;
  let contextCounter = 0;
  let loggedIn = false;
  let droppedRequests = 0;
  let historyBytes = 0;
  const maxHistory = opts.maxHistory ?? COLLECTOR_MAX_HISTORY;
  const maxHistoryBytes = opts.maxHistoryBytes ?? COLLECTOR_MAX_HISTORY_BYTES;

  /**
   * Adds a request to the history and drops the oldest past the limits, with the batches and
   * messages that came with them. Batch ids of dropped requests are forgotten too, so the
   * duplicate check only spans the history.
   */
  function keep(record: RecordedRequest): void {
    requests.push(record);
    historyBytes += record.bodyBytes;
    let drop = 0;
    let bytes = historyBytes;
    while (drop < requests.length - 1 && (requests.length - drop > maxHistory || bytes > maxHistoryBytes)) bytes -= requests[drop++].bodyBytes;
    if (drop === 0) return;
    const gone = new Set(requests.splice(0, drop));
    historyBytes = bytes;
    droppedRequests += drop;
    let attempts = 0;
    while (attempts < batchAttempts.length && gone.has(batchAttempts[attempts].request)) attempts++;
    const goneIds = new Set(batchAttempts.splice(0, attempts).filter((a) => a.accepted).map((a) => String(a.batch.id)));
    let kept = 0;
    while (kept < batches.length && goneIds.has(String(batches[kept].id))) kept++;
    batches.splice(0, kept);
    let msgs = 0;
    while (msgs < messages.length && goneIds.has(messages[msgs].batchId)) msgs++;
    messages.splice(0, msgs);
    for (const id of goneIds) seenBatchIds.delete(id);
  }

  function notify(record: RecordedRequest, attempt: BatchAttempt | undefined): void {
    for (const listener of listeners) {
      // A listener's bug must not turn into a wrong answer to the SDK.
      try {
        listener(record, attempt);
      } catch (e) {
        console.error(`collector: onRequest listener failed: ${(e as Error).stack ?? e}`);
      }
    }
  }

  function takeStep(kind: RequestKind): FaultStep | undefined {
    const group = kind === 'events' ? 'events' : kind === 'other' ? 'other' : 'identity';
    if (group === 'other') return undefined;
    const i = planQueue.findIndex((s) => {
      const target = s.target ?? 'events';
      return target === 'any' || target === group;
    });
    return i < 0 ? undefined : planQueue.splice(i, 1)[0];
  }

  function normalAnswer(kind: RequestKind, json: unknown, signatureOk: boolean, keyOk: boolean): { status: number; body: string } {
    if (kind === 'other') return { status: 404, body: '{"errors":[{"code":"NOT_FOUND"}]}' };
    if (opts.strict && (!signatureOk || !keyOk)) return { status: 401, body: '{"errors":[{"code":"UNAUTHORIZED"}]}' };
    if (json === undefined || typeof json !== 'object' || json === null) return { status: 400, body: '{"errors":[{"code":"BAD_JSON"}]}' };
    if (kind === 'events') {
      const a = collector.batchAnswer;
      if (!a || (a.ck === undefined && a.iltv === undefined)) return { status: 202, body: '' };
      const body: Record<string, unknown> = {};
      if (a.ck !== undefined) body.ci = { ck: a.ck };
      if (a.iltv !== undefined) body.iltv = a.iltv;
      return { status: 202, body: JSON.stringify(body) };
    }
    const b = json as Record<string, unknown>;
    if (kind === 'modify') {
      const changes = Array.isArray(b.identity_changes) ? b.identity_changes : [];
      return {
        status: 200,
        body: JSON.stringify({
          change_results: changes.map((c) => ({ identity_type: (c as Record<string, unknown>)?.identity_type, modified_mpid: collector.mpid })),
        }),
      };
    }
    if (kind === 'login') loggedIn = true;
    else if (kind === 'logout') loggedIn = false;
    else loggedIn = isLoginIdentity(b.known_identities);
    contextCounter++;
    return {
      status: 200,
      body: JSON.stringify({
        mpid: collector.mpid,
        context: `ctx-${contextCounter}`,
        is_ephemeral: false,
        is_logged_in: loggedIn,
        matched_identities: {},
      }),
    };
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const { kind, pathKey } = classify(method, path);
    const text = body.toString('utf8');
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const dates: Array<{ value: string; source: 'date' | 'x-mp-harness-date' }> = [];
    const realDate = header(req, 'date');
    const forwardedDate = header(req, 'x-mp-harness-date');
    if (realDate !== undefined) dates.push({ value: realDate, source: 'date' });
    if (forwardedDate !== undefined) dates.push({ value: forwardedDate, source: 'x-mp-harness-date' });
    const sig = verifySignature(opts.apiSecret, method, path, body, header(req, 'x-mp-signature'), dates);
    const apiKey = kind === 'events' ? pathKey : header(req, 'x-mp-key');

    const record: RecordedRequest = {
      seq: ++seq,
      kind,
      method,
      path,
      url: req.url ?? path,
      headers: req.headers,
      body: text,
      json,
      signatureValid: sig.valid,
      signedDate: sig.date,
      dateSource: sig.source,
      apiKey,
      apiKeyValid: apiKey === opts.apiKey,
      userAgent: header(req, 'x-mp-harness-user-agent') ?? header(req, 'user-agent'),
      receivedAt: Date.now(),
      response: { status: 0, body: '', headers: {}, dropped: false, planned: false },
      bodyBytes: body.length,
    };
    keep(record);

    const step = takeStep(kind);
    let response: RecordedResponse;
    if (step) {
      const normal = step.status === undefined && step.body === undefined && !step.drop ? normalAnswer(kind, json, sig.valid, record.apiKeyValid) : undefined;
      const headers: Record<string, string> = { ...(step.headers ?? {}) };
      if (step.retryAfter !== undefined) headers['Retry-After'] = String(step.retryAfter);
      const stepBody = step.body === undefined ? '' : typeof step.body === 'string' ? step.body : JSON.stringify(step.body);
      response = {
        status: normal?.status ?? step.status ?? (kind === 'events' ? 202 : 200),
        body: normal?.body ?? stepBody,
        headers,
        dropped: !!step.drop,
        planned: true,
      };
      if (step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
    } else {
      const normal = normalAnswer(kind, json, sig.valid, record.apiKeyValid);
      response = { status: normal.status, body: normal.body, headers: {}, dropped: false, planned: false };
    }
    record.response = response;

    let attempt: BatchAttempt | undefined;
    if (kind === 'events' && json && typeof json === 'object' && !Array.isArray(json)) {
      const batch = json as NativeBatch;
      const accepted = !response.dropped && response.status >= 200 && response.status < 300;
      attempt = { request: record, batch, accepted };
      batchAttempts.push(attempt);
      if (accepted && !seenBatchIds.has(String(batch.id))) {
        seenBatchIds.add(String(batch.id));
        batches.push(batch);
        for (const m of batch.msgs ?? []) messages.push({ ...m, batchId: String(batch.id) });
      }
    }
    notify(record, attempt);

    if (response.dropped) {
      req.socket.destroy();
      return;
    }
    res.writeHead(response.status, {
      ...ISOLATION_HEADERS,

      ...(response.body ? { 'Content-Type': 'application/json' } : {}),
      ...response.headers,
    });
    res.end(response.body);
  }

  function serveStatic(res: ServerResponse, asset: StaticAsset, method: string): void {
    res.writeHead(200, { ...ISOLATION_HEADERS, 'Content-Type': asset.contentType, 'Content-Length': asset.body.length });
    res.end(method === 'HEAD' ? undefined : asset.body);
  }

  const maxBody = opts.maxBodyBytes ?? COLLECTOR_MAX_BODY_BYTES;

  /** A body past the cap: answered 413 at once, recorded without its bytes, the rest of the upload not read. */
  function refuseTooLarge(req: IncomingMessage, res: ServerResponse, url: URL, received: number): void {
    const method = req.method ?? 'GET';
    const { kind, pathKey } = classify(method, url.pathname);
    const body = JSON.stringify({ errors: [{ code: 'PAYLOAD_TOO_LARGE', message: `body over ${maxBody} bytes` }] });
    const apiKey = kind === 'events' ? pathKey : header(req, 'x-mp-key');
    const record: RecordedRequest = {
      seq: ++seq,
      kind,
      method,
      path: url.pathname,
      url: req.url ?? url.pathname,
      headers: req.headers,
      body: '',
      json: undefined,
      signatureValid: false,
      apiKey,
      apiKeyValid: apiKey === opts.apiKey,
      userAgent: header(req, 'x-mp-harness-user-agent') ?? header(req, 'user-agent'),
      receivedAt: Date.now(),
      response: { status: 413, body, headers: {}, dropped: false, planned: false },
      tooLarge: true,
      bodyBytes: received,
    };
    keep(record);
    notify(record, undefined);
    res.writeHead(413, { ...ISOLATION_HEADERS, 'Content-Type': 'application/json' });
    res.end(body);
    // The rest of the upload is read and thrown away, so that the client gets to read the answer
    // (closing on a client still sending resets the connection before it does); a body that
    // goes on far past the cap is cut off.
    let drained = received;
    req.on('data', (c: Buffer) => {
      drained += c.length;
      if (drained > 16 * maxBody) req.destroy();
    });
    req.resume();
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // A client that goes away mid-request must not take the server with it.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const declared = Number(header(req, 'content-length'));
    if (Number.isFinite(declared) && declared > maxBody) {
      refused = true;
      refuseTooLarge(req, res, url, 0);
      return;
    }
    req.on('data', (c: Buffer) => {
      if (refused) return;
      received += c.length;
      if (received > maxBody) {
        refused = true;
        chunks.length = 0;
        refuseTooLarge(req, res, url, received);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (refused) return;
      const method = req.method ?? 'GET';
      const route = method === 'GET' ? routes.get(url.pathname) : undefined;
      if (route) return route(req, res, { ...ROUTE_HEADERS });
      const asset = method === 'GET' || method === 'HEAD' ? hosted.get(url.pathname) ?? harnessAsset(url.pathname) : undefined;
      if (asset) return serveStatic(res, asset, method);
      handleApi(req, res, url, Buffer.concat(chunks)).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, ISOLATION_HEADERS);
        res.end(String(err));
      });
    });
  });
  // A request line or headers that are not HTTP: answered 400, the connection closed, the server goes on.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // Bound to every interface, the collector is still reached over loopback from this machine.
  const listenHost = opts.host ?? '127.0.0.1';
  const urlHost = listenHost === '0.0.0.0' || listenHost === '::' ? '127.0.0.1' : listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  const baseUrl = `http://${urlHost}:${port}`;

  const collector: Collector = {
    baseUrl,
    port,
    apiKey: opts.apiKey,
    eventsUrl: `${baseUrl}/v2/${encodeURIComponent(opts.apiKey)}/events`,
    identityUrl: `${baseUrl}/v1`,
    mpid: opts.mpid ?? DEFAULT_MPID,
    batchAnswer: opts.batchAnswer,
    requests,
    get droppedRequests() {
      return droppedRequests;
    },
    batchAttempts,
    batches,
    messages,
    get identityRequests() {
      return requests.filter((r) => r.kind !== 'events' && r.kind !== 'other');
    },
    events(name?: string) {
      return messages.filter((m) => m.dt === 'e' && (name === undefined || m.n === name));
    },
    plan(steps: FaultStep[]) {
      planQueue.push(...steps);
    },
    get pendingPlan() {
      return [...planQueue];
    },
    async waitFor<T>(predicate: (c: Collector) => T | undefined | null | false, timeoutMs = 15000, what?: string): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const v = predicate(collector);
        if (v) return v;
        if (Date.now() >= deadline) {
          throw new Error(
            `collector.waitFor timed out after ${timeoutMs} ms waiting for ${what ?? predicate.toString()}\n` +
              `received ${requests.length} request(s):\n${collector.summary()}`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    summary() {
      return requests.length ? requests.map((r) => `  ${describeRequest(r)}`).join('\n') : '  (nothing)';
    },
    host(path: string, body: Uint8Array | string, contentType = 'application/octet-stream') {
      const p = path.startsWith('/') ? path : `/${path}`;
      hosted.set(p, { body: typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body), contentType });
      return `${baseUrl}${p}`;
    },
    route(path, handler) {
      routes.set(path.startsWith('/') ? path : `/${path}`, handler);
    },
    onRequest(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    reset() {
      requests.length = 0;
      batchAttempts.length = 0;
      batches.length = 0;
      messages.length = 0;
      seenBatchIds.clear();
      planQueue.length = 0;
      droppedRequests = 0;
      historyBytes = 0;
      loggedIn = false;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return collector;
}

/** Signs like the SDK does; for tests that play the client. Returns the lowercase hex signature. */
export function signRequest(secret: string, date: string, path: string, body: string, method = 'POST'): string {
  return createHmac('sha256', secret).update(`${method}\n${date}\n${path}${body}`).digest('hex');
}
