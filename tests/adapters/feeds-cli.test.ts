import { mkdtemp, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../adapters/main.js';
import { articleBody, generateItems, rss } from '../helpers/feeds.js';
import type { GeneratedItem } from '../helpers/feeds.js';
import { serve, startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';
import { testIo } from '../helpers/stream-io.js';

const FEED_TITLE = 'Harbour Gazette';
/** Item topic: long enough that each generated body (≥ 600 characters) is taken as the full article, so no link is fetched. */
const TOPIC = 'harbourside';
/** The items the served feed has, newest first; tests add to it. */
let items: GeneratedItem[] = [];
/** What `/feed.xml` answers: 200 with the feed, or this error status. */
let feedStatus = 200;
/** While set, `/feed.xml` requests after the first this many are held unanswered, like a slow feed. */
let answerOnly: number | undefined;
let feedRequests = 0;
const held: ServerResponse[] = [];
let site: LoopbackServer;

beforeAll(async () => {
  site = await startLoopbackServer({
    '/feed.xml': (_req, res) => {
      feedRequests += 1;
      if (answerOnly !== undefined && feedRequests > answerOnly) {
        held.push(res);
        return;
      }
      if (feedStatus !== 200) {
        res.writeHead(feedStatus, { 'content-type': 'text/plain' });
        res.end('unavailable');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss(FEED_TITLE, items, site.base));
    },
    '/broken.xml': (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    },
    '/home.html': serve('text/html; charset=utf-8', '<!doctype html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>'),
  });
});

afterAll(() => site.close());

beforeEach(() => {
  items = generateItems(TOPIC, 5);
  feedStatus = 200;
  site.requests.length = 0;
});

const feedUrl = () => `${site.base}/feed.xml`;
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ STORE_URL: 'memory://', ALLOW_PRIVATE_URLS: 'true', ...extra });

describe('newsroom feeds check', () => {
  it('prints the feed title, how many items a new subscription would post, and those items', async () => {
    const t = testIo(env());
    expect(await main(['feeds', 'check', feedUrl()], t.io)).toBe(0);
    const lines = t.stdoutLines();
    expect(lines[0]).toBe(`${FEED_TITLE}: 3 item(s) would be posted now`);
    const titles = lines.filter((l) => l.startsWith('- ')).map((l) => l.replace(/^- (.*?) \(.*\)$/u, '$1'));
    expect(titles).toEqual(items.slice(0, 3).map((i) => i.title));
    for (const item of items.slice(0, 3)) expect(lines).toContain(`  ${site.base}/${item.id}`);
    expect(t.stdout()).not.toContain(items[3]!.title);
    expect(t.stderr()).toBe('');
  });

  it('--json prints one object per item with id, title and link', async () => {
    const t = testIo(env());
    expect(await main(['feeds', 'check', feedUrl(), '--json'], t.io)).toBe(0);
    const objects = t.stdoutLines().map((line) => JSON.parse(line) as { id: string; title: string; link: string; chars: number });
    expect(objects.map(({ id, title, link }) => ({ id, title, link }))).toEqual(
      items.slice(0, 3).map((i) => ({ id: `guid:${i.id}`, title: i.title, link: `${site.base}/${i.id}` })),
    );
    for (const object of objects) expect(object.chars).toBeGreaterThan(0);
  });

  it('--keywords keeps only the matching items', async () => {
    items = [
      { id: 'ferry-1', title: 'Ferry timetable cut', body: articleBody('ferry', 1), date: new Date('2026-01-10T12:00:00Z') },
      { id: 'wall-1', title: 'Flood wall approved', body: articleBody('flood wall', 1), date: new Date('2026-01-10T11:00:00Z') },
      { id: 'ferry-2', title: 'Ferry operator answers', body: articleBody('ferry', 2), date: new Date('2026-01-10T10:00:00Z') },
    ];
    const t = testIo(env());
    expect(await main(['feeds', 'check', feedUrl(), '--keywords', 'ferry', '--json'], t.io)).toBe(0);
    expect(t.stdoutLines().map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['guid:ferry-1', 'guid:ferry-2']);
    const excluded = testIo(env());
    expect(await main(['feeds', 'check', feedUrl(), '--keywords=-ferry'], excluded.io)).toBe(0);
    expect(excluded.stdoutLines()[0]).toBe(`${FEED_TITLE}: 1 item(s) would be posted now`);
    expect(excluded.stdout()).toContain('Flood wall approved');
    expect(excluded.stdout()).not.toMatch(/Ferry/u);
    const both = testIo(env());
    expect(await main(['feeds', 'check', feedUrl(), '--keywords', 'ferry -timetable', '--json'], both.io)).toBe(0);
    expect(both.stdoutLines().map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['guid:ferry-2']);
  });

  it.each([
    ['a server error', '/broken.xml', /500/u],
    ['an HTML page', '/home.html', /text\/html/u],
    ['a missing page', '/missing.xml', /404/u],
  ])('exits 1 with one plain line for %s', async (_what, path, reason) => {
    const t = testIo(env());
    expect(await main(['feeds', 'check', `${site.base}${path}`], t.io)).toBe(1);
    expect(t.stdout()).toBe('');
    const lines = t.stderrLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^newsroom feeds: /u);
    expect(lines[0]).toMatch(reason);
    expect(lines[0]).not.toMatch(/\bat .+:\d+/u);
  });

  it('refuses a loopback feed without ALLOW_PRIVATE_URLS, in words, fetching nothing', async () => {
    const before = site.requests.length;
    const t = testIo({ STORE_URL: 'memory://' });
    expect(await main(['feeds', 'check', feedUrl()], t.io)).toBe(1);
    expect(t.stderrLines()).toHaveLength(1);
    expect(t.stderr()).toMatch(/private|loopback|127\.0\.0\.1/iu);
    expect(site.requests.length).toBe(before);
  });

  it.each([
    ['no subcommand', []],
    ['check without a URL', ['check']],
    ['check with two URLs', ['check', 'http://a.example/f.xml', 'http://b.example/f.xml']],
    ['poll without --once', ['poll']],
    ['poll with a URL', ['poll', 'http://a.example/f.xml', '--once']],
    ['an unknown option', ['check', 'http://a.example/f.xml', '--all']],
    ['an unknown subcommand', ['list']],
  ])('exits 2 with the usage for %s', async (_what, args) => {
    const t = testIo(env());
    expect(await main(['feeds', ...args], t.io)).toBe(2);
    expect(t.stderr()).toContain('usage: newsroom feeds check <feed-url>');
    expect(t.stderr()).toContain('newsroom feeds poll --once');
    expect(t.stdout()).toBe('');
  });
});

describe('newsroom feeds poll --once with a SQLite store', () => {
  let dir: string;
  let storeEnv: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-feeds-'));
    storeEnv = env({ STORE_URL: `sqlite://${join(dir, 'store.sqlite')}` });
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Subscribes the terminal chat to the feed, as a person typing `/subscribe` in `newsroom chat`. */
  async function subscribeInChat(): Promise<string> {
    const t = testIo(storeEnv, `/subscribe ${feedUrl()}\n`);
    // `/subscribe` reads the feed once; a fetch by the chat's own poller is left hanging, and
    // abandoned when the chat ends with its input, so nothing is posted in the chat.
    feedRequests = 0;
    answerOnly = 1;
    try {
      expect(await main(['chat'], t.io)).toBe(0);
    } finally {
      answerOnly = undefined;
      for (const res of held.splice(0)) res.destroy();
    }
    expect(t.stdout()).toContain(`Subscribed this channel to ${feedUrl()}`);
    return t.stdout();
  }

  /** One `feeds poll --once` run; returns its exit code and output. */
  async function pollOnce(): Promise<{ code: number; stdout: string; stderr: string }> {
    const t = testIo(storeEnv);
    const code = await main(['feeds', 'poll', '--once'], t.io);
    return { code, stdout: t.stdout(), stderr: t.stderr() };
  }

  /** The headlines of the stories printed, in order. */
  const headlines = (stdout: string): string[] => items.map((i) => i.title).filter((title) => stdout.includes(title)).sort((a, b) => stdout.indexOf(a) - stdout.indexOf(b));

  it('prints the newest items once, nothing again after a restart, then only the new item', async () => {
    const chat = await subscribeInChat();
    expect(headlines(chat)).toEqual([]);

    const first = await pollOnce();
    expect(first.code).toBe(0);
    // Oldest first, as a channel would get them.
    expect(headlines(first.stdout)).toEqual(items.slice(0, 3).map((i) => i.title).reverse());
    expect(first.stdout).toContain(`From the feed ${FEED_TITLE}`);
    expect(first.stdout).toContain('Opponents said the harbourside plan would cost more than the budget allows');
    expect(first.stderr).toContain('checked 1 feed(s), 0 failed, 3 post(s)');
    // Full-text items are summarised from the feed: no article page is fetched.
    expect(first.stdout).not.toContain("feed's own text only");
    expect(site.requests.filter((path) => path !== '/feed.xml')).toEqual([]);

    const second = await pollOnce();
    expect(second.code).toBe(0);
    expect(headlines(second.stdout)).toEqual([]);
    expect(second.stderr).toContain('checked 1 feed(s), 0 failed, 0 post(s)');

    const fresh: GeneratedItem = { id: `${TOPIC}-6`, title: `${TOPIC} story 6`, body: articleBody('ferry terminal', 6), date: new Date('2026-01-10T13:00:00Z') };
    items = [fresh, ...items];
    const third = await pollOnce();
    expect(third.code).toBe(0);
    expect(headlines(third.stdout)).toEqual([fresh.title]);
    expect(third.stdout).toContain('fund the ferry terminal project number 6');
    expect(third.stderr).toContain('checked 1 feed(s), 0 failed, 1 post(s)');
  });

  it('with no subscriptions checks nothing and exits 0', async () => {
    const run = await pollOnce();
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('checked 0 feed(s), 0 failed, 0 post(s)');
  });

  it('exits 1 and names the feed when it cannot be read', async () => {
    await subscribeInChat();
    feedStatus = 503;
    const run = await pollOnce();
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`WARN: feed ${feedUrl()}:`);
    expect(run.stderr).toContain('503');
    expect(run.stderr).toContain('checked 1 feed(s), 1 failed, 0 post(s)');
  });
});
