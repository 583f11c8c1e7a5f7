/**
 * `npm run build -- --live` and `npm run deploy -- --live`: the sample channel's `endpoints`
 * point at the live view (this machine's LAN address and port 8787, or `--live-url`), signed
 * with the credentials `npm run live` checks. Run as the CLIs run, against the fake installer.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { liveCredentials, liveEndpoints } from '../../scripts/lib/live-config';
import { LIVE_DEFAULT_PORT, lanUrls } from '../../sim/live/server';
import { startFakeInstaller } from '../deploy/fake-installer';
import { tempDir } from '../deploy/helpers';

const ROOT = path.join(__dirname, '..', '..');
const PASSWORD = 'live deploy';

function tsx(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, MPARTICLE_EVENTS_URL: '', MPARTICLE_IDENTITY_URL: '' }, timeout: 120000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as NodeJS.ErrnoException & { code?: number }).code as unknown as number) ?? 1 : 0, stdout, stderr }),
    );
  });
}

// --live builds its own package, beside (never instead of) the one `npm run build` writes.
function stagedConfig(outDir: string): string {
  return readFileSync(path.join(outDir, '.staging', 'mparticle-sample-channel-live', 'source', 'mParticleConfig.brs'), 'utf8');
}

describe('build and deploy --live', function () {
  this.timeout(180000);
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('mp-live-build-');
  });
  afterEach(() => tmp.cleanup());

  it('liveEndpoints: the given URL for both APIs, else the first LAN address on the live port', () => {
    assert.deepEqual(liveEndpoints({ url: 'http://192.0.2.10:9000/' }), { events: 'http://192.0.2.10:9000', identity: 'http://192.0.2.10:9000' });
    const lan = lanUrls(LIVE_DEFAULT_PORT);
    if (lan.length > 0) assert.deepEqual(liveEndpoints(), { events: lan[0], identity: lan[0] });
    else assert.throws(() => liveEndpoints(), /no LAN address .* --live-url/);
  });

  it('build --live-url writes the endpoints and the credentials live checks into the package', async () => {
    const outDir = path.join(tmp.dir, 'out');
    const { code, stdout, stderr } = await tsx('scripts/build.ts', ['--live-url', 'http://192.0.2.10:8787', '--out-dir', outDir]);
    assert.equal(code, 0, `${stdout}\n${stderr}`);
    assert.ok(existsSync(path.join(outDir, 'mparticle-sample-channel-live.zip')));
    const config = stagedConfig(outDir);
    assert.match(config, /events: "http:\/\/192\.0\.2\.10:8787"/);
    assert.match(config, /identity: "http:\/\/192\.0\.2\.10:8787"/);
    const creds = liveCredentials();
    assert.match(config, new RegExp(`apiKey: "${creds.apiKey}"`));
    assert.match(config, new RegExp(`apiSecret: "${creds.apiSecret}"`));
    assert.match(stdout, /start the event view there with `npm run live`/);
  });

  it('build --live without a URL uses this machine\'s LAN address, or says how to give one', async () => {
    const outDir = path.join(tmp.dir, 'out');
    const { code, stdout, stderr } = await tsx('scripts/build.ts', ['--live', '--out-dir', outDir]);
    const lan = lanUrls(LIVE_DEFAULT_PORT);
    if (lan.length > 0) {
      assert.equal(code, 0, `${stdout}\n${stderr}`);
      assert.ok(stagedConfig(outDir).includes(`events: "${lan[0]}"`));
    } else {
      assert.notEqual(code, 0);
      assert.match(stderr, /no LAN address found .* pass --live-url/);
    }
  });

  it('deploy --live-url builds the live package and sideloads exactly it', async () => {
    const device = await startFakeInstaller({ password: PASSWORD });
    try {
      const outDir = path.join(tmp.dir, 'out');
      const { code, stdout, stderr } = await tsx('scripts/deploy.ts', [
        '--live-url', 'http://192.0.2.11:8787',
        '--out-dir', outDir,
        '--host', device.host,
        '--password', PASSWORD,
        '--package-port', String(device.packagePort),
        '--remote-port', String(device.remotePort),
        '--timeout', '10000',
      ]);
      assert.equal(code, 0, `${stdout}\n${stderr}`);
      assert.equal(device.installs.length, 1);
      assert.ok(device.installs[0].archive.equals(readFileSync(path.join(outDir, 'mparticle-sample-channel-live.zip'))), 'the device got another zip');
      assert.match(stagedConfig(outDir), /events: "http:\/\/192\.0\.2\.11:8787"/);
      assert.match(stdout, /reports to http:\/\/192\.0\.2\.11:8787/);
      assert.match(stdout, /\[deploy\] sending \S+mparticle-sample-channel-live\.zip \(.*\): the sample channel as built by `build --live` \/ `deploy --live`: events to http:\/\/192\.0\.2\.11:8787/);
    } finally {
      await device.close();
    }
  });

  it('deploy --live refuses --zip (it builds the package itself)', async () => {
    const { code, stderr } = await tsx('scripts/deploy.ts', ['--live-url', 'http://192.0.2.11:8787', '--zip', 'x.zip', '--host', '127.0.0.1', '--password', 'x']);
    assert.notEqual(code, 0);
    assert.match(stderr, /--live builds the sample channel itself: leave out --zip/);
  });
});
