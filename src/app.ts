import type { Adapter } from './bot/adapter.js';
import { Bot } from './bot/bot.js';
import type { Config } from './config.js';
import type { Engine } from './engines/engine.js';
import { ExtractiveEngine } from './engines/extractive/extractive-engine.js';
import { OpenAIEngine } from './engines/openai/openai-engine.js';
import { loadPrompts } from './engines/openai/prompts.js';
import { UsageLedger } from './engines/usage.js';
import { PacedDelivery } from './feeds/delivery.js';
import { FeedService } from './feeds/feed-service.js';
import { FeedPoller } from './feeds/poller.js';
import { FeedStore } from './feeds/subscriptions.js';
import { ExtractionPool } from './ingest/extract-pool.js';
import { Newsroom } from './newsroom.js';
import { createStore } from './store/create-store.js';
import type { Store } from './store/store.js';

/** Everything a running bot or CLI needs, built once from the configuration. */
export interface App {
  /** The store, open. */
  store: Store;
  /** The core. */
  newsroom: Newsroom;
  /** The chat logic adapters drive. */
  bot: Bot;
  /** Feed subscriptions. */
  feeds: FeedService;
  /** A poller that posts feed items through `adapters`; `/subscribe` nudges it while it runs. */
  createPoller(adapters: readonly Adapter[], onError?: (url: string, message: string) => void): FeedPoller;
  /** Stops the extraction worker and closes the store. */
  close(): Promise<void>;
}

/** Runtime hooks the configuration cannot express. */
export interface AppOptions {
  /** Reads standard input to the end, for the input `-`. */
  readStdin?: () => Promise<string>;
  /** Whether inputs may be paths on this machine (CLI and shell: yes; chat platforms: no). */
  allowFiles?: boolean;
}

/**
 * The engine the configuration names. The openai engine loads and checks `prompts/` here (a
 * bad template is a `ConfigError`) and records its token use in `store`.
 */
export function createEngine(config: Config, store: Store): Engine {
  switch (config.ENGINE) {
    case 'extractive':
      return new ExtractiveEngine();
    case 'openai':
      return new OpenAIEngine({
        apiKey: config.OPENAI_API_KEY ?? '',
        ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
        model: config.OPENAI_MODEL,
        timeoutMs: config.OPENAI_TIMEOUT_MS,
        maxRetries: config.OPENAI_MAX_RETRIES,
        contextTokens: config.OPENAI_CONTEXT_TOKENS,
        ...(config.LLM_DAILY_TOKEN_BUDGET ? { dailyTokenBudget: config.LLM_DAILY_TOKEN_BUDGET } : {}),
        usage: new UsageLedger(store),
        prompts: loadPrompts(),
      });
  }
}

/** Opens the store and wires the core, the engine (with the extractive fallback) and the bot. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const store = await createStore(config.STORE_URL, { timeoutMs: config.STORE_TIMEOUT_MS });
  let engine: Engine;
  try {
    engine = createEngine(config, store);
  } catch (error) {
    await store.close();
    throw error;
  }
  const extraction = new ExtractionPool(config.EXTRACT_TIMEOUT_MS);
  // One set of fetch limits for article URLs and feeds alike.
  const fetch = {
    allowPrivate: config.ALLOW_PRIVATE_URLS,
    connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
    totalTimeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
  };
  const newsroom = new Newsroom({
    store,
    engine,
    fallback: engine instanceof ExtractiveEngine ? undefined : new ExtractiveEngine(),
    engineTimeoutMs: config.ENGINE_TIMEOUT_MS,
    rejectedResultTtlMs: config.REJECTED_RESULT_TTL,
    input: {
      allowFiles: options.allowFiles ?? false,
      maxBytes: config.FETCH_MAX_BYTES,
      extract: (html, pageUrl) => extraction.extract(html, pageUrl),
      ...(options.readStdin ? { readStdin: options.readStdin } : {}),
      fetch,
    },
  });
  const feeds = new FeedService({ newsroom, feeds: new FeedStore(store), fetch, initialItems: config.FEED_INITIAL_ITEMS });
  const bot = new Bot(newsroom, store, feeds);
  const createPoller = (adapters: readonly Adapter[], onError?: (url: string, message: string) => void): FeedPoller => {
    const poller = new FeedPoller({
      service: feeds,
      delivery: new PacedDelivery({ adapters, pacingMs: config.FEED_POST_PACING }),
      intervalMs: config.FEED_POLL_INTERVAL,
      concurrency: config.FEED_CONCURRENCY,
      maxBackoffMs: config.FEED_MAX_BACKOFF,
      ...(onError ? { onError } : {}),
    });
    feeds.onSubscribe(() => poller.nudge());
    return poller;
  };
  const close = async () => {
    await extraction.close();
    await store.close();
  };
  return { store, newsroom, bot, feeds, createPoller, close };
}
