/** Console lines of the live view (`npm run live`, `npm run sim`, `mparticle-roku sim`). */
import type { LiveRecord, LiveServer } from './server';

/** `1 event`, `2 events`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One console line per record: what arrived, and what is wrong with it. */
export function describeRecord(r: LiveRecord): string[] {
  const flags = [
    r.signature === 'invalid' ? (r.signaturePresent === false ? 'UNSIGNED' : 'BAD SIGNATURE') : '',
    r.apiKey === 'invalid' ? `WRONG API KEY ${r.apiKeyValue ?? ''}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const head = `#${r.seq} ${r.method} ${r.path} -> ${r.status || 'dropped'}${flags ? ` (${flags})` : ''}`;
  if (!r.batch) return [head];
  const lines = [`${head} batch ${r.batch.id}${r.batch.duplicate ? ' (seen before)' : ''}`];
  for (const m of r.batch.messages) {
    const name = m.n ?? `dt ${m.dt}`;
    const ph = m.attrs && typeof m.attrs === 'object' && 'playhead_position' in m.attrs ? ` playhead ${String(m.attrs.playhead_position)}` : '';
    const bad = m.violations.length ? `  !! ${plural(m.violations.length, 'data plan violation')}: ${m.violations.map((v) => `${v.type} ${v.key ?? ''} ${v.expected ?? ''}`.trim()).join('; ')}` : '';
    lines.push(`    ${m.dt} ${name}${ph}${bad}${flags ? `  (${flags})` : ''}`);
  }
  return lines;
}

/** Prints where the page and the collector are. */
export function printUrls(server: LiveServer, log: (line: string) => void, page = '/live/'): void {
  log(`[live] event view: ${server.baseUrl}${page}`);
  for (const url of server.lanUrls) log(`[live] on the LAN:  ${url}${page}   (collector for devices: ${url})`);
  if (server.host !== '0.0.0.0') log(`[live] listening on ${server.host} only (--host 0.0.0.0 for devices on the LAN)`);
  else if (server.lanUrls.length === 0) log('[live] no LAN address: only this machine can reach the collector');
}
