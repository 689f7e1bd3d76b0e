import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../errors.js';

/** Each template in `prompts/` and the placeholders it must use (and may not go beyond). */
export const TEMPLATES = {
  system: [],
  summarise: ['article'],
  attributions: ['article'],
  commitments: ['article'],
  answer: ['question', 'articles'],
  repair: ['problems'],
} as const satisfies Record<string, readonly string[]>;

/** The name of one template. */
export type TemplateName = keyof typeof TEMPLATES;

/** The values a template's placeholders are filled with. */
export type TemplateValues<N extends TemplateName> = Record<(typeof TEMPLATES)[N][number], string>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/gu;

/** The loaded, checked templates and their version. */
export interface Prompts {
  /** A short hash of every template's name and text: changes whenever any template does. */
  version: string;
  /** The template filled in; values are inserted once, never scanned for placeholders. */
  render<N extends TemplateName>(name: N, values: TemplateValues<N>): string;
}

/** `prompts/` at the root of the package (found from this module, in `src/` or `dist/src/`). */
export function defaultPromptsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new ConfigError('cannot find the prompts/ folder: no package.json above the engine');
    dir = parent;
  }
  return join(dir, 'prompts');
}

/**
 * Reads every template from `dir` and checks it: a missing file, a required placeholder the
 * template does not use, or a placeholder no task fills is a `ConfigError` naming the file.
 */
export function loadPrompts(dir: string = defaultPromptsDir()): Prompts {
  const texts = new Map<TemplateName, string>();
  const hash = createHash('sha256');
  for (const [name, required] of Object.entries(TEMPLATES) as Array<[TemplateName, readonly string[]]>) {
    const file = join(dir, `${name}.md`);
    if (!existsSync(file)) throw new ConfigError(`prompt template ${file} is missing`);
    const text = readFileSync(file, 'utf8');
    const used = new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!));
    const unknown = [...used].filter((p) => !required.includes(p));
    if (unknown.length > 0) {
      throw new ConfigError(`prompt template ${file} has unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((p) => `{{${p}}}`).join(', ')}; it may use ${required.length > 0 ? required.map((p) => `{{${p}}}`).join(', ') : 'none'}`);
    }
    const missing = required.filter((p) => !used.has(p));
    if (missing.length > 0) {
      throw new ConfigError(`prompt template ${file} lacks placeholder${missing.length > 1 ? 's' : ''} ${missing.map((p) => `{{${p}}}`).join(', ')}`);
    }
    texts.set(name, text);
    hash.update(`${name}\0${text}\0`);
  }
  return {
    version: hash.digest('hex').slice(0, 12),
    render(name, values) {
      const lookup = values as Record<string, string>;
      return texts.get(name)!.replace(PLACEHOLDER, (_, key: string) => lookup[key] ?? '').trim();
    },
  };
}
