import type { Adapter, PostedMessage } from '../bot/adapter.js';
import type { Reply } from '../bot/reply.js';
import { PostError } from '../errors.js';
import { feedNamespaces } from '../store/keys.js';
import type { Store } from '../store/store.js';
import type { Metrics, PostResult } from '../service/metrics.js';
import { sleep } from './sleep.js';
import type { ChannelRef } from './subscriptions.js';
import { channelKey } from './subscriptions.js';

/** How one post is delivered. */
export interface DeliverOptions {
  /** Stops waiting (for a pacing slot or a rate limit) and posts nothing. */
  signal?: AbortSignal | undefined;
  /** Identifies this post across retries and replicas, for platforms that deduplicate (`Adapter.post`). */
  idempotencyKey?: string;
}

/** Posts a feed story to a channel; throws `PostError` as `Adapter.post` does. */
export interface Deliverer {
  /** Posts `reply` at the top of the channel; resolves once it is posted. */
  deliver(target: ChannelRef, reply: Reply, options?: DeliverOptions): Promise<PostedMessage>;
  /** Whether this process can post on `platform` (its adapter is running). */
  serves(platform: string): boolean;
}

/** How {@link PacedDelivery} posts. */
export interface PacedDeliveryOptions {
  /** The adapters, by `Adapter.name`. */
  adapters: readonly Adapter[];
  /** Least milliseconds between two posts in one channel, per platform (e.g. `{ slack: 1000 }`); default 0. */
  pacingMs?: Readonly<Record<string, number>>;
  /** Times a `RATE_LIMITED` post is retried before the post fails. Default 5. */
  maxRateLimitRetries?: number;
  /** Wait when a `RATE_LIMITED` error names no `retryAfterMs`. Default 1 000 ms. */
  defaultRetryAfterMs?: number;
  /**
   * Where each channel's next free slot is kept, so the pacing holds across every replica
   * sharing the store. Omitted: pacing is kept in this process only.
   */
  store?: Store;
  /** Counts each attempt to post, by platform and result. */
  metrics?: Metrics;
}

/**
 * Delivers posts through the adapters, one at a time per channel and in the order asked,
 * at most one per `pacingMs` of the platform; a `RATE_LIMITED` post is retried after the wait
 * the platform asked for. `CHANNEL_GONE` and other failures are thrown to the caller.
 *
 * With a store, each post first reserves the channel's next slot there in one atomic update
 * (slot = max(now, stored); stored = slot + pacing), so replicas space their posts too. The
 * in-process queue stays: it keeps one process's posts to a channel in the order asked.
 */
export class PacedDelivery implements Deliverer {
  private readonly adapters: Map<string, Adapter>;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly lastPostAt = new Map<string, number>();

  constructor(private readonly options: PacedDeliveryOptions) {
    this.adapters = new Map(options.adapters.map((a) => [a.name, a]));
  }

  serves(platform: string): boolean {
    return this.adapters.has(platform);
  }

  deliver(target: ChannelRef, reply: Reply, options: DeliverOptions = {}): Promise<PostedMessage> {
    const key = channelKey(target);
    const next = (this.queues.get(key) ?? Promise.resolve()).then(() => this.post(key, target, reply, options));
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  private async post(key: string, target: ChannelRef, reply: Reply, options: DeliverOptions): Promise<PostedMessage> {
    const { signal, idempotencyKey } = options;
    const adapter = this.adapters.get(target.platform);
    if (!adapter) throw new PostError('POST_FAILED', `${target.platform} is not running, so nothing can be posted to ${target.channel}`);
    const pacing = this.options.pacingMs?.[target.platform] ?? 0;
    const retries = this.options.maxRateLimitRetries ?? 5;
    for (let attempt = 0; ; attempt += 1) {
      signal?.throwIfAborted();
      const last = this.lastPostAt.get(key);
      if (last !== undefined && pacing > 0) await sleep(last + pacing - Date.now(), signal);
      if (this.options.store && pacing > 0) await sleep((await this.reserveSlot(key, pacing)) - Date.now(), signal);
      try {
        const posted = await adapter.post(target.channel, reply, { workspace: target.workspace, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) });
        this.lastPostAt.set(key, Date.now());
        this.options.metrics?.posted(target.platform, 'ok');
        return posted;
      } catch (error) {
        this.lastPostAt.set(key, Date.now());
        this.options.metrics?.posted(target.platform, postResult(error));
        if (!(error instanceof PostError) || error.code !== 'RATE_LIMITED' || attempt >= retries) throw error;
        await sleep(error.retryAfterMs ?? this.options.defaultRetryAfterMs ?? 1000, signal);
      }
    }
  }

  /** Reserves the channel's next slot shared by every replica; resolves with its time (ms since the epoch). */
  private async reserveSlot(key: string, pacing: number): Promise<number> {
    const now = Date.now();
    // The entry only has to outlive the slot it reserves; a minute's margin covers clock skew.
    const next = await this.options.store!.update<number>(feedNamespaces.feedPace, key, (stored = 0) => Math.max(now, stored) + pacing, pacing + 60_000);
    return (next ?? now + pacing) - pacing;
  }
}

function postResult(error: unknown): PostResult {
  if (!(error instanceof PostError)) return 'failed';
  if (error.code === 'RATE_LIMITED') return 'rate_limited';
  return error.code === 'CHANNEL_GONE' ? 'channel_gone' : 'failed';
}
