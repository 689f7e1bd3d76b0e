import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandArgs, commandDefinitions } from '../../adapters/discord/commands.js';
import { Bot } from '../../src/bot/bot.js';
import type { Conversation } from '../../src/bot/bot.js';
import { COMMANDS } from '../../src/bot/commands.js';
import { ExtractiveEngine } from '../../src/engines/extractive/extractive-engine.js';
import { Newsroom } from '../../src/newsroom.js';
import { createStore } from '../../src/store/create-store.js';
import { UK_STORIES } from '../helpers/ledger-stories.js';

const manifest = readFileSync(new URL('../../adapters/slack/manifest.yml', import.meta.url), 'utf8');

/** The fields of one slash command in the Slack manifest, as written there (quotes removed). */
function slackCommand(name: string): Record<string, string> {
  const lines = manifest.split('\n');
  const at = lines.findIndex((l) => l.trim() === `- command: /${name}`);
  expect(at).toBeGreaterThan(-1);
  const fields: Record<string, string> = {};
  for (const line of lines.slice(at + 1)) {
    const field = /^\s+(\w+): (.*)$/u.exec(line);
    if (!field || line.trim().startsWith('-')) break;
    fields[field[1]!] = field[2]!.replace(/^"(.*)"$/u, '$1');
  }
  return fields;
}

const spec = COMMANDS.find((c) => c.name === 'commitments')!;

describe('/commitments <actor> and /commitments alone, wherever commands are listed', () => {
  it('/help, the Slack manifest and the Discord registration give the same forms and the same description', async () => {
    const store = await createStore('memory://');
    const bot = new Bot(new Newsroom({ store, engine: new ExtractiveEngine() }), store);
    const help = await bot.handle('/help', { platform: 'test', channel: 'c', thread: null, workspace: 'w' });
    const line = help!.blocks.map((b) => b.text).find((t) => t.startsWith('/commitments '));
    // The forms: optional (so the command alone is one), a story or an actor.
    expect(spec.usage).toMatch(/^\[.*<url.*\|.*<actor>\]$/u);
    expect(line).toBe(`/commitments ${spec.usage} — ${spec.description}`);
    expect(spec.description).toMatch(/an actor's record/u);
    expect(spec.description).toMatch(/alone, most active actors/u);

    const slack = slackCommand('commitments');
    expect(slack.usage_hint).toBe(spec.usage);
    expect(slack.description).toBe(spec.description);

    const discord = commandDefinitions().find((c) => c.name === 'commitments')!;
    // Registered whole: Discord cuts descriptions at 100 characters, and the cut would lose "alone".
    expect(discord.description).toBe(spec.description);
    expect(discord.options?.map((o) => [o.name, 'required' in o ? o.required : false])).toEqual([['url', false], ['actor', false]]);
    expect(commandArgs('commitments', (o) => (o === 'actor' ? 'the UK' : null))).toBe('the UK');
    expect(commandArgs('commitments', () => null)).toBe('');
    await store.close();
  });

  it('each form does what they say: a story records it, an actor reads the ledger, alone lists actors', async () => {
    const store = await createStore('memory://');
    const bot = new Bot(new Newsroom({ store, engine: new ExtractiveEngine() }), store);
    const here: Conversation = { platform: 'test', channel: 'c', thread: null, workspace: 'w' };
    const story = await bot.handle(`/commitments ${UK_STORIES[0].text}`, here);
    expect(story?.storyId).toBeDefined();
    const actor = await bot.handle('/commitments the UK', here);
    expect(actor?.blocks[0]).toEqual({ type: 'heading', text: 'Commitments by United Kingdom' });
    const alone = await bot.handle('/commitments', here);
    expect(alone?.blocks[0]).toEqual({ type: 'heading', text: 'Most active actors' });
    expect(alone?.blocks.map((b) => b.text)).toContain('United Kingdom: 1 commitment');
    await store.close();
  });
});
