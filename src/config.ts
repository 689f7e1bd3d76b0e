import { z } from 'zod';
import { ConfigError } from './errors.js';
import { DEFAULT_STORE_URL } from './store/create-store.js';

const positiveInt = (unit: 'milliseconds' | 'bytes' | 'tokens') => {
  const error = `a positive whole number of ${unit}`;
  return z.coerce.number({ error }).int({ error }).positive({ error });
};

/** A whole number from `min` to `max`; the message names the range. */
const wholeNumber = (min: number, max: number, what = 'a whole number') => {
  const error = `${what} from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const boolean = z.stringbool({ error: 'true or false' });

const httpUrl = z.url({ protocol: /^https?$/u, error: 'an http:// or https:// URL' });

const DURATION_ERROR = 'a duration such as 90s, 5m or 1h (a bare number is milliseconds)';
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `250ms`, `90s`, `5m`, `1h`, or a bare number of milliseconds → milliseconds (at least 1). */
const duration = z.union([z.number(), z.string()]).transform((value, context) => {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/iu.exec(String(value).trim());
  const ms = match ? Math.round(Number(match[1]) * UNIT_MS[(match[2] ?? 'ms').toLowerCase()]!) : NaN;
  if (!Number.isFinite(ms) || ms < 1) {
    context.addIssue({ code: 'custom', message: DURATION_ERROR });
    return z.NEVER;
  }
  return ms;
});

const PACING_ERROR = 'platform=milliseconds pairs separated by commas, e.g. slack=1000,discord=0';

/** `slack=1000,discord=0` → `{ slack: 1000, discord: 0 }`: least ms between two posts in one channel. */
const pacing = z.union([z.record(z.string(), z.number()), z.string()]).transform((value, context) => {
  if (typeof value !== 'string') return value;
  const result: Record<string, number> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z][a-z0-9_-]*)\s*=\s*(\d+)$/iu.exec(part);
    if (!match) {
      context.addIssue({ code: 'custom', message: PACING_ERROR });
      return z.NEVER;
    }
    result[match[1]!.toLowerCase()] = Number(match[2]);
  }
  return result;
});

/** A secret or id: optional, never defaulted. */
const optionalText = z.string().optional();

/** The model the openai engine asks when `OPENAI_MODEL` is unset. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

/**
 * Every environment variable the bot reads, in one schema. `.env.example` and the README table
 * list the same variables; keep the three in step.
 */
const schema = z.object({
  // Unset: openai when OPENAI_API_KEY is set, else extractive (see loadConfig).
  ENGINE: z.enum(['extractive', 'openai'], { error: 'one of: extractive, openai' }).optional(),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: httpUrl.optional(),
  OPENAI_MODEL: z.string().default(DEFAULT_OPENAI_MODEL),
  OPENAI_TIMEOUT_MS: positiveInt('milliseconds').default(30_000),
  OPENAI_MAX_RETRIES: wholeNumber(0, 10).default(2),
  OPENAI_CONTEXT_TOKENS: positiveInt('tokens').default(16_000),
  LLM_DAILY_TOKEN_BUDGET: positiveInt('tokens').optional(),
  STORE_URL: z
    .string()
    .regex(/^(?:memory|sqlite|redis|rediss|postgres|postgresql):\/\//u, {
      error: 'a URL starting memory://, sqlite://, redis://, rediss://, postgres:// or postgresql://',
    })
    .default(DEFAULT_STORE_URL),
  STORE_TIMEOUT_MS: positiveInt('milliseconds').default(5_000),
  ALLOW_PRIVATE_URLS: boolean.default(false),
  FETCH_CONNECT_TIMEOUT_MS: positiveInt('milliseconds').default(5_000),
  FETCH_TIMEOUT_MS: positiveInt('milliseconds').default(15_000),
  FETCH_MAX_BYTES: positiveInt('bytes').default(5 * 1024 * 1024),
  EXTRACT_TIMEOUT_MS: positiveInt('milliseconds').default(10_000),
  ENGINE_TIMEOUT_MS: positiveInt('milliseconds').default(60_000),
  // Worker threads (src/workers/pool.ts). Unset: one less than os.availableParallelism(), at least 1.
  WORKER_THREADS: wholeNumber(1, 256).optional(),
  ENGINE_MAX_MEMORY_MB: wholeNumber(32, 65_536).default(256),
  REJECTED_RESULT_TTL: duration.default(60 * 60_000),
  // Slack: the adapter starts when SLACK_BOT_TOKEN is set, over HTTP (SLACK_SIGNING_SECRET)
  // or Socket Mode (SLACK_APP_TOKEN).
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: httpUrl.optional(),
  PORT: wholeNumber(1, 65535, 'a port number').default(3000),
  HOST: z.string().regex(/^[\w.:-]+$/u, { error: 'a host name or IP address, e.g. 127.0.0.1' }).optional(),
  // Discord: the adapter starts when DISCORD_TOKEN is set.
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: httpUrl.optional(),
  // Feed subscriptions (src/feeds/).
  FEED_POLL_INTERVAL: duration.default(5 * 60_000),
  FEED_INITIAL_ITEMS: wholeNumber(0, 50).default(3),
  FEED_CONCURRENCY: wholeNumber(1, 64).default(8),
  FEED_MAX_BACKOFF: duration.default(6 * 60 * 60_000),
  FEED_POST_PACING: pacing.default({ slack: 1000, discord: 0 }),
  FEED_CLAIM_TTL: duration.default(10 * 60_000),
  // Service conventions (src/service/): probes, metrics and logs.
  HEALTH_PORT: wholeNumber(0, 65535, 'a port number (0: any free port)').optional(),
  LOG_FORMAT: z.enum(['text', 'json'], { error: 'one of: text, json' }).default('text'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'one of: fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

/** The engines `ENGINE` can name. */
export type EngineName = 'extractive' | 'openai';

/** The validated configuration, with `ENGINE` resolved. */
export type Config = Omit<z.infer<typeof schema>, 'ENGINE'> & { ENGINE: EngineName };

/** The variables `loadConfig` reads, for documentation and `.env.example` checks. */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as Array<keyof Config>;

/**
 * Reads and validates the configuration once. Explicit `overrides` win over the environment.
 * An empty variable counts as unset. A bad value throws one `ConfigError` that names each
 * offending variable and what it should be. `ENGINE` defaults to `openai` when
 * `OPENAI_API_KEY` is set and to `extractive` otherwise; `ENGINE=openai` needs the key.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const input: Record<string, string> = {};
  for (const key of CONFIG_VARIABLES) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value.trim();
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')} should be ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`, { cause: result.error });
  }
  const engine = result.data.ENGINE ?? (result.data.OPENAI_API_KEY ? 'openai' : 'extractive');
  if (engine === 'openai' && !result.data.OPENAI_API_KEY) {
    throw new ConfigError('invalid configuration: OPENAI_API_KEY should be set when ENGINE=openai (any value for a local server that needs no key)');
  }
  return { ...result.data, ENGINE: engine, ...overrides };
}
