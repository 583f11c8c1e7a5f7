/**
 * `npm run sim`: a channel running in the simulator (brs-engine in Chromium) on the live event
 * view's page, beside its events: sim/run.ts. Without `--channel` it runs the sample channel in
 * scripted mode (built here with the real generated SDK); with it, any channel, as the
 * `mparticle-roku sim` command of the packed tool does (sim/cli.ts: the same flags and exit codes).
 *
 *   tsx scripts/sim.ts                         a Chromium window; stays open until Ctrl-C
 *   tsx scripts/sim.ts --headless --until "Media Session End"   CI: exit 0 once that event arrived
 *   tsx scripts/sim.ts --channel path/to/channel --headless --until "Media Session End" --json out.json
 *   tsx scripts/sim.ts --serve                 no browser: prints a URL that runs the channel in yours
 *   --step-ms N                                the sample's scripted step period
 *   --scenario ssai                            the sample plays a stream with stitched ads (RAFX_SSAI)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSampleChannel } from './build';
import { readChannel } from '../sim/channel';
import { failureExit, parseSimArgs, SIM_USAGE, simCommand } from '../sim/cli';
import { readChannelDir } from '../sim/engine/channelDir';
import { closeBrowser } from '../sim/engine/simulator';
import type { FileTree } from '../sim/engine/zip';
import { LIVE_DEFAULT_CREDENTIALS } from '../sim/live/server';
import { endWithParent } from '../sim/parent-watch';
import { runSimChannel, serveSimChannel, type ServedSim, type SimOptions, type SimResult } from '../sim/run';

export { SIM_PAGE } from '../sim/run';
export type { SimResult } from '../sim/run';

/** The sample channel in scripted mode (the real generated SDK), as a file tree. */
export async function scriptedSample(stepMillis = 150, scenario?: string): Promise<FileTree> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'mp-sim-'));
  try {
    const { stagingDir } = await buildSampleChannel({
      outDir: path.join(tmp, 'out'),
      env: {},
      localConfigPath: false,
      log: () => undefined,
      config: {
        ...LIVE_DEFAULT_CREDENTIALS,
        logLevel: 'info',
        scripted: true,
        stepMillis,
        ...(scenario === undefined ? {} : { scenario }),
        // Time for the last uploads before the channel closes itself.
        exitDelayMillis: 5000,
      },
    });
    return readChannelDir(stagingDir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The sample's options: its credentials are the live view's, so signatures and the key are checked. */
const sampleOptions = (opts: SimOptions): SimOptions => ({ label: 'the sample channel', ...opts, ...LIVE_DEFAULT_CREDENTIALS });

/** Builds the sample channel and runs it on the live page in the simulator. */
export async function runSim(opts: SimOptions & { stepMillis?: number; scenario?: string } = {}): Promise<SimResult> {
  return runSimChannel(await scriptedSample(opts.stepMillis, opts.scenario), sampleOptions(opts));
}

/** `--serve` with the sample channel: see serveSimChannel. */
export async function serveSim(opts: SimOptions & { stepMillis?: number; scenario?: string } = {}): Promise<ServedSim> {
  return serveSimChannel(await scriptedSample(opts.stepMillis, opts.scenario), sampleOptions(opts));
}

/** The sim's usage with what `npm run sim` adds: the sample channel when `--channel` is not given, its scenario and step. */
const SAMPLE_SIM_USAGE = SIM_USAGE.replace('sim --channel <dir|zip>', 'npm run sim -- [--channel <dir|zip>] [--scenario default|ssai] [--step-ms N]');

async function main(argv: string[]): Promise<number> {
  try {
    const parsed = parseSimArgs(argv, { 'step-ms': { type: 'string' }, scenario: { type: 'string' } });
    const step = parsed.values['step-ms'];
    if (parsed.channel) return await simCommand(parsed, readChannel(parsed.channel), parsed.channel);
    parsed.options = sampleOptions(parsed.options);
    return await simCommand(parsed, await scriptedSample(step === undefined ? 150 : Number(step), parsed.values.scenario as string | undefined), 'the sample channel');
  } catch (e) {
    return failureExit('sim', e as Error, SAMPLE_SIM_USAGE);
  }
}

if (require.main === module) {
  endWithParent(() => {
    console.error('[sim] the command that started it ended; stopping');
    closeBrowser().finally(() => process.exit(130));
  });
  main(process.argv.slice(2)).then(async (code) => {
    await closeBrowser();
    process.exit(code);
  });
}
