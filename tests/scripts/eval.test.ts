import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { cnndmHalf, onlyTask, resolveSharedDir, runEval, strictFigures, summaryLengths, toRougePrediction } from '../../scripts/eval.js';
import { HARBOUR_FILE } from '../helpers/articles.js';
import { HAS_SHARED, SHARED_DIR } from '../helpers/shared.js';
import { testIo } from '../helpers/stream-io.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const NOWHERE = join(tmpdir(), 'newsroom-no-such-shared-dir');

describe('toRougePrediction', () => {
  let dir: string;
  let line: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-eval-test-'));
    const file = join(dir, 'dm-test-0123abcd.txt');
    await copyFile(HARBOUR_FILE, file);
    const t = testIo();
    expect(await runCli(['summarize', '--json', file], t.io)).toBe(0);
    [line] = t.stdoutLines() as [string];
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('takes the id from the file name and the summary text from a real summarize --json line', () => {
    const summary = (JSON.parse(line) as { summary: { text: string } }).summary.text;
    expect(summary).not.toBe('');
    expect(toRougePrediction(line)).toEqual({ id: 'dm-test-0123abcd', summary });
  });

  it('measures the most points and words of any summary', () => {
    const lengths = summaryLengths([
      JSON.stringify({ input: '/t/a.txt', summary: { text: 'One two three.', points: [{}, {}] } }),
      JSON.stringify({ input: '/t/b.txt', summary: { text: ' Four  five\nsix seven. ', points: [{}] } }),
    ]);
    expect(lengths).toEqual({ maxPoints: { value: 2, id: 'a' }, maxWords: { value: 4, id: 'b' } });
  });
});

describe('cnndmHalf', () => {
  it('puts each id in one half by its hash alone, and splits ids evenly', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `cnn-test-${i.toString(16).padStart(8, '0')}`);
    const first = ids.map(cnndmHalf);
    expect(ids.map(cnndmHalf)).toEqual(first);
    const tune = first.filter((h) => h === 'tune').length;
    expect(tune).toBeGreaterThan(160);
    expect(tune).toBeLessThan(240);
    // Neighbouring ids land in different halves: the split follows no order of the corpus.
    expect(new Set(first.slice(0, 8)).size).toBe(2);
  });
});

describe('onlyTask', () => {
  it('reads --only answers or summaries, null without it, and refuses any other task', () => {
    expect(onlyTask([])).toBeNull();
    expect(onlyTask(['--only', 'summaries'])).toBe('summaries');
    expect(onlyTask(['--shared', '/x', '--only', 'answers'])).toBe('answers');
    expect(() => onlyTask(['--only', 'commitments'])).toThrow(/answers or summaries/u);
    expect(() => onlyTask(['--only'])).toThrow(/not nothing/u);
  });
});

describe('npm run eval -- --only answers', () => {
  it('scores the question set alone and lists the questions it got wrong, even without the shared directory', async () => {
    const printed: string[] = [];
    const code = await runEval({ argv: ['--only', 'answers'], env: { NEWSROOM_SHARED_DIR: NOWHERE }, print: (text) => printed.push(text) });
    expect(code).toBe(0);
    expect(printed[0]).toMatch(/^answers: dev answerable/u);
    expect(printed.join('\n')).not.toContain('no shared directory');
    for (const line of printed.slice(1)) expect(line).toMatch(/^ {2}wrong \((?:dev|held-out)\): \S+\.txt: .+\?$/u);
  });
});

describe('npm run eval -- --only summaries', () => {
  const shared = resolve(REPO, '../shared');

  it.runIf(existsSync(join(shared, 'corpora/cnndm-dev/articles.jsonl')))('scores the cnndm-dev summaries, by half, and nothing else', async () => {
    const printed: string[] = [];
    const code = await runEval({ argv: ['--only', 'summaries', '--shared', shared], env: {}, print: (text) => printed.push(text) });
    const report = printed.join('\n');
    expect(code).toBe(0);
    expect(report).toMatch(/system\/LEAD-3 on R2 by half \(SHA-256 of the id\): tune [\d.]+ \(\d+ articles\), check [\d.]+ \(\d+ articles\)/u);
    expect(report).not.toMatch(/^answers:|== attributions|== commitments/mu);
  }, 60_000);
});

describe('resolveSharedDir', () => {
  it('prefers --shared over NEWSROOM_SHARED_DIR, and that over ../shared beside the repository', () => {
    expect(resolveSharedDir(['--shared', '/x/one'], { NEWSROOM_SHARED_DIR: '/x/two' })).toBe('/x/one');
    expect(resolveSharedDir([], { NEWSROOM_SHARED_DIR: '/x/two' })).toBe('/x/two');
    expect(resolveSharedDir([], {})).toBe(resolve(REPO, '../shared'));
  });
});

describe('npm run eval without the shared directory', () => {
  it('says there is nothing to score and returns 0', async () => {
    const printed: string[] = [];
    const code = await runEval({ argv: [], env: { NEWSROOM_SHARED_DIR: NOWHERE }, print: (text) => printed.push(text) });
    expect(code).toBe(0);
    expect(printed.join('\n')).toContain(`no shared directory at ${NOWHERE}`);
  });

  it('still scores the answers to the repository\'s own questions, each half on its own', async () => {
    const printed: string[] = [];
    await runEval({ argv: [], env: { NEWSROOM_SHARED_DIR: NOWHERE }, print: (text) => printed.push(text) });
    expect(printed[0]).toMatch(
      /^answers: dev answerable [\d.]+% \(\d+\/42\), unanswerable [\d.]+% \(\d+\/22\) \| held-out answerable [\d.]+% \(\d+\/41\), unanswerable [\d.]+% \(\d+\/21\)$/u,
    );
  });

  it('exits 0 with that message when run as a script', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/eval.ts'], {
      cwd: REPO,
      env: { ...process.env, NEWSROOM_SHARED_DIR: NOWHERE },
    });
    expect(stdout).toContain('nothing to score');
  });
});

describe('strictFigures', () => {
  it("reads the strict scorer's content F1s and sets CofeNet's beside them", () => {
    const json = { gold: 4, predicted: 2, exact: { P: 50, R: 25, F1: 33.3 }, jaccard: { P: 80, R: 40, F1: 53.3 }, sourceExactOfExact: 100 };
    expect(strictFigures(json)).toBe('content exact F1 33.3, Jaccard F1 53.3 (CofeNet 72.9 / 73.2)');
    expect(strictFigures({})).toBe('content exact F1 ?, Jaccard F1 ? (CofeNet 72.9 / 73.2)');
  });
});

describe.skipIf(!HAS_SHARED)('npm run eval on a small shared directory', () => {
  let shared: string;
  // Two gold attributions; the engine reads the first exactly ("that" included) and misses the
  // second, which has no speech verb: exact and Jaccard P 100, R 50, F1 66.7.
  const text = 'The mayor said that the bridge will reopen in May.\n\nThe ferry, in her view, is too slow.\n';
  const said = text.indexOf('said');
  const content = text.indexOf('that the bridge');
  const second = text.indexOf('is too slow');
  const ann = [
    `T1\tSource 0 9\tThe mayor`,
    `T2\tCue ${said} ${said + 4}\tsaid`,
    `T3\tContent ${content} ${text.indexOf('.')}\t${text.slice(content, text.indexOf('.'))}`,
    `E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1`,
    `T4\tContent ${second} ${second + 11}\tis too slow`,
    `T5\tCue ${text.indexOf('in her view')} ${text.indexOf('in her view') + 11}\tin her view`,
    `E2\tAttribution:T5 Content:T4 Cue:T5`,
  ].join('\n');

  beforeAll(async () => {
    shared = await mkdtemp(join(tmpdir(), 'newsroom-eval-shared-'));
    const dev = join(shared, 'corpora/polnear/dev');
    await mkdir(join(dev, 'text'), { recursive: true });
    await mkdir(join(dev, 'attributions'));
    await mkdir(join(shared, 'corpora/cnndm-dev'), { recursive: true });
    await mkdir(join(shared, 'eval'));
    await writeFile(join(dev, 'text/bridge.txt'), text);
    await writeFile(join(dev, 'attributions/bridge_a1.ann'), `${ann}\n`);
    const article = { id: 'dm-test-00', article: 'The bridge will reopen in May. Work starts on Monday. The ferry runs until then.', reference: 'The bridge reopens in May.' };
    await writeFile(join(shared, 'corpora/cnndm-dev/articles.jsonl'), `${JSON.stringify(article)}\n`);
    // The real scorers, so the figures are what they compute.
    for (const scorer of ['attribution.mjs', 'attribution-strict.mjs', 'commitments.mjs', 'rouge.mjs']) {
      await copyFile(join(SHARED_DIR, 'eval', scorer), join(shared, 'eval', scorer));
    }
  });

  afterAll(() => rm(shared, { recursive: true, force: true }));

  it('prints the strict exact and Jaccard figures with CofeNet\'s, in their section and the closing line', async () => {
    const printed: string[] = [];
    const code = await runEval({ argv: ['--shared', shared], env: {}, print: (t) => printed.push(t) });
    const report = printed.join('\n');
    expect(code, report).toBe(0);
    const figures = 'content exact F1 66.7, Jaccard F1 66.7 (CofeNet 72.9 / 73.2)';
    expect(report).toContain(`-- strict (attribution-strict.mjs): ${figures} --`);
    expect(report).toContain('gold 2 predicted 1; content exact P/R/F1 100/50/66.7');
    expect(printed.at(-1)).toContain(`| strict ${figures} |`);
    expect(report).toContain('attribution-strict.mjs --gold');
  });
});
