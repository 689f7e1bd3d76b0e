import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { InputError } from '../errors.js';
import { emptyMeta } from '../story/story.js';
import type { StoryMeta } from '../story/story.js';

/** The article found in an HTML page: its plain text and what the page says about it. */
export interface ExtractedArticle {
  /**
   * Plain article text. Paragraphs are separated by exactly `"\n\n"`; inside a paragraph every
   * whitespace run is one space; no leading or trailing whitespace; entities decoded.
   */
  text: string;
  /** Title, byline, site, publication time, canonical URL, page URL and language. */
  meta: StoryMeta;
}

/**
 * The part of the DOM `Node` interface that {@link nodeToText} reads. Nodes from linkedom and
 * from jsdom both fit, so the comparison script can convert either DOM's output the same way.
 */
export interface TextSourceNode {
  /** DOM node type: 1 element, 3 text, 4 CDATA, 9 document, 11 fragment; others are skipped. */
  readonly nodeType: number;
  /** Tag name for elements (any case); `#text` and the like for other nodes. */
  readonly nodeName: string;
  /** Character data of text nodes; `null` for elements. */
  readonly nodeValue: string | null;
  /** Children in document order. */
  readonly childNodes: ArrayLike<TextSourceNode>;
  /** Attribute lookup; present on elements. */
  getAttribute?(name: string): string | null;
}

/**
 * Extracts the article from an HTML page with Readability on a linkedom DOM.
 *
 * When Readability finds no article (or gives up on the page), the text of `<body>` is used
 * instead. Metadata prefers Readability's reading of the page and falls back to meta tags.
 *
 * @param html - The page's markup.
 * @param pageUrl - The URL the page was fetched from, after redirects; `null` for a local file.
 * @throws InputError with code `EMPTY_ARTICLE` when the page has no text at all,
 *   `HTML_TOO_DEEP` when its tags nest far deeper than any real page (parsing it would hang), or
 *   `HTML_TOO_MANY_ELEMENTS` when it has far more elements than any real article page.
 */
export function extractHtml(html: string, pageUrl: string | null): ExtractedArticle {
  refuseHostileMarkup(html, pageUrl);
  const document = parseDocument(html);
  // Readability rewrites the tree it reads, so the page's own tags are read first.
  const tags = readMetaTags(document, pageUrl);
  const readable = document.documentElement !== null && !exceedsLimits(document.documentElement);
  const article = readable ? runReadability(document) : null;

  let text = article?.content ? nodeToText(article.content) : '';
  if (text === '') {
    // Readability mutates the document even when it finds nothing, hence a fresh parse.
    const whole = readable ? parseDocument(html) : document;
    text = nodeToText(whole.body ?? whole.documentElement ?? whole);
  }
  if (text === '') {
    throw new InputError('EMPTY_ARTICLE', `${pageUrl ?? 'the page'}: no article text could be extracted`);
  }

  const meta: StoryMeta = {
    ...emptyMeta(),
    title: cleanMeta(article?.title) ?? tags.title,
    byline: cleanMeta(article?.byline) ?? tags.byline,
    siteName: cleanMeta(article?.siteName) ?? tags.siteName,
    publishedAt: normaliseDate(cleanMeta(article?.publishedTime) ?? tags.publishedAt),
    canonicalUrl: tags.canonicalUrl,
    url: pageUrl,
    language: cleanMeta(article?.lang) ?? tags.language,
  };
  return { text, meta };
}

/**
 * Converts an HTML document or fragment to plain text with the same block rules as
 * {@link extractHtml}, without running Readability. Used to compare against expected output.
 *
 * @throws InputError with code `HTML_TOO_DEEP` or `HTML_TOO_MANY_ELEMENTS`, as {@link extractHtml} does.
 */
export function htmlToText(html: string): string {
  refuseHostileMarkup(html, null);
  const body = parseLinkedom(EMPTY_PAGE).body!;
  // A fragment parser for the body copes with both fragments and whole documents.
  body.innerHTML = html;
  return nodeToText(body);
}

/**
 * Converts a DOM subtree to plain text. Block elements (paragraphs, headings, list items,
 * quotes, `pre`, captions, table rows, `div`s...) become paragraphs joined by `"\n\n"`; inline
 * content flows into the enclosing paragraph; one `<br>` is a space and two or more in a row
 * are a paragraph break; scripts, styles, templates, form controls and hidden elements are
 * skipped.
 */
export function nodeToText(root: TextSourceNode): string {
  const paragraphs: string[] = [];
  let buffer = '';
  let breaks = 0;
  const flush = (): void => {
    const paragraph = collapse(buffer);
    if (paragraph !== '') paragraphs.push(paragraph);
    buffer = '';
    breaks = 0;
  };

  // An explicit stack, because real pages nest deeply enough to overflow recursion.
  const stack: Array<{ node: TextSourceNode; leaving: boolean }> = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    if (leaving) {
      flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_NODE) {
      const data = node.nodeValue ?? '';
      if (breaks > 0 && collapse(data) !== '') {
        // Readability itself reads `<br><br>` as a paragraph break; a lone `<br>` is a line
        // break inside the paragraph, and the text model has no single newlines.
        if (breaks >= 2) flush();
        else buffer += ' ';
        breaks = 0;
      }
      buffer += data;
      continue;
    }
    if (node.nodeType === ELEMENT_NODE) {
      const tag = node.nodeName.toLowerCase();
      if (SKIPPED_TAGS.has(tag) || isHidden(node)) continue;
      if (tag === 'br') {
        breaks++;
        continue;
      }
      if (BLOCK_TAGS.has(tag)) {
        flush();
        stack.push({ node, leaving: true });
      } else if (tag === 'td' || tag === 'th') {
        buffer += ' ';
      }
    } else if (node.nodeType !== DOCUMENT_NODE && node.nodeType !== FRAGMENT_NODE) {
      continue;
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, leaving: false });
  }
  flush();
  return paragraphs.join('\n\n');
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;
const DOCUMENT_NODE = 9;
const FRAGMENT_NODE = 11;

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details',
  'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li',
  'listing', 'main', 'menu', 'nav', 'ol', 'p', 'plaintext', 'pre', 'search', 'section',
  'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul', 'xmp',
]);

const SKIPPED_TAGS = new Set([
  'button', 'canvas', 'datalist', 'embed', 'head', 'iframe', 'input', 'noscript', 'object',
  'option', 'script', 'select', 'style', 'svg', 'template', 'textarea', 'title',
]);

// Invisible when rendered, but they would split words for anyone matching quotes in the text.
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;

function collapse(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

function isHidden(element: TextSourceNode): boolean {
  const get = element.getAttribute;
  if (!get) return false;
  if (get.call(element, 'hidden') !== null) return true;
  const style = get.call(element, 'style');
  return style !== null && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(style);
}

/** The element API used on linkedom's tree; DOM `Element` fits it too. */
interface HtmlElement extends TextSourceNode {
  readonly localName: string;
  readonly textContent: string | null;
  readonly children: ArrayLike<HtmlElement>;
  innerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  querySelectorAll(selectors: string): ArrayLike<HtmlElement>;
  append(...nodes: HtmlElement[]): void;
  remove(): void;
}

interface HtmlDocument extends TextSourceNode {
  readonly documentElement: HtmlElement | null;
  readonly head: HtmlElement | null;
  readonly body: HtmlElement | null;
  querySelectorAll(selectors: string): ArrayLike<HtmlElement>;
  createTreeWalker(root: HtmlDocument, whatToShow: number): { nextNode(): HtmlElement | null };
}

const SHOW_COMMENT = 0x80;

const EMPTY_PAGE = '<!doctype html><html><head></head><body></body></html>';

function parseLinkedom(html: string): HtmlDocument {
  // linkedom declares its result with the DOM lib's types, which this project does not load
  // (they resolve to `any` without it), so the result is pinned to the slice used here.
  return parseHTML(html).document as unknown as HtmlDocument;
}

/**
 * linkedom parses 30,000 nested elements in a fifth of a second but 50,000 in five seconds
 * and 200,000 in thirty, so a 5 MB page of unclosed tags could hold the thread for
 * minutes. Real pages nest a few dozen deep; the estimate below overcounts sloppy markup,
 * hence the wide margin.
 */
const MAX_MARKUP_DEPTH = 20_000;

const VOID_TAGS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta',
  'param', 'source', 'track', 'wbr',
]);

// Closed implicitly by their next sibling, so unclosed ones do not nest.
const SIBLING_CLOSED_TAGS = new Set([
  'dd', 'dt', 'li', 'optgroup', 'option', 'p', 'rb', 'rp', 'rt', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr',
]);

/**
 * linkedom with Readability costs about 2 KB of memory and a few microseconds per element, so
 * a 4 MB page of a million `<p>a` would take gigabytes and many seconds. Real article pages
 * hold a few thousand elements (the largest Readability test page under 3,000).
 */
const MAX_MARKUP_ELEMENTS = 50_000;

/** Element count and nesting depth from the tags alone, without the cost of parsing; overestimates. */
function scanMarkup(html: string): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  let nextEnd = -1;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][^\s/>]*)/g)) {
    if (match[1] !== '/') elements++;
    const tag = match[2]!.toLowerCase();
    if (VOID_TAGS.has(tag) || SIBLING_CLOSED_TAGS.has(tag)) continue;
    if (match[1] === '/') {
      if (depth > 0) depth--;
      continue;
    }
    // The search for the tag's end only ever moves forward, so the scan stays linear.
    if (nextEnd < match.index) nextEnd = html.indexOf('>', match.index);
    if (nextEnd < 0) break;
    if (html[nextEnd - 1] === '/') continue;
    if (++depth > deepest) deepest = depth;
  }
  return { elements, depth: deepest };
}

const HEAD_TAGS = new Set(['base', 'link', 'meta', 'style', 'title']);

function refuseHostileMarkup(html: string, pageUrl: string | null): void {
  const { elements, depth } = scanMarkup(html);
  const where = pageUrl ? `${pageUrl}: the page` : 'the page';
  if (depth > MAX_MARKUP_DEPTH) {
    throw new InputError('HTML_TOO_DEEP', `${where} nests about ${depth} elements deep; refusing to parse it`);
  }
  if (elements > MAX_MARKUP_ELEMENTS) {
    throw new InputError('HTML_TOO_MANY_ELEMENTS', `${where} has about ${elements} elements (more than ${MAX_MARKUP_ELEMENTS}); refusing to parse it`);
  }
}

function parseDocument(html: string): HtmlDocument {
  const document = wholeDocument(html);
  // Readability ends a paragraph at any node that is not phrasing content, comments included,
  // so the empty `<!-- -->` markers of server-rendered React pages would cut sentences apart.
  const walker = document.createTreeWalker(document, SHOW_COMMENT);
  const comments: HtmlElement[] = [];
  for (let comment = walker.nextNode(); comment !== null; comment = walker.nextNode()) comments.push(comment);
  for (const comment of comments) comment.remove();
  return document;
}

function wholeDocument(html: string): HtmlDocument {
  const parsed = parseLinkedom(html);
  const root = parsed.documentElement;
  if (root?.localName === 'html' && childElement(root, 'body')) return parsed;

  // linkedom does not add the html/head/body elements that HTML lets pages omit, and
  // Readability finds nothing without a body, so the content is moved into a whole document.
  const shell = parseLinkedom(EMPTY_PAGE);
  const head = shell.head!;
  const body = shell.body!;
  const lang = root?.localName === 'html' ? root.getAttribute('lang') : null;
  if (lang) shell.documentElement!.setAttribute('lang', lang);
  body.innerHTML = root?.localName === 'html' ? root.innerHTML : html;
  for (const element of Array.from(body.children)) {
    if (element.localName === 'head') {
      head.append(...Array.from(element.children));
      element.remove();
    } else if (HEAD_TAGS.has(element.localName)) {
      head.append(element);
    }
  }
  return shell;
}

function childElement(parent: HtmlElement, localName: string): HtmlElement | undefined {
  return Array.from(parent.children).find((child) => child.localName === localName);
}

interface ReadabilityArticle {
  content: TextSourceNode | null | undefined;
  title: string | null | undefined;
  byline: string | null | undefined;
  siteName: string | null | undefined;
  publishedTime: string | null | undefined;
  lang: string | null | undefined;
}

/**
 * Readability's running time grows steeply with nesting (a 500-deep chain of divs takes
 * seconds, 1,000-deep a minute) and with size, and it blocks the thread while it runs. The
 * test pages reach 2,800 elements and depth 35; past these limits the body text is used.
 * Readability's own `maxElemsToParse` cannot help: it counts `getElementsByTagName('*')`,
 * which linkedom answers with an empty list.
 */
const MAX_ELEMENTS = 30_000;
const MAX_DEPTH = 100;

function runReadability(document: HtmlDocument): ReadabilityArticle | null {
  type ReadableDocument = ConstructorParameters<typeof Readability>[0];
  try {
    return new Readability<TextSourceNode>(document as unknown as ReadableDocument, {
      serializer: (node) => node as unknown as TextSourceNode,
    }).parse();
  } catch {
    // Some trees make Readability recurse past the stack limit; like a page it cannot read,
    // that is answered with the body text.
    return null;
  }
}

function exceedsLimits(root: HtmlElement): boolean {
  let elements = 0;
  const stack: Array<{ element: HtmlElement; depth: number }> = [{ element: root, depth: 1 }];
  while (stack.length > 0) {
    const { element, depth } = stack.pop()!;
    if (++elements > MAX_ELEMENTS || depth > MAX_DEPTH) return true;
    const children = element.children;
    for (let i = 0; i < children.length; i++) stack.push({ element: children[i]!, depth: depth + 1 });
  }
  return false;
}

interface MetaTags {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedAt: string | null;
  canonicalUrl: string | null;
  language: string | null;
}

function readMetaTags(document: HtmlDocument, pageUrl: string | null): MetaTags {
  const content = new Map<string, string>();
  for (const meta of Array.from(document.querySelectorAll('meta'))) {
    const value = cleanMeta(meta.getAttribute('content'));
    if (value === null) continue;
    for (const attribute of ['property', 'name', 'itemprop', 'http-equiv']) {
      for (const key of (meta.getAttribute(attribute) ?? '').toLowerCase().split(/\s+/)) {
        if (key !== '' && !content.has(key)) content.set(key, value);
      }
    }
  }
  const first = (...keys: string[]): string | null => {
    for (const key of keys) {
      const value = content.get(key);
      if (value !== undefined) return value;
    }
    return null;
  };

  const author = first('author', 'article:author', 'dc.creator', 'parsely-author');
  const locale = first('og:locale');
  const root = document.documentElement;
  return {
    title: first('og:title', 'twitter:title', 'dc.title') ?? textOf(document, 'title'),
    // article:author is often a profile URL rather than a name.
    byline: author !== null && !/^https?:\/\//i.test(author) ? author : null,
    siteName: first('og:site_name', 'application-name'),
    publishedAt:
      first('article:published_time', 'datepublished', 'dc.date', 'parsely-pub-date') ??
      attributeOf(document, 'time[datetime]', 'datetime'),
    canonicalUrl: canonicalUrl(document, pageUrl, first('og:url')),
    language:
      cleanMeta(root?.getAttribute('lang')) ??
      cleanMeta(root?.getAttribute('xml:lang')) ??
      first('content-language') ??
      (locale === null ? null : locale.replace(/_/g, '-')),
  };
}

function canonicalUrl(document: HtmlDocument, pageUrl: string | null, ogUrl: string | null): string | null {
  const base = resolveUrl(attributeOf(document, 'base[href]', 'href'), pageUrl) ?? pageUrl;
  const link = Array.from(document.querySelectorAll('link[rel][href]')).find((element) =>
    (element.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  return resolveUrl(cleanMeta(link?.getAttribute('href')), base) ?? resolveUrl(ogUrl, base);
}

function resolveUrl(href: string | null, base: string | null): string | null {
  if (href === null) return null;
  try {
    const url = base === null ? new URL(href) : new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function textOf(document: HtmlDocument, selector: string): string | null {
  const element = document.querySelectorAll(selector)[0];
  return element ? cleanMeta(element.textContent) : null;
}

function attributeOf(document: HtmlDocument, selector: string, attribute: string): string | null {
  const element = document.querySelectorAll(selector)[0];
  return element ? cleanMeta(element.getAttribute(attribute)) : null;
}

function cleanMeta(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = collapse(value);
  return cleaned === '' ? null : cleaned;
}

// A time of day followed by an explicit zone: only then is converting to UTC lossless.
const ZONED_TIME = /\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)(?:\s*[+-]\d{2}:?\d{2})?)(?![\w:])/i;

/**
 * An ISO-8601 UTC string when the value names an instant; otherwise the value as found,
 * because `Date.parse` reads zone-less times in the server's zone and invents years.
 */
function normaliseDate(value: string | null): string | null {
  if (value === null || !ZONED_TIME.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
