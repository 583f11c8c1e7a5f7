/**
 * Automatic tracking: the bridge methods that hand a Video node (or RAF's events) to the
 * Task, the Task field that carries the node, the custom media event and attribute keys the
 * tracker adds, and its options. The mapping itself is the logic of src-ts/logic/track.ts.
 */
import type { BridgeParam } from './bridge-apis';

/** One tracking method on `m.mparticle.media`. */
export interface TrackingApi {
  readonly ns: 'media';
  readonly method: string;
  readonly params: readonly BridgeParam[];
  /**
   * A parameter that is a node: the bridge also sets it on the node-typed Task field
   * TRACKED_NODE_FIELD before the call, because a node inside the call's argument array does
   * not stay observable in every runtime (brs-scenegraph: sim/README.md).
   */
  readonly nodeParam?: string;
  readonly doc: string;
}

/**
 * The Task's node-typed field through which `trackVideo` hands the node over (as Mux's Roku SDK
 * does). The Task reads it once per `trackVideo` call.
 */
export const TRACKED_NODE_FIELD = 'mParticleTrackedNode';

const session: BridgeParam = { name: 'mediaSession', kind: 'object', optional: false, doc: 'The session object built with `MediaSession.build`.' };

/** The tracking methods, in the README's order. */
export const TRACKING_APIS: readonly TrackingApi[] = [
  {
    ns: 'media',
    method: 'trackVideo',
    params: [
      { name: 'video', kind: 'node', optional: false, doc: 'A Video node, or any node with the Video node\'s fields (`state`, `position`, ...).' },
      session,
      { name: 'options', kind: 'attributes', optional: true, defaultBrs: '{}', doc: 'Tracking options: `playheadIntervalMillis` (default 10000; 0 = every position event), `fps` (frames per second of the content, sent in QoS; Roku exposes none).' },
    ],
    nodeParam: 'video',
    doc: 'Hands the node to the Task, which observes its fields on its own port and logs the media events by itself (see README "Automatic tracking"). Logs Media Session Start unless this session already started. The render thread only pays for this call.',
  },
  {
    ns: 'media',
    method: 'stopTracking',
    params: [session, { name: 'options', kind: 'attributes', optional: true, defaultBrs: '{}', doc: 'Custom attributes for the Media Session End event.' }],
    doc: 'Stops observing the node of this session and logs Media Session End (and the summaries when `autoSummaries` is on).',
  },
  {
    ns: 'media',
    method: 'trackAdEvent',
    params: [
      session,
      { name: 'eventType', kind: 'string', optional: false, doc: 'RAF\'s event type (`PodStart`, `Start`, `Complete`, ...).' },
      { name: 'adEvent', kind: 'attributes', optional: true, defaultBrs: '{}', doc: 'A small copy of RAF\'s event context: `rendersequence`, `duration`, `adIndex`, `ad: {adid, adtitle, advertiser, creativeid, duration}`, `errCode`, `errMsg`.' },
    ],
    doc: 'One event of Roku\'s ad framework (RAF) for this session. `mParticleRafCallback` calls it; a channel does not need to.',
  },
  {
    ns: 'media',
    method: 'trackStitchedAdEvent',
    params: [
      session,
      { name: 'source', kind: 'string', optional: false, doc: 'The SDK that reported it: `"rafx"` (RAF\'s SSAI adapters, `RAFX_SSAI`) or `"ima"` (Google\'s IMA DAI SDK).' },
      { name: 'eventType', kind: 'string', optional: false, doc: 'RAFX: the adapter\'s `adInfo.event` (`PodsFound`, `PodStart`, `Impression`, `Complete`, `PodComplete`, ...); IMA: `adBreakStarted`, `adBreakEnded`, `start`, `complete`, `skipped`.' },
      { name: 'adEvent', kind: 'attributes', optional: true, defaultBrs: '{}', doc: 'A small copy of the event: RAFX `position`, `adPod` / `adPods` (`renderTime`, `duration`, `renderSequence`, `ads: [{adid, adtitle, title, advertiser, creativeid, duration}]`); IMA the ad\'s `adId`, `adTitle`, `advertiserName`, `creativeId`, `duration`, `adPosition`, or the break\'s `duration`, `timeOffset`, `podIndex`, `totalAds` and `cuePoints: [{startSec, endSec}]` (from `getCuePoints()`).' },
    ],
    doc: 'One event of a stitched (server-side) ad SDK for this session. `mParticleTrackSsai` and `mParticleTrackImaDai` call it from the channel\'s ad Task; a channel does not need to.',
  },
];

/** A public function of the tracking glue (not a bridge method): brs-templates/source/mParticleTracking.brs. */
export interface TrackingGlueFunction {
  readonly signature: string;
  readonly doc: string;
}

/** The glue's functions for one ad SDK, as generated/API.md lists them. */
export interface TrackingGlueSection {
  readonly title: string;
  readonly intro: string;
  readonly example: readonly string[];
  readonly functions: readonly TrackingGlueFunction[];
}

export const TRACKING_GLUE: readonly TrackingGlueSection[] = [
  {
    title: 'RAF glue',
    intro: 'Functions (not bridge methods) for Roku\'s ad framework, which has one tracking-callback slot:',
    example: ['adIface.setTrackingCallback(mParticleRafCallback, mParticleRafContext(m.mparticle, mediaSession, myCallback, myObj))'],
    functions: [
      { signature: 'mParticleRafContext(bridge, mediaSession, channelCallback = invalid, channelObj = invalid)', doc: 'the object to give RAF; `bridge` is a `mParticleSGBridge(task)` made in the thread that runs RAF.' },
      { signature: 'mParticleRafCallback(obj, eventType, ctx)', doc: 'forwards a small copy of each RAF event with a type to `media.trackAdEvent`, then calls `channelCallback(channelObj, eventType, ctx)` with RAF\'s own arguments.' },
    ],
  },
  {
    title: 'Stitched ads glue (RAFX_SSAI, IMA DAI)',
    intro: 'Functions (not bridge methods) for server-side ads, called in the Task that runs the ad SDK, with a bridge made in that Task (see README "Stitched ads"):',
    example: [
      'm.mparticle = mParticleSGBridge(m.top.mParticleTask)',
      'mParticleTrackSsai(adapter, m.mparticle, mediaSession)   \' RAFX_SSAI: after your own addEventListener calls',
      'mParticleTrackImaDai(sdk, streamManager, m.mparticle, mediaSession)   \' IMA DAI, plus one line in each ima.Player callback:',
      'player.adBreakStarted = function(adBreakInfo as object) as void',
      '    mParticleImaAdBreakStarted(adBreakInfo)',
      '    \' ... your own code',
      'end function',
      'player.adBreakEnded = function(adBreakInfo as object) as void',
      '    mParticleImaAdBreakEnded(adBreakInfo)',
      'end function',
    ],
    functions: [
      { signature: 'mParticleTrackSsai(adapter, bridge, mediaSession)', doc: 'registers the SDK\'s listener on a `RAFX_SSAI` adapter for PODS, POD_START, START, IMPRESSION, COMPLETE and POD_END. The adapter keeps one listener per event: a listener the channel registered before is kept and called after the SDK\'s with the same argument. Returns true when the listeners are registered.' },
      { signature: 'mParticleTrackImaDai(sdk, streamManager, bridge, mediaSession)', doc: 'adds the SDK\'s listeners to IMA\'s stream manager for START, COMPLETE and SKIPPED (beside the channel\'s own, which IMA keeps). Returns true when the listeners are added.' },
      { signature: 'mParticleImaAdBreakStarted(adBreakInfo)', doc: 'call it from your `ima.Player`\'s `adBreakStarted`: forwards the break (and the stream\'s cue points) to `media.trackStitchedAdEvent`.' },
      { signature: 'mParticleImaAdBreakEnded(adBreakInfo)', doc: 'call it from your `ima.Player`\'s `adBreakEnded`.' },
    ],
  },
];

/** Names of the custom media events the tracker logs besides the media APIs' own. */
export const TRACKING_EVENT_NAME = {
  /** The node's `state` became `error`. */
  MEDIA_ERROR: 'Media Error',
} as const;

/** Attribute keys of the tracker's own events. */
export const TRACKING_ATTRIBUTE = {
  /** The node's `errorCode`. */
  ERROR_CODE: 'media_error_code',
  /** The node's `errorMsg`. */
  ERROR_MESSAGE: 'media_error_message',
} as const;

/** Defaults of the `trackVideo` options. */
export const TRACKING_DEFAULTS = {
  /** Least time (ms) between two Update Playhead Position events while playing. */
  PLAYHEAD_INTERVAL_MILLIS: 10000,
  /** The Video node's default `notificationInterval` (s), used when the node gives none. */
  NOTIFICATION_INTERVAL_SECONDS: 0.5,
  /** Least forward jump (ms) beyond the elapsed time that counts as a seek. */
  SEEK_MIN_JUMP_MILLIS: 1250,
  /** Added to the notification interval for the seek threshold (ms). */
  SEEK_SLACK_MILLIS: 250,
  /**
   * Positions from this (s) on are wall-clock time (live streams): no seek detection. Mux's
   * 2e9 would miss today's clock (about 1.76e9 s in 2026); no content is 31 years long.
   * 1e9 - 1: brighterscript 0.67 (and ropm's parser) misread Double literals of ten digits.
   */
  WALL_CLOCK_POSITION_SECONDS: 999999999,
  /**
   * A stitched break whose end event has not come when the position is this far (s) outside it
   * ends by itself (RAFX sends no POD_END after a seek out of a pod). Its end event comes
   * through the ad Task's bridge, the position straight from the node: the margin covers that.
   */
  STITCHED_BREAK_SLACK_SECONDS: 5,
} as const;

/** The Video node fields the Task observes (each event's data is the field's new value). */
export const TRACKED_VIDEO_FIELDS: readonly string[] = [
  'state',
  'position',
  'timeToStartStreaming',
  'streamingSegment',
  'streamInfo',
  'decoderStats',
  'contentIndex',
  'errorCode',
  'errorMsg',
  'bufferingStatus',
];
