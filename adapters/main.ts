import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
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
  if (command === 'feeds') return feedsCommand(argv.slice(1), io);
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
  // Feeds subscribed in this terminal (platform "shell") are polled and printed while it runs.
  const poller = app.createPoller([shell]);
  poller.start();
  await shell.closed();
  await poller.stop();
  return 0;
}

/** Starts every adapter, runs until shutdown, then stops them all (even if one fails to stop). */
async function serve(app: App, adapters: Adapter[], io: MainIo): Promise<number> {
  const started: Adapter[] = [];
  let code = 0;
  const poller = app.createPoller(adapters, (url, message) => io.stderr.write(`newsroom: feed ${url}: ${message}\n`));
  // Last line of defence, not the fix: a stray error some callback let escape is logged in one
  // line, and every other channel keeps being served. (Unhandled rejections arrive here too.)
  const stray = (error: unknown): void => {
    io.stderr.write(`newsroom: kept running after ${describeError(error).replace(/\s+/gu, ' ')}\n`);
  };
  process.on('uncaughtException', stray);
  try {
    for (const adapter of adapters) {
      await adapter.start(app.bot);
      started.push(adapter);
      io.stderr.write(`newsroom: ${adapter.name} connected\n`);
    }
    poller.start();
    await (io.shutdown ?? signalled());
    io.stderr.write('newsroom: stopping\n');
  } catch (error) {
    io.stderr.write(`newsroom: ${describeError(error)}\n`);
    code = 1;
  }
  // The poller first, so no feed post starts while the adapters are closing.
  await poller.stop();
  const stops = await Promise.allSettled(started.reverse().map((a) => a.stop()));
  for (const stop of stops) {
    if (stop.status === 'rejected') io.stderr.write(`newsroom: while stopping: ${describeError(stop.reason)}\n`);
  }
  process.off('uncaughtException', stray);
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

const FEEDS_USAGE = `usage: newsroom feeds check <feed-url> [--keywords TEXT] [--json]
       newsroom feeds poll --once

  check      print the items a subscription to the feed would post now; records nothing
  poll       run one polling round for every subscription, posting through the configured
             platforms (and printing what shell-chat subscriptions get), then exit`;

/** `newsroom feeds check|poll`: a preview for editors, and one polling round. */
async function feedsCommand(argv: string[], io: MainIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, once: { type: 'boolean', default: false }, keywords: { type: 'string' } },
    });
  } catch (error) {
    io.stderr.write(`newsroom feeds: ${(error as Error).message}\n${FEEDS_USAGE}\n`);
    return 2;
  }
  const [sub, url, ...extra] = parsed.positionals;
  const valid = (sub === 'check' && url !== undefined && extra.length === 0) || (sub === 'poll' && url === undefined && parsed.values.once);
  if (!valid) {
    io.stderr.write(`${FEEDS_USAGE}\n`);
    return 2;
  }
  let app: App;
  let adapters: Adapter[];
  try {
    const config = loadConfig(io.env);
    adapters = sub === 'poll' ? configuredAdapters(config, io.adapters ?? ADAPTERS) : [];
    app = await createApp(config);
  } catch (error) {
    io.stderr.write(`newsroom: ${describeError(error)}\n`);
    return 2;
  }
  try {
    return sub === 'check'
      ? await feedsCheck(app, url!, parsed.values.keywords ?? '', parsed.values.json, io)
      : await feedsPoll(app, adapters, io);
  } finally {
    await app.close();
  }
}

async function feedsCheck(app: App, url: string, keywords: string, json: boolean, io: MainIo): Promise<number> {
  try {
    const preview = await app.feeds.preview(url, keywords);
    if (json) {
      for (const item of preview.items) {
        const { id, title, link, publishedAt, author } = item;
        io.stdout.write(`${JSON.stringify({ id, title, link, publishedAt, author, chars: item.text.length })}\n`);
      }
    } else {
      io.stdout.write(`${preview.title ?? url}: ${preview.items.length} item(s) would be posted now\n`);
      for (const item of preview.items) {
        io.stdout.write(`- ${item.title ?? '(untitled)'}${item.publishedAt ? ` (${item.publishedAt})` : ''}\n  ${item.link ?? item.id}\n`);
      }
    }
    return 0;
  } catch (error) {
    io.stderr.write(`newsroom feeds: ${describeError(error)}\n`);
    return 1;
  }
}

async function feedsPoll(app: App, adapters: Adapter[], io: MainIo): Promise<number> {
  const shell = new ShellAdapter({ input: Readable.from([]), output: io.stdout });
  const poller = app.createPoller([...adapters, shell], (url, message) => io.stderr.write(`newsroom: feed ${url}: ${message}\n`));
  const started: Adapter[] = [];
  try {
    for (const adapter of adapters) {
      await adapter.start(app.bot);
      started.push(adapter);
    }
    const report = await poller.runOnce();
    io.stderr.write(`newsroom: checked ${report.checked} feed(s), ${report.failed} failed, ${report.posted} post(s)\n`);
    return report.failed > 0 ? 1 : 0;
  } catch (error) {
    io.stderr.write(`newsroom: ${describeError(error)}\n`);
    return 1;
  } finally {
    await poller.stop();
    await Promise.allSettled(started.reverse().map((a) => a.stop()));
  }
}
