/**
 * Options a channel passes in `m.global.mparticleOptions` (as with mParticle's Roku SDK:
 * `screen.getGlobalNode().addFields({mparticleOptions: options})`). `DEFAULT_OPTIONS` of
 * `mParticleConstants()` and the README's option table derive from this list.
 */

/** The BrightScript value type an option must have; anything else is logged and replaced by its default. */
export type OptionType = 'string' | 'integer' | 'boolean' | 'object' | 'array';

export interface OptionSpec {
  readonly name: string;
  readonly type: OptionType;
  /** The default; `null` means absent (invalid) unless the channel sets it. */
  readonly default: string | number | boolean | null | Readonly<Record<string, unknown>>;
  /** Whether the channel must set it (the Task logs an error and sends nothing without it). */
  readonly required: boolean;
  readonly doc: string;
}

/** Every option the Task reads, in the order the README documents them. */
export const OPTIONS: readonly OptionSpec[] = [
  { name: 'apiKey', type: 'string', default: '', required: true, doc: 'API key of the workspace\'s Roku input. A pod prefix (`us1-`, `us2-`, `eu1-`, `au1-`) routes to that pod.' },
  { name: 'apiSecret', type: 'string', default: '', required: true, doc: 'API secret of the Roku input. Used only to sign requests; never logged or sent.' },
  { name: 'environment', type: 'integer', default: 0, required: false, doc: 'An `ENVIRONMENT` value. AUTO_DETECT sends development data from a sideloaded (`dev`) channel.' },
  { name: 'logLevel', type: 'integer', default: 1, required: false, doc: 'A `LOG_LEVEL` value for the debug console.' },
  { name: 'sessionTimeoutMillis', type: 'integer', default: 60000, required: false, doc: 'A session ends after this long without an event.' },
  { name: 'enablePinning', type: 'boolean', default: true, required: false, doc: 'Use the certificate file `certificateDir` for https uploads. When false, the device default `common:/certs/ca-bundle.crt` is used.' },
  { name: 'certificateDir', type: 'string', default: 'common:/certs/ca-bundle.crt', required: false, doc: 'Certificate file for https uploads (`SetCertificatesFile`).' },
  { name: 'identifyRequest', type: 'object', default: null, required: false, doc: 'Identities for the first identify call: `{userIdentities: {customerid: "…", email: "…"}}`.' },
  { name: 'startupArgs', type: 'object', default: null, required: false, doc: 'The launch arguments of `Main(args)`; `contentId` becomes the launch referrer.' },
  { name: 'dataPlanId', type: 'string', default: null, required: false, doc: 'Data plan id sent as `ctx.dpln.id`.' },
  { name: 'dataPlanVersion', type: 'integer', default: null, required: false, doc: 'Data plan version sent as `ctx.dpln.v`.' },
  { name: 'endpoints', type: 'object', default: null, required: false, doc: 'Base URLs that win over pod routing: `{events: "https://host[:port]", identity: "https://host[:port]"}` (CNAME proxies, tests).' },
  { name: 'uploadIntervalMillis', type: 'integer', default: 10000, required: false, doc: 'How often queued messages are uploaded; `upload()` sends at once.' },
  { name: 'maxBatchMessages', type: 'integer', default: 100, required: false, doc: 'Most messages in one batch.' },
  { name: 'maxBatchBytes', type: 'integer', default: 100000, required: false, doc: 'Most bytes of one batch body.' },
  { name: 'maxQueueMessages', type: 'integer', default: 1000, required: false, doc: 'Most messages held in memory waiting for upload; the lowest-priority ones are dropped first.' },
  { name: 'queueBudgetBytes', type: 'integer', default: 12288, required: false, doc: 'Registry bytes the persisted queue may use at most (the registry, 32 KB on current devices, is shared by every channel of the developer ID).' },
  { name: 'registryReserveBytes', type: 'integer', default: 4096, required: false, doc: 'Registry bytes the SDK always leaves free for the channel: it writes its queue only into what `GetSpaceAvailable()` reports beyond them.' },
  { name: 'batchUploads', type: 'boolean', default: false, required: false, doc: 'Accepted for mParticle\'s Roku SDK 2.x, which uploaded each message at once unless it was true. Uploads are always batched (every `uploadIntervalMillis`, or at once with `upload()`).' },
  { name: 'autoSummaries', type: 'boolean', default: false, required: false, doc: 'Send Ad, Segment and Media Session summaries by themselves at ad end/skip, segment end/skip and session end.' },
];
