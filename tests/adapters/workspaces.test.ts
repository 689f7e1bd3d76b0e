// Workspace isolation across platforms (issue #15, item 1): a story posted in one Slack team and
// in one Discord guild, and a feed subscribed there, must not show from another Slack team,
// another guild, a Discord DM, the shell or the CLI — even with the same channel and thread ids.
// Real adapters over the fakes the other adapter tests use; one app and one store behind them all.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../adapters/discord/discord-adapter.js';
import { ShellAdapter } from '../../adapters/shell/shell-adapter.js';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/slack-adapter.js';
import type { SlackAdapter } from '../../adapters/slack/slack-adapter.js';
import { createApp } from '../../src/app.js';
import type { App } from '../../src/app.js';
import { runCli } from '../../src/cli.js';
import { loadConfig } from '../../src/config.js';
import { FakeDiscord } from '../helpers/fake-discord.js';
import type { RecordedRequest } from '../helpers/fake-discord.js';
import { eventCallback, FakeSlack, sendSigned, slashCommandForm } from '../helpers/fake-slack.js';
import { articleBody, rss } from '../helpers/feeds.js';
import { UK_STORIES } from '../helpers/ledger-stories.js';
import { serve, startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';
import { capture, testIo } from '../helpers/stream-io.js';
import { testSlackAdapter } from '../helpers/slack-test-adapter.js';

const SECRET = 'test-signing-secret';
const CHANNEL = 'C0NEWS';
const USER = 'U0REPORTER';
const QUESTION = 'Will Britain send troops to Ukraine?';
const [SLACK_STORY, DISCORD_STORY] = [UK_STORIES[0], UK_STORIES[1]];

let dir = '';
let app: App;
let site: LoopbackServer;
let feedUrl = '';
const slack: Array<{ fake: FakeSlack; adapter: SlackAdapter; events: string }> = [];
const discord: Array<{ fake: FakeDiscord; adapter: DiscordAdapter }> = [];

async function startSlack(teamId: string) {
  const fake = await FakeSlack.start({ teamId });
  const adapter = testSlackAdapter(fake.apiUrl, SECRET);
  await adapter.start(app.bot);
  return { fake, adapter, events: `http://127.0.0.1:${adapter.port}${SLACK_EVENTS_PATH}` };
}

async function startDiscord(guildId?: string) {
  const fake = await FakeDiscord.start(guildId ? { guildId, firstId: 300000000000000000n } : {});
  const adapter = new DiscordAdapter({ token: 'test-token', apiUrl: fake.apiUrl, log: () => undefined });
  await adapter.start(app.bot);
  return { fake, adapter };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsroom-workspaces-'));
  const item = { id: 'uk-feed-1', title: 'UK troops', body: `${UK_STORIES[2].text} ${articleBody('harbour', 1)}`, date: new Date('2026-08-20T09:00:00Z') };
  site = await startLoopbackServer({ '/feed.xml': serve('application/rss+xml', rss('UK desk', [item])) });
  feedUrl = `${site.base}/feed.xml`;
  app = await createApp(loadConfig({ STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`, ALLOW_PRIVATE_URLS: 'true' }));
  slack.push(await startSlack('T0001'), await startSlack('T0002'));
  discord.push(await startDiscord(), await startDiscord('100000000000000099'));
});

afterAll(async () => {
  for (const { adapter, fake } of slack) {
    await adapter.stop();
    await fake.close();
  }
  for (const { adapter, fake } of discord) {
    await adapter.stop();
    await fake.close();
  }
  await app?.close();
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

function slash(to: (typeof slack)[number], command: string, text: string, id: string) {
  const body = slashCommandForm({ command, text, channel: CHANNEL, user: USER, responseUrl: to.fake.responseUrl(id), teamId: to.fake.teamId });
  return sendSigned(to.events, SECRET, body, 'application/x-www-form-urlencoded');
}

function threadReply(to: (typeof slack)[number], threadTs: string, eventId: string) {
  const ts = `1700000500.${eventId.slice(-6)}`;
  const event = { type: 'message', channel: CHANNEL, user: USER, text: QUESTION, ts, thread_ts: threadTs, event_ts: ts, channel_type: 'channel' };
  return sendSigned(to.events, SECRET, eventCallback(eventId, event, to.fake.teamId), 'application/json');
}

/** What a Slack call shows, as one string (blocks and fallback text). */
const shown = (body: Record<string, unknown>) => JSON.stringify(body);

function forToken(token: string, method: string, ending: string) {
  return (r: RecordedRequest) => r.method === method && r.path.includes(`/${token}`) && r.path.endsWith(ending);
}

function embedsOf(request: RecordedRequest): APIEmbed[] {
  return (request.body as { embeds?: APIEmbed[] }).embeds ?? [];
}

/** A Discord reply: the edit of the deferred reply, or the private follow-up an error becomes. */
async function discordReply(fake: FakeDiscord, token: string): Promise<string> {
  const request = await fake.waitForRequest((r) => forToken(token, 'PATCH', '/messages/@original')(r) || (r.method === 'POST' && r.path.endsWith(`/${token}`)));
  return JSON.stringify(request.body);
}

describe('a story posted in one Slack team and one Discord guild', () => {
  let slackThread = '';
  let discordThread = '';

  beforeAll(async () => {
    const [teamA] = slack;
    const [guildA] = discord;
    expect((await slash(teamA!, '/commitments', SLACK_STORY.text, 'a-commitments')).status).toBe(200);
    const post = await teamA!.fake.waitForCall('chat.postMessage', (b) => Array.isArray(b.blocks) && (b.blocks as Array<{ type: string }>)[0]?.type === 'header');
    slackThread = String((post.response as { ts: string }).ts);
    expect((await slash(teamA!, '/subscribe', feedUrl, 'a-subscribe')).status).toBe(200);
    await teamA!.fake.waitForCall('chat.postMessage', (b) => shown(b).includes('Subscribed this channel'));

    const token = guildA!.fake.slashCommand('summarize', { text: DISCORD_STORY.text });
    const edit = await guildA!.fake.waitForRequest(forToken(token, 'PATCH', '/messages/@original'));
    const start = await guildA!.fake.waitForRequest((r) => r.method === 'POST' && r.path.endsWith('/threads') && guildA!.fake.requests.indexOf(r) > guildA!.fake.requests.indexOf(edit));
    discordThread = start.path.split('/')[4]!;
    const here = { platform: 'discord', channel: discordThread, thread: discordThread, workspace: `guild:${guildA!.fake.guildId}` };
    await guildA!.fake.waitUntil(async () => (await app.bot.channelStories(here)).length > 0);
    await discordReply(guildA!.fake, guildA!.fake.slashCommand('subscribe', { url: feedUrl }));
    await app.newsroom.recorded();
  });

  it('is there in its own workspace: thread follow-ups, the ledger, the subscription (the controls)', async () => {
    const [teamA] = slack;
    const [guildA] = discord;
    await threadReply(teamA!, slackThread, 'EvA00001');
    const answer = await teamA!.fake.waitForCall('chat.postMessage', (b) => b.thread_ts === slackThread);
    expect(shown(answer.body)).toContain('troops');
    await slash(teamA!, '/commitments', 'Britain', 'a-britain');
    const ledger = await teamA!.fake.waitForCall('chat.postMessage', (b) => shown(b).includes('Commitments by United Kingdom'));
    expect(shown(ledger.body)).toContain(SLACK_STORY.quote);

    guildA!.fake.userMessage(discordThread, QUESTION);
    await guildA!.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${discordThread}/messages`);
    expect(await discordReply(guildA!.fake, guildA!.fake.slashCommand('commitments', { actor: 'Britain' }))).toContain(DISCORD_STORY.quote);
    expect(await discordReply(guildA!.fake, guildA!.fake.slashCommand('subscriptions', {}))).toContain(feedUrl);
  });

  it('shows nothing in another Slack team, with the same channel id and thread ts', async () => {
    const teamB = slack[1]!;
    await slash(teamB, '/ask', QUESTION, 'b-ask');
    const asked = await teamB.fake.waitForCall('response_url', (b) => shown(b).includes('no story has been posted here'));
    expect(shown(asked.body)).not.toContain(SLACK_STORY.quote);
    await slash(teamB, '/commitments', 'Britain', 'b-britain');
    const ledger = await teamB.fake.waitForCall('chat.postMessage', (b) => shown(b).includes('Commitments by United Kingdom'));
    expect(shown(ledger.body)).toContain('No story processed here reports a commitment by United Kingdom');
    await slash(teamB, '/subscriptions', '', 'b-subscriptions');
    const subscriptions = await teamB.fake.waitForCall('chat.postMessage', (b) => shown(b).includes('This channel follows no feeds'));
    expect(shown(subscriptions.body)).not.toContain(feedUrl);
    await threadReply(teamB, slackThread, 'EvB00001');
    // Stopping waits for every event in hand to be handled: then nothing answered the thread.
    await teamB.adapter.stop();
    expect(teamB.fake.callsOf('chat.postMessage', (b) => b.thread_ts === slackThread)).toEqual([]);
    expect(teamB.fake.calls.map((c) => shown(c.body)).join('\n')).not.toContain(SLACK_STORY.quote);
  });

  it('shows nothing in another Discord guild, with the same channel id and thread id', async () => {
    const guildB = discord[1]!;
    expect(guildB.fake.channelId).toBe(discord[0]!.fake.channelId);
    expect(await discordReply(guildB.fake, guildB.fake.slashCommand('ask', { question: QUESTION }))).toContain('no story has been posted here');
    const ledger = await discordReply(guildB.fake, guildB.fake.slashCommand('commitments', { actor: 'Britain' }));
    expect(ledger).toContain('No story processed here reports a commitment by United Kingdom');
    expect(await discordReply(guildB.fake, guildB.fake.slashCommand('subscriptions', {}))).toContain('This channel follows no feeds');
    // A thread of this guild with the id of the first guild's story thread.
    guildB.fake.dispatch('THREAD_CREATE', {
      id: discordThread,
      type: 11,
      guild_id: guildB.fake.guildId,
      parent_id: guildB.fake.channelId,
      name: 'same id',
      owner_id: guildB.fake.userId,
      message_count: 0,
      member_count: 1,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
      newly_created: true,
    });
    expect(await discordReply(guildB.fake, guildB.fake.slashCommand('ask', { question: QUESTION }, discordThread))).toContain('no story has been posted here');
    guildB.fake.userMessage(discordThread, QUESTION);
    await guildB.adapter.stop();
    expect(guildB.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${discordThread}/messages`)).toEqual([]);
    expect(JSON.stringify(guildB.fake.requests.map((r) => r.body))).not.toContain(DISCORD_STORY.quote);
  });

  it('shows nothing in a Discord DM, even one given the guild channel id', async () => {
    const { fake } = discord[0]!;
    expect(await discordReply(fake, fake.dmSlashCommand('ask', { question: QUESTION }, fake.channelId))).toContain('no story has been posted here');
    const ledger = await discordReply(fake, fake.dmSlashCommand('commitments', { actor: 'Britain' }, fake.channelId));
    expect(ledger).toContain('No story processed here reports a commitment by United Kingdom');
    expect(await discordReply(fake, fake.dmSlashCommand('subscriptions', {}, fake.channelId))).toContain('This channel follows no feeds');
  });

  it('shows nothing in the shell chat', async () => {
    const input = new PassThrough();
    const output = capture();
    const shell = new ShellAdapter({ input, output: output.stream });
    await shell.start(app.bot);
    input.end(`/ask ${QUESTION}\n/commitments Britain\n/subscriptions\n${QUESTION}\n`);
    await shell.closed();
    const text = output.text();
    expect(text).toContain('no story has been posted here');
    expect(text).toContain('No story processed here reports a commitment by United Kingdom');
    expect(text).toContain('This channel follows no feeds');
    for (const story of [SLACK_STORY, DISCORD_STORY]) expect(text).not.toContain(story.quote);
  });

  it('shows nothing in the CLI ledger, which reads each workspace only by its name', async () => {
    const env = { STORE_URL: `sqlite://${join(dir, 'store.sqlite')}` };
    const run = async (argv: string[]) => {
      const t = testIo(env);
      expect(await runCli(argv, t.io)).toBe(0);
      return t.stdout();
    };
    const cli = await run(['ledger', '--actor', 'Britain']);
    for (const story of [SLACK_STORY, DISCORD_STORY]) expect(cli).not.toContain(story.quote);
    const teamA = await run(['ledger', '--actor', 'Britain', '--workspace', 'team:T0001']);
    expect(teamA).toContain(SLACK_STORY.quote);
    expect(teamA).not.toContain(DISCORD_STORY.quote);
    expect(await run(['ledger', '--actor', 'Britain', '--workspace', `guild:${discord[0]!.fake.guildId}`])).toContain(DISCORD_STORY.quote);
  });
});
