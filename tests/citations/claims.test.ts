import { describe, expect, it } from 'vitest';
import { attributionProblem, claimProblem, commitmentProblem, isNegated, namedIn, numbersIn, supportedBy } from '../../src/citations/claims.js';
import type { CommitmentClaim } from '../../src/citations/claims.js';
import { verifyQuote } from '../../src/citations/gate.js';
import { buildStory } from '../../src/story/build-story.js';
import { TROOPS_TEXT } from '../helpers/troops-story.js';

const story = buildStory({ text: TROOPS_TEXT, source: { kind: 'text', ref: 'troops' } });
const quote = (text: string) => {
  const q = verifyQuote(story, text);
  if (!q) throw new Error(`not in the story: ${text}`);
  return q;
};
const NO_DEPLOYMENT = 'Donald Trump insisted there would be no deployment of American troops on the ground';
const READY = 'Britain is ready to send troops to Ukraine if a peace deal is signed';

describe('supportedBy', () => {
  const FUND = 'the council will fund the first phase from its reserves and will not raise harbour fees this year';

  it('accepts a paraphrase whose content words mostly come from its quotes', () => {
    expect(supportedBy('The council will pay for the first phase from reserves and keep fees where they are.', [FUND])).toBe(true);
    expect(supportedBy('Bayline refused to commit to a winter timetable.', ['The ferry operator, Bayline, refused to commit to a winter timetable.'])).toBe(true);
  });

  it('rejects wording its quotes do not bear out', () => {
    expect(supportedBy('The harbour is closed for good.', [FUND])).toBe(false);
    expect(supportedBy('The mayor resigned amid scandal.', [FUND])).toBe(false);
  });

  it('lets text without content words pass', () => {
    expect(supportedBy('No.', [FUND])).toBe(true);
  });
});

describe('numbersIn', () => {
  it('reads digits with separators, decimals, number words and scales as values', () => {
    expect(numbersIn('up to 30,000 troops')).toEqual(['30000']);
    expect(numbersIn('thirty thousand or 30k or 30 000')).toEqual(['30000', '30000', '30', '0']);
    expect(numbersIn('3.5 thousand, 1.5 million, £40m, twenty-five')).toEqual(['3500', '1500000', '40000000', '25']);
    expect(numbersIn('one of the G7 in the 1990s')).toEqual([]);
  });
});

describe('isNegated', () => {
  it('counts negations: one negates, two cancel', () => {
    expect(isNegated('there would be no deployment')).toBe(true);
    expect(isNegated('we won’t go')).toBe(true);
    expect(isNegated('Bayline refused to commit')).toBe(true);
    expect(isNegated('there would be a deployment')).toBe(false);
    expect(isNegated('he would not rule out sending troops')).toBe(false);
  });

  it('counts a "rejection" and a "declining to" as refusals, but not a declining market', () => {
    expect(isNegated('her rejection of the toll plan')).toBe(true);
    expect(isNegated('the board declining to debate the plan')).toBe(true);
    expect(isNegated('new jobs in declining towns')).toBe(false);
  });
});

describe('namedIn', () => {
  it('accepts the whole name, the surname, a title, a plural and a country alias the text uses', () => {
    expect(namedIn('Trump insisted', 'Donald Trump')).toBe(true);
    expect(namedIn('Mr Starmer said', 'Keir Starmer')).toBe(true);
    expect(namedIn('Port officials met', 'Port official')).toBe(true);
    expect(namedIn('Britain is ready', 'UK')).toBe(true);
    expect(namedIn('Britain is ready', 'the United Kingdom')).toBe(true);
  });

  it('refuses a name the text does not have, or has only inside a word', () => {
    expect(namedIn('Trump insisted', 'Vladimir Putin')).toBe(false);
    expect(namedIn('Trumpeters played', 'Trump')).toBe(false);
    expect(namedIn('Britain is ready', 'France')).toBe(false);
  });
});

describe('claimProblem (points and answers)', () => {
  it('passes a point whose numbers, negation and words its quotes bear out', () => {
    expect(claimProblem('Trump said there would be no deployment of American troops.', [NO_DEPLOYMENT])).toBeNull();
    expect(claimProblem('Officials discussed sending up to 30,000 personnel.', [quote('Officials had discussed sending up to 30,000 personnel').text])).toBeNull();
  });

  it('fails a number the quotes do not give, even one cut out of theirs', () => {
    const q = quote('Officials had discussed sending up to 30,000 personnel').text;
    expect(claimProblem('Officials discussed sending up to 30 personnel.', [q])).toMatch(/number 30\b/u);
    expect(claimProblem('Officials discussed sending up to 40,000 personnel.', [q])).toMatch(/number 40000/u);
  });

  it('fails a claim that affirms what the quote negates, and the reverse', () => {
    expect(claimProblem('There would be a deployment.', [NO_DEPLOYMENT])).toMatch(/negation/u);
    expect(claimProblem('Trump promised a deployment of American troops on the ground.', [NO_DEPLOYMENT])).toMatch(/negation/u);
    expect(claimProblem('Britain is not ready to send troops to Ukraine.', [READY])).toMatch(/negation/u);
  });

  it('fails wording its quotes do not bear out', () => {
    expect(claimProblem('Starmer has already ordered 40,000 troops.', [READY])).not.toBeNull();
  });
});

describe('commitmentProblem', () => {
  const claim = (c: Partial<CommitmentClaim>): CommitmentClaim => ({ actor: 'UK', action: 'send troops to Ukraine', stance: 'conditional', condition: 'a peace deal is signed', ...c });

  it('passes a commitment the quote bears out, with an actor alias the story uses', () => {
    expect(commitmentProblem(story, claim({}), quote(READY))).toBeNull();
    expect(commitmentProblem(story, claim({ actor: 'Donald Trump', action: 'no deployment of American troops', stance: 'refuses', condition: null }), quote(NO_DEPLOYMENT))).toBeNull();
  });

  it('fails an actor not named near the quote, even one named elsewhere in the story', () => {
    expect(commitmentProblem(story, claim({ actor: 'France' }), quote(READY))).toMatch(/actor/u);
    expect(commitmentProblem(story, claim({ actor: 'Vladimir Putin' }), quote(READY))).toMatch(/actor/u);
  });

  it('fails an action with a number or a word not in the quote’s sentence', () => {
    expect(commitmentProblem(story, claim({ action: 'send 20,000 troops to Ukraine' }), quote(READY))).toMatch(/number 20000/u);
    expect(commitmentProblem(story, claim({ action: 'send tanks to Ukraine' }), quote(READY))).toMatch(/tanks/u);
  });

  it('fails a stance the quote’s polarity contradicts', () => {
    const trump = { actor: 'Donald Trump', action: 'deployment of American troops', condition: null };
    expect(commitmentProblem(story, claim({ ...trump, stance: 'commits' }), quote(NO_DEPLOYMENT))).toMatch(/negates/u);
    expect(commitmentProblem(story, claim({ stance: 'refuses', condition: null }), quote(READY))).toMatch(/does not negate/u);
  });

  it('passes `agrees` only on a quote that says they agree, and not on one that says they do not', () => {
    const text = 'Councillor Ama Osei agreed that the Riverside depot should close. Councillor Ben Tull did not agree that the depot should close. The council will close the Riverside depot.';
    const own = buildStory({ text, source: { kind: 'text', ref: 'depot' } });
    const at = (words: string) => verifyQuote(own, words)!;
    const view = (actor: string) => ({ actor, action: 'that the Riverside depot should close', stance: 'agrees' as const, condition: null });
    expect(commitmentProblem(own, view('Ama Osei'), at('Ama Osei agreed that the Riverside depot should close'))).toBeNull();
    expect(commitmentProblem(own, { ...view('Ben Tull'), action: 'that the depot should close' }, at('Ben Tull did not agree that the depot should close'))).toMatch(/negates/u);
    expect(commitmentProblem(own, { ...view('council'), action: 'close the Riverside depot' }, at('The council will close the Riverside depot'))).toMatch(/does not say they agree/u);
  });

  it('fails a condition that is not in the quote’s sentence', () => {
    expect(commitmentProblem(story, claim({ condition: 'Russia withdraws first' }), quote(READY))).toMatch(/condition/u);
  });
});

describe('attributionProblem', () => {
  const official = quote('We will not deploy near the front lines.');

  it('passes a speaker named in or just before the attributed sentence, and a null speaker', () => {
    expect(attributionProblem(story, 'senior official', official)).toBeNull();
    expect(attributionProblem(story, null, official)).toBeNull();
    expect(attributionProblem(story, 'John Healey', quote(READY))).toBeNull();
  });

  it('fails a speaker named only elsewhere in the story', () => {
    expect(attributionProblem(story, 'Vladimir Putin', official)).toMatch(/speaker/u);
    expect(attributionProblem(story, 'Keir Starmer', quote(READY))).toMatch(/speaker/u);
  });
});
