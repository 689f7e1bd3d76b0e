import { StoreError } from '../errors.js';

/** How {@link boundStore} bounds a store. */
export interface BoundStoreOptions {
  /** Milliseconds each call may take before it rejects with `STORE_TIMEOUT`. */
  timeoutMs: number;
  /** The backend as shown in messages, credentials already removed. */
  label: string;
  /**
   * Drops the backend's connections at once. Called when `close()` itself does not finish in
   * time (a server that never answers QUIT), so no socket keeps the process alive; `close()`
   * then resolves.
   */
  destroy?: () => void;
}

/**
 * The same store, with every method call bounded: a call that has not settled after
 * `timeoutMs` rejects with a {@link StoreError} `STORE_TIMEOUT` naming the operation, and
 * the call itself is left to the driver (which keeps its own reconnection). Every function
 * property is bounded, including methods added to `Store` later and extras such as
 * `KeyvStore.ping`, so there is no list to keep in step.
 */
export function boundStore<S extends object>(store: S, options: BoundStoreOptions): S {
  const wrappers = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(property);
      if (wrapper === undefined) {
        const method = value as (...args: unknown[]) => unknown;
        const name = String(property);
        wrapper = (...args: unknown[]): unknown => {
          // Called on the target itself: its private fields are not reachable through the proxy.
          const result = method.apply(target, args);
          if (!isPromiseLike(result)) return result;
          return name === 'close' ? closeWithin(result, options) : within(result, operation(name, args), options);
        };
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}

/** `get stories/abc`: the method and its leading string arguments, as the store's own errors name them. */
function operation(name: string, args: unknown[]): string {
  const path: string[] = [];
  for (const arg of args.slice(0, 2)) {
    if (typeof arg !== 'string') break;
    path.push(arg);
  }
  return path.length > 0 ? `${name} ${path.join('/')}` : name;
}

function within<T>(call: PromiseLike<T>, what: string, options: BoundStoreOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new StoreError(
          'STORE_TIMEOUT',
          `store ${options.label}: ${what} got no answer within ${options.timeoutMs} ms (STORE_TIMEOUT_MS)`,
        ),
      );
    }, options.timeoutMs);
    call.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function closeWithin(call: PromiseLike<unknown>, options: BoundStoreOptions): Promise<void> {
  try {
    await within(call, 'close', options);
  } catch (error) {
    if (!(error instanceof StoreError && error.code === 'STORE_TIMEOUT')) throw error;
    options.destroy?.();
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
