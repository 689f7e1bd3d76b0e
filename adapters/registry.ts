import type { Adapter, AdapterServices } from '../src/bot/adapter.js';
import type { Config } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

/** How `newsroom serve` finds and builds one chat platform's adapter. */
export interface AdapterFactory {
  /** Platform name, as in `Adapter.name`. */
  readonly name: string;
  /** The variables that turn it on, for the message shown when no platform is configured. */
  readonly enabledBy: string;
  /** Whether the configuration asks for this platform. */
  configured(config: Config): boolean;
  /**
   * Builds the adapter with `services`, loading its platform SDK only now (commands that start
   * no platform never pay for Bolt or discord.js); throws `ConfigError` when its variables are
   * incomplete.
   */
  create(config: Config, services?: AdapterServices): Adapter | Promise<Adapter>;
}

/** Slack: on when SLACK_BOT_TOKEN is set, over HTTP or Socket Mode (see `slackAdapterFromConfig`). */
export const SLACK: AdapterFactory = {
  name: 'slack',
  enabledBy: 'SLACK_BOT_TOKEN (with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN)',
  configured: (config) => Boolean(config.SLACK_BOT_TOKEN),
  create: async (config, services) => {
    const { slackAdapterFromConfig } = await import('./slack/slack-adapter.js');
    return slackAdapterFromConfig(config, services);
  },
};

/** Discord: on when DISCORD_TOKEN is set; the application id is required with it. */
export const DISCORD: AdapterFactory = {
  name: 'discord',
  enabledBy: 'DISCORD_TOKEN',
  configured: (config) => Boolean(config.DISCORD_TOKEN),
  create: async (config, services = {}) => {
    if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
      throw new ConfigError('DISCORD_APPLICATION_ID is not set: Discord needs it with DISCORD_TOKEN (see the README)');
    }
    const { DiscordAdapter } = await import('./discord/discord-adapter.js');
    const log = services.log?.child({ platform: 'discord' });
    return new DiscordAdapter({
      token: config.DISCORD_TOKEN,
      ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
      ...(log ? { log: (line: string) => log.warn(line) } : {}),
    });
  },
};

/** Every chat platform `newsroom serve` can start, in start order. */
export const ADAPTERS: readonly AdapterFactory[] = [SLACK, DISCORD];

/** The adapters the configuration turns on, built with `services`. */
export async function configuredAdapters(
  config: Config,
  factories: readonly AdapterFactory[] = ADAPTERS,
  services: AdapterServices = {},
): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  for (const factory of factories) if (factory.configured(config)) adapters.push(await factory.create(config, services));
  return adapters;
}
