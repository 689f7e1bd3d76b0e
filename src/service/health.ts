import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Adapter } from '../bot/adapter.js';
import { ConfigError, describeError } from '../errors.js';
import { namespaces } from '../store/keys.js';
import type { Store } from '../store/store.js';
import type { Metrics } from './metrics.js';

/** One HTTP route of the service: a path answered for GET (and HEAD). */
export interface ServiceRoute {
  /** The path, e.g. `/healthz`. */
  path: string;
  /** Writes the whole response. */
  handle(request: IncomingMessage, response: ServerResponse): void;
}

/** Whether the bot can do its work now, and what is missing when it cannot. */
export interface ReadyReport {
  /** The store answered and every platform is connected. */
  ready: boolean;
  /** `ok`, or why the store did not answer. */
  store: string;
  /** Each configured platform: connected or not. */
  platforms: Record<string, boolean>;
}

/** The liveness path: 200 while the process runs. */
export const LIVENESS_PATH = '/healthz';
/** The readiness path: 200 only when the store answers and every platform is connected. */
export const READINESS_PATH = '/readyz';
/** The Prometheus path. */
export const METRICS_PATH = '/metrics';
/** How long `/readyz` waits for the store by default. */
export const READY_STORE_TIMEOUT_MS = 2_000;

/**
 * Checks readiness: one cheap store read that must answer within `storeTimeoutMs`, and
 * `connected()` of every adapter. A store that is still being opened (`undefined`) is not ready.
 */
export async function checkReadiness(
  store: Store | undefined,
  adapters: readonly Adapter[],
  storeTimeoutMs = READY_STORE_TIMEOUT_MS,
): Promise<ReadyReport> {
  const platforms = Object.fromEntries(adapters.map((a) => [a.name, a.connected()]));
  const storeState = store ? await probeStore(store, storeTimeoutMs) : 'not open yet';
  return { ready: storeState === 'ok' && Object.values(platforms).every(Boolean), store: storeState, platforms };
}

async function probeStore(store: Store, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([
      store.get(namespaces.health, 'probe').then(
        () => 'ok',
        (error: unknown) => describeError(error),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the service routes report from. */
export interface ServiceRoutesOptions {
  /** Served at `/metrics`. */
  metrics: Metrics;
  /** Asked at each `/readyz`. */
  ready: () => Promise<ReadyReport>;
}

/**
 * `/healthz` (200 `ok`), `/readyz` (200 or 503 with the `ReadyReport` as JSON) and `/metrics`
 * (Prometheus text). Served on `HEALTH_PORT`, and by the Slack adapter on `PORT` in HTTP mode.
 */
export function serviceRoutes(options: ServiceRoutesOptions): ServiceRoute[] {
  return [
    { path: LIVENESS_PATH, handle: (_, response) => send(response, 200, 'text/plain; charset=utf-8', 'ok\n') },
    {
      path: READINESS_PATH,
      handle: (_, response) => {
        options.ready().then(
          (report) => send(response, report.ready ? 200 : 503, 'application/json', `${JSON.stringify(report)}\n`),
          (error: unknown) => send(response, 503, 'application/json', `${JSON.stringify({ ready: false, error: describeError(error) })}\n`),
        );
      },
    },
    {
      path: METRICS_PATH,
      handle: (_, response) => {
        options.metrics.text().then(
          (text) => send(response, 200, options.metrics.contentType, text),
          (error: unknown) => send(response, 500, 'text/plain; charset=utf-8', `${describeError(error)}\n`),
        );
      },
    },
  ];
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

/** A running health server. */
export interface HealthServer {
  /** The port it listens on (the one chosen when asked for port 0). */
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Serves `routes` on `port` (0: any free port) at `host`, by default every interface: a
 * Kubernetes probe comes from outside the pod, so loopback would fail it. Unknown paths get 404,
 * other methods than GET and HEAD 405.
 */
export async function startHealthServer(routes: readonly ServiceRoute[], port: number, host?: string): Promise<HealthServer> {
  const byPath = new Map(routes.map((r) => [r.path, r]));
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const route = byPath.get(path);
    if (!route) return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    route.handle(request, response);
  });
  server.listen(port, host);
  try {
    // `once` rejects when 'error' comes first (the port is taken, the address is not ours).
    await once(server, 'listening');
  } catch (error) {
    throw new ConfigError(`HEALTH_PORT: cannot listen on ${host ?? 'every interface'} port ${port}: ${(error as Error).message}`, { cause: error });
  }
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
