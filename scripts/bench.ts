/**
 * `npm run bench`: a benchmark, not a test. Prints, from simulator runs of the generated SDK:
 * the render-thread cost of a bridge call and its ratio to the floor (one assignment of the
 * same payload to a port-observed Task field), as the median of alternating rounds because
 * the simulator's timings are noisy; the Task's time for 1,000 media events; HTTP requests
 * and bytes per 1,000 events; and the size of the generated code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCollector } from '../test/collector/collector';
import { closeBrowser, runChannel } from '../test/harness/simulator';
import { benchChannel, CALLS_PER_ROUND, ROUNDS, TASK_EVENTS } from './bench/channel';

const ROOT = path.resolve(__dirname, '..');
const GENERATED = path.join(ROOT, 'generated');

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function sdkFiles(): Record<string, string> {
  const rel = ['source/mparticle/mParticleCore.brs', 'components/mParticleTask.xml', 'components/mParticleTask.brs'];
  return Object.fromEntries(rel.map((r) => [r, fs.readFileSync(path.join(GENERATED, r), 'utf8')]));
}

async function main(): Promise<void> {
  const apiKey = 'us1-bench';
  const apiSecret = 'bench-secret';
  const collector = await startCollector({ apiKey, apiSecret });
  let allSent = false;
  try {
    const run = await runChannel({
      collector,
      timeoutMs: Number(process.env.BENCH_TIMEOUT_MS ?? 240000),
      channel: benchChannel(sdkFiles(), collector.baseUrl, apiKey, apiSecret),
      // Done when every event arrived, or when all were sent and the Task's queue is empty
      // (events it had to drop to stay within its registry budget never arrive).
      untilCollector: (c) => c.events().length >= TASK_EVENTS,
      until: (line) => {
        if (process.env.BENCH_VERBOSE) console.error(`${Date.now()} ${line}`);
        if (line.includes('BENCH SENT')) allSent = true;
        return allSent && / queued 0$/.test(line);
      },
    });
    if (run.crashed) throw new Error(`bench channel crashed:\n${run.console.slice(-30).join('\n')}`);
    const rounds = { floor: [] as number[], bridge: [] as number[], rebuild: [] as number[] };
    let t0 = 0;
    let sent = 0;
    let busyMillis = 0;
    let dropped = 0;
    for (const line of run.console) {
      const round = /BENCH ROUND (floor|bridge|rebuild) (\d+)/.exec(line);
      if (round) rounds[round[1] as keyof typeof rounds].push(Number(round[2]));
      const start = /BENCH T0 (\d+)/.exec(line);
      if (start) t0 = Number(start[1]);
      const done = /BENCH SENT (\d+)/.exec(line);
      if (done) sent = Number(done[1]);
      const busy = /BENCH BUSY (\d+) dropped (\d+) queued/.exec(line);
      if (busy) {
        busyMillis = Number(busy[1]);
        dropped = Number(busy[2]);
      }
    }
    if (rounds.floor.length !== ROUNDS || rounds.bridge.length !== ROUNDS || rounds.rebuild.length !== ROUNDS) throw new Error(`expected ${ROUNDS} rounds of each, got ${JSON.stringify(rounds)}`);
    const floorUs = (median(rounds.floor) * 1000) / CALLS_PER_ROUND;
    const bridgeUs = (median(rounds.bridge) * 1000) / CALLS_PER_ROUND;
    const rebuildUs = (median(rounds.rebuild) * 1000) / CALLS_PER_ROUND;
    const events = collector.requests.filter((r) => r.kind === 'events');
    const eventBytes = events.reduce((sum, r) => sum + Buffer.byteLength(r.body ?? ''), 0);
    const afterT0 = events.filter((r) => r.receivedAt >= t0);
    const firstBatch = afterT0.length > 0 ? afterT0[0].receivedAt : NaN;
    const lastBatch = events.length > 0 ? events[events.length - 1].receivedAt : NaN;
    const delivered = collector.events().length;
    const per1000 = (n: number) => (n * 1000) / Math.max(delivered, 1);

    console.log('mParticle Roku SDK benchmark (brs-engine simulator in headless Chromium; timings are indicative)');
    console.log('');
    console.log(`render thread, per call (median of ${ROUNDS} alternating rounds of ${CALLS_PER_ROUND} calls):`);
    console.log(`  floor (assign the payload to a port-observed Task field): ${floorUs.toFixed(2)} us   rounds(ms): ${rounds.floor.join(' ')}`);
    console.log(`  mParticleSGBridge media.logPlayheadPosition:              ${bridgeUs.toFixed(2)} us   rounds(ms): ${rounds.bridge.join(' ')}`);
    console.log(`  reference, constants rebuilt per call (as mParticle's bridge does): ${rebuildUs.toFixed(2)} us   rounds(ms): ${rounds.rebuild.join(' ')}`);
    console.log(`  bridge / floor: ${(bridgeUs / floorUs).toFixed(2)}x   (reference / floor: ${(rebuildUs / floorUs).toFixed(2)}x)`);
    console.log('');
    console.log(`Task, ${TASK_EVENTS} media events paced over ${sent - t0} ms with an upload per chunk:`);
    console.log(`  Task busy time (processing, persisting, uploading; not waiting): ${busyMillis} ms in all, ${(busyMillis / Math.max(delivered, 1)).toFixed(2)} ms per event`);
    console.log(`  ${delivered} events delivered, ${dropped} dropped; first call -> first batch ${firstBatch - t0} ms, -> last batch ${lastBatch - t0} ms`);
    console.log('');
    console.log(`upload, per 1,000 events: ${per1000(events.length).toFixed(1)} HTTP requests, ${Math.round(per1000(eventBytes))} body bytes`);
    console.log('');
    console.log('generated code:');
    for (const rel of ['source/mparticle/mParticleCore.brs', 'components/mParticleTask.brs', 'components/mParticleTask.xml']) {
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
