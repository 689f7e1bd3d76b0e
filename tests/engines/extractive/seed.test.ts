import { beforeAll, describe, expect, it } from 'vitest';
import { gateAnswer, gateAttributions, gateCommitments, gateSummary } from '../../../src/citations/gate.js';
import type { Commitment } from '../../../src/citations/gate.js';
import { ExtractiveEngine } from '../../../src/engines/extractive/extractive-engine.js';
import { buildStory } from '../../../src/story/build-story.js';
import type { Quote, Story } from '../../../src/story/story.js';
import { HAS_SHARED, readSeed, SEED_PATH } from '../../helpers/shared.js';

const engine = new ExtractiveEngine();
const signal = new AbortController().signal;

function expectExact(story: Story, quote: Quote): void {
  expect(quote.text).toBe(story.text.slice(quote.start, quote.end));
}

describe.skipIf(!HAS_SHARED)('extractive engine on the seed story', () => {
  let story: Story;
  let commitments: Commitment[];

  beforeAll(async () => {
    story = buildStory({ text: readSeed(), source: { kind: 'file', ref: SEED_PATH } });
    commitments = gateCommitments(story, await engine.commitments(story, signal)).value;
  });

  function find(stance: Commitment['stance'], words: string): Commitment {
    const found = commitments.find((c) => c.stance === stance && c.quote.text.includes(words));
    expect(found, `${stance}: ${words}\n${commitments.map((c) => `${c.stance} ${c.quote.text}`).join('\n')}`).toBeDefined();
    expectExact(story, found!.quote);
    return found!;
  }

  it('summarises in at least 3 points, each quote an exact slice of the story', async () => {
    const summary = gateSummary(story, await engine.summarise(story, signal));
    expect(summary.value.points.length).toBeGreaterThanOrEqual(3);
    expect(summary.dropped).toBe(0);
    for (const point of summary.value.points) {
      expect(point.quotes.length).toBeGreaterThan(0);
      for (const quote of point.quotes) expectExact(story, quote);
    }
  });

  it('keeps the hedge of "Radakin is expected to confirm that the UK will provide troops": not a plain pledge', () => {
    const hedged = find('considering', 'the UK will provide troops to support logistics and training');
    expect(hedged.actor).toBe('UK');
    expect(hedged.action).toMatch(/^expected to confirm: provide troops/u);
  });

  it('finds that the UK refuses to deploy them near Russia', () => {
    expect(find('refuses', 'will not deploy them near Russia').actor).toBe('UK');
  });

  it('finds that Trump refuses American troops on the ground', () => {
    expect(find('refuses', 'no deployment of American troops on the ground').actor).toBe('Trump');
  });

  it('finds Healey’s pledge that the UK is ready to deploy troops "to ensure safe skies, secure seas…"', () => {
    const pledge = find('commits', 'ready to deploy troops to Ukraine “to ensure safe skies, secure seas');
    expect(pledge.actor).toBe('UK');
    expect(story.text.slice(pledge.quote.start - 200, pledge.quote.start)).toContain('John Healey');
  });

  it('finds that the Coalition of the Resolute agreed to talks with the U.S.', () => {
    expect(find('commits', 'agreed to soon hold talks with the U.S.').actor).toContain('Coalition of the Resolute');
  });

  it('reads "British troops could be deployed" as under consideration, with no condition taken from the sentence before', () => {
    const option = find('considering', 'British troops could be deployed to assist with logistics');
    expect(option.condition).toBeNull();
    expect(option.action).toMatch(/^could be deployed to assist/u);
  });

  it('reads "but not in situations that could lead to direct combat with Russia" as a refusal', () => {
    const refusal = find('refuses', 'not in situations that could lead to direct combat with Russia');
    expect(refusal.action).toBe('deployed in situations that could lead to direct combat with Russia');
  });

  it('reads the ministers’ "not the deployment of battalions that could end up on the front lines"', () => {
    const refusal = find('refuses', 'not the deployment of battalions');
    expect(refusal.actor).toBe('ministers');
    expect(refusal.action).toBe('deployment of battalions that could end up on the front lines');
  });

  it('reads Starmer’s condition: a peace agreement only if the U.S. gives guarantees', () => {
    const condition = find('conditional', 'a peace agreement between Russia and Ukraine, which, according to Keir Starmer, will only be possible');
    expect(condition).toMatchObject({ actor: 'Keir Starmer', action: 'a peace agreement between Russia and Ukraine' });
    expect(condition.condition).toBe('the U.S. is willing to provide security guarantees');
  });

  it('never says "refuses" and "no" together, and never ends an action mid-clause', () => {
    expect(find('refuses', 'no deployment of American troops on the ground').action).toBe('deployment of American troops on the ground');
    for (const c of commitments) expect(c.action).not.toMatch(/\b(?:what|which|it|is|to|the|of)$/u);
    const plan = find('conditional', 'the UK also plans to use these meetings');
    expect(plan.action).toBe('plans to use these meetings to explain to the Trump administration');
    expect(plan.condition).toBe('a peace deal is signed');
  });

  it('takes nothing from the closing "Latest news" boilerplate', async () => {
    const boilerplate = story.text.lastIndexOf('Latest news');
    const attributions = gateAttributions(story, await engine.attributions(story, signal)).value;
    expect(commitments.filter((c) => c.quote.end > boilerplate)).toEqual([]);
    expect(attributions.filter((a) => a.content.end > boilerplate)).toEqual([]);
  });

  it('attributes the direct quotes to their speakers with exact offsets', async () => {
    const attributions = gateAttributions(story, await engine.attributions(story, signal)).value;
    const trump = attributions.find((a) => a.direct && a.content.text.startsWith('You have my assurance'));
    expect(trump?.speaker).toBe('Trump');
    const radakin = attributions.find((a) => a.content.text.startsWith('that the UK will provide troops'));
    expect(radakin?.speaker).toBe('Tony Radakin');
    expect(radakin?.source?.text).toBe('Radakin');
    for (const a of attributions) {
      expectExact(story, a.content);
      if (a.source) expectExact(story, a.source);
      if (a.cue) expectExact(story, a.cue);
    }
  });

  it('answers "Will the US send ground troops?" from Trump’s words', async () => {
    const answer = gateAnswer([story], await engine.answer('Will the US send ground troops?', [story], signal)).value;
    expect(answer.grounded).toBe(true);
    expect(answer.quotes.some((q) => q.text.includes('no deployment of American troops on the ground'))).toBe(true);
  });

  it('says the story does not say what France pledged', async () => {
    const answer = gateAnswer([story], await engine.answer('What did France pledge?', [story], signal)).value;
    expect(answer).toMatchObject({ grounded: false, quotes: [] });
    expect(answer.answer).toMatch(/does not say/u);
  });
});

describe('extractive engine', () => {
  it('stops when its signal is already aborted', async () => {
    const story = buildStory({ text: 'The council will fund the wall.', source: { kind: 'text', ref: 't' } });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(engine.summarise(story, controller.signal)).rejects.toThrow('stop');
  });
});
