/**
 * `npm run bench`: a benchmark, not a test. Prints, from one simulator run of the generated SDK:
 * the render-thread cost of a bridge call and its ratio to the floor (one assignment of the
 * same payload to a port-observed Task field), as the median of alternating rounds because
 * the simulator's timings are noisy, and the cost of the session bookkeeping alone of
 * logPlay/logPause (the calls on a bridge whose Task is an AA); for bursts of 1,000 media calls then upload(), alternating
 * between the SDK and a minimal reference Task (scripts/bench/reference.ts), the drain time
 * (last call -> last batch at the collector) and the Task's busy time per event of each, with
 * their ratios per burst and the median ratios; the stage profile of one media call, after and before the throughput work
 * (scripts/bench/profile.ts); HTTP requests and bytes per 1,000 events; and the size of the
 * generated code.
 *
 * `BENCH_BASELINE=<rev>` profiles another commit's generated SDK as "before" (default
 * BASELINE_REV); `BENCH_BASELINE=none` skips it. `BENCH_ONLY=render` runs the render-thread
 * rounds alone. `BENCH_COMPARE=<rev>` also sends the bursts to that commit's generated SDK, in
 * the same run: each round is a reference burst, this SDK's, another reference burst and the
 * compared SDK's, so that both face the same machine and the same reference.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCollector, type RecordedRequest } from '../sim/collector/collector';
import { closeBrowser, runChannel } from '../sim/engine/simulator';
import { benchChannel, BURST_CALLS, BURST_ROUNDS, CALLS_PER_ROUND, RENDER_ROUNDS, ROUNDS, type SdkFiles } from './bench/channel';
import { BASELINE_REV, PROFILE_CALLS, STAGES } from './bench/profile';
import { REFERENCE_KEY } from './bench/reference';
import { benchTracking } from './bench/tracking';

const ROOT = path.resolve(__dirname, '..');
const GENERATED = path.join(ROOT, 'generated');
const FILES = { core: 'source/mparticle/mParticleCore.brs', taskXml: 'components/mParticleTask.xml', taskBrs: 'components/mParticleTask.brs', taskLogic: 'components/mParticleTaskLogic.brs' };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function sdkFiles(): SdkFiles {
  const read = (rel: string) => fs.readFileSync(path.join(GENERATED, rel), 'utf8');
  return { core: read(FILES.core), taskXml: read(FILES.taskXml), taskBrs: read(FILES.taskBrs), taskLogic: read(FILES.taskLogic) };
}

/** The generated SDK of commit `rev`, or undefined (with a note) when git cannot give it. */
function baselineFiles(rev: string): SdkFiles | undefined {
  if (rev === 'none') return undefined;
  try {
    const show = (rel: string) => execFileSync('git', ['show', `${rev}:generated/${rel}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
    // Commits before the Task-only include have no taskLogic: their core held the logic (git's
    // message for the missing file is not printed: it is an answer here).
    const taskLogic = (() => {
      try {
        return show(FILES.taskLogic);
      } catch {
        return undefined;
      }
    })();
    return { core: show(FILES.core), taskXml: show(FILES.taskXml), taskBrs: show(FILES.taskBrs), taskLogic };
  } catch {
    console.error(`bench: no generated SDK at ${rev}; the "before" profile is skipped`);
    return undefined;
  }
}

/** Accepted batch requests whose path key is `key` holding events of content `contentId`, first acceptance of each batch id. */
function acceptedBatches(requests: readonly RecordedRequest[], key: string, contentId: string): RecordedRequest[] {
  const seen = new Set<string>();
  return requests.filter((r) => {
    if (r.kind !== 'events' || r.path !== `/v2/${key}/events` || r.response.status !== 202) return false;
    const id = String((r.json as { id?: unknown } | undefined)?.id);
    if (seen.has(id) || burstEvents([r], contentId) === 0) return false;
    seen.add(id);
    return true;
  });
}

/** One burst of each Task: drain (ms), busy per event (ms), delivered, and the SDK's drops. */
interface BurstFigures {
  refDrain: number;
  refBusy: number;
  refDelivered: number;
  sdkDrain: number;
  sdkBusy: number;
  sdkDelivered: number;
  sdkDropped: number;
  sdkBatches: RecordedRequest[];
  /** The stall lines of the reference burst, which is then left out of the medians. */
  stalled?: string[];
}

/** Media events of `requests` whose content id is `id` (each burst has its own). */
function burstEvents(requests: readonly RecordedRequest[], id: string): number {
  let n = 0;
  for (const r of requests) {
    for (const m of ((r.json as { msgs?: Array<{ dt?: string; attrs?: Record<string, unknown> }> }).msgs ?? [])) {
      if (m.dt === 'e' && m.attrs?.content_id === id) n++;
    }
  }
  return n;
}

async function main(): Promise<void> {
  const apiKey = 'us1-bench';
  const apiSecret = 'bench-secret';
  const renderOnly = process.env.BENCH_ONLY === 'render';
  const before = renderOnly ? undefined : baselineFiles(process.env.BENCH_BASELINE ?? BASELINE_REV);
  const compareRev = renderOnly ? undefined : process.env.BENCH_COMPARE;
  const compare = compareRev === undefined ? undefined : baselineFiles(compareRev);
  if (compareRev !== undefined && compare === undefined) throw new Error(`bench: BENCH_COMPARE=${compareRev}: git has no generated SDK at that commit`);
  const collector = await startCollector({ apiKey, apiSecret });
  try {
    const run = await runChannel({
      collector,
      timeoutMs: Number(process.env.BENCH_TIMEOUT_MS ?? 900000),
      channel: benchChannel(sdkFiles(), before, collector.baseUrl, apiKey, apiSecret, renderOnly, compare),
      until: (line) => {
        if (process.env.BENCH_VERBOSE) console.error(`${Date.now()} ${line}`);
        return line.includes('BENCH END');
      },
    });
    if (run.crashed) throw new Error(`bench channel crashed:\n${run.console.slice(-30).join('\n')}`);
    const rounds: Record<string, number[]> = Object.fromEntries(RENDER_ROUNDS.map((r) => [r.kind, [] as number[]]));
    const marks: Record<string, number> = {};
    const profile: Record<string, Record<string, number>> = { after: {}, before: {} };
    const profileNotes: Record<string, string> = {};
    // By reference burst ("REF 3", "REFC 3"): its stall lines.
    const stalls: Record<string, string[]> = {};
    let refUnderWay = '';
    for (const line of run.console) {
      const round = /BENCH ROUND (\w+) (\d+)/.exec(line);
      if (round && rounds[round[1]]) rounds[round[1]].push(Number(round[2]));
      const mark = /BENCH (REFC|REF|SDK|CMP) (\d+) (LAST|T0|START busy|DONE busy) (\d+)(?: (?:events|dropped) (\d+))?/.exec(line);
      if (mark) {
        marks[`${mark[1]} ${mark[2]} ${mark[3]}`] = Number(mark[4]);
        if (mark[5] !== undefined) marks[`${mark[1]} ${mark[2]} ${mark[3]} extra`] = Number(mark[5]);
        if (mark[3] === 'T0' && mark[1].startsWith('REF')) refUnderWay = `${mark[1]} ${mark[2]}`;
      }
      // A stall line of the reference (its own, or the scene's watchdog) belongs to the
      // reference burst under way: the last REF (or REFC) T0 seen.
      const stall = /BENCH REFC? STALL (.*)$/.exec(line);
      if (stall) stalls[refUnderWay] = [...(stalls[refUnderWay] ?? []), stall[1]];
      const stage = /BENCH PROFILE (after|before) (\w+) ([-\d.e]+)$/.exec(line);
      if (stage) profile[stage[1]][stage[2]] = Number(stage[3]);
      const note = /BENCH PROFILE (after|before) (queued .*)$/.exec(line);
      if (note) profileNotes[note[1]] = note[2];
    }
    if (Object.values(rounds).some((r) => r.length !== ROUNDS)) throw new Error(`expected ${ROUNDS} rounds of each, got ${JSON.stringify(rounds)}`);
    const us = (kind: string) => (median(rounds[kind]) * 1000) / CALLS_PER_ROUND;
    // The least disturbed round of each kind: on a loaded machine the medians move by 2x
    // between runs, the fastest rounds much less.
    const minUs = (kind: string) => (Math.min(...rounds[kind]) * 1000) / CALLS_PER_ROUND;
    const ratio = (kind: string, floor: string) => `${(us(kind) / us(floor)).toFixed(2)}x (fastest rounds ${(minUs(kind) / minUs(floor)).toFixed(2)}x)`;
    const floorUs = us('floor');
    const bridgeUs = us('bridge');
    const rebuildUs = us('rebuild');
    const renderLines = [
      `render thread, per call (median of ${ROUNDS} rounds of ${CALLS_PER_ROUND} calls, the kinds in turn, in reverse every other round):`,
      `  floor (assign the payload to a port-observed Task field): ${floorUs.toFixed(2)} us   rounds(ms): ${rounds.floor.join(' ')}`,
      `  mParticleSGBridge media.logPlayheadPosition:              ${bridgeUs.toFixed(2)} us   rounds(ms): ${rounds.bridge.join(' ')}`,
      `  reference, constants rebuilt per call (as mParticle's bridge does): ${rebuildUs.toFixed(2)} us   rounds(ms): ${rounds.rebuild.join(' ')}`,
      `  bridge / floor: ${(bridgeUs / floorUs).toFixed(2)}x   (reference / floor: ${(rebuildUs / floorUs).toFixed(2)}x)`,
      '  the methods that keep 2.x\'s session fields, each call a transition, against the same assignment and setup:',
      ...(['play', 'pause'] as const).map((k) => {
        const floor = k === 'play' ? 'floorPlay' : 'floorPause';
        return `    media.log${k === 'play' ? 'Play ' : 'Pause'}: ${us(k).toFixed(2)} us, floor ${us(floor).toFixed(2)} us: bridge / floor ${ratio(k, floor)}   rounds(ms): ${rounds[k].join(' ')} / ${rounds[floor].join(' ')}`;
      }),
      `  bridge / floor: logPlay ${ratio('play', 'floorPlay')}, logPause ${ratio('pause', 'floorPause')}, logPlayheadPosition ${ratio('bridge', 'floor')}   (target: each <= 1.5x)`,
      '  the bookkeeping alone (the same call on a bridge whose Task is an AA, less the same assignment to an AA):',
      ...(['Play', 'Pause'] as const).map((k) => {
        const kept = us(`aa${k}`) - us(`aaFloor${k}`);
        const floor = us(`floor${k}`);
        return `    media.log${k.padEnd(5)}: ${kept.toFixed(2)} us = ${(kept / floor).toFixed(2)}x the floor   rounds(ms): ${rounds[`aa${k}`].join(' ')} / ${rounds[`aaFloor${k}`].join(' ')}`;
      }),
    ];
    if (renderOnly) {
      console.log('mParticle Roku SDK benchmark, render thread only (BENCH_ONLY=render)');
      console.log('');
      for (const l of renderLines) console.log(l);
      return;
    }

    // The bursts of one SDK Task ("SDK", or "CMP" for the compared one) and of the reference
    // burst before each ("REF", "REFC"), in the collector's record.
    const burstsOf = (sdk: 'SDK' | 'CMP', ref: 'REF' | 'REFC'): BurstFigures[] => {
      const out: BurstFigures[] = [];
      for (let r = 1; r <= BURST_ROUNDS; r++) {
        const refId = `bench-${ref.toLowerCase()}-${r}`;
        const sdkId = `bench-${sdk.toLowerCase()}-${r}`;
        const refBatches = acceptedBatches(collector.requests, REFERENCE_KEY, refId);
        const sdkBatches = acceptedBatches(collector.requests, apiKey, sdkId);
        if (refBatches.length === 0 || sdkBatches.length === 0) throw new Error(`burst ${r}: no batch of the reference (${ref}) or of the SDK (${sdk}) was accepted`);
        const refDelivered = burstEvents(refBatches, refId);
        const sdkDelivered = burstEvents(sdkBatches, sdkId);
        out.push({
          refDrain: Math.max(...refBatches.map((b) => b.receivedAt)) - marks[`${ref} ${r} LAST`],
          refBusy: marks[`${ref} ${r} DONE busy`] / Math.max(refDelivered, 1),
          refDelivered,
          sdkDrain: Math.max(...sdkBatches.map((b) => b.receivedAt)) - marks[`${sdk} ${r} LAST`],
          sdkBusy: (marks[`${sdk} ${r} DONE busy`] - marks[`${sdk} ${r} START busy`]) / Math.max(sdkDelivered, 1),
          sdkDelivered,
          sdkDropped: marks[`${sdk} ${r} DONE busy extra`] - (r > 1 ? marks[`${sdk} ${r - 1} DONE busy extra`] : 0),
          sdkBatches,
          stalled: stalls[`${ref} ${r}`],
        });
      }
      return out;
    };
    const bursts = burstsOf('SDK', 'REF');
    const sdkBodies = bursts[0].sdkBatches.reduce((sum, r) => sum + Buffer.byteLength(r.body ?? ''), 0);
    const per1000 = (n: number) => (n * 1000) / Math.max(bursts[0].sdkDelivered, 1);

    console.log('mParticle Roku SDK benchmark (brs-engine simulator in headless Chromium; timings are indicative, ratios carry over)');
    console.log('');
    for (const l of renderLines) console.log(l);
    console.log('');
    console.log(`Task, ${BURST_ROUNDS} bursts of ${BURST_CALLS} media calls then upload() each, alternating with a minimal reference Task (one message per call, batches of 100, signed posts):`);
    const printBursts = (list: BurstFigures[], sdk: string): BurstFigures[] => {
      list.forEach((b, i) => {
        console.log(`  burst ${i + 1}: reference drain ${b.refDrain} ms, busy ${b.refBusy.toFixed(2)} ms per event, ${b.refDelivered} delivered;` +
          ` ${sdk} drain ${b.sdkDrain} ms, busy ${b.sdkBusy.toFixed(2)} ms per event, ${b.sdkDelivered} delivered, ${b.sdkDropped} dropped;` +
          ` ${sdk} / reference: drain ${(b.sdkDrain / b.refDrain).toFixed(2)}x, busy ${(b.sdkBusy / b.refBusy).toFixed(2)}x`);
        for (const stall of b.stalled ?? []) console.log(`    the reference stalled (left out of the medians): ${stall}`);
      });
      console.log('  (drain: last call -> last batch at the collector; busy: the Task working, not waiting, per event delivered)');
      const counted = list.filter((b) => b.stalled === undefined);
      if (counted.length === 0) throw new Error('the reference stalled in every burst');
      const drainRatio = median(counted.map((b) => b.sdkDrain / b.refDrain));
      const busyRatio = median(counted.map((b) => b.sdkBusy / b.refBusy));
      console.log(`  ${sdk} / reference, median of ${counted.length} bursts: drain ${drainRatio.toFixed(2)}x, Task busy per event ${busyRatio.toFixed(2)}x   (target: both <= 3x)`);
      return counted;
    };
    const counted = printBursts(bursts, 'SDK');
    if (compareRev !== undefined) {
      console.log(`  the compared SDK (BENCH_COMPARE=${compareRev}), in the same rounds (first in even rounds), each burst after a reference burst of its own:`);
      const compared = printBursts(burstsOf('CMP', 'REFC'), `SDK@${compareRev}`);
      const sdkMedian = (list: BurstFigures[], key: 'sdkDrain' | 'sdkBusy') => median(list.map((b) => b[key]));
      console.log(`  this SDK / SDK@${compareRev}, medians of their bursts: drain ${(sdkMedian(counted, 'sdkDrain') / sdkMedian(compared, 'sdkDrain')).toFixed(2)}x` +
        ` (${sdkMedian(counted, 'sdkDrain').toFixed(0)} against ${sdkMedian(compared, 'sdkDrain').toFixed(0)} ms), busy per event ${(sdkMedian(counted, 'sdkBusy') / sdkMedian(compared, 'sdkBusy')).toFixed(2)}x` +
        ` (${sdkMedian(counted, 'sdkBusy').toFixed(2)} against ${sdkMedian(compared, 'sdkBusy').toFixed(2)} ms)`);
    }
    console.log('');
    const variants = before ? ['before', 'after'] : ['after'];
    console.log(`Task, one media.logPlayheadPosition call by stage (us, mean over a burst of ${PROFILE_CALLS}; before = ${process.env.BENCH_BASELINE ?? BASELINE_REV}):`);
    console.log(`  ${'stage'.padEnd(12)}${variants.map((v) => v.padStart(12)).join('')}`);
    for (const stage of STAGES) {
      console.log(`  ${stage.padEnd(12)}${variants.map((v) => (profile[v][stage] ?? NaN).toFixed(0).padStart(12)).join('')}`);
    }
    const total = (v: string) => STAGES.reduce((sum, st) => sum + (profile[v][st] ?? 0), 0);
    console.log(`  ${'total'.padEnd(12)}${variants.map((v) => total(v).toFixed(0).padStart(12)).join('')}`);
    console.log(`  (${variants.map((v) => `${v}: ${profileNotes[v] ?? '?'}`).join('; ')})`);
    console.log('');
    console.log(`upload, per 1,000 events: ${per1000(bursts[0].sdkBatches.length).toFixed(1)} HTTP requests, ${Math.round(per1000(sdkBodies))} body bytes`);
    console.log('');
    for (const line of await benchTracking(collector)) console.log(line);
    console.log('');
    console.log('generated code:');
    for (const rel of [FILES.core, FILES.taskLogic, FILES.taskBrs, FILES.taskXml]) {
      const text = fs.readFileSync(path.join(GENERATED, rel), 'utf8');
      console.log(`  ${rel.padEnd(36)} ${String(Buffer.byteLength(text)).padStart(7)} bytes ${String(text.split('\n').length).padStart(6)} lines`);
    }
  } catch (err) {
    console.error(`collector saw: ${JSON.stringify(collector.summary())}`);
    throw err;
  } finally {
    await collector.close();
    await closeBrowser();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
