import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import type { App } from './app.js';
import { answerReply, attributionsReply, commitmentsReply, LEDGER_ALL, ledgerReply, summaryReply } from './bot/replies.js';
import { renderPlain } from './bot/render-plain.js';
import { UsageLedger } from './engines/usage.js';
import type { UsageRow } from './engines/usage.js';
import { describeError, InputError } from './errors.js';
import { Ledger } from './ledger/ledger.js';
import type { ActorLedger } from './ledger/ledger.js';
import { createStore } from './store/create-store.js';
import type { Quote, Story } from './story/story.js';

/** The streams and environment a CLI run uses; tests pass their own. */
export interface CliIo {
  /** Standard input, read for the input `-`. */
  stdin: Readable;
  /** Results go here. */
  stdout: Writable;
  /** Errors and notices go here. */
  stderr: Writable;
  /** Environment variables (configuration). */
  env: NodeJS.ProcessEnv;
}

/** Subcommands that take inputs. */
export const TASKS = ['summarize', 'attributions', 'commitments', 'ask'] as const;
type TaskCommand = (typeof TASKS)[number];

export const USAGE = `usage: newsroom <command> [options] <input>...

commands:
  summarize     a few points, each backed by a verbatim quote
  attributions  who said what
  commitments   who committed to what (commits, refuses, conditional, considering, agrees)
  ask           answer --question from the story, or say it does not say
  chat          chat with the bot in this terminal (/help inside)
  serve         run the chat platforms the environment configures (Slack, Discord)
  discord register  register the bot's slash commands with Discord
  stats         LLM tokens in and out and calls, per day and model
  ledger        the commitment ledger: ledger [--actor NAME] [--since DATE] [--workspace NAME] [--json | --csv]
  feeds         feeds check <feed-url> [--json]: preview; feeds poll --once: one polling round

inputs: a URL, an .html/.htm/.txt/.md file, or - for standard input

options:
  --json              one JSON object per input per line
  --question, -q TEXT the question, for ask
  --engine NAME       extractive or openai for this run (instead of ENGINE)
  --workspace NAME    the workspace: stories are stored and commitments recorded there, ledger reads it (default cli)
  --actor NAME        ledger: one actor, in any form of the name ("the UK", "Britain")
  --since DATE        ledger: entries dated on or after DATE (e.g. 2026-08-01)
  --csv               ledger: comma-separated values for spreadsheets
  --help, -h          this text`;

/**
 * Runs one CLI invocation and returns the exit code: 0 when every input succeeded, 1 when
 * any input failed (the others are still processed), 2 for a usage or configuration error.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        question: { type: 'string', short: 'q' },
        engine: { type: 'string' },
        workspace: { type: 'string', default: 'cli' },
        actor: { type: 'string' },
        since: { type: 'string' },
        csv: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr.write(`newsroom: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [command, ...inputs] = parsed.positionals;
  if (parsed.values.help || !command) {
    (command || parsed.values.help ? io.stdout : io.stderr).write(`${USAGE}\n`);
    return parsed.values.help ? 0 : 2;
  }
  const env = parsed.values.engine === undefined ? io.env : { ...io.env, ENGINE: parsed.values.engine };
  if (command === 'stats') return stats(inputs, parsed.values.json, { ...io, env });
  if (command === 'ledger') return ledger(inputs, parsed.values, { ...io, env });
  const task = (command === 'summarise' ? 'summarize' : command) as TaskCommand;
  if (!TASKS.includes(task)) {
    io.stderr.write(`newsroom: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  if (inputs.length === 0) {
    io.stderr.write(`newsroom ${task}: give at least one input (a URL, a file, or -)\n`);
    return 2;
  }
  const question = parsed.values.question?.trim();
  if (task === 'ask' && !question) {
    io.stderr.write('newsroom ask: --question is required\n');
    return 2;
  }
  if (inputs.filter((i) => i === '-').length > 1) {
    io.stderr.write(`newsroom ${task}: standard input (-) can be read only once\n`);
    return 2;
  }

  let app: App;
  try {
    // Loaded here, not at the top: `--help` and usage errors need neither the configuration
    // schema (zod) nor the app.
    const config = (await import('./config.js')).loadConfig(env);
    const { createApp } = await import('./app.js');
    app = await createApp(config, { allowFiles: true, readStdin: () => readAll(io.stdin, config.FETCH_MAX_BYTES) });
  } catch (error) {
    io.stderr.write(`newsroom: ${describeError(error)}\n`);
    return 2;
  }
  let failed = 0;
  try {
    for (const input of inputs) {
      try {
        const story = await app.newsroom.ingest(parsed.values.workspace, input);
        io.stdout.write(`${await runTask(app, task, story, input, question ?? '', parsed.values.json, parsed.values.workspace)}\n`);
      } catch (error) {
        failed++;
        io.stderr.write(`newsroom: ${input}: ${stripRef(describeError(error), input)}\n`);
      }
    }
  } finally {
    await app.close();
  }
  return failed > 0 ? 1 : 0;
}

async function runTask(app: App, task: TaskCommand, story: Story, input: string, question: string, json: boolean, workspace: string): Promise<string> {
  const { newsroom } = app;
  switch (task) {
    case 'summarize': {
      const summary = await newsroom.summarise(story);
      if (!json) return renderPlain(summaryReply(story, summary));
      const { id, meta } = story;
      return JSON.stringify({
        input,
        story: { id, title: meta.title, url: meta.canonicalUrl ?? meta.url, byline: meta.byline, siteName: meta.siteName, publishedAt: meta.publishedAt },
        summary: summary.value,
        dropped: summary.dropped,
      });
    }
    case 'attributions': {
      const attributions = await newsroom.attributions(story);
      return json
        ? JSON.stringify({ input, attributions: attributions.value })
        : renderPlain(attributionsReply(story, attributions));
    }
    case 'commitments': {
      const commitments = await newsroom.commitments(story);
      // Recorded while the output is written; `app.close` waits for it.
      newsroom.recordCommitments(workspace, story, commitments.value);
      return json
        ? JSON.stringify({ input, commitments: commitments.value })
        : renderPlain(commitmentsReply(story, commitments));
    }
    case 'ask': {
      const answer = await newsroom.answer(question, [story]);
      if (!json) return renderPlain(answerReply(question, answer, story));
      const { answer: text, grounded } = answer.value;
      const quotes: Quote[] = answer.value.quotes.map(({ text: t, start, end }) => ({ text: t, start, end }));
      return JSON.stringify({ input, question, answer: text, quotes, grounded });
    }
  }
}

/** `newsroom stats`: the usage ledger per day and model, as a table or JSON lines. */
async function stats(args: string[], json: boolean, io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr.write('newsroom stats: takes no inputs\n');
    return 2;
  }
  let rows: UsageRow[];
  try {
    const config = (await import('./config.js')).loadConfig(io.env);
    const store = await createStore(config.STORE_URL, { timeoutMs: config.STORE_TIMEOUT_MS });
    try {
      rows = await new UsageLedger(store).report();
    } finally {
      await store.close();
    }
  } catch (error) {
    io.stderr.write(`newsroom: ${describeError(error)}\n`);
    return 2;
  }
  if (json) {
    for (const row of rows) io.stdout.write(`${JSON.stringify(row)}\n`);
    return 0;
  }
  io.stdout.write(`${usageTable(rows)}\n`);
  return 0;
}

/** The columns of `newsroom ledger --csv`, in order. */
const CSV_COLUMNS = ['date', 'actor', 'mention', 'stance', 'action', 'condition', 'quote', 'quote_start', 'quote_end', 'story_id', 'story_title', 'story_url', 'published_at', 'changed_from', 'changed_from_story', 'changed_from_date'] as const;

/** `newsroom ledger`: a workspace's ledger as text, JSON lines or CSV. */
async function ledger(
  args: string[],
  options: { json: boolean; csv: boolean; workspace: string; actor?: string; since?: string },
  io: CliIo,
): Promise<number> {
  if (args.length > 0) {
    io.stderr.write('newsroom ledger: takes no inputs (use --actor NAME)\n');
    return 2;
  }
  if (options.json && options.csv) {
    io.stderr.write('newsroom ledger: --json or --csv, not both\n');
    return 2;
  }
  const since = options.since === undefined ? undefined : new Date(options.since);
  if (since && Number.isNaN(since.getTime())) {
    io.stderr.write(`newsroom ledger: --since ${options.since} is not a date (try 2026-08-01)\n`);
    return 2;
  }
  let actors: ActorLedger[];
  try {
    const config = (await import('./config.js')).loadConfig(io.env);
    const store = await createStore(config.STORE_URL, { timeoutMs: config.STORE_TIMEOUT_MS });
    try {
      const book = new Ledger(store);
      if (options.actor === undefined) actors = await book.all(options.workspace, since);
      else {
        const one = await book.actor(options.workspace, options.actor, since ? { since } : {});
        if (!one) {
          io.stderr.write(`newsroom ledger: "${options.actor}" could be anyone: name a person, country or organisation\n`);
          return 2;
        }
        actors = [one];
      }
    } finally {
      await store.close();
    }
  } catch (error) {
    io.stderr.write(`newsroom: ${describeError(error)}\n`);
    return 2;
  }
  const entries = actors.flatMap((a) => a.entries).sort((a, b) => b.date.localeCompare(a.date));
  if (options.json) {
    for (const entry of entries) io.stdout.write(`${JSON.stringify(entry)}\n`);
  } else if (options.csv) {
    io.stdout.write(`${CSV_COLUMNS.join(',')}\r\n`);
    for (const e of entries) {
      const row = [e.date, e.actor, e.mention, e.stance, e.action, e.condition, e.quote.text, e.quote.start, e.quote.end, e.story.id, e.story.title, e.story.url, e.story.publishedAt, e.change?.from, e.change?.story, e.change?.date];
      io.stdout.write(`${row.map(csvField).join(',')}\r\n`);
    }
  } else {
    const text = actors.map((a) => renderPlain(ledgerReply(a.actor, a, LEDGER_ALL))).join('\n\n');
    io.stdout.write(`${text || `The ledger of workspace ${options.workspace} is empty.`}\n`);
  }
  return 0;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * A leading `=`, `+`, `-` or `@` gets a `'` so a spreadsheet shows a quote rather than run it as a formula.
 */
function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/u.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function usageTable(rows: UsageRow[]): string {
  if (rows.length === 0) return 'No LLM calls recorded yet.';
  const total = rows.reduce(
    (t, r) => ({ ...t, calls: t.calls + r.calls, inputTokens: t.inputTokens + r.inputTokens, outputTokens: t.outputTokens + r.outputTokens }),
    { day: 'total', model: '', calls: 0, inputTokens: 0, outputTokens: 0 },
  );
  const cells = [['day', 'model', 'calls', 'tokens in', 'tokens out'], ...[...rows, total].map((r) => [r.day, r.model, String(r.calls), String(r.inputTokens), String(r.outputTokens)])];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** Errors already name their input; avoid "x: x: …". */
function stripRef(message: string, input: string): string {
  return message.startsWith(`${input}: `) ? message.slice(input.length + 2) : message;
}

/** Reads a stream to the end, refusing more than `maxBytes` rather than holding it all. */
async function readAll(stream: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new InputError('INPUT_TOO_LARGE', `-: larger than ${maxBytes} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
