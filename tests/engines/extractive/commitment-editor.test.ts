import { describe, expect, it } from 'vitest';
import { gateCommitments } from '../../../src/citations/gate.js';
import type { Commitment } from '../../../src/citations/gate.js';
import { commitments } from '../../../src/engines/extractive/commitments.js';
import { buildStory } from '../../../src/story/build-story.js';
import { readHeader } from '../../../src/story/header.js';

/** Commitments of `text` as the CLI reads a .txt file: header out of the body, through the gate. */
function read(text: string): Commitment[] {
  const header = readHeader(text);
  const story = buildStory({ text, meta: header.meta, bodyStart: header.bodyStart, source: { kind: 'text', ref: 'test' } });
  const gated = gateCommitments(story, commitments(story));
  expect(gated.dropped).toBe(0);
  for (const c of gated.value) expect(c.quote.text).toBe(story.text.slice(c.quote.start, c.quote.end));
  return gated.value;
}

function find(found: Commitment[], words: string): Commitment {
  const hit = found.find((c) => c.quote.text.includes(words));
  expect(hit, `${words}\n${found.map((c) => `${c.stance} ${c.quote.text}`).join('\n')}`).toBeDefined();
  return hit!;
}

const HEADED = `Dockers not ready to end strike at Port Arden
Arden Herald
3 March 2026

The dockers' union, the Port Workers Guild, met the port's owners on Monday. Its secretary, Ana Reyes, said the union would not return to work this week, but it will keep the ferry berth open.
`;

describe('commitments an editor would list', () => {
  it('reads a refusal in the headline, which the header keeps out of the body', () => {
    const refusal = find(read(HEADED), 'Dockers not ready to end strike');
    expect(refusal).toMatchObject({ stance: 'refuses', actor: 'Dockers', action: 'end strike at Port Arden' });
  });

  it('gives a headline actor the fuller name the body gives it, and keeps one the body never expands', () => {
    const clipped = `Kelby council refuses to reopen Mill Lane baths
Kelby Gazette
4 March 2026

Kelby Metropolitan Borough Council said on Tuesday that the baths would stay shut.
`;
    expect(find(read(clipped), 'Kelby council refuses')).toMatchObject({ stance: 'refuses', actor: 'Kelby Metropolitan Borough Council' });
    const unexpanded = clipped.replace('Kelby Metropolitan Borough Council said', 'Its leader said');
    expect(find(read(unexpanded), 'Kelby council refuses').actor).toBe('Kelby council');
  });

  it('names a common-noun actor as the story named it, and "it" after "but" as the same body', () => {
    const found = read(HEADED);
    expect(find(found, 'the union would not return to work')).toMatchObject({ stance: 'refuses', actor: 'Port Workers Guild' });
    expect(find(found, 'keep the ferry berth open')).toMatchObject({ stance: 'commits', actor: 'Port Workers Guild' });
  });

  it('keeps a hedge in the action: "expected to announce", "plans to" and "could" are never a plain pledge', () => {
    const found = read(
      'Mayor Lena Ortiz is expected to announce that the city will reopen the Elm Street library in June. ' +
        'Officials said the city plans to sell the old depot.',
    );
    expect(find(found, 'reopen the Elm Street library')).toMatchObject({ stance: 'considering', action: 'expected to announce: reopen the Elm Street library in June' });
    expect(find(found, 'plans to sell the old depot')).toMatchObject({ stance: 'considering', action: 'plans to sell the old depot' });
  });

  it('reads "…, but not in …" and "—not the demolition of …" as refusals, with no double negative', () => {
    const found = read(
      'Officials said the troops could be sent to guard the border, but not in places that could lead to fighting. ' +
        'According to ministers, the plan covers repairs—not the demolition of the old hospital.',
    );
    expect(find(found, 'not in places')).toMatchObject({ stance: 'refuses', action: 'sent in places that could lead to fighting' });
    expect(find(found, 'not the demolition')).toMatchObject({ stance: 'refuses', actor: 'ministers', action: 'demolition of the old hospital' });
    const none = read('Lena Ortiz said there would be no increase in parking fees.');
    expect(find(none, 'no increase')).toMatchObject({ stance: 'refuses', action: 'increase in parking fees' });
  });

  it('reads an "only … possible if" condition and support someone gives', () => {
    const found = read(
      'The talks are a step toward a ceasefire in the north, which, according to Omar Said, will only be possible if both sides withdraw. ' +
        '“So Ortiz giving her support to the housing plan changed everything,” one aide said.',
    );
    expect(find(found, 'a ceasefire in the north')).toMatchObject({ stance: 'conditional', actor: 'Omar Said', condition: 'both sides withdraw' });
    expect(find(found, 'Ortiz giving her support')).toMatchObject({ stance: 'commits', action: 'support the housing plan' });
  });

  it('never takes a condition from the sentence before', () => {
    const found = read('The council will meet if the budget passes. “We could then hire two planners,” Lena Ortiz said.');
    expect(find(found, 'could then hire two planners')).toMatchObject({ stance: 'considering', condition: null, actor: 'Lena Ortiz' });
  });

  it('cuts a long action where it still reads whole, never after "what it is" or inside "$18 million"', () => {
    const found = read(
      'Officials said the agency plans to use the hearings to explain to the residents of the valley what it is prepared to do. ' +
        'The senator promised to end the wasteful program that costs the state about $18 million a year in fees.',
    );
    expect(find(found, 'use the hearings').action).toBe('plans to use the hearings to explain to the residents of the valley');
    expect(find(found, 'wasteful program').action).toBe('end the wasteful program that costs the state about $18 million');
  });
});

describe('commitments: where the content starts and stops', () => {
  it('skips a time or place between the verb and its "to"', () => {
    const found = read('Lena Ortiz promised Sunday at a town hall to reopen the Elm Street library. The union agreed in 2011 to a two-tier wage system.');
    expect(find(found, 'reopen the Elm Street library').action).toBe('reopen the Elm Street library');
    expect(find(found, 'two-tier wage system').action).toBe('a two-tier wage system');
  });

  it('ends a pledge’s quote before a negation that is not the pledge’s', () => {
    const c = find(read('The city agreed to pay $2 million to settle a claim over equipment that was never delivered.'), 'agreed to pay');
    expect(c).toMatchObject({ stance: 'commits', action: 'pay $2 million to settle a claim over equipment' });
    expect(c.quote.text).toBe('The city agreed to pay $2 million to settle a claim over equipment');
  });
});

describe('agreement with a view: stance agrees, never a pledge', () => {
  const AGREEMENTS =
    'Councillor Ama Osei agreed that the Riverside depot should close. ' +
    'The Tenants Forum agrees with the council’s plan for the estate. ' +
    'The two parties broadly agreed on a freeze of harbour fees. ' +
    'Analysts agree the new levy will hit small traders hardest. ' +
    'The drivers’ union agreed to end the strike on Friday.';

  it('reads "agreed that", "agrees with", "agreed on" and a bare clause as agrees, with the view as the action', () => {
    const found = read(AGREEMENTS);
    expect(find(found, 'agreed that the Riverside depot')).toMatchObject({ actor: 'Councillor Ama Osei', stance: 'agrees', action: 'that the Riverside depot should close' });
    expect(find(found, 'agrees with the council’s plan')).toMatchObject({ actor: 'Tenants Forum', stance: 'agrees', action: 'with the council’s plan for the estate' });
    expect(find(found, 'agreed on a freeze')).toMatchObject({ stance: 'agrees', action: 'on a freeze of harbour fees' });
    expect(find(found, 'agree the new levy')).toMatchObject({ actor: 'Analysts', stance: 'agrees', action: 'the new levy will hit small traders hardest' });
  });

  it('keeps "agreed to" an act a pledge, and "an agreement with X to" one too', () => {
    const found = read(AGREEMENTS + ' The Tenants Forum signed an agreement with Calder Homes to repair the roofs.');
    expect(find(found, 'agreed to end the strike')).toMatchObject({ stance: 'commits', action: 'end the strike on Friday' });
    expect(find(found, 'agreement with Calder Homes').stance).toBe('commits');
  });

  it('reads no agreement where the story says none, or says nothing agreed', () => {
    const found = read(
      'Councillor Ama Osei did not agree that the depot should close. ' +
        'Residents don’t agree with the plan for the estate. ' +
        'Most members can agree on. ' +
        'The harbour master agreed the terms.',
    );
    expect(found.filter((c) => c.stance === 'agrees')).toEqual([]);
  });
});
