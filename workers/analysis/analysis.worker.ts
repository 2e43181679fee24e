/**
 * The analysis worker: holds polygon layers and runs point location, point counts and
 * catchments off the main thread. Runs on a worker thread: loaded as a module Web Worker it
 * exposes itself with comlink; tests import `createAnalysisWorker` and either call it
 * directly or expose it over Node `worker_threads`.
 *
 * Inputs are validated once here, on entry (zod shapes, then the packed-geometry checks).
 * Long jobs run in chunks and yield to the event loop between them, so a `cancel` message
 * (or a newer job) can get in; a cancelled job stops at the next chunk boundary.
 */
import * as Comlink from 'comlink';
import {
  CatchmentRequestSchema,
  JobIdSchema,
  LayerIdSchema,
  LayerOptionsSchema,
  PointsSchema,
  PolygonLayerBuffersSchema,
  PopulationSchema,
  ProgressCallbackSchema,
  parseInput,
  type AnalysisApi,
  type JobId,
  type ProgressCallback,
} from './analysis_api.ts';
import { catchments, countPointsInPolygons } from './catchment.ts';
import { hilbertOrder } from '../geometry/hilbert_order.ts';
import {
  locatePointRange,
  polygonIndexFromBuffers,
  sortsPoints,
  type PolygonIndex,
} from '../geometry/polygon_index.ts';

export interface AnalysisWorkerOptions {
  /** Points per chunk between cancellation checks and progress reports (default 32,768:
   * ~10-30 ms of work against England's LSOAs, less against one council's). */
  chunkSize?: number;
  /** Hilbert-sort each job's points first; default: only for big layers (`sortsPoints`). */
  spatialSort?: boolean;
}

const DEFAULT_CHUNK_SIZE = 32_768;

/** Thrown into the caller when a job is cancelled; comlink carries the name across. */
export class JobCancelledError extends Error {
  override name = 'AbortError';
}

export function createAnalysisWorker(options: AnalysisWorkerOptions = {}): AnalysisApi {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const layers = new Map<string, PolygonIndex>();
  /** Running jobs and whether a cancel has arrived for them. */
  const running = new Map<JobId, { cancelled: boolean }>();

  function layerOf(layerId: string): PolygonIndex {
    const layer = layers.get(layerId);
    if (!layer) throw new Error(`No polygon layer "${layerId}" is loaded in this worker.`);
    return layer;
  }

  async function locate(
    layer: PolygonIndex,
    xy: Float64Array,
    jobId: JobId | undefined,
    onProgress: ProgressCallback | undefined,
  ): Promise<Int32Array> {
    const job = { cancelled: false };
    if (jobId !== undefined) running.set(jobId, job);
    try {
      const total = xy.length >> 1;
      const out = new Int32Array(total);
      const order = (options.spatialSort ?? sortsPoints(layer)) ? hilbertOrder(xy) : null;
      for (let from = 0; from < total; from += chunkSize) {
        const to = Math.min(total, from + chunkSize);
        locatePointRange(layer, xy, order, from, to, out);
        // Not awaited: a progress report must not hold up the work.
        void onProgress?.({ done: to, total });
        if (to < total) {
          await yieldToEventLoop();
          if (job.cancelled) throw new JobCancelledError(`Job ${jobId} was cancelled.`);
        }
      }
      return out;
    } finally {
      if (jobId !== undefined) running.delete(jobId);
      releaseIfRemote(onProgress);
    }
  }

  return {
    async loadPolygons(layerId, layer, layerOptions) {
      const id = parseInput(LayerIdSchema, layerId, 'layerId');
      const index = polygonIndexFromBuffers(
        parseInput(PolygonLayerBuffersSchema, layer, 'layer'),
        parseInput(LayerOptionsSchema, layerOptions, 'options'),
      );
      layers.set(id, index);
      return {
        layerId: id,
        featureCount: index.polygons.featureCount,
        vertexCount: index.polygons.coords.length / 2,
        partition: index.partition,
        sortsPoints: options.spatialSort ?? sortsPoints(index),
      };
    },

    async unloadPolygons(layerId) {
      return layers.delete(parseInput(LayerIdSchema, layerId, 'layerId'));
    },

    async locatePoints(layerId, xy, jobId, onProgress) {
      const layer = layerOf(parseInput(LayerIdSchema, layerId, 'layerId'));
      const located = await locate(
        layer,
        parseInput(PointsSchema, xy, 'xy'),
        parseInput(JobIdSchema, jobId, 'jobId'),
        parseInput(ProgressCallbackSchema, onProgress, 'onProgress'),
      );
      return Comlink.transfer(located, [located.buffer]);
    },

    async countPoints(layerId, xy, population, jobId, onProgress) {
      const layer = layerOf(parseInput(LayerIdSchema, layerId, 'layerId'));
      const populations = parseInput(PopulationSchema, population, 'population');
      const featureCount = layer.polygons.featureCount;
      if (populations && populations.length !== featureCount) {
        throw new RangeError(`${populations.length} populations for ${featureCount} polygons`);
      }
      const located = await locate(
        layer,
        parseInput(PointsSchema, xy, 'xy'),
        parseInput(JobIdSchema, jobId, 'jobId'),
        parseInput(ProgressCallbackSchema, onProgress, 'onProgress'),
      );
      const counts = countPointsInPolygons(located, featureCount, populations);
      const transfers = [
        counts.counts.buffer,
        ...(counts.ratePer10k ? [counts.ratePer10k.buffer] : []),
      ];
      return Comlink.transfer(counts, transfers);
    },

    async catchments(request) {
      const { areas, assets, options } = parseInput(CatchmentRequestSchema, request, 'request');
      return catchments(areas, assets, options);
    },

    async cancel(jobId) {
      const job = running.get(parseInput(JobIdSchema, jobId, 'jobId') ?? -1);
      if (job) job.cancelled = true;
    },
  };
}

/**
 * Lets queued messages (a cancel, a newer job) run. A MessageChannel round trip rather than
 * setTimeout(0), which browsers clamp to 4 ms once timeouts nest.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** A callback that came through comlink holds a message port until released. */
function releaseIfRemote(callback: ProgressCallback | undefined): void {
  const remote = callback as Partial<Comlink.Remote<ProgressCallback>> | undefined;
  remote?.[Comlink.releaseProxy]?.();
}

// Only a Web Worker exposes itself; imported anywhere else (tests, Node) it stays inert.
if ('WorkerGlobalScope' in globalThis) Comlink.expose(createAnalysisWorker());
