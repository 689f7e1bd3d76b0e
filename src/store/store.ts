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
  /**
   * Stores `value` only if no live entry is there (set-if-absent), in one atomic step of the
   * backend, so of several processes adding the same key at once exactly one gets `true`.
   * An expired entry counts as absent and is replaced.
   * @param ttlMs time to live in milliseconds; omitted means forever.
   */
  add<T>(namespace: string, key: string, value: T, ttlMs?: number): Promise<boolean>;
  /**
   * Atomic read-modify-write: `change` gets the current value (`undefined` if absent or
   * expired) and returns the next one, or `undefined` to remove the entry. The write only
   * lands if nobody changed the entry since it was read; otherwise `change` is called again
   * with the newer value, so it must be a pure function of its argument. Resolves with the
   * value written (`undefined` when removed or left absent).
   * @param ttlMs time to live of the written value; omitted means forever.
   */
  update<T>(
    namespace: string,
    key: string,
    change: (current: T | undefined) => T | undefined,
    ttlMs?: number,
  ): Promise<T | undefined>;
  /** Releases connections and file handles. The store is unusable afterwards. */
  close(): Promise<void>;
}
