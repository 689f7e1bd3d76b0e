import { countUpTo } from '../story/sorted-offsets.js';
import type { Span } from '../story/story.js';

/** Characters folded together when matching: every quote mark and dash variant. */
const FOLD: Record<string, string> = {
  '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '«': '"', '»': '"',
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '`': "'",
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
  '\u00a0': ' ',
};
const ELLIPSIS = /\s*(?:…|\.\.\.)\s*/u;
const DASH = '-'.charCodeAt(0);
const SPACE = ' '.charCodeAt(0);

// Lookup tables per UTF-16 code unit, built from FOLD and `\s` themselves: a story of
// megabytes is folded without a regular expression test or a string per character.
/** `FOLDED[c]`: the code unit `c` folds to. */
const FOLDED = new Uint16Array(0x10000).map((_, c) => (FOLD[String.fromCharCode(c)] ?? String.fromCharCode(c)).charCodeAt(0));
/** `WHITESPACE[c]`: 1 when `\s` matches `c`. */
const WHITESPACE = new Uint8Array(0x10000).map((_, c) => (/\s/u.test(String.fromCharCode(c)) ? 1 : 0));

/** Text folded for matching, with the original offsets of each folded character. */
interface Folded {
  text: string;
  /** `starts[i]`: offset in the original of folded character `i`. */
  starts: ArrayLike<number>;
  /** `ends[i]`: offset in the original just after folded character `i`. */
  ends: ArrayLike<number>;
}

/**
 * Folds quote marks, dashes and whitespace: every whitespace run becomes one space, and
 * whitespace next to a dash disappears, so "support — not" matches "support—not".
 */
export function fold(original: string): Folded {
  // Folding never lengthens the text: a space is written only for a run of whitespace.
  const codes = new Uint16Array(original.length);
  const starts = new Int32Array(original.length);
  const ends = new Int32Array(original.length);
  let count = 0;
  let pendingSpace = -1;
  for (let i = 0; i < original.length; i++) {
    const code = FOLDED[original.charCodeAt(i)]!;
    if (WHITESPACE[code]) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      if (count > 0 && code !== DASH && codes[count - 1] !== DASH) {
        codes[count] = SPACE;
        starts[count] = pendingSpace;
        ends[count] = pendingSpace + 1;
        count++;
      }
      pendingSpace = -1;
    }
    codes[count] = code;
    starts[count] = i;
    ends[count] = i + 1;
    count++;
  }
  const parts: string[] = [];
  for (let at = 0; at < count; at += 8192) parts.push(String.fromCharCode(...codes.subarray(at, Math.min(count, at + 8192))));
  return { text: parts.join(''), starts: starts.subarray(0, count), ends: ends.subarray(0, count) };
}

/** Options for `findQuote`. */
export interface FindQuoteOptions {
  /** Prefer the occurrence whose start is closest to this offset (default: the first). */
  near?: number;
  /** Longest stretch of story text an ellipsis may stand for (default 400 characters). */
  maxGap?: number;
}

/**
 * Finds `quote` in `haystack` and returns the span it covers there, or `null`.
 * Tolerates differences in whitespace, quote marks, apostrophes and dashes, and an ellipsis
 * ("…" or "...") in the quote standing for omitted story text between fragments, in order.
 * The returned span starts at the first fragment and ends after the last one.
 */
export function findQuote(haystack: string | Folded, quote: string, options: FindQuoteOptions = {}): Span | null {
  const story = typeof haystack === 'string' ? fold(haystack) : haystack;
  const needle = fold(quote.trim()).text.trim();
  if (!/[\p{L}\p{N}]/u.test(needle)) return null;
  const whole = bestMatch(story, [needle], options);
  if (whole) return whole;
  const fragments = needle.split(ELLIPSIS).map((f) => f.trim()).filter((f) => f !== '');
  if (fragments.length < 2 || fragments.some((f) => !/[\p{L}\p{N}]/u.test(f))) return null;
  return bestMatch(story, fragments, options);
}

/**
 * Chooses among all matches: one starting exactly at the hint wins; otherwise matches on word
 * boundaries are preferred to matches inside a word, then the one nearest the hint (or the
 * first, without a hint).
 */
function bestMatch(story: Folded, fragments: string[], options: FindQuoteOptions): Span | null {
  const maxGap = options.maxGap ?? 400;
  const near = options.near;
  if (near !== undefined) return nearestMatch(story, fragments, near, maxGap);
  let best: { span: Span; whole: boolean } | null = null;
  for (let from = story.text.indexOf(fragments[0]!); from >= 0; from = story.text.indexOf(fragments[0]!, from + 1)) {
    const match = matchAt(story, fragments, from, maxGap);
    if (!match) continue;
    if (!best || better(match, best, near)) best = match;
    if (match.whole) break;
  }
  return best?.span ?? null;
}

/**
 * {@link bestMatch} with a hint, reading outwards from the hint instead of every match in the
 * story: the match starting at the hint; else the nearest whole-word match after it, and
 * before it only as far back as that one is ahead; only when no match is whole, every match.
 */
function nearestMatch(story: Folded, fragments: string[], near: number, maxGap: number): Span | null {
  const { text, starts } = story;
  const first = fragments[0]!;
  const at = countUpTo(starts, near);
  let ahead: { span: Span; whole: boolean } | null = null;
  for (let from = text.indexOf(first, at); from >= 0; from = text.indexOf(first, from + 1)) {
    const match = matchAt(story, fragments, from, maxGap);
    if (!match) continue;
    if (match.span.start === near) return match.span;
    if (!ahead || better(match, ahead, near)) ahead = match;
    if (match.whole) break;
  }
  // Behind the hint, the nearest is the last match in the window; ties go to the earlier one.
  const reach = ahead?.whole ? ahead.span.start - near : Infinity;
  let behind: { span: Span; whole: boolean } | null = null;
  for (let from = text.indexOf(first, reach === Infinity ? 0 : countUpTo(starts, near - reach)); from >= 0 && from < at; from = text.indexOf(first, from + 1)) {
    const match = matchAt(story, fragments, from, maxGap);
    if (match && (!behind || match.whole || !behind.whole)) behind = match;
  }
  if (!behind) return ahead?.span ?? null;
  if (!ahead) return behind.span;
  return better(ahead, behind, near) ? ahead.span : behind.span;
}

/** The match of `fragments` from folded offset `from`, whole-word or not, or `null`. */
function matchAt(story: Folded, fragments: string[], from: number, maxGap: number): { span: Span; whole: boolean } | null {
  const end = matchRest(story.text, fragments, from, maxGap);
  if (end < 0) return null;
  return { span: { start: story.starts[from]!, end: story.ends[end - 1]! }, whole: !splitsWord(story.text, from, end) };
}

function better(a: { span: Span; whole: boolean }, b: { span: Span; whole: boolean }, near: number | undefined): boolean {
  if (a.whole !== b.whole) return a.whole;
  if (near === undefined) return false;
  return Math.abs(a.span.start - near) < Math.abs(b.span.start - near);
}

/** A match that begins or ends inside a word ("he" in "the") is not a quote of it. */
function splitsWord(text: string, start: number, end: number): boolean {
  const word = /[\p{L}\p{N}]/u;
  const cutsStart = start > 0 && word.test(text[start]!) && word.test(text[start - 1]!);
  const cutsEnd = end < text.length && word.test(text[end - 1]!) && word.test(text[end]!);
  return cutsStart || cutsEnd;
}

/** Folded end offset after matching every fragment in order from `from`, or -1. */
function matchRest(text: string, fragments: string[], from: number, maxGap: number): number {
  let end = from + fragments[0]!.length;
  for (const fragment of fragments.slice(1)) {
    const next = text.indexOf(fragment, end);
    if (next < 0 || next - end > maxGap) return -1;
    end = next + fragment.length;
  }
  return end;
}
