import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ledgerExample } from '../../scripts/ledger-example.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The body of the fenced block of `lang` that follows `after` in the README. */
function fenced(after: string, lang: string): string {
  const at = readme.indexOf(after);
  expect(at).toBeGreaterThan(-1);
  const open = readme.indexOf(`\`\`\`${lang}\n`, at);
  const close = readme.indexOf('\n```\n', open);
  return readme.slice(open + lang.length + 4, close);
}

describe("the README's commitment ledger example", () => {
  it('is what the code prints for the three stories: CLI, Slack and Discord', async () => {
    const example = await ledgerExample();
    expect(fenced('### Worked example', 'console')).toBe(example.cli);
    expect(fenced('Slack, each Block Kit block', 'text')).toBe(example.slack);
    expect(fenced('Discord, the embed', 'text')).toBe(example.discord);
    // The example shows what it is there to show.
    expect(example.cli).toContain('changed: refused on 12 Aug, conditional on 19 Aug');
    expect(example.cli).toContain('changed: conditional on 19 Aug, commits on 26 Aug');
    expect(example.slack).toContain('|source>');
    expect(example.discord).toContain('](https://fenwick-post.example/news/saltmarsh-road-library-saved#:~:text=');
  });
});
