import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPModuleFunctions, HTTPReceiver, LogLevel, webApi } from '@slack/bolt';
import type { Logger, ReceiverEvent, RespondFn } from '@slack/bolt';
import type { Adapter, AdapterServices, PostedMessage, PostOptions } from '../../src/bot/adapter.js';
import type { Bot, Conversation } from '../../src/bot/bot.js';
import { parseCommand } from '../../src/bot/commands.js';
import { errorReply } from '../../src/bot/replies.js';
import type { Reply } from '../../src/bot/reply.js';
import { isErrorReply } from '../../src/bot/reply.js';
import type { Config } from '../../src/config.js';
import { ConfigError, ConnectError, describeError, rootCauseMessage } from '../../src/errors.js';
import type { ServiceRoute } from '../../src/service/health.js';
import type { Log } from '../../src/service/log.js';
import { renderBlocks, workingMessage } from './blocks.js';
import type { SlackMessage } from './blocks.js';
import { toPostError } from './post-error.js';
import { firstUrl, typedText } from './slack-text.js';
import { checkSlackRequest } from './verify-request.js';

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
  /**
   * HTTP mode: more routes on the same port (`/healthz`, `/readyz`, `/metrics`), answered for
   * GET and HEAD without a Slack signature.
   */
  routes?: readonly ServiceRoute[];
}

/** Where an answer goes, and who to tell privately when something fails. */
interface Destination {
  channel: string;
  /** The workspace the channel is in: a story reply's thread is linked there. */
  workspace: string;
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
/** The slash commands the adapter answers: acknowledged by the HTTP layer, handled by one listener. */
const COMMAND = /^\/\w+$/u;
const LABEL_CHARS = 120;
/** Slack's payloads are a few kilobytes; anything near this is not from Slack. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Who the bot token belongs to, from `auth.test`. */
interface BotIdentity {
  botId: string;
  botUserId: string;
}

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
  /** Slash commands acknowledged and not yet handed to Bolt, oldest first. */
  private readonly acked: Array<{ event: ReceiverEvent; done: () => void }> = [];
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

  /**
   * Checks the bot token with `auth.test`, then listens (HTTP) or connects (Socket Mode).
   * @throws ConfigError when Slack refuses SLACK_BOT_TOKEN or SLACK_APP_TOKEN, or the port is taken.
   * @throws ConnectError when Slack cannot be reached; `start` may be called again.
   */
  async start(bot: Bot): Promise<void> {
    this.bot = bot;
    const identity = await this.checkToken();
    const logging = this.options.log ? { logger: boltLogger(this.options.log) } : { logLevel: this.options.logLevel ?? LogLevel.INFO };
    const common = {
      token: this.options.botToken,
      // Known already, so Bolt does not call auth.test itself (a refusal there was an unhandled rejection).
      botId: identity.botId,
      botUserId: identity.botUserId,
      clientOptions: this.clientOptions(),
      ...logging,
      convoStore: false,
    } as const;
    if (this.options.appToken) {
      const app = new App({ ...common, socketMode: true, appToken: this.options.appToken });
      this.listen(app, bot);
      await app.start().catch((error: unknown) => {
        void Promise.resolve()
          .then(() => app.stop())
          .catch(() => undefined);
        throw slackError(error, 'SLACK_APP_TOKEN', 'apps.connections.open', this.options.apiUrl);
      });
      this.app = app;
      return;
    }
    const receiver = new HTTPReceiver({ signingSecret: this.options.signingSecret ?? '', endpoints: SLACK_EVENTS_PATH, ...logging });
    const app = new App({ ...common, receiver });
    this.listen(app, bot);
    this.server = await this.serveHttp(app, receiver);
    // Only now: `connected()` is false until the port is open, and stays false if it never opens.
    this.app = app;
  }

  /** Started: in HTTP mode, listening on its port. */
  connected(): boolean {
    return this.app !== undefined && (this.server?.listening ?? true);
  }

  async stop(): Promise<void> {
    if (this.server) {
      const server = this.server;
      this.server = undefined;
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    } else {
      await this.app?.stop();
    }
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
  async post(channel: string, reply: Reply, options: PostOptions): Promise<PostedMessage> {
    let ts: string | undefined;
    try {
      ts = (await this.postClient.chat.postMessage({ channel, ...renderBlocks(reply), unfurl_links: false, unfurl_media: false })).ts;
    } catch (error) {
      throw toPostError(error, channel);
    }
    if (!ts) throw toPostError(new Error('Slack returned no message timestamp'), channel);
    // The story is up: a failure to remember its thread must not make the caller post it again.
    if (reply.storyId && this.bot) {
      await this.bot.linkThread({ platform: PLATFORM, channel, thread: ts, workspace: options.workspace }, reply.storyId).catch((error: unknown) => {
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

  /** Asks Slack whose the bot token is; a refusal names SLACK_BOT_TOKEN. */
  private async checkToken(): Promise<BotIdentity> {
    // No retries and no client log lines: `serve` retries, with one line per attempt of its own.
    const log = this.options.log;
    const quiet = log
      ? { logger: boltLogger(log.levelVal >= log.levels.values.error! ? log : log.child({}, { level: 'error' })) }
      : { logLevel: LogLevel.ERROR };
    const client = new webApi.WebClient(this.options.botToken, { ...this.clientOptions(), retryConfig: { retries: 0 }, ...quiet });
    let result: webApi.AuthTestResponse;
    try {
      result = await client.auth.test();
    } catch (error) {
      throw slackError(error, 'SLACK_BOT_TOKEN', 'auth.test', this.options.apiUrl);
    }
    return { botId: result.bot_id ?? '', botUserId: result.user_id ?? '' };
  }

  /**
   * Listens for Slack's requests on PORT/HOST. GET and HEAD of a service route (`/healthz`,
   * `/readyz`, `/metrics`) are answered by it, unsigned, as probes are; requests to the events
   * endpoint are checked (`checkSlackRequest`) before Bolt's receiver sees them; the rest go
   * straight to the receiver.
   */
  private async serveHttp(app: App, receiver: HTTPReceiver): Promise<Server> {
    const routes = new Map((this.options.routes ?? []).map((route) => [route.path, route]));
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const route = routes.get(path);
      if (route && (req.method === 'GET' || req.method === 'HEAD')) {
        route.handle(req, res);
        return;
      }
      if (req.method === 'POST' && path === SLACK_EVENTS_PATH) {
        this.guarded(app, receiver, req, res).catch((error: unknown) => {
          app.logger.error(`slack: a request failed: ${describeError(error)}`);
          answer(res, 500);
        });
        return;
      }
      pass(receiver, req, res);
    });
    const port = this.options.port ?? 3000;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, ...(this.options.host ? { host: this.options.host } : {}) }, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      const where = `${this.options.host ?? '*'}:${port}`;
      throw new ConfigError(`cannot listen for Slack on ${where} (PORT, HOST): ${rootCauseMessage(error)}`, { cause: error });
    }
    return server;
  }

  /**
   * Reads the body and turns away what is not a signed Slack payload; acknowledges a slash
   * command here ({@link acknowledgeCommand}) and hands the rest to Bolt's receiver.
   */
  private async guarded(app: App, receiver: HTTPReceiver, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY_BYTES) {
          // Answered, then the connection is dropped rather than reading the rest.
          res.once('finish', () => req.destroy());
          res.writeHead(413, { connection: 'close' });
          res.end();
          return;
        }
        chunks.push(chunk as Buffer);
      }
    } catch {
      answer(res, 400);
      return;
    }
    const rawBody = Buffer.concat(chunks);
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const checked = checkSlackRequest(
      { rawBody, contentType: header('content-type'), signature: header('x-slack-signature'), timestamp: header('x-slack-request-timestamp') },
      this.options.signingSecret ?? '',
    );
    if ('status' in checked) {
      app.logger.warn(`slack: refused a request (${checked.status}): ${checked.reason}`);
      answer(res, checked.status);
      return;
    }
    // A form with a `command` and no interactive `payload` is a slash command.
    const form = checked.kind === 'signed' && !checked.form?.has('payload') ? checked.form : undefined;
    if (form && COMMAND.test(form.get('command') ?? '')) {
      this.acknowledgeCommand(app, req, res, Object.fromEntries(form));
      return;
    }
    // Bolt reads an already-buffered body from `rawBody` instead of the consumed stream.
    Object.assign(req, { rawBody });
    pass(receiver, req, res);
  }

  /**
   * A signed slash command: Slack's 200 goes out here, and the form already checked and parsed
   * goes to Bolt's `App.processEvent` (as a receiver hands an event on; Bolt's own receiver would
   * parse it and check its signature again), queued behind the commands acknowledged before it
   * ({@link dispatchNext}). Under a burst an ack then waits for the other requests' checks, not
   * for their dispatch and engine hand-off. The listener's `ack()` has nothing left to send.
   */
  private acknowledgeCommand(app: App, req: IncomingMessage, res: ServerResponse, body: Record<string, string>): void {
    answer(res, 200);
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (response) app.logger.error('slack: a command listener acked with a response, but the command was acknowledged already; it is dropped');
      },
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
    };
    // Tracked from the ack on, so `stop` waits for a command still in the queue as well.
    this.track(new Promise<void>((done) => this.acked.push({ event, done })));
    if (this.acked.length === 1) setImmediate(() => this.dispatchNext(app));
  }

  /**
   * Hands the oldest acknowledged command to Bolt, then waits a turn of the event loop before
   * the next: requests that arrived meanwhile are read, checked and acknowledged between two
   * dispatches, so a burst of commands is acknowledged first and dispatched after.
   */
  private dispatchNext(app: App): void {
    const next = this.acked.shift();
    if (!next) return;
    // A failing listener was logged by `app.error` already.
    void app.processEvent(next.event).catch(() => undefined).finally(next.done);
    if (this.acked.length > 0) setImmediate(() => this.dispatchNext(app));
  }

  private listen(app: App, bot: Bot): void {
    // Bolt's default handler logs the error object, stack and all; one line is enough.
    app.error(async (error) => {
      app.logger.error(`slack: ${describeError(error)}`);
      throw error;
    });
    // Slack redelivers an event it thinks was lost (x-slack-retry-num): handle each event_id once.
    app.use(async ({ body, next }) => {
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string' && !(await bot.claimEvent(PLATFORM, eventId).catch(() => true))) return;
      await next();
    });

    app.command(COMMAND, async ({ command, ack, respond, client, context }) => {
      await ack();
      const text = `${command.command} ${typedText(command.text)}`.trim();
      const workspace = slackWorkspace(context);
      const conversation: Conversation = { platform: PLATFORM, channel: command.channel_id, thread: null, workspace };
      const privately = parseCommand(text)?.name === 'help';
      const to: Destination = { channel: command.channel_id, workspace, user: command.user_id, respond };
      this.track(this.deliver(client, to, text, (signal) => bot.handle(text, conversation, signal), privately));
    });

    app.event('app_mention', async ({ event, context, client }) => {
      if (event.bot_id || !event.user) return;
      const text = typedText(event.text, context.botUserId);
      const threadTs = event.thread_ts && event.thread_ts !== event.ts ? event.thread_ts : undefined;
      const asCommand = parseCommand(`/${text.replace(/^\//u, '')}`);
      const url = firstUrl(text);
      const workspace = slackWorkspace(context);
      const top: Conversation = { platform: PLATFORM, channel: event.channel, thread: null, workspace };
      const user = event.user;
      if (asCommand || url) {
        const run = asCommand
          ? (signal: AbortSignal) => bot.command(asCommand.name, asCommand.args, top, signal)
          : (signal: AbortSignal) => bot.command('summarize', url!, top, signal);
        this.track(this.deliver(client, { channel: event.channel, workspace, user }, text, run, asCommand?.name === 'help'));
        return;
      }
      // A question: in a story's thread about that story, elsewhere about the channel's stories,
      // answered in the mention's thread.
      const thread = threadTs ?? event.ts;
      const conversation: Conversation = { ...top, thread: threadTs ?? null };
      const run = threadTs
        ? (signal: AbortSignal) => bot.message(text, conversation, signal)
        : (signal: AbortSignal) => bot.command(text === '' ? 'help' : 'ask', text, conversation, signal);
      this.track(this.deliver(client, { channel: event.channel, workspace, threadTs: thread, user }, text, run));
    });

    app.message(async ({ message, context, client }) => {
      const m = message as unknown as MessageFields;
      if (!WRITTEN_SUBTYPES.has(m.subtype) || m.bot_id || !m.user || !m.text) return;
      if (!m.thread_ts || m.thread_ts === m.ts) return;
      // A mention is answered by the app_mention listener.
      if (context.botUserId && m.text.includes(`<@${context.botUserId}>`)) return;
      const text = typedText(m.text);
      const workspace = slackWorkspace(context);
      const conversation: Conversation = { platform: PLATFORM, channel: m.channel, thread: m.thread_ts, workspace };
      const to: Destination = { channel: m.channel, workspace, threadTs: m.thread_ts, user: m.user };
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
      if (reply.storyId && ts) await this.bot?.linkThread({ platform: PLATFORM, channel, thread: threadTs ?? ts, workspace: to.workspace }, reply.storyId);
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

/** Hands a request to Bolt's receiver; a path it does not serve gets 404. */
/**
 * The workspace of a Slack event: the enterprise grid org for an org-wide install (its teams
 * share one bot), else the team.
 */
function slackWorkspace(context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string {
  if (context.isEnterpriseInstall && context.enterpriseId) return `enterprise:${context.enterpriseId}`;
  return context.teamId ? `team:${context.teamId}` : PLATFORM;
}

function pass(receiver: HTTPReceiver, req: IncomingMessage, res: ServerResponse): void {
  try {
    receiver.requestListener(req, res);
  } catch {
    answer(res, 404);
  }
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

/**
 * A failed Web API call made while connecting, as a one-line error: Slack's refusal names the
 * `variable` holding the token (`ConfigError`), no answer or a server error is a
 * `ConnectError` (retried by `serve`).
 */
function slackError(error: unknown, variable: string, method: string, apiUrl: string | undefined): Error {
  const where = apiUrl ?? 'https://slack.com/api/';
  if (error instanceof webApi.WebAPIPlatformError) {
    return new ConfigError(`Slack refused ${variable} (${method}: ${error.data.error})`, { cause: error });
  }
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new ConnectError(`Slack asked to wait ${error.retryAfter} s (${method})`, { cause: error });
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    if (error.statusCode >= 500) return new ConnectError(`Slack answered HTTP ${error.statusCode} (${method} at ${where})`, { cause: error });
    return new ConfigError(`Slack answered HTTP ${error.statusCode} to ${method} at ${where}${apiUrl ? ' (check SLACK_API_URL)' : ''}`, { cause: error });
  }
  if (error instanceof webApi.WebAPIRequestError) {
    return new ConnectError(`Slack is unreachable (${method} at ${where}: ${rootCauseMessage(error)})`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
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
