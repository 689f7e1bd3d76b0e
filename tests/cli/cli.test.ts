import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { STANCES } from '../../src/engines/engine.js';
import { HARBOUR_FILE, PIER_PAGE, PIER_SENTENCE, SEED_FILE, harbourText, seedText } from '../helpers/articles.js';
import { serve, startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';
import { testIo } from '../helpers/stream-io.js';

interface QuoteJson {
  text: string;
  start: number;
  end: number;
}

interface SummaryLine {
  input: string;
  story: { id: string; title: string | null; url: string | null; byline: string | null; siteName: string | null; publishedAt: string | null };
  summary: { text: string; points: Array<{ text: string; quotes: QuoteJson[] }> };
  dropped: number;
}

interface CommitmentsLine {
  input: string;
  commitments: Array<{
    actor: string;
    actorMention: QuoteJson | null;
    action: string;
    stance: string;
    condition: string | null;
    quote: QuoteJson;
  }>;
}

interface AttributionsLine {
  input: string;
  attributions: Array<{
    source: QuoteJson | null;
    speaker: string | null;
    cue: QuoteJson | null;
    content: QuoteJson;
    direct: boolean;
  }>;
}

interface AskLine {
  input: string;
  question: string;
  answer: string;
  quotes: QuoteJson[];
  grounded: boolean;
}

/** Runs the CLI and returns the exit code with what it printed. */
async function run(argv: string[], env: NodeJS.ProcessEnv = {}, stdin?: string) {
  const t = testIo(env, stdin);
  const code = await runCli(argv, t.io);
  return { code, stdout: t.stdout(), stderr: t.stderr(), stdoutLines: t.stdoutLines(), stderrLines: t.stderrLines() };
}

/** Runs a `--json` command on one input that must succeed, and returns its only output line. */
async function runJson<T>(argv: string[], env: NodeJS.ProcessEnv = {}, stdin?: string): Promise<T> {
  const result = await run(argv, env, stdin);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdoutLines).toHaveLength(1);
  expect(result.stdout.endsWith('\n')).toBe(true);
  return JSON.parse(result.stdoutLines[0]!) as T;
}

function expectExactSlice(text: string, quote: QuoteJson): void {
  expect(Object.keys(quote).sort()).toEqual(['end', 'start', 'text']);
  expect(quote.end).toBeGreaterThan(quote.start);
  expect(text.slice(quote.start, quote.end)).toBe(quote.text);
}

const SEED = seedText();
const HARBOUR = harbourText();

let dir: string;
let server: LoopbackServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsroom-cli-'));
  server = await startLoopbackServer({
    '/pier.html': serve('text/html; charset=utf-8', PIER_PAGE),
    '/seed.txt': serve('text/plain; charset=utf-8', SEED),
  });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('newsroom summarize --json', () => {
  it('prints exactly one JSON line with the story, the summary and the dropped count', async () => {
    const line = await runJson<SummaryLine>(['summarize', '--json', SEED_FILE]);
    expect(Object.keys(line).sort()).toEqual(['dropped', 'input', 'story', 'summary']);
    expect(line.input).toBe(SEED_FILE);
    expect(Object.keys(line.story).sort()).toEqual(['byline', 'id', 'publishedAt', 'siteName', 'title', 'url']);
    expect(line.story.id).toMatch(/\S/u);
    expect(line.story.title).toBe('Britain not ready to send troops to Ukraine front lines');
    // The seed's header lines: outlet and date.
    expect(line.story.siteName).toBe('global.espreso.tv');
    expect(line.story.publishedAt).toBe('2025-08-20T10:21:00.000Z');
    expect(line.story.url).toBeNull();
    expect(Object.keys(line.summary).sort()).toEqual(['points', 'text']);
    expect(typeof line.summary.text).toBe('string');
    expect(line.dropped).toEqual(expect.any(Number));
  });

  it('gives at least three points, each with quotes that are exact slices of the file text', async () => {
    const line = await runJson<SummaryLine>(['summarize', '--json', SEED_FILE]);
    expect(line.summary.points.length).toBeGreaterThanOrEqual(3);
    for (const point of line.summary.points) {
      expect(Object.keys(point).sort()).toEqual(['quotes', 'text']);
      expect(point.quotes.length).toBeGreaterThan(0);
      for (const quote of point.quotes) expectExactSlice(SEED, quote);
    }
  });

  it('accepts the British spelling "summarise" as the same command', async () => {
    const line = await runJson<SummaryLine>(['summarise', '--json', SEED_FILE]);
    expect(line.summary.points.length).toBeGreaterThanOrEqual(3);
  });
});

describe('newsroom commitments --json', () => {
  it('prints one line whose commitments carry every schema field with exact-slice quotes', async () => {
    const line = await runJson<CommitmentsLine>(['commitments', '--json', SEED_FILE]);
    expect(Object.keys(line).sort()).toEqual(['commitments', 'input']);
    expect(line.input).toBe(SEED_FILE);
    expect(line.commitments.length).toBeGreaterThan(0);
    for (const c of line.commitments) {
      expect(Object.keys(c).sort()).toEqual(['action', 'actor', 'actorMention', 'condition', 'quote', 'stance']);
      expect(c.actor).toMatch(/\S/u);
      expect(c.action).toMatch(/\S/u);
      expect(STANCES).toContain(c.stance);
      if (c.stance !== 'conditional') expect(c.condition).toBeNull();
      expectExactSlice(SEED, c.quote);
      if (c.actorMention !== null) expectExactSlice(SEED, c.actorMention);
    }
  });

  it('reports Trump refusing a deployment of American ground troops', async () => {
    const line = await runJson<CommitmentsLine>(['commitments', '--json', SEED_FILE]);
    const trump = line.commitments.find((c) => c.actor.includes('Trump') && c.quote.text.includes('American troops on the ground'));
    expect(trump?.stance).toBe('refuses');
  });
});

describe('newsroom attributions --json', () => {
  it('prints one line whose attributions carry every schema field with exact-slice quotes', async () => {
    const line = await runJson<AttributionsLine>(['attributions', '--json', SEED_FILE]);
    expect(Object.keys(line).sort()).toEqual(['attributions', 'input']);
    expect(line.input).toBe(SEED_FILE);
    expect(line.attributions.length).toBeGreaterThan(0);
    for (const a of line.attributions) {
      expect(Object.keys(a).sort()).toEqual(['content', 'cue', 'direct', 'source', 'speaker']);
      expect(typeof a.direct).toBe('boolean');
      expectExactSlice(SEED, a.content);
      if (a.source !== null) expectExactSlice(SEED, a.source);
      if (a.cue !== null) expectExactSlice(SEED, a.cue);
    }
  });
});

describe('newsroom ask --json', () => {
  it('answers a question the story answers, grounded on the quote that says so', async () => {
    const question = 'Will the US send ground troops?';
    const line = await runJson<AskLine>(['ask', '--json', '--question', question, SEED_FILE]);
    expect(Object.keys(line).sort()).toEqual(['answer', 'grounded', 'input', 'question', 'quotes']);
    expect(line.input).toBe(SEED_FILE);
    expect(line.question).toBe(question);
    expect(line.grounded).toBe(true);
    expect(line.quotes.some((q) => q.text.includes('no deployment of American troops on the ground'))).toBe(true);
    for (const quote of line.quotes) expectExactSlice(SEED, quote);
  });

  it('says the story does not say when it does not, with no quotes', async () => {
    const line = await runJson<AskLine>(['ask', '--question', 'What did France pledge?', '--json', SEED_FILE]);
    expect(line.grounded).toBe(false);
    expect(line.quotes).toEqual([]);
    expect(line.answer).toMatch(/does not say/iu);
  });

  it('takes the question from the short option -q', async () => {
    const line = await runJson<AskLine>(['ask', '-q', 'Will the US send ground troops?', '--json', SEED_FILE]);
    expect(line.grounded).toBe(true);
  });
});

describe('several inputs in one run', () => {
  it('prints a line per good input in order, a one-line error per bad input, and exits 1', async () => {
    const missing = join(dir, 'missing-story.txt');
    const pdf = join(dir, 'story.pdf');
    await writeFile(pdf, '%PDF-1.7\n');
    const result = await run(['summarize', '--json', SEED_FILE, missing, pdf, HARBOUR_FILE]);

    expect(result.code).toBe(1);
    expect(result.stdoutLines).toHaveLength(2);
    const [first, second] = result.stdoutLines.map((l) => JSON.parse(l) as SummaryLine);
    expect(first!.input).toBe(SEED_FILE);
    expect(second!.input).toBe(HARBOUR_FILE);
    for (const point of second!.summary.points) for (const quote of point.quotes) expectExactSlice(HARBOUR, quote);

    expect(result.stderrLines).toHaveLength(2);
    expect(result.stderrLines[0]).toContain(missing);
    expect(result.stderrLines[1]).toContain(pdf);
    expect(result.stderrLines[1]).toMatch(/\.pdf/u);
  });

  it('exits 0 when every input succeeds', async () => {
    const result = await run(['summarize', '--json', SEED_FILE, HARBOUR_FILE]);
    expect(result.code).toBe(0);
    expect(result.stdoutLines).toHaveLength(2);
    expect(result.stderr).toBe('');
  });
});

describe('standard input', () => {
  it('reads - from stdin, with offsets into the text that was piped in', async () => {
    // Leading blank lines make offsets into the piped text differ from offsets into a trimmed copy.
    const piped = `\n\n${SEED}`;
    const line = await runJson<SummaryLine>(['summarize', '--json', '-'], {}, piped);
    expect(line.input).toBe('-');
    expect(line.summary.points.length).toBeGreaterThanOrEqual(3);
    for (const point of line.summary.points) for (const quote of point.quotes) expectExactSlice(piped, quote);
  });

  it('refuses stdin larger than FETCH_MAX_BYTES with one line naming -', async () => {
    const result = await run(['summarize', '--json', '-'], { FETCH_MAX_BYTES: '1000' }, SEED);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderrLines).toEqual([expect.stringMatching(/^newsroom: -: .*larger than 1000 bytes/u)]);
  });

  it('reads stdin alongside a file input, keeping input order', async () => {
    const result = await run(['summarize', '--json', HARBOUR_FILE, '-'], {}, SEED);
    expect(result.code).toBe(0);
    expect(result.stdoutLines.map((l) => (JSON.parse(l) as SummaryLine).input)).toEqual([HARBOUR_FILE, '-']);
  });
});

describe('readable output', () => {
  it('shows each summary point once, as its verbatim quote in quotation marks', async () => {
    const result = await run(['summarize', SEED_FILE]);
    expect(result.code).toBe(0);
    expect(result.stdout.trimStart().startsWith('{')).toBe(false);
    const pointLines = result.stdoutLines.filter((l) => l.startsWith('- '));
    expect(pointLines.length).toBeGreaterThanOrEqual(3);
    for (const l of pointLines) {
      const match = /^- “([\s\S]+)”$/u.exec(l);
      expect(match, l).not.toBeNull();
      expect(SEED).toContain(match![1]);
      // Not repeated on a quote line of its own.
      expect(result.stdoutLines.filter((other) => other.includes(match![1]!))).toHaveLength(1);
    }
  });

  it('keeps both a point’s text and its quote in the JSON', async () => {
    const result = await run(['summarize', '--json', SEED_FILE]);
    const points = (JSON.parse(result.stdout) as { summary: { points: Array<{ text: string; quotes: Array<{ text: string }> }> } }).summary.points;
    expect(points.length).toBeGreaterThanOrEqual(3);
    for (const point of points) {
      expect(point.text.length).toBeGreaterThan(0);
      expect(point.quotes[0]!.text.length).toBeGreaterThan(0);
    }
  });

  it('puts the answer’s quote in quotation marks', async () => {
    const result = await run(['ask', '-q', 'Will the US send ground troops?', SEED_FILE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/“[^”]*no deployment of American troops on the ground[^\n]*”/u);
  });

  it('shows an answer that is its quote once, as the quote', async () => {
    const result = await run(['ask', '-q', 'Will the US send ground troops?', SEED_FILE]);
    const answer = result.stdoutLines.filter((l) => l.startsWith('- '));
    expect(answer).toHaveLength(1);
    const quote = /^- “(.+)”$/u.exec(answer[0]!)?.[1];
    expect(quote).toBeDefined();
    expect(result.stdout.split(quote!)).toHaveLength(2);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    ['no command', []],
    ['an unknown command', ['summon', SEED_FILE]],
    ['no inputs', ['summarize', '--json']],
    ['ask without --question', ['ask', SEED_FILE]],
    ['ask with a blank --question', ['ask', '--question', '   ', SEED_FILE]],
    ['- given twice', ['summarize', '-', '-']],
    ['an unknown option', ['summarize', '--jsn', SEED_FILE]],
  ])('%s', async (_name, argv) => {
    const result = await run(argv, {}, SEED);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/\S/u);
  });

  it('names the unknown command', async () => {
    const result = await run(['summon', SEED_FILE]);
    expect(result.stderr).toContain('summon');
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: newsroom/u);
    expect(result.stderr).toBe('');
  });
});

describe('configuration errors', () => {
  it('a bad environment value exits 2 with one line naming the variable', async () => {
    const result = await run(['summarize', SEED_FILE], { ALLOW_PRIVATE_URLS: 'maybe' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderrLines).toHaveLength(1);
    expect(result.stderrLines[0]).toContain('ALLOW_PRIVATE_URLS');
  });
});

describe('html inputs', () => {
  it('extracts the article from an html file', async () => {
    const page = join(dir, 'pier.html');
    await writeFile(page, PIER_PAGE);
    const line = await runJson<SummaryLine>(['summarize', '--json', page]);
    expect(line.input).toBe(page);
    expect(line.story.byline).toBe('Jo Reporter');
    expect(line.story.publishedAt).toBe('2026-03-01T09:00:00.000Z');
    const quotes = line.summary.points.flatMap((p) => p.quotes.map((q) => q.text));
    expect(quotes).toContain(PIER_SENTENCE);
    expect(quotes.join(' ')).not.toMatch(/[<>]|Copyright|Home/u);
  });
});

describe('URL inputs', () => {
  it('fetches a loopback URL when ALLOW_PRIVATE_URLS is true', async () => {
    const url = `${server.base}/pier.html`;
    const line = await runJson<SummaryLine>(['summarize', '--json', url], { ALLOW_PRIVATE_URLS: 'true' });
    expect(line.input).toBe(url);
    expect(line.story.url).toBe(url);
    expect(line.summary.points.flatMap((p) => p.quotes.map((q) => q.text))).toContain(PIER_SENTENCE);
  });

  it('offsets of a text/plain URL are exact slices of the served text', async () => {
    const line = await runJson<AskLine>(
      ['ask', '--json', '-q', 'Will the US send ground troops?', `${server.base}/seed.txt`],
      { ALLOW_PRIVATE_URLS: 'true' },
    );
    expect(line.grounded).toBe(true);
    for (const quote of line.quotes) expectExactSlice(SEED, quote);
  });

  it('refuses a loopback URL by default with one line naming the input and "private", without connecting', async () => {
    const url = `${server.base}/pier.html?refused`;
    const result = await run(['summarize', '--json', url]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderrLines).toHaveLength(1);
    expect(result.stderrLines[0]).toContain(url);
    expect(result.stderrLines[0]).toMatch(/private/u);
    expect(server.requests).not.toContain('/pier.html?refused');
  });
});
