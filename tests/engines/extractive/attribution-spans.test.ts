import { describe, expect, it } from 'vitest';
import { attributions } from '../../../src/engines/extractive/attributions.js';
import type { DraftQuote } from '../../../src/engines/engine.js';
import { buildStory } from '../../../src/story/build-story.js';

/** The content spans the engine reads in `text`, as text. */
function contents(text: string): string[] {
  const story = buildStory({ text, source: { kind: 'text', ref: 'test' } });
  return attributions(story).map((a) => words(a.content)!);
}

/** The words a drafted quote or source stands for. */
function words(quote: DraftQuote | null | undefined): string | undefined {
  return quote == null ? undefined : typeof quote === 'string' ? quote : quote.text;
}

describe('attribution content boundaries', () => {
  it('keeps the "to" of an infinitive after a stance verb', () => {
    expect(contents('The harbour board refused to publish the dredging costs.')).toContain('to publish the dredging costs');
    expect(contents('Councillor Ames wants to close the ferry ramp for a week.')).toContain('to close the ferry ramp for a week');
  });

  it('keeps the "to" of an infinitive whose words are quoted', () => {
    expect(contents('Mayor Lee vowed to “fix every pothole in town” by spring.')).toContain('to “fix every pothole in town” by spring');
  });

  it('leaves out a day or a time named right after the cue when no "that" follows', () => {
    expect(contents('The harbour master said Tuesday the dredger would be late.')).toContain('the dredger would be late');
    expect(contents('Mayor Lee announced on Monday the ferry would run all winter.')).toContain('the ferry would run all winter');
    expect(contents('The port authority said in a statement Thursday night it would hire more pilots.')).toContain('it would hire more pilots');
    expect(contents('Mayor Lee promised Sunday at a harbour rally to rebuild the pier.')).toContain('to rebuild the pier');
  });

  it('puts the feeling a voicing verb names in the cue, not the content', () => {
    expect(contents('Councillor Ames voiced support for a second ferry ramp.')).toContain('a second ferry ramp');
    expect(contents('The pilots expressed concern that the dredger would be late.')).toContain('that the dredger would be late');
  });

  it('starts the content with a phrase set off before the source of a cue between commas', () => {
    expect(contents('In his town, Mayor Lee said, the ferries run on time.')).toContain('In his town, Mayor Lee said, the ferries run on time');
    expect(contents('Asked about the delay, Mayor Lee said, the ferries run on time.')).not.toContain('Asked about the delay, Mayor Lee said, the ferries run on time');
    expect(contents('Still, Mayor Lee said, the ferries run on time.')).toContain('the ferries run on time');
  });

  it('leaves the "up" of "talked up" in the cue', () => {
    expect(contents('Mayor Lee talked up her plan for a second ferry ramp.')).toContain('her plan for a second ferry ramp');
  });

  it('starts the content after the cue when the relative pronoun follows a preposition', () => {
    expect(contents('Mayor Lee gave an interview in which she said the ferries would run all winter.')).toContain('the ferries would run all winter');
  });

  it('keeps the person asked with the infinitive of what was asked for', () => {
    expect(contents('Ann Lee urged him to resign from the board.')).toContain('him to resign from the board');
  });

  it('leaves an empty "it" out of what is expected', () => {
    expect(contents('The toll is high this year. It is expected to rise again next spring.')).toContain('to rise again next spring');
  });

  it('reads a second verb sharing the object as part of the cue', () => {
    expect(contents('Mayor Lee praised and defended the new ferry schedule.')).toContain('the new ferry schedule');
  });

  it('leaves out a "to" that is a preposition before its object', () => {
    const found = contents('The mayor referred to the flood report twice.');
    expect(found.some((c) => c.startsWith('the flood report'))).toBe(true);
    expect(found.some((c) => c.startsWith('to the'))).toBe(false);
  });

  it('reads what a preposition ends the cue phrase with as the topic, not the preposition', () => {
    expect(contents('Ms. Ortiz wrote about the council’s budget last spring.')).toContain('the council’s budget last spring');
    expect(contents('He reminded viewers about the bridge closure.')).toContain('the bridge closure');
  });

  it('starts a quotation told to a listener after the comma that ends the listener', () => {
    const found = contents('The mayor told students at the ferry school, “We will rebuild the pier by June.”');
    expect(found.some((c) => c.startsWith('We will rebuild the pier'))).toBe(true);
    expect(found.some((c) => c.startsWith('students'))).toBe(false);
  });

  it('leaves a linking adverb or a dateline out of content that comes before its source', () => {
    expect(contents('Still, most ferry users want a later timetable, according to the harbour survey.')).toContain('most ferry users want a later timetable');
    expect(contents('RIVERTON (Reuters) - The bridge will stay shut until June, officials said.')).toContain('The bridge will stay shut until June');
  });

  it('keeps a "But" that opens content before its source', () => {
    expect(contents('But the pier is safe for now, the engineer said.')).toContain('But the pier is safe for now');
  });

  it('reads an impression after an empty "it", and keeps an "it" that is something', () => {
    expect(contents('It now seems certain that the ferry will run late.')).toContain('certain that the ferry will run late');
    expect(contents('The vote appeared to surprise the council members.')).toContain('The vote appeared to surprise the council members');
  });
  it('leaves out the "to" after a verb that takes an object, even before a word like a verb', () => {
    const found = contents('The harbour master pointed to delays caused by the storm.');
    expect(found).toContain('delays caused by the storm');
    expect(found.some((c) => c.startsWith('to delays'))).toBe(false);
    expect(contents('The mayor responded to critics of the ferry plan.')).toContain('critics of the ferry plan');
  });

  it('reads a possessive day after the cue as the start of the content, not as when it was said', () => {
    expect(contents('Ann Ortiz, a captain from Riverton, Ohio, said Tuesday’s storm had closed the pier.')).toContain('Tuesday’s storm had closed the pier');
  });

  it('takes a relative clause around its source and cue as the content', () => {
    expect(contents('The council backed the levy, which the mayor believes will pay for the pier.')).toContain(
      'which the mayor believes will pay for the pier',
    );
    expect(contents('The ferry plan, which officials said will start in May, drew complaints.')).toContain('which officials said will start in May');
    expect(contents('She praised what she called a fair budget.')).toContain('what she called a fair budget');
  });
  it('reads a clause after "joked" or "wondered", which otherwise only follow their quotation', () => {
    expect(contents('The mayor joked that the ferry would outlive the pier.')).toContain('that the ferry would outlive the pier');
    expect(contents('The harbour master continued the inspection on Monday.')).toEqual([]);
  });

  it('reads a participle after a preposition or subordinator with the main clause’s subject', () => {
    const story = buildStory({ text: 'In addition to stating that the pier is unsafe, the mayor has vowed to close it.', source: { kind: 'text', ref: 'test' } });
    const found = attributions(story);
    const stating = found.find((a) => words(a.cue) === 'stating');
    expect(words(stating?.content)).toBe('that the pier is unsafe');
    expect(words(stating?.source)).toBe('the mayor');
    expect(found.some((a) => words(a.cue) === 'vowed')).toBe(true);
    expect(contents('Ann Lee backed the plan, while saying that the costs were too high.')).toContain('that the costs were too high');
  });

  it('takes the subject of a participle after "with" from the words between them', () => {
    const story = buildStory({ text: 'Rivals went further, with former Mayor Ann Lee calling the plan a disgrace.', source: { kind: 'text', ref: 'test' } });
    const calling = attributions(story).find((a) => words(a.cue) === 'calling');
    expect(words(calling?.source)).toBe('former Mayor Ann Lee');
    expect(words(calling?.content)).toBe('the plan a disgrace');
  });
  it('reads an agentless passive cue as content with its subject and no source', () => {
    const story = buildStory({ text: 'The harbour master was accused of hiding the ferry costs.', source: { kind: 'text', ref: 'test' } });
    const [accused] = attributions(story);
    expect(words(accused?.content)).toBe('The harbour master was accused of hiding the ferry costs');
    expect(accused?.source).toBeNull();
    expect(contents('Days after the vote, Ann Lee was named the new harbour master.')).toContain('Ann Lee was named the new harbour master');
    expect(contents('Pigs are described as unclean by some groups.')).toContain('Pigs are described as unclean');
  });

  it('reads "is seen as", "is known for" as a view held of the subject, and a plain "was seen" as nothing', () => {
    expect(contents('The harbour master is widely seen as a cautious manager.')).toContain('The harbour master is widely seen as a cautious manager');
    expect(contents('The ferry was seen in the harbour on Monday.')).toEqual([]);
  });
  it('reads a passive cue with "by" as its agent’s words about the subject', () => {
    const story = buildStory({ text: 'The ferry plan was reported by the Riverton Gazette.', source: { kind: 'text', ref: 'test' } });
    const [reported] = attributions(story);
    expect(words(reported?.content)).toBe('The ferry plan');
    expect(words(reported?.source)).toBe('the Riverton Gazette');
    const accused = attributions(buildStory({ text: 'The mayor was accused by the council of hiding the costs.', source: { kind: 'text', ref: 'test' } }))[0];
    expect(words(accused?.source)).toBe('the council');
  });
  it('reads a clause after "X said" as its content even when a quotation ends the sentence before', () => {
    const found = contents('“It will take a year.” Ms. Lee said the new pier would cost twice as much.');
    expect(found).toContain('the new pier would cost twice as much');
  });
  it('reads the relative pronoun as the content of a cue whose object it stands for', () => {
    const story = buildStory({ text: 'The bridge, which the mayor defended, is closed.', source: { kind: 'text', ref: 'test' } });
    const [defended] = attributions(story);
    expect(words(defended?.content)).toBe('which');
    expect(words(defended?.source)).toBe('the mayor');
    expect(contents('It is a plan that the council supported.')).toContain('that');
    expect(contents('The council backed the levy, which the mayor believes will pay for the pier.')).not.toContain('which');
  });
  it('goes on over ", but" when what follows shares the clause’s subject or finishes a contrast', () => {
    expect(contents('Mr. Edd said he was not certain the rule would apply, but planned to follow it.')).toContain('he was not certain the rule would apply, but planned to follow it');
    expect(contents('Ms. Lee said she wanted an exception for storms, but not for repairs.')).toContain('she wanted an exception for storms, but not for repairs');
    // A second cue after "but", or a noun phrase as content, still ends it.
    expect(contents('Ms. Lee said the pier was unsafe, but said the ferry could run.')).toContain('the pier was unsafe');
    expect(contents('The mayor is backing the harbour plan, but is not predicting a vote.')).toContain('the harbour plan');
  });
  it('ends content at ", and" before a named subject and its verb, or another share of a poll that said something', () => {
    expect(contents('Ms. Lee has said she intends to fill the harbour posts, and Ms. Ortiz is among the few candidates.')).toContain('she intends to fill the harbour posts');
    const found = contents('Six in 10 ferry users said the timetable is fair, and three-quarters said the same of the fares.');
    expect(found).toContain('the timetable is fair');
    expect(found).toContain('the same of the fares');
  });
  it('goes on over a ", which …," clause set off inside the content before the content’s verb', () => {
    expect(contents('Ms. Lee said the annual talks, which started a decade ago, remained the best way to settle it.')).toContain(
      'the annual talks, which started a decade ago, remained the best way to settle it',
    );
    expect(contents('Ms. Lee praised the harbour plan, which includes a new pier.')).toContain('the harbour plan');
  });
  it('reads a "that" clause after a speech noun as content with its "that" and its own verb', () => {
    expect(contents('Ms. Lee’s claim that she still has a way to win the seat would need a big turnout.')).toContain('that she still has a way to win the seat');
    expect(contents('He floated the idea that the council should pay for the pier.')).toContain('that the council should pay for the pier');
  });
  it('ends content before ", who" and an aside about the person it names last, unless the content’s verb follows the aside', () => {
    expect(contents('She says she plans to vote for Senator Ann Lee of Riverton, who similarly opposes the ferry plan.')).toContain('she plans to vote for Senator Ann Lee of Riverton');
    expect(contents('Ms. Ortiz says that Walker, who charges $20,000 a speech, has lost clients over it.')).toContain('that Walker, who charges $20,000 a speech, has lost clients over it');
  });
  it('goes on over ", while" when the contrast finishes what was said, and stops when the "while" clause has its own cue', () => {
    expect(contents('Ms. Lee said the ferry is expecting a busy summer, while the bridge will likely stay quiet.')).toContain(
      'the ferry is expecting a busy summer, while the bridge will likely stay quiet',
    );
    expect(contents('Most riders said they liked the new timetable, while 22 percent said they might change their minds.')).toContain('they liked the new timetable');
  });
  it('leaves the apposition of a source named after its cue out of the content before it', () => {
    expect(contents('The ferry will be the first to run late, said Ann Lee, director of the harbour board.')).toContain('The ferry will be the first to run late');
    expect(contents('The paradox of the pier, says Ann Lee, historian at the library, is that nobody uses it.')).toContain(
      'The paradox of the pier, says Ann Lee, historian at the library, is that nobody uses it',
    );
  });
  it('ends the content of a cue in a relative clause at the main clause’s verb, and reads the main clause too', () => {
    const found = contents('Barkley, who said he typically votes Democratic, said one candidate he likes so far is Ann Lee.');
    expect(found).toContain('he typically votes Democratic');
    expect(found).toContain('one candidate he likes so far is Ann Lee');
    expect(contents('The harbour board heard from Mr. Ortiz, who said that the two men, and Ms. Lee in particular, would do better to keep quiet.')).toContain(
      'that the two men, and Ms. Lee in particular, would do better to keep quiet',
    );
  });
  it('ends content before "but did not" and before "however" that opens a new clause', () => {
    expect(contents('He said that he would offer a prayer for the new harbour master but did not say who it would be.')).toContain('that he would offer a prayer for the new harbour master');
    expect(contents('Then 47 percent said they would use the ferry, however this time around that number has dropped.')).toContain('they would use the ferry');
  });
  it('leaves out the preposition "to" after a noun of opposition or support, and keeps an infinitive after a pledge', () => {
    const found = contents('Ms. Lee’s opposition to the ferry levy is well known.');
    expect(found).toContain('the ferry levy');
    expect(found.some((c) => c.startsWith('to the ferry'))).toBe(false);
    expect(contents('Ms. Lee’s pledge to rebuild the pier is well known.')).toContain('to rebuild the pier');
  });
  it('goes on over ", and the …" that adds an item to a list, and stops where a new subject has its verb', () => {
    expect(contents('Ms. Lee credited the mayor with the new pier, the repairs to the bridge, and the later ferry timetable.')).toContain(
      'the mayor with the new pier, the repairs to the bridge, and the later ferry timetable',
    );
    expect(contents('Ms. Lee said the pier is unsafe, and the council has never formally replied.')).toContain('the pier is unsafe');
  });
  it('ends content before ", with whom" and before ", with" a named person doing something', () => {
    expect(contents('The harbour board denied it happened, with Ms. Lee taking to the radio to explain.')).toContain('it happened');
    expect(contents('Ms. Ortiz also attacked the mayor, with whom she clashed on Friday.')).toContain('the mayor');
    expect(contents('The poll showed Ms. Lee leading the race, with 17 percent undecided.')).toContain('Ms. Lee leading the race, with 17 percent undecided');
  });
  it('leaves a time like "in the past" out of a noun-phrase content, and keeps it inside a clause', () => {
    expect(contents('Ms. Lee has made favorable comments about the ferry levy in the past.')).toContain('the ferry levy');
    expect(contents('Ms. Lee said she has been impressed by the mayor in the past.')).toContain('she has been impressed by the mayor in the past');
  });
  it('leaves the "with" of "agreed with", "sided with" out of the content', () => {
    expect(contents('Only a quarter of ferry users agree with the mayor.')).toContain('the mayor');
    expect(contents('Ms. Lee sided with the harbour board.')).toContain('the harbour board');
  });
  it('goes on over a concession set off inside the content, and over "though not …"', () => {
    expect(contents('Ms. Lee agreed that the levy, though it existed, was not the issue that year.')).toContain('that the levy, though it existed, was not the issue that year');
    expect(contents('The mayor defended the process, though not the results.')).toContain('the process, though not the results');
    expect(contents('Most riders say the ferry is late, though they blame the weather, not the crew, for it.')).toContain('the ferry is late');
  });
  it('ends content before a dash that comments on it and before ", despite …", and keeps an aside between dashes', () => {
    expect(contents('Ms. Lee said that she does not want to close the pier — a stance she has taken before.')).toContain('that she does not want to close the pier');
    expect(contents('Ms. Lee said the ferry still has a chance, despite the storm.')).toContain('the ferry still has a chance');
    expect(contents('Ms. Lee said she is not giving up, despite trailing in the polls.')).toContain('she is not giving up, despite trailing in the polls');
    expect(contents('Ms. Lee said a rift exists between the towns -- mainly Riverton and Dale -- and the board.')).toContain(
      'a rift exists between the towns -- mainly Riverton and Dale -- and the board',
    );
  });
  it('ends content before a comparison added with ", as was …", ", as have …"', () => {
    expect(contents('Ms. Lee said she does not hold briefings publicly, as was the case with the ferry vote.')).toContain('she does not hold briefings publicly');
    expect(contents('Ms. Lee said she will release the harbour records, as is tradition for candidates.')).toContain(
      'she will release the harbour records, as is tradition for candidates',
    );
  });
  it('ends content before ", when <a named subject> <verb>" that says when something happened', () => {
    expect(contents('Ms. Lee said new riders have come aboard since January, when Riverton Ferries launched its app.')).toContain('new riders have come aboard since January');
  });
  it('goes on after a source in the middle with the clause’s next verb or an "including" list', () => {
    expect(contents('He had no known ties to the board, the airline added, and had passed all checks.')).toContain(
      'He had no known ties to the board, the airline added, and had passed all checks',
    );
    expect(contents('The emails were on many topics, the Gazette said, including ferries and bridges.')).toContain(
      'The emails were on many topics, the Gazette said, including ferries and bridges',
    );
  });
  it('leaves the apposition of an "according to" source out of the content before it, and goes on after it with a verb', () => {
    expect(contents('Ferry fares have risen sharply over the past few years, according to the Riverton Gazette, a weekly paper.')).toContain(
      'Ferry fares have risen sharply over the past few years',
    );
    expect(contents('One of the decisions, according to the harbour board, is to close the pier.')).toContain(
      'One of the decisions, according to the harbour board, is to close the pier',
    );
  });
});
