import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gateAnswer, NOT_IN_STORY } from '../../../src/citations/gate.js';
import type { Answer } from '../../../src/citations/gate.js';
import { ExtractiveEngine } from '../../../src/engines/extractive/extractive-engine.js';
import { buildStory } from '../../../src/story/build-story.js';
import type { Story } from '../../../src/story/story.js';

const engine = new ExtractiveEngine();
const signal = new AbortController().signal;

/** The project's own sample stories in examples/. */
type Sample = 'school-budget' | 'bridge-closure' | 'harbour-council';

function sample(name: Sample): Story {
  const path = fileURLToPath(new URL(`../../../examples/${name}.txt`, import.meta.url));
  return buildStory({ text: readFileSync(path, 'utf8'), source: { kind: 'file', ref: path } });
}

const STORIES: Record<Sample, Story> = {
  'school-budget': sample('school-budget'),
  'bridge-closure': sample('bridge-closure'),
  'harbour-council': sample('harbour-council'),
};

async function ask(question: string, stories: Story[]): Promise<Answer> {
  return gateAnswer(stories, await engine.answer(question, stories, signal)).value;
}

/** Questions the story answers, and words of the sentence that answers each. */
const ANSWERED: Array<[Sample, string, string]> = [
  ['school-budget', 'How many new teachers will the district hire?', 'The budget pays for 38 new teaching positions'],
  ['school-budget', 'Who voted against the budget?', 'Board member Kevin Osei, who voted against the budget'],
  ['school-budget', 'When will talks with the union resume?', 'talks with the district would resume on March 24'],
  ['school-budget', 'Will any schools close next year?', 'will not close any schools next year'],
  ['school-budget', 'How much will the district take from its reserves?', 'The budget draws $6.5 million'],
  ['school-budget', 'What raise does the union want?', 'cost-of-living raise of at least 3 percent'],
  ['school-budget', 'Is Brookside Middle School getting new heating?', 'replace the heating at Brookside Middle School'],
  ['bridge-closure', 'When will the bridge close?', 'will close to all traffic on 2 February'],
  ['bridge-closure', 'How much will the repairs cost?', 'The repairs will cost £4.8 million.'],
  ['bridge-closure', 'Will shopkeepers be compensated?', 'the council would not pay compensation'],
  ['bridge-closure', 'How many cars use the bridge every day?', 'About 9,000 vehicles cross the bridge each day.'],
  ['bridge-closure', 'Can cyclists still cross the river?', 'keep the crossing open to pedestrians and cyclists'],
  ['bridge-closure', 'When will the work be finished?', 'is due to finish the work by the end of August'],
  ['harbour-council', 'Will the council raise harbour fees?', 'will not raise harbour fees this year'],
  ['harbour-council', 'Who will pay for the survey?', 'The regional transport authority agreed to pay for a survey'],
  ['harbour-council', 'Did the ferry operator agree to a winter timetable?', 'refused to commit to a winter timetable'],
  ['harbour-council', 'When will Bayline decide on a winter service?', 'would decide by the end of the month'],
];

/** Plausible questions the story does not answer, and what makes each one a trap. */
const UNANSWERED: Array<[Sample, string, string]> = [
  ['school-budget', 'What did the Republican party say about the budget?', 'a party the story never names'],
  ['school-budget', 'How many students attend Ashford High School?', 'the school is named, and a sentence naming it has a number'],
  ['school-budget', 'Will the district raise property taxes?', '"district" and "raise" appear, in different sentences'],
  ['school-budget', 'Who is the mayor of Ashford?', 'Ashford is everywhere; no mayor'],
  ['school-budget', 'When will the new school library open?', 'only "school" matches'],
  ['school-budget', 'How much does the superintendent earn?', 'the superintendent is named, her pay is not'],
  ['school-budget', 'How many parents attended the meeting?', 'a meeting with a date is mentioned'],
  ['bridge-closure', 'Will the bridge have a toll when it reopens?', 'only "bridge" matches'],
  ['bridge-closure', 'What did the Labour group on the council say?', 'a party the story never names'],
  ['bridge-closure', 'How many accidents have there been on the bridge?', 'a sentence has "bridge" and a number'],
  ['bridge-closure', 'When will the new station open?', '"station" and "open" appear, but with no date'],
  ['bridge-closure', 'Who is the mayor of Millbrook?', 'Millbrook is named; no mayor'],
  ['bridge-closure', 'Will the council widen the bridge?', 'council and bridge are everywhere; widening is not'],
  ['harbour-council', 'How much will the flood wall cost?', 'the wall is there, with "41 days", but no sum of money'],
  ['harbour-council', 'What did the fishermen say about the ferry?', 'each word is in a different sentence'],
  ['harbour-council', 'How many boats use the harbour?', 'boats and the harbour are in different sentences'],
  ['harbour-council', 'Did the mayor support the flood wall?', 'the flood wall is there; no mayor'],
];

describe('extractive answers over the sample stories', () => {
  it('has as many unanswerable questions as answerable ones', () => {
    expect(UNANSWERED.length).toBe(ANSWERED.length);
  });

  it.each(ANSWERED)('%s: "%s" quotes the sentence with "%s"', async (name, question, words) => {
    const story = STORIES[name];
    const answer = await ask(question, [story]);
    expect(answer.grounded).toBe(true);
    expect(answer.quotes.length).toBeLessThanOrEqual(2);
    expect(answer.quotes.map((q) => q.text).filter((text) => text.includes(words))).toHaveLength(1);
    for (const quote of answer.quotes) {
      expect(quote.text).toBe(story.text.slice(quote.start, quote.end));
      expect(quote.storyId).toBe(story.id);
    }
  });

  it.each(UNANSWERED)('%s: "%s" is not in the story (%s)', async (name, question) => {
    const answer = await ask(question, [STORIES[name]]);
    expect(answer).toEqual({ answer: NOT_IN_STORY, quotes: [], grounded: false });
  });
});

describe('extractive answers', () => {
  it('never quotes the headline, publication and date lines', async () => {
    const story = STORIES['bridge-closure'];
    const answer = await ask('When will the bridge close?', [story]);
    expect(answer.quotes.some((q) => q.text.includes('Millbrook Evening Post'))).toBe(false);
  });

  it('quotes the sentence that names the party when the answer says "its" or "he"', async () => {
    const answer = await ask('When will Bayline decide on a winter service?', [STORIES['harbour-council']]);
    expect(answer.quotes.map((q) => q.text)).toEqual([
      'The ferry operator, Bayline, refused to commit to a winter timetable.',
      'Its managing director, Ruth Okafor, said the company is considering a reduced service and would decide by the end of the month.',
    ]);
  });

  it('answers from the story that says it when given several', async () => {
    const stories = [STORIES['school-budget'], STORIES['bridge-closure'], STORIES['harbour-council']];
    const answer = await ask('How much will the repairs cost?', stories);
    expect(answer.grounded).toBe(true);
    expect(answer.quotes.map((q) => q.storyId)).toEqual([STORIES['bridge-closure'].id]);
  });

  it('does not answer a question with nothing to look for', async () => {
    const answer = await ask('What happened?', [STORIES['harbour-council']]);
    expect(answer.grounded).toBe(false);
  });
});
