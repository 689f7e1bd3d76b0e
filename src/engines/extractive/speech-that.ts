/**
 * Cues outside the lexicon that announce their content with "that": "Trump charges that …",
 * "she was confident that …", "he made it clear that …". A verb or adjective right before a
 * "that" clause, with a person or group as its subject, reports what they say or hold; a
 * noun before "that" usually starts a relative clause instead ("the bill that passed"), so
 * only verb forms and a few adjectives count.
 */

/** Adjectives of a held view: "confident that", "adamant that". */
const STANCE_ADJECTIVES =
  /^(?:confident|adamant|convinced|certain|sure|aware|optimistic|hopeful|worried|concerned|skeptical|sceptical|clear|afraid|fearful|positive|insistent|unaware|unconvinced|doubtful|mindful)$/iu;
/** Verb forms that are not cues even before "that": "so that", "such that", "now that". */
const NOT_CUE =
  /^(?:is|was|has|does|needs|means|seems|appears|ensured|ensures|meant|given|provided|assumed|assuming|except|considering|granted|expected|required|requires|mandated|mandates|stipulated|stipulates|ruled|rules|decided|decides|designed|intended|aimed|ordered|orders|happened|happens|helped|helps|proved|proves|showed|shows|turned|turns|likes|liked|loved|loves|hated|hates)$/iu;
/** What stands right before a cue verb: a pronoun, a name, an auxiliary or an adverb. */
const BEFORE_VERB = /(?:\b(?:he|she|they|we|I|you|who|it|also|has|have|had|have|repeatedly|publicly|privately|previously|recently|later|then|often|long|once|already|\p{Ll}+ly)|\p{Lu}[\p{L}.’'-]*|\))\s+$/u;
/** What stands right before a stance adjective: a form of "be", "remain", "seem" or "feel". */
const BEFORE_ADJECTIVE = /\b(?:is|was|are|were|be|been|being|remains?|remained|seems?|seemed|feels?|felt|appears?|appeared|looked|grew|became|'s|’s|'re|’re|(?:made|make|makes|making)\s+it)\s+(?:(?:very|quite|so|fairly|increasingly|more|less|absolutely|completely|still|now|also|not)\s+)*$/iu;

/**
 * Whether `word` at `at` in `text` is a cue that introduces a "that" clause right after it:
 * a past or present verb form after its subject, or a stance adjective after "be".
 */
export function isThatCue(text: string, at: number, word: string): boolean {
  if (!/^\s+that\s/u.test(text.slice(at + word.length, at + word.length + 7))) return false;
  const before = text.slice(Math.max(0, at - 40), at);
  if (STANCE_ADJECTIVES.test(word)) return BEFORE_ADJECTIVE.test(before);
  if (!/^\p{Ll}{3,}(?:ed|s)$/u.test(word) || NOT_CUE.test(word) || /ss$/u.test(word)) return false;
  return BEFORE_VERB.test(before);
}

/**
 * Adjectives whose infinitive is what the subject wants or shuns: "is eager to attack him",
 * "was reluctant to endorse". On the PolNeAR training split "be eager/reluctant/hesitant to"
 * is a gold cue 14 times in 19 ("willing to" 4 in 42, "ready to" 3 in 23 are left out).
 */
const INFINITIVE_ADJECTIVES = /^(?:eager|reluctant|hesitant)$/iu;

/** Whether `word` at `at` is such an adjective after "be" with its infinitive after it. */
export function isInfinitiveCue(text: string, at: number, word: string): boolean {
  if (!INFINITIVE_ADJECTIVES.test(word) || !/^\s+to\s+\p{Ll}/u.test(text.slice(at + word.length, at + word.length + 6))) return false;
  return BEFORE_ADJECTIVE.test(text.slice(Math.max(0, at - 40), at));
}

/** Whether the cue is an adjective, whose subject comes before a form of "be". */
export function isStanceAdjective(word: string): boolean {
  return STANCE_ADJECTIVES.test(word) || INFINITIVE_ADJECTIVES.test(word);
}
