import Parser from 'rss-parser';
import { webLink } from '../bot/links.js';
import { FeedError } from '../errors.js';
import { htmlToText } from '../ingest/extract-html.js';
import { itemId } from './item-id.js';

/** One item of a feed, reduced to what the bot uses. */
export interface FeedItem {
  /** Stable id ({@link itemId}): guid, else link, else a hash of title and date. */
  id: string;
  /** Headline, if the feed gives one. */
  title: string | null;
  /**
   * The article's address, if the feed gives an absolute http(s) one (as {@link webLink} makes
   * it safe for chat markup). A link of any other scheme (`javascript:`, `data:` …) is dropped.
   */
  link: string | null;
  /** Publication time as an ISO-8601 string, if the feed gives a readable one. */
  publishedAt: string | null;
  /** Author, if given. */
  author: string | null;
  /** The richest body the feed carries (`content:encoded`, Atom content, description), as HTML. */
  html: string;
  /** That body as plain text. */
  text: string;
}

/** A parsed feed. */
export interface ParsedFeed {
  /** The feed's title, if any. */
  title: string | null;
  /** Items, newest first (by date when every item has one, else in feed order). */
  items: FeedItem[];
}

type RawItem = Record<string, unknown>;
const parser = new Parser<Record<string, unknown>, RawItem>();

/**
 * Parses RSS 0.9x, 1.0, 2.0 or Atom text (already decoded) with rss-parser.
 *
 * @throws {FeedError} `FEED_UNPARSEABLE` when it is not a feed rss-parser can read.
 */
export async function parseFeed(xml: string, label: string): Promise<ParsedFeed> {
  let output: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    output = await parser.parseString(xml.replace(/^\uFEFF/u, ''));
  } catch (error) {
    const reason = firstLine(error instanceof Error ? error.message : String(error));
    throw new FeedError('FEED_UNPARSEABLE', `${label} is not a feed that can be read (${reason})`, { cause: error });
  }
  const items = (output.items ?? []).map(toItem);
  const dated = items.every((item) => item.publishedAt !== null);
  if (dated) items.sort((a, b) => Date.parse(b.publishedAt!) - Date.parse(a.publishedAt!));
  return { title: text(output.title), items };
}

function toItem(raw: RawItem): FeedItem {
  const html = text(raw['content:encoded']) ?? text(raw.content) ?? text(raw.summary) ?? '';
  const date = text(raw.isoDate) ?? text(raw.pubDate);
  const title = text(raw.title);
  const given = text(raw.link);
  const link = webLink(given) ?? null;
  const guid = text(raw.guid) ?? text(raw.id);
  return {
    // The link as given keeps ids stable; a dropped link does not name the item.
    id: itemId({ guid: guid ?? undefined, link: link ? given! : undefined, title: title ?? undefined, date: date ?? undefined }),
    title: title ? title.replace(/\s+/gu, ' ') : null,
    link,
    publishedAt: isoDate(text(raw.isoDate)),
    author: text(raw.creator) ?? text(raw.author),
    html,
    text: plainText(html),
  };
}

/** A string field, or `null` for anything else (rss-parser passes odd XML through as objects). */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (value && typeof value === 'object' && '_' in value) return text((value as { _: unknown })._);
  return null;
}

function plainText(html: string): string {
  if (html === '') return '';
  try {
    return htmlToText(html);
  } catch {
    return ''; // markup too deep to read: the item still counts, with no body
  }
}

function isoDate(value: string | null): string | null {
  if (value === null) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function firstLine(message: string): string {
  const line = message.split('\n')[0]?.trim() ?? '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}
