/**
 * Types of the automatic tracker (`trackReduce`): what the Task feeds it (Video node field
 * events, RAF events) and what it gives back (media API calls for `mediaReduce`, in order).
 */
import { Double, Int, Long } from '../schema/numeric';
import { MediaCallArgs } from './media-types';

/**
 * One input: a field event of the tracked node (`kind` "field", `name` the field, `value` the
 * event's data) or a RAF event (`kind` "raf", `name` the event type, `value` the copy of its
 * context that mParticleRafCallback forwarded).
 */
export interface TrackInput {
  kind: string;
  name: string;
  value: unknown;
}

/**
 * One call the tracker makes: a media API call as `mediaReduce` takes it (`session` is a
 * snapshot of the tracked session at that call), or, when `method` is "logEvent", a custom
 * media event named `eventName` whose attributes are `options`.
 */
export interface TrackCall {
  method: string;
  session: Record<string, unknown>;
  args: MediaCallArgs;
  options?: Record<string, unknown>;
  eventName?: string;
}

/** The outcome of one input: the calls to make, in order, and problems to log. */
export interface TrackResult {
  state: TrackState;
  calls: TrackCall[];
  errors: string[];
}

/** Everything the tracker knows about one tracked session. */
export interface TrackState {
  sessionId: string;
  /** The channel's session object (a copy the tracker owns): playhead, adBreak, adContent change here. */
  session: Record<string, unknown>;
  playheadIntervalMillis: Long;
  /** Forward jump (ms) beyond the elapsed time that counts as a seek. */
  seekThresholdMillis: Long;
  hasFps: boolean;
  fps: Double;
  /** When tracking started (the fallback startup time counts from here or from the last ad break end). */
  startedAt: Long;
  /** The node's last `state`. */
  nodeState: string;
  /** The content played once (the first Play went out). */
  played: boolean;
  /** What the tracker last reported for the content: Play (true) or Pause / Content End (false). */
  contentPlaying: boolean;
  contentEnded: boolean;
  /** A seek baseline exists (reset after an ad break and a playlist item change). */
  havePosition: boolean;
  /** A position was seen: calls carry it as the session's currentPlayheadPosition. */
  positionKnown: boolean;
  /** The last content position as the node reports it (seconds); made whole ms only for calls. */
  positionSec: Double;
  positionAt: Long;
  lastPlayheadAt: Long;
  /** A stall after playing that may still turn out to be a seek. */
  bufferPending: boolean;
  bufferStartAt: Long;
  bufferPositionMs: Long;
  bufferPercent: Double;
  /** Between a detected seek and the playback that follows it: buffering is the seek's. */
  seekSettling: boolean;
  adBreakActive: boolean;
  adPlaying: boolean;
  podCount: Int;
  breakEndedAt: Long;
  haveStartup: boolean;
  startupMs: Long;
  haveBitrate: boolean;
  bitrate: Double;
  segmentBitrateSeen: boolean;
  haveDropped: boolean;
  droppedFrames: Double;
  /** QoS values last sent (-1: never). */
  sentBitrate: Double;
  sentDropped: Double;
  contentIndex: Int;
  errorCode: string;
  errorMessage: string;
  /** Stitched (server-side) ads were reported for this session (src-ts/logic/ssai.ts). */
  stitched: boolean;
  /** The stitched breaks known so far, in stream seconds, by start. */
  stitchedBreaks: StitchedBreak[];
  /** The node's `position` is inside a known stitched break. */
  stitchedInBreak: boolean;
  /** The last `position` as the node reports it (stream seconds, ads included). */
  streamSec: number;
  /** The ads of the stitched pod that is playing (RAFX), and where it starts (stream seconds). */
  stitchedAds: Record<string, unknown>[];
  stitchedPodStart: number;
  /** Where that pod ends (stream seconds; -1 when unknown). */
  stitchedPodEnd: number;
  /** Index in `stitchedAds` of the ad playing (-1: none). */
  stitchedAdIndex: Int;
}

/** A stitched ad break in the stream: from `startSec` to `endSec` (stream seconds). */
export interface StitchedBreak {
  startSec: number;
  endSec: number;
}

/** The outcome of `trackStart`: no state when the session cannot be tracked (see `errors`). */
export interface TrackStartResult {
  state?: TrackState;
  calls: TrackCall[];
  errors: string[];
}
