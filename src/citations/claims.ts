/**
 * Whether what an engine says about its quotes is borne out by them: one lexical check shared
 * by every engine, no model. It compares content words (by stem), numbers (by value) and
 * polarity (negated or not, clause by clause). Every function is pure and synchronous.
 *
 * - A point or an answer: at least half of its content words occur in its quotes, every number
 *   it gives is a number of its quotes, and each of its clauses that matches a clause of the
 *   quotes agrees with it on negation ("there would be a deployment" against "there would be
 *   no deployment" fails).
 * - A commitment: the actor is named near the quote (see {@link nearby}); every content word and
 *   number of the action comes from the quote's sentence, and of the condition from that
 *   sentence or the one before; the stance agrees
 *   with the quote's polarity where the action is said (a quote that negates or refuses cannot
 *   back `commits`, and `refuses` needs a negation), and `agrees` needs the quote to say
 *   "agree" (a pledge, a claim or a refusal is not an agreement).
 * - An attribution: the speaker is named near what was said.
 *
 * Names: an actor or speaker counts as named when the text has the whole name, its last word
 * for a name of several capitalised words ("Trump" for "Donald Trump"), the name without a
 * leading "the" or a title, its plural or singular, or one of a few country aliases the text
 * itself uses (UK, U.K., Britain, British, United Kingdom; US, U.S., America, American, United
 * States; EU, European Union; UN, United Nations). Whole words, ignoring case.
 *
 * "Near": a commitment's actor within the two sentences before its quote or the quote's own
 * sentences; an attribution's speaker, source and cue from the start of the previous paragraph
 * (or two sentences back, if earlier) to the sentence after what was said, so that a pronoun's
 * antecedent ("Healey … he said") is usually inside.
 */
import type { Stance } from '../engines/engine.js';
import type { Span, Story } from '../story/story.js';

/** Short words that carry no claim of their own. */
const FUNCTION_WORDS = new Set(
  ('about after also because been before being could does from have into more most only other over said says some such ' +
    'than that their them then there these they this those under very were what when where which while will with would your ' +
    'according story article')
    .split(' '),
);

const NEGATION =
  /\b(?:not|no|never|none|nobody|nothing|neither|cannot|refus(?:e|es|ed|ing|al)|declin(?:e|es|ed|ing(?=\s+to\b))|reject(?:s|ed|ing|ion)?|den(?:y|ies|ied|ying)|rul(?:e|es|ed|ing) out|oppos(?:e|es|ed|ing))\b|n['’]t\b/giu;
/** The words that show an agreement: "agreed that", "agrees with", "in agreement". */
const AGREEMENT = /\bagree(?:s|d|ing|ment|ments)?\b/iu;
const CLAUSE_BREAK = /[,;:()\u2014\u2013…]|[.!?](?=\s|$)|\s-\s|\b(?:but|while|whereas|although|though|however|yet|and|or|if|unless|because)\b/iu;

const UNITS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, dozen: 12,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALE: Record<string, number> = { hundred: 100, thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12 };
const WORD_NUMBER = [...Object.keys(TENS), ...Object.keys(UNITS)].join('|');
const NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(?:(\\d+(?:[.,:]\\d+)*)|((?:${Object.keys(TENS).join('|')})(?:[-\\s](?:${Object.keys(UNITS).join('|')}))?|${WORD_NUMBER}))` +
    `(?:\\s?(hundred|thousand|million|billion|trillion|bn|m|k)\\b|(?![\\p{L}\\p{N}]|[.,:]\\d))`,
  'giu',
);

const COUNTRY_ALIASES: string[][] = [
  ['UK', 'U.K.', 'Britain', 'Great Britain', 'United Kingdom', 'British'],
  ['US', 'U.S.', 'USA', 'America', 'United States', 'American'],
  ['EU', 'European Union'],
  ['UN', 'U.N.', 'United Nations'],
];
const TITLES = /^(?:mr|mrs|ms|miss|dr|sir|dame|lord|lady|president|prime minister|minister|secretary|general|admiral|chancellor)\.?\s+/iu;

/** How many sentences before the quoted one may name who is speaking or committed. */
const SENTENCES_BEFORE = 2;

/** The words of `text` that carry content: four letters or more, not function words. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? []).filter((w) => w.length >= 4 && !FUNCTION_WORDS.has(w));
}

/**
 * Words match on their first five letters once a possessive, a common ending and a final "e"
 * are gone, so "funds" meets "funding", "closed" "closes" and "deploy" "deployment".
 */
function stem(word: string): string {
  const base = word.replace(/['’]s$/u, '');
  const bare = base.length > 5 ? base.replace(/(?:ments?|ings?|ed|es|s)$/u, '') : base.replace(/(?:ed|es|s)$/u, '');
  return (bare.length >= 3 ? bare : base).replace(/e$/u, '').slice(0, 5);
}

/**
 * Whether `text` is borne out by `quotes` in its wording: at least half of its content words
 * (by stem) occur in them. Text with no content words passes.
 */
export function supportedBy(text: string, quotes: string[]): boolean {
  const words = contentWords(text);
  if (words.length === 0) return true;
  const quoted = new Set(quotes.flatMap(contentWords).map(stem));
  return words.filter((w) => quoted.has(stem(w))).length * 2 >= words.length;
}

/**
 * The numbers `text` gives, as canonical strings: "30,000", "thirty thousand" and "30k" all give
 * "30000"; "3.5" gives "3.5". "one" is not counted (it is too often not a number), nor are
 * digits inside a word ("G7", "1990s"); "30 000" is two numbers.
 */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const base = m[1] !== undefined ? digitsValue(m[1]) : wordsValue((m[2] ?? m[0]).toLowerCase());
    if (base === null) continue;
    const scale = m[3] ? SCALE[m[3].toLowerCase()]! : 1;
    out.push(typeof base === 'string' ? base : canonical(base * scale));
  }
  return out;
}

/** Whether `text` is negated: an odd number of negations ("would not rule out" is not). */
export function isNegated(text: string): boolean {
  return negations(text) % 2 === 1;
}

function negations(text: string): number {
  return (text.match(NEGATION) ?? []).length;
}

/** `text` cut into clauses at punctuation and conjunctions. */
export function clauses(text: string): string[] {
  return text.split(CLAUSE_BREAK).filter((c): c is string => c !== undefined && /\p{L}/u.test(c));
}

/**
 * Why `text` (a summary point or an answer) is not borne out by `quotes`, or `null` when it is.
 */
export function claimProblem(text: string, quotes: string[]): string | null {
  if (!supportedBy(text, quotes)) return 'says things its quotes do not show';
  const numbers = new Set(quotes.flatMap(numbersIn));
  const stray = numbersIn(text).find((n) => !numbers.has(n));
  if (stray !== undefined) return `gives the number ${stray}, which its quotes do not`;
  const quoted = quotes.flatMap(clauses);
  for (const clause of clauses(text)) {
    const polarity = matchedPolarity(clause, quoted);
    if (polarity !== null && !polarity.includes(isNegated(clause))) return `"${clause.trim()}" contradicts its quotes on negation`;
  }
  return null;
}

/** A commitment as the checker sees it. */
export interface CommitmentClaim {
  actor: string;
  /** The words that name the actor at the commitment ("the council"), if any. */
  actorMention?: string | { text: string } | null;
  action: string;
  stance: Stance;
  condition: string | null;
}

/** Why `claim` is not borne out by its verified `quote` in `story`, or `null` when it is. */
export function commitmentProblem(story: Story, claim: CommitmentClaim, quote: Span): string | null {
  const [sentenceStart, sentenceEnd] = bounds(sentencesOf(story, quote));
  const sentence = story.text.slice(sentenceStart, sentenceEnd);
  const quoted = story.text.slice(quote.start, quote.end);
  const unnamed = actorProblem(story, claim, quote);
  if (unnamed) return unnamed;
  const missing = wordsMissing(claim.action, sentence);
  if (missing) return `the action ${missing}`;
  if (claim.stance === 'conditional' && claim.condition !== null) {
    // A condition may be stated just before the pledge ("… if a peace deal is signed. Officials
    // say British troops could be deployed …"), so the sentence before counts too.
    const absent = wordsMissing(claim.condition, story.text.slice(...bounds(nearby(story, quote, 0, 0, 1))));
    if (absent) return `the condition ${absent}`;
  }
  // A refusal needs a negation somewhere in its quote (it may follow the action: "… were
  // rejected by the council"); a pledge needs the clause that says the action to agree with it.
  if (claim.stance === 'refuses') return negations(quoted) > 0 ? null : 'the quote does not negate or refuse anything';
  if (claim.stance === 'agrees' && !AGREEMENT.test(quoted)) return 'the quote does not say they agree';
  const claimedNegative = isNegated(claim.action);
  const polarity = matchedPolarity(claim.action, clauses(quoted), true) ?? [isNegated(quoted)];
  if (!polarity.includes(claimedNegative)) return 'the quote negates or refuses what the action says';
  return null;
}

/**
 * Why the actor of `claim` is not borne out near its verified `quote` (the first check of
 * {@link commitmentProblem}), or `null` when it is. An engine may ask it before drafting, to
 * name the actor in words the gate can find.
 */
export function actorProblem(story: Story, claim: Pick<CommitmentClaim, 'actor' | 'actorMention'>, quote: Span): string | null {
  const around = story.text.slice(...bounds(nearby(story, quote)));
  const sentenceStart = sentencesOf(story, quote).start;
  if (namedIn(around, claim.actor) || standsFor(story, around, sentenceStart, quote, claim)) return null;
  return `the actor ${claim.actor} is not named near the quote`;
}

/**
 * How far before a quote's sentence the full name a common noun stands for is looked for
 * (characters). The extractive engine names "the council" from as far back; a bound keeps the
 * gate linear in the story, where the whole text before each quote made it quadratic.
 */
export const NAMED_BEFORE = 4000;

/**
 * Whether the claim's actor is what a common noun near the quote stands for: "the council" near
 * it, and "Northvale County Council", whose last word that noun is, named before it, at most
 * {@link NAMED_BEFORE} characters before the quote's sentence.
 */
function standsFor(story: Story, around: string, sentenceStart: number, quote: Span, claim: Pick<CommitmentClaim, 'actor' | 'actorMention'>): boolean {
  const mention = typeof claim.actorMention === 'string' ? claim.actorMention : claim.actorMention?.text;
  if (!mention || !namedIn(around, mention)) return false;
  const head = mention.trim().split(/\s+/u).pop()!.toLowerCase();
  const words = claim.actor.toLowerCase().split(/\s+/u);
  const from = Math.max(0, sentenceStart - NAMED_BEFORE);
  return words.includes(head) && namedIn(story.text.slice(from, quote.start), claim.actor);
}

/** Why the attribution to `speaker` of `content` is not borne out by `story`, or `null`. */
export function attributionProblem(story: Story, speaker: string | null, content: Span): string | null {
  if (speaker === null) return null;
  return namedIn(story.text.slice(...bounds(nearby(story, content, 1, 1))), speaker) ? null : `the speaker ${speaker} is not named near what was said`;
}

/**
 * Whether `span` lies near `quote`: from {@link SENTENCES_BEFORE} sentences before the quote's
 * first sentence to `after` sentences after its last.
 */
export function isNear(story: Story, quote: Span, span: Span, after = 1): boolean {
  const [start, end] = bounds(nearby(story, quote, after, 1));
  return span.start >= start && span.end <= end;
}

/**
 * Whether `text` names `name`: the whole name, its surname, the name without "the" or a title,
 * or a country alias, as whole words, ignoring case.
 */
export function namedIn(text: string, name: string): boolean {
  const haystack = normalise(text).toLowerCase();
  // A plural or singular of the name counts too ("Port official" in "Port officials").
  return variants(name).some((v) => {
    const needle = normalise(v.replace(/(?<=\p{Ll}{2})s$/u, '')).toLowerCase();
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      let end = at + needle.length;
      if (haystack.startsWith('es', end) && !isWordChar(haystack[end + 2])) end += 2;
      else if (haystack[end] === 's' && !isWordChar(haystack[end + 1])) end += 1;
      if (!isWordChar(haystack[at - 1]) && !isWordChar(haystack[end])) return true;
    }
    return false;
  });
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

function variants(name: string): string[] {
  const bare = name.trim().replace(/^the\s+/iu, '').replace(TITLES, '');
  const out = new Set([name.trim(), bare]);
  const words = bare.split(/\s+/u);
  if (words.length >= 2 && words.every((w) => /^\p{Lu}/u.test(w))) out.add(words[words.length - 1]!);
  for (const group of COUNTRY_ALIASES) {
    if (group.some((g) => g.toLowerCase() === bare.toLowerCase())) group.forEach((g) => out.add(g));
  }
  return [...out].filter((v) => /[\p{L}\p{N}]/u.test(v));
}

/**
 * The polarities of the clauses of `quoted` that best match `claim` by content words, or `null`
 * when none shares enough of them to be judged: all of them or at least two (`loose`: one).
 * ("keep fees where they are" is not judged against "will not raise harbour fees": one shared
 * word of two.)
 */
function matchedPolarity(claim: string, quoted: string[], loose = false): boolean[] | null {
  const words = [...new Set(contentWords(claim).map(stem))];
  if (words.length === 0) return null;
  let best = 0;
  let polarities: boolean[] = [];
  for (const clause of quoted) {
    const stems = new Set(contentWords(clause).map(stem));
    const shared = words.filter((w) => stems.has(w)).length;
    if (shared === 0 || shared < best) continue;
    if (shared > best) polarities = [];
    best = shared;
    polarities.push(isNegated(clause));
  }
  if (best === 0 || (!loose && best < Math.min(2, words.length))) return null;
  return polarities;
}

/** What of `claim` (content words by stem, numbers by value) `source` lacks, or `null`. */
function wordsMissing(claim: string, source: string): string | null {
  const stems = new Set(contentWords(source).map(stem));
  const word = contentWords(claim).find((w) => !stems.has(stem(w)));
  if (word !== undefined) return `says "${word}", which the quote's sentence does not`;
  const numbers = new Set(numbersIn(source));
  const number = numbersIn(claim).find((n) => !numbers.has(n));
  return number === undefined ? null : `gives the number ${number}, which the quote's sentence does not`;
}

/** The indexes of the sentences `span` overlaps (at least one: the nearest). */
function sentenceRange(story: Story, span: Span): [number, number] {
  const { sentences } = story;
  // The first sentence ending after the span starts: sentences are in order and do not
  // overlap, so their ends rise and a binary search finds it (a scan from the start for every
  // quote made the gate quadratic in the story's length).
  let low = 0;
  let high = sentences.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sentences[mid]!.end > span.start) high = mid;
    else low = mid + 1;
  }
  const first = low < sentences.length ? low : sentences.length - 1;
  let last = first;
  while (last + 1 < sentences.length && sentences[last + 1]!.start < span.end) last++;
  return [first, last];
}

function sentencesOf(story: Story, span: Span): Span {
  if (story.sentences.length === 0) return span;
  const [first, last] = sentenceRange(story, span);
  return { start: Math.min(span.start, story.sentences[first]!.start), end: Math.max(span.end, story.sentences[last]!.end) };
}

/**
 * How far before a span's sentence the start of its paragraph still counts as near it
 * (characters): a paragraph of a hostile page may be megabytes long, and reading all of it for
 * every claim in it would make the gate quadratic.
 */
export const PARAGRAPH_REACH = 4000;

/**
 * The stretch of `story` around `span`: from `before` sentences before its first sentence (or
 * from the start of the paragraph `paragraphsBefore` before its own, if earlier, and at most
 * {@link PARAGRAPH_REACH} characters back) to `after` sentences after its last.
 */
function nearby(story: Story, span: Span, after = 0, paragraphsBefore = 0, before = SENTENCES_BEFORE): Span {
  if (story.sentences.length === 0) return { start: 0, end: story.text.length };
  const [first, last] = sentenceRange(story, span);
  const from = story.sentences[Math.max(0, first - before)]!;
  const paragraph = story.paragraphs[Math.max(0, story.sentences[first]!.paragraph - paragraphsBefore)];
  const paragraphStart = paragraph ? Math.max(paragraph.start, story.sentences[first]!.start - PARAGRAPH_REACH) : from.start;
  const to = story.sentences[Math.min(story.sentences.length - 1, last + after)]!;
  return { start: Math.min(span.start, from.start, paragraphStart), end: Math.max(span.end, to.end) };
}

function bounds(span: Span): [number, number] {
  return [span.start, span.end];
}

function digitsValue(digits: string): string | number | null {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/u.test(digits)) return Number(digits.replace(/,/gu, ''));
  if (/^\d+(?:\.\d+)?$/u.test(digits)) return Number(digits);
  return digits;
}

function wordsValue(words: string): number | null {
  let total = 0;
  for (const part of words.split(/[-\s]+/u)) {
    const value = TENS[part] ?? UNITS[part];
    if (value === undefined) return null;
    total += value;
  }
  return total;
}

function canonical(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

function normalise(text: string): string {
  return text.replace(/[’‘`]/gu, "'").replace(/\s+/gu, ' ');
}
