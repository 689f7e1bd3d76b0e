import { describe, expect, it } from 'vitest';
import { quoteSegments } from '../../../src/engines/extractive/speech-quotes.js';

function quoted(text: string): string[] {
  return quoteSegments(text, { start: 0, end: text.length }).map((q) => text.slice(q.start, q.end));
}

describe('quoteSegments', () => {
  it('pairs curly, straight and doubled-apostrophe quotation marks', () => {
    expect(quoted("She said “the ferry runs” and he said \"it does not\" and ''we will see.''")).toEqual([
      '“the ferry runs”',
      '"it does not"',
      "''we will see.''",
    ]);
  });

  it('runs a quotation left open to the end of the paragraph', () => {
    expect(quoteSegments('“We will build it', { start: 0, end: 17 })).toEqual([{ start: 0, end: 17, closed: false }]);
  });

  it('reads a ” after a space and against a word as a misprinted opening mark', () => {
    expect(quoted('Readers wrote: ”The fares are too high.” ― Ann Lee')).toEqual(['”The fares are too high.”']);
  });

  it('reads a “ after a full stop and before a space as a misprinted closing mark', () => {
    expect(quoted('“The fares are too high.“ she said.')).toEqual(['“The fares are too high.“']);
  });

  it('ignores a stray closing mark outside any quotation', () => {
    expect(quoted('The boat left.” Then “it came back.”')).toEqual(['“it came back.”']);
  });
});
