/**
 * Bridge methods that answer on the render thread instead of handing a call to the Task
 * (mParticle's Roku SDK 2.x has one). They read only the object the channel passes, so they
 * never wait for the Task; each is written in brs-templates/source/mParticleBuilders.brs.
 */
import type { BridgeParam } from './bridge-apis';

export interface LocalApi {
  readonly ns: 'core' | 'identity' | 'media';
  readonly method: string;
  readonly params: readonly BridgeParam[];
  /** BrightScript type of the result. */
  readonly returns: string;
  readonly impl: string;
  readonly doc: string;
}

export const LOCAL_APIS: readonly LocalApi[] = [
  {
    ns: 'media',
    method: 'getCurrentMediaTimeSpent',
    params: [{ name: 'mediaSession', kind: 'object', optional: false, doc: 'A `MediaSession.build` result.' }],
    returns: 'LongInteger',
    impl: 'mParticle_mediaCurrentTimeSpent',
    doc: 'Milliseconds from `mediaSession.mediaSessionStartTime` (set by `build`) to now, as 2.x computes it; 0 when the argument is not a session. Runs on the calling thread: no Task round trip.',
  },
];
