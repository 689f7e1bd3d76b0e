/**
 * Keyword filters of a subscription: plain words and "quoted phrases", case- and
 * accent-insensitive, matched as whole words; `-word` or `-"phrase"` excludes. No user text is
 * ever turned into a regular expression.
 */

/** A parsed keyword filter. An item passes when it has any `include` term (or there are none) and no `exclude` term. */
export interface KeywordFilter {
  /** Terms of which at least one must appear; each term is its words in order. */
  include: string[][];
  /** Terms none of which may appear. */
  exclude: string[][];
}

const TOKEN = /(-?)(?:"([^"]*)"?|“([^”]*)”?|(\S+))/gu;

/** Parses `election "city council" -sport` into a filter. Empty terms are ignored. */
export function parseKeywords(text: string): KeywordFilter {
  const filter: KeywordFilter = { include: [], exclude: [] };
  for (const match of text.matchAll(TOKEN)) {
    const words = normalisedWords(match[2] ?? match[3] ?? match[4] ?? '');
    if (words.length === 0) continue;
    (match[1] === '-' ? filter.exclude : filter.include).push(words);
  }
  return filter;
}

/** The filter written back as text, as a user would type it. */
export function formatKeywords(filter: KeywordFilter): string {
  const term = (words: string[]) => (words.length > 1 ? `"${words.join(' ')}"` : words[0] ?? '');
  return [...filter.include.map(term), ...filter.exclude.map((w) => `-${term(w)}`)].join(' ');
}

/** Whether a filter has no terms at all (every item passes). */
export function isEmptyFilter(filter: KeywordFilter): boolean {
  return filter.include.length === 0 && filter.exclude.length === 0;
}

/** Whether `text` passes the filter. */
export function matchesKeywords(filter: KeywordFilter, text: string): boolean {
  if (isEmptyFilter(filter)) return true;
  const words = normalisedWords(text);
  if (filter.exclude.some((term) => containsSequence(words, term))) return false;
  return filter.include.length === 0 || filter.include.some((term) => containsSequence(words, term));
}

/** Lower-case words with accents removed, e.g. "Café-crème!" → ["cafe", "creme"]. */
export function normalisedWords(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function containsSequence(words: string[], term: string[]): boolean {
  const last = words.length - term.length;
  for (let i = 0; i <= last; i += 1) {
    if (term.every((word, j) => words[i + j] === word)) return true;
  }
  return false;
}
