import type { Adapter } from './bot/adapter.js';
import { Bot } from './bot/bot.js';
import type { Config } from './config.js';
import type { Engine } from './engines/engine.js';
import { loadPrompts } from './engines/openai/prompts.js';
import { UsageLedger } from './engines/usage.js';
import { PacedDelivery } from './feeds/delivery.js';
import { FeedService } from './feeds/feed-service.js';
import { FeedPoller } from './feeds/poller.js';
import { FeedStore } from './feeds/subscriptions.js';
import { Newsroom } from './newsroom.js';
import type { Metrics } from './service/metrics.js';
import { createStore } from './store/create-store.js';
import type { Store } from './store/store.js';
import { WorkerPool } from './workers/pool.js';
import { PooledExtractiveEngine } from './workers/pooled-engine.js';
import type { TaskRunner } from './workers/tasks.js';

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
  /** The counters and histograms `/metrics` serves, when the app was given them. */
  metrics: Metrics | undefined;
  /** A poller that posts feed items through `adapters`; `/subscribe` nudges it while it runs. */
  createPoller(adapters: readonly Adapter[], onError?: (url: string, message: string) => void): FeedPoller;
  /** Waits for the ledger recordings still running, then stops the worker threads and closes the store. */
  close(): Promise<void>;
}

/** Runtime hooks the configuration cannot express. */
export interface AppOptions {
  /** Reads standard input to the end, for the input `-`. */
  readStdin?: () => Promise<string>;
  /** Whether inputs may be paths on this machine (CLI and shell: yes; chat platforms: no). */
  allowFiles?: boolean;
  /**
   * Where the app counts its work; default nowhere. Only `serve` and `feeds poll` pass one:
   * a one-shot command has no `/metrics` to show it and need not load prom-client.
   */
  metrics?: Metrics;
  /** Where a ledger recording that failed after its reply is reported; default standard error. `serve` passes its log. */
  onRecordError?: (message: string) => void;
}

/**
 * The engine the configuration names. Either engine runs its CPU-heavy steps through `tasks`
 * (the worker pool): the extractive engine its drafts, the openai engine its reply checks and gate. The openai engine loads and checks `prompts/` here (a bad template is a
 * `ConfigError`) and records its token use in `store` (and `metrics`); it and the `openai` SDK
 * are loaded only when configured.
 */
export async function createEngine(config: Config, store: Store, tasks: TaskRunner, metrics?: Metrics): Promise<Engine> {
  switch (config.ENGINE) {
    case 'extractive':
      return new PooledExtractiveEngine(tasks);
    case 'openai': {
      const { OpenAIEngine } = await import('./engines/openai/openai-engine.js');
      return new OpenAIEngine({
        apiKey: config.OPENAI_API_KEY ?? '',
        ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
        model: config.OPENAI_MODEL,
        timeoutMs: config.OPENAI_TIMEOUT_MS,
        maxRetries: config.OPENAI_MAX_RETRIES,
        contextTokens: config.OPENAI_CONTEXT_TOKENS,
        ...(config.LLM_DAILY_TOKEN_BUDGET ? { dailyTokenBudget: config.LLM_DAILY_TOKEN_BUDGET } : {}),
        usage: new UsageLedger(store, undefined, metrics),
        prompts: loadPrompts(),
        tasks,
      });
    }
  }
}

/** Opens the store and wires the core, the engine (with the extractive fallback) and the bot. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const store = await createStore(config.STORE_URL, { timeoutMs: config.STORE_TIMEOUT_MS });
  const { metrics } = options;
  // Threads start on the first task, so a failed start-up leaves nothing running.
  const pool = new WorkerPool({
    ...(config.WORKER_THREADS ? { threads: config.WORKER_THREADS } : {}),
    maxMemoryMb: config.ENGINE_MAX_MEMORY_MB,
    ingestTimeoutMs: config.EXTRACT_TIMEOUT_MS,
    engineTimeoutMs: config.ENGINE_TIMEOUT_MS,
  });
  let engine: Engine;
  try {
    engine = await createEngine(config, store, pool, metrics);
  } catch (error) {
    await pool.close();
    await store.close();
    throw error;
  }
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
    fallback: engine instanceof PooledExtractiveEngine ? undefined : new PooledExtractiveEngine(pool),
    engineTimeoutMs: config.ENGINE_TIMEOUT_MS,
    tasks: pool,
    metrics,
    rejectedResultTtlMs: config.REJECTED_RESULT_TTL,
    ...(options.onRecordError ? { onRecordError: options.onRecordError } : {}),
    input: {
      allowFiles: options.allowFiles ?? false,
      maxBytes: config.FETCH_MAX_BYTES,
      ...(options.readStdin ? { readStdin: options.readStdin } : {}),
      fetch,
    },
  });
  const feeds = new FeedService({ newsroom, feeds: new FeedStore(store, { claimTtlMs: config.FEED_CLAIM_TTL }), fetch, initialItems: config.FEED_INITIAL_ITEMS, metrics, tasks: pool });
  const bot = new Bot(newsroom, store, feeds, metrics);
  const createPoller = (adapters: readonly Adapter[], onError?: (url: string, message: string) => void): FeedPoller => {
    const poller = new FeedPoller({
      service: feeds,
      delivery: new PacedDelivery({ adapters, pacingMs: config.FEED_POST_PACING, store, metrics }),
      intervalMs: config.FEED_POLL_INTERVAL,
      concurrency: config.FEED_CONCURRENCY,
      maxBackoffMs: config.FEED_MAX_BACKOFF,
      ...(onError ? { onError } : {}),
    });
    feeds.onSubscribe(() => poller.nudge());
    return poller;
  };
  const close = async () => {
    await newsroom.recorded();
    await pool.close();
    await store.close();
  };
  return { store, newsroom, bot, feeds, metrics, createPoller, close };
}
