import { Bot } from './bot/bot.js';
import type { Config } from './config.js';
import type { Engine } from './engines/engine.js';
import { ExtractiveEngine } from './engines/extractive/extractive-engine.js';
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
  const extraction = new ExtractionPool(config.EXTRACT_TIMEOUT_MS);
  const newsroom = new Newsroom({
    store,
    engine,
    fallback: engine instanceof ExtractiveEngine ? undefined : new ExtractiveEngine(),
    engineTimeoutMs: config.ENGINE_TIMEOUT_MS,
    input: {
      allowFiles: options.allowFiles ?? false,
      maxBytes: config.FETCH_MAX_BYTES,
      extract: (html, pageUrl) => extraction.extract(html, pageUrl),
      ...(options.readStdin ? { readStdin: options.readStdin } : {}),
      fetch: {
        allowPrivate: config.ALLOW_PRIVATE_URLS,
        connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
        totalTimeoutMs: config.FETCH_TIMEOUT_MS,
        maxBytes: config.FETCH_MAX_BYTES,
      },
    },
  });
  const bot = new Bot(newsroom, store);
  const close = async () => {
    await extraction.close();
    await store.close();
  };
  return { store, newsroom, bot, close };
}
