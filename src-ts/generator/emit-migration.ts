/**
 * The "Moving from mParticle's Roku SDK 2.x" section of generated/API.md: what a channel
 * written for 2.x keeps, what differs and why. The field list comes from the schema
 * (src-ts/schema/builders.ts), so a field's documented fate is the one the generator emits.
 */
import { BUILDERS } from '../schema';

const code = (text: string) => '`' + text + '`';

/** The section's lines. */
export function migrationSection(): string[] {
  const computed = BUILDERS.flatMap((b) => b.fields.filter((f) => f.use === 'computed').map((f) => [b.name, f] as const));
  const kept = BUILDERS.flatMap((b) => b.fields.filter((f) => f.use === 'kept').map((f) => [b.name, f] as const));
  return [
    "## Moving from mParticle's Roku SDK 2.x",
    '',
    'A channel written for mParticle\'s Roku SDK 2.x runs unchanged: replace its `source/mparticle/` and',
    '`components/mParticleTask.*` with this SDK\'s and change nothing else.',
    '',
    '### What is the same',
    '',
    '- The entry points: `mParticleConstants()`, `mParticleSGBridge(task)`, the `mParticleTask` node and its',
    '  `SCENEGRAPH_NODES` fields, options on `m.global.mparticleOptions` (every key of 2.x\'s `DEFAULT_OPTIONS`).',
    '- Every public name of 2.x with its signature: constants (`MEDIA_EVENT_NAME.MILESTONE`,',
    '  `IDENTITY_TYPE.isValidIdentityType`, `IDENTITY_TYPE_INT.parseString`...), builders, their setters and',
    '  the fields of what they build with 2.x\'s initial values, and every bridge method, `identity.setConsentState`,',
    '  `identity.setIntegrationAttribute`, `media.getCurrentMediaTimeSpent` (and 2.3.1\'s `media.getMediaTimeSpent`),',
    '  `media.unixTimeMillis`, `MediaSession.unixTimeMillis`, `invokeFunction` and the `mParticleTask` field included.',
    '- The session object\'s fields that 2.x\'s bridge kept on the render thread, kept the same way before each',
    '  media call goes to the Task, for channels that read them back (their own UI, or deciding when to log):',
    '',
    '| builder | field | on the render thread |',
    '| --- | --- | --- |',
    ...kept.map(([b, f]) => `| ${code(b)} | ${code(f.name)} | ${f.doc.replace(/\|/g, '\\|')} |`),
    '',
    '  They are the channel\'s copy: the Task reads none of them and sends what it computes itself (below).',
    '  `mediaContentTimeSpent` keeps what the channel set, as on 2.x\'s render thread (2.x computed it on its Task).',
    '- Changing fields in place (`mediaSession.currentPlayheadPosition = 1900`, `mediaSession.adContent = ad`)',
    '  and pushing to arrays (`mediaSession.mediaSessionAdObjects.push(ad.id)`) work as before.',
    '- Event names and attribute keys (`media_session_id`, `content_id`, `ad_content_id`, `media_session_ad_objects`...).',
    '',
    '### What differs, and why',
    '',
    '- **Computed times, totals and flags.** 2.x sent what the channel wrote into these fields (or what its bridge',
    '  counted on the render thread), so a channel that forgot one update sent numbers that contradict its own',
    '  events, and content time could shrink between two summaries. This SDK computes them on the Task from the',
    '  calls and their times. What a channel writes into them is accepted, never a crash, and ignored; the Task',
    '  does not write its values back into the channel\'s object. Content time in particular is counted from Play',
    '  to Pause, Media Content End or Media Session End (not during ad breaks with `excludeAdBreaksFromContentTime`),',
    '  never from `mediaContentTimeSpent`. The fields:',
    '',
    '| builder | field | what the SDK sends instead |',
    '| --- | --- | --- |',
    ...computed.map(([b, f]) => `| ${code(b)} | ${code(f.name)} | ${f.doc.replace(/\|/g, '\\|')} |`),
    '',
    '  `media.getCurrentMediaTimeSpent(mediaSession)` answers as in 2.x, from `mediaSessionStartTime` (set by',
    '  `build`), on the calling thread without waiting for the Task.',
    '- **At-most-once summaries.** 2.x sent a summary every time one was called, also for an ad or segment still',
    '  running. This SDK sends each Ad, Segment and Media Session summary at most once, and only once its ad,',
    '  segment or session has ended (a summary of a running one would freeze its numbers); calling it right after',
    '  the end, as 2.x\'s docs do, sends it. Option `autoSummaries` sends them without the calls.',
    '- **String attributes.** Every event attribute is a string: numbers without decimals or exponents, booleans',
    '  as `"true"`/`"false"`, lists as JSON. 2.x sent some booleans (`ad_completed`, `ad_skipped`) as booleans and',
    '  numbers in BrightScript\'s own formats; mParticle stores event attributes as strings, and one form per',
    '  attribute keeps data plans, filters and audiences matching.',
    '- **Never a crash.** 2.x declared parameter types, so a wrong type stopped the channel with a BackTrace. Here a',
    '  wrong argument is logged and replaced by a neutral value (builds) or dropped (setters, bridge calls).',
    '- **Render thread.** A bridge call is one field assignment, after the bookkeeping above for media calls;',
    '  2.x rebuilt `mParticleConstants()` on every call. Where 2.x\'s bookkeeping was wrong it is guarded: an ad',
    '  break that starts while `"playing"` with no running timestamp (a post-roll after Media Content End) stores',
    '  nothing, where 2.x added the whole clock (about 1.7e12 ms) to `storedPlaybackTime`.',
    '- **`logCommerceEvent`** keeps 2.x\'s five arguments (the fifth is the screen name); custom flags come sixth.',
    '  Empty `{}`/`[]` parts (2.x\'s defaults) count as absent.',
    '- **`batchUploads`** is accepted; uploads are always batched every `uploadIntervalMillis` (2.x\'s default',
    '  uploaded each message at once).',
    '- **`certificateDir`** defaults to the device\'s `common:/certs/ca-bundle.crt`: no certificate file to ship.',
    '- **`Product.setBrand`** sets `br`, the batch format\'s brand key (2.x set `cs`, so brands never arrived).',
    '- The legacy non-SceneGraph API of 2.x (`mParticleStart()`, `mParticle()`) is not provided: SceneGraph only.',
    '',
  ];
}
