import type { Mention } from './clauses.js';

/**
 * The shapes of direct quotation that news text attributes with any verb, not just a speech
 * verb from the lexicon: "“…,” Bennett shot back." and "She then addressed the crowd: “…”".
 * The comma, question or exclamation mark inside the closing quotation mark, or the colon
 * before an opening one, is what marks the words as someone's; the verb only names how.
 */

/** A source and the verb after it, as found next to a quotation. */
export interface QuoteFrame {
  source: Mention;
  cue: Mention;
}

const PRONOUN = '(?:he|she|they|it|I|we)';
const NAME = "\\p{Lu}[\\p{L}.’'-]*(?:\\s+(?:\\p{Lu}[\\p{L}.’'-]*|de|van|von|al-\\p{L}+)){0,3}";
const DESCRIBED = "(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\\s+(?:[\\p{L}’'-]+\\s+){0,4}?[\\p{L}’'-]+";
/** Past or present tense forms that are not nouns in this position, and common irregular pasts. */
const VERB =
  '(?:\\p{Ll}+ly\\s+)?(?:\\p{Ll}{2,}(?:ed|es)|\\p{Ll}{3,}s|said|wrote|told|spoke|shot|broke|went|thought|put|read|sang|began|knew|felt|made|gave|came|held|kept|got|cut|bit|fought|swore|struck|threw|shook|chimed|cried|conclude|say|ask|add|write|argue|insist|explain|note|warn|claim|tell)';
/** After “…,” — "Bennett shot back", "the editorial read", "one adviser fumed". */
const SUBJECT_VERB = new RegExp(`^\\s+(${PRONOUN}|${DESCRIBED}|${NAME})\\s+(${VERB})\\b`, 'u');
/** After “…,” — the inverted order: "remembered Roy Verley", "reacted Trump", "read one". */
const VERB_SUBJECT = new RegExp(`^\\s+(\\p{Ll}{2,}ed|read|wrote)\\s+(${NAME}|one|another|${DESCRIBED})(?=[\\s,.;]|$)`, 'u');
/** Subjects that are not sources: "“…,” it said" is fine, "“…,” there was" is not. */
const NOT_SOURCE = /^(?:there|this|that|these|those|what|which|and|but|so|then|now|as|when|if|in|on|at)$/iu;
/** Verbs that do not follow a quotation as its attribution. */
const NOT_CUE = /^(?:is|was|has|does|goes|seems|appears|remains|means|includes|involves|becomes)$/iu;

/** The source and verb just after a closing quotation mark at `end` that ends with , ? or !. */
export function frameAfterQuote(text: string, end: number, limit: number): QuoteFrame | null {
  const rest = text.slice(end, limit);
  const straight = SUBJECT_VERB.exec(rest);
  if (straight) {
    const [, subject, verb] = straight;
    if (NOT_SOURCE.test(subject!) || NOT_CUE.test(verb!.trim().split(/\s+/u).at(-1)!)) return null;
    const at = end + straight[0].indexOf(subject!);
    const verbAt = end + straight[0].length - verb!.length;
    return { source: { text: subject!, start: at, end: at + subject!.length }, cue: { text: verb!, start: verbAt, end: verbAt + verb!.length } };
  }
  const inverted = VERB_SUBJECT.exec(rest);
  if (inverted) {
    const [, verb, subject] = inverted;
    const verbAt = end + inverted[0].indexOf(verb!);
    const at = end + inverted[0].length - subject!.length;
    return { source: { text: subject!, start: at, end: at + subject!.length }, cue: { text: verb!, start: verbAt, end: verbAt + verb!.length } };
  }
  return null;
}

/**
 * The subject and first verb of a clause that ends with a colon before a quotation: "She then
 * addressed the supporters again:", "President Clinton released the following statement:".
 */
export function frameBeforeColon(text: string, start: number, colon: number): QuoteFrame | null {
  const clause = text.slice(start, colon);
  const match = new RegExp(`^((?:${PRONOUN}|${DESCRIBED}|${NAME})(?:['’]s\\s+[\\p{L}-]+)?)\\s+(?:(?:then|also|later|again|quickly|simply|once|had|has|have|was|is|would|will)\\s+)*(${VERB})\\b`, 'u').exec(clause);
  if (!match) return null;
  const [, subject, verb] = match;
  if (NOT_SOURCE.test(subject!)) return null;
  const at = start;
  const verbAt = start + match[0].length - verb!.length;
  return { source: { text: subject!, start: at, end: at + subject!.length }, cue: { text: verb!, start: verbAt, end: verbAt + verb!.length } };
}

const VERB_FORM = new RegExp(`^${VERB}$`, 'u');

/** Whether `word` looks like a finite verb: a past or present tense form or a common irregular past. */
export function isVerbForm(word: string): boolean {
  return VERB_FORM.test(word) && !NOT_CUE.test(word);
}
