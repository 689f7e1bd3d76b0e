import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType } from 'discord.js';
import type { APIApplicationCommandBasicOption, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { COMMANDS } from '../../src/bot/commands.js';
import type { CommandName, CommandSpec } from '../../src/bot/commands.js';
import { truncate } from '../../src/bot/truncate.js';

/** One string option of a slash command. */
interface OptionSpec {
  /** Option name as typed in Discord (`url:`). */
  name: string;
  /** Shown under the option. */
  description: string;
  /** Whether Discord insists on it. */
  required?: boolean;
  /** Added after the command's main value instead of standing for it (`/subscribe url: keywords:`). */
  appended?: boolean;
}

const URL_OPTION: OptionSpec = { name: 'url', description: 'Address of the story' };
const TEXT_OPTION: OptionSpec = { name: 'text', description: 'The article text, pasted' };

/**
 * Options of the commands that have their own; every other command in `COMMANDS` gets one
 * optional `text` option, so commands added to the bot later are registered too.
 */
const OPTIONS: Partial<Record<CommandName, OptionSpec[]>> = {
  summarize: [URL_OPTION, TEXT_OPTION],
  who: [URL_OPTION, TEXT_OPTION],
  // Neither given: the server's most active actors in the ledger.
  commitments: [URL_OPTION, { name: 'actor', description: 'A person, country or body: their commitments in this server, changes first' }],
  ask: [{ name: 'question', description: 'Your question; in a story thread it is about that story', required: true }],
  help: [],
  subscribe: [
    { name: 'url', description: 'Address of the RSS or Atom feed', required: true },
    { name: 'keywords', description: 'Only stories with these words; "a phrase" in quotes, -word to exclude', appended: true },
  ],
  unsubscribe: [{ name: 'url', description: 'Address of the feed to stop', required: true }],
  subscriptions: [],
};

const GENERIC_OPTIONS: OptionSpec[] = [{ name: 'text', description: 'What to give the command' }];

/** Discord's limits on command definitions. */
const DESCRIPTION_MAX = 100;
const STRING_OPTION_MAX = 6000;

function optionsOf(spec: CommandSpec): OptionSpec[] {
  return OPTIONS[spec.name] ?? GENERIC_OPTIONS;
}

/**
 * The slash-command definitions `newsroom discord register` sends: one chat-input command per
 * entry of `COMMANDS`, usable in servers (threads need one).
 */
export function commandDefinitions(commands: readonly CommandSpec[] = COMMANDS): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((spec) => ({
    type: ApplicationCommandType.ChatInput,
    name: spec.name,
    description: truncate(spec.description, DESCRIPTION_MAX),
    contexts: [InteractionContextType.Guild],
    options: optionsOf(spec).map(
      (option): APIApplicationCommandBasicOption => ({
        type: ApplicationCommandOptionType.String,
        name: option.name,
        description: truncate(option.description, DESCRIPTION_MAX),
        required: option.required ?? false,
        max_length: STRING_OPTION_MAX,
      }),
    ),
  }));
}

/**
 * The bot's argument line for a slash command's option values, in the order the options are
 * defined (`/commitments url:…` → the URL; `/ask question:…` → the question). The first
 * non-empty value wins, since commands take one input; `appended` options follow it
 * (`/subscribe url:… keywords:…` → "url keywords").
 */
export function commandArgs(name: CommandName, values: (option: string) => string | null): string {
  const spec = COMMANDS.find((c) => c.name === name);
  const options = spec ? optionsOf(spec) : GENERIC_OPTIONS;
  const value = (option: OptionSpec) => values(option.name)?.trim() ?? '';
  const main = options.filter((o) => !o.appended).map(value).find((v) => v !== '') ?? '';
  const extra = options.filter((o) => o.appended).map(value).filter((v) => v !== '');
  return [main, ...extra].filter((v) => v !== '').join(' ');
}

/** The bot command a Discord command name stands for, if it is one. */
export function commandNamed(name: string): CommandName | undefined {
  return COMMANDS.find((c) => c.name === name)?.name;
}
