import { describeError, HttpStatusError } from '../errors.js';
import type { Deliverer } from './delivery.js';
import type { FeedService } from './feed-service.js';
import type { FeedState, FeedStore } from './subscriptions.js';

/** How a {@link FeedPoller} polls. */
export interface FeedPollerOptions {
  /** The feeds to check and how (a `FeedService`). */
  service: Pick<FeedService, 'feeds' | 'check'>;
  /** Where posts go. */
  delivery: Deliverer;
  /** Milliseconds between the end of one round and the start of the next. Default 5 minutes. */
  intervalMs?: number;
  /** Feeds checked at once (never two of one host). Default 8. */
  concurrency?: number;
  /** Longest wait before retrying a failing feed. Default 6 hours. */
  maxBackoffMs?: number;
  /** Random numbers in [0, 1) for backoff jitter. Default `Math.random`. */
  random?: () => number;
  /** Told about each feed that fails (for logs). */
  onError?: (url: string, message: string) => void;
}

/** What one round did. */
export interface RoundReport {
  /** Feeds checked. */
  checked: number;
  /** Feeds that failed. */
  failed: number;
  /** Posts made. */
  posted: number;
}

/**
 * Checks every due feed each round, `concurrency` at a time and one at a time per host.
 * A failing feed waits `interval × 2^(failures−1)` (at most `maxBackoffMs`), jittered to
 * 50–100 %, and never less than a `Retry-After` the server sent with a 429 or 503. All state
 * is in the store, so a restarted poller carries on where the last one stopped, and pollers of
 * several replicas sharing it split the feeds between them (see {@link FeedStore.lease}).
 */
export class FeedPoller {
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RoundReport> | undefined;
  private controller = new AbortController();
  private stopped = true;
  /** A nudge came while a round was running: run another as soon as it ends. */
  private nudged = false;

  constructor(private readonly options: FeedPollerOptions) {
    this.intervalMs = options.intervalMs ?? 5 * 60_000;
  }

  /** Starts polling: a round now, then one `intervalMs` after each round ends. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.controller = new AbortController();
    this.schedule(0);
  }

  /**
   * Asks for a round soon (after a new subscription): now, or right after the round running
   * (which may have listed the feeds before the new one); no-op when stopped.
   */
  nudge(): void {
    if (this.stopped) return;
    this.nudged = true;
    if (!this.running) this.schedule(0);
  }

  /**
   * Stops polling: no new round or post starts; fetches in flight are abandoned, and a post
   * in flight is finished and recorded. Resolves when the current round has wound down.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.controller.abort(new Error('the poller is stopping'));
    await this.running?.catch(() => undefined);
  }

  /**
   * Runs one round now (for `newsroom feeds poll --once` and tests): every feed not backing
   * off, even one checked less than an interval ago, unless some replica checks it after
   * this round began (two rounds started together still fetch each feed once).
   */
  runOnce(): Promise<RoundReport> {
    return this.begin(true);
  }

  private begin(forced: boolean): Promise<RoundReport> {
    if (this.running) return this.running;
    const round = this.round(this.controller.signal, forced).finally(() => {
      this.running = undefined;
    });
    this.running = round;
    return round;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.nudged = false;
      void this.begin(false)
        .catch(() => undefined)
        .then(() => {
          if (!this.stopped) this.schedule(this.nudged ? 0 : this.intervalMs);
        });
    }, delayMs);
  }

  private async round(signal: AbortSignal, forced: boolean): Promise<RoundReport> {
    const report: RoundReport = { checked: 0, failed: 0, posted: 0 };
    const began = Date.now();
    const due: string[] = [];
    for (const url of await this.options.service.feeds.urls()) {
      const state = await this.options.service.feeds.get(url);
      if (state && isDue(state, began, forced, began)) due.push(url);
    }
    const hosts = [...groupByHost(due).values()];
    const workers = Array.from({ length: Math.min(this.options.concurrency ?? 8, hosts.length) }, async () => {
      for (let group = hosts.shift(); group; group = hosts.shift()) {
        for (const url of group) {
          if (signal.aborted) return;
          await this.checkOne(url, signal, report, forced, began);
        }
      }
    });
    await Promise.all(workers);
    return report;
  }

  /**
   * Checks one feed under its lease, so of all replicas sharing the store one checks it at a
   * time; it is then due again one interval after this check started (recorded by the check),
   * so replicas together fetch it once per interval.
   */
  private async checkOne(url: string, signal: AbortSignal, report: RoundReport, forced: boolean, began: number): Promise<void> {
    const feeds = this.options.service.feeds;
    if (!(await feeds.lease(url))) return;
    try {
      const startedAt = Date.now();
      // Another replica may have checked it between this round's listing and the lease.
      const state = await feeds.get(url);
      if (!state || !isDue(state, startedAt, forced, began)) return;
      await this.checkLeased(url, signal, report, startedAt + this.intervalMs);
    } finally {
      await feeds.releaseLease(url).catch(() => undefined);
    }
  }

  private async checkLeased(url: string, signal: AbortSignal, report: RoundReport, nextCheckAt: number): Promise<void> {
    report.checked += 1;
    try {
      const check = await this.options.service.check(url, this.options.delivery, { signal, nextCheckAt });
      report.posted += check.posted;
    } catch (error) {
      if (signal.aborted) return;
      report.failed += 1;
      const message = describeError(error);
      this.options.onError?.(url, message);
      await this.options.service.feeds.update(url, (feed) => {
        feed.failures += 1;
        feed.lastError = message;
        feed.lastCheck = new Date().toISOString();
        feed.nextCheckAt = Date.now() + this.backoffMs(feed.failures, error);
      });
    }
  }

  /** The wait after the `failures`-th failure in a row. */
  private backoffMs(failures: number, error: unknown): number {
    const max = this.options.maxBackoffMs ?? 6 * 60 * 60_000;
    const base = Math.min(max, this.intervalMs * 2 ** Math.min(failures - 1, 30));
    const jittered = base * (0.5 + 0.5 * (this.options.random ?? Math.random)());
    const retryAfter =
      error instanceof HttpStatusError && (error.status === 429 || error.status === 503) ? (error.retryAfterMs ?? 0) : 0;
    return Math.max(jittered, retryAfter);
  }
}

/**
 * Whether a feed is due at `at`: its next check time has come; in a forced round (one run
 * on demand, begun at `began`) also a feed merely checked less than an interval ago, unless
 * it is backing off after failures or was checked since the round began.
 */
function isDue(state: FeedState, at: number, forced: boolean, began: number): boolean {
  if (state.nextCheckAt <= at) return true;
  return forced && state.failures === 0 && (state.lastCheck === null || Date.parse(state.lastCheck) < began);
}

function groupByHost(urls: string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const url of urls) {
    const host = new URL(url).host.toLowerCase();
    groups.set(host, [...(groups.get(host) ?? []), url]);
  }
  return groups;
}
