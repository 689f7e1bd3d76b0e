import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { testIo } from '../helpers/stream-io.js';

/** The README's worked example: three stories in which the UK's position on troops changes. */
const STORIES = ['1-uk-rules-out-troops.txt', '2-uk-troops-if-deal.txt', '3-uk-commits-troops.txt'].map((f) =>
  fileURLToPath(new URL(`../../examples/ledger/${f}`, import.meta.url)),
);

let dir = '';
let env: NodeJS.ProcessEnv = {};

async function run(argv: string[]) {
  const t = testIo(env);
  const code = await runCli(argv, t.io);
  return { code, stdout: t.stdout(), stderr: t.stderr(), lines: t.stdoutLines() };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsroom-ledger-cli-'));
  env = { STORE_URL: `sqlite://${join(dir, 'store.sqlite')}` };
  // Newest first on purpose: changes are dated by the stories, not by the order they arrive in.
  for (const file of [...STORIES].reverse()) expect((await run(['commitments', '--workspace', 'desk', file])).code).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('newsroom ledger', () => {
  it('--json writes one line per entry with exactly the fields of the issue, changes linked to the earlier story', async () => {
    const out = await run(['ledger', '--workspace', 'desk', '--actor', 'Britain', '--json']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const entries = out.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toHaveLength(3);
    for (const e of entries) {
      expect(Object.keys(e)).toEqual(['actor', 'mention', 'action', 'stance', 'condition', 'quote', 'story', 'date', 'change']);
      expect(Object.keys(e.quote as object)).toEqual(['text', 'start', 'end']);
      expect(Object.keys(e.story as object)).toEqual(['id', 'title', 'url', 'publishedAt']);
      expect(e.actor).toBe('United Kingdom');
    }
    expect(entries.map((e) => [e.stance, (e.date as string).slice(0, 10)])).toEqual([
      ['commits', '2026-08-20'],
      ['conditional', '2026-08-16'],
      ['refuses', '2026-08-12'],
    ]);
    const [latest, middle, first] = entries as Array<{ change: unknown; story: { id: string } }>;
    expect(latest!.change).toEqual({ from: 'conditional', story: middle!.story.id, date: '2026-08-16T00:00:00.000Z' });
    expect(middle!.change).toEqual({ from: 'refuses', story: first!.story.id, date: '2026-08-12T00:00:00.000Z' });
    expect(first!.change).toBeNull();
  });

  it('--csv quotes fields with commas and quotes, one header and one row per entry', async () => {
    const out = await run(['ledger', '--workspace', 'desk', '--csv']);
    expect(out.code).toBe(0);
    const rows = out.stdout.split('\r\n').filter((r) => r !== '');
    expect(rows[0]).toMatch(/^date,actor,mention,stance,action,condition,quote,/u);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain(',"The British government will send troops to Ukraine next month, the prime minister said on Thursday",');
    expect(rows[2]).toContain(',"a peace deal is signed, ministers said on Sunday",');
  });

  it('shows the change in text, keeps workspaces apart, and filters by --since', async () => {
    const text = await run(['ledger', '--workspace', 'desk', '--actor', 'the UK']);
    expect(text.stdout).toContain('changed: refused on 12 Aug, conditional on 16 Aug');
    expect(text.stdout).toContain('changed: conditional on 16 Aug, commits on 20 Aug');
    expect((await run(['ledger', '--json'])).lines).toEqual([]);
    expect((await run(['ledger', '--workspace', 'other', '--actor', 'Britain', '--json'])).lines).toEqual([]);
    expect((await run(['ledger', '--workspace', 'desk', '--since', '2026-08-15', '--json'])).lines).toHaveLength(2);
  });

  it('adds nothing when a story is processed again', async () => {
    expect((await run(['commitments', '--workspace', 'desk', STORIES[0]!])).code).toBe(0);
    expect((await run(['ledger', '--workspace', 'desk', '--json'])).lines).toHaveLength(3);
  });

  it('refuses a bad date, both formats, and inputs', async () => {
    expect((await run(['ledger', '--since', 'soon'])).code).toBe(2);
    expect((await run(['ledger', '--json', '--csv'])).code).toBe(2);
    expect((await run(['ledger', 'x.txt'])).code).toBe(2);
  });
});
