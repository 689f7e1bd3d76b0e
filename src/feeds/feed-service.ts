import { workspaceOf } from '../bot/bot.js';
import type { Conversation } from '../bot/bot.js';
import type { Block, Reply } from '../bot/reply.js';
import { describeError, FeedError, InputError, PostError } from '../errors.js';
import type { FetchPageOptions } from '../ingest/fetch-page.js';
import type { Metrics } from '../service/metrics.js';
import type { Newsroom } from '../newsroom.js';
import { inlineTasks } from '../workers/tasks.js';
import type { TaskRunner } from '../workers/tasks.js';
import type { Deliverer } from './delivery.js';
import { fetchFeed } from './feed-fetch.js';
import type { FeedFetchResult, Validators } from './feed-fetch.js';
import { formatKeywords, matchesKeywords, parseKeywords } from './filters.js';
import { headlineReply, itemReply } from './item-story.js';
import type { FeedItem } from './parse-feed.js';
import { addSeen, isSeen } from './seen.js';
import { channelKey, FeedStore, normaliseFeedUrl } from './subscriptions.js';
import type { ChannelRef, FeedState, Subscription } from './subscriptions.js';

/** What the bot's `/subscribe`, `/unsubscribe` and `/subscriptions` call. */
export interface FeedCommands {
  /** `/subscribe <url> [keywords…]`. */
  subscribe(conversation: Conversation, args: string): Promise<Reply>;
  /** `/unsubscribe <url>`. */
  unsubscribe(conversation: Conversation, args: string): Promise<Reply>;
  /** `/subscriptions`. */
  subscriptions(conversation: Conversation): Promise<Reply>;
}

/** How a {@link FeedService} works. */
export interface FeedServiceOptions {
  /** The core, for ingesting and summarising items. */
  newsroom: Newsroom;
  /** Subscriptions and feed state. */
  feeds: FeedStore;
  /** Options of every feed fetch (address rules, limits, timeouts). */
  fetch?: FetchPageOptions;
  /** Items posted when a channel subscribes (the newest ones). Default 3. */
  initialItems?: number;
  /** Counts feed fetches by result. */
  metrics?: Metrics;
  /** Builds stories from items' own text (in the app, the worker pool). Default: on this thread. */
  tasks?: TaskRunner;
}

/** How one {@link FeedService.check} runs. */
export interface CheckOptions {
  /** Abandons fetches and stops before the next post. */
  signal?: AbortSignal;
  /** When the feed is next due, recorded after a successful check (ms since the epoch). Default 0: at once. */
  nextCheckAt?: number;
}

/** What one check of a feed did. */
export interface FeedCheck {
  /** `false` when the server answered 304 (nothing was parsed). */
  changed: boolean;
  /** Posts made. */
  posted: number;
  /** Channels whose subscription was paused because the bot can no longer post there. */
  paused: string[];
  /** Posts that failed and will be retried on the next check. */
  failed: number;
}

/**
 * Feed subscriptions: the chat commands, and checking one feed — fetch (conditional), pick
 * the items each subscribed channel should get, summarise each item once, and deliver it.
 *
 * Order, so a crash loses nothing and repeats at most one post per channel: a post is
 * claimed in the store (set-if-absent, with a TTL) before it is made, so no other replica
 * makes it while the claim lasts; its delivery is recorded (in `pending`) right after it is
 * posted; an item is marked seen only once every target channel has it (or was deliberately
 * skipped); the feed's validators are saved only after the whole check, so an interrupted
 * check refetches the feed and resumes with the channels still missing each item once their
 * claims expire. A replica killed between a post and its record repeats that one post. A
 * round slower than the claim TTL asks the stored state again under each claim, so it does not
 * repeat what another replica posted while it ran.
 */
export class FeedService implements FeedCommands {
  private readonly initialItems: number;
  private subscribed: ((url: string) => void) | undefined;

  constructor(private readonly options: FeedServiceOptions) {
    this.initialItems = options.initialItems ?? 3;
  }

  /** One feed fetch with the configured limits, counted by result. */
  private async fetchCounted(url: string, validators: Validators, signal?: AbortSignal): Promise<FeedFetchResult> {
    try {
      const result = await fetchFeed(url, validators, { ...this.options.fetch, ...(signal ? { signal } : {}) });
      this.options.metrics?.feedFetched(result.changed ? 'changed' : 'not_modified');
      return result;
    } catch (error) {
      this.options.metrics?.feedFetched('failed');
      throw error;
    }
  }

  /** Calls `listener` after each `/subscribe`, so a running poller can check the feed soon. */
  onSubscribe(listener: ((url: string) => void) | undefined): void {
    this.subscribed = listener;
  }

  /** The subscription store. */
  get feeds(): FeedStore {
    return this.options.feeds;
  }

  async subscribe(conversation: Conversation, args: string): Promise<Reply> {
    const [first = '', ...rest] = args.trim().split(/\s+/u);
    if (first === '') throw new InputError('USAGE', '/subscribe needs a feed URL, e.g. /subscribe https://example.com/feed.xml election -sport');
    const url = normaliseFeedUrl(first);
    const keywords = formatKeywords(parseKeywords(rest.join(' ')));
    // Read the feed once now, so a wrong, private or broken address is refused at once, in words.
    await this.preview(url, keywords).catch((error: unknown) => {
      throw new FeedError('FEED_UNREADABLE', `cannot subscribe to ${url}: ${describeError(error)}`, { cause: error });
    });
    const created = await this.feeds.subscribe(channelOf(conversation), url, keywords);
    this.subscribed?.(url);
    const filter = keywords ? ` matching ${keywords}` : '';
    const text = created
      ? `Subscribed this channel to ${url}${filter}. The newest ${this.initialItems} item(s) will be posted shortly, then each new one.`
      : `This channel already follows ${url}; its keywords are now: ${keywords || '(none: every item)'}.`;
    return { blocks: [{ type: 'text', text }] };
  }

  async unsubscribe(conversation: Conversation, args: string): Promise<Reply> {
    if (args.trim() === '') throw new InputError('USAGE', '/unsubscribe needs the feed URL; /subscriptions lists them');
    const url = normaliseFeedUrl(args.trim().split(/\s+/u)[0]!);
    const removed = await this.feeds.unsubscribe(channelOf(conversation), url);
    if (!removed) throw new FeedError('NOT_SUBSCRIBED', `this channel does not follow ${url}; /subscriptions lists its feeds`);
    return { blocks: [{ type: 'text', text: `Unsubscribed this channel from ${url}.` }] };
  }

  async subscriptions(conversation: Conversation): Promise<Reply> {
    const found = await this.feeds.channelFeeds(channelOf(conversation));
    if (found.length === 0) {
      return { blocks: [{ type: 'text', text: 'This channel follows no feeds. /subscribe <feed url> [keywords…] adds one.' }] };
    }
    const blocks: Block[] = [{ type: 'heading', text: `Feeds of this channel (${found.length})` }];
    for (const { feed, subscription } of found) {
      blocks.push({ type: 'text', text: `${feed.title ? `${feed.title} — ` : ''}${feed.url}${subscription.keywords ? ` · keywords: ${subscription.keywords}` : ''}` });
      const status = [
        `last check: ${feed.lastCheck ?? 'not yet'}`,
        `last error: ${feed.lastError ?? 'none'}`,
        ...(subscription.paused ? [`paused: ${subscription.paused}`] : []),
      ];
      blocks.push({ type: 'context', text: status.join(' · ') });
    }
    return { blocks };
  }

  /**
   * The items a subscription to `url` would post now, newest first, without recording anything:
   * for a new subscription the newest few, for an existing feed the unseen ones.
   */
  async preview(url: string, keywords = '', signal?: AbortSignal): Promise<{ title: string | null; items: FeedItem[] }> {
    const normalised = normaliseFeedUrl(url);
    const state = await this.feeds.get(normalised);
    const result = await this.fetchCounted(normalised, {}, signal);
    if (!result.changed) return { title: state?.title ?? null, items: [] };
    const filter = parseKeywords(keywords);
    const matching = result.feed.items.filter((item) => matchesKeywords(filter, itemText(item)));
    const items = state ? matching.filter((item) => !isSeen(state.seen, item.id)) : matching.slice(0, this.initialItems);
    return { title: result.feed.title, items };
  }

  /**
   * Checks one feed and delivers what is new to its subscribers. Fetch and parse errors are
   * thrown (the poller records them and backs off); post errors are handled here.
   */
  async check(url: string, delivery: Deliverer, options: CheckOptions = {}): Promise<FeedCheck> {
    const { signal, nextCheckAt = 0 } = options;
    const state = await this.feeds.get(url);
    const outcome: FeedCheck = { changed: false, posted: 0, paused: [], failed: 0 };
    // A feed whose subscribers are all on platforms this process does not run waits for one,
    // costing no fetch. Mixed with served ones, the others' posts fail and are retried.
    if (!state || !state.subscribers.some((s) => s.paused === null && delivery.serves(s.platform))) return outcome;
    // A channel that just subscribed needs the items themselves, so no conditional request then.
    const validators = state.subscribers.some((s) => s.paused === null && !s.primed) ? {} : state;
    const result = await this.fetchCounted(url, validators, signal);
    const checkedAt = new Date().toISOString();
    if (!result.changed) {
      await this.feeds.update(url, (feed) => {
        Object.assign(feed, { ...result.validators, lastCheck: checkedAt, lastError: null, failures: 0 });
        feed.nextCheckAt = dueAgain(feed, nextCheckAt);
      });
      return outcome;
    }
    outcome.changed = true;
    const { feed } = result;
    const plan = this.plan(state, feed.items);
    const stopped = new Set<string>();
    const retrying = new Set<string>();
    for (const item of [...feed.items].reverse()) {
      const targets = (plan.get(item.id) ?? []).filter((s) => !stopped.has(channelKey(s)));
      if (targets.length === 0) continue;
      if (signal?.aborted) break;
      const { newsroom } = this.options;
      const tools = { newsroom, tasks: this.options.tasks ?? inlineTasks };
      const { reply, story } = await itemReply(tools, targets[0]!.workspace, item, feed.title, url, signal).catch((error: unknown) => {
        if (signal?.aborted) throw error;
        return { reply: headlineReply(item, feed.title ?? url, `Not summarised: ${describeError(error)}`), story: null };
      });
      // Once per workspace, however many of its channels follow the feed: `itemReply` stored
      // the story in the first target's workspace.
      const storedIn = new Set([targets[0]!.workspace]);
      const recordedIn = new Set<string>();
      for (const target of targets) {
        if (signal?.aborted) break;
        const key = channelKey(target);
        const claim = await this.feeds.claimPost(url, item.id, key);
        // Another replica is making this post (or died making it): leave the channel to it
        // for this check; the item stays unseen until the post is recorded.
        if (claim === undefined) {
          retrying.add(key);
          stopped.add(key);
          continue;
        }
        // The plan was read before the round; a round slower than the claim TTL may find an
        // item another replica has posted since (its claim gone). Asked again under the claim,
        // the stored state settles it: anyone who posted it recorded that before their claim ran out.
        if (!(await this.stillOwed(url, feed.items, item.id, key))) continue;
        try {
          // The story is the channel's workspace's before its thread is linked there.
          if (story && !storedIn.has(target.workspace)) {
            await newsroom.ingestStory(target.workspace, story);
            storedIn.add(target.workspace);
          }
          await delivery.deliver(target, reply, { signal, idempotencyKey: claim });
          outcome.posted += 1;
          if (story && !recordedIn.has(target.workspace)) {
            recordedIn.add(target.workspace);
            newsroom.recordCommitments(target.workspace, story);
          }
          await this.feeds.update(url, (f) => {
            f.pending[item.id] = [...new Set([...(f.pending[item.id] ?? []), key])];
          });
        } catch (error) {
          await this.feeds.releaseClaim(claim).catch(() => undefined);
          if (error instanceof PostError && error.code === 'CHANNEL_GONE') {
            outcome.paused.push(key);
            await this.feeds.update(url, (f) => {
              const sub = f.subscribers.find((s) => channelKey(s) === key);
              if (sub) sub.paused = describeError(error);
            });
          } else {
            retrying.add(key);
            outcome.failed += 1;
          }
          stopped.add(key); // keep the channel's posts in order: the rest wait for the next check
        }
      }
      if (signal?.aborted) break;
    }
    if (signal?.aborted) return outcome;
    // Only the subscriptions this check planned for are caught up: one made while it ran
    // (here or in another replica) still needs its initial items.
    const planned = new Set(state.subscribers.filter((s) => s.paused === null).map(subscriptionKey));
    const handled = feed.items.map((i) => i.id).filter((id) => !stoppedOn(plan.get(id), retrying));
    // A new subscription still owed some of its initial items is planned again from its
    // initial window, not from `seen`: the record of what it already got must stay.
    const owed = new Set<string>();
    for (const sub of state.subscribers) {
      if (sub.paused === null && !sub.primed && retrying.has(channelKey(sub))) {
        for (const item of this.initialWindow(sub, feed.items)) owed.add(item.id);
      }
    }
    const now = Date.now();
    await this.feeds.update(url, (f) => {
      f.seen = addSeen(f.seen, handled, now, new Set(feed.items.map((i) => i.id)));
      for (const id of handled) if (!owed.has(id)) delete f.pending[id];
      for (const sub of f.subscribers) {
        if (!retrying.has(channelKey(sub)) && sub.paused === null && planned.has(subscriptionKey(sub))) sub.primed = true;
      }
      f.nextCheckAt = dueAgain(f, nextCheckAt);
      // With posts still owed, forget the validators: the next check needs the items again, not a 304.
      const validators = retrying.size > 0 ? { etag: undefined, lastModified: undefined } : result.validators;
      Object.assign(f, { ...validators, title: feed.title, lastCheck: checkedAt, lastError: null, failures: 0 });
    });
    return outcome;
  }

  /** The items of `items` that match the subscription's keywords. */
  private matching(sub: Subscription, items: FeedItem[]): FeedItem[] {
    const filter = parseKeywords(sub.keywords);
    return items.filter((item) => matchesKeywords(filter, itemText(item)));
  }

  /** What a new subscription gets first: the newest few matching items. */
  private initialWindow(sub: Subscription, items: FeedItem[]): FeedItem[] {
    return this.matching(sub, items).slice(0, this.initialItems);
  }

  /** Whether channel `key` should still get item `id`, by the state stored now. */
  private async stillOwed(url: string, items: FeedItem[], id: string, key: string): Promise<boolean> {
    const fresh = await this.feeds.get(url);
    return fresh !== undefined && (this.plan(fresh, items).get(id) ?? []).some((s) => channelKey(s) === key);
  }

  /** Item id → the subscriptions that should get it (not yet delivered there), from the stored state. */
  private plan(state: FeedState, items: FeedItem[]): Map<string, Subscription[]> {
    const plan = new Map<string, Subscription[]>();
    for (const sub of state.subscribers) {
      if (sub.paused !== null) continue;
      const wanted = sub.primed
        ? this.matching(sub, items).filter((i) => !isSeen(state.seen, i.id))
        : this.initialWindow(sub, items);
      for (const item of wanted) {
        if (state.pending[item.id]?.includes(channelKey(sub))) continue;
        plan.set(item.id, [...(plan.get(item.id) ?? []), sub]);
      }
    }
    return plan;
  }
}

/** The channel of a conversation, in its workspace. */
function channelOf(conversation: Conversation): ChannelRef {
  return { platform: conversation.platform, channel: conversation.channel, workspace: workspaceOf(conversation) };
}

/** A subscription as made at one moment: a channel that unsubscribed and came back is a new one. */
function subscriptionKey(sub: Subscription): string {
  return `${channelKey(sub)} ${sub.createdAt}`;
}

/** When the feed is next due: at once while a subscription waits for its first items, else `next`. */
function dueAgain(feed: FeedState, next: number): number {
  return feed.subscribers.some((s) => s.paused === null && !s.primed) ? 0 : next;
}

/** Whether an item had a target whose post failed this check (so it must be tried again). */
function stoppedOn(targets: Subscription[] | undefined, stopped: Set<string>): boolean {
  return (targets ?? []).some((t) => stopped.has(channelKey(t)));
}

/** The text keyword filters look at: title and body. */
function itemText(item: FeedItem): string {
  return `${item.title ?? ''}\n${item.text}`;
}
