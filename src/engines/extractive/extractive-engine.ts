import type { Story } from '../../story/story.js';
import type { AnswerDraft, AttributionDraft, CommitmentDraft, Engine, SummaryDraft } from '../engine.js';
import { answer } from './answer.js';
import { attributions } from './attributions.js';
import { commitments } from './commitments.js';
import { summarise } from './summarise.js';

/**
 * The offline engine: rules and sentence scoring over the story text, no model and no key.
 * It is the default and the fallback when an LLM engine fails. Every quote it drafts is a
 * span of the story, so the citation gate passes all of it.
 */
export class ExtractiveEngine implements Engine {
  readonly name = 'extractive';
  /** Bump when any rule changes what the engine returns for the same story. */
  readonly version = '28';
  readonly promptVersion = 'none';

  async summarise(story: Story, signal: AbortSignal): Promise<SummaryDraft> {
    signal.throwIfAborted();
    return summarise(story);
  }

  async attributions(story: Story, signal: AbortSignal): Promise<AttributionDraft[]> {
    signal.throwIfAborted();
    return attributions(story);
  }

  async commitments(story: Story, signal: AbortSignal): Promise<CommitmentDraft[]> {
    signal.throwIfAborted();
    return commitments(story);
  }

  async answer(question: string, stories: Story[], signal: AbortSignal): Promise<AnswerDraft> {
    signal.throwIfAborted();
    return answer(question, stories);
  }
}
