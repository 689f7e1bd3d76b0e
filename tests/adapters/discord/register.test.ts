import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandArgs, commandDefinitions } from '../../../adapters/discord/commands.js';
import { main } from '../../../adapters/main.js';
import { ADAPTERS, configuredAdapters } from '../../../adapters/registry.js';
import { loadConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/errors.js';
import { FakeDiscord } from '../../helpers/fake-discord.js';
import { testIo } from '../../helpers/stream-io.js';

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await FakeDiscord.start();
});

afterAll(async () => {
  await fake?.close();
});

type Definition = { name: string; description: string; options: Array<{ name: string; type: number; required: boolean }> };

function env(extra: Record<string, string> = {}) {
  return { STORE_URL: 'memory://', DISCORD_TOKEN: 'bot-token', DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, ...extra };
}

describe('newsroom discord register', () => {
  it('puts the command definitions to the server named by DISCORD_GUILD_ID, in one bulk overwrite', async () => {
    const t = testIo(env({ DISCORD_GUILD_ID: fake.guildId }));
    expect(await main(['discord', 'register'], t.io)).toBe(0);
    const put = fake.requests.at(-1)!;
    expect(put).toMatchObject({ method: 'PUT', path: `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands` });
    const sent = put.body as Definition[];
    const options = Object.fromEntries(sent.map((c) => [c.name, c.options.map((o) => `${o.name}${o.required ? '!' : ''}`)]));
    expect(options).toEqual({
      summarize: ['url', 'text'],
      commitments: ['url', 'actor'],
      who: ['url', 'text'],
      ask: ['question!'],
      help: [],
      subscribe: ['url!', 'keywords'],
      unsubscribe: ['url!'],
      subscriptions: [],
    });
    for (const command of sent) {
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      for (const option of command.options) expect(option.type).toBe(3);
    }
    expect(t.stdout()).toContain(`registered 8 commands for server ${fake.guildId}: /summarize /commitments /who /ask /help /subscribe /unsubscribe /subscriptions`);
  });

  it('without DISCORD_GUILD_ID registers globally', async () => {
    const t = testIo(env());
    expect(await main(['discord', 'register'], t.io)).toBe(0);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/applications/${fake.applicationId}/commands` });
    expect(t.stdout()).toContain('global');
  });

  it('without DISCORD_APPLICATION_ID exits 2 naming it; other arguments print the usage', async () => {
    const missing = testIo({ STORE_URL: 'memory://', DISCORD_TOKEN: 'bot-token' });
    expect(await main(['discord', 'register'], missing.io)).toBe(2);
    expect(missing.stderr()).toContain('DISCORD_APPLICATION_ID');
    const usage = testIo(env());
    expect(await main(['discord', 'unregister'], usage.io)).toBe(2);
    expect(usage.stderr()).toContain('usage: newsroom discord register');
  });
});

describe('command definitions', () => {
  it('a command without its own options (one added later) gets one optional text option', () => {
    const [definition] = commandDefinitions([{ name: 'archive' as 'help', usage: '<story>', description: 'Archive a story' }]);
    expect(definition).toMatchObject({ name: 'archive', description: 'Archive a story', options: [{ name: 'text', type: 3, required: false }] });
  });

  it('option values become the bot command line: the first given option in definition order', () => {
    const values = (given: Record<string, string>) => (name: string) => given[name] ?? null;
    expect(commandArgs('summarize', values({ text: 'Pasted article' }))).toBe('Pasted article');
    expect(commandArgs('commitments', values({ actor: ' the council ' }))).toBe('the council');
    expect(commandArgs('ask', values({ question: 'Who paid?' }))).toBe('Who paid?');
    expect(commandArgs('help', values({}))).toBe('');
    expect(commandArgs('subscribe', values({ url: 'https://news.example/feed.xml', keywords: 'harbour -sport' }))).toBe(
      'https://news.example/feed.xml harbour -sport',
    );
    expect(commandArgs('subscribe', values({ url: 'https://news.example/feed.xml' }))).toBe('https://news.example/feed.xml');
  });
});

describe('registry', () => {
  it('Discord is configured by DISCORD_TOKEN and needs DISCORD_APPLICATION_ID', async () => {
    expect(await configuredAdapters(loadConfig({}), ADAPTERS)).toEqual([]);
    await expect(configuredAdapters(loadConfig({ DISCORD_TOKEN: 't' }), ADAPTERS)).rejects.toThrow(ConfigError);
    await expect(configuredAdapters(loadConfig({ DISCORD_TOKEN: 't' }), ADAPTERS)).rejects.toThrow(/DISCORD_APPLICATION_ID/u);
    const [adapter] = await configuredAdapters(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1' }), ADAPTERS);
    expect(adapter?.name).toBe('discord');
  });
});
