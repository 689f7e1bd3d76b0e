import type { Serial } from './serial.js';
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

/** Puts `id` at the front of `list` (moving it if already there), through `serial`. */
export function prependId(store: Store, serial: Serial, list: IdList, id: string): Promise<void> {
  return serial.run(async () => {
    const ids = await readIds(store, list);
    const kept = [id, ...ids.filter((x) => x !== id)].slice(0, list.max);
    await store.set(list.namespace, list.key, kept, list.ttlMs);
  });
}
