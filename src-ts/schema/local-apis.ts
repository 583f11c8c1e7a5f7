/**
 * Bridge methods that answer on the render thread instead of handing a call to the Task, and
 * 2.x's `invokeFunction`, which hands a call to the Task by 2.x's name for it. They read only
 * what the channel passes, so they never wait for the Task; each is written in
 * brs-templates/source/ (mParticleBuilders.brs, mParticleCore.brs).
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

const sessionParam: BridgeParam = { name: 'mediaSession', kind: 'object', optional: false, doc: 'A `MediaSession.build` result.' };

/** 2.x's `invokeFunction(name, args)`, on the bridge and on each namespace, as in 2.x. */
const invokeFunction = (ns: LocalApi['ns']): LocalApi => ({
  ns,
  method: 'invokeFunction',
  params: [
    { name: 'name', kind: 'string', optional: false, doc: '2.x\'s name of the method: `logEvent`, `identity/login`, `media/logPlay`, ...' },
    { name: 'args', kind: 'list', optional: false, doc: 'Its arguments, in order.' },
  ],
  returns: 'Void',
  impl: 'mParticle_bridgeInvokeFunction',
  doc: 'Makes the call of that name with those arguments, as 2.x\'s bridge did (whatever namespace it is called on); a media call keeps `mediaSessionEndTime` as in 2.x. The Task checks the name and the arguments as for any call.',
});

export const LOCAL_APIS: readonly LocalApi[] = [
  {
    ns: 'media',
    method: 'getCurrentMediaTimeSpent',
    params: [sessionParam],
    returns: 'LongInteger',
    impl: 'mParticle_mediaCurrentTimeSpent',
    doc: 'Milliseconds from `mediaSession.mediaSessionStartTime` (set by `build`) to now, as 2.x computes it; 0 when the argument is not a session. Runs on the calling thread: no Task round trip.',
  },
  {
    ns: 'media',
    method: 'getMediaTimeSpent',
    params: [sessionParam],
    returns: 'LongInteger',
    impl: 'mParticle_mediaCurrentTimeSpent',
    doc: 'The name 2.3.1\'s release gave `getCurrentMediaTimeSpent`; the same answer.',
  },
  {
    ns: 'media',
    method: 'unixTimeMillis',
    params: [],
    returns: 'LongInteger',
    impl: 'mParticle_clockMillis',
    doc: 'The calling thread\'s clock in unix milliseconds, as 2.x\'s: the time the bridge writes into the session\'s fields.',
  },
  invokeFunction('core'),
  invokeFunction('identity'),
  invokeFunction('media'),
];
