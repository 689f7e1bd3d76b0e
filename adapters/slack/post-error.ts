import { webApi } from '@slack/bolt';
import { PostError } from '../../src/errors.js';

/** Slack error codes meaning the bot can no longer post in the channel. */
const CHANNEL_GONE = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'channel_is_archived']);
/** Wait suggested when Slack says `ratelimited` without a Retry-After header. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

function slackErrorCode(error: unknown): string | undefined {
  if (error instanceof webApi.WebAPIPlatformError) return error.data.error;
  return undefined;
}

/**
 * Turns a failed Web API call into a `PostError`: `CHANNEL_GONE` for a channel the bot is not
 * in or that was archived or deleted, `RATE_LIMITED` (with `retryAfterMs`) for HTTP 429 or a
 * `ratelimited` answer, `POST_FAILED` for anything else.
 */
export function toPostError(error: unknown, channel: string): PostError {
  if (error instanceof PostError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new PostError('RATE_LIMITED', `Slack asked to wait ${error.retryAfter} s before posting in ${channel}`, {
      cause: error,
      retryAfterMs: error.retryAfter * 1000,
    });
  }
  const code = slackErrorCode(error);
  if (code && CHANNEL_GONE.has(code)) {
    return new PostError(
      'CHANNEL_GONE',
      `cannot post in channel ${channel} (${code}): invite the bot to the channel (/invite), or the channel was archived or deleted`,
      { cause: error },
    );
  }
  if (code === 'ratelimited') {
    return new PostError('RATE_LIMITED', `Slack asked to wait before posting in ${channel}`, {
      cause: error,
      retryAfterMs: DEFAULT_RETRY_AFTER_MS,
    });
  }
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new PostError('POST_FAILED', `Slack refused the post in ${channel}: ${reason}`, { cause: error });
}
