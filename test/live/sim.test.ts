/**
 * `npm run sim -- --headless --until "Media Session End"` as CI runs it: a child process that
 * builds the sample channel, runs it in the simulator on the live page and exits 0 once the
 * event arrived, having printed the sample's events; and `runSim` itself, whose page must show
 * the same events the collector received.
 */
import { strict as assert } from 'node:assert';
import { getBrowser } from '../../sim/engine/simulator';
import { runSim, serveSim, type SimResult } from '../../scripts/sim';
import { runSimCli } from '../sim/cli-run';

const runCli = (args: string[], deadlineMs: number) => runSimCli(args, deadlineMs);

describe('npm run sim', function () {
  this.timeout(300000);

  it('--headless --until "Media Session End" exits 0 after printing the sample\'s events', async () => {
    const { code, stdout, stderr } = await runCli(['--headless', '--until', 'Media Session End'], 240000);
    const context = `\nstdout:\n${stdout.slice(-4000)}\nstderr:\n${stderr.slice(-2000)}`;
    assert.equal(code, 0, context);
    assert.match(stdout, /\[sim\] OK: "Media Session End" arrived/, context);
    assert.match(stdout, /\[live\] event view: http:\/\/127\.0\.0\.1:\d+\/live\/\?sim=1/, context);
    // The sample's session, in the order the channel logs it (roku-sample-channel/README.md).
    const names = [...stdout.matchAll(/^ {4}e (.+?)(?: playhead \d+)?(?: {2}!!.*)?$/gm)].map((m) => m[1]);
    const order = ['Media Session Start', 'Ad Break Start', 'Ad Start', 'Ad Break End', 'Update QoS', 'Play', 'Pause', 'Seek Start', 'Buffer Start', 'Media Content End', 'Media Session End'];
    let at = -1;
    for (const name of order) {
      const next = names.indexOf(name, at + 1);
      assert.ok(next > at, `${name} missing or out of order in ${JSON.stringify(names)}${context}`);
      at = next;
    }
    assert.match(stdout, /0 data plan violations/, context);
  });

  it('--headless --until an event that never comes exits 1 and says so', async () => {
    const { code, stdout, stderr } = await runCli(['--headless', '--until', 'No Such Event', '--step-ms', '20'], 240000);
    assert.equal(code, 1, `${stdout}\n${stderr}`);
    assert.match(stderr, /\[sim\] FAILED \(exit 1\): "No Such Event" never arrived/, `${stdout}\n${stderr}`);
  });

  it('--serve: the printed page starts the channel by itself and shows its events', async () => {
    const served = await serveSim({ stepMillis: 50 });
    const context = await (await getBrowser()).newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(served.url, { waitUntil: 'load' });
      await page.locator('.media-session .event[data-name="Media Session End"]').waitFor({ timeout: 120000 });
      assert.ok(served.server.collector.events('Media Session End').length > 0);
      assert.match(await page.locator('#console').innerText(), /\[sample\] trackVideo/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await served.close();
    }
  });

  describe('runSim: the page beside the channel', () => {
    let result: SimResult;
    let shown: { names: string[]; consoleText: string; frameHasCanvas: boolean; player: string; notes: string };

    before(async () => {
      result = await runSim({
        headless: true,
        until: 'Media Session End',
        stepMillis: 50,
        log: () => undefined,
        async afterRun({ page, server }) {
          const p = page.page;
          await p.locator('#player .player-state').waitFor({ state: 'attached', timeout: 30000 });
          await p.locator('.event[data-name="Media Session End"]').waitFor({ state: 'attached', timeout: 30000 }).catch(async (e: Error) => {
            const state = await p.evaluate(() => ({
              status: document.querySelector('#status')?.textContent,
              counts: document.querySelector('#counts')?.textContent,
              requests: document.querySelector('#requests')?.textContent,
            }));
            const records = server.records.map((r) => `#${r.seq} ${r.kind} ${r.batch ? `${r.batch.messages.length} msgs` : ''}`);
            throw new Error(`${e.message}\npage: ${JSON.stringify(state)}\nserver records: ${records.join(', ')}`);
          });
          shown = {
            names: await p.locator('.media-session .event').evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? '')),
            consoleText: await p.locator('#console').innerText(),
            frameHasCanvas: (await p.frame({ name: 'harness' })?.locator('canvas#display').count()) === 1,
            player: await p.locator('#player').innerText(),
            notes: await p.locator('#server').innerText(),
          };
        },
      });
    });

    it('runs the sample without failures', () => {
      assert.deepEqual(result.failures, []);
      assert.equal(result.run.exitReason, 'UNTIL');
    });

    it('shows the media events the collector accepted, in order, in the event view', () => {
      const media = result.records
        .flatMap((r) => (r.batch?.accepted && !r.batch.duplicate ? r.batch.messages : []))
        .filter((m) => typeof (m.attrs as Record<string, unknown> | undefined)?.media_session_id === 'string')
        .map((m) => String(m.n));
      assert.ok(media.length > 20, JSON.stringify(media));
      assert.deepEqual(shown.names, media);
    });

    it('shows the player as the SDK reported it, and what the sim set up', () => {
      assert.match(shown.player, /session ended/);
      assert.match(shown.player, /playhead \d/);
      assert.match(shown.notes, /upload interval 1000 ms for this run/);
      assert.match(shown.notes, /mparticle_endpoint=http:\/\/127\.0\.0\.1:\d+/);
    });

    it("shows the channel's screen and its console", () => {
      assert.equal(shown.frameHasCanvas, true);
      assert.match(shown.consoleText, /\[sample\] trackVideo/);
      assert.match(shown.consoleText, /mParticle SDK \[INFO\]/);
    });
  });
});
