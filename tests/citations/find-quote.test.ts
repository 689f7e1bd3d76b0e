import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findQuote, fold } from '../../src/citations/find-quote.js';
import { HAS_SHARED, readSeed } from '../helpers/shared.js';

const EXAMPLE = readFileSync(new URL('../../examples/harbour-council.txt', import.meta.url), 'utf8');

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const stories = [EXAMPLE, ...(HAS_SHARED ? [readSeed()] : [])];

describe('findQuote', () => {
  it('finds any substring of a story at its own offsets', () => {
    const next = random(7);
    for (const text of stories) {
      for (let i = 0; i < 1500; i++) {
        const start = Math.floor(next() * text.length);
        const end = Math.min(text.length, start + 1 + Math.floor(next() * 200));
        const raw = text.slice(start, end);
        if (!/[\p{L}\p{N}]/u.test(raw)) continue;
        const lead = raw.length - raw.trimStart().length;
        const trail = raw.length - raw.trimEnd().length;
        const span = findQuote(text, raw, { near: start + lead });
        expect(span, JSON.stringify(raw)).toEqual({ start: start + lead, end: end - trail });
      }
    }
  });

  it('never passes text that is not in the story', () => {
    const next = random(11);
    for (const text of stories) {
      for (let i = 0; i < 1500; i++) {
        const start = Math.floor(next() * (text.length - 60));
        const original = text.slice(start, start + 10 + Math.floor(next() * 50));
        const at = Math.floor(next() * original.length);
        const mutated = original.slice(0, at) + 'qx' + original.slice(at + 1);
        const span = findQuote(text, mutated);
        if (span) expect(fold(text.slice(span.start, span.end)).text).toBe(fold(mutated).text.trim());
      }
    }
  });

  it('refuses words that do not occur', () => {
    expect(findQuote(EXAMPLE, 'the council will sell the customs house')).toBeNull();
    expect(findQuote(EXAMPLE, '   ')).toBeNull();
    expect(findQuote(EXAMPLE, '“”')).toBeNull();
  });

  it('tolerates runs of whitespace and line breaks', () => {
    const text = 'The council  will\nfund the first phase.';
    expect(findQuote(text, 'council will fund the first')).toEqual({ start: 4, end: 32 });
  });

  it('tolerates straight or curly quotes and apostrophes', () => {
    const text = 'He said “we can’t wait” today.';
    const span = findQuote(text, '"we can\'t wait"');
    expect(span && text.slice(span.start, span.end)).toBe('“we can’t wait”');
  });

  it('tolerates hyphens, en and em dashes, with or without spaces', () => {
    const text = 'training support—not the deployment';
    const span = findQuote(text, 'support - not the');
    expect(span && text.slice(span.start, span.end)).toBe('support—not the');
  });

  it('reads an ellipsis as omitted text between fragments, in order', () => {
    const text = 'to ensure safe skies, secure seas, and to strengthen the armed forces.';
    const span = findQuote(text, 'to ensure safe skies … the armed forces');
    expect(span && text.slice(span.start, span.end)).toBe('to ensure safe skies, secure seas, and to strengthen the armed forces');
    expect(findQuote(text, 'the armed forces ... to ensure safe skies')).toBeNull();
    expect(findQuote(text, 'to ensure safe skies... the navy')).toBeNull();
  });

  it('does not bridge fragments that are too far apart', () => {
    const text = `Alpha beta. ${'filler words here. '.repeat(40)}Gamma delta.`;
    expect(findQuote(text, 'Alpha beta … Gamma delta', { maxGap: 100 })).toBeNull();
    expect(findQuote(text, 'Alpha beta … Gamma delta', { maxGap: 2000 })).not.toBeNull();
  });

  it('prefers whole words: "he" is not found inside "the"', () => {
    const text = 'the vote, and then he spoke';
    expect(findQuote(text, 'he')).toEqual({ start: 19, end: 21 });
  });

  it('picks the occurrence nearest to a hint', () => {
    const text = 'He said no. Later he said no again.';
    expect(findQuote(text, 'said no', { near: 20 })).toEqual({ start: 21, end: 28 });
    expect(findQuote(text, 'said no')).toEqual({ start: 3, end: 10 });
  });
});
