import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, errorText, escapeText, renderEmbeds, threadName } from '../../../adapters/discord/embeds.js';
import { ledgerReply } from '../../../src/bot/replies.js';
import type { Block, Reply } from '../../../src/bot/reply.js';
import { hostileLedger } from '../../helpers/ledger-stories.js';

const URL_ = 'https://news.example/2026/pier (update).html';

function words(count: number, seed = 'word'): string {
  return Array.from({ length: count }, (_, i) => `${seed}${i}`).join(' ');
}

/** Every Discord embed limit, checked on a rendered message. */
function expectWithinLimits(embeds: APIEmbed[]): void {
  expect(embeds.length).toBeGreaterThan(0);
  expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
  let total = 0;
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      total += field.name.length + field.value.length;
    }
  }
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.total);
}

describe('renderEmbeds', () => {
  it('a summary: linked title, byline in the description, one field per point with its quote block-quoted and linked', () => {
    const reply: Reply = {
      storyId: 's1',
      sourceUrl: 'https://news.example/pier.html',
      engine: 'extractive',
      blocks: [
        { type: 'heading', text: 'Harbour pier reopens' },
        { type: 'context', text: 'Test Gazette · Jo Reporter' },
        { type: 'cited', text: 'The pier reopened.', quotes: ['The old harbour pier reopened on Saturday'] },
      ],
    };
    const [embed, ...rest] = renderEmbeds(reply);
    expect(rest).toEqual([]);
    expect(embed).toMatchObject({ title: 'Harbour pier reopens', url: 'https://news.example/pier.html', description: '*Test Gazette · Jo Reporter*' });
    expect(embed?.fields).toEqual([
      {
        name: '\u200b',
        value:
          'The pier reopened.\n> [“The old harbour pier reopened on Saturday”](https://news.example/pier.html#:~:text=The%20old%20harbour%20pier%20reopened%20on%20Saturday)',
      },
    ]);
    expect(embed?.footer?.text).toBe('Source: news.example · engine: extractive');
  });

  it('shows a point that is its quote once, as the linked quote', () => {
    const sentence = 'The old harbour pier reopened on Saturday.';
    const [embed] = renderEmbeds({ sourceUrl: 'https://news.example/pier.html', blocks: [{ type: 'cited', text: sentence, quotes: [sentence] }] });
    expect(embed?.fields).toEqual([
      { name: '\u200b', value: '> [“The old harbour pier reopened on Saturday.”](https://news.example/pier.html#:~:text=The%20old%20harbour%20pier%20reopened%20on%20Saturday.)' },
    ]);
  });

  it('labels (actor · stance) name the field; quotes without a source URL are not linked', () => {
    const [embed] = renderEmbeds({ blocks: [{ type: 'cited', label: 'Council · commits', text: 'keep the pier open', quotes: ['will keep the pier open'] }] });
    expect(embed?.fields).toEqual([{ name: 'Council · commits', value: 'keep the pier open\n> “will keep the pier open”' }]);
    expect(embed?.url).toBeUndefined();
  });

  it('escapes Discord markdown in story text, and parentheses in link targets', () => {
    const reply: Reply = {
      sourceUrl: URL_,
      blocks: [
        { type: 'heading', text: '**Pier** _reopens_' },
        { type: 'text', text: '# not a heading\n- not a list\n> not a quote\n||no spoiler|| `no code` [no](link)' },
        { type: 'cited', text: 'x', quotes: ['a [bracketed] (aside)'] },
      ],
    };
    const [embed] = renderEmbeds(reply);
    expect(embed?.title).toBe('\\*\\*Pier\\*\\* \\_reopens\\_');
    expect(embed?.description).toBe('\\# not a heading\n\\- not a list\n\\> not a quote\n\\|\\|no spoiler\\|\\| \\`no code\\` \\[no\\](link)');
    const value = embed?.fields?.[0]?.value ?? '';
    expect(value).toContain('[“a \\[bracketed\\] (aside)”](https://news.example/2026/pier%20%28update%29.html#:~:text=a%20%5Bbracketed%5D%20%28aside%29)');
    expect(escapeText('plain words')).toBe('plain words');
  });

  it('more than 25 fields continue in a second embed; nothing is left out', () => {
    const blocks: Block[] = [{ type: 'heading', text: 'Many' }];
    for (let i = 0; i < 30; i += 1) blocks.push({ type: 'cited', text: `point ${i}`, quotes: [`quote ${i}`] });
    const embeds = renderEmbeds({ blocks, engine: 'extractive' });
    expectWithinLimits(embeds);
    expect(embeds.map((e) => e.fields?.length)).toEqual([25, 5]);
    expect(embeds[1]?.footer?.text).toBe('engine: extractive');
    expect(embeds[0]?.footer).toBeUndefined();
  });

  it('oversized parts are cut with an ellipsis, and what does not fit is counted in the footer', () => {
    const blocks: Block[] = [
      { type: 'heading', text: words(200, 'headline') },
      { type: 'context', text: words(1500, 'context') },
    ];
    for (let i = 0; i < 300; i += 1) {
      blocks.push({ type: 'cited', label: words(100, `label${i}-`), text: words(400, `point${i}-`), quotes: [words(300, 'q'), words(300, 'r'), words(5, 's')] });
    }
    const embeds = renderEmbeds({ blocks, sourceUrl: `https://news.example/${'x'.repeat(500)}`, engine: 'extractive' });
    expectWithinLimits(embeds);
    expect(embeds[0]?.title?.endsWith('…')).toBe(true);
    const footer = embeds.at(-1)?.footer?.text ?? '';
    expect(footer).toMatch(/^Source: news\.example · engine: extractive · \d+ more not shown/u);
    const shown = embeds.reduce((n, e) => n + (e.fields?.length ?? 0), 0);
    expect(Number(/(\d+) more/u.exec(footer)?.[1])).toBe(300 - shown);
  });

  it('stays within the limits for every size, from empty to huge, with long URLs and multi-byte text', () => {
    for (const size of [0, 1, 100, 1000, 5000]) {
      for (const count of [1, 25, 26, 251]) {
        const blocks: Block[] = [
          { type: 'heading', text: '💬'.repeat(size) },
          { type: 'text', text: 'é'.repeat(size * 2) },
        ];
        for (let i = 0; i < count; i += 1) {
          blocks.push({ type: 'cited', text: '*'.repeat(size), quotes: ['“'.repeat(size), `${'_'.repeat(size)}]`] });
          if (i % 7 === 0) blocks.push({ type: 'context', text: `context ${'|'.repeat(size)}` });
        }
        expectWithinLimits(renderEmbeds({ blocks, sourceUrl: `https://news.example/${'(a)'.repeat(size)}`, engine: 'e'.repeat(size) }));
      }
    }
  });
});

describe('errorText and threadName', () => {
  it('an error reply becomes its plain line', () => {
    expect(errorText({ blocks: [{ type: 'error', text: 'cannot read image/png' }] })).toBe('cannot read image/png');
  });

  it('a thread is named after the headline, at most 100 characters', () => {
    expect(threadName({ blocks: [{ type: 'heading', text: 'Pier  reopens\nafter repairs' }] })).toBe('Pier reopens after repairs');
    const long = threadName({ blocks: [{ type: 'heading', text: words(100) }] });
    expect(long.length).toBeLessThanOrEqual(DISCORD_LIMITS.threadName);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('a ledger reply (/commitments <actor>) at the limits', () => {
  const texts = (embeds: APIEmbed[]) => embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? '']);
  it.each([
    ['hostile, long quotes', hostileLedger(60, 600)],
    ['hostile, short quotes', hostileLedger(60, 12)],
    ['plain, short quotes', hostileLedger(60, 12, 'x')],
    ['three entries of quotes longer than a field', hostileLedger(3, 900)],
  ])('%s: every embed limit kept, nothing dropped by the renderer, each quote linked to its own story, "and N more" last', (_name, ledger) => {
    const reply = ledgerReply('uk', ledger);
    const embeds = renderEmbeds(reply);
    expectWithinLimits(embeds);
    const shown = reply.blocks.filter((b) => b.type === 'cited').length;
    expect(shown).toBeGreaterThan(0);
    const all = texts(embeds);
    expect(all.join('\n')).not.toMatch(/not shown/u);
    // Markdown links and emphasis from story text stay text: every bracket and star is escaped.
    for (const text of all) expect(text.replace(/\]\(https:[^)\s]*\)/gu, '')).not.toMatch(/(?<!\\)\[click|(?<!\\)\]\(javascript|(?<!\\)\*bold/u);
    const links = all.flatMap((t) => [...t.matchAll(/\]\((https:\/\/news\.example\/story-(\d+)[^)\s]*)\)/gu)].map((m) => Number(m[2])));
    expect(links).toEqual(Array.from({ length: shown }, (_, k) => k));
    const last = all.filter(Boolean).at(-1)!;
    expect(last).toMatch(/and (\d+) more — \\`newsroom ledger --actor "United .*Kingdom" --csv\\` for the rest\*$/u);
    expect(Number(/and (\d+) more/u.exec(last)![1])).toBe(ledger.total - shown);
  });
});
