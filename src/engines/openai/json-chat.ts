import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import { EngineError } from '../../errors.js';
import type { UsageLedger } from '../usage.js';

/** One chat message: the engine only sends and keeps plain-text turns. */
export interface ChatMessage {
  /** Who speaks. */
  role: 'system' | 'user' | 'assistant';
  /** What they say. */
  content: string;
}

/** How to reach an OpenAI-compatible server and how hard to try. */
export interface JsonChatOptions {
  /** The API key (local servers accept any). */
  apiKey: string;
  /** Base URL of the server, e.g. `http://localhost:11434/v1`; default OpenAI's. */
  baseURL?: string;
  /** Model name sent with every request. */
  model: string;
  /** Time allowed for one request. */
  timeoutMs: number;
  /** Retries after a rate limit, a server error, a timeout or a dropped connection. */
  maxRetries: number;
  /** First backoff delay when the server gives no `retry-after`; doubles each retry. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Longest wait before a retry, whatever `retry-after` says. Default 20 s. */
  retryMaxDelayMs?: number;
  /** Where tokens in and out are recorded, per call. */
  usage?: UsageLedger;
  /** Tokens (in plus out) allowed per UTC day; no limit when omitted. */
  dailyTokenBudget?: number;
}

/** A JSON response format: the zod schema the reply must match and its name. */
export interface JsonFormat<S extends z.ZodType> {
  /** The schema. */
  schema: S;
  /** The schema's name, sent to the server. */
  name: string;
}

const RETRY_STATUSES = new Set([408, 409, 429, 500, 502, 503, 504]);
/** A 400 that means "this server does not do json_schema response formats". */
const NO_JSON_SCHEMA = /response_format|json_schema|structured output|schema/iu;

/**
 * A chat client that asks for JSON: structured outputs (a JSON schema from zod) where the
 * server supports them, JSON mode where it says it does not. Retries with backoff, honours
 * `retry-after`, keeps to the daily token budget and records every call's tokens.
 */
export class JsonChat {
  private readonly client: OpenAI;
  private jsonSchema = true;

  constructor(private readonly options: JsonChatOptions) {
    this.client = new OpenAI({
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      timeout: options.timeoutMs,
      maxRetries: 0,
    });
  }

  /** The configured model name. */
  get model(): string {
    return this.options.model;
  }

  /** Sends `messages` and returns the reply's text, which should be JSON matching `format`. */
  async complete<S extends z.ZodType>(messages: ChatMessage[], format: JsonFormat<S>, signal: AbortSignal): Promise<string> {
    await this.checkBudget();
    for (let attempt = 0; ; attempt++) {
      try {
        const completion = await this.client.chat.completions.create(
          {
            model: this.options.model,
            messages: messages as ChatCompletionMessageParam[],
            response_format: this.jsonSchema ? zodResponseFormat(format.schema, format.name) : { type: 'json_object' },
          },
          { signal },
        );
        await this.options.usage?.record(
          this.options.model,
          completion.usage?.prompt_tokens ?? 0,
          completion.usage?.completion_tokens ?? 0,
        );
        const message = completion.choices[0]?.message;
        if (message?.refusal) throw new EngineError('LLM_BAD_OUTPUT', `the model refused: ${short(message.refusal)}`, { rejected: true });
        if (!message?.content) throw new EngineError('LLM_BAD_OUTPUT', 'the model returned no content');
        return message.content;
      } catch (error) {
        if (error instanceof APIUserAbortError || signal.aborted) throw signal.reason ?? error;
        if (this.jsonSchema && error instanceof APIError && (error.status === 400 || error.status === 422) && NO_JSON_SCHEMA.test(error.message)) {
          this.jsonSchema = false;
          attempt--;
          continue;
        }
        if (!retryable(error) || attempt >= this.options.maxRetries) throw this.failed(error);
        await sleep(this.delay(error, attempt), undefined, { signal });
      }
    }
  }

  private async checkBudget(): Promise<void> {
    const budget = this.options.dailyTokenBudget;
    if (budget === undefined || !this.options.usage) return;
    if ((await this.options.usage.tokensToday()) >= budget) {
      throw new EngineError('LLM_BUDGET_SPENT', `today's LLM token budget (${budget} tokens) is spent`, { outage: true });
    }
  }

  private failed(error: unknown): Error {
    if (error instanceof EngineError) return error;
    let message: string;
    if (error instanceof APIConnectionTimeoutError) message = `the model server did not answer within ${this.options.timeoutMs} ms`;
    else if (error instanceof APIError && error.status !== undefined) message = `the model server answered ${error.status}: ${short(error.message)}`;
    else message = `the model server could not be reached: ${short((error as Error).message)}`;
    // A request the server rejects as such (400, 422) fails on this input; anything else —
    // no answer, 5xx, rate limits that outlasted the retries, a refused key — fails them all.
    const rejected = error instanceof APIError && (error.status === 400 || error.status === 422);
    return new EngineError('LLM_REQUEST_FAILED', message, { cause: error, outage: !rejected });
  }

  private delay(error: unknown, attempt: number): number {
    const max = this.options.retryMaxDelayMs ?? 20_000;
    const asked = error instanceof APIError ? retryAfterMs(error.headers) : undefined;
    const backoff = (this.options.retryBaseDelayMs ?? 500) * 2 ** attempt;
    return Math.min(asked ?? backoff, max);
  }
}

function retryable(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true;
  return error instanceof APIError && error.status !== undefined && RETRY_STATUSES.has(error.status);
}

/** The wait a server asked for, from `retry-after-ms` or `retry-after` (seconds or a date). */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function short(text: string): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
