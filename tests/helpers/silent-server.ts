import { once } from 'node:events';
import net from 'node:net';

/** A loopback TCP server that accepts connections, reads what is sent, and never answers. */
export interface SilentServer {
  /** The port on 127.0.0.1. */
  port: number;
  /** Connections accepted so far. */
  accepted: number;
  /** Connections still open. */
  open(): number;
  /** Resolves once every accepted connection has been closed by the client. */
  allClosed(): Promise<void>;
  /** Stops listening and drops what is still open. */
  close(): Promise<void>;
}

/** Starts a {@link SilentServer} on an ephemeral port. */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<net.Socket>();
  const closed: Array<Promise<unknown>> = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    closed.push(once(socket, 'close'));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    // Reading (and discarding) lets the server see the client's FIN, so 'close' fires.
    socket.resume();
    result.accepted += 1;
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const result: SilentServer = {
    port: (server.address() as net.AddressInfo).port,
    accepted: 0,
    open: () => sockets.size,
    allClosed: async () => {
      await Promise.all(closed);
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
  return result;
}

/** A loopback TCP proxy to a real server that can be frozen: from then on nothing is forwarded either way. */
export interface FreezingProxy {
  /** `target` with host and port pointing at the proxy. */
  url: string;
  /** Stops forwarding on every connection, open and future; the sockets stay open. */
  freeze(): void;
  /** Shuts the proxy down and drops every connection. */
  close(): Promise<void>;
}

/** Starts a {@link FreezingProxy} in front of the server `target` (a redis:// or postgres:// URL) names. */
export async function startFreezingProxy(target: string, defaultPort: number): Promise<FreezingProxy> {
  const upstream = new URL(target);
  const sockets = new Set<net.Socket>();
  let frozen = false;
  const pairs: Array<[net.Socket, net.Socket]> = [];
  const server = net.createServer((client) => {
    const backend = net.connect(Number(upstream.port || defaultPort), upstream.hostname);
    for (const socket of [client, backend]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('close', () => backend.destroy());
    backend.on('close', () => client.destroy());
    if (frozen) return;
    client.pipe(backend).pipe(client);
    pairs.push([client, backend]);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.href,
    freeze: () => {
      frozen = true;
      for (const [client, backend] of pairs) {
        client.unpipe(backend);
        backend.unpipe(client);
        // Keep reading so the bytes are swallowed rather than buffered back into a pipe.
        client.resume();
        backend.resume();
      }
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
