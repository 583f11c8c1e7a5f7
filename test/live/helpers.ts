/** Plays the SDK against the live view's collector: signed batch POSTs as a device sends them. */
import { request } from 'node:http';
import { signRequest, type NativeBatch, type NativeMessage } from '../../sim/collector/collector';

/** POSTs `batch` to `${baseUrl}/v2/${apiKey}/events`, signed with `secret`, with a real Date header. Resolves with the status. */
export function postBatch(baseUrl: string, apiKey: string, secret: string, batch: NativeBatch): Promise<number> {
  const path = `/v2/${encodeURIComponent(apiKey)}/events`;
  const body = JSON.stringify(batch);
  const date = new Date().toUTCString();
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Date: date,
          'x-mp-signature': signRequest(secret, date, path, body),
          'Content-Length': Buffer.byteLength(body),
        },
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

let counter = 0;

/** A media event message as the SDK sends it (every attribute a string). */
export function mediaEvent(name: string, sessionId: string, attrs: Record<string, unknown> = {}, ct = Date.now()): NativeMessage {
  counter++;
  return {
    dt: 'e',
    id: `msg-${counter}`,
    ct,
    sid: 'session-uuid-1',
    sct: ct - 5000,
    n: name,
    et: 'media',
    attrs: {
      media_session_id: sessionId,
      content_id: 'bbb-001',
      content_title: 'Big Buck Bunny',
      content_duration: '596000',
      content_type: 'Video',
      stream_type: 'OnDemand',
      playhead_position: '0',
      ...attrs,
    },
  };
}

/** A batch of `msgs` with a fresh id. */
export function batchOf(msgs: NativeMessage[]): NativeBatch {
  counter++;
  return { dt: 'h', id: `batch-${counter}-${Date.now()}`, mpid: '8675309', ct: Date.now(), dbg: true, msgs };
}
