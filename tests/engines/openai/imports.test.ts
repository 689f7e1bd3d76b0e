import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the openai SDK boundary', () => {
  it('is imported only under src/engines/openai/', () => {
    const importers = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'adapters'))]
      .filter((file) => /from 'openai(?:\/[^']*)?'/u.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(importers.length).toBeGreaterThan(0);
    for (const file of importers) expect(file.startsWith(join('src', 'engines', 'openai'))).toBe(true);
  });
});
