import { describe, expect, it } from 'vitest';
import { findQuote, fold } from '../../src/citations/find-quote.js';
import type { Span } from '../../src/story/story.js';

/**
 * The choice among matches with a hint, written the slow way: every occurrence of the first
 * fragment in the story, the one starting at the hint at once, else whole-word matches before
 * those inside words, then the nearest, the earlier on a tie. `findQuote` reads outwards from
 * the hint instead and must choose the same.
 */
function scanAll(story: string, fragments: string[], near: number, maxGap = 400): Span | null {
  const folded = fold(story);
  const word = /[\p{L}\p{N}]/u;
  let best: { span: Span; whole: boolean } | null = null;
  for (let from = folded.text.indexOf(fragments[0]!); from >= 0; from = folded.text.indexOf(fragments[0]!, from + 1)) {
    let end = from + fragments[0]!.length;
    let ok = true;
    for (const fragment of fragments.slice(1)) {
      const next = folded.text.indexOf(fragment, end);
      if (next < 0 || next - end > maxGap) {
        ok = false;
        break;
      }
      end = next + fragment.length;
    }
    if (!ok) continue;
    const span = { start: folded.starts[from]!, end: folded.ends[end - 1]! };
    if (span.start === near) return span;
    const t = folded.text;
    const whole = !((from > 0 && word.test(t[from]!) && word.test(t[from - 1]!)) || (end < t.length && word.test(t[end - 1]!) && word.test(t[end]!)));
    if (!best || (whole !== best.whole ? whole : Math.abs(span.start - near) < Math.abs(best.span.start - near))) best = { span, whole };
  }
  return best?.span ?? null;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = ['he said', 'said', 'the', 'then', 'other', 'he', 'she', '“no”', '—', 'said.', 'resaid', 'theme', 'council', '…'];

describe('findQuote with a hint', () => {
  it('chooses the same match as scanning every occurrence, for hints anywhere', () => {
    const next = random(11);
    for (let round = 0; round < 300; round++) {
      const parts = Array.from({ length: 20 + Math.floor(next() * 60) }, () => WORDS[Math.floor(next() * WORDS.length)]!);
      const story = parts.join(next() < 0.5 ? ' ' : '  ');
      const quote = WORDS[Math.floor(next() * 6)]!;
      for (let k = 0; k < 20; k++) {
        const near = Math.floor(next() * (story.length + 20)) - 10;
        expect(findQuote(story, quote, { near }), `${JSON.stringify(story)} ${quote} near ${near}`).toEqual(scanAll(story, [quote], near));
      }
    }
  });

  it('chooses the same for a quote with an ellipsis, whose fragments must follow in order', () => {
    const next = random(5);
    for (let round = 0; round < 200; round++) {
      const story = Array.from({ length: 40 }, () => WORDS[Math.floor(next() * 6)]!).join(' ');
      for (let k = 0; k < 10; k++) {
        const near = Math.floor(next() * story.length);
        expect(findQuote(story, 'he … the', { near, maxGap: 12 })).toEqual(scanAll(story, ['he', 'the'], near, 12));
      }
    }
  });

  it('prefers a whole-word match far from the hint to one inside a word at it', () => {
    const story = `the other ${'x '.repeat(300)}he went`;
    expect(findQuote(story, 'he', { near: 0 })).toEqual({ start: story.lastIndexOf('he'), end: story.lastIndexOf('he') + 2 });
  });

  it('takes the earlier of two whole-word matches as near as each other to the hint', () => {
    const story = 'said x said';
    expect(findQuote(story, 'said', { near: 3 })).toEqual({ start: 0, end: 4 });
  });
});

/** Folding written the plain way: a regular expression test and a string per character. */
function foldByCharacter(original: string): { text: string; starts: number[]; ends: number[] } {
  const map: Record<string, string> = { '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '«': '"', '»': '"', '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '`': "'", '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-', '\u00a0': ' ' };
  const text: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let pending = -1;
  for (let i = 0; i < original.length; i++) {
    const ch = map[original[i]!] ?? original[i]!;
    if (/\s/u.test(ch)) {
      if (pending < 0) pending = i;
      continue;
    }
    if (pending >= 0 && text.length > 0 && ch !== '-' && text.at(-1) !== '-') {
      text.push(' ');
      starts.push(pending);
      ends.push(pending + 1);
    }
    pending = -1;
    text.push(ch);
    starts.push(i);
    ends.push(i + 1);
  }
  return { text: text.join(''), starts, ends };
}

describe('fold', () => {
  it('folds as character-by-character folding does, surrogates and every kind of space included', () => {
    const alphabet = ['a', 'Z', ' ', '\u00a0', '\t', '\n', '\r', '—', '-', '–', '“', '”', '’', '`', '\ud83d', '\ude00', '\u2028', '\ufeff', '\u3000', '\u200b', 'é', '…'];
    const next = random(3);
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');
      const folded = fold(text);
      expect({ text: folded.text, starts: Array.from(folded.starts), ends: Array.from(folded.ends) }, JSON.stringify(text)).toEqual(foldByCharacter(text));
    }
  });
});
