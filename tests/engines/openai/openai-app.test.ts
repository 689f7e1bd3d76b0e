import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app.js';
import { renderPlain } from '../../../src/bot/render-plain.js';
import { runCli } from '../../../src/cli.js';
import { loadConfig } from '../../../src/config.js';
import { utcDay } from '../../../src/engines/usage.js';
import { HARBOUR_FILE, harbourText } from '../../helpers/articles.js';
import { articlesIn, lastUserMessage, startFakeOpenAI } from '../../helpers/fake-openai.js';
import type { FakeOpenAI, FakeReply } from '../../helpers/fake-openai.js';
import { testIo } from '../../helpers/stream-io.js';

const HARBOUR = harbourText();
const WALL = 'The Kestrel Bay harbour council voted on Monday to build a flood wall along the eastern quay';
const summary: FakeReply = {
  json: { points: [{ text: 'The harbour council voted to build a flood wall on the eastern quay.', quotes: [WALL] }] },
  usage: { prompt_tokens: 1200, completion_tokens: 80 },
};
const channel = { platform: 'test', channel: 'C1', thread: null };

let fake: FakeOpenAI | undefined;
let app: App | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await app?.close();
  app = undefined;
  await fake?.close();
  fake = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openaiEnv(baseURL: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { STORE_URL: 'memory://', OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: baseURL, OPENAI_MODEL: 'test-model', ...extra };
}

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  const t = testIo(env);
  const code = await runCli(argv, t.io);
  return { code, stdout: t.stdout(), stderr: t.stderr(), lines: t.stdoutLines() };
}

describe('the openai engine in the app', () => {
  it('is chosen by OPENAI_API_KEY alone, and the reply footer names it', async () => {
    fake = await startFakeOpenAI([summary]);
    app = await createApp(loadConfig(openaiEnv(fake.baseURL)));
    const reply = await app.bot.handle(`/summarize ${HARBOUR}`, channel);
    expect(reply?.engine).toBe('openai');
    expect(renderPlain(reply!).split('\n').at(-1)).toBe('— openai engine');
    // The body: the header (headline, outlet, date) is the story's metadata, not its text.
    expect(articlesIn(lastUserMessage(fake.requests[0]!))[0]!.text).toBe(HARBOUR.slice(HARBOUR.indexOf('The Kestrel Bay harbour council voted')).trim());
  });

  it('times out, and the user still gets a summary from the extractive engine that says why', async () => {
    fake = await startFakeOpenAI([{ hang: true }]);
    app = await createApp(loadConfig(openaiEnv(fake.baseURL, { OPENAI_TIMEOUT_MS: '200', OPENAI_MAX_RETRIES: '0' })));
    const reply = await app.bot.handle(`/summarize ${HARBOUR}`, channel);
    expect(fake.requests).toHaveLength(1);
    expect(reply?.engine).toBe('extractive');
    expect(reply?.blocks.some((b) => b.type === 'cited')).toBe(true);
    expect(reply?.blocks.some((b) => b.type === 'error')).toBe(false);
    const text = renderPlain(reply!);
    expect(text).toContain('(extractive engine used: the model server did not answer within 200 ms)');
    expect(text.split('\n').at(-1)).toBe('— extractive engine');
  });

  it('says the budget is spent, falls back, and newsroom stats reports the day’s tokens', async () => {
    fake = await startFakeOpenAI([summary]);
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-usage-'));
    dirs.push(dir);
    const env = openaiEnv(fake.baseURL, { STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`, LLM_DAILY_TOKEN_BUDGET: '1000' });
    app = await createApp(loadConfig(env));
    expect((await app.bot.handle(`/summarize ${HARBOUR}`, channel))?.engine).toBe('openai');
    const over = await app.bot.handle(`/commitments ${HARBOUR}`, channel);
    expect(fake.requests).toHaveLength(1);
    expect(over?.engine).toBe('extractive');
    expect(renderPlain(over!)).toContain("today's LLM token budget (1000 tokens) is spent");
    await app.close();
    app = undefined;

    const json = await run(['stats', '--json'], env);
    expect(json.code).toBe(0);
    expect(json.lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { day: utcDay(new Date()), model: 'test-model', calls: 1, inputTokens: 1200, outputTokens: 80 },
    ]);
    const table = await run(['stats'], env);
    expect(table.code).toBe(0);
    expect(table.lines[0]).toMatch(/^day\s+model\s+calls\s+tokens in\s+tokens out$/u);
    expect(table.lines[1]).toMatch(new RegExp(`^${utcDay(new Date())}\\s+test-model\\s+1\\s+1200\\s+80$`, 'u'));
    expect(table.lines[2]).toMatch(/^total\s+1\s+1200\s+80$/u);
  });
});

describe('newsroom CLI and the engine', () => {
  it('--engine extractive keeps the model out of the run even with a key set', async () => {
    fake = await startFakeOpenAI([summary]);
    const result = await run(['summarize', '--engine', 'extractive', HARBOUR_FILE], openaiEnv(fake.baseURL));
    expect(result.code).toBe(0);
    expect(fake.requests).toHaveLength(0);
    expect(result.lines.at(-1)).toBe('— extractive engine');
  });

  it('--engine openai sends the story to the model and names it in the footer', async () => {
    fake = await startFakeOpenAI([summary]);
    const result = await run(['summarize', '--engine', 'openai', HARBOUR_FILE], openaiEnv(fake.baseURL, { ENGINE: 'extractive' }));
    expect(result.code).toBe(0);
    expect(fake.requests).toHaveLength(1);
    expect(result.stdout).toContain(`“${WALL}”`);
    expect(result.lines.at(-1)).toBe('— openai engine');
  });

  it('--engine openai without OPENAI_API_KEY is a configuration error naming it', async () => {
    const result = await run(['summarize', '--engine', 'openai', HARBOUR_FILE], { STORE_URL: 'memory://' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('OPENAI_API_KEY');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('stats says so when nothing was recorded', async () => {
    const result = await run(['stats'], { STORE_URL: 'memory://' });
    expect(result).toMatchObject({ code: 0, stdout: 'No LLM calls recorded yet.\n' });
  });
});
