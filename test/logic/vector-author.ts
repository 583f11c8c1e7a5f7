/**
 * Source of the scenario vectors in test/vectors/. Each scenario is written as a channel
 * would act (mutate its session object, call an API); this script records the calls with a
 * copy of the session object at each call.
 *
 *   npx tsx test/logic/vector-author.ts           # check: every vector file matches its calls
 *   npx tsx test/logic/vector-author.ts --write   # (re)write the files; expected = current output
 *
 * `--write` takes the expected events from the current logic, so a rewritten vector must be
 * reviewed by hand (git diff) before it is committed: the vectors are the specification the
 * BrightScript output is compared against.
 */
import { refreshGoldens } from './goldens';
import * as path from 'path';
import { Vector, VectorCall, withExpected } from './run-vector';

/** The vectors directory. */
export const VECTOR_DIR = path.join(__dirname, '..', 'vectors');

type Obj = Record<string, unknown>;

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** A session object as `MediaSession.build("ABC123", "Space Pilot 3000", "Video", "LiveStream", 1800000)` makes it. */
export function buildSession(id: string, over: Obj = {}): Obj {
  return {
    contentId: 'ABC123',
    title: 'Space Pilot 3000',
    contentType: 'Video',
    streamType: 'LiveStream',
    duration: 1800000,
    mediaSessionId: id,
    currentPlayheadPosition: 0,
    mediaSessionAttributes: {},
    excludeAdBreaksFromContentTime: false,
    ...over,
  };
}

/** Records a channel's calls; `session` is the channel's own object, copied at each call. */
class Channel {
  calls: VectorCall[] = [];
  constructor(public session: Obj | undefined) {}
  call(t: number, method: string, options?: unknown, args?: Obj, session?: unknown): this {
    const c: VectorCall = { t, method, session: clone(session === undefined ? this.session : session) };
    if (args !== undefined) c.args = args;
    if (options !== undefined) c.options = options;
    this.calls.push(c);
    return this;
  }
  set(field: string, value: unknown): this {
    if (this.session !== undefined) {
      if (value === undefined) delete this.session[field];
      else this.session[field] = value;
    }
    return this;
  }
}

interface Scenario {
  name: string;
  description: string;
  autoSummaries?: boolean;
  calls: VectorCall[];
}

const T0 = 1593007500000;

function specFlow(auto: boolean): VectorCall[] {
  const c = new Channel(buildSession('ms-spec'));
  c.call(T0, 'logMediaSessionStart', { 'example custom attribute': 'example custom attribute value' });
  c.call(T0 + 1000, 'logPlay', { Source: 'Auto Playback' });
  c.set('currentPlayheadPosition', 1900);
  c.call(T0 + 2900, 'logPause', { Source: 'Player Controls' });
  c.set('adBreak', { id: 'XYZ123', title: 'Gamer Ad Collection', duration: 32000 });
  c.call(T0 + 3000, 'logAdBreakStart', { Source: 'Player Controls' });
  c.set('adContent', { id: 'ABC890', title: 'CP 2077 - Be Cool, Be Anything', duration: 16000, position: 0, campaign: 'CP 2077 Preorder Push' });
  c.set('mediaContentTimeSpent', 1950);
  c.call(T0 + 3100, 'logAdStart', { Source: 'Player Controls' });
  const click = { click_timestamp_ms: 1593007533602 };
  (c.session!.adContent as Obj).position = 800;
  c.set('mediaContentTimeSpent', 2750);
  c.call(T0 + 19100, 'logAdEnd', click);
  c.call(T0 + 19100, 'logAdSummary', click);
  c.set('adContent', undefined);
  c.call(T0 + 19200, 'logAdBreakEnd', click);
  c.set('adBreak', undefined);
  c.call(T0 + 19300, 'logMediaContentEnd', click);
  c.call(T0 + 19400, 'logMediaSessionEnd', click);
  c.call(T0 + 19500, 'logMediaSessionSummary', click);
  return c.calls;
}

function allMethods(): VectorCall[] {
  const c = new Channel(buildSession('ms-all', { contentType: 'Audio', streamType: 'OnDemand', duration: 600000, mediaSessionAttributes: { player_name: 'RokuPlayer' } }));
  c.call(T0, 'logMediaSessionStart');
  c.call(T0 + 100, 'logQoS', undefined, { startupTime: 350, droppedFrames: 0, bitRate: 4500000, fps: 29.97 });
  c.call(T0 + 200, 'logPlay');
  c.set('segment', { title: 'Chapter 1', index: 1, duration: 60000 });
  c.call(T0 + 300, 'logSegmentStart');
  c.set('currentPlayheadPosition', 5000);
  c.call(T0 + 5300, 'logPlayheadPosition');
  c.call(T0 + 5400, 'logBufferStart', undefined, { duration: 1200, bufferPercent: 12.5, position: 5100 });
  c.call(T0 + 6600, 'logBufferEnd', undefined, { duration: 1200, bufferPercent: 100, position: 5100 });
  c.call(T0 + 7000, 'logSeekStart', undefined, { position: 5500 });
  c.set('currentPlayheadPosition', 40000);
  c.call(T0 + 7500, 'logSeekEnd', undefined, { position: 40000 });
  c.call(T0 + 27500, 'logSegmentSkip');
  c.call(T0 + 27600, 'logSegmentSummary');
  c.set('segment', { title: 'Chapter 2', index: 2, duration: 30000 });
  c.call(T0 + 27700, 'logSegmentStart');
  c.set('adBreak', { id: 'MID1', title: 'Mid-roll', duration: 15000 });
  c.call(T0 + 30000, 'logAdBreakStart');
  c.set('adContent', { id: 'AD-1', title: 'Soda', duration: 15000, advertiser: 'Fizz Co', campaign: 'Summer', creative: 'Can', placement: 'mid', position: 1, siteId: 'site-9' });
  c.call(T0 + 30100, 'logAdStart');
  c.call(T0 + 35100, 'logAdClick');
  c.call(T0 + 36100, 'logAdSkip');
  c.call(T0 + 36200, 'logAdSummary');
  c.set('adContent', undefined);
  c.call(T0 + 36300, 'logAdBreakEnd');
  c.set('adBreak', undefined);
  c.set('currentPlayheadPosition', 70000);
  c.call(T0 + 57700, 'logSegmentEnd');
  c.call(T0 + 57800, 'logSegmentSummary');
  c.set('segment', undefined);
  c.call(T0 + 60000, 'logMediaContentEnd');
  c.call(T0 + 60100, 'logMediaSessionEnd');
  c.call(T0 + 60200, 'logMediaSessionSummary');
  return c.calls;
}

function contentTimeAds(exclude: boolean): VectorCall[] {
  const c = new Channel(buildSession(exclude ? 'ms-excl' : 'ms-incl', { excludeAdBreaksFromContentTime: exclude }));
  c.call(T0, 'logMediaSessionStart');
  c.call(T0 + 1000, 'logPlay');
  c.set('adBreak', { id: 'B1', title: 'Break', duration: 10000 });
  c.call(T0 + 11000, 'logAdBreakStart');
  c.set('adContent', { id: 'A1', title: 'Ad one', duration: 5000 });
  c.call(T0 + 11500, 'logAdStart');
  c.call(T0 + 16500, 'logAdEnd');
  c.set('adContent', { id: 'A2', title: 'Ad two', duration: 5000 });
  c.call(T0 + 16600, 'logAdStart');
  c.call(T0 + 21000, 'logAdEnd');
  c.set('adContent', undefined);
  c.call(T0 + 21100, 'logAdBreakEnd');
  c.set('adBreak', undefined);
  c.call(T0 + 41100, 'logPause');
  c.call(T0 + 42000, 'logMediaSessionEnd');
  c.call(T0 + 42000, 'logMediaSessionSummary');
  return c.calls;
}

function pauseAndPlayTwice(): VectorCall[] {
  const c = new Channel(buildSession('ms-pp'));
  c.call(T0, 'logMediaSessionStart');
  c.call(T0 + 500, 'logPause');
  c.call(T0 + 1000, 'logPlay');
  c.call(T0 + 3000, 'logPlay');
  c.call(T0 + 6000, 'logPause');
  c.call(T0 + 7000, 'logPause');
  c.call(T0 + 9000, 'logPlay');
  c.call(T0 + 10000, 'logMediaSessionEnd');
  c.call(T0 + 10000, 'logMediaSessionSummary');
  return c.calls;
}

function seekDuringAd(): VectorCall[] {
  const c = new Channel(buildSession('ms-seekad'));
  c.call(T0, 'logMediaSessionStart');
  c.set('adBreak', { id: 'PRE', title: 'Pre-roll', duration: 30000 });
  c.call(T0 + 10, 'logAdBreakStart');
  c.set('adContent', { id: 'AD-S', title: 'Seekable', duration: 30000, position: 0 });
  c.call(T0 + 20, 'logAdStart');
  c.call(T0 + 3000, 'logSeekStart', undefined, { position: 3000 });
  c.call(T0 + 3500, 'logSeekEnd', undefined, { position: 25000 });
  c.call(T0 + 8500, 'logAdEnd');
  c.set('adContent', undefined);
  c.call(T0 + 8600, 'logAdBreakEnd');
  return c.calls;
}

function orphanEnds(): VectorCall[] {
  const c = new Channel(buildSession('ms-orphan'));
  c.call(T0, 'logMediaSessionStart');
  c.call(T0 + 100, 'logAdSkip');
  c.set('adContent', { id: 'LATE', title: 'Never started' });
  c.call(T0 + 200, 'logAdEnd');
  c.call(T0 + 300, 'logAdSummary');
  c.set('adContent', undefined);
  c.call(T0 + 400, 'logSegmentEnd');
  c.call(T0 + 500, 'logSegmentSkip');
  c.call(T0 + 600, 'logSegmentSummary');
  c.call(T0 + 700, 'logAdBreakEnd');
  c.call(T0 + 800, 'logMediaSessionEnd');
  c.call(T0 + 900, 'logMediaSessionSummary');
  return c.calls;
}

function callsAfterEnd(): VectorCall[] {
  const c = new Channel(buildSession('ms-after'));
  c.call(T0, 'logMediaSessionStart');
  c.set('segment', { title: 'Only', index: 0, duration: 1000 });
  c.call(T0 + 10, 'logSegmentStart');
  c.call(T0 + 20, 'logPlay');
  c.call(T0 + 1020, 'logMediaSessionEnd');
  c.call(T0 + 1100, 'logPlay');
  c.call(T0 + 1200, 'logMediaSessionEnd');
  c.call(T0 + 1300, 'logSegmentSummary');
  c.call(T0 + 1400, 'logSegmentSummary');
  c.call(T0 + 1500, 'logMediaSessionSummary');
  c.call(T0 + 1600, 'logMediaSessionSummary');
  c.call(T0 + 1700, 'logMediaSessionStart');
  return c.calls;
}

function twoSessions(): VectorCall[] {
  const a = new Channel(buildSession('ms-a'));
  const b = new Channel(buildSession('ms-b', { contentId: 'XYZ', title: 'Other show', streamType: 'OnDemand', duration: 90000 }));
  const calls: VectorCall[] = [];
  const both = (ch: Channel, t: number, m: string) => {
    ch.call(t, m);
    calls.push(ch.calls[ch.calls.length - 1]);
  };
  both(a, T0, 'logMediaSessionStart');
  both(b, T0 + 100, 'logMediaSessionStart');
  both(a, T0 + 200, 'logPlay');
  both(b, T0 + 300, 'logPlay');
  a.set('adBreak', { id: 'A-BREAK', title: 'A break', duration: 5000 });
  a.set('adContent', { id: 'A-AD', title: 'A ad', duration: 5000 });
  both(a, T0 + 1200, 'logAdStart');
  both(b, T0 + 2300, 'logPause');
  both(a, T0 + 6200, 'logAdEnd');
  both(b, T0 + 7000, 'logMediaSessionEnd');
  both(a, T0 + 8000, 'logMediaSessionEnd');
  both(b, T0 + 8100, 'logMediaSessionSummary');
  both(a, T0 + 8200, 'logMediaSessionSummary');
  return calls;
}

function rejectedCalls(): VectorCall[] {
  const c = new Channel(buildSession('ms-bad'));
  c.call(T0, 'logPlay', undefined, undefined, 'not a session');
  c.call(T0 + 1, 'logPlay', undefined, undefined, [1, 2]);
  c.calls.push({ t: T0 + 2, method: 'logPlay' });
  c.call(T0 + 3, 'logPlay', undefined, undefined, { contentId: 'ABC123' });
  c.call(T0 + 4, 'logPlay', undefined, undefined, { mediaSessionId: 42 });
  c.call(T0 + 5, 'logPlay', undefined, undefined, { mediaSessionId: '' });
  c.call(T0 + 6, 'logRewind');
  c.call(T0 + 7, 'logUpdateQoS', undefined, { startupTime: 1, droppedFrames: 2, bitRate: 3, fps: 4 });
  c.call(T0 + 8, 'logMediaSessionStart');
  c.call(T0 + 9, 'logSeekStart', undefined, { position: '1000' });
  c.call(T0 + 10, 'logQoS', undefined, { startupTime: 1, droppedFrames: true, bitRate: 3, fps: 4 });
  c.call(T0 + 11, 'logBufferStart', undefined, { duration: 1, bufferPercent: { p: 1 }, position: 3 });
  c.call(T0 + 12, 'logAdStart');
  c.call(T0 + 13, 'logAdBreakStart');
  c.call(T0 + 14, 'logSegmentStart');
  c.set('adContent', 'not an ad');
  c.call(T0 + 15, 'logAdStart');
  c.call(T0 + 16, 'logSeekEnd', undefined, {});
  return c.calls;
}

function sloppySession(): VectorCall[] {
  const c = new Channel(buildSession('ms-sloppy'));
  c.call(T0, 'logMediaSessionStart');
  c.set('title', 12345).set('duration', '1800000').set('currentPlayheadPosition', 1234.5).set('contentId', undefined).set('contentType', null);
  c.set('mediaSessionAttributes', 'not an object');
  c.call(T0 + 100, 'logPlay');
  c.set('streamType', ['LiveStream']).set('excludeAdBreaksFromContentTime', 'yes');
  c.set('adBreak', { id: 7, title: null, duration: 'long' });
  c.call(T0 + 200, 'logAdBreakStart');
  c.set('adContent', { id: 'AD', title: { nested: true }, duration: 1500.25, position: '3', advertiser: true });
  c.call(T0 + 300, 'logAdStart');
  c.set('segment', { title: 'S', index: 2.0, duration: -1 });
  c.call(T0 + 400, 'logSegmentStart');
  c.set('currentPlayheadPosition', undefined);
  c.call(T0 + 500, 'logPlayheadPosition');
  return c.calls;
}

function customAttributes(): VectorCall[] {
  const c = new Channel(
    buildSession('ms-custom', { mediaSessionAttributes: { season: 3, show: 'Futurama', rating: 'TV-PG', shared: 'from session', Mixed: 'session' } }),
  );
  c.call(T0, 'logMediaSessionStart', {
    int: 1593007533602,
    neg: -7,
    float: 25.5,
    small: 0.1,
    bool: false,
    str: '',
    arr: ['a', 1, true],
    obj: { k: 'v' },
    nothing: null,
    shared: 'from call',
    mixed: 'call',
    media_session_id: 'spoofed',
    CONTENT_ID: 'spoofed too',
    content_season: '3',
  });
  c.call(T0 + 10, 'logPlay', { shared: null });
  c.call(T0 + 20, 'logPause', 'options that are not an AA');
  return c.calls;
}

function qosCarryOver(): VectorCall[] {
  const c = new Channel(buildSession('ms-qos'));
  c.call(T0, 'logMediaSessionStart');
  c.call(T0 + 100, 'logQoS', undefined, { startupTime: 800, droppedFrames: 3, bitRate: 2500000, fps: 30 });
  c.call(T0 + 200, 'logPlay');
  c.call(T0 + 300, 'logQoS', undefined, { droppedFrames: 5, bitRate: 1200000 });
  c.call(T0 + 400, 'logPause');
  c.call(T0 + 500, 'logMediaSessionEnd');
  c.call(T0 + 600, 'logMediaSessionSummary');
  return c.calls;
}

function summaryRules(): VectorCall[] {
  const c = new Channel(buildSession('ms-sum'));
  c.call(T0, 'logMediaSessionStart');
  c.call(T0 + 10, 'logAdSummary');
  c.call(T0 + 20, 'logMediaSessionSummary');
  c.set('adContent', { id: 'AD-1', title: 'First' });
  c.call(T0 + 30, 'logAdStart');
  c.call(T0 + 40, 'logAdSummary');
  c.set('adContent', { id: 'AD-2', title: 'Second' });
  c.call(T0 + 1030, 'logAdStart');
  c.call(T0 + 2030, 'logAdEnd');
  c.call(T0 + 2040, 'logAdSummary');
  c.call(T0 + 2050, 'logAdSummary');
  c.set('adContent', undefined);
  c.set('segment', { title: 'One', index: 1, duration: 100 });
  c.call(T0 + 3000, 'logSegmentStart');
  c.set('segment', { title: 'Two', index: 2, duration: 100 });
  c.call(T0 + 3100, 'logSegmentStart');
  c.call(T0 + 3150, 'logSegmentSummary');
  c.call(T0 + 3200, 'logMediaSessionEnd');
  c.call(T0 + 3300, 'logSegmentSummary');
  c.call(T0 + 3400, 'logMediaSessionSummary');
  c.call(T0 + 3500, 'logAdSummary');
  return c.calls;
}

function autoOnSessionEnd(): VectorCall[] {
  const c = new Channel(buildSession('ms-autoend'));
  c.call(T0, 'logMediaSessionStart');
  c.call(T0 + 100, 'logPlay');
  c.set('segment', { title: 'Open', index: 1, duration: 5000 });
  c.call(T0 + 200, 'logSegmentStart');
  c.set('adBreak', { id: 'B', title: 'Break', duration: 1000 });
  c.call(T0 + 300, 'logAdBreakStart');
  c.set('adContent', { id: 'OPEN-AD', title: 'Unfinished' });
  c.call(T0 + 400, 'logAdStart');
  c.call(T0 + 900, 'logMediaSessionEnd');
  c.call(T0 + 1000, 'logAdSummary');
  return c.calls;
}

function clockBackwards(): VectorCall[] {
  const c = new Channel(buildSession('ms-clock'));
  c.call(T0 + 10000, 'logMediaSessionStart');
  c.call(T0 + 11000, 'logPlay');
  c.call(T0 + 5000, 'logPlayheadPosition');
  c.call(T0 + 8000, 'logPause');
  c.set('adContent', { id: 'BACK', title: 'Backwards' });
  c.call(T0 + 9000, 'logAdStart');
  c.call(T0 + 2000, 'logAdEnd');
  c.call(T0 + 3000, 'logMediaSessionEnd');
  c.call(T0 + 3000, 'logMediaSessionSummary');
  return c.calls;
}

function implicitStart(): VectorCall[] {
  const c = new Channel(buildSession('ms-implicit', { currentPlayheadPosition: 500 }));
  c.call(T0 + 100, 'logPlay');
  c.call(T0 + 700, 'logMediaSessionStart');
  c.call(T0 + 2100, 'logMediaContentEnd');
  c.call(T0 + 2200, 'logMediaSessionEnd');
  c.call(T0 + 2300, 'logMediaSessionSummary');
  return c.calls;
}

function eviction(): VectorCall[] {
  const calls: VectorCall[] = [];
  for (let i = 0; i < 9; i++) {
    const ch = new Channel(buildSession(`ms-${i}`));
    ch.call(T0 + i * 10, 'logMediaSessionStart');
    calls.push(ch.calls[0]);
  }
  const again = new Channel(buildSession('ms-0'));
  again.call(T0 + 100, 'logPlay');
  const live = new Channel(buildSession('ms-8'));
  live.call(T0 + 110, 'logPlay');
  return calls.concat(again.calls, live.calls);
}

function keySpelling(): VectorCall[] {
  const c = new Channel({
    contentID: 'ABC123',
    Title: 'Space Pilot 3000',
    contentType: 'Video',
    streamType: 'LiveStream',
    Duration: 1800000,
    mediaSessionID: 'ms-spelling',
    currentPlayheadPosition: 0,
    MediaSessionAttributes: { Show: 'Futurama' },
    excludeAdBreaksFromContentTime: false,
  });
  c.call(T0, 'logMediaSessionStart');
  c.set('AdContent', { ID: 'AD-SPELL', Title: 'Shouty ad', siteID: 'site' });
  c.call(T0 + 100, 'logAdStart');
  c.call(T0 + 1100, 'logAdEnd');
  c.call(T0 + 1200, 'logAdSummary');
  return c.calls;
}

/** Every scenario, in file-name order of their vectors. */
export const SCENARIOS: Scenario[] = [
  { name: 'spec-example-flow', description: "The spec's example: session start, play, pause at 1900, ad break XYZ123 with ad ABC890, ad end and ad summary with click_timestamp_ms, ad break end, content end, session end, session summary.", calls: specFlow(false) },
  { name: 'spec-example-auto-summaries', description: "The spec's example with autoSummaries: Ad End and Session End send their summaries; the channel's own summary calls are then rejected (at most once).", autoSummaries: true, calls: specFlow(true) },
  { name: 'all-methods', description: 'Every media API once or more: QoS, segments (skip and end with summaries), playhead, buffer, seek, ad break, ad with every field, ad click, ad skip, content end, session end and summary.', calls: allMethods() },
  { name: 'content-time-exclude-ad-breaks', description: 'excludeAdBreaksFromContentTime = true: content time stops at Ad Break Start and resumes at Ad Break End while playing.', calls: contentTimeAds(true) },
  { name: 'content-time-include-ad-breaks', description: 'excludeAdBreaksFromContentTime = false: content time keeps counting through the ad break.', calls: contentTimeAds(false) },
  { name: 'pause-before-play-and-play-twice', description: 'Pause before any play, play twice, pause twice: events go out and content time is not counted twice.', calls: pauseAndPlayTwice() },
  { name: 'seek-during-ad', description: 'Seek start/end while an ad plays carry seek_position and the ad attributes.', calls: seekDuringAd() },
  { name: 'ends-without-starts', description: 'Ad skip/end, segment end/skip and ad break end without their start: events are sent with a warning each; summaries of nothing are rejected.', calls: orphanEnds() },
  { name: 'calls-after-session-end', description: 'After Media Session End only summaries are accepted; after the session summary the session is closed and every call is rejected.', calls: callsAfterEnd() },
  { name: 'two-sessions', description: 'Two media sessions interleaved keep separate state, totals and times.', calls: twoSessions() },
  { name: 'rejected-calls', description: 'Calls that cannot be processed: session not an AA, missing/non-string/empty mediaSessionId, unknown methods, wrong-typed number arguments, Ad Start / Ad Break Start / Segment Start without their object.', calls: rejectedCalls() },
  { name: 'sloppy-session-fields', description: 'Missing and wrong-typed session fields: numbers in text fields become strings, numeric fields (durations, positions, index) take only numbers, objects/arrays are ignored, a missing or rejected field keeps its last value.', calls: sloppySession() },
  { name: 'custom-attribute-types', description: 'Custom attributes of every type; per-call options win over session attributes (ignoring case); null is dropped; SDK keys win over custom ones.', calls: customAttributes() },
  { name: 'qos-carry-over', description: 'The latest QoS values go on every later event of the session, including summaries.', calls: qosCarryOver() },
  { name: 'summary-rules', description: 'Summaries only after their ad/segment/session ended, at most once; a new Ad/Segment Start closes the running one; summaries after the session summary are rejected.', calls: summaryRules() },
  { name: 'auto-summaries-at-session-end', description: 'autoSummaries: Session End closes the running ad and segment and sends their summaries before the session summary.', autoSummaries: true, calls: autoOnSessionEnd() },
  { name: 'clock-steps-back', description: 'The clock steps back mid-session: time spans never go negative and content time never shrinks.', calls: clockBackwards() },
  { name: 'implicit-session-start', description: 'A session whose first call is Play is tracked from that call; a later Media Session Start keeps the first start time.', calls: implicitStart() },
  { name: 'key-spelling', description: 'Session fields spelled mediaSessionID, contentID, AdContent.ID...: read as BrightScript reads them, ignoring case.', calls: keySpelling() },
  { name: 'too-many-sessions', description: 'A ninth open session drops the least recently used one, whose later calls are rejected.', calls: eviction() },
];

/** The vector a scenario gives with the current logic. */
export function authorVector(s: Scenario): Vector {
  return withExpected({
    name: s.name,
    description: s.description,
    options: { autoSummaries: s.autoSummaries === true },
    calls: s.calls,
    expected: [],
    expectedErrors: 0,
  });
}

if (require.main === module) {
  refreshGoldens(SCENARIOS.map((s) => ({ file: path.join(VECTOR_DIR, `${s.name}.json`), text: JSON.stringify(authorVector(s), null, 2) + '\n' })));
}
