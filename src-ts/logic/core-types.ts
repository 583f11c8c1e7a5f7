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

/**
 * The queue as last written to the registry: its text (coreEncodeQueue, no batch), the index
 * of each message in it, the ct its deltas start from, and the entries the server accepted
 * since (coreStoredText adds them, and the batch in flight, without encoding the queue again).
 * An empty text means that nothing is kept: the registry key is deleted.
 */
export interface CoreStored {
  text: string;
  positions: Record<string, Int>;
  base: Long;
  accepted: Int[];
}

/** coreFitBudget's answer: the kept queue, what was left out (in drop order), and what to write. */
export interface CoreStoreFit {
  queue: CoreMessage[];
  dropped: CoreMessage[];
  stored: CoreStored;
}

/**
 * How many bytes the persisted queue may take now (corePersistPlan), and what bounded it:
 * "budget" (queueBudgetBytes), "reserve" (the registry's free space less registryReserveBytes)
 * or "retry" (a smaller size after a refused write, coreWriteRetry).
 */
export interface CorePersistPlan {
  bytes: Int;
  limitedBy: string;
}

/**
 * Refused registry writes: how many in a row, the queue size to try next (-1: no cap) and when
 * to try again (0: no retry pending).
 */
export interface CoreWriteState {
  failures: Int;
  capBytes: Int;
  retryAt: Long;
}

/**
 * coreWriteRetry's answer: the next state, the line to log ("" for none), and whether the
 * queue the registry holds must be deleted (it may be stale: see coreWriteRetry).
 */
export interface CoreWriteOutcome {
  state: CoreWriteState;
  log: string;
  dropStored: boolean;
}
