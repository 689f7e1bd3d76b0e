/** Word-level features shared by the extractive tasks. */

const STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each few for from further ' +
    'had has have having he her here hers herself him himself his how i if in into is it its itself ' +
    'just me more most my myself no nor not now of off on once only or other our ours ourselves out ' +
    'over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which ' +
    'while who whom why will with would you your yours yourself yourselves also said says say told ' +
    'according one two new mr mrs ms us'
  ).split(' '),
);

/** A word and where it is. */
export interface Token {
  /** The word as written. */
  text: string;
  /** Lower-cased stem used for matching. */
  stem: string;
  /** Offset of the word in the text it was taken from. */
  start: number;
}

/** Words of `text` with their offsets (relative to `offset`). */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’.][\p{L}]+)*/gu)) {
    tokens.push({ text: match[0], stem: stem(match[0]), start: offset + match.index });
  }
  return tokens;
}

/** Whether a lower-cased word carries no content on its own. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}

/**
 * A light suffix-stripping stem: enough for "deploy"/"deployment"/"deploying" and
 * "troop"/"troops" to meet, without a dictionary.
 */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/u, '').replace(/\./gu, '');
  for (const suffix of ['ments', 'ment', 'ings', 'ing', 'ies', 'ied', 'ed', 'es', 's']) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      if (suffix === 'ies' || suffix === 'ied') w += 'y';
      break;
    }
  }
  return w;
}

/** Content-word stems of `text`, stopwords removed. */
export function contentStems(text: string): string[] {
  return tokenize(text)
    .filter((t) => !isStopword(t.text))
    .map((t) => t.stem);
}
