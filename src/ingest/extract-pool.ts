import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { ExtractedArticle } from './extract-html.js';

/** A page sent to the extraction worker. */
export interface ExtractionRequest {
  /** Matches the response to its request. */
  id: number;
  /** The page's markup. */
  html: string;
  /** Where it was fetched from, or `null`. */
  pageUrl: string | null;
}

/** The worker's answer: the article, or the error `extractHtml` raised. */
export type ExtractionResponse =
  | { id: number; article: ExtractedArticle }
  | { id: number; error: { message: string; code?: string } }
  | { ready: true };

interface Job {
  request: ExtractionRequest;
  resolve: (article: ExtractedArticle) => void;
  reject: (error: Error) => void;
}

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './extract-worker.ts' : './extract-worker.js', import.meta.url);

/** Starts the worker; from TypeScript sources (tests, tsx) it loads through tsx. */
function spawnWorker(): Worker {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL);
  const load = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(load, { eval: true });
}

/**
 * Runs HTML extraction in one worker thread, a page at a time, with a time limit per page. A
 * page that takes longer is abandoned: the worker is terminated (the next page gets a fresh
 * one) and the caller gets an `InputError` with code `HTML_TOO_SLOW`. The worker does not keep
 * the process alive while idle.
 */
export class ExtractionPool {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private current: { job: Job; timer: NodeJS.Timeout | undefined } | undefined;
  private ready = false;
  private nextId = 1;
  private closed = false;

  /** @param timeoutMs - Longest one page may take to extract. */
  constructor(private readonly timeoutMs: number) {}

  /** Extracts the article from `html`, off the main thread. */
  extract(html: string, pageUrl: string | null): Promise<ExtractedArticle> {
    if (this.closed) return Promise.reject(new InputError('EXTRACTION_CLOSED', 'the extractor has been shut down'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, html, pageUrl }, resolve, reject });
      this.pump();
    });
  }

  /** Stops the worker; pages still queued fail with `EXTRACTION_CLOSED`. */
  async close(): Promise<void> {
    this.closed = true;
    const pending = [...(this.current ? [this.current.job] : []), ...this.queue.splice(0)];
    if (this.current) clearTimeout(this.current.timer);
    this.current = undefined;
    for (const job of pending) job.reject(new InputError('EXTRACTION_CLOSED', 'the extractor has been shut down'));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const job = this.queue.shift();
    if (!job) {
      this.worker?.unref();
      return;
    }
    const worker = this.ensureWorker();
    worker.ref();
    this.current = { job, timer: undefined };
    if (this.ready) this.startClock();
    worker.postMessage(job.request);
  }

  /** The current page's time limit starts once the worker has loaded its modules. */
  private startClock(): void {
    const current = this.current;
    if (!current || current.timer) return;
    current.timer = setTimeout(() => this.abandon(current.job), this.timeoutMs);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker();
    this.ready = false;
    worker.on('message', (response: ExtractionResponse) => this.settle(response));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(worker, new Error(`the extraction worker stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private settle(response: ExtractionResponse): void {
    if ('ready' in response) {
      this.ready = true;
      this.startClock();
      return;
    }
    const current = this.current;
    if (!current || current.job.request.id !== response.id) return;
    clearTimeout(current.timer);
    this.current = undefined;
    if ('article' in response) current.job.resolve(response.article);
    else current.job.reject(new InputError(response.error.code ?? 'HTML_UNREADABLE', response.error.message));
    this.pump();
  }

  private abandon(job: Job): void {
    if (this.current?.job !== job) return;
    this.current = undefined;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    const where = job.request.pageUrl ?? 'the page';
    job.reject(new InputError('HTML_TOO_SLOW', `${where}: the page took too long to read (over ${this.timeoutMs} ms)`));
    this.pump();
  }

  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const current = this.current;
    this.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.job.reject(new InputError('HTML_UNREADABLE', `the page could not be read: ${error.message}`, { cause: error }));
    }
    this.pump();
  }
}
