/**
 * Plays a device against a collector: signed batch POSTs as the SDK sends them. `npm run live --
 * --demo` and `mparticle-roku send` post {@link demoBatch} so that a new user sees the live view
 * work before any channel is built.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { signRequest, type NativeBatch, type NativeMessage } from '../collector/collector';
import { MEDIA_APIS } from '../../src-ts/schema';

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

/** The schema's event name of a media API method (so that a renamed event cannot drift here). */
function eventOf(method: string): string {
  const api = MEDIA_APIS.find((a) => a.method === method);
  if (!api) throw new Error(`send: no media API ${method} in the schema`);
  return api.event;
}

/** One short media session (start, play, pause, end) as the SDK would batch it, stamped from `now`. */
export function demoBatch(now = Date.now()): NativeBatch {
  const session = randomUUID();
  const sid = randomUUID();
  const content = { content_id: 'demo-001', content_title: 'Live view demo', content_duration: '120000', content_type: 'Video', stream_type: 'OnDemand' };
  const steps: [string, number][] = [
    ['logMediaSessionStart', 0],
    ['logPlay', 0],
    ['logPause', 5000],
    ['logMediaSessionEnd', 5000],
  ];
  const msgs: NativeMessage[] = steps.map(([method, playhead], i) => ({
    dt: 'e',
    id: randomUUID(),
    ct: now - (steps.length - i) * 1000,
    sid,
    sct: now - 10000,
    n: eventOf(method),
    et: 'media',
    attrs: { media_session_id: session, ...content, playhead_position: String(playhead) },
  }));
  return { dt: 'h', id: randomUUID(), mpid: '8675309', ct: now, dbg: true, msgs };
}
