import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../adapters/main.js';
import { ShellAdapter } from '../../../adapters/shell/shell-adapter.js';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { HARBOUR_FILE } from '../../helpers/articles.js';
import { summaryReply } from '../../../src/bot/replies.js';
import { capture, testIo } from '../../helpers/stream-io.js';

const HEADLINE = 'Harbour council backs flood wall but delays ferry decision';
const FEES_QUESTION = 'Will the council raise harbour fees?';
const FEES_QUOTE =
  '“Council leader Amira Haddad said the council will fund the first phase from its reserves and will not raise harbour fees this year.”';
const HINT = '(Post a story first';

let app: App | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Runs a shell chat over `lines` until the input ends, and returns everything it printed. */
async function chat(lines: string[], options: { prompt?: boolean } = {}): Promise<string> {
  app = await createApp(loadConfig({ STORE_URL: 'memory://' }), { allowFiles: true });
  const input = new PassThrough();
  const output = capture();
  const shell = new ShellAdapter({ input, output: output.stream, ...options });
  await shell.start(app.bot);
  input.end(lines.map((line) => `${line}\n`).join(''));
  await shell.closed();
  return output.text();
}

describe('ShellAdapter', () => {
  it('keeps chatting after the store fails, printing an error for the failed line', async () => {
    app = await createApp(loadConfig({ STORE_URL: 'memory://' }), { allowFiles: true });
    await app.store.close();
    const input = new PassThrough();
    const output = capture();
    const shell = new ShellAdapter({ input, output: output.stream });
    await shell.start(app.bot);
    input.end('hello\n/help\n');
    await shell.closed();
    expect(output.text()).toContain('error: ');
    expect(output.text()).toContain('/summarize <url or pasted text>');
  });

  it('prints the summary of a story file, then answers a follow-up question quoting the story', async () => {
    const output = await chat([`/summarize ${HARBOUR_FILE}`, FEES_QUESTION]);
    const summaryAt = output.indexOf(HEADLINE);
    const questionAt = output.indexOf(`(Q: ${FEES_QUESTION})`);
    expect(summaryAt).toBeGreaterThan(-1);
    expect(questionAt).toBeGreaterThan(summaryAt);
    expect(output.indexOf(FEES_QUOTE, questionAt)).toBeGreaterThan(questionAt);
    expect(output).not.toContain(HINT);
  });

  describe('pasted text', () => {
    const PASTED =
      'The mayor of Riverton said on Tuesday that the city will reopen the Elm Street library in March. ' +
      '"We will not close another branch while I am mayor," Mayor Dana Ortiz told reporters.';

    it('/summarize summarises pasted text instead of looking for a file of that name', async () => {
      const output = await chat([`/summarize ${PASTED}`]);
      expect(output).not.toContain('no such file');
      expect(output).not.toContain('error:');
      expect(output).toContain('“The mayor of Riverton said on Tuesday that the city will reopen the Elm Street library in March.”');
    });

    it('/commitments lists the commitments of pasted text', async () => {
      const output = await chat([`/commitments ${PASTED}`]);
      expect(output).not.toContain('error:');
      expect(output).toMatch(/\[[^\]]+ · (?:commits|refuses)\]/u);
    });

    it('/who lists who said what in pasted text', async () => {
      const output = await chat([`/who ${PASTED}`]);
      expect(output).not.toContain('error:');
      expect(output).toContain('Dana Ortiz');
      expect(output).toContain('We will not close another branch while I am mayor');
    });

    it('/ask answers from pasted text posted before', async () => {
      const output = await chat([`/summarize ${PASTED}`, '/ask When will the library reopen?']);
      expect(output).not.toContain('error:');
      const questionAt = output.indexOf('(Q: When will the library reopen?)');
      expect(questionAt).toBeGreaterThan(-1);
      expect(output.indexOf('reopen the Elm Street library in March', questionAt)).toBeGreaterThan(questionAt);
    });

    it('a path is still read as a file', async () => {
      const output = await chat(['/summarize ./no-such-story.txt']);
      expect(output).toContain('no such file');
    });
  });

  it('prints a hint for a question asked before any story', async () => {
    const output = await chat([FEES_QUESTION]);
    expect(output).toContain(HINT);
    expect(output).not.toContain('Q: ');
  });

  it('prints replies in input order even when an earlier reply takes longer', async () => {
    const output = await chat([FEES_QUESTION, `/summarize ${HARBOUR_FILE}`, '/help']);
    const hintAt = output.indexOf(HINT);
    const summaryAt = output.indexOf(HEADLINE);
    const helpAt = output.indexOf('/summarize <url or pasted text>');
    expect(hintAt).toBeGreaterThan(-1);
    expect(summaryAt).toBeGreaterThan(hintAt);
    expect(helpAt).toBeGreaterThan(summaryAt);
  });

  it('ignores blank lines', async () => {
    const output = await chat(['', '   ']);
    expect(output).not.toContain(HINT);
  });

  it('shows a prompt before each line when asked to', async () => {
    const output = await chat([FEES_QUESTION], { prompt: true });
    expect(output).toBe(
      'Newsroom bot. Type /help for commands; Ctrl-D to quit.\n' +
        '> (Post a story first, e.g. /summarize <url>, then ask about it. /help lists commands.)\n' +
        '> ',
    );
  });

  it('closed() resolves only after every reply has been printed', async () => {
    const output = await chat([`/summarize ${HARBOUR_FILE}`, `/commitments ${HARBOUR_FILE}`]);
    expect(output).toContain('Bayline · refuses');
  });
});

describe('main', () => {
  it('chat runs the terminal chat on stdin and returns 0 when stdin ends', async () => {
    const t = testIo({}, `/summarize ${HARBOUR_FILE}\n${FEES_QUESTION}\n`);
    const code = await main(['chat'], t.io);
    expect(code).toBe(0);
    expect(t.stdout()).toContain(HEADLINE);
    expect(t.stdout()).toContain(FEES_QUOTE);
    expect(t.stderr()).toBe('');
  });

  it('chat with arguments is a usage error (exit 2)', async () => {
    const t = testIo({}, '');
    expect(await main(['chat', HARBOUR_FILE], t.io)).toBe(2);
    expect(t.stderr()).toMatch(/takes no arguments/u);
    expect(t.stdout()).toBe('');
  });

  it('chat with a bad environment value exits 2 naming the variable', async () => {
    const t = testIo({ FETCH_TIMEOUT_MS: 'soon' }, '');
    expect(await main(['chat'], t.io)).toBe(2);
    expect(t.stderr()).toContain('FETCH_TIMEOUT_MS');
  });

  it('passes other commands to the CLI', async () => {
    const t = testIo({});
    expect(await main(['summarize', '--json', HARBOUR_FILE], t.io)).toBe(0);
    const line = JSON.parse(t.stdoutLines()[0]!) as { input: string; story: { title: string } };
    expect(line).toMatchObject({ input: HARBOUR_FILE, story: { title: HEADLINE } });
  });
});

describe('ShellAdapter.post', () => {
  it('prints a story posted on its own, and later lines ask about it', async () => {
    app = await createApp(loadConfig({ STORE_URL: 'memory://' }), { allowFiles: true });
    const input = new PassThrough();
    const output = capture();
    const shell = new ShellAdapter({ input, output: output.stream });
    await shell.start(app.bot);
    const story = await app.newsroom.ingest('shell', HARBOUR_FILE);
    const reply = summaryReply(story, await app.newsroom.summarise(story));
    expect(await shell.post('local', reply)).toEqual({ channel: 'local', thread: 'local' });
    input.end(`${FEES_QUESTION}\n`);
    await shell.closed();
    expect(output.text()).toContain(HEADLINE);
    expect(output.text()).toContain(FEES_QUOTE);
    expect(output.text()).not.toContain(HINT);
  });
});
