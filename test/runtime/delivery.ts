/**
 * What the runtime tests count and check on every simulator run: which events arrived, how
 * many messages were delivered exactly once, lost or duplicated, and that nothing crashed.
 */
import { strict as assert } from 'assert';
import type { BatchAttempt, Collector } from '../../sim/collector/collector';
import type { RunResult } from '../../sim/engine/simulator';
import { LATER_EVENT, PHASE_EVENTS, PHASE_SCREEN } from './channel';

/** Every event name (custom events and the screen view) the "events" phase delivers. */
export const ALL_NAMES = [...PHASE_EVENTS, PHASE_SCREEN, LATER_EVENT];

export function deliveredNames(c: Collector): string[] {
  return c.messages.filter((m) => m.dt === 'e' || m.dt === 'v').map((m) => String(m.n));
}

export const allDelivered = (c: Collector) => ALL_NAMES.every((n) => deliveredNames(c).includes(n));

/**
 * An `until` for a run a restart test cuts short: true once every message named in `names` was
 * queued (the DEBUG line "queued <dt> <name> (...)") and the queue was written after the last of
 * them (the "queue written:" line follows the write), so that the registry holds them all, and
 * `also()` holds. A state of the Task, not a delay: the calls may reach it over several ticks.
 */
export function untilQueuedAndWritten(names: readonly string[], also: () => boolean = () => true): (line: string) => boolean {
  const pending = new Set(names);
  let written = false;
  return (line) => {
    const queued = /queued [a-z]+ (.+) \(\d+ waiting\)/.exec(line);
    if (queued) pending.delete(queued[1]);
    if (pending.size === 0 && /queue written:/.test(line)) written = true;
    return written && also();
  };
}

export interface DeliveryReport {
  sent: number;
  deliveredOnce: number;
  lost: number;
  duplicated: number;
  /** Never accepted, but on purpose: dropped by the SDK's budget or refused by the server in the test. */
  excused: number;
}

/**
 * Per message (`keyOf`: the id, or the event name where the test knows every name it logged):
 * delivered once = accepted under exactly one batch id; duplicated = accepted under more than
 * one batch id (the server de-duplicates by batch id only); excused = never accepted and in
 * `excused` (dropped by the SDK or refused by the server on purpose); lost = any other never
 * accepted. Prints the figures under `title`.
 */
export function deliveryReport(
  title: string,
  sent: Set<string>,
  attempts: readonly BatchAttempt[],
  keyOf: (m: { id?: string; dt: string; n?: string }) => string,
  excused: Set<string> = new Set(),
  excusedLabel = 'dropped by the queue budget',
): DeliveryReport {
  const acceptedIn = new Map<string, Set<string>>();
  for (const a of attempts) {
    if (!a.accepted) continue;
    for (const m of a.batch.msgs ?? []) {
      const key = keyOf(m);
      const set = acceptedIn.get(key) ?? new Set<string>();
      set.add(String(a.batch.id));
      acceptedIn.set(key, set);
    }
  }
  const r: DeliveryReport = { sent: sent.size, deliveredOnce: 0, lost: 0, duplicated: 0, excused: 0 };
  for (const key of sent) {
    const n = acceptedIn.get(key)?.size ?? 0;
    if (n === 1) r.deliveredOnce++;
    else if (n > 1) r.duplicated++;
    else if (excused.has(key)) r.excused++;
    else r.lost++;
  }
  console.log(`      ${title}: events sent ${r.sent}, delivered exactly once ${r.deliveredOnce}, lost ${r.lost}, duplicated ${r.duplicated}` +
    (excused.size ? `, ${excusedLabel} ${r.excused} (expected ${excused.size})` : ''));
  return r;
}

/** The report by message id; sent = every id the SDK put in any batch attempt. */
export function idReport(c: Collector, title: string, excused: Set<string> = new Set(), excusedLabel?: string): DeliveryReport {
  const sent = new Set<string>();
  for (const a of c.batchAttempts) for (const m of a.batch.msgs ?? []) sent.add(String(m.id));
  return deliveryReport(title, sent, c.batchAttempts, (m) => String(m.id), excused, excusedLabel);
}

export function assertNoCrash(run: RunResult): void {
  assert.equal(run.crashed, false, run.console.slice(-40).join('\n'));
  // ParseJson reports unreadable input on the console (as a device does) and returns invalid: not a problem.
  const problems = run.console.filter((l) => /runtime error|Type Mismatch|BRIGHTSCRIPT: ERROR|Member function not found|pageerror/i.test(l) && !/ParseJSON/i.test(l));
  assert.deepEqual(problems, [], problems.join('\n'));
}
