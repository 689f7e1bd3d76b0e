/**
 * Finds what free text (a point, an answer, an action, a condition) puts inside quotation marks,
 * in any of the usual styles: "…", “…”, „…“, „…”, ”…”, «…», »…«, ‹…›, ›…‹, 「…」, 『…』, '…',
 * ‘…’, ‚…‘ and ’…’. Apostrophes are not quotation marks: a mark between two letters ("don't",
 * "Starmer's") neither opens nor closes, an opening mark must follow the start of the text,
 * a space or an opening bracket or mark, and a closing mark must be followed by the end, a space
 * or punctuation. A single mark that elides the start of a word ("the '90s", "rock 'n' roll",
 * "'til") opens nothing, a single-quote pair around at most two characters is an elision too,
 * and a single mark left unpaired quotes nothing. A double or angle mark
 * left open quotes the rest of the text.
 */

/** Opening mark → the marks that close it. */
const PAIRS: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['“', '”“'],
  ['„', '“”'],
  ['”', '”'],
  ['«', '»'],
  ['»', '«'],
  ['‹', '›'],
  ['›', '‹'],
  ['「', '」'],
  ['『', '』'],
  ["'", "'"],
  ['‘', '’‘'],
  ['‚', '‘’'],
  ['’', '’'],
]);
const SINGLE = new Set(["'", '‘', '‚', '’']);
/** Marks of scripts that need no space before or after them. */
const CJK_MARK = new Set(['「', '」', '『', '』']);
const WORD = /[\p{L}\p{N}\p{M}]/u;
const BEFORE_OPEN = /[\s([{\-–—/"“„«»‹›「『'‘‚:]/u;
const AFTER_CLOSE = /[\s)\]}.,;:!?…\-–—/"”“»«›‹」』'’‘]/u;

/** The stretches of `text` inside quotation marks, outermost first, marks excluded. */
export function inlineQuotes(text: string): string[] {
  const found: string[] = [];
  collect(text, found);
  return found;
}

function collect(text: string, found: string[]): void {
  let i = 0;
  while (i < text.length) {
    const open = text[i]!;
    const closers = PAIRS.get(open);
    if (!closers || !opens(text, i)) {
      i++;
      continue;
    }
    const close = findClose(text, i, closers);
    if (close < 0) {
      if (!SINGLE.has(open) && WORD.test(text.slice(i + 1))) found.push(text.slice(i + 1).trim());
      i++;
      continue;
    }
    const inner = text.slice(i + 1, close);
    if (!(SINGLE.has(open) && inner.trim().length <= 2) && WORD.test(inner)) {
      found.push(inner.trim());
      collect(inner, found);
    }
    i = close + 1;
  }
}

/** What follows a single mark that elides the start of a word rather than opening a quotation. */
const ELISION = /^(?:\d0s|n['’‘]|em|til|tis|twas|cause|bout)(?![\p{L}\p{N}])/iu;

function opens(text: string, i: number): boolean {
  const after = text[i + 1];
  if (after === undefined || /\s/u.test(after)) return false;
  if (SINGLE.has(text[i]!) && ELISION.test(text.slice(i + 1, i + 8))) return false;
  if (CJK_MARK.has(text[i]!)) return true;
  return i === 0 || BEFORE_OPEN.test(text[i - 1]!);
}

function findClose(text: string, open: number, closers: string): number {
  for (let j = open + 2; j < text.length; j++) {
    if (!closers.includes(text[j]!)) continue;
    if (CJK_MARK.has(text[j]!)) return j;
    const before = text[j - 1]!;
    const after = text[j + 1];
    if (/\s/u.test(before)) continue;
    if (after === undefined || AFTER_CLOSE.test(after)) return j;
  }
  return -1;
}
