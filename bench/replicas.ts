/**
 * Several replicas over one Redis: 1,000 loopback feeds, one channel subscribed to each,
 * polled by 1 and then 3 replicas (each its own FeedService, FeedPoller and Redis
 * connection, in this process) running their rounds at the same moment. Round 1 posts the
 * newest 3 items of each fresh subscription; then every feed gains one item and, as if one
 * interval had passed, round 2 posts it. Reported per round: feed requests (the target is
 * one per feed whatever the replica count), time, and posts per channel against the items
 * each channel should get. Then the store operations a feed post adds (the claim, and the
 * compare-and-swap record instead of a plain write), timed on Redis and PostgreSQL.
 *
 *   TEST_REDIS_URL=redis://127.0.0.1:6379/N TEST_POSTGRES_URL=postgres://… npm run bench -- --replicas-only
 */
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
import type { Store } from '../src/store/store.js';
import { feedXml } from './feeds.js';

const FEEDS = 1000;

/** Counts posts per channel, and how many of them repeated an item already posted there. */
class CountingAdapter implements Adapter {
  readonly name = 'bench';
  readonly perChannel = new Map<string, Set<string>>();
  posts = 0;
  repeats = 0;
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  connected(): boolean {
    return true;
  }
  async post(channel: string, reply: { blocks: Array<{ type: string; text?: string }> }): Promise<PostedMessage> {
    this.posts += 1;
    const title = reply.blocks.find((b) => b.type === 'heading')?.text ?? '';
    const seen = this.perChannel.get(channel) ?? new Set<string>();
    if (seen.has(title)) this.repeats += 1;
    seen.add(title);
    this.perChannel.set(channel, seen);
    return { channel, thread: String(this.posts) };
  }
}

async function emptyRedis(url: string): Promise<void> {
  const { createClient } = await import('@keyv/redis');
  const client = createClient({ url });
  await client.connect();
  await client.flushDb();
  await client.close();
}

async function benchRound(redisUrl: string, replicaCount: number): Promise<void> {
  await emptyRedis(redisUrl);
  let itemCount = 20;
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const f = Number(/^\/feed\/(\d+)\.xml$/u.exec(req.url ?? '')?.[1] ?? -1);
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml(f, itemCount));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const fetch = { allowPrivate: true, lookup: async () => [{ address: '127.0.0.1', family: 4 as const }] };
  const adapter = new CountingAdapter();
  const stores: Store[] = [];
  const pollers: FeedPoller[] = [];
  const newsrooms: Newsroom[] = [];
  for (let r = 0; r < replicaCount; r += 1) {
    const store = await createStore(redisUrl);
    stores.push(store);
    const newsroom = new Newsroom({ store, engine: new ExtractiveEngine(), input: { fetch } });
    newsrooms.push(newsroom);
    const service = new FeedService({ newsroom, feeds: new FeedStore(store), fetch, initialItems: 3 });
    pollers.push(new FeedPoller({ service, delivery: new PacedDelivery({ adapters: [adapter] }), intervalMs: 60 * 60_000 }));
  }
  const feeds = new FeedStore(stores[0]!);
  const urls = Array.from({ length: FEEDS }, (_, f) => `http://f${f}.bench.example:${port}/feed/${f}.xml`);
  for (let f = 0; f < FEEDS; f += 1) await feeds.subscribe({ platform: 'bench', channel: `C${f}`, workspace: 'bench' }, urls[f]!, '');
  try {
    for (const [round, owed] of [
      [1, 3],
      [2, 1],
    ] as const) {
      if (round === 2) {
        itemCount += 1;
        // One interval later: every feed is due again.
        for (const url of urls) await feeds.update(url, (feed) => void (feed.nextCheckAt = 0));
      }
      const before = { requests, posts: adapter.posts, repeats: adapter.repeats };
      const t = performance.now();
      const reports = await Promise.all(pollers.map((p) => p.runOnce()));
      const ms = performance.now() - t;
      const checked = reports.map((r) => r.checked).join('+');
      const posts = adapter.posts - before.posts;
      console.log(
        `${replicaCount} replica(s), round ${round}: requests ${requests - before.requests} (target ${FEEDS}); ` +
          `${(ms / 1000).toFixed(2)} s; feeds checked per replica ${checked}; ` +
          `posts ${posts} = ${(posts / FEEDS).toFixed(2)} per channel for ${owed} new item(s) each; repeats ${adapter.repeats - before.repeats}`,
      );
    }
  } finally {
    await Promise.all(pollers.map((p) => p.stop()));
    await Promise.all(newsrooms.map((n) => n.recorded()));
    await Promise.all(stores.map((s) => s.close()));
    server.closeAllConnections();
    server.close();
  }
}

/** Median and 95th percentile of `samples`, ms. */
function spread(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms`;
}

/** What coordination adds to one feed post: the claim (add) and a compare-and-swap record instead of a set. */
async function benchOperations(label: string, url: string): Promise<void> {
  const table = `bench_${process.pid}`;
  const store = await createStore(url, { prefix: `bench-${process.pid}`, table });
  const state = { url: 'https://example.com/feed.xml', seen: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`item-${i}`, Date.now()])), pending: {} as Record<string, string[]> };
  const n = 500;
  const add: number[] = [];
  const set: number[] = [];
  const update: number[] = [];
  try {
    for (let i = 0; i < n; i += 1) {
      let t = performance.now();
      await store.add('bench-claim', `claim-${i}`, 'owner', 60_000);
      add.push(performance.now() - t);
      t = performance.now();
      await store.set('bench-feed', 'state', state);
      set.push(performance.now() - t);
      t = performance.now();
      await store.update<typeof state>('bench-feed', 'state', (s) => (s ? { ...s, pending: { [`item-${i}`]: ['bench:C1'] } } : s));
      update.push(performance.now() - t);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const added = median(add) + median(update) - median(set);
    console.log(`${label}: claim (add) ${spread(add)}; record as update ${spread(update)} vs set ${spread(set)} (${(JSON.stringify(state).length / 1024).toFixed(1)} KiB state)`);
    console.log(`${label}: added per post ≈ ${added.toFixed(3)} ms (median add + median update − median set), ${n} samples each`);
  } finally {
    for (let i = 0; i < n; i += 1) await store.delete('bench-claim', `claim-${i}`);
    await store.delete('bench-feed', 'state');
    await store.close();
    if (/^postgres/u.test(url)) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.end();
    }
  }
}

/** Runs the replica benchmark; Redis (and PostgreSQL for the operation timings) from TEST_REDIS_URL / TEST_POSTGRES_URL. */
export async function benchReplicas(env: NodeJS.ProcessEnv): Promise<void> {
  const redisUrl = env.TEST_REDIS_URL;
  const postgresUrl = env.TEST_POSTGRES_URL;
  console.log(`== several replicas: ${FEEDS} loopback feeds, one channel each (bench/replicas.ts) ==`);
  if (!redisUrl) {
    console.log('bench: set TEST_REDIS_URL (a Redis database it may empty) to run this benchmark.');
    return;
  }
  console.log(`Redis ${redisUrl}; replicas run their rounds at the same moment, each with its own connection\n`);
  for (const replicas of [1, 3]) await benchRound(redisUrl, replicas);
  console.log('');
  await benchOperations('Redis', redisUrl);
  if (postgresUrl) await benchOperations('PostgreSQL', postgresUrl);
  else console.log('PostgreSQL: set TEST_POSTGRES_URL to time it too');
}
