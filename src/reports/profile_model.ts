/**
 * The area profile as data: for a ward, MSOA, LSOA or a custom area, each indicator's value with
 * the authority's, its region's and England's beside it and where it ranks, the key figures (population,
 * deprivation, Core20) and the sources. Pure: no DOM; `profile_page.ts` renders it.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { GEOGRAPHY_LEVELS, type GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta } from '../../contracts/manifest.ts';
import { formatValue, ordinal } from '../atlas_model.ts';
import { fixed } from '../analysis_panel/format.ts';
import { indicatorFigure, type CustomAreaReport } from '../analysis_panel/custom_area_report.ts';
import { core20Of } from '../analysis_panel/panel_context.ts';
import { LAYER_COLOURS } from '../map/point_layers.ts';
import type { AtlasView } from '../state/atlas_view.ts';
import { rankAmong, type ProfileAssets } from '../ui/area_profile.ts';
import { rowSignificance } from '../ui/profile_significance.ts';
import type { Comparison } from '../../workers/significance/compare.ts';
import type { SourceItem } from './source_lines.ts';
import type { SvgMapPoint } from './svg_map.ts';
import { placeName } from './view_text.ts';

/** England's value of an indicator and how it was obtained. */
export interface EnglandValue {
  value: number;
  method: string;
}

/** The authority's region (e.g. North West) and its values, rolled up like England's. */
export interface RegionValues {
  code: string;
  name: string;
  values: ReadonlyMap<string, EnglandValue>;
}

export type ProfileTarget =
  | { kind: 'area'; geography: GeographyId; code: string }
  | { kind: 'custom'; report: CustomAreaReport };

export interface ProfileInput {
  view: AtlasView;
  england: ReadonlyMap<string, EnglandValue>;
  /** The region's values; null or absent: no region column. */
  region?: RegionValues | null;
  date: Date;
}

/** A row of the indicator table: the area's value and what it is compared with. */
export interface ProfileRow {
  meta: IndicatorMeta;
  value: string;
  authority: string;
  /** The region's value, or "–" (never a zero) with `regionReason` saying why. */
  region: string;
  regionReason: string;
  england: string;
  /** Rank among the authority's areas, or how a custom area's value was made. */
  rank: string;
  /** What the spread bar is drawn from; null for ranks and deciles, or no value. */
  spine: {
    values: (number | null)[];
    value: number | null;
    authority: number | null;
    /** The area against the authority at the profile's level, where it has counts. */
    comparison?: Comparison;
  } | null;
}

/** Everything on a profile page but its maps' shapes. */
export interface ProfileModel {
  kicker: string;
  title: string;
  subtitle: string;
  /** Key figures: term and value. */
  figures: [string, string][];
  rows: ProfileRow[];
  rankHeading: string;
  /** The region column's heading (its name, e.g. "North West"); null: no region column. */
  regionName: string | null;
  sources: SourceItem[];
}

export function englandText(
  meta: IndicatorMeta,
  england: ReadonlyMap<string, EnglandValue>,
): string {
  const e = england.get(meta.id);
  return e ? formatValue(meta, e.value) : '–';
}

/** The region's value as shown, or "–" and why it has none. */
export function regionText(
  meta: IndicatorMeta,
  region: RegionValues | null | undefined,
): { text: string; reason: string } {
  if (!region) return { text: '–', reason: 'no region values in the data' };
  const r = region.values.get(meta.id);
  if (r) return { text: formatValue(meta, r.value), reason: '' };
  return {
    text: '–',
    reason:
      meta.kind === 'rank' || meta.kind === 'decile'
        ? `a rank or decile is a national position: it has no ${region.name} value`
        : `no ${region.name} value: region figures are rolled up from the IoD 2019 England file's LSOAs, which does not give this indicator`,
  };
}

export function profileSources(
  view: AtlasView,
  metas: IndicatorMeta[],
  g: GeographyId,
  england: ReadonlyMap<string, EnglandValue>,
  region?: RegionValues | null,
): SourceItem[] {
  const items: SourceItem[] = metas.map((m) => ({
    what: m.theme,
    source: `${m.source} (${m.vintage})`,
    licence: m.licence,
  }));
  const geo = view.model.manifest.geographies.find((x) => x.id === g);
  if (geo)
    items.push({ what: `Boundaries, ${geo.label}`, source: geo.source, licence: geo.licence });
  for (const l of view.model.manifest.layers)
    items.push({ what: l.label, source: `${l.source}, ${l.period}`, licence: l.licence });
  const methods = [...new Set([...england.values()].map((e) => e.method))];
  if (methods.length) items.push({ what: 'England', source: methods.join('; '), licence: '' });
  const regional = [...new Set([...(region?.values.values() ?? [])].map((e) => e.method))];
  if (region && regional.length)
    items.push({ what: region.name, source: regional.join('; '), licence: '' });
  return items;
}

function regionCells(
  meta: IndicatorMeta,
  region: RegionValues | null | undefined,
): { region: string; regionReason: string } {
  const r = regionText(meta, region);
  return { region: r.text, regionReason: r.reason };
}

/** The assets found in an area as map points, coloured as their layer on the atlas. */
export function assetPoints(view: AtlasView, assets: ProfileAssets[]): SvgMapPoint[] {
  return assets.flatMap((a) => {
    const layer = view.model.manifest.layers.find((l) => l.label === a.layer);
    return a.at.map(([lon, lat], i) => ({
      lon,
      lat,
      colour: LAYER_COLOURS[layer?.id ?? ''] ?? '#444',
      label: `${a.layer}: ${a.names[i] ?? ''}`,
    }));
  });
}

/** The profile of one area of the atlas (ward, MSOA or LSOA). */
export function areaProfileModel(
  input: ProfileInput,
  target: { geography: GeographyId; code: string },
): ProfileModel & { name: string; feature: Feature<Polygon | MultiPolygon> | undefined } {
  const { view, england, region } = input;
  const g = target.geography;
  const t = view.model.table(g);
  const index = t.codes.indexOf(target.code);
  if (index < 0)
    throw new Error(`${target.code} is not one of the ${GEOGRAPHY_LEVELS[g].noun} of this atlas`);
  const level = GEOGRAPHY_LEVELS[g];
  const name = t.names[index] ?? target.code;
  const place = placeName(view);
  const metas = [...view.model.indicators.values()].filter((m) => t.values[m.id]);
  const rows: ProfileRow[] = metas.map((m) => {
    const values = t.values[m.id] ?? [];
    const v = values[index] ?? null;
    const { rank: r, n } = rankAmong(values, index, m);
    const authority = view.model.authorityValue(m.id);
    const ranked = m.kind !== 'rank' && m.kind !== 'decile';
    return {
      meta: m,
      value: formatValue(m, v),
      authority: authority === null ? '–' : formatValue(m, authority),
      ...regionCells(m, region),
      england: englandText(m, england),
      rank: r && ranked ? `${ordinal(r)} of ${n}` : '',
      spine: ranked
        ? {
            values,
            value: v,
            authority,
            comparison: rowSignificance(view.model, g, index, m)?.authority?.comparison,
          }
        : null,
    };
  });
  const pop = view.model.value(g, view.model.populationId(g), index);
  const dep = view.model.deprivationOf(g);
  const score = view.model.value(g, dep.scoreId, index);
  const core20 = view.model.value(g, core20Of(dep.scoreId), index);
  const scoreRank = rows.find((r) => r.meta.id === dep.scoreId)?.rank ?? '';
  const decile = dep.decileId ? view.model.value(g, dep.decileId, index) : null;
  const figures: [string, string][] = [
    ['Population', pop === null ? 'no data' : fixed(pop, 0)],
    [
      `${dep.label} score`,
      `${fixed(score, 1)}${scoreRank ? ` (${scoreRank} most deprived in ${place})` : ''}`,
    ],
  ];
  if (decile !== null)
    figures.push([`${dep.label} national decile`, `${decile} (1 = most deprived 10% of England)`]);
  if (core20 !== null) figures.push(['Population in Core20 LSOAs', `${fixed(core20, 1)}%`]);
  return {
    kicker: `${level.label} profile`,
    title: name,
    subtitle: `${target.code} · ${level.label} · ${place}`,
    name,
    feature: view.areas[g]?.features.find((f) => f.properties.code === target.code),
    figures,
    rows,
    rankHeading: `Rank: among ${place}'s ${t.codes.length} ${level.noun}, 1 = worst`,
    regionName: region?.name ?? null,
    sources: profileSources(view, metas, g, england, region),
  };
}

/**
 * The profile of a custom area: its members' values rolled up (`indicatorFigure`): counts add
 * up; a rate or share is the members' values weighted by their denominators, the same as summed
 * numerators over summed denominators (../shared/METHODS.md section 4).
 */
export function customProfileModel(input: ProfileInput, report: CustomAreaReport): ProfileModel {
  const { view, england, region } = input;
  const g = report.geography;
  const t = view.model.table(g);
  const level = GEOGRAPHY_LEVELS[g];
  const metas = [...view.model.indicators.values()].filter(
    (m) => t.values[m.id] && m.kind !== 'rank' && m.kind !== 'decile',
  );
  const rows: ProfileRow[] = metas.map((m) => {
    const r = indicatorFigure(view, report, m);
    const authority = view.model.authorityValue(m.id);
    return {
      meta: m,
      value: r.value === null ? `not computed` : formatValue(m, r.value),
      authority: authority === null ? '–' : formatValue(m, authority),
      ...regionCells(m, region),
      england: englandText(m, england),
      rank: r.rule.kind === 'sum' ? 'sum' : r.rule.kind === 'weightedMean' ? 'weighted mean' : '',
      spine: r.value === null ? null : { values: t.values[m.id] ?? [], value: r.value, authority },
    };
  });
  const f = report.figures;
  return {
    kicker: 'Custom area profile',
    title: report.area.name,
    subtitle: report.rule,
    figures: [
      ['Made of', `${report.members.length} ${level.noun} (${level.label})`],
      ['Population', f.population.value === null ? 'not computed' : fixed(f.population.value, 0)],
      [`${report.metas.imdScore.label}`, fixed(f.imdScore.value, 1)],
      [
        'Population in Core20 LSOAs',
        f.core20.value === null ? 'not computed' : `${fixed(f.core20.value, 1)}%`,
      ],
    ],
    rows,
    rankHeading: `How: the members' values rolled up (sum of counts, or mean weighted by the denominator)`,
    regionName: region?.name ?? null,
    sources: profileSources(view, metas, g, england, region),
  };
}
