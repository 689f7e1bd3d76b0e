import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../helpers/fake-slack.js';
import { generateItems, rss } from '../helpers/feeds.js';
import { serve, startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';

// These run the built command (`npm test` builds first), as a user does.
const BIN = fileURLToPath(new URL('../../bin/newsroom.js', import.meta.url));
const RECORDER = fileURLToPath(new URL('../helpers/record-imports/register.mjs', import.meta.url));
const ARTICLE = fileURLToPath(new URL('../../examples/harbour-council.txt', import.meta.url));
const SDKS = ['@slack/bolt', 'discord.js', 'openai'] as const;
/** What only the long-running commands use: the logger and the metrics registry. */
const SERVICE_PACKAGES = ['pino', 'prom-client'] as const;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-bin-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** URLs of every module the process resolved. */
  modules: string[];
}

/** Runs `newsroom ...args` in `dir` with only `env` (and PATH) in its environment. */
async function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd = dir): Promise<Run> {
  const record = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(record, '');
  const child = spawn(process.execPath, ['--import', RECORDER, BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH, RECORD_IMPORTS_TO: record, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr, modules: readFileSync(record, 'utf8').split('\n').filter(Boolean) };
}

/** The SDKs among the modules a run loaded. */
function sdksLoaded(modules: string[]): string[] {
  return SDKS.filter((sdk) => modules.some((url) => url.includes(`/node_modules/${sdk}/`)));
}

/** The service packages among the modules a run loaded. */
function servicePackagesLoaded(modules: string[]): string[] {
  return SERVICE_PACKAGES.filter((name) => modules.some((url) => url.includes(`/node_modules/${name}/`)));
}

describe('newsroom start-up cost', () => {
  it('--help loads no platform SDK and no openai', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('usage: newsroom');
    // The recorder works: it saw the CLI itself.
    expect(result.modules.some((url) => url.endsWith('/dist/src/cli.js'))).toBe(true);
    expect(sdksLoaded(result.modules)).toEqual([]);
    expect(servicePackagesLoaded(result.modules)).toEqual([]);
  });

  it('summarize with the extractive engine loads no platform SDK and no openai', async () => {
    const result = await run(['summarize', ARTICLE], { STORE_URL: 'memory://' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.modules.some((url) => url.endsWith('/dist/src/app.js'))).toBe(true);
    expect(sdksLoaded(result.modules)).toEqual([]);
    expect(servicePackagesLoaded(result.modules)).toEqual([]);
  });

  it('summarize with ENGINE=openai loads openai, and still no platform SDK', async () => {
    // The model server is a closed port: the summary falls back to the extractive engine.
    const result = await run(['summarize', ARTICLE], {
      STORE_URL: 'memory://',
      ENGINE: 'openai',
      OPENAI_API_KEY: 'k',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      OPENAI_MAX_RETRIES: '0',
    });
    expect(result.code).toBe(0);
    expect(sdksLoaded(result.modules)).toEqual(['openai']);
  });

  it('feeds check loads no platform SDK', async () => {
    const site: LoopbackServer = await startLoopbackServer({ '/feed.xml': serve('application/rss+xml', rss('Desk', generateItems('harbour', 2))) });
    try {
      const result = await run(['feeds', 'check', `${site.base}/feed.xml`], { STORE_URL: 'memory://', ALLOW_PRIVATE_URLS: 'true' });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('2 item(s) would be posted now');
      expect(sdksLoaded(result.modules)).toEqual([]);
      expect(servicePackagesLoaded(result.modules)).toEqual([]);
    } finally {
      await site.close();
    }
  });

  it('feeds poll, which logs, loads pino but no platform SDK and no prom-client', async () => {
    const result = await run(['feeds', 'poll', '--once'], { STORE_URL: 'memory://' });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('newsroom: checked 0 feed(s), 0 failed, 0 post(s)\n');
    expect(sdksLoaded(result.modules)).toEqual([]);
    expect(servicePackagesLoaded(result.modules)).toEqual(['pino']);
  });
});

describe('newsroom and .env', () => {
  it('reads .env in the working directory', async () => {
    writeFileSync(join(dir, '.env'), '# settings\nSTORE_URL=bogus://from-dotenv\n');
    const result = await run(['summarize', ARTICLE]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^newsroom: invalid configuration: STORE_URL /u);
  });

  it('lets the real environment win over .env', async () => {
    writeFileSync(join(dir, '.env'), 'STORE_URL=bogus://from-dotenv\nENGINE=extractive\n');
    const result = await run(['summarize', ARTICLE], { STORE_URL: 'memory://' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('extractive engine');
  });

  it('takes a value from .env that the environment does not set', async () => {
    writeFileSync(join(dir, '.env'), 'STORE_URL=memory://\nENGINE="openai"\nOPENAI_API_KEY=k\nOPENAI_BASE_URL=http://127.0.0.1:9/v1\nOPENAI_MAX_RETRIES=0\n');
    const result = await run(['summarize', ARTICLE]);
    expect(result.code).toBe(0);
    expect(sdksLoaded(result.modules)).toEqual(['openai']);
  });

  it('refuses a .env with a line that is not NAME=value, naming the line, and uses none of it', async () => {
    writeFileSync(join(dir, '.env'), 'STORE_URL=bogus://x\n\n# ok\nSLACK_BOT_TOKEN xoxb-typo\n');
    const result = await run(['summarize', ARTICLE], { STORE_URL: 'memory://' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('newsroom: .env line 4 is not NAME=value (comments start with #); nothing in it was used\n');
  });

  it('says so in one line when .env cannot be read', async () => {
    mkdirSync(join(dir, '.env'));
    const result = await run(['--help']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('newsroom: cannot read .env: EISDIR\n');
  });

  it('runs as before without a .env', async () => {
    const result = await run(['summarize', ARTICLE], { STORE_URL: 'memory://' });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('newsroom serve start-up errors', () => {
  it('a refused Slack token is one line naming SLACK_BOT_TOKEN, exit 2, no stack trace', async () => {
    const slack = await FakeSlack.start();
    try {
      slack.overrides.set('auth.test', () => ({ json: { ok: false, error: 'invalid_auth' } }));
      const result = await run(['serve'], {
        STORE_URL: 'memory://',
        SLACK_BOT_TOKEN: 'xoxb-refused',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: slack.apiUrl,
        HOST: '127.0.0.1',
        PORT: '1',
      });
      expect(result.code).toBe(2);
      // One log line, in the default text format: `[time] ERROR: message`, after the notice
      // that memory:// serves one process only.
      expect(result.stderr).toMatch(/^\[[^\]\n]+\] WARN: STORE_URL memory:\/\/ serves one process only;[^\n]*\n\[[^\]\n]+\] ERROR: Slack refused SLACK_BOT_TOKEN \(auth\.test: invalid_auth\)\n$/u);
      expect(result.stderr).not.toMatch(/^\s+at /mu);
    } finally {
      await slack.close();
    }
  });
});
