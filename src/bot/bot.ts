import { InputError } from '../errors.js';
import type { Newsroom } from '../newsroom.js';
import { prependId, readIds } from '../store/id-list.js';
import type { IdList } from '../store/id-list.js';
import { namespaces, workspaceKey } from '../store/keys.js';
import type { Store } from '../store/store.js';
import { COMMANDS, parseCommand } from './commands.js';
import { inputKind } from './input-kind.js';
import type { CommandName } from './commands.js';
import type { FeedCommands } from '../feeds/feed-service.js';
import { activeActorsReply, answerReply, attributionsReply, commitmentsReply, errorReply, LEDGER_CHAT, ledgerReply, summaryReply } from './replies.js';
import type { Reply } from './reply.js';
import { isErrorReply } from './reply.js';
import type { HandledOutcome, Metrics } from '../service/metrics.js';

/** Where a message was said: adapters fill this from their platform's event. */
export interface Conversation {
  /** "slack", "discord", "shell" … */
  platform: string;
  /** Channel (or DM) id. */
  channel: string;
  /** Thread id, or `null` for a message at the top of the channel. */
  thread: string | null;
  /**
   * The workspace the conversation belongs to: a Slack team (or enterprise grid org) id, a
   * Discord guild id or `dm:<user id>`, `shell`, or the CLI's `--workspace`. Stories, thread
   * links, channel story lists, feed subscriptions and the commitment ledger are kept per
   * workspace, so a channel or thread id never reaches another workspace's. Adapters always set
   * it; when absent, the platform name is used.
   */
  workspace?: string;
}

/** The workspace of a conversation (see {@link Conversation.workspace}). */
export function workspaceOf(c: Conversation): string {
  return c.workspace ?? c.platform;
}

/** How long a thread remembers its story, and a channel its stories: 30 days. */
const THREAD_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** How many recent stories of a channel `/ask` searches. */
const CHANNEL_STORIES = 20;
/** How many actors `/commitments` with no argument lists. */
const ACTIVE_ACTORS = 10;
/** How long a handled event id is remembered: longer than any platform's retry window (Slack: ~5 min). */
const EVENT_TTL_MS = 60 * 60 * 1000;
const URL_AT_START = /^(https?:\/\/\S+)\s*([\s\S]*)$/iu;

/**
 * The platform-neutral bot: turns commands and thread messages into replies. Adapters call
 * `command` for slash commands, `message` for a reply in a thread, and `linkThread` once they
 * know where a story reply was posted, so later messages there are follow-up questions.
 */
export class Bot {

  constructor(
    private readonly newsroom: Newsroom,
    private readonly store: Store,
    private readonly feeds?: FeedCommands,
    private readonly metrics?: Metrics,
  ) {}

  /** Handles one line typed in a chat: a `/command` or, in a story's thread, a question. */
  async handle(text: string, conversation: Conversation, signal?: AbortSignal): Promise<Reply | null> {
    const parsed = parseCommand(text);
    if (parsed) return this.command(parsed.name, parsed.args, conversation, signal);
    if (text.trim().startsWith('/')) {
      this.metrics?.commandHandled(conversation.platform, 'unknown', 'invalid');
      return usageReply(`unknown command ${text.trim().split(/\s/u)[0]}; try /help`);
    }
    return this.message(text, conversation, signal);
  }

  /** Runs a command; errors become a one-line error reply, never an exception. */
  async command(name: CommandName, args: string, conversation: Conversation, signal?: AbortSignal): Promise<Reply> {
    try {
      const reply = await this.run(name, args, conversation, signal);
      // An error reply that was not thrown is a usage answer (`/summarize` with nothing to summarise).
      this.metrics?.commandHandled(conversation.platform, name, isErrorReply(reply) ? 'invalid' : 'ok');
      return reply;
    } catch (error) {
      this.metrics?.commandHandled(conversation.platform, name, failure(error));
      return errorReply(error);
    }
  }

  private async run(name: CommandName, args: string, conversation: Conversation, signal?: AbortSignal): Promise<Reply> {
    switch (name) {
      case 'help':
        return helpReply();
      case 'ask':
        return this.ask(args, conversation, signal);
      case 'commitments':
        if (args === '') return this.activeActors(conversation);
        if (looksLikeActor(args)) return this.actorCommitments(args, conversation);
        return this.storyCommand(name, args, conversation, signal);
      case 'subscribe':
      case 'unsubscribe':
      case 'subscriptions':
        return this.feedCommand(name, args, conversation);
      default:
        return this.storyCommand(name, args, conversation, signal);
    }
  }

  /**
   * A message that is not a command. In a thread linked to a story it is a follow-up question
   * about that story; elsewhere the bot stays quiet (`null`).
   */
  async message(text: string, conversation: Conversation, signal?: AbortSignal): Promise<Reply | null> {
    if (text.trim() === '') return null;
    try {
      const storyId = await this.threadStory(conversation);
      const reply = storyId ? await this.answer(text.trim(), [storyId], conversation, signal) : null;
      this.metrics?.eventHandled(conversation.platform, reply === null ? 'ignored' : isErrorReply(reply) ? 'invalid' : 'ok');
      return reply;
    } catch (error) {
      this.metrics?.eventHandled(conversation.platform, failure(error));
      return errorReply(error);
    }
  }

  /**
   * Remembers that `thread` of `conversation` discusses the story `storyId` (adapters call this
   * with the id of the message they posted a story reply as), and that the story was posted
   * in that channel, for `/ask` there.
   */
  async linkThread(conversation: Conversation, storyId: string): Promise<void> {
    await this.store.set(namespaces.thread, threadKey(conversation), storyId, THREAD_TTL_MS);
    await this.rememberInChannel(conversation, storyId);
  }

  /**
   * Claims a platform event for handling: `true` the first time `eventId` is seen on `platform`,
   * `false` for a redelivery (a platform retrying an event it thinks was lost). Remembered in the
   * store for an hour by an atomic set-if-absent, so of several processes sharing the store
   * that receive the same event, even at the same instant, exactly one claims it.
   */
  claimEvent(platform: string, eventId: string): Promise<boolean> {
    const key = [platform, eventId].map(encodeURIComponent).join(':');
    return this.store.add(namespaces.event, key, true, EVENT_TTL_MS);
  }

  /** Ids of the stories posted in the conversation's channel, newest first. */
  channelStories(conversation: Conversation): Promise<string[]> {
    return readIds(this.store, channelList(conversation));
  }

  private rememberInChannel(conversation: Conversation, storyId: string): Promise<void> {
    return prependId(this.store, channelList(conversation), storyId);
  }

  private feedCommand(name: 'subscribe' | 'unsubscribe' | 'subscriptions', args: string, conversation: Conversation): Promise<Reply> {
    if (!this.feeds) return Promise.resolve(usageReply(`/${name}: feed subscriptions are not available here`));
    if (name === 'subscriptions') return this.feeds.subscriptions(conversation);
    return name === 'subscribe' ? this.feeds.subscribe(conversation, args) : this.feeds.unsubscribe(conversation, args);
  }

  private async storyCommand(
    name: Exclude<CommandName, 'help' | 'ask' | 'subscribe' | 'unsubscribe' | 'subscriptions'>,
    args: string,
    conversation: Conversation,
    signal?: AbortSignal,
  ): Promise<Reply> {
    if (args === '') return usageReply(`/${name} needs a URL or the article text`);
    const workspace = workspaceOf(conversation);
    const story = await this.newsroom.ingest(workspace, args, inputKind(args));
    await this.rememberInChannel(conversation, story.id);
    // Each reply is made first; the story's commitments reach the ledger after it (see `recordCommitments`).
    switch (name) {
      case 'summarize': {
        const reply = summaryReply(story, await this.newsroom.summarise(story, signal));
        this.newsroom.recordCommitments(workspace, story);
        return reply;
      }
      case 'commitments': {
        const commitments = await this.newsroom.commitments(story, signal);
        const reply = commitmentsReply(story, commitments);
        this.newsroom.recordCommitments(workspace, story, commitments.value);
        return reply;
      }
      case 'who': {
        const reply = attributionsReply(story, await this.newsroom.attributions(story, signal));
        this.newsroom.recordCommitments(workspace, story);
        return reply;
      }
    }
  }

  private async ask(args: string, conversation: Conversation, signal?: AbortSignal): Promise<Reply> {
    const withUrl = URL_AT_START.exec(args);
    if (withUrl) {
      const story = await this.newsroom.ingest(workspaceOf(conversation), withUrl[1]!);
      const question = withUrl[2]!.trim();
      if (question === '') return usageReply('/ask needs a question after the URL');
      return this.answer(question, [story.id], conversation, signal);
    }
    if (args === '') return usageReply('/ask needs a question');
    // In a story's thread: that story. Elsewhere: the stories posted in this channel.
    const inThread = await this.threadStory(conversation);
    const storyIds = inThread ? [inThread] : await this.channelStories(conversation);
    if (storyIds.length === 0) {
      return usageReply('no story has been posted here yet: /summarize <url> first, or /ask <url> <question>');
    }
    return this.answer(args, storyIds, conversation, signal);
  }

  /** Answers from the stories `storyIds` as stored in the conversation's workspace. */
  private async answer(question: string, storyIds: string[], conversation: Conversation, signal?: AbortSignal): Promise<Reply> {
    const workspace = workspaceOf(conversation);
    const stories = (await Promise.all(storyIds.map((id) => this.newsroom.story(workspace, id)))).filter((s) => s !== undefined);
    if (stories.length === 0) return usageReply('that story is no longer in the store; post it again');
    return answerReply(question, await this.newsroom.answer(question, stories, signal), stories);
  }

  /** `/commitments <actor>`: that actor's entries in the workspace's ledger; no engine call. */
  private async actorCommitments(actor: string, conversation: Conversation): Promise<Reply> {
    const found = await this.newsroom.ledger.actor(workspaceOf(conversation), actor, { first: LEDGER_CHAT.entries });
    if (!found) return usageReply(`"${actor}" could be anyone: name a person, country or organisation`);
    return ledgerReply(actor, found);
  }

  /** `/commitments` alone: the workspace's most active actors in the ledger. */
  private async activeActors(conversation: Conversation): Promise<Reply> {
    return activeActorsReply(await this.newsroom.ledger.active(workspaceOf(conversation), ACTIVE_ACTORS));
  }

  private threadStory(conversation: Conversation): Promise<string | undefined> {
    return this.store.get<string>(namespaces.thread, threadKey(conversation));
  }
}

/** A thread's key: in its workspace, so the same channel and thread ids elsewhere name another thread. */
function threadKey(c: Conversation): string {
  return workspaceKey(workspaceOf(c), c.platform, c.channel, c.thread ?? '-');
}

/** Input the bot cannot use is `invalid`; anything else that went wrong `failed`. */
function failure(error: unknown): HandledOutcome {
  return error instanceof InputError ? 'invalid' : 'failed';
}

/** A reply telling the user how to use a command: their input was wrong, nothing failed. */
function usageReply(text: string): Reply {
  return errorReply(new InputError('USAGE', text));
}

/** The stories posted in a conversation's channel: one list per channel of a workspace, newest first. */
function channelList(c: Conversation): IdList {
  const key = workspaceKey(workspaceOf(c), c.platform, c.channel);
  return { namespace: namespaces.channel, key, max: CHANNEL_STORIES, ttlMs: THREAD_TTL_MS };
}

/**
 * Whether `/commitments` was given an actor's name rather than a story: not a URL, one line,
 * at most six words, no sentence punctuation (abbreviations such as "Mr." allowed).
 */
export function looksLikeActor(args: string): boolean {
  const text = args.trim();
  // Abbreviations and initials ("Mr.", "Gov.", "J.") are part of a name, not sentence ends.
  const unabbreviated = text.replace(/\b\p{Lu}\p{Ll}{0,3}\./gu, '');
  if (text === '' || /^https?:\/\//iu.test(text) || /[\n.!?;:"“”]/u.test(unabbreviated)) return false;
  return text.split(/\s+/u).length <= 6;
}

function helpReply(): Reply {
  return {
    blocks: [
      { type: 'heading', text: 'Newsroom bot' },
      ...COMMANDS.map((c) => ({ type: 'text' as const, text: `/${c.name} ${c.usage}`.trim() + ` — ${c.description}` })),
      { type: 'context', text: 'In the thread of a story, any message is a question about that story.' },
    ],
  };
}
