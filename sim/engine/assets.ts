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

/**
 * Return without a throw (see ENGINE_FIXES): `__mpRet` holds the ReturnValue of a `return` that
 * was executed until its function's body loop takes it; `__mpDirect` tells a user function that
 * the interpreter's own call invoked it, so it may return the ReturnValue instead of throwing it.
 * Loops that already catch `exit for`/`exit while` exceptions keep doing so.
 */
const RETURN_WITHOUT_THROW: [string, string][] = [
  [
    'visitReturn(e){if(!e.value)throw new Hy(e.tokens.return.location);const t=this.evaluate(e.value);throw new Hy(e.tokens.return.location,t)}',
    'visitReturn(e){const t=e.value?this.evaluate(e.value):void 0;this.__mpRet=new __MpReturn(e.tokens.return.location,t);return N.Instance}',
  ],
  ['visitBlock(e){for(const t of e.statements)this.execute(t);return N.Instance}', 'visitBlock(e){for(const t of e.statements){this.execute(t);if(this.__mpRet)break}return N.Instance}'],
  [
    'greaterThan(s).not().toBoolean();){try{this.execute(e.body)}catch(e){if(e instanceof $y)break;if(!(e instanceof zy))throw e}this.execute(n)}',
    'greaterThan(s).not().toBoolean();){try{this.execute(e.body)}catch(e){if(e instanceof $y)break;if(!(e instanceof zy))throw e}if(this.__mpRet)break;this.execute(n)}',
  ],
  [
    'lessThan(s).not().toBoolean();){try{this.execute(e.body)}catch(e){if(e instanceof $y)break;if(!(e instanceof zy))throw e}this.execute(n)}',
    'lessThan(s).not().toBoolean();){try{this.execute(e.body)}catch(e){if(e instanceof $y)break;if(!(e instanceof zy))throw e}if(this.__mpRet)break;this.execute(n)}',
  ],
  ['throw e instanceof Wy?(this.environment.continueForEach=n+1,e):e}n++}', 'throw e instanceof Wy?(this.environment.continueForEach=n+1,e):e}if(this.__mpRet)break;n++}'],
  [
    'visitWhile(e){for(;this.evaluate(e.condition).equalTo(P.True).toBoolean();)try{this.execute(e.body)}catch(e){if(e instanceof Gy)break;if(!(e instanceof qy))throw e}return N.Instance}',
    'visitWhile(e){for(;this.evaluate(e.condition).equalTo(P.True).toBoolean();){try{this.execute(e.body)}catch(e){if(e instanceof Gy)break;if(!(e instanceof qy))throw e}if(this.__mpRet)break}return N.Instance}',
  ],
  [
    'impl:(t,...r)=>{t.environment.gotoLabel="";let n=e.location,i=!1;for(;!i;)try{for(const r of e.body.statements)t.execute(r);i=!0}catch(e){if(!(e instanceof Wy))throw e;t.environment.gotoLabel=e.label.toLowerCase(),n=e.location}',
    'impl:(t,...r)=>{const __d=t.__mpDirect;t.__mpDirect=!1;t.environment.gotoLabel="";let n=e.location,i=!1;for(;!i;)try{for(const r of e.body.statements){t.execute(r);if(t.__mpRet)break}i=!0}catch(e){if(!(e instanceof Wy))throw e;t.environment.gotoLabel=e.label.toLowerCase(),n=e.location}if(t.__mpRet){const x=t.__mpRet;t.__mpRet=void 0;if(__d)return x;throw new Hy(x.location,x.value)}',
  ],
  // A returned object is kept alive past the call's scope, as the engine's catch of the throw did.
  ['try{this._environment=i;const t=e(this);return this._environment=n,t}', 'try{this._environment=i;const t=e(this);t instanceof __MpReturn&&t.value instanceof Fh&&(r=t.value,r.setReturn(!0));return this._environment=n,t}'],
  // `exit for`, `exit while`, `continue` stay thrown, each kind as one Error made once per thread
  // and thrown again, since making the Error is what costs; their catchers read only the kind.
  [
    'visitContinueFor(e){throw new zy(e.location)}visitExitFor(e){throw new $y(e.location)}visitContinueWhile(e){throw new qy(e.location)}visitExitWhile(e){throw new Gy(e.location)}',
    'visitContinueFor(e){const x=this.__mpContinueFor??=new zy(e.location);throw x.location=e.location,x}visitExitFor(e){const x=this.__mpExitFor??=new $y(e.location);throw x.location=e.location,x}visitContinueWhile(e){const x=this.__mpContinueWhile??=new qy(e.location);throw x.location=e.location,x}visitExitWhile(e){const x=this.__mpExitWhile??=new Gy(e.location);throw x.location=e.location,x}',
  ],
  // The interpreter's call: a function's returned ReturnValue goes to the handler the engine runs
  // on a thrown one (return type checks, casts), taken out as a method; the call tells a user
  // function that it may return its ReturnValue.
  [
    'call(e,t,r,n,i){const s=e.getName(),a=this._environment;let o=e.getFirstSatisfiedSignature(t);if(o)try{let c=o.signature;return t=t.map((e,t)=>c.args[t]?.type.kind===R.Object&&L(e)?e.box():e),this.inSubEnv(o=>{i&&(o.environment.hostNode=i),o.environment.setM(r,!1),e.isUserDefined()&&this.addToStack({functionName:s,functionLocation:e.getLocation()??this.location,callLocation:n,signature:c});try{const r=e.call(this,...t);return e.isUserDefined()&&this.popFromStack(),r}catch(t){throw t instanceof Qh&&(e.isUserDefined()||(this._environment=a),this.checkCrashDebug(t)),e.isUserDefined()&&this.popFromStack(),t}})}catch(e){if(!(e instanceof jy)){if(e instanceof Jh)throw e;if(Oh.isDevMode&&e.message&&!Kw.includes(e.message))throw console.error(e),new Error("");throw new Error(e.message)}if(Kw.includes(e.message))throw new Error(e.message);let t=e.value,r=e.location;const n=o.signature.returns;if(t&&n===R.Void&&this.addError(new Qh(tf.ReturnWithValue,r)),t||n===R.Void||this.addError(new Qh(tf.ReturnWithoutValue,r)),t){const e=pf(t,n);if(e)return e}return t&&n!==R.Dynamic&&n!==t.kind&&this.addError(new Ab({message:"Unable to cast",left:{type:n,location:r},right:{type:t,location:r},cast:!0})),t??N.Instance}else this.addError(mf(e,t,n))}',
    'call(e,t,r,n,i){const s=e.getName(),a=this._environment;let o=e.getFirstSatisfiedSignature(t);if(o)try{let c=o.signature;const __v=(t=t.map((e,t)=>c.args[t]?.type.kind===R.Object&&L(e)?e.box():e),this.inSubEnv(o=>{i&&(o.environment.hostNode=i),o.environment.setM(r,!1),e.isUserDefined()&&this.addToStack({functionName:s,functionLocation:e.getLocation()??this.location,callLocation:n,signature:c});try{this.__mpDirect=e.isUserDefined();const r=e.call(this,...t);return e.isUserDefined()&&this.popFromStack(),r}catch(t){throw this.__mpDirect=!1,t instanceof Qh&&(e.isUserDefined()||(this._environment=a),this.checkCrashDebug(t)),e.isUserDefined()&&this.popFromStack(),t}}));return __v instanceof __MpReturn?this.__mpReturned(__v,o):__v}catch(e){if(!(e instanceof jy)){if(e instanceof Jh)throw e;if(Oh.isDevMode&&e.message&&!Kw.includes(e.message))throw console.error(e),new Error("");throw new Error(e.message)}if(Kw.includes(e.message))throw new Error(e.message);return this.__mpReturned(e,o)}else this.addError(mf(e,t,n))}__mpReturned(e,o){let t=e.value,r=e.location;const n=o.signature.returns;if(t&&n===R.Void&&this.addError(new Qh(tf.ReturnWithValue,r)),t||n===R.Void||this.addError(new Qh(tf.ReturnWithoutValue,r)),t){const e=pf(t,n);if(e)return e}return t&&n!==R.Dynamic&&n!==t.kind&&this.addError(new Ab({message:"Unable to cast",left:{type:n,location:r},right:{type:t,location:r},cast:!0})),t??N.Instance}',
  ],
];

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
  // `return` is a jump on a device. The engine throws a JavaScript Error for it, and making an
  // Error in these workers records a detailed stack trace of the interpreter's recursion
  // (most likely for DevTools, attached by Playwright): 12-15 us, ten times the call itself,
  // which charged code made of small functions ten times over for each return. Here a return
  // sets a flag that every statement list and loop stops at, and the function hands the value
  // back to the interpreter's call without a throw. Anything else that calls a function
  // (brs-scenegraph's callFunc, onKeyEvent) still gets the thrown ReturnValue.
  ...RETURN_WITHOUT_THROW,
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
