import type { Span } from '../../story/story.js';

/** A stretch of quoted words, from its opening mark to just after its closing mark. */
export interface QuoteSegment extends Span {
  /** `false` when the paragraph ended before the quotation closed. */
  closed: boolean;
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * The quotations in one paragraph of `text`: curly double quotes, straight double quotes and
 * the doubled apostrophes ('' … '') some wires use. A quotation still open at the end of the
 * paragraph runs to its end, as a quote that goes on in the next paragraph does. Single quotes
 * are left alone: they are apostrophes or quotes nested inside a double-quoted one.
 */
export function quoteSegments(text: string, paragraph: Span): QuoteSegment[] {
  const segments: QuoteSegment[] = [];
  let open = -1;
  for (let i = paragraph.start; i < paragraph.end; i++) {
    const mark = markAt(text, i);
    if (mark === 0) continue;
    const width = mark;
    const ch = text[i]!;
    if (open < 0) {
      // A ” after a space and against a word is a misprinted opening mark; otherwise a stray close.
      if (ch === '”' && !(/\s/u.test(text[i - 1] ?? ' ') && WORD.test(text[i + 1] ?? ''))) continue;
      open = i;
    } else if (ch !== '“' || /[,.!?]/u.test(text[i - 1] ?? '') && /\s/u.test(text[i + 1] ?? ' ')) {
      // A “ right after a comma or full stop and before a space is a misprinted closing mark.
      segments.push({ start: open, end: i + width, closed: true });
      open = -1;
    }
    i += width - 1;
  }
  if (open >= 0) segments.push({ start: open, end: paragraph.end, closed: false });
  return segments;
}

/** The width of the quotation mark at `i` (1, or 2 for ''), or 0 when there is none. */
function markAt(text: string, i: number): number {
  const ch = text[i]!;
  if (ch === '“' || ch === '”' || ch === '"') return 1;
  if (ch === "'" && text[i + 1] === "'" && text[i + 2] !== "'") {
    // '' quotes only when they sit against a word on one side and not inside one.
    const before = text[i - 1] ?? ' ';
    const after = text[i + 2] ?? ' ';
    if (WORD.test(before) && WORD.test(after)) return 0;
    return 2;
  }
  return 0;
}
