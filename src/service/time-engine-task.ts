import type { Metrics } from './metrics.js';

// Apart from metrics.ts so that the core (src/newsroom.ts) can call it without loading
// prom-client: a one-shot CLI command runs with no metrics at all.

/**
 * Runs one engine task and records its duration in `metrics` (when there are metrics), with
 * outcome `failed` when it throws. The one hook engine invocation needs.
 */
export async function timeEngineTask<T>(metrics: Metrics | undefined, engine: string, task: string, work: () => Promise<T>): Promise<T> {
  if (!metrics) return work();
  const started = performance.now();
  try {
    const result = await work();
    metrics.engineTask(engine, task, 'ok', (performance.now() - started) / 1000);
    return result;
  } catch (error) {
    metrics.engineTask(engine, task, 'failed', (performance.now() - started) / 1000);
    throw error;
  }
}
