import { describe, expect, it } from 'vitest';
import { quoteLink } from '../../src/bot/links.js';

describe('quoteLink', () => {
  it('links a short quote by its exact words', () => {
    expect(quoteLink('https://news.example/a', 'the council will act')).toBe('https://news.example/a#:~:text=the%20council%20will%20act');
  });

  it('links a long quote by its first and last four words', () => {
    const quote = 'We cannot ask the boats to pay for the sea getting higher, she said';
    expect(quoteLink('https://news.example/a', quote)).toBe(
      'https://news.example/a#:~:text=We%20cannot%20ask%20the,getting%20higher%2C%20she%20said',
    );
  });

  it('encodes the characters the fragment syntax reserves: dash, comma and ampersand', () => {
    expect(quoteLink('https://news.example/a', 'long-term, fair & open')).toBe(
      'https://news.example/a#:~:text=long%2Dterm%2C%20fair%20%26%20open',
    );
  });

  it('replaces an existing fragment and keeps the query', () => {
    expect(quoteLink('https://news.example/a?id=3#comments', 'yes')).toBe('https://news.example/a?id=3#:~:text=yes');
  });

  it('collapses white space and leaves non-web sources alone', () => {
    expect(quoteLink('https://news.example/a', ' two\n  words ')).toBe('https://news.example/a#:~:text=two%20words');
    expect(quoteLink('file:///tmp/story.txt', 'two words')).toBe('file:///tmp/story.txt');
    expect(quoteLink('https://news.example/a', '   ')).toBe('https://news.example/a');
  });
});
