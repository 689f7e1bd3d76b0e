import { createApp } from '../src/app.js';
import { runCli, USAGE } from '../src/cli.js';
import type { CliIo } from '../src/cli.js';
import { loadConfig } from '../src/config.js';
import { describeError } from '../src/errors.js';
import { ShellAdapter } from './shell/shell-adapter.js';

/**
 * The `newsroom` executable. `chat` and `start` run chat adapters; every other command is the
 * platform-free CLI in `src/cli.ts`. Adapters depend on the core, never the reverse.
 */
export async function main(argv: string[], io: CliIo & { isTTY?: boolean }): Promise<number> {
  const [command] = argv;
  if (command !== 'chat' && command !== 'start') return runCli(argv, io);
  if (argv.length > 1) {
    io.stderr.write(`newsroom ${command}: takes no arguments\n${USAGE}\n`);
    return 2;
  }
  let app;
  try {
    app = await createApp(loadConfig(io.env), { allowFiles: true });
  } catch (error) {
    io.stderr.write(`newsroom: ${describeError(error)}\n`);
    return 2;
  }
  // No chat platform is configured yet in this version, so `start` is the terminal chat.
  const shell = new ShellAdapter({ input: io.stdin, output: io.stdout, prompt: io.isTTY ?? false });
  try {
    await shell.start(app.bot);
    await shell.closed();
  } finally {
    await app.close();
  }
  return 0;
}
