import { describe, expect, it } from 'vitest';
import { chunkStory } from '../../../src/engines/openai/chunks.js';
import { buildStory } from '../../../src/story/build-story.js';
import { harbourText } from '../../helpers/articles.js';

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
