import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPromptsDir, loadPrompts, TEMPLATES } from '../../../src/engines/openai/prompts.js';
import { ConfigError } from '../../../src/errors.js';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the project's prompts/ to edit. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-prompts-'));
  dirs.push(dir);
  cpSync(defaultPromptsDir(), dir, { recursive: true });
  return dir;
}

function edit(dir: string, name: string, change: (text: string) => string): void {
  const file = join(dir, `${name}.md`);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

function errorOf(dir: string): ConfigError {
  try {
    loadPrompts(dir);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadPrompts', () => {
  it('loads every template of the project and fills placeholders once, without rescanning values', () => {
    const prompts = loadPrompts();
    expect(Object.keys(TEMPLATES).sort()).toEqual(['answer', 'attributions', 'commitments', 'repair', 'summarise', 'system']);
    const text = prompts.render('summarise', { article: 'ARTICLE TEXT with {{question}} inside' });
    expect(text).toContain('ARTICLE TEXT with {{question}} inside');
    expect(text).not.toContain('{{article}}');
    expect(prompts.version).toMatch(/^[0-9a-f]{12}$/u);
  });

  it('asks for actions in the story\'s own words, stances from their polarity cue, and numbers copied exactly', () => {
    const prompts = loadPrompts();
    const commitments = prompts.render('commitments', { article: '' });
    expect(commitments).toMatch(/short phrase[^.]*story's own\s+wording/u);
    expect(commitments).not.toMatch(/your own words/u);
    expect(commitments).toMatch(/polarity cue the quote itself contains/u);
    expect(commitments).toMatch(/"will not raise\s+fees" is `refuses`/u);
    for (const text of [commitments, prompts.render('summarise', { article: '' }), prompts.render('system', {})]) {
      expect(text).toMatch(/number[^.]*exactly as the article writes it/iu);
    }
  });

  it('stops on an unknown placeholder, naming it and the file', () => {
    const dir = copy();
    edit(dir, 'summarise', (t) => `${t}\n{{story}}\n`);
    const error = errorOf(dir);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('summarise.md');
    expect(error.message).toContain('unknown placeholder {{story}}');
  });

  it('stops on a missing placeholder', () => {
    const dir = copy();
    edit(dir, 'answer', (t) => t.replace('{{question}}', ''));
    expect(errorOf(dir).message).toMatch(/answer\.md lacks placeholder \{\{question\}\}/u);
  });

  it('stops on a missing template', () => {
    const dir = copy();
    rmSync(join(dir, 'repair.md'));
    expect(errorOf(dir).message).toMatch(/repair\.md is missing/u);
  });

  it('gives a new version when any template changes', () => {
    const dir = copy();
    const before = loadPrompts(dir).version;
    expect(before).toBe(loadPrompts().version);
    edit(dir, 'system', (t) => `${t}\nBe brief.\n`);
    expect(loadPrompts(dir).version).not.toBe(before);
  });
});
