/**
 * The one storage seam of the bot: a small namespaced key-value store with TTLs.
 * Everything persistent (stories, cached engine results, feed state, subscriptions,
 * thread links) goes through it; key names live in `keys.ts`.
 */
export interface Store {
  /** The value stored under `namespace`/`key`, or `undefined` if absent or expired. */
  get<T>(namespace: string, key: string): Promise<T | undefined>;
  /**
   * Stores a JSON-serialisable `value` under `namespace`/`key`, replacing any previous one.
   * @param ttlMs time to live in milliseconds; omitted means forever.
   */
  set<T>(namespace: string, key: string, value: T, ttlMs?: number): Promise<void>;
  /** Removes the entry; resolves `true` when there was one. */
  delete(namespace: string, key: string): Promise<boolean>;
  /** Releases connections and file handles. The store is unusable afterwards. */
  close(): Promise<void>;
}
