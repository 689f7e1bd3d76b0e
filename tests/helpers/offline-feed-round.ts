// One feed polling round, run as its own process inside `unshare -n` (loopback only) by
// tests/ingest/offline-fetch.test.ts: the feed and two articles are served on 127.0.0.1, and
// one item links to a host that resolves to an address no route leads to, so the connect
// fails synchronously with ENETUNREACH. Prints the round's report and posts as one JSON line.
import { renderPlain } from '../../src/bot/render-plain.js';
import { PacedDelivery } from '../../src/feeds/delivery.js';
import { FeedService } from '../../src/feeds/feed-service.js';
import { FeedPoller } from '../../src/feeds/poller.js';
import { FeedStore } from '../../src/feeds/subscriptions.js';
import { isPrivateAddress } from '../../src/ingest/fetch-page.js';
import type { FetchPageOptions, ResolvedAddress } from '../../src/ingest/fetch-page.js';
import { Newsroom } from '../../src/newsroom.js';
import { createStore } from '../../src/store/create-store.js';
import { CountingEngine } from './counting-engine.js';
import { articleBody, RecordingAdapter, rss } from './feeds.js';
import { serve, startLoopbackServer } from './loopback-server.js';

const unreachable = process.argv[2] ?? '2001:db8::1';
const article = (topic: string) =>
  `<html><head><title>${topic}</title></head><body><article><h1>${topic}</h1><p>${articleBody(topic, 1)}</p></article></body></html>`;
const server = await startLoopbackServer({
  '/ok-1': serve('text/html', article('bridge')),
  '/ok-3': serve('text/html', article('tunnel')),
});
const port = Number(new URL(server.base).port);
const date = (hour: number) => new Date(Date.UTC(2026, 0, 10, hour));
const items = [
  { id: 'ok-3', title: 'Third', body: 'A snippet.', date: date(3) },
  { id: 'dead-2', title: 'Second', body: 'A snippet.', date: date(2) },
  { id: 'ok-1', title: 'First', body: 'A snippet.', date: date(1) },
];
// The feed lists dead-2 on the unreachable host; the other links stay on the loopback server.
const feedXml = rss('Offline', items, `http://news.example:${port}`).replace(
  `http://news.example:${port}/dead-2`,
  `http://dead.example:${port}/dead-2`,
);
const feedServer = await startLoopbackServer({ '/feed.xml': serve('application/rss+xml', feedXml) });

const lookup = async (host: string): Promise<ResolvedAddress[]> =>
  host === 'dead.example' ? [{ address: unreachable, family: unreachable.includes(':') ? 6 : 4 }] : [{ address: '127.0.0.1', family: 4 }];
const fetch: FetchPageOptions = {
  lookup,
  isBlocked: (address) => address !== '127.0.0.1' && address !== unreachable && isPrivateAddress(address),
};
const store = await createStore('memory://');
const newsroom = new Newsroom({ store, engine: new CountingEngine(), input: { fetch } });
const service = new FeedService({ newsroom, feeds: new FeedStore(store), fetch });
const feedUrl = `http://feeds.example:${Number(new URL(feedServer.base).port)}/feed.xml`;
await service.feeds.subscribe({ platform: 'slack', channel: 'C1', workspace: 'team:T1' }, feedUrl, '');
const slack = new RecordingAdapter('slack');
const poller = new FeedPoller({ service, delivery: new PacedDelivery({ adapters: [slack], pacingMs: { slack: 0 } }) });
const report = await poller.runOnce();
process.stdout.write(`${JSON.stringify({ report, posts: slack.posts.map((p) => renderPlain(p.reply)) })}\n`);
await poller.stop();
// Each post records its story's commitments after it; they finish before the store closes.
await newsroom.recorded();
await store.close();
await server.close();
await feedServer.close();
