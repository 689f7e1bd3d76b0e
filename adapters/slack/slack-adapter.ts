import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, webApi } from '@slack/bolt';
import type { Logger, RespondFn } from '@slack/bolt';
import type { Adapter, AdapterServices, PostedMessage } from '../../src/bot/adapter.js';
import type { Bot, Conversation } from '../../src/bot/bot.js';
import { parseCommand } from '../../src/bot/commands.js';
import { errorReply } from '../../src/bot/replies.js';
import type { Reply } from '../../src/bot/reply.js';
import { isErrorReply } from '../../src/bot/reply.js';
import type { Config } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import type { ServiceRoute } from '../../src/service/health.js';
import type { Log } from '../../src/service/log.js';
import { renderBlocks, workingMessage } from './blocks.js';
import type { SlackMessage } from './blocks.js';
import { toPostError } from './post-error.js';
import { firstUrl, typedText } from './slack-text.js';

type WebClient = webApi.WebClient;

/** How the Slack adapter connects. */
export interface SlackAdapterOptions {
  /** Bot token (`xoxb-…`). */
  botToken: string;
  /** HTTP mode: the signing secret every request is checked against. */
  signingSecret?: string;
  /** Socket Mode: an app-level token (`xapp-…`). Wins over `signingSecret` when both are set. */
  appToken?: string;
  /** Slack Web API base URL; default Slack's. */
  apiUrl?: string;
  /** HTTP mode: port to listen on (0: any free port). Default 3000. */
  port?: number;
  /** HTTP mode: address to listen on. Default every interface. */
  host?: string;
  /** A command still running after this long shows a "working on it" message. Default 1000 ms. */
  workingAfterMs?: number;
  /** On stop, how long running commands may take to finish before they are abandoned. Default 10 s. */
  stopGraceMs?: number;
  /** Bolt's log level when there is no `log`. Default info. */
  logLevel?: LogLevel;
  /** Where Bolt's and the adapter's own log lines go; default Bolt's console logger. */
  log?: Log;
  /** HTTP mode: more GET routes on the same port (`/healthz`, `/readyz`, `/metrics`). */
  routes?: readonly ServiceRoute[];
}

/** Where an answer goes, and who to tell privately when something fails. */
interface Destination {
  channel: string;
  /** Post in this thread; `undefined` for the top of the channel. */
  threadTs?: string;
  /** Who asked: errors are shown only to them. */
  user: string;
  /** A slash command's response URL: the private channel back to the person. */
  respond?: RespondFn;
}

/** The fields of a `message` event the adapter reads. */
interface MessageFields {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
}

const PLATFORM = 'slack';
/** Endpoint Slack posts commands and events to in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';
/** Message subtypes that are people writing; edits, joins and bot posts are not. */
const WRITTEN_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);
const LABEL_CHARS = 120;

/**
 * Slack on Bolt, over HTTP (signed requests at `/slack/events`) or Socket Mode. Slash commands
 * become `Bot.handle` calls, replies in a story's thread `Bot.message`, `@bot` mentions with a
 * link a summary; replies are rendered as Block Kit. Every command is acknowledged at once and
 * answered afterwards; failures reach the person who asked as a private message.
 */
export class SlackAdapter implements Adapter {
  readonly name = PLATFORM;
  private app: App | undefined;
  private bot: Bot | undefined;
  private server: Server | undefined;
  private readonly postClient: WebClient;
  private readonly pending = new Set<Promise<void>>();
  private readonly aborter = new AbortController();
  private readonly workingAfterMs: number;

  constructor(private readonly options: SlackAdapterOptions) {
    this.workingAfterMs = options.workingAfterMs ?? 1000;
    // Posts the bot makes on its own report rate limits to their caller (who can wait and
    // retry) instead of waiting inside the client.
    this.postClient = new webApi.WebClient(options.botToken, {
      ...this.clientOptions(),
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
  }

  /** HTTP mode: the port the server listens on, once started. */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
  }

  async start(bot: Bot): Promise<void> {
    this.bot = bot;
    const socketMode = Boolean(this.options.appToken);
    const app = new App({
      token: this.options.botToken,
      ...(socketMode ? { socketMode: true, appToken: this.options.appToken } : { signingSecret: this.options.signingSecret, endpoints: SLACK_EVENTS_PATH }),
      clientOptions: this.clientOptions(),
      ...(this.options.log ? { logger: boltLogger(this.options.log) } : { logLevel: this.options.logLevel ?? LogLevel.INFO }),
      ...(socketMode ? {} : { customRoutes: customRoutes(this.options.routes ?? []) }),
      convoStore: false,
    });
    this.listen(app, bot);
    await this.checkToken(app);
    if (socketMode) {
      await app.start();
    } else {
      this.server = (await app.start({ port: this.options.port ?? 3000, ...(this.options.host ? { host: this.options.host } : {}) })) as Server;
    }
    this.app = app;
  }

  /** Started: in HTTP mode, listening on its port. */
  connected(): boolean {
    return this.app !== undefined && (this.server?.listening ?? true);
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    this.app = undefined;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.stopGraceMs ?? 10_000)));
    await Promise.race([Promise.allSettled([...this.pending]), grace]);
    clearTimeout(timer);
    this.aborter.abort();
    await Promise.allSettled([...this.pending]);
  }

  /**
   * Posts a story at the top of `channel` and links its thread to `reply.storyId`. Rate limits
   * are not waited out here: they throw `PostError('RATE_LIMITED')` with Slack's Retry-After.
   */
  async post(channel: string, reply: Reply): Promise<PostedMessage> {
    let ts: string | undefined;
    try {
      ts = (await this.postClient.chat.postMessage({ channel, ...renderBlocks(reply), unfurl_links: false, unfurl_media: false })).ts;
    } catch (error) {
      throw toPostError(error, channel);
    }
    if (!ts) throw toPostError(new Error('Slack returned no message timestamp'), channel);
    // The story is up: a failure to remember its thread must not make the caller post it again.
    if (reply.storyId && this.bot) {
      await this.bot.linkThread({ platform: PLATFORM, channel, thread: ts }, reply.storyId).catch((error: unknown) => {
        this.app?.logger.error(`slack: story posted in ${channel}, but its thread could not be linked: ${String(error)}`);
      });
    }
    return { channel, thread: ts };
  }

  private clientOptions(): webApi.WebClientOptions {
    // Bounded retries: a reply that cannot be sent within a few attempts is reported, not queued for half an hour.
    return {
      ...(this.options.apiUrl ? { slackApiUrl: this.options.apiUrl } : {}),
      retryConfig: { retries: 3, maxTimeout: 5_000 },
    };
  }

  /** Fails `start` with a clear message when Slack refuses the bot token. */
  private async checkToken(app: App): Promise<void> {
    try {
      await app.client.auth.test();
    } catch (error) {
      const reason = error instanceof webApi.WebAPIPlatformError ? error.data.error : (error as Error).message;
      throw new ConfigError(`Slack refused SLACK_BOT_TOKEN (auth.test: ${reason})`, { cause: error });
    }
  }

  private listen(app: App, bot: Bot): void {
    // Slack redelivers an event it thinks was lost (x-slack-retry-num): handle each event_id once.
    app.use(async ({ body, next }) => {
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string' && !(await bot.claimEvent(PLATFORM, eventId).catch(() => true))) return;
      await next();
    });

    app.command(/^\/\w+$/u, async ({ command, ack, respond, client }) => {
      await ack();
      const text = `${command.command} ${typedText(command.text)}`.trim();
      const conversation: Conversation = { platform: PLATFORM, channel: command.channel_id, thread: null };
      const privately = parseCommand(text)?.name === 'help';
      const to: Destination = { channel: command.channel_id, user: command.user_id, respond };
      this.track(this.deliver(client, to, text, (signal) => bot.handle(text, conversation, signal), privately));
    });

    app.event('app_mention', async ({ event, context, client }) => {
      if (event.bot_id || !event.user) return;
      const text = typedText(event.text, context.botUserId);
      const threadTs = event.thread_ts && event.thread_ts !== event.ts ? event.thread_ts : undefined;
      const asCommand = parseCommand(`/${text.replace(/^\//u, '')}`);
      const url = firstUrl(text);
      const top: Conversation = { platform: PLATFORM, channel: event.channel, thread: null };
      const user = event.user;
      if (asCommand || url) {
        const run = asCommand
          ? (signal: AbortSignal) => bot.command(asCommand.name, asCommand.args, top, signal)
          : (signal: AbortSignal) => bot.command('summarize', url!, top, signal);
        this.track(this.deliver(client, { channel: event.channel, user }, text, run, asCommand?.name === 'help'));
        return;
      }
      // A question: in a story's thread about that story, elsewhere about the channel's stories,
      // answered in the mention's thread.
      const thread = threadTs ?? event.ts;
      const conversation: Conversation = { ...top, thread: threadTs ?? null };
      const run = threadTs
        ? (signal: AbortSignal) => bot.message(text, conversation, signal)
        : (signal: AbortSignal) => bot.command(text === '' ? 'help' : 'ask', text, conversation, signal);
      this.track(this.deliver(client, { channel: event.channel, threadTs: thread, user }, text, run));
    });

    app.message(async ({ message, context, client }) => {
      const m = message as unknown as MessageFields;
      if (!WRITTEN_SUBTYPES.has(m.subtype) || m.bot_id || !m.user || !m.text) return;
      if (!m.thread_ts || m.thread_ts === m.ts) return;
      // A mention is answered by the app_mention listener.
      if (context.botUserId && m.text.includes(`<@${context.botUserId}>`)) return;
      const text = typedText(m.text);
      const conversation: Conversation = { platform: PLATFORM, channel: m.channel, thread: m.thread_ts };
      const to: Destination = { channel: m.channel, threadTs: m.thread_ts, user: m.user };
      this.track(this.deliver(client, to, text, (signal) => bot.message(text, conversation, signal)));
    });
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /**
   * Runs `produce` and delivers its reply: to the channel (or thread) with chat.postMessage, or
   * by chat.update of the "working on it" message posted if it took longer than
   * `workingAfterMs`; errors, and `privately` replies, only to the person who asked. Links the
   * thread to the reply's story. Never throws.
   */
  private async deliver(
    client: WebClient,
    to: Destination,
    label: string,
    produce: (signal: AbortSignal) => Promise<Reply | null>,
    privately = false,
  ): Promise<void> {
    const { channel, threadTs } = to;
    const thread = threadTs ? { thread_ts: threadTs } : {};
    let placeholder: Promise<string | undefined> | undefined;
    const timer = privately
      ? undefined
      : setTimeout(() => {
          const working = workingMessage(label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS)}…` : label);
          placeholder = client.chat.postMessage({ channel, ...thread, ...working }).then(
            (r) => r.ts,
            () => undefined,
          );
        }, this.workingAfterMs);
    let reply: Reply | null;
    try {
      reply = await produce(this.aborter.signal);
    } catch (error) {
      reply = errorReply(error);
    }
    clearTimeout(timer);
    const placeholderTs = await placeholder;
    const removePlaceholder = async () => {
      if (placeholderTs) await client.chat.delete({ channel, ts: placeholderTs }).catch(() => undefined);
    };
    if (this.aborter.signal.aborted || !reply) {
      await removePlaceholder();
      return;
    }
    try {
      if (privately || isErrorReply(reply)) {
        await removePlaceholder();
        await this.whisper(client, to, renderBlocks(reply));
        return;
      }
      const message = renderBlocks(reply);
      let ts = placeholderTs;
      if (ts) await client.chat.update({ channel, ts, ...message });
      else ts = (await client.chat.postMessage({ channel, ...thread, ...message, unfurl_links: false, unfurl_media: false })).ts;
      if (reply.storyId && ts) await this.bot?.linkThread({ platform: PLATFORM, channel, thread: threadTs ?? ts }, reply.storyId);
    } catch (error) {
      await removePlaceholder();
      await this.whisper(client, to, renderBlocks(errorReply(toPostError(error, channel)))).catch((e: unknown) => {
        this.app?.logger.error(`slack: could not tell ${to.user} in ${channel} that a reply failed: ${String(e)}`);
      });
    }
  }

  /** A message only the person who asked sees: the response URL of a command, else chat.postEphemeral. */
  private async whisper(client: WebClient, to: Destination, message: SlackMessage): Promise<void> {
    if (to.respond) {
      await to.respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    }
    await client.chat.postEphemeral({ channel: to.channel, user: to.user, ...(to.threadTs ? { thread_ts: to.threadTs } : {}), ...message });
  }
}

/** Bolt's routes for the service routes: GET and HEAD on each path. */
function customRoutes(routes: readonly ServiceRoute[]) {
  return routes.map((route) => ({ path: route.path, method: ['GET', 'HEAD'], handler: route.handle.bind(route) }));
}

/** Bolt's `Logger` over the bot's logger: Bolt's lines carry `platform: "slack"`; the level is LOG_LEVEL's. */
function boltLogger(log: Log): Logger {
  const child = log.child({ platform: PLATFORM });
  const line = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  return {
    debug: (...parts: unknown[]) => child.debug(line(parts)),
    info: (...parts: unknown[]) => child.info(line(parts)),
    warn: (...parts: unknown[]) => child.warn(line(parts)),
    error: (...parts: unknown[]) => child.error(line(parts)),
    setLevel: () => undefined,
    getLevel: () => (['debug', 'info', 'warn', 'error'].includes(child.level) ? child.level : LogLevel.ERROR) as LogLevel,
    setName: () => undefined,
  };
}

/**
 * The Slack adapter the configuration describes: SLACK_BOT_TOKEN, and SLACK_APP_TOKEN (Socket
 * Mode) or SLACK_SIGNING_SECRET (HTTP on PORT, at HOST when set).
 * @throws ConfigError when neither SLACK_SIGNING_SECRET nor SLACK_APP_TOKEN is set.
 */
export function slackAdapterFromConfig(config: Config, services: AdapterServices = {}): SlackAdapter {
  if (!config.SLACK_BOT_TOKEN) throw new ConfigError('Slack needs SLACK_BOT_TOKEN (the bot token, xoxb-…)');
  if (!config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
    throw new ConfigError(
      'Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) as well as SLACK_BOT_TOKEN',
    );
  }
  return new SlackAdapter({
    botToken: config.SLACK_BOT_TOKEN,
    ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
    ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
    ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
    port: config.PORT,
    ...(config.HOST ? { host: config.HOST } : {}),
    ...(services.log ? { log: services.log } : {}),
    ...(services.routes ? { routes: services.routes } : {}),
  });
}
