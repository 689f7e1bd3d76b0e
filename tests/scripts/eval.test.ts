import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { cnndmHalf, resolveSharedDir, runEval, summaryLengths, toRougePrediction } from '../../scripts/eval.js';
import { HARBOUR_FILE } from '../helpers/articles.js';
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
      /^answers: dev answerable [\d.]+% \(\d+\/27\), unanswerable [\d.]+% \(\d+\/14\) \| held-out answerable [\d.]+% \(\d+\/22\), unanswerable [\d.]+% \(\d+\/11\)$/u,
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
