import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

/** Text replacements in the engine's worker that engine-fixes.js documents, each [find, replace]. */
const ENGINE_FIXES: [string, string][] = [
  ['case R.String:return function(e,t){return t?', 'case R.String:return function(e,t){e=__mpJsonEscape(e);return t?'],
  // roMessagePort.GetMessage() on a device returns invalid at once when nothing is queued; the
  // engine polls the port's sources without a timeout (a Task's field events: a wait on shared
  // memory), which blocks a Task until the next event. Poll them for 10 us, and only when the
  // port holds nothing already.
  [
    'getMessage=new vf("getMessage",{signature:{args:[],returns:R.Dynamic},impl:e=>(this.updateMessageQueue(),this.getNextMessage())})',
    'getMessage=new vf("getMessage",{signature:{args:[],returns:R.Dynamic},impl:e=>(this.messageQueue.length>0||this.updateMessageQueue(e,0.01),this.getNextMessage())})',
  ],
  // roUrlTransfer.GetIdentity() is unique per transfer on a device; the engine draws it at random
  // from 0-79, so two transfers in flight (an identity call beside an upload) share one about
  // once in 80 and the answer of one is taken for the other's. Number them in order, per thread.
  [
    'super("roUrlTransfer"),this.identity=Math.trunc(10*Math.random()*8)',
    'super("roUrlTransfer"),this.identity=globalThis.__mpUrlTransferIds=(globalThis.__mpUrlTransferIds||0)+1',
  ],
];

/** The worker script with every engine fix applied; throws when a fix no longer matches. */
function patchedWorker(): Buffer {
  let text = readFileSync(join(engineDir('brs-engine'), 'lib/brs.worker.js'), 'utf8');
  for (const [find, replace] of ENGINE_FIXES) {
    const at = text.indexOf(find);
    if (at < 0 || text.indexOf(find, at + 1) >= 0) throw new Error(`harness: engine fix no longer matches brs-engine's worker: ${find}`);
    text = text.replace(find, replace);
  }
  return Buffer.from(text);
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
      return load(pathname, () => ({ body: readFileSync(join(engineDir('brs-engine'), 'lib/brs.api.js')), contentType: JS }));
    case '/harness/lib/brs.worker.js':
      return load(pathname, () => ({
        body: Buffer.concat([
          readFileSync(join(PAGE_DIR, 'xhr-forward.js')),
          Buffer.from('\n'),
          readFileSync(join(PAGE_DIR, 'engine-fixes.js')),
          Buffer.from('\n'),
          patchedWorker(),
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
