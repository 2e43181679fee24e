/**
 * Point location: which polygon holds each point. The engine (flatbush over feature bboxes,
 * crossing test on packed typed arrays, Hilbert-sorted points) against the usual baseline,
 * a loop of turf `booleanPointInPolygon` over the features with each feature's bbox checked
 * first. One core, one thread. Seeded points, two ways: uniform over the layer's bbox (many
 * fall in the sea or between tiles and belong to no polygon: cheap) and uniform in the bbox
 * of a random feature (dense where polygons are small, as people are; most are inside a
 * polygon: the harder, more realistic case). The share inside is in the notes.
 *
 * mapshaper's spatial join is not measured: mapshaper is not installed in this project.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { point } from '@turf/helpers';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { packPolygons } from '../workers/geometry/packed_polygons.ts';
import {
  buildPolygonIndex,
  locatePoints,
  sortsPoints,
  type PolygonIndex,
} from '../workers/geometry/polygon_index.ts';
import { medianTime } from './time.ts';
import {
  SEFTON_LSOA11_PATH,
  bboxOfLayer,
  englandSizedLayer,
  randomPointsInBBox,
  randomPointsInFeatureBoxes,
  readPolygonLayer,
} from './synthetic.ts';
import type { BenchRow } from './types.ts';

type Layer = FeatureCollection<Polygon | MultiPolygon>;

/** Largest point count the turf loop runs in full; above it a sample is timed and scaled. */
const TURF_FULL_LIMIT = 1_000_000;
/** Turf loop sample on the England-sized layer: ~1.5 s a run on the reference machine. */
const TURF_SAMPLE = 20_000;

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const layers: [string, Layer, number][] = [
    ['Sefton LSOAs (189)', await readPolygonLayer(SEFTON_LSOA11_PATH), TURF_FULL_LIMIT],
    ['England-sized layer (32,637)', await englandSizedLayer(), TURF_SAMPLE],
  ];

  for (const [label, layer, turfLimit] of layers) {
    const packed = packPolygons(layer);
    const prepare = await medianTime(() => buildPolygonIndex(packPolygons(layer)), 3);
    const exact = buildPolygonIndex(packed);
    const partition = buildPolygonIndex(packed, { partition: true });
    const vertices = packed.coords.length / 2;
    rows.push({
      name: `${label}: pack GeoJSON + build flatbush`,
      ...prepare,
      notes: `${vertices.toLocaleString('en-GB')} vertices; once per layer, where it is loaded; default point order for this layer: ${sortsPoints(exact) ? 'Hilbert-sorted' : 'as given'}`,
    });

    const pointSets: [string, number, Float64Array][] = [100_000, 1_000_000].map((count) => [
      `${count.toLocaleString('en-GB')} points uniform over the layer bbox`,
      count,
      randomPointsInBBox(count, bboxOfLayer(layer), count),
    ]);
    pointSets.push([
      "1,000,000 points uniform in random features' bboxes",
      1_000_000,
      randomPointsInFeatureBoxes(1_000_000, packed.bboxes, 7),
    ]);

    for (const [points, count, xy] of pointSets) {
      const size = `${label}, ${points}`;
      const turfName = `${size}: turf loop with bbox check`;
      rows.push(await timeTurfLoop(turfName, layer, xy, Math.min(count, turfLimit)));
      const reference = locatePoints(exact, xy, { spatialSort: false });
      const inside = reference.reduce((n, f) => n + (f >= 0 ? 1 : 0), 0);
      for (const [rule, index] of [
        ['lowest-index rule', exact],
        ['partition layer', partition],
      ] as const) {
        for (const spatialSort of [true, false]) {
          let located: Int32Array = new Int32Array(0);
          const { cpuMs, ...timing } = await timeWithCpu(
            () => (located = locatePoints(index, xy, { spatialSort })),
            7,
          );
          if (located.some((f, i) => f !== reference[i]))
            throw new Error(`${size}: ${rule} disagrees`);
          const order = spatialSort
            ? 'Hilbert-sorted points (sort included)'
            : 'points in given order';
          rows.push({
            name: `${size}: engine, ${rule}, ${order}`,
            ...timing,
            baseline: turfName,
            notes: `${perSecond(count, timing.medianMs)}; CPU time ${cpuMs.toFixed(0)} ms; ${percent(inside, count)} of points inside a polygon`,
          });
        }
      }
      checkAgreement(exact, layer, xy);
    }
  }
  return rows;
}

/** The baseline: for each point, features whose bbox holds it, tested with turf. */
function turfLocate(
  layer: Layer,
  bboxes: Float64Array,
  xy: Float64Array,
  count: number,
): Int32Array {
  const out = new Int32Array(count).fill(-1);
  const features = layer.features;
  for (let i = 0; i < count; i++) {
    const x = xy[2 * i] ?? NaN;
    const y = xy[2 * i + 1] ?? NaN;
    const p = point([x, y]);
    for (let f = 0; f < features.length; f++) {
      const b = 4 * f;
      if (x < (bboxes[b] ?? NaN) || y < (bboxes[b + 1] ?? NaN)) continue;
      if (x > (bboxes[b + 2] ?? NaN) || y > (bboxes[b + 3] ?? NaN)) continue;
      if (booleanPointInPolygon(p, features[f] as Feature<Polygon | MultiPolygon>)) {
        out[i] = f;
        break;
      }
    }
  }
  return out;
}

async function timeTurfLoop(
  name: string,
  layer: Layer,
  xy: Float64Array,
  timed: number,
): Promise<BenchRow> {
  const bboxes = packPolygons(layer).bboxes;
  const total = xy.length / 2;
  const { medianMs, runs, cpuMs } = await timeWithCpu(
    () => turfLocate(layer, bboxes, xy, timed),
    3,
    0,
  );
  const scale = total / timed;
  const measured =
    scale === 1
      ? perSecond(total, medianMs)
      : `timed on the first ${timed.toLocaleString('en-GB')} points (${medianMs.toFixed(0)} ms) and scaled linearly x${scale}; ${perSecond(timed, medianMs)}`;
  const cpu = `CPU time ${(cpuMs * scale).toFixed(0)} ms${scale === 1 ? '' : ' (scaled)'}`;
  return {
    name,
    medianMs: medianMs * scale,
    runs,
    notes: `${measured}; ${cpu}; mapshaper's spatial join not measured: mapshaper is not installed`,
  };
}

/** The figures only count if turf and the engine agree: checked on a sample, or throws. */
function checkAgreement(index: PolygonIndex, layer: Layer, xy: Float64Array): void {
  const sample = xy.subarray(0, 2 * 5_000);
  const ours = locatePoints(index, sample);
  const turfs = turfLocate(layer, index.polygons.bboxes, sample, sample.length / 2);
  const differ = ours.reduce((n, f, i) => n + (f === turfs[i] ? 0 : 1), 0);
  if (differ > 0) throw new Error(`engine and turf disagree on ${differ} of 5,000 points`);
}

/**
 * Wall time as `medianTime` gives it, plus the median CPU time of the same runs: on a shared
 * machine other processes stretch wall time, while CPU time of this one-thread loop stays
 * close to what a quiet core would show.
 */
async function timeWithCpu(
  fn: () => unknown,
  runs: number,
  warmup = 1,
): Promise<{ medianMs: number; runs: number; cpuMs: number }> {
  const cpu: number[] = [];
  const timing = await medianTime(
    () => {
      const before = process.cpuUsage();
      fn();
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    },
    runs,
    warmup,
  );
  const measured = cpu.slice(warmup).sort((a, b) => a - b);
  return { ...timing, cpuMs: measured[Math.floor(measured.length / 2)] ?? NaN };
}

function perSecond(points: number, ms: number): string {
  return `${((points / ms) * 1000).toLocaleString('en-GB', { maximumFractionDigits: 0 })} points/s`;
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}
