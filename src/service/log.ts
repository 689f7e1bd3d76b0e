import { pino } from 'pino';
import type { Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { Config } from '../config.js';

/** The logger every long-running part of the bot writes to (pino's). */
export type Log = Logger;

/** Where a logger writes: standard error, or any stream with `write`. */
export interface LogDestination {
  /** Receives whole lines, each ending in a newline. */
  write(line: string): unknown;
  /** A terminal gets coloured text. */
  isTTY?: boolean;
}

/** What replaces a redacted value. */
export const REDACTED = '[redacted]';

/**
 * Field names whose values are never logged, at the top level and one object down (pino's
 * redaction takes explicit paths, not a recursive match).
 */
const SECRET_FIELDS = [
  'token',
  'botToken',
  'appToken',
  'apiKey',
  'secret',
  'signingSecret',
  'password',
  'authorization',
  'cookie',
];
const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
];

/** Secret-looking text even when it is not a configured value: Slack tokens and bearer credentials. */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\bx(?:ox[abposr]|app)-[\w-]+/gu, REDACTED],
  [/\b(Bearer|Bot)\s+[\w.~+/-]{8,}=*/gu, `$1 ${REDACTED}`],
];

/** The configuration variables that hold credentials. */
const SECRET_VARIABLES = ['OPENAI_API_KEY', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN'] as const;

/**
 * The configured secret values a log line must never contain: the tokens and keys, and the
 * password in `STORE_URL`. Values shorter than 4 characters are left alone (they would
 * redact ordinary words).
 */
export function secretValues(config: Partial<Config>): string[] {
  const values: string[] = SECRET_VARIABLES.map((name) => config[name]).filter((v): v is string => typeof v === 'string');
  if (config.STORE_URL) {
    try {
      const password = decodeURIComponent(new URL(config.STORE_URL).password);
      if (password) values.push(password);
    } catch {
      // Not a URL the WHATWG parser reads (e.g. sqlite://./path): it has no password.
    }
  }
  return [...new Set(values.filter((v) => v.length >= 4))].sort((a, b) => b.length - a.length);
}

/**
 * Builds the bot's logger from the configuration: `LOG_LEVEL`, and `LOG_FORMAT` `json` (one
 * JSON object a line with `level`, `time`, `msg`) or `text` (readable lines, coloured on a
 * terminal). Secret fields are redacted by name, and every configured secret value, Slack
 * token or bearer credential is replaced in the finished line, whatever field or message
 * carries it. Writes synchronously, so nothing is lost when the process exits.
 */
export function createLogger(
  config: Pick<Config, 'LOG_FORMAT' | 'LOG_LEVEL'> & Partial<Config>,
  destination: LogDestination = process.stderr,
): Log {
  // Also as they appear inside a JSON string, where quotes and backslashes are escaped.
  const secrets = [...new Set(secretValues(config).flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]))];
  const scrub = (line: string): string => {
    let text = line;
    for (const secret of secrets) text = text.split(secret).join(REDACTED);
    for (const [pattern, replacement] of SECRET_PATTERNS) text = text.replace(pattern, replacement);
    return text;
  };
  const pretty =
    config.LOG_FORMAT === 'text'
      ? prettyFactory({ colorize: destination.isTTY === true, ignore: 'pid,hostname', translateTime: 'SYS:standard', singleLine: true })
      : undefined;
  const sink = {
    write(line: string): void {
      destination.write(scrub(pretty ? pretty(line) : line));
    },
  };
  return pino(
    {
      level: config.LOG_LEVEL,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    sink,
  );
}
