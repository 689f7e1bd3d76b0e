import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** How a command or platform event ended. */
export type HandledOutcome =
  /** Answered. */
  | 'ok'
  /** Answered with a usage or input error: the person typed something the bot cannot use. */
  | 'invalid'
  /** Answered with an error: something failed (fetch, engine, store …). */
  | 'failed'
  /** A message the bot stays quiet about (not in a story's thread). */
  | 'ignored';

/** How a feed fetch ended. */
export type FeedFetchOutcome = 'changed' | 'not_modified' | 'failed';

/** How one attempt to post a feed story ended. */
export type PostResult = 'ok' | 'rate_limited' | 'channel_gone' | 'failed';

/** Seconds: from the extractive engine's milliseconds to an LLM's minute-long timeout. */
const ENGINE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The bot's Prometheus metrics, in a registry of their own (not prom-client's global one), so
 * two apps in one process never share or clash. Passed to the parts that count; `/metrics`
 * serves `text()`.
 */
export class Metrics {
  /** The registry `/metrics` serves. */
  readonly registry = new Registry();
  private readonly commands = new Counter({
    name: 'newsroom_commands_total',
    help: 'Commands handled, by platform, command and outcome.',
    labelNames: ['platform', 'command', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly events = new Counter({
    name: 'newsroom_events_total',
    help: 'Messages that are not commands (follow-up questions in threads), by platform and outcome.',
    labelNames: ['platform', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly engineSeconds = new Histogram({
    name: 'newsroom_engine_task_duration_seconds',
    help: 'Time engines took for one task (cache hits excluded), by engine, task and outcome.',
    labelNames: ['engine', 'task', 'outcome'] as const,
    buckets: ENGINE_BUCKETS,
    registers: [this.registry],
  });
  private readonly feedFetches = new Counter({
    name: 'newsroom_feed_fetches_total',
    help: 'Feed fetches, by result: changed, not_modified (304) or failed.',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly posts = new Counter({
    name: 'newsroom_posts_total',
    help: 'Attempts to post a feed story, by platform and result.',
    labelNames: ['platform', 'result'] as const,
    registers: [this.registry],
  });
  private readonly tokens = new Counter({
    name: 'newsroom_llm_tokens_total',
    help: 'LLM tokens as the model server reported them, by model and direction (input or output).',
    labelNames: ['model', 'direction'] as const,
    registers: [this.registry],
  });
  private processMetrics = false;

  /** Adds Node's process metrics (CPU, memory, event loop lag, GC) to the registry; once is enough. */
  collectProcessMetrics(): void {
    if (this.processMetrics) return;
    this.processMetrics = true;
    collectDefaultMetrics({ register: this.registry, prefix: 'newsroom_' });
  }

  /** Counts one command. */
  commandHandled(platform: string, command: string, outcome: HandledOutcome): void {
    this.commands.inc({ platform, command, outcome });
  }

  /** Counts one message that is not a command. */
  eventHandled(platform: string, outcome: HandledOutcome): void {
    this.events.inc({ platform, outcome });
  }

  /** Records how long one engine task took. */
  engineTask(engine: string, task: string, outcome: 'ok' | 'failed', seconds: number): void {
    this.engineSeconds.observe({ engine, task, outcome }, seconds);
  }

  /** Counts one feed fetch. */
  feedFetched(result: FeedFetchOutcome): void {
    this.feedFetches.inc({ result });
  }

  /** Counts one attempt to post. */
  posted(platform: string, result: PostResult): void {
    this.posts.inc({ platform, result });
  }

  /** Counts the tokens of one LLM call. */
  llmTokens(model: string, inputTokens: number, outputTokens: number): void {
    this.tokens.inc({ model, direction: 'input' }, inputTokens);
    this.tokens.inc({ model, direction: 'output' }, outputTokens);
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** The `Content-Type` of `text()`. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
