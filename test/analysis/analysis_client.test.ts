/**
 * The main-thread client over a pool: in-process workers (fast, observable) and real Node
 * worker threads through comlink (the real structured-clone and transfer boundary).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import {
  AnalysisClient,
  defaultPoolSize,
  type AnalysisWorkerFactory,
} from '../../src/analysis/analysis_client.ts';
import { createAnalysisWorker } from '../../workers/analysis/analysis.worker.ts';
import type { AnalysisApi, Progress } from '../../workers/analysis/analysis_api.ts';
import { countPointsInPolygons } from '../../workers/analysis/catchment.ts';
import { packPolygons } from '../../workers/geometry/packed_polygons.ts';
import {
  buildPolygonIndex,
  locatePoints,
  polygonIndexToBuffers,
  type PolygonLayerBuffers,
} from '../../workers/geometry/polygon_index.ts';
import { nodeAnalysisWorkerFactory } from './node_worker_factory.ts';

const sefton = JSON.parse(
  readFileSync(
    new URL('../../../shared/data/raw/boundaries/sefton_lsoa11_bgc.geojson', import.meta.url),
    'utf8',
  ),
) as FeatureCollection;
const seftonIndex = buildPolygonIndex(packPolygons(sefton));
const seftonLayer = (): PolygonLayerBuffers => structuredClone(polygonIndexToBuffers(seftonIndex));

function pointsOverSefton(count: number, start = 0): Float64Array {
  const [minX, minY, maxX, maxY] = [-3.11, 53.43, -2.88, 53.7];
  const xy = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const k = i + start;
    xy[2 * i] = minX + ((k * 0.6180339887) % 1) * (maxX - minX);
    xy[2 * i + 1] = minY + ((k * 0.7548776662) % 1) * (maxY - minY);
  }
  return xy;
}

/** In-process workers that record the cancels they receive. */
function inProcessPool(chunkSize = 1000): { factory: AnalysisWorkerFactory; cancels: number[] } {
  const cancels: number[] = [];
  const factory: AnalysisWorkerFactory = () => {
    const api = createAnalysisWorker({ chunkSize });
    const recording: AnalysisApi = {
      ...api,
      cancel: (jobId) => {
        cancels.push(jobId);
        return api.cancel(jobId);
      },
    };
    return { api: recording, terminate: () => undefined };
  };
  return { factory, cancels };
}

describe('defaultPoolSize', () => {
  it('leaves a core for the main thread and uses 1 to 4 workers', () => {
    expect([1, 2, 3, 4, 8, 64].map((n) => defaultPoolSize(n))).toEqual([1, 1, 2, 3, 4, 4]);
  });
});

describe('AnalysisClient with in-process workers', () => {
  it('splits a big job across the pool and reassembles it in order, with summed progress', async () => {
    const { factory } = inProcessPool();
    const client = new AnalysisClient({ poolSize: 3, createWorker: factory, splitThreshold: 1000 });
    expect(await client.loadPolygons('lsoa11', seftonLayer())).toMatchObject({ featureCount: 189 });
    const xy = pointsOverSefton(30_000);
    const progress: Progress[] = [];
    const located = await client.locatePoints('lsoa11', xy, {
      onProgress: (p) => progress.push(p),
    });
    expect(located).toEqual(locatePoints(seftonIndex, xy));
    // The caller's points are copied, not detached.
    expect(xy.length).toBe(60_000);
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ done: 30_000, total: 30_000 });
    expect(progress.length).toBeGreaterThanOrEqual(30);
    // Nothing is reported after the result.
    const reports = progress.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(progress).toHaveLength(reports);
  });

  it('cancels a job when a newer one with the same key arrives, and tells its workers', async () => {
    const { factory, cancels } = inProcessPool();
    const client = new AnalysisClient({ poolSize: 2, createWorker: factory, splitThreshold: 1000 });
    await client.loadPolygons('lsoa11', seftonLayer());
    const first = client.locatePoints('lsoa11', pointsOverSefton(40_000), { key: 'gp:lsoa11' });
    const other = client.locatePoints('lsoa11', pointsOverSefton(2_000), {
      key: 'pharmacy:lsoa11',
    });
    const second = client.locatePoints('lsoa11', pointsOverSefton(5_000, 7), { key: 'gp:lsoa11' });
    await expect(first).rejects.toMatchObject({ name: 'AbortError', message: /Superseded/ });
    expect(await second).toEqual(locatePoints(seftonIndex, pointsOverSefton(5_000, 7)));
    expect(await other).toHaveLength(2_000);
    // Both workers of the first (split) job were told to stop it: job id 1.
    expect(cancels).toEqual([1, 1]);
  });

  it("follows the caller's AbortSignal, before or during the job", async () => {
    const { factory, cancels } = inProcessPool();
    const client = new AnalysisClient({ poolSize: 2, createWorker: factory });
    await client.loadPolygons('lsoa11', seftonLayer());
    const already = AbortSignal.abort();
    await expect(
      client.locatePoints('lsoa11', pointsOverSefton(10), { signal: already }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    const controller = new AbortController();
    const job = client.locatePoints('lsoa11', pointsOverSefton(20_000), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancels).toHaveLength(1);
  });

  it('counts points across the pool, with rates from the summed counts', async () => {
    const { factory } = inProcessPool();
    const client = new AnalysisClient({ poolSize: 3, createWorker: factory, splitThreshold: 1000 });
    await client.loadPolygons('lsoa11', seftonLayer());
    const xy = pointsOverSefton(9_000);
    const population = new Float64Array(189).fill(1500);
    const result = await client.countPoints('lsoa11', xy, population);
    const expected = countPointsInPolygons(locatePoints(seftonIndex, xy), 189, population);
    expect(result).toEqual(expected);
    expect(result.outside).toBeGreaterThan(0);
  });

  it('refuses populations that do not match the layer before sending any work', async () => {
    const { factory } = inProcessPool();
    const client = new AnalysisClient({ poolSize: 1, createWorker: factory });
    await client.loadPolygons('lsoa11', seftonLayer());
    await expect(
      client.countPoints('lsoa11', pointsOverSefton(5), new Float64Array(3)),
    ).rejects.toThrow(/3 populations for 189 polygons/);
  });

  it('rejects unfinished jobs when terminated, and refuses new ones', async () => {
    const { factory } = inProcessPool(100);
    const client = new AnalysisClient({ poolSize: 1, createWorker: factory });
    await client.loadPolygons('lsoa11', seftonLayer());
    const job = client.locatePoints('lsoa11', pointsOverSefton(50_000));
    client.terminate();
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    await expect(client.locatePoints('lsoa11', pointsOverSefton(5))).rejects.toThrow(/terminated/);
  });

  it('runs catchments on one worker', async () => {
    const { factory } = inProcessPool();
    const client = new AnalysisClient({ poolSize: 2, createWorker: factory });
    const [gp] = await client.catchments({
      areas: {
        codes: ['near', 'far'],
        xy: new Float64Array([-3, 53.5, -3, 53.6]),
        population: new Float64Array([100, 200]),
        core20: new Uint8Array([1, 1]),
      },
      assets: {
        xy: new Float64Array([-3.001, 53.5]),
        category: new Uint32Array([0]),
        categories: ['gp'],
      },
    });
    expect(gp).toMatchObject({ populationReached: 100, core20Unreached: [{ code: 'far' }] });
  });
});

describe('AnalysisClient with Node worker threads', () => {
  const client = new AnalysisClient({
    poolSize: 2,
    createWorker: nodeAnalysisWorkerFactory({ chunkSize: 2000 }),
    splitThreshold: 10_000,
  });
  afterAll(() => client.terminate());

  it('transfers the layer: the caller is left with detached buffers', async () => {
    const layer = seftonLayer();
    expect(await client.loadPolygons('lsoa11', layer)).toMatchObject({ featureCount: 189 });
    expect(layer.coords.byteLength).toBe(0);
    expect(layer.index.byteLength).toBe(0);
  });

  it('locates points on two threads exactly as the pure function does, with progress', async () => {
    const xy = pointsOverSefton(100_000);
    const progress: number[] = [];
    const located = await client.locatePoints('lsoa11', xy, {
      onProgress: (p) => progress.push(p.done),
    });
    expect(located).toEqual(locatePoints(seftonIndex, xy));
    // The final report is there when the promise resolves, though the workers' own reports
    // travel on other message ports and may arrive later (they are then dropped).
    expect(progress.at(-1)).toBe(100_000);
    expect(progress.filter((d) => d === 100_000)).toHaveLength(1);
    expect(progress.length).toBeGreaterThan(2);
  });

  it('reports worker-side validation errors across the thread boundary', async () => {
    await expect(client.locatePoints('nope', pointsOverSefton(5))).rejects.toThrow(
      /No polygon layer "nope"/,
    );
  });

  it('supersedes a running job across threads', async () => {
    const first = client.locatePoints('lsoa11', pointsOverSefton(200_000), { key: 'k' });
    const second = client.locatePoints('lsoa11', pointsOverSefton(1_000), { key: 'k' });
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(await second).toEqual(locatePoints(seftonIndex, pointsOverSefton(1_000)));
  });

  it('a cancel message overtakes a running job on the worker thread', async () => {
    const handle = nodeAnalysisWorkerFactory({ chunkSize: 1000 })();
    try {
      await handle.api.loadPolygons('lsoa11', seftonLayer());
      const seen: number[] = [];
      let firstChunk: () => void = () => undefined;
      const started = new Promise<void>((resolve) => (firstChunk = resolve));
      const { proxy } = await import('comlink');
      const job = handle.api.locatePoints(
        'lsoa11',
        pointsOverSefton(300_000),
        42,
        proxy((p: Progress) => {
          seen.push(p.done);
          firstChunk();
        }),
      );
      await started;
      await handle.api.cancel(42);
      await expect(job).rejects.toMatchObject({ name: 'AbortError' });
      expect(Math.max(...seen)).toBeLessThan(300_000);
    } finally {
      handle.terminate();
    }
  });
});
