import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tokenF1, tokens } from '../../bench/text-fidelity.js';
import { InputError } from '../../src/errors.js';
import { extractHtml, htmlToText } from '../../src/ingest/extract-html.js';
import { nestedDivs, paragraphFlood, sentencePage } from '../helpers/hostile-pages.js';

const PAGE_URL = 'https://news.example.com/2024/03/harbour-vote.html';

const FILLER =
  'The harbour board met for four hours on Tuesday evening, and residents filled the public ' +
  'gallery to hear the engineers explain why the old sea wall could not be repaired again.';

/** A small article page, big enough that Readability picks the article out of the chrome. */
function page(options: { head?: string; article: string; htmlAttributes?: string; beforeArticle?: string }): string {
  return `<!doctype html>
<html ${options.htmlAttributes ?? ''}>
<head><meta charset="utf-8">${options.head ?? ''}</head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
  ${options.beforeArticle ?? ''}
  <article>
    ${options.article}
    <p>${FILLER}</p>
    <p>${FILLER}</p>
  </article>
  <footer><p>Copyright Example News</p></footer>
</body>
</html>`;
}

describe('extractHtml text', () => {
  it('separates paragraphs with exactly one blank line and trims the ends', () => {
    const { text } = extractHtml(page({ article: '<p>First point.</p>\n\n\n<p>Second point.</p>' }), PAGE_URL);
    expect(text.startsWith('First point.\n\nSecond point.\n\nThe harbour board')).toBe(true);
    expect(text).not.toMatch(/\n{3,}|^\s|\s$/);
    expect(text.split('\n\n')).toHaveLength(4);
  });

  it('decodes named and numeric entities', () => {
    const { text } = extractHtml(
      page({ article: '<p>Fish &amp; chips &lt;3 caf&eacute; &#8220;quoted&#8221; it&#x2019;s&nbsp;fine</p>' }),
      PAGE_URL,
    );
    expect(text).toContain('Fish & chips <3 café “quoted” it’s fine');
    expect(text).not.toMatch(/&[a-z#0-9]+;/i);
  });

  it('collapses runs of spaces, tabs and newlines inside a paragraph to one space', () => {
    const { text } = extractHtml(
      page({ article: '<p>  The   council\n\tvoted\r\n   <em>on</em>\n\n  Monday.  </p>' }),
      PAGE_URL,
    );
    expect(text).toContain('The council voted on Monday.');
  });

  it('makes each list item its own paragraph, nested ones included', () => {
    const { text } = extractHtml(
      page({
        article:
          '<p>The plan has three parts:</p><ul><li>a new wall</li><li>raised <b>quay</b> steps' +
          '<ol><li>north side</li></ol></li><li>pumps</li></ul>',
      }),
      PAGE_URL,
    );
    expect(text).toContain(
      'The plan has three parts:\n\na new wall\n\nraised quay steps\n\nnorth side\n\npumps\n\nThe harbour board',
    );
  });

  it('never includes script, style, noscript or template content', () => {
    const { text } = extractHtml(
      page({
        head: '<style>body { color: red }</style><script>var headScript = 1;</script>',
        article:
          '<p>Before<script>document.write("inline script")</script> after.</p>' +
          '<style>.x { display: none }</style><noscript>Enable JavaScript</noscript>' +
          '<template><p>template text</p></template>',
      }),
      PAGE_URL,
    );
    expect(text).toContain('Before after.');
    for (const leaked of ['headScript', 'inline script', 'color: red', 'display: none', 'Enable JavaScript', 'template text']) {
      expect(text).not.toContain(leaked);
    }
  });

  it('does not let HTML comments split a paragraph', () => {
    // Server-rendered React pages put empty comments between text runs.
    const { text } = extractHtml(
      page({ article: '<div>Printed on <!-- -->page A<!-- -->1<!-- --> of the paper.</div>' }),
      PAGE_URL,
    );
    expect(text).toContain('Printed on page A1 of the paper.');
  });

  it('extracts a page that omits the html, head and body tags', () => {
    const { text, meta } = extractHtml(
      `<title>Harbour vote</title><meta property="og:site_name" content="Example News"><p>${FILLER}</p><p>${FILLER}</p>`,
      PAGE_URL,
    );
    expect(text).toBe(`${FILLER}\n\n${FILLER}`);
    expect(meta.title).toBe('Harbour vote');
    expect(meta.siteName).toBe('Example News');
  });
});

describe('htmlToText', () => {
  it('reads one <br> as a space and two or more as a paragraph break', () => {
    expect(htmlToText('<p>line one<br>line two<br><br>next<br>\n<br>\n<br>last</p>')).toBe(
      'line one line two\n\nnext\n\nlast',
    );
  });

  it('makes each table row a paragraph with its cells separated by spaces', () => {
    expect(htmlToText('<table><tr><th>Year</th><th>Height</th></tr><tr><td>2024</td><td>3 m</td></tr></table>')).toBe(
      'Year Height\n\n2024 3 m',
    );
  });

  it('makes headings, quotes, pre blocks and captions paragraphs of their own', () => {
    expect(
      htmlToText(
        '<h2>Heading</h2>text<blockquote>quoted</blockquote><pre>code\n  block</pre>' +
          '<figure><img src="x.png"><figcaption>Caption</figcaption></figure>',
      ),
    ).toBe('Heading\n\ntext\n\nquoted\n\ncode block\n\nCaption');
  });

  it('skips hidden elements', () => {
    expect(htmlToText('<p>shown</p><p hidden>hidden attr</p><div style="display: none">hidden style</div>')).toBe(
      'shown',
    );
  });
});

describe('extractHtml metadata', () => {
  it('takes title, byline and publication time from Readability, JSON-LD included', () => {
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Harbour board votes for a new sea wall',
      datePublished: '2024-03-05T18:30:00+01:00',
    });
    const { meta } = extractHtml(
      page({
        head: `<title>Harbour board votes for a new sea wall - Example News</title><script type="application/ld+json">${jsonLd}</script>`,
        article: '<p class="byline">By Jane Doe</p><p>The vote was close.</p>',
      }),
      PAGE_URL,
    );
    expect(meta.title).toBe('Harbour board votes for a new sea wall');
    expect(meta.byline).toBe('By Jane Doe');
    expect(meta.publishedAt).toBe('2024-03-05T17:30:00.000Z');
  });

  it('reads site name, publication time, canonical URL and language from the page tags', () => {
    const { meta } = extractHtml(
      page({
        htmlAttributes: 'lang="en-GB"',
        head:
          '<title>Harbour vote</title><meta property="og:site_name" content="Example News">' +
          '<meta property="article:published_time" content="2024-03-05T09:15:00-05:00">' +
          '<meta name="author" content="Jane Doe"><link rel="canonical" href="/harbour-vote">',
        article: '<p>The vote was close.</p>',
      }),
      PAGE_URL,
    );
    expect(meta).toEqual({
      title: 'Harbour vote',
      byline: 'Jane Doe',
      siteName: 'Example News',
      publishedAt: '2024-03-05T14:15:00.000Z',
      canonicalUrl: 'https://news.example.com/harbour-vote',
      url: PAGE_URL,
      language: 'en-GB',
    });
  });

  it('falls back to og:url, <time datetime> and og:locale when nothing better is there', () => {
    const { meta } = extractHtml(
      page({
        head: '<meta property="og:url" content="https://example.com/a?id=1"><meta property="og:locale" content="fr_FR">',
        article: '<p><time datetime="2024-03-05T10:00:00Z">Tuesday</time> The vote was close.</p>',
      }),
      null,
    );
    expect(meta.canonicalUrl).toBe('https://example.com/a?id=1');
    expect(meta.publishedAt).toBe('2024-03-05T10:00:00.000Z');
    expect(meta.language).toBe('fr-FR');
    expect(meta.url).toBeNull();
  });

  it('keeps a publication time without a zone as found instead of guessing one', () => {
    const { meta } = extractHtml(
      page({ head: '<meta property="article:published_time" content="March 5, 2024">', article: '<p>Text.</p>' }),
      PAGE_URL,
    );
    expect(meta.publishedAt).toBe('March 5, 2024');
  });

  it('uses the page tags and the body text when the page is too deep for Readability', () => {
    const deep = `${'<div>'.repeat(150)}<p>${FILLER}</p>${'</div>'.repeat(150)}`;
    const { text, meta } = extractHtml(
      page({
        htmlAttributes: 'lang="de"',
        head: '<meta property="og:title" content="Tiefe Seite"><meta property="og:site_name" content="Beispiel">',
        article: deep,
      }),
      PAGE_URL,
    );
    // The body fallback keeps the page chrome that Readability would have dropped.
    expect(text.startsWith('Home News Sport\n\n')).toBe(true);
    expect(text).toContain(FILLER);
    expect(meta).toMatchObject({ title: 'Tiefe Seite', siteName: 'Beispiel', language: 'de' });
  });

  it('ignores a canonical link that is not http(s)', () => {
    const { meta } = extractHtml(
      page({ head: '<link rel="canonical" href="javascript:alert(1)">', article: '<p>Text.</p>' }),
      PAGE_URL,
    );
    expect(meta.canonicalUrl).toBeNull();
  });
});

describe('extractHtml failures', () => {
  it('throws InputError EMPTY_ARTICLE for an empty page', () => {
    expect(() => extractHtml('', PAGE_URL)).toThrow(expect.objectContaining({ code: 'EMPTY_ARTICLE' }));
    expect(() => extractHtml('', PAGE_URL)).toThrow(InputError);
  });

  it('throws InputError EMPTY_ARTICLE for a page with only scripts, styles and whitespace', () => {
    const html = '<html><head><style>p{}</style></head><body> <script>var a = "text";</script>&nbsp;\n</body></html>';
    expect(() => extractHtml(html, PAGE_URL)).toThrow(expect.objectContaining({ code: 'EMPTY_ARTICLE' }));
  });

  it('refuses markup nested far deeper than any real page, before parsing it', () => {
    const html = `<html><body>${'<b>'.repeat(30_000)}x</body></html>`;
    expect(() => extractHtml(html, PAGE_URL)).toThrow(expect.objectContaining({ code: 'HTML_TOO_DEEP' }));
  });

  it('refuses 100,000 nested divs before parsing them', () => {
    expect(() => extractHtml(nestedDivs(100_000), PAGE_URL)).toThrow(expect.objectContaining({ code: 'HTML_TOO_DEEP' }));
  });

  it('refuses a 4 MB page of a million one-letter paragraphs before parsing it, saying why', () => {
    expect(() => extractHtml(paragraphFlood(), PAGE_URL)).toThrow(
      expect.objectContaining({
        code: 'HTML_TOO_MANY_ELEMENTS',
        message: `${PAGE_URL}: the page has about 1048576 elements (more than 50000); refusing to parse it`,
      }),
    );
  });

  it('still reads a 5 MB page of ordinary paragraphs', () => {
    const { text, meta } = extractHtml(sentencePage(), PAGE_URL);
    expect(meta.title).toBe('Flood wall: the long read');
    expect(text.length).toBeGreaterThan(4_500_000);
    expect(text).toContain('The harbour council voted on day 9999 to build a flood wall along the eastern quay.');
  });
});

const CORPUS = fileURLToPath(new URL('../../../shared/corpora/articles-html/', import.meta.url));
const HAS_CORPUS = existsSync(CORPUS);
// All five score 1.0000 with `node --import tsx bench/compare-dom.ts`; F1 is deterministic, so
// the margin only absorbs dependency upgrades that move a few words.
const MIN_F1 = 0.995;

describe('extractHtml on the Readability test pages', () => {
  for (const name of ['001', 'aktualne', 'gmw', 'nytimes-4', 'wikipedia']) {
    it(`matches the expected article text of ${name} with token F1 ≥ ${MIN_F1}`, (context) => {
      context.skip(!HAS_CORPUS, `corpus not found at ${CORPUS}`);
      const source = readFileSync(`${CORPUS}${name}/source.html`, 'utf8');
      const expected = htmlToText(readFileSync(`${CORPUS}${name}/expected.html`, 'utf8'));
      const { text } = extractHtml(source, 'http://fakehost/test/page.html');
      expect(tokenF1(tokens(text), tokens(expected))).toBeGreaterThanOrEqual(MIN_F1);
    });
  }
});
