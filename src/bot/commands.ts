/** The commands every chat adapter offers, in one list: adapters register these names. */
export interface CommandSpec {
  /** Name without the slash, e.g. "summarize". */
  name: CommandName;
  /** What to type after the command. */
  usage: string;
  /** One line for help texts and slash-command registration. */
  description: string;
}

/** Names of the bot's commands. */
export type CommandName = 'summarize' | 'commitments' | 'who' | 'ask' | 'help' | 'subscribe' | 'unsubscribe' | 'subscriptions';

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'summarize', usage: '<url or pasted text>', description: 'Summarise a story in a few points, each with a quote' },
  { name: 'commitments', usage: '[<url or pasted text> | <actor>]', description: "Who committed to what in a story; an actor's record here, changes first; alone, most active actors" },
  { name: 'who', usage: '<url or pasted text>', description: 'Who said what, with the quote' },
  { name: 'ask', usage: '<question> (in a story thread or a channel with stories) or <url> <question>', description: 'Ask a question about a story; answered only from its text' },
  { name: 'help', usage: '', description: 'List the commands' },
  { name: 'subscribe', usage: '<feed url> [keywords, "phrases", -excluded]', description: "Post each new story of an RSS or Atom feed in this channel" },
  { name: 'unsubscribe', usage: '<feed url>', description: "Stop posting a feed's stories in this channel" },
  { name: 'subscriptions', usage: '', description: "This channel's feeds, with their last check and last error" },
];

/** A parsed command line: `/summarize https://…` → `{ name: 'summarize', args: 'https://…' }`. */
export interface ParsedCommand {
  /** The command. */
  name: CommandName;
  /** Everything after the command name, trimmed. */
  args: string;
}

const ALIASES: Record<string, CommandName> = { summarise: 'summarize', attributions: 'who', said: 'who' };

/** Parses a line starting with `/`; `null` for anything else or an unknown command. */
export function parseCommand(line: string): ParsedCommand | null {
  const match = /^\/([a-z]+)(?:\s+([\s\S]*))?$/iu.exec(line.trim());
  if (!match) return null;
  const word = match[1]!.toLowerCase();
  const name = COMMANDS.find((c) => c.name === word)?.name ?? ALIASES[word];
  return name ? { name, args: (match[2] ?? '').trim() } : null;
}
