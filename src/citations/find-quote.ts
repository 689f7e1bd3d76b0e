import type { Span } from '../story/story.js';

/** Characters folded together when matching: every quote mark and dash variant. */
const FOLD: Record<string, string> = {
  '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '«': '"', '»': '"',
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '`': "'",
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
  '\u00a0': ' ',
};
const ELLIPSIS = /\s*(?:…|\.\.\.)\s*/u;
const DASH = '-';

/** Text folded for matching, with the original offsets of each folded character. */
interface Folded {
  text: string;
  /** `starts[i]`: offset in the original of folded character `i`. */
  starts: number[];
  /** `ends[i]`: offset in the original just after folded character `i`. */
  ends: number[];
}

/**
 * Folds quote marks, dashes and whitespace: every whitespace run becomes one space, and
 * whitespace next to a dash disappears, so "support — not" matches "support—not".
 */
export function fold(original: string): Folded {
  const text: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < original.length; i++) {
    const ch = FOLD[original[i]!] ?? original[i]!;
    if (/\s/u.test(ch)) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      if (text.length > 0 && ch !== DASH && text[text.length - 1] !== DASH) {
        text.push(' ');
        starts.push(pendingSpace);
        ends.push(pendingSpace + 1);
      }
      pendingSpace = -1;
    }
    text.push(ch);
    starts.push(i);
    ends.push(i + 1);
  }
  return { text: text.join(''), starts, ends };
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
  let best: { span: Span; whole: boolean } | null = null;
  for (let from = story.text.indexOf(fragments[0]!); from >= 0; from = story.text.indexOf(fragments[0]!, from + 1)) {
    const end = matchRest(story.text, fragments, from, maxGap);
    if (end < 0) continue;
    const span = { start: story.starts[from]!, end: story.ends[end - 1]! };
    if (span.start === near) return span;
    const whole = !splitsWord(story.text, from, end);
    if (!best || better({ span, whole }, best, near)) best = { span, whole };
    if (near === undefined && whole) break;
  }
  return best?.span ?? null;
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
