import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The project's files (relative paths) that import `module` or one of its subpaths. */
function importersOf(module: string): string[] {
  const pattern = new RegExp(`from '${module.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&')}(?:/[^']*)?'`, 'u');
  return [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'adapters'))]
    .filter((file) => pattern.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file));
}

describe('SDK boundaries', () => {
  it.each([
    ['openai', join('src', 'engines', 'openai')],
    ['@slack/bolt', join('adapters', 'slack')],
    ['discord.js', join('adapters', 'discord')],
  ])('%s is imported only under %s', (module, home) => {
    const importers = importersOf(module);
    expect(importers.length).toBeGreaterThan(0);
    for (const file of importers) expect(file.startsWith(home)).toBe(true);
  });
});
