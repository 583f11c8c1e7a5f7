/**
 * Fresh ids for the Task's reducers. Logic cannot make a UUID (it is pure), so the Task keeps
 * `ids`, a list of fresh UUIDs of the device's, holding at least CORE_ID_POOL before it hands
 * a reducer an input (it tops the list up to twice that when it runs low); a reducer takes them
 * from the front. Vectors give the list, so that their
 * ids are known. No input takes more than CORE_ID_POOL ids.
 */
import { Int, Long } from '../schema/numeric';

/** How many fresh ids the Task keeps ready, at least, before each input. */
export const CORE_ID_POOL: Int = 8;

export interface IdPool {
  /** Fresh UUIDs, taken from the front. */
  ids: string[];
}

/**
 * The next fresh id. An empty list means the Task did not top it up, a bug of the Task's: the
 * id is then made from the time, so that a message still gets one.
 */
export function coreTakeId(pool: IdPool, now: Long): string {
  if (pool.ids.length === 0) {
    return `id-${now}`;
  }
  return pool.ids.shift() as string;
}
