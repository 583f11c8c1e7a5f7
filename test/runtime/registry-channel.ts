/**
 * A channel that keeps its own data in the registry beside the SDK (issue 20): in its first
 * run ("events") it writes `ownKeys` settings of `ownBytes` each into its section "channelData",
 * prints the registry's free space, starts the SDK and logs `events` media events; in a later
 * run ("quiet") it checks its settings and only starts the SDK. Every 300 ms it prints the
 * free space ("TEST: space N"), so a test can read what the channel would see.
 */
import type { Collector } from '../../sim/collector/collector';
import type { FileTree } from '../../sim/engine/zip';
import { sdkHostMain } from '../../sim/engine/sdk-host';
import { testConfigFile, type ConfigValue } from '../harness/testConfig';
import { sdkFiles, TEST_SDK_OPTIONS } from './channel';

/** The section the channel's own data lives in. */
export const CHANNEL_SECTION = 'channelData';

const MAIN = sdkHostMain({
  scene: 'RegistryScene',
  configFunction: 'testConfig',
  options: TEST_SDK_OPTIONS,
});

const SCENE_XML = `<?xml version="1.0" encoding="utf-8"?>
<component name="RegistryScene" extends="Scene">
    <script type="text/brightscript" uri="pkg:/source/testConfig.brs" />
    <script type="text/brightscript" uri="pkg:/source/mparticle/mParticleCore.brs" />
    <script type="text/brightscript" uri="pkg:/components/RegistryScene.brs" />
</component>
`;

const SCENE_BRS = `sub init()
    cfg = testConfig()
    own = CreateObject("roRegistrySection", "${CHANNEL_SECTION}")
    if cfg.phase = "events"
        for i = 1 to cfg.ownKeys
            if not own.Write("setting" + i.ToStr(), ownValue(i, cfg.ownBytes)) then print "TEST: own write refused " + i.ToStr()
        end for
        own.Flush()
    else
        ok = 0
        for i = 1 to cfg.ownKeys
            if own.Read("setting" + i.ToStr()) = ownValue(i, cfg.ownBytes) then ok = ok + 1
        end for
        print "TEST: channel data " + ok.ToStr() + " of " + cfg.ownKeys.ToStr() + " intact"
    end if
    print "TEST: space before " + CreateObject("roRegistry").GetSpaceAvailable().ToStr()
    m.mParticleTask = createObject("roSGNode", "mParticleTask")
    m.mparticle = mParticleSGBridge(m.mParticleTask)
    if cfg.phase = "events" then logMedia(cfg.events)
    m.spaceTimer = CreateObject("roSGNode", "Timer")
    m.spaceTimer.duration = 0.3
    m.spaceTimer.repeat = true
    m.spaceTimer.observeField("fire", "onSpaceTimer")
    m.spaceTimer.control = "start"
end sub

' A setting: its number, then letters that change with it (the channel's own data).
function ownValue(i as integer, bytes as integer) as string
    text = "v" + i.ToStr() + ":"
    while Len(text) < bytes
        text = text + Chr(65 + (Len(text) * 7 + i) mod 26)
    end while
    return Left(text, bytes)
end function

' A media session of \`count\` events: its start, then Play, Pause and playhead updates in turn.
sub logMedia(count as integer)
    c = mParticleConstants()
    session = c.MediaSession.build("content-1", "A Title Long Enough To Matter", c.MEDIA_CONTENT_TYPE.VIDEO, c.MEDIA_STREAM_TYPE.ON_DEMAND, 1800000)
    m.mparticle.media.logMediaSessionStart(session, {})
    for i = 2 to count
        session.currentPlayheadPosition = i * 1000
        kind = i mod 3
        if kind = 0
            m.mparticle.media.logPlay(session, {})
        else if kind = 1
            m.mparticle.media.logPause(session, {})
        else
            m.mparticle.media.logPlayheadPosition(session, {})
        end if
    end for
    print "TEST: logged " + count.ToStr()
end sub

sub onSpaceTimer()
    print "TEST: space " + CreateObject("roRegistry").GetSpaceAvailable().ToStr()
end sub
`;

/** The channel; `extra` sets phase, ownKeys, ownBytes, events, logLevel, uploadIntervalMillis. */
export function registryChannel(collector: Collector, apiSecret: string, extra: Record<string, ConfigValue>): FileTree {
  return {
    manifest: 'title=registry guest test\nmajor_version=1\nminor_version=0\nbuild_version=1\n',
    'source/Main.brs': MAIN,
    'components/RegistryScene.xml': SCENE_XML,
    'components/RegistryScene.brs': SCENE_BRS,
    ...sdkFiles(),
    ...testConfigFile(collector, apiSecret, { phase: 'events', ownKeys: 0, ownBytes: 2000, events: 300, logLevel: 3, uploadIntervalMillis: 500, ...extra }),
  };
}
