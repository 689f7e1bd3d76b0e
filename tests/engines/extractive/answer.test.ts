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

describe('extractive answers: lemmas, synonyms and the question\'s frame', () => {
  it('matches a verb with and without its final "e" ("vote" and "voted")', async () => {
    const s = story('The parish council voted on Tuesday to buy the old chapel for a community hall.');
    expect((await ask('When did the council vote on the chapel?', [s])).grounded).toBe(true);
  });

  it('lets a word stand in more than one group: "stop" closes a clinic as well as ending it', async () => {
    const s = story('The walk-in clinic on Mill Road will stop seeing patients at weekends from 3 March, the health trust said.');
    expect((await ask('When will the clinic close at weekends?', [s])).grounded).toBe(true);
    expect((await ask('When will weekends at the clinic end?', [s])).grounded).toBe(true);
  });

  it('reads "seek" for "ask", "waive charges" for "free", "operator" for who runs, and "the same" for a comparison', async () => {
    const s = story(
      'The museum will close its east wing for six months while the roof is repaired.',
      'Director Ana Ruiz said the museum would seek donations from local firms to pay for the repairs.',
      'The museum will waive entry charges for residents while the wing is shut.',
      'Ticket prices for visitors will stay the same, Ms Ruiz said.',
    );
    expect((await ask('Will the museum ask for donations?', [s])).quotes[0]!.text).toContain('seek donations');
    expect((await ask('Will entry be free for residents?', [s])).quotes[0]!.text).toContain('waive entry charges');
    expect((await ask('Will ticket prices be higher?', [s])).quotes[0]!.text).toContain('stay the same');
    const buses = story(
      'Bus services in the valley will be cut from May.',
      'The operator, Valley Coaches, said the buses had lost money for five years.',
      'The county said school buses would not be affected.',
    );
    expect((await ask('Who runs the buses?', [buses])).quotes.map((q) => q.text)).toContain(
      'The operator, Valley Coaches, said the buses had lost money for five years.',
    );
  });

  it('when … start: a date after "from" says it; when … finished: only "by" or "until" a date does', async () => {
    const s = story('Lanford Council will ban cars from the market square from Saturday, after a consultation with traders.');
    expect((await ask('When will the car ban start?', [s])).grounded).toBe(true);
    expect((await ask('When will the car ban be finished?', [s])).grounded).toBe(false);
    const ends = story('Lanford Council said the car ban in the market square would be finished by the end of June.');
    expect((await ask('When will the car ban be finished?', [ends])).grounded).toBe(true);
  });

  it('how long: "until" answers it, with a date or an event, and seasons are dates', async () => {
    const s = story('The water company said the restrictions would stay in place until the reservoir was half full again.');
    expect((await ask('How long will the restrictions last?', [s])).grounded).toBe(true);
    const season = story('Work on the new quay will begin in the spring of 2027, the harbour board said.');
    expect((await ask('When will work on the quay begin?', [season])).grounded).toBe(true);
    const none = story('The water company said the restrictions would stay in place.');
    expect((await ask('How long will the restrictions last?', [none])).grounded).toBe(false);
  });

  it('how full, how deep: an amount answers, the adjective need not be in the sentence', async () => {
    const s = story(
      'Eastmere Reservoir fell to 34 per cent of its capacity after the driest spring on record.',
      'The water company said it would take months for Eastmere Reservoir to recover.',
    );
    expect((await ask('How full is Eastmere Reservoir?', [s])).quotes[0]!.text).toContain('34 per cent');
    const vague = story('Eastmere Reservoir is lower than it has been for years.');
    expect((await ask('How full is Eastmere Reservoir?', [vague])).grounded).toBe(false);
  });

  it('how much pay: time counted in wages is an amount', async () => {
    const s = story('The union said staff had been offered redundancy pay of two weeks\' wages for each year of service.');
    expect((await ask('How much redundancy pay were staff offered?', [s])).grounded).toBe(true);
  });
});

describe('extractive answers: the sentence around a candidate', () => {
  it('why: answers from a sentence that gives a reason, taking the event from the first sentence', async () => {
    const s = story(
      'The night bus from Carver Street to the hospital will stop running from 1 May, the transport board said.',
      'Its chair, Paul Roe, said the board could not find drivers willing to work at night.',
      'The board will review the route next year.',
    );
    expect((await ask('Why is the night bus to the hospital closing?', [s])).quotes.map((q) => q.text)).toEqual([
      'Its chair, Paul Roe, said the board could not find drivers willing to work at night.',
    ]);
    const reasonless = story('The night bus from Carver Street to the hospital will stop running from 1 May, the transport board said.');
    expect((await ask('Why is the night bus to the hospital closing?', [reasonless])).grounded).toBe(false);
  });

  it('a date or number in a relative clause answers only for what that clause is about', async () => {
    const s = story('The mill will shut its second paper machine, which has run since 1974.');
    expect((await ask('When will the mill close?', [s])).grounded).toBe(false);
    expect((await ask('Since when has the second paper machine run?', [s])).grounded).toBe(true);
  });

  it('how many: a sum of money counts nothing, and things lost are not what a firm has', async () => {
    const fine = story('Households that break the ban in Wexcombe can be fined up to £1,000, the water company said.');
    expect((await ask('How many households are in Wexcombe?', [fine])).grounded).toBe(false);
    const lost = story('The bakery said it had lost its three largest customers since April.');
    expect((await ask('How many customers does the bakery have?', [lost])).grounded).toBe(false);
    expect((await ask('How many customers has the bakery lost?', [lost])).grounded).toBe(true);
  });

  it('takes a word that runs through the story from its first sentence, but not a word said only there', async () => {
    const topic = story(
      'The tram network in Castlebridge will be extended to Northgate.',
      'The operator, Castlebridge Metro, said fares would not change.',
      'Eight new trams will be ordered.',
      'The first tram line opened in 1999.',
    );
    expect((await ask('Who runs the trams?', [topic])).grounded).toBe(true);
    const once = story('The council voted to build a flood wall.', 'The idea of a toll had been raised by two members in September.');
    expect((await ask('How many members voted for the flood wall?', [once])).grounded).toBe(false);
  });

  it('who is the … : the name must stand beside the role, as names stand beside titles', async () => {
    const s = story('Its chair, Graham Wills, said the group had sent a petition to the transport secretary.');
    expect((await ask('Who is the transport secretary?', [s])).grounded).toBe(false);
    expect((await ask('Who is the chair of the group?', [s])).grounded).toBe(true);
    const titled = story('The plan was backed by transport secretary Maria Lowe on Friday.');
    expect((await ask('Who is the transport secretary?', [titled])).grounded).toBe(true);
  });
});
