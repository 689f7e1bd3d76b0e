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
  ['pay', 'paid', 'fund', 'financ'],
  ['finish', 'complet', 'end', 'stop'],
  // Irregular forms, and nouns that are the verb's own ("signature", "loss").
  ['leav', 'left'],
  ['lose', 'los', 'lost', 'loss'],
  ['sign', 'signatur'],
  ['sell', 'sold', 'sale'],
  ['build', 'built', 'construct'],
  ['decid', 'decision'],
  ['buy', 'bought', 'purchas', 'acquir'],
  ['plan', 'propos', 'intend'],
  ['grow', 'grew', 'grown', 'rise', 'rose', 'risen'],
  ['fall', 'fell', 'fallen', 'drop', 'declin'],
  ['cut', 'reduc', 'slash'],
  ['delay', 'postpon', 'defer'],
  ['return', 'resum'],
  ['ban', 'prohibit', 'forbid'],
  ['doctor', 'physician'],
  ['win', 'won'],
  ['meet', 'met'],
  ['run', 'ran'],
  ['choos', 'chose', 'chosen', 'select'],
  ['write', 'wrote', 'written'],
  ['speak', 'spoke', 'spoken'],
  ['bring', 'brought'],
  ['find', 'found'],
  ['seek', 'sought'],
  ['teach', 'taught'],
  ['night', 'overnight'],
  ['repair', 'work'],
  ['help', 'cover', 'assist'],
  ['lead', 'leader', 'head', 'president', 'chief'],
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
    'anything something anyone someone story article report people hold held'
  ).split(' '),
);

/** Stopwords that still decide an answer ("voted against the budget"). */
const KEPT = new Set(['against']);

/** What kind of words an answer needs, judged from how the question asks. */
type Expect = 'number' | 'amount' | 'money' | 'date' | 'duration' | 'party';

const NUMBER_WORD = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half';
const NUMBER = new RegExp(`\\d|\\b(?:${NUMBER_WORD})\\b`, 'iu');
const NUMBER_TOKEN = new RegExp(`^(?:\\d|(?:${NUMBER_WORD})$)`, 'iu');
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

/**
 * A person or an organisation: a capitalised word after the first, or two capitalised words
 * opening the sentence ("Tane Valley Buses will run…").
 */
const PARTY = /\s\p{Lu}[\p{L}'’.-]*|^\W*\p{Lu}\p{L}*\s+\p{Lu}/u;

/** Whether a sentence has the kind of words the question asks for. */
const PROVIDES: Record<Expect, (sentence: string) => boolean> = {
  number: (s) => NUMBER.test(s),
  amount: (s) => AMOUNT.test(s) || NUMBER.test(s),
  money: (s) => MONEY.test(s) || /\b(?:million|billion)\b/iu.test(s),
  date: (s) => DATE.test(s),
  duration: (s) => DURATION.test(s) || DATE.test(s),
  party: (s) => PARTY.test(s),
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
  /** What "how many" counts ("teacher" in "How many new teachers…"), as a canonical stem. */
  counted: string | null;
}

/** A sentence that could answer, with what it mentions. */
interface Candidate {
  story: Story;
  /** Index in `story.sentences`. */
  index: number;
  start: number;
  end: number;
  text: string;
  /** Canonical stems of its words, in order. */
  stems: string[];
  /** Whether each of its words is a number. */
  numbers: boolean[];
  /** Its words lower-cased, and the canonical places it names. */
  names: Set<string>;
}

/** A candidate that answers, and how well. */
interface Match {
  candidate: Candidate;
  score: number;
  /** The sentence before, when the candidate leans on it for a party or a word of the question. */
  context: Candidate | null;
}

/**
 * Canonical stems of words that count a loss. A number of teaching posts created does not
 * say how many teachers will lose their jobs, so these are never the word a count may lack.
 */
const LOSS = new Set(['lose', 'cut', 'shed', 'axe', 'fall', 'fell', 'drop', 'quit', 'resign', 'fire', 'sack', 'lay', 'die', 'kill', 'injur', 'clos']);

/** How much a question word found only in the sentence before counts, against one in the candidate. */
const CONTEXT_WEIGHT = 0.5;

/**
 * Answers from the sentence that best matches the question, quoting it. A sentence answers
 * only when every party and every content word of the question (by stem, irregular form or
 * synonym) is in it, in the sentence before it in the same paragraph, or in the story's first
 * sentence, which sets what the story is about; it must itself hold at least one of those
 * words, and the kind of words the question asks for: a date or time for "when", a name for
 * "who", a number or an amount for "how many" and "how much". Otherwise the story does not say.
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
  const matches: Match[] = [];
  const ledes = new Map<Story, Candidate>();
  for (const candidate of candidates) if (!ledes.has(candidate.story)) ledes.set(candidate.story, candidate);
  candidates.forEach((candidate, i) => {
    const previous = i > 0 && candidates[i - 1]!.story === candidate.story ? candidates[i - 1]! : null;
    const lede = ledes.get(candidate.story) ?? null;
    const match = judge(candidate, previous, lede === candidate ? null : lede, asked, weights);
    if (match) matches.push(match);
  });
  if (matches.length === 0) return notInStory();

  matches.sort((a, b) => b.score - a.score);
  const top = matches[0]!;
  const chosen = [top.candidate];
  if (top.context) chosen.unshift(top.context);
  else {
    const second = matches.find((m) => m !== top && !m.context && m.score >= top.score * 0.8)?.candidate ?? followUp(top.candidate, candidates, asked);
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
  let counted: string | null = null;
  const many = /\bhow many\b/iu.exec(question);
  tokenize(question).forEach((token, i) => {
    const lower = token.text.toLowerCase();
    // "US" the country is not the stopword "us".
    const place = /^(?:US|U\.S)$/u.test(token.text) ? 'US' : placeOf(token.text);
    if (!place && (IGNORED.has(lower) || (isStopword(lower) && !KEPT.has(lower)))) return;
    if (place) entities.add(place);
    else if (i > 0 && /^\p{Lu}/u.test(token.text)) entities.add(nameKey(token.text));
    else {
      const word = canonical(stem(token.text));
      if (many && counted === null && token.start > many.index) counted = word;
      words.add(word);
    }
  });
  const expect = expectation(question, words);
  // "How much money": the amount the sentence must hold says it already.
  if (expect === 'money') words.delete('money');
  return { entities: [...entities], words: [...words], expect, counted };
}

function expectation(question: string, words: Set<string>): Expect | null {
  const q = question.toLowerCase();
  if (/\bhow much\b/u.test(q)) return [...words].some((w) => MONEY_WORDS.has(w)) ? 'money' : 'amount';
  if (/\bhow (?:many|often|old)\b|\bwhat (?:number|percentage|proportion|share)\b/u.test(q)) return 'number';
  if (/\bhow long\b/u.test(q)) return 'duration';
  if (/^\W*(?:and |so |but )?who(?:m|se)?\b/u.test(q)) return 'party';
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
    const numbers: boolean[] = [];
    for (const token of tokenize(text)) {
      numbers.push(NUMBER_TOKEN.test(token.text));
      names.add(nameKey(token.text));
      const place = placeOf(token.text);
      if (place) names.add(place);
      stems.push(canonical(stem(token.text)));
    }
    out.push({ story, index, start: sentence.start, end: sentence.end, text, stems, numbers, names });
  });
  return out;
}

function judge(candidate: Candidate, previous: Candidate | null, lede: Candidate | null, asked: Question, weights: number[]): Match | null {
  const sameParagraph = previous !== null && previous.story.sentences[previous.index]!.paragraph === candidate.story.sentences[candidate.index]!.paragraph;
  const before = sameParagraph ? previous : null;
  let leaned = false;
  for (const entity of asked.entities) {
    if (candidate.names.has(entity)) continue;
    if (before?.names.has(entity)) leaned = true;
    else if (!lede?.names.has(entity)) return null;
  }
  if (asked.expect && !PROVIDES[asked.expect](candidate.text)) return null;
  let own = 0;
  let fromLede = 0;
  // A sentence that gives a number of what "how many" counts answers it, whatever its verb
  // ("38 new teaching positions" for "How many teachers will the district hire?").
  let missed = 0;
  let weight = 0;
  for (const [i, word] of asked.words.entries()) {
    if (candidate.stems.some((s) => sameStem(s, word))) {
      own++;
      weight += weights[i]!;
    } else if (before?.stems.some((s) => sameStem(s, word))) {
      leaned = true;
      weight += weights[i]! * CONTEXT_WEIGHT;
    } else if (lede?.stems.some((s) => sameStem(s, word))) {
      fromLede++;
      weight += weights[i]! * CONTEXT_WEIGHT;
    } else if (missed === 0 && !LOSS.has(word) && asked.counted !== null && counts(candidate, asked.counted)) missed++;
    else return null;
  }
  if (asked.words.length > 0 && own === 0) return null;
  // The first sentence may supply what the story is about, not most of what is asked.
  if (fromLede > 0 && own * 2 <= asked.words.length) return null;
  return { candidate, context: leaned ? before : null, score: weight + asked.entities.length - candidate.text.length / 10_000 };
}

/** Whether a number comes at most three words before a word for `counted`. */
function counts(candidate: Candidate, counted: string): boolean {
  return candidate.stems.some((s, i) => sameStem(s, counted) && candidate.numbers.slice(Math.max(0, i - 3), i).some(Boolean));
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

/**
 * Equal stems; a stem of four letters or more and a form of it up to three letters longer; or
 * two words of six letters or more sharing their first five and three quarters of the shorter
 * ("corroded" and "corrosion", "diverted" and "diversion").
 */
function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.length - short.length <= 3 && long.startsWith(short)) return true;
  let common = 0;
  while (common < short.length && short[common] === long[common]) common++;
  return common >= 5 && short.length >= 6 && common >= short.length * 0.75;
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
