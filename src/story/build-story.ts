import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { splitParagraphs } from './paragraphs.js';
import { splitSentences } from './sentences.js';
import { emptyMeta } from './story.js';
import type { Sentence, Story, StoryMeta, StorySource } from './story.js';

/** What `buildStory` needs: the text exactly as it should be quoted, and what is known about it. */
export interface StoryInput {
  /** Article text. Kept byte-for-byte: offsets point into it. */
  text: string;
  /** Known metadata; missing fields become `null`. */
  meta?: Partial<StoryMeta>;
  /** Where the text came from. */
  source: StorySource;
  /**
   * Offset where the body begins, after a header (headline, outlet, date) that `readHeader`
   * found: paragraphs and sentences are taken from there on, with offsets into all of `text`.
   */
  bodyStart?: number;
}

/** Turns text into a `Story`: paragraphs, sentences, content hash and stable id. */
export function buildStory(input: StoryInput): Story {
  const { text, source } = input;
  if (text.trim() === '') {
    throw new InputError('EMPTY_ARTICLE', `${source.ref}: the article is empty`);
  }
  const bodyStart = input.bodyStart ?? 0;
  const paragraphs = splitParagraphs(text.slice(bodyStart)).map((p) => ({ start: p.start + bodyStart, end: p.end + bodyStart }));
  const sentences: Sentence[] = [];
  paragraphs.forEach((paragraph, index) => {
    for (const span of splitSentences(text, paragraph)) sentences.push({ ...span, paragraph: index });
  });
  const meta: StoryMeta = { ...emptyMeta(), ...input.meta };
  const hash = sha256(text);
  return { id: storyId(meta, hash), hash, text, paragraphs, sentences, meta, source };
}

/**
 * The same article keeps its id across edits when it has a URL (the canonical one first);
 * text without a URL is identified by its content.
 */
export function storyId(meta: Pick<StoryMeta, 'canonicalUrl' | 'url'>, hash: string): string {
  const identity = meta.canonicalUrl ?? meta.url ?? `text:${hash}`;
  return sha256(identity).slice(0, 16);
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
