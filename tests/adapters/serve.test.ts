import { once } from 'node:events';
import { createServer } from 'node:http';
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
import { testIo } from '../helpers/stream-io.js';
import type { TestIo } from '../helpers/stream-io.js';

const SECRET = 'serve-signing-secret';
const CHANNEL = 'C0DESK';
const USER = 'U0EDITOR';
const HEADLINE = 'Harbour council backs flood wall but delays ferry decision';

let slack: FakeSlack;
let discord: FakeDiscord;

beforeEach(async () => {
  slack = await FakeSlack.start();
  discord = await FakeDiscord.start();
});

afterEach(async () => {
  await slack.close();
  await discord.close();
});

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
  /** Resolves once stderr contains `text`; fails if `serve` exits first or after `timeoutMs`. */
  untilStderr(text: string, timeoutMs?: number): Promise<void>;
}

function startServe(env: NodeJS.ProcessEnv): Running {
  const t = testIo(env);
  let stop!: () => void;
  const shutdown = new Promise<void>((resolve) => (stop = resolve));
  let exitCode: number | undefined;
  const exit = main(['serve'], { ...t.io, shutdown });
  void exit.then((code) => (exitCode = code));
  const untilStderr = async (text: string, timeoutMs = 10_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!t.stderr().includes(text)) {
      if (exitCode !== undefined) throw new Error(`serve exited ${exitCode} before printing "${text}": ${t.stderr()}`);
      if (Date.now() > deadline) throw new Error(`serve did not print "${text}" within ${timeoutMs} ms: ${t.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { t, stop, exit, untilStderr };
}

const isStoryMessage = (call: SlackCall) =>
  (call.method === 'chat.postMessage' || call.method === 'chat.update') && (call.body.blocks as Array<{ type: string }> | undefined)?.[0]?.type === 'header';

function embedsOf(request: RecordedRequest): APIEmbed[] {
  return (request.body as { embeds?: APIEmbed[] }).embeds ?? [];
}

/** The verbatim quotes shown in Discord embeds: block-quoted “…” with markdown escapes removed. */
function shownQuotes(embeds: APIEmbed[]): string[] {
  const values = embeds.flatMap((e) => e.fields ?? []).map((f) => f.value);
  return values.flatMap((v) => [...v.matchAll(/^> \[?“(.+?)”/gmu)].map((m) => m[1]!.replace(/\\(.)/gu, '$1')));
}

describe('newsroom serve with Slack (HTTP) and Discord', () => {
  it('answers on both platforms, then stops both on shutdown', async () => {
    const port = await freePort();
    const serve = startServe({
      STORE_URL: 'memory://',
      ALLOW_PRIVATE_URLS: 'true',
      SLACK_BOT_TOKEN: 'xoxb-serve',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DISCORD_TOKEN: 'discord-serve-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
    });
    const article = harbourText();
    try {
      await serve.untilStderr('newsroom: discord connected');
      expect(serve.t.stderr()).toContain('newsroom: slack connected');
      expect(slack.callsOf('auth.test').length).toBeGreaterThan(0);
      expect((discord.opcodes(2)[0] as { token: string }).token).toBe('discord-serve-token');

      // Slack: a signed slash command with the article pasted, to the port serve listens on.
      const form = slashCommandForm({ command: '/summarize', text: article, channel: CHANNEL, user: USER, responseUrl: slack.responseUrl('serve') });
      const ack = await sendSigned(`http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`, SECRET, form, 'application/x-www-form-urlencoded');
      expect(ack.status).toBe(200);
      // Posted, or (had it taken over a second) the "working on it" message updated into it.
      const post = await slack.waitForAny(isStoryMessage);
      expect(post.body.channel).toBe(CHANNEL);
      expect(post.body.blocks).toContainEqual({ type: 'header', text: { type: 'plain_text', text: HEADLINE, emoji: false } });
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
    } finally {
      serve.stop();
    }

    expect(await serve.exit).toBe(0);
    expect(serve.t.stderr()).toContain('newsroom: stopping');
    expect(await accepts(port)).toBe(false);
    await discord.waitUntil(() => !discord.clientConnected, 5_000, 'the gateway socket to close');
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
