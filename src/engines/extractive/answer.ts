import type { Story } from '../../story/story.js';
import { NOT_IN_STORY } from '../../citations/gate.js';
import type { AnswerDraft } from '../engine.js';
import { placeOf } from './names.js';
import { isStopword, stem, tokenize } from './words.js';

/**
 * Stems that say the same thing in a story, each group mapped to its first member. A stem of
 * four letters or more also stands for its longer forms ("compensat" for "compensation").
 */
const SYNONYMS: string[][] = [
  ['send', 'deploy', 'dispatch'],
  ['pledg', 'promis', 'commit', 'vow', 'agre', 'agree'],
  ['troop', 'soldier', 'personnel', 'force'],
  ['negotiat', 'talk', 'discus'],
  ['clos', 'close', 'shut', 'closure'],
  ['hire', 'hir', 'recruit', 'employ'],
  ['vehicl', 'car', 'lorry', 'lorri', 'truck'],
  ['student', 'pupil', 'child', 'children', 'kid'],
  ['job', 'position', 'vacanc'],
  ['cost', 'price', 'spend', 'spent'],
  ['rais', 'raise', 'increas', 'hike'],
  ['pay', 'fund', 'financ'],
  ['finish', 'complet', 'end'],
  ['start', 'begin', 'began', 'begun', 'commenc'],
  ['fee', 'charg', 'fare'],
  ['open', 'reopen'],
  ['fight', 'combat', 'battl'],
];

const CANONICAL = new Map(SYNONYMS.flatMap((group) => group.map((word): [string, string] => [word, group[0]!])));

/** Question words, and words a question leans on that say nothing about the story. */
const IGNORED = new Set(
  (
    'what who whom whose which when where why how did does do will would is are was were can could ' +
    'should has have may might must shall go goes going gone get gets getting got make makes making ' +
    'take takes taking happen happens happened happening give gives giving put putting come comes ' +
    'coming want wants need needs still ever every ' +
    'each there exactly actually really yet much many long far often old big kind sort way thing ' +
    'anything something anyone someone story article report'
  ).split(' '),
);

/** Stopwords that still decide an answer ("voted against the budget"). */
const KEPT = new Set(['against']);

/** What kind of words an answer needs, judged from how the question asks. */
type Expect = 'number' | 'amount' | 'money' | 'date' | 'duration';

const NUMBER_WORD = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half';
const NUMBER = new RegExp(`\\d|\\b(?:${NUMBER_WORD})\\b`, 'iu');
const MONEY = /[£$€¥]\s?\d|\d\s?(?:p|c)\b|\b(?:pounds?|dollars?|euros?|pence|cents?)\b/iu;
const AMOUNT = /[£$€¥%]|\bper ?cent\b|\b(?:million|billion|pounds?|dollars?|euros?|pence)\b/iu;
const UNIT = '(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)';
const DURATION = new RegExp(`(?:\\d|\\b(?:${NUMBER_WORD}|a|an|several|few))[\\s-]+${UNIT}\\b`, 'iu');
const DATE = new RegExp(
  [
    '\\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\\b',
    '\\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?\\s+\\d',
    '\\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\\b',
    '\\b(?:1[89]|20)\\d\\d\\b',
    '\\b(?:today|tomorrow|yesterday|tonight|soon|immediately)\\b',
    '\\b(?:this|next|last|later this|earlier this|end of the|end of this)\\s+(?:week|weekend|month|year|spring|summer|autumn|fall|winter|season|term|quarter)\\b',
    `\\b(?:in|within|by|after|for|until)\\s+(?:\\d+|${NUMBER_WORD}|a|an)\\s+${UNIT}\\b`,
    `\\b${UNIT}\\s+(?:ago|later|from now)\\b`,
    '\\b\\d{1,2}(?::\\d\\d)?\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)',
  ].join('|'),
  'u',
);

/** Whether a sentence has the kind of words the question asks for. */
const PROVIDES: Record<Expect, (sentence: string) => boolean> = {
  number: (s) => NUMBER.test(s),
  amount: (s) => AMOUNT.test(s) || NUMBER.test(s),
  money: (s) => MONEY.test(s) || /\b(?:million|billion)\b/iu.test(s),
  date: (s) => DATE.test(s),
  duration: (s) => DURATION.test(s) || DATE.test(s),
};

/** Stems that make "how much" a question about money. */
const MONEY_WORDS = new Set(['cost', 'pay', 'earn', 'worth', 'money', 'budget', 'fee', 'salary', 'sav', 'save', 'afford']);

/** What a question asks about. */
interface Question {
  /** Names and places the answer must mention: lower-cased words, or canonical places. */
  entities: string[];
  /** Canonical stems of the other content words. */
  words: string[];
  /** The kind of words the answer needs, if the question says. */
  expect: Expect | null;
}

/** A sentence that could answer, with what it mentions. */
interface Candidate {
  story: Story;
  /** Index in `story.sentences`. */
  index: number;
  start: number;
  end: number;
  text: string;
  /** Canonical stems of its words. */
  stems: string[];
  /** Its words lower-cased, and the canonical places it names. */
  names: Set<string>;
}

/** A candidate that answers, and how well. */
interface Match {
  candidate: Candidate;
  score: number;
  /** The sentence before, when only that one names a party the question names ("Its director…"). */
  context: Candidate | null;
}

/** Share of the question's word weight a sentence must carry to answer it. */
const MIN_COVERAGE = 0.5;

/**
 * Answers from the sentences that best match the question, quoting them. A sentence answers
 * only when it (or, for a pronoun, the sentence before it) names every party the question
 * names, shares at least two of the question's content words (its only one, if it has one)
 * carrying at least half of their weight — rare words weigh more — and, when the question
 * asks when, how many or how much, holds a date, a number or an amount. Otherwise the story
 * does not say.
 */
export function answer(question: string, stories: Story[]): AnswerDraft {
  const asked = analyse(question);
  const candidates = stories.flatMap(candidatesOf);
  if ((asked.entities.length === 0 && asked.words.length === 0) || candidates.length === 0) return notInStory();

  // Rare words weigh more; a word the story never uses weighs as much as one it uses once.
  const weights = asked.words.map((word) => {
    const df = candidates.filter((c) => c.stems.some((s) => sameStem(s, word))).length;
    return Math.log((candidates.length + 1) / (Math.max(df, 1) + 0.5));
  });
  const total = weights.reduce((sum, w) => sum + w, 0);
  const matches: Match[] = [];
  candidates.forEach((candidate, i) => {
    const previous = i > 0 && candidates[i - 1]!.story === candidate.story ? candidates[i - 1]! : null;
    const match = judge(candidate, previous, asked, weights, total);
    if (match) matches.push(match);
  });
  if (matches.length === 0) return notInStory();

  matches.sort((a, b) => b.score - a.score);
  const top = matches[0]!;
  const chosen = [top.candidate];
  if (top.context) chosen.unshift(top.context);
  else {
    const second = matches.find((m) => m !== top && m.score >= top.score * 0.8)?.candidate ?? followUp(top.candidate, candidates, asked);
    if (second) chosen.push(second);
  }
  chosen.sort((a, b) => (a.story === b.story ? a.start - b.start : stories.indexOf(a.story) - stories.indexOf(b.story)));
  return {
    answer: `According to the story: ${chosen.map((c) => c.text).join(' ').replace(/["“”]/gu, '')}`,
    quotes: chosen.map((c) => ({ storyId: c.story.id, quote: { text: c.text, near: c.start } })),
    grounded: true,
  };
}

function notInStory(): AnswerDraft {
  return { answer: NOT_IN_STORY, quotes: [], grounded: false };
}

function analyse(question: string): Question {
  const entities = new Set<string>();
  const words = new Set<string>();
  tokenize(question).forEach((token, i) => {
    const lower = token.text.toLowerCase();
    // "US" the country is not the stopword "us".
    const place = /^(?:US|U\.S)$/u.test(token.text) ? 'US' : placeOf(token.text);
    if (!place && (IGNORED.has(lower) || (isStopword(lower) && !KEPT.has(lower)))) return;
    if (place) entities.add(place);
    else if (i > 0 && /^\p{Lu}/u.test(token.text)) entities.add(nameKey(token.text));
    else words.add(canonical(stem(token.text)));
  });
  return { entities: [...entities], words: [...words], expect: expectation(question, words) };
}

function expectation(question: string, words: Set<string>): Expect | null {
  const q = question.toLowerCase();
  if (/\bhow much\b/u.test(q)) return [...words].some((w) => MONEY_WORDS.has(w)) ? 'money' : 'amount';
  if (/\bhow (?:many|often|old)\b|\bwhat (?:number|percentage|proportion|share)\b/u.test(q)) return 'number';
  if (/\bhow long\b/u.test(q)) return 'duration';
  if (/^\W*(?:and |so |but )?when\b|\b(?:until|since|by) when\b|\b(?:what|which) (?:time|date|day|month|year)\b/u.test(q)) return 'date';
  return null;
}

function candidatesOf(story: Story): Candidate[] {
  const out: Candidate[] = [];
  story.sentences.forEach((sentence, index) => {
    const text = story.text.slice(sentence.start, sentence.end);
    // On text input the first paragraph is often headline, publication and date on separate
    // lines: not prose to answer from, and its date line would satisfy any "when".
    if (sentence.paragraph === 0 && story.paragraphs.length > 1 && text.includes('\n')) return;
    const names = new Set<string>();
    const stems: string[] = [];
    for (const token of tokenize(text)) {
      names.add(nameKey(token.text));
      const place = placeOf(token.text);
      if (place) names.add(place);
      stems.push(canonical(stem(token.text)));
    }
    out.push({ story, index, start: sentence.start, end: sentence.end, text, stems, names });
  });
  return out;
}

function judge(candidate: Candidate, previous: Candidate | null, asked: Question, weights: number[], total: number): Match | null {
  let context: Candidate | null = null;
  for (const entity of asked.entities) {
    if (candidate.names.has(entity)) continue;
    // A sentence that opens with a pronoun may name its party in the sentence before.
    const sameParagraph = previous && previous.story.sentences[previous.index]!.paragraph === candidate.story.sentences[candidate.index]!.paragraph;
    if (sameParagraph && /^\s*(?:he|she|it|its|his|her|they|their)\b/iu.test(candidate.text) && previous.names.has(entity)) context = previous;
    else return null;
  }
  if (asked.expect && !PROVIDES[asked.expect](candidate.text)) return null;
  let matched = 0;
  let weight = 0;
  asked.words.forEach((word, i) => {
    if (candidate.stems.some((s) => sameStem(s, word))) {
      matched++;
      weight += weights[i]!;
    }
  });
  if (asked.words.length > 0) {
    if (matched < Math.min(2, asked.words.length)) return null;
    if (total > 0 && weight / total < MIN_COVERAGE) return null;
  }
  return { candidate, context, score: weight + asked.entities.length - candidate.text.length / 10_000 };
}

/**
 * The next sentence of the same paragraph when it carries on the matched one with a question
 * word of its own: "Shopkeepers asked to be compensated. Ms Nair said the council would not
 * pay compensation."
 */
function followUp(top: Candidate, candidates: Candidate[], asked: Question): Candidate | null {
  const next = candidates.find((c) => c.story === top.story && c.index === top.index + 1);
  if (!next || next.story.sentences[next.index]!.paragraph !== top.story.sentences[top.index]!.paragraph) return null;
  if (asked.expect && !PROVIDES[asked.expect](next.text)) return null;
  return asked.words.some((word) => next.stems.some((s) => sameStem(s, word))) ? next : null;
}

/** Equal stems, or a stem of four letters or more and a form of it up to three letters longer. */
function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.length - short.length <= 3 && long.startsWith(short);
}

function canonical(word: string): string {
  const exact = CANONICAL.get(word);
  if (exact) return exact;
  for (const [key, value] of CANONICAL) if (key.length >= 4 && sameStem(key, word)) return value;
  return word;
}

/** A word as a name: lower-cased, without a possessive "'s". */
function nameKey(word: string): string {
  return word.toLowerCase().replace(/['’]s$/u, '');
}
