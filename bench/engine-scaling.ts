/**
 * How the extractive engine's cost grows with input size: one story of real text at 0.5, 1, 2
 * and 5 MB (articles from the shared corpora joined by blank lines), each task run on it three
 * times, keeping the fastest run, seconds of CPU per MB at each size and the ratio of the largest size's cost per MB to the
 * smallest's. A task that is linear in its input keeps that ratio near 1; the issue allows 1.5.
 *
 * CPU time is the process's user + system time (`process.cpuUsage`), which the machine's
 * other load does not inflate as it does wall time; both are printed. Run it on a quiet
 * machine all the same: the process's own GC threads count towards CPU time.
 */
import { performance } from 'node:perf_hooks';
import { gateAttributions, gateCommitments, gateSummary } from '../src/citations/gate.js';
import { answer } from '../src/engines/extractive/answer.js';
import { attributions } from '../src/engines/extractive/attributions.js';
import { commitments } from '../src/engines/extractive/commitments.js';
import { summarise } from '../src/engines/extractive/summarise.js';
import { buildStory } from '../src/story/build-story.js';
import type { Story } from '../src/story/story.js';
import type { BenchArticle } from './pipeline.js';

/** The input sizes measured by default, in MB (10^6 bytes of UTF-8). */
export const DEFAULT_SIZES = [0.5, 1, 2, 5];

/** Largest allowed growth of the cost per MB from the smallest to the largest size. */
export const MAX_RATIO = 1.5;

/** The question the answer task is asked; its words occur all over political news. */
const QUESTION = 'What did the president promise about the budget?';

/** One task measured at one size. */
interface Timing {
  cpuSeconds: number;
  wallSeconds: number;
}

/** What the tasks at one size share: the story, and the drafts the gate checks. */
interface Run {
  text: string;
  story: Story;
  summary?: ReturnType<typeof summarise>;
  attributions?: ReturnType<typeof attributions>;
  commitments?: ReturnType<typeof commitments>;
}

/** A task of the engine (or story building, or the citation gate) on one big story. */
interface Task {
  name: string;
  /** Runs the task; the story is built once per size, untimed, except by the `story` task. */
  run(run: Run): void;
}

const TASKS: Task[] = [
  { name: 'story', run: ({ text }) => void buildStory({ text, source: { kind: 'file', ref: 'scaling' } }) },
  { name: 'summarise', run: (r) => void (r.summary = summarise(r.story)) },
  { name: 'attributions', run: (r) => void (r.attributions = attributions(r.story)) },
  { name: 'commitments', run: (r) => void (r.commitments = commitments(r.story)) },
  { name: 'answer', run: ({ story }) => void answer(QUESTION, [story]) },
  {
    name: 'gate',
    run: ({ story: built, summary, attributions: said, commitments: committed }) => {
      // The drafts come from the timed tasks above (or, when they were not chosen, from
      // `prepare` before timing): the gate alone is measured here. A copy of the story, so
      // that every run folds its text again, as the gate does once per story.
      const story = { ...built };
      gateSummary(story, summary!);
      gateAttributions(story, said!);
      gateCommitments(story, committed!);
    },
  },
];

/** The tasks {@link benchScaling} can run, in the order it runs them. */
export const SCALING_TASKS = TASKS.map((t) => t.name);

/**
 * The first articles of `articles`, joined by blank lines, up to `bytes` of UTF-8 (whole
 * articles only, so at least that many unless the articles run out, then they repeat).
 */
export function textOfSize(articles: BenchArticle[], bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const text = articles[i % articles.length]!.text.trim();
    parts.push(text);
    size += Buffer.byteLength(text, 'utf8') + 2;
  }
  return parts.join('\n\n');
}

/** Runs of each task at each size; the fastest is kept. */
const RUNS = 3;

/**
 * The fastest of {@link RUNS} runs: a run of a few milliseconds is at the mercy of one garbage
 * collection or of a neighbour on the machine. The same number of runs at every size, so that
 * the smallest size does not get more chances at a lucky run than the largest.
 */
function measure(run: () => void): Timing {
  let best: Timing | null = null;
  for (let runs = 0; runs < RUNS; runs++) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    run();
    const used = process.cpuUsage(cpu);
    const timing = { cpuSeconds: (used.user + used.system) / 1e6, wallSeconds: (performance.now() - wall) / 1000 };
    if (!best || timing.cpuSeconds < best.cpuSeconds) best = timing;
  }
  return best!;
}

/** Options for {@link benchScaling}. */
export interface ScalingOptions {
  /** Sizes in MB, smallest first. */
  sizes: number[];
  /** Task names to run (default all). */
  tasks?: string[];
}

/**
 * Prints seconds per MB (CPU and wall) for every task at every size, and the ratio of the
 * largest size's CPU seconds per MB to the smallest's. Returns whether every ratio is within
 * {@link MAX_RATIO}.
 */
export function benchScaling(articles: BenchArticle[], { sizes, tasks }: ScalingOptions): boolean {
  const chosen = TASKS.filter((t) => !tasks || tasks.includes(t.name));
  const texts = sizes.map((mb) => textOfSize(articles, mb * 1e6));
  // Warm-up on a small story so the first size does not pay for compilation.
  const warm = textOfSize(articles, 100_000);
  const warmRun = prepare(warm, chosen);
  for (const task of chosen) task.run(warmRun);

  const rows = new Map<string, Timing[]>(chosen.map((t) => [t.name, []]));
  const mbs = texts.map((t) => Buffer.byteLength(t, 'utf8') / 1e6);
  texts.forEach((text) => {
    const run = prepare(text, chosen);
    for (const task of chosen) rows.get(task.name)!.push(measure(() => task.run(run)));
  });

  const cell = (s: string): string => s.padStart(14);
  console.log(
    `sizes: ${mbs.map((mb, i) => `${mb.toFixed(2)} MB (${texts[i]!.length} chars)`).join(', ')}; CPU s/MB (wall s/MB)`,
  );
  const header = 'task'.padEnd(14) + mbs.map((mb) => cell(`${mb.toFixed(1)} MB`)).join('') + cell(`ratio ${sizes.at(-1)}/${sizes[0]}`);
  console.log(header);
  console.log('-'.repeat(header.length));
  let within = true;
  for (const [name, timings] of rows) {
    const perMb = timings.map((t, i) => t.cpuSeconds / mbs[i]!);
    const ratio = perMb.at(-1)! / perMb[0]!;
    within &&= ratio <= MAX_RATIO;
    console.log(
      name.padEnd(14) +
        timings.map((t, i) => cell(`${perMb[i]!.toFixed(3)} (${(t.wallSeconds / mbs[i]!).toFixed(3)})`)).join('') +
        cell(ratio.toFixed(2)),
    );
  }
  console.log(`\ntarget: cost per MB grows at most ${MAX_RATIO}× from ${sizes[0]} to ${sizes.at(-1)} MB: ${within ? 'met' : 'NOT met'}`);
  return within;
}

/** Builds the story and, untimed, the drafts the gate checks when their tasks are not run. */
function prepare(text: string, chosen: Task[]): Run {
  const run: Run = { text, story: buildStory({ text, source: { kind: 'file', ref: 'scaling' } }) };
  if (chosen.some((t) => t.name === 'gate')) {
    const has = (name: string): boolean => chosen.some((t) => t.name === name);
    if (!has('summarise')) run.summary = summarise(run.story);
    if (!has('attributions')) run.attributions = attributions(run.story);
    if (!has('commitments')) run.commitments = commitments(run.story);
  }
  return run;
}
