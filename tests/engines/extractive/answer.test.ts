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

/** A story of the given paragraphs, with no header lines. */
function story(...paragraphs: string[]): Story {
  return buildStory({ text: paragraphs.join('\n\n'), source: { kind: 'file', ref: 'inline.txt' } });
}

describe('extractive answers by the kind of question', () => {
  it('when: answers from a sentence with a date, leaning on the sentence before for the rest', async () => {
    const answer = await ask('When will the ferry timetable be decided?', [STORIES['harbour-council']]);
    expect(answer.quotes.map((q) => q.text)).toEqual([
      'The ferry operator, Bayline, refused to commit to a winter timetable.',
      'Its managing director, Ruth Okafor, said the company is considering a reduced service and would decide by the end of the month.',
    ]);
  });

  it('when: a sentence with every word but no date or time does not answer', async () => {
    const s = story('The council will decide on the ferry timetable after a consultation with residents.');
    expect((await ask('When will the ferry timetable be decided?', [s])).grounded).toBe(false);
    const dated = story('The council will decide on the ferry timetable on 4 May after a consultation with residents.');
    expect((await ask('When will the ferry timetable be decided?', [dated])).grounded).toBe(true);
  });

  it('who: a sentence that names nobody does not answer', async () => {
    const s = story('The survey will be paid for by the regional authority, the meeting heard.');
    expect((await ask('Who will pay for the survey?', [s])).grounded).toBe(false);
    const named = story('The survey will be paid for by the regional authority, Tomas Lindqvist said.');
    expect((await ask('Who will pay for the survey?', [named])).grounded).toBe(true);
  });

  it('how many: a number of what is counted answers whatever the verb, but not a count of gains for a loss', async () => {
    const s = story('The budget pays for 38 new teaching positions across the district.');
    expect((await ask('How many teachers will the district hire?', [s])).quotes.map((q) => q.text)).toEqual([
      'The budget pays for 38 new teaching positions across the district.',
    ]);
    expect((await ask('How many teachers will lose their jobs?', [s])).grounded).toBe(false);
    const unnumbered = story('The budget pays for new teaching positions across the district.');
    expect((await ask('How many teachers will the district hire?', [unnumbered])).grounded).toBe(false);
  });

  it('how much: needs an amount, and "money" is said by the amount itself', async () => {
    const s = story('Calder Paper made a loss of £9 million last year.');
    expect((await ask('How much money did Calder Paper lose last year?', [s])).grounded).toBe(true);
    const vague = story('Calder Paper made a heavy loss last year.');
    expect((await ask('How much money did Calder Paper lose last year?', [vague])).grounded).toBe(false);
  });

  it('whether: quotes the sentence that settles it, negated or not, and the gate keeps its polarity', async () => {
    const answer = await ask('Will the council sell the old customs house?', [STORIES['harbour-council']]);
    expect(answer.grounded).toBe(true);
    expect(answer.quotes[0]!.text).toContain('ruled out selling the old customs house');
    expect(answer.answer).toContain('ruled out selling');
  });

  it('whether: one word of the question missing from the story is enough to say the story does not say', async () => {
    const s = story('The council will sell the old customs house to pay for the wall.');
    expect((await ask('Will the council rent out the old customs house?', [s])).grounded).toBe(false);
  });

  it('matches irregular forms and derived words ("left" and "leaving", "corroded" and "corrosion")', async () => {
    const budget = story('The budget draws $6.5 million from the reserve fund, leaving about $11 million.');
    expect((await ask('How much will be left in the reserve fund?', [budget])).grounded).toBe(true);
    const bridge = story('Engineers found corrosion in 14 of the 22 steel beams.');
    expect((await ask('How many of the steel beams were corroded?', [bridge])).grounded).toBe(true);
  });

  it('takes what the story is about from its first sentence, but not most of what is asked', async () => {
    const s = story('Calder Paper will cut 140 jobs at its mill in Dunmore.', 'Managing director Neil Ashworth said the company would seek volunteers first.');
    expect((await ask('Who is the managing director of Calder Paper?', [s])).quotes.map((q) => q.text)).toEqual([
      'Managing director Neil Ashworth said the company would seek volunteers first.',
    ]);
    expect((await ask('Will the company cut jobs at the mill first?', [s])).grounded).toBe(false);
  });
});
