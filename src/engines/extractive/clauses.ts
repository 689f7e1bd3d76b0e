import type { Span } from '../../story/story.js';
import { CUE_VERBS } from './cues.js';
import { NameIndex } from './names.js';

/** A mention found in the text: its words and where they are. */
export interface Mention extends Span {
  /** The words of the mention. */
  text: string;
}

const AUXILIARIES =
  /\s+(?:is|was|are|were|has|have|had|will|would|could|should|may|might|must|also|reportedly|already|then|now|later|again|repeatedly|instead|seriously|publicly|privately|previously|recently|once|often|still|even|quickly|expected|set|due|likely|going|about|to|be|been|being|not|never|today|yesterday|did|does|do|n['’]t|(?:made|make|makes|making) it|on \p{Lu}\p{Ll}+day|\p{Ll}+ly)$/u;
/**
 * What a subject cannot reach back across: a clause mark, a relative, or a cue verb, except a
 * cue word after a determiner, which is a noun ("the new reports show" → "the new reports").
 */
const BOUNDARY = new RegExp(
  `(?:[,;:(—–"“”]|\\b(?:that|which|who|whom|but)\\b|(?<!\\b(?:the|a|an|his|her|their|its|our|these|those|new|recent|latest|news|media|fundraising)\\s+)\\b(?:${CUE_VERBS})\\b)`,
  'gu',
);
const NAME_ONLY = /^\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s*$/u;
const RELATIVE = /^(?:that|which|who|whom)$/u;
/** A word that starts a verb phrase, so the "that" or "which" before it opens a relative clause. */
const VERB_START =
  /^(?:is|was|are|were|has|have|had|will|would|could|should|may|might|must|can|did|does|do|also|had|\p{Ll}+ed|\p{Ll}+s|\p{Ll}+ly|[’']d|[’']s)$/u;
const MAX_SUBJECT_WORDS = 10;
/** An apposition led by a possessor: "Romney’s deputy political director", "Sanders' manager". */
const POSSESSOR = /^\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,3}(?:['’]s|s['’])\s+\p{Ll}/u;
/** A capitalised title with its domain: "Democrat of California", "Speaker of the House". */
const TITLE_OF = /^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?\s+(?:of|for|from|at)\s/u;
/** What opens a second clause rather than an apposition: "…, but it has grown, said Lee". */
const CLAUSE_ASIDE = /^(?:but|yet|while|although|though|because)\s/u;
/** An adverb that opens a clause before its subject ("Afterwards the coach said"). */
const SENTENCE_ADVERB =
  /^\s*(?:afterwards|afterward|later|meanwhile|then|still|now|also|however|instead|earlier|yesterday|today|separately|previously|recently|again|finally)\s+/iu;

/** Whether `text` is a share of those polled and nothing else: "42%", "3.5 %". */
export function isShare(text: string): boolean {
  return /^\d[\d.,]*\s*%$/u.test(text);
}

/**
 * The noun phrase that ends just before `end` (the subject of a verb that starts at `end`),
 * looking back no further than `start`. Auxiliaries and adverbs between the subject and the
 * verb are skipped ("Radakin is expected to confirm" → "Radakin"), and so are an apposition
 * ("Tony Radakin, the head of the UK General Staff, will") and a relative clause ("voters who
 * backed him say" → "voters"). Returns `null` when there is none, or when the verb is the
 * second of a coordination ("… and announced"), whose subject is the first verb's.
 */
export function subjectBefore(text: string, start: number, end: number): Mention | null {
  let before = text.slice(start, end).replace(/\s+$/u, '');
  for (let previous = ''; previous !== before; ) {
    previous = before;
    before = before.replace(AUXILIARIES, '').replace(/\s*\([^()]{1,40}\)$/u, '');
  }
  // "Jason Sims — a teacher from Mount Pleasant — says": skip an aside between dashes.
  const dashed = /\s*(?:—|–|--)[^—–]{1,150}?(?:—|–|--)$/u.exec(before);
  if (dashed && dashed.index > 0) before = before.slice(0, dashed.index).replace(/\s+$/u, '');
  if (/(?:^|\s)(?:and|but|or)$/iu.test(before)) return null;
  // "Tony Radakin, the head of the UK General Staff, will": skip the aside, unless the aside
  // is itself the name ("The EU's chief diplomat, Kaja Kallas, stressed").
  if (/,$/u.test(before)) {
    const aside = asideStart(before);
    if (aside < 0) return null;
    const inner = before.slice(aside + 1, -1);
    if (NAME_ONLY.test(inner)) {
      const at = start + aside + 1 + inner.search(/\S/u);
      const name = inner.trim();
      return { text: name, start: at, end: at + name.length };
    }
    // "Rep. Jim Jordan (R-Ohio), an oversight panel member,": the party tag goes with the aside.
    before = before.slice(0, aside).replace(/\s*\([^()]{1,40}\)$/u, '');
  }
  let from = 0;
  let boundary = '';
  for (const match of before.matchAll(BOUNDARY)) {
    from = match.index + match[0].length;
    boundary = match[0];
  }
  if (RELATIVE.test(boundary)) {
    const next = /^\s*([\p{L}’']+)/u.exec(before.slice(from))?.[1] ?? '';
    // "the voters who backed him": the subject is "the voters"; "Smith, who": "who" itself.
    if (next === '') return phraseMention(text, start, before, from - boundary.length, from);
    if (/^(?:who|whom)$/u.test(boundary) || VERB_START.test(next)) {
      const head = subjectBefore(text, start, start + from - boundary.length);
      if (head) return head;
    }
  }
  return phraseMention(text, start, before, from, before.length);
}

/** Where the apposition that `before` ends with (", the head of …,") starts, or -1. */
function asideStart(before: string): number {
  const commas = [...before.slice(0, -1).matchAll(/,/gu)].map((m) => m.index).reverse();
  for (const comma of commas) {
    let from = 0;
    for (const match of before.slice(0, comma).matchAll(BOUNDARY)) from = match.index + match[0].length;
    const head = before.slice(from, comma);
    const words = head.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
    const aside = before.slice(comma + 1).trimStart();
    // An apposition reads "a spokesman …", "the head of …", "44, …" or is itself a name; a
    // clause led by "but" or "while" is none ("The plan is modest, but it works, said Lee").
    const appositive =
      !CLAUSE_ASIDE.test(aside) &&
      (/^(?:\p{Ll}|\p{N}|(?:The|A|An|Then|Now|Former)\b)/u.test(aside) ||
      NAME_ONLY.test(aside.slice(0, -1)) ||
      POSSESSOR.test(aside) ||
      TITLE_OF.test(aside));
    if (words > 0 && words <= MAX_SUBJECT_WORDS && /\p{L}/u.test(head) && appositive && !endsPlace(before.slice(0, comma), aside)) return comma;
  }
  return -1;
}

/** An apposition's last words when they name where someone is from: "a captain from Riverton". */
const FROM_PLACE = /^(?:\p{Ll}|\p{N}|(?:The|A|An|Then|Now|Former)\b).*\b(?:from|of|in|at|near|outside)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*$/u;

/**
 * Whether a one-name `aside` only finishes the place an apposition before it ends on: in "Ann
 * Lee, a captain from Riverton, Ohio, said", "Ohio" is Riverton's state, not the speaker.
 */
function endsPlace(head: string, aside: string): boolean {
  if (!NAME_ONLY.test(aside.replace(/,$/u, ''))) return false;
  const comma = head.lastIndexOf(',');
  return comma >= 0 && FROM_PLACE.test(head.slice(comma + 1).trim());
}

function phraseMention(text: string, start: number, before: string, from: number, to: number): Mention | null {
  const phrase = before
    .slice(from, to)
    .replace(/^\s*(?:but|and|so|yet|or)\s+/iu, (m) => ' '.repeat(m.length))
    .replace(SENTENCE_ADVERB, (m) => ' '.repeat(m.length));
  const all = [...phrase.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.\-]*/gu)];
  const words = all.length > MAX_SUBJECT_WORDS ? all.slice(-7) : all;
  if (words.length === 0) return null;
  const first = words[0]!;
  const mentionStart = start + from + first.index;
  const mentionEnd = start + to;
  const mention = text.slice(mentionStart, mentionEnd).replace(/[\s.,]+$/u, '');
  // "42% say they are liberal": a share of those polled is a subject too.
  if (!/[\p{L}]/u.test(mention) && !isShare(mention)) return null;
  return { text: mention, start: mentionStart, end: mentionStart + mention.length };
}

/**
 * Resolves "who" in "John Healey, who stated" and pronouns to the mention they stand for.
 */
export function resolveMention(
  text: string,
  mention: Mention,
  names: NameIndex,
  sentenceStart: number,
): { mention: Mention; name: string } {
  if (/^who$/iu.test(mention.text)) {
    const antecedent = subjectBefore(text, sentenceStart, text.lastIndexOf(',', mention.start));
    if (antecedent) {
      // "promises made by Defence Secretary John Healey, who": the name at the end is meant.
      const name = /(?:\p{Lu}[\p{L}'’-]+\s+)*\p{Lu}[\p{L}'’-]+$/u.exec(antecedent.text);
      const cut = name && name.index > 0 ? { text: name[0], start: antecedent.start + name.index, end: antecedent.end } : antecedent;
      return { mention: cut, name: names.canonical(cut.text) };
    }
  }
  if (NameIndex.isPronoun(mention.text)) {
    const person = names.lastPersonBefore(text, mention.start);
    if (person) return { mention, name: person };
  }
  return { mention, name: names.canonical(mention.text) };
}

const AFTER_STOP =
  /^(?:that|who|whom|whose|which|on|in|at|during|when|as|after|before|while|because|if|but|and|to|was|is|were|are|has|had|have|will|would|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|last|earlier|recently|this|then|also)$/u;

/**
 * The noun phrase that starts just after `start` (the source of an inverted cue: "said one
 * official", "according to the Post"), no longer than `maxWords` and ending before `end`.
 * It stops at punctuation and at words that start a clause or a time ("said Smith on
 * Tuesday"). `loose` lets "to", "with", "at", "on" and "in" continue it, as they do after
 * "according to" ("a person close to the talks"). Returns `null` when there is none.
 */
export function mentionAfter(text: string, start: number, end: number, maxWords = 8, loose = false): Mention | null {
  const region = text.slice(start, end);
  const words: Array<{ text: string; index: number }> = [];
  const word = /\s*([\p{L}\p{N}$][\p{L}\p{N}'’&./-]*)/uy;
  let match: RegExpExecArray | null;
  while (words.length < maxWords && (match = word.exec(region))) {
    const token = match[1]!;
    const linked = /^(?:to|with)$/u.test(token) && /^(?:close|closest|familiar|allied|loyal|sympathetic|near|opposed|linked|connected|tied)$/iu.test(words.at(-1)?.text ?? '');
    if (AFTER_STOP.test(token) && words.length > 0 && !linked && !(loose && /^(?:to|with|at|on|in)$/u.test(token))) break;
    if (words.length === 0 && AFTER_STOP.test(token.toLowerCase())) return null;
    words.push({ text: token, index: match.index + match[0].length - token.length });
    if (/\.$/u.test(token) && !/^(?:\p{L}\.)+$/u.test(token) && !NameIndex.isTitle(token)) break;
  }
  if (words.length === 0) return null;
  const first = words[0]!;
  const last = words[words.length - 1]!;
  let mentionEnd = start + last.index + last.text.length;
  const mentionStart = start + first.index;
  if (/\.$/u.test(last.text) && !/^(?:\p{L}\.)+$/u.test(last.text) && !NameIndex.isTitle(last.text)) mentionEnd--;
  const mention = text.slice(mentionStart, mentionEnd);
  if (!/\p{L}/u.test(mention)) return null;
  return { text: mention, start: mentionStart, end: mentionEnd };
}
