import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { EngineError, FeedError, FetchError, InputError, NewsroomError, StoreError } from '../errors.js';
import type { PageInput, TaskInputs, TaskName, TaskOutputs, TaskRunner } from './tasks.js';
import type { TaskFailure, TaskRequest, TaskResponse, TaskStarted } from './worker.js';

/** How a task ended, for {@link TaskReport}. */
export type TaskOutcome = 'ok' | 'failed' | 'timeout' | 'memory' | 'aborted' | 'closed';

/** One finished task: the one place its duration is known. */
export interface TaskReport {
  /** Which task. */
  name: TaskName;
  /** From `run` to its settling, waiting for a thread included, in milliseconds. */
  ms: number;
  /** How it ended. */
  outcome: TaskOutcome;
}

/** What a {@link WorkerPool} is built from. */
export interface WorkerPoolOptions {
  /** Most worker threads at once. Default: one less than `os.availableParallelism()` (at least one), leaving a core to the event loop. */
  threads?: number;
  /** Heap limit of each worker thread (V8 old generation), in MiB; past it the task fails. */
  maxMemoryMb: number;
  /** Time limit of a `page` or `text` task (ingest), in ms, from when a thread starts it. */
  ingestTimeoutMs: number;
  /** Time limit of a `draft`, `gate` or `check` task (engine work), in ms, from when a thread starts it. */
  engineTimeoutMs: number;
  /**
   * The module the threads run; its default export runs one `TaskRequest`. Default: this
   * directory's `worker` module. Tests pass a module that wraps it with engine test doubles.
   */
  worker?: URL;
  /** Called once per task when it settles (metrics, logs). */
  onTask?: (report: TaskReport) => void;
}

const INGEST_TASKS: ReadonlySet<TaskName> = new Set(['page', 'text']);
const DEFAULT_WORKER = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
// Threads left idle this long are stopped; idle threads never keep the process alive.
const IDLE_TIMEOUT_MS = 30_000;

const REBUILT: Record<string, new (code: string, message: string) => NewsroomError> = {
  NewsroomError,
  InputError,
  FetchError,
  FeedError,
  StoreError,
  EngineError,
};

/**
 * The worker threads (piscina) that run page extraction, story building, the extractive engine
 * and the citation gate, so the event loop only does I/O. Every task has a time limit and each
 * thread a memory limit; past either, the thread is terminated (piscina starts a new one for
 * the next task) and the caller gets a one-line `InputError` (ingest) or `EngineError` (engine
 * work). Errors a task throws on purpose keep their class and code.
 */
export class WorkerPool implements TaskRunner {
  private readonly piscina: Piscina<TaskRequest, TaskResponse>;
  private readonly options: WorkerPoolOptions;
  private closed = false;
  private nextId = 1;
  /** Starts the time limit of each task that is waiting for a thread. */
  private readonly startClock = new Map<number, () => void>();

  constructor(options: WorkerPoolOptions) {
    this.options = options;
    const worker = options.worker ?? DEFAULT_WORKER;
    this.piscina = new Piscina({
      filename: fileURLToPath(worker),
      // From TypeScript sources (tests, `node --import tsx`), each thread loads through tsx too.
      ...(worker.pathname.endsWith('.ts') ? { execArgv: ['--import', import.meta.resolve('tsx')] } : {}),
      maxThreads: options.threads ?? Math.max(1, availableParallelism() - 1),
      minThreads: 0,
      idleTimeout: IDLE_TIMEOUT_MS,
      resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb },
    });
    // A thread that dies while idle is replaced on demand; nothing to report to anyone.
    this.piscina.on('error', () => {});
    this.piscina.on('message', (message: TaskStarted) => this.startClock.get(message.taskStarted)?.());
  }

  /** Runs `name` in a worker thread; see the class for how limits and errors come back. */
  async run<K extends TaskName>(name: K, input: TaskInputs[K], signal?: AbortSignal): Promise<TaskOutputs[K]> {
    const started = performance.now();
    let outcome: TaskOutcome = 'failed';
    try {
      if (this.closed) {
        outcome = 'closed';
        throw this.closedError(name);
      }
      const ingest = INGEST_TASKS.has(name);
      const id = this.nextId++;
      // The limit counts from when a thread starts the task: waiting for a free thread (or for
      // one to load its modules) is not the task's doing.
      const limit = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      this.startClock.set(id, () => {
        this.startClock.delete(id);
        timer = setTimeout(() => limit.abort(), ingest ? this.options.ingestTimeoutMs : this.options.engineTimeoutMs);
      });
      let response: TaskResponse;
      try {
        response = await this.piscina.run({ id, name, input }, { signal: signal ? AbortSignal.any([signal, limit.signal]) : limit.signal });
      } catch (error) {
        if (signal?.aborted) {
          outcome = 'aborted';
          throw signal.reason;
        }
        if (limit.signal.aborted) {
          outcome = 'timeout';
          throw this.limitError(name, input, 'time');
        }
        if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          outcome = 'memory';
          throw this.limitError(name, input, 'memory');
        }
        if (this.closed) {
          outcome = 'closed';
          throw this.closedError(name);
        }
        const message = `the worker thread stopped: ${(error as Error).message}`;
        throw ingest ? new InputError('WORKER_FAILED', `${inputRef(name, input)}: ${message}`) : new EngineError('WORKER_FAILED', message);
      } finally {
        this.startClock.delete(id);
        clearTimeout(timer);
      }
      if (!response.ok) throw rebuild(response.error);
      outcome = 'ok';
      return response.value as TaskOutputs[K];
    } finally {
      this.options.onTask?.({ name, ms: performance.now() - started, outcome });
    }
  }

  /** Stops every thread; running and queued tasks fail with code `WORKER_POOL_CLOSED`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.piscina.destroy();
  }

  private limitError<K extends TaskName>(name: K, input: TaskInputs[K], limit: 'time' | 'memory'): NewsroomError {
    const { ingestTimeoutMs, engineTimeoutMs, maxMemoryMb } = this.options;
    const ms = INGEST_TASKS.has(name) ? ingestTimeoutMs : engineTimeoutMs;
    const [suffix, why] = limit === 'time' ? ['TOO_SLOW', `took too long (over ${ms} ms)`] : ['TOO_BIG', `needed too much memory (over ${maxMemoryMb} MB)`];
    switch (name) {
      case 'page':
        return new InputError(`HTML_${suffix}`, `${inputRef(name, input)}: reading the page ${why}`);
      case 'text':
        return new InputError(`TEXT_${suffix}`, `${inputRef(name, input)}: reading the text ${why}`);
      case 'draft':
        return new EngineError(`ENGINE_${suffix}`, `extractive engine failed: this story ${why}`);
      default:
        return new EngineError(`GATE_${suffix}`, `checking the quotes of this story ${why}`);
    }
  }

  private closedError(name: TaskName): NewsroomError {
    const message = 'the bot is shutting down';
    return INGEST_TASKS.has(name) ? new InputError('WORKER_POOL_CLOSED', message) : new EngineError('WORKER_POOL_CLOSED', message);
  }
}

/** How an ingest input is named in messages: the page's URL, else where it came from. */
function inputRef<K extends TaskName>(name: K, input: TaskInputs[K]): string {
  if (name === 'page') return (input as PageInput).pageUrl ?? (input as PageInput).source.ref;
  if (name === 'text') return (input as TaskInputs['text']).source.ref;
  return 'the story';
}

function rebuild(failure: TaskFailure): Error {
  const Class = REBUILT[failure.name];
  if (Class && failure.code !== null) return new Class(failure.code, failure.message);
  return new Error(failure.message);
}
