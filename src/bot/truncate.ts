/** Cutting text to a platform's limits without breaking words or surrogate pairs. */

const ELLIPSIS = '…';

/**
 * `text` cut to at most `max` characters (UTF-16 code units, as Slack and Discord count),
 * at a word boundary when one is near, ending in "…". Text that fits is returned unchanged.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  let cut = max - ELLIPSIS.length;
  // Never split a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const space = text.lastIndexOf(' ', cut);
  if (space > cut * 0.6) cut = space;
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}
