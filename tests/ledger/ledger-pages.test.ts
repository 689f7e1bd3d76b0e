import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stance } from '../../src/engines/engine.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { createStore } from '../../src/store/create-store.js';
import { ledgerNamespaces } from '../../src/store/keys.js';
import type { Store } from '../../src/store/store.js';
import { buildStory } from '../../src/story/build-story.js';
import type { Story } from '../../src/story/story.js';
import { commitment, ledgerBackends } from '../helpers/ledger-stories.js';

// Issue #15: a write into an actor must not grow with the actor's history, and must stay
// atomic under concurrent writers, across the pages of the actor's index and while a story
// is being replaced by a new version.

const runId = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-ledger-pages-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const backends = ledgerBackends(dir);

/** Small pages, so a few dozen stories cross many page boundaries. */
const PAGE = 4;

/**
 * Story `i` (version `v`): `Britain` commits to `cut aid number i`; version 2, dated a day
 * later, also has France, and Britain changes its mind.
 */
function numbered(i: number, v: 1 | 2 = 1): { story: Story; commitments: ReturnType<typeof commitment>[] } {
  const uk = v === 1 ? `Britain will cut aid number ${i}.` : `Britain will not cut aid number ${i} after all.`;
  const text = v === 1 ? `${uk}\n` : `${uk} France will cut aid number ${i} instead.\n`;
  const url = `https://news.example/aid-${i}`;
  const story = buildStory({ text, meta: { url, canonicalUrl: url, publishedAt: `2026-08-${String(v + (i % 28)).padStart(2, '0')}T09:00:00.000Z` }, source: { kind: 'url', ref: url } });
  const stance: Stance = v === 1 ? 'commits' : 'refuses';
  const list = [commitment(text, 'Britain', `cut aid number ${i}`, stance, null, uk.slice(0, -1))];
  if (v === 2) list.push(commitment(text, 'France', `cut aid number ${i}`, 'commits', null, `France will cut aid number ${i} instead`));
  return { story, commitments: list };
}

/**
 * A replica's view of the shared store: it can be made to stall before or after its first
 * update of a namespace until `resume()`, so two replicas' writes interleave exactly as a test
 * needs. Every call goes to the real store; it also keeps the size of each value it writes.
 */
function replica(store: Store) {
  let gate: Promise<void> | undefined;
  let open = () => {};
  let before: string | undefined;
  let after: string | undefined;
  const written: number[] = [];
  const hold = () => {
    gate = new Promise<void>((resolve) => (open = resolve));
  };
  const view: Store = {
    get: async (ns, key) => (await gate, store.get(ns, key)),
    set: async (ns, key, value, ttl) => (await gate, written.push(JSON.stringify(value).length), store.set(ns, key, value, ttl)),
    delete: async (ns, key) => (await gate, store.delete(ns, key)),
    add: async (ns, key, value, ttl) => (await gate, written.push(JSON.stringify(value).length), store.add(ns, key, value, ttl)),
    async update<T>(ns: string, key: string, change: (current: T | undefined) => T | undefined, ttl?: number): Promise<T | undefined> {
      if (ns === before) {
        before = undefined;
        hold();
      }
      await gate;
      let size = 0;
      const result = await store.update<T>(ns, key, (current) => {
        const next = change(current);
        size = next === undefined ? 0 : JSON.stringify(next).length;
        return next;
      }, ttl);
      written.push(size);
      if (ns === after) {
        after = undefined;
        hold();
      }
      return result;
    },
    close: async () => {},
  };
  return {
    store: view,
    written,
    /** Stalls this replica just before its next update of `ns`. */
    stallBefore: (ns: string) => void (before = ns),
    /** Stalls this replica just after its next update of `ns`. */
    stallAfter: (ns: string) => void (after = ns),
    /** Resolves once the replica is stalled (its gate is closed). */
    stalled: async () => {
      while (!gate) await new Promise((r) => setImmediate(r));
    },
    resume: () => {
      gate = undefined;
      open();
    },
  };
}

describe.each(backends)('the paged ledger index on %s', (_name, url) => {
  let store: Store;
  let n = 0;
  const ws = () => `pages-${runId}-${n}`;
  beforeAll(async () => {
    if (!url) return;
    store = await createStore(url);
    return () => store.close();
  });
  const test = url ? it : it.skip;

  test('a write into an actor of 60 entries costs the same writes, of the same size, as into one of 12', async () => {
    n++;
    const meter = replica(store);
    const ledger = new Ledger(meter.store, { pageSize: PAGE });
    const cost: Record<number, { writes: number; bytes: number }> = {};
    for (let i = 0; i <= 60; i++) {
      meter.written.length = 0;
      await ledger.record(ws(), numbered(i).story, numbered(i).commitments);
      cost[i] = { writes: meter.written.length, bytes: meter.written.reduce((a, b) => a + b, 0) };
    }
    // 12 and 60 both open a new page; only the digits of the counters differ.
    expect(cost[60]!.writes).toBe(cost[12]!.writes);
    expect(Math.abs(cost[60]!.bytes - cost[12]!.bytes)).toBeLessThan(40);
    expect(Math.max(...meter.written)).toBeLessThan(2_000);
    const uk = await ledger.actor(ws(), 'Britain');
    expect(uk?.total).toBe(61);
    expect(uk?.entries).toHaveLength(61);
  });

  test('many writers at once into one actor lose nothing across page boundaries', async () => {
    n++;
    const ledger = new Ledger(store, { pageSize: PAGE });
    // Several replicas, each with its own writes in flight.
    const replicas = [ledger, new Ledger(store, { pageSize: PAGE }), new Ledger(store, { pageSize: PAGE })];
    await Promise.all(Array.from({ length: 41 }, (_, i) => replicas[i % 3]!.record(ws(), numbered(i).story, numbered(i).commitments)));
    const uk = await ledger.actor(ws(), 'Britain');
    expect(uk?.total).toBe(41);
    expect(new Set(uk?.entries.map((e) => e.action)).size).toBe(41);
    expect(await ledger.active(ws(), 10)).toEqual([{ actor: 'United Kingdom', entries: 41 }]);
  });

  test('versions replaced while other writers append: the index holds exactly the versions the story records hold', async () => {
    n++;
    const ledger = new Ledger(store, { pageSize: PAGE });
    for (let i = 0; i < 16; i++) await ledger.record(ws(), numbered(i).story, numbered(i).commitments);
    await Promise.all([
      ...Array.from({ length: 16 }, (_, i) => ledger.record(ws(), numbered(100 + i).story, numbered(100 + i).commitments)),
      ...Array.from({ length: 16 }, (_, i) => ledger.record(ws(), numbered(i, 2).story, numbered(i, 2).commitments)),
      // Both versions of these at the same moment: either may win, but one only.
      ...Array.from({ length: 8 }, (_, i) => ledger.record(ws(), numbered(200 + i, 2).story, numbered(200 + i, 2).commitments)),
      ...Array.from({ length: 8 }, (_, i) => ledger.record(ws(), numbered(200 + i).story, numbered(200 + i).commitments)),
    ]);
    const uk = await ledger.actor(ws(), 'Britain');
    const fr = await ledger.actor(ws(), 'France');
    expect(uk?.total).toBe(uk?.entries.length);
    expect(fr?.total).toBe(fr?.entries.length);
    const byStory = (list: typeof uk) => new Map(list!.entries.map((e) => [e.action, e]));
    const ukOf = byStory(uk);
    const frOf = byStory(fr);
    for (let i = 0; i < 16; i++) {
      expect(ukOf.get(`cut aid number ${i}`)?.stance).toBe('refuses');
      expect(frOf.has(`cut aid number ${i}`)).toBe(true);
      expect(ukOf.get(`cut aid number ${100 + i}`)?.stance).toBe('commits');
    }
    let seconds = 0;
    for (let i = 200; i < 208; i++) {
      const second = frOf.has(`cut aid number ${i}`);
      seconds += Number(second);
      expect(ukOf.get(`cut aid number ${i}`)?.stance).toBe(second ? 'refuses' : 'commits');
    }
    expect(uk?.total).toBe(40);
    expect(fr?.total).toBe(16 + seconds);
    expect(await ledger.active(ws(), 10)).toEqual([
      { actor: 'United Kingdom', entries: 40 },
      { actor: 'France', entries: 16 + seconds },
    ]);
  });

  /**
   * Two versions of story 0 recorded at once: replica A's first version stalls at its story
   * record (`stall` says whether before or after writing it) while the other replica records
   * the second version; then A goes on. Returns the other replica's ledger.
   */
  async function raceTwoVersions(stall: 'stallBefore' | 'stallAfter'): Promise<Ledger> {
    n++;
    const a = replica(store);
    const first = new Ledger(a.store, { pageSize: PAGE });
    const second = new Ledger(store, { pageSize: PAGE });
    for (let i = 1; i < 6; i++) await second.record(ws(), numbered(i).story, numbered(i).commitments);
    a[stall](ledgerNamespaces.ledgerStory);
    const late = first.record(ws(), numbered(0).story, numbered(0).commitments);
    await a.stalled();
    await second.record(ws(), numbered(0, 2).story, numbered(0, 2).commitments);
    a.resume();
    await late;
    return second;
  }

  test('two versions at the same moment: a replica that wrote the story record first and its index last does not win the index', async () => {
    const second = await raceTwoVersions('stallAfter');
    const uk = await second.actor(ws(), 'Britain');
    expect(uk?.entries.find((e) => e.action === 'cut aid number 0')?.stance).toBe('refuses');
    expect(uk?.total).toBe(6);
    expect(uk?.entries).toHaveLength(6);
    expect((await second.actor(ws(), 'France'))?.total).toBe(1);
    expect(await second.active(ws(), 10)).toEqual([{ actor: 'United Kingdom', entries: 6 }, { actor: 'France', entries: 1 }]);
  });

  test('two versions at the same moment: a replica that wrote the story record last wins the index', async () => {
    const second = await raceTwoVersions('stallBefore');
    const uk = await second.actor(ws(), 'Britain');
    expect(uk?.entries.find((e) => e.action === 'cut aid number 0')?.stance).toBe('commits');
    expect(uk?.total).toBe(6);
    expect(uk?.entries).toHaveLength(6);
    expect((await second.actor(ws(), 'France'))?.total ?? 0).toBe(0);
    expect(await second.active(ws(), 10)).toEqual([{ actor: 'United Kingdom', entries: 6 }]);
  });
});
