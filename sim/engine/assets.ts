import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyEnginePatches, type EngineFile } from './patches';
import { REGISTRY_MODEL_SCRIPT } from './registry-model';

/** A static response for one harness asset. */
export interface StaticAsset {
  body: Buffer;
  contentType: string;
}

const PAGE_DIR = join(__dirname, 'page');

function engineDir(pkg: 'brs-engine' | 'brs-scenegraph'): string {
  // Both packages' main entry lives in <pkg>/lib; resolving it follows node's lookup.
  return dirname(dirname(require.resolve(pkg)));
}

const cache = new Map<string, StaticAsset>();

function load(key: string, make: () => StaticAsset): StaticAsset {
  let hit = cache.get(key);
  if (!hit) {
    hit = make();
    cache.set(key, hit);
  }
  return hit;
}

const JS = 'text/javascript; charset=utf-8';

/** An engine script with every device-parity patch of it applied (patches.ts); throws when one no longer matches. */
function patchedEngine(file: EngineFile): Buffer {
  const dir = engineDir('brs-engine');
  const version = String((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version);
  const script = file === 'api' ? 'lib/brs.api.js' : 'lib/brs.worker.js';
  return Buffer.from(applyEnginePatches(readFileSync(join(dir, script), 'utf8'), version, undefined, file));
}

/**
 * Resolves a request path under /harness/ to the simulator page or one of the engine files.
 * The worker script is served with the header-forwarding prelude prepended, so every
 * interpreter thread (the main one and each Task thread, all started from this same URL)
 * forwards Date/User-Agent.
 */
export function harnessAsset(pathname: string): StaticAsset | undefined {
  switch (pathname) {
    case '/harness/':
    case '/harness/index.html':
      return load(pathname, () => ({ body: readFileSync(join(PAGE_DIR, 'index.html')), contentType: 'text/html; charset=utf-8' }));
    case '/harness/boot.js':
    case '/harness/xhr-forward.js':
      return load(pathname, () => ({ body: readFileSync(join(PAGE_DIR, pathname.slice('/harness/'.length))), contentType: JS }));
    case '/harness/lib/brs.api.js':
      return load(pathname, () => ({ body: patchedEngine('api'), contentType: JS }));
    case '/harness/lib/brs.worker.js':
      return load(pathname, () => ({
        body: Buffer.concat([
          readFileSync(join(PAGE_DIR, 'xhr-forward.js')),
          Buffer.from('\n'),
          readFileSync(join(PAGE_DIR, 'engine-fixes.js')),
          Buffer.from('\n'),
          Buffer.from(REGISTRY_MODEL_SCRIPT),
          patchedEngine('worker'),
        ]),
        contentType: JS,
      }));
    case '/harness/lib/brs-sg.js':
      return load(pathname, () => ({ body: readFileSync(join(engineDir('brs-scenegraph'), 'lib/brs-sg.js')), contentType: JS }));
    case '/harness/assets/common.zip':
      // The SceneGraph build of common:/ (fonts, locale data), not brs-engine's own.
      return load(pathname, () => ({ body: readFileSync(join(engineDir('brs-scenegraph'), 'assets/common.zip')), contentType: 'application/zip' }));
    default:
      return undefined;
  }
}
