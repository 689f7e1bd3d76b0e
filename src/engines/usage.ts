import { namespaces } from '../store/keys.js';
import type { Store } from '../store/store.js';
import type { Metrics } from '../service/metrics.js';

/** Token use of one model on one day. */
export interface ModelUsage {
  /** Requests sent. */
  calls: number;
  /** Prompt tokens, as the server reported them. */
  inputTokens: number;
  /** Completion tokens, as the server reported them. */
  outputTokens: number;
}

/** One row of the usage report: a day and a model. */
export interface UsageRow extends ModelUsage {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  /** The model name the engine was configured with. */
  model: string;
}

type DayUsage = Record<string, ModelUsage>;

const DAYS_KEY = 'days';

/** The UTC day of `date`, `YYYY-MM-DD`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Token use per UTC day and model, kept in the store's `usage` namespace. It backs the daily
 * token budget and `newsroom stats`. Each update is one atomic store update, so no call is
 * lost when several processes record at once.
 */
export class UsageLedger {

  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
    private readonly metrics?: Metrics,
  ) {}

  /** Adds one call's tokens to today's total for `model` (and to the token counter of `metrics`). */
  async record(model: string, inputTokens: number, outputTokens: number): Promise<void> {
    this.metrics?.llmTokens(model, inputTokens, outputTokens);
    const day = utcDay(this.now());
    await this.store.update<DayUsage>(namespaces.usage, day, (usage = {}) => {
      const before = usage[model] ?? { calls: 0, inputTokens: 0, outputTokens: 0 };
      const after = {
        calls: before.calls + 1,
        inputTokens: before.inputTokens + inputTokens,
        outputTokens: before.outputTokens + outputTokens,
      };
      return { ...usage, [model]: after };
    });
    await this.store.update<string[]>(namespaces.usage, DAYS_KEY, (days = []) =>
      days.includes(day) ? days : [...days, day].sort(),
    );
  }

  /** Tokens in and out spent today across every model. */
  async tokensToday(): Promise<number> {
    const usage = (await this.store.get<DayUsage>(namespaces.usage, utcDay(this.now()))) ?? {};
    return Object.values(usage).reduce((sum, u) => sum + u.inputTokens + u.outputTokens, 0);
  }

  /** Every recorded day and model, oldest day first, models in name order. */
  async report(): Promise<UsageRow[]> {
    const rows: UsageRow[] = [];
    for (const day of (await this.store.get<string[]>(namespaces.usage, DAYS_KEY)) ?? []) {
      const usage = (await this.store.get<DayUsage>(namespaces.usage, day)) ?? {};
      for (const model of Object.keys(usage).sort()) rows.push({ day, model, ...usage[model]! });
    }
    return rows;
  }
}
