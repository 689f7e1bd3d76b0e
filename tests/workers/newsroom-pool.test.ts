import { afterEach, describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/slack-adapter.js';
import type { SlackAdapter } from '../../adapters/slack/slack-adapter.js';
import { Bot } from '../../src/bot/bot.js';
import { OpenAIEngine } from '../../src/engines/openai/openai-engine.js';
import { loadPrompts } from '../../src/engines/openai/prompts.js';
import { UsageLedger } from '../../src/engines/usage.js';
import { describeError, EngineError } from '../../src/errors.js';
import { Newsroom } from '../../src/newsroom.js';
import { createStore } from '../../src/store/create-store.js';
import type { Store } from '../../src/store/store.js';
import { WorkerPool } from '../../src/workers/pool.js';
import { PooledExtractiveEngine } from '../../src/workers/pooled-engine.js';
import { harbourText } from '../helpers/articles.js';
import { startFakeOpenAI } from '../helpers/fake-openai.js';
import type { FakeOpenAI } from '../helpers/fake-openai.js';
import { FakeSlack, sendSigned, slashCommandForm } from '../helpers/fake-slack.js';
import { heldThread, HOLD, releaseHeld, SPIN_IN_ENGINE, WHO, WORKER_DOUBLES } from '../helpers/worker-doubles.js';
import { testSlackAdapter } from '../helpers/slack-test-adapter.js';

// Threads are loaded before the timed part, so this only has to cover the work itself.
const LIMIT_MS = 2_500;
const WALL = 'The Kestrel Bay harbour council voted on Monday to build a flood wall along the eastern quay';

let pool: WorkerPool | undefined;
let store: Store | undefined;
let fakeOpenAI: FakeOpenAI | undefined;
let fakeSlack: FakeSlack | undefined;
let adapter: SlackAdapter | undefined;

afterEach(async () => {
  releaseHeld();
  await adapter?.stop();
  await pool?.close();
  await fakeOpenAI?.close();
  await fakeSlack?.close();
  await store?.close();
  adapter = undefined;
  pool = undefined;
  fakeOpenAI = undefined;
  fakeSlack = undefined;
  store = undefined;
});

/** A pool of two threads, both started and loaded. */
async function warmPool(): Promise<WorkerPool> {
  pool = new WorkerPool({ threads: 2, maxMemoryMb: 256, ingestTimeoutMs: LIMIT_MS, engineTimeoutMs: LIMIT_MS, worker: WORKER_DOUBLES });
  const who = () => pool!.run('text', { text: `Which thread ${WHO}, asked the editor.`, source: { kind: 'text', ref: 'warm-up' } });
  const threads = new Set((await Promise.all([who(), who()])).map((s) => s.meta.siteName));
  expect(threads.size).toBe(2);
  return pool;
}

describe('Newsroom on the worker pool', () => {
  it('uses the extractive fallback when the openai path runs past ENGINE_TIMEOUT_MS in its worker step', async () => {
    const tasks = await warmPool();
    store = await createStore('memory://');
    // The model's draft is fine to send, but the gate step on it never ends (a pathological draft).
    fakeOpenAI = await startFakeOpenAI(() => ({ json: { points: [{ text: `The council voted ${SPIN_IN_ENGINE}.`, quotes: [WALL] }] } }));
    const engine = new OpenAIEngine({
      apiKey: 'test-key',
      baseURL: fakeOpenAI.baseURL,
      model: 'test-model',
      timeoutMs: 5_000,
      maxRetries: 0,
      contextTokens: 16_000,
      prompts: loadPrompts(),
      usage: new UsageLedger(store),
      tasks,
    });
    const newsroom = new Newsroom({ store, engine, fallback: new PooledExtractiveEngine(tasks), tasks, engineTimeoutMs: LIMIT_MS });
    const story = await newsroom.ingest('cli', harbourText());
    const result = await newsroom.summarise(story);
    expect(fakeOpenAI.requests).toHaveLength(1);
    expect(result.engine).toBe('extractive');
    expect(result.notice).toBe(`extractive engine used: openai engine failed: timed out after ${LIMIT_MS} ms`);
    expect(result.value.points.length).toBeGreaterThan(0);
  });

  it('with the extractive engine alone, a story past the time limit gets a one-line error and the next story is answered', async () => {
    const tasks = await warmPool();
    store = await createStore('memory://');
    const newsroom = new Newsroom({ store, engine: new PooledExtractiveEngine(tasks), tasks, engineTimeoutMs: LIMIT_MS });
    const hostile = await newsroom.ingest('cli', `The council said ${SPIN_IN_ENGINE} on Monday that it would build the wall.`);
    const error = await newsroom.summarise(hostile).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(describeError(error)).toMatch(/^extractive engine failed: [^\n]+$/);
    const result = await newsroom.summarise(await newsroom.ingest('cli', harbourText()));
    expect(result.engine).toBe('extractive');
    expect(result.value.points.length).toBeGreaterThan(0);
  });

  it('acknowledges and answers /help in Slack while a /summarize engine task holds a thread', async () => {
    const tasks = await warmPool();
    store = await createStore('memory://');
    fakeSlack = await FakeSlack.start();
    const newsroom = new Newsroom({ store, engine: new PooledExtractiveEngine(tasks), tasks, engineTimeoutMs: 60_000 });
    const secret = 'test-signing-secret';
    adapter = testSlackAdapter(fakeSlack.apiUrl, secret);
    await adapter.start(new Bot(newsroom, store));
    const events = `http://127.0.0.1:${adapter.port}${SLACK_EVENTS_PATH}`;
    const slash = (command: string, text: string, id: string) =>
      sendSigned(events, secret, slashCommandForm({ command, text, channel: 'C0NEWS', user: 'U0REPORTER', responseUrl: fakeSlack!.responseUrl(id) }), 'application/x-www-form-urlencoded');

    const summarize = await slash('/summarize', `${harbourText()}\n\nThe editor added ${SPIN_IN_ENGINE} at the end.`, 'sum');
    expect(summarize.status).toBe(200);
    const help = await slash('/help', '', 'help');
    expect(help.status).toBe(200);
    const reply = await fakeSlack.waitForCall('response_url', (body) => JSON.stringify(body).includes('/summarize'));
    expect(reply.body.response_type).toBe('ephemeral');
    // The summary is still being worked on: its engine task never ends by itself.
    expect(fakeSlack.callsOf('chat.postMessage')).toEqual([]);
    await tasks.close();
  });

  it('acknowledges a burst of slash commands while a task holds every worker thread, then answers each one once', async () => {
    pool = new WorkerPool({ threads: 1, maxMemoryMb: 256, ingestTimeoutMs: LIMIT_MS, engineTimeoutMs: LIMIT_MS, worker: WORKER_DOUBLES });
    store = await createStore('memory://');
    fakeSlack = await FakeSlack.start();
    const newsroom = new Newsroom({ store, engine: new PooledExtractiveEngine(pool), tasks: pool, engineTimeoutMs: 60_000 });
    const secret = 'test-signing-secret';
    adapter = testSlackAdapter(fakeSlack.apiUrl, secret, { stopGraceMs: 10_000 });
    await adapter.start(new Bot(newsroom, store));
    const events = `http://127.0.0.1:${adapter.port}${SLACK_EVENTS_PATH}`;
    // The only thread is taken until the test lets it go: no engine work can start before that.
    const held = heldThread();
    const holder = pool.run('text', { text: `The editor said ${HOLD} for now.`, source: { kind: 'text', ref: 'holder' } });
    await held;

    const count = 12;
    const article = harbourText();
    const acks = await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const form = slashCommandForm({ command: '/summarize', text: `${article}\n\nCopy ${i}.`, channel: `C${i}`, user: 'U0REPORTER', responseUrl: fakeSlack!.responseUrl(`sum-${i}`) });
        return sendSigned(events, secret, form, 'application/x-www-form-urlencoded');
      }),
    );
    expect(acks.map((a) => [a.status, a.body])).toEqual(Array.from({ length: count }, () => [200, '']));
    expect(fakeSlack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);

    releaseHeld();
    await holder;
    const isStory = (body: Record<string, unknown>) => Array.isArray(body.blocks) && (body.blocks as Array<{ type: string }>)[0]?.type === 'header';
    await fakeSlack.waitForCalls('chat.postMessage', isStory, count, 30_000);
    // Everything started has finished once the adapter has stopped: no command was answered twice.
    await adapter.stop();
    adapter = undefined;
    const posts = fakeSlack.callsOf('chat.postMessage', isStory);
    expect(posts.map((p) => p.body.channel).sort()).toEqual(Array.from({ length: count }, (_, i) => `C${i}`).sort());
    expect(fakeSlack.callsOf('response_url')).toEqual([]);
  });
});
