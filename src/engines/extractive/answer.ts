import type { Story } from '../../story/story.js';
import { NOT_IN_STORY } from '../../citations/gate.js';
import type { AnswerDraft } from '../engine.js';
import { placeOf } from './names.js';
import { isStopword, stem, tokenize } from './words.js';

/**
 * Stems that say the same thing in a story, each group known by its first member. A stem of
 * four letters or more also stands for its longer forms ("compensat" for "compensation"). A
 * word may be in more than one group: "stop" ends a service and closes a department.
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
  ['clos', 'stop', 'suspend', 'halt'],
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
  ['run', 'ran', 'operat'],
  ['choos', 'chose', 'chosen', 'select'],
  ['write', 'wrote', 'written'],
  ['speak', 'spoke', 'spoken'],
  ['bring', 'brought'],
  ['find', 'found'],
  ['seek', 'sought', 'ask', 'request'],
  ['teach', 'taught'],
  ['night', 'overnight'],
  ['repair', 'work'],
  ['help', 'cover', 'assist'],
  ['lead', 'leader', 'head', 'president', 'chief'],
  ['start', 'begin', 'began', 'begun', 'commenc'],
  ['fee', 'charg', 'fare'],
  ['open', 'reopen'],
  // Making something free is waiving its charge.
  ['free', 'waiv'],
  // "Will fares be higher?" is settled by "fares will be the same".
  ['higher', 'lower', 'cheaper', 'dearer', 'same', 'unchanged'],
  ['fight', 'combat', 'battl'],
];

const GROUPS = new Map<string, string[]>();
for (const group of SYNONYMS) for (const word of group) GROUPS.set(word, [...(GROUPS.get(word) ?? []), group[0]!]);

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
type Expect = 'number' | 'amount' | 'money' | 'date' | 'duration' | 'party' | 'reason';

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
    '\\b(?:in|by|until|till|from|since|before|after|during|through)\\s+(?:the\\s+)?(?:spring|summer|autumn|fall|winter)\\b',
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

/** A sum of money written with its currency sign: "£1,000", "$6.5 million". */
const SUM = /[£$€¥]\s?\d[\d,.]*(?:\s?(?:million|billion|bn|m|k)\b)?/giu;

/** Pay counted in time: "two weeks' wages", "three months' salary". */
const WAGES = new RegExp(`(?:\\d|\\b(?:${NUMBER_WORD}|a|an))[\\s-]+${UNIT}['’]?\\s+(?:pay|wages?|salary)\\b`, 'iu');

/** "Until" says how long, whether a date follows it or an event ("until the reservoir is full"). */
const UNTIL = /\b(?:until|till)\b/iu;

/** Words that give a reason: a cause, a purpose, or what could not be done. */
const REASON =
  /\b(?:because|since|as a result|due to|owing to|thanks to|blam(?:e|ed|ing)|cit(?:e|ed|ing)|so that|in order to|could not|cannot|can't|couldn't|unable|not enough|too (?:few|many|little|much)|shortage|lack of)\b/iu;

/** Whether a sentence has the kind of words the question asks for. */
const PROVIDES: Record<Expect, (sentence: string) => boolean> = {
  // A sum of money counts nothing: "fined up to £1,000" says not how many households there are.
  number: (s) => NUMBER.test(s.replace(SUM, ' ')),
  amount: (s) => AMOUNT.test(s) || NUMBER.test(s),
  money: (s) => MONEY.test(s) || WAGES.test(s) || /\b(?:million|billion)\b/iu.test(s),
  date: (s) => DATE.test(s),
  duration: (s) => DURATION.test(s) || DATE.test(s) || UNTIL.test(s),
  party: (s) => PARTY.test(s),
  reason: (s) => REASON.test(s),
};

/** Kinds of answer a relative clause may give only when it also says what the question is about. */
const CLAUSE_BOUND = new Set<Expect>(['number', 'amount', 'money', 'date', 'duration']);

/**
 * A relative clause set off by commas (", which has run since 1974"): it tells about the word
 * before it, so its date or number is not the main clause's.
 */
const RELATIVE_CLAUSE = /,\s+(?:which|who|whose|whom|where|when)\b[^,;]*/giu;

/**
 * Verbs a "when" or "how long" question frames itself with, and the words before a date that
 * say them: "When will the ban start?" is answered by "the ban … from Friday", "When will the
 * work be finished?" by "… by the end of August", "How long will it last?" by "until the
 * autumn". A sentence need not have the verb when it has one of these.
 */
const TIME_FRAME: Record<string, RegExp> = {
  start: /\b(?:from|starting|beginning|as of)\s+(?:next\s+|this\s+|the\s+)?(?:\d|\p{Lu}|week|month|year|spring|summer|autumn|winter|today|tomorrow)/u,
  finish: /\b(?:by|until|till)\s+(?:next\s+|this\s+|the\s+)?(?:\d|\p{Lu}|end|week|month|year|spring|summer|autumn|winter|today|tomorrow)/u,
  last: /\b(?:until|till|for)\b/u,
};

/** A word shared by at least this many sentences is what the story is about. */
const TOPIC_SENTENCES = 3;

/**
 * Adjectives of measure in "how full", "how deep": the amount is the answer, the adjective
 * only says which one ("fell to 34 per cent of its capacity" for "How full is the reservoir?").
 */
const MEASURE = new Set(['full', 'empty', 'high', 'deep', 'wide', 'tall', 'large', 'heavy', 'fast', 'expensive', 'cheap', 'low', 'small', 'hot', 'cold', 'late', 'early', 'close', 'busy']);

/** Stems that make "how much" a question about money. */
const MONEY_WORDS = new Set(['cost', 'pay', 'earn', 'worth', 'money', 'budget', 'fee', 'salary', 'sav', 'save', 'afford']);

/**
 * A word as matching sees it: the synonym groups its stem belongs to, or the stem itself when
 * it is in none. Two words match when any of their forms do.
 */
type Forms = string[];

/** What a question asks about. */
interface Question {
  /** Names and places the answer must mention: lower-cased words, or canonical places. */
  entities: string[];
  /** The other content words. */
  words: Forms[];
  /** A "when" question's "start", "finish" or "last": in the sentence, or said by the words before its date. */
  frames: Forms[];
  /** The kind of words the answer needs, if the question says. */
  expect: Expect | null;
  /** What "how many" counts ("teacher" in "How many new teachers…"). */
  counted: Forms | null;
  /** Whether the question asks about a loss ("lose", "cut", "demolish"). */
  loss: boolean;
  /** Whether it asks who holds a role ("Who is the transport secretary?"). */
  role: boolean;
}

/** A sentence that could answer, with what it mentions. */
interface Candidate {
  story: Story;
  /** Index in `story.sentences`. */
  index: number;
  start: number;
  end: number;
  text: string;
  /** Its words, in order. */
  stems: Forms[];
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
const LOSS = new Set(['lose', 'cut', 'shed', 'axe', 'fall', 'fell', 'drop', 'quit', 'resign', 'fire', 'sack', 'lay', 'die', 'kill', 'injur', 'clos', 'demolish', 'destroy', 'remov']);

/** How much a question word found only in the sentence before counts, against one in the candidate. */
const CONTEXT_WEIGHT = 0.5;

/**
 * Answers from the sentence that best matches the question, quoting it. A sentence answers
 * only when every party and every content word of the question (by stem, irregular form or
 * synonym) is in it, in the sentence before it in the same paragraph, or in the story's first
 * sentence, which sets what the story is about; it must itself hold at least one of those
 * words, and the kind of words the question asks for: a date or time for "when", "until" for
 * "how long", a name for "who" (beside the role, for "who is the …"), a number or an amount
 * for "how many", "how much" and "how full", a reason for "why". A date or number in a
 * relative clause answers only for what that clause says. Otherwise the story does not say.
 */
export function answer(question: string, stories: Story[]): AnswerDraft {
  const asked = analyse(question);
  const candidates = stories.flatMap(candidatesOf);
  if ((asked.entities.length === 0 && asked.words.length === 0) || candidates.length === 0) return notInStory();

  // Rare words weigh more; a word the story never uses weighs as much as one it uses once.
  const weigh = (word: Forms): number => {
    const df = candidates.filter((c) => has(c, word)).length;
    return Math.log((candidates.length + 1) / (Math.max(df, 1) + 0.5));
  };
  const weights = { words: asked.words.map(weigh), frames: asked.frames.map(weigh) };
  // Words of the question that run through a story are what it is about.
  const topical = asked.words.map((word) => candidates.filter((c) => has(c, word)).length >= TOPIC_SENTENCES);
  const matches: Match[] = [];
  const ledes = new Map<Story, Candidate>();
  for (const candidate of candidates) if (!ledes.has(candidate.story)) ledes.set(candidate.story, candidate);
  candidates.forEach((candidate, i) => {
    const previous = i > 0 && candidates[i - 1]!.story === candidate.story ? candidates[i - 1]! : null;
    const lede = ledes.get(candidate.story) ?? null;
    const match = judge(candidate, previous, lede === candidate ? null : lede, asked, weights, topical);
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
  const words = new Map<string, Forms>();
  let counted: Forms | null = null;
  let loss = false;
  const many = /\bhow many\b/iu.exec(question);
  const measure = /\bhow (\p{L}+)\b/iu.exec(question)?.[1]?.toLowerCase();
  tokenize(question).forEach((token, i) => {
    const lower = token.text.toLowerCase();
    // "US" the country is not the stopword "us".
    const place = /^(?:US|U\.S)$/u.test(token.text) ? 'US' : placeOf(token.text);
    if (!place && (IGNORED.has(lower) || (isStopword(lower) && !KEPT.has(lower)))) return;
    if (place) entities.add(place);
    else if (i > 0 && /^\p{Lu}/u.test(token.text)) entities.add(nameKey(token.text));
    else if (lower === measure && MEASURE.has(lower)) return;
    else {
      const stemmed = stem(token.text);
      const word = forms(stemmed);
      if (LOSS.has(stemmed) || word.some((w) => LOSS.has(w))) loss = true;
      if (many && counted === null && token.start > many.index) counted = word;
      words.set(word.join('|'), word);
    }
  });
  let required = [...words.values()];
  const expect = expectation(question, required, measure);
  // "How much money": the amount the sentence must hold says it already.
  if (expect === 'money') required = required.filter((w) => !w.includes('money'));
  const framed = (w: Forms): boolean => (expect === 'date' || expect === 'duration') && w.some((f) => Object.hasOwn(TIME_FRAME, f));
  const role = /^\W*who\s+(?:is|was|are|were)\s+(?:the|a|an|its|their|his|her)\b/iu.test(question);
  return { entities: [...entities], words: required.filter((w) => !framed(w)), frames: required.filter(framed), expect, counted, loss, role };
}

function expectation(question: string, words: Forms[], measure: string | undefined): Expect | null {
  const q = question.toLowerCase();
  if (/\bhow much\b/u.test(q)) return words.some((w) => w.some((f) => MONEY_WORDS.has(f))) ? 'money' : 'amount';
  if (/\bhow (?:many|often|old)\b|\bwhat (?:number|percentage|proportion|share)\b/u.test(q)) return 'number';
  if (/\bhow long\b/u.test(q)) return 'duration';
  if (measure !== undefined && MEASURE.has(measure)) return 'amount';
  if (/^\W*(?:and |so |but )?who(?:m|se)?\b/u.test(q)) return 'party';
  if (/^\W*(?:and |so |but )?when\b|\b(?:until|since|by) when\b|\b(?:what|which) (?:time|date|day|month|year)\b/u.test(q)) return 'date';
  if (/^\W*(?:and |so |but )?why\b/u.test(q)) return 'reason';
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
    const stems: Forms[] = [];
    const numbers: boolean[] = [];
    for (const token of tokenize(text)) {
      numbers.push(NUMBER_TOKEN.test(token.text));
      names.add(nameKey(token.text));
      const place = placeOf(token.text);
      if (place) names.add(place);
      stems.push(forms(stem(token.text)));
    }
    out.push({ story, index, start: sentence.start, end: sentence.end, text, stems, numbers, names });
  });
  return out;
}

function judge(
  candidate: Candidate,
  previous: Candidate | null,
  lede: Candidate | null,
  asked: Question,
  weights: { words: number[]; frames: number[] },
  topical: boolean[],
): Match | null {
  const sameParagraph = previous !== null && previous.story.sentences[previous.index]!.paragraph === candidate.story.sentences[candidate.index]!.paragraph;
  const before = sameParagraph ? previous : null;
  let leaned = false;
  // A party named in the sentence itself counts fully, one it takes from another sentence half.
  let named = 0;
  for (const entity of asked.entities) {
    if (candidate.names.has(entity)) named++;
    else if (before?.names.has(entity)) {
      leaned = true;
      named += CONTEXT_WEIGHT;
    } else if (lede?.names.has(entity)) named += CONTEXT_WEIGHT;
    else return null;
  }
  if (asked.expect && !PROVIDES[asked.expect](candidate.text)) return null;
  let own = 0;
  let fromLede = 0;
  // A sentence that gives a number of what "how many" counts answers it, whatever its verb
  // ("38 new teaching positions" for "How many teachers will the district hire?").
  let missed = 0;
  let weight = 0;
  const owned: Forms[] = [];
  for (const [i, word] of asked.words.entries()) {
    if (has(candidate, word)) {
      own++;
      owned.push(word);
      weight += weights.words[i]!;
    } else if (before && has(before, word)) {
      leaned = true;
      weight += weights.words[i]! * CONTEXT_WEIGHT;
    } else if (lede && has(lede, word)) {
      if (!topical[i]) fromLede++;
      weight += weights.words[i]! * CONTEXT_WEIGHT;
    } else if (missed === 0 && !asked.loss && asked.counted !== null && counts(candidate, asked.counted)) missed++;
    else return null;
  }
  for (const [i, word] of asked.frames.entries()) {
    if (has(candidate, word)) {
      owned.push(word);
      weight += weights.frames[i]!;
    } else if (!word.some((f) => Object.hasOwn(TIME_FRAME, f) && TIME_FRAME[f]!.test(candidate.text))) return null;
  }
  if (asked.words.length > 0 && own === 0) return null;
  // The first sentence may supply what the story is about (a word that runs through it), not
  // most of what is asked; but a reason is told after the news it explains, so a sentence
  // giving one may take the rest of the question from the first.
  if (fromLede > 0 && own * 2 <= asked.words.length && asked.expect !== 'reason') return null;
  // Lost customers are not the customers a business has; the count must fit the question.
  if (asked.counted !== null && !asked.loss && countsLoss(candidate, asked.counted)) return null;
  if (asked.expect && CLAUSE_BOUND.has(asked.expect) && !inClause(candidate.text, asked.expect, owned)) return null;
  if (asked.role && !namedBeside(candidate.text, asked)) return null;
  return { candidate, context: leaned ? before : null, score: weight + named - candidate.text.length / 10_000 };
}

/**
 * Whether the date or number a question asks for is said of what it asks about: in the main
 * clause, or in a relative clause that itself has a word of the question. "The mill will shut
 * its second machine, which has run since 1974" does not say when the mill will close.
 */
function inClause(text: string, expect: Expect, owned: Forms[]): boolean {
  const main = text.replace(RELATIVE_CLAUSE, ' ');
  if (PROVIDES[expect](main)) return true;
  for (const match of text.matchAll(RELATIVE_CLAUSE)) {
    if (!PROVIDES[expect](match[0])) continue;
    const clause = tokenize(match[0]).map((t) => forms(stem(t.text)));
    if (owned.some((word) => clause.some((f) => same(f, word)))) return true;
  }
  return false;
}

/** How far from the role word a name may stand: "finance director Helen Park", "Tomas Lindqvist, its chair". */
const ROLE_REACH = 3;

/**
 * Whether a name stands beside a word of the role asked about, as names stand beside their
 * titles. A sentence with the role and a name elsewhere ("Graham Wills said … a petition to
 * the transport secretary") does not say who holds the role.
 */
function namedBeside(text: string, asked: Question): boolean {
  const tokens = tokenize(text);
  const isName = (i: number): boolean => {
    const token = tokens[i]!;
    return i > 0 && /^\p{Lu}/u.test(token.text) && !isStopword(token.text) && !asked.entities.includes(nameKey(token.text));
  };
  return tokens.some((token, i) => {
    const word = forms(stem(token.text));
    if (!asked.words.some((w) => same(word, w))) return false;
    for (let j = Math.max(0, i - ROLE_REACH); j <= Math.min(tokens.length - 1, i + ROLE_REACH); j++) {
      if (j !== i && isName(j) && !asked.words.some((w) => same(forms(stem(tokens[j]!.text)), w))) return true;
    }
    return false;
  });
}

/** Whether a number comes at most three words before a word for `counted`. */
function counts(candidate: Candidate, counted: Forms): boolean {
  return candidate.stems.some((s, i) => same(s, counted) && candidate.numbers.slice(Math.max(0, i - 3), i).some(Boolean));
}

/** Whether every number of `counted` in the sentence follows a word of loss ("had lost its two largest customers"). */
function countsLoss(candidate: Candidate, counted: Forms): boolean {
  let counts = 0;
  let lost = 0;
  candidate.stems.forEach((s, i) => {
    if (!same(s, counted)) return;
    const number = candidate.numbers.slice(Math.max(0, i - 3), i).lastIndexOf(true);
    if (number < 0) return;
    counts++;
    const at = Math.max(0, i - 3) + number;
    if (candidate.stems.slice(Math.max(0, at - 3), at).some((w) => w.some((f) => LOSS.has(f)))) lost++;
  });
  return counts > 0 && lost === counts;
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
  return asked.words.some((word) => has(next, word)) ? next : null;
}

/** Whether a word of the candidate matches `word`. */
function has(candidate: Candidate, word: Forms): boolean {
  return candidate.stems.some((s) => same(s, word));
}

/** Whether two words match: any of their forms share a stem. */
function same(a: Forms, b: Forms): boolean {
  return a.some((x) => b.some((y) => sameStem(x, y)));
}

/**
 * Equal stems, also without a final "e" ("vote" and "voted"); a stem of four letters or more
 * and a form of it up to three letters longer; or two words of six letters or more sharing
 * their first five and three quarters of the shorter ("corroded" and "corrosion", "diverted"
 * and "diversion").
 */
function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && short.endsWith('e') && short.slice(0, -1) === long) return true;
  if (long.length >= 4 && long.endsWith('e') && long.slice(0, -1) === short) return true;
  if (short.length >= 4 && long.length - short.length <= 3 && long.startsWith(short)) return true;
  let common = 0;
  while (common < short.length && short[common] === long[common]) common++;
  return common >= 5 && short.length >= 6 && common >= short.length * 0.75;
}

/** The synonym groups of a stem (exactly, or as a longer form of a group's stem), else the stem. */
function forms(word: string): Forms {
  const groups = new Set(GROUPS.get(word) ?? []);
  for (const [key, heads] of GROUPS) if (key.length >= 4 && sameStem(key, word)) for (const head of heads) groups.add(head);
  return groups.size > 0 ? [...groups] : [word];
}

/** A word as a name: lower-cased, without a possessive "'s". */
function nameKey(word: string): string {
  return word.toLowerCase().replace(/['’]s$/u, '');
}
