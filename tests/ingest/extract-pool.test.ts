import { afterEach, describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/ingest/extract-html.js';
import { ExtractionPool } from '../../src/ingest/extract-pool.js';
import { PIER_PAGE, PIER_SENTENCE } from '../helpers/articles.js';

/** A page big enough that extracting it takes far longer than a few milliseconds. */
function bigPage(paragraphs: number): string {
  const body = Array.from({ length: paragraphs }, (_, i) => `<div><p>Paragraph ${i} of a very long page, with words.</p></div>`).join('');
  return `<!doctype html><html><head><title>Big</title></head><body><article>${body}</article></body></html>`;
}

let pool: ExtractionPool | undefined;

afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('ExtractionPool', () => {
  it('extracts in a worker exactly what extractHtml extracts on this thread', async () => {
    pool = new ExtractionPool(10_000);
    const article = await pool.extract(PIER_PAGE, 'https://news.example/pier');
    expect(article).toEqual(extractHtml(PIER_PAGE, 'https://news.example/pier'));
    expect(article.text).toContain(PIER_SENTENCE);
  });

  it('passes extraction errors back with their code', async () => {
    pool = new ExtractionPool(10_000);
    await expect(pool.extract('<html><body></body></html>', null)).rejects.toMatchObject({ code: 'EMPTY_ARTICLE' });
  });

  it('abandons a page that takes too long, and reads the next page with a fresh worker', async () => {
    pool = new ExtractionPool(20);
    await expect(pool.extract(bigPage(40_000), 'https://news.example/big')).rejects.toMatchObject({
      code: 'HTML_TOO_SLOW',
      message: 'https://news.example/big: the page took too long to read (over 20 ms)',
    });
    const article = await pool.extract(PIER_PAGE, null);
    expect(article.text).toContain(PIER_SENTENCE);
  });

  it('reads queued pages in order, each to its own caller', async () => {
    pool = new ExtractionPool(10_000);
    const pages = ['one', 'two', 'three'].map((w) => `<html><body><article><p>The word of this page is ${w}, said the editor.</p></article></body></html>`);
    const articles = await Promise.all(pages.map((p) => pool!.extract(p, null)));
    expect(articles.map((a) => a.text)).toEqual(pages.map((p) => extractHtml(p, null).text));
  });

  it('after close, queued and new pages fail with EXTRACTION_CLOSED', async () => {
    pool = new ExtractionPool(10_000);
    const queued = pool.extract(bigPage(2_000), null).catch((error: unknown) => error);
    await pool.close();
    expect(await queued).toMatchObject({ code: 'EXTRACTION_CLOSED' });
    await expect(pool.extract(PIER_PAGE, null)).rejects.toMatchObject({ code: 'EXTRACTION_CLOSED' });
  });
});
