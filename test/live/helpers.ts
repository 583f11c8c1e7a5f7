/** Plays the SDK against the live view's collector: signed batch POSTs as a device sends them. */
import type { NativeBatch, NativeMessage } from '../../sim/collector/collector';

export { postBatch } from '../../sim/live/send';

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
