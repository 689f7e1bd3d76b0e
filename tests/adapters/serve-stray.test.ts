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
    const lines = result.stderr
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string; msg: string })
      .map(({ level, msg }) => `${level}: ${msg}`);
    expect(lines).toEqual([
      // The helper serves on memory://, which serve says once is for one process.
      'warn: STORE_URL memory:// serves one process only; to run several instances, use Redis or PostgreSQL (README: Running several instances)',
      'info: alpha connected',
      'error: kept running after unexpected error: stray callback error with a second line',
      'error: kept running after unexpected error: stray rejection',
      'info: stopping',
    ]);
    expect(result.stdout).toBe('served to the end\n');
    expect(result.code).toBe(0);
  });
});
