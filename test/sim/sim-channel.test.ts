/**
 * `npm run sim -- --channel <dir>` on a channel that is not ours (test/sim/fixtures/own-way: it
 * configures production endpoints, a long upload interval and its own style of calls), headless,
 * as a channel's CI runs it: exit 0 with its events in --json; the same channel made to crash
 * or to break the data plan exits non-zero with the reason. The CLI runs as a child process,
 * so the exit code and the output are the ones a CI step sees.
 */
import { strict as assert } from 'node:assert';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readChannelDir } from '../../sim/engine/channelDir';
import { buildZip } from '../../sim/engine/zip';
import { SIM_EXIT } from '../../sim/run';
import { tempDir } from '../deploy/helpers';
import { runSimCli } from './cli-run';

const CHANNEL = path.join(__dirname, 'fixtures', 'own-way');
const CREDENTIALS = ['--api-key', 'us1-own-way-key', '--api-secret', 'own-way-secret'];

describe('npm run sim -- --channel (a channel that is not ours)', function () {
  this.timeout(300000);
  let tmp: ReturnType<typeof tempDir>;
  before(() => {
    tmp = tempDir('sim-channel-');
  });
  after(() => tmp.cleanup());

  /** The fixture channel with `ownway_mode` set, as a folder of its own. */
  function channelIn(mode: string): string {
    const dir = path.join(tmp.dir, mode);
    cpSync(CHANNEL, dir, { recursive: true });
    const manifest = path.join(dir, 'manifest');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('ownway_mode=ok', `ownway_mode=${mode}`));
    return dir;
  }

  it('exits 0 once "Media Session End" arrived, with every batch in --json, the SDK overlaid and reporting here', async () => {
    const json = path.join(tmp.dir, 'ok.json');
    const { code, stdout, stderr } = await runSimCli(['--channel', channelIn('ok'), '--headless', '--until', 'Media Session End', '--json', json, '--console', ...CREDENTIALS]);
    const context = `\nstdout:\n${stdout.slice(-4000)}\nstderr:\n${stderr.slice(-2000)}`;
    assert.equal(code, SIM_EXIT.OK, context);
    assert.match(stdout, /\[sim\] SDK: the generated SDK overlaid at source\/mparticle\/ and components\//, context);
    assert.match(stdout, /mparticle_endpoint=http:\/\/127\.0\.0\.1:\d+, mparticle_upload_interval_ms=1000/, context);
    assert.match(stdout, /\[sim\] OK: "Media Session End" arrived/, context);
    // The SDK itself says it took the manifest's overrides over the channel's options (--console).
    assert.match(stdout, /\[channel\] mParticle SDK \[ERROR\] manifest mparticle_endpoint=http:\/\/127\.0\.0\.1:\d+ replaces the endpoints/, context);
    assert.match(stdout, /\[channel\] mParticle SDK \[ERROR\] manifest mparticle_upload_interval_ms=1000 replaces uploadIntervalMillis/, context);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(report.ok, true);
    assert.equal(report.sdk, 'overlaid');
    const names = report.batches.flatMap((b: { batch: { msgs: { n?: string }[] } }) => b.batch.msgs.map((m) => m.n)).filter(Boolean);
    for (const name of ['Player', 'Media Session Start', 'Play', 'Update Playhead Position', 'Pause', 'Media Session End']) assert.ok(names.includes(name), `${name} in ${names}`);
    for (const b of report.batches) {
      assert.equal(b.signature, 'valid');
      assert.equal(b.apiKey, 'valid');
    }
    // The channel's own attributes, as it sent them.
    const start = report.batches.flatMap((b: { batch: { msgs: { n?: string; attrs?: Record<string, string> }[] } }) => b.batch.msgs).find((m: { n?: string }) => m.n === 'Media Session Start');
    assert.equal(start.attrs.player, 'own-way 2.3');
    assert.equal(start.attrs.content_title, 'The Own Way, Episode 42');
  });

  it('exits 2 when the channel crashes, saying so', async () => {
    const { code, stdout, stderr } = await runSimCli(['--channel', channelIn('crash'), '--headless', '--until', 'Media Session End', '--timeout', '120000', ...CREDENTIALS]);
    assert.equal(code, SIM_EXIT.CRASHED, `${stdout}\n${stderr}`);
    assert.match(stderr, /\[sim\] FAILED \(exit 2\): the channel crashed \(EXIT_BRIGHTSCRIPT_CRASH\)/, `${stdout}\n${stderr}`);
  });

  it('exits 1 when a message breaks the data plan, naming it (the channel given as its .zip)', async () => {
    const zip = path.join(tmp.dir, 'violation.zip');
    writeFileSync(zip, buildZip(readChannelDir(channelIn('violation'))));
    const { code, stdout, stderr } = await runSimCli(['--channel', zip, '--headless', '--until', 'Media Session End', ...CREDENTIALS]);
    assert.equal(code, SIM_EXIT.CHECK_FAILED, `${stdout}\n${stderr}`);
    assert.match(stderr, /\[sim\] FAILED \(exit 1\): 1 data plan violation/, `${stdout}\n${stderr}`);
    assert.match(stdout, /e Own Way Unplanned {2}!! 1 data plan violation: unplanned/, stdout);
  });

  it('exits 64 for a folder that is not a channel', async () => {
    const { code, stderr } = await runSimCli(['--channel', tmp.dir, '--headless']);
    assert.equal(code, SIM_EXIT.USAGE, stderr);
    assert.match(stderr, /no manifest at the channel root/);
  });
});
