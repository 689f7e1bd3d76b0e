import { LogLevel } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../adapters/registry.js';
import { SLACK_EVENTS_PATH, SlackAdapter } from '../../../adapters/slack/slack-adapter.js';
import { Bot } from '../../../src/bot/bot.js';
import { summaryReply } from '../../../src/bot/replies.js';
import { loadConfig } from '../../../src/config.js';
import { ConfigError, PostError } from '../../../src/errors.js';
import { Newsroom } from '../../../src/newsroom.js';
import type { ServiceRoute } from '../../../src/service/health.js';
import { createLogger } from '../../../src/service/log.js';
import type { Log } from '../../../src/service/log.js';
import { createStore } from '../../../src/store/create-store.js';
import type { Store } from '../../../src/store/store.js';
import { PIER_PAGE } from '../../helpers/articles.js';
import { UK_STORIES } from '../../helpers/ledger-stories.js';
import { eventCallback, FAKE_BOT, FakeSlack, renderedLinks, renderedQuotes, sendSigned, slashCommandForm } from '../../helpers/fake-slack.js';
import type { SlackCall } from '../../helpers/fake-slack.js';
import { serve, startLoopbackServer } from '../../helpers/loopback-server.js';
import type { LoopbackServer } from '../../helpers/loopback-server.js';
import { SlowEngine } from '../../helpers/slow-engine.js';

const SECRET = 'test-signing-secret';
const CHANNEL = 'C0NEWS';
const USER = 'U0REPORTER';
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

let fake: FakeSlack;
let site: LoopbackServer;
let store: Store;
let newsroom: Newsroom;
let bot: Bot;
let engine: SlowEngine;
let adapter: SlackAdapter | undefined;
let events: string;

interface Setup {
  delayMs?: number;
  workingAfterMs?: number;
  socketMode?: boolean;
  routes?: ServiceRoute[];
  log?: Log;
}

async function startAdapter(setup: Setup = {}): Promise<SlackAdapter> {
  engine = new SlowEngine(setup.delayMs ?? 0);
  newsroom = new Newsroom({ store, engine, input: { fetch: { allowPrivate: true } } });
  bot = new Bot(newsroom, store);
  adapter = new SlackAdapter({
    botToken: 'xoxb-test',
    ...(setup.socketMode ? { appToken: 'xapp-test' } : { signingSecret: SECRET }),
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    logLevel: LogLevel.ERROR,
    ...(setup.routes ? { routes: setup.routes } : {}),
    ...(setup.log ? { log: setup.log } : {}),
    workingAfterMs: setup.workingAfterMs ?? 60_000,
    stopGraceMs: 2_000,
  });
  await adapter.start(bot);
  events = `http://127.0.0.1:${adapter.port}${SLACK_EVENTS_PATH}`;
  return adapter;
}

beforeEach(async () => {
  fake = await FakeSlack.start();
  site = await startLoopbackServer({
    '/pier': serve('text/html; charset=utf-8', PIER_PAGE),
    '/data.json': serve('application/json', '{"not":"an article"}'),
  });
  store = await createStore('memory://');
});

afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await fake.close();
  await site.close();
  await store.close();
});

function slash(command: string, text: string, id = 'cmd1'): Promise<Awaited<ReturnType<typeof sendSigned>>> {
  const body = slashCommandForm({ command, text, channel: CHANNEL, user: USER, responseUrl: fake.responseUrl(id) });
  return sendSigned(events, SECRET, body, FORM);
}

const isStoryPost = (body: Record<string, unknown>) => Array.isArray(body.blocks) && (body.blocks as Array<{ type: string }>)[0]?.type === 'header';

/** Posts /summarize for the pier page and returns the story post and the story's text. */
async function postPierSummary(): Promise<{ post: SlackCall; text: string; url: string }> {
  const url = `${site.base}/pier`;
  const ack = await slash('/summarize', url);
  expect(ack.status).toBe(200);
  const post = await fake.waitForCall('chat.postMessage', isStoryPost);
  const story = await newsroom.ingest(`team:${FAKE_BOT.teamId}`, url);
  return { post, text: story.text, url };
}

describe('SlackAdapter over HTTP', () => {
  it('refuses a request with a bad signature and runs nothing', async () => {
    await startAdapter();
    const body = slashCommandForm({ command: '/summarize', text: `${site.base}/pier`, channel: CHANNEL, user: USER, responseUrl: fake.responseUrl('x') });
    const res = await sendSigned(events, SECRET, body, FORM, { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    expect(site.requests).toEqual([]);
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
  });

  it('refuses a correctly signed request whose timestamp is more than five minutes old', async () => {
    await startAdapter();
    const body = slashCommandForm({ command: '/summarize', text: `${site.base}/pier`, channel: CHANNEL, user: USER, responseUrl: fake.responseUrl('x') });
    const res = await sendSigned(events, SECRET, body, FORM, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    expect(site.requests).toEqual([]);
  });

  for (const minutes of [10, -10]) {
    it(`refuses a correctly signed command whose timestamp is ${Math.abs(minutes)} minutes ${minutes > 0 ? 'in the future' : 'old'}`, async () => {
      await startAdapter();
      const body = slashCommandForm({ command: '/summarize', text: `${site.base}/pier`, channel: CHANNEL, user: USER, responseUrl: fake.responseUrl('x') });
      const res = await sendSigned(events, SECRET, body, FORM, { timestamp: Math.floor(Date.now() / 1000) + minutes * 60 });
      expect(res.status).toBe(401);
      expect(site.requests).toEqual([]);
      expect(fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    });
  }

  it("answers Slack's unsigned ssl_check, and runs no command smuggled into one", async () => {
    await startAdapter();
    const smuggled = `ssl_check=1&${slashCommandForm({ command: '/summarize', text: `${site.base}/pier`, channel: CHANNEL, user: USER, responseUrl: fake.responseUrl('x') })}`;
    const res = await fetch(events, { method: 'POST', headers: { 'content-type': FORM }, body: smuggled });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    // A command after it is handled, so anything the ping had started would have run by now.
    expect((await slash('/help', '', 'after')).status).toBe(200);
    await fake.waitForCall('response_url');
    expect(site.requests).toEqual([]);
    expect(fake.calls.map((c) => c.method)).toEqual(['auth.test', 'response_url']);
  });

  it("answers Slack's signed url_verification with its challenge", async () => {
    await startAdapter();
    const res = await sendSigned(events, SECRET, JSON.stringify({ type: 'url_verification', token: 'legacy', challenge: 'c-123' }), JSON_TYPE);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: 'c-123' });
  });

  it('accepts a signed command four minutes ahead of this clock (skew within the limit)', async () => {
    await startAdapter();
    const res = await sendSigned(events, SECRET, slashCommandForm({ command: '/help', text: '', channel: CHANNEL, user: USER, responseUrl: fake.responseUrl('h') }), FORM, {
      timestamp: Math.floor(Date.now() / 1000) + 4 * 60,
    });
    expect(res.status).toBe(200);
    await fake.waitForCall('response_url');
  });

  it('answers 413 to a body over a megabyte without handing it to Bolt, and keeps serving', async () => {
    await startAdapter();
    const big = JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(2 * 1024 * 1024) });
    const res = await sendSigned(events, SECRET, big, JSON_TYPE).catch((error: unknown) => ({ status: `failed: ${String(error)}` }));
    expect(res.status).toBe(413);
    expect((await slash('/help', '', 'after-big')).status).toBe(200);
  });

  it('answers the service routes on its own port for GET and HEAD, unsigned; other methods never reach them', async () => {
    const seen: string[] = [];
    const route: ServiceRoute = {
      path: '/healthz',
      handle: (req, res) => {
        seen.push(req.method ?? '');
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(req.method === 'HEAD' ? undefined : 'ok\n');
      },
    };
    const started = new SlackAdapter({ botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0, host: '127.0.0.1', logLevel: LogLevel.ERROR });
    expect(started.connected()).toBe(false);
    await startAdapter({ routes: [route] });
    expect(adapter!.connected()).toBe(true);
    const base = `http://127.0.0.1:${adapter!.port}`;
    const get = await fetch(`${base}/healthz`);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('ok\n');
    expect((await fetch(`${base}/healthz?probe=1`, { method: 'HEAD' })).status).toBe(200);
    // A POST is not a probe: Bolt's receiver gets it and serves nothing there.
    expect((await fetch(`${base}/healthz`, { method: 'POST', body: 'x' })).status).toBe(404);
    expect(seen).toEqual(['GET', 'HEAD']);
    // Slack's endpoint still checks signatures.
    expect((await fetch(events, { method: 'POST', body: 'x' })).status).toBe(401);
    await adapter!.stop();
    expect(adapter!.connected()).toBe(false);
    adapter = undefined;
  });

  it("writes Bolt's and its own lines to the bot's logger, tagged platform slack", async () => {
    const lines: string[] = [];
    const log = createLogger({ LOG_FORMAT: 'json', LOG_LEVEL: 'info' }, { write: (line) => lines.push(line) });
    await startAdapter({ log });
    expect((await sendSigned(events, SECRET, 'null', JSON_TYPE)).status).toBe(400);
    const parsed = lines.map((line) => JSON.parse(line) as { level: string; msg: string; platform?: string });
    expect(parsed).toContainEqual(expect.objectContaining({ level: 'warn', platform: 'slack', msg: 'slack: refused a request (400): the body is not a JSON object' }));
  });

  it('answers 400 to a correctly signed body that is not a JSON object, and keeps serving', async () => {
    await startAdapter();
    for (const body of ['null', '[]', '"x"', '1', '{"type":', '']) {
      const res = await sendSigned(events, SECRET, body, JSON_TYPE);
      expect(res.status, body).toBe(400);
    }
    // A form whose interactive `payload` field is not an object, too.
    expect((await sendSigned(events, SECRET, `payload=${encodeURIComponent('null')}`, FORM)).status).toBe(400);
    const next = await slash('/help', '', 'after');
    expect(next.status).toBe(200);
    await fake.waitForCall('response_url');
  });

  it('acknowledges a command before a slow engine finishes, shows "working on it", then replaces it with the result', async () => {
    await startAdapter({ delayMs: 1_500, workingAfterMs: 100 });
    const ack = await slash('/summarize', `${site.base}/pier`);
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3_000);
    // Acknowledged while the engine was still working: nothing has been rendered yet.
    expect(fake.callsOf('chat.update')).toEqual([]);
    const working = await fake.waitForCall('chat.postMessage');
    expect(String(working.body.text)).toMatch(/^Working on it: \/summarize http/u);
    const update = await fake.waitForCall('chat.update');
    // The reply is not held back by the story's commitments: they are computed for the ledger
    // after it (a second engine task, since this engine has no fallback), and recorded later.
    let recorded = false;
    const recording = newsroom.recorded().then(() => (recorded = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(recorded).toBe(false);
    await recording;
    expect(engine.calls).toBe(2);
    expect(update.body.channel).toBe(CHANNEL);
    expect(update.body.ts).toBeDefined();
    expect(isStoryPost(update.body)).toBe(true);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    // The updated message is the story's thread.
    const story = await newsroom.ingest(`team:${FAKE_BOT.teamId}`, `${site.base}/pier`);
    expect(await bot.channelStories({ platform: 'slack', channel: CHANNEL, thread: null, workspace: `team:${FAKE_BOT.teamId}` })).toEqual([story.id]);
  });

  it('posts a summary whose every quoted string is in the story, linking each quote to its passage', async () => {
    await startAdapter();
    const { post, text, url } = await postPierSummary();
    expect(post.body.channel).toBe(CHANNEL);
    const blocks = post.body.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }>;
    const story = await newsroom.ingest(`team:${FAKE_BOT.teamId}`, url);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: story.meta.title, emoji: false } });
    const quotes = renderedQuotes(blocks);
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(text).toContain(quote);
    const links = renderedLinks(blocks);
    expect(links).toHaveLength(quotes.length);
    for (const link of links) expect(link.startsWith(`${url}#:~:text=`)).toBe(true);
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'engine: slow' }] });
  });

  it('summarises pasted text given to /summarize, quoting it', async () => {
    await startAdapter();
    const pasted = 'The mayor of Riverton said on Tuesday that the city will reopen the Elm Street library in March.';
    expect((await slash('/summarize', pasted, 'cmd-pasted')).status).toBe(200);
    const post = await fake.waitForCall('chat.postMessage', isStoryPost);
    expect(renderedQuotes(post.body.blocks as Parameters<typeof renderedQuotes>[0])).toEqual([pasted]);
  });

  it('answers a reply in the story thread in that thread, quoting the story', async () => {
    await startAdapter();
    const { post, text } = await postPierSummary();
    const ts = storyTs(post);
    const question = { type: 'message', channel: CHANNEL, user: USER, text: 'Will mooring fees go up?', ts: '1700000100.000200', thread_ts: ts, event_ts: '1700000100.000200', channel_type: 'channel' };
    const res = await sendSigned(events, SECRET, eventCallback('Ev0001', question), JSON_TYPE);
    expect(res.status).toBe(200);
    const answer = await fake.waitForCall('chat.postMessage', (b) => b.thread_ts === ts);
    expect(answer.body.channel).toBe(CHANNEL);
    const quotes = renderedQuotes(answer.body.blocks);
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(text).toContain(quote);
    expect(quotes.join(' ')).toContain('mooring fees');
  });

  it('answers a retried event once', async () => {
    await startAdapter();
    const { post } = await postPierSummary();
    const ts = storyTs(post);
    const question = (id: string, text: string) =>
      eventCallback(id, { type: 'message', channel: CHANNEL, user: USER, text, ts: `17000002${id.slice(-2)}.000100`, thread_ts: ts, channel_type: 'channel' });
    const first = question('Ev0101', 'Will mooring fees go up?');
    expect((await sendSigned(events, SECRET, first, JSON_TYPE)).status).toBe(200);
    await fake.waitForCall('chat.postMessage', (b) => b.thread_ts === ts);
    expect((await sendSigned(events, SECRET, first, JSON_TYPE, { retryNum: 1 })).status).toBe(200);
    expect((await sendSigned(events, SECRET, first, JSON_TYPE, { retryNum: 2 })).status).toBe(200);
    // A later, different event is answered: by then the retries have been dealt with.
    await sendSigned(events, SECRET, question('Ev0102', 'How much did the repairs cost?'), JSON_TYPE);
    await fake.waitForCall('chat.postMessage', (b) => b.thread_ts === ts && b.text === 'Q: How much did the repairs cost?');
    const answers = fake.callsOf('chat.postMessage', (b) => b.thread_ts === ts);
    expect(answers.map((a) => a.body.text).sort()).toEqual(['Q: How much did the repairs cost?', 'Q: Will mooring fees go up?']);
  });

  it("ignores its own messages and other bots' in a story thread", async () => {
    await startAdapter();
    const { post } = await postPierSummary();
    const ts = storyTs(post);
    const base = { type: 'message', channel: CHANNEL, thread_ts: ts, channel_type: 'channel' };
    await sendSigned(events, SECRET, eventCallback('Ev0201', { ...base, user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, text: 'Will mooring fees go up?', ts: '1700000300.000100' }), JSON_TYPE);
    await sendSigned(events, SECRET, eventCallback('Ev0202', { ...base, subtype: 'bot_message', bot_id: 'BOTHER', text: 'Will mooring fees go up?', ts: '1700000300.000200' }), JSON_TYPE);
    // Another app posting with its bot token: a user id and a bot_id, no subtype.
    await sendSigned(events, SECRET, eventCallback('Ev0204', { ...base, user: 'U0OTHERBOT', bot_id: 'B0OTHER', text: 'Will mooring fees go up?', ts: '1700000300.000250' }), JSON_TYPE);
    await sendSigned(events, SECRET, eventCallback('Ev0203', { ...base, user: USER, text: 'How much did the repairs cost?', ts: '1700000300.000300' }), JSON_TYPE);
    await fake.waitForCall('chat.postMessage', (b) => b.thread_ts === ts && b.text === 'Q: How much did the repairs cost?');
    const answers = fake.callsOf('chat.postMessage', (b) => b.thread_ts === ts);
    expect(answers.map((a) => a.body.text)).toEqual(['Q: How much did the repairs cost?']);
  });

  it("records a story's commitments in the ledger of the Slack team it was posted in, and no other", async () => {
    await startAdapter();
    const ack = await slash('/commitments', UK_STORIES[0].text, 'cmd-ledger');
    expect(ack.status).toBe(200);
    await fake.waitForCall('chat.postMessage', isStoryPost);
    await newsroom.recorded();
    expect(await newsroom.ledger.active(`team:${FAKE_BOT.teamId}`, 5)).toEqual([{ actor: 'United Kingdom', entries: 1 }]);
    expect(await newsroom.ledger.active('team:T-elsewhere', 5)).toEqual([]);
    expect(await newsroom.ledger.active('slack', 5)).toEqual([]);
  });

  it('tells only the person who asked, in plain words, when a URL is not an article', async () => {
    await startAdapter();
    const ack = await slash('/summarize', `${site.base}/data.json`, 'cmd-json');
    expect(ack.status).toBe(200);
    const reply = await fake.waitForCall('response_url');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(String(reply.body.text)).toMatch(/^refused .*data\.json/u);
    expect(String(reply.body.text)).not.toMatch(/\n\s+at /u);
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
  });

  it('tells the person who asked to invite the bot when it is not in the channel', async () => {
    await startAdapter();
    fake.overrides.set('chat.postMessage', () => ({ json: { ok: false, error: 'not_in_channel' } }));
    await slash('/summarize', `${site.base}/pier`, 'cmd-out');
    const reply = await fake.waitForCall('response_url');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(String(reply.body.text)).toMatch(/not_in_channel.*invite the bot/u);
  });

  it('answers /help privately', async () => {
    await startAdapter();
    await slash('/help', '');
    const reply = await fake.waitForCall('response_url');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.body.blocks)).toContain('/summarize &lt;url or pasted text&gt;');
  });

  it('summarises the link in an @mention, at the top of the channel', async () => {
    await startAdapter();
    const url = `${site.base}/pier`;
    const mention = { type: 'app_mention', channel: CHANNEL, user: USER, text: `<@${FAKE_BOT.userId}> have a look <${url}|${url.slice(7)}>`, ts: '1700000400.000100', event_ts: '1700000400.000100' };
    await sendSigned(events, SECRET, eventCallback('Ev0301', mention), JSON_TYPE);
    const post = await fake.waitForCall('chat.postMessage', isStoryPost);
    expect(post.body.thread_ts).toBeUndefined();
    expect(site.requests).toEqual(['/pier']);
  });

  it('answers an @mention without a link inside a story thread in that thread, from that story, once', async () => {
    await startAdapter();
    const { post, text } = await postPierSummary();
    const ts = storyTs(post);
    const typed = `<@${FAKE_BOT.userId}> how much did the repairs cost?`;
    const at = { channel: CHANNEL, user: USER, text: typed, ts: '1700000500.000100', thread_ts: ts };
    // Slack delivers a mention in a thread twice: as a message and as an app_mention.
    await sendSigned(events, SECRET, eventCallback('Ev0401', { type: 'message', ...at, channel_type: 'channel' }), JSON_TYPE);
    const res = await sendSigned(events, SECRET, eventCallback('Ev0402', { type: 'app_mention', ...at, event_ts: at.ts }), JSON_TYPE);
    expect(res.status).toBe(200);
    const answer = await fake.waitForCall('chat.postMessage', (b) => b.thread_ts === ts);
    expect(answer.body.channel).toBe(CHANNEL);
    expect(answer.body.text).toBe('Q: how much did the repairs cost?');
    const quotes = renderedQuotes(answer.body.blocks);
    expect(quotes.join(' ')).toContain('1.2 million pounds');
    for (const quote of quotes) expect(text).toContain(quote);
    // A later question is answered too, so the mention's other delivery has been dealt with by then.
    await sendSigned(events, SECRET, eventCallback('Ev0403', { type: 'message', channel: CHANNEL, user: USER, text: 'When did the pier reopen?', ts: '1700000500.000200', thread_ts: ts, channel_type: 'channel' }), JSON_TYPE);
    await fake.waitForCall('chat.postMessage', (b) => b.thread_ts === ts && b.text === 'Q: When did the pier reopen?');
    expect(fake.callsOf('chat.postMessage', (b) => b.thread_ts === ts).map((c) => c.body.text)).toEqual(['Q: how much did the repairs cost?', 'Q: When did the pier reopen?']);
    expect(site.requests).toEqual(['/pier']);
  });
});

/** The ts the fake gave a post: the id of the post's thread. */
function storyTs(post: SlackCall): string {
  return String(post.response.ts);
}

describe('SlackAdapter.post', () => {
  it('posts a story at the top of the channel and links its thread for follow-up questions', async () => {
    await startAdapter();
    const story = await newsroom.ingest(`team:${FAKE_BOT.teamId}`, `${site.base}/pier`);
    const posted = await adapter!.post('C0FEED', summaryReply(story, await newsroom.summarise(story)), { workspace: `team:${FAKE_BOT.teamId}` });
    const call = await fake.waitForCall('chat.postMessage');
    expect(call.body.channel).toBe('C0FEED');
    expect(posted).toEqual({ channel: 'C0FEED', thread: storyTs(call) });
    expect(await bot.channelStories({ platform: 'slack', channel: 'C0FEED', thread: null, workspace: `team:${FAKE_BOT.teamId}` })).toEqual([story.id]);
  });

  it('throws CHANNEL_GONE when Slack says the bot is not in the channel', async () => {
    await startAdapter();
    fake.overrides.set('chat.postMessage', () => ({ json: { ok: false, error: 'not_in_channel' } }));
    const story = await newsroom.ingest(`team:${FAKE_BOT.teamId}`, `${site.base}/pier`);
    const error = await adapter!.post('C0GONE', summaryReply(story, await newsroom.summarise(story)), { workspace: `team:${FAKE_BOT.teamId}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect((error as PostError).code).toBe('CHANNEL_GONE');
  });

  it('throws RATE_LIMITED with Retry-After on HTTP 429, without waiting', async () => {
    await startAdapter();
    fake.overrides.set('chat.postMessage', () => ({ status: 429, headers: { 'retry-after': '7' }, json: { ok: false, error: 'ratelimited' } }));
    const story = await newsroom.ingest(`team:${FAKE_BOT.teamId}`, `${site.base}/pier`);
    const error = await adapter!.post('C0BUSY', summaryReply(story, await newsroom.summarise(story)), { workspace: `team:${FAKE_BOT.teamId}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect((error as PostError).code).toBe('RATE_LIMITED');
    expect((error as PostError).retryAfterMs).toBe(7_000);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
  });
});

describe('SlackAdapter in Socket Mode', () => {
  it('acks a slash command envelope on the WebSocket and posts the result', async () => {
    await startAdapter({ socketMode: true });
    expect(fake.callsOf('apps.connections.open')).toHaveLength(1);
    const payload = Object.fromEntries(new URLSearchParams(slashCommandForm({ command: '/summarize', text: `${site.base}/pier`, channel: CHANNEL, user: USER, responseUrl: fake.responseUrl('sock') })));
    await fake.sendEnvelope({ envelope_id: 'env-1', type: 'slash_commands', payload, accepts_response_payload: true });
    const ack = await fake.waitForSocketMessage((m) => m.envelope_id === 'env-1');
    expect(ack).toEqual({ envelope_id: 'env-1', payload: {} });
    const post = await fake.waitForCall('chat.postMessage', isStoryPost);
    expect(post.body.channel).toBe(CHANNEL);
    const story = await newsroom.ingest(`team:${FAKE_BOT.teamId}`, `${site.base}/pier`);
    for (const quote of renderedQuotes(post.body.blocks)) expect(story.text).toContain(quote);
  });
});

describe('the slack entry of the adapter registry', () => {
  const slack = ADAPTERS.find((a) => a.name === 'slack')!;

  it('is configured by SLACK_BOT_TOKEN', () => {
    expect(slack.configured(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }))).toBe(true);
    expect(slack.configured(loadConfig({ SLACK_SIGNING_SECRET: 's' }))).toBe(false);
  });

  it('refuses to build without a signing secret or an app token, naming both', async () => {
    const create = async () => slack.create(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }));
    await expect(create()).rejects.toThrow(ConfigError);
    await expect(create()).rejects.toThrow(/SLACK_SIGNING_SECRET.*SLACK_APP_TOKEN/u);
  });

  it('builds an adapter for HTTP or Socket Mode', async () => {
    expect((await slack.create(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).name).toBe('slack');
    expect((await slack.create(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).name).toBe('slack');
  });
});
