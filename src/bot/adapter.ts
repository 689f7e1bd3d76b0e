import type { Bot } from './bot.js';
import type { Reply } from './reply.js';
import type { ServiceRoute } from '../service/health.js';
import type { Log } from '../service/log.js';

/** Where an adapter put a message it posted on its own (not in answer to a command). */
export interface PostedMessage {
  /** The channel it was posted in. */
  channel: string;
  /** The id replies to it thread under (Slack `ts`, Discord thread id, …). */
  thread: string;
}

/** How one `Adapter.post` is made. */
export interface PostOptions {
  /**
   * The workspace of the channel (the subscription's, `Conversation.workspace`): the post's
   * thread is linked to its story there. A channel id alone does not say which workspace it is
   * in, and must never decide it.
   */
  workspace: string;
  /**
   * The same for every attempt at this one post, in any process (at most 25 characters):
   * a platform that deduplicates posts (Discord's message `nonce` with `enforce_nonce`)
   * makes a repeated attempt return the first message instead of posting again.
   */
  idempotencyKey?: string;
}

/**
 * A chat platform binding: converts platform events into bot calls and bot replies into the
 * platform's messages. Holds no newsroom logic; anything two adapters would share belongs in
 * `src/bot/`.
 */
export interface Adapter {
  /** Platform name, used in thread keys and logs ("slack", "discord", "shell"). */
  readonly name: string;
  /** Connects and starts delivering events to `bot`. Resolves once it is listening. */
  start(bot: Bot): Promise<void>;
  /** Disconnects; pending replies are finished or abandoned, never half-sent. */
  stop(): Promise<void>;
  /**
   * Whether it is connected to its platform right now: `false` before `start` resolves, after
   * `stop`, and while the platform connection is down. `/readyz` reports it.
   */
  connected(): boolean;
  /**
   * Posts a story reply at the top of `channel` (feed subscriptions use this), opens or marks
   * its thread, and links that thread to `reply.storyId` in `options.workspace` through the
   * bot given to `start`.
   * Throws `PostError` with code `CHANNEL_GONE` when the bot can no longer post there, or
   * `RATE_LIMITED` (with `retryAfterMs`) when the platform asks it to wait.
   */
  post(channel: string, reply: Reply, options: PostOptions): Promise<PostedMessage>;
}

/** What `newsroom serve` hands the adapters it builds. */
export interface AdapterServices {
  /** Where an adapter logs what reaches no user. */
  log?: Log;
  /** HTTP routes an adapter that listens on a port serves as well (Slack's HTTP mode). */
  routes?: readonly ServiceRoute[];
}
