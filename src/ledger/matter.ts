/** Words that say nothing about what a commitment is about. */
const STOP = new Set([
  'a', 'an', 'the', 'to', 'of', 'in', 'on', 'for', 'and', 'or', 'with', 'by', 'at', 'from', 'into', 'its', 'it',
  'their', 'his', 'her', 'our', 'any', 'more', 'new', 'not', 'no', 'will', 'would', 'should', 'could', 'can', 'may',
  'be', 'is', 'are', 'was', 'were', 'been', 'that', 'this', 'these', 'those', 'as', 'than', 'all', 'some', 'over',
  'send', 'sending', 'sent', 'make', 'making', 'give', 'giving', 'take', 'taking', 'do', 'doing', 'commit',
  'commits', 'committed', 'refuse', 'refuses', 'refused', 'consider', 'considering', 'pledge', 'pledged', 'promise',
  'promised', 'rule', 'ruled', 'out', 'up', 'if', 'unless', 'until', 'only', 'agree', 'agrees', 'agreed',
]);

/** Words before an action's verb ("will not send troops" is about sending troops). */
const LEAD = new Set(['not', 'no', 'never', 'to', 'will', 'would', 'shall', 'should', 'could', 'can', 'may', 'might', 'must', 'also', 'still', 'then', 'again', 'be', 'is']);

/** Particles of phrasal verbs: "rule out new taxes", "set up a fund", "pull back troops". */
const PARTICLES = new Set(['out', 'up', 'down', 'off', 'back', 'away', 'ahead', 'forward', 'through']);

/** Words that end a direct object and start what modifies it ("troops to Ukraine", "tariffs on steel"). */
const PREPOSITIONS = new Set([
  'to', 'in', 'on', 'for', 'with', 'by', 'at', 'from', 'into', 'onto', 'of', 'over', 'under', 'across', 'against',
  'after', 'before', 'during', 'until', 'unless', 'if', 'within', 'without', 'towards', 'toward', 'near', 'beyond',
  'amid', 'despite', 'via', 'per', 'while', 'when', 'because', 'so', 'as', 'than', 'and', 'or', 'but', 'above',
  'below', 'around', 'about', 'between', 'among', 'including', 'beside', 'along', 'throughout', 'next', 'this', 'last',
]);

/** Words of time that can close an action ("raise taxes next year"): never its object. */
const TIME = new Set([
  'today', 'tomorrow', 'tonight', 'soon', 'now', 'later', 'week', 'weeks', 'month', 'months', 'year', 'years', 'weekend',
  'day', 'days', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'spring', 'summer',
  'autumn', 'winter', 'immediately', 'again',
]);

/** What an action is about: its content words, and the object committed to. */
export interface Matter {
  /** Content words, crudely stemmed ("troops" and "troop" meet). */
  words: string[];
  /**
   * The stemmed words of the thing committed to: the direct object after the verb ("troops" in
   * "send troops to Ukraine"), else, for a verb with none, what its first preposition governs
   * ("defence" in "spend more on defence"). Empty when the action names no object ("resign").
   */
  object: string[];
}

function tokens(action: string): string[] {
  return action.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The content words of an action, crudely stemmed ("troops" and "troop" meet). */
export function matterWords(action: string): string[] {
  return [...new Set(tokens(action).filter((w) => !STOP.has(w) && !PREPOSITIONS.has(w) && !TIME.has(w) && w.length > 2).map(stem))];
}

/**
 * The object of an action, as {@link Matter.object}. Actions are verb phrases ("send troops to
 * Ukraine", "not raise the minimum wage"): the first word after any modal or negation is the
 * verb, a particle after it belongs to it, and the object runs to the first preposition.
 */
export function objectWords(action: string): string[] {
  const all = tokens(action);
  let i = 0;
  while (i < all.length && LEAD.has(all[i]!)) i += 1;
  i += 1;
  while (i < all.length && PARTICLES.has(all[i]!)) i += 1;
  /** The content words from `from` to the next preposition, and where that run ends. */
  const phrase = (from: number): { words: string[]; end: number } => {
    const out: string[] = [];
    let j = from;
    for (; j < all.length && !PREPOSITIONS.has(all[j]!); j += 1) {
      const w = all[j]!;
      if (!STOP.has(w) && !TIME.has(w) && w.length > 1) out.push(stem(w));
    }
    return { words: out, end: j };
  };
  const direct = phrase(i);
  if (direct.words.length > 0) return direct.words;
  let j = direct.end;
  while (j < all.length && PREPOSITIONS.has(all[j]!)) j += 1;
  return phrase(j).words;
}

/** The matter of an action: its content words and its object. */
export function matterOf(action: string): Matter {
  return { words: matterWords(action), object: objectWords(action) };
}

/**
 * A crude stem, the same for the forms news copy uses of one word: "taxes" and "tax", "fares"
 * and "fare", "closed", "closing" and "close", "troops" and "troop" (and "bus" stays "bus").
 */
function stem(word: string): string {
  let w = word;
  if (/ies$/u.test(w)) w = `${w.slice(0, -3)}y`;
  else if (/(?:s|x|z|ch|sh)es$/u.test(w)) w = w.slice(0, -2);
  else if (/[^sui]s$/u.test(w)) w = w.slice(0, -1);
  const base = w.replace(/(?:ing|ed)$/u, '');
  if (base.length >= 3) w = base;
  return w.length > 3 ? w.replace(/e$/u, '') : w;
}

/**
 * Whether two actions are on the same matter: they share content words making up at least half
 * of the shorter one's (so "send troops to Ukraine" and "deploy troops in Ukraine" meet, and
 * "send troops" and "cut tariffs" do not), and their objects agree: the head of one object (its
 * last word, "spending" in "defence spending") is a word of the other, and when both say which
 * one they mean ("bus fares", "rail fares") they share a word doing so. "Send troops to Ukraine"
 * and "send aid to Ukraine" share Ukraine but not what is sent, so they are two matters. An
 * action without an object cannot disagree on it, and is matched on its words alone.
 */
export function sameMatter(a: Matter, b: Matter): boolean {
  if (a.words.length === 0 || b.words.length === 0) return false;
  const set = new Set(a.words);
  const shared = b.words.filter((w) => set.has(w)).length;
  if (shared < 1 || shared * 2 < Math.min(a.words.length, b.words.length)) return false;
  if (a.object.length === 0 || b.object.length === 0) return true;
  if (!b.object.includes(a.object.at(-1)!) && !a.object.includes(b.object.at(-1)!)) return false;
  // "bus fares" and "rail fares" share the head but say which fares differently.
  const modifiers = (o: readonly string[], other: readonly string[]) => o.filter((w) => w !== o.at(-1) && w !== other.at(-1));
  const ma = modifiers(a.object, b.object);
  const mb = modifiers(b.object, a.object);
  return ma.length === 0 || mb.length === 0 || ma.some((w) => mb.includes(w));
}
