import type { Block } from './reply.js';

/** A cited block of a reply. */
export type CitedBlock = Extract<Block, { type: 'cited' }>;

/** Share of words two texts must have in common for one to count as the other. */
const SAME_WORDS = 0.9;

/**
 * Whether a statement says nothing its quote does not: at least 90 % of the words of the
 * longer of the two are words of the other (case, accents and punctuation aside). An
 * extractive point is its sentence, so its text and its quote are the same words.
 */
export function restatesQuote(statement: string, quote: string): boolean {
  const said = words(statement);
  const quoted = words(quote);
  if (said.length === 0 || quoted.length === 0) return false;
  const left = new Map<string, number>();
  for (const word of quoted) left.set(word, (left.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of said) {
    const count = left.get(word) ?? 0;
    if (count > 0) {
      shared++;
      left.set(word, count - 1);
    }
  }
  return shared / Math.max(said.length, quoted.length) >= SAME_WORDS;
}

/**
 * The statement every renderer shows for a cited block, or `null` when the block is to be
 * shown once, as its quote: its text restates one of its quotes. Replies keep both (the JSON
 * output too); only the rendering drops the repeat.
 */
export function shownStatement(block: CitedBlock): string | null {
  // A short lead-in before a colon ("According to the story: …") frames the quote, adds nothing.
  const framed = LEAD_IN.exec(block.text);
  const candidates = framed ? [block.text, block.text.slice(framed[0].length)] : [block.text];
  // An answer drawn from two sentences is their text run together: compare it with all its quotes too.
  const quotes = block.quotes.length > 1 ? [...block.quotes, block.quotes.join(' ')] : block.quotes;
  const repeats = quotes.some((quote) => candidates.some((text) => restatesQuote(text, quote)));
  return repeats ? null : block.text;
}

const LEAD_IN = /^[^:“”"]{1,40}:\s+/u;

function words(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
