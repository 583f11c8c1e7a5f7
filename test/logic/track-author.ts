/**
 * Source of the tracking vectors in test/vectors/tracking/. Each scenario is written as a
 * player and RAF would act (field events with their data, RAF events with a context); the
 * expected calls and events come from the TypeScript tracker and media logic.
 *
 *   npx tsx test/logic/track-author.ts           # check: every vector file matches
 *   npx tsx test/logic/track-author.ts --write   # (re)write them; review the diff before committing
 */
import { refreshGoldens } from './goldens';
import * as path from 'path';
import { runTrackVector, TrackVector } from './run-track-vector';
import { SSAI_SCENARIOS } from './ssai-author';
import { Player, session, T0 } from './track-player';

export const TRACK_VECTOR_DIR = path.join(__dirname, '..', 'vectors', 'tracking');

export interface TrackScenario {
  name: string;
  description: string;
  vector: Omit<TrackVector, 'expected' | 'name' | 'description'>;
}

function basicPlayback(): TrackScenario['vector'] {
  const p = new Player();
  p.state(100, 'buffering');
  p.field(150, 'position', 0);
  p.field(1200, 'streamingSegment', { segBitrateBps: 2500000, segType: 2, segUrl: 'seg1.ts' });
  p.field(1300, 'timeToStartStreaming', 1.25);
  p.state(1300, 'playing');
  let t = p.play(1800, 0.5, 25);
  p.state(t + 200, 'paused');
  p.field(t + 300, 'position', 25.2);
  p.state(t + 5000, 'playing');
  t = p.play(t + 5500, 25.7, 40);
  p.state(t + 500, 'finished');
  return { start: { t: T0, session: session('ms-basic') }, inputs: p.inputs, stop: { t: T0 + t + 1000, options: { end_reason: 'finished' } } };
}

function seekAndRebuffer(): TrackScenario['vector'] {
  const p = new Player();
  p.state(0, 'buffering');
  p.state(800, 'playing');
  let t = p.play(1000, 0, 10);
  // Forward seek while playing: the position jumps, then the node rebuffers (the seek's own buffering).
  p.field(t + 500, 'position', 60);
  p.state(t + 600, 'buffering');
  p.state(t + 1800, 'playing');
  t = p.play(t + 2300, 60.5, 63);
  // Jitter within the threshold is not a seek: 1 s ahead of the clock.
  p.field(t + 500, 'position', 64.5);
  t = p.play(t + 1000, 65, 66);
  // Buffering first, then the jump (backwards): a seek, no buffer events.
  p.state(t + 400, 'buffering');
  p.field(t + 700, 'bufferingStatus', { percentage: 30, isUnderrun: false });
  p.field(t + 900, 'position', 20);
  p.state(t + 2000, 'playing');
  t = p.play(t + 2500, 20.5, 24);
  // A real stall: buffering without a jump; Buffer Start/End when playback resumes.
  p.state(t + 300, 'buffering');
  p.field(t + 900, 'bufferingStatus', { percentage: 45, isUnderrun: true });
  p.state(t + 3300, 'playing');
  t = p.play(t + 3800, 24.5, 26);
  // A seek while paused: no elapsed time explains any forward jump.
  p.state(t + 200, 'paused');
  p.field(t + 1200, 'position', 120);
  p.state(t + 2200, 'playing');
  t = p.play(t + 2700, 120.5, 122);
  return { start: { t: T0, session: session('ms-seek'), options: { playheadIntervalMillis: 5000 }, notificationInterval: 1 }, inputs: p.inputs, stop: { t: T0 + t + 500 } };
}

const AD1 = { adid: 'ad-001', adtitle: 'Sample Ad One', advertiser: 'Acme Streaming', creativeid: 'cr-1', duration: 15, streams: [] };
const AD2 = { adid: 'ad-002', adtitle: 'Sample Ad Two', advertiser: 'Globex', creativeid: 'cr-2', duration: 10 };
const AD3 = { adid: 'ad-003', adtitle: 'Mid Ad', advertiser: 'Initech', creativeid: 'cr-3', duration: 20.5 };

function rafPods(): TrackScenario['vector'] {
  const p = new Player();
  p.raf(100, 'PodStart', { rendersequence: 'preroll', duration: 25, adIndex: 1 });
  p.raf(300, 'Impression', { ad: AD1, adIndex: 1, rendersequence: 'preroll' });
  p.raf(310, 'Start', { ad: AD1, adIndex: 1, rendersequence: 'preroll' });
  p.raf(4000, 'FirstQuartile', { ad: AD1, adIndex: 1 });
  p.raf(7800, 'Midpoint', { ad: AD1, adIndex: 1 });
  p.raf(11500, 'ThirdQuartile', { ad: AD1, adIndex: 1 });
  p.raf(15300, 'Complete', { ad: AD1, adIndex: 1 });
  p.raf(15500, 'Start', { ad: AD2, adIndex: 2 });
  p.raf(16500, 'Pause', { ad: AD2, adIndex: 2 });
  p.raf(18500, 'Resume', { ad: AD2, adIndex: 2 });
  p.raf(19000, 'AcceptInvitation', { ad: AD2, adIndex: 2 });
  p.raf(19500, 'Skip', { ad: AD2, adIndex: 2 });
  p.raf(19600, 'PodComplete', { rendersequence: 'preroll' });
  // The content starts after the pre-roll: startup counts from the end of the break.
  p.state(19700, 'buffering');
  p.field(19700, 'position', 0);
  p.state(21100, 'playing');
  let t = p.play(21600, 0.5, 12);
  // Mid-roll: the channel stops the content; its states and positions are not content events.
  p.raf(t + 200, 'PodStart', { rendersequence: 'midroll', duration: 20.5 });
  p.state(t + 300, 'stopped');
  p.field(t + 350, 'position', 0);
  p.raf(t + 500, 'Start', { ad: AD3, adIndex: 1 });
  p.raf(t + 8000, 'Close', { ad: AD3, adIndex: 1 });
  // The content resumes at its bookmark: no seek, no Play (it never paused as far as the session knows).
  p.state(t + 8200, 'buffering');
  p.field(t + 8300, 'position', 12);
  p.state(t + 9000, 'playing');
  t = p.play(t + 9500, 12.5, 14);
  p.state(t + 500, 'finished');
  p.raf(t + 600, 'PodStart', { rendersequence: 'postroll' });
  p.raf(t + 700, 'Start', { ad: { adid: 'ad-004' } });
  p.raf(t + 900, 'Error', { errCode: 1, errMsg: 'broken' });
  p.raf(t + 1000, 'PodComplete', {});
  return { start: { t: T0, session: session('ms-raf', { excludeAdBreaksFromContentTime: true }) }, inputs: p.inputs, stop: { t: T0 + t + 1500 }, autoSummaries: true };
}

function qosLiveError(): TrackScenario['vector'] {
  const p = new Player();
  // Wall-clock seconds, multiples of 128 so that a Float (the Video node's position type, and
  // what ParseJson gives in the simulator) holds them exactly.
  const wall = 1764499968;
  p.field(0, 'streamInfo', { streamBitrate: 1800000, measuredBitrate: 9000000 });
  p.field(0, 'decoderStats', { frameDropCount: 0 });
  p.state(0, 'buffering');
  p.state(900, 'playing');
  p.field(1000, 'position', wall);
  // Wall-clock positions jump (here by 128 s): ignored for seeks.
  p.field(1500, 'position', wall + 128);
  p.field(2000, 'position', wall + 256);
  p.field(2500, 'streamingSegment', { segBitrateBps: 3000000, segType: 0 });
  p.field(2600, 'streamingSegment', { segBitrateBps: 3000000, segType: 0 });
  p.field(2700, 'streamingSegment', { segBitrateBps: 128000, segType: 1 });
  p.field(2800, 'streamInfo', { streamBitrate: 999 });
  p.field(3000, 'decoderStats', { frameDropCount: 4 });
  p.field(3500, 'decoderStats', { frameDropCount: 4 });
  p.field(4000, 'streamingSegment', { segBitrateBps: 1500000, segType: 2 });
  p.field(4500, 'errorCode', -3);
  p.field(4500, 'errorMsg', 'decoder failure');
  p.state(4600, 'error');
  return {
    start: { t: T0, session: session('ms-live', { streamType: 'LiveStream', duration: 0 }), options: { playheadIntervalMillis: 0, fps: 29.97 } },
    inputs: p.inputs,
    stop: { t: T0 + 5000 },
  };
}

function playlistStartedStop(): TrackScenario['vector'] {
  const p = new Player();
  p.field(0, 'contentIndex', 0);
  p.state(0, 'playing');
  let t = p.play(500, 0, 3);
  p.field(t + 500, 'contentIndex', 1);
  p.field(t + 500, 'position', 0);
  t = p.play(t + 1000, 0.5, 2);
  p.state(t + 300, 'stopped');
  p.state(t + 2000, 'playing');
  t = p.play(t + 2500, 2.5, 4);
  p.state(t + 200, 'buffering');
  return { start: { t: T0, session: session('ms-playlist'), options: { playheadIntervalMillis: 'often' }, started: true }, inputs: p.inputs, stop: { t: T0 + t + 4000 } };
}

export const TRACK_SCENARIOS: TrackScenario[] = [
  { name: 'basic-playback', description: 'Startup buffering, the first play with QoS (timeToStartStreaming, segment bitrate), playhead every 10 s, pause, resume, finished, stopTracking with attributes.', vector: basicPlayback() },
  { name: 'seek-and-rebuffer', description: 'Seeks forward while playing (jump then buffering), backwards (buffering then jump), while paused; jitter within the threshold; a real stall reported as Buffer Start/End when playback resumes; notificationInterval 1 s; playhead every 5 s.', vector: seekAndRebuffer() },
  { name: 'raf-pods', description: 'RAF pre-roll (Impression then Start: one Ad Start; quartiles: nothing; Complete; Pause/Resume, AcceptInvitation, Skip; PodComplete), startup after the break, mid-roll while the content is stopped (Close: Ad Skip then Ad Break End), resume without seek, content end, post-roll with an Error; autoSummaries.', vector: rafPods() },
  { name: 'qos-live-error', description: 'Live stream with wall-clock positions (no seeks), streamInfo bitrate until a streaming segment gives one, audio segments ignored, QoS only on change, dropped frames, fps from options, playhead on every position (interval 0), error -> Media Error.', vector: qosLiveError() },
  { name: 'playlist-started-stop', description: 'A session that already started (no Session Start), a playlist item change (Content End, Play), stopped outside an ad break (Pause), a bad playheadIntervalMillis, stopTracking during a stall.', vector: playlistStartedStop() },
  ...SSAI_SCENARIOS,
];

export function authorTrackVector(s: TrackScenario): TrackVector {
  const v: TrackVector = { name: s.name, description: s.description, ...s.vector, expected: { calls: [], events: [], errors: 0 } };
  const out = runTrackVector(v);
  return { ...v, expected: { calls: out.calls, events: out.events, errors: out.errors.length } };
}

if (require.main === module) {
  refreshGoldens(TRACK_SCENARIOS.map((s) => ({ file: path.join(TRACK_VECTOR_DIR, `${s.name}.json`), text: JSON.stringify(authorTrackVector(s), null, 1) + '\n' })));
}
