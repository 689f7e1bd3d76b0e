import { afterEach, describe, expect, it } from 'vitest';
import type { Adapter, PostedMessage } from '../../src/bot/adapter.js';
import { loadConfig } from '../../src/config.js';
import { checkReadiness, serviceRoutes, startHealthServer } from '../../src/service/health.js';
import type { HealthServer } from '../../src/service/health.js';
import { Metrics } from '../../src/service/metrics.js';
import { createStore } from '../../src/store/create-store.js';
import type { Store } from '../../src/store/store.js';

/** An adapter whose connection the test switches on and off. */
class SwitchAdapter implements Adapter {
  up = false;
  constructor(readonly name: string) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  connected(): boolean {
    return this.up;
  }
  async post(channel: string): Promise<PostedMessage> {
    return { channel, thread: '1' };
  }
}

/** A store whose reads never answer (a hung connection), or fail. */
function brokenStore(mode: 'stuck' | 'failing'): Store {
  const read = () => (mode === 'stuck' ? new Promise<never>(() => {}) : Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')));
  return { get: read, set: read, delete: read, add: read, update: read, close: async () => {} };
}

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(ready: Parameters<typeof serviceRoutes>[0]['ready'], metrics = new Metrics()): Promise<string> {
  server = await startHealthServer(serviceRoutes({ metrics, ready }), 0, '127.0.0.1');
  return `http://127.0.0.1:${server.port}`;
}

describe('health server', () => {
  it('GET /healthz is 200 while the process runs, even when not ready', async () => {
    const base = await serve(async () => ({ ready: false, store: 'ok', platforms: { slack: false } }));
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok\n');
  });

  it('GET /readyz is 503 with the reason while a platform is not connected, and 200 once it is', async () => {
    const store = await createStore('memory://');
    const slack = new SwitchAdapter('slack');
    const discord = new SwitchAdapter('discord');
    slack.up = true;
    const base = await serve(() => checkReadiness(store, [slack, discord]));
    const before = await fetch(`${base}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ ready: false, store: 'ok', platforms: { slack: true, discord: false } });
    discord.up = true;
    const after = await fetch(`${base}/readyz`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ ready: true, store: 'ok', platforms: { slack: true, discord: true } });
    await store.close();
  });

  it('GET /readyz is 503 when the store does not answer in time, or fails', async () => {
    const slack = new SwitchAdapter('slack');
    slack.up = true;
    const stuck = await checkReadiness(brokenStore('stuck'), [slack], 50);
    expect(stuck).toEqual({ ready: false, store: 'no answer within 50 ms', platforms: { slack: true } });
    const failing = await checkReadiness(brokenStore('failing'), [slack], 50);
    expect(failing.ready).toBe(false);
    expect(failing.store).toContain('ECONNREFUSED');
    const base = await serve(() => checkReadiness(brokenStore('stuck'), [slack], 50));
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
  });

  it('is not ready before the store is open', async () => {
    expect(await checkReadiness(undefined, [])).toEqual({ ready: false, store: 'not open yet', platforms: {} });
  });

  it('GET /metrics serves Prometheus text of its own registry', async () => {
    const metrics = new Metrics();
    metrics.commandHandled('slack', 'summarize', 'ok');
    const base = await serve(async () => ({ ready: true, store: 'ok', platforms: {} }), metrics);
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/u);
    expect(await response.text()).toContain('newsroom_commands_total{platform="slack",command="summarize",outcome="ok"} 1');
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    const base = await serve(async () => ({ ready: true, store: 'ok', platforms: {} }));
    expect((await fetch(`${base}/slack/events`)).status).toBe(404);
    const post = await fetch(`${base}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('HEALTH_PORT is off unless set, and must be a port number', () => {
    expect(loadConfig({ STORE_URL: 'memory://' }).HEALTH_PORT).toBeUndefined();
    expect(loadConfig({ STORE_URL: 'memory://', HEALTH_PORT: '8080' }).HEALTH_PORT).toBe(8080);
    expect(() => loadConfig({ STORE_URL: 'memory://', HEALTH_PORT: '70000' })).toThrow(/HEALTH_PORT should be a port number/u);
  });

  it('a taken port is a ConfigError that names HEALTH_PORT', async () => {
    await serve(async () => ({ ready: true, store: 'ok', platforms: {} }));
    await expect(startHealthServer([], server!.port, '127.0.0.1')).rejects.toThrow(/HEALTH_PORT: cannot listen on 127\.0\.0\.1 port \d+/u);
  });
});
