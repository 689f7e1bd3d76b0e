import type { Span } from '../../story/story.js';
import { CUE_VERBS } from './cues.js';
import { NameIndex } from './names.js';

/** A mention found in the text: its words and where they are. */
export interface Mention extends Span {
  /** The words of the mention. */
  text: string;
}

const AUXILIARIES =
  /\s+(?:is|was|are|were|has|have|had|will|would|could|should|may|might|must|also|reportedly|already|then|now|later|again|repeatedly|instead|seriously|publicly|previously|expected|set|due|likely|going|about|to|be|been|being|not|never|today|yesterday|on \p{Lu}\p{Ll}+day)$/u;
const BOUNDARY = new RegExp(`(?:[,;:(—–]|\\b(?:that|which|but|${CUE_VERBS})\\b)`, 'gu');
const NAME_ONLY = /^\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s*$/u;

/**
 * The noun phrase that ends just before `end` (the subject of a verb that starts at `end`),
 * looking back no further than `start`. Auxiliaries between the subject and the verb are
 * skipped ("Radakin is expected to confirm" → "Radakin"). Returns `null` when there is none.
 */
export function subjectBefore(text: string, start: number, end: number): Mention | null {
  let before = text.slice(start, end).replace(/\s+$/u, '');
  for (let previous = ''; previous !== before; ) {
    previous = before;
    before = before.replace(AUXILIARIES, '');
  }
  // "Tony Radakin, the head of the UK General Staff, will": skip the aside, unless the aside
  // is itself the name ("The EU's chief diplomat, Kaja Kallas, stressed").
  const aside = /,([^,]{1,80}),$/u.exec(before);
  if (aside) {
    if (NAME_ONLY.test(aside[1]!)) {
      const at = start + aside.index + 1 + aside[1]!.search(/\S/u);
      const name = aside[1]!.trim();
      return { text: name, start: at, end: at + name.length };
    }
    before = before.slice(0, aside.index);
  }
  let from = 0;
  for (const match of before.matchAll(BOUNDARY)) from = match.index + match[0].length;
  const phrase = before.slice(from).replace(/^\s*(?:but|and|so|yet|or)\s+/iu, (m) => ' '.repeat(m.length));
  const words = [...phrase.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.\-]*/gu)].slice(-7);
  if (words.length === 0) return null;
  const first = words[0]!;
  const mentionStart = start + from + first.index;
  const mentionEnd = start + before.length;
  const mention = text.slice(mentionStart, mentionEnd).replace(/[.,]$/u, '');
  if (!/[\p{L}]/u.test(mention)) return null;
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
