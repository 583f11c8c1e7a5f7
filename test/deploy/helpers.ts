/** Shared set-up of the deploy tests: a stand-in for generated/ and a built sample zip in a temp dir. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSampleChannel, type BuildResult } from '../../scripts/build';

/**
 * The two files the build requires from generated/, with just enough in them to compile: the
 * deploy tests exercise packaging and the device protocol, not the SDK.
 */
export function writeFakeGenerated(dir: string): string {
  mkdirSync(path.join(dir, 'source', 'mparticle'), { recursive: true });
  mkdirSync(path.join(dir, 'components'), { recursive: true });
  writeFileSync(
    path.join(dir, 'source', 'mparticle', 'mParticleCore.brs'),
    "' stand-in for the generated SDK\nfunction mParticleConstants() as object\n    return {}\nend function\n",
  );
  writeFileSync(
    path.join(dir, 'components', 'mParticleTask.xml'),
    '<?xml version="1.0" encoding="utf-8" ?>\n<component name="mParticleTask" extends="Task">\n</component>\n',
  );
  return dir;
}

/** A temp dir removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Builds the sample channel against the stand-in SDK into `<dir>/out`. */
export function buildTestZip(dir: string, config: Parameters<typeof buildSampleChannel>[0] = {}): Promise<BuildResult> {
  return buildSampleChannel({
    generatedDir: writeFakeGenerated(path.join(dir, 'generated')),
    outDir: path.join(dir, 'out'),
    env: {},
    localConfigPath: false,
    log: () => undefined,
    ...config,
  });
}

/** A loopback port nothing listens on: bound, then released. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** npm with every way to the network closed: a registry that refuses connections, and --offline. */
export const OFFLINE_NPM_ENV = {
  ...process.env,
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
