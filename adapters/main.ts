import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { App } from '../src/app.js';
import type { Adapter } from '../src/bot/adapter.js';
import { runCli, USAGE } from '../src/cli.js';
import type { CliIo } from '../src/cli.js';
import type { Config } from '../src/config.js';
import { ConfigError, describeError } from '../src/errors.js';
import type { HealthServer, ServiceRoute } from '../src/service/health.js';
import type { Log } from '../src/service/log.js';
import type { Metrics } from '../src/service/metrics.js';
import type { Store } from '../src/store/store.js';
import { ADAPTERS, configuredAdapters } from './registry.js';
import type { AdapterFactory } from './registry.js';
import { ShellAdapter } from './shell/shell-adapter.js';
import { START_RETRY, startWithRetry } from './start-with-retry.js';
import type { StartRetry } from './start-with-retry.js';

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
  /** How `serve` retries a platform it cannot reach; default `START_RETRY`. */
  startRetry?: StartRetry;
}

/**
 * The `newsroom` executable. `chat` runs the terminal chat, `serve` every chat platform the
 * configuration turns on, and `discord register` registers the Discord slash commands; every
 * other command is the platform-free CLI in `src/cli.ts`.
 * Adapters depend on the core, never the reverse.
 */
export async function main(argv: string[], io: MainIo): Promise<number> {
  const [command] = argv;
  if (command === 'discord') return (await import('./discord/register.js')).runDiscordCommand(argv.slice(1), io);
  if (command === 'feeds') return feedsCommand(argv.slice(1), io);
  if (command !== 'chat' && command !== 'serve') return runCli(argv, io);
  if (argv.length > 1) {
    io.stderr.write(`newsroom ${command}: takes no arguments\n${USAGE}\n`);
    return 2;
  }
  let app: App | undefined;
  let adapters: Adapter[] = [];
  let serving: ServeContext | undefined;
  try {
    const config = (await import('../src/config.js')).loadConfig(io.env);
    if (command === 'serve') {
      // Requests reach the routes only once the app is open: the servers start after createApp.
      serving = await serveContext(config, io, () => ({ store: app?.store, adapters }));
      const factories = io.adapters ?? ADAPTERS;
      adapters = await configuredAdapters(config, factories, { log: serving.log, routes: serving.routes });
      if (adapters.length === 0) {
        const options = factories.map((f) => `${f.enabledBy} for ${f.name}`).join(', or ');
        io.stderr.write(
          `newsroom serve: no chat platform is configured${options ? `: set ${options}` : ''}. ` +
            '`newsroom chat` chats in this terminal.\n',
        );
        return 2;
      }
    }
    app = await (await import('../src/app.js')).createApp(config, {
      allowFiles: command === 'chat',
      metrics: serving?.metrics,
      ...(serving ? { onRecordError: (message: string) => serving!.log.warn(message) } : {}),
    });
  } catch (error) {
    io.stderr.write(`newsroom: ${describeError(error)}\n`);
    return 2;
  }
  try {
    return serving ? await serve(app, adapters, serving) : await chat(app, io);
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

/** What `serve` runs with besides the app and its adapters. */
interface ServeContext {
  io: MainIo;
  config: Config;
  log: Log;
  metrics: Metrics;
  /** `/healthz`, `/readyz`, `/metrics`: on HEALTH_PORT when set, and on PORT in Slack's HTTP mode. */
  routes: readonly ServiceRoute[];
}

/**
 * `serve`'s logger, metrics and service routes. Loaded here, for `serve` only: the one-shot
 * commands load neither pino nor prom-client.
 */
async function serveContext(
  config: Config,
  io: MainIo,
  state: () => { store: Store | undefined; adapters: readonly Adapter[] },
): Promise<ServeContext> {
  const [{ createLogger }, { Metrics }, { checkReadiness, serviceRoutes }] = await Promise.all([
    import('../src/service/log.js'),
    import('../src/service/metrics.js'),
    import('../src/service/health.js'),
  ]);
  const metrics = new Metrics();
  const ready = () => {
    const { store, adapters } = state();
    return checkReadiness(store, adapters);
  };
  return { io, config, log: createLogger(config, io.stderr), metrics, routes: serviceRoutes({ metrics, ready }) };
}

/**
 * Starts the health server (when HEALTH_PORT is set) and every adapter, runs until shutdown,
 * then stops them all (even if one fails to stop). Everything it reports goes to the log.
 * A platform that cannot be reached is retried (`startRetry`, one log line per attempt); a
 * refused credential exits 2, giving up on an unreachable platform exits 1.
 */
async function serve(app: App, adapters: Adapter[], { io, config, log, metrics, routes }: ServeContext): Promise<number> {
  const started: Adapter[] = [];
  let code = 0;
  let health: HealthServer | undefined;
  metrics.collectProcessMetrics();
  const { isSingleProcessStore } = await import('../src/store/create-store.js');
  if (isSingleProcessStore(config.STORE_URL)) {
    log.warn(
      `STORE_URL ${config.STORE_URL.split(':')[0]}:// serves one process only; ` +
        'to run several instances, use Redis or PostgreSQL (README: Running several instances)',
    );
  }
  const poller = app.createPoller(adapters, (url, message) => log.warn({ url }, `feed ${url}: ${message}`));
  // Listening for shutdown from the start, so a stop during connection retries is not lost.
  const stopping = new AbortController();
  const shutdown = (io.shutdown ?? signalled()).then(() => stopping.abort());
  const retry = { retry: io.startRetry ?? START_RETRY, log: (line: string) => log.warn(line), signal: stopping.signal };
  // Last line of defence, not the fix: a stray error some callback let escape is logged in one
  // line, and every other channel keeps being served. (Unhandled rejections arrive here too.)
  const stray = (error: unknown): void => {
    log.error(`kept running after ${describeError(error).replace(/\s+/gu, ' ')}`);
  };
  process.on('uncaughtException', stray);
  try {
    // Before the platforms, so liveness answers while they connect (and readiness says why not yet).
    if (config.HEALTH_PORT !== undefined) {
      const { startHealthServer } = await import('../src/service/health.js');
      health = await startHealthServer(routes, config.HEALTH_PORT, config.HOST);
      log.info({ port: health.port }, `health and metrics on port ${health.port}: /healthz, /readyz, /metrics`);
    }
    for (const adapter of adapters) {
      if (stopping.signal.aborted || !(await startWithRetry(adapter, app.bot, retry))) break;
      started.push(adapter);
      log.info({ platform: adapter.name }, `${adapter.name} connected`);
    }
    if (!stopping.signal.aborted) poller.start();
    await shutdown;
    log.info('stopping');
  } catch (error) {
    log.error(describeError(error));
    code = error instanceof ConfigError ? 2 : 1;
  }
  // The poller first, so no feed post starts while the adapters are closing.
  await poller.stop();
  const stops = await Promise.allSettled(started.reverse().map((a) => a.stop()));
  for (const stop of stops) {
    if (stop.status === 'rejected') log.error(`while stopping: ${describeError(stop.reason)}`);
  }
  process.off('uncaughtException', stray);
  await health?.close();
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
  let poll: { adapters: Adapter[]; log: Log } | undefined;
  try {
    const config = (await import('../src/config.js')).loadConfig(io.env);
    if (sub === 'poll') {
      // Only a polling round logs (pino); `feeds check` prints its result and nothing else.
      const log = (await import('../src/service/log.js')).createLogger(config, io.stderr);
      poll = { adapters: await configuredAdapters(config, io.adapters ?? ADAPTERS, { log }), log };
    }
    app = await (await import('../src/app.js')).createApp(config);
  } catch (error) {
    io.stderr.write(`newsroom: ${describeError(error)}\n`);
    return 2;
  }
  try {
    return poll
      ? await feedsPoll(app, poll.adapters, io, poll.log)
      : await feedsCheck(app, url!, parsed.values.keywords ?? '', parsed.values.json, io);
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

/** One round; feed failures go to the log, the round's summary to standard error as CLI output. */
async function feedsPoll(app: App, adapters: Adapter[], io: MainIo, log: Log): Promise<number> {
  const shell = new ShellAdapter({ input: Readable.from([]), output: io.stdout });
  const poller = app.createPoller([...adapters, shell], (url, message) => log.warn({ url }, `feed ${url}: ${message}`));
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
    return error instanceof ConfigError ? 2 : 1;
  } finally {
    await poller.stop();
    await Promise.allSettled(started.reverse().map((a) => a.stop()));
  }
}
