/**
 * The atlas-data worker: fetches, validates and decodes the boundaries and indicator tables,
 * classifies and ranks indicators, and locates points in areas, all off the main thread. A
 * thin comlink adapter over pure modules: loaded as a module Web Worker it exposes itself;
 * tests import `createAtlasDataWorker` and call it directly with a stub `fetchJson`.
 *
 * Point location uses the engine's one point-in-polygon path (`workers/geometry`): each
 * geography is packed into typed arrays and indexed with flatbush once, when it is decoded,
 * and the same arrays go to the main thread by transfer (`AreaLayer`), not as cloned GeoJSON.
 */
import { expose, transfer } from 'comlink';
import { z } from 'zod';
import { GEOGRAPHY_IDS, type GeographyId } from '../../contracts/geography.ts';
import { NationalColumnSchema } from '../../contracts/atlas_index.ts';
import { IndicatorTableSchema, type IndicatorTable } from '../../contracts/manifest.ts';
import { areaLayerTransferables, packAreaLayer, type AreaLayer } from '../geometry/area_layer.ts';
import { decodeAreas, type AreaCollection } from '../geometry/decode_areas.ts';
import { locatePoints, type PolygonIndex } from '../geometry/polygon_index.ts';
import type { AtlasDataApi, ChoroplethRequest } from './atlas_data_api.ts';
import { CLASS_METHODS, classify, rankWorstFirst } from './classify.ts';

export interface AtlasDataWorkerOptions {
  /** Fetches and parses one JSON file (default: `fetch`, failing on a non-2xx status). */
  fetchJson?: (url: string) => Promise<unknown>;
}

const Geo = z.enum(GEOGRAPHY_IDS);
const AbsoluteUrl = z.string().regex(/^https?:\/\//, 'expected an absolute http(s) URL');
const ChoroplethRequestSchema = z.object({
  geography: Geo,
  indicator: z.string().min(1).max(120),
  method: z.enum(CLASS_METHODS),
  k: z.number().int().min(2).max(10),
  higherIsWorse: z.boolean(),
});
const PointsSchema = z
  .instanceof(Float64Array)
  .refine((xy) => xy.length % 2 === 0, { message: 'lon, lat pairs: the length must be even' });

async function fetchJsonOverHttp(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load ${url}: HTTP ${res.status}`);
  return res.json();
}

export function createAtlasDataWorker(options: AtlasDataWorkerOptions = {}): AtlasDataApi {
  const fetchJson = options.fetchJson ?? fetchJsonOverHttp;
  /** Each decoded geography, packed and indexed; the GeoJSON itself is not kept here. */
  const areaIndexes = new Map<GeographyId, PolygonIndex>();
  const tables = new Map<GeographyId, IndicatorTable>();
  const columns = new Map<string, Promise<Float64Array>>();
  const topologies = new Map<string, Promise<unknown>>();

  function table(geography: GeographyId): IndicatorTable {
    const t = tables.get(geography);
    if (!t) throw new Error(`no ${geography} table loaded`);
    return t;
  }

  return {
    async loadAreas(url, objects) {
      const u = AbsoluteUrl.parse(url);
      const wanted = z.array(Geo).parse(objects);
      // The topology is fetched and parsed once; geographies are decoded as they are asked for.
      let topology = topologies.get(u);
      if (!topology) {
        topology = fetchJson(u);
        topologies.set(u, topology);
      }
      const decoded = decodeAreas(await topology, wanted);
      const layers: Partial<Record<GeographyId, AreaLayer>> = {};
      for (const [g, fc] of Object.entries(decoded) as [GeographyId, AreaCollection][]) {
        // Not a declared partition: a point in two overlapping areas gets the lower index,
        // as the feature-order scan this replaced did.
        const { layer, index } = packAreaLayer(fc);
        areaIndexes.set(g, index);
        layers[g] = layer;
      }
      return transfer(layers, Object.values(layers).flatMap(areaLayerTransferables));
    },

    async loadTables(urls) {
      const out: Partial<Record<GeographyId, IndicatorTable>> = {};
      const entries = Object.entries(urls) as [GeographyId, string][];
      // Fetched together, validated one by one.
      const raw = entries.map(([, url]) => fetchJson(AbsoluteUrl.parse(url)));
      for (const p of raw) p.catch(() => undefined);
      for (const [i, [g]] of entries.entries()) {
        const parsed = IndicatorTableSchema.safeParse(await raw[i]);
        if (!parsed.success)
          throw new Error(
            `tables/${g}.json is not valid: ${parsed.error.issues[0]?.message ?? ''}`,
          );
        tables.set(Geo.parse(g), parsed.data);
        out[g] = parsed.data;
      }
      return out;
    },

    async putIndicator(geography, indicator, values) {
      const t = table(Geo.parse(geography));
      const v = z.array(z.number().nullable()).length(t.codes.length).parse(values);
      t.values[z.string().min(1).parse(indicator)] = v;
    },

    async choropleth(req: ChoroplethRequest) {
      const r = ChoroplethRequestSchema.parse(req);
      const t = table(r.geography);
      const raw = t.values[r.indicator];
      if (!raw) throw new Error(`${r.indicator} is not available for ${r.geography}`);
      const values = Float64Array.from(raw, (v) => (v === null ? NaN : v));
      const c = classify(values, r.method, r.k);
      const ranks = rankWorstFirst(values, r.higherIsWorse);
      const result = {
        geography: r.geography,
        indicator: r.indicator,
        method: c.method,
        breaks: c.breaks,
        k: c.k,
        min: c.min,
        max: c.max,
        classes: c.classes,
        ranks,
        n: values.filter(Number.isFinite).length,
      };
      return transfer(result, [c.classes.buffer, ranks.buffer]);
    },

    async locatePoints(geography, lonLat) {
      const g = Geo.parse(geography);
      const index = areaIndexes.get(g);
      if (!index) throw new Error(`no ${g} areas loaded`);
      const out = locatePoints(index, PointsSchema.parse(lonLat));
      return transfer(out, [out.buffer]);
    },

    async columnClasses(url, method, k) {
      const u = AbsoluteUrl.parse(url);
      let column = columns.get(u);
      if (!column) {
        column = fetchJson(u).then((raw) => {
          const parsed = NationalColumnSchema.safeParse(raw);
          if (!parsed.success)
            throw new Error(`${u} is not a national column: ${parsed.error.issues[0]?.message}`);
          return Float64Array.from(parsed.data.values, (v) => (v === null ? NaN : v));
        });
        columns.set(u, column);
      }
      const values = await column;
      const c = classify(
        values,
        z.enum(CLASS_METHODS).parse(method),
        z.number().int().min(2).max(10).parse(k),
      );
      return {
        method: c.method,
        breaks: c.breaks,
        k: c.k,
        min: c.min,
        max: c.max,
        n: values.filter(Number.isFinite).length,
      };
    },
  };
}

// Only a Web Worker exposes itself; imported anywhere else (tests) it stays inert.
if ('WorkerGlobalScope' in globalThis) {
  // zod's compiled validators use new Function, which the Content-Security-Policy forbids.
  z.config({ jitless: true });
  expose(createAtlasDataWorker());
}
