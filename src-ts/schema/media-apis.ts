/**
 * The 23 media APIs of the spec's event table (roku-media-sdk.txt, "Event Names"), in the
 * spec's order, with parameters in mParticle's Roku SDK order. Every bridge method, every
 * media event name and the Task's dispatch derive from this table.
 */

/** The kind of a positional media parameter, checked by the Task before the logic runs. */
export type MediaParamKind = 'session' | 'number' | 'attributes';

/** One positional parameter of a media API. */
export interface MediaParam {
  /** Name in the BrightScript signature and key in the logic's `call.args`. */
  readonly name: string;
  readonly kind: MediaParamKind;
  /** Whether the call may omit it. */
  readonly optional: boolean;
  readonly doc: string;
}

/** One media API: a bridge method on `mparticle.media` that logs one media event. */
export interface MediaApi {
  /** Bridge method name, as in the spec (`logPlay`). */
  readonly method: string;
  /** UPPER_SNAKE key of the event name in `MEDIA_EVENT_NAME`. */
  readonly key: string;
  /** The custom event name mParticle receives (`Play`). */
  readonly event: string;
  readonly params: readonly MediaParam[];
  /** Other bridge names for the same method (the spec table's spelling where it differs). */
  readonly aliases?: readonly string[];
  /**
   * What the bridge keeps of mParticle's Roku SDK 2.x's fields of the channel's session object,
   * on the render thread, before the call goes to the Task, besides KEEPS_END_TIME (which every
   * media call does): the transpiled function (src-ts/logic/bridge-session.ts) and what it does.
   */
  readonly keeps?: SessionKeeping;
  /**
   * The periodic call: the bridge only hands it to the Task, one assignment, and does not keep
   * KEEPS_END_TIME (2.x did: `mediaSessionEndTime` then trails 2.x's by the updates since the
   * last other media call, and is 2.x's again from the next one, Media Session End included).
   */
  readonly keepsNothing?: true;
  readonly doc: string;
}

/** A bridge method's bookkeeping of the session object (MediaApi.keeps). */
export interface SessionKeeping {
  readonly fn: string;
  readonly doc: string;
}

/** What every media call keeps, as 2.x's bridge did for all of them (written out by emit-bridge.ts). */
export const KEEPS_END_TIME = '`mediaSessionEndTime` becomes now (when it holds a non-zero number)';
const keeps = (fn: string, doc: string): SessionKeeping => ({ fn, doc });

const session: MediaParam = {
  name: 'mediaSession',
  kind: 'session',
  optional: false,
  doc: 'The session object built with `MediaSession.build`; the channel keeps it up to date.',
};
const options: MediaParam = {
  name: 'options',
  kind: 'attributes',
  optional: true,
  doc: 'Custom attributes for this event; they win over the session attributes of the same key.',
};
const num = (name: string, doc: string): MediaParam => ({ name, kind: 'number', optional: false, doc });

const plain = (method: string, key: string, event: string, doc: string, keeping?: SessionKeeping): MediaApi => ({
  method,
  key,
  event,
  params: [session, options],
  ...(keeping === undefined ? {} : { keeps: keeping }),
  doc,
});

/** Every media API, in the order of the spec's event table. */
export const MEDIA_APIS: readonly MediaApi[] = [
  plain('logPlay', 'PLAY', 'Play', 'Playback started or resumed; starts counting content time.', keeps('mParticle_sessionKeepPlay', '`currentPlaybackStartTimestamp` becomes now unless it is running (non-zero); `playbackState` becomes `"playing"`')),
  plain('logPause', 'PAUSE', 'Pause', 'Playback paused; stops counting content time.', keeps('mParticle_sessionKeepPause', 'a running `currentPlaybackStartTimestamp` is added to `storedPlaybackTime` and becomes 0; `playbackState` becomes `"pausedByUser"`')),
  plain('logMediaContentEnd', 'CONTENT_END', 'Media Content End', 'The content played to its end; marks the content complete.', keeps('mParticle_sessionKeepContentEnd', '`mediaContentComplete` becomes true; a running `currentPlaybackStartTimestamp` is added to `storedPlaybackTime` and becomes 0')),
  plain('logMediaSessionStart', 'SESSION_START', 'Media Session Start', 'The viewer started interacting with the content; call before the first play.'),
  plain('logMediaSessionEnd', 'SESSION_END', 'Media Session End', 'The viewer is done with the content (after a post-roll, or when the channel closes).'),
  {
    method: 'logSeekStart',
    key: 'SEEK_START',
    event: 'Seek Start',
    params: [session, num('position', 'Playhead position (ms) where the seek began.'), options],
    doc: 'The viewer started seeking.',
  },
  {
    method: 'logSeekEnd',
    key: 'SEEK_END',
    event: 'Seek End',
    params: [session, num('position', 'Playhead position (ms) where the seek ended.'), options],
    doc: 'The seek finished.',
  },
  {
    method: 'logBufferStart',
    key: 'BUFFER_START',
    event: 'Buffer Start',
    params: [
      session,
      num('duration', 'Buffer duration (ms).'),
      num('bufferPercent', 'Percentage of the buffer filled.'),
      num('position', 'Playhead position (ms) when buffering began.'),
      options,
    ],
    doc: 'Playback stalled to buffer.',
  },
  {
    method: 'logBufferEnd',
    key: 'BUFFER_END',
    event: 'Buffer End',
    params: [
      session,
      num('duration', 'Buffer duration (ms).'),
      num('bufferPercent', 'Percentage of the buffer filled.'),
      num('position', 'Playhead position (ms) when buffering ended.'),
      options,
    ],
    doc: 'Buffering finished.',
  },
  { ...plain('logPlayheadPosition', 'UPDATE_PLAYHEAD_POSITION', 'Update Playhead Position', 'Reports `mediaSession.currentPlayheadPosition`; call it periodically while playing.'), keepsNothing: true },
  plain('logAdClick', 'AD_CLICK', 'Ad Click', 'The viewer clicked the current ad (`mediaSession.adContent`).'),
  plain('logAdBreakStart', 'AD_BREAK_START', 'Ad Break Start', 'An ad break (`mediaSession.adBreak`) started.', keeps('mParticle_sessionKeepAdBreakStart', 'with `excludeAdBreaksFromContentTime` while `"playing"`: a running `currentPlaybackStartTimestamp` is added to `storedPlaybackTime` and becomes 0, `playbackState` becomes `"pausedByAdBreak"`')),
  plain('logAdBreakEnd', 'AD_BREAK_END', 'Ad Break End', 'The ad break ended; set `mediaSession.adBreak = invalid` afterwards.', keeps('mParticle_sessionKeepAdBreakEnd', 'with `excludeAdBreaksFromContentTime` from `"pausedByAdBreak"`: `currentPlaybackStartTimestamp` becomes now, `playbackState` `"playing"`')),
  plain('logAdStart', 'AD_START', 'Ad Start', 'An ad (`mediaSession.adContent`) started; counted in the session ad total.'),
  plain('logAdEnd', 'AD_END', 'Ad End', 'The ad played to its end.'),
  plain('logAdSkip', 'AD_SKIP', 'Ad Skip', 'The viewer skipped the ad.'),
  plain('logSegmentStart', 'SEGMENT_START', 'Segment Start', 'A segment or chapter (`mediaSession.segment`) started.'),
  plain('logSegmentEnd', 'SEGMENT_END', 'Segment End', 'The segment played to its end.'),
  plain('logSegmentSkip', 'SEGMENT_SKIP', 'Segment Skip', 'The viewer skipped the rest of the segment.'),
  {
    method: 'logQoS',
    key: 'UPDATE_QOS',
    event: 'Update QoS',
    params: [
      session,
      num('startupTime', 'Time (ms) from the play request to the first frame.'),
      num('droppedFrames', 'Frames dropped so far.'),
      num('bitRate', 'Current bit rate (bits per second).'),
      num('fps', 'Current frames per second.'),
      options,
    ],
    aliases: ['logUpdateQoS'],
    doc: 'Quality of service update; the latest values are added to later events. The spec table calls it `logUpdateQoS()`; mParticle\'s Roku SDK names the method `logQoS`.',
  },
  plain('logAdSummary', 'AD_SUMMARY', 'Ad Session Summary', 'Summary of the current ad, or of the ad that just ended; sent at most once per ad.'),
  plain('logSegmentSummary', 'SEGMENT_SUMMARY', 'Segment Session Summary', 'Summary of the current segment, or of the one that just ended; sent at most once per segment.'),
  plain('logMediaSessionSummary', 'SESSION_SUMMARY', 'Media Session Summary', 'Summary of the whole media session; sent at most once per session.'),
];

/** A `MEDIA_EVENT_NAME` without a media API: a name 2.x defines for channels to log with `logEvent`. */
export interface MediaEventName {
  readonly key: string;
  readonly event: string;
  readonly doc: string;
}

/** Event names of `MEDIA_EVENT_NAME` that no media API logs. */
export const MEDIA_EVENT_NAMES_WITHOUT_API: readonly MediaEventName[] = [
  { key: 'MILESTONE', event: 'Milestone', doc: 'A milestone of the content (25%, 50%, ...): log it with `logEvent(MEDIA_EVENT_NAME.MILESTONE, CUSTOM_EVENT_TYPE.MEDIA, attributes)`.' },
];
