import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// In a fresh network namespace (`unshare -n`, root only) there is no route anywhere, so a
// connect to any non-loopback address fails synchronously with ENETUNREACH: the failure that
// used to escape as an unhandled 'error' event and kill the process. A host name must lead
// there (a literal IP connects on a later tick and never crashed), so a private mount
// namespace (`-m`) gets its own /etc/hosts.
const unshare = spawnSync('unshare', ['-n', '-m', 'true']);
const canUnshare = unshare.status === 0;
// The feed round also needs the namespace's loopback up, for its feed and article server.
const canLoopback = canUnshare && spawnSync('unshare', ['-n', 'ip', 'link', 'set', 'lo', 'up']).status === 0;
const reason = canUnshare ? '' : `(skipped: \`unshare -n -m\` is not permitted here: ${unshare.error?.message ?? unshare.stderr.toString().trim()}; run as root)`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node --import tsx <script> ...args` in new network and mount namespaces, with `env`
 * added, `hosts` as /etc/hosts, and the loopback interface up when asked.
 */
function offline(script: string, args: string[], env: NodeJS.ProcessEnv, setup: { hosts?: string; loopback?: boolean }): Promise<Run> {
  const steps: string[] = [];
  if (setup.hosts !== undefined) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsroom-offline-')), 'hosts');
    writeFileSync(file, setup.hosts);
    steps.push(`mount --bind '${file}' /etc/hosts`);
  }
  if (setup.loopback) steps.push('ip link set lo up');
  const node = [process.execPath, '--import', 'tsx', script, ...args];
  const command = ['sh', '-c', [...steps, 'exec "$@"'].join(' && '), 'sh', ...node];
  return new Promise((resolve) => {
    execFile('unshare', ['-n', '-m', ...command], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const CLI_ENV = { STORE_URL: 'memory://', ALLOW_PRIVATE_URLS: 'true', ENGINE: 'extractive' };
const STORY = 'The council met on Monday. "We will open the bridge in spring," said Mayor Jane Doe. The vote was close.';

describe.skipIf(!canUnshare)(`a connect that fails synchronously (no route) ${reason}`, () => {
  it.each(['http://dead4.example/story', 'http://dead6.example/story', 'http://dead46.example/story'])(
    '`newsroom summarize %s` (no route to its address) reports one line for that input and goes on to the next',
    async (url) => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsroom-offline-')), 'story.txt');
      writeFileSync(file, STORY);
      const hosts = [
        '127.0.0.1 localhost',
        '203.0.113.1 dead4.example dead46.example',
        '2001:db8::1 dead6.example dead46.example',
      ].join('\n');
      const run = await offline('tests/helpers/run-main.ts', ['summarize', url, file], CLI_ENV, { hosts });
      expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(`newsroom: ${url}: could not fetch`)]);
      // IPv4 answers ENETUNREACH; IPv6 with no interface up has no source address: EADDRNOTAVAIL.
      expect(run.stderr).toMatch(/ENETUNREACH|EADDRNOTAVAIL/u);
      // A name with several addresses: each attempt is named, none is lost in an empty message.
      if (url.includes('dead46')) {
        expect(run.stderr).toContain('; ');
        expect(run.stderr).toContain('203.0.113.1:80');
        expect(run.stderr).toContain('2001:db8::1');
      }
      // The process survived the failure: the next input was summarised.
      expect(run.stdout).toContain('We will open the bridge in spring');
      expect(run.code).toBe(1);
    },
  );

  it.skipIf(!canLoopback)('a feed round where one item links there posts every item, that one with a note', async () => {
    const run = await offline('tests/helpers/offline-feed-round.ts', ['2001:db8::1'], {}, { loopback: true });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { report, posts } = JSON.parse(run.stdout) as { report: unknown; posts: string[] };
    expect(report).toEqual({ checked: 1, failed: 0, posted: 3 });
    expect(posts).toHaveLength(3);
    expect(posts[0]).toContain('bridge');
    expect(posts[1]).toMatch(/could not be fetched: could not fetch http:\/\/dead\.example:\d+\/dead-2: .*ENETUNREACH/u);
    expect(posts[2]).toContain('tunnel');
  });
});
