/**
 * The bridge's bookkeeping of 2.x's session fields (src-ts/logic/bridge-session.ts): the
 * transitions of mParticle's Roku SDK 2.x in TypeScript, then the same steps, fixed and seeded
 * random ones on sloppy sessions, through the generated BrightScript in the simulator, which
 * must leave every session exactly as the TypeScript does. (The bridge's media methods write
 * these bodies out, emit-bridge.ts; test/device/Sdk2SessionTests.spec.bs calls the bridge.)
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  sessionKeepAdBreakEnd,
  sessionKeepAdBreakStart,
  sessionKeepContentEnd,
  sessionKeepPause,
  sessionKeepPlay,
} from '../../src-ts/logic/bridge-session';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { runChannel } from '../../sim/engine/simulator';

const ROOT = path.resolve(__dirname, '..', '..');
const KEEPERS = { Play: sessionKeepPlay, Pause: sessionKeepPause, ContentEnd: sessionKeepContentEnd, AdBreakStart: sessionKeepAdBreakStart, AdBreakEnd: sessionKeepAdBreakEnd };
type Keeper = keyof typeof KEEPERS;
type Session = Record<string, unknown>;
interface Vector {
  name: string;
  session: Session;
  steps: { keep: Keeper; now: number }[];
}

const T = 1593007500000;
const built = (exclude: boolean): Session => ({ currentPlaybackStartTimestamp: 0, storedPlaybackTime: 0, mediaContentComplete: false, excludeAdBreaksFromContentTime: exclude, playbackState: 'pausedByUser' });

/** The session after each step, in TypeScript. */
function runSteps(v: Vector): Session[] {
  const s = JSON.parse(JSON.stringify(v.session)) as Session;
  return v.steps.map((step) => {
    KEEPERS[step.keep](s, step.now);
    return JSON.parse(JSON.stringify(s)) as Session;
  });
}

/** BrightScript keys ignore case (a key set by assignment may print lower-cased): compare lower-cased. */
const lowerKeys = (s: Session): Session => Object.fromEntries(Object.entries(s).map(([k, v]) => [k.toLowerCase(), v]));

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A session with fields of any type a channel may leave there, and a run of calls on it. */
function randomVector(seed: number): Vector {
  const rnd = mulberry32(seed);
  const pick = <X>(xs: X[]): X => xs[Math.floor(rnd() * xs.length)];
  const session: Session = {};
  const put = (key: string, values: unknown[]) => {
    const v = pick(values);
    if (v !== 'MISSING') session[key] = v;
  };
  // Whole numbers: a Float a channel put there is added with BrightScript's single precision.
  put('currentPlaybackStartTimestamp', [0, 0, T, T - 5000, 'soon', null, 'MISSING']);
  put('storedPlaybackTime', [0, 1200, 'lots', null, 'MISSING']);
  put('excludeAdBreaksFromContentTime', [true, true, false, 'true', 1, 'MISSING']);
  put('playbackState', ['pausedByUser', 'playing', 'pausedByAdBreak', 5, 'MISSING']);
  put('mediaContentComplete', [false, 'no', 'MISSING']);
  const keepers = Object.keys(KEEPERS) as Keeper[];
  let now = T + 1000;
  const steps = Array.from({ length: 4 + Math.floor(rnd() * 8) }, () => {
    now += Math.floor(rnd() * 20000);
    return { keep: pick(keepers), now };
  });
  return { name: `random-${seed}`, session, steps };
}

const FIXED: Vector[] = [
  { name: 'play pause play pause', session: built(false), steps: [{ keep: 'Play', now: T }, { keep: 'Pause', now: T + 4000 }, { keep: 'Play', now: T + 9000 }, { keep: 'Pause', now: T + 10500 }] },
  { name: 'mid-roll while playing, excluded', session: built(true), steps: [{ keep: 'Play', now: T }, { keep: 'AdBreakStart', now: T + 3000 }, { keep: 'AdBreakEnd', now: T + 33000 }, { keep: 'ContentEnd', now: T + 40000 }] },
  { name: 'post-roll after content end, excluded', session: built(true), steps: [{ keep: 'Play', now: T }, { keep: 'ContentEnd', now: T + 5000 }, { keep: 'AdBreakStart', now: T + 5100 }, { keep: 'AdBreakEnd', now: T + 20000 }] },
  { name: 'ad break while paused, excluded', session: built(true), steps: [{ keep: 'Play', now: T }, { keep: 'Pause', now: T + 1000 }, { keep: 'AdBreakStart', now: T + 2000 }, { keep: 'AdBreakEnd', now: T + 3000 }] },
  { name: 'ad break, not excluded', session: built(false), steps: [{ keep: 'Play', now: T }, { keep: 'AdBreakStart', now: T + 2000 }, { keep: 'AdBreakEnd', now: T + 3000 }, { keep: 'Pause', now: T + 4000 }] },
  { name: 'an empty object', session: {}, steps: [{ keep: 'Pause', now: T }, { keep: 'Play', now: T + 1 }, { keep: 'ContentEnd', now: T + 2 }] },
];

describe('bridge session bookkeeping (2.x\'s fields on the render thread)', () => {
  it('play starts the timestamp, pause stores the run: 2.x\'s transitions', () => {
    const [play, pause, play2, pause2] = runSteps(FIXED[0]);
    assert.deepEqual([play.currentPlaybackStartTimestamp, play.playbackState, play.storedPlaybackTime], [T, 'playing', 0]);
    assert.deepEqual([pause.currentPlaybackStartTimestamp, pause.playbackState, pause.storedPlaybackTime], [0, 'pausedByUser', 4000]);
    assert.deepEqual([play2.currentPlaybackStartTimestamp, play2.storedPlaybackTime], [T + 9000, 4000]);
    assert.deepEqual([pause2.currentPlaybackStartTimestamp, pause2.storedPlaybackTime], [0, 5500]);
  });

  it('an excluded mid-roll stops content time and its end starts it again; content end stores and completes', () => {
    const [, start, end, contentEnd] = runSteps(FIXED[1]);
    assert.deepEqual([start.currentPlaybackStartTimestamp, start.playbackState, start.storedPlaybackTime], [0, 'pausedByAdBreak', 3000]);
    assert.deepEqual([end.currentPlaybackStartTimestamp, end.playbackState], [T + 33000, 'playing']);
    assert.deepEqual([contentEnd.currentPlaybackStartTimestamp, contentEnd.storedPlaybackTime, contentEnd.mediaContentComplete, contentEnd.playbackState], [0, 10000, true, 'playing']);
  });

  it('a post-roll after content end stores nothing (2.x added the whole clock)', () => {
    const [, contentEnd, start] = runSteps(FIXED[2]);
    assert.equal(contentEnd.storedPlaybackTime, 5000);
    assert.deepEqual([start.storedPlaybackTime, start.currentPlaybackStartTimestamp, start.playbackState], [5000, 0, 'pausedByAdBreak']);
  });

  it('an ad break while paused, or without the flag, changes nothing', () => {
    const paused = runSteps(FIXED[3]);
    assert.deepEqual(paused.slice(1).map((s) => [s.currentPlaybackStartTimestamp, s.playbackState, s.storedPlaybackTime]), [
      [0, 'pausedByUser', 1000],
      [0, 'pausedByUser', 1000],
      [0, 'pausedByUser', 1000],
    ]);
    const [, start, end] = runSteps(FIXED[4]);
    assert.deepEqual([start.currentPlaybackStartTimestamp, start.playbackState, end.currentPlaybackStartTimestamp, end.playbackState], [T, 'playing', T, 'playing']);
  });

  it('fields that are missing or not numbers count as 0', () => {
    const [pause, play, end] = runSteps(FIXED[5]);
    assert.deepEqual(pause, { playbackState: 'pausedByUser' });
    assert.deepEqual(play, { playbackState: 'playing', currentPlaybackStartTimestamp: T + 1 });
    assert.deepEqual(end, { playbackState: 'playing', currentPlaybackStartTimestamp: 0, storedPlaybackTime: 1, mediaContentComplete: true });
  });

  describe('the generated BrightScript', function () {
    this.timeout(180000);
    let collector: Collector;
    before(async () => {
      collector = await startCollector({ apiKey: 'us1-session-vectors', apiSecret: 'unused' });
    });
    after(async () => collector.close());

    it('leaves every session as the TypeScript does, step by step (fixed and 40 seeded random vectors)', async () => {
      const vectors = [...FIXED, ...Array.from({ length: 40 }, (_, i) => randomVector(i + 1))];
      const main = `sub Main()
    vectors = ParseJson(ReadAsciiFile("pkg:/source/vectors.json"))
    for each v in vectors
        ' An AA of the channel's kind: ParseJson's are case-sensitive, where a dotted name is not.
        s = {}
        for each key in v.session
            s[key] = v.session[key]
        end for
        for each c in v.steps
            now& = c.now
            if c.keep = "Play" then mParticle_sessionKeepPlay(s, now&)
            if c.keep = "Pause" then mParticle_sessionKeepPause(s, now&)
            if c.keep = "ContentEnd" then mParticle_sessionKeepContentEnd(s, now&)
            if c.keep = "AdBreakStart" then mParticle_sessionKeepAdBreakStart(s, now&)
            if c.keep = "AdBreakEnd" then mParticle_sessionKeepAdBreakEnd(s, now&)
            print "STEP " + v.name + " " + FormatJson(s)
        end for
    end for
    print "VECTORS DONE"
end sub
`;
      const run = await runChannel({
        collector,
        timeoutMs: 150000,
        until: (line) => line.includes('VECTORS DONE'),
        channel: {
          manifest: 'title=session vectors\nmajor_version=1\nminor_version=0\nbuild_version=1\n',
          'source/Main.brs': main,
          'source/mparticle/mParticleCore.brs': fs.readFileSync(path.join(ROOT, 'generated', 'source', 'mparticle', 'mParticleCore.brs'), 'utf8'),
          // The transpiled rules are Task-side (the bridge writes their bodies out); the test calls them.
          'source/mparticle/mParticleTaskLogic.brs': fs.readFileSync(path.join(ROOT, 'generated', 'components', 'mParticleTaskLogic.brs'), 'utf8'),
          'source/vectors.json': JSON.stringify(vectors),
        },
      });
      assert.equal(run.crashed, false, run.console.slice(-40).join('\n'));
      const steps = new Map<string, Session[]>();
      for (const line of run.console) {
        const m = /^.*?STEP (\S+(?: \S+)*?) (\{.*\})$/.exec(line);
        if (!m) continue;
        steps.set(m[1], [...(steps.get(m[1]) ?? []), JSON.parse(m[2]) as Session]);
      }
      const mismatches: string[] = [];
      let compared = 0;
      for (const v of vectors) {
        const ts = runSteps(v);
        const brs = steps.get(v.name) ?? [];
        if (brs.length !== ts.length) {
          mismatches.push(`${v.name}: ${brs.length} steps printed, ${ts.length} taken`);
          continue;
        }
        ts.forEach((expected, i) => {
          compared++;
          try {
            assert.deepEqual(lowerKeys(brs[i]), lowerKeys(expected));
          } catch {
            mismatches.push(`${v.name} step ${i + 1} (${v.steps[i].keep}): BrightScript ${JSON.stringify(brs[i])}, TypeScript ${JSON.stringify(expected)}`);
          }
        });
      }
      console.log(`      compared ${vectors.length} vectors, ${compared} steps`);
      assert.deepEqual(mismatches, [], mismatches.join('\n'));
    });
  });
});
