import type { Span, Story } from '../../story/story.js';

/**
 * Splits a story into consecutive spans of at most `maxChars` characters, cutting between
 * paragraphs where it can, else between sentences, else anywhere. Together the spans cover
 * every paragraph; a story that fits is one span.
 */
export function chunkStory(story: Story, maxChars: number): Span[] {
  const pieces: Span[] = [];
  for (const paragraph of story.paragraphs.length > 0 ? story.paragraphs : [{ start: 0, end: story.text.length }]) {
    if (paragraph.end - paragraph.start <= maxChars) {
      pieces.push(paragraph);
      continue;
    }
    const sentences = story.sentences.filter((s) => s.start >= paragraph.start && s.end <= paragraph.end);
    for (const sentence of sentences.length > 0 ? sentences : [paragraph]) {
      for (let start = sentence.start; start < sentence.end; start += maxChars) {
        pieces.push({ start, end: Math.min(sentence.end, start + maxChars) });
      }
    }
  }
  const chunks: Span[] = [];
  for (const piece of pieces) {
    const last = chunks[chunks.length - 1];
    if (last && piece.end - last.start <= maxChars) last.end = piece.end;
    else chunks.push({ ...piece });
  }
  return chunks;
}
