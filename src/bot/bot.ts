import type { Newsroom } from '../newsroom.js';
import { namespaces } from '../store/keys.js';
import type { Store } from '../store/store.js';
import { COMMANDS, parseCommand } from './commands.js';
import type { CommandName } from './commands.js';
import { answerReply, attributionsReply, commitmentsReply, errorReply, summaryReply } from './replies.js';
import type { Reply } from './reply.js';

/** Where a message was said: adapters fill this from their platform's event. */
export interface Conversation {
  /** "slack", "discord", "shell" … */
  platform: string;
  /** Channel (or DM) id. */
  channel: string;
  /** Thread id, or `null` for a message at the top of the channel. */
  thread: string | null;
}

/** How long a thread remembers its story: 30 days. */
const THREAD_TTL_MS = 30 * 24 * 60 * 60 * 1000;
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
  ) {}

  /** Handles one line typed in a chat: a `/command` or, in a story's thread, a question. */
  async handle(text: string, conversation: Conversation, signal?: AbortSignal): Promise<Reply | null> {
    const parsed = parseCommand(text);
    if (parsed) return this.command(parsed.name, parsed.args, conversation, signal);
    if (text.trim().startsWith('/')) {
      return errorReply(new Error(`unknown command ${text.trim().split(/\s/u)[0]}; try /help`));
    }
    return this.message(text, conversation, signal);
  }

  /** Runs a command; errors become a one-line error reply, never an exception. */
  async command(name: CommandName, args: string, conversation: Conversation, signal?: AbortSignal): Promise<Reply> {
    try {
      switch (name) {
        case 'help':
          return helpReply();
        case 'ask':
          return await this.ask(args, conversation, signal);
        default:
          return await this.storyCommand(name, args, signal);
      }
    } catch (error) {
      return errorReply(error);
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
      return storyId ? await this.answer(text.trim(), storyId, signal) : null;
    } catch (error) {
      return errorReply(error);
    }
  }

  /** Remembers that `thread` of `conversation` discusses the story `storyId`. */
  async linkThread(conversation: Conversation, storyId: string): Promise<void> {
    await this.store.set(namespaces.thread, threadKey(conversation), storyId, THREAD_TTL_MS);
  }

  private async storyCommand(name: Exclude<CommandName, 'help' | 'ask'>, args: string, signal?: AbortSignal): Promise<Reply> {
    if (args === '') return errorReply(new Error(`/${name} needs a URL or the article text`));
    const story = await this.newsroom.ingest(args);
    switch (name) {
      case 'summarize':
        return summaryReply(story, await this.newsroom.summarise(story, signal));
      case 'commitments':
        return commitmentsReply(story, await this.newsroom.commitments(story, signal));
      case 'who':
        return attributionsReply(story, await this.newsroom.attributions(story, signal));
    }
  }

  private async ask(args: string, conversation: Conversation, signal?: AbortSignal): Promise<Reply> {
    const withUrl = URL_AT_START.exec(args);
    if (withUrl) {
      const story = await this.newsroom.ingest(withUrl[1]!);
      const question = withUrl[2]!.trim();
      if (question === '') return errorReply(new Error('/ask needs a question after the URL'));
      return this.answer(question, story.id, signal);
    }
    if (args === '') return errorReply(new Error('/ask needs a question'));
    const storyId = await this.threadStory(conversation);
    if (!storyId) {
      return errorReply(new Error('ask in the thread of a story, or give a URL first: /ask <url> <question>'));
    }
    return this.answer(args, storyId, signal);
  }

  private async answer(question: string, storyId: string, signal?: AbortSignal): Promise<Reply> {
    const story = await this.newsroom.story(storyId);
    if (!story) return errorReply(new Error('that story is no longer in the store; post it again'));
    return answerReply(question, await this.newsroom.answer(question, [story], signal), story.id);
  }

  private threadStory(conversation: Conversation): Promise<string | undefined> {
    return this.store.get<string>(namespaces.thread, threadKey(conversation));
  }
}

function threadKey(c: Conversation): string {
  return [c.platform, c.channel, c.thread ?? '-'].map(encodeURIComponent).join(':');
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
