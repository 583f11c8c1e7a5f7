/**
 * The recorder the tracking vector authors (track-author.ts, ssai-author.ts) write scenarios
 * with: inputs as a player, RAF and the stitched-ad SDKs would give them, on a clock in ms since T0.
 */
import { TrackVectorInput } from './run-track-vector';

export const T0 = 1764500000000;

export function session(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    contentId: 'bbb-001',
    title: 'Big Buck Bunny',
    contentType: 'Video',
    streamType: 'OnDemand',
    duration: 596000,
    mediaSessionId: id,
    currentPlayheadPosition: 0,
    mediaSessionAttributes: {},
    excludeAdBreaksFromContentTime: false,
    ...over,
  };
}

/** Records inputs against a clock in ms since T0. */
export class Player {
  inputs: TrackVectorInput[] = [];
  field(ms: number, name: string, value: unknown): this {
    this.inputs.push({ t: T0 + ms, kind: 'field', name, value });
    return this;
  }
  state(ms: number, value: string): this {
    return this.field(ms, 'state', value);
  }
  /** Position events every `step` s from `from` to `to` (seconds of content), starting at clock `ms`. */
  play(ms: number, from: number, to: number, step = 0.5): number {
    let clock = ms;
    for (let p = from; p <= to + 1e-9; p += step) {
      this.field(clock, 'position', Math.round(p * 1000) / 1000);
      clock += step * 1000;
    }
    return clock - step * 1000;
  }
  raf(ms: number, type: string, ctx: Record<string, unknown> = {}): this {
    this.inputs.push({ t: T0 + ms, kind: 'raf', name: type, value: ctx });
    return this;
  }
  /** An event of a stitched-ad SDK as mParticleTrackSsai / mParticleTrackImaDai forward it. */
  stitched(ms: number, kind: 'rafx' | 'ima', type: string, copy: Record<string, unknown> = {}): this {
    this.inputs.push({ t: T0 + ms, kind, name: type, value: copy });
    return this;
  }
}

