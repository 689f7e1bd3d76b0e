/** A half-open range `[start, end)` of JavaScript string offsets into `Story.text`. */
export interface Span {
  /** First UTF-16 code unit of the range. */
  start: number;
  /** One past the last UTF-16 code unit of the range. */
  end: number;
}

/** A span together with the text it covers, as shown to users and written to JSON. */
export interface Quote extends Span {
  /** Exactly `story.text.slice(start, end)`. */
  text: string;
}

/** A sentence, with the index of the paragraph that holds it. */
export interface Sentence extends Span {
  /** Index into `Story.paragraphs`. */
  paragraph: number;
}

/** What is known about an article besides its text. Unknown fields are `null`. */
export interface StoryMeta {
  /** Headline. */
  title: string | null;
  /** Author line as published. */
  byline: string | null;
  /** Publication name, e.g. "The Guardian". */
  siteName: string | null;
  /** Publication time as an ISO-8601 string when it could be parsed, else as found. */
  publishedAt: string | null;
  /** `<link rel="canonical">` or `og:url`, resolved against the page URL. */
  canonicalUrl: string | null;
  /** The URL the article was fetched from (after redirects), if it came from the web. */
  url: string | null;
  /** BCP-47 language tag from the page, e.g. "en". */
  language: string | null;
}

/** Where a story came from. */
export interface StorySource {
  /** How the text arrived. */
  kind: 'url' | 'file' | 'stdin' | 'text';
  /** The URL, the path, `-` for stdin, or a label for pasted text. */
  ref: string;
}

/** A processed article: its text split into paragraphs and sentences with exact offsets. */
export interface Story {
  /** Stable id: the same article (same canonical URL, or same text) always gets the same id. */
  id: string;
  /** SHA-256 of `text` in hex; changes whenever the text changes. */
  hash: string;
  /** The article text. For a `.txt` input this is exactly the file's text. */
  text: string;
  /** Paragraph spans, in order, never overlapping, never empty. */
  paragraphs: Span[];
  /** Sentence spans, in order, each inside its paragraph. */
  sentences: Sentence[];
  /** Metadata; fields that are not known are `null`. */
  meta: StoryMeta;
  /** Where the story came from. */
  source: StorySource;
}

/** An empty metadata record. */
export function emptyMeta(): StoryMeta {
  return {
    title: null,
    byline: null,
    siteName: null,
    publishedAt: null,
    canonicalUrl: null,
    url: null,
    language: null,
  };
}
