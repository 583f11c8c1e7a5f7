import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import {
  DeviceCompileError,
  findZip,
  NotADeveloperInstallerError,
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

  /** A plain web server on loopback that answers every request with `status` and `body`. */
  async function plainServer(status: number, body: string): Promise<{ server: Server; port: number }> {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(status, { 'content-type': 'text/html' }).end(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, port: (server.address() as AddressInfo).port };
  }

  for (const [status, body] of [[404, '<html><body>Not Found</body></html>'], [200, '<html><body>It works!</body></html>']] as const) {
    it(`a web server that is not a Roku (HTTP ${status}) fails with NotADeveloperInstallerError naming the address and the fix`, async function () {
      const { server, port } = await plainServer(status, body);
      try {
        await assert.rejects(sideload(opts({ packagePort: port })), (e: Error) => {
          assert.ok(e instanceof NotADeveloperInstallerError, `${e.name}: ${e.message}`);
          assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
          assert.match(e.message, new RegExp(`not a Roku's developer installer \\(HTTP ${status}`));
          assert.match(e.message, /Settings > Network > About/);
          return true;
        });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  }

  it('the command prints that typed error, not a stack trace, and exits 1', async function () {
    this.timeout(60000);
    const { server, port } = await plainServer(404, 'Not Found');
    try {
      const root = path.join(__dirname, '..', '..');
      const args = ['--import', 'tsx', path.join(root, 'scripts', 'deploy.ts'), '--zip', zipPath, '--host', '127.0.0.1', '--password', 'x', '--package-port', String(port), '--timeout', '10000'];
      const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) =>
        execFile(process.execPath, args, { cwd: root, env: { ...process.env, ROKU_HOST: '', ROKU_PASSWORD: '' } }, (err, _out, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stderr })),
      );
      assert.equal(code, 1, stderr);
      assert.match(stderr, /^\[deploy\] Sideload to 127\.0\.0\.1:\d+ failed: something answered there, but not a Roku's developer installer \(HTTP 404\)\n {2}fix: /, stderr);
      assert.doesNotMatch(stderr, /^\s+at /m, 'a stack trace');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('says which package it sends and what the sample channel in it reports to', async function () {
    await sideload(opts());
    const line = lines.find((l) => l.startsWith('[deploy] sending '));
    assert.ok(line, lines.join('\n'));
    assert.ok(line.includes(zipPath), line);
    assert.match(line, /\(\d+ bytes, built \d{4}-\d\d-\d\dT/);
    assert.match(line, /the sample channel as built by `npm run build`: events to mParticle \(the API key's pod\), scripted timeline$/, line);
  });

  it('without --zip sends out/mparticle-sample-channel.zip, never the --live package beside it', function () {
    const outDir = path.join(tmp.dir, 'find');
    mkdirSync(outDir, { recursive: true });
    copyFileSync(zipPath, path.join(outDir, 'mparticle-sample-channel-live.zip'));
    assert.throws(() => findZip({ outDir }), (e: Error) => e instanceof MissingOptionError && /run `npm run build` first/.test(e.message) && /mparticle-sample-channel-live\.zip/.test(e.message));
    copyFileSync(zipPath, path.join(outDir, 'mparticle-sample-channel.zip'));
    assert.equal(findZip({ outDir }), path.join(outDir, 'mparticle-sample-channel.zip'));
  });
});
