/**
 * Slack acknowledgement latency under load: N concurrent signed `/summarize` commands against
 * one process running the Slack adapter (HTTP mode, real Bolt) whose engine takes a fixed time
 * per task. The fake Slack Web API and the load generator run in a second process
 * (bench/slack-side.ts), as Slack would. Reports p50/p99 of the time to Slack's 200 (the ack)
 * and whether every command got its result posted.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { LogLevel } from '@slack/bolt';
import { SLACK_EVENTS_PATH, SlackAdapter } from '../adapters/slack/slack-adapter.js';
import { Bot } from '../src/bot/bot.js';
import { Newsroom } from '../src/newsroom.js';
import { createStore } from '../src/store/create-store.js';
import { SlowEngine } from '../tests/helpers/slow-engine.js';
import type { LoadOrder, SideMessage } from './slack-side.js';

/** What to measure. */
export interface SlackBenchOptions {
  /** Concurrent commands. */
  commands: number;
  /** Engine delay per task, ms. */
  engineDelayMs: number;
  /** Article text pasted into each command (each command gets its own variant, so none is cached). */
  article: string;
}

/** The measured figures. */
export interface SlackBenchResult {
  commands: number;
  acked: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  posted: number;
  /** From the first request to the last result posted. */
  totalMs: number;
}

/** Target for the 99th percentile of ack latency. */
export const ACK_P99_TARGET_MS = 300;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs the load once and returns the figures; everything it starts is stopped before it returns. */
export async function benchSlack(options: SlackBenchOptions): Promise<SlackBenchResult> {
  const secret = 'bench-signing-secret';
  // The fake Slack and the load run in another process: this one only runs the bot.
  const side = fork(fileURLToPath(new URL('./slack-side.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => once(side, 'message').then(([message]) => message as SideMessage);
  const store = await createStore('memory://');
  let adapter: SlackAdapter | undefined;
  try {
    const ready = await next();
    if (!('apiUrl' in ready)) throw new Error('the Slack side did not start');
    const newsroom = new Newsroom({ store, engine: new SlowEngine(options.engineDelayMs) });
    adapter = new SlackAdapter({
      botToken: 'xoxb-bench',
      signingSecret: secret,
      apiUrl: ready.apiUrl,
      port: 0,
      host: '127.0.0.1',
      logLevel: LogLevel.ERROR,
      workingAfterMs: 2 * options.engineDelayMs + 1000,
    });
    await adapter.start(new Bot(newsroom, store));
    const order: LoadOrder = {
      url: `http://127.0.0.1:${adapter.port}${SLACK_EVENTS_PATH}`,
      secret,
      commands: options.commands,
      article: options.article,
      deadlineMs: 30_000 + options.engineDelayMs * 4,
    };
    side.send(order);
    const result = await next();
    if (!('acks' in result)) throw new Error('the Slack side sent no measurements');
    const times = result.acks.filter((a) => a.status === 200).map((a) => a.ms).sort((a, b) => a - b);
    return {
      commands: options.commands,
      acked: times.length,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      maxMs: times.at(-1) ?? Number.NaN,
      posted: result.posted,
      totalMs: result.totalMs,
    };
  } finally {
    await adapter?.stop();
    side.disconnect();
    await store.close();
  }
}

/** Prints the Slack section of `npm run bench`. */
export async function printSlackBench(article: string): Promise<void> {
  const options: SlackBenchOptions = { commands: 200, engineDelayMs: 500, article };
  console.log('== Slack: concurrent slash commands against one process (bench/slack.ts) ==');
  console.log(
    `${options.commands} signed /summarize requests at once (pasted article text), real Bolt HTTP receiver, ` +
      `engine ${options.engineDelayMs} ms per task; fake Slack Web API and load in a second process, on loopback`,
  );
  const r = await benchSlack(options);
  console.log(`acked: ${r.acked}/${r.commands}; ack latency p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms`);
  console.log(`results posted: ${r.posted}/${r.commands} (all done ${r.totalMs.toFixed(0)} ms after the first request)`);
  console.log(
    `target p99 ack < ${ACK_P99_TARGET_MS} ms: ${r.p99Ms < ACK_P99_TARGET_MS ? 'met' : 'NOT met'}; ` +
      `every command answered: ${r.posted === r.commands ? 'yes' : 'NO'}`,
  );
}
