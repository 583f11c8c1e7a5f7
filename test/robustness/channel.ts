/**
 * Test channels of the robustness suites: a Main that sets mparticleOptions (endpoints on the
 * loopback collector) and a Scene whose init() runs the BrightScript a test gives it, with the
 * generated SDK: test/runtime/channel.ts's scene channel, with options given as values.
 */
import type { Collector } from '../../sim/collector/collector';
import { brsString } from '../harness/testConfig';
import type { FileTree } from '../../sim/engine/zip';
import { sceneChannel as runtimeSceneChannel } from '../runtime/channel';

export { sdkFiles } from '../runtime/channel';

/** A BrightScript literal for an options value (strings, numbers, booleans, nested AAs). */
export type BrsOption = string | number | boolean | { [key: string]: BrsOption };

function brsOption(v: BrsOption): string {
  if (typeof v === 'string') return brsString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : `${v}#`;
  return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${brsOption(x)}`).join(', ')} }`;
}

export interface SceneChannel {
  /** Statements of the scene's init(), after the `mpc = mParticleConstants()` line. */
  init: string;
  /** More subs/functions of the scene. */
  subs?: string;
  /** Options besides apiKey, apiSecret and endpoints (which point at the collector). */
  options?: Record<string, BrsOption>;
  /** Defaults to "robustness". */
  title?: string;
}

/**
 * The channel. Main sets the options as the README shows and then waits forever (an SDK
 * channel never exits by itself: runs end with `until`/`untilCollector`).
 */
export function sceneChannel(collector: Collector, apiSecret: string, scene: SceneChannel): FileTree {
  const options = { logLevel: 1, ...(scene.options ?? {}) };
  return runtimeSceneChannel(collector, apiSecret, {
    title: scene.title ?? 'robustness',
    scene: 'RobustnessScene',
    options: Object.entries(options).map(([k, v]) => `${k}: ${brsOption(v)}`),
    sceneBrs: `sub init()
    mpc = mParticleConstants()
${scene.init}
end sub

${scene.subs ?? ''}
`,
  });
}

/** Crash signs in a console: BackTraces, runtime errors, page/worker errors (FormatJSON warnings are not crashes). */
export function crashLines(console: readonly string[]): string[] {
  return console.filter(
    (l) => /backtrace|runtime error|type mismatch|member function not found|EXIT_BRIGHTSCRIPT|\bcrash|pageerror|^\[worker\]/i.test(l) ||
      (/BRIGHTSCRIPT: ERROR/.test(l) && !/FormatJSON: Value type not supported/.test(l)),
  );
}
