/**
 * Where the live view listens and which credentials it checks, shared by `npm run live` and
 * `npm run build -- --live` / `npm run deploy -- --live` so that the channel they build
 * reports to the server `live` starts, signed with the secret it checks.
 */
import * as path from 'node:path';
import { resolveSampleConfig, type SampleConfigInput, type SampleEndpoints } from './sample-config';
import { LIVE_DEFAULT_CREDENTIALS, LIVE_DEFAULT_PORT, lanUrls } from '../../sim/live/server';

const ROOT = path.join(__dirname, '..', '..');

/** The sample channel's credentials (local file, environment), or the live view's defaults when none are set. */
export function liveCredentials(env: Record<string, string | undefined> = process.env): { apiKey: string; apiSecret: string; fromDefaults: boolean } {
  const config = resolveSampleConfig({ env, localConfigPath: path.join(ROOT, 'roku-sample-channel', 'mparticle.local.json') });
  if (config.apiKey && config.apiSecret) return { apiKey: config.apiKey, apiSecret: config.apiSecret, fromDefaults: false };
  return { ...LIVE_DEFAULT_CREDENTIALS, fromDefaults: true };
}

/** Thrown when no address a device could reach is known; the message says how to give one. */
export class LiveAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveAddressError';
  }
}

/**
 * The `endpoints` option that sends a device's events to `npm run live` on this machine:
 * `url` when given (`--live-url`), else this machine's first LAN address and the live port.
 */
export function liveEndpoints(opts: { url?: string; port?: number } = {}): SampleEndpoints {
  let base = opts.url;
  if (!base) {
    const lan = lanUrls(opts.port ?? LIVE_DEFAULT_PORT);
    if (lan.length === 0) {
      throw new LiveAddressError('no LAN address found on this machine for a device to reach; pass --live-url http://<address>:<port> (the URL `npm run live` prints)');
    }
    base = lan[0];
  }
  return { events: base.replace(/\/+$/, ''), identity: base.replace(/\/+$/, '') };
}

/**
 * The build configuration of `--live`: endpoints at the live view, and its credentials when
 * the sample channel has none of its own (so that the SDK sends, and `live` can check the signatures).
 */
export function liveBuildConfig(opts: { url?: string; port?: number; env?: Record<string, string | undefined> } = {}): SampleConfigInput {
  const creds = liveCredentials(opts.env);
  return { apiKey: creds.apiKey, apiSecret: creds.apiSecret, endpoints: liveEndpoints(opts) };
}
