import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger, REDACTED, secretValues } from '../../src/service/log.js';

/** A destination that keeps each line written. */
function lines() {
  const written: string[] = [];
  return { written, destination: { write: (line: string) => written.push(line) } };
}

const BOT_TOKEN = 'xoxb-1111-2222-abcdefSECRET';
const DISCORD_TOKEN = 'MTIz.discord-token-value.zzz';
const OPENAI_KEY = 'sk-openai-key-value-42';

function config(env: NodeJS.ProcessEnv) {
  return loadConfig({ STORE_URL: 'memory://', ...env });
}

describe('createLogger', () => {
  it('LOG_FORMAT=json writes one JSON object a line, with level, time and msg', () => {
    const out = lines();
    const log = createLogger(config({ LOG_FORMAT: 'json' }), out.destination);
    log.info('slack connected');
    log.warn({ url: 'https://example.org/feed' }, 'feed failed');
    expect(out.written).toHaveLength(2);
    for (const line of out.written) expect(line.endsWith('\n')).toBe(true);
    const [first, second] = out.written.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ level: 'info', msg: 'slack connected' });
    expect(Number.isNaN(Date.parse(String(first!.time)))).toBe(false);
    expect(second).toMatchObject({ level: 'warn', msg: 'feed failed', url: 'https://example.org/feed' });
  });

  it('the default is readable text: level and message on one line, not JSON', () => {
    const out = lines();
    createLogger(config({}), out.destination).info({ platform: 'discord' }, 'discord connected');
    expect(out.written).toHaveLength(1);
    expect(out.written[0]).toMatch(/^\[[^\]]+\] INFO: discord connected \{"platform":"discord"\}\n$/u);
    expect(() => JSON.parse(out.written[0]!)).toThrow();
  });

  it('LOG_LEVEL drops the less severe lines', () => {
    const out = lines();
    const log = createLogger(config({ LOG_FORMAT: 'json', LOG_LEVEL: 'warn' }), out.destination);
    log.info('routine');
    log.debug('detail');
    log.error('broken');
    expect(out.written.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['broken']);
  });

  it('rejects an unknown LOG_FORMAT or LOG_LEVEL, naming the variable', () => {
    expect(() => config({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT should be one of: text, json/u);
    expect(() => config({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL should be one of/u);
  });

  for (const format of ['json', 'text'] as const) {
    it(`${format}: a configured token never appears, in the message, a field, a nested field or an error`, () => {
      const out = lines();
      const log = createLogger(
        config({
          LOG_FORMAT: format,
          SLACK_BOT_TOKEN: BOT_TOKEN,
          DISCORD_TOKEN,
          OPENAI_API_KEY: OPENAI_KEY,
          STORE_URL: 'redis://:store-password-9@127.0.0.1:6379/5',
        }),
        out.destination,
      );
      log.error(`login failed with ${DISCORD_TOKEN}`);
      log.info({ request: { headers: { 'x-key': OPENAI_KEY } } }, 'sent');
      log.warn({ err: new Error(`auth.test refused ${BOT_TOKEN}`) }, 'slack said no');
      log.info({ token: 'short', options: { apiKey: 'whatever-key' } }, 'redis at redis://:store-password-9@127.0.0.1');
      const text = out.written.join('');
      for (const secret of [BOT_TOKEN, DISCORD_TOKEN, OPENAI_KEY, 'store-password-9', 'whatever-key', 'short']) {
        expect(text).not.toContain(secret);
      }
      expect(text).toContain(REDACTED);
      expect(text).toContain('login failed with');
    });
  }

  it('redacts Slack tokens and bearer credentials that were never configured', () => {
    const out = lines();
    const log = createLogger(config({ LOG_FORMAT: 'json' }), out.destination);
    log.warn('socket url had xapp-1-A0-123-abcdef and header Bearer abcdefghijklmnop');
    const { msg } = JSON.parse(out.written[0]!) as { msg: string };
    expect(msg).toBe(`socket url had ${REDACTED} and header Bearer ${REDACTED}`);
  });

  it('secretValues: tokens, keys and the store password; not values too short to be secrets', () => {
    const values = secretValues(config({ DISCORD_TOKEN, SLACK_SIGNING_SECRET: 'abc', STORE_URL: 'postgres://u:p%40ss-word@db/x' }));
    expect(values).toEqual(expect.arrayContaining([DISCORD_TOKEN, 'p@ss-word']));
    expect(values).not.toContain('abc');
  });
});
