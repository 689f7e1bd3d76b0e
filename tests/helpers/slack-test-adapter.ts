import { LogLevel } from '@slack/bolt';
import { SlackAdapter } from '../../adapters/slack/slack-adapter.js';
import type { SlackAdapterOptions } from '../../adapters/slack/slack-adapter.js';

/**
 * A Slack adapter in HTTP mode for tests: on a free loopback port, talking to the fake Slack at
 * `apiUrl`, quiet, with no "working on it" placeholder and a short grace on stop.
 */
export function testSlackAdapter(apiUrl: string, signingSecret: string, options: Partial<SlackAdapterOptions> = {}): SlackAdapter {
  return new SlackAdapter({
    botToken: 'xoxb-test',
    signingSecret,
    apiUrl,
    port: 0,
    host: '127.0.0.1',
    logLevel: LogLevel.ERROR,
    workingAfterMs: 60_000,
    stopGraceMs: 2_000,
    ...options,
  });
}
