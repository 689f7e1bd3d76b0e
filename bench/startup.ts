/**
 * Start-up cost of the `newsroom` command: `newsroom --help` run again and again, beside a bare
 * `node -e 0` on the same machine (most of the time is Node's own start). Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/newsroom.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/adapters/main.js', import.meta.url));
/** What the command should take on a quiet machine (issue #11). */
const TARGET_MS = 300;

/** Wall-clock milliseconds of each of `runs` runs of `node ...args`, after one unmeasured run. */
function time(args: string[], runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
    if (i > 0) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

function summary(times: number[]): string {
  const median = times[Math.floor(times.length / 2)]!;
  return `median ${median.toFixed(0)} ms, min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)}`;
}

/** Prints the start-up figures. */
export function benchStartup(runs = 20): void {
  console.log('== start-up: `newsroom --help` (bench/startup.ts) ==');
  if (!existsSync(BUILT)) {
    console.log('dist/ is not built; run `npm run build` first. Skipped.');
    return;
  }
  const bare = time(['-e', '0'], runs);
  const help = time([BIN, '--help'], runs);
  console.log(`${runs} runs each, one after another`);
  console.log(`node -e 0:         ${summary(bare)}`);
  console.log(`newsroom --help:   ${summary(help)}`);
  const median = help[Math.floor(help.length / 2)]!;
  console.log(`target < ${TARGET_MS} ms: ${median < TARGET_MS ? 'met' : 'NOT met'} (median; a loaded machine inflates both lines alike)`);
}
