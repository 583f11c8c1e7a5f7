/**
 * Seeded random cases for the core helpers (core-brs.test.ts): queues of random messages for
 * the drop order, enqueueing and batch assembly, and random times, codes and header values for
 * the wake-up, upload and answer rules. The same seed always gives the same cases.
 */
import seedrandom from 'seedrandom';
import type { CoreCase, CoreVector } from './core-functions';

type Rng = () => number;

const T0 = 1593007500000;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)];

const KINDS: Record<string, unknown>[] = [
  { dt: 'e', et: 'media', n: 'Update Playhead Position' },
  { dt: 'e', et: 'media', n: 'Update QoS' },
  { dt: 'e', et: 'media', n: 'Play' },
  { dt: 'e', et: 'navigation', n: 'Click' },
  { dt: 'v', n: 'Home' },
  { dt: 'cm' },
  { dt: 'ss' },
  { dt: 'uac' },
  { dt: 'o' },
];

function randomQueue(rng: Rng, length: number): Record<string, unknown>[] {
  return Array.from({ length }, (_, i) => {
    const m: Record<string, unknown> = { ...pick(rng, KINDS), id: `m${i}`, ct: T0 + i * 10 };
    if (rng() < 0.6) m.mpid = pick(rng, ['1', '2', '0', '']);
    if (rng() < 0.4) m.attrs = { k: 'v'.repeat(int(rng, 40)), n: String(int(rng, 1000)) };
    return m;
  });
}

function randomInflight(rng: Rng, length: number): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (let i = 0; i < length; i++) if (rng() < 0.2) out[`m${i}`] = true;
  return out;
}

const RETRY_AFTER: unknown[] = ['1', '30', ' 7 ', '0', '', 'later', 'Wed, 21 Oct 2015 07:28:00 GMT', 'Wed, 21 Oct 2015 07:29:30 GMT', null, 12];

function randomCase(rng: Rng): CoreCase {
  const now = T0 + int(rng, 100000);
  const later = () => (rng() < 0.2 ? 0 : rng() < 0.1 ? -1 : now - 5000 + int(rng, 20000));
  const n = int(rng, 12);
  switch (int(rng, 8)) {
    case 0:
      return { fn: 'coreNextWakeMillis', args: [now, Array.from({ length: int(rng, 5) }, later)] };
    case 1:
      return { fn: 'coreUploadDueAt', args: [int(rng, 4) * 40, 100, pick(rng, ['0', '', '42']), rng() < 0.3, rng() < 0.3, rng() < 0.3, later(), later(), now] };
    case 2:
      return { fn: 'coreDecideResponse', args: [pick(rng, [200, 202, 400, 401, 403, 404, 408, 429, 500, 503, 0]), pick(rng, [-1, 0, 1500, 30000]), int(rng, 16), pick(rng, [0, 0.25, 0.5, 0.75])] };
    case 3:
      return { fn: 'coreParseRetryAfter', args: [pick(rng, RETRY_AFTER), 1445412480000 + int(rng, 100) * 1000] };
    case 4:
      return { fn: 'coreDropOrder', args: [randomQueue(rng, n), randomInflight(rng, n)] };
    case 5:
      return { fn: 'coreEnqueue', args: [randomQueue(rng, n), randomQueue(rng, 1)[0], 1 + int(rng, 12), randomInflight(rng, n)] };
    case 6:
      return { fn: 'coreAssembleBatch', args: [randomQueue(rng, n), randomInflight(rng, n), 1 + int(rng, 8), pick(rng, [0, 200, 400, 800]), 60, pick(rng, ['1', '2'])] };
    default:
      return { fn: 'coreSessionExpired', args: [rng() < 0.8, now - int(rng, 120000), now, pick(rng, [1000, 60000])] };
  }
}

/** A vector of `count` random cases for `seed`. */
export function randomCoreVector(seed: string, count = 60): CoreVector {
  const rng = seedrandom(seed);
  return { name: `random ${seed}`, cases: Array.from({ length: count }, () => randomCase(rng)) };
}
