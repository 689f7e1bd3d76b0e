import { describe, expect, it } from 'vitest';
import { ConfigError, ConnectError, describeError, FetchError, InputError, NewsroomError, rootCauseMessage } from '../src/errors.js';

describe('errors', () => {
  it('names each error after its class and keeps code and cause', () => {
    const cause = new Error('ECONNRESET');
    const error = new FetchError('NETWORK', 'http://x/: connection reset', { cause });
    expect(error).toBeInstanceOf(NewsroomError);
    expect(error.name).toBe('FetchError');
    expect(error.code).toBe('NETWORK');
    expect(error.cause).toBe(cause);
    expect(new ConfigError('bad').code).toBe('CONFIG_INVALID');
  });

  it('describes our errors by their message and anything else as unexpected', () => {
    expect(describeError(new InputError('FILE_NOT_FOUND', 'a.txt: no such file'))).toBe('a.txt: no such file');
    expect(describeError(new TypeError('x is undefined'))).toBe('unexpected error: x is undefined');
    expect(describeError('boom')).toBe('unexpected error: boom');
  });

  it('finds the innermost message of a cause chain, for what a network failure really was', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const wrapped = new Error('A request error occurred: fetch failed', { cause: new TypeError('fetch failed', { cause: inner }) });
    expect(rootCauseMessage(wrapped)).toBe('connect ECONNREFUSED 127.0.0.1:9');
    expect(rootCauseMessage(new Error('alone'))).toBe('alone');
    expect(rootCauseMessage('text')).toBe('text');
    expect(new ConnectError('Slack is unreachable').code).toBe('PLATFORM_UNREACHABLE');
  });
});
