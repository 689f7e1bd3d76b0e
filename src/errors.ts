/**
 * One base error for everything the core raises on purpose. Each carries a stable `code`
 * that adapters map to a user message in one place, and keeps the underlying `cause`.
 */
export class NewsroomError extends Error {
  /** Stable machine-readable code, e.g. `URL_PRIVATE_ADDRESS`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** An environment variable or option has a value the bot cannot use. */
export class ConfigError extends NewsroomError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG_INVALID', message, options);
  }
}

/** An input (path, URL, stdin, pasted text) cannot be turned into a story. */
export class InputError extends NewsroomError {}

/** A URL was refused or could not be fetched safely. */
export class FetchError extends NewsroomError {}

/** A server answered with a non-2xx status (code `HTTP_STATUS`). */
export class HttpStatusError extends FetchError {
  /** The HTTP status. */
  readonly status: number;
  /** The `Retry-After` the server sent, in milliseconds, if any. */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, message: string, options?: { cause?: unknown; retryAfterMs?: number | undefined }) {
    super('HTTP_STATUS', message, options);
    this.status = status;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** A feed could not be read, or a subscription command could not be carried out. */
export class FeedError extends NewsroomError {}

/** An engine failed to produce a result (timeout, bad response, aborted). */
export class EngineError extends NewsroomError {
  /**
   * Whether the engine cannot serve any request just now (unreachable, timed out, refused the
   * key, out of budget), as opposed to failing on this one input. The core then uses the
   * fallback for a while without trying the engine again on every call.
   */
  readonly outage: boolean;
  /**
   * Whether the engine did answer, but nothing it returned passed the checks (not the JSON
   * asked for, no quote verified). Asking again with the same input and prompts would cost as
   * much and most likely fail alike, so the core caches the fallback's stand-in for a while.
   */
  readonly rejected: boolean;

  constructor(code: string, message: string, options?: { cause?: unknown; outage?: boolean; rejected?: boolean }) {
    super(code, message, options);
    this.outage = options?.outage ?? false;
    this.rejected = options?.rejected ?? false;
  }
}

/**
 * A chat platform refused a post. Codes: `CHANNEL_GONE` (the bot was removed from the channel,
 * or it no longer exists), `RATE_LIMITED` (wait `retryAfterMs`, then retry), `POST_FAILED`.
 */
export class PostError extends NewsroomError {
  /** For `RATE_LIMITED`: how long the platform asked to wait, in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(code: 'CHANNEL_GONE' | 'RATE_LIMITED' | 'POST_FAILED', message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(code, message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/**
 * A chat platform could not be reached (network down, DNS, connection refused, a 5xx) while
 * connecting; code `PLATFORM_UNREACHABLE`. Worth retrying, unlike a refused credential, which
 * is a `ConfigError`.
 */
export class ConnectError extends NewsroomError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PLATFORM_UNREACHABLE', message, options);
  }
}

/**
 * The store backend failed or is misconfigured. Codes include `STORE_UNAVAILABLE` (the backend
 * failed), `STORE_TIMEOUT` (no answer within `STORE_TIMEOUT_MS`), `STORE_URL_INVALID`,
 * `STORE_VALUE_INVALID` and `STORE_CLOSED`.
 */
export class StoreError extends NewsroomError {}

/** A one-line, user-facing description of any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof NewsroomError) return error.message;
  if (error instanceof Error) return `unexpected error: ${error.message}`;
  return `unexpected error: ${String(error)}`;
}

/**
 * The innermost message of an error's `cause` chain: what a wrapped network failure really was
 * (`connect ECONNREFUSED 127.0.0.1:9`, `getaddrinfo ENOTFOUND slack.com`) rather than the
 * wrapper's `fetch failed`.
 */
export function rootCauseMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 10 && current instanceof Error && current.cause instanceof Error; depth++) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
