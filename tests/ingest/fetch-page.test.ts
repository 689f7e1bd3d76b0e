import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Worker } from 'node:worker_threads';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/errors.js';
import { fetchPage, isPrivateAddress, resolveTarget } from '../../src/ingest/fetch-page.js';
import type { ResolvedAddress } from '../../src/ingest/fetch-page.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const LOOPBACK: ResolvedAddress[] = [{ address: '127.0.0.1', family: 4 }];
const BOMB_SIZE = 8 * 1024 * 1024;
const gzipBomb = gzipSync(Buffer.alloc(BOMB_SIZE));

let server: Server;
let base: string;
let port: number;
let requestCount = 0;
let lastSocketClosed: Promise<void> = Promise.resolve();
let onStalled: (() => void) | undefined;

function redirect(location: string, status = 302): Handler {
  return (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };
}

const routes: Record<string, Handler> = {
  '/latin1': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
    res.end(Buffer.from('<p>Café crème à la carte</p>', 'latin1'));
  },
  '/meta-charset': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(Buffer.from('<html><head><meta charset="windows-1252"></head><p>Café</p></html>', 'latin1'));
  },
  '/plain': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(Buffer.from('naïve résumé', 'utf8'));
  },
  '/pdf': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf' });
    res.end('%PDF-1.7');
  },
  '/untyped': (_req, res) => {
    res.writeHead(200);
    res.end('<p>no content type</p>');
  },
  '/missing': (_req, res) => {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<p>not here</p>');
  },
  '/echo': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`${req.headers.host}\n${req.headers['user-agent']}`);
  },
  '/moved': (_req, res) => redirect(`${base}/hop/0`, 301)(_req, res),
  '/nested/relative': redirect('../hop/0'),
  '/to-ftp': redirect('ftp://127.0.0.1/file.txt'),
  '/to-file': redirect('file:///etc/passwd'),
  '/to-credentials': (_req, res) => redirect(`http://user:secret@127.0.0.1:${port}/hop/0`)(_req, res),
  '/to-hop-example': (_req, res) => redirect(`http://hop.example:${port}/hop/0`)(_req, res),
  '/declared-huge': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(10_000_000) });
    res.flushHeaders();
  },
  '/endless': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(16 * 1024, 'a');
    let open = true;
    res.on('close', () => {
      open = false;
    });
    const pump = (): void => {
      if (open) res.write(chunk, () => setImmediate(pump));
    };
    pump();
  },
  '/gzip-bomb': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
    res.end(gzipBomb);
  },
  '/gzip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-encoding': 'gzip' });
    res.end(gzipSync(Buffer.from('compressed café')));
  },
  '/br': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-encoding': 'br' });
    res.end(brotliCompressSync(Buffer.from('compressed café')));
  },
  '/stall': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<p>the rest never comes', () => onStalled?.());
  },
};

function handle(req: IncomingMessage, res: ServerResponse): void {
  requestCount += 1;
  const socket = req.socket;
  lastSocketClosed = new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
  const path = new URL(req.url ?? '/', 'http://loopback').pathname;
  const hop = /^\/hop\/(\d+)$/.exec(path);
  if (hop) {
    const remaining = Number(hop[1]);
    if (remaining === 0) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('arrived');
    } else {
      redirect(`/hop/${remaining - 1}`)(req, res);
    }
    return;
  }
  const route = routes[path];
  if (route) return route(req, res);
  res.writeHead(500, { 'content-type': 'text/plain' });
  res.end(`no route for ${path}`);
}

beforeAll(async () => {
  server = createServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
  await closed;
});

/** Awaits a rejection and checks it is a FetchError with the given code. */
async function refusal(promise: Promise<unknown>, code: string): Promise<FetchError> {
  const error = await promise.then(
    () => new Error('expected a refusal, but the fetch succeeded'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(FetchError);
  expect((error as FetchError).code).toBe(code);
  return error as FetchError;
}

/** A lookup that fails the test if called: refusals of literal hosts must not need DNS. */
const noLookup = (hostname: string): Promise<ResolvedAddress[]> =>
  Promise.reject(new Error(`lookup must not be called (asked for ${hostname})`));

/** A lookup that records what it was asked and answers loopback. */
function recordingLookup(): { lookup: (hostname: string) => Promise<ResolvedAddress[]>; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    lookup: async (hostname) => {
      asked.push(hostname);
      return LOOPBACK;
    },
  };
}

describe('fetchPage content', () => {
  it('decodes an html body with the charset from Content-Type', async () => {
    const page = await fetchPage(`${base}/latin1`, { allowPrivate: true });
    expect(page).toEqual({
      url: `${base}/latin1`,
      status: 200,
      kind: 'html',
      contentType: 'text/html; charset=iso-8859-1',
      body: '<p>Café crème à la carte</p>',
    });
  });

  it('decodes an html body with the charset from <meta> when Content-Type has none', async () => {
    const page = await fetchPage(`${base}/meta-charset`, { allowPrivate: true });
    expect(page.body).toContain('<p>Café</p>');
  });

  it('accepts text/plain as kind text and decodes it as UTF-8 by default', async () => {
    const page = await fetchPage(`${base}/plain`, { allowPrivate: true });
    expect(page.kind).toBe('text');
    expect(page.body).toBe('naïve résumé');
  });

  it.each(['gzip', 'br'])('decompresses a %s body', async (encoding) => {
    const page = await fetchPage(`${base}/${encoding}`, { allowPrivate: true });
    expect(page.body).toBe('compressed café');
  });

  it('refuses application/pdf', async () => {
    const error = await refusal(fetchPage(`${base}/pdf`, { allowPrivate: true }), 'UNSUPPORTED_CONTENT_TYPE');
    expect(error.message).toBe(`refused ${base}/pdf: content type application/pdf is not HTML or plain text`);
  });

  it('refuses a response without Content-Type', async () => {
    await refusal(fetchPage(`${base}/untyped`, { allowPrivate: true }), 'UNSUPPORTED_CONTENT_TYPE');
  });

  it('refuses a non-2xx status and names it in the message', async () => {
    const error = await refusal(fetchPage(`${base}/missing`, { allowPrivate: true }), 'HTTP_STATUS');
    expect(error.message).toBe(`could not fetch ${base}/missing: the server answered 404 Not Found`);
  });
});

describe('fetchPage size cap', () => {
  it('refuses a declared Content-Length over maxBytes before reading the body', async () => {
    // The server sends headers and then nothing, so only the up-front check can refuse in time.
    await refusal(fetchPage(`${base}/declared-huge`, { allowPrivate: true, totalTimeoutMs: 5_000 }), 'BODY_TOO_LARGE');
  });

  it('refuses a chunked body once the streamed bytes pass maxBytes and closes the socket', async () => {
    await refusal(fetchPage(`${base}/endless`, { allowPrivate: true, maxBytes: 64 * 1024 }), 'BODY_TOO_LARGE');
    await lastSocketClosed;
  });

  it('refuses a gzip bomb by its decompressed size', async () => {
    const maxBytes = 1024 * 1024;
    expect(gzipBomb.length).toBeLessThan(maxBytes);
    await refusal(fetchPage(`${base}/gzip-bomb`, { allowPrivate: true, maxBytes }), 'BODY_TOO_LARGE');
  });
});

describe('fetchPage redirects', () => {
  it('follows a redirect and reports the final URL', async () => {
    const page = await fetchPage(`${base}/moved`, { allowPrivate: true });
    expect(page.url).toBe(`${base}/hop/0`);
    expect(page.body).toBe('arrived');
  });

  it('resolves a relative Location against the current URL', async () => {
    const page = await fetchPage(`${base}/nested/relative`, { allowPrivate: true });
    expect(page.url).toBe(`${base}/hop/0`);
  });

  it('follows five redirects', async () => {
    const page = await fetchPage(`${base}/hop/5`, { allowPrivate: true });
    expect(page.url).toBe(`${base}/hop/0`);
  });

  it('refuses the sixth redirect', async () => {
    await refusal(fetchPage(`${base}/hop/6`, { allowPrivate: true }), 'TOO_MANY_REDIRECTS');
  });

  it('refuses a redirect to ftp:', async () => {
    const error = await refusal(fetchPage(`${base}/to-ftp`, { allowPrivate: true }), 'URL_SCHEME');
    expect(error.message).toContain('ftp://127.0.0.1/file.txt');
  });

  it('refuses a redirect to file:', async () => {
    await refusal(fetchPage(`${base}/to-file`, { allowPrivate: true }), 'URL_SCHEME');
  });

  it('refuses a redirect to a URL with credentials without repeating the password', async () => {
    const error = await refusal(fetchPage(`${base}/to-credentials`, { allowPrivate: true }), 'URL_CREDENTIALS');
    expect(error.message).not.toContain('secret');
  });

  it('resolves the host of every hop through the lookup before connecting to it', async () => {
    const { lookup, asked } = recordingLookup();
    const page = await fetchPage(`http://start.example:${port}/to-hop-example`, { allowPrivate: true, lookup });
    expect(asked).toEqual(['start.example', 'hop.example']);
    expect(page.url).toBe(`http://hop.example:${port}/hop/0`);
  });

  it('refuses a redirect whose host does not resolve', async () => {
    const asked: string[] = [];
    const lookup = async (hostname: string): Promise<ResolvedAddress[]> => {
      asked.push(hostname);
      if (hostname === 'hop.example') throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return LOOPBACK;
    };
    const before = requestCount;
    await refusal(fetchPage(`http://start.example:${port}/to-hop-example`, { allowPrivate: true, lookup }), 'DNS_FAILED');
    expect(asked).toEqual(['start.example', 'hop.example']);
    expect(requestCount - before).toBe(1);
  });
});

describe('fetchPage connection', () => {
  it('connects to the address the lookup returned and sends the original host name as Host', async () => {
    const { lookup, asked } = recordingLookup();
    const page = await fetchPage(`http://news.example:${port}/echo`, { allowPrivate: true, lookup, userAgent: 'test-agent/1' });
    expect(page.body).toBe(`news.example:${port}\ntest-agent/1`);
    expect(asked).toEqual(['news.example']);
  });

  it('sends the original host name as TLS servername while connecting to the checked address', async () => {
    const servernames: string[] = [];
    const tlsServer = createTlsServer({
      SNICallback: (servername, callback) => {
        servernames.push(servername);
        callback(new Error('this test server has no certificate'), undefined);
      },
    });
    tlsServer.on('tlsClientError', () => undefined);
    tlsServer.listen(0, '127.0.0.1');
    await once(tlsServer, 'listening');
    const tlsPort = (tlsServer.address() as AddressInfo).port;
    try {
      await refusal(
        fetchPage(`https://secure.example:${tlsPort}/`, { allowPrivate: true, lookup: async () => LOOPBACK }),
        'NETWORK',
      );
      expect(servernames).toEqual(['secure.example']);
    } finally {
      await new Promise((resolve) => tlsServer.close(resolve));
    }
  });

  it('gives up with TIMEOUT when the server stalls mid-body, and closes the socket', async () => {
    await refusal(fetchPage(`${base}/stall`, { allowPrivate: true, totalTimeoutMs: 300 }), 'TIMEOUT');
    await lastSocketClosed;
  });

  it('stops with ABORTED when the signal aborts mid-body', async () => {
    const controller = new AbortController();
    onStalled = () => controller.abort();
    try {
      await refusal(fetchPage(`${base}/stall`, { allowPrivate: true, signal: controller.signal }), 'ABORTED');
      await lastSocketClosed;
    } finally {
      onStalled = undefined;
    }
  });

  it('does not contact the server when the signal is already aborted', async () => {
    const before = requestCount;
    await refusal(fetchPage(`${base}/plain`, { allowPrivate: true, signal: AbortSignal.abort() }), 'ABORTED');
    expect(requestCount).toBe(before);
  });

  it('reports a request that cannot even be built (a header with a line break) as NETWORK, in one line', async () => {
    const error = await refusal(
      fetchPage(`${base}/plain`, { allowPrivate: true, headers: { 'if-none-match': '"a\nb"' } }),
      'NETWORK',
    );
    expect(error.message).toMatch(new RegExp(`^could not fetch ${base}/plain: [^\\n]+$`, 'u'));
  });

  it('refuses a refused connection as NETWORK', async () => {
    const closedServer = createServer();
    closedServer.listen(0, '127.0.0.1');
    await once(closedServer, 'listening');
    const closedPort = (closedServer.address() as AddressInfo).port;
    await new Promise((resolve) => closedServer.close(resolve));
    await refusal(fetchPage(`http://127.0.0.1:${closedPort}/`, { allowPrivate: true }), 'NETWORK');
  });

  // A listener whose thread never accepts: once its accept queue is full, Linux drops further
  // SYNs, so the next connect stays pending without any timing race. Other kernels may reset.
  it.skipIf(process.platform !== 'linux')('gives up with CONNECT_TIMEOUT when the connection is not established in time', async () => {
    const wake = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(
      `
      const { parentPort, workerData } = require('node:worker_threads');
      const server = require('node:net').createServer();
      server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
        parentPort.postMessage(server.address().port);
        Atomics.wait(workerData, 0, 0);
        server.close();
      });
      `,
      { eval: true, workerData: wake },
    );
    const [blackholePort] = (await once(worker, 'message')) as [number];
    const fillers: Socket[] = [];
    try {
      const connected = Array.from({ length: 2 }, () => {
        const socket = connect(blackholePort, '127.0.0.1').on('error', () => undefined);
        fillers.push(socket);
        return once(socket, 'connect');
      });
      await Promise.all(connected);
      for (let i = 0; i < 4; i += 1) fillers.push(connect(blackholePort, '127.0.0.1').on('error', () => undefined));
      await refusal(
        fetchPage(`http://127.0.0.1:${blackholePort}/`, { allowPrivate: true, connectTimeoutMs: 200 }),
        'CONNECT_TIMEOUT',
      );
    } finally {
      for (const socket of fillers) socket.destroy();
      Atomics.store(wake, 0, 1);
      Atomics.notify(wake, 0);
      await once(worker, 'exit');
    }
  });
});

describe('fetchPage URL checks', () => {
  it.each(['ftp://example.com/file', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<p>hi</p>'])(
    'refuses the non-http scheme of %s',
    async (url) => {
      await refusal(fetchPage(url, { lookup: noLookup }), 'URL_SCHEME');
    },
  );

  it('refuses a URL with credentials without repeating them', async () => {
    const error = await refusal(fetchPage('http://user:hunter2@example.com/', { lookup: noLookup }), 'URL_CREDENTIALS');
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses text that is not a URL', async () => {
    await refusal(fetchPage('not a url', { lookup: noLookup }), 'URL_INVALID');
  });

  it('refuses a private IPv4 literal with a message naming the URL and the reason', async () => {
    const error = await refusal(fetchPage('http://10.0.0.5/x', { lookup: noLookup }), 'URL_PRIVATE_ADDRESS');
    expect(error.message).toBe(
      'refused http://10.0.0.5/x: 10.0.0.5 is a private address (set ALLOW_PRIVATE_URLS=true to allow)',
    );
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://localhost/',
    'http://api.localhost/',
    'http://LOCALHOST./',
    'http://metadata.google.internal/computeMetadata/v1/',
  ])('refuses %s before any lookup or connection', async (url) => {
    const before = requestCount;
    await refusal(fetchPage(url, { lookup: noLookup, totalTimeoutMs: 1_000 }), 'URL_PRIVATE_ADDRESS');
    expect(requestCount).toBe(before);
  });

  it('refuses a host name that resolves to loopback when allowPrivate is false', async () => {
    const { lookup } = recordingLookup();
    const before = requestCount;
    await refusal(fetchPage(`http://news.example:${port}/plain`, { lookup }), 'URL_PRIVATE_ADDRESS');
    expect(requestCount).toBe(before);
  });
});

// resolveTarget is the check fetchPage runs on every hop; it never connects, so these cases
// can use public-looking answers that a real fetch would send onto the internet.
describe('resolveTarget', () => {
  it('refuses a host when any of its addresses is private', async () => {
    const lookup = async (): Promise<ResolvedAddress[]> => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.1.2.3', family: 4 },
    ];
    const error = await refusal(resolveTarget('http://mixed.example/a', { lookup }), 'URL_PRIVATE_ADDRESS');
    expect(error.message).toBe(
      'refused http://mixed.example/a: mixed.example resolves to 10.1.2.3, a private address (set ALLOW_PRIVATE_URLS=true to allow)',
    );
  });

  it('refuses a host that resolves to an IPv4-mapped metadata address', async () => {
    const lookup = async (): Promise<ResolvedAddress[]> => [{ address: '::ffff:169.254.169.254', family: 6 }];
    await refusal(resolveTarget('https://sneaky.example/', { lookup }), 'URL_PRIVATE_ADDRESS');
  });

  it('returns every checked address for a public host', async () => {
    const addresses: ResolvedAddress[] = [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ];
    const target = await resolveTarget('https://news.example/story', { lookup: async () => addresses });
    expect(target.url.href).toBe('https://news.example/story');
    expect(target.addresses).toEqual(addresses);
  });

  it('reports a failed lookup as DNS_FAILED', async () => {
    const lookup = async (): Promise<ResolvedAddress[]> => {
      throw Object.assign(new Error('queryA ENOTFOUND gone.example'), { code: 'ENOTFOUND' });
    };
    await refusal(resolveTarget('http://gone.example/', { lookup }), 'DNS_FAILED');
  });

  it('reports an empty lookup answer as DNS_FAILED', async () => {
    await refusal(resolveTarget('http://empty.example/', { lookup: async () => [] }), 'DNS_FAILED');
  });

  it('allows a private address when allowPrivate is true', async () => {
    const target = await resolveTarget('http://10.0.0.5/', { allowPrivate: true, lookup: noLookup });
    expect(target.addresses).toEqual([{ address: '10.0.0.5', family: 4 }]);
  });
});
