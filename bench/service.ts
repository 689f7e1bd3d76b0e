/**
 * `npm run bench -- --service-only`: what the service conventions cost per unit of work —
 * log lines per second in each format with redaction of the configured secrets, and the time
 * to render `/metrics` once the counters hold a busy day's label sets.
 */
import { Writable } from 'node:stream';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/service/log.js';
import { Metrics } from '../src/service/metrics.js';

const LINES = 100_000;
const RENDERS = 200;

/** Median of the values. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function benchLogs(format: 'json' | 'text'): number {
  const config = loadConfig({
    STORE_URL: 'redis://:store-password@127.0.0.1:6379/0',
    LOG_FORMAT: format,
    SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdefghijkl',
    SLACK_SIGNING_SECRET: 'signing-secret-0123456789',
    DISCORD_TOKEN: 'discord.token.value-0123456789',
    OPENAI_API_KEY: 'sk-bench-key-0123456789',
  });
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  const log = createLogger(config, sink);
  const started = performance.now();
  for (let i = 0; i < LINES; i += 1) log.warn({ url: `https://example.org/feed/${i % 50}.xml`, platform: 'slack' }, `feed https://example.org/feed/${i % 50}.xml: HTTP 503`);
  const seconds = (performance.now() - started) / 1000;
  if (bytes === 0) throw new Error('nothing was logged');
  return LINES / seconds;
}

async function benchMetrics(): Promise<{ ms: number; bytes: number }> {
  const metrics = new Metrics();
  metrics.collectProcessMetrics();
  const commands = ['summarize', 'who', 'commitments', 'ask', 'help', 'subscribe', 'unsubscribe', 'subscriptions', 'unknown'];
  for (let i = 0; i < 10_000; i += 1) {
    for (const platform of ['slack', 'discord']) {
      metrics.commandHandled(platform, commands[i % commands.length]!, i % 17 === 0 ? 'failed' : 'ok');
      metrics.eventHandled(platform, i % 3 === 0 ? 'ignored' : 'ok');
      metrics.posted(platform, i % 29 === 0 ? 'rate_limited' : 'ok');
    }
    metrics.engineTask(i % 2 ? 'openai' : 'extractive', ['summarise', 'attributions', 'commitments', 'answer'][i % 4]!, 'ok', (i % 100) / 50);
    metrics.feedFetched(i % 5 === 0 ? 'changed' : 'not_modified');
    metrics.llmTokens('gpt-4o-mini', 1200, 80);
  }
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RENDERS; i += 1) {
    const started = performance.now();
    bytes = (await metrics.text()).length;
    times.push(performance.now() - started);
  }
  return { ms: median(times), bytes };
}

/** Prints the figures. */
export async function benchService(): Promise<void> {
  console.log('== service conventions (bench/service.ts) ==');
  for (const format of ['json', 'text'] as const) {
    benchLogs(format); // warm-up
    console.log(`logs, LOG_FORMAT=${format}: ${Math.round(benchLogs(format)).toLocaleString('en')} lines/s (${LINES.toLocaleString('en')} warn lines with 2 fields, 5 secrets redacted by value)`);
  }
  const { ms, bytes } = await benchMetrics();
  console.log(`/metrics render: median ${ms.toFixed(2)} ms over ${RENDERS} renders, ${bytes.toLocaleString('en')} bytes (every family populated, process metrics on)`);
}
