// Runs in a Web Worker: fetching, validating and decoding data, classifying and point joins
// stay off the main thread.
import { booleanPointInPolygon, bbox } from '@turf/turf';
import { expose, transfer } from 'comlink';
import { z } from 'zod';
import { GEOGRAPHY_IDS, type GeographyId } from '../../contracts/geography.ts';
import { IndicatorTableSchema, type IndicatorTable } from '../../contracts/manifest.ts';
import type { AtlasDataApi, ChoroplethRequest } from './atlas_data_api.ts';
import { CLASS_METHODS, classify, rankWorstFirst } from './classify.ts';
import { decodeAreas, type AreaCollection } from '../geometry/decode_areas.ts';

// zod's compiled validators use new Function, which the Content-Security-Policy forbids.
z.config({ jitless: true });

const areas = new Map<GeographyId, AreaCollection>();
const boxes = new Map<GeographyId, number[][]>();
const tables = new Map<GeographyId, IndicatorTable>();

const Geo = z.enum(GEOGRAPHY_IDS);
const AbsoluteUrl = z.string().regex(/^https?:\/\//, 'expected an absolute http(s) URL');
const ChoroplethRequestSchema = z.object({
  geography: Geo,
  indicator: z.string().min(1).max(120),
  method: z.enum(CLASS_METHODS),
  k: z.number().int().min(2).max(10),
  higherIsWorse: z.boolean(),
});

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load ${url}: HTTP ${res.status}`);
  return res.json();
}

function table(geography: GeographyId): IndicatorTable {
  const t = tables.get(geography);
  if (!t) throw new Error(`no ${geography} table loaded`);
  return t;
}

const api: AtlasDataApi = {
  async loadAreas(url, objects) {
    const u = AbsoluteUrl.parse(url);
    const wanted = z.array(Geo).parse(objects);
    const decoded = decodeAreas(await fetchJson(u), wanted);
    for (const [g, fc] of Object.entries(decoded) as [GeographyId, AreaCollection][]) {
      areas.set(g, fc);
      boxes.set(
        g,
        fc.features.map((f) => bbox(f)),
      );
    }
    return decoded;
  },

  async loadTables(urls) {
    const out: Partial<Record<GeographyId, IndicatorTable>> = {};
    for (const [g, url] of Object.entries(urls) as [GeographyId, string][]) {
      const parsed = IndicatorTableSchema.safeParse(await fetchJson(AbsoluteUrl.parse(url)));
      if (!parsed.success)
        throw new Error(`tables/${g}.json is not valid: ${parsed.error.issues[0]?.message ?? ''}`);
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
    const fc = areas.get(Geo.parse(geography));
    const bb = boxes.get(geography);
    if (!fc || !bb) throw new Error(`no ${geography} areas loaded`);
    const out = new Int32Array(lonLat.length / 2).fill(-1);
    for (let p = 0; p < out.length; p++) {
      const x = lonLat[2 * p] ?? NaN;
      const y = lonLat[2 * p + 1] ?? NaN;
      for (let i = 0; i < fc.features.length; i++) {
        const b = bb[i];
        const f = fc.features[i];
        if (!b || !f || x < (b[0] ?? 0) || x > (b[2] ?? 0) || y < (b[1] ?? 0) || y > (b[3] ?? 0))
          continue;
        if (booleanPointInPolygon([x, y], f)) {
          out[p] = i;
          break;
        }
      }
    }
    return transfer(out, [out.buffer]);
  },
};

expose(api);
