import type { Span } from '../story/story.js';

/**
 * Word boundaries for the citation gate. A quote must start and end on a word boundary of the
 * story, so that it can never show part of a word, a number or a name ("30" out of "30,000",
 * "Not" out of "Nothing").
 *
 * What a boundary is:
 * - Letters, digits and combining marks form words. A boundary lies between a word character
 *   and anything else (space, punctuation, symbol, the start or end of the text).
 * - A word goes on across an apostrophe or a hyphen with word characters on both sides
 *   ("don't", "Starmer's", "rock-n-roll", "anti-war"), and across `,` `.` `:` between digits
 *   ("30,000", "3.5", "10:30"), and across an en dash between digits ("2020–2024").
 *   An em dash always separates.
 * - Scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar): where
 *   such a character meets a word character, the boundary is where the platform's Unicode word
 *   segmenter (`Intl.Segmenter`, dictionary-based for these scripts) puts one, judged over a
 *   window of the text around the offset.
 */

const WORD = /[\p{L}\p{N}\p{M}]/u;
const DIGIT = /\p{Nd}/u;
const NO_SPACE_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const IN_WORD = new Set(["'", '’', '‘', '-', '‐', '‑', '\u00ad']);
const IN_NUMBER = new Set([',', '.', ':', '–']);
/** How far either side of an offset the segmenter looks, for scripts without spaces. */
const SEGMENT_WINDOW = 32;

let segmenter: Intl.Segmenter | undefined;

/** Most characters the gate adds on either side of a quote to reach the enclosing words. */
export const WIDEN_MARGIN = 12;

/** Whether offset `i` of `text` lies between two characters of one word (or number). */
export function splitsWord(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const before = charBefore(text, i);
  const after = charAt(text, i);
  if (isWord(before) && isWord(after)) {
    if (NO_SPACE_SCRIPT.test(before) || NO_SPACE_SCRIPT.test(after)) return !segmentBoundary(text, i);
    return true;
  }
  // Ending just before a joiner ("30|,000", "don|'t") or starting just after one ("30,|000").
  if (isWord(before) && joins(text, i)) return true;
  if (isWord(after) && joins(text, i - 1)) return true;
  return false;
}

/**
 * `span` if it starts and ends on word boundaries; otherwise the span widened to the enclosing
 * words when that adds at most `margin` characters on each side; otherwise `null`.
 */
export function wholeWords(text: string, span: Span, margin = WIDEN_MARGIN): Span | null {
  let { start, end } = span;
  while (splitsWord(text, start)) {
    start -= charBefore(text, start).length;
    if (span.start - start > margin) return null;
  }
  while (splitsWord(text, end)) {
    end += charAt(text, end).length;
    if (end - span.end > margin) return null;
  }
  return { start, end };
}

/** Whether the character at `i` joins the word characters on either side of it into one word. */
function joins(text: string, i: number): boolean {
  const ch = text[i];
  if (ch === undefined || i === 0 || i + 1 >= text.length) return false;
  const before = charBefore(text, i);
  const after = charAt(text, i + 1);
  if (IN_WORD.has(ch)) return isWord(before) && isWord(after);
  if (IN_NUMBER.has(ch)) return DIGIT.test(before) && DIGIT.test(after);
  return false;
}

function segmentBoundary(text: string, i: number): boolean {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  const from = Math.max(0, i - SEGMENT_WINDOW);
  const window = text.slice(from, Math.min(text.length, i + SEGMENT_WINDOW));
  for (const { index } of segmenter.segment(window)) {
    if (from + index === i) return true;
    if (from + index > i) return false;
  }
  return false;
}

function isWord(ch: string): boolean {
  return ch !== '' && WORD.test(ch);
}

/** The code point ending at `i` (a surrogate pair counts as one character). */
function charBefore(text: string, i: number): string {
  const code = text.charCodeAt(i - 1);
  return code >= 0xdc00 && code <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text.slice(i - 1, i);
}

/** The code point starting at `i`. */
function charAt(text: string, i: number): string {
  const point = text.codePointAt(i);
  return point === undefined ? '' : String.fromCodePoint(point);
}
