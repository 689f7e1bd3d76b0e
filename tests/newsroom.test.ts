import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../src/errors.js';
import { ExtractiveEngine } from '../src/engines/extractive/extractive-engine.js';
import { Newsroom } from '../src/newsroom.js';
import { createStore } from '../src/store/create-store.js';
import { namespaces, resultKey } from '../src/store/keys.js';
import type { Store } from '../src/store/store.js';
import { buildStory } from '../src/story/build-story.js';
import { BrokenEngine, CountingEngine } from './helpers/counting-engine.js';
import { UK_STORIES } from './helpers/ledger-stories.js';

const TEXT = 'The council will fund the first phase of the flood wall from its reserves.\n' +
  'It will not raise harbour fees this year, the leader said.\n' +
  'The transport authority agreed to pay for a survey of the quay.\n';
const story = buildStory({ text: TEXT, source: { kind: 'text', ref: 'test' } });

describe('Newsroom cache', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];

  async function sqliteStore(dir: string): Promise<Store> {
    const store = await createStore(`sqlite://${join(dir, 'cache.sqlite')}`);
    stores.push(store);
    return store;
  }

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('does no engine work for the second summary of the same story', async () => {
    const engine = new CountingEngine();
    const newsroom = new Newsroom({ store: await createStore('memory://'), engine });
    const first = await newsroom.summarise(story);
    const second = await newsroom.summarise(story);
    expect(engine.calls).toEqual(['summarise']);
    expect(second).toEqual(first);
  });

  it('serves a result computed by an earlier process from the same SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-cache-'));
    dirs.push(dir);
    const before = new CountingEngine();
    await new Newsroom({ store: await sqliteStore(dir), engine: before }).commitments(story);
    const after = new CountingEngine();
    const result = await new Newsroom({ store: await sqliteStore(dir), engine: after }).commitments(story);
    expect(before.calls).toEqual(['commitments']);
    expect(after.calls).toEqual([]);
    expect(result.value.length).toBeGreaterThan(0);
  });

  it('recomputes when the engine version changes', async () => {
    const store = await createStore('memory://');
    const v1 = new CountingEngine('counting', '1');
    const v2 = new CountingEngine('counting', '2');
    await new Newsroom({ store, engine: v1 }).summarise(story);
    await new Newsroom({ store, engine: v2 }).summarise(story);
    expect(v2.calls).toEqual(['summarise']);
  });

  it('recomputes when the prompt version changes', async () => {
    const store = await createStore('memory://');
    await new Newsroom({ store, engine: new CountingEngine('counting', '1', 'p1') }).attributions(story);
    const p2 = new CountingEngine('counting', '1', 'p2');
    await new Newsroom({ store, engine: p2 }).attributions(story);
    expect(p2.calls).toEqual(['attributions']);
  });

  it('does not serve an entry whose recorded engine version differs from its key', async () => {
    const store = await createStore('memory://');
    const engine = new CountingEngine('counting', '2');
    const key = resultKey({ hash: story.hash, task: 'summarise', engine: 'counting', engineVersion: '2', promptVersion: 'none' });
    await store.set(namespaces.result, key, {
      engine: 'counting',
      engineVersion: '1',
      promptVersion: 'none',
      result: { value: { text: 'stale', points: [] }, dropped: 0 },
    });
    const result = await new Newsroom({ store, engine }).summarise(story);
    expect(engine.calls).toEqual(['summarise']);
    expect(result.value.text).not.toBe('stale');
  });

  it('caches answers per question and story', async () => {
    const engine = new CountingEngine();
    const newsroom = new Newsroom({ store: await createStore('memory://'), engine });
    await newsroom.answer('Will the council raise harbour fees?', [story]);
    await newsroom.answer('  will the council raise harbour fees?', [story]);
    await newsroom.answer('Who pays for the survey?', [story]);
    expect(engine.calls).toEqual(['answer', 'answer']);
  });
});

describe('Newsroom engines', () => {
  it('falls back to the extractive engine when the main engine fails', async () => {
    const newsroom = new Newsroom({ store: await createStore('memory://'), engine: new BrokenEngine(), fallback: new ExtractiveEngine() });
    const summary = await newsroom.summarise(story);
    expect(summary.value.points.length).toBeGreaterThan(0);
  });

  it('reports a failing engine with no fallback as an EngineError naming the engine', async () => {
    const newsroom = new Newsroom({ store: await createStore('memory://'), engine: new BrokenEngine() });
    await expect(newsroom.summarise(story)).rejects.toThrow(/broken engine failed: model server returned 500/u);
    await expect(newsroom.summarise(story)).rejects.toBeInstanceOf(EngineError);
  });

  it('after an outage uses the fallback alone for a while, saying so, then tries the engine again', async () => {
    const engine = new BrokenEngine(false, () => new EngineError('LLM_REQUEST_FAILED', 'the model server answered 503', { outage: true }));
    const store = await createStore('memory://');
    const newsroom = new Newsroom({ store, engine, fallback: new ExtractiveEngine(), engineRetryAfterMs: 100 });
    const first = await newsroom.summarise(story);
    expect(first).toMatchObject({ engine: 'extractive', notice: 'extractive engine used: the model server answered 503' });
    const other = buildStory({ text: `${TEXT}The harbour master said the quay would reopen in May.\n`, source: { kind: 'text', ref: 'other' } });
    const second = await newsroom.summarise(other);
    expect(engine.calls).toBe(1);
    expect(second.notice).toMatch(/^extractive engine used: the model server answered 503 \(the broken engine is tried again in 1 s\)$/u);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await newsroom.commitments(other);
    expect(engine.calls).toBe(2);
  });

  it('keeps trying the engine after a failure that is about one input only', async () => {
    const engine = new BrokenEngine(false, () => new EngineError('LLM_UNVERIFIED', 'no summary point could be verified'));
    const newsroom = new Newsroom({ store: await createStore('memory://'), engine, fallback: new ExtractiveEngine() });
    await newsroom.summarise(story);
    await newsroom.commitments(story);
    expect(engine.calls).toBe(2);
  });

  it('treats a timeout as an outage', async () => {
    const engine = new BrokenEngine(true);
    const newsroom = new Newsroom({ store: await createStore('memory://'), engine, fallback: new ExtractiveEngine(), engineTimeoutMs: 30 });
    expect((await newsroom.summarise(story)).notice).toMatch(/broken engine failed: timed out after 30 ms/u);
    expect((await newsroom.commitments(story)).notice).toMatch(/tried again in 60 s/u);
    expect(engine.calls).toBe(1);
  });

  it('abandons an engine that does not answer within the timeout', async () => {
    const newsroom = new Newsroom({ store: await createStore('memory://'), engine: new BrokenEngine(true), engineTimeoutMs: 30 });
    await expect(newsroom.commitments(story)).rejects.toThrow(/timed out after 30 ms/u);
  });
});

describe('Newsroom ingestion', () => {
  let server: Server;
  let hits = 0;
  let base = '';

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(TEXT);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches a URL once per workspace and serves the stored story after that', async () => {
    const store = await createStore('memory://');
    const newsroom = new Newsroom({ store, engine: new ExtractiveEngine(), input: { fetch: { allowPrivate: true } } });
    const before = hits;
    const first = await newsroom.ingest('team:A', `${base}/story`);
    const second = await newsroom.ingest('team:A', `${base}/story`);
    expect(hits - before).toBe(1);
    expect(second).toEqual(first);
    expect(await newsroom.story('team:A', first.id)).toEqual(first);
  });

  it('keeps stories per workspace: the same URL is fetched again elsewhere, its results are shared by hash', async () => {
    const store = await createStore('memory://');
    const engine = new CountingEngine();
    const newsroom = new Newsroom({ store, engine, input: { fetch: { allowPrivate: true } } });
    const before = hits;
    const inA = await newsroom.ingest('team:A', `${base}/story`);
    expect(await newsroom.story('team:B', inA.id)).toBeUndefined();
    expect(await newsroom.recentStoryIds('team:B')).toEqual([]);
    const pasted = await newsroom.ingest('team:A', TEXT, 'text');
    expect(await newsroom.recentStoryIds('team:A')).toEqual([pasted.id, inA.id]);
    const inB = await newsroom.ingest('team:B', `${base}/story`);
    expect(hits - before).toBe(2);
    expect(inB.hash).toBe(inA.hash);
    expect(await newsroom.recentStoryIds('team:B')).toEqual([inB.id]);
    await newsroom.summarise(inA);
    await newsroom.summarise(inB);
    expect(engine.calls).toEqual(['summarise']);
  });

  it('reads no story stored before workspaces (un-prefixed keys) and does not crash on them', async () => {
    const store = await createStore('memory://');
    const newsroom = new Newsroom({ store, engine: new ExtractiveEngine(), input: { fetch: { allowPrivate: true } } });
    await store.set(namespaces.story, story.id, story);
    await store.set(namespaces.url, `${base}/story`, story.id);
    expect(await newsroom.story('cli', story.id)).toBeUndefined();
    const before = hits;
    const fetched = await newsroom.ingest('cli', `${base}/story`);
    expect(hits - before).toBe(1);
    expect(await newsroom.story('cli', fetched.id)).toEqual(fetched);
  });

  it('keeps a workspace whose id has a colon apart from one whose key parts would join to the same text', async () => {
    const store = await createStore('memory://');
    const newsroom = new Newsroom({ store, engine: new ExtractiveEngine() });
    await newsroom.ingestStory('a:b', story);
    expect(await newsroom.story('a', `b:${story.id}`)).toBeUndefined();
    expect(await newsroom.story('a:b', story.id)).toEqual(story);
  });
});

describe('Newsroom.recordCommitments', () => {
  const ledgerStory = buildStory({ text: UK_STORIES[0].text, source: { kind: 'text', ref: 'uk' }, meta: { title: UK_STORIES[0].title } });

  async function entries(newsroom: Newsroom, workspace: string): Promise<number> {
    return (await newsroom.ledger.actor(workspace, 'Britain'))?.entries.length ?? 0;
  }

  it('computes commitments not yet cached with the fallback engine, once, and records them once', async () => {
    const store = await createStore('memory://');
    const engine = new CountingEngine('llm-like');
    const fallback = new CountingEngine('fallback');
    const newsroom = new Newsroom({ store, engine, fallback });
    await newsroom.summarise(ledgerStory);
    newsroom.recordCommitments('team:A', ledgerStory);
    newsroom.recordCommitments('team:A', ledgerStory);
    await newsroom.recorded();
    expect(engine.calls).toEqual(['summarise']);
    expect(fallback.calls).toEqual(['commitments']);
    expect(await entries(newsroom, 'team:A')).toBe(1);
    const key = resultKey({ hash: ledgerStory.hash, task: 'commitments', engine: 'fallback', engineVersion: '1', promptVersion: 'none' });
    expect(await store.get(namespaces.result, key)).toBeDefined();
    // Another workspace: the fallback's cached result is reused, the entries are that workspace's own.
    newsroom.recordCommitments('team:B', ledgerStory);
    await newsroom.recorded();
    expect(fallback.calls).toEqual(['commitments']);
    expect(await entries(newsroom, 'team:B')).toBe(1);
    expect(await entries(newsroom, 'team:C')).toBe(0);
  });

  it("records the configured engine's cached commitments with no engine call", async () => {
    const store = await createStore('memory://');
    const engine = new CountingEngine('llm-like');
    const fallback = new CountingEngine('fallback');
    const newsroom = new Newsroom({ store, engine, fallback });
    await newsroom.commitments(ledgerStory);
    newsroom.recordCommitments('team:A', ledgerStory);
    await newsroom.recorded();
    expect(engine.calls).toEqual(['commitments']);
    expect(fallback.calls).toEqual([]);
    expect(await entries(newsroom, 'team:A')).toBe(1);
  });

  it('uses the engine itself when there is no fallback', async () => {
    const engine = new CountingEngine();
    const newsroom = new Newsroom({ store: await createStore('memory://'), engine });
    newsroom.recordCommitments('cli', ledgerStory);
    await newsroom.recorded();
    expect(engine.calls).toEqual(['commitments']);
    expect(await entries(newsroom, 'cli')).toBe(1);
  });

  it('reports a failed recording in one line and never rejects', async () => {
    const errors: string[] = [];
    const newsroom = new Newsroom({ store: await createStore('memory://'), engine: new BrokenEngine(), onRecordError: (m) => errors.push(m) });
    newsroom.recordCommitments('cli', ledgerStory);
    await newsroom.recorded();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^could not record the commitments of story \S+ in workspace cli: [^\n]+$/u);
  });
});
