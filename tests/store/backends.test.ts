import { createHook } from 'node:async_hooks';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StoreError } from '../../src/errors.js';
import { type CreateStoreOptions, createStore } from '../../src/store/create-store.js';
import { storeContract } from './store-contract.js';

const redisUrl = process.env.TEST_REDIS_URL;
const postgresUrl = process.env.TEST_POSTGRES_URL;
// Parallel runs against the same Redis database or PostgreSQL database must not meet.
const runId = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

if (!redisUrl) console.warn('TEST_REDIS_URL not set: Redis store contract skipped');
if (!postgresUrl) console.warn('TEST_POSTGRES_URL not set: PostgreSQL store contract skipped');

storeContract('KeyvStore over memory', () => createStore('memory://'), { persistent: false });

describe('SQLite', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-store-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  storeContract('KeyvStore over SQLite', () => createStore(`sqlite://${path.join(dir, 'contract.sqlite')}`));
});

/** A loopback TCP proxy in front of a real server, so a test can take the server away. */
interface Proxy {
  /** `target` with host and port pointing at the proxy. */
  url: string;
  /** Stops accepting connections and drops the open ones. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  /** Shuts the proxy down for good. */
  close(): Promise<void>;
}

async function startProxy(target: string, defaultPort: number): Promise<Proxy> {
  const upstream = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const backend = net.connect(Number(upstream.port || defaultPort), upstream.hostname);
    for (const socket of [client, backend]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(backend).pipe(client);
    client.on('close', () => backend.destroy());
    backend.on('close', () => client.destroy());
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await listen(0);
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.href,
    cut: stop,
    restore: () => listen(port),
    close: async () => (server.listening ? stop() : undefined),
  };
}

/** The server going away must reject operations, not crash the process, and not be final. */
function outageTest(target: () => string, defaultPort: number, options: CreateStoreOptions): void {
  it('rejects with STORE_UNAVAILABLE while the server is gone, reports it to onError, and recovers', async () => {
    const proxy = await startProxy(target(), defaultPort);
    const errors: unknown[] = [];
    const store = await createStore(proxy.url, { ...options, onError: (error) => errors.push(error) });
    try {
      await store.set('outage', 'k', 'kept');
      await proxy.cut();
      // The idle connection dropping is reported as an event, between operations; pg's pool
      // emits it with no listener of its own, which would crash the process.
      await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), { timeout: 2000, interval: 10 });
      await expect(store.get('outage', 'k')).rejects.toMatchObject({ name: 'StoreError', code: 'STORE_UNAVAILABLE' });

      await proxy.restore();
      await vi.waitFor(async () => expect(await store.get('outage', 'k')).toBe('kept'), { timeout: 5000, interval: 50 });
    } finally {
      await store.close();
      await proxy.close();
    }
  });
}

describe.skipIf(!redisUrl)('Redis', () => {
  const prefix = `newsroom-test-${runId}`;

  afterAll(async () => {
    const { createClient } = await import('@keyv/redis');
    const client = createClient({ url: redisUrl });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const keys: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) keys.push(...batch);
      if (keys.length > 0) await client.unlink(keys);
    } finally {
      await client.close();
    }
  });

  storeContract('KeyvStore over Redis', () => createStore(redisUrl ?? '', { prefix }));
  outageTest(() => redisUrl ?? '', 6379, { prefix });
});

describe.skipIf(!postgresUrl)('PostgreSQL', () => {
  const table = `newsroom_test_${runId}`;

  afterAll(async () => {
    const { KeyvPostgres } = await import('@keyv/postgres');
    const admin = new KeyvPostgres({ uri: postgresUrl, table });
    admin.on('error', () => undefined);
    try {
      await admin.query(`DROP TABLE IF EXISTS ${table}`);
    } finally {
      await admin.disconnect();
    }
  });

  storeContract('KeyvStore over PostgreSQL', () => createStore(postgresUrl ?? '', { table }));
  outageTest(() => postgresUrl ?? '', 5432, { table });
});

/** A loopback port that nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}

/**
 * Records the sockets and timers created from now on that are still alive; a store that
 * keeps retrying in the background always holds one of them.
 */
function trackHandles(): { stop(): void; alive(): string[] } {
  const live = new Map<number, string>();
  const hook = createHook({
    init(asyncId, type) {
      if (type === 'TCPWRAP' || type === 'TCPCONNECTWRAP' || type === 'Timeout') live.set(asyncId, type);
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  }).enable();
  return { stop: () => hook.disable(), alive: () => [...live.values()] };
}

/**
 * The tracked handles still alive once there are none or a second has passed: a destroyed
 * socket is released a moment later, hence the poll. It yields with setImmediate, as a timer
 * of its own would be tracked.
 */
async function handlesLeft(tracker: { stop(): void; alive(): string[] }): Promise<string[]> {
  const deadline = Date.now() + 1000;
  while (tracker.alive().length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  tracker.stop();
  return tracker.alive();
}

async function storeErrorOf(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('createStore', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-create-store-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rejects an unknown scheme with STORE_URL_INVALID naming the URL and the accepted schemes', async () => {
    const error = await storeErrorOf(createStore('mongodb://db.example/newsroom'));
    expect(error.code).toBe('STORE_URL_INVALID');
    expect(error.message).toContain('mongodb://db.example/newsroom');
    for (const scheme of ['memory://', 'sqlite://', 'redis://', 'rediss://', 'postgres://', 'postgresql://']) {
      expect(error.message).toContain(scheme);
    }
  });

  it('rejects a string without a scheme with STORE_URL_INVALID', async () => {
    const error = await storeErrorOf(createStore('./data/newsroom.sqlite'));
    expect(error.code).toBe('STORE_URL_INVALID');
    expect(error.message).toContain('./data/newsroom.sqlite');
  });

  it('replaces the password with *** in the message for a rejected URL', async () => {
    const error = await storeErrorOf(createStore('mongodb://editor:s3cr%40t@db.example/newsroom'));
    expect(error.message).toContain('mongodb://editor:***@db.example/newsroom');
    expect(error.message).not.toContain('s3cr');
  });

  it('rejects a table name that is not a plain SQL identifier with STORE_OPTION_INVALID', async () => {
    const error = await storeErrorOf(createStore('memory://', { table: 'x; DROP TABLE y' }));
    expect(error.code).toBe('STORE_OPTION_INVALID');
  });

  it('opens a working in-memory store for memory://', async () => {
    const store = await createStore('memory://');
    await store.set('story', 'k', { ok: true });
    expect(await store.get('story', 'k')).toStrictEqual({ ok: true });
    await store.close();
  });

  it('creates the missing parent directories of an absolute sqlite:/// path', async () => {
    const file = path.join(dir, 'absolute', 'nested', 'newsroom.sqlite');
    expect(`sqlite://${file}`).toMatch(/^sqlite:\/\/\//);
    const store = await createStore(`sqlite://${file}`);
    await store.set('story', 'k', 'v');
    await store.close();
    expect(fs.statSync(file).isFile()).toBe(true);
  });

  it('resolves a relative sqlite:// path against the working directory', async () => {
    const file = path.join(dir, 'relative', 'newsroom.sqlite');
    const relative = `./${path.relative(process.cwd(), file)}`;
    const store = await createStore(`sqlite://${relative}`);
    await store.close();
    expect(fs.statSync(file).isFile()).toBe(true);
  });

  it('fails with STORE_UNAVAILABLE when the parent directory cannot be created', async () => {
    const blocker = path.join(dir, 'not-a-directory');
    fs.writeFileSync(blocker, '');
    const error = await storeErrorOf(createStore(`sqlite://${path.join(blocker, 'newsroom.sqlite')}`));
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.message).toContain(blocker);
  });

  it('fails with STORE_UNAVAILABLE when SQLite cannot open the file', async () => {
    const directory = path.join(dir, 'a-directory.sqlite');
    fs.mkdirSync(directory);
    const error = await storeErrorOf(createStore(`sqlite://${directory}`));
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.message).toContain(directory);
    expect(error.message).toContain('SQLITE_CANTOPEN');
  });

  it(
    'fails with STORE_UNAVAILABLE, password redacted, when Redis is not listening, and does not keep retrying',
    async () => {
      const port = await closedPort();
      const tracker = trackHandles();
      const error = await storeErrorOf(createStore(`redis://newsroom:hunter2@127.0.0.1:${port}/0`));
      expect(error.code).toBe('STORE_UNAVAILABLE');
      expect(error.message).toContain(`redis://newsroom:***@127.0.0.1:${port}/0`);
      expect(error.message).toContain('ECONNREFUSED');
      expect(error.message).not.toContain('hunter2');
      expect(await handlesLeft(tracker)).toStrictEqual([]);
    },
    10_000,
  );

  it(
    'fails with STORE_UNAVAILABLE, password redacted, when PostgreSQL is not listening',
    async () => {
      const port = await closedPort();
      const tracker = trackHandles();
      const error = await storeErrorOf(createStore(`postgres://newsroom:hunter2@127.0.0.1:${port}/newsroom`));
      expect(error.code).toBe('STORE_UNAVAILABLE');
      expect(error.message).toContain(`postgres://newsroom:***@127.0.0.1:${port}/newsroom`);
      expect(error.message).toContain('ECONNREFUSED');
      expect(error.message).not.toContain('hunter2');
      expect(await handlesLeft(tracker)).toStrictEqual([]);
    },
    10_000,
  );
});
