import type { AnswerDraft, AttributionDraft, CommitmentDraft, Engine, SummaryDraft } from '../../src/engines/engine.js';
import { ExtractiveEngine } from '../../src/engines/extractive/extractive-engine.js';
import type { Story } from '../../src/story/story.js';

/** Waits `ms`, or rejects when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * The extractive engine behind a fixed delay per task, like a remote model: for testing that
 * chat adapters acknowledge at once however long the engine takes. Counts the tasks it ran.
 */
export class SlowEngine implements Engine {
  readonly name = 'slow';
  readonly version = '1';
  readonly promptVersion = 'none';
  /** Tasks started. */
  calls = 0;
  private readonly inner = new ExtractiveEngine();

  constructor(private readonly delayMs: number) {}

  private async later<T>(signal: AbortSignal, run: () => Promise<T>): Promise<T> {
    this.calls += 1;
    await pause(this.delayMs, signal);
    return run();
  }

  summarise(story: Story, signal: AbortSignal): Promise<SummaryDraft> {
    return this.later(signal, () => this.inner.summarise(story, signal));
  }

  attributions(story: Story, signal: AbortSignal): Promise<AttributionDraft[]> {
    return this.later(signal, () => this.inner.attributions(story, signal));
  }

  commitments(story: Story, signal: AbortSignal): Promise<CommitmentDraft[]> {
    return this.later(signal, () => this.inner.commitments(story, signal));
  }

  answer(question: string, stories: Story[], signal: AbortSignal): Promise<AnswerDraft> {
    return this.later(signal, () => this.inner.answer(question, stories, signal));
  }
}
