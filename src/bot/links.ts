/**
 * Links into a story's web page. A quote links to the page with a text fragment
 * (`#:~:text=`), so a browser that supports them scrolls to and highlights the passage.
 */

/** Quotes longer than this many words link by their first and last words (`start,end`). */
const EXACT_WORDS = 8;
/** Words taken from each end of a long quote. */
const EDGE_WORDS = 4;

/**
 * Percent-encodes one text-fragment term. Besides what `encodeURIComponent` encodes, the
 * fragment syntax reserves `-` (prefix/suffix marker); `,` and `&` are already encoded.
 */
function encodeTerm(text: string): string {
  return encodeURIComponent(text).replace(/-/gu, '%2D');
}

/**
 * `url` with a text fragment that selects `quote`. Any existing fragment is replaced. Returns
 * `url` unchanged when it is not an http(s) address or the quote has no words.
 */
export function quoteLink(url: string, quote: string): string {
  if (!/^https?:\/\//iu.test(url)) return url;
  const words = quote.replace(/\s+/gu, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return url;
  const base = url.replace(/#.*$/su, '');
  const directive =
    words.length <= EXACT_WORDS
      ? encodeTerm(words.join(' '))
      : `${encodeTerm(words.slice(0, EDGE_WORDS).join(' '))},${encodeTerm(words.slice(-EDGE_WORDS).join(' '))}`;
  return `${base}#:~:text=${directive}`;
}
