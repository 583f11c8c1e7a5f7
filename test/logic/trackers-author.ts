/**
 * Source of the tracker table's vectors in test/vectors/core/trackers-*.json: the scenarios as
 * steps, with the effects the TypeScript reducer (trackersReduce) gives for each.
 *
 *   npx tsx test/logic/trackers-author.ts           # check: every file matches its scenario
 *   npx tsx test/logic/trackers-author.ts --write   # (re)write; expected = current output
 *
 * A rewritten vector must be reviewed by hand (git diff) before it is committed.
 */
import * as path from 'node:path';
import { refreshGoldens } from './goldens';
import { mediaSession, runTrackersVector, TRACKERS_VECTOR_DIR, trackersInitialState, TrackersSteps, type TrackersVector } from './trackers-run';

type Obj = Record<string, unknown>;

const A = mediaSession('ms-a');
const B = mediaSession('ms-b', { streamType: 'LiveStream', duration: 0 });
const POD = { rendersequence: 'preroll', duration: 10, adIndex: 1 };
const AD = { ad: { adid: 'ad-1', adtitle: 'Ad One', advertiser: 'Acme', creativeid: 'cr-1', duration: 10 }, adIndex: 1 };

function scenario(name: string, description: string, steps: TrackersSteps, state: Obj = {}): Omit<TrackersVector, 'expected'> {
  return { name, description, state: trackersInitialState(state) as unknown as Obj, steps: steps.steps };
}

export const TRACKERS_SCENARIOS: Omit<TrackersVector, 'expected'>[] = [
  scenario(
    'trackers-video-lifecycle',
    'trackVideo of a node that is already playing: observe, Media Session Start, its position and state at once; playback; stopTracking ends it and a second stopTracking is logged and dropped.',
    new TrackersSteps()
      .trackVideo(A, { notificationInterval: 0.5, nodeState: 'playing', position: 12.5 }, { playheadIntervalMillis: 1000 })
      .node('ms-a', 'position', 13)
      .node('ms-a', 'position', 13.5)
      .node('ms-a', 'position', 14)
      .node('ms-a', 'state', 'paused')
      .node('ms-a', 'state', 'playing')
      .node('ms-a', 'state', 'finished')
      .stop(A, { reason: 'done' })
      .node('ms-a', 'position', 15)
      .stop(A),
  ),
  scenario(
    'trackers-replace',
    'A second trackVideo of a tracked session replaces its tracker (unobserve, then observe the new node) without a second Media Session Start; its options are the new ones.',
    new TrackersSteps()
      .trackVideo(A, { notificationInterval: 1 })
      .node('ms-a', 'state', 'playing')
      .node('ms-a', 'position', 1, 1000)
      .start('ms-a')
      .trackVideo(A, { notificationInterval: 1, nodeState: 'buffering', position: 0 }, { playheadIntervalMillis: 0 })
      .node('ms-a', 'state', 'playing')
      .node('ms-a', 'position', 1, 1000)
      .node('ms-a', 'position', 2, 1000)
      .stop(A),
  ),
  scenario(
    'trackers-started-session',
    'trackVideo of a session the media logic already has (the channel logged its start itself): no Media Session Start.',
    new TrackersSteps().start('ms-a').trackVideo(A, { nodeState: 'playing', position: 0 }).node('ms-a', 'position', 1, 1000).stop(A),
  ),
  scenario(
    'trackers-ads-without-node',
    'RAF events of a session no node is tracked for: a tracker without a node starts the session; a later trackVideo of it replaces that tracker (unobserve, nothing was observed) without a second start.',
    new TrackersSteps()
      .ad(A, 'PodStart', POD)
      .start('ms-a')
      .ad(A, 'Impression', AD)
      .ad(A, 'Start', AD)
      .ad(A, 'Complete', AD)
      .ad(A, 'PodComplete', { rendersequence: 'preroll' })
      .trackVideo(A, { nodeState: 'playing', position: 0 })
      .node('ms-a', 'position', 1, 1000)
      .stop(A),
  ),
  scenario(
    'trackers-stitched',
    'Stitched-ad events: a source other than rafx or ima is logged and dropped (no tracker made); RAFX and IMA events of untracked sessions each get a tracker without a node.',
    new TrackersSteps()
      .stitched(A, 'dai', 'PodStart', {})
      .stitched(A, 'rafx', 'PodsFound', { adPods: [{ renderTime: 0, duration: 15, renderSequence: 'preroll', ads: [{ adid: 'ssai-1', adtitle: 'Stitched 1', duration: 15 }] }] })
      .start('ms-a')
      .stitched(A, 'rafx', 'PodStart', { position: 0, adPod: { renderTime: 0, duration: 15, renderSequence: 'preroll', ads: [{ adid: 'ssai-1', adtitle: 'Stitched 1', duration: 15 }] } })
      .stitched(A, 'rafx', 'Impression', { position: 0 })
      .stitched(A, 'rafx', 'PodComplete', { position: 15 })
      .stitched(B, 'ima', 'adBreakStarted', { duration: 10, timeOffset: 0, podIndex: 0, totalAds: 1, adPosition: 1 })
      .start('ms-b')
      .stitched(B, 'ima', 'start', { adId: 'ima-1', adTitle: 'IMA 1', advertiserName: 'Globex', creativeId: 'ima-cr-1', duration: 10, adPosition: 1 })
      .stitched(B, 'ima', 'complete', {})
      .stitched(B, 'ima', 'adBreakEnded', {})
      .stop(A)
      .stop(B),
  ),
  scenario(
    'trackers-two-sessions',
    'Two tracked sessions: each node event goes to its own session\'s tracker only; after one stops, its events make nothing and the other goes on.',
    new TrackersSteps()
      .trackVideo(A, { notificationInterval: 1 }, { playheadIntervalMillis: 0 })
      .trackVideo(B, { notificationInterval: 1 }, { playheadIntervalMillis: 0 })
      .node('ms-a', 'state', 'playing')
      .node('ms-b', 'state', 'playing')
      .node('ms-a', 'position', 1, 1000)
      .node('ms-b', 'position', 1, 0)
      .stop(A)
      .node('ms-a', 'position', 2, 1000)
      .node('ms-b', 'position', 2, 0)
      .node('ms-b', 'state', 'error')
      .stop(B),
  ),
  scenario(
    'trackers-invalid',
    'Calls whose session has no non-empty mediaSessionId string are logged under their method and dropped; bad options are logged and defaulted; an event of an untracked session makes nothing; an unknown input is logged.',
    new TrackersSteps()
      .trackVideo('not a session')
      .trackVideo({ title: 'no id' })
      .trackVideo(mediaSession(''))
      .stop({ mediaSessionId: 7 })
      .ad({}, 'PodStart', POD)
      .stitched({ mediaSessionId: '' }, 'rafx', 'PodStart', {})
      .stop(A)
      .node('ms-a', 'position', 3)
      .trackVideo(A, { notificationInterval: 'fast' }, { playheadIntervalMillis: -5 })
      .start('ms-a')
      .trackVideo(A, {}, { playheadIntervalMillis: 'often' })
      .add({ kind: 'nosuch' }),
  ),
  scenario(
    'trackers-opted-out',
    'After an opt-out the table still follows the nodes (observe, unobserve, its log lines) but the trackers\' calls are not made.',
    new TrackersSteps()
      .trackVideo(A, { nodeState: 'playing', position: 0 })
      .node('ms-a', 'position', 11, 11000)
      .node('ms-a', 'state', 'error')
      .ad(B, 'PodStart', POD)
      .stop(A)
      .stop(B),
    { optedOut: true },
  ),
  scenario(
    'trackers-not-ready',
    'A Task without credentials tracks nothing and logs nothing.',
    new TrackersSteps().trackVideo(A, { nodeState: 'playing' }).ad(B, 'PodStart', POD).stop(A).node('ms-a', 'position', 1),
    { ready: false },
  ),
];

/** A scenario with the effects the reducer gives now. */
export function authorTrackersVector(s: Omit<TrackersVector, 'expected'>): TrackersVector {
  return { ...s, expected: runTrackersVector(s).effects };
}

if (require.main === module) {
  refreshGoldens(TRACKERS_SCENARIOS.map((s) => ({ file: path.join(TRACKERS_VECTOR_DIR, `${s.name}.json`), text: JSON.stringify(authorTrackersVector(s), null, 1) + '\n' })));
}
