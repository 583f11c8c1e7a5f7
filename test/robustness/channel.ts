/**
 * Test channels of the robustness suites: a Main that sets mparticleOptions (endpoints on the
 * loopback collector) and a Scene whose init() runs the BrightScript a test gives it, with the
 * generated SDK (generated in memory from the working tree, like test/runtime/channel.ts).
 */
import { sdkHostMain } from '../../sim/engine/sdk-host';
import { generate, sdkChannelFiles } from '../../src-ts/generator';
import type { Collector } from '../../sim/collector/collector';
import { brsString, testConfigFile } from '../harness/testConfig';
import type { FileTree } from '../../sim/engine/zip';

let generated: Record<string, string> | undefined;

/** The generated SDK files (generated once per mocha run). */
export function sdkFiles(): Record<string, string> {
  generated ??= generate();
  return sdkChannelFiles(generated);
}

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
  const main = sdkHostMain({
    scene: 'RobustnessScene',
    configFunction: 'testConfig',
    options: [
      'apiKey: cfg.apiKey',
      'apiSecret: cfg.apiSecret',
      'endpoints: { events: cfg.baseUrl, identity: cfg.baseUrl }',
      ...Object.entries(options).map(([k, v]) => `${k}: ${brsOption(v)}`),
    ],
  });
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<component name="RobustnessScene" extends="Scene">
    <script type="text/brightscript" uri="pkg:/source/testConfig.brs" />
    <script type="text/brightscript" uri="pkg:/source/mparticle/mParticleCore.brs" />
    <script type="text/brightscript" uri="pkg:/components/RobustnessScene.brs" />
</component>
`;
  const brs = `sub init()
    mpc = mParticleConstants()
${scene.init}
end sub

${scene.subs ?? ''}
`;
  return {
    manifest: `title=${scene.title ?? 'robustness'}\nmajor_version=1\nminor_version=0\nbuild_version=1\n`,
    'source/Main.brs': main,
    'components/RobustnessScene.xml': xml,
    'components/RobustnessScene.brs': brs,
    ...sdkFiles(),
    ...testConfigFile(collector, apiSecret),
  };
}

/** Crash signs in a console: BackTraces, runtime errors, page/worker errors (FormatJSON warnings are not crashes). */
export function crashLines(console: readonly string[]): string[] {
  return console.filter(
    (l) => /backtrace|runtime error|type mismatch|member function not found|EXIT_BRIGHTSCRIPT|\bcrash|pageerror|^\[worker\]/i.test(l) ||
      (/BRIGHTSCRIPT: ERROR/.test(l) && !/FormatJSON: Value type not supported/.test(l)),
  );
}
