/**
 * BrightScript's `type()` names, one table for every place that tells values apart by them:
 * the transpiler's inline `typeof` tests (lower-expr.ts), the runtime's mParticle_typeof,
 * mParticle_isIntegral, mParticle_isDecimal and mParticle_str (generated into
 * mParticleRuntime.brs's TYPES hole), and the Task's argument checks (emit-dispatch.ts).
 *
 * Boxed names come first in every list: a value read from an associative array or an array
 * (a session field, an option, an argument of the bridge's call) is boxed (`roString`,
 * `roInteger`), and that is most of what gets tested. `roInt` is what some firmware (and
 * brs-engine) call a boxed Integer read from a node field. `LongInteger` follows
 * `roLongInteger` at once: brs-engine reads a LongInteger from an associative array unboxed,
 * and timestamps (the session's, the clock's) are what the bridge and the media logic test
 * most after Integers.
 */

/** Integers: Integer and LongInteger, boxed or not. */
export const INTEGRAL_TYPE_NAMES = ['roInteger', 'roLongInteger', 'LongInteger', 'Integer', 'roInt'] as const;
/** Decimals: Float and Double, boxed or not. */
export const DECIMAL_TYPE_NAMES = ['roFloat', 'roDouble', 'Float', 'Double'] as const;
/** Doubles alone (FormatJson prints them as JavaScript does; Floats it does not). */
export const DOUBLE_TYPE_NAMES = ['roDouble', 'Double'] as const;

/**
 * The names per answer of JavaScript's `typeof`, in the order mParticle_typeof tests them.
 * `object` holds only what can be read like a JavaScript object or array: reading a field of
 * any other component (roDateTime, roByteArray, a port) raises, so the logic must not take
 * them for objects; mParticle_typeof answers "unknown" for them.
 */
export const TYPEOF_NAMES = {
  string: ['roString', 'String'],
  number: ['roInteger', 'roLongInteger', 'LongInteger', 'roFloat', 'roDouble', 'Integer', 'Float', 'Double', 'roInt'],
  boolean: ['roBoolean', 'Boolean'],
  undefined: ['Invalid', 'roInvalid', '<uninitialized>'],
  function: ['roFunction', 'Function'],
  object: ['roAssociativeArray', 'roArray', 'roSGNode'],
} as const satisfies Record<string, readonly string[]>;

export type TypeofAnswer = keyof typeof TYPEOF_NAMES;
