/**
 * `npm run bench`: a benchmark, not a test. Prints, from one simulator run of the generated SDK:
 * the render-thread cost of a bridge call and its ratio to the floor (one assignment of the
 * same payload to a port-observed Task field), as the median of alternating rounds because
 * the simulator's timings are noisy; for a burst of 1,000 media calls then upload(), the drain
 * time (last call -> last batch at the collector) and the Task's busy time per event of the SDK
 * and of a minimal reference Task (scripts/bench/reference.ts), side by side, with their
 * ratios; the stage profile of one media call, after and before the throughput work
 * (scripts/bench/profile.ts); HTTP requests and bytes per 1,000 events; and the size of the
 * generated code.
 *
 * `BENCH_BASELINE=<rev>` profiles another commit's generated SDK as "before" (default
 * BASELINE_REV); `BENCH_BASELINE=none` skips it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCollector, type RecordedRequest } from '../test/collector/collector';
import { closeBrowser, runChannel } from '../test/harness/simulator';
import { benchChannel, BURST_CALLS, CALLS_PER_ROUND, ROUNDS, type SdkFiles } from './bench/channel';
import { BASELINE_REV, PROFILE_CALLS, STAGES } from './bench/profile';
import { REFERENCE_KEY } from './bench/reference';
import { benchTracking } from './bench/tracking';

const ROOT = path.resolve(__dirname, '..');
const GENERATED = path.join(ROOT, 'generated');
const FILES = { core: 'source/mparticle/mParticleCore.brs', taskXml: 'components/mParticleTask.xml', taskBrs: 'components/mParticleTask.brs' };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function sdkFiles(): SdkFiles {
  const read = (rel: string) => fs.readFileSync(path.join(GENERATED, rel), 'utf8');
  return { core: read(FILES.core), taskXml: read(FILES.taskXml), taskBrs: read(FILES.taskBrs) };
}

/** The generated SDK of commit `rev`, or undefined (with a note) when git cannot give it. */
function baselineFiles(rev: string): SdkFiles | undefined {
  if (rev === 'none') return undefined;
  try {
    const show = (rel: string) => execFileSync('git', ['show', `${rev}:generated/${rel}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20 });
    return { core: show(FILES.core), taskXml: show(FILES.taskXml), taskBrs: show(FILES.taskBrs) };
  } catch {
    console.error(`bench: no generated SDK at ${rev}; the "before" profile is skipped`);
    return undefined;
  }
}

/** Accepted batch requests whose path key is `key`, first acceptance of each batch id. */
function acceptedBatches(requests: readonly RecordedRequest[], key: string): RecordedRequest[] {
  const seen = new Set<string>();
  return requests.filter((r) => {
    if (r.kind !== 'events' || r.path !== `/v2/${key}/events` || r.response.status !== 202) return false;
    const id = String((r.json as { id?: unknown } | undefined)?.id);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
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
  const before = baselineFiles(process.env.BENCH_BASELINE ?? BASELINE_REV);
  const collector = await startCollector({ apiKey, apiSecret });
  try {
    const run = await runChannel({
      collector,
      timeoutMs: Number(process.env.BENCH_TIMEOUT_MS ?? 900000),
      channel: benchChannel(sdkFiles(), before, collector.baseUrl, apiKey, apiSecret),
      until: (line) => {
        if (process.env.BENCH_VERBOSE) console.error(`${Date.now()} ${line}`);
        return line.includes('BENCH END');
      },
    });
    if (run.crashed) throw new Error(`bench channel crashed:\n${run.console.slice(-30).join('\n')}`);
    const rounds = { floor: [] as number[], bridge: [] as number[], rebuild: [] as number[] };
    const marks: Record<string, number> = {};
    const profile: Record<string, Record<string, number>> = { after: {}, before: {} };
    const profileNotes: Record<string, string> = {};
    for (const line of run.console) {
      const round = /BENCH ROUND (floor|bridge|rebuild) (\d+)/.exec(line);
      if (round) rounds[round[1] as keyof typeof rounds].push(Number(round[2]));
      const mark = /BENCH (REF|SDK) (LAST|T0|START busy|DONE busy) (\d+)(?: (?:events|dropped) (\d+))?/.exec(line);
      if (mark) {
        marks[`${mark[1]} ${mark[2]}`] = Number(mark[3]);
        if (mark[4] !== undefined) marks[`${mark[1]} ${mark[2]} extra`] = Number(mark[4]);
      }
      const stage = /BENCH PROFILE (after|before) (\w+) ([-\d.e]+)$/.exec(line);
      if (stage) profile[stage[1]][stage[2]] = Number(stage[3]);
      const note = /BENCH PROFILE (after|before) (queued .*)$/.exec(line);
      if (note) profileNotes[note[1]] = note[2];
    }
    if (rounds.floor.length !== ROUNDS || rounds.bridge.length !== ROUNDS || rounds.rebuild.length !== ROUNDS) throw new Error(`expected ${ROUNDS} rounds of each, got ${JSON.stringify(rounds)}`);
    const floorUs = (median(rounds.floor) * 1000) / CALLS_PER_ROUND;
    const bridgeUs = (median(rounds.bridge) * 1000) / CALLS_PER_ROUND;
    const rebuildUs = (median(rounds.rebuild) * 1000) / CALLS_PER_ROUND;

    const refBatches = acceptedBatches(collector.requests, REFERENCE_KEY);
    const sdkBatches = acceptedBatches(collector.requests, apiKey).filter((r) => r.receivedAt >= marks['SDK T0']);
    const refDelivered = burstEvents(refBatches, 'bench-ref');
    const sdkDelivered = burstEvents(sdkBatches, 'bench-sdk');
    const refDrain = refBatches[refBatches.length - 1].receivedAt - marks['REF LAST'];
    const sdkDrain = sdkBatches[sdkBatches.length - 1].receivedAt - marks['SDK LAST'];
    const refBusy = marks['REF DONE busy'] / Math.max(refDelivered, 1);
    const sdkBusy = (marks['SDK DONE busy'] - marks['SDK START busy']) / Math.max(sdkDelivered, 1);
    const sdkBodies = sdkBatches.reduce((sum, r) => sum + Buffer.byteLength(r.body ?? ''), 0);
    const per1000 = (n: number) => (n * 1000) / Math.max(sdkDelivered, 1);

    console.log('mParticle Roku SDK benchmark (brs-engine simulator in headless Chromium; timings are indicative, ratios carry over)');
    console.log('');
    console.log(`render thread, per call (median of ${ROUNDS} alternating rounds of ${CALLS_PER_ROUND} calls):`);
    console.log(`  floor (assign the payload to a port-observed Task field): ${floorUs.toFixed(2)} us   rounds(ms): ${rounds.floor.join(' ')}`);
    console.log(`  mParticleSGBridge media.logPlayheadPosition:              ${bridgeUs.toFixed(2)} us   rounds(ms): ${rounds.bridge.join(' ')}`);
    console.log(`  reference, constants rebuilt per call (as mParticle's bridge does): ${rebuildUs.toFixed(2)} us   rounds(ms): ${rounds.rebuild.join(' ')}`);
    console.log(`  bridge / floor: ${(bridgeUs / floorUs).toFixed(2)}x   (reference / floor: ${(rebuildUs / floorUs).toFixed(2)}x)`);
    console.log('');
    console.log(`Task, a burst of ${BURST_CALLS} media calls then upload(), side by side with a minimal reference Task (one message per call, batches of 100, signed posts):`);
    console.log(`  reference: drain ${refDrain} ms (last call -> last batch), busy ${marks['REF DONE busy']} ms = ${refBusy.toFixed(2)} ms per event, ${refDelivered} delivered`);
    console.log(`  SDK:       drain ${sdkDrain} ms (last call -> last batch), busy ${marks['SDK DONE busy'] - marks['SDK START busy']} ms = ${sdkBusy.toFixed(2)} ms per event, ${sdkDelivered} delivered, ${marks['SDK DONE busy extra']} dropped`);
    console.log(`  SDK / reference: drain ${(sdkDrain / refDrain).toFixed(2)}x, Task busy per event ${(sdkBusy / refBusy).toFixed(2)}x   (target: both <= 3x)`);
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
    console.log(`upload, per 1,000 events: ${per1000(sdkBatches.length).toFixed(1)} HTTP requests, ${Math.round(per1000(sdkBodies))} body bytes`);
    console.log('');
    for (const line of await benchTracking(collector)) console.log(line);
    console.log('');
    console.log('generated code:');
    for (const rel of [FILES.core, FILES.taskBrs, FILES.taskXml]) {
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
