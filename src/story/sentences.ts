import type { Span } from './story.js';

/** Abbreviations always followed by a name or word that continues the sentence. */
const NEVER_FINAL = new Set([
  'mr', 'mrs', 'ms', 'messrs', 'mme', 'dr', 'prof', 'sen', 'sens', 'rep', 'reps', 'gov', 'gen',
  'col', 'lt', 'sgt', 'cpl', 'pvt', 'capt', 'cmdr', 'adm', 'maj', 'brig', 'supt', 'insp', 'det',
  'st', 'rev', 'hon', 'pres', 'atty', 'amb', 'cllr', 'fr', 'mt', 'vs', 'v', 'e.g', 'i.e', 'cf',
]);

/** Abbreviations that continue the sentence when a number follows ("No. 10", "Sept. 11"). */
const BEFORE_NUMBER = new Set([
  'no', 'nos', 'art', 'vol', 'p', 'pp', 'fig', 'ch', 'sec', 'op', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * Abbreviations that may or may not end a sentence ("Apple Inc." / "the U.S."): they end one
 * only when the next word is one that usually starts a sentence.
 */
const AMBIGUOUS = new Set(['inc', 'corp', 'ltd', 'co', 'etc', 'jr', 'sr', 'bros', 'plc', 'llc']);

const SENTENCE_STARTERS = new Set([
  'a', 'an', 'the', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'but', 'and', 'yet', 'so', 'or',
  'in', 'on', 'at', 'by', 'for', 'to', 'from', 'with', 'this', 'that', 'these', 'those', 'there',
  'his', 'her', 'its', 'their', 'our', 'my', 'however', 'meanwhile', 'after', 'before', 'when',
  'while', 'if', 'as', 'some', 'many', 'most', 'one', 'officials', 'what', 'who', 'why', 'how',
  'last', 'on', 'since', 'still', 'then', 'now', 'according', 'both', 'each', 'no', 'not',
]);

const TERMINATOR = /(?:\.{2,}|…|[.?!])+["”’')\]]*/gu;

/**
 * No sentence is longer than this many characters: a longer run without a full stop (a
 * transcript without punctuation, a hostile page) is cut at the last comma, semicolon or space
 * before the limit. The extractive readers look across a whole sentence for every cue in it,
 * so an unbounded sentence would make their work grow with the square of its length. The
 * longest sentence in the PolNeAR and CNN/DailyMail texts has 1,094 characters.
 */
export const MAX_SENTENCE_CHARS = 2000;
const OPENING = /["“‘'(\[]/u;

/**
 * Splits one region of `text` (a paragraph) into sentence spans. Offsets are into `text`.
 * Handles abbreviations ("Mr.", "U.S.", "Sept. 11", "No. 10"), initials ("John F. Kennedy"),
 * quotations that end in `?"` or `."`, ellipses, and sentences glued together without a
 * space ("reports.Tony Radakin"), which is common in text scraped from the web.
 */
export function splitSentences(text: string, region: Span = { start: 0, end: text.length }): Span[] {
  const body = text.slice(region.start, region.end);
  const cuts: number[] = [];
  for (const match of body.matchAll(TERMINATOR)) {
    const end = match.index + match[0].length;
    if (end >= body.length) break;
    if (endsSentence(body, match.index, match[0], end)) cuts.push(end);
  }
  cuts.push(body.length);
  const spans: Span[] = [];
  let start = 0;
  for (const cut of cuts) {
    const span = trim(body, start, cut);
    if (span) for (const piece of bounded(body, span)) spans.push({ start: region.start + piece.start, end: region.start + piece.end });
    start = cut;
  }
  return spans;
}

/** `span` of `body` in pieces of at most `MAX_SENTENCE_CHARS`, cut where a clause or a word ends. */
function bounded(body: string, span: Span): Span[] {
  const pieces: Span[] = [];
  let { start } = span;
  while (span.end - start > MAX_SENTENCE_CHARS) {
    const window = body.slice(start, start + MAX_SENTENCE_CHARS);
    const half = MAX_SENTENCE_CHARS / 2;
    const clause = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '));
    const space = window.lastIndexOf(' ');
    const cut = clause >= half ? clause + 1 : space >= half ? space : MAX_SENTENCE_CHARS;
    const piece = trim(body, start, start + cut);
    if (piece) pieces.push(piece);
    start += cut;
  }
  const last = trim(body, start, span.end);
  if (last) pieces.push(last);
  return pieces;
}

function endsSentence(body: string, at: number, terminator: string, end: number): boolean {
  const closed = /["”’')\]]$/u.test(terminator);
  const spaced = /\s/u.test(body[end]!);
  const nextAt = spaced ? skipSpace(body, end) : end;
  if (nextAt >= body.length) return false;
  const next = body[nextAt]!;
  const nextWord = wordAt(body, nextAt);
  const startsSentence = /[\p{Lu}\p{N}]/u.test(next) || OPENING.test(next);
  if (!startsSentence) return false;

  const token = tokenBefore(body, at);
  if (!spaced) {
    // Glued sentences: only trust a plain word or a closing quote before the terminator,
    // never an acronym or a domain name.
    if (!closed && !/^\p{Ll}{2,}$/u.test(token) && !/^\p{Lu}\p{Ll}+$/u.test(token)) return false;
    if (terminator.startsWith('..') || terminator.startsWith('…')) return false;
    return /[\p{Lu}]/u.test(next) || /["“‘]/u.test(next);
  }
  if (terminator !== '.') return true;
  const lower = token.toLowerCase();
  if (NEVER_FINAL.has(lower)) return false;
  if (BEFORE_NUMBER.has(lower) && /\p{N}/u.test(next)) return false;
  const initialOrAcronym = /^\p{Lu}$/u.test(token) || /^(?:\p{L}\.)+\p{L}$/u.test(token);
  if (initialOrAcronym || AMBIGUOUS.has(lower)) return SENTENCE_STARTERS.has(nextWord.toLowerCase());
  return true;
}

/** The letters and inner dots immediately before `at`, e.g. "U.S" before the final ".". */
function tokenBefore(body: string, at: number): string {
  let i = at;
  while (i > 0 && /[\p{L}.]/u.test(body[i - 1]!)) i--;
  return body.slice(i, at).replace(/^\.+/, '');
}

function wordAt(body: string, at: number): string {
  const match = /^[\p{L}\p{N}]+/u.exec(body.slice(at, at + 40).replace(/^["“‘'(\[]+/u, ''));
  return match ? match[0] : '';
}

function skipSpace(body: string, from: number): number {
  let i = from;
  while (i < body.length && /\s/u.test(body[i]!)) i++;
  return i;
}

function trim(body: string, start: number, end: number): Span | null {
  while (start < end && /\s/u.test(body[start]!)) start++;
  while (end > start && /\s/u.test(body[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}
