import { FeedError } from '../errors.js';
import { feedNamespaces } from '../store/keys.js';
import { Serial } from '../store/serial.js';
import type { Store } from '../store/store.js';
import type { SeenIds } from './seen.js';

/** Where a subscription posts: a channel on a platform. */
export interface ChannelRef {
  /** "slack", "discord", "shell" … (`Adapter.name`). */
  platform: string;
  /** The platform's channel id. */
  channel: string;
}

/** One channel's subscription to a feed. */
export interface Subscription extends ChannelRef {
  /** The keyword filter as typed (empty: every item). */
  keywords: string;
  /** When it was made, ISO-8601. */
  createdAt: string;
  /** `false` until its first check: then only the newest few items are posted. */
  primed: boolean;
  /** Why posting is paused (the bot was removed from the channel), or `null`. */
  paused: string | null;
}

/** Everything stored about one feed. */
export interface FeedState {
  /** The feed URL, normalised. */
  url: string;
  /** The feed's title, from its last successful parse. */
  title: string | null;
  /** Channels subscribed, in subscription order. */
  subscribers: Subscription[];
  /** `ETag` of the last full answer. */
  etag: string | undefined;
  /** `Last-Modified` of the last full answer. */
  lastModified: string | undefined;
  /** When the feed was last checked (successfully or not), ISO-8601, or `null`. */
  lastCheck: string | null;
  /** The last check's error, one line, or `null` when it succeeded. */
  lastError: string | null;
  /** Failed checks in a row. */
  failures: number;
  /** Not checked before this time (ms since the epoch) — backoff and `Retry-After`; 0 when due. */
  nextCheckAt: number;
  /** Items handled: delivered to every target channel, or deliberately skipped. */
  seen: SeenIds;
  /** Items delivered to some channels but not yet all: item id → channel keys done. */
  pending: Record<string, string[]>;
}

const ALL = 'all';

/** The key of a channel: platform and channel id, URI-encoded. */
export function channelKey(ref: ChannelRef): string {
  return [ref.platform, ref.channel].map(encodeURIComponent).join(':');
}

/**
 * A feed URL in one canonical form, so the same feed is stored once.
 *
 * @throws {FeedError} `FEED_URL_INVALID` for anything but an absolute http(s) URL.
 */
export function normaliseFeedUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim().replace(/^<(.*)>$/u, '$1'));
  } catch {
    throw new FeedError('FEED_URL_INVALID', `${JSON.stringify(input.trim())} is not a feed URL (give an http:// or https:// address)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedError('FEED_URL_INVALID', `${url.protocol} URLs cannot be subscribed to (give an http:// or https:// address)`);
  }
  url.hash = '';
  return url.href;
}

/**
 * Subscriptions and feed state in the store. One key per feed holds its subscribers and
 * state, so a check updates a feed in one write; every read-modify-write goes through one
 * queue, so commands and the poller in this process never overwrite each other.
 */
export class FeedStore {
  private readonly queue = new Serial();

  constructor(private readonly store: Store) {}

  /** The state of a feed, if anyone subscribes to it. */
  get(url: string): Promise<FeedState | undefined> {
    return this.store.get<FeedState>(feedNamespaces.feed, url);
  }

  /** Every subscribed feed URL. */
  async urls(): Promise<string[]> {
    return (await this.store.get<string[]>(feedNamespaces.feedList, ALL)) ?? [];
  }

  /** A channel's feeds with its subscription to each, in subscription order. */
  async channelFeeds(ref: ChannelRef): Promise<Array<{ feed: FeedState; subscription: Subscription }>> {
    const urls = (await this.store.get<string[]>(feedNamespaces.feedChannel, channelKey(ref))) ?? [];
    const found: Array<{ feed: FeedState; subscription: Subscription }> = [];
    for (const url of urls) {
      const feed = await this.get(url);
      const subscription = feed?.subscribers.find((s) => channelKey(s) === channelKey(ref));
      if (feed && subscription) found.push({ feed, subscription });
    }
    return found;
  }

  /** Subscribes a channel (or replaces its keywords and resumes it); `true` when it is new. */
  subscribe(ref: ChannelRef, url: string, keywords: string, now: Date = new Date()): Promise<boolean> {
    return this.queue.run(async () => {
      const feed = (await this.get(url)) ?? newFeed(url);
      const existing = feed.subscribers.find((s) => channelKey(s) === channelKey(ref));
      if (existing) {
        existing.keywords = keywords;
        existing.paused = null;
      } else {
        feed.subscribers.push({ ...ref, keywords, createdAt: now.toISOString(), primed: false, paused: null });
        feed.nextCheckAt = 0;
      }
      await this.store.set(feedNamespaces.feed, url, feed);
      await this.addToList(feedNamespaces.feedChannel, channelKey(ref), url);
      await this.addToList(feedNamespaces.feedList, ALL, url);
      return !existing;
    });
  }

  /** Removes a channel's subscription; `false` when there was none. A feed nobody follows is forgotten. */
  unsubscribe(ref: ChannelRef, url: string): Promise<boolean> {
    return this.queue.run(async () => {
      const key = channelKey(ref);
      await this.removeFromList(feedNamespaces.feedChannel, key, url);
      const feed = await this.get(url);
      if (!feed || !feed.subscribers.some((s) => channelKey(s) === key)) return false;
      feed.subscribers = feed.subscribers.filter((s) => channelKey(s) !== key);
      if (feed.subscribers.length > 0) {
        await this.store.set(feedNamespaces.feed, url, feed);
      } else {
        await this.store.delete(feedNamespaces.feed, url);
        await this.removeFromList(feedNamespaces.feedList, ALL, url);
      }
      return true;
    });
  }

  /**
   * Reads the feed's current state, lets `change` modify it, and writes it back, in the queue.
   * Nothing happens (and `undefined` is returned) when the feed was unsubscribed meanwhile.
   */
  update(url: string, change: (feed: FeedState) => void): Promise<FeedState | undefined> {
    return this.queue.run(async () => {
      const feed = await this.get(url);
      if (!feed) return undefined;
      change(feed);
      await this.store.set(feedNamespaces.feed, url, feed);
      return feed;
    });
  }

  private async addToList(namespace: string, key: string, url: string): Promise<void> {
    const list = (await this.store.get<string[]>(namespace, key)) ?? [];
    if (!list.includes(url)) await this.store.set(namespace, key, [...list, url]);
  }

  private async removeFromList(namespace: string, key: string, url: string): Promise<void> {
    const list = (await this.store.get<string[]>(namespace, key)) ?? [];
    if (!list.includes(url)) return;
    const rest = list.filter((u) => u !== url);
    if (rest.length > 0) await this.store.set(namespace, key, rest);
    else await this.store.delete(namespace, key);
  }
}

function newFeed(url: string): FeedState {
  return {
    url,
    title: null,
    subscribers: [],
    etag: undefined,
    lastModified: undefined,
    lastCheck: null,
    lastError: null,
    failures: 0,
    nextCheckAt: 0,
    seen: {},
    pending: {},
  };
}
