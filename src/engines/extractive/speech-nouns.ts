import type { Mention } from './clauses.js';

/**
 * Nouns that name what someone said or holds, attributed by a possessive: "Trump's call for a
 * ban", "her pledge to stay neutral", "Clinton's comments on the shooting". The possessor is
 * the source; what follows the noun (and its preposition) is the content.
 */
const NOUNS = new Set(
  (
    'call calls pledge pledges promise promises claim claims comments comment remarks statement statements ' +
    'criticism criticisms attack attacks proposal proposals vow vows warning warnings assertion assertions ' +
    'suggestion insistence argument arguments view views support opposition endorsement praise denial denials ' +
    'accusation accusations allegation allegations charge charges characterization rejection embrace belief ' +
    'beliefs fears concerns hopes demand demands plea appeal request threat threats announcement admission ' +
    'acknowledgment acknowledgement description condemnation defense defence dismissal'
  ).split(' '),
);

const POSSESSOR = /(?:\b(his|her|their|its|our|my)|(\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,3}(?:['’]s|s['’])))\s+(?:(?:\p{Ll}+ly\s+)?(?:repeated|recent|latest|controversial|own|public|frequent|new|earlier|initial|first|strong|harsh|sharp|full|vocal|early|continued|renewed|explicit|implicit|tacit|blunt|stark|fierce)\s+)?$/u;
/** The preposition or "that" that links the noun to its content. */
const LINK = /^\s+(?:for|of|on|about|against|that)\s+|^\s+(?=to\s+\p{Ll})/u;

/** Nouns whose "to" is a preposition, not an infinitive: "his opposition to the war", "her support to him". */
const PREPOSITION_TO = /^(?:opposition|support|rejection|objection|objections|resistance)$/iu;

/** The possessor that makes `noun` at `at` an attribution, and where its content starts, or `null`. */
export function nominalCue(text: string, at: number, noun: string, sentenceStart: number): { source: Mention; contentStart: number } | null {
  if (!NOUNS.has(noun.toLowerCase())) return null;
  const prepositional = PREPOSITION_TO.test(noun) ? /^\s+to\s+/u.exec(text.slice(at + noun.length, at + noun.length + 6)) : null;
  const link = prepositional ?? LINK.exec(text.slice(at + noun.length, at + noun.length + 12));
  if (!link) return null;
  const before = text.slice(Math.max(sentenceStart, at - 60), at);
  const owner = POSSESSOR.exec(before);
  if (!owner) return null;
  const words = owner[1] ?? owner[2]!;
  const start = at - before.length + owner.index + owner[0].indexOf(words);
  return { source: { text: words, start, end: start + words.length }, contentStart: at + noun.length + linkLength(link[0]) };
}

/**
 * How much of a link the content starts after: all of a preposition ("support for "), only the
 * space before a "that", since a "that" clause after a noun is content, "that" and all
 * ("Sanders's claim that he …").
 */
function linkLength(link: string): number {
  return /^\s+that\s+$/u.test(link) ? link.length - link.trimStart().length : link.length;
}

/**
 * Nouns that carry their attribution without a possessor ("renewed calls for a ban",
 * "faced criticism of his approach"): on news text with gold attributions, what follows them
 * is someone's words about half the time, far more than for "support for" or "questions about".
 */
const BARE_NOUNS = new Set('call calls criticism plan plans comment comments statement idea'.split(' '));
const BARE_LINK = /^\s+(?:for|of|on|about|that)\s+|^\s+(?=to\s+\p{Ll})/u;

/** Where the content of a possessor-less speech noun at `at` starts, or `null`. */
export function bareNominalCue(text: string, at: number, noun: string): number | null {
  if (!BARE_NOUNS.has(noun.toLowerCase())) return null;
  const link = BARE_LINK.exec(text.slice(at + noun.length, at + noun.length + 8));
  return link ? at + noun.length + linkLength(link[0]) : null;
}
