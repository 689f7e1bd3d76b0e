import type { Block, Reply } from '../bot/reply.js';
import { summaryReply } from '../bot/replies.js';
import { describeError } from '../errors.js';
import type { Newsroom } from '../newsroom.js';
import type { Story } from '../story/story.js';
import type { TaskRunner } from '../workers/tasks.js';
import type { FeedItem } from './parse-feed.js';

/** An item whose own text has at least this many characters is taken as the full article. */
export const FULL_TEXT_CHARS = 600;

/** What turns feed items into stories and summaries. */
export interface ItemTools {
  /** The core: fetches linked articles, stores stories, summarises. */
  newsroom: Newsroom;
  /** Builds a story from the item's own text (`text` task): in the app, the worker pool. */
  tasks: TaskRunner;
}

/**
 * The story of a feed item, stored in `workspace` (the first subscriber's; the others get it
 * stored in theirs when it is posted there): its own text when the feed carries the full
 * article; else the article fetched from its link (safe fetch, extraction); else, when that
 * fails, what the feed carries, with a note saying so. `null` only when the item has no text
 * and no link.
 */
export async function itemStory(
  { newsroom, tasks }: ItemTools,
  workspace: string,
  item: FeedItem,
  feedTitle: string | null,
  signal?: AbortSignal,
): Promise<{ story: Story; note: string | null } | null> {
  const fromFeed = (): Promise<Story> => {
    const meta = { title: item.title, url: item.link, publishedAt: item.publishedAt, byline: item.author, siteName: feedTitle };
    return tasks.run('text', { text: item.text, meta, source: { kind: 'url', ref: item.link ?? item.id } }, signal);
  };
  if (item.text.length >= FULL_TEXT_CHARS) return { story: await newsroom.ingestStory(workspace, await fromFeed()), note: null };
  let reason = 'the item has no link';
  if (item.link) {
    try {
      return { story: await newsroom.ingest(workspace, item.link), note: null };
    } catch (error) {
      reason = `the article could not be fetched: ${describeError(error)}`;
    }
  }
  if (item.text.trim() === '') return null;
  return { story: await newsroom.ingestStory(workspace, await fromFeed()), note: `Summarised from the feed's own text only (${reason}).` };
}

/**
 * The post for a feed item (a summary with verified quotes, the feed's name, and any note) and
 * the story it is about (`null` for a headline-only post); the story is stored in `workspace`.
 */
export async function itemReply(
  tools: ItemTools,
  workspace: string,
  item: FeedItem,
  feedTitle: string | null,
  feedUrl: string,
  signal?: AbortSignal,
): Promise<{ reply: Reply; story: Story | null }> {
  const from: Block = { type: 'context', text: `From the feed ${feedTitle ?? feedUrl}` };
  const found = await itemStory(tools, workspace, item, feedTitle, signal);
  if (!found) return { reply: headlineReply(item, feedTitle ?? feedUrl, 'The feed gives no text and no link for this item.'), story: null };
  const reply = summaryReply(found.story, await tools.newsroom.summarise(found.story, signal));
  const notes: Block[] = found.note ? [{ type: 'context', text: found.note }] : [];
  return { reply: { ...reply, blocks: [...reply.blocks, ...notes, from] }, story: found.story };
}

/** A post with only the item's headline and link, and a note on why there is no summary. */
export function headlineReply(item: FeedItem, feedName: string, note: string): Reply {
  return {
    blocks: [
      { type: 'heading', text: item.title ?? 'Untitled item' },
      ...(item.link ? [{ type: 'text' as const, text: item.link }] : []),
      { type: 'context', text: note },
      { type: 'context', text: `From the feed ${feedName}` },
    ],
    ...(item.link ? { sourceUrl: item.link } : {}),
  };
}
