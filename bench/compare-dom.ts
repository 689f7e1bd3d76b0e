/**
 * Which server-side DOM should Readability run on? Runs Readability on linkedom and on jsdom
 * over the Mozilla test pages in shared/corpora/articles-html and compares each result with
 * the page's expected.html (both turned into text by the product's own `nodeToText`) and
 * expected-metadata.json, then times each DOM.
 *
 *   node --import tsx bench/compare-dom.ts [--runs N] [--warmup N]
 *
 * `npm run bench` runs it too, through {@link compareDom}.
 *
 * Text fidelity is the F1 of lowercase word tokens (bag of words; Han, kana and hangul count
 * one token per character, since those scripts do not separate words with spaces). "exact"
 * counts pages whose text equals the expected text exactly, paragraph breaks included;
 * "ws-exact" counts equality once all whitespace, paragraph breaks included, is one space.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { extractHtml, nodeToText } from '../src/ingest/extract-html.js';
import type { TextSourceNode } from '../src/ingest/extract-html.js';
import { tokenF1, tokens } from './text-fidelity.js';

const PAGE_URL = 'http://fakehost/test/page.html';
/** The Mozilla test pages in `../shared` beside the repository. */
export const DEFAULT_CORPUS = fileURLToPath(new URL('../../shared/corpora/articles-html/', import.meta.url));
const META_FIELDS = ['title', 'byline', 'lang', 'siteName', 'publishedTime'] as const;
type MetaField = (typeof META_FIELDS)[number];
type Metadata = Partial<Record<MetaField, string | null>>;

interface DomUnderTest {
  name: string;
  /** Parses a whole page into a document Readability can read. */
  parse(html: string): unknown;
  /** Parses expected.html (a fragment) and returns its root for `nodeToText`. */
  parseFragment(html: string): TextSourceNode;
}

const silent = new VirtualConsole();
const DOMS: DomUnderTest[] = [
  {
    name: 'linkedom',
    parse: (html) => parseHTML(html).document,
    parseFragment(html) {
      const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
      document.body.innerHTML = html;
      return document.body as unknown as TextSourceNode;
    },
  },
  {
    name: 'jsdom',
    // Scripts and subresources stay off (jsdom's defaults); the silent console swallows
    // jsdom's complaints about the pages' CSS.
    parse: (html) => new JSDOM(html, { url: PAGE_URL, virtualConsole: silent }).window.document,
    parseFragment: (html) =>
      new JSDOM(`<!doctype html><body>${html}`, { virtualConsole: silent }).window.document
        .body as unknown as TextSourceNode,
  },
];

interface Page {
  name: string;
  source: string;
  expectedHtml: string;
  expectedMeta: Metadata;
}

interface Outcome {
  text: string;
  meta: Metadata;
  error: string | null;
}

interface PageResult {
  f1: number;
  exact: boolean;
  wsExact: boolean;
  failed: string | null;
  metaAgree: number;
  metaExact: number;
  metaChecked: number;
  metaMisses: string[];
  times: number[];
}

/** How {@link compareDom} runs. */
export interface CompareDomOptions {
  /** Timed runs per page and DOM; the median is reported. */
  runs: number;
  /** Untimed runs per page and DOM before the timed ones. */
  warmup: number;
  /** Directory of page folders (`source.html`, `expected.html`, `expected-metadata.json`). */
  corpusDir: string;
}

function parseArgs(args: string[]): { runs: number; warmup: number } {
  const value = (flag: string, fallback: number): number => {
    const index = args.indexOf(flag);
    const parsed = index >= 0 ? Number(args[index + 1]) : fallback;
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${flag} needs a whole number`);
    return parsed;
  };
  return { runs: Math.max(1, value('--runs', 5)), warmup: value('--warmup', 2) };
}

function loadCorpus(root: string): Page[] {
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => ({
      name,
      source: readFileSync(join(root, name, 'source.html'), 'utf8'),
      expectedHtml: readFileSync(join(root, name, 'expected.html'), 'utf8'),
      expectedMeta: JSON.parse(readFileSync(join(root, name, 'expected-metadata.json'), 'utf8')) as Metadata,
    }));
}

function extract(dom: DomUnderTest, html: string): Outcome {
  try {
    const document = dom.parse(html) as ConstructorParameters<typeof Readability>[0];
    const article = new Readability<TextSourceNode>(document, {
      serializer: (node) => node as unknown as TextSourceNode,
    }).parse();
    if (!article?.content) return { text: '', meta: {}, error: 'Readability returned null' };
    const meta: Metadata = {};
    for (const field of META_FIELDS) meta[field] = article[field] ?? null;
    return { text: nodeToText(article.content), meta, error: null };
  } catch (error) {
    return { text: '', meta: {}, error: error instanceof Error ? error.message : String(error) };
  }
}


function sameMeta(actual: string | null | undefined, expected: string | null | undefined): boolean {
  const norm = (value: string | null | undefined): string => (value ?? '').replace(/\s+/g, ' ').trim();
  return norm(actual) === norm(expected);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function evaluate(outcome: Outcome, expectedText: string, expectedMeta: Metadata): Omit<PageResult, 'times'> {
  const collapsed = (text: string): string => text.replace(/\s+/g, ' ').trim();
  let metaAgree = 0;
  let metaExact = 0;
  let metaChecked = 0;
  const metaMisses: string[] = [];
  for (const field of META_FIELDS) {
    // Pages whose expected-metadata.json leaves a field out do not test that field.
    if (!(field in expectedMeta)) continue;
    metaChecked++;
    if (outcome.error === null && sameMeta(outcome.meta[field], expectedMeta[field])) metaAgree++;
    else metaMisses.push(field);
    if (outcome.error === null && (outcome.meta[field] ?? null) === (expectedMeta[field] ?? null)) metaExact++;
  }
  return {
    f1: tokenF1(tokens(outcome.text), tokens(expectedText)),
    exact: outcome.error === null && outcome.text === expectedText,
    wsExact: outcome.error === null && collapsed(outcome.text) === collapsed(expectedText),
    failed: outcome.error,
    metaAgree,
    metaExact,
    metaChecked,
    metaMisses,
  };
}

function time(work: () => unknown, warmup: number, runs: number): number[] {
  for (let i = 0; i < warmup; i++) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times;
}

function pad(value: string, width: number, right = false): string {
  return right ? value.padStart(width) : value.padEnd(width);
}

/**
 * Runs the comparison and prints its table and totals to standard output. Synchronous: about
 * a minute and a half with the defaults (5 timed runs, 2 warm-up runs).
 */
export function compareDom({ runs, warmup, corpusDir }: CompareDomOptions): void {
  const pages = loadCorpus(corpusDir);
  if (pages.length === 0) throw new Error(`no pages under ${corpusDir}`);
  const names = [...DOMS.map((dom) => dom.name), 'extractHtml'];
  const results = new Map<string, PageResult[]>(names.map((name) => [name, []]));
  let referenceMismatches = 0;
  let sameAcrossDoms = 0;

  for (const page of pages) {
    // The reference text comes from each DOM's own parse of expected.html; any difference
    // between those is a parser difference and is reported separately.
    const references = DOMS.map((dom) => nodeToText(dom.parseFragment(page.expectedHtml)));
    if (new Set(references).size > 1) referenceMismatches++;
    const outcomes = DOMS.map((dom) => extract(dom, page.source));
    if (new Set(outcomes.map((outcome) => outcome.text)).size === 1) sameAcrossDoms++;
    DOMS.forEach((dom, index) => {
      const result = evaluate(outcomes[index]!, references[index]!, page.expectedMeta);
      results.get(dom.name)!.push({ ...result, times: time(() => extract(dom, page.source), warmup, runs) });
    });

    // The product path (linkedom + fallbacks + metadata clean-up), scored on text only.
    let productText = '';
    let productError: string | null = null;
    try {
      productText = extractHtml(page.source, PAGE_URL).text;
    } catch (error) {
      productError = error instanceof Error ? error.message : String(error);
    }
    const productResult = evaluate({ text: productText, meta: {}, error: productError }, references[0]!, {});
    results.get('extractHtml')!.push({
      ...productResult,
      times: time(() => extractHtml(page.source, PAGE_URL), warmup, runs),
    });
  }

  const header =
    pad('page', 18) +
    DOMS.map((dom) => pad(`${dom.name} F1`, 13, true) + pad('meta', 6, true) + pad('ms', 9, true)).join('') +
    pad('extractHtml F1', 16, true) +
    '  notes';
  console.log(`Readability 0.6 on each DOM; ${pages.length} pages; page URL ${PAGE_URL}`);
  console.log(`timing: ${warmup} warm-up + ${runs} timed runs per page (parse + Readability + text)`);
  console.log('columns: token F1 vs expected.html; metadata fields agreeing; median ms of the timed runs');
  console.log('summary: ms/page median = median of the per-page medians, mean = mean of all timed runs,');
  console.log('         corpus = sum of the per-page medians; metadata compared with whitespace collapsed\n');
  console.log(header);
  console.log('-'.repeat(header.length + 20));
  pages.forEach((page, index) => {
    let row = pad(page.name, 18);
    const notes: string[] = [];
    for (const dom of DOMS) {
      const result = results.get(dom.name)![index]!;
      row +=
        pad(result.failed ? 'FAILED' : result.f1.toFixed(4), 13, true) +
        pad(`${result.metaAgree}/${result.metaChecked}`, 6, true) +
        pad(median(result.times).toFixed(1), 9, true);
      if (result.failed) notes.push(`${dom.name}: ${result.failed}`);
      if (result.metaMisses.length > 0) notes.push(`${dom.name} meta≠ ${result.metaMisses.join(',')}`);
    }
    const product = results.get('extractHtml')![index]!;
    row += pad(product.failed ? 'FAILED' : product.f1.toFixed(4), 16, true);
    console.log(`${row}  ${notes.join('; ')}`);
  });

  console.log(`\nexpected.html converted differently by the two DOMs on ${referenceMismatches} page(s)`);
  console.log(`Readability's article text identical on both DOMs on ${sameAcrossDoms}/${pages.length} page(s)\n`);
  for (const name of names) {
    const list = results.get(name)!;
    const perPage = list.map((result) => median(result.times));
    const allRuns = list.flatMap((result) => result.times);
    const failed = list.filter((result) => result.failed !== null).length;
    const metaAgree = list.reduce((sum, result) => sum + result.metaAgree, 0);
    const metaExact = list.reduce((sum, result) => sum + result.metaExact, 0);
    const metaChecked = list.reduce((sum, result) => sum + result.metaChecked, 0);
    const meta =
      metaChecked > 0 ? `, metadata ${metaAgree}/${metaChecked} fields agree (${metaExact} byte-exact)` : '';
    console.log(
      `${pad(name, 12)} mean F1 ${mean(list.map((r) => r.f1)).toFixed(5)}` +
        `, min F1 ${Math.min(...list.map((r) => r.f1)).toFixed(4)}` +
        `, exact ${list.filter((r) => r.exact).length}/${list.length}` +
        `, ws-exact ${list.filter((r) => r.wsExact).length}/${list.length}` +
        `, failed ${failed}${meta}` +
        `; ms/page median ${median(perPage).toFixed(1)}, mean ${mean(allRuns).toFixed(1)}` +
        `, corpus ${perPage.reduce((a, b) => a + b, 0).toFixed(0)}`,
    );
  }
}

// Runs only as a script, so the tests can import the fidelity measure without the benchmark.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  compareDom({ ...parseArgs(process.argv.slice(2)), corpusDir: DEFAULT_CORPUS });
}
