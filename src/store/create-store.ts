import { mkdir } from 'node:fs/promises';
import { Socket } from 'node:net';
import path from 'node:path';
import type { KeyvStoreAdapter } from 'keyv';
import { StoreError } from '../errors.js';
import type { AtomicBackend } from './atomic-backend.js';
import { boundStore } from './bounded-store.js';
import { KeyvStore } from './keyv-store.js';
import { type RedisCommands, redisAtomic } from './redis-atomic.js';
import { sqlAtomic } from './sql-atomic.js';
import type { Store } from './store.js';

/** Tuning for {@link createStore}; every field is optional. */
export interface CreateStoreOptions {
  /**
   * First segment of every backend key, so several stores (or test runs) can share one
   * Redis database or table. Default `newsroom`.
   */
  prefix?: string;
  /**
   * Table for SQLite and PostgreSQL: letters, digits and `_`, not starting with a digit.
   * Default {@link DEFAULT_TABLE}.
   */
  table?: string;
  /** How long to wait for a Redis or PostgreSQL connection, in ms. Default 5000. */
  connectTimeoutMs?: number;
  /**
   * Milliseconds any one store call (the check at open included) may take before it fails
   * with `STORE_TIMEOUT`: a server that accepts connections but never answers. Default 5000.
   */
  timeoutMs?: number;
  /** Called with each error the backend reports as an event, e.g. a connection dropped between commands. */
  onError?: (error: unknown) => void;
}

/** The store URL the app uses when none is configured. */
export const DEFAULT_STORE_URL = 'sqlite://./data/newsroom.sqlite';

/** The SQLite / PostgreSQL table used when no `table` option is given. */
export const DEFAULT_TABLE = 'newsroom_store';

const ACCEPTED_SCHEMES = 'memory://, sqlite://<path>, redis://, rediss://, postgres://, postgresql://';
const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
const DEFAULT_TIMEOUT_MS = 5000;
// Keys are `<prefix>:<namespace>:<key>`; 255 (the adapters' default) is tight for result keys.
const KEY_SIZE = 512;

/**
 * Whether the store a URL names serves one process only: `memory://` lives in the process,
 * and SQLite's file is not shared by replicas on different machines (nor meant to be by
 * several processes on one). Redis and PostgreSQL are the stores for several instances.
 */
export function isSingleProcessStore(url: string): boolean {
  return /^(?:memory|sqlite):/iu.test(url);
}

/**
 * Builds a store's keyv adapter, and the backend's atomic operations over the same
 * connection and rows, once the backend package is loaded.
 */
type AdapterFactory = () => { adapter: KeyvStoreAdapter; atomic: AtomicBackend };

/** A loaded backend: its label, its adapter, and how to drop its connections at once. */
interface Backend {
  label: string;
  adapter: AdapterFactory;
  /** Destroys every connection without a goodbye, for a server that never answers one. */
  destroy?: () => void;
}

/**
 * Opens the store a URL names and checks it with one round trip, so a wrong host, port,
 * password or path fails here with a {@link StoreError} rather than at the first command.
 * Every call of the returned store, and that first round trip, is bounded by `timeoutMs`
 * (see `bounded-store.ts`).
 *
 * - `memory://` — in-process, lost on exit.
 * - `sqlite://relative/path.sqlite` (relative to the working directory) or
 *   `sqlite:///absolute/path.sqlite`; the parent directory is created.
 * - `redis://…`, `rediss://…` — via `@keyv/redis`.
 * - `postgres://…`, `postgresql://…` — via `@keyv/postgres`, table {@link DEFAULT_TABLE}.
 *
 * Error messages show the URL with its password replaced by `***`.
 * @throws StoreError `STORE_URL_INVALID` for an unusable URL, `STORE_OPTION_INVALID` for a
 *   bad option, `STORE_UNAVAILABLE` when the backend cannot be reached or opened,
 *   `STORE_TIMEOUT` when it does not answer the first round trip in time.
 */
export async function createStore(url: string, options: CreateStoreOptions = {}): Promise<Store> {
  const { label, secrets } = redact(url);
  const table = options.table ?? DEFAULT_TABLE;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)) {
    throw new StoreError(
      'STORE_OPTION_INVALID',
      `invalid store table name "${table}": use letters, digits and _, not starting with a digit`,
    );
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const common = { prefix: options.prefix, secrets, onError: options.onError };

  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  let backend: Backend;
  switch (scheme) {
    case 'memory':
      return boundStore(new KeyvStore({ ...common, label }), { timeoutMs, label });
    case 'sqlite':
      backend = await sqliteBackend(url, label, table);
      break;
    case 'redis':
    case 'rediss':
      backend = await redisBackend(url, label, connectTimeoutMs);
      break;
    case 'postgres':
    case 'postgresql':
      backend = await postgresBackend(url, label, table, connectTimeoutMs);
      break;
    default:
      throw new StoreError(
        'STORE_URL_INVALID',
        `unsupported store URL "${label}": expected one of ${ACCEPTED_SCHEMES}`,
      );
  }

  // The adapter starts connecting as soon as it exists; KeyvStore attaches the error
  // listener in the same synchronous step, before any connection error can be emitted.
  const store = boundStore(new KeyvStore({ ...common, label: backend.label, ...backend.adapter() }), {
    timeoutMs,
    label: backend.label,
    ...(backend.destroy ? { destroy: backend.destroy } : {}),
  });
  try {
    await store.ping();
  } catch (error) {
    await store.close().catch(() => undefined);
    if (error instanceof StoreError && error.code === 'STORE_TIMEOUT') {
      throw new StoreError(
        'STORE_TIMEOUT',
        `store ${backend.label} (STORE_URL) gave no answer within ${timeoutMs} ms (STORE_TIMEOUT_MS): is the server up, and is it the right one?`,
        { cause: error },
      );
    }
    throw error;
  }
  return store;
}

async function sqliteBackend(
  url: string,
  label: string,
  table: string,
): Promise<Backend> {
  const match = /^sqlite:\/\/(.+)$/is.exec(url);
  if (!match?.[1]) {
    throw new StoreError(
      'STORE_URL_INVALID',
      `invalid SQLite store URL "${label}": expected sqlite://relative/path.sqlite or sqlite:///absolute/path.sqlite`,
    );
  }
  const file = match[1] === ':memory:' ? match[1] : path.resolve(match[1]);
  const fileLabel = `sqlite://${file}`;
  if (file !== ':memory:') {
    try {
      await mkdir(path.dirname(file), { recursive: true });
    } catch (error) {
      throw new StoreError(
        'STORE_UNAVAILABLE',
        `store ${fileLabel} is unavailable: cannot create its directory: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const { KeyvSqlite } = await loadPackage('@keyv/sqlite', () => import('@keyv/sqlite'));
  return {
    label: fileLabel,
    adapter: () => {
      const adapter = new KeyvSqlite({ uri: fileLabel, table, keySize: KEY_SIZE, busyTimeout: 5000 });
      const query = (sql: string, params: unknown[]) => adapter.query(sql, ...params) as Promise<unknown[]>;
      return { adapter, atomic: sqlAtomic(query, 'sqlite', table) };
    },
  };
}

async function redisBackend(url: string, label: string, connectTimeoutMs: number): Promise<Backend> {
  assertParsable(url, label);
  const { default: KeyvRedis, createClient } = await loadPackage('@keyv/redis', () => import('@keyv/redis'));
  let client: ReturnType<typeof createClient>;
  let everReady = false;
  try {
    client = createClient({
      url,
      // While disconnected, commands fail at once instead of queueing until Redis is back.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: connectTimeoutMs,
        // A connection that never worked (wrong host, port, password) is not retried, so
        // start-up fails instead of looping; one that dropped later is retried until close().
        reconnectStrategy: (retries: number) => (everReady ? Math.min(100 * 2 ** retries, 2000) : false),
      },
    });
  } catch (error) {
    throw new StoreError('STORE_URL_INVALID', `invalid Redis store URL "${label}": ${(error as Error).message}`, {
      cause: error,
    });
  }
  client.on('ready', () => {
    everReady = true;
  });
  return {
    label,
    adapter: () => ({
      adapter: new KeyvRedis(client, { throwOnErrors: true, throwOnConnectError: true }),
      // node-redis's generated command types are far wider than the three commands used.
      atomic: redisAtomic(client as unknown as RedisCommands),
    }),
    destroy: () => {
      try {
        client.destroy();
      } catch {
        // Already closed: nothing left to drop.
      }
    },
  };
}

async function postgresBackend(
  url: string,
  label: string,
  table: string,
  connectTimeoutMs: number,
): Promise<Backend> {
  assertParsable(url, label);
  const { KeyvPostgres } = await loadPackage('@keyv/postgres', () => import('@keyv/postgres'));
  const { default: pg } = await loadPackage('pg', () => import('pg'));
  const { Pool } = pg;
  // pg ends a pool only once its queries finish, which a server that never answers never
  // lets happen; the store keeps the sockets so it can drop them itself.
  const sockets = new Set<Socket>();
  const stream = (): Socket => {
    const socket = new Socket();
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    return socket;
  };
  const destroy = (): void => {
    for (const socket of sockets) socket.destroy();
  };

  const createAdapter: AdapterFactory = () => {
    // @keyv/postgres keeps one module-wide pool per URI and ends it on any instance's
    // disconnect(), which would break every other store on the same URI, and it attaches
    // no 'error' listener to the pool, so an idle connection dropped by the server would
    // crash the process. Each store therefore owns its pool.
    const pool = new Pool({
      connectionString: url,
      connectionTimeoutMillis: connectTimeoutMs,
      application_name: 'newsroom',
      stream,
    });
    class OwnPoolPostgres extends KeyvPostgres {
      override async connect(): Promise<(sql: string, values?: unknown) => Promise<unknown[]>> {
        return async (sql, values) => (await pool.query(sql, values as unknown[] | undefined)).rows;
      }

      override async disconnect(): Promise<void> {
        await pool.end();
      }
    }
    const adapter = new OwnPoolPostgres({ table, keySize: KEY_SIZE });
    pool.on('error', (error) => adapter.emit('error', error));
    // Through the adapter's own query, which waits until it has created the table.
    const query = (sql: string, params: unknown[]) => adapter.query(sql, params) as Promise<unknown[]>;
    return { adapter, atomic: sqlAtomic(query, 'postgres', table) };
  };
  return { label, adapter: createAdapter, destroy };
}

function assertParsable(url: string, label: string): void {
  if (!URL.canParse(url)) {
    throw new StoreError('STORE_URL_INVALID', `invalid store URL "${label}": not a URL`);
  }
}

async function loadPackage<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new StoreError(
      'STORE_UNAVAILABLE',
      `this store URL needs the ${name} package, which could not be loaded: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * The URL with its password replaced by `***`, and the password itself (raw and decoded)
 * so it can be scrubbed from driver messages. Works on strings `URL` cannot parse too.
 */
function redact(url: string): { label: string; secrets: string[] } {
  const authorityStart = url.indexOf('://') + 3;
  if (authorityStart < 3) return { label: url, secrets: [] };
  const rest = url.slice(authorityStart);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  // As in the WHATWG parser, the last '@' ends the credentials; a password may contain '@'.
  const at = authority.lastIndexOf('@');
  const colon = authority.slice(0, Math.max(at, 0)).indexOf(':');
  if (at < 0 || colon < 0) return { label: url, secrets: [] };
  const password = authority.slice(colon + 1, at);
  if (password === '') return { label: url, secrets: [] };
  const label = `${url.slice(0, authorityStart)}${authority.slice(0, colon)}:***@${rest.slice(at + 1)}`;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A malformed escape: scrub the raw form only.
  }
  return { label, secrets: [password, decoded] };
}
