/**
 * "The gap in <place>" as data: every number, label, row, key point and source line of the
 * one-pager's page, worked out from the view model (`AtlasView`), the pipeline's headline
 * figures and the computed SII. Pure: no DOM. `one_pager.ts` and `one_pager_headline.ts` only
 * render what this returns; the data tables after the page are `data_tables_model.ts`.
 */
import { ENGLAND_CODE, GEOGRAPHY_LEVELS } from '../../contracts/geography.ts';
import type { Headline } from '../../contracts/manifest.ts';
import { formatValue } from '../atlas_model.ts';
import { fixed } from '../analysis_panel/format.ts';
import type { SiiChartSpec } from '../analysis_panel/sii_chart.ts';
import type { AtlasView } from '../state/atlas_view.ts';
import { CLASS_METHOD_LABELS } from '../../workers/atlas/classify.ts';
import {
  orient,
  type InequalityOutput,
} from '../../workers/inequality/inequality_by_deprivation.ts';
import type { Result } from '../../workers/stats/result.ts';
import {
  comparisonWord,
  core20Population,
  HEADLINE_INDICATORS,
  headlineFigures,
  periodLabel,
  SEXES,
  type Core20Population,
  type HeadlineFigure,
  type TrendPoint,
} from './headline_figures.ts';
import { computedLeShortDefinition, type ComputedLeSii } from './computed_le_sii.ts';
import { siiChartSpec } from './sii_figure_model.ts';
import type { SourceItem } from './source_lines.ts';
import { placeName, shownLayers } from './view_text.ts';

export type Orientation = 'portrait' | 'landscape';

/** The SII of the indicator across local deciles; 'pending' while the worker runs. */
export type OnePagerSii = Result<InequalityOutput> | 'pending';

export interface OnePagerInput {
  view: AtlasView;
  title: string;
  subtitle: string;
  /** The pipeline's headline figures, or why they could not be read. */
  headline: Headline | string;
  sii: OnePagerSii;
  /**
   * Set when the indicator is life expectancy computed from the user's deaths file: `sii` is
   * then that file's SII (`computedLeOutput`), and its definition is printed under it.
   */
  computedLe?: ComputedLeSii | null;
  dataTables: boolean;
  orientation: Orientation;
  date: Date;
}

export function defaultReportTitle(view: AtlasView): string {
  return `The gap in ${placeName(view)}`;
}

export function defaultReportSubtitle(view: AtlasView): string {
  const level = GEOGRAPHY_LEVELS[view.geography];
  return `${view.indicator.label} by ${level.label}: how it varies from north to south and with deprivation. Life expectancy and healthy life expectancy against England.`;
}

/** The single authority's code, or null when the atlas covers several (the city region). */
export function authorityCode(view: AtlasView): string | null {
  const d = view.model.manifest.area.districts;
  return d.length === 1 ? (d[0]?.code ?? null) : null;
}

/** People in Core20 LSOAs by deprivation edition (IMD 2019 on 2011 LSOAs, IMD 2025 on 2021). */
export function core20Figures(view: AtlasView): Core20Population[] {
  const out: Core20Population[] = [];
  for (const [g, decileId, label] of [
    ['lsoa11', 'imd2019_decile', 'IMD 2019'],
    ['lsoa21', 'imd2025_decile', 'IMD 2025'],
  ] as const) {
    const t = view.model.tables[g];
    if (!t) continue;
    const popId = view.model.populationId(g);
    const c = core20Population(t.values[decileId] ?? [], t.values[popId] ?? [], label);
    if (c) out.push(c);
  }
  return out;
}

/** One line per edition: the people (printed bold) and the rest of the sentence. */
export function core20Lines(view: AtlasView): { edition: string; people: string; rest: string }[] {
  return core20Figures(view).map((c) => ({
    edition: c.edition,
    people: `${fixed(c.people, 0)} people`,
    rest: ` (${fixed(c.share, 1)}%) live in Core20 areas, the 20% most deprived in England (${c.edition}: ${c.lsoas} of ${c.lsoasTotal} LSOAs).`,
  }));
}

/** A cell of the headline table: the latest value against England and the trend. */
export interface HeadlineCell {
  sex: string;
  value: string;
  england: string;
  trend: TrendPoint[];
}

/** One row of the single authority's headline table: an indicator, men then women. */
export interface HeadlineRow {
  indicatorId: string;
  short: string;
  label: string;
  period: string;
  /** Men, women; null when not published. */
  cells: (HeadlineCell | null)[];
}

function headlineCell(f: HeadlineFigure | undefined): HeadlineCell | null {
  if (!f?.latest) return null;
  const word = comparisonWord(f);
  return {
    sex: f.sex,
    value: fixed(f.latest.area, 1),
    england: `England ${fixed(f.latest.england, 1)}${word ? ` · ${word}` : ''}`,
    trend: f.trend,
  };
}

/** The headline table of one authority and the first period of its trends. */
export function headlineTable(
  headline: Headline,
  code: string,
): { rows: HeadlineRow[]; trendFrom: string } {
  const figures = headlineFigures(headline, code);
  const rows = HEADLINE_INDICATORS.flatMap((ind): HeadlineRow[] => {
    const bySex = SEXES.map((sex) =>
      figures.find((f) => f.indicatorId === ind.id && f.sex === sex),
    );
    const first = bySex.find((f) => f?.latest);
    if (!first?.latest) return [];
    return [
      {
        indicatorId: ind.id,
        short: ind.short,
        label: ind.label,
        period: periodLabel(first.latest.period),
        cells: bySex.map(headlineCell),
      },
    ];
  });
  return { rows, trendFrom: periodLabel(figures[0]?.trend[0]?.period ?? '') };
}

/**
 * Several authorities (the city region): each one's latest published figure of each indicator
 * and sex, with Fingertips' comparison, then England.
 */
export function districtsTable(
  view: AtlasView,
  headline: Headline,
): { columns: string[]; rows: { code: string; name: string; cells: string[] }[] } {
  const places = [...view.model.manifest.area.districts, { code: ENGLAND_CODE, name: 'England' }];
  // Each place's figures once; a cell picks its indicator and sex from them.
  const figuresOf = new Map(places.map((p) => [p.code, headlineFigures(headline, p.code)]));
  const find = (code: string, id: string, sex: string) =>
    figuresOf.get(code)?.find((f) => f.indicatorId === id && f.sex === sex);
  const columns = HEADLINE_INDICATORS.flatMap((ind) =>
    SEXES.map((sex) => ({
      ind,
      sex,
      period: find(ENGLAND_CODE, ind.id, sex)?.latest?.period ?? '',
    })),
  );
  return {
    columns: columns.map(
      (c) => `${c.ind.short}, ${c.sex === 'Male' ? 'men' : 'women'} ${periodLabel(c.period)}`,
    ),
    rows: places.map((p) => ({
      code: p.code,
      name: p.name,
      cells: columns.map((c) => {
        const l = find(p.code, c.ind.id, c.sex);
        const word = l ? comparisonWord(l) : '';
        return l?.latest ? `${fixed(l.latest.area, 1)}${word ? ` (${word})` : ''}` : '–';
      }),
    })),
  };
}

/** The note under the map: unit, which end is worse, the classes. */
export function mapNote(view: AtlasView): string | null {
  const c = view.classes;
  if (!c) return null;
  return `${view.indicator.unit}. Darker = worse. Classes: ${CLASS_METHOD_LABELS[c.method]}; hatched = no data.`;
}

export function gapHeading(view: AtlasView): string {
  return view.state.order === 'north' ? 'North to south' : 'From most to least deprived';
}

/** The note under the gap chart: how many areas, in which order, coloured by what. */
export function gapNote(view: AtlasView): string | null {
  const gap = view.gap;
  if (!gap) return null;
  const n = gap.items.filter((i) => i.value !== null).length;
  return gap.order === 'north'
    ? `Each dot is one of ${n} ${gap.areaNoun}, from the north (top) to the south, placed by its population centre and coloured by deprivation decile.`
    : `Each dot is one of ${n} ${gap.areaNoun}, most deprived at the top, coloured by deprivation decile.`;
}

/** The SII under its chart, oriented so that positive means worse at the deprived end. */
export type SiiSummary =
  | { kind: 'missing'; text: string }
  | {
      kind: 'sii';
      chart: SiiChartSpec;
      value: number;
      shown: string;
      rest: string;
      note: string;
      /** What the SII is, when it is not the headline SII (computed life expectancy). */
      definition: string | null;
    };

export function siiSummary(
  view: AtlasView,
  sii: OnePagerSii,
  computedLe: ComputedLeSii | null = null,
): SiiSummary {
  if (sii === 'pending') return { kind: 'missing', text: 'Working out the SII…' };
  if (!sii.ok)
    return { kind: 'missing', text: `No SII for ${view.indicator.label}: ${sii.reason}.` };
  const meta = view.indicator;
  const d = Math.min(meta.decimals, 2);
  const shown = orient(sii.value.sii.sii, meta.polarity);
  const dep = view.model.deprivationOf(view.geography);
  // Quintiles where there are too few areas for two in each decile (the headline SII's rule).
  const noun = sii.value.groups.length === 5 ? 'quintile' : 'decile';
  return {
    kind: 'sii',
    chart: siiChartSpec({ geography: view.geography, meta, noun, output: sii.value }),
    value: shown.value,
    shown: fixed(shown.value, d),
    rest: ` (95% limits ${fixed(shown.lower95, d)} to ${fixed(shown.upper95, d)}); ${shown.meaning}.`,
    // Computed life expectancy: the note says how its SII was made (it is not the headline one).
    note: computedLe
      ? computedLeShortDefinition(computedLe)
      : `Dots: local ${dep.label} ${noun}s with their 95% intervals; line: the fitted slope. Method and RII with the data tables.`,
    definition: computedLe ? computedLeShortDefinition(computedLe) : null,
  };
}

/** The area with rank 1 (worst) and its value, as a sentence; null before the map is drawn. */
export function worstArea(view: AtlasView): string | null {
  const c = view.classes;
  if (!c) return null;
  const t = view.model.table(view.geography);
  const i = Array.from(c.ranks).indexOf(1);
  if (i < 0) return null;
  const meta = view.indicator;
  const which =
    meta.polarity === 'higher-is-better'
      ? 'Lowest (worst) value'
      : meta.polarity === 'higher-is-worse'
        ? 'Highest (worst) value'
        : 'Highest value';
  return `${which} of the ${c.n} ${GEOGRAPHY_LEVELS[view.geography].noun}: ${t.names[i] ?? t.codes[i]}, ${formatValue(meta, t.values[meta.id]?.[i])}.`;
}

/**
 * Plain sentences written from the figures on the page: OHID's published gap in life
 * expectancy (Fingertips 92901, a single authority only), the localities' means, the worst area.
 */
export function keyPoints(view: AtlasView, headline: Headline | string): string[] {
  const place = placeName(view);
  const points: string[] = [];
  const code = authorityCode(view);
  if (typeof headline !== 'string' && code) {
    const figures = headlineFigures(headline, code);
    const le = (id: string, sex: string) =>
      figures.find((f) => f.indicatorId === id && f.sex === sex)?.latest ?? null;
    const sm = le('92901', 'Male');
    const sf = le('92901', 'Female');
    if (sm && sf)
      points.push(
        `Men in the least deprived neighbourhoods of ${place} can expect to live ${fixed(sm.area, 1)} years longer than men in the most deprived, and women ${fixed(sf.area, 1)} years (published slope index, ${periodLabel(sm.period)}; England ${fixed(sm.england, 1)} and ${fixed(sf.england, 1)}).`,
      );
  }
  const gap = view.gap;
  const [a, b] = gap?.summaries ?? [];
  if (gap && a && b && a.mean !== null && b.mean !== null)
    points.push(
      `${gap.meta.label}: ${a.name} ${formatValue(gap.meta, a.mean)}, ${b.name} ${formatValue(gap.meta, b.mean)} (population-weighted means of their ${gap.areaNoun}).`,
    );
  const worst = worstArea(view);
  if (worst) points.push(worst);
  return points;
}

/** What the pages show, each with its source and licence. */
export function reportSources(view: AtlasView, headline: Headline | string): SourceItem[] {
  const meta = view.indicator;
  const geo = view.model.manifest.geographies.find((g) => g.id === view.geography);
  const method = meta.geographies[view.geography]?.method;
  const items: SourceItem[] = [
    {
      what: meta.label,
      source: `${meta.source}, ${meta.period} (${meta.vintage}${method ? `; ${method}` : ''})`,
      licence: meta.licence,
    },
  ];
  if (geo)
    items.push({ what: `Boundaries, ${geo.label}`, source: geo.source, licence: geo.licence });
  // Life expectancy rows come from Fingertips; Core20 from the deciles and populations.
  if (typeof headline !== 'string')
    items.push(...headline.sources.filter((s) => s.what.includes('90366')));
  const core20 = ['imd2019_decile', 'pop2020_total', 'imd2025_decile', 'census2021_residents']
    .map((id) => view.model.indicators.get(id))
    .filter((m) => m !== undefined);
  if (core20.length)
    items.push({
      what: 'Core20 population',
      source: core20.map((m) => `${m.label}: ${m.source}`).join('; '),
      licence: core20.map((m) => m.licence).join(' '),
    });
  for (const l of shownLayers(view))
    items.push({ what: l.label, source: `${l.source}, ${l.period}`, licence: l.licence });
  return items;
}
