import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, splitSentences } from '../../src/story/sentences.js';

function sentences(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

describe('splitSentences', () => {
  it('cuts a run of text without a full stop into pieces no longer than the limit, at a comma or a space', () => {
    const text = Array.from({ length: 600 }, (_, i) => `Smith${i} said the plan, which`).join(' ') + ' would fail.';
    const spans = splitSentences(text);
    expect(spans.length).toBeGreaterThan(text.length / MAX_SENTENCE_CHARS);
    for (const span of spans) expect(span.end - span.start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    // Pieces end after a comma (or at the text's end), and together they cover the text.
    for (const span of spans.slice(0, -1)) expect(text[span.end - 1]).toBe(',');
    expect(spans[0]!.start).toBe(0);
    expect(spans.at(-1)!.end).toBe(text.length);
    for (let i = 1; i < spans.length; i++) expect(text.slice(spans[i - 1]!.end, spans[i]!.start)).toMatch(/^\s*$/u);
  });

  it('keeps a long real sentence whole', () => {
    const clause = 'the council said the new wall would protect the harbour from the winter storms';
    const sentence = `${Array.from({ length: 14 }, () => clause).join(', and ')}.`;
    expect(sentence.length).toBeGreaterThan(1000);
    expect(sentence.length).toBeLessThan(MAX_SENTENCE_CHARS);
    expect(splitSentences(`${sentence} Then it rained.`)).toHaveLength(2);
  });

  it('splits plain sentences', () => {
    expect(sentences('The vote passed. Work starts in March.')).toEqual(['The vote passed.', 'Work starts in March.']);
  });

  it('keeps "U.S." inside a sentence', () => {
    expect(sentences('The U.S. military said so. It was late.')).toEqual(['The U.S. military said so.', 'It was late.']);
  });

  it('ends a sentence at "U.S." when a new sentence clearly starts', () => {
    expect(sentences('He moved to the U.S. The move was hard.')).toEqual(['He moved to the U.S.', 'The move was hard.']);
  });

  it('keeps titles such as "Mr." and "Dr." with the name', () => {
    expect(sentences('Mr. Smith met Dr. Jones. They talked.')).toEqual(['Mr. Smith met Dr. Jones.', 'They talked.']);
  });

  it('keeps "Sept. 11" together', () => {
    expect(sentences('On Sept. 11 the towers fell. Nobody forgot.')).toEqual(['On Sept. 11 the towers fell.', 'Nobody forgot.']);
  });

  it('keeps "No. 10" together', () => {
    expect(sentences('He went to No. 10 Downing Street. It was raining.')).toEqual([
      'He went to No. 10 Downing Street.',
      'It was raining.',
    ]);
  });

  it('keeps initials with the name', () => {
    expect(sentences('John F. Kennedy spoke first. J. R. R. Tolkien wrote later.')).toEqual([
      'John F. Kennedy spoke first.',
      'J. R. R. Tolkien wrote later.',
    ]);
  });

  it('ends a sentence after a quotation that ends in ?"', () => {
    expect(sentences('He asked: "Will you go?" Nobody answered.')).toEqual(['He asked: "Will you go?"', 'Nobody answered.']);
  });

  it('ends a sentence after a quotation that ends in ." with curly quotes', () => {
    expect(sentences('She said: “We will go.” Then she left.')).toEqual(['She said: “We will go.”', 'Then she left.']);
  });

  it('does not end a sentence at ?" followed by a lower-case attribution', () => {
    expect(sentences('"Why now?" she asked. "Because."')).toEqual(['"Why now?" she asked.', '"Because."']);
  });

  it('continues after an ellipsis followed by lower case', () => {
    expect(sentences('He paused... and then spoke. It was brief.')).toEqual(['He paused... and then spoke.', 'It was brief.']);
  });

  it('ends a sentence at an ellipsis followed by a capital', () => {
    expect(sentences('Wait… Then came more.')).toEqual(['Wait…', 'Then came more.']);
  });

  it('splits sentences glued together without a space', () => {
    expect(sentences('The Guardian reports.Tony Radakin will attend.')).toEqual(['The Guardian reports.', 'Tony Radakin will attend.']);
  });

  it('does not split domain names or decimals', () => {
    expect(sentences('It ran on global.espreso.tv at 3.5 per cent. Then it stopped.')).toEqual([
      'It ran on global.espreso.tv at 3.5 per cent.',
      'Then it stopped.',
    ]);
  });

  it('returns offsets into the whole text for a region', () => {
    const text = 'Header\n\nFirst one. Second one.';
    const region = { start: 8, end: text.length };
    const spans = splitSentences(text, region);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['First one.', 'Second one.']);
    expect(spans[0]!.start).toBe(8);
  });
});
