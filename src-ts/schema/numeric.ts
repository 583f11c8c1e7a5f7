/**
 * Numeric type aliases understood by the transpiler. TypeScript sees plain numbers; the
 * transpiler picks the BrightScript type from the alias so that unix-ms timestamps never
 * live in a 32-bit Integer.
 */

/** A BrightScript Integer (32-bit on a device). Indices, counts, small enums. */
export type Int = number;

/** A BrightScript LongInteger (64-bit). Unix-ms timestamps, durations, sums of them. */
export type Long = number;

/** A BrightScript Double. Rates and ratios. Plain `number` means the same. */
export type Double = number;
