/**
 * A worker module for `WorkerPool` tests: the real worker, except for inputs carrying one of
 * the markers below, which stand in for a pathological story or page inside the thread.
 */
import { threadId } from 'node:worker_threads';
import runTask, { announceStart } from '../../src/workers/worker.js';
import type { TaskRequest, TaskResponse } from '../../src/workers/worker.js';

/** An input containing this never finishes: the thread spins until it is terminated. */
export const SPIN = '[[spin forever]]';
/** Like {@link SPIN}, but only in engine work (`draft` and `gate`), not in story building. */
export const SPIN_IN_ENGINE = '[[spin in the engine]]';
/** An input containing this allocates without end, past any memory limit. */
export const HOG = '[[hog memory]]';
/** A `text` task containing this builds its story and puts the thread's id in `meta.siteName`. */
export const WHO = '[[which thread]]';

/**
 * A task whose input contains this holds its thread (without spinning) until {@link releaseHeld}:
 * the test decides when the pool has a free thread again.
 */
export const HOLD = '[[hold the thread]]';

/** Where held tasks say they hold their thread, and hear that they may go on; any thread may post. */
const HOLD_CHANNEL = 'worker-doubles:hold';

/** Resolves once a {@link HOLD} task holds its thread. */
export function heldThread(): Promise<void> {
  const channel = new BroadcastChannel(HOLD_CHANNEL);
  return new Promise<void>((resolve) => {
    channel.onmessage = (message) => {
      if ((message as MessageEvent).data !== 'held') return;
      channel.close();
      resolve();
    };
  });
}

/** Lets every {@link HOLD} task go on. */
export function releaseHeld(): void {
  const channel = new BroadcastChannel(HOLD_CHANNEL);
  channel.postMessage('release');
  channel.close();
}

/** The module loaded by the threads, as `WorkerPool`'s `worker` option. */
export const WORKER_DOUBLES = new URL(import.meta.url);

export default async function runDouble(request: TaskRequest): Promise<TaskResponse> {
  announceStart(request);
  const seen = JSON.stringify(request.input);
  if (seen.includes(SPIN)) for (;;);
  if (seen.includes(SPIN_IN_ENGINE) && (request.name === 'draft' || request.name === 'gate')) for (;;);
  if (seen.includes(HOLD)) {
    const channel = new BroadcastChannel(HOLD_CHANNEL);
    await new Promise<void>((resolve) => {
      channel.onmessage = (message) => {
        if ((message as MessageEvent).data === 'release') resolve();
      };
      channel.postMessage('held');
    });
    channel.close();
  }
  if (seen.includes(HOG)) {
    const hoard: number[][] = [];
    for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i * Math.random()));
  }
  const response = await runTask(request);
  if (seen.includes(WHO) && response.ok && request.name === 'text') {
    const story = response.value as { meta: { siteName: string | null } };
    story.meta.siteName = `thread ${threadId}`;
  }
  return response;
}
