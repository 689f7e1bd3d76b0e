/** How close extracted article text is to the expected text: bag-of-words F1. */

/** Lowercase word tokens; each Han, kana or hangul character is its own token. */
export function tokens(text: string): string[] {
  const spaced = text
    .toLowerCase()
    .replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, ' $& ');
  return spaced.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/** Bag-of-words F1 between two token lists; 1 when both are empty. */
export function tokenF1(actual: string[], expected: string[]): number {
  if (actual.length === 0 && expected.length === 0) return 1;
  if (actual.length === 0 || expected.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const token of expected) counts.set(token, (counts.get(token) ?? 0) + 1);
  let overlap = 0;
  for (const token of actual) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(token, left - 1);
    }
  }
  const precision = overlap / actual.length;
  const recall = overlap / expected.length;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}
