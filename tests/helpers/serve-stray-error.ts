// `newsroom serve` as its own process, with one platform whose start lets an error escape
// from a callback (as a library's event handler might), and then one stray rejection. Shuts
// down once both have been thrown; tests/adapters/serve-stray.test.ts checks it survived.
import { main } from '../../adapters/main.js';
import type { AdapterFactory } from '../../adapters/registry.js';

let stop!: () => void;
const shutdown = new Promise<void>((resolve) => (stop = resolve));
const adapters: AdapterFactory[] = [
  {
    name: 'alpha',
    enabledBy: 'ALPHA',
    configured: () => true,
    create: () => ({
      name: 'alpha',
      start: async () => {
        setImmediate(() => {
          throw new Error('stray callback error\nwith a second line');
        });
        setImmediate(() => {
          void Promise.reject(new Error('stray rejection'));
          setTimeout(stop, 10);
        });
      },
      stop: async () => undefined,
      connected: () => true,
      post: async (channel: string) => ({ channel, thread: '1' }),
    }),
  },
];
process.exitCode = await main(['serve'], {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: { STORE_URL: 'memory://', LOG_FORMAT: 'json' },
  adapters,
  shutdown,
});
process.stdout.write('served to the end\n');
