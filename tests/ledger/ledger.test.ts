import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/ledger.js';
import { createStore } from '../../src/store/create-store.js';
import type { Store } from '../../src/store/store.js';
import { buildStory } from '../../src/story/build-story.js';
import { commitment, ukStory } from '../helpers/ledger-stories.js';

// Parallel runs against the same Redis or PostgreSQL database must not meet.
const runId = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-ledger-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const backends: Array<[string, string | undefined]> = [
  ['memory', 'memory://'],
  ['SQLite', `sqlite://${path.join(dir, 'ledger.sqlite')}`],
  ['Redis', process.env.TEST_REDIS_URL],
  ['PostgreSQL', process.env.TEST_POSTGRES_URL],
];

describe.each(backends)('the ledger on %s', (_name, url) => {
  let store: Store;
  let ledger: Ledger;
  let n = 0;
  const ws = () => `ws-${runId}-${n}`;
  beforeAll(async () => {
    if (!url) return;
    store = await createStore(url);
    ledger = new Ledger(store);
    return () => store.close();
  });
  const test = url ? it : it.skip;

  test('merges Britain, the UK and the British government into one actor, and flags the changes', async () => {
    n++;
    for (const i of [2, 0, 1]) await ledger.record(ws(), ukStory(i).story, ukStory(i).commitments);
    const uk = await ledger.actor(ws(), 'uk');
    expect(uk?.actor).toBe('United Kingdom');
    expect(uk?.entries.map((e) => [e.mention, e.stance, e.date.slice(0, 10)])).toEqual([
      ['British government', 'commits', '2026-08-20'],
      ['the UK', 'conditional', '2026-08-16'],
      ['Britain', 'refuses', '2026-08-12'],
    ]);
    expect(uk?.entries.map((e) => e.change?.from ?? null)).toEqual(['conditional', 'refuses', null]);
    expect(uk?.entries[0]!.change).toEqual({ from: 'conditional', story: ukStory(1).story.id, date: '2026-08-16T09:00:00.000Z' });
    expect(new Set(uk?.matters).size).toBe(1);
    for (const q of ['Britain', 'United Kingdom', 'British government', 'the UK']) expect((await ledger.actor(ws(), q))?.entries).toHaveLength(3);
  });

  test('adds nothing when the same story is processed again', async () => {
    n++;
    const { story, commitments } = ukStory(0);
    expect(await ledger.record(ws(), story, commitments)).toBe(1);
    expect(await ledger.record(ws(), story, commitments)).toBe(0);
    expect(await ledger.record(ws(), story, commitments, new Date(0))).toBe(0);
    expect((await ledger.actor(ws(), 'Britain'))?.entries).toHaveLength(1);
  });

  test('a new version of a story replaces its entries', async () => {
    n++;
    await ledger.record(ws(), ukStory(0).story, ukStory(0).commitments);
    const text = 'France will send troops to Ukraine, the minister said. Britain will not send troops to Ukraine.\n';
    const v2 = buildStory({ text, meta: { url: ukStory(0).story.meta.url, canonicalUrl: ukStory(0).story.meta.url }, source: { kind: 'url', ref: 'x' } });
    expect(v2.id).toBe(ukStory(0).story.id);
    await ledger.record(ws(), v2, [commitment(text, 'France', 'send troops to Ukraine', 'commits', null, 'France will send troops to Ukraine')]);
    expect((await ledger.actor(ws(), 'Britain'))?.entries).toHaveLength(0);
    expect((await ledger.actor(ws(), 'France'))?.entries.map((e) => e.quote.text)).toEqual(['France will send troops to Ukraine']);
    expect(await ledger.active(ws(), 10)).toEqual([{ actor: 'France', entries: 1 }]);
  });

  test('keeps workspaces apart', async () => {
    n++;
    await ledger.record(`${ws()}-a`, ukStory(0).story, ukStory(0).commitments);
    expect((await ledger.actor(`${ws()}-b`, 'Britain'))?.entries).toHaveLength(0);
    expect(await ledger.active(`${ws()}-b`, 10)).toEqual([]);
    expect((await ledger.actor(`${ws()}-a`, 'Britain'))?.entries).toHaveLength(1);
  });

  test('merges a surname with the one full name, and not when two people share it', async () => {
    n++;
    const text = 'President Donald Trump said he will cut tariffs on steel. Mr Trump will not meet Putin. Ivanka Trump will visit Paris.\n';
    const story = buildStory({ text, source: { kind: 'text', ref: 't' } });
    await ledger.record(ws(), story, [
      commitment(text, 'President Donald Trump', 'cut tariffs on steel', 'commits', null, 'he will cut tariffs on steel'),
      commitment(text, 'Mr Trump', 'meet Putin', 'refuses', null, 'Mr Trump will not meet Putin'),
    ]);
    expect((await ledger.actor(ws(), 'trump'))?.entries).toHaveLength(2);
    expect((await ledger.actor(ws(), 'Donald Trump'))?.actor).toBe('Donald Trump');
    const later = buildStory({ text: `${text} More.\n`, source: { kind: 'text', ref: 'u' } });
    await ledger.record(ws(), later, [commitment(later.text, 'Ivanka Trump', 'visit Paris', 'commits', null, 'Ivanka Trump will visit Paris')]);
    expect((await ledger.actor(ws(), 'Donald Trump'))?.entries.map((e) => e.action)).toEqual(['cut tariffs on steel']);
    expect((await ledger.actor(ws(), 'Trump'))?.ambiguous?.sort()).toEqual(['Donald Trump', 'Ivanka Trump']);
  });

  test('leaves generic actors out and loses no entry to concurrent writers', async () => {
    n++;
    const stories = Array.from({ length: 12 }, (_, i) => {
      const text = `Britain will not cut aid number ${i}. Officials will meet on day ${i}.\n`;
      const story = buildStory({ text, source: { kind: 'text', ref: `s${i}` } });
      return { story, commitments: [commitment(text, 'Britain', `cut aid number ${i}`, 'refuses', null, `Britain will not cut aid number ${i}`), commitment(text, 'Officials', 'meet', 'commits', null, `Officials will meet on day ${i}`)] };
    });
    await Promise.all(stories.map((s) => ledger.record(ws(), s.story, s.commitments)));
    expect((await ledger.actor(ws(), 'Britain'))?.entries).toHaveLength(12);
    expect(await ledger.actor(ws(), 'officials')).toBeUndefined();
    expect(await ledger.active(ws(), 10)).toEqual([{ actor: 'United Kingdom', entries: 12 }]);
  });
});
