/**
 * Works out a custom area's figures: which areas it holds (the picked ones, or the LSOAs whose
 * centre lies inside the drawn polygon, found by the analysis workers), their roll-ups by
 * METHODS.md section 4 (workers/rollup/custom_area_figures.ts) and the community assets inside
 * its boundary.
 */
import type { GeoJSONSource } from 'maplibre-gl';
import { z } from 'zod';
import type { AtlasView } from '../state/atlas_view.ts';
import { GEOGRAPHY_LEVELS, type GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta } from '../../contracts/manifest.ts';
import { sourceId } from '../map/area_layers.ts';
import {
  countInside,
  customAreaFigures,
  membersInside,
  rollUp,
  type CustomAreaFigures,
  type RolledUp,
} from '../../workers/rollup/custom_area_figures.ts';
import { packPolygonLayer } from '../../workers/geometry/polygon_index.ts';
import { multiPolygonOf, polygonOfRing, type AreaGeometry } from './custom_area_geojson.ts';
import type { CustomArea } from './custom_area_store.ts';
import { core20Of, type PanelContext } from './panel_context.ts';

export interface AssetCount {
  layer: string;
  count: number;
}

export interface CustomAreaReport {
  area: CustomArea;
  /** The geography whose areas are the members. */
  geography: GeographyId;
  members: number[];
  /** Picked codes no longer in the data (after a rebuild), left out. */
  unknownCodes: string[];
  figures: CustomAreaFigures;
  metas: { population: IndicatorMeta; imdScore: IndicatorMeta; core20: IndicatorMeta };
  /** Assets inside per layer, or why they were not counted. */
  assets: AssetCount[] | string;
  /** How the areas were assigned, in words. */
  rule: string;
  /** The boundary, for the map and the GeoJSON export; null when not loaded. */
  geometry: AreaGeometry | null;
}

const Ring = z.array(z.array(z.number()).min(2));
const AreaFeature = z.object({
  properties: z.object({ code: z.string() }),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring)) }),
  ]),
});
const AreaFeatures = z.object({ features: z.array(z.unknown()) });
/** Just the code, to skip the areas not picked before checking any coordinates. */
const AreaCode = z.object({ properties: z.object({ code: z.string() }) });

/** The picked areas' boundaries from the atlas's map source, validated; null if not loaded. */
async function pickedGeometry(
  view: AtlasView,
  g: GeographyId,
  codes: ReadonlySet<string>,
): Promise<AreaGeometry | null> {
  const source = view.map.getSource<GeoJSONSource>(sourceId(g));
  if (!source) return null;
  const data = AreaFeatures.safeParse(await source.getData());
  if (!data.success) return null;
  const geometries: AreaGeometry[] = [];
  for (const f of data.data.features) {
    const code = AreaCode.safeParse(f);
    if (!code.success || !codes.has(code.data.properties.code)) continue;
    const parsed = AreaFeature.safeParse(f);
    if (parsed.success) geometries.push(parsed.data.geometry);
  }
  return geometries.length > 0 ? multiPolygonOf(geometries) : null;
}

function metaOf(view: AtlasView, id: string): IndicatorMeta {
  const meta = view.model.indicators.get(id);
  if (!meta) throw new Error(`the atlas has no indicator ${id}`);
  return meta;
}

/** Every point layer's points, lon/lat interleaved, with the layer index of each. */
function assetPoints(view: AtlasView): { xy: Float64Array; layer: Uint32Array; labels: string[] } {
  const layers = view.model.manifest.layers;
  const xy: number[] = [];
  const layer: number[] = [];
  layers.forEach((l, k) => {
    for (const f of view.points.get(l.id)?.features ?? []) {
      xy.push(f.geometry.coordinates[0] ?? NaN, f.geometry.coordinates[1] ?? NaN);
      layer.push(k);
    }
  });
  return {
    xy: Float64Array.from(xy),
    layer: Uint32Array.from(layer),
    labels: layers.map((l) => l.label),
  };
}

let layerCount = 0;

export async function buildCustomAreaReport(
  ctx: PanelContext,
  area: CustomArea,
): Promise<CustomAreaReport> {
  const view = ctx.host.view();
  const g = area.geography;
  const table = view.model.table(g);
  const level = GEOGRAPHY_LEVELS[g];
  const client = ctx.analysis();
  let geometry: AreaGeometry | null;
  let members: number[] = [];
  let unknownCodes: string[] = [];
  if (area.kind === 'picked') {
    const index = new Map(table.codes.map((c, i) => [c, i]));
    members = area.codes.flatMap((c) => {
      const i = index.get(c);
      return i === undefined ? [] : [i];
    });
    unknownCodes = area.codes.filter((c) => !index.has(c));
    geometry = await pickedGeometry(view, g, new Set(area.codes));
  } else {
    geometry = polygonOfRing(area.ring);
  }

  let assets: AssetCount[] | string =
    `not counted: the ${level.label} boundaries are not on the map yet; show ${level.noun} once to count assets`;
  if (geometry) {
    const layerId = `custom-area-${++layerCount}`;
    await client.loadPolygons(
      layerId,
      packPolygonLayer({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry }],
      }),
    );
    try {
      if (area.kind === 'drawn') {
        const centres = Float64Array.from(table.centres.flatMap((c) => c ?? [NaN, NaN]));
        members = membersInside(await client.locatePoints(layerId, centres));
      }
      const points = assetPoints(view);
      const located = await client.locatePoints(layerId, points.xy);
      const counts = countInside(located, points.layer, points.labels.length);
      assets = points.labels.map((label, k) => ({ layer: label, count: counts[k] ?? 0 }));
    } finally {
      await client.unloadPolygons(layerId);
    }
  }

  const dep = view.model.deprivationOf(g);
  const metas = {
    population: metaOf(view, view.model.populationId(g)),
    imdScore: metaOf(view, dep.scoreId),
    core20: metaOf(view, core20Of(dep.scoreId)),
  };
  const figures = customAreaFigures(table, table.codes.length, members, metas);
  const rule =
    area.kind === 'picked'
      ? `The ${members.length} ${level.noun} picked (${level.vintage} boundaries), each counted whole; the figures are rolled up from the ${level.noun}' own values. Assets: points inside the picked areas' boundaries.`
      : `LSOAs whose centre lies inside the drawn polygon: ${members.length} ${level.noun} (${level.vintage} boundaries), each counted whole (an LSOA whose centre is outside counts not at all; ${table.centreMethod}). Assets: points inside the drawn polygon.`;
  return { area, geography: g, members, unknownCodes, figures, metas, assets, rule, geometry };
}

/** One more indicator over the report's members. */
export function indicatorFigure(
  view: AtlasView,
  report: CustomAreaReport,
  meta: IndicatorMeta,
): RolledUp {
  const table = view.model.table(report.geography);
  return rollUp(
    table,
    table.codes.length,
    report.members,
    meta,
    view.model.populationId(report.geography),
  );
}
