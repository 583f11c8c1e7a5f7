/**
 * Plays a device against a collector: signed batch POSTs as the SDK sends them. `npm run live --
 * --demo` and `mparticle-roku send` post {@link demoBatch} so that a new user sees the live view
 * work before any channel is built.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { signRequest, type NativeBatch, type NativeMessage } from '../collector/collector';
import { mediaReduce, newMediaState } from '../../src-ts/logic/media';

/** POSTs `batch` to `${baseUrl}/v2/${apiKey}/events`, signed with `secret` over a real Date header. Resolves with the status. */
export function postBatch(baseUrl: string, apiKey: string, secret: string, batch: NativeBatch): Promise<number> {
  const path = `/v2/${encodeURIComponent(apiKey)}/events`;
  const body = JSON.stringify(batch);
  const date = new Date().toUTCString();
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, baseUrl),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Date: date, 'x-mp-signature': signRequest(secret, date, path, body), 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * One short media session (start, play, pause at 5 s, end) as the SDK would batch it: the events
 * come from the SDK's own logic (src-ts/logic/media.ts mediaReduce), so they carry exactly the
 * attributes the SDK sends and pass the data plan. Stamped from `now` backwards.
 */
export function demoBatch(now = Date.now()): NativeBatch {
  const session = { contentId: 'demo-001', title: 'Live view demo', contentType: 'Video', streamType: 'OnDemand', duration: 120000, mediaSessionId: randomUUID(), currentPlayheadPosition: 0, mediaSessionAttributes: {}, excludeAdBreaksFromContentTime: false };
  const steps: [string, number][] = [
    ['logMediaSessionStart', 0],
    ['logPlay', 0],
    ['logPause', 5000],
    ['logMediaSessionEnd', 5000],
  ];
  const sid = randomUUID();
  const start = now - 10000;
  let state = newMediaState();
  const msgs: NativeMessage[] = [];
  steps.forEach(([method, playhead], i) => {
    session.currentPlayheadPosition = playhead;
    const at = start + i * 2000 + playhead;
    const result = mediaReduce(state, { method, session: { ...session }, args: {}, options: undefined, autoSummaries: true }, at, randomUUID());
    state = result.state;
    for (const e of result.events) msgs.push({ dt: 'e', id: randomUUID(), ct: at, sid, sct: start, n: e.name, et: 'media', attrs: e.attrs });
  });
  return { dt: 'h', id: randomUUID(), mpid: '8675309', ct: now, dbg: true, msgs };
}
