/** Short words that carry no claim of their own. */
const FUNCTION_WORDS = new Set(
  ('about after also because been before being could does from have into more most only other over said says some such ' +
    'than that their them then there these they this those under very were what when where which while will with would your')
    .split(' '),
);

/** The words of `text` that carry content: four letters or more, not function words. */
function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? []).filter((w) => w.length >= 4 && !FUNCTION_WORDS.has(w));
}

/** Words match on their first five letters, so "funds" meets "funding" and "closed" "closes". */
const stem = (word: string): string => word.slice(0, 5);

/**
 * Whether the model's own wording is borne out by the quotes it cites: at least half of its
 * content words (by stem) occur in them. A point that says something its quotes do not — an
 * instruction smuggled in by the article, say — fails. Text with no content words passes.
 */
export function supportedBy(text: string, quotes: string[]): boolean {
  const words = contentWords(text);
  if (words.length === 0) return true;
  const quoted = new Set(quotes.flatMap(contentWords).map(stem));
  return words.filter((w) => quoted.has(stem(w))).length * 2 >= words.length;
}
