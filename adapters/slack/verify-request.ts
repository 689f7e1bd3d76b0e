import { createHmac, timingSafeEqual } from 'node:crypto';

/** The parts of an HTTP request from Slack that decide whether it is let through. */
export interface SlackRequest {
  /** The body exactly as received. */
  rawBody: Buffer;
  /** `content-type`. */
  contentType: string | undefined;
  /** `x-slack-signature`: `v0=` and the hex HMAC-SHA256 of `v0:<timestamp>:<body>`. */
  signature: string | undefined;
  /** `x-slack-request-timestamp`, in seconds. */
  timestamp: string | undefined;
}

/** Why a request was turned away, with the HTTP status to answer. */
export interface Refusal {
  /** 401: not signed by Slack, or signed too long ago or too far ahead; 400: not a Slack payload. */
  status: 400 | 401;
  /** One line for the log. */
  reason: string;
}

/**
 * A request let through. `signed`: checked against the signing secret, with its form fields
 * when the body is a form (slash commands, interactivity), so nobody parses it again to see
 * what it is. `ssl_check`: Slack's unsigned connectivity ping, for Bolt to answer; nothing in
 * it may be acted on.
 */
export type Accepted = { kind: 'signed'; form: URLSearchParams | undefined } | { kind: 'ssl_check' };

/** How far a request's timestamp may be from now, either way (Slack's own limit). */
export const MAX_CLOCK_SKEW_S = 5 * 60;

/**
 * Checks a request before Bolt sees it: the signature against `signingSecret`, the timestamp
 * within five minutes of `nowMs` in both directions (Bolt only refuses old ones, so a captured
 * request signed for the future could be replayed for as long as that future lasted), and the
 * body a JSON object (Bolt reads fields off whatever `JSON.parse` returns, and a signed `null`
 * crashed the process). Slack's unsigned `ssl_check` pings pass; Bolt answers them.
 * @returns a `Refusal` to answer, or what was let through.
 */
export function checkSlackRequest(request: SlackRequest, signingSecret: string, nowMs = Date.now()): Refusal | Accepted {
  const body = request.rawBody.toString('utf8');
  const form = (request.contentType ?? '').startsWith('application/x-www-form-urlencoded');
  const fields = form ? new URLSearchParams(body) : undefined;
  if (fields?.get('ssl_check') === '1') return { kind: 'ssl_check' };

  if (!request.signature || !request.timestamp) return { status: 401, reason: 'no Slack signature or timestamp' };
  if (!/^\d{1,12}$/u.test(request.timestamp)) return { status: 401, reason: 'the request timestamp is not a number of seconds' };
  const skew = Number(request.timestamp) - Math.floor(nowMs / 1000);
  if (Math.abs(skew) > MAX_CLOCK_SKEW_S) {
    return { status: 401, reason: `the request timestamp is ${Math.abs(skew)} s ${skew < 0 ? 'old' : 'in the future'}` };
  }
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${request.timestamp}:${body}`).digest('hex')}`);
  const given = Buffer.from(request.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 401, reason: 'the signature does not match' };

  const signed: Accepted = { kind: 'signed', form: fields };
  const payload = fields ? fields.get('payload') : body;
  if (payload === null) return signed;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return { status: 400, reason: 'the body is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { status: 400, reason: 'the body is not a JSON object' };
  return signed;
}
