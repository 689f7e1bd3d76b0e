/**
 * The commitment ledger at scale (src/ledger/): 10,000 stories recorded in one workspace, then
 * `/commitments <actor>` answered from the ledger (bot → ledger → reply, no engine) for a heavy
 * actor and a typical one. p50/p99 per backend (SQLite always; Redis and PostgreSQL when
 * TEST_REDIS_URL / TEST_POSTGRES_URL are set, and a line saying so when not), and the process's memory.
 *
 *   npm run bench -- --ledger-only [--stories N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Bot } from '../src/bot/bot.js';
import type { Commitment } from '../src/citations/gate.js';
import type { Stance } from '../src/engines/engine.js';
import { ExtractiveEngine } from '../src/engines/extractive/extractive-engine.js';
import { Newsroom } from '../src/newsroom.js';
import { createStore } from '../src/store/create-store.js';
import { buildStory } from '../src/story/build-story.js';

/** Target from issue #15: p99 of `/commitments <actor>` on SQLite. */
const TARGET_P99_MS = 50;
const QUERIES = 300;
const STANCES: Stance[] = ['commits', 'refuses', 'conditional', 'considering'];
const COUNTRIES = ['Britain', 'France', 'Germany', 'Japan', 'Canada', 'Brazil', 'India', 'Kenya', 'Mexico', 'Norway'];
const MATTERS = ['send troops', 'cut tariffs', 'raise taxes', 'fund hospitals', 'build ports', 'ban imports', 'sign treaty', 'close embassy'];

/** Actor of commitment `j` of story `i`: one heavy actor in every tenth story, countries, and 400 people. */
function actorOf(i: number, j: number): string {
  if (j === 0 && i % 10 === 0) return 'Britain';
  if (j === 1) return COUNTRIES[i % COUNTRIES.length]!;
  return `Minister Alex Person${(i * 7 + j) % 400}`;
}

function story(i: number): { story: ReturnType<typeof buildStory>; commitments: Commitment[] } {
  const lines = [0, 1, 2].map((j) => `${actorOf(i, j)} will ${MATTERS[(i + j) % MATTERS.length]} in region ${i}.`);
  const text = `${lines.join('\n\n')}\n`;
  const day = new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString();
  const built = buildStory({ text, meta: { title: `Story ${i}`, publishedAt: day }, source: { kind: 'text', ref: `s${i}` } });
  const commitments = lines.map((line, j): Commitment => {
    const start = text.indexOf(line);
    return {
      actor: actorOf(i, j),
      actorMention: null,
      action: MATTERS[(i + j) % MATTERS.length]!,
      stance: STANCES[(i * 3 + j) % STANCES.length]!,
      condition: null,
      quote: { text: line, start, end: start + line.length },
    };
  });
  return { story: built, commitments };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function benchOne(label: string, url: string, stories: number, workspace: string): Promise<void> {
  const store = await createStore(url);
  try {
    const newsroom = new Newsroom({ store, engine: new ExtractiveEngine() });
    const bot = new Bot(newsroom, store);
    const conversation = { platform: 'bench', channel: 'c', thread: null, workspace };
    const seed = performance.now();
    // The first and the last tenth apart: a write whose cost grows with the actor's history shows as a gap.
    const tenth = Math.max(1, Math.floor(stories / 10));
    let firstMs = 0;
    let lastMs = 0;
    for (let i = 0; i < stories; i += 1) {
      const s = story(i);
      const t = performance.now();
      await newsroom.ledger.record(workspace, s.story, s.commitments);
      if (i < tenth) firstMs += performance.now() - t;
      if (i >= stories - tenth) lastMs += performance.now() - t;
    }
    const seedMs = performance.now() - seed;
    console.log(
      `${label}: recorded ${stories} stories (${stories * 3} commitments) in ${(seedMs / 1000).toFixed(1)} s, ${(seedMs / stories).toFixed(2)} ms/story ` +
        `(first ${tenth}: ${(firstMs / tenth).toFixed(2)} ms/story, last ${tenth}: ${(lastMs / tenth).toFixed(2)} ms/story)`,
    );
    for (const [who, query] of [['heavy actor (every 10th story + a country)', 'the UK'], ['a person of 400', 'Alex Person7']] as const) {
      const times: number[] = [];
      let entries = 0;
      for (let q = 0; q < QUERIES + 20; q += 1) {
        const start = performance.now();
        const reply = await bot.handle(`/commitments ${query}`, conversation);
        const ms = performance.now() - start;
        if (q >= 20) times.push(ms);
        entries = reply?.blocks.filter((b) => b.type === 'cited').length ?? 0;
      }
      // What `newsroom ledger --actor` reads: every entry of the actor, not only the shown ones.
      const full = performance.now();
      const found = await newsroom.ledger.actor(workspace, query);
      const fullMs = performance.now() - full;
      times.sort((a, b) => a - b);
      const p99 = percentile(times, 99);
      const mark = label.startsWith('SQLite') ? (p99 < TARGET_P99_MS ? '  (target < 50 ms: met)' : '  (target < 50 ms: MISSED)') : '';
      console.log(`  /commitments ${query} — ${who}: ${found?.entries.length ?? 0} entries, ${entries} shown; p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms${mark}; reading all its entries (CLI) ${fullMs.toFixed(0)} ms`);
    }
    const mem = process.memoryUsage();
    console.log(`  memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`);
  } finally {
    await store.close();
  }
}

/** Runs the ledger benchmark on SQLite, then Redis and PostgreSQL when their URLs are set. */
export async function benchLedger(env: NodeJS.ProcessEnv, stories = 10_000): Promise<void> {
  console.log(`== commitment ledger: ${stories} stories in one workspace, ${QUERIES} queries each (bench/ledger.ts) ==`);
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-bench-ledger-'));
  const workspace = `bench-${process.pid}-${Date.now()}`;
  try {
    await benchOne('SQLite', `sqlite://${join(dir, 'ledger.sqlite')}`, stories, workspace);
    for (const [label, name] of [['Redis', 'TEST_REDIS_URL'], ['PostgreSQL', 'TEST_POSTGRES_URL']] as const) {
      const url = env[name];
      if (url) await benchOne(label, url, stories, workspace);
      else console.log(`${label}: not measured: set ${name} (e.g. ${name === 'TEST_REDIS_URL' ? 'redis://127.0.0.1:6379/3' : 'postgres://postgres@127.0.0.1:5432/test_h3'})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
