/**
 * Main.brs of a channel that hosts the SDK the way the README shows: the options on the
 * global node as `mparticleOptions`, one scene, then a wait until the screen closes. An SDK
 * channel never exits by itself: runs end with `until` / `untilCollector`.
 */
export interface SdkHostMain {
  /** Component name of the scene. */
  scene: string;
  /** The function that gives the run's settings as `cfg` (e.g. testConfig). */
  configFunction: string;
  /** Entries of the options literal, one per line: `apiKey: cfg.apiKey`. */
  options: string[];
  /** Statements between the options literal and addFields (e.g. optional options). */
  afterOptions?: string[];
}

export function sdkHostMain(host: SdkHostMain): string {
  const indent = (lines: string[], pad: string) => lines.map((l) => pad + l).join('\n');
  return [
    'sub Main(args as dynamic)',
    `    cfg = ${host.configFunction}()`,
    '    screen = CreateObject("roSGScreen")',
    '    port = CreateObject("roMessagePort")',
    '    screen.setMessagePort(port)',
    '    options = {',
    indent(host.options, '        '),
    '    }',
    ...(host.afterOptions ?? []).map((l) => '    ' + l),
    '    screen.getGlobalNode().addFields({ mparticleOptions: options })',
    ...showSceneUntilClosed(host.scene),
  ].join('\n');
}

/** Main.brs of a channel with one scene and no SDK options: shows it, waits until the screen closes. */
export function sceneMain(scene: string): string {
  return [
    'sub Main()',
    '    screen = CreateObject("roSGScreen")',
    '    port = CreateObject("roMessagePort")',
    '    screen.setMessagePort(port)',
    ...showSceneUntilClosed(scene),
  ].join('\n');
}

/** The end of either Main: the scene, then a wait until the screen closes. */
function showSceneUntilClosed(scene: string): string[] {
  return [
    `    screen.CreateScene("${scene}")`,
    '    screen.show()',
    '    while true',
    '        msg = wait(0, port)',
    '        if type(msg) = "roSGScreenEvent" and msg.isScreenClosed() then return',
    '    end while',
    'end sub',
    '',
  ];
}
