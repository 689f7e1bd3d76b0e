import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../adapters/main.js';
import type { AdapterFactory } from '../../adapters/registry.js';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/slack-adapter.js';
import type { SlackAdapter } from '../../adapters/slack/slack-adapter.js';
import { createApp } from '../../src/app.js';
import { renderPlain } from '../../src/bot/render-plain.js';
import { runCli } from '../../src/cli.js';
import { loadConfig } from '../../src/config.js';
import { StoreError } from '../../src/errors.js';
import { boundStore } from '../../src/store/bounded-store.js';
import { createStore } from '../../src/store/create-store.js';
import type { Store } from '../../src/store/store.js';
import { FakeSlack, sendSigned, slashCommandForm } from '../helpers/fake-slack.js';
import { startFreezingProxy, startSilentServer } from '../helpers/silent-server.js';
import type { SilentServer } from '../helpers/silent-server.js';
import { testIo } from '../helpers/stream-io.js';
import { testSlackAdapter } from '../helpers/slack-test-adapter.js';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** A store of the project's interface whose calls answer, fail or hang as a test needs; plus one method `Store` lacks. */
class ScriptedStore implements Store {
  readonly calls: string[] = [];
  answer: 'hang' | 'value' | 'fail' = 'value';
  closing: 'hang' | 'ok' | 'fail' = 'ok';

  get<T>(namespace: string, key: string): Promise<T | undefined> {
    this.calls.push(`get ${namespace}/${key}`);
    if (this.answer === 'hang') return never();
    if (this.answer === 'fail') return Promise.reject(new StoreError('STORE_UNAVAILABLE', 'store x: get failed: ECONNRESET'));
    return Promise.resolve('stored' as T);
  }

  async set(): Promise<void> {}

  async delete(): Promise<boolean> {
    return true;
  }

  /** Stands for a method added to `Store` later (e.g. an atomic add). */
  add(namespace: string, key: string): Promise<boolean> {
    this.calls.push(`add ${namespace}/${key}`);
    return never();
  }

  update<T>(namespace: string, key: string): Promise<T | undefined> {
    this.calls.push(`update ${namespace}/${key}`);
    return never();
  }

  /** A synchronous method: its value passes through untouched. */
  describe(): string {
    return 'scripted';
  }

  close(): Promise<void> {
    if (this.closing === 'hang') return never();
    if (this.closing === 'fail') return Promise.reject(new StoreError('STORE_UNAVAILABLE', 'close failed'));
    return Promise.resolve();
  }
}

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('boundStore', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rejects a call that gets no answer with STORE_TIMEOUT once timeoutMs has passed, naming the operation', async () => {
    vi.useFakeTimers();
    const inner = new ScriptedStore();
    inner.answer = 'hang';
    const store = boundStore(inner, { timeoutMs: 1000, label: 'redis://cache:6379' });
    let settled = false;
    const call = store.get('stories', 'abc').finally(() => {
      settled = true;
    });
    const outcome = rejection(call);
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error.code).toBe('STORE_TIMEOUT');
    expect(error.message).toBe('store redis://cache:6379: get stories/abc got no answer within 1000 ms (STORE_TIMEOUT_MS)');
  });

  it('bounds a method the Store interface does not declare yet, so later methods are covered too', async () => {
    vi.useFakeTimers();
    const store = boundStore(new ScriptedStore(), { timeoutMs: 50, label: 'memory://' });
    const outcome = rejection(store.add('locks', 'k'));
    await vi.advanceTimersByTimeAsync(50);
    expect((await outcome).message).toContain('add locks/k got no answer within 50 ms');
  });

  it('passes answers, failures and synchronous results through unchanged, calling the store itself', async () => {
    const inner = new ScriptedStore();
    const store = boundStore(inner, { timeoutMs: 50, label: 'memory://' });
    expect(await store.get('a', 'b')).toBe('stored');
    inner.answer = 'fail';
    expect((await rejection(store.get('a', 'c'))).code).toBe('STORE_UNAVAILABLE');
    expect(store.describe()).toBe('scripted');
    expect(inner.calls).toEqual(['get a/b', 'get a/c']);
  });

  it('drops the connections when close gets no answer, and resolves', async () => {
    vi.useFakeTimers();
    const inner = new ScriptedStore();
    inner.closing = 'hang';
    const destroy = vi.fn();
    const store = boundStore(inner, { timeoutMs: 100, label: 'memory://', destroy });
    const closed = store.close();
    await vi.advanceTimersByTimeAsync(99);
    expect(destroy).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await expect(closed).resolves.toBeUndefined();
    expect(destroy).toHaveBeenCalledOnce();
  });

  it('reports a close that fails (rather than hangs) as it is', async () => {
    const inner = new ScriptedStore();
    inner.closing = 'fail';
    const destroy = vi.fn();
    const store = boundStore(inner, { timeoutMs: 100, label: 'memory://', destroy });
    expect((await rejection(store.close())).message).toBe('close failed');
    expect(destroy).not.toHaveBeenCalled();
  });
});

// A short STORE_TIMEOUT_MS against real loopback servers: the drivers keep their own timers,
// so fake timers cannot stand in for them. Nothing here asserts how long anything took.
const SHORT = 150;

describe.each([
  ['redis', (port: number) => `redis://127.0.0.1:${port}/3`],
  ['postgres', (port: number) => `postgres://postgres:hunter2@127.0.0.1:${port}/test_h3`],
])('a %s server that accepts connections and never answers', (_name, urlFor) => {
  let server: SilentServer;
  let url = '';
  beforeAll(async () => {
    server = await startSilentServer();
    url = urlFor(server.port);
  });
  afterAll(() => server.close());

  it('fails createStore with STORE_TIMEOUT naming STORE_URL, and closes every connection it opened', async () => {
    const accepted = server.accepted;
    const error = await rejection(createStore(url, { timeoutMs: SHORT }));
    expect(error.code).toBe('STORE_TIMEOUT');
    expect(error.message).toMatch(/^store \S+ \(STORE_URL\) gave no answer within 150 ms \(STORE_TIMEOUT_MS\)/u);
    expect(error.message).not.toContain('hunter2');
    expect(server.accepted).toBeGreaterThan(accepted);
    await server.allClosed();
    expect(server.open()).toBe(0);
  });

  it('`newsroom summarize` fails with one line naming STORE_URL, exit 2', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsroom-bounded-')), 'story.txt');
    writeFileSync(file, 'The council met. "We will build it," said Mayor Jane Doe.');
    const t = testIo({ STORE_URL: url, STORE_TIMEOUT_MS: String(SHORT) });
    expect(await runCli(['summarize', file], t.io)).toBe(2);
    expect(t.stderrLines()).toEqual([expect.stringMatching(/^newsroom: store \S+ \(STORE_URL\) gave no answer within 150 ms/u)]);
    expect(t.stdout()).toBe('');
    await server.allClosed();
  });

  it('`newsroom serve` exits 2 with one line naming STORE_URL, and starts no platform', async () => {
    const start = vi.fn(async () => undefined);
    const adapters: AdapterFactory[] = [
      { name: 'alpha', enabledBy: 'ALPHA', configured: () => true, create: () => ({ name: 'alpha', start, stop: async () => undefined, connected: () => false, post: async (channel: string) => ({ channel, thread: '1' }) }) },
    ];
    const t = testIo({ STORE_URL: url, STORE_TIMEOUT_MS: String(SHORT) });
    expect(await main(['serve'], { ...t.io, adapters, shutdown: never() })).toBe(2);
    expect(t.stderrLines()).toEqual([expect.stringContaining('(STORE_URL) gave no answer within 150 ms (STORE_TIMEOUT_MS)')]);
    expect(start).not.toHaveBeenCalled();
    await server.allClosed();
  });
});

const backends = [
  ['Redis', process.env.TEST_REDIS_URL, 6379],
  ['PostgreSQL', process.env.TEST_POSTGRES_URL, 5432],
] as const;

for (const [name, target, defaultPort] of backends) {
  describe.skipIf(!target)(`${name} that stops answering after the store opened${target ? '' : ` (set TEST_${name === 'Redis' ? 'REDIS' : 'POSTGRES'}_URL)`}`, () => {
    it('a /summarize slash command gets a one-line STORE_TIMEOUT error reply, and the app still closes', async () => {
      const proxy = await startFreezingProxy(target!, defaultPort);
      try {
        const config = loadConfig({ STORE_URL: proxy.url, STORE_TIMEOUT_MS: String(SHORT), ENGINE: 'extractive' });
        const app = await createApp(config);
        proxy.freeze();
        const reply = await app.bot.command(
          'summarize',
          'The council met on Monday. "We will build the bridge," said Mayor Jane Doe. The vote was close.',
          { platform: 'slack', channel: 'C1', thread: null },
        );
        expect(reply.blocks).toEqual([{ type: 'error', text: expect.stringMatching(/got no answer within 150 ms \(STORE_TIMEOUT_MS\)$/u) }]);
        expect(renderPlain(reply).trim().split('\n')).toHaveLength(1);
        await app.close();
      } finally {
        await proxy.close();
      }
    });

    it('a Slack /summarize is acked and then answered privately with the STORE_TIMEOUT error', async () => {
      const proxy = await startFreezingProxy(target!, defaultPort);
      const fake = await FakeSlack.start();
      const secret = 'test-signing-secret';
      let adapter: SlackAdapter | undefined;
      try {
        const config = loadConfig({ STORE_URL: proxy.url, STORE_TIMEOUT_MS: String(SHORT), ENGINE: 'extractive' });
        const app = await createApp(config);
        adapter = testSlackAdapter(fake.apiUrl, secret);
        await adapter.start(app.bot);
        proxy.freeze();
        const text = 'The council met on Monday. "We will build the bridge," said Mayor Jane Doe. The vote was close.';
        const form = slashCommandForm({ command: '/summarize', text, channel: 'C0NEWS', user: 'U0REPORTER', responseUrl: fake.responseUrl('frozen') });
        const ack = await sendSigned(`http://127.0.0.1:${adapter.port}${SLACK_EVENTS_PATH}`, secret, form, 'application/x-www-form-urlencoded');
        expect(ack.status).toBe(200);
        const reply = await fake.waitForCall('response_url');
        expect(reply.body.response_type).toBe('ephemeral');
        expect(String(reply.body.text)).toMatch(/^store \S+: \w+ .*got no answer within 150 ms \(STORE_TIMEOUT_MS\)$/u);
        expect(fake.callsOf('chat.postMessage')).toEqual([]);
        await adapter.stop();
        adapter = undefined;
        await app.close();
      } finally {
        await adapter?.stop();
        await fake.close();
        await proxy.close();
      }
    });
  });
}
