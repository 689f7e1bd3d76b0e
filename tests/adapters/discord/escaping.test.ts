import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../../adapters/discord/discord-adapter.js';
import { Bot } from '../../../src/bot/bot.js';
import { ExtractiveEngine } from '../../../src/engines/extractive/extractive-engine.js';
import { OpenAIEngine } from '../../../src/engines/openai/openai-engine.js';
import { loadPrompts } from '../../../src/engines/openai/prompts.js';
import { PacedDelivery } from '../../../src/feeds/delivery.js';
import { FeedService } from '../../../src/feeds/feed-service.js';
import { FeedStore } from '../../../src/feeds/subscriptions.js';
import { Newsroom } from '../../../src/newsroom.js';
import { createStore } from '../../../src/store/create-store.js';
import type { Store } from '../../../src/store/store.js';
import { attackArticle, attackFeed, BAD_LINKS, walkStrings } from '../../helpers/attacks.js';
import { FakeDiscord } from '../../helpers/fake-discord.js';
import type { RecordedRequest } from '../../helpers/fake-discord.js';
import { startFakeOpenAI } from '../../helpers/fake-openai.js';
import type { FakeOpenAI, Responder } from '../../helpers/fake-openai.js';
import { startLoopbackServer } from '../../helpers/loopback-server.js';
import type { LoopbackServer } from '../../helpers/loopback-server.js';

const QUOTE = 'The harbour council said the flood wall would cost £4.2m & take 12 months, and that the flyer was not its own.';

/** A model whose commitments carry Discord mentions and a masked link in the actor and action. */
const respond: Responder = (request) =>
  request.body.response_format?.json_schema?.name === 'commitments'
    ? { json: { commitments: [{ actor: '@everyone and <@&123456789012345678>', actorMention: null, action: 'pointed to [Official council statement](http://evil.example) @everyone', stance: 'commits', condition: null, quote: FLYER }] } }
    : { json: { points: [{ text: 'The harbour council said the flood wall would cost £4.2m @everyone [see](javascript:alert(origin)).', quotes: [QUOTE] }] } };
/**
 * The citation gate wants a commitment's actor named near its quote and its action's words and
 * numbers from the quote's sentence, and a point's numbers from its quotes (so no "alert(1)").
 */
const FLYER = 'The flyer pointed to <http://evil.example|Official council statement> and to [Official council statement](http://evil.example), and ended with @everyone and <@&123456789012345678>.';

let site: LoopbackServer;
let fake: FakeDiscord;
let openai: FakeOpenAI;
let store: Store;
let adapter: DiscordAdapter;
let feeds: FeedService;
let feedStore: FeedStore;

beforeAll(async () => {
  site = await startLoopbackServer({
    '/feed.xml': (req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(attackFeed(`http://${req.headers.host}/a|Official council statement>(x)`));
    },
  });
  fake = await FakeDiscord.start();
  openai = await startFakeOpenAI(respond);
  store = await createStore('memory://');
  const engine = new OpenAIEngine({ apiKey: 'k', baseURL: openai.baseURL, model: 'm', timeoutMs: 5_000, maxRetries: 0, contextTokens: 16_000, prompts: loadPrompts() });
  const newsroom = new Newsroom({ store, engine, fallback: new ExtractiveEngine(), input: { fetch: { allowPrivate: true } } });
  feedStore = new FeedStore(store);
  feeds = new FeedService({ newsroom, feeds: feedStore, fetch: { allowPrivate: true }, initialItems: 10 });
  adapter = new DiscordAdapter({ token: 'test-token', apiUrl: fake.apiUrl, log: () => undefined });
  await adapter.start(new Bot(newsroom, store, feeds));
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await openai?.close();
  await site?.close();
  await store?.close();
});

/** Requests that carry a message: posts, interaction replies and their edits. */
const messages = (): RecordedRequest[] =>
  fake.requests.filter((r) => ['POST', 'PATCH'].includes(r.method) && r.body !== undefined && typeof r.body === 'object' && ('embeds' in (r.body as object) || 'content' in (r.body as object)));

/**
 * What is wrong with these payloads, as Discord reads them: mentions allowed, a Markdown link
 * we did not make (ours are `[“quote”](http…)`), a link target of another scheme, an embed URL
 * that is not http(s), or a dropped feed link shown anyway.
 */
function violations(requests: RecordedRequest[]): string[] {
  const problems: string[] = [];
  for (const request of requests) {
    const body = request.body as { allowed_mentions?: unknown };
    if (JSON.stringify(body.allowed_mentions) !== JSON.stringify({ parse: [] })) {
      problems.push(`${request.method} ${request.path}: allowed_mentions ${JSON.stringify(body.allowed_mentions)}`);
    }
    for (const { path, value } of walkStrings(request.body)) {
      const where = `${request.method} ${request.path} ${path}: ${JSON.stringify(value.slice(0, 160))}`;
      if (path.endsWith('.url') && !/^https?:\/\/[^\s()]+$/u.test(value)) problems.push(`${where} is not an http(s) link`);
      for (const m of value.matchAll(/(?<!\\)\[([^\]]*)(?<!\\)\]\(([^)]*)\)/gu)) {
        if (!m[1]!.startsWith('“') || !/^https?:\/\/[^\s()]+$/u.test(m[2]!)) problems.push(`${where} has a link we did not make: ${m[0]}`);
      }
      for (const bad of BAD_LINKS) if (value.includes(bad)) problems.push(`${where} carries ${bad}`);
    }
  }
  return problems;
}

describe('Discord posts keep outside text inert', () => {
  it('a feed whose titles, links and text carry mentions, masked links and other schemes', async () => {
    const feedUrl = `${site.base}/feed.xml`;
    await feedStore.subscribe({ platform: 'discord', channel: fake.channelId, workspace: `guild:${fake.guildId}` }, feedUrl, '');
    const before = messages().length;
    const check = await feeds.check(feedUrl, new PacedDelivery({ adapters: [adapter] }));
    expect(check.posted).toBe(4);
    const posts = messages().slice(before);
    expect(posts).toHaveLength(4);
    const shown = JSON.stringify(posts.map((p) => p.body));
    expect(shown).toContain('\\\\[Official council statement\\\\](http://evil.example)');
    expect(violations(posts)).toEqual([]);
    // The one http(s) item link, with its | and parentheses encoded, is the title's link.
    const urls = walkStrings(posts.map((p) => p.body)).filter((s) => s.path.endsWith('.url')).map((s) => s.value);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/a%7COfficial%20council%20statement%3E%28x%29/u);
  });

  it('a pasted article and model output that carry them', async () => {
    const summarize = fake.slashCommand('summarize', { text: attackArticle() });
    const commitments = fake.slashCommand('commitments', { url: attackArticle() });
    const edits = await Promise.all(
      [summarize, commitments].map((token) => fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(`/${token}`) && r.path.endsWith('/messages/@original'))),
    );
    const shown = JSON.stringify(edits.map((e) => e.body));

    expect(shown).toContain('engine: openai');
    expect(shown).toContain('@everyone and <@&123456789012345678> · commits');
    expect(shown).toContain('\\\\[Official council statement\\\\](http://evil.example)');
    expect(violations(messages())).toEqual([]);
  });
});
