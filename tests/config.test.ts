import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has working defaults with nothing set', () => {
    expect(loadConfig({})).toMatchObject({
      ENGINE: 'extractive',
      STORE_URL: 'sqlite://./data/newsroom.sqlite',
      ALLOW_PRIVATE_URLS: false,
      FETCH_MAX_BYTES: 5 * 1024 * 1024,
    });
  });

  it('parses booleans and numbers from strings', () => {
    const config = loadConfig({ ALLOW_PRIVATE_URLS: 'true', FETCH_TIMEOUT_MS: '2500' });
    expect(config.ALLOW_PRIVATE_URLS).toBe(true);
    expect(config.FETCH_TIMEOUT_MS).toBe(2500);
  });

  it('keeps a rejected model result for an hour unless REJECTED_RESULT_TTL says otherwise', () => {
    expect(loadConfig({}).REJECTED_RESULT_TTL).toBe(3_600_000);
    expect(loadConfig({ REJECTED_RESULT_TTL: '5m' }).REJECTED_RESULT_TTL).toBe(300_000);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ STORE_URL: '' }).STORE_URL).toBe('sqlite://./data/newsroom.sqlite');
  });

  it.each([
    ['ALLOW_PRIVATE_URLS', 'maybe', 'true or false'],
    ['FETCH_TIMEOUT_MS', 'soon', 'positive whole number of milliseconds'],
    ['FETCH_MAX_BYTES', '-1', 'positive whole number of bytes'],
    ['STORE_URL', 'mysql://db/x', 'sqlite://'],
    ['ENGINE', 'gpt', 'one of: extractive, openai'],
    ['OPENAI_MAX_RETRIES', '-1', 'a whole number from 0 to 10'],
    ['OPENAI_BASE_URL', 'localhost:11434', 'an http:// or https:// URL'],
    ['LLM_DAILY_TOKEN_BUDGET', 'lots', 'positive whole number of tokens'],
    ['REJECTED_RESULT_TTL', 'forever', 'a duration such as 90s'],
  ])('stops on a bad %s with one message naming it', (name, value, expected) => {
    const error = errorOf({ [name]: value });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(name);
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain('\n');
  });

  it('chooses the openai engine when a key is set and ENGINE is not', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' }).ENGINE).toBe('openai');
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test', ENGINE: 'extractive' }).ENGINE).toBe('extractive');
    expect(loadConfig({}).OPENAI_MODEL).toBe('gpt-4o-mini');
  });

  it('stops on ENGINE=openai without a key, naming OPENAI_API_KEY', () => {
    const error = errorOf({ ENGINE: 'openai' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(error.message).not.toContain('\n');
  });

  it('lets explicit overrides win over the environment', () => {
    expect(loadConfig({ STORE_URL: 'memory://' }, { STORE_URL: 'sqlite://x.sqlite' }).STORE_URL).toBe('sqlite://x.sqlite');
  });

  it('documents every variable in .env.example and the README', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of CONFIG_VARIABLES) {
      expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
      expect(readme).toContain(`\`${name}\``);
    }
  });
});
