import type { AnswerDraft, AttributionDraft, CommitmentDraft, Engine, SummaryDraft } from '../engines/engine.js';
import { ExtractiveEngine } from '../engines/extractive/extractive-engine.js';
import type { Story } from '../story/story.js';
import type { TaskRunner } from './tasks.js';

const IDENTITY = new ExtractiveEngine();

/**
 * The extractive engine, run by a {@link TaskRunner} (in the app, the worker pool): the same
 * rules and the same cache identity as `ExtractiveEngine`, off the event loop. Aborting a task's
 * signal terminates the thread that runs it.
 */
export class PooledExtractiveEngine implements Engine {
  readonly name = IDENTITY.name;
  readonly version = IDENTITY.version;
  readonly promptVersion = IDENTITY.promptVersion;

  /** @param tasks - Runs the `draft` tasks. */
  constructor(private readonly tasks: TaskRunner) {}

  async summarise(story: Story, signal: AbortSignal): Promise<SummaryDraft> {
    return (await this.tasks.run('draft', { task: 'summarise', story }, signal)) as SummaryDraft;
  }

  async attributions(story: Story, signal: AbortSignal): Promise<AttributionDraft[]> {
    return (await this.tasks.run('draft', { task: 'attributions', story }, signal)) as AttributionDraft[];
  }

  async commitments(story: Story, signal: AbortSignal): Promise<CommitmentDraft[]> {
    return (await this.tasks.run('draft', { task: 'commitments', story }, signal)) as CommitmentDraft[];
  }

  async answer(question: string, stories: Story[], signal: AbortSignal): Promise<AnswerDraft> {
    return (await this.tasks.run('draft', { task: 'answer', question, stories }, signal)) as AnswerDraft;
  }
}
