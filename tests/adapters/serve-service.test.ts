import { describe, expect, it } from 'vitest';
import { main } from '../../adapters/main.js';
import type { AdapterFactory } from '../../adapters/registry.js';
import type { Adapter, PostedMessage } from '../../src/bot/adapter.js';
import type { Bot } from '../../src/bot/bot.js';
import { harbourText } from '../helpers/articles.js';
import { testIo } from '../helpers/stream-io.js';
import type { TestIo } from '../helpers/stream-io.js';

const TOKEN = 'alpha-token-that-must-never-be-logged';

/** A platform whose `start` resolves when the test says so: "connecting" is a state to probe. */
class GatedAdapter implements Adapter {
  readonly name = 'alpha';
  bot: Bot | undefined;
  private up = false;
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  private startCalled!: () => void;
  /** Resolves once `start` has been called. */
  readonly starting = new Promise<void>((resolve) => (this.startCalled = resolve));

  constructor(private readonly failWith?: string) {}

  async start(bot: Bot): Promise<void> {
    this.startCalled();
    await this.gate;
    if (this.failWith) throw new Error(this.failWith);
    this.bot = bot;
    this.up = true;
  }
  /** Lets `start` finish. */
  connect(): void {
    this.open();
  }
  async stop(): Promise<void> {
    this.up = false;
  }
  connected(): boolean {
    return this.up;
  }
  async post(channel: string): Promise<PostedMessage> {
    return { channel, thread: '1' };
  }
}

function factory(adapter: Adapter): AdapterFactory {
  return { name: adapter.name, enabledBy: 'ALPHA', configured: () => true, create: () => adapter };
}

interface JsonLine {
  level: string;
  time: string;
  msg: string;
  port?: number;
}

function jsonLines(t: TestIo): JsonLine[] {
  return t.stderrLines().map((line) => JSON.parse(line) as JsonLine);
}

/** Resolves once a log line matches; the wait is on real loopback events, checked every few ms. */
async function untilLogged(t: TestIo, test: (line: JsonLine) => boolean): Promise<JsonLine> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const found = jsonLines(t).find(test);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such log line in: ${t.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function startServe(adapter: GatedAdapter, env: NodeJS.ProcessEnv = {}) {
  const t = testIo({ STORE_URL: 'memory://', HEALTH_PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json', DISCORD_TOKEN: TOKEN, ...env });
  let stop!: () => void;
  const shutdown = new Promise<void>((resolve) => (stop = resolve));
  const exit = main(['serve'], { ...t.io, adapters: [factory(adapter)], shutdown });
  return { t, stop, exit };
}

describe('newsroom serve with HEALTH_PORT', () => {
  it('liveness at once, readiness only after the platform connects, metrics after a command', async () => {
    const adapter = new GatedAdapter();
    const { t, stop, exit } = startServe(adapter);
    const { port } = await untilLogged(t, (line) => line.port !== undefined);
    const base = `http://127.0.0.1:${port}`;
    await adapter.starting;

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const connecting = await fetch(`${base}/readyz`);
    expect(connecting.status).toBe(503);
    expect(await connecting.json()).toEqual({ ready: false, store: 'ok', platforms: { alpha: false } });

    adapter.connect();
    await untilLogged(t, (line) => line.msg === 'alpha connected');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    const conversation = { platform: 'alpha', channel: 'C1', thread: null };
    await adapter.bot!.handle('/help', conversation);
    await adapter.bot!.handle(`/summarize ${harbourText()}`, conversation);
    await adapter.bot!.handle('/summarize', conversation);
    await adapter.bot!.handle('/nonsense', conversation);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('newsroom_commands_total{platform="alpha",command="help",outcome="ok"} 1');
    expect(metrics).toContain('newsroom_commands_total{platform="alpha",command="summarize",outcome="ok"} 1');
    expect(metrics).toContain('newsroom_commands_total{platform="alpha",command="summarize",outcome="invalid"} 1');
    expect(metrics).toContain('newsroom_commands_total{platform="alpha",command="unknown",outcome="invalid"} 1');
    expect(metrics).toContain('newsroom_engine_task_duration_seconds_count{engine="extractive",task="summarise",outcome="ok"} 1');
    for (const family of [
      'newsroom_commands_total',
      'newsroom_events_total',
      'newsroom_engine_task_duration_seconds',
      'newsroom_feed_fetches_total',
      'newsroom_posts_total',
      'newsroom_llm_tokens_total',
      'newsroom_process_cpu_seconds_total',
    ]) {
      expect(metrics).toContain(`# TYPE ${family} `);
    }

    stop();
    expect(await exit).toBe(0);
    // The health server closes with the process.
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    for (const line of jsonLines(t)) {
      expect(typeof line.level).toBe('string');
      expect(Number.isNaN(Date.parse(line.time))).toBe(false);
      expect(typeof line.msg).toBe('string');
    }
    expect(jsonLines(t).map((l) => l.msg)).toContain('stopping');
  });

  it('a platform that fails to connect with its token in the error: exit 1, logged as JSON, the token redacted', async () => {
    const adapter = new GatedAdapter(`login refused for token ${TOKEN}`);
    const { t, exit } = startServe(adapter);
    adapter.connect();
    expect(await exit).toBe(1);
    const errors = jsonLines(t).filter((line) => line.level === 'error');
    expect(errors.map((l) => l.msg)).toEqual(['unexpected error: login refused for token [redacted]']);
    expect(t.stderr()).not.toContain(TOKEN);
  });

  it('without HEALTH_PORT no health server is started', async () => {
    const adapter = new GatedAdapter();
    const { t, stop, exit } = startServe(adapter, { HEALTH_PORT: '' });
    adapter.connect();
    await untilLogged(t, (line) => line.msg === 'alpha connected');
    stop();
    expect(await exit).toBe(0);
    expect(jsonLines(t).some((line) => line.port !== undefined)).toBe(false);
  });
});
