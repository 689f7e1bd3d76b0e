import { fetchResource } from '../ingest/fetch-page.js';
import type { AcceptedContent, FetchPageOptions } from '../ingest/fetch-page.js';
import { parseFeed } from './parse-feed.js';
import type { ParsedFeed } from './parse-feed.js';

/**
 * What feed fetches accept: the feed and XML types, and `text/plain` (some servers label feeds
 * so; the parser still rejects what is not a feed). HTML pages are refused: a site's home page
 * is not its feed.
 */
export const FEED_CONTENT: AcceptedContent = {
  kinds: new Map([
    ['application/rss+xml', 'xml'],
    ['application/x-rss+xml', 'xml'],
    ['application/atom+xml', 'xml'],
    ['application/x-atom+xml', 'xml'],
    ['application/rdf+xml', 'xml'],
    ['application/xml', 'xml'],
    ['text/xml', 'xml'],
    ['text/plain', 'xml'],
  ]),
  header: 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.5',
  label: 'an RSS, Atom or XML feed',
};

/** The validators of the last full answer, sent back so an unchanged feed costs a 304. */
export interface Validators {
  /** `ETag` of the last 200. */
  etag?: string | undefined;
  /** `Last-Modified` of the last 200. */
  lastModified?: string | undefined;
}

/** A feed fetch's outcome: unchanged (nothing parsed), or the parsed feed and its new validators. */
export type FeedFetchResult =
  | { changed: false; validators: Validators }
  | { changed: true; feed: ParsedFeed; validators: Validators };

/**
 * Fetches a feed through the safe fetch (same address rules and limits as articles) with a
 * conditional GET, and parses it unless the server answered 304.
 *
 * @throws {FetchError} for refused or failed fetches ({@link HttpStatusError} carries `Retry-After`).
 * @throws {FeedError} when the body is not a feed.
 */
export async function fetchFeed(url: string, validators: Validators, options: FetchPageOptions = {}): Promise<FeedFetchResult> {
  const headers: Record<string, string> = {};
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const result = await fetchResource(url, { ...options, accept: FEED_CONTENT, headers, allowNotModified: true });
  if (!('body' in result)) {
    return {
      changed: false,
      validators: { etag: result.etag ?? validators.etag, lastModified: result.lastModified ?? validators.lastModified },
    };
  }
  const feed = await parseFeed(result.body, url);
  return { changed: true, feed, validators: { etag: result.etag, lastModified: result.lastModified } };
}
