import { Keyv, type KeyvStoreAdapter } from 'keyv';
import { StoreError } from '../errors.js';
import type { Store } from './store.js';

/** How a {@link KeyvStore} is built; every field is optional. */
export interface KeyvStoreOptions {
  /** Where entries live: a keyv storage adapter. Omitted means an in-process `Map`. */
  adapter?: KeyvStoreAdapter | Map<string, unknown>;
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

/** Thrown from the serializer so `set` can tell a bad value from a failing backend. */
class UnserialisableValue extends Error {}

/**
 * A {@link Store} over one `Keyv` instance. Backend keys are `<prefix>:<namespace>:<key>`
 * with prefix and namespace URI-encoded, so neither can contain the `:` that separates
 * them from the key (namespace `a:b` + key `c` and namespace `a` + key `b:c` stay apart).
 */
export class KeyvStore implements Store {
  readonly #keyv: Keyv;
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
    this.#keyv = new Keyv({
      store: options.adapter ?? new Map<string, unknown>(),
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
    const errorsBefore = this.#errorCount;
    let stored: boolean;
    try {
      // Redis takes whole milliseconds only (PX).
      stored = await this.#keyv.set(backendKey, value, ttlMs === undefined ? undefined : Math.ceil(ttlMs));
    } catch (error) {
      if (error instanceof UnserialisableValue) {
        throw new StoreError(
          'STORE_VALUE_INVALID',
          `cannot store the value under ${namespace}/${key}: ${error.message}`,
          { cause: error.cause },
        );
      }
      throw this.#failure(`set ${namespace}/${key}`, error, errorsBefore);
    }
    if (!stored) throw this.#failure(`set ${namespace}/${key}`, undefined, errorsBefore);
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
