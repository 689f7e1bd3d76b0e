/**
 * The Slack side of bench/slack.ts, in a process of its own so the bot's process does nothing
 * but be the bot: a fake Slack Web API, a site serving hostile pages, and the load — N
 * concurrent signed `/summarize` requests with pasted articles, or `/summarize <url>` of
 * hostile pages while `/help` requests keep coming. Talks to the parent over the IPC channel
 * `fork` opens.
 */
import { request } from 'node:http';
import { setPriority } from 'node:os';
import { FakeSlack, slackSignature, slashCommandForm } from '../tests/helpers/fake-slack.js';
import { HOSTILE_4MB_PAGES } from '../tests/helpers/hostile-pages.js';
import { serve, startLoopbackServer } from '../tests/helpers/loopback-server.js';

/** Parent → child: where the bot listens and what to send. */
export interface LoadOrder {
  url: string;
  secret: string;
  /** Pasted article texts, one `/summarize` each, all at once. */
  articles: string[];
  /** Paths of `HOSTILE_4MB_PAGES` to `/summarize` by URL, all at once, before the `/help`s. */
  pages: string[];
  /** `/help` requests sent while the pages are processed, ten at a time. */
  helps: number;
  /** How long to wait for every result to be posted. */
  deadlineMs: number;
}

/** One acknowledged request. */
export interface Ack {
  status: number;
  ms: number;
}

/** Child → parent: the fake's address, then the measurements. */
export type SideMessage =
  | { apiUrl: string }
  | { acks: Ack[]; helpAcks: Ack[]; posted: number; pagesAnswered: number; pageReplies: string[]; totalMs: number };

// Slack and the page site are remote systems; on a small bench machine this process stands in for
// them between the bot's two priorities: below its event loop (nice 0), so this process's own work
// is not counted as the bot's latency, and above its engine threads (nice 10, src/workers/worker.ts),
// which would otherwise share a core with it evenly and hold up its sending of the requests and
// reading of the acks: time the bot's event loop had already done its part in.
setPriority(5);

const send = (message: SideMessage) => process.send!(message);
const fake = await FakeSlack.start();
const site = await startLoopbackServer(Object.fromEntries(Object.entries(HOSTILE_4MB_PAGES).map(([path, make]) => [path, serve('text/html; charset=utf-8', make())])));
process.on('disconnect', () => void Promise.all([fake.close(), site.close()]).finally(() => process.exit(0)));
process.on('message', (order: LoadOrder) => void run(order));
send({ apiUrl: fake.apiUrl });

/**
 * One signed request as Slack sends it: its own connection, plain node:http (fetch's client costs
 * this process far more per request than it costs the bot, and would be measured as latency).
 * The clock starts when the request is handed to the socket layer and stops at the response's end.
 */
function post(url: string, secret: string, body: string): Promise<Ack> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': Buffer.byteLength(body),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, body),
  };
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(body);
  });
}

function command(order: LoadOrder, name: string, text: string, i: number, id: string): Promise<Ack> {
  const form = slashCommandForm({ command: name, text, channel: `C${String(i % 20).padStart(4, '0')}`, user: `U${i}`, responseUrl: fake.responseUrl(id) });
  return post(order.url, order.secret, form);
}

async function run(order: LoadOrder): Promise<void> {
  const started = performance.now();
  const acks = Promise.all(order.articles.map((article, i) => command(order, '/summarize', article, i, `article-${i}`)));
  const pageAcks = Promise.all(order.pages.map((path, i) => command(order, '/summarize', `${site.base}${path}`, i, `page-${i}`)));
  const helpAcks: Ack[] = [];
  for (let sent = 0; sent < order.helps; sent += 10) {
    const wave = Array.from({ length: Math.min(10, order.helps - sent) }, (_, i) => command(order, '/help', '', sent + i, `help-${sent + i}`));
    helpAcks.push(...(await Promise.all(wave)));
  }
  const isResult = (b: Record<string, unknown>) => Array.isArray(b.blocks) && (b.blocks as Array<{ type: string }>)[0]?.type === 'header';
  // Page commands are answered by a story post or a private one-line error; /help privately too.
  const isHelp = (b: Record<string, unknown>) => JSON.stringify(b).includes('List the commands');
  const isPageReply = (c: { method: string; body: Record<string, unknown> }) =>
    (c.method === 'response_url' && !isHelp(c.body)) || (order.articles.length === 0 && c.method === 'chat.postMessage' && isResult(c.body));
  const allAcks = await acks;
  await pageAcks;
  const posted = await fake
    .waitForCalls('chat.postMessage', isResult, order.articles.length, order.deadlineMs)
    .then((calls) => calls.length)
    .catch(() => fake.callsOf('chat.postMessage', isResult).length);
  const pageCalls = () => fake.calls.filter(isPageReply);
  const pageReplies = await fake
    .waitForAny(() => pageCalls().length >= order.pages.length, order.deadlineMs)
    .then(() => pageCalls())
    .catch(() => pageCalls());
  send({
    acks: allAcks,
    helpAcks,
    posted,
    pagesAnswered: pageReplies.length,
    pageReplies: pageReplies.map((c) => replyLine(c.body)),
    totalMs: performance.now() - started,
  });
}

/** A reply in one short line: its text, or its header. */
function replyLine(body: Record<string, unknown>): string {
  const text = typeof body.text === 'string' ? body.text : JSON.stringify(body.blocks ?? body);
  return text.replace(/\s+/g, ' ').slice(0, 160);
}
