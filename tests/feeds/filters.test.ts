import { describe, expect, it } from 'vitest';
import { formatKeywords, matchesKeywords, parseKeywords } from '../../src/feeds/filters.js';

describe('keyword filters', () => {
  it('parses words, quoted phrases and exclusions', () => {
    expect(parseKeywords('Election "City Council" -sport -"transfer window"')).toEqual({
      include: [['election'], ['city', 'council']],
      exclude: [['sport'], ['transfer', 'window']],
    });
  });

  it('passes everything when empty', () => {
    expect(matchesKeywords(parseKeywords(''), 'anything')).toBe(true);
  });

  it('matches any included word, case- and accent-insensitively, as a whole word', () => {
    const filter = parseKeywords('cafe budget');
    expect(matchesKeywords(filter, 'New CAFÉ opens')).toBe(true);
    expect(matchesKeywords(filter, 'The budgets were cut')).toBe(false);
    expect(matchesKeywords(filter, 'Nothing here')).toBe(false);
  });

  it('matches a phrase only as consecutive words', () => {
    const filter = parseKeywords('"city council"');
    expect(matchesKeywords(filter, 'The City Council met')).toBe(true);
    expect(matchesKeywords(filter, 'The council of the city met')).toBe(false);
  });

  it('an excluded term wins over an included one', () => {
    const filter = parseKeywords('election -sport');
    expect(matchesKeywords(filter, 'Election night')).toBe(true);
    expect(matchesKeywords(filter, 'Election of the sport club chair')).toBe(false);
    expect(matchesKeywords(parseKeywords('-sport'), 'Weather')).toBe(true);
  });

  it('treats regular-expression characters as plain text', () => {
    const filter = parseKeywords('.* (a+)+$');
    expect(matchesKeywords(filter, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')).toBe(false);
    expect(matchesKeywords(filter, 'plan a')).toBe(true);
  });

  it('writes a filter back as it would be typed', () => {
    expect(formatKeywords(parseKeywords('Election  "city   council" -Sport'))).toBe('election "city council" -sport');
  });
});
