import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoreError } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';

/** How a backend differs from the full contract. */
export interface StoreContractOptions {
  /** Whether a fresh store over the same backend sees earlier writes. Default `true`. */
  persistent?: boolean;
}

/**
 * The behaviour every `Store` backend must show. `make` opens a new store over the same
 * backend each time it is called; stores it opened are closed after each test.
 */
export function storeContract(
  name: string,
  make: () => Promise<Store>,
  options: StoreContractOptions = {},
): void {
  const persistent = options.persistent ?? true;

  describe(name, () => {
    const opened: Store[] = [];
    async function open(): Promise<Store> {
      const store = await make();
      opened.push(store);
      return store;
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('get of a key that was never set resolves undefined', async () => {
      const store = await open();
      expect(await store.get('story', `missing-${Math.random()}`)).toBeUndefined();
    });

    it('round-trips nested JSON with unicode, numbers, booleans and null exactly', async () => {
      const store = await open();
      const value = {
        title: 'Zürich — “quoted” 日本語 😀 \u0000 \n\t lone surrogate \ud800',
        numbers: [0, -1, 3.141592653589793, 1e21, 5e-324, Number.MAX_SAFE_INTEGER],
        flags: { yes: true, no: false },
        nothing: null,
        nested: { deeper: { list: [null, '', ':colon-first', ':base64:AAAA', { k: [[]] }] } },
        empty: { object: {}, array: [] },
      };
      await store.set('story', 'nested', value);
      expect(await store.get('story', 'nested')).toStrictEqual(value);
    });

    it('round-trips top-level strings, numbers, booleans, arrays and null', async () => {
      const store = await open();
      const values: Record<string, unknown> = {
        string: 'plain “text” ✓',
        colon: ':starts-with-colon',
        number: -12.5,
        zero: 0,
        true: true,
        false: false,
        array: [1, 'two', null, { three: 3 }],
        null: null,
      };
      await Promise.all(Object.entries(values).map(([key, value]) => store.set('scalar', key, value)));
      for (const [key, value] of Object.entries(values)) {
        expect(await store.get('scalar', key), key).toStrictEqual(value);
      }
    });

    it('stores a copy: mutating the value after set does not change what get returns', async () => {
      const store = await open();
      const value = { list: [1, 2], inner: { n: 1 } };
      await store.set('story', 'copy', value);
      value.list.push(3);
      value.inner.n = 2;
      expect(await store.get('story', 'copy')).toStrictEqual({ list: [1, 2], inner: { n: 1 } });
    });

    it('set replaces the previous value', async () => {
      const store = await open();
      await store.set('story', 'overwrite', { version: 1, extra: 'gone after overwrite' });
      await store.set('story', 'overwrite', { version: 2 });
      expect(await store.get('story', 'overwrite')).toStrictEqual({ version: 2 });
    });

    it('delete resolves true when the entry existed, then false, and the entry is gone', async () => {
      const store = await open();
      await store.set('story', 'delete-me', 'x');
      expect(await store.delete('story', 'delete-me')).toBe(true);
      expect(await store.get('story', 'delete-me')).toBeUndefined();
      expect(await store.delete('story', 'delete-me')).toBe(false);
    });

    it('keeps the same key in two namespaces apart, for get and delete', async () => {
      const store = await open();
      await store.set('story', 'shared-key', 'story value');
      await store.set('result', 'shared-key', 'result value');
      expect(await store.get('story', 'shared-key')).toBe('story value');
      expect(await store.get('result', 'shared-key')).toBe('result value');

      expect(await store.delete('story', 'shared-key')).toBe(true);
      expect(await store.get('story', 'shared-key')).toBeUndefined();
      expect(await store.get('result', 'shared-key')).toBe('result value');
    });

    it('does not confuse namespace "a:b" + key "c" with namespace "a" + key "b:c"', async () => {
      const store = await open();
      await store.set('a:b', 'c', 'first');
      await store.set('a', 'b:c', 'second');
      expect(await store.get('a:b', 'c')).toBe('first');
      expect(await store.get('a', 'b:c')).toBe('second');

      expect(await store.delete('a', 'b:c')).toBe(true);
      expect(await store.get('a:b', 'c')).toBe('first');
    });

    it('does not confuse a namespace named like the key prefix with another namespace', async () => {
      // Keyv's own prefixing skips keys that already start with "<its namespace>:".
      const store = await open();
      await store.set('newsroom', 'x:y', 'namespace newsroom');
      await store.set('x', 'y', 'namespace x');
      expect(await store.get('newsroom', 'x:y')).toBe('namespace newsroom');
      expect(await store.get('x', 'y')).toBe('namespace x');
    });

    it('an entry with a TTL disappears after it; one with a long TTL stays', async () => {
      const store = await open();
      await store.set('result', 'short-lived', { v: 1 }, 150);
      await store.set('result', 'long-lived', { v: 2 }, 60_000);
      expect(await store.get('result', 'short-lived')).toStrictEqual({ v: 1 });

      // Backends expire lazily, so this polls rather than sleeping a fixed time.
      await vi.waitFor(
        async () => {
          expect(await store.get('result', 'short-lived')).toBeUndefined();
        },
        { timeout: 2000, interval: 25 },
      );
      expect(await store.get('result', 'long-lived')).toStrictEqual({ v: 2 });
    });

    it('rejects an unserialisable value or a non-positive TTL with STORE_VALUE_INVALID', async () => {
      const store = await open();
      await expect(store.set('story', 'bad', undefined)).rejects.toMatchObject({ code: 'STORE_VALUE_INVALID' });
      await expect(store.set('story', 'bad', { n: 1n })).rejects.toMatchObject({ code: 'STORE_VALUE_INVALID' });
      await expect(store.set('story', 'bad', 'v', 0)).rejects.toMatchObject({ code: 'STORE_VALUE_INVALID' });
      await expect(store.set('story', 'bad', 'v', Number.NaN)).rejects.toBeInstanceOf(StoreError);
      expect(await store.get('story', 'bad')).toBeUndefined();
    });

    it.skipIf(!persistent)('a fresh store over the same backend reads what an earlier one wrote', async () => {
      const writer = await open();
      await writer.set('story', 'persisted', { title: 'Überall', n: [1, null] });
      await writer.close();

      const reader = await open();
      expect(await reader.get('story', 'persisted')).toStrictEqual({ title: 'Überall', n: [1, null] });
    });

    it('50 concurrent sets of different keys are all readable afterwards', async () => {
      const store = await open();
      const keys = Array.from({ length: 50 }, (_, i) => `concurrent-${i}`);
      await Promise.all(keys.map((key, i) => store.set('result', key, { i, key })));
      const values = await Promise.all(keys.map((key) => store.get('result', key)));
      expect(values).toStrictEqual(keys.map((key, i) => ({ i, key })));
    });

    /** Stores over the same backend: separate connections where the backend has them. */
    async function several(n: number): Promise<Store[]> {
      if (!persistent) {
        const one = await open();
        return Array.from({ length: n }, () => one);
      }
      return Promise.all(Array.from({ length: n }, () => open()));
    }

    it('add stores a value only when the key is absent, and get reads it back', async () => {
      const store = await open();
      const key = `add-${Math.random()}`;
      expect(await store.add('event', key, { by: 'first' })).toBe(true);
      expect(await store.add('event', key, { by: 'second' })).toBe(false);
      expect(await store.get('event', key)).toStrictEqual({ by: 'first' });
      await store.set('event', key, 'overwritten');
      expect(await store.add('event', key, 'third')).toBe(false);
      expect(await store.get('event', key)).toBe('overwritten');
    });

    it('of 30 concurrent adds of one key through 3 stores, exactly one succeeds', async () => {
      const stores = await several(3);
      const key = `race-${Math.random()}`;
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => stores[i % 3]!.add('event', key, i, 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await stores[0]!.get('event', key)).toBe(winner);
    });

    it('add replaces an expired entry, and an added entry with a TTL expires', async () => {
      const store = await open();
      const key = `add-ttl-${Math.random()}`;
      expect(await store.add('event', key, 'short', 120)).toBe(true);
      expect(await store.add('event', key, 'blocked', 60_000)).toBe(false);
      await vi.waitFor(
        async () => {
          expect(await store.add('event', key, 'after', 60_000)).toBe(true);
        },
        { timeout: 2000, interval: 25 },
      );
      expect(await store.get('event', key)).toBe('after');
      await store.set('event', `${key}-set`, 'expiring', 120);
      await vi.waitFor(
        async () => {
          expect(await store.get('event', `${key}-set`)).toBeUndefined();
        },
        { timeout: 2000, interval: 25 },
      );
    });

    it('add rejects an unserialisable value or a non-positive TTL with STORE_VALUE_INVALID', async () => {
      const store = await open();
      await expect(store.add('event', 'bad', undefined)).rejects.toMatchObject({ code: 'STORE_VALUE_INVALID' });
      await expect(store.add('event', 'bad', { n: 1n })).rejects.toMatchObject({ code: 'STORE_VALUE_INVALID' });
      await expect(store.add('event', 'bad', 'v', -1)).rejects.toMatchObject({ code: 'STORE_VALUE_INVALID' });
      expect(await store.get('event', 'bad')).toBeUndefined();
    });

    it('update passes the current value (undefined when absent) and stores what change returns', async () => {
      const store = await open();
      const key = `update-${Math.random()}`;
      const seen: unknown[] = [];
      expect(
        await store.update<number[]>('channel', key, (ids) => {
          seen.push(ids);
          return [1, ...(ids ?? [])];
        }),
      ).toStrictEqual([1]);
      expect(await store.update<number[]>('channel', key, (ids) => [2, ...(ids ?? [])])).toStrictEqual([2, 1]);
      expect(seen).toStrictEqual([undefined]);
      expect(await store.get('channel', key)).toStrictEqual([2, 1]);
    });

    it('update returning undefined removes the entry; on an absent key it leaves it absent', async () => {
      const store = await open();
      const key = `update-delete-${Math.random()}`;
      await store.set('channel', key, 'x');
      expect(await store.update('channel', key, () => undefined)).toBeUndefined();
      expect(await store.get('channel', key)).toBeUndefined();
      expect(await store.update('channel', key, () => undefined)).toBeUndefined();
      expect(await store.get('channel', key)).toBeUndefined();
    });

    it('update treats an expired entry as absent and gives what it writes the TTL', async () => {
      const store = await open();
      const key = `update-ttl-${Math.random()}`;
      await store.update<number>('usage', key, () => 1, 120);
      expect(await store.get('usage', key)).toBe(1);
      await vi.waitFor(
        async () => {
          expect(await store.update<number>('usage', key, (n) => (n === undefined ? 10 : n + 1), 60_000)).toBe(10);
        },
        { timeout: 2000, interval: 25 },
      );
      expect(await store.get('usage', key)).toBe(10);
    });

    it('60 concurrent increments through 3 stores lose none', async () => {
      const stores = await several(3);
      const key = `counter-${Math.random()}`;
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          stores[i % 3]!.update<{ n: number; ids: number[] }>('usage', key, (c) => ({
            n: (c?.n ?? 0) + 1,
            ids: [...(c?.ids ?? []), i],
          })),
        ),
      );
      const final = await stores[1]!.get<{ n: number; ids: number[] }>('usage', key);
      expect(final?.n).toBe(60);
      expect([...(final?.ids ?? [])].sort((a, b) => a - b)).toStrictEqual(Array.from({ length: 60 }, (_, i) => i));
    });

    it('update rejects a change result that is not JSON with STORE_VALUE_INVALID and keeps the entry', async () => {
      const store = await open();
      const key = `update-bad-${Math.random()}`;
      await store.set('usage', key, 1);
      await expect(store.update('usage', key, () => ({ n: 1n }))).rejects.toMatchObject({ code: 'STORE_VALUE_INVALID' });
      expect(await store.get('usage', key)).toBe(1);
    });

    it('close() resolves, a second close() resolves, and later use rejects with STORE_CLOSED', async () => {
      const store = await open();
      await store.set('story', 'before-close', 1);
      await expect(store.close()).resolves.toBeUndefined();
      await expect(store.close()).resolves.toBeUndefined();
      await expect(store.get('story', 'before-close')).rejects.toMatchObject({
        name: 'StoreError',
        code: 'STORE_CLOSED',
      });
    });
  });
}
