/**
 * `npm run live`: a local mParticle collector (events + identity, the one the simulator tests
 * use) and a page that shows the events as they arrive. Build and sideload the sample channel
 * with `npm run build -- --live` / `npm run deploy -- --live` and its events show up here.
 *
 *   tsx scripts/live.ts [--port 8787] [--host 0.0.0.0] [--api-key K --api-secret S] [--no-check]
 *
 * Credentials default to the sample channel's (roku-sample-channel/mparticle.local.json,
 * MPARTICLE_API_KEY/MPARTICLE_API_SECRET), else to the ones `build --live` uses when none are set.
 */
import { parseArgs } from 'node:util';
import { liveCredentials } from './lib/live-config';
import { LIVE_DEFAULT_PORT, startLiveServer, type LiveRecord, type LiveServer } from '../sim/live/server';

/** One console line per record: what arrived, and what is wrong with it. */
export function describeRecord(r: LiveRecord): string[] {
  const flags = [r.signature === 'invalid' ? 'BAD SIGNATURE' : '', r.apiKey === 'invalid' ? `WRONG API KEY ${r.apiKeyValue ?? ''}` : ''].filter(Boolean).join(', ');
  const head = `#${r.seq} ${r.method} ${r.path} -> ${r.status || 'dropped'}${flags ? ` (${flags})` : ''}`;
  if (!r.batch) return [head];
  const lines = [`${head} batch ${r.batch.id}${r.batch.duplicate ? ' (seen before)' : ''}`];
  for (const m of r.batch.messages) {
    const name = m.n ?? `dt ${m.dt}`;
    const ph = m.attrs && typeof m.attrs === 'object' && 'playhead_position' in m.attrs ? ` playhead ${String(m.attrs.playhead_position)}` : '';
    lines.push(`    ${m.dt} ${name}${ph}${m.violations.length ? `  !! ${m.violations.length} data plan violation(s): ${m.violations.map((v) => `${v.type} ${v.key ?? ''} ${v.expected ?? ''}`.trim()).join('; ')}` : ''}`);
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

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      'no-check': { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
  });
  const creds = liveCredentials();
  const apiKey = values['api-key'] ?? creds.apiKey;
  const apiSecret = values['api-secret'] ?? creds.apiSecret;
  const server = await startLiveServer({
    port: values.port === undefined ? LIVE_DEFAULT_PORT : Number(values.port),
    host: values.host ?? '0.0.0.0',
    apiKey: values['no-check'] ? undefined : apiKey,
    apiSecret: values['no-check'] ? undefined : apiSecret,
  });
  printUrls(server, console.log);
  console.log(
    values['no-check']
      ? '[live] not checking API keys or signatures'
      : `[live] checking API key ${apiKey} and signatures${creds.fromDefaults && !values['api-secret'] ? ' (the live defaults: build with `npm run build -- --live`)' : ''}`,
  );
  if (!values.quiet) server.onRecord((r) => describeRecord(r).forEach((l) => console.log(l)));
  const stop = () => {
    console.log('[live] stopping');
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: Error) => {
    console.error(`[live] failed: ${(e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `${e.message}: another live view is running; stop it or pass --port` : (e.stack ?? e.message)}`);
    process.exitCode = 1;
  });
}
