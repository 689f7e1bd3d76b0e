import { describe, expect, it } from 'vitest';
import {
  gateAnswer,
  gateAttributions,
  gateCommitments,
  gateSummary,
  hasInventedQuote,
  NOT_IN_STORY,
  verifyQuote,
} from '../../src/citations/gate.js';
import { buildStory } from '../../src/story/build-story.js';
import { TROOPS_TEXT } from '../helpers/troops-story.js';

const story = buildStory({
  text: 'The council will fund the wall.\nIt will not raise fees, the leader said.\n',
  source: { kind: 'text', ref: 'test' },
});

describe('verifyQuote', () => {
  it('sets offsets and text from the story, not from the draft', () => {
    const quote = verifyQuote(story, 'council  will fund');
    expect(quote).toEqual({ text: 'council will fund', start: 4, end: 21 });
  });

  it('accepts a draft wrapped in quotation marks', () => {
    expect(verifyQuote(story, '“It will not raise fees”')?.text).toBe('It will not raise fees');
  });

  it('returns null for words not in the story', () => {
    expect(verifyQuote(story, 'the council will raise fees')).toBeNull();
  });
});

describe('hasInventedQuote', () => {
  it('flags quotation marks around words the story does not contain', () => {
    expect(hasInventedQuote(story, 'The leader promised “no new taxes ever”.')).toBe(true);
    expect(hasInventedQuote(story, 'The leader said “It will not raise fees”.')).toBe(false);
    expect(hasInventedQuote(story, 'No quotation marks at all.')).toBe(false);
  });
});

describe('gateSummary', () => {
  it('keeps verified quotes, drops the rest, and counts what it dropped', () => {
    const gated = gateSummary(story, {
      points: [
        { text: 'Funding agreed.', quotes: ['The council will fund the wall.', 'a quote that is not there'] },
        { text: 'Invented.', quotes: ['nothing like this'] },
        { text: 'No quote at all.', quotes: [] },
        { text: 'Says “free parking for all”.', quotes: ['It will not raise fees'] },
      ],
    });
    expect(gated.value.points).toEqual([
      { text: 'Funding agreed.', quotes: [{ text: 'The council will fund the wall.', start: 0, end: 31 }] },
    ]);
    // one bad quote on a kept point, one on a dropped point, one point without quotes,
    // one point with an invented inline quotation
    expect(gated.dropped).toBe(4);
    expect(gated.value.text).toBe('Funding agreed.');
  });
});

describe('gateAttributions', () => {
  it('drops an attribution whose content is not in the story and nulls an unverified cue', () => {
    const gated = gateAttributions(story, [
      { source: 'the leader', speaker: 'Leader', cue: 'declared', content: 'It will not raise fees', direct: false },
      { source: null, speaker: null, cue: null, content: 'the leader resigned', direct: true },
    ]);
    expect(gated.value).toHaveLength(1);
    expect(gated.value[0]!.cue).toBeNull();
    expect(gated.value[0]!.source?.text).toBe('the leader');
    expect(gated.dropped).toBe(2);
  });
});

describe('gateCommitments', () => {
  it('keeps a verified commitment and clears the condition of a non-conditional one', () => {
    const gated = gateCommitments(story, [
      { actor: 'council', actorMention: 'The council', action: 'fund the wall', stance: 'commits', condition: 'ignored', quote: 'The council will fund the wall.' },
      { actor: 'council', actorMention: null, action: 'build a bridge', stance: 'commits', condition: null, quote: 'will build a bridge' },
      { actor: 'council', actorMention: null, action: 'say “we love fees”', stance: 'refuses', condition: null, quote: 'It will not raise fees' },
    ]);
    expect(gated.value).toHaveLength(1);
    expect(gated.value[0]).toMatchObject({ actor: 'council', condition: null, actorMention: { text: 'The council', start: 0, end: 11 } });
    expect(gated.dropped).toBe(2);
  });
});

describe('gateAnswer', () => {
  it('passes a grounded answer with a verified quote', () => {
    const gated = gateAnswer([story], {
      answer: 'It will not raise fees.',
      quotes: [{ storyId: story.id, quote: 'It will not raise fees' }],
      grounded: true,
    });
    expect(gated.value.grounded).toBe(true);
    expect(gated.value.quotes[0]).toMatchObject({ storyId: story.id, start: 32 });
  });

  it('turns a "grounded" answer without any verified quote into "the story does not say"', () => {
    const gated = gateAnswer([story], {
      answer: 'Fees will double.',
      quotes: [{ storyId: story.id, quote: 'fees will double' }],
      grounded: true,
    });
    expect(gated.value).toEqual({ answer: NOT_IN_STORY, quotes: [], grounded: false });
    expect(gated.dropped).toBe(1);
  });

  it('does not accept a quote attributed to another story', () => {
    const gated = gateAnswer([story], {
      answer: 'Yes.',
      quotes: [{ storyId: 'not-this-story', quote: 'It will not raise fees' }],
      grounded: true,
    });
    expect(gated.value.grounded).toBe(false);
  });
});

describe('the gate against the attacks of issue #12', () => {
  const troops = buildStory({ text: TROOPS_TEXT, source: { kind: 'text', ref: 'troops' } });
  const NO_DEPLOYMENT = 'Donald Trump insisted there would be no deployment of American troops on the ground';

  it('widens a quote cut inside a number, and then drops the point that gives the cut number', () => {
    const gated = gateSummary(troops, {
      points: [
        { text: 'Officials discussed sending up to 30 personnel.', quotes: ['Officials had discussed sending up to 30'] },
        { text: 'Officials discussed sending up to 30,000 personnel.', quotes: ['Officials had discussed sending up to 30'] },
      ],
    });
    expect(gated.value.points).toHaveLength(1);
    expect(gated.value.points[0]!.quotes[0]!.text).toBe('Officials had discussed sending up to 30,000');
    expect(gated.dropped).toBe(1);
  });

  it('drops a point with words in single curly quotes that the story does not have', () => {
    const gated = gateSummary(troops, {
      // Its wording and negation agree with the quote: only the invented quotation gives it away.
      points: [{ text: 'An official said they will not deploy ‘to fight Russia on the front lines’.', quotes: ['We will not deploy near the front lines.'] }],
    });
    expect(gated.value.points).toEqual([]);
    expect(gated.dropped).toBe(1);
  });

  it('drops a commitment that turns a refusal into a pledge with a number of its own', () => {
    const gated = gateCommitments(troops, [
      { actor: 'Donald Trump', actorMention: 'Donald Trump', action: 'deploy 20,000 American troops to Ukraine', stance: 'commits', condition: null, quote: NO_DEPLOYMENT },
      { actor: 'Donald Trump', actorMention: 'Donald Trump', action: 'no deployment of American troops on the ground', stance: 'refuses', condition: null, quote: NO_DEPLOYMENT },
    ]);
    expect(gated.value.map((c) => c.stance)).toEqual(['refuses']);
    expect(gated.dropped).toBe(1);
  });

  it('removes Vladimir Putin as the speaker of an official’s words and keeps the words', () => {
    const gated = gateAttributions(troops, [
      { source: 'a senior official', speaker: 'Vladimir Putin', cue: 'said', content: 'Nothing has been decided', direct: true },
    ]);
    expect(gated.value).toHaveLength(1);
    expect(gated.value[0]).toMatchObject({ speaker: null, source: { text: 'a senior official' }, cue: { text: 'said' } });
    expect(gated.dropped).toBe(1);
  });

  it('turns an answer that contradicts its quote into "the story does not say"', () => {
    const gated = gateAnswer([troops], {
      answer: 'Yes: there would be a deployment of American troops.',
      quotes: [{ storyId: troops.id, quote: NO_DEPLOYMENT }],
      grounded: true,
    });
    expect(gated.value).toEqual({ answer: NOT_IN_STORY, quotes: [], grounded: false });
    expect(gated.dropped).toBe(1);
  });

  it('shows no claim from an answer the engine marked not grounded', () => {
    const gated = gateAnswer([troops], { answer: 'Starmer has already ordered 40,000 troops.', quotes: [], grounded: false });
    expect(gated.value).toEqual({ answer: NOT_IN_STORY, quotes: [], grounded: false });
  });
});
