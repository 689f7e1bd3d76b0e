import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../../src/engines/extractive/text-index.js';

/** Text with the awkward cases: names inside words, repeats, titles, accents, astral letters. */
const TEXT = [
  'Donald Trump met Ivanka Trump. Trump Trump Trump said Mr. Trump would go.',
  'Ann Lee Lee spoke; McLee and Fleet Street, Leeds and Mr. Paul Ryan, Mrs.  Hill-Smith and Ms. Ana O’Neill.',
  'Miss Jane  Doe, Mr.Smith, Mr. Big Ben Smith, UMr. Cox, José Lee and Émile Lee and Zoë Lee.',
  '(Amy Lee) "Bob Lee" 𝐀nna Lee, Ana\u00a0Lee, Ab\tLee, Ryan. Ryan? F. Jones and Mr. F. Ryan; Mrs. O’Neill’s.',
].join('\n\n');

const SURNAMES = ['Trump', 'Lee', 'Ryan', 'Hill-Smith', 'O’Neill', 'Smith', 'Cox', 'Doe', 'Jones', 'F.', 'Le', 'Ben', 'Street', 'Nobody', 'Fleet', 'L'];

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

describe('TextIndex answers exactly as a search of the whole text', () => {
  const index = new TextIndex(TEXT);

  it.each(SURNAMES)('first names before %s', (surname) => {
    const expected = [...TEXT.matchAll(new RegExp(`\\b(\\p{Lu}\\p{Ll}+)\\s+${escape(surname)}\\b`, 'gu'))].map((m) => m[1]);
    expect(index.firstNamesBefore(surname)).toEqual(expected);
  });

  it.each(SURNAMES)('the title before %s', (surname) => {
    const expected = new RegExp(`\\b(Mr|Mrs|Ms|Miss)\\.?\\s+(?:\\p{Lu}[\\p{L}.'’-]*\\s+){0,2}${escape(surname)}\\b`, 'u').exec(TEXT)?.[1] ?? null;
    expect(index.titleBefore(surname)).toBe(expected);
  });

  it.each([...SURNAMES, 'Ann', 'Ab', 'x', 'Mr. Trump', '', 'LeeLee', 'ee'])('whether %s recurs', (word) => {
    const first = TEXT.indexOf(word);
    expect(index.recurs(word)).toBe(first >= 0 && TEXT.indexOf(word, first + word.length) >= 0);
  });

  it('finds names that repeat only by overlapping themselves as not recurring', () => {
    const overlapping = new TextIndex('the AbAbA case');
    expect(overlapping.recurs('AbA')).toBe(false);
    expect(overlapping.recurs('Ab')).toBe(true);
  });
});
