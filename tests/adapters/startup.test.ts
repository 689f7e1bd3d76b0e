import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../adapters/main.js';
import type { StartRetry } from '../../adapters/start-with-retry.js';
import { FakeDiscord } from '../helpers/fake-discord.js';
import type { FakeDiscordOptions } from '../helpers/fake-discord.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { testIo } from '../helpers/stream-io.js';
import type { TestIo } from '../helpers/stream-io.js';

let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;

afterEach(async () => {
  await slack?.close();
  await discord?.close();
  slack = undefined;
  discord = undefined;
});

/** A loopback port nothing listens on: listened on and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A retry policy that records the waits asked for instead of waiting. */
function recordedRetry(delaysMs: number[]): StartRetry & { waits: number[] } {
  const waits: number[] = [];
  return {
    delaysMs,
    waits,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
}

async function slackEnv(apiUrl: string): Promise<NodeJS.ProcessEnv> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-refused',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: apiUrl,
    PORT: String(await closedPort()),
    HOST: '127.0.0.1',
  };
}

async function discordEnv(options: FakeDiscordOptions | 'unreachable'): Promise<NodeJS.ProcessEnv> {
  let apiUrl: string;
  if (options === 'unreachable') {
    apiUrl = `http://127.0.0.1:${await closedPort()}/api`;
  } else {
    discord = await FakeDiscord.start(options);
    apiUrl = discord.apiUrl;
  }
  return { DISCORD_TOKEN: 'discord-token', DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_URL: apiUrl };
}

const stackLines = (text: string) => text.split('\n').filter((line) => /^\s+at /u.test(line));

/** `serve` with LOG_FORMAT=json: every line `serve` writes is a log line. */
function jsonIo(env: NodeJS.ProcessEnv): TestIo {
  return testIo({ ...env, LOG_FORMAT: 'json' });
}

/** Each log line as `LEVEL: msg` (a line that is not a JSON log line fails the parse). */
/** serve's log lines, without the start-up notice that memory:// serves one process only. */
function logged(t: TestIo): string[] {
  return t
    .stderrLines()
    .map((line) => {
      const { level, msg } = JSON.parse(line) as { level: string; msg: string };
      return `${level.toUpperCase()}: ${msg}`;
    })
    .filter((line) => !line.includes('serves one process only'));
}

describe('newsroom serve when a platform refuses the credentials', () => {
  it('exits 2 with one line naming SLACK_BOT_TOKEN when auth.test says invalid_auth', async () => {
    slack = await FakeSlack.start();
    slack.overrides.set('auth.test', () => ({ json: { ok: false, error: 'invalid_auth' } }));
    const t = jsonIo(await slackEnv(slack.apiUrl));
    expect(await main(['serve'], { ...t.io, startRetry: recordedRetry([1]) })).toBe(2);
    expect(logged(t)).toEqual(['ERROR: Slack refused SLACK_BOT_TOKEN (auth.test: invalid_auth)']);
    // Asked once: a refused token is not retried.
    expect(slack.callsOf('auth.test')).toHaveLength(1);
  });

  it('exits 2 naming DISCORD_TOKEN when Discord answers 401 to the gateway lookup', async () => {
    const t = jsonIo(await discordEnv({ refuseToken: 'rest' }));
    expect(await main(['serve'], { ...t.io, startRetry: recordedRetry([1]) })).toBe(2);
    expect(logged(t)).toHaveLength(1);
    expect(logged(t)[0]).toMatch(/^ERROR: Discord refused DISCORD_TOKEN \(/u);
    expect(stackLines(t.stderr())).toEqual([]);
  });

  it('exits 2 naming DISCORD_TOKEN when the gateway closes with 4004', async () => {
    const t = jsonIo(await discordEnv({ refuseToken: 'gateway' }));
    expect(await main(['serve'], { ...t.io, startRetry: recordedRetry([1]) })).toBe(2);
    expect(logged(t)).toEqual(['ERROR: Discord refused DISCORD_TOKEN (Authentication failed)']);
    expect(discord!.opcodes(2)).toHaveLength(1);
  });
});

describe('newsroom serve when a platform cannot be reached', () => {
  it('retries Slack with growing waits, one line per attempt, then exits 1', async () => {
    const env = await slackEnv(`http://127.0.0.1:${await closedPort()}/api/`);
    const retry = recordedRetry([1_000, 2_000, 4_000]);
    const t = jsonIo(env);
    expect(await main(['serve'], { ...t.io, startRetry: retry })).toBe(1);
    expect(retry.waits).toEqual([1_000, 2_000, 4_000]);
    const lines = logged(t);
    expect(lines).toHaveLength(4);
    for (const [i, wait] of ['1 s', '2 s', '4 s'].entries()) {
      expect(lines[i]).toMatch(new RegExp(`^WARN: slack: Slack is unreachable \\(auth\\.test at .*ECONNREFUSED.*\\); attempt ${i + 1} of 4, retrying in ${wait}$`, 'u'));
    }
    expect(lines[3]).toMatch(/^ERROR: Slack is unreachable .*ECONNREFUSED.*; gave up after 4 attempts$/u);
  });

  it('connects to Slack once it answers, after a 503', async () => {
    slack = await FakeSlack.start();
    let refused = 0;
    slack.overrides.set('auth.test', () => (refused++ === 0 ? { status: 503, json: { ok: false } } : undefined));
    let stop!: () => void;
    const shutdown = new Promise<void>((resolve) => (stop = resolve));
    const retry = recordedRetry([1_000, 2_000]);
    const t = jsonIo(await slackEnv(slack.apiUrl));
    const running = main(['serve'], { ...t.io, startRetry: retry, shutdown });
    await slack.waitForCalls('auth.test', () => true, 2);
    await new Promise<void>((resolve) => {
      const check = () => (t.stderr().includes('slack connected') ? resolve() : setImmediate(check));
      check();
    });
    stop();
    expect(await running).toBe(0);
    expect(retry.waits).toEqual([1_000]);
    expect(logged(t)[0]).toMatch(/^WARN: slack: Slack answered HTTP 503 .*; attempt 1 of 3, retrying in 1 s$/u);
    expect(logged(t).slice(1)).toEqual(['INFO: slack connected', 'INFO: stopping']);
  });

  it('stops at once when shutdown comes during a wait between attempts', async () => {
    const env = await slackEnv(`http://127.0.0.1:${await closedPort()}/api/`);
    let stop!: () => void;
    const shutdown = new Promise<void>((resolve) => (stop = resolve));
    const waits: number[] = [];
    const retry: StartRetry = {
      delaysMs: [60_000, 60_000],
      // Shutdown arrives while the first wait is running; the wait is cut short by the signal.
      sleep: (ms, signal) =>
        new Promise((_resolve, reject) => {
          waits.push(ms);
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          stop();
        }),
    };
    const t = jsonIo(env);
    expect(await main(['serve'], { ...t.io, startRetry: retry, shutdown })).toBe(0);
    expect(waits).toEqual([60_000]);
    expect(logged(t)).toHaveLength(2);
    expect(logged(t)[1]).toBe('INFO: stopping');
  });

  it('retries Discord with one line per attempt, then exits 1', async () => {
    const retry = recordedRetry([500, 1_500]);
    const t = jsonIo(await discordEnv('unreachable'));
    expect(await main(['serve'], { ...t.io, startRetry: retry })).toBe(1);
    expect(retry.waits).toEqual([500, 1_500]);
    const lines = logged(t);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^WARN: discord: Discord is unreachable \(.*ECONNREFUSED.*\); attempt 1 of 3, retrying in 0\.5 s$/u);
    expect(lines[1]).toMatch(/attempt 2 of 3, retrying in 1\.5 s$/u);
    expect(lines[2]).toMatch(/^ERROR: Discord is unreachable .*; gave up after 3 attempts$/u);
  });
});

describe('newsroom serve with Slack settings it cannot use', () => {
  it('exits 2 naming SLACK_APP_TOKEN when Socket Mode is refused', async () => {
    slack = await FakeSlack.start();
    slack.overrides.set('apps.connections.open', () => ({ json: { ok: false, error: 'invalid_auth' } }));
    const { SLACK_SIGNING_SECRET: _http, ...env } = await slackEnv(slack.apiUrl);
    const t = jsonIo({ ...env, SLACK_APP_TOKEN: 'xapp-refused' });
    expect(await main(['serve'], { ...t.io, startRetry: recordedRetry([1]) })).toBe(2);
    expect(logged(t).at(-1)).toBe('ERROR: Slack refused SLACK_APP_TOKEN (apps.connections.open: invalid_auth)');
    expect(stackLines(t.stderr())).toEqual([]);
  });

  it('exits 2 naming PORT when the port is taken', async () => {
    slack = await FakeSlack.start();
    const taken = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as AddressInfo;
    try {
      const t = jsonIo({ ...(await slackEnv(slack.apiUrl)), PORT: String(port) });
      expect(await main(['serve'], { ...t.io, startRetry: recordedRetry([1]) })).toBe(2);
      expect(logged(t)).toEqual([`ERROR: cannot listen for Slack on 127.0.0.1:${port} (PORT, HOST): listen EADDRINUSE: address already in use 127.0.0.1:${port}`]);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});
