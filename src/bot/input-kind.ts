/** What a command's argument is: an address to fetch, a file to read, or the article itself. */
export type InputKind = 'url' | 'path' | 'text';

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/\S*$/iu;
const PATH_START = /^(?:\/|\.{1,2}\/|~\/|[a-z]:[\\/])/iu;
const FILE_EXTENSION = /\.(?:txt|text|md|html?|xhtml)$/iu;
/** Longer than any path a system accepts: this much on one line is text. */
const PATH_MAX = 4096;

/**
 * The one rule every surface uses to tell its argument apart: one word with a scheme
 * (`https://…`) is a URL; `-` (standard input) or one line that is a single word, starts like
 * a path (`/`, `./`, `~/`, `C:\`) or ends in a file extension the bot reads is a path; anything
 * else — several words, several lines — is pasted article text. Where files may not be read
 * (Slack, Discord) a "path" is read as text too.
 */
export function inputKind(args: string): InputKind {
  const input = args.trim();
  if (URL_LIKE.test(input)) return 'url';
  if (input === '-') return 'path';
  if (input === '' || input.length > PATH_MAX || /[\r\n]/u.test(input)) return 'text';
  if (!/\s/u.test(input) || PATH_START.test(input) || FILE_EXTENSION.test(input)) return 'path';
  return 'text';
}
