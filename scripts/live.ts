/**
 * `npm run live`: a local mParticle collector (events + identity, the one the simulator tests
 * use) and a page that shows the events as they arrive. Build and sideload the sample channel
 * with `npm run build -- --live` / `npm run deploy -- --live` and its events show up here.
 *
 *   tsx scripts/live.ts [--port 8787] [--host 0.0.0.0] [--api-key K --api-secret S] [--no-check] [--demo]
 *
 * `--demo` posts one signed media session (sim/live/send.ts) once the server listens, so that the
 * page shows events before any channel is built; `mparticle-roku send` posts the same to a running one.
 * The server stops with the npm that started it (sim/parent-watch.ts).
 *
 * Credentials default to the sample channel's (roku-sample-channel/mparticle.local.json,
 * MPARTICLE_API_KEY/MPARTICLE_API_SECRET), else to the ones `build --live` uses when none are set.
 */
import { parseArgs } from 'node:util';
import { liveCredentials } from './lib/live-config';
import { describeRecord, printUrls } from '../sim/live/describe';
import { demoBatch, postBatch } from '../sim/live/send';
import { LIVE_DEFAULT_PORT, startLiveServer } from '../sim/live/server';
import { endWithParent } from '../sim/parent-watch';

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
      demo: { type: 'boolean' },
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
  endWithParent(stop);
  if (values.demo) {
    const status = await postBatch(server.baseUrl, apiKey, apiSecret, demoBatch());
    console.log(`[live] --demo: posted one signed media session, answered ${status}; see it at ${server.baseUrl}/live/`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: Error) => {
    console.error(`[live] failed: ${(e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `${e.message}: another live view is running; stop it or pass --port` : (e.stack ?? e.message)}`);
    process.exitCode = 1;
  });
}
