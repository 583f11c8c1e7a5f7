import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildTestChannel, runDeviceTests, TestChannelBuildError, type DeviceTestOptions } from '../../scripts/device-test';
import { crashRun, rooibosRun, startFakeConsole, type FakeConsole } from './fake-console';
import { startFakeInstaller, type FakeInstaller } from './fake-installer';
import { closedPort, tempDir, writeFakeGenerated } from './helpers';

const PASSWORD = 'rokudev-pass';
const ROOT = path.join(__dirname, '..', '..');

const SUITE = `namespace tests
    @suite("SDK smoke")
    class SmokeTests extends rooibos.BaseTestSuite
        @describe("mParticleConstants")

        @it("is an associative array")
        function _()
            m.assertEqual(type(mParticleConstants()), "roAssociativeArray")
        end function
    end class
end namespace
`;

describe('device-test: Rooibos on a (fake) Roku', function () {
  let tmp: ReturnType<typeof tempDir>;
  let zipPath: string;
  let stagingDir: string;

  before(async function () {
    tmp = tempDir('mp-device-test-');
    const suitesDir = path.join(tmp.dir, 'suites');
    mkdirSync(suitesDir);
    writeFileSync(path.join(suitesDir, 'Smoke.spec.bs'), SUITE);
    ({ zipPath, stagingDir } = await buildTestChannel({
      suitesDir,
      generatedDir: writeFakeGenerated(path.join(tmp.dir, 'generated')),
      outDir: path.join(tmp.dir, 'out'),
      log: () => undefined,
    }));
  });
  after(() => tmp.cleanup());

  describe('building the test channel', function () {
    it('compiles the suites with Rooibos next to the generated SDK', function () {
      const suite = readFileSync(path.join(stagingDir, 'source/tests/Smoke.spec.brs'), 'utf8');
      assert.match(suite, /SDK smoke/);
      // Rooibos adds the launch hook because the test channel has no main of its own.
      const main = readFileSync(path.join(stagingDir, 'source/rooibosMain.brs'), 'utf8');
      assert.match(main, /Rooibos_init\("RooibosScene"\)/);
      const runtimeConfig = readFileSync(path.join(stagingDir, 'source/rooibos/RuntimeConfig.brs'), 'utf8');
      assert.match(runtimeConfig, /"keepAppOpen": false/);
      assert.match(runtimeConfig, /"sendHomeOnFinish": false/);
      assert.ok(readFileSync(path.join(stagingDir, 'source/mparticle/mParticleCore.brs')).length > 0);
    });

    it('refuses a suites directory without suites', async function () {
      await assert.rejects(
        buildTestChannel({ suitesDir: path.join(tmp.dir, 'generated'), generatedDir: path.join(tmp.dir, 'generated'), outDir: path.join(tmp.dir, 'out2'), log: () => undefined }),
        (e: Error) => e instanceof TestChannelBuildError && /\*\.spec\.bs/.test(e.message),
      );
    });
  });

  describe('running it', function () {
    let device: FakeInstaller;
    let telnet: FakeConsole;
    let runLines: string[];

    /** The device prints `run` on its console when the dev channel is launched. */
    async function fakeDevice(run: string[], onConnect: string[] = []) {
      telnet = await startFakeConsole({ onConnect });
      device = await startFakeInstaller({
        password: PASSWORD,
        onEcp: (r) => {
          if (r.path === '/launch/dev') telnet.print(run);
        },
      });
    }
    afterEach(async () => {
      await device?.close();
      await telnet?.close();
    });

    const opts = (extra: DeviceTestOptions = {}): DeviceTestOptions => ({
      host: '127.0.0.1',
      password: PASSWORD,
      packagePort: device.packagePort,
      remotePort: device.remotePort,
      consolePort: telnet.port,
      timeout: 5000,
      runTimeout: 20000,
      zipPath,
      env: {},
      log: () => undefined,
      onConsoleLine: (l) => runLines.push(l),
      ...extra,
    });
    beforeEach(() => {
      runLines = [];
    });

    it('PASS: installs without auto-launch, launches over ECP and returns the report', async function () {
      // A result left on the console by an earlier run must not count.
      await fakeDevice(rooibosRun('PASS'), ['[Rooibos Result]: FAIL']);
      const result = await runDeviceTests(opts());
      assert.equal(result.outcome, 'PASS');
      assert.equal(device.installs.length, 1);
      assert.ok(device.installs[0].archive.equals(readFileSync(zipPath)));
      assert.equal(device.installs[0].fields.dev_autolaunch, '0');
      assert.deepEqual(device.ecpRequests, [{ method: 'POST', path: '/launch/dev' }]);
      assert.equal(result.report[0].trim(), '[START TEST REPORT]');
      assert.equal(result.report[result.report.length - 1], '[Rooibos Shutdown]');
      assert.ok(result.report.includes('[Rooibos Result]: PASS'));
      assert.ok(runLines.includes('> SUITE: SDK smoke>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>'), 'ANSI colours are stripped');
    });

    it('FAIL: returns the failing report', async function () {
      await fakeDevice(rooibosRun('FAIL'));
      const result = await runDeviceTests(opts());
      assert.equal(result.outcome, 'FAIL');
      assert.ok(result.report.some((l) => l.includes('Error Message: expected')));
    });

    it('CRASH: stops at the debugger prompt with the backtrace', async function () {
      await fakeDevice(crashRun());
      const result = await runDeviceTests(opts());
      assert.equal(result.outcome, 'CRASH');
      assert.ok(result.lines.includes('Backtrace:'));
      assert.ok(result.lines.some((l) => l.startsWith('Brightscript Debugger>')));
      assert.deepEqual(result.report, []);
    });

    it('TIMEOUT: a channel that never prints a result', async function () {
      await fakeDevice(["------ Running dev 'mParticle SDK device tests' main ------"]);
      const result = await runDeviceTests(opts({ runTimeout: 500 }));
      assert.equal(result.outcome, 'TIMEOUT');
    });

    it('an unreachable console fails before anything is installed', async function () {
      await fakeDevice(rooibosRun('PASS'));
      await assert.rejects(runDeviceTests(opts({ consolePort: await closedPort() })), /debug console .*ECONNREFUSED/s);
      assert.equal(device.installs.length, 0);
    });

    it('the command exits 0 on PASS and 1 on FAIL, printing the report', async function () {
      for (const [run, code] of [['PASS', 0], ['FAIL', 1]] as const) {
        await fakeDevice(rooibosRun(run));
        const child = await runCli([
          '--host', '127.0.0.1', '--password', PASSWORD, '--zip', zipPath,
          '--package-port', String(device.packagePort), '--remote-port', String(device.remotePort),
          '--console-port', String(telnet.port), '--run-timeout', '20000',
        ]);
        assert.equal(child.code, code, child.output);
        assert.match(child.output, new RegExp(`\\[Rooibos Result\\]: ${run}`));
        assert.match(child.output, new RegExp(`\\[device-test\\] ${run}`));
        await device.close();
        await telnet.close();
      }
    });
  });
});

/** Runs scripts/device-test.ts in a child process without blocking this one (the fakes answer it). */
function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  // Not spawnSync: it would block this process, whose fakes the child talks to.
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, 'scripts', 'device-test.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ROKU_HOST: '', ROKU_PASSWORD: '' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}
