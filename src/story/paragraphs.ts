import type { Span } from './story.js';

const TERMINAL = /[.?!:;"”’)\]…]$/u;

/**
 * Splits text into paragraph spans without changing it. Blank lines always separate
 * paragraphs. Inside a block, each line is its own paragraph (news text pasted from the web
 * puts one paragraph per line) unless the block looks hard-wrapped: most of its lines stop
 * mid-sentence, in which case the whole block is one paragraph.
 */
export function splitParagraphs(text: string): Span[] {
  const spans: Span[] = [];
  const blockPattern = /[^\n]*(?:\n(?![ \t\r]*\n)[^\n]*)*/g;
  for (const block of text.matchAll(blockPattern)) {
    const start = block.index;
    const body = block[0];
    if (body.trim() === '') continue;
    const lines = lineSpans(body, start);
    if (isHardWrapped(text, lines)) {
      pushTrimmed(text, { start, end: start + body.length }, spans);
    } else {
      for (const line of lines) pushTrimmed(text, line, spans);
    }
  }
  return spans;
}

function lineSpans(body: string, offset: number): Span[] {
  const lines: Span[] = [];
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i === body.length || body[i] === '\n') {
      lines.push({ start: offset + start, end: offset + i });
      start = i + 1;
    }
  }
  return lines;
}

function isHardWrapped(text: string, lines: Span[]): boolean {
  const content = lines.filter((l) => text.slice(l.start, l.end).trim() !== '');
  if (content.length < 2) return false;
  const open = content.slice(0, -1).filter((l) => !TERMINAL.test(text.slice(l.start, l.end).trimEnd()));
  return open.length / (content.length - 1) >= 0.6;
}

function pushTrimmed(text: string, span: Span, into: Span[]): void {
  let { start, end } = span;
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  if (end > start) into.push({ start, end });
}
