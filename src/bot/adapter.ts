import type { Bot } from './bot.js';

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
}
