import { describe, expect, it } from 'vitest';
import { quoteLink, webLink } from '../../src/bot/links.js';

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

  it('collapses white space, and links no source that is not on the web', () => {
    expect(quoteLink('https://news.example/a', ' two\n  words ')).toBe('https://news.example/a#:~:text=two%20words');
    expect(quoteLink('file:///tmp/story.txt', 'two words')).toBeUndefined();
    expect(quoteLink('javascript:alert(1)//', 'two words')).toBeUndefined();
    expect(quoteLink('https://news.example/a', '   ')).toBe('https://news.example/a');
  });

  it('encodes the characters that break a chat link inside the fragment', () => {
    expect(quoteLink('https://news.example/a', 'a (b) [c] | d')).toBe('https://news.example/a#:~:text=a%20%28b%29%20%5Bc%5D%20%7C%20d');
  });
});

describe('webLink', () => {
  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://files.example/a',
    '//news.example/a',
    '/relative/path',
    'not a url',
    '',
  ])('links nothing for %j', (url) => {
    expect(webLink(url)).toBeUndefined();
  });

  it('keeps an ordinary http(s) address as it is', () => {
    expect(webLink('https://news.example/2026/a-story?id=3&x=y#top')).toBe('https://news.example/2026/a-story?id=3&x=y#top');
    expect(webLink('http://127.0.0.1:8080/pier')).toBe('http://127.0.0.1:8080/pier');
  });

  it("percent-encodes what would end or split a link: Slack's | and angle brackets, Markdown's brackets and parentheses, white space", () => {
    const link = webLink('https://evil.example/x|Official council statement>')!;
    expect(link).toBe('https://evil.example/x%7COfficial%20council%20statement%3E');
    expect(webLink('https://news.example/a_(b)[c]?q=<d>|e f')).toBe('https://news.example/a_%28b%29%5Bc%5D?q=%3Cd%3E%7Ce%20f');
  });

  it('drops a user name and password, so the link shows its real host', () => {
    expect(webLink('https://council.gov.example@evil.example/statement')).toBe('https://evil.example/statement');
    expect(webLink('https://user:secret@news.example/a')).toBe('https://news.example/a');
  });
});
