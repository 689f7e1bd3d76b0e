import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

/** One REST request the fake received. */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Path after `/api/v10`, without the query string, e.g. `/channels/1/messages`. */
  path: string;
  /** The query string, without `?`. */
  query: string;
  /** The JSON body, or `undefined` when there was none. */
  body: unknown;
}

/** A Discord error the fake answers a route with. */
export interface FakeFailure {
  /** HTTP status. */
  status: number;
  /** Discord's JSON error code (e.g. 50001 Missing Access). */
  code: number;
  /** Discord's message. */
  message: string;
}

/** Options of {@link startFakeDiscord}. */
export interface FakeDiscordOptions {
  /** Whether the application may use the privileged Message Content intent. Default true. */
  messageContent?: boolean;
  /** Heartbeat interval the gateway asks for, in ms. Default 500. */
  heartbeatIntervalMs?: number;
  /**
   * Refuse the bot token: `rest` answers `GET /gateway/bot` with 401, `gateway` closes the
   * socket with 4004 (Authentication failed) on IDENTIFY. Default: the token is accepted.
   */
  refuseToken?: 'rest' | 'gateway';
  /** The guild's id: another id is another Discord server. Default `100000000000000003`. */
  guildId?: string;
  /**
   * Where the ids it makes start (they count up from here). Discord's ids are unique across
   * servers: a second fake beside a first needs its own range. Default 200000000000000000.
   */
  firstId?: bigint;
}

/**
 * A fake Discord on 127.0.0.1: the REST API under `/api` (what discord.js's `rest.api` points
 * at) and a JSON, uncompressed gateway at `/gateway`, sharing one port. It serves one guild
 * with one text channel, records every REST request and gateway payload, and can drop the
 * socket to test resuming.
 */
export class FakeDiscord {
  readonly applicationId = '100000000000000001';
  readonly botUserId = '100000000000000002';
  /** The one guild it serves (option `guildId`: another Discord server). */
  readonly guildId: string;
  readonly channelId = '100000000000000004';
  readonly userId = '100000000000000005';
  /** REST requests, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Gateway opcodes received from the client, in order (1 heartbeat, 2 identify, 6 resume). */
  readonly received: Array<{ op: number; d: unknown }> = [];
  /** Channel id → the failure every request about it gets. */
  readonly failures = new Map<string, FakeFailure>();
  /** Channel id → the failure only thread creation in it gets. */
  readonly threadFailures = new Map<string, FakeFailure>();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private socket: WebSocket | undefined;
  private sequence = 0;
  private nextId: bigint;
  private readonly sessionId = 'fake-session';
  private readonly waiters: Array<() => void> = [];
  private readonly options: Required<Omit<FakeDiscordOptions, 'refuseToken' | 'guildId' | 'firstId'>> & Pick<FakeDiscordOptions, 'refuseToken'>;
  base = '';

  private constructor(options: FakeDiscordOptions) {
    const { guildId = '100000000000000003', firstId = 200000000000000000n, ...rest } = options;
    this.guildId = guildId;
    this.nextId = firstId;
    this.options = { messageContent: true, heartbeatIntervalMs: 500, ...rest };
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  /** Starts the fake on an ephemeral loopback port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    fake.base = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** What to pass as discord.js's `rest.api`. */
  get apiUrl(): string {
    return `${this.base}/api`;
  }

  /** The gateway URL `GET /gateway/bot` hands out. */
  get gatewayUrl(): string {
    return `${this.base.replace(/^http/u, 'ws')}/gateway`;
  }

  /** Gateway payloads of opcode `op` received so far. */
  opcodes(op: number): unknown[] {
    return this.received.filter((p) => p.op === op).map((p) => p.d);
  }

  /** A new snowflake-like id. */
  id(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  /** Resolves with the first recorded request matching `test`, waiting for it if need be. */
  async waitForRequest(test: (r: RecordedRequest) => boolean, timeoutMs = 10_000): Promise<RecordedRequest> {
    return this.waitUntil(() => this.requests.find(test), timeoutMs, 'REST request');
  }

  /** Resolves once `check` returns something other than `undefined`/`false`. */
  async waitUntil<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`fake Discord: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a gateway dispatch (op 0) to the connected client. */
  dispatch(t: string, d: unknown): void {
    this.sequence += 1;
    this.send({ op: 0, t, s: this.sequence, d });
  }

  /**
   * A user runs a slash command in `channelId` (default the guild's text channel); returns
   * the interaction's token, which the replies are addressed by. `interaction` fixes its id
   * and token, as Discord sends one interaction to every session of a bot.
   */
  slashCommand(name: string, options: Record<string, string>, channelId = this.channelId, interaction: { id?: string; token?: string } = {}): string {
    const token = interaction.token ?? `token-${this.id()}`;
    const channel = channelId === this.channelId ? this.textChannel() : { id: channelId, type: 11, guild_id: this.guildId, parent_id: this.channelId };
    this.dispatch('INTERACTION_CREATE', {
      id: interaction.id ?? this.id(),
      application_id: this.applicationId,
      type: 2,
      token,
      version: 1,
      guild_id: this.guildId,
      channel_id: channelId,
      channel,
      member: { user: this.user(), roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, permissions: '2248473465835073' },
      app_permissions: '2248473465835073',
      locale: 'en-GB',
      guild_locale: 'en-GB',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      data: this.commandData(name, options),
    });
    return token;
  }

  /**
   * The user runs a slash command in a direct message with the bot: no guild, the user instead
   * of a member. `channelId` is the DM channel's id (any id; a test may reuse a guild's).
   */
  dmSlashCommand(name: string, options: Record<string, string>, channelId: string): string {
    const token = `token-${this.id()}`;
    this.dispatch('INTERACTION_CREATE', {
      id: this.id(),
      application_id: this.applicationId,
      type: 2,
      token,
      version: 1,
      channel_id: channelId,
      channel: { id: channelId, type: 1, recipients: [this.user()], last_message_id: null, flags: 0 },
      user: this.user(),
      app_permissions: '2248473465835073',
      locale: 'en-GB',
      entitlements: [],
      authorizing_integration_owners: { '1': this.userId },
      context: 1,
      data: this.commandData(name, options),
    });
    return token;
  }

  /** The `data` of a chat-input command interaction: the command's name and string options. */
  private commandData(name: string, options: Record<string, string>) {
    return { id: this.id(), name, type: 1, options: Object.entries(options).map(([key, value]) => ({ name: key, type: 3, value })) };
  }

  /** A person (or, with `bot`, another bot) writes `content` in `channelId`. */
  userMessage(channelId: string, content: string, author: { bot?: boolean } = {}): string {
    const id = this.id();
    this.dispatch('MESSAGE_CREATE', {
      ...this.message(id, channelId, content),
      author: { ...this.user(), ...(author.bot ? { id: this.id(), bot: true } : {}) },
      member: { roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false },
    });
    return id;
  }

  /** Whether a client's gateway socket is open. */
  get clientConnected(): boolean {
    return [...this.wss.clients].some((client) => client.readyState === client.OPEN);
  }

  /** Closes the client's socket with `code` (4000: unknown error, which clients resume after). */
  drop(code = 4000): void {
    this.socket?.close(code, 'fake drop');
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private user() {
    return { id: this.userId, username: 'reporter', discriminator: '0', global_name: 'Reporter', avatar: null };
  }

  private botUser() {
    return { id: this.botUserId, username: 'newsroom', discriminator: '0', global_name: null, avatar: null, bot: true };
  }

  private textChannel() {
    return { id: this.channelId, type: 0, guild_id: this.guildId, name: 'newsdesk', position: 0, permission_overwrites: [], nsfw: false, parent_id: null };
  }

  private message(id: string, channelId: string, content: string, extra: Record<string, unknown> = {}) {
    return {
      id,
      channel_id: channelId,
      guild_id: this.guildId,
      author: this.botUser(),
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
      ...extra,
    };
  }

  private send(payload: unknown): void {
    this.socket?.send(JSON.stringify(payload));
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private onConnection(socket: WebSocket): void {
    this.socket = socket;
    socket.on('message', (raw) => {
      const payload = JSON.parse(raw.toString()) as { op: number; d: Record<string, unknown> };
      this.received.push(payload);
      this.onPayload(socket, payload);
      this.notify();
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs } }));
  }

  private onPayload(socket: WebSocket, payload: { op: number; d: Record<string, unknown> }): void {
    switch (payload.op) {
      case 1:
        socket.send(JSON.stringify({ op: 11 }));
        return;
      case 2: {
        if (this.options.refuseToken === 'gateway') {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        const intents = Number(payload.d.intents);
        if (!this.options.messageContent && (intents & (1 << 15)) !== 0) {
          socket.close(4014, 'Disallowed intent(s).');
          return;
        }
        this.sequence = 0;
        this.dispatch('READY', {
          v: 10,
          user: this.botUser(),
          guilds: [{ id: this.guildId, unavailable: true }],
          session_id: this.sessionId,
          resume_gateway_url: this.gatewayUrl,
          shard: [0, 1],
          application: { id: this.applicationId, flags: 0 },
        });
        this.dispatch('GUILD_CREATE', {
          id: this.guildId,
          name: 'Test newsroom',
          icon: null,
          owner_id: this.userId,
          unavailable: false,
          member_count: 2,
          roles: [{ id: this.guildId, name: '@everyone', permissions: '2248473465835073', position: 0, color: 0, hoist: false, managed: false, mentionable: false }],
          channels: [this.textChannel()],
          threads: [],
          members: [],
          emojis: [],
          stickers: [],
          features: [],
        });
        return;
      }
      case 6:
        if (payload.d.session_id === this.sessionId) {
          this.dispatch('RESUMED', {});
        } else {
          socket.send(JSON.stringify({ op: 9, d: false }));
        }
        return;
    }
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.base);
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/u, ''));
    const request: RecordedRequest = { method: req.method ?? 'GET', path, query: url.search.slice(1), body: text ? JSON.parse(text) : undefined };
    this.requests.push(request);
    const [status, body] = this.route(request);
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
    this.notify();
  }

  private route(r: RecordedRequest): [number, unknown] {
    const parts = r.path.split('/').filter(Boolean);
    const at = (pattern: string) => {
      const want = pattern.split('/').filter(Boolean);
      return want.length === parts.length && want.every((p, i) => p.startsWith(':') || p === parts[i]);
    };
    const channel = parts[0] === 'channels' ? parts[1] : undefined;
    const failure = channel ? this.failures.get(channel) : undefined;
    if (failure) return [failure.status, { code: failure.code, message: failure.message }];
    const body = (r.body ?? {}) as Record<string, unknown>;
    if (r.method === 'GET' && at('/gateway/bot')) {
      if (this.options.refuseToken === 'rest') return [401, { code: 0, message: '401: Unauthorized' }];
      return [200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 60_000, max_concurrency: 1 } }];
    }
    if (r.method === 'POST' && at('/interactions/:id/:token/callback')) return [204, undefined];
    if (at('/webhooks/:app/:token/messages/@original')) {
      if (r.method === 'DELETE') return [204, undefined];
      return [200, this.message(this.originalId(parts[2]!), this.channelId, String(body.content ?? ''), { embeds: body.embeds ?? [], type: 20, webhook_id: this.applicationId })];
    }
    if (r.method === 'POST' && at('/webhooks/:app/:token')) {
      return [200, this.message(this.id(), this.channelId, String(body.content ?? ''), { flags: body.flags ?? 0, webhook_id: this.applicationId })];
    }
    if (r.method === 'GET' && at('/channels/:channel')) {
      return channel === this.channelId ? [200, this.textChannel()] : [404, { code: 10003, message: 'Unknown Channel' }];
    }
    if (r.method === 'POST' && at('/channels/:channel/messages')) {
      // As Discord does: with enforce_nonce, a nonce already used in the channel returns the
      // message it made instead of posting again.
      const nonceKey = body.enforce_nonce === true && body.nonce !== undefined ? `${channel}:${String(body.nonce)}` : undefined;
      const earlier = nonceKey ? this.nonces.get(nonceKey) : undefined;
      if (earlier) return [200, earlier];
      const made = this.message(this.id(), channel!, String(body.content ?? ''), { embeds: body.embeds ?? [], ...(body.nonce === undefined ? {} : { nonce: body.nonce }) });
      if (nonceKey) this.nonces.set(nonceKey, made);
      return [200, made];
    }
    if (r.method === 'POST' && at('/channels/:channel/messages/:message/threads')) {
      const refused = this.threadFailures.get(channel!);
      if (refused) return [refused.status, { code: refused.code, message: refused.message }];
      const thread = {
        id: parts[3],
        type: 11,
        guild_id: this.guildId,
        parent_id: channel,
        name: body.name,
        owner_id: this.botUserId,
        message_count: 0,
        member_count: 1,
        thread_metadata: { archived: false, auto_archive_duration: body.auto_archive_duration ?? 1440, archive_timestamp: new Date().toISOString(), locked: false },
      };
      this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
      return [201, thread];
    }
    if (r.method === 'PUT' && (at('/applications/:app/commands') || at('/applications/:app/guilds/:guild/commands'))) {
      const commands = Array.isArray(r.body) ? (r.body as Array<Record<string, unknown>>) : [];
      return [200, commands.map((c) => ({ ...c, id: this.id(), application_id: this.applicationId, version: '1' }))];
    }
    return [404, { code: 0, message: `fake Discord has no route ${r.method} ${r.path}` }];
  }

  private readonly originals = new Map<string, string>();
  /** `<channel>:<nonce>` → the message an enforced nonce made. */
  private readonly nonces = new Map<string, unknown>();

  /** The id of an interaction's original response, the same on every call for one token. */
  private originalId(token: string): string {
    let id = this.originals.get(token);
    if (!id) {
      id = this.id();
      this.originals.set(token, id);
    }
    return id;
  }
}
