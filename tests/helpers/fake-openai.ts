import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat message as the fake received it. */
export interface ReceivedMessage {
  role: string;
  content: string;
}

/** The body of a `POST /v1/chat/completions` as the fake received it. */
export interface ChatRequestBody {
  model: string;
  messages: ReceivedMessage[];
  response_format?: {
    type: string;
    json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> };
  };
  [key: string]: unknown;
}

/** One request the fake received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: ChatRequestBody;
}

/** What the fake answers one request with. */
export type FakeReply =
  /** 200 with a chat completion whose message content is `content` (or `JSON.stringify(json)`). */
  | { content: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { json: unknown; usage?: { prompt_tokens: number; completion_tokens: number } }
  /** Any status, headers and JSON body, e.g. a 429 with `retry-after`. */
  | { status: number; headers?: Record<string, string>; body: unknown }
  /** Never answers (the connection stays open until the client gives up or the fake closes). */
  | { hang: true };

/** Chooses the reply to the `index`-th request (0-based). */
export type Responder = (request: ReceivedRequest, index: number) => FakeReply;

/** An OpenAI-compatible server on 127.0.0.1 that records every request. */
export interface FakeOpenAI {
  /** Base URL for the SDK, `http://127.0.0.1:<port>/v1`. */
  baseURL: string;
  /** Requests received, in order. */
  requests: ReceivedRequest[];
  /** Stops listening and drops open connections, hanging ones included. */
  close(): Promise<void>;
}

/**
 * Starts the fake on an ephemeral loopback port. `POST /v1/chat/completions` (non-streaming)
 * answers what `respond` says; a list of replies is served in order, the last one repeated.
 * Token usage defaults to a quarter of the characters in and out.
 */
export async function startFakeOpenAI(respond: Responder | FakeReply[]): Promise<FakeOpenAI> {
  const requests: ReceivedRequest[] = [];
  const pick: Responder = Array.isArray(respond) ? (_r, i) => respond[Math.min(i, respond.length - 1)]! : respond;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
      const request: ReceivedRequest = { method: req.method, path, headers: req.headers, body };
      requests.push(request);
      let reply: FakeReply;
      try {
        reply = pick(request, requests.length - 1);
      } catch (error) {
        reply = { status: 500, body: { error: { message: `fake responder failed: ${(error as Error).message}` } } };
      }
      if ('hang' in reply) return;
      if ('status' in reply) {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(reply.body));
        return;
      }
      const content = 'content' in reply ? reply.content : JSON.stringify(reply.json);
      const promptChars = body.messages.reduce((n, m) => n + m.content.length, 0);
      const usage = reply.usage ?? { prompt_tokens: Math.ceil(promptChars / 4), completion_tokens: Math.ceil(content.length / 4) };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `chatcmpl-fake-${requests.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
          usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
        }),
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** One article block as the engine delimits it in a prompt. */
export interface SentArticle {
  /** The tag on its markers. */
  tag: string;
  /** The story id it names. */
  id: string;
  /** "part i of n", when the article was split. */
  part: string | null;
  /** The text between the markers. */
  text: string;
}

/** The article blocks inside a message, in order. */
export function articlesIn(content: string): SentArticle[] {
  const blocks = /<<<ARTICLE (\S+) id=(\S+?)(?: (part \d+ of \d+))?>>>\n([\s\S]*?)\n<<<END ARTICLE \1>>>/gu;
  return [...content.matchAll(blocks)].map((m) => ({ tag: m[1]!, id: m[2]!, part: m[3] ?? null, text: m[4]! }));
}

/** The last user message of a request. */
export function lastUserMessage(request: ReceivedRequest): string {
  return [...request.body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
}
