import { once } from 'node:events';
import { Client, DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, Events, GatewayIntentBits, HTTPError, MessageFlags, RESTJSONErrorCodes } from 'discord.js';
import type { ChatInputCommandInteraction, Interaction, Message } from 'discord.js';
import type { Adapter, PostedMessage, PostOptions } from '../../src/bot/adapter.js';
import type { Bot, Conversation } from '../../src/bot/bot.js';
import { errorReply } from '../../src/bot/replies.js';
import { isErrorReply } from '../../src/bot/reply.js';
import type { Reply } from '../../src/bot/reply.js';
import { ConfigError, ConnectError, describeError, InputError, PostError, rootCauseMessage } from '../../src/errors.js';
import { commandArgs, commandNamed } from './commands.js';
import { errorText, renderEmbeds, threadName } from './embeds.js';

/** How the Discord adapter connects. */
export interface DiscordAdapterOptions {
  /** Bot token. */
  token: string;
  /** REST base URL (`rest.api`, e.g. `https://discord.com/api`); Discord's own when unset. */
  apiUrl?: string;
  /** Where problems that reach no user are reported. Default: standard error. */
  log?: (line: string) => void;
}

const PLATFORM = 'discord';

/** Discord's codes for "the bot can no longer post in that channel". */
const CHANNEL_GONE_CODES = new Set<number | string>([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.MissingPermissions,
]);

const BASE_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

/** Error codes of a connection that never got an answer (Node's and undici's). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * A Discord thread is a channel of its own: everything said in it, slash commands included,
 * arrives with the thread's id as channel id, which is all an interaction reliably carries.
 * So a thread's conversation is `{ channel: thread id, thread: thread id }`.
 */
function threadConversation(threadId: string, workspace: string): Conversation {
  return { platform: PLATFORM, channel: threadId, thread: threadId, workspace };
}

/** The workspace of a Discord event: its guild, or for a DM the user's own. */
function discordWorkspace(guildId: string | null, userId: string): string {
  return guildId ? `guild:${guildId}` : `dm:${userId}`;
}

/**
 * The Discord adapter (discord.js v14): slash commands are deferred at once, run through the
 * bot, and answered by editing the deferred reply with embeds; a story reply gets a thread
 * whose messages are follow-up questions. No newsroom logic lives here.
 */
export class DiscordAdapter implements Adapter {
  readonly name = PLATFORM;
  private client: Client | undefined;
  private bot: Bot | undefined;
  private readonly pending = new Set<Promise<void>>();
  private readonly log: (line: string) => void;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.log = options.log ?? ((line) => process.stderr.write(`newsroom: discord: ${line}\n`));
  }

  /**
   * Logs in and resolves once the client is ready (guilds and channels cached). Asks for the
   * privileged Message Content intent; when the application does not have it, Discord closes
   * the connection with 4014 and the adapter connects again without it: slash commands,
   * `/ask` in threads, and thread messages that mention the bot keep working.
   * @throws ConfigError when Discord refuses DISCORD_TOKEN.
   * @throws ConnectError when Discord cannot be reached; `start` may be called again.
   */
  async start(bot: Bot): Promise<void> {
    this.bot = bot;
    try {
      try {
        this.client = await this.connect(bot, [...BASE_INTENTS, GatewayIntentBits.MessageContent]);
      } catch (error) {
        if (!/disallowed intents|privileged intent/iu.test(describeError(error))) throw error;
        this.log('the Message Content intent is not enabled: thread messages are read only when they mention the bot');
        this.client = await this.connect(bot, BASE_INTENTS);
      }
    } catch (error) {
      throw connectError(error, this.options.apiUrl);
    }
  }

  /** The gateway session is ready (discord.js reconnects by itself after a drop). */
  connected(): boolean {
    return this.client?.isReady() ?? false;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await this.client?.destroy();
    this.client = undefined;
  }

  /**
   * Posts `reply` at the top of `channel`, starts a thread on it and links the thread to the
   * story. Rate limits never surface here: discord.js's REST queue waits out every 429
   * (`Retry-After`, per route bucket and globally) and retries the request, since
   * `rejectOnRateLimit` is left unset; so this never throws `RATE_LIMITED`.
   */
  async post(channel: string, reply: Reply, options: PostOptions): Promise<PostedMessage> {
    const client = this.client;
    const bot = this.bot;
    if (!client || !bot) throw new PostError('POST_FAILED', 'the Discord adapter is not started');
    try {
      const target = await client.channels.fetch(channel);
      if (!target?.isSendable() || target.isThread() || target.isDMBased()) {
        throw new PostError('CHANNEL_GONE', `Discord channel ${channel} does not take story posts`);
      }
      // With a nonce enforced, Discord answers a repeat of this post (another attempt, or
      // another replica) with the message already made instead of making a second one.
      const idempotent = options.idempotencyKey ? { nonce: options.idempotencyKey, enforceNonce: true } : {};
      const message = await target.send({ embeds: renderEmbeds(reply), ...idempotent });
      // The story is up from here on: whatever fails next must not make the caller post it again.
      const thread = await message.startThread({ name: threadName(reply) }).catch((error: unknown) => {
        this.log(`story posted in ${channel} without its thread: ${describeError(error)}`);
        return undefined;
      });
      if (reply.storyId) {
        const { workspace } = options;
        if (thread) await bot.linkThread(threadConversation(thread.id, workspace), reply.storyId);
        // The parent channel's conversation remembers the story too, for `/ask` there.
        await bot.linkThread({ platform: PLATFORM, channel, thread: thread?.id ?? message.id, workspace }, reply.storyId).catch((error: unknown) => {
          this.log(`story posted in ${channel}, but its link could not be stored: ${describeError(error)}`);
        });
      }
      return { channel, thread: thread?.id ?? message.id };
    } catch (error) {
      throw postError(error, channel);
    }
  }

  private async connect(bot: Bot, intents: GatewayIntentBits[]): Promise<Client> {
    const client = new Client({
      intents,
      // Story text never pings anyone.
      allowedMentions: { parse: [] },
      ...(this.options.apiUrl ? { rest: { api: this.options.apiUrl } } : {}),
    });
    client.on(Events.InteractionCreate, (interaction) => this.track(this.onInteraction(bot, interaction)));
    client.on(Events.MessageCreate, (message) => this.track(this.onMessage(bot, message)));
    client.on(Events.Error, (error) => this.log(describeError(error)));
    const ready = once(client, Events.ClientReady);
    try {
      await client.login(this.options.token);
      await ready;
    } catch (error) {
      await client.destroy();
      throw error;
    }
    return client;
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.log(describeError(error)));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  private async onInteraction(bot: Bot, interaction: Interaction): Promise<void> {
    if (!interaction.isChatInputCommand()) return;
    // Several replicas on one token all receive the interaction: the one that claims it
    // answers. A store failure must not leave it unanswered, hence answering then.
    if (!(await bot.claimEvent(PLATFORM, interaction.id).catch(() => true))) return;
    // Discord drops an interaction not answered within 3 seconds: acknowledge first.
    await interaction.deferReply();
    try {
      const name = commandNamed(interaction.commandName);
      const inThread = interaction.channel?.isThread() ?? false;
      const workspace = discordWorkspace(interaction.guildId, interaction.user.id);
      const conversation: Conversation = inThread
        ? threadConversation(interaction.channelId, workspace)
        : { platform: PLATFORM, channel: interaction.channelId, thread: null, workspace };
      const reply = name
        ? await bot.command(name, commandArgs(name, (option) => interaction.options.getString(option)), conversation)
        : errorReply(new InputError('USAGE', `unknown command /${interaction.commandName}; try /help`));
      if (isErrorReply(reply)) {
        await this.replyPrivately(interaction, errorText(reply));
        return;
      }
      // An edit does not inherit the client's allowedMentions: say it again.
      const message = await interaction.editReply({ embeds: renderEmbeds(reply), allowedMentions: { parse: [] } });
      if (reply.storyId) await this.openThread(bot, message, reply, workspace, inThread ? interaction.channelId : undefined);
    } catch (error) {
      await this.replyPrivately(interaction, describeError(error));
    }
  }

  /**
   * An error, shown only to the person who asked. The deferral was public and its visibility
   * cannot change, so the deferred response is deleted and the error sent as an ephemeral
   * follow-up.
   */
  private async replyPrivately(interaction: ChatInputCommandInteraction, text: string): Promise<void> {
    await interaction.deleteReply().catch((error: unknown) => this.log(`could not delete a deferred reply: ${describeError(error)}`));
    await interaction.followUp({ content: text, flags: MessageFlags.Ephemeral });
  }

  /**
   * Links the story to the thread its reply opens: a new thread named after the headline, or,
   * when the command was used inside a thread, that thread (threads do not nest).
   */
  private async openThread(bot: Bot, message: Message, reply: Reply, workspace: string, currentThread: string | undefined): Promise<void> {
    const storyId = reply.storyId!;
    if (currentThread) {
      await bot.linkThread(threadConversation(currentThread, workspace), storyId);
      return;
    }
    try {
      const thread = await message.startThread({ name: threadName(reply) });
      await bot.linkThread(threadConversation(thread.id, workspace), storyId);
    } catch (error) {
      // The reply stands; only follow-ups in a thread are lost (e.g. no thread permission, DMs).
      this.log(`could not open a thread on the story: ${describeError(error)}`);
    }
  }

  private async onMessage(bot: Bot, message: Message): Promise<void> {
    if (message.author.bot || message.webhookId || message.system || !message.channel.isThread()) return;
    const me = message.client.user.id;
    const text = message.content.replace(new RegExp(`<@!?${me}>`, 'gu'), ' ').trim();
    let reply: Reply | null;
    try {
      reply = await bot.message(text, threadConversation(message.channelId, discordWorkspace(message.guildId, message.author.id)));
    } catch (error) {
      reply = errorReply(error);
    }
    if (!reply) return;
    await message.reply(
      isErrorReply(reply) ? { content: errorText(reply) } : { embeds: renderEmbeds(reply) },
    );
  }
}

/**
 * A failure to log in as a one-line error: a refused token (REST 401, or gateway close 4004
 * "Authentication failed") names DISCORD_TOKEN; no answer or a server error is a
 * `ConnectError`, which `serve` retries.
 */
function connectError(error: unknown, apiUrl: string | undefined): Error {
  const where = apiUrl ?? 'https://discord.com/api';
  const refused =
    (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) ||
    (error instanceof DiscordAPIError && error.status === 401) ||
    (error instanceof Error && error.message === 'Authentication failed');
  if (refused) return new ConfigError(`Discord refused DISCORD_TOKEN (${rootCauseMessage(error)})`, { cause: error });
  if ((error instanceof DiscordAPIError || error instanceof HTTPError) && error.status >= 500) {
    return new ConnectError(`Discord answered HTTP ${error.status} (${where})`, { cause: error });
  }
  if (isNetworkFailure(error)) return new ConnectError(`Discord is unreachable (${where}: ${rootCauseMessage(error)})`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

/** Whether `error`, or something in its `cause` chain, is a connection that got no answer. */
function isNetworkFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (current.name === 'AbortError' || (typeof code === 'string' && NETWORK_CODES.has(code))) return true;
  }
  return false;
}

/** A Discord failure as a `PostError`: gone channels and refused access as `CHANNEL_GONE`. */
function postError(error: unknown, channel: string): PostError {
  if (error instanceof PostError) return error;
  if (error instanceof DiscordAPIError && CHANNEL_GONE_CODES.has(error.code)) {
    return new PostError('CHANNEL_GONE', `Discord channel ${channel} is gone or closed to the bot: ${error.message}`, { cause: error });
  }
  return new PostError('POST_FAILED', `could not post to Discord channel ${channel}: ${describeError(error)}`, { cause: error });
}
