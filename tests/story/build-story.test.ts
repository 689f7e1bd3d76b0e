import { describe, expect, it } from 'vitest';
import { buildStory, storyId } from '../../src/story/build-story.js';
import { splitParagraphs } from '../../src/story/paragraphs.js';
import { InputError } from '../../src/errors.js';
import { HAS_SHARED, readSeed } from '../helpers/shared.js';

const source = { kind: 'text' as const, ref: 'test' };

describe('splitParagraphs', () => {
  it('treats each line of pasted news text as a paragraph', () => {
    const text = 'First paragraph here.\nSecond paragraph here.\n';
    expect(splitParagraphs(text).map((p) => text.slice(p.start, p.end))).toEqual([
      'First paragraph here.',
      'Second paragraph here.',
    ]);
  });

  it('joins a hard-wrapped block into one paragraph', () => {
    const text = 'The council voted on Monday to build\na flood wall along the quay after\nthree bad winters.\n\nNext paragraph.';
    const spans = splitParagraphs(text);
    expect(spans).toHaveLength(2);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toContain('along the quay after\nthree bad winters.');
  });

  it('skips blank lines and trims whitespace without moving offsets', () => {
    const text = '  \n\n  Indented line.  \n\n\n';
    const [only] = splitParagraphs(text);
    expect(text.slice(only!.start, only!.end)).toBe('Indented line.');
  });
});

describe('buildStory', () => {
  it('keeps the text exactly and gives every sentence offsets into it', () => {
    const text = 'Headline\r\n\r\nThe U.S. said no. Britain said yes.\r\n';
    const story = buildStory({ text, source });
    expect(story.text).toBe(text);
    expect(story.sentences.map((s) => text.slice(s.start, s.end))).toEqual(['Headline', 'The U.S. said no.', 'Britain said yes.']);
    for (const s of story.sentences) {
      const paragraph = story.paragraphs[s.paragraph]!;
      expect(s.start).toBeGreaterThanOrEqual(paragraph.start);
      expect(s.end).toBeLessThanOrEqual(paragraph.end);
    }
  });

  it('hashes the content: same text, same hash; different text, different hash', () => {
    const a = buildStory({ text: 'One story.', source });
    const b = buildStory({ text: 'One story.', source: { kind: 'file', ref: 'elsewhere.txt' } });
    const c = buildStory({ text: 'Another story.', source });
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(b.hash);
    expect(a.id).toBe(b.id);
    expect(c.hash).not.toBe(a.hash);
  });

  it('keeps the id of a story with a URL when its text is edited', () => {
    const url = 'https://news.example/story';
    const before = buildStory({ text: 'First version.', meta: { url }, source });
    const after = buildStory({ text: 'Corrected version.', meta: { url }, source });
    expect(after.id).toBe(before.id);
    expect(after.hash).not.toBe(before.hash);
  });

  it('prefers the canonical URL for the id', () => {
    const id = storyId({ canonicalUrl: 'https://news.example/a', url: 'https://news.example/a?utm=x' }, 'h');
    expect(id).toBe(storyId({ canonicalUrl: 'https://news.example/a', url: null }, 'other'));
  });

  it('refuses empty text', () => {
    expect(() => buildStory({ text: ' \n ', source })).toThrow(InputError);
  });

  it.skipIf(!HAS_SHARED)('splits the seed story into its glued sentences', () => {
    const story = buildStory({ text: readSeed(), source });
    const texts = story.sentences.map((s) => story.text.slice(s.start, s.end));
    expect(texts).toContain('Radakin is expected to confirm that the UK will provide troops to support logistics and training, but will not deploy them near Russia.');
    expect(texts).toContain('The Guardian reports.');
    expect(texts.filter((t) => t.includes('U.S.'))).toHaveLength(3);
  });
});
