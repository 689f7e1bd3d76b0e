import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError, InputError } from '../../src/errors.js';
import { WorkerPool } from '../../src/workers/pool.js';
import type { TaskReport, WorkerPoolOptions } from '../../src/workers/pool.js';
import { inlineTasks, TASKS } from '../../src/workers/tasks.js';
import type { TaskInputs } from '../../src/workers/tasks.js';
import { harbourText, PIER_PAGE, PIER_SENTENCE } from '../helpers/articles.js';
import { startLoopbackServer, serve } from '../helpers/loopback-server.js';
import { HOG, SPIN, WHO, WORKER_DOUBLES } from '../helpers/worker-doubles.js';

let pool: WorkerPool | undefined;

afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

function start(options: Partial<WorkerPoolOptions> = {}): WorkerPool {
  pool = new WorkerPool({ threads: 1, maxMemoryMb: 256, ingestTimeoutMs: 20_000, engineTimeoutMs: 20_000, worker: WORKER_DOUBLES, ...options });
  return pool;
}

const textInput = (text: string, ref = 'pasted text'): TaskInputs['text'] => ({ text, source: { kind: 'text', ref } });

/** Which thread ran a task (the doubles report it). */
async function threadOf(p: WorkerPool): Promise<string | null> {
  return (await p.run('text', textInput(`The editor asked ${WHO} which thread this is.`))).meta.siteName;
}

describe('WorkerPool', () => {
  it('builds a page story in a worker exactly as on this thread', async () => {
    const input: TaskInputs['page'] = { html: PIER_PAGE, pageUrl: 'https://news.example/pier', source: { kind: 'url', ref: 'https://news.example/pier' } };
    const story = await start({ worker: undefined }).run('page', input);
    expect(story).toEqual(TASKS.page(input));
    expect(story.text).toContain(PIER_SENTENCE);
  });

  it('runs extractive drafts and the gate in a worker with the same result as inline', async () => {
    const story = await inlineTasks.run('text', textInput(harbourText()));
    start();
    const draft = await pool!.run('draft', { task: 'summarise', story });
    expect(draft).toEqual(await inlineTasks.run('draft', { task: 'summarise', story }));
    const gated = await pool!.run('gate', { task: 'commitments', story, draft: (await pool!.run('draft', { task: 'commitments', story })) as never });
    expect(gated).toEqual(await inlineTasks.run('gate', { task: 'commitments', story, draft: (await inlineTasks.run('draft', { task: 'commitments', story })) as never }));
  });

  it('passes errors a task throws back with their class and code', async () => {
    const error = await start().run('page', { html: '<html><body></body></html>', pageUrl: null, source: { kind: 'file', ref: 'a.html' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'EMPTY_ARTICLE' });
  });

  it('terminates an engine task past its time limit, with a one-line EngineError, and runs the next on a fresh thread', async () => {
    const reports: TaskReport[] = [];
    start({ engineTimeoutMs: 300, onTask: (r) => reports.push(r) });
    const before = await threadOf(pool!);
    const story = await inlineTasks.run('text', textInput(`The mayor said ${SPIN} on Monday.`));
    const error = await pool!.run('draft', { task: 'summarise', story }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'ENGINE_TOO_SLOW', message: 'extractive engine failed: this story took too long (over 300 ms)' });
    const after = await threadOf(pool!);
    expect(after).toMatch(/^thread \d+$/);
    expect(after).not.toBe(before);
    expect(reports.map((r) => [r.name, r.outcome])).toEqual([['text', 'ok'], ['draft', 'timeout'], ['text', 'ok']]);
  });

  it('abandons a page past the ingest time limit with HTML_TOO_SLOW naming the page', async () => {
    start({ ingestTimeoutMs: 300 });
    const input: TaskInputs['page'] = { html: `<p>${SPIN}</p>`, pageUrl: 'https://news.example/slow', source: { kind: 'url', ref: 'https://news.example/slow' } };
    await expect(pool!.run('page', input)).rejects.toMatchObject({
      code: 'HTML_TOO_SLOW',
      message: 'https://news.example/slow: reading the page took too long (over 300 ms)',
    });
  });

  it('fails a task past the memory limit with a one-line error, and carries on', async () => {
    start({ maxMemoryMb: 64 });
    const story = await inlineTasks.run('text', textInput(`The council said ${HOG} it would.`));
    const error = await pool!.run('gate', { task: 'summarise', story, draft: { points: [] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'GATE_TOO_BIG', message: 'checking the quotes of this story needed too much memory (over 64 MB)' });
    expect(await threadOf(pool!)).toMatch(/^thread \d+$/);
  });

  it('keeps the event loop free while a task holds a thread: timers fire and HTTP is answered', async () => {
    start();
    const events: string[] = [];
    const spinning = pool!.run('draft', { task: 'summarise', story: await inlineTasks.run('text', textInput(`A ${SPIN} story.`)) }).catch(() => events.push('task settled'));
    await new Promise<void>((resolve) => setImmediate(resolve));
    events.push('immediate fired');
    const site = await startLoopbackServer({ '/ping': serve('text/plain', 'pong') });
    try {
      events.push(`http ${await (await fetch(`${site.base}/ping`)).text()}`);
    } finally {
      await site.close();
    }
    await pool!.close();
    await spinning;
    expect(events).toEqual(['immediate fired', 'http pong', 'task settled']);
  });

  it('rejects with the caller signal reason when the caller aborts', async () => {
    start();
    const controller = new AbortController();
    const running = pool!.run('draft', { task: 'summarise', story: await inlineTasks.run('text', textInput(`A ${SPIN} story.`)) }, controller.signal);
    controller.abort(new Error('the user went away'));
    await expect(running).rejects.toThrow('the user went away');
    expect(await threadOf(pool!)).toMatch(/^thread \d+$/);
  });

  it('after close, running, queued and new tasks fail with WORKER_POOL_CLOSED', async () => {
    start();
    const story = await inlineTasks.run('text', textInput(`A ${SPIN} story.`));
    const running = pool!.run('draft', { task: 'summarise', story }).catch((e: unknown) => e);
    const queued = pool!.run('text', textInput('Queued text, said the editor.')).catch((e: unknown) => e);
    await pool!.close();
    expect(await running).toMatchObject({ code: 'WORKER_POOL_CLOSED' });
    expect(await queued).toMatchObject({ code: 'WORKER_POOL_CLOSED' });
    await expect(pool!.run('text', textInput('Late text.'))).rejects.toMatchObject({ code: 'WORKER_POOL_CLOSED' });
  });

  it('does not keep the process alive once its threads are idle', async () => {
    const script = `
      const { WorkerPool } = await import(${JSON.stringify(new URL('../../src/workers/pool.ts', import.meta.url).href)});
      const pool = new WorkerPool({ maxMemoryMb: 128, ingestTimeoutMs: 20000, engineTimeoutMs: 20000 });
      const story = await pool.run('text', { text: 'One line, said the editor.', source: { kind: 'text', ref: 'x' } });
      console.log(story.sentences.length);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: '1' });
  });
});
