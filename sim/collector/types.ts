import type { IncomingHttpHeaders } from 'node:http';

/** One entry of a native batch's `msgs` (short keys, see the wire protocol doc). */
export interface NativeMessage {
  dt: string;
  id?: string;
  ct?: number;
  sid?: string;
  sct?: number;
  n?: string;
  et?: string;
  est?: number;
  attrs?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A native event batch as POSTed to /v2/{apiKey}/events. */
export interface NativeBatch {
  dt?: string;
  id: string;
  mpid?: string;
  ct?: number;
  dbg?: boolean;
  msgs?: NativeMessage[];
  [key: string]: unknown;
}

/** A message of an accepted batch, with the id of the batch that carried it. */
export type RecordedMessage = NativeMessage & { batchId: string };

export type IdentityKind = 'identify' | 'login' | 'logout' | 'modify';
export type RequestKind = 'events' | IdentityKind | 'other';

/** What the collector answered to one request. */
export interface RecordedResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** The socket was destroyed instead of answering (fault plan `drop`). */
  dropped: boolean;
  /** The answer came from the fault plan rather than the normal behaviour. */
  planned: boolean;
}

/** One API request as received (harness page and hosted files are not recorded). */
export interface RecordedRequest {
  seq: number;
  kind: RequestKind;
  method: string;
  /** URL path without the query string: the path that is signed. */
  path: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  /** x-mp-signature is HMAC-SHA256(secret, method \n date \n path + body) for one of the dates presented. */
  signatureValid: boolean;
  /** The Date value that verified the signature (or the one presented when none did). */
  signedDate?: string;
  /** Which header that Date value came from: the real one, or the harness's forwarded copy. */
  dateSource?: 'date' | 'x-mp-harness-date';
  /** The API key of the request: from the path for batches, from x-mp-key for identity. */
  apiKey?: string;
  apiKeyValid: boolean;
  /** User-Agent as sent (the harness forwards the simulator's under x-mp-harness-user-agent). */
  userAgent?: string;
  receivedAt: number;
  response: RecordedResponse;
  /** The body passed the collector's cap (`maxBodyBytes`): answered 413, its bytes not kept (`body` is ""). */
  tooLarge?: boolean;
  /** Bytes of the body as received (up to the cap). */
  bodyBytes: number;
}

/** One POST of a batch, whatever the answer. */
export interface BatchAttempt {
  request: RecordedRequest;
  batch: NativeBatch;
  /** Answered 2xx and not dropped: mParticle would have ingested it. */
  accepted: boolean;
}

/**
 * One programmed answer for a coming request. Steps are consumed in order by the first
 * request each one targets; requests with no matching step get the normal answer.
 */
export interface FaultStep {
  /** HTTP status; defaults to the normal one (202 batches, 200 identity). */
  status?: number;
  /** Response body; objects are sent as JSON. Defaults to an empty body. */
  body?: string | object;
  /** Retry-After header value (seconds, or an HTTP date string). */
  retryAfter?: number | string;
  headers?: Record<string, string>;
  /** Destroy the socket without answering (a transport failure on the client). */
  drop?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Which requests the step applies to; default 'events'. */
  target?: 'events' | 'identity' | 'any';
}

/** Extra data of normal 202 answers to batches. */
export interface BatchAnswer {
  ck?: Record<string, unknown>;
  iltv?: number;
}
