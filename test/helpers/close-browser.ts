/**
 * A mocha root-hook plugin (.mocharc.json `require`) that closes the simulator's shared
 * headless Chromium (sim/engine/simulator.ts getBrowser) once the run is over: the browser
 * process would otherwise keep mocha from exiting. The simulator is a product component
 * (`npm run sim`, the packed tool, users' CI) and knows nothing of mocha; its scripts close
 * the browser themselves when they end.
 *
 * The simulator is looked up in the module cache rather than imported, so that a run whose
 * tests never load it (the logic and generator tests) does not load playwright-core for nothing.
 */
import type * as Simulator from '../../sim/engine/simulator';

const SIMULATOR = require.resolve('../../sim/engine/simulator');

export const mochaHooks = {
  async afterAll() {
    const sim = require.cache[SIMULATOR]?.exports as typeof Simulator | undefined;
    await sim?.closeBrowser();
  },
};
