import { Bot } from './bot/bot.js';
import type { Config } from './config.js';
import type { Engine } from './engines/engine.js';
import { ExtractiveEngine } from './engines/extractive/extractive-engine.js';
import { PacedDelivery } from './feeds/delivery.js';
import { FeedPoller } from './feeds/poller.js';
import { FeedService } from './feeds/feed-service.js';
import { FeedStore } from './feeds/subscriptions.js';
import type { Adapter } from './bot/adapter.js';
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
  /** Closes the store. */
  close(): Promise<void>;
}

/** Runtime hooks the configuration cannot express. */
export interface AppOptions {
  /** Reads standard input to the end, for the input `-`. */
  readStdin?: () => Promise<string>;
  /** Whether inputs may be paths on this machine (CLI and shell: yes; chat platforms: no). */
  allowFiles?: boolean;
}

/** The engine the configuration names. */
export function createEngine(config: Config): Engine {
  switch (config.NEWSROOM_ENGINE) {
    case 'extractive':
      return new ExtractiveEngine();
  }
}

/** Opens the store and wires the core, the engine (with the extractive fallback) and the bot. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const store = await createStore(config.STORE_URL);
  const engine = createEngine(config);
  const newsroom = new Newsroom({
    store,
    engine,
    fallback: engine instanceof ExtractiveEngine ? undefined : new ExtractiveEngine(),
    engineTimeoutMs: config.ENGINE_TIMEOUT_MS,
    input: {
      allowFiles: options.allowFiles ?? false,
      maxBytes: config.FETCH_MAX_BYTES,
      ...(options.readStdin ? { readStdin: options.readStdin } : {}),
      fetch: {
        allowPrivate: config.ALLOW_PRIVATE_URLS,
        connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
        totalTimeoutMs: config.FETCH_TIMEOUT_MS,
        maxBytes: config.FETCH_MAX_BYTES,
      },
    },
  });
  const fetch = {
    allowPrivate: config.ALLOW_PRIVATE_URLS,
    connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
    totalTimeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
  };
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
  return { store, newsroom, bot, feeds, createPoller, close: () => store.close() };
}
