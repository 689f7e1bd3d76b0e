import path from 'node:path';
import type { Commitment } from '../../src/citations/gate.js';
import type { ActorLedger, LedgerEntry } from '../../src/ledger/ledger.js';
import type { Stance } from '../../src/engines/engine.js';
import { buildStory } from '../../src/story/build-story.js';
import type { Story } from '../../src/story/story.js';

/**
 * The store backends a ledger test runs on, as `describe.each` rows: memory and SQLite (in
 * `dir`) always, Redis and PostgreSQL when `TEST_REDIS_URL` / `TEST_POSTGRES_URL` are set.
 */
export function ledgerBackends(dir: string): Array<[string, string | undefined]> {
  return [
    ['memory', 'memory://'],
    ['SQLite', `sqlite://${path.join(dir, 'ledger.sqlite')}`],
    ['Redis', process.env.TEST_REDIS_URL],
    ['PostgreSQL', process.env.TEST_POSTGRES_URL],
  ];
}

/**
 * Three short invented stories about one actor whose position changes: Britain refuses to send
 * troops, then will if a deal is signed, then commits. Written for these tests; not from any corpus.
 */
export const UK_STORIES = [
  {
    url: 'https://news.example/uk-rules-out-troops',
    title: 'UK rules out troops for Ukraine',
    publishedAt: '2026-08-12T09:00:00.000Z',
    text: 'Britain will not send troops to Ukraine, the Defence Secretary said on Wednesday.\n',
    actor: 'Britain',
    action: 'send troops to Ukraine',
    stance: 'refuses' as Stance,
    condition: null,
    quote: 'Britain will not send troops to Ukraine',
  },
  {
    url: 'https://news.example/uk-troops-if-deal',
    title: 'UK would send troops after a peace deal',
    publishedAt: '2026-08-16T09:00:00.000Z',
    text: 'The UK would send troops to Ukraine if a peace deal is signed, ministers said.\n',
    actor: 'the UK',
    action: 'send troops to Ukraine',
    stance: 'conditional' as Stance,
    condition: 'a peace deal is signed',
    quote: 'The UK would send troops to Ukraine if a peace deal is signed',
  },
  {
    url: 'https://news.example/uk-commits-troops',
    title: 'UK commits troops to Ukraine',
    publishedAt: '2026-08-20T09:00:00.000Z',
    text: 'The British government will send 5,000 troops to Ukraine next month, the prime minister said.\n',
    actor: 'British government',
    action: 'send 5,000 troops to Ukraine',
    stance: 'commits' as Stance,
    condition: null,
    quote: 'The British government will send 5,000 troops to Ukraine next month',
  },
] as const;

/** One of the stories above as a `Story` and its commitments, as the citation gate would pass them. */
export function ukStory(i: number, text?: string): { story: Story; commitments: Commitment[] } {
  const s = UK_STORIES[i]!;
  const body = text ?? s.text;
  const story = buildStory({ text: body, meta: { title: s.title, url: s.url, canonicalUrl: s.url, publishedAt: s.publishedAt }, source: { kind: 'url', ref: s.url } });
  return { story, commitments: [commitment(body, s.actor, s.action, s.stance, s.condition, s.quote)] };
}

/** A commitment whose quote is `quote` found in `text`. */
export function commitment(text: string, actor: string, action: string, stance: Stance, condition: string | null, quote: string): Commitment {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`quote not in text: ${quote}`);
  const at = text.indexOf(actor);
  return {
    actor,
    actorMention: at >= 0 ? { text: actor, start: at, end: at + actor.length } : null,
    action,
    stance,
    condition,
    quote: { text: quote, start, end: start + quote.length },
  };
}

/** Markup, mentions and link syntax of both platforms, as a story or an engine might carry them. */
export const HOSTILE = '<!channel> @everyone <@U123> *bold* _it_ ~x~ `code` [click](javascript:alert(1)) <https://evil.example|login> > quote & more';

/**
 * An actor's ledger of `n` entries full of hostile text, each from its own story at its own
 * address, every quote `quoteWords` words long; every third entry changes the stance before it.
 */
export function hostileLedger(n: number, quoteWords: number, noise = HOSTILE): ActorLedger {
  const entries = Array.from({ length: n }, (_, i): LedgerEntry => {
    const quote = Array.from({ length: quoteWords }, (_, w) => (w % 7 === 0 ? noise : `word${w}`)).join(' ');
    return {
      actor: `United ${noise} Kingdom`,
      mention: `the ${noise} government`,
      action: `send troops ${noise} ${i}`,
      stance: i % 2 === 0 ? 'commits' : 'refuses',
      condition: i % 5 === 0 ? `a deal ${noise} is signed` : null,
      quote: { text: quote, start: 0, end: quote.length },
      story: { id: `story${i}`, title: `Headline ${noise} ${i}`, url: `https://news.example/story-${i}?a=1|2&b=(x)`, publishedAt: null },
      date: new Date(Date.UTC(2026, 7, 28) - i * 86_400_000).toISOString(),
      change: i % 3 === 0 ? { from: 'refuses', story: `story${i + 1}`, date: new Date(Date.UTC(2026, 7, 27) - i * 86_400_000).toISOString() } : null,
    };
  });
  return { actor: `United ${noise} Kingdom`, entries, matters: entries.map((_, i) => Math.floor(i / 4)), total: n + 25 };
}
