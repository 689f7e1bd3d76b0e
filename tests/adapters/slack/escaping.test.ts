import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../../adapters/slack/slack-adapter.js';
import type { SlackAdapter } from '../../../adapters/slack/slack-adapter.js';
import { Bot } from '../../../src/bot/bot.js';
import type { Engine } from '../../../src/engines/engine.js';
import { ExtractiveEngine } from '../../../src/engines/extractive/extractive-engine.js';
import { OpenAIEngine } from '../../../src/engines/openai/openai-engine.js';
import { loadPrompts } from '../../../src/engines/openai/prompts.js';
import { PacedDelivery } from '../../../src/feeds/delivery.js';
import { FeedService } from '../../../src/feeds/feed-service.js';
import { FeedStore } from '../../../src/feeds/subscriptions.js';
import { Newsroom } from '../../../src/newsroom.js';
import { createStore } from '../../../src/store/create-store.js';
import type { Store } from '../../../src/store/store.js';
import { ATTACK_PARAGRAPH, ATTACK_TITLE, attackArticle, attackFeed, BAD_LINKS, walkStrings } from '../../helpers/attacks.js';
import { FakeSlack, sendSigned, slashCommandForm } from '../../helpers/fake-slack.js';
import type { SlackCall } from '../../helpers/fake-slack.js';
import { startFakeOpenAI } from '../../helpers/fake-openai.js';
import type { FakeOpenAI, Responder } from '../../helpers/fake-openai.js';
import { startLoopbackServer } from '../../helpers/loopback-server.js';
import type { LoopbackServer } from '../../helpers/loopback-server.js';
import { testSlackAdapter } from '../../helpers/slack-test-adapter.js';

const SECRET = 'test-signing-secret';
const CHANNEL = 'C0NEWS';
const USER = 'U0REPORTER';

let fake: FakeSlack;
let site: LoopbackServer;
let store: Store;
let adapter: SlackAdapter | undefined;
let openai: FakeOpenAI | undefined;
let events: string;
let feeds: FeedService;

async function startAdapter(engine: Engine = new ExtractiveEngine()): Promise<SlackAdapter> {
  const newsroom = new Newsroom({ store, engine, fallback: new ExtractiveEngine(), input: { fetch: { allowPrivate: true } } });
  feeds = new FeedService({ newsroom, feeds: new FeedStore(store), fetch: { allowPrivate: true }, initialItems: 10 });
  adapter = testSlackAdapter(fake.apiUrl, SECRET);
  await adapter.start(new Bot(newsroom, store, feeds));
  events = `http://127.0.0.1:${adapter.port}${SLACK_EVENTS_PATH}`;
  return adapter;
}

beforeEach(async () => {
  fake = await FakeSlack.start();
  site = await startLoopbackServer({
    // One item links to this server with a | and a > in its path.
    '/feed.xml': (req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(attackFeed(`http://${req.headers.host}/a|Official council statement>`));
    },
  });
  store = await createStore('memory://');
});

afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await openai?.close();
  openai = undefined;
  await fake.close();
  await site.close();
  await store.close();
});

async function slash(command: string, text: string, id: string): Promise<void> {
  const body = slashCommandForm({ command, text, channel: CHANNEL, user: USER, responseUrl: fake.responseUrl(id) });
  expect((await sendSigned(events, SECRET, body, 'application/x-www-form-urlencoded')).status).toBe(200);
}

/** Everything the bot sent Slack, as payloads (auth.test asks nothing of the renderer). */
const sent = (): SlackCall[] => fake.calls.filter((c) => c.method !== 'auth.test');

const LINK = /<(https?:\/\/[^\s<>|]+)\|([^<>|]*)>/gu;

/**
 * What is wrong with the strings of these payloads, as Slack reads them: a control sequence
 * that is not one of our `<http(s)://…|label>` links, a bare `&`, a `>` that is not a block
 * quote marker, or a link of another scheme.
 */
function violations(calls: SlackCall[]): string[] {
  const problems: string[] = [];
  for (const call of calls) {
    for (const { path, value } of walkStrings(call.body)) {
      const where = `${call.method} ${path}: ${JSON.stringify(value.slice(0, 160))}`;
      const rest = value.replace(LINK, '');
      if (rest.includes('<')) problems.push(`${where} has a control sequence`);
      if (/[^\n]>|^>(?!“)/u.test(rest.replace(/^>“/gmu, ''))) problems.push(`${where} has a > that is not a quote marker`);
      if (/&(?!amp;|lt;|gt;)/u.test(value)) problems.push(`${where} has a bare &`);
      for (const bad of BAD_LINKS) if (value.includes(bad)) problems.push(`${where} carries ${bad}`);
    }
  }
  return problems;
}

/** Every link target in the payloads, entities undone. */
function linksIn(calls: SlackCall[]): string[] {
  return calls.flatMap((c) => walkStrings(c.body)).flatMap(({ value }) => [...value.matchAll(LINK)].map((m) => m[1]!.replace(/&amp;/gu, '&')));
}

const escaped = (text: string) => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

describe('Slack posts escape everything that comes from outside', () => {
  it('a feed whose titles, links and text carry mentions, spoofed links and other schemes', async () => {
    await startAdapter();
    const feedUrl = `${site.base}/feed.xml`;
    await slash('/subscribe', feedUrl, 'sub');
    await fake.waitForCall('chat.postMessage', (b) => String(b.text).startsWith('Subscribed'));
    const check = await feeds.check(feedUrl, new PacedDelivery({ adapters: [adapter!] }));
    expect(check.posted).toBe(4);

    const posts = fake.callsOf('chat.postMessage', (b) => Array.isArray(b.blocks) && (b.blocks as Array<{ type: string }>)[0]?.type === 'header');
    expect(posts).toHaveLength(4);
    // The notification text is the headline, escaped: no @channel, no user ping, no spoofed link.
    const first = posts.find((p) => String(p.body.text).includes('urgent'))!;
    expect(first.body.text).toBe(escaped(ATTACK_TITLE));
    expect((first.body.blocks as Array<{ text: { text: string } }>)[0]!.text.text).toBe(escaped(ATTACK_TITLE));
    expect(JSON.stringify(posts.map((p) => p.body))).toContain('&lt;!here&gt;');
    expect(violations(sent())).toEqual([]);

    // Links of other schemes were dropped at ingestion; a link with | and > is encoded.
    const links = linksIn(sent());
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/a%7COfficial%20council%20statement%3E#:~:text=/u);
  });

  it('a pasted article that carries the attacks, as Slack delivers typed text', async () => {
    await startAdapter();
    // Slack sends typed <, > and & as entities, and real mentions and links as control sequences.
    const typed = escaped(attackArticle())
      .replace('&lt;!channel&gt;', '<!channel>')
      .replace('&lt;@U0ATTACKER&gt;', '<@U0ATTACKER>')
      .replace('&lt;http://evil.example|Official council statement&gt;', '<http://evil.example|Official council statement>');
    await slash('/summarize', typed, 'paste');
    await slash('/who', typed, 'paste-2');
    const summary = await fake.waitForCall('chat.postMessage', (b) => Array.isArray(b.blocks) && JSON.stringify(b.blocks).includes('engine: extractive'));
    await fake.waitForCalls('chat.postMessage', (b) => JSON.stringify(b.blocks ?? '').includes('engine: extractive'), 2);
    expect(summary.body.channel).toBe(CHANNEL);
    // The story text itself reached the posts, escaped.
    expect(JSON.stringify(sent().map((c) => c.body))).toMatch(/&amp;lt;|&lt;[!@]/u);
    expect(violations(sent())).toEqual([]);
  });

  it('model output that carries the attacks, in points, actors, actions and answers', async () => {
    const article = attackArticle();
    const quote = 'The harbour council said the flood wall would cost £4.2m & take 12 months, and that the flyer was not its own.';
    const signs = 'Protesters outside the harbour hall held signs reading <!channel> and <!here>';
    const flyer = 'The flyer pointed to <http://evil.example|Official council statement> and to [Official council statement](http://evil.example)';
    const respond: Responder = (request) => {
      const name = request.body.response_format?.json_schema?.name;
      if (name === 'commitments') {
        return {
          json: {
            commitments: [
              // The citation gate wants the actor named near the quote and the action's words from its sentence.
              { actor: '<@U0ATTACKER>', actorMention: null, action: 'pointed to <http://evil.example|Official council statement> & more', stance: 'commits', condition: null, quote: flyer },
            ],
          },
        };
      }
      if (name === 'answer') {
        return { json: { answer: 'The harbour council said the flood wall would cost £4.2m & take 12 months <!channel> <@U0ATTACKER>.', grounded: true, quotes: [{ storyId: request.body.messages[1]!.content.match(/id=(\S+?)>>>/u)![1]!, quote }] } };
      }
      return { json: { points: [{ text: 'Protesters held signs reading <!channel> and <!here> outside the harbour hall <@U0ATTACKER>.', quotes: [signs] }] } };
    };
    openai = await startFakeOpenAI(respond);
    const engine = new OpenAIEngine({ apiKey: 'k', baseURL: openai.baseURL, model: 'm', timeoutMs: 5_000, maxRetries: 0, contextTokens: 16_000, prompts: loadPrompts() });
    await startAdapter(engine);
    await slash('/summarize', escaped(article), 'model-1');
    await slash('/commitments', escaped(article), 'model-2');
    await fake.waitForCalls('chat.postMessage', (b) => JSON.stringify(b.blocks ?? '').includes('engine: openai'), 2);
    // A question with the attacks in it too, about the channel's story.
    await slash('/ask', '<!channel> how much will the flood wall cost <@U0ATTACKER> &amp; when?', 'model-3');
    const posts = await fake.waitForCalls('chat.postMessage', (b) => JSON.stringify(b.blocks ?? '').includes('engine: openai'), 3);
    expect(posts).toHaveLength(3);
    const shown = JSON.stringify(posts.map((p) => p.body));
    expect(shown).toContain('&lt;!channel&gt; &lt;@U0ATTACKER&gt;');
    expect(shown).toContain('&lt;@U0ATTACKER&gt; · commits');
    expect(shown).toContain('pointed to &lt;http://evil.example|Official council statement&gt; &amp; more');
    expect(shown).toContain('held signs reading &lt;!channel&gt; and &lt;!here&gt;');
    expect(shown).toContain('take 12 months &lt;!channel&gt; &lt;@U0ATTACKER&gt;');
    // Slack's typed-text decoding shows a special mention by name; the user mention stays inert.
    expect(shown).toContain('Q: @channel how much will the flood wall cost &lt;@U0ATTACKER&gt; &amp; when?');
    expect(violations(sent())).toEqual([]);
    expect(ATTACK_PARAGRAPH).toContain(signs);
  });
});
