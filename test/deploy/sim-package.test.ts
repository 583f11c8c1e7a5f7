/**
 * The simulator as an npm package (npm run pack:sim), tested as the ropm package is: packed,
 * installed offline into a throwaway channel folder (npm with every way to the network closed:
 * its dependencies are bundled), and its `mparticle-roku` command run there headless on that
 * channel, as a channel's CI step would: `npx mparticle-roku sim --channel . ...`.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { packSim, SIM_BIN, SIM_DEPENDENCIES, SIM_PACKAGE_NAME, type SimPackResult } from '../../scripts/pack-sim';
import { SIM_EXIT } from '../../sim/run';
import { runSimCli } from '../sim/cli-run';
import { tempDir, OFFLINE_NPM_ENV } from './helpers';


describe('mparticle-roku-sim package (npm run pack:sim), installed offline into a channel folder', function () {
  this.timeout(300000);
  let tmp: ReturnType<typeof tempDir>;
  let pack: SimPackResult;
  let channel: string;

  before(() => {
    tmp = tempDir('sim-package-');
    pack = packSim({ outDir: path.join(tmp.dir, 'out') });
    channel = path.join(tmp.dir, 'own-way-channel');
    cpSync(path.join(__dirname, '..', 'sim', 'fixtures', 'own-way'), channel, { recursive: true });
    writeFileSync(path.join(channel, 'package.json'), JSON.stringify({ name: 'own-way-channel', version: '1.0.0', private: true, devDependencies: { [SIM_PACKAGE_NAME]: `file:${pack.tarball}` } }, null, 2));
    execFileSync('npm', ['install', '--ignore-scripts'], { cwd: channel, env: OFFLINE_NPM_ENV, stdio: 'pipe' });
  });
  after(() => tmp.cleanup());

  it('holds compiled JavaScript, the pages and the generated SDK, with its dependencies bundled', () => {
    assert.ok(pack.files.includes('bin/mparticle-roku.js'));
    assert.ok(pack.files.includes('sim/cli.js'));
    assert.ok(pack.files.includes('generated/source/mparticle/mParticleCore.brs'));
    assert.ok(pack.files.includes('sim/engine/page/index.html') && pack.files.includes('sim/live/page/live.js'));
    assert.deepEqual(pack.files.filter((f) => f.endsWith('.ts') && !f.startsWith('node_modules/')), [], 'no TypeScript: it runs without tsx');
    const installed = path.join(channel, 'node_modules', SIM_PACKAGE_NAME);
    const pkg = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
    assert.deepEqual(Object.keys(pkg.dependencies).sort(), [...SIM_DEPENDENCIES].sort());
    for (const dep of SIM_DEPENDENCIES) assert.ok(existsSync(path.join(installed, 'node_modules', dep, 'package.json')), `${dep} bundled`);
    assert.ok(existsSync(path.join(channel, 'node_modules', '.bin', SIM_BIN)));
  });

  it(`runs the channel it is installed in: ${SIM_BIN} sim --channel . --headless --until "Media Session End" exits 0`, async () => {
    const json = path.join(tmp.dir, 'analytics.json');
    const bin = path.join(channel, 'node_modules', '.bin', SIM_BIN);
    const { code, stdout, stderr } = await runSimCli(
      ['sim', '--channel', '.', '--headless', '--until', 'Media Session End', '--json', json, '--api-key', 'us1-own-way-key', '--api-secret', 'own-way-secret'],
      240000,
      channel,
      [bin],
    );
    const context = `\nstdout:\n${stdout.slice(-3000)}\nstderr:\n${stderr.slice(-2000)}`;
    assert.equal(code, SIM_EXIT.OK, context);
    assert.match(stdout, /SDK: the generated SDK overlaid/, context);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const names = report.batches.flatMap((b: { batch: { msgs: { n?: string }[] } }) => b.batch.msgs.map((m) => m.n));
    assert.ok(names.includes('Media Session End'), JSON.stringify(names));
  });

  it('says what is wrong with its arguments (exit 64)', async () => {
    const { code, stderr } = await runSimCli(['sim'], 60000, channel, [path.join(channel, 'node_modules', '.bin', SIM_BIN)]);
    assert.equal(code, SIM_EXIT.USAGE, stderr);
    assert.match(stderr, /sim needs --channel/);
  });
});
