/**
 * Device-parity patches of brs-engine's worker (and of its page-side API script): where the
 * engine differs from a Roku in a way that changes what a channel (or the SDK) does, the
 * simulator is made to behave like the
 * device, never the SDK to suit the engine. Each patch is a named set of text replacements of
 * the minified worker, with the device behaviour it restores; a replacement that no longer
 * matches exactly once throws {@link EnginePatchError} naming the patch, so an engine upgrade
 * fails loudly instead of silently running without it. Helpers the replacements call
 * (`__mpJsonEscape`, `__MpReturn`, `__mpWaitIfEnded`) are defined in page/engine-fixes.js, and
 * `__mpRegistry` in registry-model.ts, both prepended to the worker.
 */

/** One patch: what it restores, and its [find, replace] edits (each `find` must occur exactly once). */
export interface EnginePatch {
  name: string;
  /** The device behaviour the patch restores, and what the engine does instead. */
  restores: string;
  edits: [find: string, replace: string][];
  /** The engine file the edits apply to: its worker (default) or brs.api.js, the page's side. */
  file?: EngineFile;
}

/** brs-engine's two scripts: the interpreter's worker, and the API the page loads. */
export type EngineFile = 'worker' | 'api';

/** brs-engine version the patches were written against (its worker's text). */
export const PATCHED_ENGINE_VERSION = '2.2.0';

/** A patch whose text is no longer in the engine's worker: the engine changed. */
export class EnginePatchError extends Error {
  constructor(readonly patch: string, readonly find: string, readonly occurrences: number, engineVersion: string) {
    super(
      `sim: device-parity patch "${patch}" no longer applies to brs-engine ${engineVersion} ` +
        `(written for ${PATCHED_ENGINE_VERSION}; its text occurs ${occurrences} times, expected once): ${find.slice(0, 160)}... ` +
        `Re-derive the patch from the new worker (sim/engine/patches.ts) or pin brs-engine to ${PATCHED_ENGINE_VERSION}.`,
    );
    this.name = 'EnginePatchError';
  }
}

/**
 * Return without a throw: `__mpRet` holds the ReturnValue of a `return` that was executed until
 * its function's body loop takes it; `__mpDirect` tells a user function that the interpreter's
 * own call invoked it, so it may return the ReturnValue instead of throwing it. Loops that
 * already catch `exit for`/`exit while` exceptions keep doing so.
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

export const ENGINE_PATCHES: readonly EnginePatch[] = [
  {
    name: 'format-json-escapes-strings',
    restores:
      'FormatJson on a device escapes quotes, backslashes and control characters in strings; the engine writes them raw, ' +
      'which turns any attribute value containing a quote into invalid JSON.',
    edits: [['case R.String:return function(e,t){return t?', 'case R.String:return function(e,t){e=__mpJsonEscape(e);return t?'],],
  },
  {
    name: 'message-port-get-message-returns-at-once',
    restores:
      "roMessagePort.GetMessage() on a device returns invalid at once when nothing is queued; the engine polls the port's " +
      "sources without a timeout (a Task's field events: a wait on shared memory), which blocks a Task until the next event. " +
      'Polled for 10 us here, and only when the port holds nothing already.',
    edits: [
    [
        'getMessage=new vf("getMessage",{signature:{args:[],returns:R.Dynamic},impl:e=>(this.updateMessageQueue(),this.getNextMessage())})',
        'getMessage=new vf("getMessage",{signature:{args:[],returns:R.Dynamic},impl:e=>(this.messageQueue.length>0||this.updateMessageQueue(e,0.01),this.getNextMessage())})',
      ]
    ],
  },
  {
    name: 'url-transfer-identity-unique',
    restores:
      'roUrlTransfer.GetIdentity() is unique per transfer on a device; the engine draws it at random from 0-79, so two ' +
      "transfers in flight (an identity call beside an upload) share one about once in 80 and the answer of one is taken " +
      "for the other's. Numbered in order, per thread.",
    edits: [
    [
        'super("roUrlTransfer"),this.identity=Math.trunc(10*Math.random()*8)',
        'super("roUrlTransfer"),this.identity=globalThis.__mpUrlTransferIds=(globalThis.__mpUrlTransferIds||0)+1',
      ]
    ],
  },
  {
    name: 'return-is-a-jump',
    restores:
      'A `return` (and `exit for`, `exit while`, `continue`) is a jump on a device. The engine throws a JavaScript Error for ' +
      "each, and making an Error in these workers records a detailed stack trace of the interpreter's recursion (most likely " +
      'for DevTools, attached by Playwright): 12-15 us, ten times the call itself, which charged code made of small functions ' +
      "ten times over. A return sets a flag that every statement list and loop stops at, and the function hands the value back " +
      "to the interpreter's call without a throw; the exits are thrown as one Error per kind, made once. brs-scenegraph's own " +
      'calls (callFunc, onKeyEvent) still get the thrown ReturnValue.',
    edits: RETURN_WITHOUT_THROW,
  },
  {
    name: 'registry-is-bounded',
    restores:
      'A device has one registry of a fixed size per developer ID (32 KB, 16 KB on older devices) and refuses a ' +
      'roRegistrySection.Write that does not fit (it returns false and stores nothing); the engine counts ' +
      'GetSpaceAvailable() down from a 32 KB constant and accepts every write. The size is a setting of the run and a ' +
      'fault can refuse writes (and the Flush after them): sim/engine/registry-model.ts.',
    edits: [
      ['impl:e=>{Oh.refreshRegistry();let t=ye;for(const[e,r]of Oh.registry.current)e.split(".")[0]===this.devId&&(t-=Rm.byteLength(e.substring(this.devId.length+1),"utf8"),t-=Rm.byteLength(r,"utf8"));return new df(t)}',
        'impl:e=>{Oh.refreshRegistry();return new df(__mpRegistry.space(Oh.deviceInfo,Oh.registry.current,this.devId))}'],
      [
        'impl:(e,t,r)=>{Oh.refreshRegistry();const n=`${this.devId}.${this.section}.${t.value}`;return Oh.registry.current.set(n,r.value),Oh.registry.isDirty=!0,P.True}',
        'impl:(e,t,r)=>{Oh.refreshRegistry();const n=`${this.devId}.${this.section}.${t.value}`;if(!__mpRegistry.mayWrite(Oh.deviceInfo,Oh.registry.current,this.devId,[[n,r.value]]))return P.False;return Oh.registry.current.set(n,r.value),Oh.registry.isDirty=!0,P.True}',
      ],
      [
        'impl:(e,t)=>{Oh.refreshRegistry();const r=`${this.devId}.${this.section}.`;for(const[e,n]of t.elements)',
        'impl:(e,t)=>{Oh.refreshRegistry();const r=`${this.devId}.${this.section}.`;if(!__mpRegistry.mayWrite(Oh.deviceInfo,Oh.registry.current,this.devId,[...t.elements].map(([e,n])=>[`${r}${e}`,n.toString()])))return P.False;for(const[e,n]of t.elements)',
      ],
      ['impl:e=>(Oh.flushRegistry(),P.True)});getKeyList=', 'impl:e=>__mpRegistry.mayFlush(Oh.deviceInfo)?(Oh.flushRegistry(),P.True):P.False});getKeyList='],
    ],
  },
  {
    name: 'registry-flush-is-durable',
    file: 'api',
    restores:
      'roRegistrySection.Flush() on a device returns once the registry is in flash, and an app that is ended stops at ' +
      "once: what it flushed before its last request is kept. The engine's Flush stores the registry at once only in " +
      "memory the threads share; localStorage (what the next launch reads) is written when the page handles the thread's " +
      'message, and a Task thread runs on for a while after the page ends the app. A restart could so lose a flush whose ' +
      'upload had gone out, and the next run sent those messages again under a new batch id. Here the app is marked ' +
      "ended first (its threads send no more requests: patch ended-app-sends-nothing), its threads are stopped, then the " +
      'shared registry, every completed flush, is written to localStorage.',
    edits: [
      ['for(const i of t)i in e&&delete e[i];Object.assign(du,e)}', 'for(const i of t)i in e&&delete e[i];Object.assign(du,e)}try{du.mpAppEnded=new Int32Array(new SharedArrayBuffer(4))}catch(e){du.mpAppEnded=void 0}'],
      ['function Qf(e=g.Unknown){mu.running&&(', 'function Qf(e=g.Unknown){const __mpRan=mu.running;__mpRan&&du.mpAppEnded&&Atomics.store(du.mpAppEnded,0,1);mu.running&&('],
      [
        'Ju(!1),qf("closed",e)}',
        'Ju(!1),__mpRan&&n.inBrowser&&(()=>{const r=Gf.load(),l=globalThis.localStorage,p=du.developerId+".";for(let i=l.length-1;i>=0;i--){const k=l.key(i);k&&k.startsWith(p)&&!Object.prototype.hasOwnProperty.call(r,k)&&l.removeItem(k)}for(const k of Object.keys(r))k.startsWith(p)&&l.setItem(k,r[k])})(),qf("closed",e)}',
      ],
    ],
  },
  {
    name: 'ended-app-sends-nothing',
    restores:
      'An app the device ended sends nothing more. A Task thread of the engine runs on for a while after the page ended ' +
      'the app; a request it made then reached the server although the flush before it was never kept (patch ' +
      'registry-flush-is-durable). A roUrlTransfer request of an ended app waits until the thread is stopped.',
    edits: [['void 0===e?u.send():u.send(e),l=u.status', '__mpWaitIfEnded(Oh.deviceInfo),void 0===e?u.send():u.send(e),l=u.status']],
  },
];

/**
 * `source` (the engine's `file`, its worker by default) with every patch of that file applied;
 * throws {@link EnginePatchError} for the first edit that does not match exactly once.
 */
export function applyEnginePatches(source: string, engineVersion: string, patches: readonly EnginePatch[] = ENGINE_PATCHES, file: EngineFile = 'worker'): string {
  let text = source;
  for (const patch of patches.filter((p) => (p.file ?? 'worker') === file)) {
    for (const [find, replace] of patch.edits) {
      const first = text.indexOf(find);
      let occurrences = 0;
      for (let at = first; at >= 0; at = text.indexOf(find, at + 1)) occurrences++;
      if (occurrences !== 1) throw new EnginePatchError(patch.name, find, occurrences, engineVersion);
      text = text.slice(0, first) + replace + text.slice(first + find.length);
    }
  }
  return text;
}
