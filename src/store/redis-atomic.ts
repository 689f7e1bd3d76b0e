import type { AtomicBackend } from './atomic-backend.js';

/** The part of a node-redis client these primitives use. */
export interface RedisCommands {
  set(key: string, value: string, options: { condition: 'NX'; expiration?: { type: 'PX'; value: number } }): Promise<unknown>;
  get(key: string): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

// Runs inside Redis as one step: no other command sees the key between the check and the write.
// ARGV: 1 expect-absent flag, 2 expected text, 3 remove flag, 4 next text, 5 TTL in ms or ''.
const SWAP = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
if ARGV[3] == '1' then
  redis.call('DEL', KEYS[1])
elseif ARGV[5] ~= '' then
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
else
  redis.call('SET', KEYS[1], ARGV[4])
end
return 1
`;

/**
 * The primitives on Redis: `SET NX PX` for add (Redis drops expired keys itself, so an
 * expired entry is simply absent) and a Lua compare-and-swap, which Redis runs atomically.
 */
export function redisAtomic(client: RedisCommands): AtomicBackend {
  return {
    async add(key, text, ttlMs) {
      const reply = await client.set(key, text, {
        condition: 'NX',
        ...(ttlMs === undefined ? {} : { expiration: { type: 'PX' as const, value: ttlMs } }),
      });
      return reply === 'OK';
    },
    async read(key) {
      const text = await client.get(key);
      return typeof text === 'string' ? text : undefined;
    },
    async swap(key, expected, next, ttlMs) {
      const reply = await client.eval(SWAP, {
        keys: [key],
        arguments: [
          expected === undefined ? '1' : '0',
          expected ?? '',
          next === undefined ? '1' : '0',
          next ?? '',
          next === undefined || ttlMs === undefined ? '' : String(ttlMs),
        ],
      });
      return Number(reply) === 1;
    },
  };
}
