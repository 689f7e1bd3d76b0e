/**
 * The README's worked example of the commitment ledger, produced by the code rather than typed:
 * the three stories in examples/ledger/ go through the CLI (text, JSON lines, CSV) and through
 * the bot in a chat workspace, whose reply to `/commitments Fenwick Borough Council` is drawn by
 * the Slack and Discord renderers and printed plainly. tests/scripts/ledger-example.test.ts
 * checks that the README shows exactly this.
 *
 *   node --import tsx scripts/ledger-example.ts
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIEmbed } from 'discord.js';
import { renderEmbeds } from '../adapters/discord/embeds.js';
import { renderBlocks } from '../adapters/slack/blocks.js';
import { Bot } from '../src/bot/bot.js';
import { runCli } from '../src/cli.js';
import { ExtractiveEngine } from '../src/engines/extractive/extractive-engine.js';
import { Newsroom } from '../src/newsroom.js';
import { createStore } from '../src/store/create-store.js';
import { buildStory } from '../src/story/build-story.js';
import { readHeader } from '../src/story/header.js';
import { testIo } from '../tests/helpers/stream-io.js';

/** The stories, oldest first, with the web address each is given in the chat half of the example. */
export const LEDGER_EXAMPLE = [
  ['1-council-refuses.txt', 'https://fenwick-post.example/news/saltmarsh-road-library-to-close'],
  ['2-council-conditional.txt', 'https://fenwick-post.example/news/library-volunteers-offer'],
  ['3-council-commits.txt', 'https://fenwick-post.example/news/saltmarsh-road-library-saved'],
].map(([file, url]) => ({ path: fileURLToPath(new URL(`../examples/ledger/${file}`, import.meta.url)), file: file!, url: url! }));

/** What the README shows: shell sessions of the CLI, and the chat replies as drawn. */
export interface LedgerExample {
  /** `newsroom ledger` text, one `--json` line, the `--csv` output. */
  cli: string;
  /** The Slack message's blocks, one paragraph each, as `[type] text`. */
  slack: string;
  /** The Discord embeds: title, description, each field's name and value, footer. */
  discord: string;
}

/** Runs the example in a fresh SQLite store of its own. */
export async function ledgerExample(): Promise<LedgerExample> {
  const dir = await mkdtemp(join(tmpdir(), 'newsroom-ledger-example-'));
  try {
    return { cli: await cliPart(`sqlite://${join(dir, 'cli.sqlite')}`), ...(await chatPart(`sqlite://${join(dir, 'chat.sqlite')}`)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function cliPart(storeUrl: string): Promise<string> {
  const run = async (argv: string[]) => {
    const t = testIo({ STORE_URL: storeUrl });
    const code = await runCli(argv, t.io);
    if (code !== 0) throw new Error(`newsroom ${argv.join(' ')}: exit ${code}: ${t.stderr()}`);
    return t.stdout();
  };
  // Newest first on purpose: the changes come from the stories' dates, not their order of arrival.
  for (const s of [...LEDGER_EXAMPLE].reverse()) await run(['commitments', '--workspace', 'desk', s.path]);
  const text = await run(['ledger', '--workspace', 'desk', '--actor', 'fenwick borough council']);
  const json = (await run(['ledger', '--workspace', 'desk', '--actor', 'Fenwick Borough Council', '--json'])).split('\n')[0]!;
  const csv = (await run(['ledger', '--workspace', 'desk', '--csv'])).replaceAll('\r\n', '\n');
  return [
    '$ for f in examples/ledger/3-*.txt examples/ledger/2-*.txt examples/ledger/1-*.txt; do newsroom commitments --workspace desk "$f" >/dev/null; done',
    '$ newsroom ledger --workspace desk --actor "fenwick borough council"',
    text.trimEnd(),
    '$ newsroom ledger --workspace desk --actor "Fenwick Borough Council" --json | head -1',
    json,
    '$ newsroom ledger --workspace desk --csv',
    csv.trimEnd(),
  ].join('\n');
}

async function chatPart(storeUrl: string): Promise<Pick<LedgerExample, 'slack' | 'discord'>> {
  const store = await createStore(storeUrl);
  try {
    const newsroom = new Newsroom({ store, engine: new ExtractiveEngine() });
    const workspace = 'team:T-FENWICK';
    for (const s of LEDGER_EXAMPLE) {
      // As `/commitments <url>` would: the story (here given its address), its commitments, the ledger.
      const text = readFileSync(s.path, 'utf8');
      const header = readHeader(text);
      const story = buildStory({ text, meta: { ...header.meta, url: s.url, canonicalUrl: s.url }, source: { kind: 'url', ref: s.url }, bodyStart: header.bodyStart });
      await newsroom.ledger.record(workspace, story, (await newsroom.commitments(story)).value);
    }
    const reply = await new Bot(newsroom, store).handle('/commitments Fenwick Borough Council', { platform: 'slack', channel: 'C1', thread: null, workspace });
    if (!reply) throw new Error('no reply');
    return { slack: plainSlack(renderBlocks(reply).blocks), discord: plainDiscord(renderEmbeds(reply)) };
  } finally {
    await store.close();
  }
}

type SlackBlock = { type: string; text?: { text: string }; elements?: Array<{ text: string }> };

function plainSlack(blocks: readonly unknown[]): string {
  return (blocks as SlackBlock[]).map((b) => `[${b.type}] ${b.text?.text ?? (b.elements ?? []).map((e) => e.text).join(' ')}`).join('\n\n');
}

function plainDiscord(embeds: readonly APIEmbed[]): string {
  return embeds
    .flatMap((e) => [
      ...(e.title ? [`title: ${e.title}`] : []),
      ...(e.url ? [`url: ${e.url}`] : []),
      ...(e.description ? [`description: ${e.description}`] : []),
      // Discord needs a name on every field; a zero-width space stands for none.
      ...(e.fields ?? []).map((f) => (f.name === '\u200b' ? `field:\n${f.value}` : `field ${JSON.stringify(f.name)}:\n${f.value}`)),
      ...(e.footer ? [`footer: ${e.footer.text}`] : []),
    ])
    .join('\n\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const example = await ledgerExample();
  console.log(`${example.cli}\n\n---- Slack ----\n${example.slack}\n\n---- Discord ----\n${example.discord}`);
}
