import { describe, expect, it } from 'vitest';
import { splitsWord, wholeWords } from '../../src/citations/boundaries.js';
import { verifyQuote } from '../../src/citations/gate.js';
import { buildStory } from '../../src/story/build-story.js';

const story = (text: string) => buildStory({ text, source: { kind: 'text', ref: 'test' } });
const at = (text: string, marker: string) => text.indexOf(marker);

describe('splitsWord', () => {
  it('is false between words and at the ends of the text', () => {
    const text = 'Up to 30,000 troops.';
    expect(splitsWord(text, 0)).toBe(false);
    expect(splitsWord(text, 2)).toBe(false);
    expect(splitsWord(text, text.length)).toBe(false);
    expect(splitsWord(text, text.length - 1)).toBe(false);
  });

  it('is true inside a word, a number with separators and a decimal', () => {
    const text = 'Nothing moved: 30,000 troops and 3.5 billion.';
    expect(splitsWord(text, 3)).toBe(true);
    expect(splitsWord(text, at(text, ',000'))).toBe(true);
    expect(splitsWord(text, at(text, '000'))).toBe(true);
    expect(splitsWord(text, at(text, '.5'))).toBe(true);
    expect(splitsWord(text, at(text, '5 billion'))).toBe(true);
  });

  it('keeps hyphenated words and apostrophes inside one word, but not an em dash or a comma after a word', () => {
    const text = "anti-war Starmer's don’t support—not 30, then";
    expect(splitsWord(text, at(text, '-war'))).toBe(true);
    expect(splitsWord(text, at(text, "'s"))).toBe(true);
    expect(splitsWord(text, at(text, 't support') - 1)).toBe(true);
    expect(splitsWord(text, at(text, '—not'))).toBe(false);
    expect(splitsWord(text, at(text, '—not') + 1)).toBe(false);
    expect(splitsWord(text, at(text, ', then'))).toBe(false);
  });

  it('treats Cyrillic and Greek like Latin: letters in a row are one word', () => {
    const ru = 'Путину сказали нет';
    expect(splitsWord(ru, 5)).toBe(true);
    expect(splitsWord(ru, 6)).toBe(false);
    const el = 'Η κυβέρνηση αρνήθηκε';
    expect(splitsWord(el, at(el, 'νηση'))).toBe(true);
    expect(splitsWord(el, at(el, ' αρνήθηκε'))).toBe(false);
  });

  it('finds boundaries in Chinese and Japanese with the Unicode word segmenter', () => {
    const zh = '我们今天讨论了和平协议的问题';
    expect(splitsWord(zh, at(zh, '和平'))).toBe(false);
    expect(splitsWord(zh, at(zh, '平'))).toBe(true);
    expect(splitsWord(zh, at(zh, '议'))).toBe(true);
    const ja = '東京都に住んでいます';
    expect(splitsWord(ja, at(ja, '京'))).toBe(true);
  });
});

describe('wholeWords', () => {
  it('widens a cut quote to the enclosing words within the margin, else gives null', () => {
    const text = 'Officials discussed sending up to 30,000 personnel.';
    const cut = { start: 0, end: at(text, ',000') };
    expect(wholeWords(text, cut)).toEqual({ start: 0, end: at(text, ' personnel') });
    expect(wholeWords(text, cut, 3)).toBeNull();
    expect(wholeWords(text, { start: 0, end: at(text, ' up') })).toEqual({ start: 0, end: at(text, ' up') });
  });
});

describe('verifyQuote on word boundaries', () => {
  const text = 'Officials had discussed sending up to 30,000 personnel. “Nothing has been decided,” an official said. Growth was 3.5 per cent.';
  const s = story(text);

  it('widens "up to 30" to the number the story gives', () => {
    expect(verifyQuote(s, 'Officials had discussed sending up to 30')?.text).toBe('Officials had discussed sending up to 30,000');
  });

  it('widens "Not" out of "Nothing", and a decimal cut at its point', () => {
    const moment = story('It was a quiet moment. Nothing moved.');
    expect(verifyQuote(moment, '“…moment. Not”')?.text).toBe('moment. Nothing');
    expect(verifyQuote(s, 'Growth was 3')?.text).toBe('Growth was 3.5');
  });

  it('drops a fragment that would need more than the margin to become whole words', () => {
    const long = story('The internationalisation programme began.');
    expect(verifyQuote(long, 'The inter')).toBeNull();
  });

  it('keeps quotes that are already whole words exactly as found', () => {
    expect(verifyQuote(s, 'an official said')?.text).toBe('an official said');
  });

  it('widens inside CJK text to the segmenter’s word', () => {
    const zh = story('我们今天讨论了和平协议的问题。');
    expect(verifyQuote(zh, '讨论了和')?.text).toBe('讨论了和平');
  });
});
