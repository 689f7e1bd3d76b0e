import { readFileSync } from 'node:fs';

/** `NAME=value`, optionally after `export `; what Node's `.env` parser reads. */
const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=(.*)$/u;
const QUOTES = new Set(['"', "'", '`']);

/**
 * Loads `path` (default `.env` in the working directory) into `process.env` with Node's own
 * `process.loadEnvFile`, which leaves variables already in the environment as they are: the
 * real environment wins. A missing file is no error.
 *
 * Node's parser skips a line it cannot read without a word, so a typo such as
 * `SLACK_BOT_TOKEN xoxb-…` would leave the bot running with other settings than meant; such a
 * file is refused instead, naming the line.
 * @returns `undefined` when loaded or absent, else a one-line description of the problem.
 */
export function loadEnvFile(path = '.env'): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return `cannot read ${path}: ${code ?? (error as Error).message}`;
  }
  const bad = firstUnreadableLine(text);
  if (bad !== undefined) return `${path} line ${bad} is not NAME=value (comments start with #); nothing in it was used`;
  process.loadEnvFile(path);
  return undefined;
}

/** The 1-based number of the first line that is neither blank, a comment, nor part of an assignment. */
export function firstUnreadableLine(text: string): number | undefined {
  const lines = text.split(/\r?\n/u);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match) return i + 1;
    const value = match[1]!.trimStart();
    const quote = value[0];
    if (quote === undefined || !QUOTES.has(quote) || value.indexOf(quote, 1) > 0) continue;
    // A quoted value may run over several lines, up to its closing quote.
    const close = lines.findIndex((later, j) => j > i && later.includes(quote));
    if (close < 0) return i + 1;
    i = close;
  }
  return undefined;
}
