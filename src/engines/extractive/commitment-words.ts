/**
 * The words that name a commitment ("promise", "pledge", "vow", "commit", "guarantee", "swear",
 * "threaten", "agree", "refuse", "decline", "reject", "rule out"), when they are used as one,
 * and where what was committed to sits after them.
 */
import { opensClause } from './commitment-phrases.js';

/** Which commitment word: its forms share a stance and a grammar. */
export type Family =
  | 'promise'
  | 'pledge'
  | 'vow'
  | 'commit'
  | 'guarantee'
  | 'swear'
  | 'threaten'
  | 'agree'
  | 'refuse'
  | 'decline'
  | 'reject'
  | 'rule-out';

const FAMILIES: Family[] = ['promise', 'pledge', 'vow', 'commit', 'guarantee', 'swear', 'threaten', 'agree', 'refuse', 'decline', 'reject', 'rule-out'];

/** Any form of a commitment word, one capture group per {@link Family} in that order. */
export const COMMITMENT_WORD =
  /\b(?:(promis(?:e|es|ed|ing))|(pledg(?:e|es|ed|ing))|(vow(?:s|ed|ing)?)|(commit(?:s|ted|ting|ments?)?)|(guarantee(?:s|d|ing)?)|(swear(?:s|ing)?|swore|sworn)|(threaten(?:s|ed|ing)?|threats?)|(agree(?:s|d|ing|ments?)?)|(refus(?:e|es|ed|ing|al))|(declin(?:e|es|ed|ing))|(reject(?:s|ed|ing|ion)?)|(rul(?:e|es|ed|ing)\s+out))\b/giu;

/** The families whose words refuse: "refused", "declined to", "rejected", "ruled out". */
export const REFUSALS: ReadonlySet<Family> = new Set<Family>(['refuse', 'decline', 'reject', 'rule-out']);

/** The family of a {@link COMMITMENT_WORD} match. */
export function familyOf(match: RegExpMatchArray): Family {
  return FAMILIES[match.slice(1).findIndex((g) => g !== undefined)]!;
}

/** Forms that are only nouns. */
const NOUN_ONLY = /^(?:commitments?|agreements?|refusal|rejection|threats?)$/iu;
/** Forms that may be a noun or a verb: "his promise" / "they promise". */
const EITHER = /^(?:promises?|pledges?|vows?|guarantees?)$/iu;
const NOUN_BEFORE = /(?:\b(?:a|an|the|his|her|their|its|our|my|your|this|that|these|those|no|any|every|such|new|first|same|campaign|public|solemn|repeated)|['’]s?)\s+(?:[\p{Ll}-]+\s+){0,2}$/u;
/** A verb or preposition right before the word makes it a noun: "reiterate promises", "with pledges". */
const OBJECT_OF_VERB =
  /(?:^|\s)(?:reiterate[sd]?|repeat(?:s|ed)?|make|made|keep|kept|break|broke|fulfil(?:l|led|s)?|honou?r(?:ed)?|deliver(?:ed)?|offer(?:ed)?|extract(?:ed)?|secure[sd]?|won|renew(?:ed)?|abandon(?:ed)?|betray(?:ed)?|despite|amid|with|on|of|about|over|for|without|by|from|off|out)\s+$/iu;
const SUBJECT_BEFORE = /(?:^|\s)(?:i|we|he|she|they|it|you|will|would|can|could|to|also|\p{Lu}[\p{L}.'’-]*)\s+$/u;
const THREAT_TO_ACT =
  /^\s+to\s+(?!(?:the|a|an|our|their|his|her|its|this|that|us|them|him|me|national|public|democracy|peace)\b)\p{Ll}+\s+(?:the|a|an|his|her|their|its|our|any|all|out|from|\p{Lu})/u;

/** A threat named by the act threatened, with its owner: "his veto threat". */
export const THREATENED_ACT =
  /\b([Hh]is|[Hh]er|[Tt]heir|[Ii]ts|(?:\p{Lu}[\p{L}.-]*\s+){0,2}\p{Lu}[\p{L}.-]*['’]s?)\s+(veto|shutdown|strike|boycott|lawsuit|filibuster|impeachment|tariff|sanctions?|walkout|resignation|withdrawal)\s+$/u;

/** What follows a commitment noun when its maker is named after it: "an agreement that the nations reached in Paris to curb emissions". */
export const MADE_BY =
  /^\s+(?:that\s+)?((?:(?:the|a|an|his|her|their|its|both|all)\s+)?(?:[\p{L}.'’-]+\s+){0,5}?[\p{L}.'’-]+)\s+(?:had\s+|has\s+|have\s+)?(?:reached|made|signed|struck|gave|offered|announced|negotiated)\s+(?:[^,.;]{0,40}?\s+)?to\s+(?!(?:the|a|an|his|her|their|its|voters|him|them|us)\b)\p{Ll}+\s+\p{L}/u;

/** Whether a second commitment word only continues the first: "refused to pledge", "vowed not to promise". */
export function continuesPrevious(between: string): boolean {
  return /^\s+(?:\p{Ll}+ly\s+)?(?:(?:not|never)\s+)?to\s+(?:\p{Ll}+ly\s+)?$/u.test(between);
}

/** Whether `word`, between `before` and `after` in its sentence, is used as a noun ("his pledge to"). */
export function isNounUse(word: string, before: string, after: string): boolean {
  if (NOUN_ONLY.test(word)) return true;
  if (!EITHER.test(word)) return false;
  // "an aggressive - some say unrealistic - pledge": the aside does not change what comes before.
  const plain = before.replace(/\s[-—–―]\s[^-—–―]{1,60}\s[-—–―]\s+$/u, ' ');
  return (NOUN_BEFORE.test(plain) && !SUBJECT_BEFORE.test(plain)) || /^\s+(?:from|by|of)\s/u.test(after) || OBJECT_OF_VERB.test(before);
}

/** Where the content of a commitment stops: another clause, a dash, an attribution. */
const CONTENT_END =
  /\s+[―—–]\s*|\s+--\s+|;\s|,\s+(?:but|while|although|though|whereas|even as|even though|even if|prompting|adding|saying|according to)\s|\s+but\s+(?!also\b)|,["”]?\s+(?:(?:the|a|an|one|another|his|her)\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){0,4}(?:\p{L}+\s+)?(?:said|says|added|told|wrote|explained)\b|,\s+(?=(?:was|were|is|are|has|had|have)\s)|\s+\((?!\s*\p{Ll})/u;

/**
 * Whether the word only describes something: "pledged delegates", "a promising start",
 * "a threatened fine", "Sandy Hook Promise", "science-rejecting".
 */
export function isModifier(word: string, before: string, after: string): boolean {
  if (/-$/u.test(before) || /^\s*-/u.test(after)) return true;
  const words = `${before} ${word}${after}`.match(/\p{L}+/gu) ?? [];
  const titleCase = words.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.7 * words.length;
  if (!titleCase && /^\p{Lu}/u.test(word) && before.trim() !== '' && (/\p{Lu}[\p{L}.]*\s+$/u.test(before) || /^\s+\p{Lu}/u.test(after)) && !/^\s+(?:to|that)\b/iu.test(after)) return true;
  // "question the wisdom of committing to Scott": the act is talked about, not reported.
  if (/ing$/iu.test(word) && /\b(?:the|a|an|this|that)\s+\p{Ll}+\s+of\s+$/u.test(before)) return true;
  if (/^pledged\s+(?:\p{Lu}\p{L}+\s+)?delegates?\b/iu.test(word + after)) return true;
  if (/(?:ed|ing)$/iu.test(word) && !/^\s+(?:to|that|not|never)\b/iu.test(after)) {
    return /(?:^|\s)(?:a|an|the|more|most|less|very|quite|rather|pretty|other|some|any|look|looks|looked|seem|seems|seemed|\d(?:[\d,.]*\d)?|[\p{L}]+['’]s?)\s+$/u.test(before) && /^\s+\p{Ll}/u.test(after);
  }
  return false;
}

/** Where what was committed to sits after the word. */
export interface Shape {
  /** Characters from the end of the word to the start of the content. */
  offset: number;
  /** Length of the content; 0 when it is not after the word ("“…,” he vowed."). */
  length: number;
}

/** A clause right after "agree" with no "that": a subject, then a finite verb within a few words. */
const AGREED_CLAUSE =
  /^\s+(?:it|they|he|she|we|there|this|the|his|her|their|its|\p{Lu}[\p{L}.'’-]*)\s+(?:[\p{L}'’-]+\s+){0,6}?(?:is|was|are|were|would|will|had|has|have|should|could|can|may|might|must|needs?)\b/u;

/** A time, a place or an aside between a commitment verb and its "to" (or an agreement's "that"). */
const TIME_OR_PLACE =
  /^(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|\s+(?:last|this)\s+(?:week|month|year|night|spring|summer|fall|autumn|winter)|\s+in\s+\d{4}|\s*,\s*(?:generally|again|once again|publicly|privately|repeatedly|in the end)\s*,)(?:\s+(?:at|during|in)\s+(?:a|an|the|his|her|their)\s+[^,.;]{1,40}?)?(?=\s+(?:to\s+\p{Ll}|that\s+\p{L}))/u;

/** Where the content of a commitment verb is, or `null` when the verb is not used as one. */
export function verbContent(family: Family, word: string, before: string, after: string): Shape | null {
  // "promised Sunday at a Las Vegas rally to end …", "agreed in 2011 to …": the content starts at "to".
  const lead = TIME_OR_PLACE.exec(after)?.[0];
  if (lead) {
    const shape = verbContent(family, word, before, after.slice(lead.length));
    return shape && shape.length > 0 ? { offset: shape.offset + lead.length, length: shape.length } : null;
  }
  const lower = word.toLowerCase();
  // "what Obama says and promises is now the baseline": a verb after it makes it the subject.
  if (/^\s+(?:is|are|was|were|has|have|had|will|would)\b/u.test(after)) return null;
  if (family === 'agree') {
    // "agreed to …" pledges; "agreed that …", "agree with …", "agreed on …" and "agree the plan
    // is flawed" state a view (stance `agrees`); "agreed the terms" is neither.
    if (!/^\s+(?:\p{Ll}+ly\s+)?(?:[Tt]o|that|with|on)\b/u.test(after) && !AGREED_CLAUSE.test(after)) return null;
  } else if (family === 'commit') {
    const reflexive = /^\s+(?:(?:himself|herself|themselves|itself|ourselves|myself|\p{Ll}+ly)\s+)?to\s/u;
    const transitive = /^\s+(?:[\p{L}'’-]+\s+){1,4}to\s+(?!\d)/u;
    if (!reflexive.test(after) && !(/ing$/u.test(lower) && transitive.test(after))) return null;
  } else if (family === 'guarantee') {
    if (!/^\s+(?:that|to)\b/u.test(after) && !(SUBJECT_BEFORE.test(before) && /^\s+(?:the|a|an|his|her|their|its|every|\p{Lu})/u.test(after))) return null;
  } else if (family === 'swear') {
    if (/^\s+in\b/u.test(after) || !/^\s+(?:\p{Ll}+ly\s+)?(?:that|to|not|never|off|allegiance|revenge|[“"])/u.test(after)) return null;
  } else if (family === 'decline') {
    if (/^\s+(?:to\s+)?(?:\d|\$|by\b|in\b|from\b|sharply|slightly|steadily|significantly|further|dramatically|precipitously|modestly|since|over|percent|after|during|for\b(?!\s+(?:years|months|weeks|days)\b))/u.test(after)) return null;
    if (!/^\s+(?:\p{Ll}+ly\s+|(?:again|for (?:years|months|weeks|days)|on \p{Lu}\p{Ll}+day)\s+)?(?:[Tt]o\s+\p{L}|comment|comments|an?\s|the\s|that\s|this\s|his\s|her\s|their\s|its\s|requests?|interviews?|invitations?|offers?|repeated|multiple|several|numerous|further)/u.test(after)) return null;
    if (/ing$/u.test(lower) && !/^\s+[Tt]o\s/u.test(after)) return null;
  } else if (family === 'refuse' || family === 'reject' || family === 'rule-out' || family === 'threaten') {
    if (/^\s*(?:[.,;:!?]|$)/u.test(after) && family !== 'threaten') return null;
  }
  if (/^\s*(?:[.!?]["”’]?\s*$|$|,)/u.test(after)) return { offset: 0, length: 0 };
  return contentShape(after);
}

/**
 * Where the content of a commitment noun is, or `null` when the noun is not used as one. An
 * `owned` noun ("his promises") may name its content with "of": "his promises of aid".
 */
export function nounContent(family: Family, after: string, owned = false): Shape | null {
  if (family === 'guarantee') return null;
  const madeBy = MADE_BY.exec(after);
  if (madeBy && family !== 'threaten' && family !== 'reject') {
    // What was promised starts at the "to" after the maker's verb.
    const offset = madeBy[0].lastIndexOf(' to ') + 1;
    return { offset, length: contentShape(after.slice(offset - 1)).length };
  }
  // "a threat to veto the bill" is one; "a threat to national security" is not.
  if (family === 'threaten' && !THREAT_TO_ACT.test(after)) return null;
  if (family === 'agree') {
    // "an agreement to curb emissions" is one; "an agreement that …" and "a trade agreement" are not.
    if (!/^\s+(?:(?:with\s+[^,.;]{1,60}?\s+)|(?:(?:made|reached|signed|struck)\s+[^,.;]{1,40}?\s+))?to\s+\p{Ll}/u.test(after) && !MADE_BY.test(after)) return null;
  } else if (family === 'commit') {
    if (!/^\s+(?:to|that)\s/u.test(after)) return null;
  } else if (family === 'reject') {
    if (!/^\s+of\s/u.test(after)) return null;
  } else if (
    !/^\s+(?:(?:made|given|offered|issued)\s+(?:[^,.;]{1,40}?\s+)?|(?:yet|again|ever|now|from\s+[^,.;]{1,40}?)\s+)?(?:[Tt]o\s+(?:not\s+|never\s+)?\p{L}|that\s)/u.test(after) &&
    !(owned && family !== 'threaten' && /^\s+of\s+\p{L}/u.test(after))
  ) {
    return null;
  }
  return contentShape(after);
}

function contentShape(after: string): Shape {
  const offset = after.search(/\S/u);
  const rest = after.slice(offset);
  let stop = CONTENT_END.exec(rest);
  // "to ban all Muslims — 1.6 billion people — from entering": a pair of dashes is an aside.
  while (stop && /[―—–]|--/u.test(stop[0])) {
    const close = /\s+(?:[―—–]|--)\s*/u.exec(rest.slice(stop.index + stop[0].length));
    if (!close) break;
    const resume = stop.index + stop[0].length + close.index + close[0].length;
    const next = CONTENT_END.exec(rest.slice(resume));
    stop = next ? Object.assign(next, { index: next.index + resume }) : null;
  }
  let content = stop ? rest.slice(0, stop.index) : rest;
  // ", independent analyses agree …": a new clause with its own subject ends the content.
  for (const comma of content.matchAll(/,\s+/gu)) {
    if (opensClause(content.slice(comma.index + comma[0].length))) {
      content = content.slice(0, comma.index);
      break;
    }
  }
  // "REFUSES TO STAY IN OLYMPIC VILLAGE The team cited …": a headline in capitals, run into
  // the text after it, ends where the capitals do.
  const capitals = /^(?:[\p{Lu}\p{N}'’,-]+\s+){1,}?(?=\S*\p{Ll})/u.exec(content);
  if (capitals && /^\p{Lu}{2,}\s+\p{Lu}{2,}/u.test(content)) content = capitals[0];
  content = trimEnd(content);
  return { offset, length: content.length };
}

/** `quote` without a dangling conjunction, comma or full stop at its end. */
export function trimEnd(quote: string): string {
  return quote.replace(/(?:\s*,\s*(?:and|but|or|while|who|which))?[\s,;:—–]*$/u, '').replace(/(?<![\p{Lu}])\.$/u, '');
}

/** The most words an action keeps: an action is a short phrase, not the whole clause. */
const ACTION_WORDS = 12;
/** Words an action never ends on: a phrase cut after them reads as cut off ("… what it is"). */
const DANGLING =
  /^(?:to|the|a|an|of|for|in|on|at|by|with|from|as|into|over|about|and|or|but|nor|that|which|who|whom|whose|what|whether|how|where|when|while|it|its|his|her|their|our|my|your|this|these|those|is|are|was|were|be|been|being|am|has|have|had|will|would|could|can|shall|should|may|might|must|not|never|no|than|so|very|more|most|if|unless)$/iu;
/** Words that open a clause inside an action; a cut clause is dropped whole. */
const CLAUSE_OPENER = /^(?:what|which|who|whom|whose|whether|how|where|why|because|while|although|though)$/iu;
/** Units that belong to the number before them: "$18 million" is not "$18". */
const UNIT = /^(?:million|billion|trillion|thousand|hundred|percent|per|%)[.,;:]?$/iu;

/**
 * What a commitment is to, as a short phrase in the story's words: quotation marks dropped, at
 * most {@link ACTION_WORDS} words, and when it has to be cut, cut where the phrase still reads
 * as whole: before an unfinished "what …" clause or after the last complete part of an "… or
 * …" pair, never after a function word, never between a number and its unit.
 */
export function shortAction(phrase: string): string {
  const all = phrase.replace(/[“”"]/gu, '').trim().split(/\s+/u).filter(Boolean);
  let words = all.slice(0, ACTION_WORDS);
  if (all.length > ACTION_WORDS) {
    if (UNIT.test(all[ACTION_WORDS]!)) words.push(all[ACTION_WORDS]!);
    const coordinator = words.findLastIndex((w, i) => i >= 6 && /^(?:and|or|but)$/iu.test(w));
    const opener = words.findLastIndex((w, i) => i >= 3 && CLAUSE_OPENER.test(w));
    if (coordinator > 0) words = words.slice(0, coordinator);
    else if (opener > 0) words = words.slice(0, opener);
    while (words.length > 1 && DANGLING.test(words[words.length - 1]!.replace(/[,;:]+$/u, ''))) words.pop();
  }
  return words.join(' ').replace(/[,;:]+$/u, '').replace(/[.!?]+$/u, '');
}

const NEGATION_WORD = /\b(?:not|never|no|nothing|nobody|none|neither|nor|without)\b|n['’]t\b/iu;
const TAIL_BREAK = /,\s+|\s+(?:that|which|who|whom|where|when|because|as|and|but|or|while|after|before|since)\s+/gu;

/**
 * Where the quote of a pledge should end so that a negation after its action is not read as
 * the pledge's own: "agreed to pay $1.7 billion … for military equipment that was never
 * delivered" ends before "that was never delivered". `from` is where the action's words start
 * in `text`; the quote ends at `end` when nothing after the action negates.
 */
export function endBeforeNegatedTail(text: string, from: number, end: number, action: string): number {
  const count = action.split(/\s+/u).filter(Boolean).length;
  let actionEnd = from;
  let seen = 0;
  for (const token of text.slice(from, end).matchAll(/[^\s“”"]+/gu)) {
    if (seen === 0 && /^(?:to|that|with|on|of|out|be|not|the)$/iu.test(token[0]) && !new RegExp(`^${token[0]}\\b`, 'iu').test(action)) continue;
    actionEnd = from + token.index + token[0].length;
    if (++seen >= count) break;
  }
  if (NEGATION_WORD.test(text.slice(from, actionEnd))) return end;
  const tail = text.slice(actionEnd, end);
  const negation = tail.search(NEGATION_WORD);
  if (negation < 0) return end;
  let cut = 0;
  for (const m of tail.slice(0, negation).matchAll(TAIL_BREAK)) cut = m.index;
  return actionEnd + cut;
}
