import { describe, expect, it } from 'vitest';
import { NameIndex, placeOf } from '../../../src/engines/extractive/names.js';

const TEXT = 'Defence Secretary John Healey spoke first. Later Healey met Amira Haddad. She said little.';

describe('NameIndex', () => {
  const names = new NameIndex(TEXT);

  it('resolves a surname to the full name the story introduced, without the title', () => {
    expect(names.canonical('Healey')).toBe('John Healey');
    expect(names.canonical('Ms. Haddad')).toBe('Amira Haddad');
  });

  it('maps places and their adjectives to one name', () => {
    expect(names.canonical('the U.S.')).toBe('US');
    expect(names.canonical('American')).toBe('US');
    expect(names.canonical('the UK')).toBe('UK');
    expect(placeOf('British')).toBe('UK');
    expect(placeOf('council')).toBeNull();
  });

  it('strips determiners from other mentions', () => {
    expect(names.canonical('the regional authority')).toBe('regional authority');
  });

  it('finds the last person named before an offset', () => {
    expect(names.lastPersonBefore(TEXT, TEXT.indexOf('She'))).toBe('Amira Haddad');
    expect(names.lastPersonBefore(TEXT, TEXT.indexOf('Later'))).toBe('John Healey');
    expect(NameIndex.isPronoun('She')).toBe(true);
  });
});

describe('NameIndex titles', () => {
  it('treats abbreviated titles and local offices as titles, not names', () => {
    expect(NameIndex.isTitle('Sen.')).toBe(true);
    expect(NameIndex.isTitle('Smith.')).toBe(false);
    expect(new NameIndex('Councillor Ada Finch spoke.').canonical('Finch')).toBe('Ada Finch');
  });
});

describe('NameIndex: sentence openers', () => {
  it('does not take a capitalised opener as part of a name: "As Michael Dell said"', () => {
    const names = new NameIndex('As Michael Dell said last week, the plant will open.');
    expect(names.canonical('Dell')).toBe('Michael Dell');
  });
});
