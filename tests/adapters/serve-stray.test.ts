import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs a script as its own process: a stray error must be tested where it could kill the process. */
function run(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe('newsroom serve, last line of defence', () => {
  it('logs a stray uncaught error and a stray rejection in one line each, keeps running, and stops cleanly', async () => {
    const result = await run('tests/helpers/serve-stray-error.ts');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      'newsroom: alpha connected',
      'newsroom: kept running after unexpected error: stray callback error with a second line',
      'newsroom: kept running after unexpected error: stray rejection',
      'newsroom: stopping',
    ]);
    expect(result.stdout).toBe('served to the end\n');
    expect(result.code).toBe(0);
  });
});
