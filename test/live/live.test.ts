/**
 * The live event view (sim/live/server.ts + sim/live/page/) in Debian's
 * Chromium: the page loads cleanly, an event posted to the collector shows up in the page
 * (how long it took is printed: the issue asks for under a second; a wall-clock bound would fail
 * on a loaded machine, so the test waits for the state and reports the figure), grouped by media
 * session with its attributes; data plan violations and unsigned requests are marked on the
 * events they concern; a bounded history says how much it dropped. The collector listens on
 * 127.0.0.1 only.
 */
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { getBrowser } from '../../sim/engine/simulator';
import { startLiveServer, type LiveServer } from '../../sim/live/server';
import { batchOf, mediaEvent, postBatch } from './helpers';

const API_KEY = 'us1-live-test';
const API_SECRET = 'live-test-secret';

/**
 * Polls the page until `selector` matches and resolves with how long it took; fails after
 * `deadlineMs`, a bound for a hang (far above any load), never a measurement.
 */
async function appears(page: Page, selector: string, deadlineMs = 30000): Promise<number> {
  const start = Date.now();
  const until = start + deadlineMs;
  for (;;) {
    if ((await page.locator(selector).count()) > 0) return Date.now() - start;
    if (Date.now() > until) {
      const html = await page.locator('#sessions').innerHTML();
      throw new Error(`${selector} not in the page within ${deadlineMs} ms; #sessions holds:\n${html.slice(0, 2000)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('live event view in Chromium', function () {
  this.timeout(60000);
  let server: LiveServer;
  let page: Page;
  let closeContext: () => Promise<void>;
  const problems: string[] = [];

  before(async () => {
    server = await startLiveServer({ apiKey: API_KEY, apiSecret: API_SECRET, host: '127.0.0.1', port: 0 });
    const context = await (await getBrowser()).newContext({ viewport: { width: 1280, height: 900 } });
    closeContext = () => context.close();
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => {
      // The event stream is cut when the context closes at the end; anything else is a fault.
      if (!r.url().endsWith('/live/feed')) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    await page.goto(`${server.baseUrl}/live/`, { waitUntil: 'load' });
    await page.locator('#status.live').waitFor({ timeout: 15000 });
  });
  after(async () => {
    await closeContext?.();
    await server?.close();
  });

  it('loads with no console errors and shows the collector, the key and the data plan', async () => {
    assert.deepEqual(problems, []);
    const header = await page.locator('#server').innerText();
    assert.match(header, new RegExp(server.baseUrl.replace(/[.]/g, '\\.')));
    assert.match(header, /us1-live-test/);
    assert.match(header, /signatures checked/);
    assert.match(header, /mparticle_roku_media v1/);
  });

  it('shows an event posted to the collector, in its media session, with its attributes', async () => {
    const play = mediaEvent('Play', 'ms-live-1', { playhead_position: '25000' });
    const posted = Date.now();
    const status = await postBatch(server.baseUrl, API_KEY, API_SECRET, batchOf([play]));
    assert.equal(status, 202);
    const row = `.media-session[data-session="ms-live-1"] .event[data-id="${play.id}"]`;
    await appears(page, row);
    console.log(`      event on the page ${Date.now() - posted} ms after its POST began (the issue's target: under 1 s)`);
    assert.equal(await page.locator(`${row} .name`).innerText(), 'Play');
    assert.equal(await page.locator(`${row} tr[data-key="content_title"] td`).first().textContent(), 'Big Buck Bunny');
    assert.match(await page.locator(`${row} .playhead`).innerText(), /25 s/);
    assert.equal(await page.locator(`${row}.violation`).count(), 0, 'a conforming event is not marked');
    const request = page.locator('.request[data-kind="events"]').last();
    assert.match(await request.innerText(), /signature ✓/);
    assert.deepEqual(problems, []);
  });

  it('keeps the events of a session in order with the time between them; QoS and summaries stand out', async () => {
    const t0 = Date.now();
    const msgs = [
      mediaEvent('Media Session Start', 'ms-live-2', {}, t0),
      mediaEvent('Update QoS', 'ms-live-2', { qos_startup_time: '1400', qos_bitrate: '2500000', qos_fps: '24', qos_dropped_frames: '0' }, t0 + 1500),
      mediaEvent('Play', 'ms-live-2', {}, t0 + 1750),
      mediaEvent('Media Session Summary', 'ms-live-2', { media_content_complete: 'false', media_session_ad_total: '0' }, t0 + 4000),
    ];
    // Two batches, and another session's event in between: grouping is by media_session_id.
    await postBatch(server.baseUrl, API_KEY, API_SECRET, batchOf(msgs.slice(0, 2)));
    await postBatch(server.baseUrl, API_KEY, API_SECRET, batchOf([mediaEvent('Pause', 'ms-live-1')]));
    await postBatch(server.baseUrl, API_KEY, API_SECRET, batchOf(msgs.slice(2)));
    const group = '.media-session[data-session="ms-live-2"]';
    await appears(page, `${group} .event[data-id="${msgs[3].id}"]`, 5000);
    const rows = page.locator(`${group} .event`);
    assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))), ['Media Session Start', 'Update QoS', 'Play', 'Media Session Summary']);
    assert.deepEqual(await page.locator(`${group} .event .delta`).allInnerTexts(), ['first', '+1.50 s', '+250 ms', '+2.25 s']);
    assert.match(await page.locator(`${group} .event.qos .qos-box`).innerText(), /startup_time 1400/);
    assert.equal(await page.locator(`${group} .event.summary[data-name="Media Session Summary"]`).count(), 1);
    assert.match((await page.locator(`${group} .event.summary tr.attr-summary[data-key="media_content_complete"]`).textContent()) ?? '', /false/);
    assert.deepEqual(problems, []);
  });

  it('marks a data plan violation on the event it concerns', async () => {
    // content_duration must be a string, playhead_position is required.
    const bad = mediaEvent('Pause', 'ms-live-3', { content_duration: 596000 });
    delete (bad.attrs as Record<string, unknown>).playhead_position;
    const good = mediaEvent('Play', 'ms-live-3');
    await postBatch(server.baseUrl, API_KEY, API_SECRET, batchOf([good, bad]));
    const row = `.event[data-id="${bad.id}"]`;
    await appears(page, row);
    assert.equal(await page.locator(`${row}.violation`).count(), 1);
    const listed = await page.locator(`${row} .violations li`).allInnerTexts();
    assert.ok(listed.some((l) => /invalid_value content_duration/.test(l)), listed.join('\n'));
    assert.ok(listed.some((l) => /missing_required .*playhead_position/.test(l)), listed.join('\n'));
    assert.equal(await page.locator(`.event[data-id="${good.id}"].violation`).count(), 0, 'the conforming event of the same batch is not marked');
    assert.match(await page.locator('.media-session[data-session="ms-live-3"] .group-count').innerText(), /1 with violations/);
    assert.match(await page.locator('#counts').innerText(), /[1-9]\d* violations/);
  });

  it('marks a request whose signature does not verify', async () => {
    await postBatch(server.baseUrl, API_KEY, 'not-the-secret', batchOf([mediaEvent('Play', 'ms-live-4')]));
    await appears(page, '.request.bad');
    assert.match(await page.locator('.request.bad').last().innerText(), /signature ✗/);
    const row = '.media-session[data-session="ms-live-4"] .event.untrusted';
    await appears(page, row);
    assert.equal(await page.locator(`${row} .trust`).innerText(), 'bad signature');
  });

  it('marks the events of an unsigned request as unsigned', async () => {
    const body = JSON.stringify(batchOf([mediaEvent('Play', 'ms-live-5')]));
    const res = await fetch(`${server.baseUrl}/v2/${API_KEY}/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    assert.equal(res.status, 202, 'answered as mParticle would (it accepts and drops later), but marked');
    const row = '.media-session[data-session="ms-live-5"] .event.untrusted';
    await appears(page, row);
    assert.equal(await page.locator(`${row} .trust`).innerText(), 'unsigned');
  });

  it('a page opened later gets everything that arrived before it', async () => {
    const second = await page.context().newPage();
    try {
      await second.goto(`${server.baseUrl}/live/`, { waitUntil: 'load' });
      await appears(second, '.media-session[data-session="ms-live-3"] .event.violation');
      assert.equal(await second.locator('.media-session').count(), await page.locator('.media-session').count());
    } finally {
      await second.close();
    }
  });
});

describe('live event view: bounded history', function () {
  this.timeout(60000);

  it('keeps the newest requests and the page says how many older ones were dropped', async () => {
    const server = await startLiveServer({ apiKey: API_KEY, apiSecret: API_SECRET, host: '127.0.0.1', port: 0, maxHistory: 5 });
    const context = await (await getBrowser()).newContext();
    try {
      for (let i = 0; i < 8; i++) assert.equal(await postBatch(server.baseUrl, API_KEY, API_SECRET, batchOf([mediaEvent('Play', `ms-h-${i}`)])), 202);
      await server.settled();
      assert.equal(server.records.length, 5);
      assert.equal(server.droppedRecords, 3);
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/live/`, { waitUntil: 'load' });
      await appears(page, '.media-session[data-session="ms-h-7"]');
      assert.equal(await page.locator('.media-session[data-session="ms-h-2"]').count(), 0, 'a dropped request is not shown');
      assert.match(await page.locator('#counts').innerText(), /3 older requests dropped \(the history keeps the last 5\)/);
    } finally {
      await context.close();
      await server.close();
    }
  });
});
