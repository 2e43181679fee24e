/**
 * The whole analysis-worker API in one place (the maplibre `actor_messages.ts` habit): every
 * method with its request and response types, and the zod schemas of what crosses the
 * thread boundary, checked once where it enters the worker. Types only plus schemas: safe
 * to import from either thread.
 *
 * Calls are few and coarse (a comlink round trip costs ~0.1 ms): send a whole layer, a whole
 * point set. Big arrays travel by transfer, not by copy.
 */
import { z } from 'zod';
import type { LayerOptions, PolygonLayerBuffers } from '../geometry/polygon_index.ts';
import type {
  AreaPoints,
  AssetPoints,
  CatchmentOptions,
  CategoryCatchment,
  PointCounts,
} from './catchment.ts';

export type { LayerOptions, PolygonLayerBuffers } from '../geometry/polygon_index.ts';
export type {
  AreaPoints,
  AssetPoints,
  CatchmentOptions,
  CategoryCatchment,
  PointCounts,
  UnreachedArea,
} from './catchment.ts';

/** Chosen by the caller; the same id on every worker that runs a part of the job. */
export type JobId = number;

export interface Progress {
  /** Points (or areas) finished so far. */
  done: number;
  total: number;
}

/** Called from the worker between chunks; across threads it is a `Comlink.proxy`. */
export type ProgressCallback = (progress: Progress) => void;

export interface LayerSummary {
  layerId: string;
  featureCount: number;
  vertexCount: number;
  partition: boolean;
  /** Whether point lookups on this layer Hilbert-sort the points first (big layers). */
  sortsPoints: boolean;
}

export interface CatchmentRequest {
  areas: AreaPoints;
  assets: AssetPoints;
  options?: CatchmentOptions;
}

export interface AnalysisApi {
  /**
   * Keeps a polygon layer (packed polygons plus serialized flatbush tree, see
   * `workers/geometry`) under `layerId`, replacing any layer of that id. The buffers should
   * be transferred: the worker owns them afterwards. Throws if they are inconsistent.
   * Pass `{ partition: true }` for layers whose features never overlap (LSOAs, wards...).
   */
  loadPolygons(
    layerId: string,
    layer: PolygonLayerBuffers,
    options?: LayerOptions,
  ): Promise<LayerSummary>;
  /** Forgets a layer; false if there was none. */
  unloadPolygons(layerId: string): Promise<boolean>;
  /**
   * For each point (lon, lat interleaved) the index of the layer feature containing it, or
   * -1. Rejects with an error named `AbortError` if `cancel(jobId)` arrives first.
   */
  locatePoints(
    layerId: string,
    xy: Float64Array,
    jobId?: JobId,
    onProgress?: ProgressCallback,
  ): Promise<Int32Array>;
  /** Points per feature, and per 10,000 people when populations (one per feature) given. */
  countPoints(
    layerId: string,
    xy: Float64Array,
    population: Float64Array | null,
    jobId?: JobId,
    onProgress?: ProgressCallback,
  ): Promise<PointCounts>;
  /**
   * Population within reach of each asset category; see `workers/analysis/catchment.ts`. Runs in one
   * go (milliseconds for a council, well under a second for England), so it takes no job id
   * and cannot be cancelled midway; the client still drops a superseded result.
   */
  catchments(request: CatchmentRequest): Promise<CategoryCatchment[]>;
  /** Stops a running job at its next chunk boundary; unknown or finished ids are ignored. */
  cancel(jobId: JobId): Promise<void>;
}

// ---- Schemas of everything that enters the worker ----

/** Parses a worker input, throwing a `TypeError` that names the argument and the problem. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new TypeError(`Invalid ${name}: ${z.prettifyError(result.error)}`);
  return result.data;
}

export const LayerIdSchema = z.string().min(1).max(200);

export const JobIdSchema = z.number().int().nonnegative().optional();

export const PolygonLayerBuffersSchema = z.object({
  coords: z.instanceof(ArrayBuffer),
  ringOffsets: z.instanceof(ArrayBuffer),
  polygonOffsets: z.instanceof(ArrayBuffer),
  featureOffsets: z.instanceof(ArrayBuffer),
  bboxes: z.instanceof(ArrayBuffer),
  index: z.instanceof(ArrayBuffer),
});

export const LayerOptionsSchema = z.object({ partition: z.boolean().optional() }).optional();

/** x, y interleaved. Non-finite points are allowed: they are located nowhere (-1). */
export const PointsSchema = z
  .instanceof(Float64Array)
  .refine((xy) => xy.length % 2 === 0, { message: 'x, y pairs: the length must be even' });

export const PopulationSchema = z
  .instanceof(Float64Array)
  .refine((p) => p.every((v) => Number.isNaN(v) || v >= 0), {
    message: 'populations must be non-negative (NaN for missing)',
  })
  .nullable();

export const ProgressCallbackSchema = z
  .custom<ProgressCallback>((v) => typeof v === 'function', { message: 'not a function' })
  .optional();

const finiteLonLat = (xy: Float64Array): boolean => {
  for (let i = 0; i < xy.length; i += 2) {
    const lon = xy[i] ?? NaN;
    const lat = xy[i + 1] ?? NaN;
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) return false;
  }
  return true;
};

export const AreaPointsSchema = z
  .object({
    codes: z.array(z.string()),
    xy: PointsSchema.refine(finiteLonLat, { message: 'area points must be lon/lat in range' }),
    population: z.instanceof(Float64Array),
    core20: z.instanceof(Uint8Array),
  })
  .superRefine((a, ctx) => {
    const n = a.codes.length;
    if (a.xy.length !== 2 * n || a.population.length !== n || a.core20.length !== n) {
      ctx.addIssue({ code: 'custom', message: `areas: arrays must all have ${n} entries` });
    }
    if (!a.population.every((v) => Number.isFinite(v) && v >= 0)) {
      ctx.addIssue({ code: 'custom', message: 'areas: populations must be finite, >= 0' });
    }
    if (!a.core20.every((v) => v === 0 || v === 1)) {
      ctx.addIssue({ code: 'custom', message: 'areas: core20 flags must be 0 or 1' });
    }
  });

export const AssetPointsSchema = z
  .object({
    xy: PointsSchema.refine(finiteLonLat, { message: 'asset points must be lon/lat in range' }),
    category: z.instanceof(Uint32Array),
    categories: z.array(z.string().min(1)),
  })
  .superRefine((a, ctx) => {
    if (a.xy.length !== 2 * a.category.length) {
      ctx.addIssue({ code: 'custom', message: 'assets: one category per point' });
    }
    if (!a.category.every((c) => c < a.categories.length)) {
      ctx.addIssue({ code: 'custom', message: 'assets: category index out of range' });
    }
  });

export const CatchmentRequestSchema = z.object({
  areas: AreaPointsSchema,
  assets: AssetPointsSchema,
  options: z
    .object({
      radiusMetres: z.number().positive().max(100_000).optional(),
      nearestSearchMetres: z.number().positive().max(1_000_000).optional(),
    })
    .optional(),
});
