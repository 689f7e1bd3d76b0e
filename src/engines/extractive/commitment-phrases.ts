/**
 * The bits of English grammar the commitment reader needs, by rule over word shapes: the noun
 * phrase before a verb, the subject a verb shares with an earlier one, whether a clause opens.
 */
import type { Span } from '../../story/story.js';
import type { Mention } from './clauses.js';
import { CUE_VERBS } from './cues.js';
import { NameIndex } from './names.js';

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*|[^\s\p{L}\p{N}]/gu;

const AUXILIARY = new Set(
  'is are was were be been being am has have had do does did will would shall should can could may might must cannot wo ca'.split(' '),
);
const PREPOSITION = new Set(
  ('to in on at by for with from about into over after before under against during without within among between ' +
    'through across toward towards upon than as like via despite amid per since until till unlike beyond').split(' '),
);
/** Prepositions that attach inside a noun phrase ("Dan McLaughlin at the National Review"). */
const INNER_PREPOSITION = new Set('for in on at from with about against over among across'.split(' '));
const SUBORDINATE = new Set(
  ('that which who whom whose when where while if because although though unless whether but or nor so yet what why how sure certain clear confident ' +
    'however meanwhile instead then also not never just only even still already now there here').split(' '),
);
const DETERMINER = new Set(
  ('the a an his her their its our my your this these those some many most all both several each every any no other ' +
    'another such one two three four five six seven eight nine ten few neither either').split(' '),
);
const SPEECH = new Set(CUE_VERBS.split('|'));
const IRREGULAR_PAST = new Set(
  ('spoke made took gave went came met won ran led held saw sent set put got left began wrote brought bought thought ' +
    'found kept became stood sat knew grew drew threw fell felt heard paid laid built lost broke chose drove rose struck ' +
    'told said sought fought hit cut let shut quit spent lent meant read won’t won\'t').split(' '),
);
/** An auxiliary with "n't" in one token: "don't", "won’t", "can't". */
const CONTRACTED_NEGATION = /^\p{Ll}+n['’]t$/u;
/** A subject pronoun with its auxiliary in one token: "she’s", "they've", "I'd". */
const CONTRACTED_PRONOUN = /^(he|she|it|they|we|i|you)['’](?:s|d|ll|ve|re|m)$/iu;
/** "I", "we" and their other forms. */
export const FIRST_PERSON = /^(?:i|we|me|us|my|our)$/iu;
/** Relative pronouns that can be a subject. */
export const RELATIVE = /^(?:who|which|that)$/iu;

/** The noun phrase ending at `to`, looking back no further than `from`. */
export function nounPhraseBefore(text: string, from: number, to: number): Mention | null {
  const region = text.slice(from, to);
  const tokens = [...region.matchAll(TOKEN)];
  if (tokens.length === 0) return null;
  const last = tokens[tokens.length - 1]!;
  const lastWord = last[0].toLowerCase();
  if (!/^[\p{L}\p{N}]/u.test(last[0])) return null;
  if (RELATIVE.test(lastWord) || NameIndex.isPronoun(lastWord) || FIRST_PERSON.test(lastWord) || /^(?:you|there|both|all|others?)$/u.test(lastWord)) {
    return at(from, last);
  }
  if (stopsPhrase(last[0], tokens[tokens.length - 2]?.[0])) return null;
  let first = tokens.length - 1;
  for (let i = tokens.length - 2; i >= 0 && tokens.length - i <= 9; i--) {
    const word = tokens[i]![0];
    const lower = word.toLowerCase();
    if (!/^[\p{L}\p{N}]/u.test(word)) break;
    if (lower === 'of' || lower === 'and' || lower === '&' || INNER_PREPOSITION.has(lower)) {
      // "leaders of the Coalition", "China and the United States", "guarantees for Ukraine".
      const previous = tokens[i - 1]?.[0] ?? '';
      if ((lower === 'and' || lower === '&') && !/^\p{Lu}/u.test(previous)) break;
      if (!/^[\p{L}\p{N}]/u.test(previous) || stopsPhrase(previous, tokens[i - 2]?.[0]) || DETERMINER.has(previous.toLowerCase())) break;
      continue;
    }
    if (stopsPhrase(word, tokens[i - 1]?.[0])) break;
    first = i;
  }
  while (first < tokens.length && /^(?:of|and|&)$/iu.test(tokens[first]![0])) first++;
  const start = tokens[first];
  if (!start || /^(?:of|and|&)$/iu.test(lastWord)) return null;
  return span(text, from + start.index, from + last.index + last[0].length);
}

/**
 * The subject of the clause that `to` is in, for verbs that share it: "Trump revised his plan,
 * promising …", "The council met on Friday and pledged …". `nearest` tries the clause closest
 * to `to` first; `shared` does too but passes over "that" clauses ("He announced that he … and
 * vowed" → He) unless only a dummy "it" is left; `main` tries the sentence's own subject first.
 */
export function clauseSubject(text: string, from: number, to: number, order: 'nearest' | 'shared' | 'main' = 'nearest'): Mention | null {
  const region = text.slice(from, to);
  const starts = [0];
  for (const m of region.matchAll(CLAUSE_OPENING)) starts.push(m.index + m[0].length);
  const afterThat = (start: number) => /\bthat\s+$/u.test(region.slice(Math.max(0, start - 6), start));
  const dummy = (found: Mention) => /^(?:it|there|this|that|what|who|which)$/iu.test(found.text);
  if (order === 'main') {
    for (const start of starts) {
      // The main clause never opens with "if", "when", "although" …
      if (/^\s*(?:if|when|while|although|though|because|since|as|after|before|once|unless|until|whereas)\b/iu.test(region.slice(start))) continue;
      const found = subjectAt(text, from + start, to);
      if (found && !dummy(found) && !afterThat(start)) return found;
    }
  }
  if (order === 'shared') {
    for (let i = starts.length - 1; i >= 0; i--) {
      if (afterThat(starts[i]!)) continue;
      const found = subjectAt(text, from + starts[i]!, to);
      if (found && !dummy(found)) return found;
      if (found) break;
    }
  }
  for (let i = starts.length - 1; i >= 0; i--) {
    const found = subjectAt(text, from + starts[i]!, to);
    if (found) return appositionOf(text, from, found) ?? found;
  }
  return null;
}

/** The name a subject stands in apposition to: "Donald J. Trump, the presumptive nominee, has …" → "Donald J. Trump". */
function appositionOf(text: string, from: number, subject: Mention): Mention | null {
  if (!/^(?:the|a|an)\s+\p{Ll}/iu.test(subject.text)) return null;
  const name = /((?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}'’-]+),\s+$/u.exec(text.slice(from, subject.start));
  if (!name) return null;
  const start = from + name.index;
  return { text: name[1]!, start, end: start + name[1]!.length };
}

const CLAUSE_OPENING = /,\s+|;\s+|:\s+|\b(?:that|when|while|because|although|though|after|before|since|as)\s+|\s(?:[—–―-]|--)\s+|[—–―]|["“”]\s*/gu;

function subjectAt(text: string, from: number, to: number): Mention | null {
  const region = text.slice(from, to);
  const tokens = [...region.matchAll(TOKEN)];
  let i = 0;
  // "(John Hale defended …": an opening bracket is not the subject's.
  if (tokens[0]?.[0] === '(') i++;
  while (i < tokens.length && /^(?:but|and|yet|so|however|meanwhile|still|then|now|instead|as|when|while|after|before|since|because|although|though|if|once|until|whereas|\p{Ll}+ly)$/u.test(tokens[i]![0].replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase()))) i++;
  const first = i;
  const head = tokens[i]?.[0];
  if (!head || !/^[\p{L}\p{N}]/u.test(head)) return null;
  const contracted = CONTRACTED_PRONOUN.exec(head);
  if (contracted) return span(text, from + tokens[i]!.index!, from + tokens[i]!.index! + contracted[1]!.length);
  const lower = head.toLowerCase();
  if (PREPOSITION.has(lower) || (SUBORDINATE.has(lower) && !RELATIVE.test(lower)) || AUXILIARY.has(lower) || /(?:ed|ing)$/u.test(lower)) return null;
  if (NameIndex.isPronoun(head) || FIRST_PERSON.test(head)) {
    return verbNext(tokens, i + 1) ? span(text, from + tokens[i]!.index, from + tokens[i]!.index + head.length) : null;
  }
  let end = -1;
  for (; i < tokens.length && i - first < 8; i++) {
    const word = tokens[i]![0];
    const w = word.toLowerCase();
    if (i > first && verbNext(tokens, i)) {
      end = i - 1;
      break;
    }
    if (!/^[\p{L}\p{N}]/u.test(word)) {
      if (/['’]/u.test(word)) continue;
      // "The justice -- who has been in a scuffle -- said …": an aside between subject and verb.
      if (i > first && /^[,—–―(-]$/u.test(word)) {
        const close = word === '(' ? ')' : word;
        const j = tokens.findIndex((t, k) => k > i && t[0] === close);
        if (j > i && verbNext(tokens, j + (close === '-' && tokens[j + 1]?.[0] === '-' ? 2 : 1))) end = i - 1;
      }
      break;
    }
    if (i > first && (w === 'of' || w === 'and' || w === '&' || INNER_PREPOSITION.has(w))) continue;
    if (i > first && stopsPhrase(word, tokens[i - 1]?.[0])) break;
  }
  if (end < first) return null;
  const last = tokens[end]!;
  return span(text, from + tokens[first]!.index, from + last.index + last[0].length);
}

/** Whether `text` opens with a clause of its own: a subject (not "who" or "which") and its verb. */
export function opensClause(text: string): boolean {
  const subject = subjectAt(text, 0, Math.min(text.length, 160));
  return subject !== null && !RELATIVE.test(subject.text);
}

/** Whether what follows a name shows it doing something: a verb, or the end of a clause. */
export function actsAfter(after: string): boolean {
  const word = /^\s*([,;:.'’]|\p{Ll}+)/u.exec(after)?.[1] ?? '';
  return /^[,;:.'’]$/u.test(word) || AUXILIARY.has(word) || SPEECH.has(word) || IRREGULAR_PAST.has(word) || /^\p{Ll}+(?:ed|s)$/u.test(word);
}

/** Whether a verb comes at `i`, allowing an adverb or a time ("on Friday") first. */
function verbNext(tokens: RegExpMatchArray[], i: number): boolean {
  for (let k = i; k < tokens.length && k < i + 4; k++) {
    // A word at the end of a sentence keeps its full stop in the token: "met.".
    const word = tokens[k]![0].replace(/(?<=\p{Ll}{2})\.$/u, '');
    const w = word.toLowerCase();
    // "The United States stepped up …": after "United" a capitalised word is the name's.
    if (/^\p{Lu}/u.test(word) && tokens[k - 1]?.[0] === 'United') return false;
    if (AUXILIARY.has(w) || CONTRACTED_NEGATION.test(w) || SPEECH.has(w) || IRREGULAR_PAST.has(w) || /^\p{Ll}{2,}ed$/u.test(word)) return true;
    if (/^\p{Ll}+ly$/u.test(word) || /^(?:also|on|last|this|in|meanwhile|however|though|too|instead|still|now|then|again|already|never|not|even|just|\p{Lu}\p{Ll}+day|,)$/u.test(word)) continue;
    // A verb in the present: "Trump demands", "Trump regularly incites", after a name.
    return /^\p{Ll}+s$/u.test(word) && !/(?:ss|us|is)$/u.test(word) && /^\p{Lu}/u.test(tokens[i - 1]?.[0] ?? '');
  }
  return false;
}

/** Whether `word` cannot be inside a noun phrase (given the word before it). */
function stopsPhrase(token: string, previous: string | undefined): boolean {
  const word = token.replace(/(?<=\p{Ll}{2})\.$/u, '');
  const lower = word.toLowerCase();
  if (DETERMINER.has(lower)) return false;
  if (AUXILIARY.has(lower) || PREPOSITION.has(lower) || SUBORDINATE.has(lower)) return true;
  // A capitalised word is a name ("United States", "Said"), never a verb.
  if (/^\p{Lu}/u.test(word)) return false;
  // "several states", "the claims": a plural after a determiner is a noun, whatever else it is.
  if (SPEECH.has(lower) || IRREGULAR_PAST.has(lower)) return !(/s$/u.test(lower) && DETERMINER.has((previous ?? '').toLowerCase()));
  if (RELATIVE.test(lower) || NameIndex.isPronoun(lower) || FIRST_PERSON.test(lower)) return true;
  if (/^\p{Ll}{2,}(?:ed|ing)$/u.test(word)) return !DETERMINER.has((previous ?? '').toLowerCase());
  return false;
}

function at(offset: number, token: RegExpMatchArray): Mention {
  return { text: token[0], start: offset + token.index!, end: offset + token.index! + token[0].length };
}

function span(text: string, start: number, end: number): Mention | null {
  const raw = text.slice(start, end);
  // Keep the dot of "U.S." and the apostrophe of "Democrats'"; drop a stray comma or full stop.
  const words = /(?:\p{Lu}\.)+$/u.test(raw) ? raw : raw.replace(/[.,]+$/u, '');
  if (!/\p{L}/u.test(words)) return null;
  return { text: words, start, end: start + words.length };
}

const DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
/** What may stand between a subject and its verb: auxiliaries, adverbs, times, "to" chains. */
const BETWEEN_SUBJECT_AND_VERB = new RegExp(
  `\\s+(?:has|have|had|is|are|was|were|be|been|being|am|remains?|remained|stays?|stayed|becomes?|became|seems?|seemed|will|would|could|should|shall|might|may|must|can|cannot|did|does|do|` +
    `not|n['’]t|\\p{Ll}+n['’]t|never|also|again|then|now|already|still|together|repeatedly|once|even|just|first|later|since|so far|` +
    `only|initially|ultimately|finally|instead|publicly|privately|quickly|formally|officially|` +
    // A headline in title case: "Hillary Just Vowed To …".
    `Just|Now|Also|Again|Finally|Officially|Formally|Publicly|Still|Quietly|` +
    `(?:has|have|had|needs?|wants?|plans?|planned|going|expected|set|likely|about|able|ready|willing|prepared|seems?|appears?|tried|tries|moved|decided|chose|yet) to|` +
    `through (?:a|an|the|his|her|their|its) \\p{Ll}+|for (?:years|months|weeks|days|now)|yet|always|ever|often|sometimes|usually|long|` +
    `\\p{Ll}+ly|on ${DAY}|${DAY}|(?:last|this|next) (?:week|month|year|${DAY})|earlier|today|yesterday|in \\d{4}|on \\p{Lu}\\p{Ll}+ \\d{1,2})$`,
  'u',
);

/** Where the subject of a verb at `verbAt` ends: auxiliaries and adverbs before it skipped. */
export function subjectEnd(text: string, from: number, verbAt: number): number {
  let before = text.slice(from, verbAt).replace(/\s+$/u, '');
  for (let previous = ''; previous !== before; ) {
    previous = before;
    before = before.replace(BETWEEN_SUBJECT_AND_VERB, '').replace(ADVERB_ASIDE, '').replace(BRACKET_ASIDE, '').replace(/\s+$/u, '');
    // "they both vowed", but not "And both vowed", where "both" is the subject.
    before = before.replace(/(?<=[\p{L}.]\s+)(?<!\b(?:and|but|or|And|But|Or)\s+)(?:all|both|each)$/u, '').replace(/\s+$/u, '');
  }
  return from + before.length;
}

/** "(R-Pa.)" and the like between a name and its verb. */
const BRACKET_ASIDE = /(?<=[\p{L}.])\s*\([^()]{1,30}\)$/u;
/** ", so far," and the like between a subject and its verb. */
const ADVERB_ASIDE = /,\s*(?:so far|meanwhile|however|though|too|in turn|for (?:his|her|its|their) part|again|generally|in the end|of course|for now|for years),?$/u;
const NAME_ONLY = /^\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s*$/u;

/** How an actor was found: as the subject right before the verb, or shared with an earlier verb. */
export interface Subject {
  /** The subject's words, or `null` when the verb has none the rules can find. */
  mention: Mention | null;
  /** The subject sits right before the verb ("Trump vowed"), not across a clause. */
  adjacent: boolean;
}

/**
 * The subject of the verb at `verbAt`: "X (has) vowed", "X, who …, vowed", "X … and vowed",
 * "X revised his plan, promising …". `participle` marks an "-ing" verb.
 */
export function subjectOfVerb(text: string, sentence: Span, verbAt: number, participle: boolean): Subject {
  const end = subjectEnd(text, sentence.start, verbAt);
  const before = text.slice(sentence.start, end);
  // A colon or semicolon opens a sentence of its own: "… backfired: By refusing to …, Trump …".
  const opening = before.replace(/^.*[:;]\s+(?=\S)/su, '');
  if (opening.trim() === '' || /^\s*(?:by|after|in|while|without|before|when|since|despite)(?:\s+(?:(?:days|weeks|months|years)\s+of))?\s*$/iu.test(opening)) {
    // "By refusing to admit any fault, Trump and Lewandowski appeared …": the subject follows.
    const comma = text.indexOf(', ', verbAt);
    if (!participle || comma < 0 || comma >= sentence.end) return { mention: null, adjacent: false };
    return { mention: clauseSubject(text, comma + 2, sentence.end, 'main'), adjacent: false };
  }
  if (/,(?:["”’]|'')?$/u.test(before)) {
    const comma = before.lastIndexOf(',');
    if (participle) return { mention: clauseSubject(text, sentence.start, sentence.start + comma), adjacent: false };
    return { mention: asideSubject(text, sentence, before.slice(0, comma + 1), ','), adjacent: true };
  }
  if (/\s[—–-]$/u.test(before)) return { mention: asideSubject(text, sentence, before, before.slice(-1)), adjacent: true };
  if (/(?:^|[\s—–―-])(?:and|but|yet|or)$/u.test(before)) {
    const at = end - before.match(/\S+$/u)![0].length;
    return { mention: clauseSubject(text, sentence.start, at, 'shared') ?? nearestSubject(text, sentence.start, at), adjacent: false };
  }
  if (participle && /(?:^|\s)(?:by|after|while|without|before|in|when|short of|instead of|rather than)$/iu.test(before)) {
    return { mention: clauseSubject(text, sentence.start, end, 'shared'), adjacent: false };
  }
  return { mention: nounPhraseBefore(text, sentence.start, end), adjacent: true };
}

/**
 * The subject of the last finite verb before `to`, for a verb that shares it where no clause
 * opening shows where its clause starts: "In a year in which Sanders has demonized Wall Street
 * and Mr. Trump has disparaged immigrants, and vowed …" → "Mr. Trump". The longest subject
 * ending where the nearest does, so that a title or a first name stays with its name.
 */
function nearestSubject(text: string, from: number, to: number): Mention | null {
  const tokens = [...text.slice(from, to).matchAll(TOKEN)];
  let found: Mention | null = null;
  for (let i = tokens.length - 1; i >= 0 && tokens.length - i <= 30; i--) {
    if (!/^\p{Lu}/u.test(tokens[i]![0])) {
      if (found) break;
      continue;
    }
    const subject = subjectAt(text, from + tokens[i]!.index!, to);
    if (subject && (!found || subject.end === found.end)) found = subject;
    else if (found) break;
  }
  return found && /^\p{Lu}/u.test(found.text) && !NameIndex.isPronoun(found.text) ? found : null;
}

/** The subject before an aside that ends `before` with `mark`: "The FDIC, a regulator," → "The FDIC". */
function asideSubject(text: string, sentence: Span, before: string, mark: string): Mention | null {
  // A comma aside opens at the comma before; a dash aside at the dash before, spaced like it.
  const opening = mark === ',' ? /,/gu : new RegExp(`\\s${mark}\\s`, 'gu');
  let asideStart = -1;
  let markLength = 1;
  for (const m of before.slice(0, -1).matchAll(opening)) {
    asideStart = m.index;
    markLength = m[0].length;
  }
  if (asideStart < 0) return clauseSubject(text, sentence.start, sentence.start + before.length - 1, 'main');
  const aside = before.slice(asideStart + markLength, -1);
  if (NAME_ONLY.test(aside) && !/^\s*\p{Lu}\p{Ll}+day\s*$/u.test(aside)) {
    const offset = sentence.start + asideStart + markLength + aside.search(/\S/u);
    return { text: aside.trim(), start: offset, end: offset + aside.trim().length };
  }
  return nounPhraseBefore(text, sentence.start, sentence.start + asideStart) ?? clauseSubject(text, sentence.start, sentence.start + before.length - 1, 'main');
}
