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

  it('does not take a headline\'s opening word or title-case words for part of a name', () => {
    const headline = new NameIndex('Why Sanders lags on black vote. CNN Just Responded To Trump’s Demand. Senator Bernie Sanders spoke. Donald Trump spoke.');
    expect(headline.canonical('Sanders')).toBe('Bernie Sanders');
    expect(headline.canonical('Trump')).toBe('Donald Trump');
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
    // "Outside Carrier's plant": a preposition, and what is left is one word, no full name.
    expect(new NameIndex("Outside Carrier's plant, workers waited.").canonical('Carrier')).toBe('Carrier');
  });
});

describe('NameIndex: what is not part of a name', () => {
  it('learns a surname without the possessive it first appears with', () => {
    expect(new NameIndex("Maria Okafor's plan was praised. Okafor spoke next.").canonical('Okafor')).toBe('Maria Okafor');
  });

  it('learns a full name without the party written before it', () => {
    const names = new NameIndex('Democrat Jonas Pike won the county. Republican Party officials conceded.');
    expect(names.canonical('Pike')).toBe('Jonas Pike');
    expect(names.canonical('Party')).toBe('Republican Party');
  });
});

describe('NameIndex.lastPersonBefore', () => {
  const text = 'Amy Lee spoke. Tom Leeds came. The ALee brand sold. Omar Al-sayed, Jo F. Lee and she left.';
  /** The surnames the index learns from `text`, first learnt first, and the lookup by them. */
  const learnt: Array<[string, string]> = [
    ['Lee', 'Amy Lee'],
    ['Leeds', 'Tom Leeds'],
    ['Al-sayed', 'Omar Al-sayed'],
  ];
  const naive = (at: number): string | null => {
    let last: { name: string; index: number } | null = null;
    for (const [surname, full] of learnt) {
      const index = text.lastIndexOf(surname, at);
      if (index >= 0 && (!last || index > last.index)) last = { name: full, index };
    }
    return last?.name ?? null;
  };

  it('finds, at every offset, the surname that starts last at or before it, inside words too', () => {
    const names = new NameIndex(text);
    for (let at = -2; at <= text.length + 2; at++) expect(names.lastPersonBefore(text, at), `at ${at}`).toBe(naive(at));
  });

  it('gives a surname that starts where another does to the one learnt first', () => {
    expect(new NameIndex(text).lastPersonBefore(text, text.indexOf('Leeds') + 2)).toBe('Amy Lee');
  });

  it('answers for the text it is asked about, not only the one it learnt from', () => {
    const names = new NameIndex(text);
    expect(names.lastPersonBefore(text, text.length)).toBe('Amy Lee');
    expect(names.lastPersonBefore('Leeds won.', 5)).toBe('Amy Lee');
    expect(names.lastPersonBefore('Al-sayed won.', 5)).toBe('Omar Al-sayed');
    expect(names.lastPersonBefore('Nobody here.', 12)).toBeNull();
  });
});
