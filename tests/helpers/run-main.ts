// `bin/newsroom.js` on the sources instead of dist/, for tests that need the command as a
// separate process (e.g. inside `unshare -n`) without a build first.
import { main } from '../../adapters/main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTTY: false,
});
