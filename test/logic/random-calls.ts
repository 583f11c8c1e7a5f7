/**
 * Seeded random media call sequences, shaped as scenario vectors, for comparing the
 * TypeScript logic with its BrightScript translation and for invariant tests. The same seed
 * always gives the same vector.
 *
 *   npx tsx test/logic/random-calls.ts <seed> [length]   # prints one vector as JSON
 */
import seedrandom from 'seedrandom';
import { MEDIA_APIS } from '../../src-ts/schema';
import { Vector, VectorCall, withExpected } from './run-vector';

type Obj = Record<string, unknown>;
type Rng = () => number;

const T0 = 1593007500000;

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Custom attribute values of every kind a channel might pass, including invalid ones. */
const ATTRIBUTE_VALUES: unknown[] = ['x', '', 'Player Controls', 0, 7, -3, 25.5, 1593007533602, true, false, null, ['a', 1], { k: 'v' }];
const ATTRIBUTE_KEYS = ['Source', 'source', 'click_timestamp_ms', 'content_season', 'media_session_id', 'custom'];

function randomAttributes(rng: Rng): unknown {
  if (chance(rng, 0.5)) return undefined;
  if (chance(rng, 0.05)) return 'not an AA';
  const o: Obj = {};
  const n = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < n; i++) {
    const key = pick(rng, ATTRIBUTE_KEYS);
    const value = pick(rng, ATTRIBUTE_VALUES);
    // A BrightScript AA cannot hold two keys that differ only in case: keep the first spelling.
    const same = Object.keys(o).find((k) => k.toLowerCase() === key.toLowerCase());
    o[same ?? key] = value;
  }
  return o;
}

/** A number argument: mostly a number, sometimes absent, rarely the wrong type. */
function randomNumber(rng: Rng, max: number): unknown {
  const r = rng();
  if (r < 0.04) return pick(rng, ['12', true, { n: 1 }]);
  if (r < 0.1) return undefined;
  if (r < 0.2) return Math.round(rng() * max * 100) / 100;
  return Math.floor(rng() * max);
}

function randomArgs(rng: Rng, method: string): Obj | undefined {
  const api = MEDIA_APIS.find((a) => a.method === method);
  if (api === undefined) return undefined;
  const args: Obj = {};
  for (const p of api.params) {
    if (p.kind !== 'number') continue;
    const v = randomNumber(rng, p.name === 'bufferPercent' ? 100 : 60000);
    if (v !== undefined) args[p.name] = v;
  }
  return Object.keys(args).length === 0 ? undefined : args;
}

function newChannelSession(rng: Rng, id: string): Obj {
  return {
    contentId: `content-${id}`,
    title: `Title ${id}`,
    contentType: pick(rng, ['Video', 'Audio']),
    streamType: pick(rng, ['LiveStream', 'OnDemand']),
    duration: Math.floor(rng() * 3600000),
    mediaSessionId: id,
    currentPlayheadPosition: 0,
    mediaSessionAttributes: chance(rng, 0.5) ? { show: 'Futurama', season: 3 } : {},
    excludeAdBreaksFromContentTime: chance(rng, 0.5),
  };
}

/** Changes the channel's session object the way a player would between calls (and sometimes badly). */
function mutateSession(rng: Rng, s: Obj, n: number): void {
  const pos = s.currentPlayheadPosition;
  s.currentPlayheadPosition = (typeof pos === 'number' ? pos : 0) + Math.floor(rng() * 5000);
  if (chance(rng, 0.1)) s.adBreak = chance(rng, 0.8) ? { id: `break-${n}`, title: 'Break', duration: 30000 } : undefined;
  if (chance(rng, 0.15)) {
    s.adContent = chance(rng, 0.8)
      ? { id: `ad-${n}`, title: `Ad ${n}`, duration: 15000, position: Math.floor(rng() * 3), campaign: 'C', advertiser: 'A' }
      : undefined;
  }
  if (chance(rng, 0.1)) s.segment = chance(rng, 0.8) ? { title: `Chapter ${n}`, index: n, duration: 60000 } : undefined;
  if (chance(rng, 0.03)) s.title = pick(rng, [42, null, ['t'], 'Renamed']);
  if (chance(rng, 0.03)) s.currentPlayheadPosition = pick(rng, [1234.5, '100', undefined]);
  if (chance(rng, 0.02)) s.excludeAdBreaksFromContentTime = !s.excludeAdBreaksFromContentTime;
  for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
}

/**
 * A random vector: `length` calls over one to three media sessions, every media API
 * (weighted towards playback), with clock steps that are usually forward and occasionally
 * back, random custom attributes and occasionally broken sessions or arguments. `expected`
 * and `expectedErrors` hold what the TypeScript logic gives.
 */
export function randomVector(seed: string, length = 60): Vector {
  const rng = seedrandom(seed);
  const sessionCount = 1 + Math.floor(rng() * 3);
  const sessions: Obj[] = [];
  for (let i = 0; i < sessionCount; i++) sessions.push(newChannelSession(rng, `rs-${seed}-${i}`));
  const methods = MEDIA_APIS.map((a) => a.method);
  const common = ['logPlay', 'logPause', 'logPlayheadPosition', 'logAdStart', 'logAdEnd', 'logSegmentStart', 'logSegmentEnd'];
  const calls: VectorCall[] = [];
  let t = T0;
  for (let n = 0; n < length; n++) {
    t += chance(rng, 0.05) ? -Math.floor(rng() * 3000) : Math.floor(rng() * 8000);
    const s = pick(rng, sessions);
    mutateSession(rng, s, n);
    let method = chance(rng, 0.4) ? pick(rng, common) : pick(rng, methods);
    if (n === 0) method = 'logMediaSessionStart';
    if (chance(rng, 0.01)) method = 'logNothing';
    let session: unknown = JSON.parse(JSON.stringify(s));
    if (chance(rng, 0.02)) session = pick(rng, [undefined, 'session', { title: 'no id' }]);
    const call: VectorCall = { t, method, session };
    const args = randomArgs(rng, method);
    if (args !== undefined) call.args = args;
    const options = randomAttributes(rng);
    if (options !== undefined) call.options = options;
    calls.push(call);
  }
  return withExpected({
    name: `random-${seed}`,
    description: `Random call sequence, seed "${seed}", ${length} calls.`,
    options: { autoSummaries: chance(rng, 0.5) },
    calls,
    expected: [],
    expectedErrors: 0,
  });
}

if (require.main === module) {
  const seed = process.argv[2] ?? '1';
  const length = process.argv[3] === undefined ? 60 : Number(process.argv[3]);
  console.log(JSON.stringify(randomVector(seed, length), null, 2));
}
