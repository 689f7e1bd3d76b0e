/**
 * `npm run bench`: the offline pipeline's throughput and memory on the shared text corpora,
 * then the HTML extraction comparison (linkedom against jsdom, about a minute and a half).
 *
 *   npm run bench [-- --pipeline-only] [--passes N] [--warmup N] [--shared DIR]
 *   npm run bench -- --slack-only     (Slack ack latency under load alone: bench/slack.ts, needs the cnndm corpus)
 *   npm run bench -- --hostile-only   (peak memory of the hostile pages alone: bench/hostile.ts, needs no corpus)
 *   npm run bench -- --feeds-only     (feed polling only: bench/feeds.ts, needs no corpus)
 *   npm run bench -- --startup-only   (`newsroom --help` start-up time: bench/startup.ts, needs a build)
 *   npm run bench -- --service-only   (log lines/s and /metrics render time: bench/service.ts)
 *   npm run bench -- --store-only     (what bounding store calls costs: bench/store.ts, needs no corpus)
 *   npm run bench -- --ledger-only [--stories N]  (commitment ledger: /commitments <actor> p50/p99, bench/ledger.ts; SQLite, plus TEST_REDIS_URL, TEST_POSTGRES_URL)
 *   npm run bench -- --replicas-only  (1 and 3 replicas over Redis: bench/replicas.ts; TEST_REDIS_URL, TEST_POSTGRES_URL)
 *   npm run bench -- --scaling-only [--sizes 0.5,1,2,5] [--tasks commitments,attributions]
 *                                     (cost per MB of each extractive task on one big story)
 *
 * The shared directory is `--shared DIR`, else NEWSROOM_SHARED_DIR, else `../shared` beside
 * the repository; without it there is nothing to measure and the run says so and exits 0.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareDom } from './compare-dom.js';
import { benchFeeds } from './feeds.js';
import { benchScaling, DEFAULT_SIZES, SCALING_TASKS } from './engine-scaling.js';
import { printHostileBench } from './hostile.js';
import { benchLedger } from './ledger.js';
import { benchPipeline, STAGES } from './pipeline.js';
import { benchReplicas } from './replicas.js';
import { benchService } from './service.js';
import type { BenchArticle, PipelineResult } from './pipeline.js';
import { printSlackBench } from './slack.js';
import { benchStartup } from './startup.js';
import { benchStore } from './store.js';

/** Articles per second the pipeline should sustain on text input. */
const TARGET_PER_SECOND = 40;

interface Options {
  pipelineOnly: boolean;
  passes: number;
  warmup: number;
  shared: string;
  /** `--sizes`: story sizes in MB for the scaling benchmark. */
  sizes: number[];
  /** `--tasks`: which tasks the scaling benchmark runs (default all). */
  tasks: string[] | undefined;
}

function parseOptions(args: string[], env: NodeJS.ProcessEnv): Options {
  const value = (flag: string): string | undefined => {
    const index = args.indexOf(flag);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const count = (flag: string, fallback: number, min: number): number => {
    const parsed = Number(value(flag) ?? fallback);
    if (Number.isInteger(parsed) && parsed >= min) return parsed;
    console.error(`bench: ${flag} needs a whole number of at least ${min}`);
    return process.exit(2);
  };
  const shared = value('--shared') ?? env.NEWSROOM_SHARED_DIR;
  const sizes = (value('--sizes')?.split(',') ?? DEFAULT_SIZES).map(Number);
  if (sizes.length < 2 || sizes.some((mb, i) => !(mb > 0) || (i > 0 && mb <= sizes[i - 1]!))) {
    console.error('bench: --sizes needs two or more increasing sizes in MB, e.g. 0.5,1,2,5');
    return process.exit(2);
  }
  return {
    sizes,
    tasks: scalingTasks(value('--tasks')),
    pipelineOnly: args.includes('--pipeline-only'),
    passes: count('--passes', 10, 1),
    warmup: count('--warmup', 2, 0),
    shared: resolve(shared ?? fileURLToPath(new URL('../../shared/', import.meta.url))),
  };
}

function scalingTasks(list: string | undefined): string[] | undefined {
  const tasks = list?.split(',');
  const unknown = tasks?.filter((t) => !SCALING_TASKS.includes(t)) ?? [];
  if (unknown.length === 0) return tasks;
  console.error(`bench: --tasks takes some of ${SCALING_TASKS.join(', ')}; not ${unknown.join(', ')}`);
  return process.exit(2);
}

function loadCnndm(shared: string): BenchArticle[] {
  const file = join(shared, 'corpora/cnndm-dev/articles.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; article: string })
    .map(({ id, article }) => ({ name: id, text: article }));
}

function loadPolnear(shared: string): BenchArticle[] {
  const dir = join(shared, 'corpora/polnear/dev/text');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * Every article of the shared corpora (about 6.5 MB of distinct news text), in an order fixed
 * by a hash of their names: shuffled, so that a story made of the first 0.5 MB has the same
 * mix of sources as one of 5 MB, and the cost per MB compares size, not kinds of text.
 */
function loadAll(shared: string): BenchArticle[] {
  const train = join(shared, 'corpora/polnear/train/text');
  const trainArticles = readdirSync(train)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => ({ name, text: readFileSync(join(train, name), 'utf8') }));
  const key = (a: BenchArticle): string => createHash('sha256').update(a.name).digest('hex');
  return [...loadCnndm(shared), ...loadPolnear(shared), ...trainArticles]
    .map((article) => ({ article, key: key(article) }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map(({ article }) => article);
}

const MiB = 1024 * 1024;

function row(label: string, r: PipelineResult): string {
  const spread = `${Math.min(...r.perSecond).toFixed(1)}–${Math.max(...r.perSecond).toFixed(1)}`;
  return (
    label.padEnd(13) +
    String(r.articles).padStart(8) +
    (r.chars / 1000).toFixed(0).padStart(8) +
    r.medianPerSecond.toFixed(1).padStart(12) +
    spread.padStart(14) +
    STAGES.map((stage) => r.stageMs[stage].toFixed(2).padStart(stage.length + 2)).join('') +
    String(r.items).padStart(8)
  );
}

/** Articles of about 6,000 characters from cnndm-dev, to paste into Slack commands. */
function slackArticles(shared: string): string[] {
  const articles = loadCnndm(shared).map((a) => a.text);
  const sized = articles.filter((t) => t.length >= 5_000 && t.length <= 7_000);
  return sized.length > 0 ? sized : articles;
}

/** Runs this script again with `flag` in a child process, its output on this one's. */
async function runSection(flag: string, shared: string): Promise<void> {
  console.log('');
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), flag, '--shared', shared], { stdio: 'inherit' });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`bench ${flag} exited with ${code}`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (process.argv.includes('--hostile-only')) {
    await printHostileBench();
    return;
  }
  if (process.argv.includes('--feeds-only')) {
    await benchFeeds();
    return;
  }
  if (process.argv.includes('--startup-only')) {
    benchStartup();
    return;
  }
  if (process.argv.includes('--service-only')) {
    await benchService();
    return;
  }
  if (process.argv.includes('--store-only')) {
    await benchStore();
    return;
  }
  if (process.argv.includes('--ledger-only')) {
    const at = process.argv.indexOf('--stories');
    await benchLedger(process.env, at >= 0 ? Number(process.argv[at + 1]) : undefined);
    return;
  }
  if (process.argv.includes('--replicas-only')) {
    await benchReplicas(process.env);
    return;
  }
  if (!existsSync(options.shared)) {
    console.log(`bench: no shared directory at ${options.shared}; the benchmarks need its corpora.`);
    console.log('bench: put the shared checkout beside the repository as ../shared, or set NEWSROOM_SHARED_DIR.');
    return;
  }
  if (process.argv.includes('--slack-only')) {
    await printSlackBench(slackArticles(options.shared));
    return;
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`newsroom bench: node ${process.version}, ${platform()} ${arch()}, ${cpu}; one process, one thread\n`);
  if (process.argv.includes('--scaling-only')) {
    console.log('== cost per MB of the extractive tasks on one big story (bench/engine-scaling.ts) ==');
    benchScaling(loadAll(options.shared), { sizes: options.sizes, tasks: options.tasks });
    return;
  }

  const corpora: Array<[string, BenchArticle[]]> = [
    ['cnndm-dev', loadCnndm(options.shared)],
    ['polnear/dev', loadPolnear(options.shared)],
  ];
  corpora.push(['both', corpora.flatMap(([, articles]) => articles)]);

  console.log('== offline pipeline on text input ==');
  console.log('buildStory (paragraphs, sentences) → summarise → attributions → commitments (extractive engine) → citation gate');
  console.log(`${options.warmup} warm-up pass(es), then ${options.passes} timed passes per corpus; articles/s of the median pass`);
  console.log('ms/article: mean time per article in each stage over the timed passes; items: gated points + attributions + commitments\n');
  const header =
    'corpus'.padEnd(13) +
    'articles'.padStart(8) +
    'kchars'.padStart(8) +
    'articles/s'.padStart(12) +
    'min–max'.padStart(14) +
    STAGES.map((stage) => stage.padStart(stage.length + 2)).join('') +
    'items'.padStart(8);
  console.log(header);
  console.log('-'.repeat(header.length));
  const results: PipelineResult[] = [];
  for (const [label, articles] of corpora) {
    const result = await benchPipeline(articles, { warmup: options.warmup, passes: options.passes });
    results.push(result);
    console.log(row(label, result));
  }
  const peakHeap = Math.max(...results.map((r) => r.peakHeapUsed));
  const maxRss = Math.max(...results.map((r) => r.maxRssKiB));
  console.log(
    `\nmemory: peak RSS (maxRSS) ${maxRss} KiB = ${((maxRss * 1024) / MiB).toFixed(1)} MiB for the whole process so far;` +
      ` peak heap used ${(peakHeap / MiB).toFixed(1)} MiB`,
  );
  const slowest = Math.min(...results.map((r) => r.medianPerSecond));
  console.log(
    `target ≥ ${TARGET_PER_SECOND} articles/s on text input: ${slowest >= TARGET_PER_SECOND ? 'met' : 'NOT met'}` +
      ` (slowest corpus median ${slowest.toFixed(1)}/s)`,
  );

  if (options.pipelineOnly) return;
  const corpusDir = join(options.shared, 'corpora/articles-html');
  console.log('\n== HTML extraction: Readability on linkedom vs jsdom (bench/compare-dom.ts) ==');
  if (!existsSync(corpusDir)) {
    console.log(`no pages at ${corpusDir}; skipped`);
    return;
  }
  compareDom({ runs: 5, warmup: 2, corpusDir });
  console.log('');
  // Each in a fresh process, so its latency and memory figures are its own.
  await runSection('--slack-only', options.shared);
  await runSection('--hostile-only', options.shared);
  await runSection('--feeds-only', options.shared);
  await runSection('--startup-only', options.shared);
  await runSection('--service-only', options.shared);
  await runSection('--store-only', options.shared);
  await runSection('--ledger-only', options.shared);
  await runSection('--scaling-only', options.shared);
}

await main();
