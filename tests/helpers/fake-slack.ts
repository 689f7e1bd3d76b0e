import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** One request the fake Slack received: a Web API call or a `response_url` post. */
export interface SlackCall {
  /** Web API method (`chat.postMessage`), or `response_url` for posts to a response URL. */
  method: string;
  /** The arguments, decoded (form fields; `blocks` parsed from JSON). */
  body: Record<string, unknown>;
  /** What the fake answered. */
  response: Record<string, unknown>;
}

/** How the fake answers one method instead of its default. */
export type MethodOverride = (body: Record<string, unknown>) => FakeAnswer | undefined;

/** An HTTP answer of the fake. */
export interface FakeAnswer {
  /** Default 200. */
  status?: number;
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Record<string, string>;
  /** The JSON body. */
  json: Record<string, unknown>;
}

/** The bot identity the fake's `auth.test` reports. */
export const FAKE_BOT = { userId: 'UBOT', botId: 'BBOT', teamId: 'T0001' } as const;

/**
 * A fake Slack on 127.0.0.1: the Web API methods the adapter uses (`auth.test`,
 * `chat.postMessage`, `chat.update`, `chat.delete`, `chat.postEphemeral`,
 * `apps.connections.open`), response URLs, and a Socket Mode WebSocket. Records every call.
 */
export class FakeSlack {
  /** Calls received, in order. */
  readonly calls: SlackCall[] = [];
  /** Messages the Socket Mode client sent (acks), parsed. */
  readonly socketMessages: Array<Record<string, unknown>> = [];
  /** Per-method answers that replace the defaults while they return something. */
  readonly overrides = new Map<string, MethodOverride>();
  private readonly waiters: Array<() => void> = [];
  private nextTs = 1_700_000_000_000_100;
  private socket: WebSocket | undefined;
  private connected: Promise<WebSocket> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly sockets: WebSocketServer,
    /** `http://127.0.0.1:<port>`. */
    readonly base: string,
    /** The team `auth.test` reports: a bot token belongs to one workspace. */
    readonly teamId: string,
  ) {}

  /** Starts the fake on an ephemeral loopback port; `teamId` makes it another Slack workspace. */
  static async start(options: { teamId?: string } = {}): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => void fake?.handle(req, res));
    const sockets = new WebSocketServer({ server, path: '/socket' });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, sockets, `http://127.0.0.1:${port}`, options.teamId ?? FAKE_BOT.teamId);
    fake.connected = new Promise((resolve) => {
      sockets.on('connection', (socket) => {
        fake!.socket = socket;
        socket.on('message', (data) => {
          fake!.socketMessages.push(JSON.parse(String(data)) as Record<string, unknown>);
          fake!.notify();
        });
        socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' } }));
        resolve(socket);
      });
    });
    return fake;
  }

  /** The Web API base URL to give the client (`SLACK_API_URL`). */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A response URL for one slash command; posts to it are recorded as `response_url` calls. */
  responseUrl(id: string): string {
    return `${this.base}/response/${encodeURIComponent(id)}`;
  }

  /** Calls of `method`, optionally only those matching `where`. */
  callsOf(method: string, where: (body: Record<string, unknown>) => boolean = () => true): SlackCall[] {
    return this.calls.filter((c) => c.method === method && where(c.body));
  }

  /** Resolves with the first call of `method` matching `where` (already received or still to come). */
  waitForCall(method: string, where: (body: Record<string, unknown>) => boolean = () => true, timeoutMs = 10_000): Promise<SlackCall> {
    return this.waitFor(() => this.callsOf(method, where)[0], `${method} call`, timeoutMs);
  }

  /** Resolves with the first call of any method matching `where` (already received or still to come). */
  waitForAny(where: (call: SlackCall) => boolean, timeoutMs = 10_000): Promise<SlackCall> {
    return this.waitFor(() => this.calls.find(where), 'matching call', timeoutMs);
  }

  /** Resolves with the calls of `method` matching `where` once there are at least `count` of them. */
  waitForCalls(method: string, where: (body: Record<string, unknown>) => boolean, count: number, timeoutMs = 10_000): Promise<SlackCall[]> {
    return this.waitFor(() => {
      const found = this.callsOf(method, where);
      return found.length >= count ? found : undefined;
    }, `${count} ${method} calls`, timeoutMs);
  }

  /** Resolves with the first Socket Mode message matching `where`. */
  waitForSocketMessage(where: (message: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    return this.waitFor(() => this.socketMessages.find(where), 'socket message', timeoutMs);
  }

  /** Sends a Socket Mode envelope to the connected client, once it has connected. */
  async sendEnvelope(envelope: Record<string, unknown>): Promise<void> {
    const socket = await this.connected!;
    socket.send(JSON.stringify(envelope));
  }

  /** Stops the fake: closes sockets and connections. */
  async close(): Promise<void> {
    // A closing handshake first (a client mid-disconnect logs an error on a dropped socket), then terminate.
    await Promise.all(
      [...this.sockets.clients].map(async (client) => {
        const closed = once(client, 'close');
        client.close(1000);
        const timer = setTimeout(() => client.terminate(), 1_000);
        await closed;
        clearTimeout(timer);
      }),
    );
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private waitFor<T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake Slack: no ${what} within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        const found = find();
        if (found === undefined) return false;
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      if (check()) return;
      const waiter = () => {
        if (!check()) this.waiters.push(waiter);
      };
      this.waiters.push(waiter);
    });
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = decodeBody(raw, req.headers['content-type'] ?? '');
    const path = new URL(req.url ?? '/', this.base).pathname;
    const method = path.startsWith('/api/') ? path.slice('/api/'.length) : path.startsWith('/response/') ? 'response_url' : path;
    const answer = this.overrides.get(method)?.(body) ?? this.defaultAnswer(method, body);
    this.calls.push({ method, body, response: answer.json });
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.json));
    this.notify();
  }

  private defaultAnswer(method: string, body: Record<string, unknown>): FakeAnswer {
    switch (method) {
      case 'auth.test':
        return { json: { ok: true, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, team_id: this.teamId, user: 'newsroom' } };
      case 'chat.postMessage': {
        const ts = this.takeTs();
        return { json: { ok: true, channel: body.channel, ts, message: { ts, text: body.text } } };
      }
      case 'chat.update':
        return { json: { ok: true, channel: body.channel, ts: body.ts } };
      case 'chat.delete':
        return { json: { ok: true, channel: body.channel, ts: body.ts } };
      case 'chat.postEphemeral':
        return { json: { ok: true, message_ts: this.takeTs() } };
      case 'apps.connections.open':
        return { json: { ok: true, url: `${this.base.replace(/^http/u, 'ws')}/socket` } };
      case 'response_url':
        return { json: { ok: true } };
      default:
        return { status: 404, json: { ok: false, error: 'unknown_method' } };
    }
  }

  private takeTs(): string {
    const n = String(this.nextTs++);
    return `${n.slice(0, 10)}.${n.slice(10)}`;
  }
}

function decodeBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = key === 'blocks' || key === 'attachments' ? (JSON.parse(value) as unknown) : value;
  }
  return body;
}

/** The v0 signature Slack puts in `x-slack-signature`: HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** What a signed request got back, and how long the answer took. */
export interface SignedResponse {
  status: number;
  body: string;
  /** Milliseconds from sending the request to the full response. */
  ms: number;
}

/** Options for {@link sendSigned}. */
export interface SignOptions {
  /** Request timestamp in seconds; default now. */
  timestamp?: number;
  /** Sign with this secret instead (a wrong one makes a bad signature). */
  secret?: string;
  /** Sets `x-slack-retry-num` (and a retry reason), as Slack does when it redelivers. */
  retryNum?: number;
}

/** POSTs a signed request to `url`, as Slack does: form-encoded for commands, JSON for events. */
export async function sendSigned(url: string, secret: string, body: string, contentType: string, options: SignOptions = {}): Promise<SignedResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(options.secret ?? secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}

/** A slash command as Slack form-encodes it. */
export function slashCommandForm(fields: { command: string; text: string; channel: string; user: string; responseUrl: string; teamId?: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: fields.teamId ?? FAKE_BOT.teamId,
    team_domain: 'newsroom',
    channel_id: fields.channel,
    channel_name: 'news',
    user_id: fields.user,
    user_name: 'reporter',
    command: fields.command,
    text: fields.text,
    api_app_id: 'A0001',
    response_url: fields.responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

/** An Events API `event_callback` body. */
export function eventCallback(eventId: string, event: Record<string, unknown>, teamId: string = FAKE_BOT.teamId): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0001',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: FAKE_BOT.userId, is_bot: true }],
  });
}

/**
 * The verbatim quotes in rendered Block Kit: each block-quote line `>“…”` of a section, with
 * the mrkdwn escapes undone, so tests can look each one up in the story text.
 */
export function renderedQuotes(blocks: unknown): string[] {
  const quotes: string[] = [];
  for (const block of (blocks ?? []) as Array<{ type: string; text?: { text: string } }>) {
    if (block.type !== 'section' || !block.text) continue;
    for (const match of block.text.text.matchAll(/^>“([\s\S]*?)”(?:…)?(?: <[^>]*>)?$/gmu)) {
      quotes.push(match[1]!.replace(/\n>/gu, '\n').replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&amp;/gu, '&'));
    }
  }
  return quotes;
}

/** Every link target (`<url|label>`) in rendered Block Kit sections. */
export function renderedLinks(blocks: unknown): string[] {
  const links: string[] = [];
  for (const block of (blocks ?? []) as Array<{ type: string; text?: { text: string } }>) {
    if (block.type !== 'section' || !block.text) continue;
    for (const match of block.text.text.matchAll(/<([^|>]+)\|[^>]*>/gu)) links.push(match[1]!.replace(/&amp;/gu, '&'));
  }
  return links;
}
