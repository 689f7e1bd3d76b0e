/** Words that say nothing about what a commitment is about. */
const STOP = new Set([
  'a', 'an', 'the', 'to', 'of', 'in', 'on', 'for', 'and', 'or', 'with', 'by', 'at', 'from', 'into', 'its', 'it',
  'their', 'his', 'her', 'our', 'any', 'more', 'new', 'not', 'no', 'will', 'would', 'should', 'could', 'can', 'may',
  'be', 'is', 'are', 'was', 'were', 'been', 'that', 'this', 'these', 'those', 'as', 'than', 'all', 'some', 'over',
  'send', 'sending', 'sent', 'make', 'making', 'give', 'giving', 'take', 'taking', 'do', 'doing', 'commit',
  'commits', 'committed', 'refuse', 'refuses', 'refused', 'consider', 'considering', 'pledge', 'pledged', 'promise',
  'promised', 'rule', 'ruled', 'out', 'up', 'if', 'unless', 'until', 'only',
]);

/** The content words of an action, crudely stemmed ("troops" and "troop" meet). */
export function matterWords(action: string): string[] {
  const all = action.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(all.filter((w) => !STOP.has(w) && w.length > 2).map(stem))];
}

function stem(word: string): string {
  return word.replace(/(?:ies|es|s|ing|ed)$/u, '') || word;
}

/**
 * Whether two actions are on the same matter: they share content words making up at least half
 * of the shorter one's (so "send troops to Ukraine" and "deploy troops in Ukraine" meet, and
 * "send troops" and "cut tariffs" do not).
 */
export function sameMatter(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const set = new Set(a);
  const shared = b.filter((w) => set.has(w)).length;
  return shared >= 1 && shared * 2 >= Math.min(a.length, b.length);
}
