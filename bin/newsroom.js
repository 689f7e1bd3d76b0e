#!/usr/bin/env node
// The `newsroom` command. Runs the compiled code in dist/ (built by `npm ci` / `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/adapters/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('newsroom: not built yet; run `npm run build` (npm ci does it for you)\n');
  process.exit(2);
}
// A .env in the working directory, under the real environment (which wins). Read here, not in
// main(), so tests that call main() with their own environment never pick up a developer's .env.
const { loadEnvFile } = await import(new URL('../dist/src/env-file.js', import.meta.url).href);
const envProblem = loadEnvFile();
if (envProblem) {
  process.stderr.write(`newsroom: ${envProblem}\n`);
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTTY: Boolean(process.stdin.isTTY),
});
