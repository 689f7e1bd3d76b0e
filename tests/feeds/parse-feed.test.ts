import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewsroomError } from '../../src/errors.js';
import { fetchFeed } from '../../src/feeds/feed-fetch.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';
import { HAS_SHARED, SHARED_DIR } from '../helpers/shared.js';

const CORPUS = `${SHARED_DIR}corpora/feeds/`;
const files = HAS_SHARED ? readdirSync(CORPUS).filter((f) => /\.(rss|atom|xml)$/u.test(f)).sort() : [];
if (!HAS_SHARED) console.warn('feed corpus tests skipped: ../shared is absent');

let server: LoopbackServer;
const LATIN1_FEED = Buffer.from(
  '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\u00e9 news</title>' +
    '<item><title>Cr\u00e8me br\u00fbl\u00e9e</title><guid>a</guid><description>na\u00efve</description></item></channel></rss>',
  'latin1',
);

beforeAll(async () => {
  const routes: Parameters<typeof startLoopbackServer>[0] = {
    '/latin1.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(LATIN1_FEED);
    },
    '/cp1252.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml; charset=windows-1252' });
      res.end(Buffer.from([...Buffer.from('<rss version="2.0"><channel><title>'), 0x93, 0x51, 0x94, ...Buffer.from('</title></channel></rss>')]));
    },
    '/page.html': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>not a feed</body></html>');
    },
  };
  for (const file of files) {
    routes[`/corpus/${file}`] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(readFileSync(`${CORPUS}${file}`));
    };
  }
  server = await startLoopbackServer(routes);
});

afterAll(() => server.close());

describe('feed parsing', () => {
  it.skipIf(!HAS_SHARED)('reads every corpus feed, or fails it with one clear coded error', async () => {
    expect(files.length).toBeGreaterThan(20);
    let parsed = 0;
    for (const file of files) {
      try {
        const result = await fetchFeed(`${server.base}/corpus/${file}`, {}, { allowPrivate: true });
        expect(result.changed).toBe(true);
        if (!result.changed) continue;
        for (const item of result.feed.items) expect(item.id).toMatch(/^(guid|link|hash):./u);
        parsed += 1;
      } catch (error) {
        expect(error, file).toBeInstanceOf(NewsroomError);
        expect((error as NewsroomError).message).not.toContain('\n');
        expect((error as NewsroomError).message).toContain(file);
      }
    }
    expect(parsed).toBeGreaterThanOrEqual(files.length - 3);
  });

  it('decodes a feed in the encoding its XML declaration names', async () => {
    const result = await fetchFeed(`${server.base}/latin1.xml`, {}, { allowPrivate: true });
    if (!result.changed) throw new Error('expected a feed');
    expect(result.feed.title).toBe('Café news');
    expect(result.feed.items[0]?.title).toBe('Crème brûlée');
    expect(result.feed.items[0]?.text).toBe('naïve');
  });

  it('decodes a feed in the charset its Content-Type names', async () => {
    const result = await fetchFeed(`${server.base}/cp1252.xml`, {}, { allowPrivate: true });
    if (!result.changed) throw new Error('expected a feed');
    expect(result.feed.title).toBe('“Q”');
  });

  it('refuses an HTML page with a message saying what a feed is', async () => {
    await expect(fetchFeed(`${server.base}/page.html`, {}, { allowPrivate: true })).rejects.toMatchObject({
      code: 'UNSUPPORTED_CONTENT_TYPE',
      message: expect.stringContaining('not an RSS, Atom or XML feed'),
    });
  });

  it('fails garbage with FEED_UNPARSEABLE', async () => {
    await expect(parseFeed('this is { not xml', 'x')).rejects.toMatchObject({ code: 'FEED_UNPARSEABLE' });
  });

  it('identifies items by guid, else link, else title and date', async () => {
    const feed = await parseFeed(
      '<rss version="2.0"><channel><title>t</title>' +
        '<item><guid>g1</guid><link>https://a.example/1</link><title>A</title></item>' +
        '<item><link>https://a.example/2</link><title>B</title></item>' +
        '<item><title>C</title><pubDate>Mon, 05 Jan 2026 10:00:00 GMT</pubDate></item>' +
        '<item><title>C</title><pubDate>Tue, 06 Jan 2026 10:00:00 GMT</pubDate></item>' +
        '</channel></rss>',
      'x',
    );
    const ids = feed.items.map((i) => i.id);
    expect(ids.slice(0, 2)).toEqual(['guid:g1', 'link:https://a.example/2']);
    expect(ids[2]).toMatch(/^hash:/u);
    expect(ids[3]).toMatch(/^hash:/u);
    expect(ids[2]).not.toBe(ids[3]);
  });
});

describe('parseFeed links', () => {
  it('drops a link of any scheme but http(s), and percent-encodes what breaks chat links in the rest', async () => {
    const item = (guid: string, link: string) => `<item><title>t ${guid}</title><guid>${guid}</guid><link>${link}</link><description>x</description></item>`;
    const xml =
      '<rss version="2.0"><channel><title>f</title>' +
      item('1', 'javascript:alert(document.cookie)') +
      item('2', 'data:text/html;base64,PHNjcmlwdD4=') +
      item('3', 'vbscript:msgbox(1)') +
      item('4', 'https://news.example/a|Official statement&gt;') +
      item('5', 'https://news.example/b') +
      '</channel></rss>';
    const feed = await parseFeed(xml, 'test feed');
    expect(feed.items.map((i) => i.link)).toEqual([null, null, null, 'https://news.example/a%7COfficial%20statement%3E', 'https://news.example/b']);
  });

  it('names an item without a guid by a hash, not by a dropped link', async () => {
    const xml = '<rss version="2.0"><channel><title>f</title><item><title>t</title><link>javascript:alert(1)</link></item></channel></rss>';
    const [item] = (await parseFeed(xml, 'test feed')).items;
    expect(item!.id).toMatch(/^hash:/u);
  });
});
