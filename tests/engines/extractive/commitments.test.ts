import { describe, expect, it } from 'vitest';
import { gateCommitments } from '../../../src/citations/gate.js';
import type { Commitment } from '../../../src/citations/gate.js';
import { commitments } from '../../../src/engines/extractive/commitments.js';
import { buildStory } from '../../../src/story/build-story.js';

function read(text: string): Commitment[] {
  const story = buildStory({ text, source: { kind: 'text', ref: 'test' } });
  const gated = gateCommitments(story, commitments(story));
  expect(gated.dropped).toBe(0);
  for (const c of gated.value) {
    expect(c.quote.text).toBe(story.text.slice(c.quote.start, c.quote.end));
    if (c.actorMention) expect(c.actorMention.text).toBe(story.text.slice(c.actorMention.start, c.actorMention.end));
  }
  return gated.value;
}

function only(text: string): Commitment {
  const found = read(text);
  expect(found, JSON.stringify(found, null, 2)).toHaveLength(1);
  return found[0]!;
}

describe('commitments: stances', () => {
  it('reads "promised to" as a commitment by its subject', () => {
    const c = only('Mayor Lena Ortiz promised to reopen the Elm Street library by June.');
    expect(c).toMatchObject({ stance: 'commits', actor: 'Lena Ortiz', condition: null });
    expect(c.quote.text).toContain('reopen the Elm Street library by June');
  });

  it('reads a reported "will" as a commitment by the clause subject', () => {
    const c = only('Mayor Lena Ortiz said the council will repave Harbour Road next spring.');
    expect(c).toMatchObject({ stance: 'commits', actor: 'council' });
    expect(c.quote.text).toBe('the council will repave Harbour Road next spring');
  });

  it('reads "agreed to" as a commitment', () => {
    expect(only('The ferry company agreed to run a night service over the holidays.')).toMatchObject({
      stance: 'commits',
      actor: 'ferry company',
    });
  });

  it('reads "refused to" as a refusal', () => {
    expect(only('The rail operator refused to lower fares for students.')).toMatchObject({ stance: 'refuses', actor: 'rail operator' });
  });

  it('reads a reported "won’t" as a refusal', () => {
    expect(only('Lena Ortiz said the city won’t raise parking fees this year.')).toMatchObject({ stance: 'refuses', actor: 'city' });
  });

  it('reads "ruled out" as a refusal', () => {
    expect(only('The finance minister ruled out a new tax on fuel.').stance).toBe('refuses');
  });

  it('reads "declined to comment" as a refusal', () => {
    expect(only('A spokesman for the builder declined to comment on the delay.').stance).toBe('refuses');
  });

  it('reads "would not rule out" as under consideration, not a refusal', () => {
    expect(only('The governor would not rule out a second lockdown.').stance).toBe('considering');
  });

  it('reads "is considering" in reported speech as under consideration', () => {
    expect(only('Officials said the agency is considering a ban on night flights.')).toMatchObject({
      stance: 'considering',
      actor: 'agency',
    });
  });

  it('reads "vowed not to" as a refusal', () => {
    expect(only('The union vowed not to sign the new contract.').stance).toBe('refuses');
  });
});

describe('commitments: conditions', () => {
  it('marks an "if" commitment conditional and keeps the condition text', () => {
    const c = only('The union said it would call off the strike if the company restores the bonus.');
    expect(c.stance).toBe('conditional');
    expect(c.condition).toBe('the company restores the bonus');
  });

  it('turns "unless" into the negated condition', () => {
    const c = only('The club vowed to leave the league unless the stadium is rebuilt.');
    expect(c.stance).toBe('conditional');
    expect(c.condition).toBe('the stadium is not rebuilt');
  });
});

describe('commitments: actors', () => {
  it('keeps "States" in "The United States" before a participle of commitment', () => {
    const c = only('The United States stepped up pressure on China on Saturday, vowing to remain the main guarantor of Asian security for decades to come.');
    expect(c.actorMention?.text).toBe('The United States');
    expect(c.actor).toBe('US');
  });

  it('resolves "X said he will" to the named speaker', () => {
    const c = only('Council leader Tom Reyes said he will publish the budget next week.');
    expect(c.actor).toBe('Tom Reyes');
    expect(c.actorMention?.text).toBe('he');
  });

  it('resolves "X said he would" to the speaker when a headline word sits before the surname', () => {
    const c = read('Why Sanders lags on black vote.\n\nSenator Bernie Sanders said he would gain ground once voters knew his record.').find((f) => f.actorMention?.text === 'he');
    expect(c?.actor).toBe('Bernie Sanders');
  });

  it('resolves "he" to a person whose surname has a capital inside it', () => {
    const found = read('Mr. McDonough met analysts on Monday. Still he rejected the notion that trade had prompted the move.');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ actor: 'McDonough', stance: 'refuses' });
  });

  const actorOf = (text: string, mention: string) => read(text).find((c) => c.actorMention?.text === mention)?.actor;

  it('gives "it" and "its" the body named before them in the sentence, not a person', () => {
    expect(actorOf('So far, Cleveland has raised $57 million of the $64 million it pledged to help pay for the event.', 'it')).toBe('Cleveland');
    expect(actorOf("And Mr. Trump vows not to take Carrier's calls until it agrees to change course.", 'it')).toBe('Carrier');
    expect(actorOf('Mr. Biden said the United States would honor its commitment to NATO.', 'its')).toBe('US');
  });

  it('gives a sentence-opening "It" the subject of the sentence before', () => {
    const text = 'The Department of Education has misled the public about fraud at Navient. It has refused to punish schools that violate state rules.';
    expect(actorOf(text, 'It')).toBe('Department of Education');
  });

  it('gives "their" the two named by "and" before it', () => {
    expect(actorOf('During their phone call Tuesday, Obama and Hollande reaffirmed their shared commitment to destroying ISIL.', 'their')).toBe('Obama and Hollande');
    const text = 'Paul Manafort began a push for party unity by publicly chastising Ohio Gov. John Kasich and the Bush family over their refusal to support Trump.';
    expect(actorOf(text, 'their')).toBe('John Kasich and the Bush family');
    expect(actorOf('Maine Sen. Susan Collins and Texas Rep. Louis Gohmert restated their refusal to back the nominee.', 'their')).toBe('Susan Collins and Texas Rep. Louis Gohmert');
  });

  it('gives "who" after a dash or a bracketed aside its antecedent, and a role the person it describes', () => {
    const text =
      'Ruth Bader Ginsburg regrets her insults of Donald Trump. The Supreme Court justice -- who has been involved in a scuffle with the nominee -- said she regretted her remarks and vowed to be more circumspect.';
    expect(actorOf(text, 'who')).toBe('Ruth Bader Ginsburg');
    expect(actorOf('House Intelligence Republican Mike Pompeo (R-Kans.), who has seen the messages, agreed with that specific point.', 'who')).toBe('Mike Pompeo');
  });

  it('gives "they" the plural subject of the speech verb before it', () => {
    expect(actorOf('The Saudis have warned they could sell off billions of dollars in assets if the bill becomes law.', 'they')).toBe('Saudis');
    expect(actorOf('Many conservatives have said they will not vote for Donald Trump under any circumstances.', 'they')).toBe('Many conservatives');
    expect(actorOf('Stacey Edwards and others said they could not support Clinton for president.', 'they')).toBe('Stacey Edwards and others');
  });

  it('names a common-noun actor by the body its own sentence names before it', () => {
    const text = 'A spokesperson for the Parks and Recreation Department said the department would review the contracts next month.';
    expect(actorOf(text, 'the department')).toBe('Parks and Recreation Department');
    const campaign = 'In an email thread with Cruz’s campaign, reporters asked whether he disavowed the endorsement, but the campaign refused to answer.';
    expect(actorOf(campaign, 'the campaign')).toBe('Cruz’s campaign');
  });

  it('never names a common noun by a body without its modifiers, nor an indefinite one at all', () => {
    expect(actorOf('Northvale County Council met in March. Officials said the parish council would vote on the plan in June.', 'the parish council')).toBe('parish council');
    expect(actorOf('Northvale County Council met in March. Officials said a council would vote on the plan in June.', 'a council')).toBe('council');
  });

  it('resolves "he" past a name whose party and state follow it in brackets', () => {
    const text = 'Rep. Elijah Cummings (D-Md.), chair of the Platform Committee, spoke first. “We may disagree, but we don’t have to be disagreeable,” he added.';
    expect(actorOf(text, 'We')).toBe('Elijah Cummings');
  });

  it('gives a sentence-opening "They" the plural subject that opens the sentence before', () => {
    const text = 'Sanders supporters are crying “fraud” over delegate selection. They have promised to press their case to the convention floor.';
    expect(actorOf(text, 'They')).toBe('Sanders supporters');
  });

  it('gives "they" after a comma the plural subject its own sentence opens with', () => {
    const text = 'Aides said his role would be narrowly defined, and they rejected any suggestion that she would outsource the work.';
    expect(actorOf(text, 'they')).toBe('Aides');
  });

  it('gives a sentence-opening "He" the person who opens the sentence before', () => {
    const text = 'Jay Carney, a former press secretary for Mr. Obama, is now senior vice president at Amazon. He declined to comment.';
    expect(actorOf(text, 'He')).toBe('Jay Carney');
  });

  it('resolves a pronoun subject of "promised" to the person named before', () => {
    const found = read('Tom Reyes met the fishermen on Monday. He promised to dredge the harbour before winter.');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ actor: 'Tom Reyes', stance: 'commits' });
  });

  it('gives "we will" in a quotation to whoever speaks it', () => {
    expect(only('“We will not close the clinic,” said Health Secretary Ana Moreno.')).toMatchObject({
      actor: 'Ana Moreno',
      stance: 'refuses',
    });
  });

  it('gives "I" in a quotation to the speaker named after "said" and a role in lower case', () => {
    expect(actorOf('“I can guarantee that this will appear in some ad at some point,” said pollster Frank Luntz.', 'I')).toBe('Frank Luntz');
  });

  it('gives a rejection in the passive to the agent after "by"', () => {
    expect(only('The housing plan was rejected by the planning board on Tuesday.')).toMatchObject({
      actor: 'planning board',
      stance: 'refuses',
    });
  });

  it('gives "his pledge to" to the person the pronoun stands for', () => {
    const found = read('Tom Reyes spoke to the press. Reyes repeated his pledge to cut waiting times at the clinic.');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ actor: 'Tom Reyes', stance: 'commits' });
  });
});

describe('commitments: what is not one', () => {
  it('finds nothing in plain reports of events and forecasts', () => {
    expect(read('The council voted on Tuesday to close the old library. Heavy rain will reach the coast on Friday.')).toEqual([]);
  });

  it('treats a reported "could" about someone else as speculation, not a stance', () => {
    expect(read('Analysts said the bank could lose money next year.')).toEqual([]);
  });

  it('does not read "pledged delegates" as a pledge', () => {
    expect(read('She leads by 300 pledged delegates after the vote in Ohio.')).toEqual([]);
  });
});
