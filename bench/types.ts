/** One measured figure. Ratios are quoted against a baseline measured in the same run. */
export interface BenchRow {
  /** What was measured, e.g. "SII, 100,000 simulations". */
  name: string;
  /** Median wall time in milliseconds over the runs. */
  medianMs: number;
  /** How many timed runs the median is taken over. */
  runs: number;
  /** Name of the baseline row in the same run this one is compared with, if any. */
  baseline?: string;
  /** Free notes: sizes, counts, caveats. */
  notes?: string;
}

/** A benchmark module: `bench/*.bench.ts` exports `run` returning its rows. */
export type BenchModule = { run: () => Promise<BenchRow[]> };
