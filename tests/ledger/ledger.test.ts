import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/ledger.js';
import { createStore } from '../../src/store/create-store.js';
import { ledgerNamespaces, workspaceKey } from '../../src/store/keys.js';
import type { Store } from '../../src/store/store.js';
import { buildStory } from '../../src/story/build-story.js';
import { commitment, ledgerBackends, ukStory } from '../helpers/ledger-stories.js';

// Parallel runs against the same Redis or PostgreSQL database must not meet.
const runId = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-ledger-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const backends = ledgerBackends(dir);

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

  test('a story recorded by an earlier layout of the ledger is recorded anew when processed again', async () => {
    n++;
    const { story, commitments } = ukStory(0);
    // The record the single-list layout wrote: the story's hash and its actor keys, nothing else.
    await store.set(ledgerNamespaces.ledgerStory, workspaceKey(ws(), story.id), { hash: story.hash, keys: ['country:GBR'] });
    expect(await ledger.record(ws(), story, commitments)).toBe(1);
    expect((await ledger.actor(ws(), 'Britain'))?.entries.map((e) => e.stance)).toEqual(['refuses']);
    expect(await ledger.record(ws(), story, commitments)).toBe(0);
  });

  test('a stance on another object is another matter, not a change', async () => {
    n++;
    await ledger.record(ws(), ukStory(0).story, ukStory(0).commitments);
    const text = 'Britain will send aid to Ukraine, the Foreign Secretary said on Friday.\n';
    const aid = buildStory({ text, meta: { title: 'UK sends aid', publishedAt: '2026-08-14T09:00:00.000Z' }, source: { kind: 'text', ref: 'aid' } });
    await ledger.record(ws(), aid, [commitment(text, 'Britain', 'send aid to Ukraine', 'commits', null, 'Britain will send aid to Ukraine')]);
    const uk = await ledger.actor(ws(), 'Britain');
    expect(uk?.entries.map((e) => [e.action, e.change])).toEqual([
      ['send aid to Ukraine', null],
      ['send troops to Ukraine', null],
    ]);
    expect(new Set(uk?.matters).size).toBe(2);
  });

  test('orders changes first and reads only the entries asked for, counting the rest', async () => {
    n++;
    // Out of date order: the middle story arrives last and still marks both changes.
    for (const i of [0, 2]) await ledger.record(ws(), ukStory(i).story, ukStory(i).commitments);
    for (let d = 1; d <= 5; d++) {
      const text = `Britain will cut tariffs on steel number ${d}.\n`;
      const s = buildStory({ text, meta: { publishedAt: `2026-09-0${d}T09:00:00.000Z` }, source: { kind: 'text', ref: `t${d}` } });
      await ledger.record(ws(), s, [commitment(text, 'Britain', 'cut tariffs on steel', 'commits', null, `Britain will cut tariffs on steel number ${d}`)]);
    }
    const before = await ledger.actor(ws(), 'Britain');
    expect(before?.entries[0]!.action).toBe('send 5,000 troops to Ukraine');
    expect(before?.entries[0]!.change?.from).toBe('refuses');
    await ledger.record(ws(), ukStory(1).story, ukStory(1).commitments);
    const uk = await ledger.actor(ws(), 'the UK', { first: 3 });
    expect(uk?.total).toBe(8);
    expect(uk?.entries.map((e) => [e.stance, e.change?.from ?? null])).toEqual([
      ['commits', 'conditional'],
      ['conditional', 'refuses'],
      ['refuses', null],
    ]);
    const all = await ledger.actor(ws(), 'the UK');
    expect(all?.entries.slice(3).map((e) => e.date.slice(0, 10))).toEqual(['2026-09-05', '2026-09-04', '2026-09-03', '2026-09-02', '2026-09-01']);
    expect((await ledger.actor(ws(), 'the UK', { since: new Date('2026-08-15') }))?.total).toBe(7);
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

  test('merges an organisation with its abbreviation, and a titled person with their surname, across stories', async () => {
    n++;
    const said = [
      ['The International Monetary Fund will not lend more to Fenwick, it said.\n', 'The International Monetary Fund', 'lend more to Fenwick', 'refuses', 'The International Monetary Fund will not lend more to Fenwick'],
      ['The IMF will lend more to Fenwick if it cuts spending, it said.\n', 'The IMF', 'lend more to Fenwick', 'conditional', 'The IMF will lend more to Fenwick if it cuts spending'],
      ['Councillor Priya Lund will keep the library open, she said.\n', 'Councillor Priya Lund', 'keep the library open', 'commits', 'Councillor Priya Lund will keep the library open'],
      ['Ms Lund will not raise parking charges, she said.\n', 'Ms Lund', 'raise parking charges', 'refuses', 'Ms Lund will not raise parking charges'],
    ] as const;
    for (const [i, [text, actor, action, stance, quote]] of said.entries()) {
      const s = buildStory({ text, meta: { publishedAt: `2026-08-1${i}T09:00:00.000Z` }, source: { kind: 'text', ref: `m${i}` } });
      await ledger.record(ws(), s, [commitment(text, actor, action, stance, null, quote)]);
    }
    const imf = await ledger.actor(ws(), 'imf');
    expect(imf?.actor).toBe('International Monetary Fund');
    expect(imf?.entries.map((e) => [e.mention, e.change?.from ?? null])).toEqual([['The IMF', 'refuses'], ['The International Monetary Fund', null]]);
    expect((await ledger.actor(ws(), 'the International Monetary Fund'))?.total).toBe(2);
    const lund = await ledger.actor(ws(), 'Lund');
    expect(lund?.actor).toBe('Priya Lund');
    expect(lund?.entries.map((e) => e.mention).sort()).toEqual(['Councillor Priya Lund', 'Ms Lund']);
    expect(await ledger.active(ws(), 5)).toEqual([{ actor: 'International Monetary Fund', entries: 2 }, { actor: 'Priya Lund', entries: 2 }]);
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
