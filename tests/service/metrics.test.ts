import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { App } from '../../src/app.js';
import { Bot } from '../../src/bot/bot.js';
import { loadConfig } from '../../src/config.js';
import { PacedDelivery } from '../../src/feeds/delivery.js';
import { FeedService } from '../../src/feeds/feed-service.js';
import { FeedStore } from '../../src/feeds/subscriptions.js';
import { Newsroom } from '../../src/newsroom.js';
import { Metrics } from '../../src/service/metrics.js';
import { timeEngineTask } from '../../src/service/time-engine-task.js';
import { createStore } from '../../src/store/create-store.js';
import { harbourText } from '../helpers/articles.js';
import { BrokenEngine } from '../helpers/counting-engine.js';
import { startFakeOpenAI } from '../helpers/fake-openai.js';
import type { FakeOpenAI } from '../helpers/fake-openai.js';
import { generateItems, RecordingAdapter, rss } from '../helpers/feeds.js';
import { startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';

/** The value of one sample line (`name{labels}`) in the Prometheus text, or undefined when absent. */
async function sample(metrics: Metrics, series: string): Promise<number | undefined> {
  const line = (await metrics.text()).split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let server: LoopbackServer | undefined;
let fake: FakeOpenAI | undefined;
let app: App | undefined;
afterEach(async () => {
  await server?.close();
  await fake?.close();
  await app?.close();
  server = fake = app = undefined;
});

describe('Metrics', () => {
  it('keeps its own registry: two instances never share a count', async () => {
    const one = new Metrics();
    const two = new Metrics();
    one.commandHandled('slack', 'help', 'ok');
    expect(await sample(one, 'newsroom_commands_total{platform="slack",command="help",outcome="ok"}')).toBe(1);
    expect(await sample(two, 'newsroom_commands_total{platform="slack",command="help",outcome="ok"}')).toBeUndefined();
  });

  it('timeEngineTask records a failing task as failed and rethrows', async () => {
    const metrics = new Metrics();
    await expect(timeEngineTask(metrics, 'openai', 'summarise', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await sample(metrics, 'newsroom_engine_task_duration_seconds_count{engine="openai",task="summarise",outcome="failed"}')).toBe(1);
  });

  it('the bot counts thread messages: ignored outside a story thread, failed when the engine breaks', async () => {
    const store = await createStore('memory://');
    const metrics = new Metrics();
    const newsroom = new Newsroom({ store, engine: new BrokenEngine(), metrics });
    const bot = new Bot(newsroom, store, undefined, metrics);
    const story = await newsroom.ingest('discord', harbourText());
    await bot.linkThread({ platform: 'discord', channel: 'T1', thread: 'T1' }, story.id);
    expect(await bot.message('hello?', { platform: 'discord', channel: 'C9', thread: null })).toBeNull();
    await bot.message('who decides?', { platform: 'discord', channel: 'T1', thread: 'T1' });
    expect(await sample(metrics, 'newsroom_events_total{platform="discord",outcome="ignored"}')).toBe(1);
    expect(await sample(metrics, 'newsroom_events_total{platform="discord",outcome="failed"}')).toBe(1);
    expect(await sample(metrics, 'newsroom_engine_task_duration_seconds_count{engine="broken",task="answer",outcome="failed"}')).toBe(1);
    await store.close();
  });

  it('feed fetches are counted as changed, not_modified or failed', async () => {
    server = await startLoopbackServer({
      '/feed.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(rss('Desk', generateItems('desk', 2)));
      },
      '/same.xml': (_req, res) => {
        res.writeHead(304);
        res.end();
      },
      '/down.xml': (_req, res) => {
        res.writeHead(500);
        res.end();
      },
    });
    const store = await createStore('memory://');
    const metrics = new Metrics();
    const feeds = new FeedService({ newsroom: new Newsroom({ store, engine: new BrokenEngine() }), feeds: new FeedStore(store), fetch: { allowPrivate: true }, metrics });
    await feeds.preview(`${server.base}/feed.xml`);
    await feeds.preview(`${server.base}/same.xml`);
    await expect(feeds.preview(`${server.base}/down.xml`)).rejects.toThrow();
    expect(await sample(metrics, 'newsroom_feed_fetches_total{result="changed"}')).toBe(1);
    expect(await sample(metrics, 'newsroom_feed_fetches_total{result="not_modified"}')).toBe(1);
    expect(await sample(metrics, 'newsroom_feed_fetches_total{result="failed"}')).toBe(1);
    await store.close();
  });

  it('posts are counted per attempt by platform and result', async () => {
    const metrics = new Metrics();
    const slack = new RecordingAdapter('slack');
    slack.gone.add('C-GONE');
    slack.rateLimits = 1;
    slack.retryAfterMs = 1;
    const delivery = new PacedDelivery({ adapters: [slack], metrics });
    const reply = { blocks: [{ type: 'heading' as const, text: 'story' }] };
    await delivery.deliver({ platform: 'slack', channel: 'C1', workspace: 'team:T1' }, reply);
    await expect(delivery.deliver({ platform: 'slack', channel: 'C-GONE', workspace: 'team:T1' }, reply)).rejects.toMatchObject({ code: 'CHANNEL_GONE' });
    expect(await sample(metrics, 'newsroom_posts_total{platform="slack",result="rate_limited"}')).toBe(1);
    expect(await sample(metrics, 'newsroom_posts_total{platform="slack",result="ok"}')).toBe(1);
    expect(await sample(metrics, 'newsroom_posts_total{platform="slack",result="channel_gone"}')).toBe(1);
  });

  it('LLM tokens the server reports are counted by model and direction, through the app', async () => {
    const wall = 'The Kestrel Bay harbour council voted on Monday to build a flood wall along the eastern quay';
    fake = await startFakeOpenAI([
      { json: { points: [{ text: 'A flood wall.', quotes: [wall] }] }, usage: { prompt_tokens: 1200, completion_tokens: 80 } },
    ]);
    const metrics = new Metrics();
    app = await createApp(
      loadConfig({ STORE_URL: 'memory://', OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'test-model' }),
      { metrics },
    );
    await app.bot.handle(`/summarize ${harbourText()}`, { platform: 'test', channel: 'C1', thread: null });
    expect(await sample(metrics, 'newsroom_llm_tokens_total{model="test-model",direction="input"}')).toBe(1200);
    expect(await sample(metrics, 'newsroom_llm_tokens_total{model="test-model",direction="output"}')).toBe(80);
    expect(await sample(metrics, 'newsroom_engine_task_duration_seconds_count{engine="openai",task="summarise",outcome="ok"}')).toBe(1);
  });
});
