/**
 * Feed polling at scale: 1,000 feeds of 20 items each on a loopback server, one channel
 * subscribed to each, two polling rounds through the real poller (the second answered 304).
 * Items carry their full text (≥ 600 characters), so no article link is fetched; the first
 * round ingests and summarises the newest `initialItems` of each feed (extractive engine) and
 * posts them to a recording adapter, and marks all 20 seen.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Adapter, PostedMessage } from '../src/bot/adapter.js';
import { ExtractiveEngine } from '../src/engines/extractive/extractive-engine.js';
import { PacedDelivery } from '../src/feeds/delivery.js';
import { FeedService } from '../src/feeds/feed-service.js';
import { FeedPoller } from '../src/feeds/poller.js';
import { FeedStore } from '../src/feeds/subscriptions.js';
import { Newsroom } from '../src/newsroom.js';
import { createStore } from '../src/store/create-store.js';

/** How {@link benchFeeds} runs. */
export interface FeedBenchOptions {
  /** Feeds served. Default 1,000. */
  feeds?: number;
  /** Items per feed. Default 20. */
  items?: number;
  /** Items posted per fresh subscription. Default 3. */
  initialItems?: number;
  /** Feeds fetched at once. Default 8. */
  concurrency?: number;
}

class CountingAdapter implements Adapter {
  readonly name = 'bench';
  posts = 0;
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  connected(): boolean {
    return true;
  }
  async post(channel: string): Promise<PostedMessage> {
    this.posts += 1;
    return { channel, thread: String(this.posts) };
  }
}

/** An RSS feed of `items` council stories for district `feed`, newest first (the replicas bench serves it too). */
export function feedXml(feed: number, items: number): string {
  const entries: string[] = [];
  for (let i = items; i >= 1; i -= 1) {
    const body =
      `The council of district ${feed} voted on Monday to fund project ${i}, after a long debate. ` +
      `"We will start the work in spring," said Mayor Jane Doe, who chairs the committee. ` +
      `Opponents said the plan would cost more than the budget allows and asked for a review. ` +
      `The committee agreed to publish the figures before the next meeting in March. ` +
      `A final decision on the contract is expected at the end of the year, officials said. ` +
      `The mayor said the council would not raise local taxes to pay for project ${i}.`;
    const date = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toUTCString();
    entries.push(
      `<item><title>District ${feed} story ${i}</title><link>https://f${feed}.bench.example/${i}</link>` +
        `<guid>f${feed}-${i}</guid><pubDate>${date}</pubDate><description>${body}</description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>District ${feed}</title>${entries.join('')}</channel></rss>`;
}

/** Runs the benchmark and prints its figures. */
export async function benchFeeds(options: FeedBenchOptions = {}): Promise<void> {
  const feedCount = options.feeds ?? 1000;
  const itemCount = options.items ?? 20;
  const bodies = Array.from({ length: feedCount }, (_, f) => feedXml(f, itemCount));
  const etags = bodies.map((b) => `"${createHash('sha1').update(b).digest('hex')}"`);
  let requests = 0;
  let notModified = 0;
  let bytesSent = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const f = Number(/^\/feed\/(\d+)\.xml$/u.exec(req.url ?? '')?.[1] ?? -1);
    const body = bodies[f];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    if (req.headers['if-none-match'] === etags[f]) {
      notModified += 1;
      res.writeHead(304, { etag: etags[f] }).end();
      return;
    }
    bytesSent += Buffer.byteLength(body);
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: etags[f]! }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const store = await createStore('memory://');
  const fetch = { allowPrivate: true, lookup: async () => [{ address: '127.0.0.1', family: 4 as const }] };
  const newsroom = new Newsroom({ store, engine: new ExtractiveEngine(), input: { fetch } });
  const feeds = new FeedStore(store);
  const service = new FeedService({ newsroom, feeds, fetch, initialItems: options.initialItems ?? 3 });
  const adapter = new CountingAdapter();
  // One host per feed, so per-host politeness does not serialise the whole run.
  for (let f = 0; f < feedCount; f += 1) {
    await feeds.subscribe({ platform: 'bench', channel: `C${f}`, workspace: 'bench' }, `http://f${f}.bench.example:${port}/feed/${f}.xml`, '');
  }
  const poller = new FeedPoller({ service, delivery: new PacedDelivery({ adapters: [adapter] }), concurrency: options.concurrency ?? 8 });

  console.log(`== feed polling: ${feedCount} feeds × ${itemCount} items on loopback (bench/feeds.ts) ==`);
  console.log(`items carry full text (no link fetch); extractive engine; fresh subscriptions post the newest ${options.initialItems ?? 3}; concurrency ${options.concurrency ?? 8}\n`);
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 20);
  try {
    for (const round of [1, 2]) {
      const before = { requests, notModified, posts: adapter.posts, bytes: bytesSent };
      const t = performance.now();
      const report = await poller.runOnce();
      // Each post records the item's commitments in its channel's ledger: part of a round's cost.
      await newsroom.recorded();
      const ms = performance.now() - t;
      console.log(
        `round ${round}: ${(ms / 1000).toFixed(2)} s (${(ms / feedCount).toFixed(2)} ms/feed); ` +
          `requests ${requests - before.requests} (304: ${notModified - before.notModified}); ` +
          `feed bytes ${((bytesSent - before.bytes) / 1024 / 1024).toFixed(1)} MiB; posts ${adapter.posts - before.posts}; failed ${report.failed}`,
      );
    }
  } finally {
    clearInterval(sampler);
    await poller.stop();
    await store.close();
    server.closeAllConnections();
    server.close();
  }
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const rss = process.resourceUsage().maxRSS;
  console.log(`memory: peak heap used ${(peakHeap / 1024 / 1024).toFixed(1)} MiB (sampled every 20 ms); peak RSS ${(rss / 1024).toFixed(1)} MiB for the process`);
}
