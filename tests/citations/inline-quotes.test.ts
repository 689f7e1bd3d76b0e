import { describe, expect, it } from 'vitest';
import { hasInventedQuote } from '../../src/citations/gate.js';
import { inlineQuotes } from '../../src/citations/inline-quotes.js';
import { buildStory } from '../../src/story/build-story.js';

describe('inlineQuotes', () => {
  it.each([
    ['straight double', 'He said "to fight Russia" today.'],
    ['curly double', 'He said “to fight Russia” today.'],
    ['straight single', "He said 'to fight Russia' today."],
    ['curly single', 'He said ‘to fight Russia’ today.'],
    ['guillemets', 'He said «to fight Russia» today.'],
    ['reversed guillemets', 'He said »to fight Russia« today.'],
    ['single guillemets', 'He said ‹to fight Russia› today.'],
    ['German low-high', 'He said „to fight Russia“ today.'],
    ['low single', 'He said ‚to fight Russia‘ today.'],
    ['Swedish', 'He said ”to fight Russia” today.'],
    ['corner brackets', '他说「to fight Russia」。'],
    ['white corner brackets', '他说『to fight Russia』。'],
  ])('finds the words inside %s marks', (_style, text) => {
    expect(inlineQuotes(text)).toEqual(['to fight Russia']);
  });

  it('finds every quotation, nested ones too', () => {
    expect(inlineQuotes('“a ‘b c’ d” and "e f"')).toEqual(['a ‘b c’ d', 'b c', 'e f']);
  });

  it('does not take apostrophes, possessives or elisions for quotation marks', () => {
    for (const text of [
      "Starmer's plan and the officials' view don't change.",
      'Starmer’s plan and the officials’ view don’t change.',
      "Music of the '90s, rock 'n' roll and the ’80s.",
      'It’s the minister’s call, isn’t it?',
    ]) {
      expect(inlineQuotes(text)).toEqual([]);
    }
  });

  it('takes a double mark left open as quoting the rest of the text', () => {
    expect(inlineQuotes('He promised “to fight Russia on the front lines')).toEqual(['to fight Russia on the front lines']);
  });
});

describe('hasInventedQuote, every style', () => {
  const story = buildStory({ text: 'The minister said the UK would help Ukraine. Starmer’s office agreed.\n', source: { kind: 'text', ref: 't' } });

  it('flags words in any quotation marks that are not in the story', () => {
    for (const mark of [['"', '"'], ['“', '”'], ["'", "'"], ['‘', '’'], ['«', '»'], ['‹', '›'], ['„', '“'], ['「', '」']]) {
      expect(hasInventedQuote(story, `Officials say ${mark[0]}to fight Russia on the front lines${mark[1]}.`)).toBe(true);
      expect(hasInventedQuote(story, `Officials say ${mark[0]}the UK would help Ukraine${mark[1]}.`)).toBe(false);
    }
  });

  it('flags a quotation that is in the story only inside longer words', () => {
    expect(hasInventedQuote(story, 'He said “UK would hel”.')).toBe(true);
  });

  it('lets possessives and contractions through', () => {
    expect(hasInventedQuote(story, "Starmer's office didn't object; the minister's words stand.")).toBe(false);
  });
});
