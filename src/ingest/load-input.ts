import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError, NewsroomError } from '../errors.js';
import { readHeader } from '../story/header.js';
import type { Story, StoryMeta, StorySource } from '../story/story.js';
import { inlineTasks } from '../workers/tasks.js';
import type { TaskRunner } from '../workers/tasks.js';
import { fetchPage } from './fetch-page.js';
import type { FetchPageOptions } from './fetch-page.js';

/** How `loadInput` reaches the outside world. */
export interface LoadInputOptions {
  /** Options for URL fetches (timeouts, size cap, private-address policy). */
  fetch?: FetchPageOptions;
  /** Reads standard input to the end; needed only for the input `-`. */
  readStdin?: () => Promise<string>;
  /** Whether a bare path may be read from disk (CLI and shell: yes; chat platforms: no). */
  allowFiles?: boolean;
  /** The input is article text, whatever it looks like (the bot's `inputKind` said so). */
  pasted?: boolean;
  /** Largest file or stdin accepted, in bytes. Default 5 MiB. */
  maxBytes?: number;
  /**
   * Runs article extraction and story building. Default: on this thread; `Newsroom` passes its
   * runner (in the app, the worker pool, with time and memory limits).
   */
  tasks?: TaskRunner;
}

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md', '']);
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//iu;

/**
 * Turns one input into a story: a URL (fetched safely), `-` (standard input), a path to an
 * HTML or text file, or — when files are not allowed — pasted article text. Text inputs are
 * kept exactly, so offsets point into the file.
 */
export async function loadInput(ref: string, options: LoadInputOptions = {}): Promise<Story> {
  try {
    return await load(ref.trim(), options);
  } catch (error) {
    if (error instanceof NewsroomError) throw error;
    throw new InputError('INPUT_UNREADABLE', `${ref}: ${(error as Error).message}`, { cause: error });
  }
}

async function load(ref: string, options: LoadInputOptions): Promise<Story> {
  if (ref === '') throw new InputError('EMPTY_INPUT', 'empty input: give a URL, a file, - or the article text');
  if (options.pasted) return fromText(ref, { kind: 'text', ref: 'pasted text' }, options);
  const maxBytes = options.maxBytes ?? options.fetch?.maxBytes ?? 5 * 1024 * 1024;
  if (URL_LIKE.test(ref)) {
    const page = await fetchPage(ref, options.fetch);
    const source: StorySource = { kind: 'url', ref };
    return page.kind === 'html' ? fromHtml(page.body, page.url, source, options) : fromText(page.body, source, options, { url: page.url });
  }
  if (ref === '-') {
    if (!options.readStdin) throw new InputError('STDIN_UNAVAILABLE', '-: standard input is not available here');
    const body = await options.readStdin();
    if (Buffer.byteLength(body) > maxBytes) throw tooLarge('-', maxBytes);
    const source: StorySource = { kind: 'stdin', ref: '-' };
    return looksLikeHtml(body) ? fromHtml(body, null, source, options) : fromText(body, source, options);
  }
  if (!options.allowFiles) return fromText(ref, { kind: 'text', ref: 'pasted text' }, options);
  return fromFile(ref, maxBytes, options);
}

async function fromFile(path: string, maxBytes: number, options: LoadInputOptions): Promise<Story> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new InputError('FILE_NOT_FOUND', `${path}: no such file`);
  if (!info.isFile()) throw new InputError('NOT_A_FILE', `${path}: not a regular file`);
  if (info.size > maxBytes) throw tooLarge(path, maxBytes);
  const extension = extname(path).toLowerCase();
  if (!HTML_EXTENSIONS.has(extension) && !TEXT_EXTENSIONS.has(extension)) {
    throw new InputError('UNSUPPORTED_INPUT', `${path}: unsupported file type "${extension}" (use .html, .htm, .txt or .md)`);
  }
  const bytes = await readFile(path);
  if (bytes.includes(0)) throw new InputError('UNSUPPORTED_INPUT', `${path}: looks like a binary file, not an article`);
  // ignoreBOM keeps a byte-order mark in the text, so offsets match the file as read.
  const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const source: StorySource = { kind: 'file', ref: path };
  const html = HTML_EXTENSIONS.has(extension) || (extension === '' && looksLikeHtml(body));
  return html ? fromHtml(body, null, source, options) : fromText(body, source, options);
}

function fromHtml(html: string, url: string | null, source: StorySource, options: LoadInputOptions): Promise<Story> {
  return (options.tasks ?? inlineTasks).run('page', { html, pageUrl: url, source });
}

/**
 * Plain text is kept exactly. Its header (headline, outlet, byline, date) gives the title and
 * the rest of the metadata, and is left out of the body the engines read. The header is read
 * here (a few lines); building the story is a task that may run on a worker thread.
 */
async function fromText(text: string, source: StorySource, options: LoadInputOptions, meta: Partial<StoryMeta> = {}): Promise<Story> {
  if (text.trim() === '') throw new InputError('EMPTY_ARTICLE', `${source.ref}: the article is empty`);
  const header = readHeader(text);
  return (options.tasks ?? inlineTasks).run('text', { text, meta: { ...header.meta, ...meta }, source, bodyStart: header.bodyStart });
}

function looksLikeHtml(body: string): boolean {
  return /^\s*(?:\uFEFF)?<(?:!doctype html|html|head|body|article|p|div)\b/iu.test(body);
}

function tooLarge(ref: string, maxBytes: number): InputError {
  return new InputError('INPUT_TOO_LARGE', `${ref}: larger than ${maxBytes} bytes`);
}
