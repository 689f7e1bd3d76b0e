/**
 * Scores the project against the shared corpora with the shared scorers, end to end:
 * who said what (overlap, and the strict exact/Jaccard figures comparable with CofeNet's) and who
 * committed to what on PolNeAR dev, summaries on cnndm-dev (ROUGE, with
 * LEAD-3 from the same run). First, with or without the shared directory, `ask` on the
 * repository's own question set (see answer-eval.ts): accuracy on answerable and unanswerable
 * questions, for the dev half and the held-out half. Predictions are exactly the JSON lines `newsroom <cmd> --json`
 * prints; the CLI runs in this process, once per task over all inputs, with an in-memory store.
 *
 *   npm run eval [-- --shared DIR]        (or NEWSROOM_SHARED_DIR=DIR)
 *   npm run eval -- --only summaries      (or answers: one task, for a quicker loop)
 *
 * Without the shared directory it says so and exits 0. Working files go to a temporary
 * directory outside the repository, removed afterwards.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { runCli } from '../src/cli.js';
import { answerLine, readQuestions, scoreAnswers } from './answer-eval.js';

const run = promisify(execFile);

/** Issue limits on a summary. */
export const SUMMARY_LIMITS = { points: 4, words: 90 } as const;

/** The corpora and scorers the evaluation reads, under one shared directory. */
export interface SharedPaths {
  /** The shared directory itself. */
  root: string;
  /** PolNeAR dev: `text/*.txt` and `attributions/*.ann`. */
  polnearDev: string;
  /** cnndm-dev articles with reference highlights, one JSON object per line. */
  cnndm: string;
  /** The who-said-what scorer. */
  attributionScorer: string;
  /** The strict who-said-what scorer: exact and Jaccard content matches, as CofeNet reports them. */
  attributionStrictScorer: string;
  /** The who-committed-to-what scorer. */
  commitmentsScorer: string;
  /** The ROUGE scorer. */
  rougeScorer: string;
}

/** The paths the evaluation needs under `root`. */
export function sharedPaths(root: string): SharedPaths {
  return {
    root,
    polnearDev: join(root, 'corpora/polnear/dev'),
    cnndm: join(root, 'corpora/cnndm-dev/articles.jsonl'),
    attributionScorer: join(root, 'eval/attribution.mjs'),
    attributionStrictScorer: join(root, 'eval/attribution-strict.mjs'),
    commitmentsScorer: join(root, 'eval/commitments.mjs'),
    rougeScorer: join(root, 'eval/rouge.mjs'),
  };
}

/** The tasks `--only` can pick; without it every task runs. */
export type EvalTask = 'answers' | 'summaries';

/** `--only TASK`, or null for every task; an unknown task is an error. */
export function onlyTask(argv: string[]): EvalTask | null {
  const index = argv.indexOf('--only');
  if (index < 0) return null;
  const task = argv[index + 1];
  if (task === 'answers' || task === 'summaries') return task;
  throw new Error(`eval: --only takes answers or summaries, not ${task ?? 'nothing'}`);
}

/** `--shared DIR`, else `NEWSROOM_SHARED_DIR`, else `../shared` beside the repository. */
export function resolveSharedDir(argv: string[], env: NodeJS.ProcessEnv): string {
  const index = argv.indexOf('--shared');
  const given = index >= 0 ? argv[index + 1] : env.NEWSROOM_SHARED_DIR;
  if (given) return resolve(given);
  return resolve(fileURLToPath(new URL('../../shared/', import.meta.url)));
}

/** A rouge.mjs prediction line. */
export interface RougePrediction {
  /** The article id, from the name of the file the article was written to. */
  id: string;
  /** The summary as plain text. */
  summary: string;
}

/** The part of a `summarize --json` line the evaluation reads. */
interface SummarizeLine {
  input: string;
  summary: { text: string; points: unknown[] };
}

/** Turns one `newsroom summarize --json` line for `<dir>/<id>.txt` into a rouge.mjs line. */
export function toRougePrediction(line: string): RougePrediction {
  const parsed = JSON.parse(line) as SummarizeLine;
  return { id: basename(parsed.input).replace(/\.txt$/u, ''), summary: parsed.summary.text };
}

/**
 * Which half of the cnndm dev articles an id falls in: `tune` when the first byte of the
 * SHA-256 of the id is even, else `check`. Summary settings are tuned on one half and the
 * other shows whether the gain carries over to articles they were not tuned on.
 */
export function cnndmHalf(id: string): 'tune' | 'check' {
  return createHash('sha256').update(id).digest()[0]! % 2 === 0 ? 'tune' : 'check';
}

/** The longest summaries of a run, against the issue limits. */
export interface SummaryLengths {
  /** Most points in one summary, and which article. */
  maxPoints: { value: number; id: string };
  /** Most words (whitespace-separated) in one summary, and which article. */
  maxWords: { value: number; id: string };
}

/** Largest point and word counts over `summarize --json` lines. */
export function summaryLengths(lines: string[]): SummaryLengths {
  const lengths: SummaryLengths = { maxPoints: { value: 0, id: '' }, maxWords: { value: 0, id: '' } };
  for (const line of lines) {
    const parsed = JSON.parse(line) as SummarizeLine;
    const id = basename(parsed.input).replace(/\.txt$/u, '');
    const words = parsed.summary.text.split(/\s+/u).filter((w) => w !== '').length;
    if (parsed.summary.points.length > lengths.maxPoints.value) lengths.maxPoints = { value: parsed.summary.points.length, id };
    if (words > lengths.maxWords.value) lengths.maxWords = { value: words, id };
  }
  return lengths;
}

/** What one in-process CLI run printed. */
interface CliRun {
  code: number;
  lines: string[];
  stderr: string;
  seconds: number;
}

/**
 * Runs `newsroom <argv>` in this process with an in-memory store. The rest of `env` is kept,
 * so `ENGINE` chooses the engine being evaluated.
 */
async function runCliJson(argv: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const out = collector();
  const err = collector();
  const started = performance.now();
  const code = await runCli(argv, { stdin: Readable.from([]), stdout: out.stream, stderr: err.stream, env: { ...env, STORE_URL: 'memory://' } });
  return {
    code,
    lines: out.text().split('\n').filter((line) => line.trim() !== ''),
    stderr: err.text(),
    seconds: (performance.now() - started) / 1000,
  };
}

function collector(): { stream: Writable; text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** A scorer's report as printed, and as JSON for the closing line. */
interface Score {
  text: string;
  json: Record<string, unknown>;
}

async function score(scorer: string, args: string[]): Promise<Score> {
  const [plain, json] = await Promise.all([
    run(process.execPath, [scorer, ...args], { maxBuffer: 16 * 1024 * 1024 }),
    run(process.execPath, [scorer, ...args, '--json'], { maxBuffer: 16 * 1024 * 1024 }),
  ]);
  return { text: plain.stdout.trimEnd(), json: JSON.parse(json.stdout) as Record<string, unknown> };
}

/** Where the evaluation prints, and what it is given. */
export interface EvalOptions {
  /** Command-line arguments after the script name. */
  argv: string[];
  /** Environment: `NEWSROOM_SHARED_DIR`, and the CLI's configuration. */
  env: NodeJS.ProcessEnv;
  /** Receives the report, one line or block at a time. */
  print: (text: string) => void;
}

/**
 * Runs the whole evaluation and returns the exit code: 0 when it ran (or the shared directory
 * is absent), 1 when a CLI run reported a failed input or a scorer failed.
 */
export async function runEval({ argv, env, print }: EvalOptions): Promise<number> {
  const repo = fileURLToPath(new URL('../', import.meta.url));
  const only = onlyTask(argv);
  if (only !== 'summaries') {
    const answers = await scoreAnswers(repo, await readQuestions(repo));
    print(answerLine(answers));
    if (only === 'answers') {
      for (const half of ['dev', 'held-out'] as const) for (const wrong of answers[half].wrong) print(`  wrong (${half}): ${wrong}`);
      return 0;
    }
  }
  const paths = sharedPaths(resolveSharedDir(argv, env));
  if (!existsSync(paths.root)) {
    print(`eval: no shared directory at ${paths.root}; nothing to score.`);
    print('eval: put the shared checkout beside the repository as ../shared, or set NEWSROOM_SHARED_DIR.');
    return 0;
  }
  const missing = [paths.polnearDev, paths.cnndm, paths.attributionScorer, paths.attributionStrictScorer, paths.commitmentsScorer, paths.rougeScorer].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    print(`eval: the shared directory ${paths.root} lacks ${missing.join(', ')}`);
    return 1;
  }

  const started = performance.now();
  const tmp = await mkdtemp(join(tmpdir(), 'newsroom-eval-'));
  try {
    return only === 'summaries' ? await evaluateSummaries(paths, tmp, env, print) : await evaluate(paths, tmp, env, print, started);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Prints how a CLI run went and says whether it succeeded. */
function cliChecker(print: (text: string) => void): (task: string, result: CliRun, inputs: number) => boolean {
  return (task, result, inputs) => {
    print(`${task}: ${result.lines.length}/${inputs} inputs in ${result.seconds.toFixed(1)} s`);
    if (result.code === 0) return true;
    print(`${task}: the CLI exited ${result.code}:\n${result.stderr.trimEnd()}`);
    return false;
  };
}

/** The cnndm-dev articles summarised, and where the predictions and each half's corpus are. */
interface SummaryRun {
  summaries: CliRun;
  articles: number;
  pred: string;
  halves: { tune: string; check: string };
}

/** Writes each cnndm-dev article to a file under `tmp`, summarises them all and writes the rouge.mjs predictions. */
async function summarizeCnndm(paths: SharedPaths, tmp: string, env: NodeJS.ProcessEnv): Promise<SummaryRun> {
  const articleDir = join(tmp, 'cnndm');
  await mkdir(articleDir);
  const articleLines = (await readFile(paths.cnndm, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  const articles = articleLines.map((l) => JSON.parse(l) as { id: string; article: string });
  const halves = { tune: join(tmp, 'cnndm-tune.jsonl'), check: join(tmp, 'cnndm-check.jsonl') };
  for (const half of ['tune', 'check'] as const) {
    await writeFile(halves[half], jsonl(articleLines.filter((_, i) => cnndmHalf(articles[i]!.id) === half)));
  }
  const articleFiles = await Promise.all(
    articles.map(async ({ id, article }) => {
      const file = join(articleDir, `${id}.txt`);
      await writeFile(file, article);
      return file;
    }),
  );
  const summaries = await runCliJson(['summarize', '--json', ...articleFiles], env);
  const pred = join(tmp, 'summaries.jsonl');
  await writeFile(pred, jsonl(summaries.lines.map((line) => JSON.stringify(toRougePrediction(line)))));
  return { summaries, articles: articleFiles.length, pred, halves };
}

/** ROUGE of a summary run on the whole corpus, the tune half and the check half. */
function scoreSummaries(paths: SharedPaths, run: SummaryRun): Promise<Score>[] {
  return [
    score(paths.rougeScorer, ['--corpus', paths.cnndm, '--pred', run.pred]),
    score(paths.rougeScorer, ['--corpus', run.halves.tune, '--pred', run.pred]),
    score(paths.rougeScorer, ['--corpus', run.halves.check, '--pred', run.pred]),
  ];
}

/** The summary section of the report: ROUGE against LEAD-3, by half, and the longest summaries. */
function printSummaries(print: (text: string) => void, run: SummaryRun, [rouge, tuneHalf, checkHalf]: Score[]): void {
  const lengths = summaryLengths(run.summaries.lines);
  const within = (value: number, limit: number): string => (value <= limit ? 'within' : 'OVER');
  print(`\n== summaries: cnndm-dev, ${run.articles} articles ==\n${rouge!.text}`);
  print(`system/LEAD-3 on R2 by half (SHA-256 of the id): tune ${r2Ratio(tuneHalf!)} (${tuneHalf!.json.articles} articles), check ${r2Ratio(checkHalf!)} (${checkHalf!.json.articles} articles)`);
  print(
    `most points in a summary ${lengths.maxPoints.value} (${lengths.maxPoints.id}), ${within(lengths.maxPoints.value, SUMMARY_LIMITS.points)} the limit of ${SUMMARY_LIMITS.points}\n` +
      `most words in a summary ${lengths.maxWords.value} (${lengths.maxWords.id}), ${within(lengths.maxWords.value, SUMMARY_LIMITS.words)} the limit of ${SUMMARY_LIMITS.words}`,
  );
}

/** `--only summaries`: the cnndm-dev summaries alone. */
async function evaluateSummaries(paths: SharedPaths, tmp: string, env: NodeJS.ProcessEnv, print: (text: string) => void): Promise<number> {
  const run = await summarizeCnndm(paths, tmp, env);
  const ok = cliChecker(print)('summarize', run.summaries, run.articles);
  let scores: Score[];
  try {
    scores = await Promise.all(scoreSummaries(paths, run));
  } catch (error) {
    print(`eval: a scorer failed: ${(error as Error).message}`);
    return 1;
  }
  printSummaries(print, run, scores);
  return ok ? 0 : 1;
}

async function evaluate(paths: SharedPaths, tmp: string, env: NodeJS.ProcessEnv, print: (text: string) => void, started: number): Promise<number> {
  const checkCli = cliChecker(print);
  print(`eval: shared corpora and scorers at ${paths.root}`);

  const textDir = join(paths.polnearDev, 'text');
  const texts = (await readdir(textDir)).filter((f) => f.endsWith('.txt')).sort().map((f) => join(textDir, f));
  const attributions = await runCliJson(['attributions', '--json', ...texts], env);
  const cliOk = [checkCli('attributions', attributions, texts.length)];
  const commitments = await runCliJson(['commitments', '--json', ...texts], env);
  cliOk.push(checkCli('commitments', commitments, texts.length));

  const summaryRun = await summarizeCnndm(paths, tmp, env);
  cliOk.push(checkCli('summarize', summaryRun.summaries, summaryRun.articles));

  const pred = {
    attributions: join(tmp, 'attributions.jsonl'),
    commitments: join(tmp, 'commitments.jsonl'),
  };
  await writeFile(pred.attributions, jsonl(attributions.lines));
  await writeFile(pred.commitments, jsonl(commitments.lines));

  const gold = ['--gold', paths.polnearDev];
  let scores: Score[];
  try {
    scores = await Promise.all([
      score(paths.attributionScorer, [...gold, '--pred', pred.attributions]),
      score(paths.attributionScorer, [...gold, '--pred', pred.attributions, '--quotes-only']),
      score(paths.attributionStrictScorer, [...gold, '--pred', pred.attributions]),
      score(paths.commitmentsScorer, [...gold, '--pred', pred.commitments]),
      ...scoreSummaries(paths, summaryRun),
    ]);
  } catch (error) {
    print(`eval: a scorer failed: ${(error as Error).message}`);
    return 1;
  }
  const [who, quotes, strict, committed, rouge] = scores as [Score, Score, Score, Score, Score];
  const lengths = summaryLengths(summaryRun.summaries.lines);

  print(`\n== attributions: polnear/dev, ${texts.length} texts ==\n${who.text}`);
  print(`-- direct quotes only (--quotes-only) --\n${quotes.text}`);
  print(`-- strict (attribution-strict.mjs): ${strictFigures(strict.json)} --\n${strict.text}`);
  print(`\n== commitments: polnear/dev ==\n${committed.text}`);
  printSummaries(print, summaryRun, scores.slice(4));
  print(`\n== the same from a shell (npx newsroom runs dist/: npm run build first) ==\n${shellCommands(paths)}`);

  const system = rouge.json.system as number[];
  const lead3 = rouge.json.lead3 as number[];
  print(
    `\neval: attributions F1 ${who.json.contentF1} (speaker ${who.json.speakerAccuracy}%), direct-quote recall ${quotes.json.contentRecall}` +
      ` | strict ${strictFigures(strict.json)}` +
      ` | commitments recall ${committed.json.recall}% (actor ${committed.json.actorRecall}%)` +
      ` | ROUGE-1/2/L ${system.join('/')} vs LEAD-3 ${lead3.join('/')}` +
      ` | max ${lengths.maxPoints.value} points, ${lengths.maxWords.value} words` +
      ` | ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return cliOk.every(Boolean) ? 0 : 1;
}

/**
 * CofeNet (COLING 2022), a supervised BERT model, on PolNeAR test: content exact-match F1 72.9
 * and Jaccard F1 73.2, the published figures the strict scorer's measures are comparable with.
 */
export const COFENET = { exactF1: 72.9, jaccardF1: 73.2 } as const;

/** The strict scorer's content F1s from its `--json` report, beside CofeNet's. */
export function strictFigures(json: Record<string, unknown>): string {
  const f1 = (key: string): string => String((json[key] as { F1?: unknown } | undefined)?.F1 ?? '?');
  return `content exact F1 ${f1('exact')}, Jaccard F1 ${f1('jaccard')} (CofeNet ${COFENET.exactF1} / ${COFENET.jaccardF1})`;
}

function r2Ratio(rouge: Score): string {
  return String(rouge.json.ratioR2);
}

function jsonl(lines: string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}

/** Shell commands that produce the same predictions and scores. */
export function shellCommands(paths: SharedPaths, cwd = process.cwd()): string {
  const show = (path: string): string => {
    const rel = relative(cwd, path);
    return rel === '' || rel.startsWith('../../') || isAbsolute(rel) ? path : rel;
  };
  const polnear = show(paths.polnearDev);
  const cnndm = show(paths.cnndm);
  const writeArticles =
    'const fs=require("fs"),[src,dir]=process.argv.slice(1);' +
    'for(const l of fs.readFileSync(src,"utf8").split("\\n"))if(l.trim()){const a=JSON.parse(l);fs.writeFileSync(`${dir}/${a.id}.txt`,a.article)}';
  const toRouge =
    'require("readline").createInterface({input:process.stdin}).on("line",l=>{if(!l.trim())return;const j=JSON.parse(l);' +
    'console.log(JSON.stringify({id:require("path").basename(j.input,".txt"),summary:j.summary.text}))})';
  return [
    'export STORE_URL=memory://',
    'T=$(mktemp -d)',
    `npx newsroom attributions --json ${polnear}/text/*.txt > "$T/attributions.jsonl"`,
    `node ${show(paths.attributionScorer)} --gold ${polnear} --pred "$T/attributions.jsonl"`,
    `node ${show(paths.attributionScorer)} --gold ${polnear} --pred "$T/attributions.jsonl" --quotes-only`,
    `node ${show(paths.attributionStrictScorer)} --gold ${polnear} --pred "$T/attributions.jsonl"`,
    `npx newsroom commitments --json ${polnear}/text/*.txt > "$T/commitments.jsonl"`,
    `node ${show(paths.commitmentsScorer)} --gold ${polnear} --pred "$T/commitments.jsonl"`,
    `mkdir "$T/cnndm" && node -e '${writeArticles}' ${cnndm} "$T/cnndm"`,
    `npx newsroom summarize --json "$T"/cnndm/*.txt | node -e '${toRouge}' > "$T/summaries.jsonl"`,
    `node ${show(paths.rougeScorer)} --corpus ${cnndm} --pred "$T/summaries.jsonl"`,
    'rm -r "$T"',
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runEval({ argv: process.argv.slice(2), env: process.env, print: (text) => console.log(text) });
}
