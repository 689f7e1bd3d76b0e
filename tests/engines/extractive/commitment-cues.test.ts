/**
 * Commitments named with a commitment verb or noun that the engine used to miss, or that the
 * citation gate dropped. Each text is written for the test.
 */
import { describe, expect, it } from 'vitest';
import { gateCommitments } from '../../../src/citations/gate.js';
import type { Commitment } from '../../../src/citations/gate.js';
import { visibleActor } from '../../../src/engines/extractive/commitment-actors.js';
import { commitments } from '../../../src/engines/extractive/commitments.js';
import { buildStory } from '../../../src/story/build-story.js';

/** The gated commitments of `text`; the gate must drop none of the drafts. */
function read(text: string): Commitment[] {
  const story = buildStory({ text, source: { kind: 'text', ref: 'test' } });
  const gated = gateCommitments(story, commitments(story));
  expect(gated.dropped, JSON.stringify(commitments(story), null, 2)).toBe(0);
  for (const c of gated.value) expect(c.quote.text).toBe(story.text.slice(c.quote.start, c.quote.end));
  return gated.value;
}

/** The one commitment whose quote contains `words`. */
function about(text: string, words: string): Commitment {
  const found = read(text).filter((c) => c.quote.text.includes(words));
  expect(found, JSON.stringify(read(text), null, 2)).toHaveLength(1);
  return found[0]!;
}

describe('commitment cues: actors the gate can see', () => {
  it('keeps a pronoun’s pledge when the person is named further back than the gate looks (two sentences, and the paragraph)', () => {
    const text =
      'Mayor Lena Ortiz opened the new bus depot on Monday.\n\nAfter cutting the ribbon, she thanked the crews who built it.\n\n' +
      'The depot cost less than planned. Drivers cheered. She pledged to extend the night routes to the harbour.';
    const c = about(text, 'extend the night routes');
    expect(c).toMatchObject({ actor: 'she', stance: 'commits' });
    expect(c.actorMention?.text).toBe('She');
  });

  it('still names the person when the story names them near the pledge', () => {
    const c = about('Lena Ortiz opened the depot. She pledged to extend the night routes to the harbour.', 'extend the night routes');
    expect(c.actor).toBe('Lena Ortiz');
  });

  it('gives a possessive pronoun’s refusal to the pronoun’s subject form', () => {
    const text =
      'Governor Paul Brandt spoke at the port on Friday.\n\nThe crowd was small.\n\nThe weather was poor, and he spoke briefly. ' +
      'His refusal to fund the sea wall angered the fishermen.';
    expect(about(text, 'fund the sea wall')).toMatchObject({ actor: 'he', stance: 'refuses' });
  });
});

describe('commitment cues: "rule out" under a negation', () => {
  it('reads a contracted "wouldn’t rule out" as under consideration', () => {
    expect(about('The governor wouldn’t rule out a second lockdown in the spring.', 'second lockdown').stance).toBe('considering');
  });

  it('reads a contracted "won’t promise" as a refusal, not a pledge', () => {
    expect(about('The mayor won’t promise to reopen the pool this summer.', 'reopen the pool').stance).toBe('refuses');
  });

  it('quotes the negation of a "did not rule out" whose subject is a clause back', () => {
    const c = about('Councillor Ben Ames met the residents and did not rule out a new car park.', 'car park');
    expect(c).toMatchObject({ stance: 'considering', action: 'a new car park' });
    expect(c.quote.text).toContain('did not rule out a new car park');
  });

  it('reads "refused to rule out" as under consideration of what was not ruled out', () => {
    const c = about('Ben Ames refused to rule out a tax on parking - only if it replaced the bridge toll - at the meeting.', 'tax on parking');
    expect(c).toMatchObject({ stance: 'considering', action: 'a tax on parking' });
  });
});

describe('commitment cues: subjects the reader used to miss', () => {
  it('reads a plural noun that is also a speech verb as a subject: "several states have rejected"', () => {
    expect(about('The idea spread as several states have recently rejected bills on night flights.', 'bills on night flights')).toMatchObject({
      actor: 'several states',
      stance: 'refuses',
    });
  });

  it('finds the subject of a second verb across a contracted negation: "don’t see …, and refuse to"', () => {
    const c = about('It is because the young voters don’t see the record, and refuse to look past the free bus passes.', 'look past');
    expect(c).toMatchObject({ actor: 'young voters', stance: 'refuses' });
  });

  it('reads a contracted pronoun as the subject: "she’s worked … with promises to"', () => {
    const c = about('In Leeds, she’s worked to win over tenants with promises to repair every damp flat by spring.', 'repair every damp flat');
    expect(c).toMatchObject({ actor: 'she', stance: 'commits' });
  });

  it('passes over a bracket between the subject and the verb: "Sen. Ann Roe (D-Vt.) refused"', () => {
    expect(about('But Sen. Ann Roe (D-Vt.) refused to back the dam project on Thursday.', 'back the dam project').actor).toBe('Ann Roe');
  });

  it('finds the subject of a verb in brackets: "(Tom Hale defended his son and refused to …"', () => {
    expect(about('(Tom Hale defended his son and refused to condemn the strikers.)', 'condemn the strikers').actor).toBe('Tom Hale');
  });

  it('passes over an aside closed with two apostrophes: "Ann Roe, a host of \'\'The Hour,\'\' refused"', () => {
    expect(about("It was the moment when Ann Roe, a host of ''The Hour,'' refused to read the statement on air.", 'read the statement').actor).toBe('Ann Roe');
  });

  it('gives "After months of refusing to …, X has …" to X', () => {
    const c = about('After months of refusing to apologise for the flooded tunnel, Mayor Ruth Okafor has changed her tone.', 'apologise');
    expect(c).toMatchObject({ actor: 'Ruth Okafor', stance: 'refuses' });
  });
});

describe('commitment cues: what the commitment is', () => {
  it('gives "vowed not to" a refusal of the act, not a double negative', () => {
    expect(about('The union vowed not to sign the new contract.', 'sign the new contract')).toMatchObject({ stance: 'refuses', action: 'sign the new contract' });
    expect(about('The mayor vowed to never raise the bridge toll.', 'bridge toll')).toMatchObject({ stance: 'refuses', action: 'raise the bridge toll' });
  });

  it('reads an agent with a decimal or an abbreviation after "rejected by"', () => {
    const c = about('The tunnel plan was rejected by 59.6 percent of voters.', 'tunnel plan');
    expect(c).toMatchObject({ stance: 'refuses', actor: '59.6 percent of voters' });
    expect(c.quote.text).toBe('The tunnel plan was rejected by 59.6 percent of voters');
  });

  it('reads "his promises of" a thing as promises made by him', () => {
    const c = about('Lena Ortiz spoke last. And his promises of free school meals to every family have been modest.', 'free school meals');
    expect(c).toMatchObject({ stance: 'commits', actor: 'Lena Ortiz' });
    expect(c.action).toContain('free school meals');
  });

  it('does not read "the promise of" a thing, owned by nobody, as a pledge', () => {
    expect(read('The promise of a quiet summer drew tourists to the coast.')).toEqual([]);
  });

  it('reads a "rejection of" by its owner as a refusal the gate keeps', () => {
    expect(about('Lena Ortiz spoke last. Her blunt rejection of the toll plan surprised the council.', 'toll plan')).toMatchObject({ stance: 'refuses', actor: 'Lena Ortiz' });
  });
});

describe('commitment cues: headlines in title case', () => {
  /** The commitments of a story whose first line is its headline, read with the body. */
  const story = (title: string): Commitment[] => read(`${title}\n\nThe mayor spoke to reporters on Monday about the harbour.`);

  it('reads "Ortiz Just Vowed To Never Close The Pool" as a refusal to close it', () => {
    const [c] = story('Ortiz Just Vowed To Never Close The Pool – And Swimmers Cheer');
    expect(c).toMatchObject({ actor: 'Ortiz', stance: 'refuses', action: 'Close The Pool' });
  });

  it('reads "Declining To" as a refusal the gate keeps', () => {
    const [c] = story('Harbour Board Declining To Debate The Toll Plan');
    expect(c).toMatchObject({ stance: 'refuses', action: 'Debate The Toll Plan' });
  });
});

describe('commitment cues: content after the word', () => {
  it('reads the quotation after "vowed," as what was vowed', () => {
    const c = about('Lena Ortiz spoke last. She also vowed, "We are going to rebuild the harbour wall by the spring," to cheers.', 'harbour wall');
    expect(c).toMatchObject({ actor: 'Lena Ortiz', stance: 'commits' });
    expect(c.action).toContain('rebuild the harbour wall');
  });

  it('stands in only a personal pronoun or a proper name for an actor the gate cannot see', () => {
    const text = 'Lena Ortiz met the trust in June.\n\nThe meeting ran late.\n\nTea was served.\n\nThe trust wants a chair who is willing to entertain reforms, and she pledged to find one.';
    const story = buildStory({ text, source: { kind: 'text', ref: 'test' } });
    const span = (words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });
    const draft = (mention: string, quote: string) => ({
      actor: 'Lena Ortiz',
      actorMention: { text: mention, near: text.indexOf(quote) },
      action: 'entertain reforms',
      stance: 'commits' as const,
      condition: null,
      quote: { text: quote, near: text.indexOf(quote) },
    });
    const who = draft('who', 'who is willing to entertain reforms');
    expect(visibleActor(story, who, span('who is willing to entertain reforms'))).toBe(who);
    expect(visibleActor(story, draft('she', 'she pledged to find one'), span('she pledged to find one')).actor).toBe('she');
  });
});

describe('commitment cues: more subjects', () => {
  it('gives "…: By refusing to …, X …" to X, as at the start of a sentence', () => {
    const c = about('That approach backfired: By refusing to admit any fault, Lena Ortiz and Tom Hale prolonged the row.', 'admit any fault');
    expect(c).toMatchObject({ actor: 'Lena Ortiz and Tom Hale', stance: 'refuses' });
  });

  it('does not take a treaty for the person a pronoun stands for', () => {
    const text = 'Lena Ortiz spoke about the Coastal Fishing Partnership.\n\nThe Coastal Fishing Partnership was signed in May. She offered her firmest promise yet that she would not sign it again.';
    expect(about(text, 'firmest promise').actor).not.toMatch(/Partnership/u);
  });
});

describe('commitment cues: a verb that shares the subject of the clause before', () => {
  it('gives ", and vowed to" to the nearest subject when the sentence opens with a phrase', () => {
    const text = 'In a week in which Lena Ortiz has courted farmers and Tom Hale has mocked the unions, and vowed to close the mine, the race tightened.';
    const c = about(text, 'close the mine');
    expect(c).toMatchObject({ actor: 'Tom Hale', stance: 'commits' });
  });
});

describe('commitment cues: not a commitment', () => {
  it('does not read "what she says and promises is …" as a promise', () => {
    expect(read('At the paper, what Lena Ortiz says and promises is now the measure of truth.')).toEqual([]);
  });

  it('names a person, not what they belong to: "the 8th District’s Ann Roe"', () => {
    const c = about("The 5th District's Tom Hale and the 8th District's Ann B. Roe are on the slate and declined to endorse anyone.", 'endorse anyone');
    expect(c.actor).toBe('Ann B. Roe');
  });
});

describe('commitment cues: capitals', () => {
  it('reads a headline in capitals: "HARBOUR BOARD REFUSES TO LOWER FEES"', () => {
    const c = about('HARBOUR BOARD REFUSES TO LOWER FEES The board cited rising costs at the quay.', 'LOWER FEES');
    expect(c).toMatchObject({ stance: 'refuses', action: 'LOWER FEES' });
  });
});
