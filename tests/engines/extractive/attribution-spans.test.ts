import { describe, expect, it } from 'vitest';
import { attributions } from '../../../src/engines/extractive/attributions.js';
import { buildStory } from '../../../src/story/build-story.js';

/** The content spans the engine reads in `text`, as text. */
function contents(text: string): string[] {
  const story = buildStory({ text, source: { kind: 'text', ref: 'test' } });
  return attributions(story).map((a) => (typeof a.content === 'string' ? a.content : a.content.text));
}

describe('attribution content boundaries', () => {
  it('keeps the "to" of an infinitive after a stance verb', () => {
    expect(contents('The harbour board refused to publish the dredging costs.')).toContain('to publish the dredging costs');
    expect(contents('Councillor Ames wants to close the ferry ramp for a week.')).toContain('to close the ferry ramp for a week');
  });

  it('leaves out a "to" that is a preposition before its object', () => {
    const found = contents('The mayor referred to the flood report twice.');
    expect(found.some((c) => c.startsWith('the flood report'))).toBe(true);
    expect(found.some((c) => c.startsWith('to the'))).toBe(false);
  });
});
