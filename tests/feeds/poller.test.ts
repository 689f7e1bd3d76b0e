import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../../src/bot/reply.js';
import { HttpStatusError } from '../../src/errors.js';
import { PacedDelivery } from '../../src/feeds/delivery.js';
import type { Deliverer } from '../../src/feeds/delivery.js';
import type { FeedCheck } from '../../src/feeds/feed-service.js';
import { FeedPoller } from '../../src/feeds/poller.js';
import { FeedStore } from '../../src/feeds/subscriptions.js';
import { createStore } from '../../src/store/create-store.js';
import type { Store } from '../../src/store/store.js';
import { RecordingAdapter } from '../helpers/feeds.js';

/** A feed checker of the poller's own interface, scripted per URL; records when each check ran. */
class ScriptedChecker {
  readonly calls: Array<{ url: string; at: number }> = [];
  readonly failWith = new Map<string, Error>();
  constructor(readonly feeds: FeedStore) {}
  async check(url: string): Promise<FeedCheck> {
    this.calls.push({ url, at: Date.now() });
    const error = this.failWith.get(url);
    if (error) throw error;
    return { changed: true, posted: 0, paused: [], failed: 0 };
  }
  times(url: string): number[] {
    return this.calls.filter((c) => c.url === url).map((c) => c.at);
  }
}

/** A checker whose checks take `ms` (on the fake clock), recording how many run at once, overall and per host. */
class SlowChecker extends ScriptedChecker {
  running = 0;
  maxRunning = 0;
  readonly perHost = new Map<string, number>();
  maxPerHost = 0;
  constructor(feeds: FeedStore, private readonly ms: number) {
    super(feeds);
  }
  override async check(url: string): Promise<FeedCheck> {
    const host = new URL(url).host;
    this.running += 1;
    this.perHost.set(host, (this.perHost.get(host) ?? 0) + 1);
    this.maxRunning = Math.max(this.maxRunning, this.running);
    this.maxPerHost = Math.max(this.maxPerHost, this.perHost.get(host)!);
    await new Promise((resolve) => setTimeout(resolve, this.ms));
    this.running -= 1;
    this.perHost.set(host, this.perHost.get(host)! - 1);
    return super.check(url);
  }
}

const MIN = 60_000;
const noDelivery: Deliverer = { deliver: () => Promise.reject(new Error('unused')), serves: () => true };
let store: Store;

beforeEach(async () => {
  vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') });
  store = await createStore('memory://');
});

afterEach(async () => {
  vi.useRealTimers();
  await store.close();
});

async function setup(urls: string[]): Promise<ScriptedChecker> {
  const feeds = new FeedStore(store);
  for (const url of urls) await feeds.subscribe({ platform: 'slack', channel: 'C1', workspace: 'team:T1' }, url, '');
  return new ScriptedChecker(feeds);
}

describe('FeedPoller load', () => {
  const FEEDS = ['a/1', 'a/2', 'a/3', 'b/1', 'b/2', 'c/1', 'd/1', 'e/1'].map((p) => `https://${p.replace('/', '.example/feed')}.xml`);

  it('checks at most `concurrency` feeds at once, and never two of one host at a time', async () => {
    const feeds = new FeedStore(store);
    for (const url of FEEDS) await feeds.subscribe({ platform: 'slack', channel: 'C1', workspace: 'team:T1' }, url, '');
    const checker = new SlowChecker(feeds, 1000);
    const poller = new FeedPoller({ service: checker, delivery: noDelivery, concurrency: 3 });
    const round = poller.runOnce();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await round).toMatchObject({ checked: 8, failed: 0 });
    expect(checker.maxRunning).toBe(3);
    expect(checker.maxPerHost).toBe(1);
  });

  it('with room for more, runs one check per host at once', async () => {
    const feeds = new FeedStore(store);
    for (const url of FEEDS) await feeds.subscribe({ platform: 'slack', channel: 'C1', workspace: 'team:T1' }, url, '');
    const checker = new SlowChecker(feeds, 1000);
    const poller = new FeedPoller({ service: checker, delivery: noDelivery, concurrency: 64 });
    const round = poller.runOnce();
    await vi.advanceTimersByTimeAsync(10_000);
    await round;
    expect(checker.maxRunning).toBe(5);
    expect(checker.maxPerHost).toBe(1);
  });
});

describe('FeedPoller timing', () => {
  it('checks at start and then once per interval', async () => {
    const checker = await setup(['https://a.example/feed']);
    const poller = new FeedPoller({ service: checker, delivery: noDelivery, intervalMs: 5 * MIN });
    const t0 = Date.now();
    poller.start();
    await vi.advanceTimersByTimeAsync(16 * MIN);
    await poller.stop();
    expect(checker.times('https://a.example/feed').map((t) => Math.round((t - t0) / MIN))).toEqual([0, 5, 10, 15]);
  });

  it('three replicas polling one store check each feed once per interval between them', async () => {
    const feeds = new FeedStore(store);
    await feeds.subscribe({ platform: 'slack', channel: 'C1', workspace: 'team:T1' }, 'https://a.example/feed', '');
    // Records the next check time as FeedService.check does, on the shared state.
    const calls: number[] = [];
    const sharing = {
      feeds,
      check: async (url: string, _delivery: Deliverer, options: { nextCheckAt?: number } = {}): Promise<FeedCheck> => {
        calls.push(Date.now());
        await feeds.update(url, (f) => void (f.nextCheckAt = options.nextCheckAt ?? 0));
        return { changed: true, posted: 0, paused: [], failed: 0 };
      },
    };
    const t0 = Date.now();
    const pollers = [0, 1, 2].map(() => new FeedPoller({ service: sharing, delivery: noDelivery, intervalMs: 5 * MIN }));
    for (const poller of pollers) poller.start();
    await vi.advanceTimersByTimeAsync(16 * MIN);
    await Promise.all(pollers.map((p) => p.stop()));
    expect(calls.map((t) => Math.round((t - t0) / MIN))).toEqual([0, 5, 10, 15]);
  });

  it('backs off a failing feed exponentially (jittered), while the others keep their interval', async () => {
    const checker = await setup(['https://bad.example/feed', 'https://good.example/feed']);
    checker.failWith.set('https://bad.example/feed', new Error('down'));
    const poller = new FeedPoller({ service: checker, delivery: noDelivery, intervalMs: MIN, random: () => 0.999 });
    const t0 = Date.now();
    poller.start();
    await vi.advanceTimersByTimeAsync(16 * MIN);
    await poller.stop();
    const minutes = (url: string) => checker.times(url).map((t) => Math.round((t - t0) / MIN));
    // waits of about 1, 2, 4 and 8 minutes after each failure
    expect(minutes('https://bad.example/feed')).toEqual([0, 1, 3, 7, 15]);
    expect(minutes('https://good.example/feed')).toEqual(Array.from({ length: 17 }, (_, i) => i));
    expect((await checker.feeds.get('https://bad.example/feed'))?.failures).toBe(5);
  });

  it('jitter shortens the wait to between half and all of it', async () => {
    const checker = await setup(['https://bad.example/feed']);
    checker.failWith.set('https://bad.example/feed', new Error('down'));
    const poller = new FeedPoller({ service: checker, delivery: noDelivery, intervalMs: 10 * MIN, random: () => 0 });
    await poller.runOnce();
    const next = (await checker.feeds.get('https://bad.example/feed'))!.nextCheckAt;
    expect(next - Date.now()).toBe(5 * MIN);
  });

  it('waits at least the Retry-After of a 429 or 503', async () => {
    const checker = await setup(['https://busy.example/feed']);
    checker.failWith.set('https://busy.example/feed', new HttpStatusError(429, 'slow down', { retryAfterMs: 30 * MIN }));
    const poller = new FeedPoller({ service: checker, delivery: noDelivery, intervalMs: MIN, random: () => 0.999 });
    const t0 = Date.now();
    poller.start();
    await vi.advanceTimersByTimeAsync(29 * MIN);
    expect(checker.times('https://busy.example/feed')).toHaveLength(1);
    checker.failWith.delete('https://busy.example/feed');
    await vi.advanceTimersByTimeAsync(3 * MIN);
    await poller.stop();
    const times = checker.times('https://busy.example/feed').map((t) => Math.round((t - t0) / MIN));
    expect(times[1]).toBe(30);
  });

  it('a stopped poller starts no more rounds', async () => {
    const checker = await setup(['https://a.example/feed']);
    const poller = new FeedPoller({ service: checker, delivery: noDelivery, intervalMs: MIN });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    await poller.stop();
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(checker.calls).toHaveLength(1);
  });
});

describe('FeedPoller.nudge', () => {
  it('during a round, runs another round right after it, for a feed subscribed meanwhile', async () => {
    const checker = await setup(['https://a.example/feed']);
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const service = {
      feeds: checker.feeds,
      check: async (url: string) => {
        if (url === 'https://a.example/feed') await slow;
        return checker.check(url);
      },
    };
    const poller = new FeedPoller({ service, delivery: noDelivery, intervalMs: 60 * MIN });
    const t0 = Date.now();
    poller.start();
    await vi.advanceTimersByTimeAsync(1_000);
    await checker.feeds.subscribe({ platform: 'slack', channel: 'C2', workspace: 'team:T1' }, 'https://b.example/feed', '');
    poller.nudge();
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    await poller.stop();
    expect(checker.times('https://b.example/feed').map((t) => Math.round((t - t0) / 1_000))).toEqual([1]);
  });

  it('between rounds, runs one at once instead of after the interval', async () => {
    const checker = await setup([]);
    const poller = new FeedPoller({ service: checker, delivery: noDelivery, intervalMs: 60 * MIN });
    const t0 = Date.now();
    poller.start();
    await vi.advanceTimersByTimeAsync(MIN);
    await checker.feeds.subscribe({ platform: 'slack', channel: 'C1', workspace: 'team:T1' }, 'https://a.example/feed', '');
    poller.nudge();
    await vi.advanceTimersByTimeAsync(MIN);
    await poller.stop();
    expect(checker.times('https://a.example/feed').map((t) => Math.round((t - t0) / MIN))).toEqual([1]);
  });
});

describe('PacedDelivery', () => {
  const reply = (n: number): Reply => ({ blocks: [{ type: 'heading', text: `item ${n}` }] });

  it('delivers a burst of 50 in order, one per second per Slack channel', async () => {
    const slack = new RecordingAdapter('slack');
    const delivery = new PacedDelivery({ adapters: [slack], pacingMs: { slack: 1000 } });
    const t0 = Date.now();
    const at: number[] = [];
    const all = Array.from({ length: 50 }, (_, n) =>
      delivery.deliver({ platform: 'slack', channel: 'C1', workspace: 'team:T1' }, reply(n)).then(() => at.push(Date.now() - t0)),
    );
    await vi.advanceTimersByTimeAsync(48_500);
    expect(slack.posts).toHaveLength(49);
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(all);
    expect(slack.titles('C1')).toEqual(Array.from({ length: 50 }, (_, n) => `item ${n}`));
    expect(at.every((t, i) => i === 0 || t - at[i - 1]! >= 1000)).toBe(true);
  });

  it('does not pace one channel behind another', async () => {
    const slack = new RecordingAdapter('slack');
    const delivery = new PacedDelivery({ adapters: [slack], pacingMs: { slack: 1000 } });
    await delivery.deliver({ platform: 'slack', channel: 'C1', workspace: 'team:T1' }, reply(1));
    await delivery.deliver({ platform: 'slack', channel: 'C2', workspace: 'team:T1' }, reply(2));
    expect(slack.posts).toHaveLength(2);
  });

  it('retries a RATE_LIMITED post after retryAfterMs', async () => {
    const discord = new RecordingAdapter('discord');
    discord.rateLimits = 2;
    discord.retryAfterMs = 3000;
    const delivery = new PacedDelivery({ adapters: [discord] });
    const done = delivery.deliver({ platform: 'discord', channel: 'D1', workspace: 'guild:G1' }, reply(1));
    await vi.advanceTimersByTimeAsync(5_999);
    expect(discord.posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(discord.posts).toHaveLength(1);
    expect(discord.attempts).toBe(3);
  });

  it('gives up after the retry limit', async () => {
    const discord = new RecordingAdapter('discord');
    discord.rateLimits = 10;
    const delivery = new PacedDelivery({ adapters: [discord], maxRateLimitRetries: 2 });
    const done = delivery.deliver({ platform: 'discord', channel: 'D1', workspace: 'guild:G1' }, reply(1));
    const settled = expect(done).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await vi.advanceTimersByTimeAsync(10_000);
    await settled;
    expect(discord.attempts).toBe(3);
  });
});
