/**
 * Slack acknowledgement latency under load, against one process running the app as `serve`
 * builds it (real Bolt HTTP receiver, extractive engine and extraction in the worker pool):
 * (a) N concurrent signed `/summarize` commands with pasted real articles; (b) `/help` while
 * four 4 MB hostile pages are being summarised by URL. The fake Slack Web API, the page site
 * and the load generator run in a second process (bench/slack-side.ts), as Slack would.
 * Reports p50/p99 of the time to Slack's 200 (the ack) and whether every command was answered.
 * The side process sends each request on its own connection with node:http and runs below the
 * bot's event loop and above its engine threads (it stands in for remote systems); one command is
 * answered before the load, as on a service that is already running.
 */
import { fork } from 'node:child_process';
import type { Server } from 'node:http';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { LogLevel } from '@slack/bolt';
import { SLACK_EVENTS_PATH, SlackAdapter } from '../adapters/slack/slack-adapter.js';
import { createApp } from '../src/app.js';
import type { App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { HOSTILE_4MB_PAGES } from '../tests/helpers/hostile-pages.js';
import type { Ack, LoadOrder, SideMessage } from './slack-side.js';

/** What to send. */
export interface SlackBenchOptions {
  /** Pasted article texts: one concurrent `/summarize` each. */
  articles: string[];
  /** Paths of hostile pages to `/summarize` by URL. */
  pages: string[];
  /** `/help` requests sent while the pages are processed. */
  helps: number;
}

/** Latency figures of one kind of request. */
export interface AckFigures {
  sent: number;
  acked: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The measured figures. */
export interface SlackBenchResult {
  summarize: AckFigures;
  help: AckFigures;
  /** Article results posted. */
  posted: number;
  /** Hostile pages answered (a story post or a one-line error), and how. */
  pagesAnswered: number;
  pageReplies: string[];
  /** From the first request to the last result posted. */
  totalMs: number;
  /** p99 of the bot's own handling of a request (parsed request to response sent). */
  handlingP99Ms: number;
}

/** Target for the 99th percentile of ack latency. */
export const ACK_P99_TARGET_MS = 300;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function figures(acks: Ack[]): AckFigures {
  const times = acks.filter((a) => a.status === 200).map((a) => a.ms).sort((a, b) => a - b);
  return { sent: acks.length, acked: times.length, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), maxMs: times.at(-1) ?? Number.NaN };
}

/** Runs the load once and returns the figures; everything it starts is stopped before it returns. */
export async function benchSlack(options: SlackBenchOptions): Promise<SlackBenchResult> {
  const secret = 'bench-signing-secret';
  // The fake Slack and the load run in another process: this one only runs the bot.
  const side = fork(fileURLToPath(new URL('./slack-side.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => once(side, 'message').then(([message]) => message as SideMessage);
  let app: App | undefined;
  let adapter: SlackAdapter | undefined;
  try {
    const ready = await next();
    if (!('apiUrl' in ready)) throw new Error('the Slack side did not start');
    app = await createApp(loadConfig({ ...process.env, STORE_URL: 'memory://', ENGINE: 'extractive', ALLOW_PRIVATE_URLS: 'true' }));
    adapter = new SlackAdapter({
      botToken: 'xoxb-bench',
      signingSecret: secret,
      apiUrl: ready.apiUrl,
      port: 0,
      host: '127.0.0.1',
      logLevel: LogLevel.ERROR,
      workingAfterMs: 600_000,
    });
    await adapter.start(app.bot);
    // A running service: one command first, so thread start-up and first-use module loading
    // are not counted as ack latency.
    if (options.articles[0]) await app.bot.handle(`/summarize ${options.articles[0]} (warm-up)`, { platform: 'slack', channel: 'CWARM', thread: null });
    // The bot's own share of each ack: from the parsed request to the response sent.
    const handling: number[] = [];
    (adapter as unknown as { server: Server }).server.prependListener('request', (_req, res) => {
      const t = performance.now();
      res.on('finish', () => handling.push(performance.now() - t));
    });
    const order: LoadOrder = {
      url: `http://127.0.0.1:${adapter.port}${SLACK_EVENTS_PATH}`,
      secret,
      articles: options.articles,
      pages: options.pages,
      helps: options.helps,
      deadlineMs: Number(process.env.BENCH_DEADLINE_MS ?? 180_000),
    };
    side.send(order);
    const result = await next();
    if (!('acks' in result)) throw new Error('the Slack side sent no measurements');
    return {
      summarize: figures(result.acks),
      help: figures(result.helpAcks),
      posted: result.posted,
      pagesAnswered: result.pagesAnswered,
      pageReplies: result.pageReplies,
      totalMs: result.totalMs,
      handlingP99Ms: percentile(handling.sort((x, y) => x - y), 99),
    };
  } finally {
    await adapter?.stop();
    side.disconnect();
    await app?.close();
  }
}

function ackLine(label: string, f: AckFigures): string {
  return `${label}: acked ${f.acked}/${f.sent}; ack latency p50 ${f.p50Ms.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms, max ${f.maxMs.toFixed(1)} ms; target p99 < ${ACK_P99_TARGET_MS} ms: ${f.p99Ms < ACK_P99_TARGET_MS ? 'met' : 'NOT met'}`;
}

/** Prints the Slack section of `npm run bench`: `articles` are real article texts to paste. */
export async function printSlackBench(articles: string[]): Promise<void> {
  const pasted = Array.from({ length: 200 }, (_, i) => `${articles[i % articles.length]!}\n\nBench copy ${i}.`);
  const chars = pasted.reduce((sum, a) => sum + a.length, 0) / pasted.length;
  console.log('== Slack: concurrent slash commands against one process (bench/slack.ts) ==');
  console.log(
    `(a) ${pasted.length} signed /summarize requests at once, each a pasted real article (mean ${chars.toFixed(0)} chars, none cached); ` +
      'the app as `serve` builds it: real Bolt HTTP receiver, extractive engine and citation gate in the worker pool; ' +
      'fake Slack Web API and load in a second process, on loopback',
  );
  const a = await benchSlack({ articles: pasted, pages: [], helps: 0 });
  console.log(ackLine('/summarize', a.summarize));
  console.log(`the bot's own handling of a request (parsed to answered): p99 ${a.handlingP99Ms.toFixed(1)} ms; the rest of an ack's time is waiting for the event loop and the network`);
  console.log(`results posted: ${a.posted}/${pasted.length} (the last ${a.totalMs.toFixed(0)} ms after the first request); every command answered: ${a.posted === pasted.length ? 'yes' : 'NO'}`);
  const pages = Object.keys(HOSTILE_4MB_PAGES);
  console.log(`\n(b) /summarize of ${pages.length} hostile 4 MB pages by URL (${pages.join(', ')}), then 100 /help, ten at a time, while they are processed`);
  const b = await benchSlack({ articles: [], pages, helps: 100 });
  console.log(ackLine('/help', b.help));
  console.log(`hostile pages answered: ${b.pagesAnswered}/${pages.length} (all done ${b.totalMs.toFixed(0)} ms after the first request)`);
  for (const reply of b.pageReplies) console.log(`  ${reply}`);
}
