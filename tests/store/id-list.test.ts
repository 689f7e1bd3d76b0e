import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.js';
import { prependId, readIds } from '../../src/store/id-list.js';
import type { Store } from '../../src/store/store.js';

let store: Store;

beforeEach(async () => {
  store = await createStore('memory://');
});

afterEach(() => store.close());

describe('prependId', () => {
  const list = { namespace: 'index', key: 'test', max: 3 };

  it('keeps the newest ids first, moves a repeated id to the front, and drops the oldest', async () => {
    for (const id of ['a', 'b', 'c', 'a', 'd']) await prependId(store, list, id);
    expect(await readIds(store, list)).toEqual(['d', 'a', 'c']);
  });

  it('loses no id when many are added at once', async () => {
    await Promise.all(['a', 'b', 'c'].map((id) => prependId(store, { ...list, max: 10 }, id)));
    expect((await readIds(store, { ...list, max: 10 })).sort()).toEqual(['a', 'b', 'c']);
  });
});
