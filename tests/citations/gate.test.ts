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
