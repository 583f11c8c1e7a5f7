/**
 * The persisted queue's decisions (core-store.ts) that the store vectors call, by name: the
 * TypeScript side of store-brs.test.ts, which calls `mParticle_<name>` with the same arguments
 * in the simulator.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as store from '../../src-ts/logic/core-store';
import { runFunctionCase, type CoreVector } from './core-functions';

type Fn = (...args: never[]) => unknown;

/** The functions of core-store.ts that the Task's registry writes go through. */
const NAMES = ['corePersistPlan', 'coreFitBudget', 'coreStoredText', 'coreStoredAccept', 'coreWriteRetry', 'coreWriteOk', 'coreNoStored'] as const;

export const STORE_FUNCTIONS: Readonly<Record<string, Fn>> = Object.fromEntries(NAMES.map((n) => [n, store[n] as Fn]));

/** A case of a store vector; `expect` (when given) is the answer the rule requires. */
export interface StoreCase {
  fn: string;
  args: unknown[];
  why?: string;
  expect?: unknown;
}

export interface StoreVector extends CoreVector {
  cases: StoreCase[];
}

/** The TypeScript answer of one case, as JSON would carry it. */
export function runStoreCase(c: StoreCase): unknown {
  return runFunctionCase(STORE_FUNCTIONS, c, 'store');
}

const STORE_VECTOR_DIR = path.resolve(__dirname, '..', 'vectors', 'store');

/** Every vector of test/vectors/store, by file name. */
export function loadStoreVectors(): StoreVector[] {
  return fs
    .readdirSync(STORE_VECTOR_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(STORE_VECTOR_DIR, f), 'utf8')) as StoreVector);
}
