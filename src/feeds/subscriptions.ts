import { createHash, randomUUID } from 'node:crypto';
import { FeedError } from '../errors.js';
import { feedNamespaces, workspaceKey } from '../store/keys.js';
import type { Store } from '../store/store.js';
import type { SeenIds } from './seen.js';

/** Where a subscription posts: a channel on a platform, in a workspace. */
export interface ChannelRef {
  /** "slack", "discord", "shell" … (`Adapter.name`). */
  platform: string;
  /** The platform's channel id. */
  channel: string;
  /**
   * The workspace the channel belongs to (`Conversation.workspace`): the stories posted there
   * are stored, and their commitments recorded, in this workspace.
   */
  workspace: string;
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

/** The default of {@link FeedStoreOptions.claimTtlMs}. */
export const DEFAULT_CLAIM_TTL_MS = 10 * 60_000;

/** How a {@link FeedStore} coordinates with other processes. */
export interface FeedStoreOptions {
  /**
   * How long a claim on a post, or a poller's lease on a feed, lasts (ms): another replica
   * takes over a dead one's work after this, so it must be longer than any check or post
   * takes. Default 10 minutes.
   */
  claimTtlMs?: number;
}

/**
 * The key of a channel: workspace, platform and channel id, URI-encoded; the same channel id
 * in another workspace is another channel.
 */
export function channelKey(ref: ChannelRef): string {
  return workspaceKey(ref.workspace, ref.platform, ref.channel);
}

/** Why a subscription stored before workspaces existed no longer posts (see {@link upgradeFeed}). */
export const PRE_WORKSPACE_PAUSE = 'made before workspaces: /subscribe to the feed again in the channel to resume it';

/**
 * A subscription stored before subscriptions had a workspace does not know where its posts
 * belong, so it is paused (never posted to, and kept out of every channel's list) until the
 * channel subscribes again, which replaces it. Applied to every feed state read or updated.
 */
function upgradeFeed(feed: FeedState): FeedState {
  for (const sub of feed.subscribers) {
    if (typeof sub.workspace !== 'string') sub.paused = PRE_WORKSPACE_PAUSE;
  }
  return feed;
}

/** Whether `sub` is a pre-workspace subscription of the channel `ref` names on its platform. */
function isLegacyOf(sub: Subscription, ref: ChannelRef): boolean {
  return typeof sub.workspace !== 'string' && sub.platform === ref.platform && sub.channel === ref.channel;
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
 * state, so a check updates a feed in one write; every read-modify-write is one atomic store
 * update, so commands and pollers in any number of processes never overwrite each other.
 */
export class FeedStore {
  /** Tells this process's leases and claims from other replicas'. */
  readonly owner = randomUUID();
  private readonly claimTtlMs: number;

  constructor(
    private readonly store: Store,
    options: FeedStoreOptions = {},
  ) {
    this.claimTtlMs = options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS;
  }

  /**
   * Takes the lease on checking `url` (set-if-absent, expiring after the claim TTL):
   * `false` while a poller of any replica sharing the store holds it.
   */
  lease(url: string): Promise<boolean> {
    return this.store.add(feedNamespaces.feedLease, url, this.owner, this.claimTtlMs);
  }

  /** Gives back a lease taken by {@link lease}, unless it expired and another poller holds it now. */
  releaseLease(url: string): Promise<void> {
    return this.giveBack(feedNamespaces.feedLease, url);
  }

  /**
   * Claims posting item `itemId` of `url` to the channel `channel` (a {@link channelKey}), as
   * {@link lease} does; resolves with the claim's key (also usable as the post's idempotency
   * key), or `undefined` while another replica holds the claim.
   */
  async claimPost(url: string, itemId: string, channel: string): Promise<string | undefined> {
    const key = createHash('sha256').update(JSON.stringify([url, itemId, channel])).digest('base64url').slice(0, 25);
    return (await this.store.add(feedNamespaces.feedClaim, key, this.owner, this.claimTtlMs)) ? key : undefined;
  }

  /** Gives back a claim whose post failed, so the next check may try again at once. */
  releaseClaim(key: string): Promise<void> {
    return this.giveBack(feedNamespaces.feedClaim, key);
  }

  private async giveBack(namespace: string, key: string): Promise<void> {
    await this.store.update<string>(namespace, key, (holder) => (holder === this.owner ? undefined : holder), this.claimTtlMs);
  }

  /** The state of a feed, if anyone subscribes to it. */
  async get(url: string): Promise<FeedState | undefined> {
    const feed = await this.store.get<FeedState>(feedNamespaces.feed, url);
    return feed && upgradeFeed(feed);
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
  async subscribe(ref: ChannelRef, url: string, keywords: string, now: Date = new Date()): Promise<boolean> {
    let created = false;
    await this.store.update<FeedState>(feedNamespaces.feed, url, (current) => {
      const feed = current ? upgradeFeed(current) : newFeed(url);
      // The channel's own pre-workspace subscription is replaced by this one, which carries on
      // where it stopped (the feed's seen items are shared) instead of posting its first few again.
      const legacy = feed.subscribers.find((s) => isLegacyOf(s, ref));
      feed.subscribers = feed.subscribers.filter((s) => s !== legacy);
      const existing = feed.subscribers.find((s) => channelKey(s) === channelKey(ref));
      created = !existing;
      if (existing) {
        existing.keywords = keywords;
        existing.paused = null;
      } else {
        const { platform, channel, workspace } = ref;
        feed.subscribers.push({ platform, channel, workspace, keywords, createdAt: now.toISOString(), primed: legacy?.primed ?? false, paused: null });
        feed.nextCheckAt = 0;
      }
      return feed;
    });
    // After the feed exists, so a poller that lists the URL finds its state.
    await this.addToList(feedNamespaces.feedChannel, channelKey(ref), url);
    await this.addToList(feedNamespaces.feedList, ALL, url);
    return created;
  }

  /** Removes a channel's subscription; `false` when there was none. A feed nobody follows is forgotten. */
  async unsubscribe(ref: ChannelRef, url: string): Promise<boolean> {
    const key = channelKey(ref);
    await this.removeFromList(feedNamespaces.feedChannel, key, url);
    let removed = false;
    let emptied = false;
    await this.store.update<FeedState>(feedNamespaces.feed, url, (feed) => {
      if (feed) upgradeFeed(feed);
      removed = feed?.subscribers.some((s) => channelKey(s) === key) ?? false;
      emptied = false;
      if (!feed || !removed) return feed;
      feed.subscribers = feed.subscribers.filter((s) => channelKey(s) !== key);
      emptied = feed.subscribers.length === 0;
      return emptied ? undefined : feed;
    });
    if (emptied) {
      await this.removeFromList(feedNamespaces.feedList, ALL, url);
      // A subscribe elsewhere may have recreated the feed between the two steps above; its
      // own list write may have come before the removal, so put the URL back.
      if (await this.get(url)) await this.addToList(feedNamespaces.feedList, ALL, url);
    }
    return removed;
  }

  /**
   * Lets `change` modify the feed's current state and writes it back, atomically; `change`
   * may run more than once (on a newer state each time) and must only modify the state.
   * Nothing happens (and `undefined` is returned) when the feed was unsubscribed meanwhile.
   */
  update(url: string, change: (feed: FeedState) => void): Promise<FeedState | undefined> {
    return this.store.update<FeedState>(feedNamespaces.feed, url, (feed) => {
      if (feed) change(upgradeFeed(feed));
      return feed;
    });
  }

  private async addToList(namespace: string, key: string, url: string): Promise<void> {
    await this.store.update<string[]>(namespace, key, (list = []) => (list.includes(url) ? list : [...list, url]));
  }

  private async removeFromList(namespace: string, key: string, url: string): Promise<void> {
    await this.store.update<string[]>(namespace, key, (list) => {
      const rest = (list ?? []).filter((u) => u !== url);
      return rest.length > 0 ? rest : undefined;
    });
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
