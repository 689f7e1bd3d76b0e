import type { AnswerDraft, AttributionDraft, CommitmentDraft, Engine, SummaryDraft } from '../../src/engines/engine.js';
import { ExtractiveEngine } from '../../src/engines/extractive/extractive-engine.js';
import type { Story } from '../../src/story/story.js';

/** A real engine wrapped to record each task call, so tests can assert what was computed. */
export class CountingEngine implements Engine {
  readonly calls: string[] = [];
  private readonly inner = new ExtractiveEngine();

  constructor(
    readonly name = 'counting',
    readonly version = '1',
    readonly promptVersion = 'none',
  ) {}

  summarise(story: Story, signal: AbortSignal): Promise<SummaryDraft> {
    this.calls.push('summarise');
    return this.inner.summarise(story, signal);
  }

  attributions(story: Story, signal: AbortSignal): Promise<AttributionDraft[]> {
    this.calls.push('attributions');
    return this.inner.attributions(story, signal);
  }

  commitments(story: Story, signal: AbortSignal): Promise<CommitmentDraft[]> {
    this.calls.push('commitments');
    return this.inner.commitments(story, signal);
  }

  answer(question: string, stories: Story[], signal: AbortSignal): Promise<AnswerDraft> {
    this.calls.push('answer');
    return this.inner.answer(question, stories, signal);
  }
}

/** An engine whose every task fails (with `error`, if given), or never finishes when `hang` is set. */
export class BrokenEngine implements Engine {
  readonly name = 'broken';
  readonly version = '1';
  readonly promptVersion = 'none';
  /** Tasks asked of it so far. */
  calls = 0;

  constructor(
    private readonly hang = false,
    private readonly error: () => Error = () => new Error('model server returned 500'),
  ) {}

  private fail<T>(): Promise<T> {
    this.calls += 1;
    return this.hang ? new Promise<T>(() => {}) : Promise.reject(this.error());
  }

  summarise(): Promise<SummaryDraft> {
    return this.fail();
  }

  attributions(): Promise<AttributionDraft[]> {
    return this.fail();
  }

  commitments(): Promise<CommitmentDraft[]> {
    return this.fail();
  }

  answer(): Promise<AnswerDraft> {
    return this.fail();
  }
}
