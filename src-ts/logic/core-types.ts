/**
 * Types shared by the core logic (core-*.ts). Erased by the transpiler: on the device every
 * one of them is a plain associative array or roArray.
 */
import { Int, Long } from '../schema/numeric';

/**
 * One message of a batch's `msgs` (wire protocol doc, "Messages"). Type-specific keys
 * (`n`, `et`, `dct`, `slx`, ...) sit next to the common ones.
 */
export interface CoreMessage {
  dt: string;
  id: string;
  ct: Long;
  sid?: string;
  sct?: Long;
  n?: string;
  et?: string;
  est?: Long;
  attrs?: Record<string, unknown>;
  /** The MPID the message was logged under; kept by the Task (and its store), not sent in the message. */
  mpid?: string;
  [key: string]: unknown;
}

/** The options after validation: every OPTIONS name is present (invalid when it has no default). */
export interface CoreOptionsResult {
  options: Record<string, unknown>;
  /** One readable line per rejected option; never holds an option's value. */
  errors: string[];
  /** False when apiKey or apiSecret is missing: the Task then sends nothing. */
  ready: boolean;
}

/** Where batches and identity requests go. Paths are what the request signature covers. */
export interface CoreEndpoints {
  eventsUrl: string;
  eventsPath: string;
  /** Base URL of the identity API, without a trailing slash: `<base>/v1/identify`. */
  identityBase: string;
}

/** What to do with the answer to an upload or identity request. */
export interface CoreResponseDecision {
  /** "accepted", "backoff" (429/503), "retry" (5xx, transport), "reject" (400/401/403), "drop" (other 4xx). */
  action: string;
  /** Milliseconds to wait before the next attempt; 0 when no wait is needed. */
  delayMillis: Long;
  /** Attempt counter to keep for the next failure (reset to 0 on acceptance). */
  nextAttempt: Int;
}

/** The queue after a change, and what the change had to drop to stay within its limits. */
export interface CoreQueueResult {
  queue: CoreMessage[];
  dropped: CoreMessage[];
}

/** The queue fitted to its registry budget, with its persisted text. */
export interface CoreFitResult {
  queue: CoreMessage[];
  dropped: CoreMessage[];
  text: string;
}

/**
 * The batch being uploaded (sent, or waiting for its retry), as persisted with the queue: its
 * id and creation time, and the ids of its messages (which stay in the queue until the server
 * accepts the batch). After a restart it is sent again first, unchanged, so that the server
 * can tell the retry from a new batch. An empty id means no batch.
 */
export interface CoreBatchRef {
  id: string;
  ct: Long;
  ids: string[];
}

/** A persisted queue read back: the messages, how many entries were unreadable, and the batch in flight. */
export interface CoreDecodeResult {
  messages: CoreMessage[];
  skipped: Int;
  batch: CoreBatchRef;
}
