/**
 * `sdk2-names.txt`: every public name of mParticle's Roku SDK 2.x (keys of `mParticleConstants()`,
 * of `mParticleSGBridge(task)` and its namespaces, and of what each builder's `build` returns),
 * with what it holds. Written by running the surface walk (surface.ts) on 2.x's own
 * `mParticleCore.brs` in the simulator; only the names are kept, none of 2.x's code.
 *
 *   npx tsx test/compat/sdk2-names.ts <path of 2.x's mParticleCore.brs>     # rewrite the list
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startCollector } from '../../sim/collector/collector';
import { closeBrowser, runChannel } from '../../sim/engine/simulator';
import { parseSurface, surfaceChannel, SURFACE_DONE, type SurfaceEntry } from './surface';

export const SDK2_NAMES_PATH = path.join(__dirname, 'sdk2-names.txt');

/** 2.x's plumbing, which a channel has no reason to call (the issue leaves it out). */
export const SDK2_INTERNAL = /\.(invokeFunction|unixTimeMillis|mParticleTask)$/i;

/** The checked-in list. */
export function readSdk2Names(): SurfaceEntry[] {
  return readFileSync(SDK2_NAMES_PATH, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [p, kind] = l.trim().split(' ');
      return { path: p, kind: kind as SurfaceEntry['kind'] };
    });
}

async function main(corePath: string): Promise<void> {
  const core = readFileSync(corePath, 'utf8');
  const version = /SDK_VERSION\s*=\s*"([^"]+)"/.exec(core)?.[1] ?? 'unknown';
  const collector = await startCollector({ apiKey: 'us1-surface', apiSecret: 'surface' });
  try {
    const run = await runChannel({ collector, channel: surfaceChannel(core), timeoutMs: 60000, until: (l) => l.includes(SURFACE_DONE) });
    if (!run.console.some((l) => l.includes(SURFACE_DONE))) throw new Error(`the walk did not finish:\n${run.console.slice(-40).join('\n')}`);
    const entries = parseSurface(run.console).filter((e) => !SDK2_INTERNAL.test(e.path));
    const header = [
      `# mParticle's Roku SDK ${version}: every public name of mParticleConstants(), mParticleSGBridge(task) and its`,
      '# namespaces, and of what each builder\'s build returns, with what it holds. Facts only (names and kinds), written by',
      '# walking that SDK in the simulator: npx tsx test/compat/sdk2-names.ts <its mParticleCore.brs>',
      '# Left out: 2.x\'s plumbing (invokeFunction, unixTimeMillis, the bridge\'s mParticleTask field). Keys that 2.x',
      '# sets by assignment print lower-cased, as on a device; BrightScript names ignore case, and so does the test.',
    ];
    writeFileSync(SDK2_NAMES_PATH, [...header, ...entries.map((e) => `${e.path} ${e.kind}`), ''].join('\n'));
    console.log(`wrote ${entries.length} names of ${version} to ${SDK2_NAMES_PATH}`);
  } finally {
    await collector.close();
    await closeBrowser();
  }
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx test/compat/sdk2-names.ts <path of 2.x mParticleCore.brs>');
    process.exit(2);
  }
  main(file).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
