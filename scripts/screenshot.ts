/**
 * `npm run screenshot`: docs/live-view.png, the picture of `npm run sim` in the README. Runs
 * the sample channel in the simulator on the live page (headless) until it closes itself, after
 * its media session ended and its last uploads, then photographs the page once it shows every
 * request the collector received.
 *
 *   tsx scripts/screenshot.ts [--out docs/live-view.png]
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { closeBrowser } from '../sim/engine/simulator';
import { runSim } from './sim';

/** Where the README's picture lives. */
export const SCREENSHOT_FILE = path.join(__dirname, '..', 'docs', 'live-view.png');

/** Runs the sample in the simulator and writes the page's picture to `file`. */
export async function takeScreenshot(file = SCREENSHOT_FILE, log: (line: string) => void = () => undefined): Promise<string> {
  const result = await runSim({
    headless: true,
    viewport: { width: 1600, height: 1000 },
    log,
    async afterRun({ page, server }) {
      const p = page.page;
      // The page shows what the collector received: wait until it shows every request.
      await p.waitForFunction((n) => document.querySelectorAll('#requests > li').length >= n, server.records.length, { timeout: 30000 });
      // Fixed parts of a run that differ each time (the collector's port) stay as they are; the
      // picture shows the ad break and the first events of the session, then QoS.
      await p.evaluate(() => window.scrollTo(0, 0));
      mkdirSync(path.dirname(file), { recursive: true });
      await p.screenshot({ path: file });
    },
  });
  if (result.failures.length) throw new Error(`the run behind the screenshot failed: ${result.failures.join('; ')}`);
  return file;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' } } });
  const file = await takeScreenshot(values.out ? path.resolve(values.out) : SCREENSHOT_FILE);
  console.log(`[screenshot] wrote ${path.relative(process.cwd(), file)}`);
}

if (require.main === module) {
  main(process.argv.slice(2))
    .catch((e: Error) => {
      console.error(`[screenshot] failed: ${e.stack ?? e.message}`);
      process.exitCode = 1;
    })
    .finally(() => closeBrowser());
}
