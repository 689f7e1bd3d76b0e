import type { Store } from './store.js';

/** Where a list of ids lives, and how long it may grow. */
export interface IdList {
  /** Store namespace. */
  namespace: string;
  /** Key within it. */
  key: string;
  /** Most ids kept; the oldest go first. */
  max: number;
  /** Time to live of the list, renewed on each change; omitted means forever. */
  ttlMs?: number;
}

/** The ids in `list`, newest first. */
export async function readIds(store: Store, list: IdList): Promise<string[]> {
  return (await store.get<string[]>(list.namespace, list.key)) ?? [];
}

/**
 * Puts `id` at the front of `list` (moving it if already there) in one atomic update, so
 * no id is lost when several processes prepend at once.
 */
export async function prependId(store: Store, list: IdList, id: string): Promise<void> {
  await store.update<string[]>(
    list.namespace,
    list.key,
    (ids = []) => [id, ...ids.filter((x) => x !== id)].slice(0, list.max),
    list.ttlMs,
  );
}
