import { describe, expect, it } from 'vitest';
import { countryOf, identify, resolveQuery } from '../../src/ledger/actors.js';
import type { KnownActor } from '../../src/ledger/actors.js';

describe('countries come from the world-countries package', () => {
  it.each(['Britain', 'the UK', 'United Kingdom', 'British government', 'Great Britain', 'UK officials', 'the United Kingdom of Great Britain and Northern Ireland'])(
    '%s is the United Kingdom',
    (name) => expect(countryOf(name)).toEqual({ code: 'GBR', name: 'United Kingdom' }),
  );
  it.each([['France', 'FRA'], ['French government', 'FRA'], ['the US', 'USA'], ['America', 'USA'], ['German', 'DEU']])('%s is %s', (name, code) => {
    expect(countryOf(name)?.code).toBe(code);
  });
  it.each([
    ['Dutch government', 'NLD'], ['the Netherlands', 'NLD'], ['American officials', 'USA'], ['the U.S.', 'USA'], ['U.S. officials', 'USA'],
    ['U.K. negotiators', 'GBR'], ['Russian diplomats', 'RUS'], ['Chinese foreign ministry', 'CHN'], ['Irish government', 'IRL'],
    ['Ukrainian forces', 'UKR'], ['Ukrainian armed forces', 'UKR'],
  ])('the adjective or abbreviated form %s is %s', (name, code) => {
    expect(identify(name)).toMatchObject({ key: `country:${code}`, kind: 'country' });
  });
  it('a word shared by several countries names none of them', () => {
    expect(countryOf('Korea')).toBeUndefined();
    expect(countryOf('Trump')).toBeUndefined();
  });
  it('an ordinary noun at the end of a country name names no country', () => {
    for (const name of ['the city', 'City', 'the islands', 'the republic', 'the kingdom', 'britain']) expect(countryOf(name)).toBeUndefined();
  });
});

describe('identify', () => {
  it('drops titles from people and keys a lone surname apart', () => {
    expect(identify('President Donald Trump')).toMatchObject({ key: 'person:donald trump', name: 'Donald Trump', surname: 'trump' });
    expect(identify('Mr Trump')).toMatchObject({ key: 'surname:trump', surname: 'trump' });
    expect(identify('Trump')).toMatchObject({ key: 'surname:trump' });
  });
  it('drops council and other local titles, and takes the person after a role in a body ("Council leader Priya Lund")', () => {
    for (const name of ['Priya Lund', 'Councillor Priya Lund', 'Cllr Priya Lund', 'Council leader Priya Lund', 'Fenwick Borough Council leader Priya Lund']) {
      expect(identify(name)).toMatchObject({ key: 'person:priya lund', name: 'Priya Lund' });
    }
    expect(identify('Bank of England Governor Andrew Bailey')?.key).toBe('person:andrew bailey');
    expect(identify('Ms Lund')).toMatchObject({ key: 'surname:lund', surname: 'lund' });
    // A role with no name after it leaves the body as the actor.
    expect(identify('Fenwick Borough Council')?.key).toBe('org:FBC');
  });
  it.each([
    ['the United Nations', 'the UN'], ['International Monetary Fund', 'the IMF'], ['World Health Organization', 'the WHO'], ['Fenwick Borough Council', 'FBC'],
  ])('%s and %s are one organisation', (name, abbreviation) => {
    expect(identify(name)?.key).toBe(identify(abbreviation)?.key);
    expect(identify(name)?.kind).toBe('organisation');
  });
  it('keys organisations by their initials, so the name and the abbreviation meet', () => {
    expect(identify('the European Union')?.key).toBe('org:EU');
    expect(identify('the EU')?.key).toBe('org:EU');
    expect(identify('NATO')?.key).toBe('org:NATO');
    expect(identify('Bank of England')?.key).toBe('org:BE');
  });
  it.each(['officials', 'the company', 'he', 'The Government', 'a spokesperson'])('leaves the generic %s out', (name) => {
    expect(identify(name)).toBeUndefined();
  });
});

describe('resolveQuery', () => {
  const person = (name: string, surname: string): KnownActor => ({ name, kind: 'person', surname, entries: 1 });
  it('merges a lone surname with the one full name of that surname', () => {
    const known = { 'person:donald trump': person('Donald Trump', 'trump'), 'surname:trump': person('Trump', 'trump') };
    for (const q of ['Trump', 'Mr Trump', 'President Donald Trump', 'donald trump']) {
      expect(resolveQuery(q, known)).toEqual({ keys: ['person:donald trump', 'surname:trump'], name: 'Donald Trump' });
    }
  });
  it('does not merge a surname two people share', () => {
    const known = {
      'person:ed miliband': person('Ed Miliband', 'miliband'),
      'person:david miliband': person('David Miliband', 'miliband'),
      'surname:miliband': person('Miliband', 'miliband'),
    };
    expect(resolveQuery('Ed Miliband', known)).toEqual({ keys: ['person:ed miliband'], name: 'Ed Miliband' });
    expect(resolveQuery('Miliband', known)).toEqual({ keys: ['surname:miliband'], name: 'Miliband', ambiguous: ['Ed Miliband', 'David Miliband'] });
  });
  it('never hands one person the entries of another of the same surname', () => {
    const known = { 'person:ivanka trump': person('Ivanka Trump', 'trump') };
    expect(resolveQuery('Donald Trump', known)?.keys).toEqual(['person:donald trump']);
  });
});
