/**
 * The bot's platform-neutral rich message. Adapters render it: Block Kit for Slack, embeds
 * for Discord, plain text for the shell and the CLI. Every `quotes` entry is verbatim story
 * text that passed the citation gate; renderers put those, and only those, in quotation marks.
 */
export type Block =
  | {
      /** A title line. */
      type: 'heading';
      /** The title. */
      text: string;
    }
  | {
      /** Ordinary text, never in quotation marks. */
      type: 'text';
      /** The text. */
      text: string;
    }
  | {
      /** A statement backed by verbatim quotes. */
      type: 'cited';
      /** A short label shown before the statement, e.g. an actor and stance ("UK · commits"). */
      label?: string;
      /** The statement in the bot's words. */
      text: string;
      /** Verbatim story text supporting it. */
      quotes: string[];
      /**
       * The web address the quotes come from when it is not the reply's `sourceUrl` (a ledger
       * reply quotes many stories); renderers link each quote to its passage there.
       */
      source?: string;
    }
  | {
      /** Small print: source, counts, hints. */
      type: 'context';
      /** The small print. */
      text: string;
    }
  | {
      /** Something went wrong; the text says what, in one line. */
      type: 'error';
      /** The message. */
      text: string;
    };

/** One message from the bot. */
export interface Reply {
  /** The content, in order. */
  blocks: Block[];
  /** The story this reply is about; adapters link the reply's thread to it for follow-ups. */
  storyId?: string;
  /**
   * The story's web address, when it came from one: renderers link the title and quotes to it,
   * through `webLink` (links.ts), so an address that is not http(s) is never linked.
   */
  sourceUrl?: string;
  /** The engine that produced the result ("extractive", "openai" …), for the footer. */
  engine?: string;
}

/** Whether the reply reports a failure: adapters show those only to the person who asked. */
export function isErrorReply(reply: Reply): boolean {
  return reply.blocks.some((block) => block.type === 'error');
}
