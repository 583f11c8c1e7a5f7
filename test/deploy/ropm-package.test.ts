/**
 * The ropm package, offline: `packSdk` (npm run pack:sdk) writes the tarball; a throwaway
 * channel installs it the way a channel developer would (npm installs the tarball with no
 * registry reachable, then `ropm copy` lays it out under roku_modules and rewrites it), once
 * with `ropm.noprefix` and once under an alias whose prefix renames everything; bsc builds each
 * channel with zero errors, and each runs in the simulator with its events reaching the collector.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { packSdk, SDK_PACKAGE_NAME, SDK_PACKAGE_ROOT, type PackResult } from '../../scripts/pack-sdk';
import { startCollector, type Collector } from '../../sim/collector/collector';
import { readChannelDir } from '../../sim/engine/channelDir';
import { runChannel } from '../../sim/engine/simulator';
import { sdkHostMain } from '../../sim/engine/sdk-host';
import { testConfigFile } from '../harness/testConfig';
import { formatBscDiagnostics, validateBrs } from '../helpers/bsc';
import { tempDir, OFFLINE_NPM_ENV } from './helpers';

const ROPM_CLI = require.resolve('ropm/dist/cli.js');
const API_SECRET = 'ropm-package-secret';


interface Install {
  /** The npm alias the channel installs the package under; ropm derives the prefix from it. */
  alias: string;
  noprefix: boolean;
}

/** What the channel writes for a documented name: as is under noprefix, `<alias>_name` otherwise. */
const named = (i: Install, name: string) => (i.noprefix ? name : `${i.alias}_${name}`);

/** The scene: the spec's flow, written with the names this install gives. */
function sceneBrs(i: Install): string {
  const c = named(i, 'mParticleConstants');
  return `sub init()
    mpConstants = ${c}()
    m.mParticleTask = createObject("roSGNode", "${named(i, 'mParticleTask')}")
    m.mParticleTask.ObserveField(${c}().SCENEGRAPH_NODES.IDENTITY_RESULT_NODE, "onIdentityResult")
    m.mparticle = ${named(i, 'mParticleSGBridge')}(m.mParticleTask)
    m.mparticle.logEvent("Custom Media Event", ${c}().CUSTOM_EVENT_TYPE.MEDIA, { "installed with": "${i.noprefix ? 'noprefix' : 'alias'}" })
    mediaSession = mpConstants.MediaSession.build("ABC123", "Space Pilot 3000", mpConstants.MEDIA_CONTENT_TYPE.VIDEO, mpConstants.MEDIA_STREAM_TYPE.ON_DEMAND, 1800000)
    m.mparticle.media.logMediaSessionStart(mediaSession, {})
    m.mparticle.media.logPlay(mediaSession, {})
    mediaSession.currentPlayheadPosition = 1900
    m.mparticle.media.logPause(mediaSession, {})
    m.mparticle.media.logMediaSessionEnd(mediaSession, {})
    m.mparticle.upload()
end sub

sub onIdentityResult()
end sub
`;
}

/** Installs the tarball into a fresh channel folder with npm (offline) and `ropm copy`. */
function install(root: string, pack: PackResult, i: Install): string {
  const dir = path.join(root, `channel-${i.alias}`);
  mkdirSync(dir, { recursive: true });
  const pkg: Record<string, unknown> = { name: `throwaway-${i.alias}`, version: '1.0.0', private: true, dependencies: { [i.alias]: `file:${pack.tarball}` } };
  if (i.noprefix) pkg.ropm = { noprefix: [i.alias] };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  execFileSync('npm', ['install', '--ignore-scripts'], { cwd: dir, env: OFFLINE_NPM_ENV, stdio: 'pipe' });
  execFileSync(process.execPath, [ROPM_CLI, 'copy'], { cwd: dir, env: OFFLINE_NPM_ENV, stdio: 'pipe' });
  return dir;
}

/** The channel's own files around the installed SDK. */
function writeChannel(dir: string, collector: Collector, i: Install): void {
  const files: Record<string, string> = {
    manifest: `title=ropm ${i.alias}\nmajor_version=1\nminor_version=0\nbuild_version=1\n`,
    'source/Main.brs': sdkHostMain({
      scene: 'PkgScene',
      configFunction: 'testConfig',
      options: ['apiKey: cfg.apiKey', 'apiSecret: cfg.apiSecret', 'logLevel: 1', 'uploadIntervalMillis: 500', 'endpoints: { events: cfg.baseUrl, identity: cfg.baseUrl }'],
    }),
    // The channel's own include names the installed path; ropm rewrites only the package's.
    'components/PkgScene.xml': `<?xml version="1.0" encoding="utf-8"?>
<component name="PkgScene" extends="Scene">
    <script type="text/brightscript" uri="pkg:/source/testConfig.brs" />
    <script type="text/brightscript" uri="pkg:/source/roku_modules/${i.alias}/mparticle/mParticleCore.brs" />
    <script type="text/brightscript" uri="pkg:/components/PkgScene.brs" />
</component>
`,
    'components/PkgScene.brs': sceneBrs(i),
    ...(testConfigFile(collector, API_SECRET) as Record<string, string>),
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

/** The channel as it would be zipped: manifest, source/ and components/ (not node_modules). */
function channelFiles(dir: string): Record<string, string> {
  const all = readChannelDir(dir);
  return Object.fromEntries(
    Object.entries(all)
      .filter(([rel]) => rel === 'manifest' || rel.startsWith('source/') || rel.startsWith('components/'))
      .map(([rel, data]) => [rel, Buffer.from(data).toString('utf8')]),
  );
}

describe('ropm package (npm run pack:sdk), installed offline into a throwaway channel', function () {
  this.timeout(240000);
  let tmp: ReturnType<typeof tempDir>;
  let pack: PackResult;

  before(() => {
    tmp = tempDir('ropm-package-');
    pack = packSdk({ outDir: path.join(tmp.dir, 'out') });
  });
  after(() => tmp.cleanup());

  it('packs only the SDK, under ropm.packageRootDir, with the ropm keyword', () => {
    assert.equal(path.basename(pack.tarball), `${SDK_PACKAGE_NAME}-${pack.version}.tgz`);
    assert.ok(existsSync(pack.tarball));
    assert.deepEqual(pack.files, [
      'README.md',
      `${SDK_PACKAGE_ROOT}/components/mParticleTask.brs`,
      `${SDK_PACKAGE_ROOT}/components/mParticleTask.xml`,
      `${SDK_PACKAGE_ROOT}/components/mParticleTaskLogic.brs`,
      `${SDK_PACKAGE_ROOT}/source/mparticle/mParticleCore.brs`,
      'package.json',
    ]);
    const pkg = JSON.parse(readFileSync(path.join(tmp.dir, 'out', '.staging', 'sdk-package', 'package.json'), 'utf8'));
    assert.ok(pkg.keywords.includes('ropm'));
    assert.deepEqual(pkg.ropm, { packageRootDir: SDK_PACKAGE_ROOT });
    assert.equal(pkg.ropm.noprefix, undefined, 'ropm refuses a package that sets noprefix');
  });

  for (const i of [
    { alias: 'mparticle', noprefix: true },
    { alias: 'mp', noprefix: false },
  ] satisfies Install[]) {
    describe(i.noprefix ? `with ropm.noprefix ("${i.alias}"): the documented names stay` : `under the alias "${i.alias}": names become ${i.alias}_...`, () => {
      let collector: Collector;
      let dir: string;

      before(async () => {
        collector = await startCollector({ apiKey: `us1-ropm-${i.alias}`, apiSecret: API_SECRET });
        dir = install(tmp.dir, pack, i);
        writeChannel(dir, collector, i);
      });
      after(async () => collector.close());

      it('lays the SDK out under roku_modules/<alias> and rewrites its own pkg:/ paths', () => {
        const files = channelFiles(dir);
        const sdk = Object.keys(files).filter((f) => f.includes('roku_modules')).sort();
        assert.deepEqual(sdk, [
          `components/roku_modules/${i.alias}/mParticleTask.brs`,
          `components/roku_modules/${i.alias}/mParticleTask.xml`,
          `components/roku_modules/${i.alias}/mParticleTaskLogic.brs`,
          `source/roku_modules/${i.alias}/mparticle/mParticleCore.brs`,
        ]);
        const xml = files[`components/roku_modules/${i.alias}/mParticleTask.xml`];
        assert.match(xml, new RegExp(`<component name="${named(i, 'mParticleTask')}" extends="Task">`));
        assert.ok(xml.includes(`uri="pkg:/components/roku_modules/${i.alias}/mParticleTask.brs"`), xml);
        assert.ok(xml.includes(`uri="pkg:/components/roku_modules/${i.alias}/mParticleTaskLogic.brs"`), xml);
        assert.ok(xml.includes(`uri="pkg:/source/roku_modules/${i.alias}/mparticle/mParticleCore.brs"`), xml);
        assert.doesNotMatch(xml, /uri="pkg:\/(source\/mparticle|components\/mParticleTask)/);
        // The certificate is the device's bundle, outside the package: left as it is.
        assert.ok(files[`components/roku_modules/${i.alias}/mParticleTask.brs`].includes('"common:/certs/ca-bundle.crt"'));
        const core = files[`source/roku_modules/${i.alias}/mparticle/mParticleCore.brs`];
        assert.match(core, new RegExp(`^function ${named(i, 'mParticleSGBridge')}\\(`, 'm'));
        assert.match(core, new RegExp(`^function ${named(i, 'mParticleConstants')}\\(`, 'm'));
      });

      it('builds with bsc: zero errors', async () => {
        const errors = (await validateBrs(channelFiles(dir))).filter((d) => d.severity === 1);
        assert.deepEqual(errors, [], formatBscDiagnostics(errors));
      });

      it('runs in the simulator: the events reach the collector', async () => {
        const run = await runChannel({
          collector,
          channel: channelFiles(dir),
          timeoutMs: 120000,
          untilCollector: (c) => c.events().some((m) => m.n === 'Media Session End'),
        });
        assert.equal(run.crashed, false, run.console.slice(-30).join('\n'));
        assert.deepEqual(run.console.filter((l) => /BRIGHTSCRIPT: ERROR|mParticle SDK \[ERROR\]/.test(l)), []);
        const names = collector.events().map((m) => m.n);
        assert.deepEqual(names, ['Custom Media Event', 'Media Session Start', 'Play', 'Pause', 'Media Session End']);
        const custom = collector.events()[0].attrs as Record<string, string>;
        assert.equal(custom['installed with'], i.noprefix ? 'noprefix' : 'alias');
        for (const r of collector.requests) assert.ok(r.signatureValid, `${r.path} has a bad signature`);
      });
    });
  }
});
