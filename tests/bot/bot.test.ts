import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Bot, looksLikeActor } from '../../src/bot/bot.js';
import type { Conversation } from '../../src/bot/bot.js';
import type { Block, Reply } from '../../src/bot/reply.js';
import type { AnswerDraft, AttributionDraft, CommitmentDraft, Engine, SummaryDraft } from '../../src/engines/engine.js';
import { ExtractiveEngine } from '../../src/engines/extractive/extractive-engine.js';
import { Newsroom } from '../../src/newsroom.js';
import { createStore } from '../../src/store/create-store.js';
import type { Store } from '../../src/store/store.js';
import { CountingEngine } from '../helpers/counting-engine.js';
import { UK_STORIES } from '../helpers/ledger-stories.js';
import { HARBOUR_FILE, harbourText, seedText } from '../helpers/articles.js';
import { serve, startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';

const SEED = seedText();
const HARBOUR = harbourText();
const GROUND_TROOPS = 'no deployment of American troops on the ground';

const channel: Conversation = { platform: 'test', channel: 'newsdesk', thread: null };
const thread: Conversation = { platform: 'test', channel: 'newsdesk', thread: 'T1' };

let server: LoopbackServer;
let store: Store;
let newsroom: Newsroom;
let bot: Bot;

function cited(reply: Reply | null): Array<Extract<Block, { type: 'cited' }>> {
  return (reply?.blocks ?? []).filter((b): b is Extract<Block, { type: 'cited' }> => b.type === 'cited');
}

function errorText(reply: Reply | null): string | undefined {
  const block = reply?.blocks.find((b) => b.type === 'error');
  return block?.text;
}

function quotes(reply: Reply | null): string[] {
  return cited(reply).flatMap((b) => b.quotes);
}

beforeAll(async () => {
  server = await startLoopbackServer({ '/seed.txt': serve('text/plain; charset=utf-8', SEED) });
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  store = await createStore('memory://');
  newsroom = new Newsroom({ store, engine: new ExtractiveEngine(), input: { fetch: { allowPrivate: true } } });
  bot = new Bot(newsroom, store);
});

afterEach(async () => {
  await newsroom.recorded();
  await store.close();
});

describe('/help', () => {
  it('lists summarize, commitments, who and ask', async () => {
    const reply = await bot.handle('/help', channel);
    const text = reply!.blocks.map((b) => b.text).join('\n');
    for (const command of ['/summarize', '/commitments', '/who', '/ask']) expect(text).toContain(command);
    expect(errorText(reply)).toBeUndefined();
  });
});

describe('/summarize', () => {
  it('replies with the story id and cited points whose quotes are verbatim seed text', async () => {
    const reply = await bot.handle(`/summarize ${SEED}`, channel);
    expect(errorText(reply)).toBeUndefined();
    expect(reply?.storyId).toMatch(/\S/u);
    const points = cited(reply);
    expect(points.length).toBeGreaterThanOrEqual(3);
    for (const point of points) {
      expect(point.quotes.length).toBeGreaterThan(0);
      for (const quote of point.quotes) expect(SEED).toContain(quote);
    }
  });

  it('without anything to summarise is an error reply', async () => {
    const reply = await bot.handle('/summarize', channel);
    expect(errorText(reply)).toMatch(/summarize/u);
    expect(reply?.storyId).toBeUndefined();
  });

  it('does not read a file path from disk: the path is taken as pasted text', async () => {
    const reply = await bot.handle(`/summarize ${HARBOUR_FILE}`, channel);
    const shown = reply!.blocks.map((b) => [b.text, ...(b.type === 'cited' ? b.quotes : [])].join(' ')).join(' ');
    expect(shown).not.toMatch(/flood wall|Haddad/u);
  });
});

describe('/commitments and /who', () => {
  it('/commitments replies with cited rows quoting the story', async () => {
    const reply = await bot.handle(`/commitments ${HARBOUR}`, channel);
    expect(errorText(reply)).toBeUndefined();
    expect(cited(reply).length).toBeGreaterThan(0);
    for (const quote of quotes(reply)) expect(HARBOUR).toContain(quote);
  });

  it('/who replies with cited rows quoting the story', async () => {
    const reply = await bot.handle(`/who ${HARBOUR}`, channel);
    expect(errorText(reply)).toBeUndefined();
    expect(quotes(reply)).toContain('We cannot ask the boats to pay for the sea getting higher,');
  });
});

describe('/commitments <actor>', () => {
  it('answers from the ledger of the workspace: actor merged across stories, no engine call', async () => {
    const engine = new CountingEngine();
    const newsroom = new Newsroom({ store, engine });
    const counted = new Bot(newsroom, store);
    const desk: Conversation = { ...channel, workspace: 'T-desk' };
    for (const s of UK_STORIES) await counted.handle(`/commitments ${s.text}`, desk);
    await newsroom.recorded();
    const calls = engine.calls.length;
    const reply = await counted.handle('/commitments britain', desk);
    expect(engine.calls).toHaveLength(calls);
    expect(errorText(reply)).toBeUndefined();
    expect(reply?.blocks[0]).toEqual({ type: 'heading', text: 'Commitments by United Kingdom' });
    const rows = cited(reply);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const quote of quotes(reply)) expect(UK_STORIES.some((s) => s.text.includes(quote))).toBe(true);
    // Another workspace of the same bot sees none of it.
    const other = await counted.handle('/commitments britain', { ...channel, workspace: 'T-other' });
    expect(cited(other)).toEqual([]);
    expect(other?.blocks.map((b) => b.text).join(' ')).toMatch(/No story processed here reports a commitment by/u);
  });

  it('records /summarize and /who stories after the reply: cached commitments with no engine call, others by the fallback', async () => {
    const engine = new CountingEngine();
    const fallback = new CountingEngine('fallback');
    const newsroom = new Newsroom({ store, engine, fallback });
    const counted = new Bot(newsroom, store);
    const a: Conversation = { ...channel, workspace: 'A' };
    const b: Conversation = { ...channel, workspace: 'B' };
    await counted.handle(`/commitments ${SEED}`, a);
    await newsroom.recorded();
    engine.calls.length = 0;
    // The seed's commitments are cached (from A): recorded in B with no call. The harbour
    // story's are not: the fallback computes them, and the configured engine is not asked.
    await counted.handle(`/summarize ${SEED}`, b);
    await counted.handle(`/who ${HARBOUR}`, b);
    await newsroom.recorded();
    expect(engine.calls).toEqual(['summarise', 'attributions']);
    expect(fallback.calls).toEqual(['commitments']);
    const active = await counted.handle('/commitments', b);
    expect(errorText(active)).toBeUndefined();
    expect(active?.blocks[0]).toEqual({ type: 'heading', text: 'Most active actors' });
    const lines = active!.blocks.filter((x) => x.type === 'text').map((x) => x.text);
    expect(lines.some((t) => /^United Kingdom: \d+ commitments?$/u.test(t))).toBe(true);
    const uk = await counted.handle('/commitments the UK', b);
    expect(quotes(uk).length).toBeGreaterThan(0);
    for (const quote of quotes(uk)) expect(SEED).toContain(quote);
    const harbourQuotes = quotes(await counted.handle('/commitments Amira Haddad', b));
    expect(harbourQuotes.length).toBeGreaterThan(0);
    for (const quote of harbourQuotes) expect(HARBOUR).toContain(quote);
    // Processing the same stories again, by any command, adds nothing and computes nothing for the ledger.
    const before = await newsroom.ledger.all('B');
    await counted.handle(`/summarize ${SEED}`, b);
    await counted.handle(`/who ${HARBOUR}`, b);
    await counted.handle(`/summarize ${HARBOUR}`, b);
    await counted.handle(`/commitments ${HARBOUR}`, b);
    await newsroom.recorded();
    expect(await newsroom.ledger.all('B')).toEqual(before);
    expect(fallback.calls).toEqual(['commitments']);
  });

  it('says so when the ledger has no commitment by that actor, and refuses a generic one', async () => {
    await bot.handle(`/summarize ${SEED}`, channel);
    const reply = await bot.handle('/commitments Atlantis', channel);
    expect(cited(reply)).toEqual([]);
    expect(reply?.blocks.map((b) => b.text).join(' ')).toMatch(/No story processed here reports a commitment by Atlantis/u);
    expect(errorText(await bot.handle('/commitments officials', channel))).toMatch(/could be anyone/u);
  });
});

describe('looksLikeActor', () => {
  it('takes short names as actors and URLs or sentences as stories', () => {
    expect(looksLikeActor('Keir Starmer')).toBe(true);
    expect(looksLikeActor('the harbour council')).toBe(true);
    expect(looksLikeActor('Gov. J. Lee')).toBe(true);
    expect(looksLikeActor('Mr. Ortiz')).toBe(true);
    expect(looksLikeActor('https://example.com/story')).toBe(false);
    expect(looksLikeActor('The council voted. It will build a wall.')).toBe(false);
    expect(looksLikeActor('one two three four five six seven')).toBe(false);
    expect(looksLikeActor('  ')).toBe(false);
  });
});

describe('replies carry their source and engine', () => {
  it('a story fetched from a URL gives its address and the engine name', async () => {
    const reply = await bot.handle(`/summarize ${server.base}/seed.txt`, channel);
    expect(reply?.sourceUrl).toBe(`${server.base}/seed.txt`);
    expect(reply?.engine).toBe('extractive');
  });

  it('pasted text has no address', async () => {
    const reply = await bot.handle(`/summarize ${SEED}`, channel);
    expect(reply?.sourceUrl).toBeUndefined();
    expect(reply?.engine).toBe('extractive');
  });
});

describe('unknown commands', () => {
  it('/foo is an error reply that names it', async () => {
    const reply = await bot.handle('/foo bar', channel);
    expect(errorText(reply)).toContain('/foo');
  });
});

describe('plain messages', () => {
  it('are ignored (null) in a conversation with no linked story', async () => {
    expect(await bot.handle('Will the US send ground troops?', thread)).toBeNull();
  });

  it('in a thread linked to a story are answered from that story', async () => {
    const summary = await bot.handle(`/summarize ${SEED}`, channel);
    await bot.linkThread(thread, summary!.storyId!);
    const reply = await bot.handle('Will the US send ground troops?', thread);
    expect(reply?.storyId).toBe(summary!.storyId);
    expect(quotes(reply).some((q) => q.includes(GROUND_TROOPS))).toBe(true);
  });

  it('in another thread or channel than the linked one are ignored', async () => {
    const summary = await bot.handle(`/summarize ${SEED}`, channel);
    await bot.linkThread(thread, summary!.storyId!);
    expect(await bot.handle('Will the US send ground troops?', { ...thread, thread: 'T2' })).toBeNull();
    expect(await bot.handle('Will the US send ground troops?', { ...thread, channel: 'sports' })).toBeNull();
    expect(await bot.handle('Will the US send ground troops?', { ...thread, platform: 'other' })).toBeNull();
    expect(await bot.handle('Will the US send ground troops?', channel)).toBeNull();
  });

  it('in the same platform, channel and thread ids of another workspace are ignored, and /ask there finds nothing', async () => {
    const mine: Conversation = { ...thread, workspace: 'team:A' };
    const summary = await bot.handle(`/summarize ${SEED}`, { ...channel, workspace: 'team:A' });
    await bot.linkThread(mine, summary!.storyId!);
    expect(await bot.handle('Will the US send ground troops?', mine)).not.toBeNull();
    const theirs: Conversation = { ...thread, workspace: 'team:B' };
    expect(await bot.handle('Will the US send ground troops?', theirs)).toBeNull();
    expect(errorText(await bot.handle('/ask Will the US send ground troops?', theirs))).toMatch(/^no story has been posted here/u);
    expect(errorText(await bot.handle('/ask Will the US send ground troops?', { ...channel, workspace: 'team:B' }))).toMatch(/^no story has been posted here/u);
    // Not even with a workspace id made to look like a prefix of the other's keys.
    expect(await bot.handle('Will the US send ground troops?', { ...thread, workspace: 'team', platform: `A:${thread.platform}` })).toBeNull();
  });

  it('that are blank are ignored even in a linked thread', async () => {
    const summary = await bot.handle(`/summarize ${SEED}`, channel);
    await bot.linkThread(thread, summary!.storyId!);
    expect(await bot.handle('   ', thread)).toBeNull();
  });
});

describe('/ask', () => {
  it('with no story in the thread or channel is a usage error saying what to do', async () => {
    const reply = await bot.handle('/ask Will the US send ground troops?', thread);
    expect(errorText(reply)).toMatch(/^no story has been posted here/u);
    expect(errorText(reply)).toMatch(/\/ask <url> <question>/u);
  });

  it('at the top of a channel answers from the stories posted in that channel', async () => {
    await bot.handle(`/summarize ${HARBOUR}`, channel);
    const seed = await bot.handle(`/summarize ${SEED}`, channel);
    const reply = await bot.handle('/ask Will the US send ground troops?', channel);
    expect(reply?.storyId).toBe(seed!.storyId);
    expect(quotes(reply).some((q) => q.includes(GROUND_TROOPS))).toBe(true);
    expect(errorText(await bot.handle('/ask Will the US send ground troops?', { ...channel, channel: 'sports' }))).toMatch(
      /no story has been posted here/u,
    );
  });

  it('at the top of a channel remembers stories whose thread the adapter linked', async () => {
    const elsewhere = new Newsroom({ store, engine: new ExtractiveEngine() });
    const other = new Bot(elsewhere, store);
    const summary = await other.handle(`/summarize ${SEED}`, { ...channel, channel: 'elsewhere' });
    await elsewhere.recorded();
    await bot.linkThread({ ...channel, channel: 'feeds', thread: 'P1' }, summary!.storyId!);
    expect(await bot.channelStories({ ...channel, channel: 'feeds' })).toEqual([summary!.storyId]);
  });

  it('in a linked thread answers from the thread’s story', async () => {
    const summary = await bot.handle(`/summarize ${SEED}`, channel);
    await bot.linkThread(thread, summary!.storyId!);
    const reply = await bot.handle('/ask Will the US send ground troops?', thread);
    expect(quotes(reply).some((q) => q.includes(GROUND_TROOPS))).toBe(true);
  });

  it('with a URL and a question fetches the story and answers', async () => {
    const before = server.requests.length;
    const reply = await bot.handle(`/ask ${server.base}/seed.txt Will the US send ground troops?`, channel);
    expect(errorText(reply)).toBeUndefined();
    expect(reply?.blocks[0]).toEqual({ type: 'context', text: 'Q: Will the US send ground troops?' });
    expect(quotes(reply).some((q) => q.includes(GROUND_TROOPS))).toBe(true);
    expect(server.requests.slice(before)).toEqual(['/seed.txt']);
  });

  it('with a URL and no question is an error reply', async () => {
    const reply = await bot.handle(`/ask ${server.base}/seed.txt`, channel);
    expect(errorText(reply)).toMatch(/question/u);
  });

  it('says the story does not say when it does not', async () => {
    const reply = await bot.handle(`/ask ${server.base}/seed.txt What did France pledge?`, channel);
    expect(cited(reply)).toEqual([]);
    expect(reply?.blocks.map((b) => b.text).join(' ')).toMatch(/does not say/iu);
  });
});

/** An engine that fails every task, recording what it was asked. */
class FailingEngine implements Engine {
  readonly name = 'failing';
  readonly version = '1';
  readonly promptVersion = 'none';
  readonly calls: string[] = [];

  private fail(task: string): never {
    this.calls.push(task);
    throw new Error(`${task} exploded`);
  }

  async summarise(): Promise<SummaryDraft> {
    return this.fail('summarise');
  }

  async attributions(): Promise<AttributionDraft[]> {
    return this.fail('attributions');
  }

  async commitments(): Promise<CommitmentDraft[]> {
    return this.fail('commitments');
  }

  async answer(): Promise<AnswerDraft> {
    return this.fail('answer');
  }
}

describe('a failing engine', () => {
  it('yields an error reply, not an exception', async () => {
    const engine = new FailingEngine();
    const failing = new Bot(new Newsroom({ store, engine }), store);
    const reply = await failing.handle(`/summarize ${SEED}`, channel);
    expect(engine.calls).toEqual(['summarise']);
    expect(reply?.blocks).toHaveLength(1);
    expect(errorText(reply)).toContain('summarise exploded');
  });

  it('yields an error reply to a follow-up question in a linked thread', async () => {
    const engine = new FailingEngine();
    const failing = new Bot(new Newsroom({ store, engine }), store);
    const story = await bot.handle(`/summarize ${SEED}`, channel);
    await failing.linkThread(thread, story!.storyId!);
    const reply = await failing.handle('Will the US send ground troops?', thread);
    expect(engine.calls).toEqual(['answer']);
    expect(errorText(reply)).toContain('answer exploded');
  });
});
