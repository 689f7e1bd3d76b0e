import { describe, expect, it } from 'vitest';
import { ConfigError, describeError, FetchError, InputError, NewsroomError } from '../src/errors.js';

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
});
