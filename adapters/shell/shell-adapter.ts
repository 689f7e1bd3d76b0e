import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Adapter, PostedMessage } from '../../src/bot/adapter.js';
import type { Bot, Conversation } from '../../src/bot/bot.js';
import { renderPlain } from '../../src/bot/render-plain.js';
import { errorReply } from '../../src/bot/replies.js';
import type { Reply } from '../../src/bot/reply.js';

/** Streams the shell chat reads from and writes to. */
export interface ShellAdapterOptions {
  /** Lines typed by the user. */
  input: Readable;
  /** Where replies are printed. */
  output: Writable;
  /** Show a `> ` prompt (for a terminal). Default false. */
  prompt?: boolean;
}

/**
 * The terminal chat: each line is a message in one conversation. `/commands` work as in Slack
 * and Discord; once a story has been posted, any other line is a follow-up question about it,
 * as if typed in that story's thread.
 */
export class ShellAdapter implements Adapter {
  readonly name = 'shell';
  private readonly conversation: Conversation = { platform: 'shell', channel: 'local', thread: null, workspace: 'shell' };
  private lines: Interface | undefined;
  private bot: Bot | undefined;
  private queue: Promise<void> = Promise.resolve();
  private finished: Promise<void> = Promise.resolve();
  private reading = false;

  constructor(private readonly options: ShellAdapterOptions) {}

  async start(bot: Bot): Promise<void> {
    this.bot = bot;
    const lines = createInterface({ input: this.options.input, terminal: false });
    this.lines = lines;
    this.reading = true;
    this.write('Newsroom bot. Type /help for commands; Ctrl-D to quit.');
    this.showPrompt();
    this.finished = new Promise((resolve) => {
      lines.on('close', () => {
        this.reading = false;
        void this.queue.then(resolve);
      });
    });
    lines.on('line', (line) => {
      // One message at a time, in order, like a chat.
      this.queue = this.queue.then(() => this.onLine(bot, line));
    });
  }

  /** Reading its input: started, and the input has not ended. */
  connected(): boolean {
    return this.reading;
  }

  /** Resolves when the input has ended and every reply has been printed. */
  closed(): Promise<void> {
    return this.finished;
  }

  async stop(): Promise<void> {
    this.lines?.close();
    await this.finished;
  }

  /**
   * Prints a story the bot posts on its own (a feed item). The terminal has one conversation,
   * so follow-up lines are about the story posted last.
   */
  async post(channel: string, reply: Reply): Promise<PostedMessage> {
    this.queue = this.queue.then(async () => {
      this.write(renderPlain(reply));
      if (reply.storyId && this.bot) await this.bot.linkThread(this.conversation, reply.storyId);
    });
    await this.queue;
    return { channel, thread: this.conversation.thread ?? this.conversation.channel };
  }

  private async onLine(bot: Bot, line: string): Promise<void> {
    try {
      if (line.trim() !== '') await this.reply(bot, line);
    } catch (error) {
      // A failing store or engine must not end the chat: say so and read the next line.
      this.write(renderPlain(errorReply(error)));
    }
    this.showPrompt();
  }

  private async reply(bot: Bot, line: string): Promise<void> {
    const reply = await bot.handle(line, this.conversation);
    if (!reply) {
      this.write('(Post a story first, e.g. /summarize <url>, then ask about it. /help lists commands.)');
      return;
    }
    this.write(renderPlain(reply));
    if (reply.storyId) await bot.linkThread(this.conversation, reply.storyId);
  }

  private write(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  private showPrompt(): void {
    if (this.options.prompt) this.options.output.write('> ');
  }
}
