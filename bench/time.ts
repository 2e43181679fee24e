import { performance } from 'node:perf_hooks';

/** Median wall time of `fn` over `runs` timed runs after `warmup` untimed ones. */
export async function medianTime(
  fn: () => unknown,
  runs = 5,
  warmup = 1,
): Promise<{ medianMs: number; runs: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const median =
    times.length % 2 ? (times[mid] ?? 0) : ((times[mid - 1] ?? 0) + (times[mid] ?? 0)) / 2;
  return { medianMs: median, runs };
}
