import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadInput } from '../../src/ingest/load-input.js';
import { HARBOUR_FILE, PIER_PAGE, PIER_SENTENCE, SEED_FILE, seedText } from '../helpers/articles.js';
import { redirect, serve, startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';

let dir: string;
let server: LoopbackServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsroom-load-input-'));
  server = await startLoopbackServer({
    '/story.txt': serve('text/plain; charset=utf-8', 'Ferry timetable delayed\n\nBayline said it would decide by Friday.\n'),
    '/old-story': redirect('/story.txt', 301),
  });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** The InputError `promise` rejects with; fails the test when it resolves or rejects with something else. */
async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('text files', () => {
  it('keeps the text of a .txt file exactly as in the file', async () => {
    const story = await loadInput(SEED_FILE, { allowFiles: true });
    expect(story.text).toBe(seedText());
    expect(story.source).toEqual({ kind: 'file', ref: SEED_FILE });
  });

  it('keeps leading and trailing whitespace and CRLF line ends byte for byte', async () => {
    const text = '  \r\nHarbour fees frozen\r\n\r\nThe council said fees would not rise.\r\n\r\n  ';
    const story = await loadInput(await file('crlf.txt', text), { allowFiles: true });
    expect(story.text).toBe(text);
  });

  it('takes the title from the first line', async () => {
    const story = await loadInput(SEED_FILE, { allowFiles: true });
    expect(story.meta.title).toBe('Britain not ready to send troops to Ukraine front lines');
  });

  it('takes the title from the first line without its CR', async () => {
    const story = await loadInput(await file('title-crlf.txt', 'Harbour fees frozen\r\n\r\nThe council said so.\r\n'), {
      allowFiles: true,
    });
    expect(story.meta.title).toBe('Harbour fees frozen');
  });

  it('reads a .md file as text', async () => {
    const text = 'Pier reopens\n\nThe pier reopened on Saturday.\n';
    const story = await loadInput(await file('story.md', text), { allowFiles: true });
    expect(story.text).toBe(text);
  });
});

describe('file refusals', () => {
  it('a missing file is FILE_NOT_FOUND naming the path', async () => {
    const path = join(dir, 'nowhere.txt');
    const error = await inputError(loadInput(path, { allowFiles: true }));
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.message).toContain(path);
  });

  it('an unsupported extension is UNSUPPORTED_INPUT', async () => {
    const path = await file('story.pdf', 'Pier reopens\n\nThe pier reopened on Saturday.\n');
    const error = await inputError(loadInput(path, { allowFiles: true }));
    expect(error.code).toBe('UNSUPPORTED_INPUT');
    expect(error.message).toContain(path);
  });

  it('binary content in a .txt file is UNSUPPORTED_INPUT', async () => {
    const path = await file('binary.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
    const error = await inputError(loadInput(path, { allowFiles: true }));
    expect(error.code).toBe('UNSUPPORTED_INPUT');
  });

  it('an empty file is EMPTY_ARTICLE', async () => {
    const error = await inputError(loadInput(await file('empty.txt', ''), { allowFiles: true }));
    expect(error.code).toBe('EMPTY_ARTICLE');
  });

  it('a whitespace-only file is EMPTY_ARTICLE', async () => {
    const error = await inputError(loadInput(await file('blank.txt', ' \n\t\r\n  \n'), { allowFiles: true }));
    expect(error.code).toBe('EMPTY_ARTICLE');
  });

  it('a file over maxBytes is INPUT_TOO_LARGE', async () => {
    const path = await file('long.txt', `Long story\n\n${'The pier reopened. '.repeat(10)}`);
    const error = await inputError(loadInput(path, { allowFiles: true, maxBytes: 64 }));
    expect(error.code).toBe('INPUT_TOO_LARGE');
  });

  it('a file of exactly maxBytes is accepted', async () => {
    const text = 'Pier reopens\n\nThe pier reopened.\n';
    const story = await loadInput(await file('exact.txt', text), { allowFiles: true, maxBytes: Buffer.byteLength(text) });
    expect(story.text).toBe(text);
  });

  it('a directory is NOT_A_FILE', async () => {
    const path = join(dir, 'folder.txt');
    await mkdir(path);
    const error = await inputError(loadInput(path, { allowFiles: true }));
    expect(error.code).toBe('NOT_A_FILE');
  });
});

describe('html files', () => {
  it('extracts the article text from an .html file', async () => {
    const story = await loadInput(await file('pier.html', PIER_PAGE), { allowFiles: true });
    expect(story.text).toContain(PIER_SENTENCE);
    expect(story.text).not.toMatch(/<\/?[a-z]/u);
    expect(story.meta.byline).toBe('Jo Reporter');
    expect(story.source).toEqual({ kind: 'file', ref: join(dir, 'pier.html') });
  });
});

describe('standard input', () => {
  it('- without readStdin is STDIN_UNAVAILABLE', async () => {
    const error = await inputError(loadInput('-', { allowFiles: true }));
    expect(error.code).toBe('STDIN_UNAVAILABLE');
  });

  it('keeps plain text from stdin exactly', async () => {
    const text = '\nFerry decision delayed\n\nBayline will decide by the end of the month.\n';
    const story = await loadInput('-', { readStdin: async () => text });
    expect(story.text).toBe(text);
    expect(story.source).toEqual({ kind: 'stdin', ref: '-' });
  });

  it('detects html on stdin and extracts the article', async () => {
    const story = await loadInput('-', { readStdin: async () => PIER_PAGE });
    expect(story.text).toContain(PIER_SENTENCE);
    expect(story.text).not.toMatch(/<\/?[a-z]/u);
    expect(story.source.kind).toBe('stdin');
  });

  it('stdin over maxBytes is INPUT_TOO_LARGE', async () => {
    const error = await inputError(loadInput('-', { readStdin: async () => 'x'.repeat(100), maxBytes: 99 }));
    expect(error.code).toBe('INPUT_TOO_LARGE');
  });
});

describe('pasted text', () => {
  it('is the story text when files are not allowed', async () => {
    const text = 'Ferry decision delayed\n\nBayline will decide by the end of the month.';
    const story = await loadInput(text, { allowFiles: false });
    expect(story.text).toBe(text);
    expect(story.source.kind).toBe('text');
    expect(story.meta.title).toBe('Ferry decision delayed');
  });

  it('a path-looking string is not read from disk when files are not allowed', async () => {
    const story = await loadInput(HARBOUR_FILE, {});
    expect(story.text).toBe(HARBOUR_FILE);
    expect(story.source.kind).toBe('text');
  });
});

describe('URLs', () => {
  it('a text/plain response becomes a story whose meta.url is the final URL after redirects', async () => {
    const story = await loadInput(`${server.base}/old-story`, { fetch: { allowPrivate: true } });
    expect(story.text).toBe('Ferry timetable delayed\n\nBayline said it would decide by Friday.\n');
    expect(story.meta.url).toBe(`${server.base}/story.txt`);
    expect(story.meta.title).toBe('Ferry timetable delayed');
    expect(story.source).toEqual({ kind: 'url', ref: `${server.base}/old-story` });
  });

  it('a loopback URL is refused unless private addresses are allowed', async () => {
    const before = server.requests.length;
    const error = await loadInput(`${server.base}/story.txt`, {}).then(
      () => undefined,
      (e: unknown) => e as { code?: string },
    );
    expect(error?.code).toBe('URL_PRIVATE_ADDRESS');
    expect(server.requests.length).toBe(before);
  });
});
