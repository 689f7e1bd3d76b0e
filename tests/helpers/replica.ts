// `newsroom` from source, for tests that start real processes (node --import tsx tests/helpers/replica.ts serve).
import { main } from '../../adapters/main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTTY: false,
});
