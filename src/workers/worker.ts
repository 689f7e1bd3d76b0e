/**
 * The body of every worker thread in {@link WorkerPool}: runs one task per call, so a
 * pathological page or story blocks this thread, never the bot's event loop.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { NewsroomError } from '../errors.js';
import { TASKS } from './tasks.js';
import type { TaskInputs, TaskName, TaskOutputs } from './tasks.js';

// Engine work yields the CPU to the bot's event loop: on a busy machine acks, posts and store
// calls run first. On Linux `setPriority(0, …)` sets the nice value of the calling thread only,
// so this thread is lowered and the main thread is not; where that is not allowed, nothing changes.
try {
  setPriority(0, 10);
} catch {
  // Not permitted here: the thread keeps the process's priority.
}

/** What the pool posts to a worker. */
export interface TaskRequest<K extends TaskName = TaskName> {
  /** Identifies the task in {@link TaskStarted}. */
  id: number;
  /** Which task. */
  name: K;
  /** Its input. */
  input: TaskInputs[K];
}

/** Posted on `parentPort` as a task begins: its time limit counts from here, not from the queue. */
export interface TaskStarted {
  /** `TaskRequest.id`. */
  taskStarted: number;
}

/**
 * A thrown error as it crosses back to the main thread. Structured cloning keeps an `Error`'s
 * message but not its class or `code`, so those travel as data and the pool rebuilds the error.
 */
export interface TaskFailure {
  /** Class name of a `NewsroomError` subclass, or `Error` for anything else. */
  name: string;
  /** `NewsroomError.code`, when it is one. */
  code: string | null;
  /** The error's message. */
  message: string;
}

/** What a worker answers. */
export type TaskResponse<K extends TaskName = TaskName> = { ok: true; value: TaskOutputs[K] } | { ok: false; error: TaskFailure };

/** Tells the pool that `request` has begun (see {@link TaskStarted}); a second call changes nothing. */
export function announceStart(request: TaskRequest): void {
  parentPort?.postMessage({ taskStarted: request.id } satisfies TaskStarted);
}

/** Runs one task; errors come back as data (see {@link TaskFailure}). */
export default async function runTask(request: TaskRequest): Promise<TaskResponse> {
  announceStart(request);
  try {
    const task = TASKS[request.name] as (input: unknown) => TaskOutputs[TaskName] | Promise<TaskOutputs[TaskName]>;
    return { ok: true, value: await task(request.input) };
  } catch (error) {
    const known = error instanceof NewsroomError;
    const name = known ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { name, code: known ? error.code : null, message } };
  }
}
