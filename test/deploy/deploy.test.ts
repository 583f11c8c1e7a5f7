import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  DeviceCompileError,
  DeviceUnauthorizedError,
  DeviceUnreachableError,
  MissingOptionError,
  sideload,
  type DeployOptions,
} from '../../scripts/deploy';
import { startFakeInstaller, type FakeInstaller } from './fake-installer';
import { buildTestZip, closedPort, tempDir } from './helpers';

const PASSWORD = 'correct horse';

describe('deploy: sideloading onto a (fake) Roku', function () {
  let tmp: ReturnType<typeof tempDir>;
  let zipPath: string;
  let stagingDir: string;
  let device: FakeInstaller;
  let lines: string[];

  before(async function () {
    tmp = tempDir('mp-deploy-');
    ({ zipPath, stagingDir } = await buildTestZip(tmp.dir, { config: { apiKey: 'key-1', apiSecret: 'secret-1', scripted: true } }));
  });
  after(() => tmp.cleanup());

  beforeEach(async function () {
    device = await startFakeInstaller({ password: PASSWORD });
    lines = [];
  });
  afterEach(() => device.close());

  const opts = (extra: DeployOptions = {}): DeployOptions => ({
    host: device.host,
    password: PASSWORD,
    packagePort: device.packagePort,
    remotePort: device.remotePort,
    timeout: 5000,
    zipPath,
    env: {},
    log: (l) => lines.push(l),
    ...extra,
  });

  it('installs the zip: the device receives exactly its bytes as a Replace', async function () {
    const result = await sideload(opts());
    assert.equal(result.message, 'Successful deploy');
    assert.equal(device.installs.length, 1);
    assert.equal(device.installs[0].mysubmit, 'Replace');
    assert.ok(device.installs[0].archive.equals(readFileSync(zipPath)), 'archive bytes differ from the zip on disk');
    assert.deepEqual(result.rokuMessages.successes, ['Install Success.']);
    assert.ok(lines.some((l) => l.includes('uploading')), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('Successful deploy')), lines.join('\n'));
  });

  it('launches the dev channel over ECP when asked', async function () {
    await sideload(opts({ launch: true }));
    assert.deepEqual(device.ecpRequests, [{ method: 'POST', path: '/launch/dev' }]);
  });

  it('stages the build config and the generated SDK next to the channel', async function () {
    const config = readFileSync(path.join(stagingDir, 'source/mParticleConfig.brs'), 'utf8');
    assert.match(config, /function sampleConfig\(\) as object/);
    assert.match(config, /apiKey: "key-1"/);
    assert.match(config, /scripted: true/);
    for (const f of ['manifest', 'source/Main.brs', 'source/mparticle/mParticleCore.brs', 'components/mParticleTask.xml', 'components/MainScene.xml', 'images/icon_focus_hd.png']) {
      assert.ok(existsSync(path.join(stagingDir, f)), `${f} missing from the package`);
    }
    assert.ok(!existsSync(path.join(stagingDir, 'README.md')), 'README.md must not ship');
  });

  it('takes host and password from ROKU_HOST / ROKU_PASSWORD', async function () {
    await sideload(opts({ host: undefined, password: undefined, env: { ROKU_HOST: '127.0.0.1', ROKU_PASSWORD: PASSWORD } }));
    assert.equal(device.installs.length, 1);
  });

  it('a wrong password fails with DeviceUnauthorizedError naming the host and the fix', async function () {
    await assert.rejects(sideload(opts({ password: 'wrong' })), (e: Error) => {
      assert.ok(e instanceof DeviceUnauthorizedError, `${e.name}: ${e.message}`);
      assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${device.packagePort}`));
      assert.match(e.message, /password/);
      assert.match(e.message, /ROKU_PASSWORD/);
      return true;
    });
    assert.equal(device.installs.length, 0);
    assert.ok(device.rejectedAuth > 0);
  });

  it('a compile failure on the device fails with DeviceCompileError carrying the device message', async function () {
    device.compileFailure = true;
    await assert.rejects(sideload(opts()), (e: Error) => {
      assert.ok(e instanceof DeviceCompileError, `${e.name}: ${e.message}`);
      assert.match(e.message, /could not compile/);
      assert.match(e.message, /Install Failure: Compilation Failed/);
      assert.match(e.message, /8085/);
      assert.deepEqual(e.rokuMessages.errors, ['Install Failure: Compilation Failed.']);
      return true;
    });
    assert.equal(device.installs.length, 1, 'a compile failure must not be retried as Install');
  });

  it('an unreachable host fails with DeviceUnreachableError, before any upload', async function () {
    const port = await closedPort();
    await assert.rejects(sideload(opts({ packagePort: port })), (e: Error) => {
      assert.ok(e instanceof DeviceUnreachableError, `${e.name}: ${e.message}`);
      assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      assert.match(e.message, /ECONNREFUSED/);
      assert.match(e.message, /developer mode/);
      return true;
    });
    assert.ok(!lines.some((l) => l.includes('uploading')), lines.join('\n'));
  });

  it('missing host, password or package are reported as such', async function () {
    await assert.rejects(sideload(opts({ host: undefined })), (e: Error) => e instanceof MissingOptionError && /--host/.test(e.message));
    await assert.rejects(sideload(opts({ password: undefined })), (e: Error) => e instanceof MissingOptionError && /ROKU_PASSWORD/.test(e.message));
    await assert.rejects(
      sideload(opts({ zipPath: path.join(tmp.dir, 'nope.zip') })),
      (e: Error) => e instanceof MissingOptionError && /npm run build/.test(e.message),
    );
  });
});
