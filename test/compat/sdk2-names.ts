/**
 * `sdk2-names.txt`: every public name of mParticle's Roku SDK 2.x (keys of `mParticleConstants()`,
 * of `mParticleSGBridge(task)` and its namespaces, and of what each builder's `build` returns),
 * with what it holds. Written by running the surface walk (surface.ts) on 2.x's own
 * `mParticleCore.brs` in the simulator; only the names are kept, none of 2.x's code.
 *
 *   npx tsx test/compat/sdk2-names.ts <2.x's mParticleCore.brs> [<another release's>...]   # rewrite the list
 *
 * With several files the list is their union: 2.3.1's release and the repository's head (which
 * still says 2.3.1) name one bridge method differently (getMediaTimeSpent, getCurrentMediaTimeSpent).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startCollector } from '../../sim/collector/collector';
import { closeBrowser, runChannel } from '../../sim/engine/simulator';
import { parseSurface, surfaceChannel, SURFACE_DONE, type SurfaceEntry } from './surface';

export const SDK2_NAMES_PATH = path.join(__dirname, 'sdk2-names.txt');


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

async function main(corePaths: string[]): Promise<void> {
  const cores = corePaths.map((p) => readFileSync(p, 'utf8'));
  const versions = [...new Set(cores.map((core) => /SDK_VERSION\s*=\s*"([^"]+)"/.exec(core)?.[1] ?? 'unknown'))];
  const version = versions.join(', ');
  const collector = await startCollector({ apiKey: 'us1-surface', apiSecret: 'surface' });
  try {
    const entries: SurfaceEntry[] = [];
    const seen = new Set<string>();
    for (const [i, core] of cores.entries()) {
      const run = await runChannel({ collector, channel: surfaceChannel(core), timeoutMs: 60000, until: (l) => l.includes(SURFACE_DONE) });
      const done = run.console.some((l) => l.includes(SURFACE_DONE));
      // The first file is walked whole. The others add their constants and bridge, which are
      // walked first: the builds that follow pass this SDK's arguments, which an older
      // release's build may refuse (2.3.1's MediaSession.build takes six).
      if (i === 0 && !done) throw new Error(`the walk did not finish:\n${run.console.slice(-40).join('\n')}`);
      for (const e of parseSurface(run.console)) {
        if (i > 0 && !done && e.path.includes('.build().')) continue;
        if (seen.has(e.path.toLowerCase())) continue;
        seen.add(e.path.toLowerCase());
        entries.push(e);
      }
    }
    const header = [
      `# mParticle's Roku SDK ${version}: every public name of mParticleConstants(), mParticleSGBridge(task) and its`,
      '# namespaces, and of what each builder\'s build returns, with what it holds. Facts only (names and kinds), written by',
      '# walking that SDK in the simulator: npx tsx test/compat/sdk2-names.ts <its mParticleCore.brs>...',
      `# (${corePaths.length} file(s): 2.3.1's release and the repository's head, which still says 2.3.1, differ in one name).`,
      '# Keys that 2.x sets by assignment print lower-cased, as on a device; BrightScript names ignore case, and so does the test.',
    ];
    writeFileSync(SDK2_NAMES_PATH, [...header, ...entries.map((e) => `${e.path} ${e.kind}`), ''].join('\n'));
    console.log(`wrote ${entries.length} names of ${version} to ${SDK2_NAMES_PATH}`);
  } finally {
    await collector.close();
    await closeBrowser();
  }
}

if (require.main === module) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: npx tsx test/compat/sdk2-names.ts <path of 2.x mParticleCore.brs> [<another release\'s>...]');
    process.exit(2);
  }
  main(files).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
