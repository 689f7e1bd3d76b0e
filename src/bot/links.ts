/**
 * Links into a story's web page. Only http(s) addresses are ever linked, and every link is
 * made safe for chat markup. A quote links to the page with a text fragment (`#:~:text=`), so
 * a browser that supports them scrolls to and highlights the passage.
 */

/** Quotes longer than this many words link by their first and last words (`start,end`). */
const EXACT_WORDS = 8;
/** Words taken from each end of a long quote. */
const EDGE_WORDS = 4;

/**
 * Characters that end or split a link in Slack's `<url|label>` or Discord's `[label](url)`,
 * besides those the URL parser already encodes: Slack's pipe and angle brackets, Markdown's
 * brackets and parentheses, and white space.
 */
const LINK_BREAKING = /[|<>()[\]\s]/gu;

function percentEncode(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * `url` as a link safe to put in chat markup, or `undefined` when it is not an absolute
 * http(s) address (`javascript:`, `data:`, `vbscript:`, `file:`, relative, malformed). The
 * user name and password are dropped (`https://council.gov@evil.example` shows its real
 * host), and every character that breaks a platform's link syntax after the host is
 * percent-encoded.
 */
export function webLink(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const rest = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  return `${parsed.origin}${rest.replace(LINK_BREAKING, percentEncode)}`;
}

/**
 * Percent-encodes one text-fragment term. Besides what `encodeURIComponent` encodes, the
 * fragment syntax reserves `-` (prefix/suffix marker); `,` and `&` are already encoded; and
 * the link-breaking characters are encoded as in {@link webLink}.
 */
function encodeTerm(text: string): string {
  return encodeURIComponent(text).replace(/-/gu, '%2D').replace(LINK_BREAKING, percentEncode);
}

/**
 * {@link webLink} of `url` with a text fragment that selects `quote` (any existing fragment
 * is replaced); the bare link when the quote has no words; `undefined` when `url` is not an
 * http(s) address.
 */
export function quoteLink(url: string, quote: string): string | undefined {
  const link = webLink(url);
  if (!link) return undefined;
  const words = quote.replace(/\s+/gu, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return link;
  const base = link.replace(/#.*$/su, '');
  const directive =
    words.length <= EXACT_WORDS
      ? encodeTerm(words.join(' '))
      : `${encodeTerm(words.slice(0, EDGE_WORDS).join(' '))},${encodeTerm(words.slice(-EDGE_WORDS).join(' '))}`;
  return `${base}#:~:text=${directive}`;
}
