import type { Adapter, PostedMessage, PostOptions } from '../../src/bot/adapter.js';
import type { Reply } from '../../src/bot/reply.js';
import { PostError } from '../../src/errors.js';

/** One generated feed item. */
export interface GeneratedItem {
  /** Guid and link suffix. */
  id: string;
  /** Headline. */
  title: string;
  /** Body; long enough (≥ 600 chars) to count as full text unless a test wants a snippet. */
  body: string;
  /** Publication date. */
  date: Date;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 document with the items in the order given. */
export function rss(title: string, items: GeneratedItem[], base = 'https://news.example'): string {
  const entries = items
    .map(
      (i) => `<item><title>${escape(i.title)}</title><link>${base}/${i.id}</link><guid>${i.id}</guid>` +
        `<pubDate>${i.date.toUTCString()}</pubDate><description>${escape(i.body)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${escape(title)}</title>` +
    `<link>${base}/</link><description>test</description>\n${entries}\n</channel></rss>`;
}

/** A full-text article body about `topic`, several sentences with a quote. */
export function articleBody(topic: string, n: number): string {
  return [
    `The council voted on Monday to fund the ${topic} project number ${n}, after a long debate in the chamber.`,
    `"We will start the ${topic} work in spring," said Mayor Jane Doe, who chairs the committee.`,
    `Opponents said the ${topic} plan would cost more than the budget allows and asked for an independent review.`,
    `The committee agreed to publish the figures before the next meeting, and residents will be consulted in March.`,
    `A final decision on the ${topic} contract is expected at the end of the year, officials said.`,
    `The mayor said the council would not raise local taxes to pay for the ${topic} project.`,
    `Residents can read the full ${topic} report at the town library from next week.`,
  ].join(' ');
}

/** `count` items, newest first, dated one hour apart before `newest`. */
export function generateItems(prefix: string, count: number, newest = new Date('2026-01-10T12:00:00Z')): GeneratedItem[] {
  return Array.from({ length: count }, (_, k) => ({
    id: `${prefix}-${count - k}`,
    title: `${prefix} story ${count - k}`,
    body: articleBody(prefix, count - k),
    date: new Date(newest.getTime() - k * 3_600_000),
  }));
}

/** One post an adapter received. */
export interface RecordedPost {
  /** Channel posted to. */
  channel: string;
  /** The workspace the post was made in (`PostOptions.workspace`), when given. */
  workspace?: string;
  /** The reply. */
  reply: Reply;
}

/**
 * An `Adapter` of the project's own interface that records posts and can be told to refuse
 * them (`gone` channels, or a number of `RATE_LIMITED` answers). Not an SDK mock.
 */
export class RecordingAdapter implements Adapter {
  readonly posts: RecordedPost[] = [];
  readonly gone = new Set<string>();
  rateLimits = 0;
  retryAfterMs = 2000;
  attempts = 0;

  constructor(readonly name: string) {}

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  connected(): boolean {
    return true;
  }

  async post(channel: string, reply: Reply, options?: PostOptions): Promise<PostedMessage> {
    this.attempts += 1;
    if (this.gone.has(channel)) throw new PostError('CHANNEL_GONE', `the bot is not in ${channel}`);
    if (this.rateLimits > 0) {
      this.rateLimits -= 1;
      throw new PostError('RATE_LIMITED', 'slow down', { retryAfterMs: this.retryAfterMs });
    }
    this.posts.push({ channel, reply, ...(options ? { workspace: options.workspace } : {}) });
    return { channel, thread: String(this.posts.length) };
  }

  /** Titles (first heading) of the posts to `channel`, in order. */
  titles(channel: string): string[] {
    return this.posts
      .filter((p) => p.channel === channel)
      .map((p) => p.reply.blocks.find((b) => b.type === 'heading')?.text ?? '');
  }
}
