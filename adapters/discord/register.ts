import { REST, Routes } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { CliIo } from '../../src/cli.js';
import { loadConfig } from '../../src/config.js';
import type { Config } from '../../src/config.js';
import { ConfigError, describeError } from '../../src/errors.js';
import { commandDefinitions } from './commands.js';

/** Where and as whom to register the slash commands. */
export interface RegisterOptions {
  /** Bot token. */
  token: string;
  /** The application the commands belong to. */
  applicationId: string;
  /** Register to this server only (available at once); otherwise globally. */
  guildId?: string;
  /** REST base URL (`rest.api`), e.g. `https://discord.com/api`. */
  apiUrl?: string;
}

/** What was registered. */
export interface Registered {
  /** Command names, as Discord returned them. */
  names: string[];
  /** The server id, or `null` for global commands. */
  guildId: string | null;
}

const USAGE = 'usage: newsroom discord register   (needs DISCORD_TOKEN and DISCORD_APPLICATION_ID; see the README)';

/**
 * Registers the bot's slash commands with one bulk-overwrite PUT, so running it again changes
 * nothing and commands no longer defined are removed.
 */
export async function registerCommands(options: RegisterOptions): Promise<Registered> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const body: RESTPostAPIChatInputApplicationCommandsJSONBody[] = commandDefinitions();
  const result = (await rest.put(route, { body })) as Array<{ name: string }>;
  return { names: result.map((c) => c.name), guildId: options.guildId ?? null };
}

/** The registration options from the configuration; throws `ConfigError` naming what is missing. */
export function registerOptions(config: Config): RegisterOptions {
  const missing = (['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'] as const).filter((key) => !config[key]);
  if (missing.length > 0) throw new ConfigError(`Discord is not configured: set ${missing.join(' and ')}`);
  return {
    token: config.DISCORD_TOKEN!,
    applicationId: config.DISCORD_APPLICATION_ID!,
    ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
  };
}

/**
 * `newsroom discord <subcommand>`: today only `register`. Exit codes as elsewhere: 0 done,
 * 1 Discord refused, 2 usage or configuration error.
 */
export async function runDiscordCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length !== 1 || args[0] !== 'register') {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let options: RegisterOptions;
  try {
    options = registerOptions(loadConfig(io.env));
  } catch (error) {
    io.stderr.write(`newsroom: ${describeError(error)}\n`);
    return 2;
  }
  try {
    const registered = await registerCommands(options);
    const where = registered.guildId ? `server ${registered.guildId}` : 'every server the bot is in (global)';
    io.stdout.write(`registered ${registered.names.length} commands for ${where}: ${registered.names.map((n) => `/${n}`).join(' ')}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`newsroom discord register: ${describeError(error)}\n`);
    return 1;
  }
}
