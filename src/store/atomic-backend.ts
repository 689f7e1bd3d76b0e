/**
 * The two primitives each backend provides natively, on which {@link Store.add} and
 * {@link Store.update} are built. Keys are full backend keys; texts are the stored envelopes
 * (`{"value":…,"expires":…}` as keyv writes them), so these rows are the same rows keyv reads.
 */
export interface AtomicBackend {
  /**
   * Stores `text` under `key` unless a row is there whose envelope has not expired by `now`
   * (ms since the epoch), in one backend step; `true` when stored.
   */
  add(key: string, text: string, ttlMs: number | undefined, now: number): Promise<boolean>;
  /** The text stored under `key`, expired or not; `undefined` when there is no row. */
  read(key: string): Promise<string | undefined>;
  /**
   * Compare-and-swap in one backend step: if the row under `key` is still exactly `expected`
   * (`undefined`: there is no row), replaces it by `next` (`undefined`: removes it). `true`
   * when it did.
   */
  swap(key: string, expected: string | undefined, next: string | undefined, ttlMs: number | undefined): Promise<boolean>;
}

/** Whether a stored envelope's `expires` has passed. */
export function envelopeExpired(text: string, now: number): boolean {
  const expires = (JSON.parse(text) as { expires?: unknown }).expires;
  return typeof expires === 'number' && expires < now;
}

/**
 * The primitives over the in-process `Map` keyv keeps for `memory://`. JavaScript runs each
 * call to completion before another starts, so plain reads and writes are atomic here.
 */
export function mapAtomic(map: Map<string, unknown>): AtomicBackend {
  return {
    async add(key, text, _ttlMs, now) {
      const current = map.get(key);
      if (typeof current === 'string' && !envelopeExpired(current, now)) return false;
      map.set(key, text);
      return true;
    },
    async read(key) {
      const current = map.get(key);
      return typeof current === 'string' ? current : undefined;
    },
    async swap(key, expected, next) {
      const current = map.get(key);
      if ((typeof current === 'string' ? current : undefined) !== expected) return false;
      if (next === undefined) map.delete(key);
      else map.set(key, next);
      return true;
    },
  };
}
