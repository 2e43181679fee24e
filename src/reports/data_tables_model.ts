/**
 * The data tables after the one-pager, as data: the headline figures by period, the points of
 * the SII chart with the method, the localities and every area of the map. Pure: no DOM.
 */
import { headlineSiiDefinition } from '../gap/headline_sii.ts';
import type { Headline } from '../../contracts/manifest.ts';
import { GEOGRAPHY_LEVELS } from '../../contracts/geography.ts';
import { formatValue, ordinal, rankMeaning } from '../atlas_model.ts';
import { fixed, withLimits } from '../analysis_panel/format.ts';
import type { AtlasView } from '../state/atlas_view.ts';
import {
  orient,
  type InequalityOutput,
} from '../../workers/inequality/inequality_by_deprivation.ts';
import { headlineFigures, periodLabel } from './headline_figures.ts';
import { authorityCode } from './one_pager_model.ts';
import { placeName } from './view_text.ts';

/** A data table: caption, columns and rows of text, and its element id. */
export interface TableModel {
  id: string;
  caption: string;
  columns: { label: string; numeric?: boolean }[];
  rows: string[][];
}

/** Headline figures by period, the authority and England (a single authority only). */
export function headlineTrendTable(view: AtlasView, headline: Headline): TableModel {
  const code = authorityCode(view);
  const figures = code ? headlineFigures(headline, code) : [];
  const periods = figures[0]?.trend.map((p) => p.period) ?? [];
  return {
    id: 'rp-table-headline',
    caption: `Headline figures by period, ${placeName(view)} and England (years). Source: OHID Fingertips.`,
    columns: [
      { label: 'Indicator, sex, place' },
      ...periods.map((p) => ({ label: periodLabel(p), numeric: true })),
    ],
    rows: figures.flatMap((f) =>
      (['area', 'england'] as const).map((key) => [
        `${f.label}, ${f.sex.toLowerCase()}, ${key === 'area' ? f.areaName : 'England'}`,
        ...f.trend.map((p) => fixed(p[key], 1)),
      ]),
    ),
  };
}

/** The points of the SII chart: each local decile's population, value and 95% interval. */
export function siiGroupTable(view: AtlasView, out: InequalityOutput): TableModel {
  const meta = view.indicator;
  return {
    id: 'rp-table-sii',
    caption: `${meta.label} by local deprivation decile (1 = most deprived): the points of the SII chart.`,
    columns: [
      { label: 'Decile' },
      { label: 'Population', numeric: true },
      { label: meta.unit, numeric: true },
      { label: '95% interval', numeric: true },
    ],
    rows: out.groups.map((g) => [
      String(g.quantile),
      fixed(g.population, 0),
      fixed(g.value, meta.decimals),
      `${fixed(g.lower95, meta.decimals)} to ${fixed(g.upper95, meta.decimals)}`,
    ]),
  };
}

/** SII and RII with their limits, and how the deciles and the fit were made. */
export function siiMethodNote(
  view: AtlasView,
  out: InequalityOutput,
  definition: string = headlineSiiDefinition(view),
): string {
  const meta = view.indicator;
  return `SII ${withLimits(orient(out.sii.sii, meta.polarity), Math.min(meta.decimals, 2))}; RII ${withLimits(out.sii.rii, 3)} (${out.sii.riiDefinition}). Method. ${definition} ${out.sii.method}.`;
}

/** The localities' population-weighted means; null when the atlas has no localities. */
export function localityTable(view: AtlasView): TableModel | null {
  const meta = view.indicator;
  if (!view.gap?.summaries.length) return null;
  return {
    id: 'rp-table-localities',
    caption: `Localities: population-weighted means of ${meta.label}.`,
    columns: [
      { label: 'Locality' },
      { label: meta.unit, numeric: true },
      { label: 'Areas', numeric: true },
      { label: 'Population', numeric: true },
    ],
    rows: view.gap.summaries.map((s) => [
      s.name,
      formatValue(meta, s.mean),
      String(s.areas),
      fixed(s.population, 0),
    ]),
  };
}

/**
 * Every area: its value, rank (1 = worst), deprivation decile and latitude, worst first as a
 * planner reads it, areas without a value last.
 */
export function areaTable(view: AtlasView): TableModel {
  const meta = view.indicator;
  const t = view.model.table(view.geography);
  const level = GEOGRAPHY_LEVELS[view.geography];
  const decileOf = new Map((view.gap?.items ?? []).map((i) => [i.code, i.decile]));
  const ranks = view.classes?.ranks;
  const order = t.codes.map((_, i) => i).sort((a, b) => (ranks?.[a] || 1e9) - (ranks?.[b] || 1e9));
  return {
    id: 'rp-table-areas',
    caption: `${meta.label} by ${level.label}: the values of the map and the north-south chart (rank: ${rankMeaning(meta)}; decile: ${view.gap?.decileLabel ?? 'deprivation decile'}).`,
    columns: [
      { label: level.label },
      { label: meta.unit, numeric: true },
      { label: 'Rank', numeric: true },
      { label: 'Decile', numeric: true },
      { label: 'Latitude', numeric: true },
    ],
    rows: order.map((i) => [
      `${t.names[i] ?? t.codes[i]} (${t.codes[i]})`,
      formatValue(meta, t.values[meta.id]?.[i]),
      ranks && (ranks[i] ?? 0) > 0 ? ordinal(ranks[i] ?? 0) : '',
      String(decileOf.get(t.codes[i] ?? '') ?? 'none'),
      // A ward no LSOA is assigned to (Waterfront North) has no population centre.
      Number.isFinite(t.centres[i]?.[1]) ? (t.centres[i]?.[1] ?? 0).toFixed(3) : 'none: no LSOA',
    ]),
  };
}
