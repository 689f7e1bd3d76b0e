import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_EXAMPLE } from '../../scripts/ledger-example.js';
import { runCli } from '../../src/cli.js';
import { testIo } from '../helpers/stream-io.js';

/** The README's worked example: three stories in which a council's position on a library changes. */
const STORIES = LEDGER_EXAMPLE.map((s) => s.path);

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
    const out = await run(['ledger', '--workspace', 'desk', '--actor', 'fenwick borough council', '--json']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const entries = out.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toHaveLength(5);
    for (const e of entries) {
      expect(Object.keys(e)).toEqual(['actor', 'mention', 'action', 'stance', 'condition', 'quote', 'story', 'date', 'change']);
      expect(Object.keys(e.quote as object)).toEqual(['text', 'start', 'end']);
      expect(Object.keys(e.story as object)).toEqual(['id', 'title', 'url', 'publishedAt']);
      expect(e.actor).toBe('Fenwick Borough Council');
    }
    expect(entries.map((e) => [e.stance, (e.date as string).slice(0, 10)])).toEqual([
      ['commits', '2026-08-26'],
      ['conditional', '2026-08-19'],
      ['refuses', '2026-08-19'],
      ['refuses', '2026-08-12'],
      ['refuses', '2026-08-12'],
    ]);
    const [latest, middle, parking, first, headline] = entries as Array<{ action: string; change: unknown; story: { id: string } }>;
    expect(latest!.change).toEqual({ from: 'conditional', story: middle!.story.id, date: '2026-08-19T00:00:00.000Z' });
    expect(middle!.change).toEqual({ from: 'refuses', story: first!.story.id, date: '2026-08-12T00:00:00.000Z' });
    expect(first!.change).toBeNull();
    // Parking charges are another matter: refusing them changes nothing about the library.
    expect(parking!.action).toMatch(/parking charges/u);
    expect(parking!.change).toBeNull();
    // The first story's headline refusal, under the name its body gives the council.
    expect(headline).toMatchObject({ mention: 'Fenwick council', action: 'save Saltmarsh Road library', change: null });
  });

  it('--csv quotes fields with commas and quotes, one header and one row per entry', async () => {
    const out = await run(['ledger', '--workspace', 'desk', '--csv']);
    expect(out.code).toBe(0);
    const rows = out.stdout.split('\r\n').filter((r) => r !== '');
    expect(rows[0]).toMatch(/^date,actor,mention,stance,action,condition,quote,/u);
    expect(rows).toHaveLength(6);
    expect(rows[1]).toContain(',"Fenwick Borough Council will keep the Saltmarsh Road library open until at least 2028, council leader Priya Lund said on Tuesday",');
    expect(rows[2]).toContain(',conditional,keep the Saltmarsh Road library open,volunteers run its Saturday sessions,');
  });

  it('shows the change in text, keeps workspaces apart, and filters by --since', async () => {
    const text = await run(['ledger', '--workspace', 'desk', '--actor', 'Fenwick Borough Council']);
    expect(text.stdout).toContain('changed: refused on 12 Aug, conditional on 19 Aug');
    expect(text.stdout).toContain('changed: conditional on 19 Aug, commits on 26 Aug');
    expect((await run(['ledger', '--json'])).lines).toEqual([]);
    expect((await run(['ledger', '--workspace', 'other', '--actor', 'Fenwick Borough Council', '--json'])).lines).toEqual([]);
    expect((await run(['ledger', '--workspace', 'desk', '--since', '2026-08-15', '--json'])).lines).toHaveLength(3);
  });

  it('adds nothing when a story is processed again', async () => {
    expect((await run(['commitments', '--workspace', 'desk', STORIES[0]!])).code).toBe(0);
    expect((await run(['ledger', '--workspace', 'desk', '--json'])).lines).toHaveLength(5);
  });

  it('refuses a bad date, both formats, and inputs', async () => {
    expect((await run(['ledger', '--since', 'soon'])).code).toBe(2);
    expect((await run(['ledger', '--json', '--csv'])).code).toBe(2);
    expect((await run(['ledger', 'x.txt'])).code).toBe(2);
  });
});
