import { gateAnswer, gateAttributions, gateCommitments, gateSummary } from '../citations/gate.js';
import type { Answer, Attribution, Commitment, Gated, Summary } from '../citations/gate.js';
import type { AnswerDraft, AttributionDraft, CommitmentDraft, SummaryDraft } from '../engines/engine.js';
import { ExtractiveEngine } from '../engines/extractive/extractive-engine.js';
// Plain checks on parsed replies: this module loads no `openai` SDK into the threads.
import { replyProblems } from '../engines/openai/reply-problems.js';
import type { ReplyCheck } from '../engines/openai/reply-problems.js';
import { InputError } from '../errors.js';
import { extractHtml } from '../ingest/extract-html.js';
import { buildStory } from '../story/build-story.js';
import type { StoryInput } from '../story/build-story.js';
import type { Story, StorySource } from '../story/story.js';

/** An HTML page to turn into a story. */
export interface PageInput {
  /** The page's markup. */
  html: string;
  /** Where it was fetched from (after redirects), or `null` for a file or stdin. */
  pageUrl: string | null;
  /** Where the story came from. */
  source: StorySource;
}

/** One extractive engine task, with what it reads. */
export type DraftInput =
  | { task: 'summarise' | 'attributions' | 'commitments'; story: Story }
  | { task: 'answer'; question: string; stories: Story[] };

/** An engine's drafts to pass through the citation gate, with the stories they cite. */
export type GateInput =
  | { task: 'summarise'; story: Story; draft: SummaryDraft }
  | { task: 'attributions'; story: Story; draft: AttributionDraft[] }
  | { task: 'commitments'; story: Story; draft: CommitmentDraft[] }
  | { task: 'answer'; stories: Story[]; draft: AnswerDraft };

/** What each task reads. Everything here crosses threads, so it is plain structured-clone data. */
export interface TaskInputs {
  /** Find the article in a page and build its story. */
  page: PageInput;
  /** Build a story from text. */
  text: StoryInput;
  /** Run one extractive engine task. */
  draft: DraftInput;
  /** Pass drafts through the citation gate. */
  gate: GateInput;
  /** Find what an LLM reply gets wrong (quotes not in the story, claims they do not bear out). */
  check: ReplyCheck;
}

/** What each task returns. */
export interface TaskOutputs {
  page: Story;
  text: Story;
  draft: SummaryDraft | AttributionDraft[] | CommitmentDraft[] | AnswerDraft;
  gate: Gated<Summary> | Gated<Attribution[]> | Gated<Commitment[]> | Gated<Answer>;
  /** One repair line per problem; empty when the reply passes. */
  check: string[];
}

/** The name of a task. */
export type TaskName = keyof TaskInputs;

/**
 * Runs the CPU-heavy steps of the pipeline: in worker threads ({@link WorkerPool}) or, where
 * no pool is wired in, on this thread ({@link inlineTasks}).
 */
export interface TaskRunner {
  /**
   * Runs task `name` on `input`. When `signal` aborts, the task is abandoned and the promise
   * rejects with the signal's reason.
   */
  run<K extends TaskName>(name: K, input: TaskInputs[K], signal?: AbortSignal): Promise<TaskOutputs[K]>;
}

const extractive = new ExtractiveEngine();
// Every task below is synchronous, so nothing can abort it half way: the pool terminates the thread.
const NEVER = new AbortController().signal;

/** The task bodies, shared by the worker thread and {@link inlineTasks}. */
export const TASKS: { [K in TaskName]: (input: TaskInputs[K]) => TaskOutputs[K] | Promise<TaskOutputs[K]> } = {
  page({ html, pageUrl, source }) {
    const article = extractHtml(html, pageUrl);
    if (article.text.trim() === '') throw new InputError('EMPTY_ARTICLE', `${source.ref}: no article text found`);
    return buildStory({ text: article.text, meta: article.meta, source });
  },
  text: (input) => buildStory(input),
  draft(input) {
    if (input.task === 'answer') return extractive.answer(input.question, input.stories, NEVER);
    return extractive[input.task](input.story, NEVER);
  },
  gate(input) {
    switch (input.task) {
      case 'summarise':
        return gateSummary(input.story, input.draft);
      case 'attributions':
        return gateAttributions(input.story, input.draft);
      case 'commitments':
        return gateCommitments(input.story, input.draft);
      case 'answer':
        return gateAnswer(input.stories, input.draft);
    }
  },
  check: (input) => replyProblems(input),
};

/** Runs every task on the calling thread: for tests and tools that start no worker pool. */
export const inlineTasks: TaskRunner = {
  async run(name, input, signal) {
    signal?.throwIfAborted();
    return TASKS[name](input);
  },
};
