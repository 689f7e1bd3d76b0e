import { createApp } from '../src/app.js';
import type { App } from '../src/app.js';
import type { Adapter } from '../src/bot/adapter.js';
import { runCli, USAGE } from '../src/cli.js';
import type { CliIo } from '../src/cli.js';
import { loadConfig } from '../src/config.js';
import { describeError } from '../src/errors.js';
import { ADAPTERS, configuredAdapters } from './registry.js';
import type { AdapterFactory } from './registry.js';
import { ShellAdapter } from './shell/shell-adapter.js';
import { runDiscordCommand } from './discord/register.js';

/** What the executable needs beyond the CLI's streams. */
export interface MainIo extends CliIo {
  /** Whether standard input is a terminal (shows a prompt in `chat`). */
  isTTY?: boolean;
  /**
   * Resolves when the process is asked to stop (SIGINT/SIGTERM by default); `serve` then stops
   * its adapters and closes the store.
   */
  shutdown?: Promise<unknown>;
  /** The platforms `serve` may start; default every adapter in `registry.ts`. */
  adapters?: readonly AdapterFactory[];
}

/**
 * The `newsroom` executable. `chat` runs the terminal chat, `serve` every chat platform the
 * configuration turns on, and `discord register` registers the Discord slash commands; every
 * other command is the platform-free CLI in `src/cli.ts`.
 * Adapters depend on the core, never the reverse.
 */
export async function main(argv: string[], io: MainIo): Promise<number> {
  const [command] = argv;
  if (command === 'discord') return runDiscordCommand(argv.slice(1), io);
  if (command !== 'chat' && command !== 'serve') return runCli(argv, io);
  if (argv.length > 1) {
    io.stderr.write(`newsroom ${command}: takes no arguments\n${USAGE}\n`);
    return 2;
  }
  let app: App;
  let adapters: Adapter[];
  try {
    const config = loadConfig(io.env);
    const factories = io.adapters ?? ADAPTERS;
    adapters = command === 'serve' ? configuredAdapters(config, factories) : [];
    if (command === 'serve' && adapters.length === 0) {
      const options = factories.map((f) => `${f.enabledBy} for ${f.name}`).join(', or ');
      io.stderr.write(
        `newsroom serve: no chat platform is configured${options ? `: set ${options}` : ''}. ` +
          '`newsroom chat` chats in this terminal.\n',
      );
      return 2;
    }
    app = await createApp(config, { allowFiles: command === 'chat' });
  } catch (error) {
    io.stderr.write(`newsroom: ${describeError(error)}\n`);
    return 2;
  }
  try {
    return command === 'chat' ? await chat(app, io) : await serve(app, adapters, io);
  } finally {
    await app.close();
  }
}

async function chat(app: App, io: MainIo): Promise<number> {
  const shell = new ShellAdapter({ input: io.stdin, output: io.stdout, prompt: io.isTTY ?? false });
  await shell.start(app.bot);
  await shell.closed();
  return 0;
}

/** Starts every adapter, runs until shutdown, then stops them all (even if one fails to stop). */
async function serve(app: App, adapters: Adapter[], io: MainIo): Promise<number> {
  const started: Adapter[] = [];
  let code = 0;
  try {
    for (const adapter of adapters) {
      await adapter.start(app.bot);
      started.push(adapter);
      io.stderr.write(`newsroom: ${adapter.name} connected\n`);
    }
    await (io.shutdown ?? signalled());
    io.stderr.write('newsroom: stopping\n');
  } catch (error) {
    io.stderr.write(`newsroom: ${describeError(error)}\n`);
    code = 1;
  }
  const stops = await Promise.allSettled(started.reverse().map((a) => a.stop()));
  for (const stop of stops) {
    if (stop.status === 'rejected') io.stderr.write(`newsroom: while stopping: ${describeError(stop.reason)}\n`);
  }
  return code;
}

/** Resolves on the first SIGINT or SIGTERM. */
function signalled(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.once('SIGINT', on);
    process.once('SIGTERM', on);
  });
}
