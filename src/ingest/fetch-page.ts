import { TextDecoder } from 'node:util';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { RequestOptions } from 'node:https';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TLSSocket } from 'node:tls';
import { constants as zlib, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { FetchError, HttpStatusError } from '../errors.js';
import { isPrivateAddress } from './address-rules.js';

// The guard's default rule, part of this module's API.
export { isPrivateAddress };

/** One address a host name resolves to. */
export interface ResolvedAddress {
  /** The IPv4 or IPv6 address, without brackets. */
  address: string;
  /** The address family. */
  family: 4 | 6;
}

/** How {@link fetchPage} fetches; every field has a safe default. */
export interface FetchPageOptions {
  /** Allow loopback, private, link-local and other non-public targets. Default `false`. */
  allowPrivate?: boolean;
  /** Milliseconds allowed for the connection (TCP, and TLS for https) to each host. Default 5 000. */
  connectTimeoutMs?: number;
  /** Milliseconds allowed for the whole fetch: DNS, every redirect hop and the body. Default 15 000. */
  totalTimeoutMs?: number;
  /** Largest body accepted, in bytes, both as sent and after decompression. Default 5 MiB. */
  maxBytes?: number;
  /** Most redirects followed; one more is refused. Default 5. */
  maxRedirects?: number;
  /** `User-Agent` header sent with every request. */
  userAgent?: string;
  /** Resolves a host name to all of its addresses. Default: `node:dns/promises` `lookup` with `all: true`. */
  lookup?: (hostname: string) => Promise<ResolvedAddress[]>;
  /**
   * Which addresses the guard refuses when `allowPrivate` is false. Default {@link isPrivateAddress}.
   * Tests narrow it to let a loopback server stand in for one public host while the guard stays on.
   */
  isBlocked?: (address: string) => boolean;
  /** Cancels the fetch; the socket is destroyed and the fetch rejects with code `ABORTED`. */
  signal?: AbortSignal;
  /** Which content types are accepted and what they are; default {@link PAGE_CONTENT}. */
  accept?: AcceptedContent;
  /** Extra request headers (e.g. `if-none-match`), sent on every hop; they cannot replace the fixed ones. */
  headers?: Readonly<Record<string, string>>;
}

/** How {@link fetchResource} fetches: {@link FetchPageOptions}, and whether a 304 is an answer. */
export interface FetchResourceOptions extends FetchPageOptions {
  /** Resolve with a {@link NotModified} on 304 (for conditional requests); otherwise a 304 is an error. */
  allowNotModified?: boolean;
}

/** The content types a fetch accepts, and how each is decoded. */
export interface AcceptedContent {
  /** Lower-case media type → kind of body. */
  kinds: ReadonlyMap<string, FetchedPage['kind']>;
  /** The `Accept` request header. */
  header: string;
  /** What the accepted types are, for the refusal message: "HTML or plain text". */
  label: string;
}

/** A 304 answer to a conditional request: the resource is unchanged, and nothing was read. */
export interface NotModified {
  /** The URL that answered, after redirects. */
  url: string;
  /** Always 304. */
  status: 304;
  /** The `ETag` header, if the 304 repeated it. */
  etag: string | undefined;
  /** The `Last-Modified` header, if the 304 repeated it. */
  lastModified: string | undefined;
}

/** A page that passed every check, with its body decoded to a string. */
export interface FetchedPage {
  /** The final URL, after redirects. */
  url: string;
  /** The final HTTP status (always 2xx). */
  status: number;
  /** `html` for `text/html` and `application/xhtml+xml`, `text` for `text/plain`, `xml` for feeds. */
  kind: 'html' | 'text' | 'xml';
  /** The raw `Content-Type` header value. */
  contentType: string;
  /**
   * The body, decoded by BOM, else `Content-Type` charset, else `<meta charset>` (html) or the
   * XML declaration's `encoding` (xml), else UTF-8.
   */
  body: string;
  /** The `ETag` response header, for a later conditional request. */
  etag?: string;
  /** The `Last-Modified` response header, for a later conditional request. */
  lastModified?: string;
}

/** A URL that passed the scheme, credential and private-address checks, with the addresses to use. */
export interface ResolvedTarget {
  /** The URL that was checked. */
  url: URL;
  /** Every address the host resolved to; all were checked and the connection may go only to these. */
  addresses: ResolvedAddress[];
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_TOTAL_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const DEFAULT_USER_AGENT = 'newsroom-bot/0.1 (+https://github.com/)';
const ALLOW_HINT = '(set ALLOW_PRIVATE_URLS=true to allow)';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** What article fetches accept: HTML, XHTML and plain text. */
export const PAGE_CONTENT: AcceptedContent = {
  kinds: new Map([
    ['text/html', 'html'],
    ['application/xhtml+xml', 'html'],
    ['text/plain', 'text'],
  ]),
  header: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8',
  label: 'HTML or plain text',
};

/**
 * Fetches an http(s) URL for ingestion, refusing anything unsafe or unusable: private targets
 * (checked on every redirect hop, and the socket goes only to the checked addresses), other
 * schemes, credentials, non-2xx answers, content types other than HTML or plain text, and
 * bodies over `maxBytes` before or after decompression.
 *
 * @throws {FetchError} with a stable `code` for every refusal and failure.
 */
export async function fetchPage(url: string, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const result = await fetchResource(url, { ...options, allowNotModified: false });
  // Without allowNotModified a 304 is refused as a status error before this point.
  if (!('body' in result)) throw new HttpStatusError(304, `could not fetch ${showInput(url)}: the server answered 304`);
  return result;
}

/**
 * {@link fetchPage} for conditional requests: with `allowNotModified`, a 304 answer resolves
 * with a {@link NotModified} and no body is read.
 *
 * @throws {FetchError} as {@link fetchPage}; a non-2xx status is an {@link HttpStatusError}.
 */
export async function fetchResource(url: string, options: FetchResourceOptions = {}): Promise<FetchedPage | NotModified> {
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  const controller = new AbortController();
  const shown = showInput(url);
  const timer = setTimeout(() => {
    controller.abort(
      new FetchError('TIMEOUT', `could not fetch ${shown}: no complete response within ${totalTimeoutMs} ms`),
    );
  }, totalTimeoutMs);
  const onCallerAbort = (): void => {
    controller.abort(
      new FetchError('ABORTED', `could not fetch ${shown}: the fetch was cancelled`, {
        cause: options.signal?.reason,
      }),
    );
  };
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  try {
    return await followRedirects(url, options, controller.signal);
  } catch (error) {
    // Once aborted, whatever the destroyed socket or stream reported is only a symptom.
    if (controller.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * Checks a URL the way {@link fetchPage} checks every hop, without connecting: http(s) only, no
 * credentials, no private host names, and no private address among everything the host resolves
 * to (unless `allowPrivate`). Literal IP hosts are checked without DNS.
 *
 * @throws {FetchError} `URL_INVALID`, `URL_SCHEME`, `URL_CREDENTIALS`, `URL_PRIVATE_ADDRESS`,
 *   `DNS_FAILED` or `ABORTED`.
 */
export async function resolveTarget(
  url: string | URL,
  options: Pick<FetchPageOptions, 'allowPrivate' | 'lookup' | 'signal' | 'isBlocked'> = {},
): Promise<ResolvedTarget> {
  const parsed = parseUrl(url);
  const shown = showUrl(parsed);
  const { signal } = options;
  try {
    return await checkTarget(parsed, options, shown);
  } catch (error) {
    if (signal?.aborted && !(error instanceof FetchError)) {
      throw new FetchError('ABORTED', `could not fetch ${shown}: the fetch was cancelled`, { cause: error });
    }
    throw error;
  }
}

async function checkTarget(
  parsed: URL,
  options: Pick<FetchPageOptions, 'allowPrivate' | 'lookup' | 'signal' | 'isBlocked'>,
  shown: string,
): Promise<ResolvedTarget> {
  const isBlocked = options.isBlocked ?? isPrivateAddress;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError('URL_SCHEME', `refused ${shown}: only http and https URLs can be fetched`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new FetchError('URL_CREDENTIALS', `refused ${shown}: URLs with a user name or password are not allowed`);
  }

  const host = unbracket(parsed.hostname);
  const allowPrivate = options.allowPrivate ?? false;
  const literalFamily = isIP(host);
  if (literalFamily === 4 || literalFamily === 6) {
    if (!allowPrivate && isBlocked(host)) {
      throw new FetchError('URL_PRIVATE_ADDRESS', `refused ${shown}: ${host} is a private address ${ALLOW_HINT}`);
    }
    return { url: parsed, addresses: [{ address: host, family: literalFamily }] };
  }
  if (!allowPrivate && isPrivateHostname(host)) {
    throw new FetchError('URL_PRIVATE_ADDRESS', `refused ${shown}: ${host} is a private host name ${ALLOW_HINT}`);
  }

  const lookup = options.lookup ?? systemLookup;
  let addresses: ResolvedAddress[];
  try {
    addresses = await untilAborted(lookup(host), options.signal);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const reason = (error as NodeJS.ErrnoException | undefined)?.code ?? describe(error);
    throw new FetchError('DNS_FAILED', `could not fetch ${shown}: ${host} did not resolve (${reason})`, {
      cause: error,
    });
  }
  if (addresses.length === 0) {
    throw new FetchError('DNS_FAILED', `could not fetch ${shown}: ${host} resolved to no addresses`);
  }
  if (!allowPrivate) {
    const blocked = addresses.find((entry) => isBlocked(entry.address));
    if (blocked) {
      throw new FetchError(
        'URL_PRIVATE_ADDRESS',
        `refused ${shown}: ${host} resolves to ${blocked.address}, a private address ${ALLOW_HINT}`,
      );
    }
  }
  return { url: parsed, addresses };
}

async function followRedirects(
  input: string,
  options: FetchResourceOptions,
  signal: AbortSignal,
): Promise<FetchedPage | NotModified> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const start = parseUrl(input);
  let current: URL = start;
  for (let redirects = 0; ; redirects += 1) {
    signal.throwIfAborted();
    const label = redirects === 0 ? showUrl(current) : `${showUrl(current)} (redirected from ${showUrl(start)})`;
    const target = await checkTarget(current, { ...options, signal }, label);
    const exchange = openRequest(target, options, signal, label);
    try {
      const response = await exchange.response;
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        if (redirects >= maxRedirects) {
          throw new FetchError(
            'TOO_MANY_REDIRECTS',
            `refused ${showUrl(start)}: more than ${maxRedirects} redirects`,
          );
        }
        current = parseUrl(location, `a redirect from ${showUrl(current)} to ${JSON.stringify(location)}`, current);
        continue;
      }
      if (status === 304 && options.allowNotModified) {
        return { url: target.url.href, status: 304, etag: header(response, 'etag'), lastModified: header(response, 'last-modified') };
      }
      return await readPage(response, target.url, options, label);
    } finally {
      exchange.close();
    }
  }
}

interface Exchange {
  /** Settles with the response head, or a FetchError. */
  response: Promise<IncomingMessage>;
  /** Destroys the request and its socket (harmless once the body is read) and stops listening. */
  close: () => void;
}

function openRequest(target: ResolvedTarget, options: FetchPageOptions, signal: AbortSignal, label: string): Exchange {
  const { url, addresses } = target;
  const host = unbracket(url.hostname);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const secure = url.protocol === 'https:';
  const requestOptions: RequestOptions = {
    // The original host name keeps the Host header and TLS servername right, while the pinned
    // lookup sends the socket only to addresses already checked, so DNS rebinding cannot redirect it.
    hostname: host,
    port: url.port === '' ? undefined : Number(url.port),
    path: `${url.pathname}${url.search}`,
    method: 'GET',
    lookup: pinnedLookup(addresses),
    // A fresh agent per request: no pooled socket outlives the fetch or crosses hops.
    agent: false,
    headers: {
      ...options.headers,
      'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
      accept: (options.accept ?? PAGE_CONTENT).header,
      'accept-encoding': 'gzip, deflate, br',
      connection: 'close',
    },
  };
  if (secure && isIP(host) === 0) requestOptions.servername = host;

  let request: ClientRequest | undefined;
  let connectTimer: NodeJS.Timeout | undefined;
  const onAbort = (): void => {
    request?.destroy(signal.reason as Error);
  };
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    const fail = (error: unknown): void => {
      reject(error instanceof FetchError ? error : new FetchError('NETWORK', `could not fetch ${label}: ${describe(error)}`, { cause: error }));
    };
    let req: ClientRequest;
    try {
      // Throws synchronously on e.g. a header value with a control character (a stored ETag).
      req = (secure ? httpsRequest : httpRequest)(requestOptions);
    } catch (error) {
      fail(error);
      return;
    }
    request = req;
    req.on('error', fail);
    req.once('response', resolve);
    req.once('socket', (socket) => {
      if (req.destroyed) return;
      connectTimer = setTimeout(() => {
        req.destroy(
          new FetchError('CONNECT_TIMEOUT', `could not fetch ${label}: no connection to ${host} within ${connectTimeoutMs} ms`),
        );
      }, connectTimeoutMs);
      const connected = (): void => clearTimeout(connectTimer);
      socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', connected);
      socket.once('close', connected);
    });
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    req.end();
  });
  return {
    response,
    close: () => {
      clearTimeout(connectTimer);
      signal.removeEventListener('abort', onAbort);
      request?.destroy();
    },
  };
}

/**
 * A lookup that answers only with the checked addresses. It answers on a later turn of the
 * event loop, as real DNS does: answered synchronously, a connect that fails synchronously
 * (ENETUNREACH to an IPv6 address on an IPv4-only host) destroys the socket before the
 * request has attached its 'error' listener, and the error event kills the process.
 */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, lookupOptions, callback) => {
    setImmediate(() => {
      if (lookupOptions.all) {
        callback(null, addresses.map(({ address, family }) => ({ address, family })));
        return;
      }
      const [first] = addresses;
      if (first) callback(null, first.address, first.family);
      else callback(Object.assign(new Error('no checked address'), { code: 'ENOTFOUND' }), '');
    });
  };
}

async function readPage(
  response: IncomingMessage,
  url: URL,
  options: FetchPageOptions,
  label: string,
): Promise<FetchedPage> {
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    const reason = response.statusMessage ? ` ${response.statusMessage}` : '';
    throw new HttpStatusError(status, `could not fetch ${label}: the server answered ${status}${reason}`, {
      retryAfterMs: parseRetryAfter(header(response, 'retry-after')),
    });
  }

  const contentType = response.headers['content-type'];
  if (contentType === undefined || contentType.trim() === '') {
    throw new FetchError('UNSUPPORTED_CONTENT_TYPE', `refused ${label}: the response has no Content-Type`);
  }
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const accept = options.accept ?? PAGE_CONTENT;
  const kind = accept.kinds.get(mediaType);
  if (kind === undefined) {
    throw new FetchError(
      'UNSUPPORTED_CONTENT_TYPE',
      `refused ${label}: content type ${mediaType || contentType} is not ${accept.label}`,
    );
  }

  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const tooLarge = (): FetchError =>
    new FetchError('BODY_TOO_LARGE', `refused ${label}: the body is larger than ${maxBytes} bytes`);
  const declaredLength = Number(response.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) throw tooLarge();

  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decompressor = createDecompressor(encoding);
  if (decompressor === undefined) {
    throw new FetchError(
      'UNSUPPORTED_CONTENT_ENCODING',
      `refused ${label}: content encoding ${JSON.stringify(encoding)} is not supported`,
    );
  }

  const bytes = await readBody(response, decompressor, maxBytes, tooLarge, encoding, label);
  const validators = { etag: header(response, 'etag'), lastModified: header(response, 'last-modified') };
  return {
    url: url.href,
    status,
    kind,
    contentType,
    body: decodeText(bytes, contentType, kind),
    ...(validators.etag ? { etag: validators.etag } : {}),
    ...(validators.lastModified ? { lastModified: validators.lastModified } : {}),
  };
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

/**
 * A `Retry-After` value (seconds, or an HTTP date) in milliseconds from now; `undefined` when
 * absent or unreadable. Never negative.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/u.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function createDecompressor(encoding: string): Transform | null | undefined {
  // Lenient flushing, as browsers are: a truncated but otherwise valid stream yields what it has.
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip({ flush: zlib.Z_SYNC_FLUSH, finishFlush: zlib.Z_SYNC_FLUSH });
    case 'deflate':
      return createInflate({ flush: zlib.Z_SYNC_FLUSH, finishFlush: zlib.Z_SYNC_FLUSH });
    case 'br':
      return createBrotliDecompress({
        flush: zlib.BROTLI_OPERATION_FLUSH,
        finishFlush: zlib.BROTLI_OPERATION_FLUSH,
      });
    default:
      return undefined;
  }
}

async function readBody(
  response: IncomingMessage,
  decompressor: Transform | null,
  maxBytes: number,
  tooLarge: () => FetchError,
  encoding: string,
  label: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let decodedBytes = 0;
  let receivedBytes = 0;
  async function* countReceived(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      receivedBytes += chunk.length;
      if (receivedBytes > maxBytes) throw tooLarge();
      yield chunk;
    }
  }
  async function collect(source: AsyncIterable<Buffer>): Promise<void> {
    for await (const chunk of source) {
      decodedBytes += chunk.length;
      if (decodedBytes > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  }

  let decompressError: unknown;
  decompressor?.once('error', (error) => {
    decompressError = error;
  });
  try {
    // pipeline destroys every stage on failure, which destroys the response and its socket.
    if (decompressor) await pipeline(response, countReceived, decompressor, collect);
    else await pipeline(response, collect);
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const reason =
      error === decompressError
        ? `the ${encoding} body could not be decompressed (${describe(error)})`
        : `the body was cut off (${describe(error)})`;
    throw new FetchError('NETWORK', `could not fetch ${label}: ${reason}`, { cause: error });
  }
  return Buffer.concat(chunks, decodedBytes);
}

function decodeText(bytes: Buffer, contentType: string, kind: FetchedPage['kind']): string {
  const candidates = [
    byteOrderMark(bytes),
    charsetParameter(contentType),
    kind === 'html' ? metaCharset(bytes) : undefined,
    kind === 'xml' ? xmlDeclarationEncoding(bytes) : undefined,
  ];
  for (const label of candidates) {
    if (label === undefined) continue;
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(label);
    } catch {
      continue; // unknown label: fall through to the next source, as browsers do
    }
    const text = decoder.decode(bytes);
    return decoder.encoding === 'windows-1252' ? fixWindows1252(text) : text;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** windows-1252's characters at 0x80–0x9F (undefined bytes stay as they are). */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Node 20's TextDecoder decodes windows-1252 (and ISO-8859-1, which the Encoding Standard maps
 * to it) as Latin-1, leaving 0x80–0x9F as control characters; put the real characters back.
 */
function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/gu, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

function byteOrderMark(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function charsetParameter(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match?.[2];
}

function metaCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 1024).toString('latin1');
  const match = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i.exec(head);
  const label = match?.[1]?.toLowerCase();
  // The HTML spec: a <meta> can only be read if the page is ASCII-compatible, so UTF-16 means UTF-8.
  if (label?.startsWith('utf-16')) return 'utf-8';
  return label;
}

function xmlDeclarationEncoding(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 200).toString('latin1');
  const match = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/u.exec(head);
  return match?.[1]?.toLowerCase();
}

async function systemLookup(hostname: string): Promise<ResolvedAddress[]> {
  const entries = await dnsLookup(hostname, { all: true, verbatim: true });
  return entries.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function parseUrl(input: string | URL, label?: string, base?: URL): URL {
  if (input instanceof URL) return input;
  try {
    return new URL(input, base);
  } catch (error) {
    throw new FetchError('URL_INVALID', `refused ${label ?? showInput(input)}: not a valid URL`, { cause: error });
  }
}

/** A URL as it may appear in a message: credentials masked, so they never reach logs or chat. */
function showUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const masked = new URL(url.href);
  masked.username = '***';
  masked.password = '';
  return masked.href;
}

function showInput(input: string): string {
  try {
    return showUrl(new URL(input));
  } catch {
    const oneLine = input.replace(/\s+/g, ' ');
    return JSON.stringify(oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine);
  }
}

/** One line about a failure; a connect that tried several addresses names each attempt. */
function describe(error: unknown): string {
  return describeOne(error).replace(/\s+/gu, ' ').trim();
}

function describeOne(error: unknown): string {
  // Node reports a failed connect to a name with several addresses as an AggregateError
  // with an empty message of its own.
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(describeOne))].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function isPrivateHostname(host: string): boolean {
  const name = host.toLowerCase().replace(/\.+$/, '');
  // Names reserved for local or internal use; `*.internal` covers metadata.google.internal.
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === 'metadata' ||
    name.endsWith('.internal') ||
    name === 'internal' ||
    name.endsWith('.local') ||
    name.endsWith('.home.arpa')
  );
}
