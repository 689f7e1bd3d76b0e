/**
 * Throughput and memory of the whole offline pipeline on text input: buildStory (paragraphs
 * and sentences) → summarise → attributions → commitments with the extractive engine, each
 * result through the citation gate. One process, one thread, articles one after another.
 */
import { performance } from 'node:perf_hooks';
import { gateAttributions, gateCommitments, gateSummary } from '../src/citations/gate.js';
import { ExtractiveEngine } from '../src/engines/extractive/extractive-engine.js';
import { buildStory } from '../src/story/build-story.js';

/** An article to run through the pipeline. */
export interface BenchArticle {
  /** Where it came from, for messages. */
  name: string;
  /** The article text, as a `.txt` input would give it. */
  text: string;
}

/** The pipeline's stages, timed separately. */
export const STAGES = ['story', 'summarise', 'attributions', 'commitments', 'gate'] as const;

/** One of {@link STAGES}. */
export type Stage = (typeof STAGES)[number];

/** How {@link benchPipeline} runs. */
export interface PipelineOptions {
  /** Untimed passes over all the articles first (JIT warm-up). */
  warmup: number;
  /** Timed passes; the median pass is reported. */
  passes: number;
}

/** What {@link benchPipeline} measured. */
export interface PipelineResult {
  /** Articles per pass. */
  articles: number;
  /** Characters per pass. */
  chars: number;
  /** Articles per second of each timed pass, in pass order. */
  perSecond: number[];
  /** Median of {@link PipelineResult.perSecond}. */
  medianPerSecond: number;
  /** Mean milliseconds per article spent in each stage, over the timed passes. */
  stageMs: Record<Stage, number>;
  /** Items the gates let through in one pass (summary points + attributions + commitments). */
  items: number;
  /** Largest `heapUsed` seen (sampled after every article of the first warm-up pass and after every pass), bytes. */
  peakHeapUsed: number;
  /** The process's resident-set high-water mark after the passes, KiB. */
  maxRssKiB: number;
}

const engine = new ExtractiveEngine();
const signal = new AbortController().signal;

/** Runs one article through the pipeline; adds each stage's time to `timings`; returns gated items. */
export async function runPipeline(article: BenchArticle, timings: Record<Stage, number>): Promise<number> {
  let t = performance.now();
  const lap = (stage: Stage): void => {
    const now = performance.now();
    timings[stage] += now - t;
    t = now;
  };
  const story = buildStory({ text: article.text, source: { kind: 'file', ref: article.name } });
  lap('story');
  const summary = await engine.summarise(story, signal);
  lap('summarise');
  const attributions = await engine.attributions(story, signal);
  lap('attributions');
  const commitments = await engine.commitments(story, signal);
  lap('commitments');
  const items =
    gateSummary(story, summary).value.points.length +
    gateAttributions(story, attributions).value.length +
    gateCommitments(story, commitments).value.length;
  lap('gate');
  return items;
}

/** Times whole passes over `articles` and reports the median throughput, stage times and memory. */
export async function benchPipeline(articles: BenchArticle[], { warmup, passes }: PipelineOptions): Promise<PipelineResult> {
  if (articles.length === 0) throw new Error('no articles to benchmark');
  let peakHeapUsed = 0;
  const sampleHeap = (): void => {
    peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
  };
  const discarded = zeroTimings();
  let items = 0;
  for (let pass = 0; pass < warmup; pass++) {
    items = 0;
    for (const article of articles) {
      items += await runPipeline(article, discarded);
      if (pass === 0) sampleHeap();
    }
  }

  const timings = zeroTimings();
  const perSecond: number[] = [];
  for (let pass = 0; pass < Math.max(1, passes); pass++) {
    items = 0;
    const start = performance.now();
    for (const article of articles) items += await runPipeline(article, timings);
    perSecond.push(articles.length / ((performance.now() - start) / 1000));
    sampleHeap();
  }
  const stageMs = zeroTimings();
  for (const stage of STAGES) stageMs[stage] = timings[stage] / (perSecond.length * articles.length);
  return {
    articles: articles.length,
    chars: articles.reduce((sum, a) => sum + a.text.length, 0),
    perSecond,
    medianPerSecond: median(perSecond),
    stageMs,
    items,
    peakHeapUsed,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
}

function zeroTimings(): Record<Stage, number> {
  return { story: 0, summarise: 0, attributions: 0, commitments: 0, gate: 0 };
}

/** The middle value (mean of the two middle values for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
