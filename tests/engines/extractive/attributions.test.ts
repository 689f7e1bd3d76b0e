import { describe, expect, it } from 'vitest';
import { gateAttributions } from '../../../src/citations/gate.js';
import type { Attribution } from '../../../src/citations/gate.js';
import { attributions } from '../../../src/engines/extractive/attributions.js';
import { buildStory } from '../../../src/story/build-story.js';

function attribute(text: string): Attribution[] {
  const story = buildStory({ text, source: { kind: 'text', ref: 'test' } });
  const gated = gateAttributions(story, attributions(story));
  for (const a of gated.value) {
    expect(a.content.text).toBe(text.slice(a.content.start, a.content.end));
    if (a.source) expect(a.source.text).toBe(text.slice(a.source.start, a.source.end));
  }
  return gated.value;
}

function about(found: Attribution[], words: string): Attribution {
  const hit = found.find((a) => a.content.text.includes(words));
  expect(hit, `no attribution holds "${words}": ${JSON.stringify(found.map((a) => a.content.text))}`).toBeDefined();
  return hit!;
}

describe('attributions: direct quotations', () => {
  it('attributes a quotation followed by "she said" to her, without the quotation marks', () => {
    const found = attribute('Mara Quill runs the ferry board. “The new timetable starts in May,” she said.');
    const a = about(found, 'new timetable');
    expect(a.content.text).toBe('The new timetable starts in May,');
    expect(a).toMatchObject({ direct: true, speaker: 'Mara Quill' });
    expect(a.source?.text).toBe('she');
  });

  it('takes the source named after the verb: “…,” said Ben Ortiz, a harbour pilot', () => {
    const a = about(attribute('“Fog closes the channel twice a week,” said Ben Ortiz, a harbour pilot.'), 'Fog closes');
    expect(a.source?.text).toBe('Ben Ortiz');
    expect(a.speaker).toBe('Ben Ortiz');
  });

  it('ends a quotation at "…,” he said, adding that …": the next quotation goes on with what he added', () => {
    const text = '“The pumps work,” Karl Dunn said, adding that two of them had failed in May. “We replaced those.”';
    const found = attribute(text);
    expect(about(found, 'pumps work').content.text).toBe('The pumps work,');
    const added = about(found, 'two of them');
    expect(added.cue?.text).toBe('adding');
    expect(added.content.text).toContain('We replaced those');
  });

  it('does not carry a quotation on past a sentence that introduces the next one with a colon', () => {
    const text = 'Mara Quill spoke first. “We tested the pumps,” Karl Dunn said. In a later interview, Dunn went further: “Two of them failed.”';
    const found = attribute(text);
    expect(about(found, 'tested the pumps').content.text).toBe('We tested the pumps,');
    expect(about(found, 'Two of them').content.text).toBe('Two of them failed.');
  });

  it('ends a quotation where its own sentence introduces the next one with a colon: "…,” she said, recalling: “…”"', () => {
    const text = '“The pumps work,” Mara Quill said, recalling the flood: “We lost two of them that night.”';
    const found = attribute(text);
    expect(about(found, 'pumps work').content.text).toBe('The pumps work,');
    expect(about(found, 'lost two').content.text).toBe('We lost two of them that night.');
  });

  it('keeps both halves of a quotation split around its source as one content', () => {
    const text = '“We tested the pumps,” the engineer said, “and two of them failed.”';
    const a = about(attribute(text), 'tested the pumps');
    expect(a.content.text).toContain('two of them failed');
  });

  it('runs a quotation on into the quoted sentences after its cue', () => {
    const text = '“The bridge is safe,” Ivo Brandt said. “We inspect it every spring. Nothing has changed.”';
    const a = about(attribute(text), 'bridge is safe');
    expect(a.content.text).toContain('Nothing has changed');
    expect(a.speaker).toBe('Ivo Brandt');
  });

  it('runs a quotation on into the next paragraph when it is left open', () => {
    const text = '“The plan has three parts,” Lena Ruiz said. “First, the roads.\n\n“Then the schools and the clinic.”';
    const a = about(attribute(text), 'three parts');
    expect(a.content.text).toContain('the schools and the clinic');
  });

  it('takes the quotation after "X said:" as the content', () => {
    const a = about(attribute('The mayor said: “We will not raise the fare this year.”'), 'raise the fare');
    expect(a).toMatchObject({ direct: true, speaker: 'mayor' });
    expect(a.content.text).toBe('We will not raise the fare this year.');
  });

  it('takes the quotation of the next paragraph after a paragraph that ends "X said:"', () => {
    const a = about(attribute('Afterwards the coach said:\n\n“We were simply faster today.”'), 'simply faster');
    expect(a.source?.text).toBe('the coach');
  });

  it('ignores speech verbs inside a quotation', () => {
    const found = attribute('“They said the ferry was late again,” Tomas Berg told reporters.');
    expect(found).toHaveLength(1);
    expect(found[0]!.speaker).toBe('Tomas Berg');
  });
});

describe('attributions: quotations without a frame', () => {
  it('gives a quoted paragraph with no verb to the last source named', () => {
    const text = 'Lena Ruiz said the ferry would run late.\n\n“Nobody on the island trusts the timetable any more.”';
    const a = about(attribute(text), 'Nobody on the island');
    expect(a).toMatchObject({ direct: true, cue: null, speaker: 'Lena Ruiz' });
    expect(a.content.text).toBe('Nobody on the island trusts the timetable any more.');
  });

  it('gives a quotation to the subject of its own sentence: Hillary shot back, “…”', () => {
    const a = about(attribute('At the harbour meeting, Hillary Dunn shot back, “The pier has been closed for a year.”'), 'pier has been');
    expect(a.source?.text).toBe('Hillary Dunn');
  });

  it('keeps quoted paragraphs in a row together as one content', () => {
    const text = 'Ravi Patel spoke at the dock.\n\n“The boats are old and slow.”\n\n“We need three new ones by spring.”';
    const a = about(attribute(text), 'boats are old');
    expect(a.content.text).toContain('three new ones');
  });

  it('starts an unframed quotation at the "that" of the clause it completes', () => {
    const text = 'Tom Hale, the harbour master, grumbled at the board that the dredger “would never be paid for in time.”';
    const a = about(attribute(text), 'dredger');
    expect(a.content.text.startsWith('that the dredger')).toBe(true);
  });

  it('leaves a quoted title alone', () => {
    const found = attribute('She starred in “The Long Night Of The Harbour Town” last year.');
    expect(found.filter((a) => a.content.text.includes('Harbour Town'))).toEqual([]);
  });
});

describe('attributions: reported speech', () => {
  it('reads "X said that …" with the "that" as part of the content', () => {
    const a = about(attribute('Councillor Ada Finch said that the library would close on Sundays.'), 'library');
    expect(a.content.text).toBe('that the library would close on Sundays');
    expect(a).toMatchObject({ direct: false, speaker: 'Ada Finch' });
    expect(a.cue?.text).toBe('said');
  });

  it('skips the listener after "told": "X told Radio North …"', () => {
    const a = about(attribute('Pim Sato told Radio North the harbour would reopen next week.'), 'harbour');
    expect(a.content.text).toBe('the harbour would reopen next week');
    expect(a.source?.text).toBe('Pim Sato');
  });

  it('reads "X insisted there would be …"', () => {
    const a = about(attribute('The minister insisted there would be no new tolls on the coast road.'), 'no new tolls');
    expect(a.cue?.text).toBe('insisted');
  });

  it('reads what a source believes or wants', () => {
    const a = about(attribute('The union believes the new rota is unsafe for night staff.'), 'rota');
    expect(a.cue?.text).toBe('believes');
    expect(a.speaker).toBe('union');
  });

  it('reads "X has learned that …"', () => {
    const a = about(attribute('The Courier has learned that the council sold the depot in March.'), 'depot');
    expect(a.source?.text).toBe('The Courier');
  });

  it('reads "According to X, …"', () => {
    const a = about(attribute('According to the fire service, the blaze started in a kitchen.'), 'blaze');
    expect(a.content.text).toBe('the blaze started in a kitchen');
    expect(a.source?.text).toBe('the fire service');
  });

  it('reads "…, according to X"', () => {
    const a = about(attribute('Ticket sales fell by a third last summer, according to the operator.'), 'Ticket sales');
    expect(a.source?.text).toBe('the operator');
  });

  it('reads content before its source: "…, officials say"', () => {
    const a = about(attribute('The tunnel will need another year of repairs, officials say.'), 'tunnel');
    expect(a.content.text).toBe('The tunnel will need another year of repairs');
    expect(a.source?.text).toBe('officials');
  });

  it('reads content on both sides of a source in the middle: "…, she said, …"', () => {
    const a = about(attribute('The old pier, she said, should have been rebuilt years ago.'), 'old pier');
    expect(a.content.text).toContain('rebuilt years ago');
  });

  it('ends reported content where a participle adds a second claim', () => {
    const found = attribute('Rosa Klein said the vote was fair, adding that the count would be published.');
    expect(about(found, 'vote was fair').content.text).toBe('the vote was fair');
    const second = about(found, 'count would be published');
    expect(second.cue?.text).toBe('adding');
    expect(second.speaker).toBe('Rosa Klein');
  });

  it('gives "who" its antecedent as speaker and keeps "who" as the source', () => {
    const a = about(attribute('The plan was drawn up by Omar Vance, who said it would cut costs, and by two clerks.'), 'cut costs');
    expect(a.source?.text).toBe('who');
    expect(a.speaker).toBe('Omar Vance');
  });

  it('names a relative clause subject, not the clause: "residents who live nearby say …"', () => {
    const a = about(attribute('Residents who live near the quarry say the blasting shakes their windows.'), 'blasting');
    expect(a.source?.text).toBe('Residents');
  });

  it('reads a coordinated verb with the subject of the first: "X visited Y and said …"', () => {
    const a = about(attribute('Nina Park visited the depot and said the buses were in poor repair.'), 'buses');
    expect(a.speaker).toBe('Nina Park');
  });

  it('does not read a passive verb as speech: "the plan was announced …"', () => {
    expect(attribute('The plan was announced on Monday in the town hall.')).toHaveLength(0);
  });
});

describe('attributions: documents and polls', () => {
  it('reads what a poll shows', () => {
    const a = about(attribute('A poll of 800 residents shows most of them oppose the new car park.'), 'oppose');
    expect(a.cue?.text).toBe('shows');
    expect(a.source?.text).toBe('A poll of 800 residents');
  });

  it('reads what a report found', () => {
    const a = about(attribute('The audit report found that two contracts had been signed twice.'), 'contracts');
    expect(a.content.text).toBe('that two contracts had been signed twice');
  });

  it('reads "…, records show"', () => {
    const a = about(attribute('The firm paid no tax for three years, court records show.'), 'no tax');
    expect(a.source?.text).toBe('court records');
  });

  it('reads what a study concluded', () => {
    const a = about(attribute('The study concluded that the cycle lanes reduced accidents.'), 'cycle lanes');
    expect(a.cue?.text).toBe('concluded');
  });
});

describe('attributions: speakers', () => {
  it('skips a "Democrat of …" title aside to find the source', () => {
    const found = attribute('Senator Ann Lee, Democrat of Ohio, said the ferry subsidy had failed.');
    expect(about(found, 'subsidy had failed').source?.text).toBe('Senator Ann Lee');
  });

  it('keeps a party tag in parentheses out of the source', () => {
    const found = attribute('Rep. Ben Ortiz (R-Ohio), a member of the port panel, said the deal was wrong.');
    expect(about(found, 'deal was wrong').source?.text).toBe('Rep. Ben Ortiz');
  });

  it('resolves "he" to the last named source', () => {
    const text = 'Karl Dunn chairs the board. “Costs are rising,” Dunn said. “We have no choice,” he said.';
    expect(about(attribute(text), 'no choice').speaker).toBe('Karl Dunn');
  });

  it('resolves "the official" to the last named source', () => {
    const text = 'Deputy Mayor Hana Lutz spoke first. “Repairs start soon,” Lutz said. “The money is there,” the official said.';
    expect(about(attribute(text), 'money is there').speaker).toBe('Hana Lutz');
  });

  it('resolves a lone "one" to the group named before it', () => {
    const text = 'Port officials met on Friday. “We expected worse,” said one.';
    expect(about(attribute(text), 'expected worse').speaker).toBe('Port official');
  });

  it('resolves "one" to the group of an earlier source: "one harbour official" then "said one"', () => {
    const text = '“The cranes are old,” one harbour official said. “They break every week,” said one.';
    expect(about(attribute(text), 'break every week').speaker).toBe('harbour official');
  });
});

describe('attributions: stance verbs learnt from the training split', () => {
  it('reads "realized" and "sided with" as what the subject holds', () => {
    expect(about(attribute('Councillor Ben Ortiz realized the harbour plan would cost more than promised.'), 'harbour plan').cue?.text).toBe('realized');
    expect(about(attribute('Mayor Ann Lee sided with the ferry workers in the pay dispute.'), 'ferry workers').source?.text).toBe('Mayor Ann Lee');
  });

  it('reads other inflections of listed verbs: "condemning", "prefers"', () => {
    expect(about(attribute('Ben Ortiz spent the meeting condemning the new mooring fees.'), 'mooring fees').cue?.text).toBe('condemning');
    expect(about(attribute('Ann Lee prefers a smaller ferry for the winter months.'), 'smaller ferry').source?.text).toBe('Ann Lee');
  });
});

describe('attributions: words that look like cues but report nothing', () => {
  it('skips idioms and nouns: "safe to say", "their say", "pledged delegates", "no doubt", "a show of"', () => {
    const text = [
      'It is safe to say the ferry will be late again.',
      'Residents will get their say on the harbour plan in May.',
      'Ann Lee won 40 pledged delegates in the county.',
      'There is no doubt the wall will be built.',
      'The march was a show of support for the crews.',
      'Ben Ortiz reported from the quay on Monday.',
      'The closure was first reported by the Harbour Gazette.',
    ].join(' ');
    expect(attribute(text)).toEqual([]);
  });

  it('reads nothing in an editor’s note about the story', () => {
    const text = 'Harbour vote delayed\n\nThe council met on Monday.\n\nEditor’s note: The mayor said the vote was fair, the council said it was not.';
    expect(attribute(text).filter((a) => a.content.text.includes('vote was fair'))).toEqual([]);
  });
});

describe('attributions: signed quotations', () => {
  it('gives each quotation to the name that signs it after a dash', () => {
    const text = 'Readers wrote in.\n\n“The ferry is the only way to work for us.” ― Ann Lee “Fares went up twice this year and nobody asked.” ― Ben Ortiz';
    const found = attribute(text);
    expect(about(found, 'only way to work').source?.text).toBe('Ann Lee');
    expect(about(found, 'Fares went up').source?.text).toBe('Ben Ortiz');
  });
});

describe('attributions: transcripts', () => {
  it('reads each "NAME:" turn as that speaker’s words, ending where the next turn starts', () => {
    const text = [
      'Partial transcript as follows:',
      '"HOST: Will the ferry run this winter? And who pays for it?',
      '"LEE: Well, look, the ferry will run all winter. The council pays, not the riders.',
      '"HOST: Thank you.',
    ].join('\n\n');
    const found = attribute(text);
    const turns = found.filter((a) => a.source?.text === 'HOST' || a.source?.text === 'LEE').map((a) => [a.source?.text, a.content.text]);
    expect(turns).toEqual([
      ['HOST', 'Will the ferry run this winter? And who pays for it?'],
      ['LEE', 'Well, look, the ferry will run all winter. The council pays, not the riders.'],
      ['HOST', 'Thank you.'],
    ]);
  });
});

describe('attributions: headlines', () => {
  it('does not read "Not" or "Ad" in a headline as "noted" or "added"', () => {
    const tail = '\n\nThe board met on Monday and adjourned.';
    expect(attribute(`Harbour Board Is Not Ready For The Ferry Vote${tail}`).some((a) => a.cue?.text === 'Not')).toBe(false);
    expect(attribute(`Mayor Ad Hits Harbour Board Over Ferry Fares${tail}`).some((a) => a.cue?.text === 'Ad')).toBe(false);
  });

  it('reads a headline that names its source before a colon', () => {
    const a = about(attribute('Mayor Lutz: Ferry Fares Will Not Rise\n\nThe mayor spoke on Monday.'), 'Ferry Fares');
    expect(a.source?.text).toBe('Mayor Lutz');
  });

  it('keeps the colon reading over words quoted inside it, and skips an "EXCLUSIVE –" label', () => {
    const a = about(attribute('EXCLUSIVE – Ann Lee: ‘I Doubt the Ferry Will Run’ This Winter\n\nThe mayor spoke on Monday.'), 'Ferry Will Run');
    expect(a.source?.text).toBe('Ann Lee');
    expect(a.content.text).toBe('‘I Doubt the Ferry Will Run’ This Winter');
  });

  it('reads a headline’s present tense as the listed past-tense cue: "Lee and Ortiz pledge …"', () => {
    const a = about(attribute('Ann Lee and Ben Ortiz pledge to keep the ferry running\n\nThe mayor spoke on Monday.'), 'keep the ferry');
    expect(a.cue?.text).toBe('pledge');
  });

  it('reads present forms that way only in a headline', () => {
    const found = attribute('Ann Lee and Ben Ortiz pledge to keep the ferry running, and the board will pay for it.');
    expect(found.filter((a) => a.cue?.text === 'pledge')).toEqual([]);
  });
});

describe('attributions: openers, settings and frames', () => {
  it('does not take an opener before the source as content: "At the time, Dunn told the council that …"', () => {
    const found = attribute('At the time, Karl Dunn told the council that the ferry would be sold.');
    expect(about(found, 'ferry would be sold').content.text).toBe('that the ferry would be sold');
    expect(found.some((a) => a.content.text === 'At the time')).toBe(false);
  });

  it('keeps a "that" clause after a day as content: "many said Monday that …"', () => {
    const a = about(attribute('Many riders were angry, and many said Monday that the fares were too high.'), 'fares were too high');
    expect(a.content.text).toBe('that the fares were too high');
  });

  it('ends a quotation at its source when the rest of the sentence only says when: "…,” Lutz said 30 minutes in.', () => {
    const a = about(attribute('“The pier is safe,” Hana Lutz said 30 minutes into the meeting.'), 'pier is safe');
    expect(a.content.text).toBe('The pier is safe,');
    expect(a.source?.text).toBe('Hana Lutz');
  });

  it('takes a source with a possessive apposition: "Dunn, the board’s chief engineer, said …"', () => {
    const a = about(attribute('Karl Dunn, Lutz’s chief engineer, said the cranes would be replaced.'), 'cranes would be replaced');
    expect(a.source?.text).toBe('Karl Dunn');
  });

  it('reads a place after an apposition as the place, not the source: "Dunn, a welder from Riverton, Ohio, said"', () => {
    const a = about(attribute('Karl Dunn, a welder from Riverton, Ohio, said the cranes would be replaced.'), 'cranes would be replaced');
    expect(a.source?.text).toBe('Karl Dunn');
    const b = about(attribute('Hana Lutz, the mayor of Kelby, England, said the baths would reopen.'), 'baths would reopen');
    expect(b.source?.text).toBe('Hana Lutz');
    // A name after a subject that is no apposition is still the source.
    const c = about(attribute('The head of Lutz Cranes, Karl Dunn, said the yard would close.'), 'yard would close');
    expect(c.source?.text).toBe('Karl Dunn');
  });

  it('reads "As Lutz said, …" as her words in the main clause', () => {
    const a = about(attribute('As Hana Lutz said last week, “The harbour needs a second crane.”'), 'second crane');
    expect(a.source?.text).toBe('Hana Lutz');
    expect(a.speaker).toBe('Hana Lutz');
  });

  it('reads a long source after "According to" up to its comma', () => {
    const a = about(attribute('According to the schedule published by the port on Thursday, the ferry leaves at nine.'), 'ferry leaves');
    expect(a.source?.text).toBe('the schedule published by the port on Thursday');
  });

  it('keeps words before "according to X," in the content: "Revenue, according to the port, has doubled"', () => {
    const a = about(attribute('Revenue, according to the port, has doubled since May.'), 'has doubled');
    expect(a.content.text).toBe('Revenue, according to the port, has doubled since May');
  });

  it('gives a framed quotation before "according to X" to X whole: "“…,” Dunn said, according to a transcript"', () => {
    const text = 'The mayor spoke late. “The yard will stay open all winter,” Karl Dunn said on Monday, according to a transcript of the meeting.';
    const found = attribute(text);
    const a = about(found, 'yard will stay open');
    expect(a.cue?.text).toBe('according to');
    expect(a.source?.text).toBe('a transcript of the meeting');
    expect(a.content.text).toBe('The yard will stay open all winter,” Karl Dunn said on Monday');
    expect(found.filter((f) => f.content.text.includes('yard will stay open'))).toHaveLength(1);
  });

  it('leaves a quotation that goes on after "according to X" with its speaker', () => {
    const text = '“The yard will stay open,” Karl Dunn said, according to a transcript. “Nobody loses a job.”';
    const a = about(attribute(text), 'yard will stay open');
    expect(a.cue?.text).toBe('said');
  });

  it('does not skip a "when" clause to reach a later "that": "asked Quill why she left when she had said that …"', () => {
    const text = 'Karl Dunn opened by asking Mara Quill why she left the board when she had said in May that she would stay.';
    const a = about(attribute(text), 'why she left');
    expect(a.cue?.text).toBe('asking');
    expect(a.content.text.startsWith('why she left the board')).toBe(true);
  });

  it('reads a present progressive cue: "Dunn is telling workers that …"', () => {
    const a = about(attribute('Karl Dunn is telling workers that the yard will stay open.'), 'yard will stay open');
    expect(a.source?.text).toBe('Karl Dunn');
  });

  it('attributes a quotation followed by a verb outside the lexicon: "“…,” Dunn shot back.', () => {
    const a = about(attribute('“They only want the free parking,” Karl Dunn shot back.'), 'free parking');
    expect(a).toMatchObject({ direct: true });
    expect(a.source?.text).toBe('Karl Dunn');
  });

  it('attributes a quotation after a colon to the subject of the clause before it', () => {
    const text = 'When the yard closed, Hana Lutz released the following statement:\n\n“We thank every worker. The yard served us well.”';
    const a = about(attribute(text), 'thank every worker');
    expect(a.source?.text).toBe('Hana Lutz');
    expect(a.content.text).toBe('We thank every worker. The yard served us well.');
  });

  it('introduces the new quotation, not the one before: "“…” He added, “…”"', () => {
    const found = attribute('“The pumps are old.” He added, “Two of them failed last week.”');
    expect(about(found, 'Two of them failed').content.text).toBe('Two of them failed last week.');
  });

  it('joins a quotation across an apposition of its source: "“…,” said Dunn, an engineer, “and …”"', () => {
    const a = about(attribute('“The cranes are old,” said Karl Dunn, an engineer at the yard, “and they break every week.”'), 'cranes are old');
    expect(a.content.text).toContain('break every week');
  });

  it('reads a verb outside the lexicon before a "that" clause: "Dunn charges that …"', () => {
    const a = about(attribute('Karl Dunn charges that the port ignored the warnings.'), 'ignored the warnings');
    expect(a.content.text).toBe('that the port ignored the warnings');
  });

  it('does not read "pledged delegates" as a cue', () => {
    const found = attribute('Lutz leads Dunn by 300 pledged delegates after the vote.');
    expect(found.some((a) => a.cue?.text === 'pledged')).toBe(false);
  });

  it('reads the question in "Dunn, when asked about the fares, …"', () => {
    const a = about(attribute('Karl Dunn, when asked about the fares, changed the subject.'), 'the fares');
    expect(a.content.text).toBe('the fares');
  });

  it('attributes a quotation signed in the next paragraph: "“…”" then "- Lutz."', () => {
    const a = about(attribute('“The ferry will run all winter.”\n\n- Hana Lutz.\n\nThe board met later.'), 'run all winter');
    expect(a.source?.text).toBe('Hana Lutz');
  });

  it('finds the speaker of a quotation after a colon behind an opening phrase', () => {
    const text = 'At the meeting in Dover on Monday, the harbour master retorted: “Nobody asked us.”';
    expect(about(attribute(text), 'Nobody asked us').source?.text).toBe('the harbour master');
  });

  it('reads "Said Lutz, who …, “…”" with the cue opening the sentence', () => {
    const a = about(attribute('Said Hana Lutz, who grew up by the harbour, “We were all proud of it.”'), 'proud of it');
    expect(a.source?.text).toBe('Hana Lutz');
  });

  it('attributes a sign\'s words to "it": "“…,” it read."', () => {
    expect(about(attribute('“Save the ferry,” it read.'), 'Save the ferry').source?.text).toBe('it');
  });

  it('reads a possessive speech noun: "his call for a ban on night crossings"', () => {
    const a = about(attribute('Support fell after his call for a ban on night crossings.'), 'ban on night crossings');
    expect(a.cue?.text).toBe('call');
    expect(a.source?.text).toBe('his');
  });

  it('keeps an attribution nested inside another: "Aides say that Dunn told donors … that …"', () => {
    const found = attribute('Aides say that Karl Dunn told donors on Friday night in Dover that the yard will close in May.');
    expect(found.map((a) => a.cue?.text).sort()).toEqual(['say', 'told']);
    expect(about(found, 'yard will close').source).toBeDefined();
  });
});


describe('attributions: narrower and wider readings', () => {
  it('reads a possessor-less "calls for" as what the sentence subject said', () => {
    const a = about(attribute('Mara Quill renewed calls for a second dredger on the river.'), 'second dredger');
    expect(a.content.text).toBe('a second dredger on the river');
    expect(a.source?.text).toBe('Mara Quill');
  });

  it('keeps a poll\'s finding whole around what a share of those asked said: "In a … poll, 61 percent said …"', () => {
    const found = attribute('In a Coastal Herald poll last month, 61 percent of residents said they would pay the ferry levy.');
    const a = about(found, 'ferry levy');
    expect(a.source?.text).toBe('a Coastal Herald poll last month');
    expect(a.content.text).toBe('61 percent of residents said they would pay the ferry levy');
    expect(found.filter((f) => f.content.text.includes('ferry levy'))).toHaveLength(1);
  });

  it('reads what a poll found from an opening "In a … poll,"', () => {
    const a = about(attribute('In a Coastal Herald poll last month, the ferry levy trailed by nine points.'), 'ferry levy');
    expect(a.content.text).toBe('the ferry levy trailed by nine points');
    expect(a.source?.text).toBe('a Coastal Herald poll last month');
  });

  it('gives a participle after a dash the subject of the main clause', () => {
    const a = about(attribute('Mara Quill changed her vote on the spot – saying the levy had grown too steep.'), 'levy had grown');
    expect(a.speaker).toBe('Mara Quill');
  });

  it('reads "see X as Y" as a view, and a bare "see" as nothing', () => {
    const a = about(attribute('Most harbour pilots see the new dredger as a waste of money.'), 'waste of money');
    expect(a.content.text).toBe('the new dredger as a waste of money');
    expect(a.cue?.text).toBe('see');
    const found = attribute('Most harbour pilots see the new dredger from the quay every morning.');
    expect(found.some((x) => x.cue?.text === 'see')).toBe(false);
  });

  it('does not read a column label or a tally before a colon as a source', () => {
    const found = attribute('The Latest: Ferry board votes on the levy.\n\nMara Quill: 1,769.\n\nBen Ortiz: Levy Is A Fair Price.');
    expect(found.some((a) => a.source?.text === 'The Latest')).toBe(false);
    expect(found.some((a) => a.content.text.includes('1,769'))).toBe(false);
    expect(about(found, 'Fair Price').source?.text).toBe('Ben Ortiz');
  });

  it('does not read "charged" without "that" as speech', () => {
    const found = attribute('The ferry board charged a ten-dollar fee for every crossing this summer.');
    expect(found.some((a) => a.content.text.includes('ten-dollar fee'))).toBe(false);
  });

  it('does not read "the backing of" as a speech verb', () => {
    const found = attribute('The levy has the backing of most harbour pilots on the river.');
    expect(found.some((a) => a.cue?.text === 'backing')).toBe(false);
  });

  it('leaves out a quoted headline credited to its outlet', () => {
    const found = attribute('—“Ferry board weighs a second dredger for the channel,” by Herald’s Mara Quill.');
    expect(found.some((a) => a.content.text.includes('second dredger'))).toBe(false);
  });

  it('leaves out a short unframed quotation fragment', () => {
    const found = attribute('The ferry board had a “quiet summer” on the river.');
    expect(found.some((a) => a.content.text.includes('quiet summer'))).toBe(false);
  });
});

describe('attributions: content boundaries', () => {
  it('keeps an outer "responds that" reading around an inner reading', () => {
    const found = attribute('Mara Quill responds that the board needs no audit to tell her the pumps are failing.');
    expect(found.some((a) => a.cue?.text === 'responds' && a.content.text.startsWith('that the board needs no audit'))).toBe(true);
  });

  it('ends the first content where a second speaker and cue start', () => {
    const found = attribute('Mara Quill said the levy was fair, and Ben Ortiz said it was too high.');
    expect(about(found, 'levy was fair').content.text).toBe('the levy was fair');
  });

  it('ends the content before the setting it was said in', () => {
    const found = attribute('Mara Quill said the ferry would run all winter at a press conference on Monday.');
    expect(about(found, 'run all winter').content.text).toBe('the ferry would run all winter');
  });

  it('ends the content before a "compared with" aside', () => {
    const found = attribute('Ben Ortiz said crossings rose by a third, compared with the summer before.');
    expect(about(found, 'rose by a third').content.text).toBe('crossings rose by a third');
  });

  it('ends a relative clause content before the main verb', () => {
    const found = attribute('Ben Ortiz, who said the channel was unsafe, resigned from the ferry board on Friday.');
    expect(about(found, 'channel was unsafe').content.text).toBe('the channel was unsafe');
  });

  it('does not run into a next-sentence quotation whose own cue follows a titled name', () => {
    const found = attribute(
      "Gov. Ann Lee of Ohio, who has refused to back the plan, said the port deserved better. ''There is only one way to treat dock workers: with respect,'' Mrs. Lee said.",
    );
    const reported = found.filter((a) => a.cue?.text === 'said').map((a) => a.content.text);
    expect(reported).toEqual(['the port deserved better', 'There is only one way to treat dock workers: with respect,']);
  });

  it('spans a parenthetical source when the words before it are the subject of what follows', () => {
    expect(about(attribute('This ferry, he says, is different.'), 'is different').content.text).toBe('This ferry, he says, is different');
    const gerund = about(attribute('Raising fees too soon, several owners say, emptied the marina.'), 'emptied the marina');
    expect(gerund.content.text).toBe('Raising fees too soon, several owners say, emptied the marina');
  });

  it('keeps a subordinate clause after a parenthetical source: "…, Mr. Lee said, until …"', () => {
    const found = attribute('The ferry was a lifeline, Mr. Lee said, until the council cut its budget in 2019.');
    expect(about(found, 'lifeline').content.text).toBe('The ferry was a lifeline, Mr. Lee said, until the council cut its budget in 2019');
  });

  it('ends the content before ", and when …" opens another clause', () => {
    const found = attribute('Mara Quill said the pumps had failed twice, and when asked about the dredger she shrugged.');
    expect(about(found, 'pumps had failed').content.text).toBe('the pumps had failed twice');
  });
});

describe('attributions: clauses around reported content', () => {
  it('starts content before "…, X said" after an opening subordinate clause', () => {
    const a = about(attribute('After the vote was delayed, the ferry board would meet again, Mara Quill said.'), 'meet again');
    expect(a.content.text).toBe('the ferry board would meet again');
    expect(a.source?.text).toBe('Mara Quill');
  });

  it('keeps a second "that" clause after ", but that" in the content', () => {
    const a = about(attribute('Ben Ortiz said the levy was fair, but that the council had set it too late.'), 'levy was fair');
    expect(a.content.text).toBe('the levy was fair, but that the council had set it too late');
  });

  it('reads a one-word answer as what was said: "most riders said yes"', () => {
    const a = about(attribute('The board asked about the new fares. Most riders said yes.'), 'yes');
    expect(a.content.text).toBe('yes');
    expect(a.source?.text).toBe('Most riders');
  });

  it('does not take a "but" clause before "said X" for an apposition: "…, but it has grown, said Ms. Gil"', () => {
    const a = about(attribute('The ferry club is hardly formal, but it has attracted a loyal following, said Ms. Gil.'), 'loyal following');
    expect(a.content.text).toBe('The ferry club is hardly formal, but it has attracted a loyal following');
    expect(a.source?.text).toBe('Ms. Gil');
  });
});

describe('attributions: reports without a named source', () => {
  it('reads "reportedly" as a cue whose content is its clause, subject and all', () => {
    const a = about(attribute('The harbour board is reportedly planning a new ferry route as it nears the end of its review.'), 'ferry route');
    expect(a.cue?.text).toBe('reportedly');
    expect(a.source).toBeNull();
    expect(a.content.text).toBe('The harbour board is reportedly planning a new ferry route');
  });

  it('leaves a headline\'s capitalised "Reportedly" and a participle after a comma alone', () => {
    const found = attribute('The pilot, a veteran of the channel, has been busy, reportedly winning over the crew.');
    expect(found.some((a) => a.cue?.text === 'reportedly')).toBe(false);
  });

  it('reads a cue word after a determiner as a noun in the subject: "…, new fundraising reports show"', () => {
    const a = about(attribute('More than 40 percent of the ferry money arrived in May, new fundraising reports show.'), 'ferry money');
    expect(a.content.text).toBe('More than 40 percent of the ferry money arrived in May');
    expect(a.source?.text).toBe('new fundraising reports');
  });

  it('reads "spoke about" as a cue whose topic is the content, and "spoke at" as none', () => {
    const a = about(attribute('Mara Quill spoke about the need for a second ferry.'), 'second ferry');
    expect(a.cue?.text).toBe('spoke');
    expect(a.content.text).toBe('the need for a second ferry');
    expect(attribute('Mara Quill spoke at the harbour on Monday.')).toEqual([]);
  });

  it('reads "The head of the board, Ann Lee, told the paper …" as Ann Lee telling, not the head phrase as content', () => {
    const a = about(attribute('The head of the ferry board, Ann Lee, told the Gazette her group never ran the night boats.'), 'night boats');
    expect(a.cue?.text).toBe('told');
    expect(a.source?.text).toBe('Ann Lee');
    expect(a.content.text).toBe('her group never ran the night boats');
  });

  it('reads "X appear to …" as an impression with no source, and "to appear at" as none', () => {
    const a = about(attribute('The new timetables appear to have brought some calm to the harbour.'), 'some calm');
    expect(a.cue?.text).toBe('appear');
    expect(a.source).toBeNull();
    expect(a.content.text).toBe('The new timetables appear to have brought some calm to the harbour');
    expect(attribute('The board invited the mayor to appear at the ferry launch.').some((x) => x.cue?.text === 'appear')).toBe(false);
  });

  it('reads "As reported by X, …" and "…, as first reported by X" with X as the source', () => {
    const a = about(attribute('As reported by the Harbour Gazette, the board had cancelled three night ferries in May.'), 'night ferries');
    expect(a.source?.text).toBe('the Harbour Gazette');
    expect(a.content.text).toBe('the board had cancelled three night ferries in May');
    const b = about(attribute('The board started reserving berths in June, as first reported by the Harbour Gazette.'), 'reserving berths');
    expect(b.source?.text).toBe('the Harbour Gazette');
    expect(b.content.text).toBe('The board started reserving berths in June');
  });

  it('reads a poll that closes a sentence as the source of the clause before it: "… in a Gazette poll last month"', () => {
    const a = about(attribute('In March, Mara Quill held a 12-point lead over Ben Ortiz in a Harbour Gazette poll.'), '12-point lead');
    expect(a.cue?.text).toBe('in');
    expect(a.source?.text).toBe('a Harbour Gazette poll');
    expect(a.content.text).toBe('Mara Quill held a 12-point lead over Ben Ortiz');
    expect(attribute('Mara Quill is far ahead in the polls.').some((x) => x.cue?.text === 'in')).toBe(false);
  });

  it('reads an opening "To X," that names people as the holder of the view after it, and "To be sure," as none', () => {
    const a = about(attribute('To Ms. Quill, the night ferry is a lifeline for the island.'), 'lifeline');
    expect(a.cue?.text).toBe('To');
    expect(a.source?.text).toBe('Ms. Quill');
    expect(a.content.text).toBe('the night ferry is a lifeline for the island');
    expect(attribute('To be sure, the night ferry is a lifeline for the island.')).toEqual([]);
  });

  it('keeps a poll\'s finding whole when a cue sits inside it: "A poll showed that 55 percent of riders said …"', () => {
    const a = about(attribute('A recent harbour poll showed that only 55 percent of riders said they would pay more for the night ferry.'), '55 percent');
    expect(a.cue?.text).toBe('showed');
    expect(a.source?.text).toBe('A recent harbour poll');
    expect(a.content.text).toBe('that only 55 percent of riders said they would pay more for the night ferry');
  });

  it('reads "declined to say whether …" as one refusal, "to say" and all', () => {
    const a = about(attribute('Ann Lee declined to say whether the night ferry would run in May.'), 'night ferry');
    expect(a.cue?.text).toBe('declined');
    expect(a.source?.text).toBe('Ann Lee');
    expect(a.content.text).toBe('to say whether the night ferry would run in May');
  });

  it('reads "Critics call it …" as a view, and "a phone call" as none', () => {
    const a = about(attribute('Critics call it a tax on island families.'), 'tax on island');
    expect(a.cue?.text).toBe('call');
    expect(a.source?.text).toBe('Critics');
    expect(a.content.text).toBe('it a tax on island families');
    expect(attribute('The mayor took a phone call from the harbour board.')).toEqual([]);
  });

  it('reads "is eager to …" as a stance whose infinitive is the content', () => {
    const a = about(attribute('Mr. Ortiz is eager to get the ferry back in service before the summer.'), 'ferry back');
    expect(a.cue?.text).toBe('eager');
    expect(a.source?.text).toBe('Mr. Ortiz');
    expect(a.content.text).toBe('to get the ferry back in service before the summer');
  });

  it('reads a share of those polled as a source: "42% say they are liberal, 34% conservative"', () => {
    const a = about(attribute('On fares, 42% say they are content, 34% unhappy.'), 'content');
    expect(a.source?.text).toBe('42%');
    expect(a.content.text).toBe('they are content');
  });

  it('reads "…: According to X, …" after a colon as an opening "According to"', () => {
    const a = about(attribute('It has not gone unnoticed: According to recent polls, the ferry holds only 14 percent of riders.'), '14 percent');
    expect(a.source?.text).toBe('recent polls');
    expect(a.content.text).toBe('the ferry holds only 14 percent of riders');
  });
});
