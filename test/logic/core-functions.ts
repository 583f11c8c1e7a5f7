/**
 * The transpiled core helpers that the core vectors call (core-options.ts, core-session.ts,
 * core-queue.ts, core-retry.ts), by name: the TypeScript side of `npm test`'s core TS ≡ BrightScript check
 * (core-brs.test.ts), which calls `mParticle_<name>` with the same arguments in the simulator.
 * core-store.ts is left to its own tests for now.
 */
import * as options from '../../src-ts/logic/core-options';
import * as session from '../../src-ts/logic/core-session';
import * as queue from '../../src-ts/logic/core-queue';
import * as retry from '../../src-ts/logic/core-retry';

type Fn = (...args: never[]) => unknown;

/** Every exported function of the four modules, by name. */
export const CORE_FUNCTIONS: Readonly<Record<string, Fn>> = Object.fromEntries(
  [options, session, queue, retry].flatMap((mod) => Object.entries(mod).filter((e): e is [string, Fn] => typeof e[1] === 'function')),
);

/** One call of a core vector: a function of CORE_FUNCTIONS and its arguments (JSON). */
export interface CoreCase {
  fn: string;
  args: unknown[];
  /** What the case shows, for a failure message. */
  why?: string;
}

export interface CoreVector {
  name: string;
  cases: CoreCase[];
}

/** The TypeScript answer of one case of `functions` (`what` names them in an error), as JSON would carry it (undefined members dropped). */
export function runFunctionCase(functions: Readonly<Record<string, Fn>>, c: CoreCase, what: string): unknown {
  const fn = functions[c.fn];
  if (fn === undefined) throw new Error(`${what} vector: no ${what} function ${c.fn}`);
  // Arguments are copied, as the BrightScript side gets them from its own JSON parse.
  const result = (fn as (...args: unknown[]) => unknown)(...(JSON.parse(JSON.stringify(c.args)) as unknown[]));
  return result === undefined ? null : JSON.parse(JSON.stringify(result));
}

/** The TypeScript answer of one core case. */
export function runCoreCase(c: CoreCase): unknown {
  return runFunctionCase(CORE_FUNCTIONS, c, 'core');
}
