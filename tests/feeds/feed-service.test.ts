import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { renderPlain } from '../../src/bot/render-plain.js';
import { PacedDelivery } from '../../src/feeds/delivery.js';
import { FeedService } from '../../src/feeds/feed-service.js';
import type { FeedServiceOptions } from '../../src/feeds/feed-service.js';
import { FeedPoller } from '../../src/feeds/poller.js';
import { channelKey, FeedStore, PRE_WORKSPACE_PAUSE } from '../../src/feeds/subscriptions.js';
import type { FeedState } from '../../src/feeds/subscriptions.js';
import { feedNamespaces } from '../../src/store/keys.js';
import { UK_STORIES } from '../helpers/ledger-stories.js';
import { isPrivateAddress } from '../../src/ingest/fetch-page.js';
import type { FetchPageOptions, ResolvedAddress } from '../../src/ingest/fetch-page.js';
import { Newsroom } from '../../src/newsroom.js';
import { createStore } from '../../src/store/create-store.js';
import type { Store } from '../../src/store/store.js';
import { inlineTasks } from '../../src/workers/tasks.js';
import type { TaskRunner } from '../../src/workers/tasks.js';
import { CountingEngine } from '../helpers/counting-engine.js';
import { articleBody, generateItems, RecordingAdapter, rss } from '../helpers/feeds.js';
import type { GeneratedItem } from '../helpers/feeds.js';
import { startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';

/** Feeds the server serves, by path; tests change them between checks. */
const feeds = new Map<string, { title: string; items: GeneratedItem[] }>();
const answers: Array<{ path: string; status: number }> = [];
let server: LoopbackServer;
let port = 0;

function conditional(path: string) {
  return (req: { headers: Record<string, string | string[] | undefined> }, res: ServerResponse) => {
    const feed = feeds.get(path)!;
    const body = rss(feed.title, feed.items, `http://articles.feeds.example:${port}`);
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      answers.push({ path, status: 304 });
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    answers.push({ path, status: 200 });
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
    res.end(body);
  };
}

function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  let open = true;
  res.on('close', () => {
    open = false;
  });
  const pump = (): void => {
    while (open && sent < 50 * 1024 * 1024) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (open) res.end();
  };
  pump();
}

beforeAll(async () => {
  server = await startLoopbackServer({
    '/a.xml': (req, res) => conditional('/a.xml')(req, res),
    '/b.xml': (req, res) => conditional('/b.xml')(req, res),
    '/uk.xml': (req, res) => conditional('/uk.xml')(req, res),
    '/error.xml': (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    },
    '/garbage.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end('<html><body>not { a feed');
    },
    '/huge.xml': (_req, res) => endless(res),
    '/to-private.xml': (_req, res) => {
      res.writeHead(302, { location: `http://intranet.example:${port}/secret.xml` });
      res.end();
    },
    '/secret.xml': (req, res) => conditional('/a.xml')(req, res),
    '/article/short-1': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><head><title>Full story</title></head><body><article><h1>Full story</h1><p>${articleBody('bridge', 1)}</p><p>${articleBody('tunnel', 2)}</p></article></body></html>`);
    },
  });
  port = Number(new URL(server.base).port);
});

afterAll(() => server.close());

/** Every `*.feeds.example` host is this loopback server; `intranet.example` is a private address. */
const lookup = async (host: string): Promise<ResolvedAddress[]> =>
  host === 'intranet.example' ? [{ address: '10.1.2.3', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];

/** The guard stays on: the loopback server stands in for the public hosts, every private address is refused. */
const guarded: FetchPageOptions = {
  allowPrivate: false,
  lookup,
  isBlocked: (address) => address !== '127.0.0.1' && isPrivateAddress(address),
  maxBytes: 1024 * 1024,
};

const url = (path: string, host = 'news') => `http://${host}.feeds.example:${port}${path}`;

let store: Store;
let engine: CountingEngine;
/** The newsroom of the last `service()`: its ledger recordings are awaited before the store closes. */
let newsroom: Newsroom | undefined;
let slack: RecordingAdapter;
let discord: RecordingAdapter;

function service(options: Partial<FeedServiceOptions> = {}): FeedService {
  newsroom = new Newsroom({ store, engine, input: { fetch: guarded } });
  return new FeedService({ newsroom, feeds: new FeedStore(store), fetch: guarded, ...options });
}

function delivery(): PacedDelivery {
  return new PacedDelivery({ adapters: [slack, discord] });
}

const A = { platform: 'slack', channel: 'C1', workspace: 'team:T1' };
const B = { platform: 'discord', channel: 'D1', workspace: 'guild:G1' };

beforeEach(async () => {
  store = await createStore('memory://');
  engine = new CountingEngine();
  slack = new RecordingAdapter('slack');
  discord = new RecordingAdapter('discord');
  feeds.clear();
  answers.length = 0;
  feeds.set('/a.xml', { title: 'Alpha', items: generateItems('alpha', 10) });
  feeds.set('/b.xml', { title: 'Beta', items: generateItems('beta', 5) });
});

afterEach(async () => {
  await newsroom?.recorded();
  newsroom = undefined;
  await store.close();
});

function addItem(path: string, id: string, title: string, topic = 'harbour'): void {
  const feed = feeds.get(path)!;
  feed.items = [{ id, title, body: articleBody(topic, 99), date: new Date('2026-02-01T00:00:00Z') }, ...feed.items];
}

describe('FeedService.check', () => {
  it('posts only the newest three items of a fresh subscription, oldest first', async () => {
    const s = service();
    await s.feeds.subscribe(A, url('/a.xml'), '');
    const check = await s.check(url('/a.xml'), delivery());
    expect(check.posted).toBe(3);
    expect(slack.titles('C1')).toEqual(['alpha story 8', 'alpha story 9', 'alpha story 10']);
    const post = renderPlain(slack.posts[0]!.reply);
    expect(post).toContain('“');
    expect(post).toContain('From the feed Alpha');
  });

  it('sends the validators back: an unchanged feed answers 304 and nothing is posted', async () => {
    const s = service();
    await s.feeds.subscribe(A, url('/a.xml'), '');
    await s.check(url('/a.xml'), delivery());
    await newsroom!.recorded();
    const calls = engine.calls.length;
    const second = await s.check(url('/a.xml'), delivery());
    expect(second).toMatchObject({ changed: false, posted: 0 });
    expect(answers.map((a) => a.status)).toEqual([200, 304]);
    expect(slack.posts).toHaveLength(3);
    expect(engine.calls.length).toBe(calls);
  });

  it('a new item is posted exactly once in each subscribed channel and summarised once', async () => {
    const s = service();
    await s.feeds.subscribe(A, url('/a.xml'), '');
    await s.feeds.subscribe(B, url('/a.xml'), '');
    await s.check(url('/a.xml'), delivery());
    const before = engine.calls.filter((c) => c === 'summarise').length;
    addItem('/a.xml', 'alpha-new', 'Fresh alpha story');
    const check = await s.check(url('/a.xml'), delivery());
    expect(check.posted).toBe(2);
    expect(slack.titles('C1').at(-1)).toBe('Fresh alpha story');
    expect(discord.titles('D1').at(-1)).toBe('Fresh alpha story');
    expect(engine.calls.filter((c) => c === 'summarise').length - before).toBe(1);
    await s.check(url('/a.xml'), delivery());
    expect(slack.titles('C1').filter((t) => t === 'Fresh alpha story')).toHaveLength(1);
  });

  it('after a restart (new service over the same store) nothing is posted again, even when the feed answers 200', async () => {
    const first = service();
    await first.feeds.subscribe(A, url('/a.xml'), '');
    await first.check(url('/a.xml'), delivery());
    const restarted = service();
    await restarted.feeds.update(url('/a.xml'), (f) => {
      f.etag = undefined; // force a full answer
    });
    const check = await restarted.check(url('/a.xml'), delivery());
    expect(check).toMatchObject({ changed: true, posted: 0 });
    expect(slack.posts).toHaveLength(3);
  });

  it('a channel that subscribes later gets the newest items itself, without reposts elsewhere', async () => {
    const s = service();
    await s.feeds.subscribe(A, url('/a.xml'), '');
    await s.check(url('/a.xml'), delivery());
    await s.feeds.subscribe(B, url('/a.xml'), '');
    await s.check(url('/a.xml'), delivery());
    expect(discord.titles('D1')).toEqual(['alpha story 8', 'alpha story 9', 'alpha story 10']);
    expect(slack.posts).toHaveLength(3);
  });

  it('applies each channel’s keyword filter', async () => {
    const s = service();
    await s.feeds.subscribe(A, url('/a.xml'), '');
    await s.feeds.subscribe(B, url('/a.xml'), '"ferry crossing" -cancelled');
    await s.check(url('/a.xml'), delivery());
    expect(discord.posts).toHaveLength(0);
    addItem('/a.xml', 'f1', 'Ferry crossing reopens', 'ferry');
    addItem('/a.xml', 'f2', 'Ferry crossing cancelled', 'ferry');
    addItem('/a.xml', 'f3', 'Crossing the ferry', 'ferry');
    await s.check(url('/a.xml'), delivery());
    expect(discord.titles('D1')).toEqual(['Ferry crossing reopens']);
    expect(slack.titles('C1').slice(-3)).toEqual(['Ferry crossing reopens', 'Ferry crossing cancelled', 'Crossing the ferry']);
  });

  it('pauses the subscription of a channel the bot was removed from, and shows it', async () => {
    const s = service();
    await s.feeds.subscribe(A, url('/a.xml'), '');
    await s.feeds.subscribe(B, url('/a.xml'), '');
    slack.gone.add('C1');
    const check = await s.check(url('/a.xml'), delivery());
    expect(check.paused).toEqual([channelKey(A)]);
    expect(discord.posts).toHaveLength(3);
    const attempts = slack.attempts;
    addItem('/a.xml', 'n1', 'Later story');
    await s.check(url('/a.xml'), delivery());
    expect(slack.attempts).toBe(attempts);
    expect(discord.titles('D1').at(-1)).toBe('Later story');
    const listing = renderPlain(await s.subscriptions({ ...A, thread: null }));
    expect(listing).toContain('paused: the bot is not in C1');
  });

  it('retries a failed post on the next check in that channel only', async () => {
    const s = service();
    await s.feeds.subscribe(A, url('/a.xml'), '');
    await s.feeds.subscribe(B, url('/a.xml'), '');
    await s.check(url('/a.xml'), delivery());
    addItem('/a.xml', 'r1', 'Retried story');
    const broken = new PacedDelivery({ adapters: [slack] }); // discord is not running
    const first = await s.check(url('/a.xml'), broken);
    expect(first).toMatchObject({ posted: 1, failed: 1 });
    await s.check(url('/a.xml'), delivery());
    expect(slack.titles('C1').filter((t) => t === 'Retried story')).toHaveLength(1);
    expect(discord.titles('D1').filter((t) => t === 'Retried story')).toHaveLength(1);
  });

  it('fetches the article of a snippet-only item, and says so when it cannot', async () => {
    feeds.set('/a.xml', {
      title: 'Alpha',
      items: [
        { id: 'article/short-1', title: 'Short one', body: 'A teaser.', date: new Date('2026-01-02T00:00:00Z') },
        { id: 'article/missing', title: 'Short two', body: 'Another teaser sentence.', date: new Date('2026-01-01T00:00:00Z') },
      ],
    });
    const s = service();
    await s.feeds.subscribe(A, url('/a.xml'), '');
    await s.check(url('/a.xml'), delivery());
    const [missing, fetched] = slack.posts.map((p) => renderPlain(p.reply));
    expect(fetched).toContain('Full story');
    expect(fetched).not.toContain("feed's own text");
    expect(missing).toContain("Summarised from the feed's own text only");
    expect(missing).toContain('404');
  });
});

describe('item stories on the TaskRunner', () => {
  /** Runs tasks inline, records their names, and marks the title of every story it builds. */
  function recordingTasks(): TaskRunner & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      async run(name, input, signal) {
        calls.push(name);
        const out = await inlineTasks.run(name, input, signal);
        if (name === 'text') {
          const { meta } = out as unknown as { meta: { title: string | null } };
          meta.title = `${meta.title} [built by the runner]`;
        }
        return out;
      },
    };
  }

  it("builds a full-text item's story with the injected runner's `text` task", async () => {
    const tasks = recordingTasks();
    const s = service({ tasks });
    await s.feeds.subscribe(A, url('/a.xml'), '');
    await s.check(url('/a.xml'), delivery());
    expect(tasks.calls).toEqual(['text', 'text', 'text']);
    expect(slack.posts.map((p) => renderPlain(p.reply)).filter((post) => post.includes('[built by the runner]'))).toHaveLength(3);
  });

  it('builds the fallback story of a snippet whose article cannot be fetched there too', async () => {
    feeds.set('/a.xml', { title: 'Alpha', items: [{ id: 'article/missing', title: 'Short two', body: 'Another teaser sentence.', date: new Date('2026-01-01T00:00:00Z') }] });
    const tasks = recordingTasks();
    const s = service({ tasks });
    await s.feeds.subscribe(A, url('/a.xml'), '');
    await s.check(url('/a.xml'), delivery());
    expect(tasks.calls).toEqual(['text']);
    expect(renderPlain(slack.posts[0]!.reply)).toContain("Summarised from the feed's own text only");
  });
});

describe('shutting down in the middle of a round', () => {
  it('keeps what was posted, repeats nothing, and the next poller delivers the rest', async () => {
    const s = service();
    await s.feeds.subscribe(A, url('/a.xml'), '');
    let poller: FeedPoller | undefined;
    let stopping: Promise<void> | undefined;
    // A platform on which the process is told to stop right after the second post.
    const stopper = new (class extends RecordingAdapter {
      override async post(channel: string, reply: Parameters<RecordingAdapter['post']>[1]) {
        const posted = await super.post(channel, reply);
        if (this.posts.length === 2) stopping = poller!.stop();
        return posted;
      }
    })('slack');
    poller = new FeedPoller({ service: s, delivery: new PacedDelivery({ adapters: [stopper] }), random: () => 1 });
    poller.start();
    await vi.waitFor(() => expect(stopping).toBeDefined());
    await stopping;
    expect(stopper.titles('C1')).toEqual(['alpha story 8', 'alpha story 9']);
    const restarted = new FeedPoller({ service: service(), delivery: new PacedDelivery({ adapters: [stopper] }), random: () => 1 });
    await restarted.runOnce();
    await restarted.runOnce();
    expect(stopper.titles('C1')).toEqual(['alpha story 8', 'alpha story 9', 'alpha story 10']);
  });
});

describe('subscriptions on a platform this process does not run', () => {
  it('wait for it: a feed only they follow is not fetched, nothing fails, and the other platform is served', async () => {
    const s = service();
    await s.feeds.subscribe(B, url('/b.xml'), '');
    await s.feeds.subscribe(A, url('/a.xml'), '');
    const slackOnly = new PacedDelivery({ adapters: [slack] });
    const report = await new FeedPoller({ service: s, delivery: slackOnly, random: () => 1 }).runOnce();
    expect(report).toMatchObject({ failed: 0, posted: 3 });
    expect(answers.map((a) => a.path)).toEqual(['/a.xml']);
    expect((await s.feeds.get(url('/b.xml')))?.lastError ?? null).toBeNull();
    // When Discord runs again, its channel gets the newest items as a fresh subscription would.
    await s.check(url('/b.xml'), delivery());
    expect(discord.titles('D1')).toEqual(['beta story 3', 'beta story 4', 'beta story 5']);
  });
});

describe('FeedPoller.runOnce with broken feeds', () => {
  it.each([
    ['a 500', '/error.xml', 'answered 500'],
    ['garbage', '/garbage.xml', 'is not a feed that can be read'],
    ['a 50 MB body', '/huge.xml', 'larger than 1048576 bytes'],
    ['a redirect to a private address', '/to-private.xml', 'private address'],
  ])('records %s as the feed’s error; the other feeds still post', async (_label, path, message) => {
    const s = service();
    await s.feeds.subscribe(A, url(path, 'broken'), '');
    await s.feeds.subscribe(A, url('/a.xml'), '');
    await s.feeds.subscribe(B, url('/b.xml', 'other'), '');
    const report = await new FeedPoller({ service: s, delivery: delivery(), random: () => 1 }).runOnce();
    expect(report).toMatchObject({ checked: 3, failed: 1, posted: 6 });
    const broken = await s.feeds.get(url(path, 'broken'));
    expect(broken?.lastError).toContain(message);
    expect(broken?.failures).toBe(1);
    expect(server.requests).not.toContain('/secret.xml');
    const listing = renderPlain(await s.subscriptions({ ...A, thread: null }));
    expect(listing).toContain(message);
  });
});

describe('feeds and workspaces', () => {
  const ukItem = (id: string): GeneratedItem => ({ id, title: UK_STORIES[0].title, body: `${UK_STORIES[0].text} ${articleBody('harbour', 1)}`, date: new Date('2026-02-02T00:00:00Z') });
  const britain = async (workspace: string) => (await newsroom!.ledger.actor(workspace, 'Britain'))?.entries.length ?? 0;

  it("stores each post's story and records its commitments in each subscriber channel's workspace, once", async () => {
    feeds.set('/uk.xml', { title: 'UK', items: [ukItem('uk-1')] });
    const s = service();
    await s.feeds.subscribe(A, url('/uk.xml'), '');
    await s.feeds.subscribe(B, url('/uk.xml'), '');
    expect((await s.check(url('/uk.xml'), delivery())).posted).toBe(2);
    await newsroom!.recorded();
    expect(slack.posts.map((p) => p.workspace)).toEqual([A.workspace]);
    expect(discord.posts.map((p) => p.workspace)).toEqual([B.workspace]);
    const storyId = slack.posts[0]!.reply.storyId!;
    expect(await newsroom!.story(A.workspace, storyId)).toBeDefined();
    expect(await newsroom!.story(B.workspace, storyId)).toBeDefined();
    expect(await newsroom!.story('team:T-other', storyId)).toBeUndefined();
    expect(await britain(A.workspace)).toBe(1);
    expect(await britain(B.workspace)).toBe(1);
    expect(await britain('team:T-other')).toBe(0);
    // One computation of the commitments (the engine is the only one here), not one per channel.
    expect(engine.calls.filter((c) => c === 'commitments')).toHaveLength(1);
    // Checked again with a full answer: nothing posted, nothing added.
    await s.feeds.update(url('/uk.xml'), (f) => void (f.etag = undefined));
    expect((await s.check(url('/uk.xml'), delivery())).posted).toBe(0);
    await newsroom!.recorded();
    expect(await britain(A.workspace)).toBe(1);
  });

  it('/subscriptions and /unsubscribe see only the subscriptions of the channel in its own workspace', async () => {
    const s = service();
    const bot = new Bot(newsroom!, store, s);
    const mine = { platform: 'slack', channel: 'C9', thread: null, workspace: 'team:T1' };
    const theirs = { ...mine, workspace: 'team:T2' };
    await bot.handle(`/subscribe ${url('/a.xml')}`, mine);
    expect(renderPlain((await bot.handle('/subscriptions', theirs))!)).toContain('This channel follows no feeds');
    expect(renderPlain((await bot.handle(`/unsubscribe ${url('/a.xml')}`, theirs))!)).toContain('error: this channel does not follow');
    expect(renderPlain((await bot.handle('/subscriptions', mine))!)).toContain(url('/a.xml'));
  });

  it('pauses a subscription stored before workspaces, and a new /subscribe in the channel replaces it', async () => {
    const s = service();
    await s.feeds.subscribe(A, url('/a.xml'), '');
    expect((await s.check(url('/a.xml'), delivery())).posted).toBe(3);
    // The same state as a store from before workspaces holds it: no workspace, un-prefixed channel key.
    await store.update<FeedState>(feedNamespaces.feed, url('/a.xml'), (f) => {
      for (const sub of f!.subscribers) delete (sub as Partial<typeof sub>).workspace;
      return f;
    });
    await store.delete(feedNamespaces.feedChannel, channelKey(A));
    await store.set(feedNamespaces.feedChannel, 'slack:C1', [url('/a.xml')]);
    slack.posts.length = 0;
    expect((await s.feeds.get(url('/a.xml')))!.subscribers[0]!.paused).toBe(PRE_WORKSPACE_PAUSE);
    addItem('/a.xml', 'alpha-new', 'Fresh alpha story');
    expect(await s.check(url('/a.xml'), delivery())).toMatchObject({ posted: 0 });
    expect(slack.posts).toEqual([]);
    expect(renderPlain(await s.subscriptions({ ...A, thread: null }))).toContain('This channel follows no feeds');
    await s.feeds.subscribe(A, url('/a.xml'), '');
    const subscribers = (await s.feeds.get(url('/a.xml')))!.subscribers;
    expect(subscribers.map((x) => [x.workspace, x.paused, x.primed])).toEqual([[A.workspace, null, true]]);
    // It carries on from the feed's seen items: only the new item is posted.
    expect((await s.check(url('/a.xml'), delivery())).posted).toBe(1);
    expect(slack.titles('C1')).toEqual(['Fresh alpha story']);
  });
});

describe('feed commands in the bot', () => {
  it('/subscribe, /subscriptions and /unsubscribe manage the channel’s feeds', async () => {
    const s = service();
    const bot = new Bot(new Newsroom({ store, engine }), store, s);
    const here = { platform: 'slack', channel: 'C9', thread: null };
    const subscribed = renderPlain(await bot.handle(`/subscribe ${url('/a.xml')} election -sport`, here) ?? { blocks: [] });
    expect(subscribed).toContain('Subscribed this channel');
    expect(subscribed).toContain('election -sport');
    const listed = renderPlain(await bot.handle('/subscriptions', here) ?? { blocks: [] });
    expect(listed).toContain(url('/a.xml'));
    expect(listed).toContain('last check: not yet');
    expect(renderPlain(await bot.handle(`/unsubscribe ${url('/a.xml')}`, here) ?? { blocks: [] })).toContain('Unsubscribed');
    expect(await s.feeds.urls()).toEqual([]);
    expect(renderPlain(await bot.handle(`/unsubscribe ${url('/a.xml')}`, here) ?? { blocks: [] })).toContain('error: this channel does not follow');
    expect(renderPlain(await bot.handle('/subscribe ftp://x.example/feed', here) ?? { blocks: [] })).toMatch(/^error: ftp: URLs cannot be subscribed/u);
  });

  it('/subscribe refuses a feed it cannot read, at once and in words, and stores nothing', async () => {
    const s = service();
    const bot = new Bot(new Newsroom({ store, engine }), store, s);
    const here = { platform: 'slack', channel: 'C9', thread: null };
    const broken = renderPlain((await bot.handle(`/subscribe ${url('/error.xml')}`, here)) ?? { blocks: [] });
    expect(broken).toMatch(/^error: cannot subscribe to http:\/\/news\.feeds\.example:\d+\/error\.xml: .*500/u);
    const secret = renderPlain((await bot.handle(`/subscribe ${url('/to-private.xml')}`, here)) ?? { blocks: [] });
    expect(secret).toMatch(/^error: cannot subscribe to .*private address/u);
    expect(await s.feeds.urls()).toEqual([]);
  });

  it('says feeds are unavailable when the bot has no feed service', async () => {
    const bot = new Bot(new Newsroom({ store, engine }), store);
    const reply = await bot.handle('/subscriptions', { platform: 'slack', channel: 'C1', thread: null });
    expect(renderPlain(reply ?? { blocks: [] })).toContain('not available');
  });
});

describe('a subscription made while a check of its feed runs', () => {
  it('still gets its initial items: the ending check does not mark it caught up', async () => {
    const s = service();
    await s.feeds.subscribe(A, url('/a.xml'), '');
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let first = true;
    const inner = delivery();
    // The first post of the check waits until the other channel has subscribed.
    const holding = {
      serves: (platform: string) => inner.serves(platform),
      deliver: async (...args: Parameters<PacedDelivery['deliver']>) => {
        if (first) {
          first = false;
          await held;
        }
        return inner.deliver(...args);
      },
    };
    const running = s.check(url('/a.xml'), holding);
    await vi.waitFor(() => expect(first).toBe(false));
    await s.feeds.subscribe(B, url('/a.xml'), '');
    release();
    await running;
    expect(discord.titles('D1')).toEqual([]);
    expect((await s.feeds.get(url('/a.xml')))?.nextCheckAt).toBe(0);
    await s.check(url('/a.xml'), delivery());
    expect(discord.titles('D1')).toEqual(['alpha story 8', 'alpha story 9', 'alpha story 10']);
    expect(slack.titles('C1')).toEqual(['alpha story 8', 'alpha story 9', 'alpha story 10']);
  });
});

describe('several replicas over one store', () => {
  it('a replica whose round outlasts the claims posts nothing another replica posted meanwhile', async () => {
    // Replica A plans its round, then stalls building the first item's story (a slow machine)
    // past the claim TTL; replica B posts the same items in the meantime and its claims expire.
    const ttl = { claimTtlMs: 50 };
    const b = service({ feeds: new FeedStore(store, ttl) });
    await b.feeds.subscribe(A, url('/a.xml'), '');
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let stalled = false;
    const slow: TaskRunner = {
      async run(name, input, signal) {
        if (!stalled) {
          stalled = true;
          await held;
        }
        return inlineTasks.run(name, input, signal);
      },
    };
    const a = service({ feeds: new FeedStore(store, ttl), tasks: slow });
    const running = a.check(url('/a.xml'), delivery());
    await vi.waitFor(() => expect(stalled).toBe(true));
    await b.check(url('/a.xml'), delivery());
    expect(slack.titles('C1')).toEqual(['alpha story 8', 'alpha story 9', 'alpha story 10']);
    await new Promise((resolve) => setTimeout(resolve, 120));
    release();
    expect((await running).posted).toBe(0);
    expect(slack.titles('C1')).toEqual(['alpha story 8', 'alpha story 9', 'alpha story 10']);
  });

  it('pollers running a round at once fetch each feed once and post each item once per channel', async () => {
    const replicas = [service(), service(), service()];
    await replicas[0]!.feeds.subscribe(A, url('/a.xml'), '');
    await replicas[1]!.feeds.subscribe(B, url('/a.xml'), '');
    await replicas[2]!.feeds.subscribe(A, url('/b.xml'), '');
    const pollers = replicas.map((s) => new FeedPoller({ service: s, delivery: delivery(), intervalMs: 60_000 }));
    const s0 = (u: string) => replicas[0]!.feeds.get(u);
    const reports = await Promise.all(pollers.map((p) => p.runOnce()));
    expect(reports.reduce((n, r) => n + r.checked, 0)).toBe(2);
    expect(answers.filter((a) => a.path === '/a.xml')).toHaveLength(1);
    expect(answers.filter((a) => a.path === '/b.xml')).toHaveLength(1);
    expect([...slack.titles('C1')].sort()).toEqual(
      ['alpha story 8', 'alpha story 9', 'alpha story 10', 'beta story 3', 'beta story 4', 'beta story 5'].sort(),
    );
    expect(discord.titles('D1')).toEqual(['alpha story 8', 'alpha story 9', 'alpha story 10']);
    // Each feed is next due one interval after its check began, for every replica.
    const due = (await s0(url('/a.xml')))!.nextCheckAt;
    expect(due).toBeGreaterThan(Date.now() + 50_000);
    // Rounds run on demand at once, together, fetch each feed once more and post the new item once.
    addItem('/a.xml', 'alpha-new', 'Fresh alpha story');
    await Promise.all(pollers.map((p) => p.runOnce()));
    expect(answers).toHaveLength(4);
    expect(slack.titles('C1').filter((t) => t === 'Fresh alpha story')).toHaveLength(1);
    expect(discord.titles('D1').filter((t) => t === 'Fresh alpha story')).toHaveLength(1);
  });

  it('a post claimed by a replica that died is left alone until the claim expires, then made once', async () => {
    const dead = service({ feeds: new FeedStore(store, { claimTtlMs: 200 }) });
    const s = service({ feeds: new FeedStore(store, { claimTtlMs: 200 }) });
    await s.feeds.subscribe(A, url('/a.xml'), '');
    await s.feeds.subscribe(B, url('/a.xml'), '');
    // The first replica posts 'alpha story 8' to both channels, claims story 9 for C1, and
    // never gets further (as if killed): its check never ends and never releases the claim.
    let claimed = false;
    const inner = delivery();
    const dying = {
      serves: (platform: string) => inner.serves(platform),
      deliver: (...args: Parameters<PacedDelivery['deliver']>) => {
        if (slack.posts.length === 1 && args[0].channel === 'C1') {
          claimed = true;
          return new Promise<never>(() => undefined);
        }
        return inner.deliver(...args);
      },
    };
    void dead.check(url('/a.xml'), dying);
    await vi.waitFor(() => expect(claimed).toBe(true));
    const first = await s.check(url('/a.xml'), delivery());
    expect(first.posted).toBe(2);
    expect(slack.titles('C1')).toEqual(['alpha story 8']);
    expect(discord.titles('D1')).toEqual(['alpha story 8', 'alpha story 9', 'alpha story 10']);
    await vi.waitFor(
      async () => {
        await s.check(url('/a.xml'), delivery());
        expect(slack.titles('C1')).toEqual(['alpha story 8', 'alpha story 9', 'alpha story 10']);
      },
      { timeout: 3000, interval: 50 },
    );
    await s.check(url('/a.xml'), delivery());
    expect(discord.titles('D1')).toHaveLength(3);
    expect(slack.titles('C1')).toHaveLength(3);
  });

  it('a failing feed’s backoff holds for every replica', async () => {
    const replicas = [service(), service()];
    await replicas[0]!.feeds.subscribe(A, url('/error.xml'), '');
    const [first, second] = replicas.map((s) => new FeedPoller({ service: s, delivery: delivery(), intervalMs: 60_000, random: () => 1 }));
    expect((await first!.runOnce()).failed).toBe(1);
    expect(await second!.runOnce()).toMatchObject({ checked: 0, failed: 0 });
    expect((await store.get<{ failures: number }>('feed', url('/error.xml')))?.failures).toBe(1);
  });
});

describe('PacedDelivery over a shared store', () => {
  it('spaces posts to one channel from two replicas by the pacing', async () => {
    // Fake clock: the memory store needs no timers, so only the pacing waits are driven here.
    vi.useFakeTimers();
    try {
      const times: number[] = [];
      const timed = new (class extends RecordingAdapter {
        override async post(channel: string, reply: Parameters<RecordingAdapter['post']>[1]) {
          times.push(Date.now());
          return super.post(channel, reply);
        }
      })('slack');
      const replicas = [0, 1].map(() => new PacedDelivery({ adapters: [timed], pacingMs: { slack: 100 }, store }));
      const reply = { blocks: [{ type: 'heading' as const, text: 'x' }] };
      const all = Promise.all([0, 1, 2, 3].map((i) => replicas[i % 2]!.deliver(A, reply)));
      await vi.runAllTimersAsync();
      await all;
      const start = times[0]!;
      expect([...times].sort((a, b) => a - b).map((t) => t - start)).toEqual([0, 100, 200, 300]);
    } finally {
      vi.useRealTimers();
    }
  });
});
