import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExtractiveEngine } from '../../src/engines/extractive/extractive-engine.js';
import { loadInput } from '../../src/ingest/load-input.js';
import { parseDate, readHeader } from '../../src/story/header.js';
import type { Story } from '../../src/story/story.js';
import { SEED_FILE } from '../helpers/articles.js';
import { HAS_SHARED } from '../helpers/shared.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Every span the engines read starts at or after the body. */
function expectBodyOnly(story: Story, bodyStart: number): void {
  expect(story.paragraphs.length).toBeGreaterThan(0);
  for (const span of [...story.paragraphs, ...story.sentences]) expect(span.start).toBeGreaterThanOrEqual(bodyStart);
}

describe('parseDate', () => {
  it.each([
    ['Wed, 20 Aug 2025 13:21:00 +0300', '2025-08-20T10:21:00.000Z'],
    ['Tue, 3 Nov 2026 09:30:00 GMT', '2026-11-03T09:30:00.000Z'],
    ['2025-08-20', '2025-08-20'],
    ['2025-08-20T13:21:00+03:00', '2025-08-20T10:21:00.000Z'],
    ['20 August 2025', '2025-08-20'],
    ['Wednesday 20 August 2025 13.21 BST', '2025-08-20T12:21:00.000Z'],
    ['Aug. 20, 2025', '2025-08-20'],
    ['August 20, 2025 at 1:21 p.m. EDT', '2025-08-20T17:21:00.000Z'],
    ['Sept. 3, 2026, 8:05 AM', '2026-09-03T08:05:00'],
  ])('%s → %s', (input, iso) => expect(parseDate(input)).toBe(iso));

  it.each([['Bridge Street 2'], ['31 February 2025'], ['2025-13-01'], ['the council said on 20 August 2025 that'], ['Wed, 20 Aug 2025 25:00']])(
    '%s is not a date',
    (input) => expect(parseDate(input)).toBeNull(),
  );
});

describe('readHeader', () => {
  it.each([
    ['headline, outlet, RFC 2822 date', 'Ferry decision delayed\nKestrel Bay Courier\nTue, 3 Nov 2026 09:30:00 +0000\n\nThe council met.\n', { title: 'Ferry decision delayed', siteName: 'Kestrel Bay Courier', publishedAt: '2026-11-03T09:30:00.000Z' }],
    ['headline, byline and date on one line', 'Ferry decision delayed\nBy Jo Reporter | Aug. 20, 2025\n\nThe council met.', { title: 'Ferry decision delayed', byline: 'Jo Reporter', publishedAt: '2025-08-20' }],
    ['Markdown heading, outlet · date in emphasis', '# Ferry decision delayed\n\n*Kestrel Bay Courier · 20 August 2025*\n\nThe council met.', { title: 'Ferry decision delayed', siteName: 'Kestrel Bay Courier', publishedAt: '2025-08-20' }],
    ['a date line alone', 'Published: 2025-08-20\n\nThe council met on Monday.', { publishedAt: '2025-08-20' }],
    ['headline, date, then outlet as a domain', 'Ferry decision delayed\n20 August 2025\nnews.example.org\nThe council met.', { title: 'Ferry decision delayed', publishedAt: '2025-08-20', siteName: 'news.example.org' }],
    ['headline and body with no blank line', 'Ferry decision delayed\nThe council met on Monday and put off the decision.', { title: 'Ferry decision delayed' }],
  ])('%s', (_, text, meta) => {
    const header = readHeader(text);
    expect(header.meta).toEqual(meta);
    expect(text.slice(header.bodyStart)).toMatch(/^The council met/u);
  });

  it('leaves text that starts with a sentence whole (its first line is still the title, as before)', () => {
    const text = 'The council met on Monday.\nIt put off the ferry decision.';
    expect(readHeader(text)).toEqual({ meta: { title: 'The council met on Monday.' }, bodyStart: 0 });
    expect(readHeader('One line only.')).toEqual({ meta: {}, bodyStart: 0 });
  });

  it('leaves the first line of hard-wrapped text in the body', () => {
    const text = 'The mayor of Riverton said on\nTuesday that the library will reopen.';
    expect(readHeader(text).bodyStart).toBe(0);
  });

  it('keeps a short first line as the title, but in the body, when what follows is not header or plain body', () => {
    const text = 'Ferry decision delayed\nthe council, which met on Monday, said';
    expect(readHeader(text)).toEqual({ meta: { title: 'Ferry decision delayed' }, bodyStart: 0 });
  });
});

describe('stories from text with a header', () => {
  it.skipIf(!HAS_SHARED)('the seed: headline, outlet and date are metadata, and no attribution or commitment reads them', async () => {
    const story = await loadInput(SEED_FILE, { allowFiles: true });
    expect(story.meta).toMatchObject({
      title: 'Britain not ready to send troops to Ukraine front lines',
      siteName: 'global.espreso.tv',
      publishedAt: '2025-08-20T10:21:00.000Z',
    });
    const bodyStart = story.text.indexOf('The Guardian reports.');
    expectBodyOnly(story, bodyStart);
    expect(story.text).toBe(readFileSync(SEED_FILE, 'utf8'));
    const engine = new ExtractiveEngine();
    const signal = new AbortController().signal;
    const shown = JSON.stringify([await engine.attributions(story, signal), await engine.commitments(story, signal), await engine.summarise(story, signal)]);
    expect(shown).not.toContain('espreso');
    expect(shown).not.toContain('Wed, 20 Aug');
  });

  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.txt')))('the example %s: title, outlet and date, body after them', async (name) => {
    const path = `${EXAMPLES}${name}`;
    const text = readFileSync(path, 'utf8');
    const [headline, outlet] = text.split('\n');
    const story = await loadInput(path, { allowFiles: true });
    expect(story.meta.title).toBe(headline);
    expect(story.meta.siteName).toBe(outlet);
    expect(story.meta.publishedAt).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:00\.000Z$/u);
    expectBodyOnly(story, text.indexOf('\n\n') + 2);
    // Offsets stay offsets into the file's text.
    for (const s of story.sentences) expect(text.slice(s.start, s.end).trim()).toBe(text.slice(s.start, s.end));
    expect(story.text).toBe(text);
  });

  it('pasted text gets the same treatment', async () => {
    const pasted = 'Ferry decision delayed\nKestrel Bay Courier\n20 August 2025\n\nThe council met on Monday and put off the ferry decision.';
    const story = await loadInput(pasted);
    expect(story.source.kind).toBe('text');
    expect(story.meta).toMatchObject({ title: 'Ferry decision delayed', siteName: 'Kestrel Bay Courier', publishedAt: '2025-08-20' });
    expect(story.paragraphs).toEqual([{ start: pasted.indexOf('The council'), end: pasted.length }]);
  });
});
