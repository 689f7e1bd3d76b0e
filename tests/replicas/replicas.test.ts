import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/slack-adapter.js';
import { FeedStore } from '../../src/feeds/subscriptions.js';
import { createStore } from '../../src/store/create-store.js';
import type { Store } from '../../src/store/store.js';
import { FakeDiscord } from '../helpers/fake-discord.js';
import type { RecordedRequest } from '../helpers/fake-discord.js';
import { eventCallback, FakeSlack, sendSigned } from '../helpers/fake-slack.js';
import { generateItems, rss } from '../helpers/feeds.js';
import type { GeneratedItem } from '../helpers/feeds.js';
import { startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';

/*
 * Several real `newsroom` processes sharing one Redis or PostgreSQL store, with a loopback
 * feed and fake Slack (and, when asked, fake Discord). Each replica gets fakes of its own, so
 * a test can tell which replica made a post (and kill exactly that one); posts are counted
 * across all of them.
 */

const redisUrl = process.env.TEST_REDIS_URL;
const postgresUrl = process.env.TEST_POSTGRES_URL;
const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'replica-signing-secret';
/** Long enough that each generated body is the full article: no link is fetched. */
const TOPIC = 'replicaville';

/** Newest modification time under `dir`, ms (0 when it does not exist). */
function newest(dir: string): number {
  let latest = 0;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  } catch {
    return 0;
  }
  return latest;
}

/**
 * How to run `newsroom`: the built bin/newsroom.js when dist/ is newer than every source file
 * (as under `npm test`, which builds first), which starts in a fraction of the time; else the
 * sources through tsx.
 */
const COMMAND =
  newest(path.join(ROOT, 'dist')) > Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'adapters')))
    ? ['bin/newsroom.js']
    : ['--import', 'tsx', 'tests/helpers/run-main.ts'];

interface Replica {
  child: ChildProcess;
  slack: FakeSlack;
  /** The replica's own fake Discord, when started with one. */
  discord: FakeDiscord | undefined;
  port: number;
  stderr: () => string;
  exited: Promise<unknown>;
}

let replicas: Replica[] = [];
let site: LoopbackServer;
let items: GeneratedItem[] = [];
/** Called on each feed request, before it is answered (to grow the feed). */
let onFeedRequest: (n: number) => void = () => undefined;
let feedRequests = 0;

beforeEach(async () => {
  items = generateItems(TOPIC, 5);
  feedRequests = 0;
  onFeedRequest = () => undefined;
  site = await startLoopbackServer({
    '/feed.xml': (_req, res) => {
      feedRequests += 1;
      onFeedRequest(feedRequests);
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss('Replica Gazette', items, site.base));
    },
  });
});

afterEach(async () => {
  for (const r of replicas) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
  await Promise.all(replicas.map((r) => r.exited));
  await Promise.all(replicas.map((r) => r.slack.close()));
  await Promise.all(replicas.map((r) => r.discord?.close()));
  replicas = [];
  await site.close();
});

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once `check` holds, looking again whenever a fake or the feed site is asked something. */
async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; replicas said:\n${replicas.map((r) => r.stderr()).join('\n---\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Starts `newsroom <args>` with Slack (HTTP mode) against a fake of its own, and with
 * `discord` Discord too, against another.
 */
async function start(storeUrl: string, args: string[], env: NodeJS.ProcessEnv = {}, discord = false): Promise<Replica> {
  const slack = await FakeSlack.start();
  const fakeDiscord = discord ? await FakeDiscord.start() : undefined;
  const discordEnv = fakeDiscord
    ? { DISCORD_TOKEN: 'replica-discord-token', DISCORD_APPLICATION_ID: fakeDiscord.applicationId, DISCORD_API_URL: fakeDiscord.apiUrl }
    : {};
  const port = await freePort();
  const child = spawn(process.execPath, [...COMMAND, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      STORE_URL: storeUrl,
      ALLOW_PRIVATE_URLS: 'true',
      ENGINE: 'extractive',
      SLACK_BOT_TOKEN: 'xoxb-replica',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      FEED_POST_PACING: 'slack=0',
      ...discordEnv,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const replica: Replica = { child, slack, discord: fakeDiscord, port, stderr: () => stderr, exited: once(child, 'exit') };
  replicas.push(replica);
  return replica;
}

/** Titles of feed posts to `channel` across every replica's Slack, in no particular order. */
function posted(channel: string): string[] {
  return replicas.flatMap((r) =>
    r.slack
      .callsOf('chat.postMessage', (body) => body.channel === channel)
      .map((call) => ((call.body.blocks as Array<{ type: string; text?: { text: string } }> | undefined) ?? []).find((b) => b.type === 'header')?.text?.text)
      .filter((title): title is string => title !== undefined && title.startsWith(TOPIC)),
  );
}

const titlesOf = (list: GeneratedItem[]) => list.map((i) => i.title);
const counts = (titles: string[]) => titles.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>());

interface Backend {
  name: string;
  url: string | undefined;
  /** Empties the shared store before a test. */
  reset(): Promise<void>;
}

const backends: Backend[] = [
  {
    name: 'Redis',
    url: redisUrl,
    reset: async () => {
      const { createClient } = await import('@keyv/redis');
      const client = createClient({ url: redisUrl });
      await client.connect();
      await client.flushDb();
      await client.close();
    },
  },
  {
    name: 'PostgreSQL',
    url: postgresUrl,
    reset: async () => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query('DROP TABLE IF EXISTS newsroom_store');
      await client.end();
    },
  },
];

for (const backend of backends) {
  describe.skipIf(!backend.url)(`replicas sharing ${backend.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      await backend.reset();
      store = await createStore(backend.url!);
    });
    afterEach(() => store.close());

    it('two `feeds poll --once` started together post each item once', async () => {
      const feeds = new FeedStore(store);
      await feeds.subscribe({ platform: 'slack', channel: 'C1', workspace: 'team:T1' }, `${site.base}/feed.xml`, '');
      const env = { FEED_INITIAL_ITEMS: '5' };
      const both = [await start(backend.url!, ['feeds', 'poll', '--once'], env), await start(backend.url!, ['feeds', 'poll', '--once'], env)];
      const codes = await Promise.all(both.map((r) => r.exited.then(() => r.child.exitCode)));
      expect(codes, both.map((r) => r.stderr()).join('\n')).toEqual([0, 0]);
      expect([...posted('C1')].sort()).toEqual([...titlesOf(items)].sort());
      // One fetch while both run at once; a second only if one started after the other's check.
      expect(feedRequests).toBeLessThanOrEqual(2);
    }, 60_000);

    const serveEnv = { FEED_POLL_INTERVAL: '150ms', FEED_CLAIM_TTL: '2s' };

    it('3 replicas and a growing feed: every item reaches every channel once, a subscription through one reaches all', async () => {
      const feeds = new FeedStore(store);
      const url = `${site.base}/feed.xml`;
      await feeds.subscribe({ platform: 'slack', channel: 'C1', workspace: 'team:T1' }, url, '');
      const initial = items.slice(0, 3);
      const added: GeneratedItem[] = [];
      // Every third request the feed gains an item, up to 6 new ones.
      onFeedRequest = (n) => {
        if (n % 3 === 0 && added.length < 6) {
          const [item] = generateItems(`${TOPIC}-new${added.length}`, 1, new Date(Date.now()));
          added.push(item!);
          items = [item!, ...items];
        }
      };
      for (let i = 0; i < 3; i += 1) await start(backend.url!, ['serve'], serveEnv);
      await until(() => added.length >= 2, 'the feed to grow');
      // A second channel subscribes through the store mid-run, as one replica's /subscribe would.
      await feeds.subscribe({ platform: 'slack', channel: 'C2', workspace: 'team:T1' }, url, '');
      const c2Initial = items.slice(0, 3);
      await until(() => added.length === 6 && posted('C1').length >= initial.length + 6, 'every item in C1');
      const expectC2 = new Set([...titlesOf(c2Initial), ...titlesOf(added.slice(added.findIndex((a) => !c2Initial.includes(a))))]);
      await until(() => new Set(posted('C2')).size >= expectC2.size, 'every item in C2');
      // A few more rounds, so a late duplicate would show.
      const seen = feedRequests;
      await until(() => feedRequests >= seen + 4, 'more rounds');
      expect([...counts(posted('C1')).values()].every((n) => n === 1), posted('C1').join('\n')).toBe(true);
      expect(new Set(posted('C1'))).toEqual(new Set([...titlesOf(initial), ...titlesOf(added)]));
      expect([...counts(posted('C2')).values()].every((n) => n === 1), posted('C2').join('\n')).toBe(true);
      expect(new Set(posted('C2'))).toEqual(expectC2);
    }, 60_000);

    it('a replica SIGKILLed while posting is replaced: nothing lost, at most one repeat in the channel', async () => {
      const feeds = new FeedStore(store);
      await feeds.subscribe({ platform: 'slack', channel: 'C1', workspace: 'team:T1' }, `${site.base}/feed.xml`, '');
      const env = { ...serveEnv, FEED_INITIAL_ITEMS: '5' };
      let killed: Replica | undefined;
      const armed = [await start(backend.url!, ['serve'], env), await start(backend.url!, ['serve'], env)];
      for (const replica of armed) {
        // The replica making the second feed post dies as Slack takes it: posted, never recorded.
        replica.slack.overrides.set('chat.postMessage', () => {
          if (!killed && posted('C1').length === 1) {
            killed = replica;
            replica.child.kill('SIGKILL');
          }
          return undefined;
        });
      }
      await until(() => killed !== undefined, 'a replica to be killed mid-round');
      await killed!.exited;
      await start(backend.url!, ['serve'], env);
      await until(() => new Set(posted('C1')).size === 5, 'every item in C1');
      const seen = feedRequests;
      await until(() => feedRequests >= seen + 4, 'more rounds');
      const repeats = [...counts(posted('C1')).values()].reduce((n, c) => n + c - 1, 0);
      expect(repeats, posted('C1').join('\n')).toBeLessThanOrEqual(1);
      expect(new Set(posted('C1'))).toEqual(new Set(titlesOf(items)));
    }, 60_000);

    it('one Slack event delivered to two replicas at once is answered once', async () => {
      const two = [await start(backend.url!, ['serve'], serveEnv), await start(backend.url!, ['serve'], serveEnv)];
      await until(() => two.every((r) => r.stderr().includes('slack connected')), 'both replicas to connect');
      const mention = (id: string) =>
        eventCallback(id, { type: 'app_mention', user: 'U0EDITOR', text: '<@UBOT> help', channel: 'C9', ts: `17000000${id.length}.000100`, event_ts: '1700000000.000100' });
      const send = (r: Replica, id: string) => sendSigned(`http://127.0.0.1:${r.port}${SLACK_EVENTS_PATH}`, SECRET, mention(id), 'application/json');
      const answers = () => two.flatMap((r) => r.slack.calls.filter((c) => c.method.startsWith('chat.post')));
      await Promise.all(two.map((r) => send(r, 'Ev0SAME')));
      await until(() => answers().length >= 1, 'an answer');
      // Then one new event to each: once both are answered, the duplicate would have been too.
      await Promise.all([send(two[0]!, 'Ev1FIRST'), send(two[1]!, 'Ev2SECOND')]);
      await until(() => answers().length >= 3, 'the later answers');
      expect(answers()).toHaveLength(3);
    }, 60_000);

    it('one Discord interaction reaching two replicas at once is answered once', async () => {
      const two = [await start(backend.url!, ['serve'], serveEnv, true), await start(backend.url!, ['serve'], serveEnv, true)];
      await until(() => two.every((r) => r.stderr().includes('discord connected')), 'both replicas to connect to Discord');
      const fakes = two.map((r) => r.discord!);
      // Discord hands every session of the bot the same interaction: one id, one token.
      const same = { id: '300000000000000001', token: 'token-same-interaction' };
      const isCallback = (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith('/callback');
      const isEdit = (r: RecordedRequest) => r.method === 'PATCH' && r.path.endsWith('/messages/@original');
      const answers = (test: (r: RecordedRequest) => boolean) => fakes.flatMap((f) => f.requests.filter(test).map((r) => r.path));
      for (const fake of fakes) fake.slashCommand('help', {}, fake.channelId, same);
      await until(() => answers(isEdit).length >= 1, 'an answer');
      // Then one new interaction to each: once both are answered, the duplicate would have been too.
      const later = fakes.map((fake) => fake.slashCommand('help', {}));
      await until(() => answers(isEdit).length >= 3, 'the later answers');
      const callbacks = answers(isCallback);
      expect(callbacks, callbacks.join('\n')).toHaveLength(3);
      expect(callbacks.filter((p) => p.includes(`/${same.id}/${same.token}/`))).toHaveLength(1);
      expect(answers(isEdit).filter((p) => p.includes(`/${same.token}/`))).toHaveLength(1);
      for (const token of later) expect(answers(isEdit).filter((p) => p.includes(`/${token}/`))).toHaveLength(1);
    }, 60_000);
  });
}
