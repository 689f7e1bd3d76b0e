import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../../adapters/discord/discord-adapter.js';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app.js';
import { summaryReply } from '../../../src/bot/replies.js';
import { loadConfig } from '../../../src/config.js';
import { PostError } from '../../../src/errors.js';
import { PIER_PAGE } from '../../helpers/articles.js';
import { FakeDiscord } from '../../helpers/fake-discord.js';
import { UK_STORIES } from '../../helpers/ledger-stories.js';
import type { RecordedRequest } from '../../helpers/fake-discord.js';
import { serve, startLoopbackServer } from '../../helpers/loopback-server.js';
import type { LoopbackServer } from '../../helpers/loopback-server.js';

const EPHEMERAL = 1 << 6;

let site: LoopbackServer;
let fake: FakeDiscord;
let app: App;
let adapter: DiscordAdapter;
let storyText: string;
/** The story's title, as its page names it. */
let HEADLINE: string;
const logged: string[] = [];

beforeAll(async () => {
  site = await startLoopbackServer({
    '/pier.html': serve('text/html; charset=utf-8', PIER_PAGE),
    '/logo.png': serve('image/png', 'not an article'),
  });
  fake = await FakeDiscord.start();
  app = await createApp(loadConfig({ STORE_URL: 'memory://', ALLOW_PRIVATE_URLS: 'true' }));
  const story = await app.newsroom.ingest(`guild:${fake.guildId}`, `${site.base}/pier.html`);
  storyText = story.text;
  HEADLINE = story.meta.title!;
  adapter = new DiscordAdapter({ token: 'test-token', apiUrl: fake.apiUrl, log: (line) => logged.push(line) });
  await adapter.start(app.bot);
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await site?.close();
  await app?.close();
});

/** The request sent with the interaction `token`, by method and path ending. */
function forToken(token: string, method: string, ending: string) {
  return (r: RecordedRequest) => r.method === method && r.path.includes(`/${token}`) && r.path.endsWith(ending);
}

function embedsOf(request: RecordedRequest): APIEmbed[] {
  return ((request.body as { embeds?: APIEmbed[] }).embeds ?? []);
}

/** The verbatim quotes shown in embeds: block-quoted “…” with markdown escapes removed. */
function shownQuotes(embeds: APIEmbed[]): string[] {
  const values = embeds.flatMap((e) => e.fields ?? []).map((f) => f.value);
  return values.flatMap((v) => [...v.matchAll(/^> \[?“(.+?)”/gmu)].map((m) => m[1]!.replace(/\\(.)/gu, '$1')));
}

/**
 * The id of the thread opened on the reply edited by `edit`, once the bot has linked it to its story (the link is
 * written just after Discord answers the thread request; a person types later than that).
 */
async function threadOf(edit: RecordedRequest): Promise<string> {
  const start = await fake.waitForRequest((r) => r.method === 'POST' && r.path.endsWith('/threads') && fake.requests.indexOf(r) > fake.requests.indexOf(edit));
  const threadId = start.path.split('/')[4]!;
  await fake.waitUntil(async () => (await app.bot.channelStories({ platform: 'discord', channel: threadId, thread: threadId, workspace: `guild:${fake.guildId}` })).length > 0);
  return threadId;
}

/** Runs `/summarize url:` and returns the interaction token and the edit of the deferred reply. */
async function summarize(): Promise<{ token: string; edit: RecordedRequest }> {
  const token = fake.slashCommand('summarize', { url: `${site.base}/pier.html` });
  const edit = await fake.waitForRequest(forToken(token, 'PATCH', '/messages/@original'));
  return { token, edit };
}

describe('DiscordAdapter over a fake gateway and REST API', () => {
  it('identifies with the Message Content intent and is ready after GUILD_CREATE', () => {
    const identify = fake.opcodes(2)[0] as { intents: number; token: string };
    expect(identify.token).toBe('test-token');
    expect(identify.intents & (1 << 15)).not.toBe(0);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot' });
  });

  it('/summarize defers, then edits the reply into an embed whose quotes are all in the story', async () => {
    const { token, edit } = await summarize();
    const callback = fake.requests.find(forToken(token, 'POST', '/callback'))!;
    expect(callback.body).toMatchObject({ type: 5 });
    expect(fake.requests.indexOf(callback)).toBeLessThan(fake.requests.indexOf(edit));
    const [embed] = embedsOf(edit);
    expect(embed?.title).toBe(HEADLINE);
    expect(embed?.url).toBe(`${site.base}/pier.html`);
    expect(embed?.footer?.text).toContain('engine: extractive');
    expect(embed?.footer?.text).toContain('127.0.0.1');
    const quotes = shownQuotes(embedsOf(edit));
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(storyText).toContain(quote);
    expect(embed?.fields?.[0]?.value).toContain(`](${site.base}/pier.html#:~:text=`);
  });

  it('/summarize text: summarises pasted text, quoting it', async () => {
    const pasted = 'The mayor of Riverton said on Tuesday that the city will reopen the Elm Street library in March.';
    const token = fake.slashCommand('summarize', { text: pasted });
    const edit = await fake.waitForRequest(forToken(token, 'PATCH', '/messages/@original'));
    expect(shownQuotes(embedsOf(edit))).toEqual([pasted]);
  });

  it("records a story in its guild's ledger and answers /commitments actor: from it, with the quote", async () => {
    // A /summarize records the story's commitments after its reply.
    const posted = fake.slashCommand('summarize', { text: UK_STORIES[0].text });
    await fake.waitForRequest(forToken(posted, 'PATCH', '/messages/@original'));
    await app.newsroom.recorded();
    expect(await app.newsroom.ledger.active(`guild:${fake.guildId}`, 10)).toContainEqual({ actor: 'United Kingdom', entries: 1 });
    expect(await app.newsroom.ledger.active(`team:${fake.guildId}`, 5)).toEqual([]);
    const asked = fake.slashCommand('commitments', { actor: 'the UK' });
    const edit = await fake.waitForRequest(forToken(asked, 'PATCH', '/messages/@original'));
    expect(JSON.stringify(embedsOf(edit))).toContain('Commitments by United Kingdom');
    const shown = shownQuotes(embedsOf(edit));
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain(UK_STORIES[0].quote);
    expect(UK_STORIES[0].text).toContain(shown[0]);
  });

  it('opens a thread named after the headline on the story post, and answers a message there in the thread', async () => {
    const { edit } = await summarize();
    const start = await fake.waitForRequest(
      (r) => r.method === 'POST' && r.path.startsWith(`/channels/${fake.channelId}/messages/`) && r.path.endsWith('/threads') && fake.requests.indexOf(r) > fake.requests.indexOf(edit),
    );
    expect(start.body).toMatchObject({ name: HEADLINE });
    const threadId = await threadOf(edit);
    expect(start.path).toBe(`/channels/${fake.channelId}/messages/${threadId}/threads`);

    const asked = fake.userMessage(threadId, 'Will the council raise mooring fees?');
    const answer = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${threadId}/messages`);
    expect(answer.body).toMatchObject({ message_reference: { message_id: asked } });
    const quotes = shownQuotes(embedsOf(answer));
    expect(quotes.join(' ')).toContain('will not raise mooring fees');
    for (const quote of quotes) expect(storyText).toContain(quote);
  });

  it('/ask inside a story thread answers about that story (no message content needed)', async () => {
    const { edit: story } = await summarize();
    const threadId = await threadOf(story);
    const token = fake.slashCommand('ask', { question: 'How much did the repairs cost?' }, threadId);
    const edit = await fake.waitForRequest(forToken(token, 'PATCH', '/messages/@original'));
    expect(shownQuotes(embedsOf(edit)).join(' ')).toContain('1.2 million pounds');
  });

  it('ignores messages from bots, itself included', async () => {
    const { edit: story } = await summarize();
    const threadId = await threadOf(story);
    const inThread = () => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${threadId}/messages`);
    fake.userMessage(threadId, 'Who paid for the repairs?', { bot: true });
    fake.dispatch('MESSAGE_CREATE', {
      id: fake.id(), channel_id: threadId, guild_id: fake.guildId, content: 'Who paid for the repairs?', timestamp: new Date().toISOString(),
      edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0,
      author: { id: fake.botUserId, username: 'newsroom', discriminator: '0', avatar: null, bot: true },
    });
    const answered = (id: string) => () => inThread().find((r) => (r.body as { message_reference?: { message_id: string } }).message_reference?.message_id === id);
    await fake.waitUntil(answered(fake.userMessage(threadId, 'Who paid for the repairs?')));
    await fake.waitUntil(answered(fake.userMessage(threadId, 'When did the pier reopen?')));
    expect(inThread()).toHaveLength(2);
  });

  it('a URL that is not an article: the deferred reply is deleted and the error sent ephemeral, in plain words', async () => {
    const token = fake.slashCommand('summarize', { url: `${site.base}/logo.png` });
    const followUp = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/${fake.applicationId}/${token}`);
    expect(fake.requests.find(forToken(token, 'DELETE', '/messages/@original'))).toBeDefined();
    expect(fake.requests.find(forToken(token, 'PATCH', '/messages/@original'))).toBeUndefined();
    const body = followUp.body as { content: string; flags: number; embeds?: unknown[] };
    expect(body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.content).toMatch(/image\/png|not.*(html|text|article)/iu);
    expect(body.content).not.toMatch(/\n|\bat .+:\d+/u);
  });

  it('keeps serving after the gateway drops the connection: resumes the session', async () => {
    const resumesBefore = fake.opcodes(6).length;
    fake.drop(4000);
    await fake.waitUntil(() => fake.opcodes(6).length > resumesBefore, 10_000, 'RESUME');
    const token = fake.slashCommand('help', {});
    const edit = await fake.waitForRequest(forToken(token, 'PATCH', '/messages/@original'));
    expect(embedsOf(edit)[0]?.description).toContain('/summarize');
    expect(fake.opcodes(2)).toHaveLength(1);
  });

  it('post() sends the story to a channel, opens its thread and links it for follow-ups', async () => {
    const story = await app.newsroom.ingest(`guild:${fake.guildId}`, `${site.base}/pier.html`);
    const reply = summaryReply(story, await app.newsroom.summarise(story));
    const posted = await adapter.post(fake.channelId, reply, { workspace: `guild:${fake.guildId}` });
    expect(posted.channel).toBe(fake.channelId);
    const sent = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`).at(-1)!;
    expect(embedsOf(sent)[0]?.title).toBe(HEADLINE);
    expect(fake.requests.some((r) => r.path === `/channels/${fake.channelId}/messages/${posted.thread}/threads`)).toBe(true);
    const asked = fake.userMessage(posted.thread, 'How much did the repairs cost?');
    const answer = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${posted.thread}/messages`);
    expect(answer.body).toMatchObject({ message_reference: { message_id: asked } });
  });

  it('post() whose thread cannot be opened still reports the story as posted, so it is not posted twice', async () => {
    const story = await app.newsroom.ingest(`guild:${fake.guildId}`, `${site.base}/pier.html`);
    const reply = summaryReply(story, await app.newsroom.summarise(story));
    fake.threadFailures.set(fake.channelId, { status: 403, code: 50013, message: 'Missing Permissions' });
    try {
      const posted = await adapter.post(fake.channelId, reply, { workspace: `guild:${fake.guildId}` });
      const sent = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`);
      expect(posted).toEqual({ channel: fake.channelId, thread: expect.any(String) });
      expect(embedsOf(sent.at(-1)!)[0]?.title).toBe(HEADLINE);
      expect(logged.some((line) => line.includes('without its thread'))).toBe(true);
    } finally {
      fake.threadFailures.clear();
      logged.length = 0;
    }
  });

  it('post() with an idempotency key sends it as an enforced nonce: a repeat returns the first message', async () => {
    const reply = { blocks: [{ type: 'heading' as const, text: 'Once only' }] };
    const first = await adapter.post(fake.channelId, reply, { workspace: `guild:${fake.guildId}`, idempotencyKey: 'feed-claim-key-1' });
    const again = await adapter.post(fake.channelId, reply, { workspace: `guild:${fake.guildId}`, idempotencyKey: 'feed-claim-key-1' });
    const sent = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`).slice(-2);
    expect(sent.map((r) => r.body)).toMatchObject([
      { nonce: 'feed-claim-key-1', enforce_nonce: true },
      { nonce: 'feed-claim-key-1', enforce_nonce: true },
    ]);
    expect(again.thread).toBe(first.thread);
  });

  it('leaves an interaction another replica already claimed unanswered', async () => {
    const before = fake.requests.length;
    const id = fake.id();
    // The fake numbers the next command's token, then its interaction, after `id`; claim
    // that interaction as another replica sharing the store would.
    const next = (BigInt(id) + 2n).toString();
    expect(await app.bot.claimEvent('discord', next)).toBe(true);
    const token = fake.slashCommand('help', {});
    const control = fake.slashCommand('help', {});
    await fake.waitForRequest(forToken(control, 'PATCH', '/messages/@original'));
    expect(fake.requests.slice(before).some((r) => r.path.includes(`/${token}`))).toBe(false);
  });

  it('post() to a channel the bot lost access to, or that is gone, throws PostError CHANNEL_GONE', async () => {
    const reply = { blocks: [{ type: 'heading' as const, text: 'A story' }] };
    const closed = fake.id();
    fake.failures.set(closed, { status: 403, code: 50001, message: 'Missing Access' });
    await expect(adapter.post(closed, reply, { workspace: `guild:${fake.guildId}` })).rejects.toMatchObject({ code: 'CHANNEL_GONE' });
    await expect(adapter.post(fake.id(), reply, { workspace: `guild:${fake.guildId}` })).rejects.toBeInstanceOf(PostError);
    await expect(adapter.post(fake.id(), reply, { workspace: `guild:${fake.guildId}` })).rejects.toMatchObject({ code: 'CHANNEL_GONE' });
    expect(logged).toEqual([]);
  });
});

describe('DiscordAdapter without the Message Content intent', () => {
  it('connects again without it and still answers slash commands', async () => {
    const strict = await FakeDiscord.start({ messageContent: false });
    const lines: string[] = [];
    const local = await createApp(loadConfig({ STORE_URL: 'memory://' }));
    const other = new DiscordAdapter({ token: 't', apiUrl: strict.apiUrl, log: (line) => lines.push(line) });
    try {
      await other.start(local.bot);
      const intents = strict.opcodes(2).map((d) => (d as { intents: number }).intents);
      expect(intents).toHaveLength(2);
      expect(intents[0]! & (1 << 15)).not.toBe(0);
      expect(intents[1]! & (1 << 15)).toBe(0);
      expect(lines.join('\n')).toContain('Message Content intent');
      const token = strict.slashCommand('help', {});
      await strict.waitForRequest(forToken(token, 'PATCH', '/messages/@original'));
    } finally {
      await other.stop();
      await strict.close();
      await local.close();
    }
  });
});
