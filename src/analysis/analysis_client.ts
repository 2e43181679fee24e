/**
 * Main-thread client of the analysis workers: a small pool, geometry sent to every worker by
 * transfer, big point jobs split across the pool, progress reported through a callback, and
 * jobs cancelled when the caller aborts or a newer request with the same key supersedes them.
 * Runs on the main thread (and in Node tests, with an injected worker factory).
 */
import * as Comlink from 'comlink';
import type {
  AnalysisApi,
  CatchmentRequest,
  CategoryCatchment,
  JobId,
  LayerOptions,
  LayerSummary,
  PointCounts,
  PolygonLayerBuffers,
  Progress,
  ProgressCallback,
} from '../../workers/analysis/analysis_api.ts';
import { ratesPer10k } from '../../workers/analysis/catchment.ts';
import { polygonLayerTransferables } from '../../workers/geometry/polygon_index.ts';

/** One pool member. */
export interface AnalysisWorkerHandle {
  /** The worker's API: a `Comlink.wrap` remote, or in tests the implementation itself. */
  api: AnalysisApi;
  terminate(): void;
}

export type AnalysisWorkerFactory = () => AnalysisWorkerHandle;

export interface AnalysisClientOptions {
  /** Workers in the pool (default `defaultPoolSize()`: cores - 1, between 1 and 4). */
  poolSize?: number;
  /** Makes one worker (default: a module Web Worker running workers/analysis/analysis.worker.ts). */
  createWorker?: AnalysisWorkerFactory;
  /** Point jobs of at least this many points are split across the pool (default 50,000:
   * below that a job takes tens of milliseconds on one worker, and leaving the other
   * workers free for concurrent jobs is worth more than the split). */
  splitThreshold?: number;
}

export interface JobOptions {
  /** A newer job with the same key cancels this one, e.g. 'gp-practices:lsoa21'. */
  key?: string;
  /** Aborting it rejects the job with the signal's reason and stops the workers. */
  signal?: AbortSignal;
  /** Called as parts finish chunks; `done` sums over all workers of the job. */
  onProgress?: (progress: Progress) => void;
}

/** Cores minus one for the main thread, at least 1 and at most 4. */
export function defaultPoolSize(
  hardwareConcurrency: number = globalThis.navigator?.hardwareConcurrency ?? 2,
): number {
  return Math.max(1, Math.min(hardwareConcurrency - 1, 4));
}

export function createBrowserAnalysisWorker(): AnalysisWorkerHandle {
  const worker = new Worker(new URL('../../workers/analysis/analysis.worker.ts', import.meta.url), {
    type: 'module',
    name: 'analysis',
  });
  return { api: Comlink.wrap<AnalysisApi>(worker), terminate: () => worker.terminate() };
}

interface PoolWorker {
  handle: AnalysisWorkerHandle;
  /** Parts sent and not yet settled: new single-worker jobs go to the least busy. */
  busy: number;
}

export class AnalysisClient {
  readonly poolSize: number;
  private readonly pool: PoolWorker[];
  private readonly splitThreshold: number;
  private readonly latestByKey = new Map<string, AbortController>();
  /** Every unfinished job, so `terminate` can reject them all. */
  private readonly running = new Set<AbortController>();
  /** What each loaded layer holds, to check per-feature inputs before any work is sent. */
  private readonly layers = new Map<string, LayerSummary>();
  private terminated = false;
  private nextJobId = 1;

  constructor(options: AnalysisClientOptions = {}) {
    this.poolSize = Math.max(1, Math.floor(options.poolSize ?? defaultPoolSize()));
    this.splitThreshold = options.splitThreshold ?? 50_000;
    const create = options.createWorker ?? createBrowserAnalysisWorker;
    this.pool = Array.from({ length: this.poolSize }, () => ({ handle: create(), busy: 0 }));
  }

  /**
   * Sends a polygon layer to every worker. Transfer moves a buffer to one thread only, so
   * every worker but the last gets its own copy (`ArrayBuffer#slice`: one memory copy, ~15-25
   * ms for the 23 MiB England-sized layer) and the last gets the caller's buffers: **they
   * are detached afterwards.** Each copy is then transferred, never cloned again.
   */
  async loadPolygons(
    layerId: string,
    layer: PolygonLayerBuffers,
    options: LayerOptions = {},
  ): Promise<LayerSummary> {
    const last = this.pool.length - 1;
    const copies = this.pool.map((_, i) => (i === last ? layer : copyLayerBuffers(layer)));
    const summaries = await Promise.all(
      this.pool.map((w, i) => {
        const copy = copies[i] ?? layer;
        return w.handle.api.loadPolygons(
          layerId,
          Comlink.transfer(copy, polygonLayerTransferables(copy)),
          options,
        );
      }),
    );
    const summary = summaries[0];
    if (!summary) throw new Error('The analysis pool has no workers.');
    this.layers.set(layerId, summary);
    return summary;
  }

  async unloadPolygons(layerId: string): Promise<void> {
    this.layers.delete(layerId);
    await Promise.all(this.pool.map((w) => w.handle.api.unloadPolygons(layerId)));
  }

  /** Feature index of the layer containing each point (lon, lat interleaved), or -1. The
   * caller's `xy` is copied, not detached. */
  async locatePoints(
    layerId: string,
    xy: Float64Array,
    options: JobOptions = {},
  ): Promise<Int32Array> {
    const parts = await this.runPointJob(xy, options, (api, part, jobId, onProgress) =>
      api.locatePoints(layerId, part, jobId, onProgress),
    );
    const out = new Int32Array(xy.length >> 1);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  /** Points per feature of the layer, and per 10,000 people when populations are given. */
  async countPoints(
    layerId: string,
    xy: Float64Array,
    population: Float64Array | null = null,
    options: JobOptions = {},
  ): Promise<PointCounts> {
    const featureCount = this.layers.get(layerId)?.featureCount;
    if (population && featureCount !== undefined && population.length !== featureCount) {
      throw new RangeError(`${population.length} populations for ${featureCount} polygons`);
    }
    const parts = await this.runPointJob(xy, options, (api, part, jobId, onProgress) =>
      api.countPoints(layerId, part, null, jobId, onProgress),
    );
    const first = parts[0];
    if (!first) throw new Error('No result from the analysis pool.');
    const counts = new Uint32Array(first.counts.length);
    let outside = 0;
    for (const part of parts) {
      for (let f = 0; f < counts.length; f++) counts[f] = (counts[f] ?? 0) + (part.counts[f] ?? 0);
      outside += part.outside;
    }
    // Rates from the summed counts, never from averaged part rates.
    return { counts, outside, ratePer10k: population ? ratesPer10k(counts, population) : null };
  }

  /** Catchment figures per asset category (one worker: it takes milliseconds). */
  async catchments(
    request: CatchmentRequest,
    options: JobOptions = {},
  ): Promise<CategoryCatchment[]> {
    const worker = this.leastBusy();
    return this.runJob(options, [worker], () =>
      this.onWorker(worker, (api) => api.catchments(request)),
    );
  }

  /** Stops every worker; unfinished jobs reject with an AbortError, later calls throw. */
  terminate(): void {
    this.terminated = true;
    for (const controller of this.running) {
      controller.abort(abortError('The analysis pool was terminated.'));
    }
    for (const w of this.pool) w.handle.terminate();
  }

  /** Splits `xy` into one contiguous part per worker when big, else sends it whole. */
  private async runPointJob<T>(
    xy: Float64Array,
    options: JobOptions,
    callPart: (
      api: AnalysisApi,
      part: Float64Array,
      jobId: JobId,
      onProgress: ProgressCallback,
    ) => Promise<T>,
  ): Promise<T[]> {
    if (xy.length % 2 !== 0) throw new RangeError('Points must be x, y pairs (even length).');
    const total = xy.length >> 1;
    const workers =
      total >= this.splitThreshold && this.pool.length > 1 ? this.pool : [this.leastBusy()];
    const bounds = workers.map((_, i) => Math.round((total * i) / workers.length));
    bounds.push(total);
    const done = new Float64Array(workers.length);
    const report = options.onProgress;
    // Progress comes through its own message port per part, so a last report can arrive
    // after the result: once the job has settled, late reports are dropped and the caller
    // gets one final { done: total } instead.
    let settled = false;
    let reported = 0;

    return this.runJob(options, workers, async (jobId, signal) => {
      const results = await Promise.all(
        workers.map((worker, i) => {
          const from = bounds[i] ?? 0;
          const to = bounds[i + 1] ?? total;
          // A copy per part, transferred: the caller keeps its array, no second copy is made.
          const part = xy.slice(2 * from, 2 * to);
          const onProgress: ProgressCallback = (p) => {
            done[i] = p.done;
            if (settled || signal.aborted) return;
            reported = done.reduce((a, b) => a + b, 0);
            report?.({ done: reported, total });
          };
          return this.onWorker(worker, (api) =>
            callPart(api, Comlink.transfer(part, [part.buffer]), jobId, Comlink.proxy(onProgress)),
          );
        }),
      );
      settled = true;
      if (!signal.aborted && reported < total) report?.({ done: total, total });
      return results;
    });
  }

  /**
   * Runs `work` as one cancellable job: supersedes the previous job with the same key,
   * follows the caller's signal, and on abort rejects at once and tells the workers to stop.
   */
  private async runJob<T>(
    options: JobOptions,
    workers: PoolWorker[],
    work: (jobId: JobId, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (this.terminated) throw new Error('The analysis pool has been terminated.');
    const jobId = this.nextJobId++;
    const controller = new AbortController();
    this.running.add(controller);
    const { key, signal: callerSignal } = options;
    if (key !== undefined) {
      this.latestByKey.get(key)?.abort(abortError(`Superseded by a newer "${key}" request.`));
      this.latestByKey.set(key, controller);
    }
    const followCaller = () =>
      controller.abort(callerSignal?.reason ?? abortError('Aborted by the caller.'));
    if (callerSignal?.aborted) followCaller();
    else callerSignal?.addEventListener('abort', followCaller, { once: true });

    const signal = controller.signal;
    try {
      if (signal.aborted) throw signal.reason;
      return await new Promise<T>((resolve, reject) => {
        const stop = () => {
          for (const w of workers) w.handle.api.cancel(jobId).catch(() => undefined);
          reject(signal.reason);
        };
        signal.addEventListener('abort', stop, { once: true });
        work(jobId, signal)
          .then(resolve, reject)
          .finally(() => signal.removeEventListener('abort', stop));
      });
    } finally {
      this.running.delete(controller);
      callerSignal?.removeEventListener('abort', followCaller);
      if (key !== undefined && this.latestByKey.get(key) === controller)
        this.latestByKey.delete(key);
    }
  }

  private async onWorker<T>(
    worker: PoolWorker,
    call: (api: AnalysisApi) => Promise<T>,
  ): Promise<T> {
    worker.busy++;
    try {
      return await call(worker.handle.api);
    } finally {
      worker.busy--;
    }
  }

  private leastBusy(): PoolWorker {
    let best = this.pool[0];
    for (const w of this.pool) if (best === undefined || w.busy < best.busy) best = w;
    if (!best) throw new Error('The analysis pool has no workers.');
    return best;
  }
}

function copyLayerBuffers(layer: PolygonLayerBuffers): PolygonLayerBuffers {
  return {
    coords: layer.coords.slice(0),
    ringOffsets: layer.ringOffsets.slice(0),
    polygonOffsets: layer.polygonOffsets.slice(0),
    featureOffsets: layer.featureOffsets.slice(0),
    bboxes: layer.bboxes.slice(0),
    index: layer.index.slice(0),
  };
}

function abortError(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}
