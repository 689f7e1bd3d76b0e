/**
 * Scores `ask` on the project's own question set (eval/answers/questions.jsonl): each question
 * names a story file and the sentence that answers it, or `null` when the story does not say.
 * An answerable question counts when the answer is grounded and one of its quotes overlaps the
 * expected sentence; an unanswerable one when the answer is "the story does not say". The
 * engine's draft goes through the citation gate first, as every answer the bot gives does.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gateAnswer } from '../src/citations/gate.js';
import { ExtractiveEngine } from '../src/engines/extractive/extractive-engine.js';
import { loadInput } from '../src/ingest/load-input.js';
import type { Story } from '../src/story/story.js';

/** One line of the question set. */
export interface EvalQuestion {
  /** The story file, relative to the repository. */
  story: string;
  question: string;
  /** when, who, number, whether or other: what the question asks for. */
  type: string;
  /** Words of the sentence that answers it, as written in the story, or `null`. */
  expected: string | null;
  /** `dev` (rules are tuned on these) or `held-out` (never looked at while tuning). */
  split: 'dev' | 'held-out';
}

/** Correct out of asked, for one kind of question in one half. */
export interface Tally {
  correct: number;
  total: number;
}

/** Answerable and unanswerable tallies of one half, and the questions it got wrong. */
export interface SplitScore {
  answerable: Tally;
  unanswerable: Tally;
  wrong: string[];
}

/** The question set, read from `<root>/eval/answers/questions.jsonl`. */
export async function readQuestions(root: string): Promise<EvalQuestion[]> {
  const text = await readFile(join(root, 'eval/answers/questions.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalQuestion);
}

/** Asks every question of its story with the extractive engine and tallies each half. */
export async function scoreAnswers(root: string, questions: EvalQuestion[]): Promise<Record<EvalQuestion['split'], SplitScore>> {
  const engine = new ExtractiveEngine();
  const signal = new AbortController().signal;
  const stories = new Map<string, Story>();
  const scores: Record<EvalQuestion['split'], SplitScore> = {
    dev: { answerable: { correct: 0, total: 0 }, unanswerable: { correct: 0, total: 0 }, wrong: [] },
    'held-out': { answerable: { correct: 0, total: 0 }, unanswerable: { correct: 0, total: 0 }, wrong: [] },
  };
  for (const q of questions) {
    let story = stories.get(q.story);
    if (!story) {
      // Read as the CLI reads a file, header (headline, outlet, date) and all.
      story = await loadInput(join(root, q.story), { allowFiles: true });
      stories.set(q.story, story);
    }
    const answer = gateAnswer([story], await engine.answer(q.question, [story], signal)).value;
    const score = scores[q.split];
    const tally = q.expected === null ? score.unanswerable : score.answerable;
    let right: boolean;
    if (q.expected === null) right = !answer.grounded;
    else {
      const start = story.text.indexOf(q.expected);
      const end = start + q.expected.length;
      right = start >= 0 && answer.grounded && answer.quotes.some((quote) => quote.start < end && quote.end > start);
    }
    tally.total++;
    if (right) tally.correct++;
    else score.wrong.push(`${q.story}: ${q.question}`);
  }
  return scores;
}

/** "81.5% (22/27)". */
export function percent({ correct, total }: Tally): string {
  return `${total === 0 ? '0.0' : ((100 * correct) / total).toFixed(1)}% (${correct}/${total})`;
}

/** The printed line: answerable and unanswerable accuracy on each half. */
export function answerLine(scores: Record<EvalQuestion['split'], SplitScore>): string {
  const half = (name: EvalQuestion['split']): string =>
    `${name} answerable ${percent(scores[name].answerable)}, unanswerable ${percent(scores[name].unanswerable)}`;
  return `answers: ${half('dev')} | ${half('held-out')}`;
}
