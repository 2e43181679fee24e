/**
 * The worker implementation called directly (same thread): validation on entry, results,
 * progress and cancellation. test/analysis/analysis_client.test.ts runs it across threads.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { createAnalysisWorker } from '../../workers/analysis/analysis.worker.ts';
import type { Progress } from '../../workers/analysis/analysis_api.ts';
import { packPolygons } from '../../workers/geometry/packed_polygons.ts';
import {
  buildPolygonIndex,
  locatePoints,
  polygonIndexToBuffers,
  type PolygonLayerBuffers,
} from '../../workers/geometry/polygon_index.ts';
import { fourSquares } from '../fixtures/geometry/hand_drawn.ts';

const sefton = JSON.parse(
  readFileSync(
    new URL('../../../shared/data/raw/boundaries/sefton_lsoa11_bgc.geojson', import.meta.url),
    'utf8',
  ),
) as FeatureCollection;
const seftonIndex = buildPolygonIndex(packPolygons(sefton));
const seftonLayer = (): PolygonLayerBuffers => structuredClone(polygonIndexToBuffers(seftonIndex));

/** Deterministic points over Sefton's bbox (a low-discrepancy sequence). */
function pointsOverSefton(count: number): Float64Array {
  const [minX, minY, maxX, maxY] = [-3.11, 53.43, -2.88, 53.7];
  const xy = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    xy[2 * i] = minX + ((i * 0.6180339887) % 1) * (maxX - minX);
    xy[2 * i + 1] = minY + ((i * 0.7548776662) % 1) * (maxY - minY);
  }
  return xy;
}

describe('analysis worker: layers', () => {
  it('loads a layer and summarises it', async () => {
    const worker = createAnalysisWorker();
    await expect(worker.loadPolygons('lsoa11', seftonLayer())).resolves.toEqual({
      layerId: 'lsoa11',
      featureCount: 189,
      vertexCount: seftonIndex.polygons.coords.length / 2,
      partition: false,
      sortsPoints: false,
    });
    await expect(
      worker.loadPolygons('lsoa11', seftonLayer(), { partition: true }),
    ).resolves.toMatchObject({
      partition: true,
    });
    expect(await worker.unloadPolygons('lsoa11')).toBe(true);
    expect(await worker.unloadPolygons('lsoa11')).toBe(false);
  });

  it('rejects malformed input on entry with a message naming the argument', async () => {
    const worker = createAnalysisWorker();
    await expect(worker.loadPolygons('', seftonLayer())).rejects.toThrow(/Invalid layerId/);
    const badOptions = { partition: 'yes' } as unknown as { partition: boolean };
    await expect(worker.loadPolygons('x', seftonLayer(), badOptions)).rejects.toThrow(
      /Invalid options/,
    );
    const noIndex = {
      ...seftonLayer(),
      index: new Uint8Array(8),
    } as unknown as PolygonLayerBuffers;
    await expect(worker.loadPolygons('x', noIndex)).rejects.toThrow(/Invalid layer:[\s\S]*index/);
    const corrupt = seftonLayer();
    new Uint32Array(corrupt.ringOffsets)[3] = 2;
    await expect(worker.loadPolygons('x', corrupt)).rejects.toThrow(
      /Invalid packed polygons: ringOffsets/,
    );
    await worker.loadPolygons('x', seftonLayer());
    await expect(worker.locatePoints('x', new Float64Array(3))).rejects.toThrow(
      /Invalid xy:[\s\S]*even/,
    );
    await expect(worker.locatePoints('x', [1, 2] as unknown as Float64Array)).rejects.toThrow(
      /Invalid xy/,
    );
    await expect(worker.locatePoints('y', new Float64Array(2))).rejects.toThrow(
      /No polygon layer "y"/,
    );
    await expect(worker.countPoints('x', new Float64Array(2), new Float64Array(3))).rejects.toThrow(
      /3 populations for 189 polygons/,
    );
  });

  it('rejects catchment requests whose arrays disagree', async () => {
    const worker = createAnalysisWorker();
    const request = {
      areas: {
        codes: ['a', 'b'],
        xy: new Float64Array([-3, 53.5, -3, 53.6]),
        population: new Float64Array([10, 20]),
        core20: new Uint8Array([1, 2]),
      },
      assets: {
        xy: new Float64Array([-3, 53.5]),
        category: new Uint32Array([1]),
        categories: ['gp'],
      },
    };
    await expect(worker.catchments(request)).rejects.toThrow(/core20 flags must be 0 or 1/);
    await expect(worker.catchments(request)).rejects.toThrow(/category index out of range/);
  });
});

describe('analysis worker: jobs', () => {
  it.each([
    [undefined, false],
    [true, false],
    [false, true],
    [true, true],
  ])(
    'locates points exactly as the pure function does (spatialSort: %s, partition: %s)',
    async (spatialSort, partition) => {
      const worker = createAnalysisWorker({ chunkSize: 1000, spatialSort });
      await worker.loadPolygons('lsoa11', seftonLayer(), { partition });
      const xy = pointsOverSefton(10_000);
      expect(await worker.locatePoints('lsoa11', xy)).toEqual(locatePoints(seftonIndex, xy));
    },
  );

  it('reports progress after every chunk, ending at the total', async () => {
    const worker = createAnalysisWorker({ chunkSize: 1000 });
    await worker.loadPolygons('lsoa11', seftonLayer());
    const seen: Progress[] = [];
    await worker.locatePoints('lsoa11', pointsOverSefton(4500), 1, (p) => seen.push(p));
    expect(seen.map((p) => p.done)).toEqual([1000, 2000, 3000, 4000, 4500]);
    expect(seen.every((p) => p.total === 4500)).toBe(true);
  });

  it('stops a cancelled job at the next chunk boundary with an AbortError', async () => {
    const worker = createAnalysisWorker({ chunkSize: 1000 });
    await worker.loadPolygons('lsoa11', seftonLayer());
    const seen: number[] = [];
    const job = worker.locatePoints('lsoa11', pointsOverSefton(50_000), 7, ({ done }) => {
      seen.push(done);
      if (done === 3000) void worker.cancel(7);
    });
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([1000, 2000, 3000]);
  });

  it('lets a cancel sent from outside overtake a running job, and ignores unknown ids', async () => {
    const worker = createAnalysisWorker({ chunkSize: 500 });
    await worker.loadPolygons('lsoa11', seftonLayer());
    let firstChunk: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (firstChunk = resolve));
    let last = 0;
    const job = worker.locatePoints('lsoa11', pointsOverSefton(100_000), 8, ({ done }) => {
      last = done;
      firstChunk();
    });
    await started;
    await worker.cancel(999);
    await worker.cancel(8);
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    expect(last).toBeLessThan(100_000);
    // The worker is still usable afterwards.
    expect(await worker.locatePoints('lsoa11', new Float64Array([-3.0, 53.48]))).toHaveLength(1);
  });

  it('counts points per polygon with rates per 10,000', async () => {
    const worker = createAnalysisWorker();
    await worker.loadPolygons(
      'squares',
      polygonIndexToBuffers(buildPolygonIndex(packPolygons(fourSquares))),
    );
    const xy = new Float64Array([0.5, 0.5, 0.2, 0.7, 1.5, 1.5, 9, 9]);
    const result = await worker.countPoints('squares', xy, new Float64Array([1000, 1000, 0, 4000]));
    expect(Array.from(result.counts)).toEqual([2, 0, 0, 1]);
    expect(result.outside).toBe(1);
    expect(Array.from(result.ratePer10k ?? [])).toEqual([20, 0, NaN, 2.5]);
  });
});
