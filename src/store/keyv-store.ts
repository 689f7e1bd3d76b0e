import { Keyv, type KeyvStoreAdapter } from 'keyv';
import { StoreError } from '../errors.js';
import { type AtomicBackend, envelopeExpired, mapAtomic } from './atomic-backend.js';
import type { Store } from './store.js';

/** How a {@link KeyvStore} is built; every field is optional. */
export interface KeyvStoreOptions {
  /** Where entries live: a keyv storage adapter. Omitted means an in-process `Map`. */
  adapter?: KeyvStoreAdapter | Map<string, unknown>;
  /**
   * The backend's own atomic operations, over the same rows as `adapter`, for `add` and
   * `update`. Required with an adapter; an in-process `Map` has its own.
   */
  atomic?: AtomicBackend;
  /**
   * First segment of every backend key (`<prefix>:<namespace>:<key>`), so several stores
   * can share one Redis database or table. Default `newsroom`.
   */
  prefix?: string;
  /** The backend as shown in error messages, credentials already removed. Default `memory://`. */
  label?: string;
  /** Strings (passwords) to replace with `***` in any error message taken from a driver. */
  secrets?: readonly string[];
  /**
   * Called with each error the backend reports as an event, notably those between
   * operations (a dropped connection). A failed operation rejects its own promise and may
   * or may not also be reported here.
   */
  onError?: (error: unknown) => void;
}

/** The default first segment of every backend key. */
export const DEFAULT_PREFIX = 'newsroom';

/** Attempts of one `update` before it gives up on an entry other writers keep changing. */
const UPDATE_ATTEMPTS = 100;

/** Thrown from the serializer so `set` can tell a bad value from a failing backend. */
class UnserialisableValue extends Error {}

/**
 * A {@link Store} over one `Keyv` instance. Backend keys are `<prefix>:<namespace>:<key>`
 * with prefix and namespace URI-encoded, so neither can contain the `:` that separates
 * them from the key (namespace `a:b` + key `c` and namespace `a` + key `b:c` stay apart).
 */
export class KeyvStore implements Store {
  readonly #keyv: Keyv;
  readonly #atomic: AtomicBackend;
  readonly #prefix: string;
  readonly #label: string;
  readonly #secrets: readonly string[];
  #closed = false;
  #errorCount = 0;
  #lastError: unknown;

  constructor(options: KeyvStoreOptions = {}) {
    this.#prefix = encodeURIComponent(options.prefix ?? DEFAULT_PREFIX);
    this.#label = options.label ?? 'memory://';
    this.#secrets = (options.secrets ?? []).filter((secret) => secret.length > 0);
    const store = options.adapter ?? new Map<string, unknown>();
    if (options.atomic) this.#atomic = options.atomic;
    else if (store instanceof Map) this.#atomic = mapAtomic(store);
    else throw new StoreError('STORE_OPTION_INVALID', 'a store over a keyv adapter needs the atomic operations of its backend');
    this.#keyv = new Keyv({
      store,
      // Keyv's own prefixing stays off: it leaves keys alone that already start with
      // `<namespace>:`, so a store namespace equal to its namespace would collide, and
      // @keyv/redis would add a second `::` prefix of its own on top.
      namespace: undefined,
      useKeyPrefix: false,
      // Plain JSON rather than @keyv/serialize's ':'-escaping dialect, so rows are readable
      // by any tool, and a value JSON cannot encode is told apart from a failing backend.
      serialize: (data) => {
        try {
          return JSON.stringify(data);
        } catch (error) {
          throw new UnserialisableValue(messageOf(error), { cause: error });
        }
      },
      deserialize: (text) => JSON.parse(text),
      throwOnErrors: true,
    });
    const onError = options.onError;
    // Keyv forwards adapter and driver errors here. The last one is kept because adapters
    // often emit the driver's error and then throw a generic one of their own.
    this.#keyv.on('error', (error: unknown) => {
      this.#errorCount += 1;
      this.#lastError = error;
      onError?.(error);
    });
  }

  /** The value stored under `namespace`/`key`, or `undefined` if absent or expired. */
  async get<T>(namespace: string, key: string): Promise<T | undefined> {
    const backendKey = this.#key(namespace, key);
    const errorsBefore = this.#errorCount;
    try {
      return await this.#keyv.get<T>(backendKey);
    } catch (error) {
      throw this.#failure(`get ${namespace}/${key}`, error, errorsBefore);
    }
  }

  /** Stores a JSON-serialisable `value`; `ttlMs` is a positive number of milliseconds. */
  async set<T>(namespace: string, key: string, value: T, ttlMs?: number): Promise<void> {
    const backendKey = this.#key(namespace, key);
    this.#validate(namespace, key, value, ttlMs);
    const errorsBefore = this.#errorCount;
    let stored: boolean;
    try {
      // Redis takes whole milliseconds only (PX).
      stored = await this.#keyv.set(backendKey, value, ttlMs === undefined ? undefined : Math.ceil(ttlMs));
    } catch (error) {
      if (error instanceof UnserialisableValue) throw this.#invalid(namespace, key, error);
      throw this.#failure(`set ${namespace}/${key}`, error, errorsBefore);
    }
    if (!stored) throw this.#failure(`set ${namespace}/${key}`, undefined, errorsBefore);
  }

  /** Stores `value` unless a live entry is there, atomically in the backend; `true` when stored. */
  async add<T>(namespace: string, key: string, value: T, ttlMs?: number): Promise<boolean> {
    const backendKey = this.#key(namespace, key);
    const ttl = this.#validate(namespace, key, value, ttlMs);
    const now = Date.now();
    const text = this.#envelope(namespace, key, value, ttl, now);
    const errorsBefore = this.#errorCount;
    try {
      return await this.#atomic.add(backendKey, text, ttl, now);
    } catch (error) {
      throw this.#failure(`add ${namespace}/${key}`, error, errorsBefore);
    }
  }

  /**
   * Atomic read-modify-write by compare-and-swap: reads the entry, applies `change`, and
   * writes only if the entry is still what was read, else starts again with the newer value.
   */
  async update<T>(
    namespace: string,
    key: string,
    change: (current: T | undefined) => T | undefined,
    ttlMs?: number,
  ): Promise<T | undefined> {
    const backendKey = this.#key(namespace, key);
    if (ttlMs !== undefined) this.#validate(namespace, key, null, ttlMs);
    const ttl = ttlMs === undefined ? undefined : Math.ceil(ttlMs);
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt += 1) {
      const errorsBefore = this.#errorCount;
      let raw: string | undefined;
      try {
        raw = await this.#atomic.read(backendKey);
      } catch (error) {
        throw this.#failure(`update ${namespace}/${key}`, error, errorsBefore);
      }
      const now = Date.now();
      const live = raw !== undefined && !envelopeExpired(raw, now);
      const current = live ? (JSON.parse(raw as string) as { value: T }).value : undefined;
      const next = change(current);
      if (next !== undefined) this.#validate(namespace, key, next, ttl);
      const text = next === undefined ? undefined : this.#envelope(namespace, key, next, ttl, now);
      if (raw === undefined && text === undefined) return undefined;
      try {
        if (await this.#atomic.swap(backendKey, raw, text, ttl)) return next;
      } catch (error) {
        throw this.#failure(`update ${namespace}/${key}`, error, errorsBefore);
      }
    }
    throw new StoreError(
      'STORE_CONFLICT',
      `store ${this.#label}: update ${namespace}/${key} gave up after ${UPDATE_ATTEMPTS} attempts: other writers kept changing it`,
    );
  }

  /** Removes the entry; resolves `true` when there was one. */
  async delete(namespace: string, key: string): Promise<boolean> {
    const backendKey = this.#key(namespace, key);
    const errorsBefore = this.#errorCount;
    try {
      return await this.#keyv.delete(backendKey);
    } catch (error) {
      throw this.#failure(`delete ${namespace}/${key}`, error, errorsBefore);
    }
  }

  /**
   * One cheap round trip to the backend (a read of a key no entry can have), so a
   * misconfigured backend fails at start-up rather than at the first command.
   */
  async ping(): Promise<void> {
    this.#assertOpen();
    const errorsBefore = this.#errorCount;
    try {
      await this.#keyv.get(`${this.#prefix}:`);
    } catch (error) {
      throw new StoreError(
        'STORE_UNAVAILABLE',
        `store ${this.#label} is unavailable: ${this.#detail(error, errorsBefore)}`,
        { cause: error },
      );
    }
  }

  /** Releases connections and file handles; later calls resolve at once. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const errorsBefore = this.#errorCount;
    try {
      await this.#keyv.disconnect();
    } catch (error) {
      throw this.#failure('close', error, errorsBefore);
    }
  }

  /** Checks a value and TTL as `set` takes them; the TTL in whole milliseconds. */
  #validate(namespace: string, key: string, value: unknown, ttlMs: number | undefined): number | undefined {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
      throw new StoreError(
        'STORE_VALUE_INVALID',
        `cannot store ${typeof value} under ${namespace}/${key}: values must be JSON`,
      );
    }
    if (ttlMs !== undefined && !(Number.isFinite(ttlMs) && ttlMs > 0)) {
      throw new StoreError(
        'STORE_VALUE_INVALID',
        `invalid TTL ${ttlMs} for ${namespace}/${key}: use a positive number of milliseconds, or none`,
      );
    }
    return ttlMs === undefined ? undefined : Math.ceil(ttlMs);
  }

  /** The row text keyv itself would write for `value`, so `get` reads it back. */
  #envelope(namespace: string, key: string, value: unknown, ttlMs: number | undefined, now: number): string {
    try {
      return JSON.stringify({ value, expires: ttlMs === undefined ? undefined : now + ttlMs });
    } catch (error) {
      throw this.#invalid(namespace, key, new UnserialisableValue(messageOf(error), { cause: error }));
    }
  }

  #invalid(namespace: string, key: string, error: UnserialisableValue): StoreError {
    return new StoreError('STORE_VALUE_INVALID', `cannot store the value under ${namespace}/${key}: ${error.message}`, {
      cause: error.cause,
    });
  }

  #key(namespace: string, key: string): string {
    this.#assertOpen();
    return `${this.#prefix}:${encodeURIComponent(namespace)}:${key}`;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreError('STORE_CLOSED', `store ${this.#label} is closed`);
  }

  #failure(operation: string, error: unknown, errorsBefore: number): StoreError {
    return new StoreError(
      'STORE_UNAVAILABLE',
      `store ${this.#label}: ${operation} failed: ${this.#detail(error, errorsBefore)}`,
      { cause: error ?? this.#lastError },
    );
  }

  /**
   * The most specific description of a failure. Adapters often emit the driver's error
   * (`ECONNREFUSED 127.0.0.1:6379`) and then throw a generic one, so an error emitted
   * during the operation wins over the thrown one.
   */
  #detail(error: unknown, errorsBefore: number): string {
    const emitted = this.#errorCount > errorsBefore ? this.#lastError : undefined;
    const text = messageOf(emitted ?? error ?? 'the backend reported no success');
    return this.#secrets.reduce((scrubbed, secret) => scrubbed.replaceAll(secret, '***'), text);
  }
}

function messageOf(error: unknown): string {
  // Node reports a refused connection to a name with several addresses as an
  // AggregateError whose own message is empty.
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(messageOf))].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}
