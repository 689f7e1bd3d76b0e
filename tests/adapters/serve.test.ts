import { once } from 'node:events';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { APIEmbed } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../adapters/main.js';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/slack-adapter.js';
import { harbourText } from '../helpers/articles.js';
import { FakeDiscord } from '../helpers/fake-discord.js';
import type { RecordedRequest } from '../helpers/fake-discord.js';
import { FakeSlack, renderedQuotes, sendSigned, slashCommandForm } from '../helpers/fake-slack.js';
import type { SlackCall } from '../helpers/fake-slack.js';
import { generateItems, rss } from '../helpers/feeds.js';
import { startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';
import { testIo } from '../helpers/stream-io.js';
import type { TestIo } from '../helpers/stream-io.js';

const SECRET = 'serve-signing-secret';
const CHANNEL = 'C0DESK';
const USER = 'U0EDITOR';
const HEADLINE = 'Harbour council backs flood wall but delays ferry decision';
/** Feed item topics long enough that each generated body (≥ 600 characters) is the full article: no link is fetched. */
const SLACK_TOPIC = 'alphaville';
const DISCORD_TOPIC = 'bravoville';

let slack: FakeSlack;
let discord: FakeDiscord;
let running: Running | undefined;
let feedSite: LoopbackServer | undefined;

beforeEach(async () => {
  slack = await FakeSlack.start();
  discord = await FakeDiscord.start();
});

afterEach(async () => {
  if (running) {
    running.stop();
    await running.exit;
    running = undefined;
  }
  await feedSite?.close();
  feedSite = undefined;
  await slack.close();
  await discord.close();
});

/** Resolves once `check` holds; fails after `timeoutMs`. */
async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A port that was free a moment ago: listened on (port 0, loopback) and closed again. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** `newsroom serve` running in this process until `stop` is called. */
interface Running {
  t: TestIo;
  /** Resolves `io.shutdown`, as SIGTERM would. */
  stop(): void;
  /** What `main` returned. */
  exit: Promise<number>;
  /** Resolves once stderr contains `text`; fails if `serve` exits first. */
  untilStderr(text: string): Promise<void>;
}

/** Runs `main(['serve'])` with `env`; the test's afterEach stops it if the test did not. */
function startServe(env: NodeJS.ProcessEnv): Running {
  const t = testIo(env);
  let stop!: () => void;
  const shutdown = new Promise<void>((resolve) => (stop = resolve));
  let exitCode: number | undefined;
  const exit = main(['serve'], { ...t.io, shutdown });
  void exit.then((code) => (exitCode = code));
  const untilStderr = async (text: string): Promise<void> => {
    await until(() => t.stderr().includes(text) || exitCode !== undefined, `serve to print "${text}"`, 10_000);
    if (!t.stderr().includes(text)) throw new Error(`serve exited ${exitCode} before printing "${text}": ${t.stderr()}`);
  };
  running = { t, stop, exit, untilStderr };
  return running;
}

/** The environment that turns on Slack over HTTP on `port` and Discord, both against the fakes. */
function bothPlatforms(port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    STORE_URL: 'memory://',
    ALLOW_PRIVATE_URLS: 'true',
    SLACK_BOT_TOKEN: 'xoxb-serve',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    DISCORD_TOKEN: 'discord-serve-token',
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    ...extra,
  };
}

/** Sends a signed slash command to the Slack port of a running `serve`. */
function slackCommand(port: number, command: string, text: string, id: string) {
  const form = slashCommandForm({ command, text, channel: CHANNEL, user: USER, responseUrl: slack.responseUrl(id) });
  return sendSigned(`http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`, SECRET, form, 'application/x-www-form-urlencoded');
}

const headerOf = (body: Record<string, unknown>): string | undefined => {
  const [first] = (body.blocks ?? []) as Array<{ type: string; text?: { text: string } }>;
  return first?.type === 'header' ? first.text?.text : undefined;
};

const isStoryMessage = (call: SlackCall) => (call.method === 'chat.postMessage' || call.method === 'chat.update') && headerOf(call.body) !== undefined;

function embedsOf(request: RecordedRequest): APIEmbed[] {
  return (request.body as { embeds?: APIEmbed[] }).embeds ?? [];
}

/** The verbatim quotes shown in Discord embeds: block-quoted “…” with markdown escapes removed. */
function shownQuotes(embeds: APIEmbed[]): string[] {
  const values = embeds.flatMap((e) => e.fields ?? []).map((f) => f.value);
  return values.flatMap((v) => [...v.matchAll(/^> \[?“(.+?)”/gmu)].map((m) => m[1]!.replace(/\\(.)/gu, '$1')));
}

/** Two loopback feeds; while `holdSlackFeed` is set, requests to `/slack.xml` after the first wait for `release()`. */
async function startFeeds() {
  const held: ServerResponse[] = [];
  let slackFeedRequests = 0;
  const answer = (res: ServerResponse, topic: string) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(rss(`${topic} feed`, generateItems(topic, 5), site.base));
  };
  const site = await startLoopbackServer({
    '/slack.xml': (_req, res) => {
      slackFeedRequests += 1;
      if (feeds.holdSlackFeed && slackFeedRequests > 1) held.push(res);
      else answer(res, SLACK_TOPIC);
    },
    '/discord.xml': (_req, res) => answer(res, DISCORD_TOPIC),
  });
  feedSite = site;
  const feeds = {
    holdSlackFeed: false,
    held,
    url: (path: string) => `${site.base}${path}`,
    release: () => {
      feeds.holdSlackFeed = false;
      for (const res of held.splice(0)) answer(res, SLACK_TOPIC);
    },
  };
  return feeds;
}

describe('newsroom serve with Slack (HTTP) and Discord', () => {
  it('answers on both platforms, then stops both on shutdown', async () => {
    const port = await freePort();
    const serve = startServe(bothPlatforms(port));
    const article = harbourText();
    await serve.untilStderr('INFO: discord connected');
    expect(serve.t.stderr()).toContain('INFO: slack connected');
    // memory:// is for one process: said once at start-up.
    expect(serve.t.stderrLines().filter((line) => line.includes('serves one process only'))).toHaveLength(1);
    expect(serve.t.stderr()).toContain('use Redis or PostgreSQL');
    expect(slack.callsOf('auth.test').length).toBeGreaterThan(0);
    expect((discord.opcodes(2)[0] as { token: string }).token).toBe('discord-serve-token');

    // Slack: a signed slash command with the article pasted, to the port serve listens on.
    const ack = await slackCommand(port, '/summarize', article, 'serve');
    expect(ack.status).toBe(200);
    // Posted, or (had it taken over a second) the "working on it" message updated into it.
    const post = await slack.waitForAny(isStoryMessage);
    expect(post.body.channel).toBe(CHANNEL);
    expect(headerOf(post.body)).toBe(HEADLINE);
    const slackQuotes = renderedQuotes(post.body.blocks);
    expect(slackQuotes.length).toBeGreaterThan(0);
    for (const quote of slackQuotes) expect(article).toContain(quote);
    expect(slack.callsOf('response_url')).toEqual([]);

    // Discord: /summarize text: through the gateway; deferred, then edited into embeds.
    const token = discord.slashCommand('summarize', { text: article });
    const edit = await discord.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(`/${token}/`) && r.path.endsWith('/messages/@original'));
    const callback = discord.requests.find((r) => r.method === 'POST' && r.path.includes(`/${token}/`) && r.path.endsWith('/callback'));
    expect(callback?.body).toMatchObject({ type: 5 });
    expect(discord.requests.indexOf(callback!)).toBeLessThan(discord.requests.indexOf(edit));
    const embeds = embedsOf(edit);
    expect(embeds[0]?.title).toBe(HEADLINE);
    const discordQuotes = shownQuotes(embeds);
    expect(discordQuotes.length).toBeGreaterThan(0);
    for (const quote of discordQuotes) expect(article).toContain(quote);
    expect(discord.clientConnected).toBe(true);

    serve.stop();
    expect(await serve.exit).toBe(0);
    expect(serve.t.stderr()).toContain('INFO: stopping');
    expect(await accepts(port)).toBe(false);
    await discord.waitUntil(() => !discord.clientConnected, 5_000, 'the gateway socket to close');
  });

  it('polls feeds while serving: each subscription posts on its own platform, even one made during a round', async () => {
    const feeds = await startFeeds();
    const port = await freePort();
    const serve = startServe(bothPlatforms(port, { FEED_POLL_INTERVAL: '1h', FEED_INITIAL_ITEMS: '2', FEED_POST_PACING: 'slack=0,discord=0' }));
    await serve.untilStderr('INFO: discord connected');

    // Slack subscribes to a feed; /subscribe reads it, then the poller's fetch hangs until released.
    feeds.holdSlackFeed = true;
    expect((await slackCommand(port, '/subscribe', feeds.url('/slack.xml'), 'sub')).status).toBe(200);
    await slack.waitForCall('chat.postMessage', (b) => String(b.text).includes('Subscribed this channel to'));
    await until(() => feeds.held.length === 1, "the poller's fetch of the Slack feed");
    // Discord subscribes to another feed while that round is still running.
    const token = discord.slashCommand('subscribe', { url: feeds.url('/discord.xml') });
    const confirmed = await discord.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(`/${token}/`));
    expect(JSON.stringify(confirmed.body)).toContain('Subscribed this channel to');
    feeds.release();

    const slackPosts = await slack.waitForCalls('chat.postMessage', (b) => b.channel === CHANNEL && headerOf(b) !== undefined, 2, 5_000);
    expect(slackPosts.map((c) => headerOf(c.body))).toEqual([`${SLACK_TOPIC} story 4`, `${SLACK_TOPIC} story 5`]);
    const discordPosts = () =>
      discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${discord.channelId}/messages`).map((r) => embedsOf(r)[0]?.title);
    await discord.waitUntil(() => discordPosts().length >= 2, 5_000, 'two feed posts in Discord');
    expect(discordPosts()).toEqual([`${DISCORD_TOPIC} story 4`, `${DISCORD_TOPIC} story 5`]);
    // Each feed went only to the platform that subscribed to it, and no article page was fetched.
    expect(slack.calls.some((c) => JSON.stringify(c.body).includes(DISCORD_TOPIC))).toBe(false);
    expect(feedSite!.requests.every((path) => path.endsWith('.xml'))).toBe(true);

    serve.stop();
    expect(await serve.exit).toBe(0);
  });

  it('in Slack HTTP mode serves /healthz, /readyz and /metrics on PORT beside /slack/events', async () => {
    const port = await freePort();
    const serve = startServe(bothPlatforms(port, { LOG_FORMAT: 'json' }));
    await serve.untilStderr('"msg":"discord connected"');
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, store: 'ok', platforms: { slack: true, discord: true } });

    expect((await slackCommand(port, '/help', '', 'help')).status).toBe(200);
    await slack.waitForCall('response_url');
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('newsroom_commands_total{platform="slack",command="help",outcome="ok"} 1');
    // Slack's own endpoint is still Bolt's: an unsigned request is refused.
    expect((await fetch(`${base}${SLACK_EVENTS_PATH}`, { method: 'POST', body: 'x' })).status).toBe(401);

    serve.stop();
    expect(await serve.exit).toBe(0);
    for (const line of serve.t.stderrLines()) expect(Object.keys(JSON.parse(line) as object)).toEqual(expect.arrayContaining(['level', 'time', 'msg']));
    expect(serve.t.stderr()).not.toContain('discord-serve-token');
    expect(serve.t.stderr()).not.toContain(SECRET);
  });

  it('with a Slack token but neither a signing secret nor an app token, exits 2 naming both, connecting nowhere', async () => {
    const t = testIo({ STORE_URL: 'memory://', SLACK_BOT_TOKEN: 'xoxb-serve', SLACK_API_URL: slack.apiUrl });
    expect(await main(['serve'], { ...t.io, shutdown: new Promise(() => {}) })).toBe(2);
    expect(t.stderrLines()).toHaveLength(1);
    expect(t.stderr()).toMatch(/SLACK_SIGNING_SECRET/u);
    expect(t.stderr()).toMatch(/SLACK_APP_TOKEN/u);
    expect(slack.calls).toEqual([]);
  });

  it('with a Discord token but no application id, exits 2 naming DISCORD_APPLICATION_ID, connecting nowhere', async () => {
    const t = testIo({ STORE_URL: 'memory://', DISCORD_TOKEN: 'discord-serve-token', DISCORD_API_URL: discord.apiUrl });
    expect(await main(['serve'], { ...t.io, shutdown: new Promise(() => {}) })).toBe(2);
    expect(t.stderrLines()).toHaveLength(1);
    expect(t.stderr()).toContain('DISCORD_APPLICATION_ID');
    expect(discord.requests).toEqual([]);
    expect(discord.received).toEqual([]);
  });
});
