import type { Adapter } from '../src/bot/adapter.js';
import type { Config } from '../src/config.js';
import { slackAdapterFromConfig } from './slack/slack-adapter.js';

/** How `newsroom serve` finds and builds one chat platform's adapter. */
export interface AdapterFactory {
  /** Platform name, as in `Adapter.name`. */
  readonly name: string;
  /** The variables that turn it on, for the message shown when no platform is configured. */
  readonly enabledBy: string;
  /** Whether the configuration asks for this platform. */
  configured(config: Config): boolean;
  /** Builds the adapter; throws `ConfigError` when its variables are incomplete. */
  create(config: Config): Adapter;
}

/** Every chat platform `newsroom serve` can start, in start order. */
export const ADAPTERS: readonly AdapterFactory[] = [
  {
    name: 'slack',
    enabledBy: 'SLACK_BOT_TOKEN (with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN)',
    configured: (config) => Boolean(config.SLACK_BOT_TOKEN),
    create: slackAdapterFromConfig,
  },
];

/** The adapters the configuration turns on. */
export function configuredAdapters(config: Config, factories: readonly AdapterFactory[] = ADAPTERS): Adapter[] {
  return factories.filter((f) => f.configured(config)).map((f) => f.create(config));
}
