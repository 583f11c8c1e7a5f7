/**
 * A test channel that embeds the generated SDK and runs the spec page's Roku snippets
 * (roku-media-sdk.txt): mParticleTask creation with its two ObserveField lines,
 * mParticleSGBridge, the media session flow, and logEvent with CUSTOM_EVENT_TYPE.MEDIA.
 */
import { generate, sdkChannelFiles } from '../../src-ts/generator';
import type { Collector } from '../../sim/collector/collector';
import { testConfigFile, type ConfigValue } from '../harness/testConfig';
import type { FileTree } from '../../sim/engine/zip';
import { sdkHostMain } from '../../sim/engine/sdk-host';

let generated: Record<string, string> | undefined;

/** The generated SDK's channel files (generated once per mocha run, in memory, from the working tree). */
export function sdkFiles(): Record<string, string> {
  generated ??= generate();
  return sdkChannelFiles(generated);
}

/** Event names the "events" phase logs, in order (the media ones through the media API). */
export const PHASE_EVENTS = ['Custom Media Event', 'Media Session Start', 'Play', 'Pause', 'Media Content End', 'Media Session End'];
/** Screen view of the "events" phase. */
export const PHASE_SCREEN = 'Home';
/** With the \`flood\` option the "events" phase also logs that many custom events "Flood 1", "Flood 2", ... */
export const FLOOD_EVENT = 'Flood';
/** Logged 1.5 s after the others (every 1.5 s with `laterRepeat`), from a Timer: the Task keeps working after a fault. */
export const LATER_EVENT = 'Later Event';

/** The SDK options of a test channel, from its testConfig() (`cfg`): the collector's address and keys. */
export const TEST_SDK_OPTIONS = [
  'apiKey: cfg.apiKey',
  'apiSecret: cfg.apiSecret',
  'logLevel: cfg.logLevel',
  'uploadIntervalMillis: cfg.uploadIntervalMillis',
  'endpoints: { events: cfg.baseUrl, identity: cfg.baseUrl }',
  'identifyRequest: { userIdentities: { customerid: "customer-1" } }',
];

const MAIN = sdkHostMain({
  scene: 'TestScene',
  configFunction: 'testConfig',
  options: [...TEST_SDK_OPTIONS, 'startupArgs: args'],
  afterOptions: ['if cfg.queueBudgetBytes > 0 then options.queueBudgetBytes = cfg.queueBudgetBytes'],
});

const SCENE_XML = `<?xml version="1.0" encoding="utf-8"?>
<component name="TestScene" extends="Scene">
    <script type="text/brightscript" uri="pkg:/source/testConfig.brs" />
    <script type="text/brightscript" uri="pkg:/source/mparticle/mParticleCore.brs" />
    <script type="text/brightscript" uri="pkg:/components/TestScene.brs" />
</component>
`;

// The spec page's snippets, as a channel writes them.
const SCENE_BRS = `sub init()
    cfg = testConfig()
    mpConstants = mParticleConstants()
    'Create the mParticle Task Node
    m.mParticleTask = createObject("roSGNode","mParticleTask")
    m.mParticleTask.ObserveField(mParticleConstants().SCENEGRAPH_NODES.IDENTITY_RESULT_NODE, "onIdentityResult")
    m.mParticleTask.ObserveField(mParticleConstants().SCENEGRAPH_NODES.CURRENT_USER_NODE, "onCurrentUserChanged")
    m.mParticleTask.ObserveField(mParticleConstants().SCENEGRAPH_NODES.CURRENT_SESSION_NODE, "onSessionChanged")
    m.mparticle = mParticleSGBridge(m.mParticleTask)
    if cfg.phase = "events" then logSpecFlow(mpConstants)
end sub

' The spec page's media flow (the engine refuses a bare return in init()).
sub logSpecFlow(mpConstants as object)
    customAttributes = {"example custom attribute" : "example custom attribute value"}
    m.mparticle.logEvent("Custom Media Event", mparticleConstants().CUSTOM_EVENT_TYPE.MEDIA, customAttributes)

    mediaSession = mpConstants.MediaSession.build("ABC123", "Space Pilot 3000", mparticleConstants().MEDIA_CONTENT_TYPE.VIDEO, mparticleConstants().MEDIA_STREAM_TYPE.LIVE_STREAM, 1800000)
    m.mparticle.media.logMediaSessionStart(mediaSession, customAttributes)
    customAttributes = {"Source" : "Auto Playback"}
    m.mparticle.media.logPlay(mediaSession, customAttributes)
    mediaSession.currentPlayheadPosition = 1900
    customAttributes = {"Source" : "Player Controls"}
    m.mparticle.media.logPause(mediaSession, customAttributes)
    m.mparticle.media.logMediaContentEnd(mediaSession, customAttributes)
    m.mparticle.media.logMediaSessionEnd(mediaSession, customAttributes)
    m.mparticle.logScreenEvent("${PHASE_SCREEN}")
    for i = 1 to testConfig().flood
        m.mparticle.logEvent("${FLOOD_EVENT} " + i.ToStr(), mparticleConstants().CUSTOM_EVENT_TYPE.OTHER, { i: i.ToStr(), note: "filler to fill the persisted queue faster" })
    end for
    m.mparticle.upload()

    m.later = CreateObject("roSGNode", "Timer")
    m.later.duration = 1.5
    ' Repeating, for tests that need an event after a fault however long the fault took.
    m.later.repeat = testConfig().laterRepeat = true
    m.later.observeField("fire", "onLater")
    m.later.control = "start"
end sub

sub onLater()
    m.mparticle.logEvent("${LATER_EVENT}", mparticleConstants().CUSTOM_EVENT_TYPE.OTHER, { step: 2 })
    m.mparticle.upload()
end sub

sub onIdentityResult()
    print "TEST: identity result " + FormatJson(m.mParticleTask[mParticleConstants().SCENEGRAPH_NODES.IDENTITY_RESULT_NODE])
end sub

sub onSessionChanged()
    print "TEST: session " + FormatJson(m.mParticleTask[mParticleConstants().SCENEGRAPH_NODES.CURRENT_SESSION_NODE])
end sub

sub onCurrentUserChanged()
    print "TEST: current user " + FormatJson(m.mParticleTask[mParticleConstants().SCENEGRAPH_NODES.CURRENT_USER_NODE])
end sub
`;

/**
 * The test channel: "events" logs the spec flow; any other phase only starts the SDK (a restart).
 * `extra` may set `flood` (extra custom events logged after the flow) and `queueBudgetBytes`
 * (passed to the SDK when > 0). The channel prints every CURRENT_SESSION_NODE value as
 * "TEST: session {json}".
 */
export function testChannel(collector: Collector, apiSecret: string, phase: 'events' | 'quiet', extra: Record<string, ConfigValue> = {}): FileTree {
  return {
    manifest: 'title=mParticle core runtime test\nmajor_version=1\nminor_version=0\nbuild_version=7\n',
    'source/Main.brs': MAIN,
    'components/TestScene.xml': SCENE_XML,
    'components/TestScene.brs': SCENE_BRS,
    ...sdkFiles(),
    ...testConfigFile(collector, apiSecret, { phase, logLevel: 3, uploadIntervalMillis: 500, laterRepeat: false, flood: 0, queueBudgetBytes: 0, ...extra }),
  };
}

/** A channel made of one scene that hosts the SDK (see {@link sceneChannel}). */
export interface SceneChannel {
  /** Manifest title. */
  title: string;
  /** Component name of the scene. */
  scene: string;
  /** Entries of the SDK options literal besides apiKey, apiSecret and endpoints (the collector). */
  options: string[];
  /** The scene's BrightScript (its init() makes the SDK calls). */
  sceneBrs: string;
}

/**
 * A channel whose Main sets the SDK options (apiKey, apiSecret and endpoints of `collector`,
 * plus `options`) and shows one scene that includes the SDK and `sceneBrs`.
 */
export function sceneChannel(collector: Collector, apiSecret: string, c: SceneChannel): FileTree {
  return {
    manifest: `title=${c.title}\nmajor_version=1\nminor_version=0\nbuild_version=1\n`,
    'source/Main.brs': sdkHostMain({
      scene: c.scene,
      configFunction: 'testConfig',
      options: ['apiKey: cfg.apiKey', 'apiSecret: cfg.apiSecret', ...c.options, 'endpoints: { events: cfg.baseUrl, identity: cfg.baseUrl }'],
    }),
    [`components/${c.scene}.xml`]: `<?xml version="1.0" encoding="utf-8"?>
<component name="${c.scene}" extends="Scene">
    <script type="text/brightscript" uri="pkg:/source/testConfig.brs" />
    <script type="text/brightscript" uri="pkg:/source/mparticle/mParticleCore.brs" />
    <script type="text/brightscript" uri="pkg:/components/${c.scene}.brs" />
</component>
`,
    [`components/${c.scene}.brs`]: c.sceneBrs,
    ...sdkFiles(),
    ...testConfigFile(collector, apiSecret),
  };
}
