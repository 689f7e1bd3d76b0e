import { describe, expect, it } from 'vitest';
import { chunkStory } from '../../../src/engines/openai/chunks.js';
import { supportedBy } from '../../../src/engines/openai/support.js';
import { buildStory } from '../../../src/story/build-story.js';
import { harbourText } from '../../helpers/articles.js';

describe('supportedBy', () => {
  const FUND = 'the council will fund the first phase from its reserves and will not raise harbour fees this year';

  it('accepts a paraphrase whose content words mostly come from its quotes', () => {
    expect(supportedBy('The council will pay for the first phase from reserves and keep fees where they are.', [FUND])).toBe(true);
    expect(supportedBy('Bayline refused to commit to a winter timetable.', ['The ferry operator, Bayline, refused to commit to a winter timetable.'])).toBe(true);
  });

  it('rejects wording its quotes do not bear out', () => {
    expect(supportedBy('The harbour is closed for good.', [FUND])).toBe(false);
    expect(supportedBy('The mayor resigned amid scandal.', [FUND])).toBe(false);
  });

  it('lets text without content words pass', () => {
    expect(supportedBy('No.', [FUND])).toBe(true);
  });
});

describe('chunkStory', () => {
  const story = buildStory({ text: harbourText(), source: { kind: 'text', ref: 'harbour' } });

  it('keeps a story that fits as one span', () => {
    expect(chunkStory(story, story.text.length)).toHaveLength(1);
  });

  it('cuts between paragraphs into spans no longer than the limit, in order, covering every paragraph', () => {
    const chunks = chunkStory(story, 600);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.end - chunk.start).toBeLessThanOrEqual(600);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.start).toBeGreaterThanOrEqual(chunks[i - 1]!.end);
    for (const p of story.paragraphs) expect(chunks.some((c) => c.start <= p.start && p.end <= c.end)).toBe(true);
  });

  it('splits a paragraph longer than the limit at sentences, and a sentence longer than it anywhere', () => {
    const chunks = chunkStory(story, 120);
    for (const chunk of chunks) expect(chunk.end - chunk.start).toBeLessThanOrEqual(120);
    const covered = chunks.reduce((n, c) => n + (c.end - c.start), 0);
    const sentences = story.sentences.reduce((n, s) => n + (s.end - s.start), 0);
    expect(covered).toBeGreaterThanOrEqual(sentences);
  });
});
