import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/bot/commands.js';

const manifest = readFileSync(new URL('../../../adapters/slack/manifest.yml', import.meta.url), 'utf8');

/** The `- item` entries of a YAML list under `key:` (the manifest's own layout). */
function listUnder(key: string): string[] {
  const start = new RegExp(`^\\s*${key}:\\s*$`, 'mu').exec(manifest)?.index ?? -1;
  expect(start).toBeGreaterThan(-1);
  const items: string[] = [];
  for (const line of manifest.slice(start).split('\n').slice(1)) {
    const item = /^\s+- ([\w.:]+)/u.exec(line);
    if (!item) break;
    items.push(item[1]!);
  }
  return items;
}

describe('Slack app manifest', () => {
  it('declares every bot command as a slash command', () => {
    const declared = [...manifest.matchAll(/- command: \/(\w+)/gu)].map((m) => m[1]);
    expect(declared.sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  it('asks for the scopes and events the adapter uses, and chooses Socket Mode', () => {
    expect(listUnder('bot').sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history']);
    expect(listUnder('bot_events').sort()).toEqual(['app_mention', 'message.channels', 'message.groups']);
    expect(manifest).toMatch(/^\s+socket_mode_enabled: true$/mu);
  });
});
