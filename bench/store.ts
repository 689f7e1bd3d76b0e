/**
 * What bounding every store call costs (src/store/bounded-store.ts): the same get/set mix on
 * an in-process store, raw and through `boundStore`, sequentially (a timer per call is the
 * cost being measured; a real backend's round trip dwarfs it).
 */
import { performance } from 'node:perf_hooks';
import { boundStore } from '../src/store/bounded-store.js';
import { KeyvStore } from '../src/store/keyv-store.js';
import type { Store } from '../src/store/store.js';

async function opsPerSecond(store: Store, operations: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < operations; i += 1) {
    const key = String(i % 1000);
    if (i % 4 === 0) await store.set('bench', key, { i });
    else await store.get('bench', key);
  }
  return operations / ((performance.now() - start) / 1000);
}

/** Prints operations per second, raw and bounded, the median of five runs of each. */
export async function benchStore(operations = 200_000): Promise<void> {
  console.log('== store calls: raw KeyvStore over memory vs boundStore (bench/store.ts) ==');
  const runs: Record<'raw' | 'bounded', number[]> = { raw: [], bounded: [] };
  for (let run = 0; run < 6; run += 1) {
    const raw = new KeyvStore();
    const bounded = boundStore(new KeyvStore(), { timeoutMs: 5000, label: 'memory://' });
    // The first run of each warms up and is dropped.
    const r = await opsPerSecond(raw, operations);
    const b = await opsPerSecond(bounded, operations);
    if (run > 0) {
      runs.raw.push(r);
      runs.bounded.push(b);
    }
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const raw = median(runs.raw);
  const bounded = median(runs.bounded);
  console.log(`${operations} sequential calls (1 set : 3 get), median of 5 runs`);
  console.log(`raw      ${Math.round(raw).toLocaleString('en')} calls/s  (${(1e6 / raw).toFixed(2)} µs/call)`);
  console.log(`bounded  ${Math.round(bounded).toLocaleString('en')} calls/s  (${(1e6 / bounded).toFixed(2)} µs/call)`);
  console.log(`overhead ${(1e6 / bounded - 1e6 / raw).toFixed(2)} µs per call`);
}
