/**
 * Peak memory of the hostile-page set: each page through the app's worker pool (extraction and
 * story building), then, for a page that becomes a story, the extractive summary. The process's
 * resident-set high-water mark covers the main thread and every worker thread.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { describeError } from '../src/errors.js';
import { Newsroom } from '../src/newsroom.js';
import { createStore } from '../src/store/create-store.js';
import { WorkerPool } from '../src/workers/pool.js';
import { PooledExtractiveEngine } from '../src/workers/pooled-engine.js';
import { nestedDivs, paragraphFlood, sentencePage } from '../tests/helpers/hostile-pages.js';

/** Target for the whole process's peak RSS. */
export const PEAK_RSS_TARGET_MIB = 600;

const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

/** Prints the hostile-page section of `npm run bench`. */
export async function printHostileBench(): Promise<void> {
  const config = loadConfig(process.env);
  const pool = new WorkerPool({
    ...(config.WORKER_THREADS ? { threads: config.WORKER_THREADS } : {}),
    maxMemoryMb: config.ENGINE_MAX_MEMORY_MB,
    ingestTimeoutMs: config.EXTRACT_TIMEOUT_MS,
    engineTimeoutMs: config.ENGINE_TIMEOUT_MS,
  });
  const store = await createStore('memory://');
  const newsroom = new Newsroom({ store, engine: new PooledExtractiveEngine(pool), tasks: pool, engineTimeoutMs: config.ENGINE_TIMEOUT_MS });
  console.log('== Hostile pages: peak memory of the whole process (bench/hostile.ts) ==');
  console.log(
    `worker pool as the app builds it (ENGINE_MAX_MEMORY_MB=${config.ENGINE_MAX_MEMORY_MB}, EXTRACT_TIMEOUT_MS=${config.EXTRACT_TIMEOUT_MS}, ` +
      `ENGINE_TIMEOUT_MS=${config.ENGINE_TIMEOUT_MS}); each page extracted, and summarised when it is an article`,
  );
  console.log(`start: peak RSS ${maxRssMiB().toFixed(0)} MiB`);
  const pages: Array<[string, () => string]> = [
    ['4 MB <p>a', () => paragraphFlood()],
    ['100k nested divs', () => nestedDivs(100_000)],
    ['5 MB of sentences', () => sentencePage()],
  ];
  try {
    for (const [label, make] of pages) {
      const html = make();
      const started = performance.now();
      let outcome: string;
      try {
        const story = await pool.run('page', { html, pageUrl: null, source: { kind: 'file', ref: label } });
        const read = performance.now() - started;
        const summary = await newsroom.summarise(story).then(
          (r) => `${r.value.points.length} points`,
          (error: unknown) => `summary failed: ${describeError(error)}`,
        );
        outcome = `read in ${read.toFixed(0)} ms (${story.sentences.length} sentences); ${summary} after ${(performance.now() - started).toFixed(0)} ms`;
      } catch (error) {
        outcome = `refused in ${(performance.now() - started).toFixed(0)} ms: ${describeError(error)}`;
      }
      console.log(`${label.padEnd(18)} ${(html.length / 1024 / 1024).toFixed(1)} MB: ${outcome}; peak RSS so far ${maxRssMiB().toFixed(0)} MiB`);
    }
  } finally {
    await pool.close();
    await store.close();
  }
  const peak = maxRssMiB();
  console.log(`target peak RSS < ${PEAK_RSS_TARGET_MIB} MiB for the whole process: ${peak < PEAK_RSS_TARGET_MIB ? 'met' : 'NOT met'} (${peak.toFixed(0)} MiB)`);
}
