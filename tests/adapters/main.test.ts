import { describe, expect, it } from 'vitest';
import { main } from '../../adapters/main.js';
import type { AdapterFactory } from '../../adapters/registry.js';
import type { Adapter, PostedMessage } from '../../src/bot/adapter.js';
import type { Bot } from '../../src/bot/bot.js';
import { testIo } from '../helpers/stream-io.js';

/** A platform that records its lifecycle: what `serve` must drive, with no network. */
class RecordingAdapter implements Adapter {
  readonly events: string[] = [];
  bot: Bot | undefined;
  constructor(
    readonly name: string,
    private readonly failStart = false,
  ) {}
  async start(bot: Bot): Promise<void> {
    if (this.failStart) throw new Error(`${this.name} could not connect`);
    this.bot = bot;
    this.events.push('start');
  }
  async stop(): Promise<void> {
    this.events.push('stop');
  }
  connected(): boolean {
    return this.events.at(-1) === 'start';
  }
  async post(channel: string): Promise<PostedMessage> {
    this.events.push('post');
    return { channel, thread: '1' };
  }
}

function factory(adapter: RecordingAdapter, enabledBy: string): AdapterFactory {
  return { name: adapter.name, enabledBy, configured: (c) => c.PORT === 4000, create: () => adapter };
}

describe('newsroom serve', () => {
  it('with no platform configured exits 2 and names the variables that turn one on', async () => {
    const t = testIo({ STORE_URL: 'memory://' });
    const adapters = [factory(new RecordingAdapter('alpha'), 'ALPHA_TOKEN')];
    expect(await main(['serve'], { ...t.io, adapters })).toBe(2);
    expect(t.stderr()).toContain('no chat platform is configured: set ALPHA_TOKEN for alpha');
    expect(t.stderr()).toContain('newsroom chat');
  });

  it('starts every configured adapter with one bot, and stops them all on shutdown', async () => {
    const a = new RecordingAdapter('alpha');
    const b = new RecordingAdapter('beta');
    const t = testIo({ STORE_URL: 'memory://', PORT: '4000' });
    let stop!: () => void;
    const shutdown = new Promise<void>((resolve) => (stop = resolve));
    const running = main(['serve'], { ...t.io, adapters: [factory(a, 'A'), factory(b, 'B')], shutdown });
    // Until serve reports the last platform connected (no fixed sleep: start-up loads the app first).
    await new Promise<void>((resolve) => {
      const check = () => (t.stderr().includes('beta connected') ? resolve() : t.io.stderr.once('data', () => setImmediate(check)));
      check();
    });
    expect(a.events).toEqual(['start']);
    expect(b.events).toEqual(['start']);
    expect(a.bot).toBe(b.bot);
    stop();
    expect(await running).toBe(0);
    expect(a.events).toEqual(['start', 'stop']);
    expect(b.events).toEqual(['start', 'stop']);
    expect(t.stderr()).toContain('alpha connected');
  });

  it('an adapter that cannot start: exit 1, the message printed, the ones started are stopped', async () => {
    const a = new RecordingAdapter('alpha');
    const b = new RecordingAdapter('beta', true);
    const t = testIo({ STORE_URL: 'memory://', PORT: '4000' });
    const code = await main(['serve'], { ...t.io, adapters: [factory(a, 'A'), factory(b, 'B')], shutdown: new Promise(() => {}) });
    expect(code).toBe(1);
    expect(a.events).toEqual(['start', 'stop']);
    expect(t.stderr()).toContain('beta could not connect');
  });

  it('takes no arguments', async () => {
    const t = testIo({ STORE_URL: 'memory://' });
    expect(await main(['serve', 'now'], t.io)).toBe(2);
    expect(t.stderr()).toMatch(/takes no arguments/u);
  });
});
