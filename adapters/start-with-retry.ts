import type { Adapter } from '../src/bot/adapter.js';
import type { Bot } from '../src/bot/bot.js';
import { ConnectError } from '../src/errors.js';
import { sleep } from '../src/feeds/sleep.js';

/** How `serve` retries starting an adapter whose platform cannot be reached. */
export interface StartRetry {
  /** The waits between attempts, in order: one more attempt is made than there are waits. */
  delaysMs: readonly number[];
  /** Waits `ms`, rejecting once `signal` aborts. Default a timer; tests record instead of waiting. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Nine attempts over about two minutes, then `serve` exits 1: a platform that stays
 * unreachable that long is a deployment problem a supervisor should see, not one to hide.
 */
export const START_RETRY: StartRetry = { delaysMs: [1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 30_000, 30_000] };

/**
 * Starts `adapter`, retrying while it throws `ConnectError` (the platform is unreachable) with
 * one line to `log` per failed attempt. Anything else, a refused credential (`ConfigError`)
 * above all, is thrown at once. Resolves `false` when `signal` aborts during a wait.
 * @throws ConnectError naming the attempts made, once the last attempt fails.
 */
export async function startWithRetry(
  adapter: Adapter,
  bot: Bot,
  options: { retry: StartRetry; log: (line: string) => void; signal: AbortSignal },
): Promise<boolean> {
  const { delaysMs } = options.retry;
  const wait = options.retry.sleep ?? sleep;
  const attempts = delaysMs.length + 1;
  for (let attempt = 1; ; attempt++) {
    let failure: ConnectError;
    try {
      await adapter.start(bot);
      return true;
    } catch (error) {
      if (!(error instanceof ConnectError)) throw error;
      failure = error;
    }
    if (attempt >= attempts) throw new ConnectError(`${failure.message}; gave up after ${attempts} attempts`, { cause: failure });
    const delayMs = delaysMs[attempt - 1]!;
    options.log(`${adapter.name}: ${failure.message}; attempt ${attempt} of ${attempts}, retrying in ${seconds(delayMs)}`);
    try {
      await wait(delayMs, options.signal);
    } catch (error) {
      if (options.signal.aborted) return false;
      throw error;
    }
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
