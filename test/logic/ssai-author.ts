/**
 * Stitched-ad scenarios of the tracking vectors (test/vectors/tracking/ssai-*.json; written by
 * track-author.ts with the others). The node plays a stitched stream: its `position` is stream
 * time, ads included. RAFX events come as the shipped adapter (rafxssai.brs) fires them: from a
 * map of whole stream seconds built from the pods (PodStart at the render time, Impression and
 * quartiles at each ad's offsets, Complete at its end, PodComplete at the pod's end), each
 * after the position that triggered it; IMA events as its stream manager and ima.Player
 * callbacks give them, in the copies mParticleTrackSsai / mParticleTrackImaDai forward.
 */
import { Player, session, T0 } from './track-player';
import type { TrackScenario } from './track-author';

interface StitchedAd {
  adid: string;
  adtitle: string;
  advertiser?: string;
  creativeid?: string;
  duration: number;
}

interface Pod {
  renderTime: number;
  renderSequence: string;
  ads: StitchedAd[];
}

const podDuration = (p: Pod) => p.ads.reduce((s, a) => s + a.duration, 0);

/** A pod as mParticle_rafxPodCopy forwards it. */
const podCopy = (p: Pod) => ({ renderTime: p.renderTime, duration: podDuration(p), renderSequence: p.renderSequence, ads: p.ads });

/** The adapter: its map of whole seconds to events, as strmMgr.createTimeToEventMap builds it. */
class RafxStream {
  private readonly map = new Map<number, Array<[string, Record<string, unknown>]>>();

  constructor(private readonly p: Player, private readonly pods: Pod[], withComplete = true) {
    for (const pod of pods) {
      this.at(pod.renderTime, 'PodStart', { adPod: podCopy(pod) });
      let begin = pod.renderTime;
      for (const ad of pod.ads) {
        this.at(begin, 'Impression', {});
        this.at(begin + ad.duration * 0.25, 'FirstQuartile', {});
        this.at(begin + ad.duration * 0.5, 'Midpoint', {});
        if (withComplete) this.at(begin + ad.duration, 'Complete', {});
        begin += ad.duration;
      }
      this.at(pod.renderTime + podDuration(pod), 'PodComplete', {});
    }
  }

  private at(sec: number, event: string, extra: Record<string, unknown>): void {
    const key = Math.floor(sec);
    const list = this.map.get(key) ?? [];
    list.push([event, extra]);
    this.map.set(key, list);
  }

  /** PODS, as enableAds() reports them. */
  podsFound(ms: number): void {
    this.p.stitched(ms, 'rafx', 'PodsFound', { adPods: this.pods.map(podCopy) });
  }

  /** Plays stream seconds `from` to `to` in 1 s steps from clock `ms`; returns the clock of the last step. */
  play(ms: number, from: number, to: number): number {
    let clock = ms;
    for (let sec = from; sec <= to; sec++) {
      this.p.field(clock, 'position', sec);
      for (const [event, extra] of this.map.get(sec) ?? []) this.p.stitched(clock, 'rafx', event, { position: sec, ...extra });
      clock += 1000;
    }
    return clock - 1000;
  }
}

const ad = (n: number, duration: number, title = `Stitched Ad ${n}`): StitchedAd => ({ adid: `ssai-ad-${n}`, adtitle: title, advertiser: 'Acme Streaming', creativeid: `cr-${n}`, duration });

/** Pre-roll (two ads), mid-roll (two ads), post-roll (one ad); 2 min of content. */
function rafxVod(): TrackScenario['vector'] {
  const p = new Player();
  const stream = new RafxStream(p, [
    { renderTime: 0, renderSequence: 'preroll', ads: [ad(1, 10), ad(2, 5)] },
    { renderTime: 75, renderSequence: 'midroll', ads: [ad(3, 20), ad(4, 10)] },
    { renderTime: 165, renderSequence: 'postroll', ads: [ad(5, 15)] },
  ]);
  stream.podsFound(0);
  p.state(100, 'buffering');
  p.field(150, 'position', 0);
  p.state(900, 'playing');
  // The stream ends inside the post-roll (its last second never comes): finished ends the break, then the content.
  const t = stream.play(1000, 0, 179);
  p.state(t + 500, 'finished');
  return {
    start: { t: p.inputs[0].t - 100, session: session('ms-rafx', { duration: 120000 }), notificationInterval: 1 },
    inputs: p.inputs,
    stop: { t: p.inputs[p.inputs.length - 1].t + 1000 },
    autoSummaries: true,
  };
}

/** Seeks over a mid-roll (forwards and back), MediaTailor-style Impressions only, a seek out of a pod. */
function rafxSeek(): TrackScenario['vector'] {
  const p = new Player();
  const stream = new RafxStream(p, [
    { renderTime: 60, renderSequence: 'midroll', ads: [ad(1, 15), ad(2, 15)] },
    { renderTime: 150, renderSequence: 'midroll', ads: [ad(3, 20)] },
  ], false);
  stream.podsFound(0);
  p.state(100, 'playing');
  let t = stream.play(200, 0, 40);
  // Forwards over the first mid-roll: content 40 s -> 100 s (stream 130 s).
  t = stream.play(t + 1000, 130, 131);
  // Back over it: content 101 s -> 50 s.
  t = stream.play(t + 1000, 50, 155);
  // Out of the second pod before its end: no PodComplete comes.
  t = stream.play(t + 1000, 200, 205);
  return {
    start: { t: p.inputs[0].t - 100, session: session('ms-rafx-seek', { duration: 180000 }), notificationInterval: 1, options: { playheadIntervalMillis: 30000 } },
    inputs: p.inputs,
    stop: { t: T0 + t + 1000 },
  };
}

const imaAd = (n: number, duration: number, adPosition: number) => ({ adId: `ima-ad-${n}`, adTitle: `IMA Ad ${n}`, advertiserName: 'Globex', creativeId: `ima-cr-${n}`, duration, adPosition });

/** IMA DAI VOD: cue points, pre-roll, mid-roll with a skipped ad, a seek back over the mid-roll. */
function imaVod(): TrackScenario['vector'] {
  const p = new Player();
  const cuePoints = [{ startSec: 0, endSec: 10 }, { startSec: 70, endSec: 100 }, { startSec: 190, endSec: 205 }];
  const positions = (ms: number, from: number, to: number) => {
    let clock = ms;
    for (let s = from; s <= to; s++) {
      p.field(clock, 'position', s);
      clock += 1000;
    }
    return clock - 1000;
  };
  p.state(100, 'buffering');
  p.field(150, 'position', 0);
  p.state(800, 'playing');
  p.stitched(900, 'ima', 'adBreakStarted', { duration: 10, timeOffset: 0, podIndex: 0, totalAds: 1, adPosition: 1, cuePoints });
  p.stitched(950, 'ima', 'start', imaAd(1, 10, 1));
  let t = positions(1000, 1, 9);
  p.stitched(t + 500, 'ima', 'complete', imaAd(1, 10, 1));
  t = positions(t + 1000, 10, 10);
  p.stitched(t + 100, 'ima', 'adBreakEnded', { duration: 10, timeOffset: 0, podIndex: 0, totalAds: 1, adPosition: 1, cuePoints });
  t = positions(t + 1000, 11, 70);
  p.stitched(t + 100, 'ima', 'adBreakStarted', { duration: 30, timeOffset: 60, podIndex: 1, totalAds: 2, adPosition: 1, cuePoints });
  p.stitched(t + 150, 'ima', 'start', imaAd(2, 15, 1));
  t = positions(t + 1000, 71, 85);
  p.stitched(t + 100, 'ima', 'complete', imaAd(2, 15, 1));
  p.stitched(t + 150, 'ima', 'start', imaAd(3, 15, 2));
  t = positions(t + 1000, 86, 90);
  p.stitched(t + 100, 'ima', 'skipped', imaAd(3, 15, 2));
  t = positions(t + 1000, 91, 100);
  p.stitched(t + 100, 'ima', 'adBreakEnded', { duration: 30, timeOffset: 60, podIndex: 1, totalAds: 2, adPosition: 2, cuePoints });
  t = positions(t + 1000, 101, 120);
  // Back over the mid-roll: content 80 s -> 40 s.
  t = positions(t + 1000, 50, 52);
  p.state(t + 500, 'paused');
  return {
    start: { t: p.inputs[0].t - 100, session: session('ms-ima', { duration: 150000 }), notificationInterval: 1 },
    inputs: p.inputs,
    stop: { t: T0 + t + 2000 },
    autoSummaries: true,
  };
}

/** IMA on a live stream: no cue points; the break is where it starts, for its duration. */
function imaLive(): TrackScenario['vector'] {
  const p = new Player();
  p.state(100, 'playing');
  let clock = 200;
  for (let s = 0; s <= 60; s++) {
    p.field(clock, 'position', s);
    if (s === 30) p.stitched(clock + 100, 'ima', 'adBreakStarted', { duration: 20, timeOffset: 30, podIndex: 1, totalAds: 1, adPosition: 1 });
    if (s === 31) p.stitched(clock + 100, 'ima', 'start', imaAd(7, 20, 1));
    if (s === 50) p.stitched(clock + 100, 'ima', 'complete', imaAd(7, 20, 1));
    if (s === 50) p.stitched(clock + 200, 'ima', 'adBreakEnded', { duration: 20, timeOffset: 30, podIndex: 1, totalAds: 1, adPosition: 1 });
    clock += 1000;
  }
  return {
    start: { t: p.inputs[0].t - 100, session: session('ms-ima-live', { streamType: 'LiveStream', duration: 0 }), notificationInterval: 1, options: { playheadIntervalMillis: 5000 } },
    inputs: p.inputs,
    stop: { t: T0 + clock + 1000 },
  };
}

export const SSAI_SCENARIOS: TrackScenario[] = [
  { name: 'ssai-rafx-vod', description: 'RAFX_SSAI VOD: PodsFound, stitched pre-roll before the first play (Play after it), mid-roll and post-roll while the node plays on, the stream finished inside the post-roll; quartiles: nothing; content playhead and content time without the ads; autoSummaries.', vector: rafxVod() },
  { name: 'ssai-rafx-seek', description: 'RAFX_SSAI: a seek forwards and one back over a mid-roll report content positions only; Impressions without Complete (MediaTailor): the next ends the last; a seek out of a pod ends it (Ad Skip, Ad Break End).', vector: rafxSeek() },
  { name: 'ssai-ima-vod', description: 'IMA DAI VOD: cue points, pre-roll after the first play, mid-roll with a skipped ad, a seek back over the mid-roll, pause; content time without the ads; autoSummaries.', vector: imaVod() },
  { name: 'ssai-ima-live', description: 'IMA DAI live: no cue points; the break runs from the position where it started for its duration; content playhead without it.', vector: imaLive() },
];
