import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One route of a {@link LoopbackServer}. */
export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 that records the paths it was asked for. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  base: string;
  /** Paths requested, in order. */
  requests: string[];
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Starts a server on an ephemeral loopback port; unknown paths answer 404. */
export async function startLoopbackServer(routes: Record<string, Route>): Promise<LoopbackServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const route = routes[path];
    if (route) {
      route(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A route that answers 200 with `body` and the given content type. */
export function serve(contentType: string, body: string): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    res.end(body);
  };
}

/** A route that redirects to `location`. */
export function redirect(location: string, status = 302): Route {
  return (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };
}
