import { describe, expect, it } from 'vitest';
import { gateSummary } from '../../../src/citations/gate.js';
import type { Summary } from '../../../src/citations/gate.js';
import { summarise } from '../../../src/engines/extractive/summarise.js';
import { forwardCentrality } from '../../../src/engines/extractive/summary-centrality.js';
import { buildStory } from '../../../src/story/build-story.js';
import { readHeader } from '../../../src/story/header.js';
import { harbourText } from '../../helpers/articles.js';
import type { Story } from '../../../src/story/story.js';

function story(text: string): Story {
  return buildStory({ text, source: { kind: 'text', ref: 'test' } });
}

function gated(s: Story, options = {}): Summary {
  const result = gateSummary(s, summarise(s, options));
  expect(result.dropped).toBe(0);
  return result.value;
}

function words(text: string): number {
  return text.split(/\s+/u).filter((w) => w !== '').length;
}

const FERRY = [
  'The island ferry service will stop running on Sundays from next month after the operator lost its subsidy, leaving hundreds of residents without a weekend link to the mainland.',
  'The operator, Harbour Lines, said the Sunday ferry had carried fewer than forty passengers a trip since the subsidy was cut in the spring budget.',
  'Residents of the island, which has no bridge to the mainland, said the loss of the Sunday ferry would cut them off from weekend shifts, hospital visits and family.',
  'The island council will meet on Thursday to discuss whether it can pay for the Sunday ferry itself until the end of the year.',
  'Council leader Maria Okafor said the council had asked the operator to keep the ferry running while it looked for the money.',
  'The regional transport office said it had no plans to restore the subsidy, citing the low number of passengers on the Sunday ferry.',
  'The ferry has run every day of the week since 1987, when the old island pier was rebuilt.',
  'A petition asking the transport office to restore the Sunday ferry subsidy has gathered more than two thousand signatures.',
  'Shopkeepers on the island said weekend visitors who arrive by ferry account for a third of their trade in the summer.',
  'Harbour Lines said the weekday ferry timetable would not change.',
  'The council meeting on Thursday is open to the public.',
  'The operator said it would keep the Sunday ferry if the council paid the subsidy for the rest of the year.',
].join(' ');

describe('summarise', () => {
  it('returns at most 3 points and 90 words, each point quoting an exact slice of the story', () => {
    const s = story(FERRY);
    const summary = gated(s);
    expect(summary.points.length).toBe(3);
    expect(words(summary.text)).toBeLessThanOrEqual(90);
    for (const point of summary.points) {
      expect(point.quotes).toHaveLength(1);
      const [quote] = point.quotes;
      expect(quote!.text).toBe(s.text.slice(quote!.start, quote!.end));
      expect(point.text).toBe(quote!.text);
    }
  });

  it('never returns more than 4 points, however many are asked for', () => {
    const summary = gated(story(FERRY), { maxPoints: 10, maxWords: 1000 });
    expect(summary.points).toHaveLength(4);
  });

  it('keeps within a smaller word budget', () => {
    const summary = gated(story(FERRY), { maxWords: 50 });
    expect(summary.points.length).toBeGreaterThan(0);
    expect(words(summary.text)).toBeLessThanOrEqual(50);
  });

  it('opens with the lead and lists points in story order', () => {
    const s = story(FERRY);
    const summary = gated(s);
    expect(summary.points[0]!.text).toMatch(/^The island ferry service will stop running on Sundays/u);
    const starts = summary.points.map((p) => p.quotes[0]!.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('skips bylines, timestamps, video prompts and "click here" lines', () => {
    const s = story(
      [
        'By . Jane Roe . PUBLISHED: . 06:26 EST, 11 March 2014 . | . UPDATED: . 08:20 EST, 11 March 2014 .',
        'The town library will close on Saturdays from April because the council has cut its budget by a fifth.',
        'Scroll down for video .',
        'Librarians said the Saturday closure would hit families and students who cannot visit during the week.',
        'CLICK HERE to read more about library closures across the country.',
        'The council said it would review the library budget again next year.',
      ].join(' '),
    );
    const summary = gated(s);
    expect(summary.points.map((p) => p.text)).toEqual([
      'The town library will close on Saturdays from April because the council has cut its budget by a fifth.',
      'Librarians said the Saturday closure would hit families and students who cannot visit during the week.',
      'The council said it would review the library budget again next year.',
    ]);
  });

  it('drops a dateline and a photo caption glued to the front of a sentence, quoting what is left', () => {
    const s = story(
      [
        'LONDON, England (CNN) -- The city council has approved a plan to plant ten thousand trees along its main roads by 2030.',
        'Green streets: volunteers plant a young oak beside the ring road last autumn The plan will be paid for by a levy on new office buildings in the city centre.',
        'Council officers said the trees would cool the streets in summer and soak up rain in winter.',
        'Pictured: the first trees planted under the scheme outside the town hall.',
      ].join(' '),
    );
    const summary = gated(s);
    const texts = summary.points.map((p) => p.text);
    expect(texts[0]).toBe('The city council has approved a plan to plant ten thousand trees along its main roads by 2030.');
    expect(texts).toContain('The plan will be paid for by a levy on new office buildings in the city centre.');
    expect(texts.join(' ')).not.toMatch(/CNN|volunteers plant|Pictured/u);
    for (const point of summary.points) expect(point.quotes[0]!.text).toBe(point.text);
  });

  it('does not repeat a point in other words', () => {
    const s = story(
      [
        'The regional water company will raise household bills by eight per cent from April to pay for new sewage pipes.',
        'Household water bills will rise by eight per cent from April, the regional water company said, to pay for sewage pipes.',
        'The company said the new pipes would stop sewage spilling into rivers after heavy rain.',
        'Campaigners welcomed the pipes but said the company should pay for them from its profits.',
      ].join(' '),
    );
    const texts = gated(s).points.map((p) => p.text);
    expect(texts.filter((t) => /eight per cent/u.test(t))).toHaveLength(1);
    expect(texts).toHaveLength(3);
  });

  it('stops at two points when the third would be a late sentence little of the story goes on to say', () => {
    const s = story(
      [
        'The Riverton council voted on Monday to close the Mill Lane swimming pool for two years of repairs to its roof.',
        'Swimmers will use the leisure centre pool in Hale while the Mill Lane pool roof is repaired, the council said.',
        'The roof of the Mill Lane pool was found to be unsafe by engineers last spring.',
        'A new bakery opened on the high street last week, selling bread from a wood-fired oven.',
        'Tickets for the summer music festival in the park go on sale at the library on Friday morning.',
        'The town football club has signed a goalkeeper from the neighbouring county on a one-year deal.',
        'Road works on the bypass are expected to finish before the school holidays begin in July.',
        'Volunteers planted two hundred trees along the canal towpath at the weekend.',
        'The weather office forecasts a dry and mild week with light winds from the west.',
      ].join(' '),
    );
    const points = gated(s).points.map((p) => p.text);
    expect(points).toHaveLength(2);
    expect(points[0]).toMatch(/^The Riverton council voted/u);
  });

  it('keeps a third point in a long story when the sentences after it go on to say what it says', () => {
    const s = story(
      [
        'The Riverton council voted on Monday to close the Mill Lane swimming pool for two years of repairs to its roof.',
        'Swimmers will use the leisure centre pool in Hale while the Mill Lane pool roof is repaired, the council said.',
        'Engineers found last spring that the steel beams holding up the pool roof had rusted through.',
        'The rusted roof beams will be replaced first, and the engineers will then check the pool walls.',
        'Replacing the rusted steel beams of the roof will cost about £2 million, the engineers estimated.',
        'The council will borrow the money for the roof beams over twenty years.',
        'Swim clubs that train at Mill Lane have been offered early morning lanes at Hale.',
        'Volunteers planted two hundred trees along the canal towpath at the weekend.',
        'The weather office forecasts a dry and mild week with light winds from the west.',
      ].join(' '),
    );
    const points = gated(s).points.map((p) => p.text);
    expect(points).toHaveLength(3);
    expect(points.join(' ')).toContain('steel beams');
  });

  it('gives a five-sentence story three points', () => {
    const s = story(
      [
        'The school board voted to keep the village school open for another year.',
        'Parents had campaigned for months against the closure.',
        'The board said it would review the numbers again next spring.',
        'Pupil numbers have fallen by a quarter since 2015.',
        'The school has 41 pupils.',
      ].join(' '),
    );
    expect(gated(s).points).toHaveLength(3);
  });

  it('gives a two-sentence story both sentences and a one-sentence story its sentence', () => {
    expect(gated(story('The council will fund the wall. Work starts in May.')).points.map((p) => p.text)).toEqual([
      'The council will fund the wall.',
      'Work starts in May.',
    ]);
    expect(gated(story('The council will fund the wall.')).points.map((p) => p.text)).toEqual(['The council will fund the wall.']);
  });

  it('summarises a story without sentence punctuation by its text', () => {
    expect(gated(story('Council agrees to fund the sea wall')).points.map((p) => p.text)).toEqual(['Council agrees to fund the sea wall']);
  });

  it('cuts a single sentence longer than the budget at a word, quoting the part it keeps', () => {
    const long = `The committee heard ${Array.from({ length: 40 }, (_, i) => `witness number ${i + 1}`).join(', ')} before it adjourned.`;
    const s = story(long);
    const summary = gated(s);
    expect(summary.points).toHaveLength(1);
    const [point] = summary.points;
    expect(words(point!.text)).toBeLessThanOrEqual(90);
    expect(point!.text.endsWith('…')).toBe(true);
    expect(s.text.startsWith(point!.quotes[0]!.text)).toBe(true);
    expect(point!.text).toBe(`${point!.quotes[0]!.text}…`);
  });

  it('tidies line breaks in a hard-wrapped sentence while the quote keeps them', () => {
    const s = story(
      'The harbour master closed the port to small boats on\nMonday after storms damaged the outer breakwater and\nleft rocks in the channel. Repairs will take a week\nand cost about two million pounds, the port said.',
    );
    const summary = gated(s);
    expect(summary.points[0]!.text).toBe(
      'The harbour master closed the port to small boats on Monday after storms damaged the outer breakwater and left rocks in the channel.',
    );
    expect(summary.points[0]!.quotes[0]!.text).toContain('\n');
  });

  it('returns no points for a story of boilerplate alone', () => {
    expect(summarise(story('CLICK HERE to subscribe.')).points).toEqual([]);
  });
});

describe('forwardCentrality', () => {
  const nodes = [
    { order: 0, stems: ['bridge', 'close', 'june'] },
    { order: 1, stems: ['bridge', 'traffic', 'detour'] },
    { order: 2, stems: ['traffic', 'detour', 'bus'] },
    { order: 3, stems: ['weather', 'mild', 'spring'] },
    { order: 4, stems: ['traffic', 'detour', 'delay'] },
  ];

  it('counts what later sentences echo, not what earlier ones said', () => {
    const [second, fifth] = forwardCentrality(nodes, [1, 4], 0);
    expect(second).toBeGreaterThan(0);
    expect(fifth).toBe(0);
  });

  it('gives a sentence nothing else echoes no centrality', () => {
    expect(forwardCentrality(nodes, [3], 0)).toEqual([0]);
  });

  it('drops links weaker than the threshold', () => {
    const [loose] = forwardCentrality(nodes, [1], 0);
    const [strict] = forwardCentrality(nodes, [1], 0.9);
    expect(strict).toBeLessThan(loose!);
  });
});

describe('summarise: leading with the news', () => {
  function headed(text: string): Story {
    const header = readHeader(text);
    return buildStory({ text, meta: header.meta, source: { kind: 'text', ref: 'test' }, bodyStart: header.bodyStart });
  }

  const ANECDOTE = [
    'Ferry decision put off as council backs new library',
    '',
    [
      'When Ellen Marsh opened her bookshop on the quay in 1989, she kept a shelf by the window for children who missed the last bus home.',
      'Thirty years on, the shelf is still there and the children now bring their own children to sit beside it on winter evenings.',
      'The town council voted on Tuesday to build a new library next to the quay and put off its decision on the winter ferry until spring.',
      'The library will cost £2m and is due to open in two years, the council said in a statement after the vote.',
      'Ferry passengers had asked the council to keep the winter crossing running on weekdays at least.',
    ].join(' '),
  ].join('\n');

  it('opens with the sentence that carries the headline, even when the story opens on an anecdote', () => {
    const s = headed(ANECDOTE);
    expect(s.meta.title).toBe('Ferry decision put off as council backs new library');
    const summary = gated(s);
    expect(summary.points[0]!.text).toMatch(/^The town council voted on Tuesday to build a new library/u);
  });

  it('keeps story order after the lead, and story order throughout without a headline', () => {
    const s = headed(ANECDOTE);
    const [, ...rest] = gated(s).points.map((p) => p.quotes[0]!.start);
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
    const bare = story(ANECDOTE.split('\n').slice(2).join('\n'));
    const starts = gated(bare).points.map((p) => p.quotes[0]!.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('covers the harbour headline, ferry delay included, and makes no point of a quotation left to a pronoun', () => {
    const s = headed(harbourText());
    const points = gated(s).points.map((p) => p.text);
    expect(points[0]).toMatch(/^The Kestrel Bay harbour council voted on Monday to build a flood wall/u);
    expect(points.some((p) => /\bferry\b/iu.test(p))).toBe(true);
    for (const p of points) expect(p).not.toMatch(/^["“].*["”]\s+(?:he|she|they)\s+\p{Ll}+/u);
    expect(points.join(' ')).not.toContain('she told the meeting');
  });

  it('makes no point of a sentence opening on a connective, a possessive or a demonstrative', () => {
    const s = story(
      [
        'The county will close three rural bus routes in January after its transport budget was cut by a quarter.',
        'But drivers on the routes said they had not been told which of them would lose their jobs.',
        'Its transport chief, Alan Webb, said the closures would save the county about £400,000 a year.',
        'This is the second round of bus cuts in the county since the spring of 2024.',
        'Passengers in the villages of Hale and Brent Cross will have to travel to the market town for a bus.',
        'The county said a volunteer car scheme would take people to hospital appointments from February.',
      ].join(' '),
    );
    const points = gated(s).points.map((p) => p.text);
    expect(points).toHaveLength(3);
    for (const p of points) expect(p).not.toMatch(/^(?:But|Its|This)\b/u);
  });

  it('prefers a sentence in the story\'s own words to a quotation nearly as early', () => {
    const s = story(
      [
        'The county will close three rural bus routes in January after its transport budget was cut by a quarter.',
        'Passengers in the villages of Hale and Brent Cross will have to travel to the market town to catch a bus.',
        '"We are heartbroken to lose routes that our drivers have run for forty years," said Mary Holt, the union representative.',
        'The county said a volunteer car scheme would take people to hospital appointments from February.',
        'Drivers on the three routes will be offered jobs on the town routes, the county transport office said.',
      ].join(' '),
    );
    const points = gated(s).points.map((p) => p.text);
    expect(points).toHaveLength(3);
    expect(points.join(' ')).not.toContain('heartbroken');
  });

  it('still summarises a story made only of sentences that lean on another', () => {
    const s = story('"We will not close the pool," she told the meeting. But the council has not found the money for its repairs yet.');
    expect(gated(s).points.length).toBeGreaterThan(0);
  });

  it('does not pull in a sentence that repeats the lead to cover the headline', () => {
    const s = headed(
      [
        'Council closes pier for repairs',
        '',
        [
          'The town council closed the old pier on Friday for repairs to its wooden deck, which storms damaged in March.',
          'The council closed the old pier for repairs on Friday, the town council said on its website.',
          'Anglers who fish from the pier at night will be able to use the harbour wall instead until the work is done.',
          'Contractors expect to finish the repairs to the deck by the start of the summer season in late May.',
        ].join(' '),
      ].join('\n'),
    );
    const points = gated(s).points.map((p) => p.text);
    expect(points.filter((p) => /closed the old pier/u.test(p))).toHaveLength(1);
  });
});
