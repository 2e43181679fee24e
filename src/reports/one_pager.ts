/**
 * "The gap in <place>": the A4 one-pager for the annual report and the Health and Wellbeing
 * Board. A map of the indicator on screen, the north-south chart, the indicator by deprivation
 * decile with its computed SII, the headline numbers against England with their trends, the
 * population in Core20 areas, key points written from the figures, and every source line.
 * Data tables of each chart follow on their own pages.
 */
import type { AtlasView } from '../state/atlas_view.ts';
import { ENGLAND_CODE, GEOGRAPHY_LEVELS } from '../../contracts/geography.ts';
import type { Headline } from '../../contracts/manifest.ts';
import { formatValue, ordinal, rankMeaning } from '../atlas_model.ts';
import { fixed, withLimits } from '../analysis_panel/format.ts';
import { renderSiiChart } from '../analysis_panel/sii_chart.ts';
import { headlineSiiDefinition } from '../gap/headline_sii.ts'; // firstuse: one SII definition
import { el } from '../ui/dom.ts';
import { GapChart } from '../ui/gap_chart.ts';
import { legendClasses, legendItem } from '../ui/legend.ts';
import { CLASS_METHOD_LABELS } from '../../workers/classify.ts';
import { orient, type InequalityOutput } from '../../workers/analysis_panel_inequality.ts';
import type { Result } from '../../workers/stats/result.ts';
import { exportDate } from './figure.ts';
import { sourcesFooter, type SourceItem } from './source_lines.ts';
import { dataTable } from '../ui/data_table.ts';
import {
  comparisonWord,
  core20Population,
  HEADLINE_INDICATORS,
  headlineFigures,
  periodLabel,
  SEXES,
  type Core20Population,
  type HeadlineFigure,
} from './headline_figures.ts';
import { mapAltText, legendEntries, placeName, shownLayers } from './view_text.ts';
import { renderSvgMap, type SvgMapPoint } from './svg_map.ts';
import { AREA_COLOUR, ENGLAND_COLOUR, trendSparkline } from './trend_sparkline.ts';
import { LAYER_COLOURS } from '../map/point_layers.ts';

export type Orientation = 'portrait' | 'landscape';

export interface OnePagerInput {
  view: AtlasView;
  title: string;
  subtitle: string;
  /** The pipeline's headline figures, or why they could not be read. */
  headline: Headline | string;
  /** The SII of the indicator across local deciles; 'pending' while the worker runs. */
  sii: Result<InequalityOutput> | 'pending';
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

function page(kind: string, ...children: (Node | null)[]): HTMLElement {
  return el('article', { class: `report-page ${kind}` }, ...children);
}

function section(cls: string, heading: string, ...children: (Node | null)[]): HTMLElement {
  return el('section', { class: `rp-block ${cls}` }, el('h2', { text: heading }), ...children);
}

/** The single authority's code, or null when the atlas covers several (the city region). */
function authorityCode(view: AtlasView): string | null {
  const d = view.model.manifest.area.districts;
  return d.length === 1 ? (d[0]?.code ?? null) : null;
}

function core20Figures(view: AtlasView): Core20Population[] {
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

function headlineSection(view: AtlasView, headline: Headline | string): HTMLElement {
  const code = authorityCode(view);
  const place = placeName(view);
  if (typeof headline === 'string') {
    return section(
      'rp-headline',
      'Life expectancy',
      el('p', { class: 'rp-missing', text: `Headline figures not available: ${headline}.` }),
      core20List(view),
    );
  }
  if (code === null) return districtsSection(view, headline);
  const figures = headlineFigures(headline, code);
  const rows = HEADLINE_INDICATORS.flatMap((ind) => {
    const bySex = SEXES.map((sex) =>
      figures.find((f) => f.indicatorId === ind.id && f.sex === sex),
    );
    const first = bySex.find((f) => f?.latest);
    if (!first?.latest) return [];
    return [
      el(
        'tr',
        { 'data-indicator': ind.id },
        el(
          'th',
          { scope: 'row', title: ind.label },
          ind.short,
          el('span', { class: 'rp-period', text: ` ${periodLabel(first.latest.period)}` }),
        ),
        ...bySex.flatMap((f) => figureCells(f, place)),
      ),
    ];
  });
  const first = figures[0]?.trend ?? [];
  return section(
    'rp-headline',
    'Life expectancy and deprivation',
    el(
      'table',
      { class: 'rp-headline-table' },
      el(
        'caption',
        {},
        `Years, latest period; Fingertips' comparison with England; trend from ${periodLabel(first[0]?.period ?? '')} (`,
        el('span', { class: 'key-area', style: `color:${AREA_COLOUR}`, text: `— ${place}` }),
        ', ',
        el('span', { class: 'key-england', style: `color:${ENGLAND_COLOUR}`, text: '- - England' }),
        ').',
      ),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col', text: '' }),
          el('th', { scope: 'colgroup', colspan: '2', text: 'Men' }),
          el('th', { scope: 'colgroup', colspan: '2', text: 'Women' }),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
    core20List(view),
  );
}

/** People in Core20 areas, one line per deprivation edition; null when there are none. */
function core20List(view: AtlasView): HTMLElement | null {
  const items = core20Figures(view).map((c) =>
    el(
      'li',
      { 'data-core20': c.edition },
      el('strong', { text: `${fixed(c.people, 0)} people` }),
      ` (${fixed(c.share, 1)}%) live in Core20 areas, the 20% most deprived in England (${c.edition}: ${c.lsoas} of ${c.lsoasTotal} LSOAs).`,
    ),
  );
  return items.length ? el('ul', { class: 'rp-core20' }, ...items) : null;
}

/** Several authorities (the city region): each one's latest published figures, and England. */
function districtsSection(view: AtlasView, headline: Headline): HTMLElement {
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
  return section(
    'rp-headline',
    'Life expectancy and deprivation',
    el(
      'table',
      { class: 'rp-headline-table rp-districts' },
      el('caption', {
        text: "Years, latest period, each authority; Fingertips' comparison with England.",
      }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col', text: '' }),
          ...columns.map((c) =>
            el('th', {
              scope: 'col',
              text: `${c.ind.short}, ${c.sex === 'Male' ? 'men' : 'women'} ${periodLabel(c.period)}`,
            }),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        ...places.map((p) =>
          el(
            'tr',
            { 'data-area': p.code },
            el('th', { scope: 'row', text: p.name }),
            ...columns.map((c) => {
              const l = find(p.code, c.ind.id, c.sex);
              const word = l ? comparisonWord(l) : '';
              return el('td', {
                class: 'num',
                text: l?.latest ? `${fixed(l.latest.area, 1)}${word ? ` (${word})` : ''}` : '–',
              });
            }),
          ),
        ),
      ),
    ),
    core20List(view),
  );
}

function figureCells(f: HeadlineFigure | undefined, place: string): HTMLElement[] {
  if (!f?.latest) return [el('td', { class: 'rp-missing', colspan: '2', text: 'not published' })];
  const word = comparisonWord(f);
  return [
    el(
      'td',
      { class: 'rp-figure', 'data-sex': f.sex },
      el('strong', { class: 'rp-value', text: fixed(f.latest.area, 1) }),
      el('span', {
        class: 'rp-england',
        text: `England ${fixed(f.latest.england, 1)}${word ? ` · ${word}` : ''}`,
      }),
    ),
    el('td', { class: 'rp-trend' }, trendSparkline(f.trend, place)),
  ];
}

function mapSection(view: AtlasView, orientation: Orientation): HTMLElement {
  const c = view.classes;
  const level = GEOGRAPHY_LEVELS[view.geography];
  const areas = view.areas[view.geography];
  if (!c || !areas) {
    return section(
      'rp-map',
      'Map',
      el('p', { class: 'rp-missing', text: 'The map has not been drawn yet.' }),
    );
  }
  const table = view.model.table(view.geography);
  const classes = legendClasses(view.indicator, c, view.state.pal);
  const index = new Map(table.codes.map((code, i) => [code, i]));
  const fill = (code: string) => {
    const i = index.get(code);
    const k = i === undefined ? -1 : (c.classes[i] ?? -1);
    return k < 0 ? null : (classes[k]?.colour ?? null);
  };
  const points: SvgMapPoint[] = shownLayers(view).flatMap((l) =>
    (view.points.get(l.id)?.features ?? []).map((f) => ({
      lon: f.geometry.coordinates[0] ?? NaN,
      lat: f.geometry.coordinates[1] ?? NaN,
      colour: LAYER_COLOURS[l.id] ?? '#444',
      label: `${l.label}: ${String(f.properties.name ?? '')}`,
    })),
  );
  const svg = renderSvgMap({
    areas,
    fill,
    outline: view.areas.lad,
    points,
    ...MAP_SIZE[orientation],
    label: mapAltText(view, legendEntries()),
  });
  const layers = shownLayers(view);
  return section(
    'rp-map',
    `${view.indicator.label} by ${level.label}`,
    el('div', { class: 'rp-figure-box' }, svg),
    el(
      'ul',
      { class: 'rp-legend', 'aria-label': 'Map key' },
      ...classes.map(legendItem),
      ...layers.map((l) =>
        el(
          'li',
          {},
          el('span', {
            class: 'dot',
            style: `background:${LAYER_COLOURS[l.id] ?? '#444'}`,
            'aria-hidden': 'true',
          }),
          `${l.label} (${l.count})`,
        ),
      ),
    ),
    el('p', {
      class: 'rp-note',
      text: `${view.indicator.unit}. Darker = worse. Classes: ${CLASS_METHOD_LABELS[c.method]}; hatched = no data.`,
    }),
  );
}

/**
 * Chart sizes in units the size of a CSS pixel of the printed page (0.26 mm), fitted to the
 * boxes of the layout, so that the charts' 9.5 to 12-unit text prints at 7 to 9 points.
 * The browser test measures the smallest text on the page.
 */
const GAP_SIZE: Record<Orientation, { width: number; plotHeight: number }> = {
  portrait: { width: 240, plotHeight: 288 },
  landscape: { width: 226, plotHeight: 210 },
};
const MAP_SIZE: Record<Orientation, { width: number; maxHeight: number }> = {
  portrait: { width: 212, maxHeight: 297 },
  landscape: { width: 196, maxHeight: 210 },
};
const SII_SIZE: Record<Orientation, { width: number; height: number }> = {
  portrait: { width: 218, height: 162 },
  landscape: { width: 280, height: 116 },
};

function gapSection(view: AtlasView, orientation: Orientation): HTMLElement {
  const gap = view.gap;
  const heading = view.state.order === 'north' ? 'North to south' : 'From most to least deprived';
  if (!gap)
    return section('rp-gap', heading, el('p', { class: 'rp-missing', text: 'No gap chart yet.' }));
  const box = el('div', { class: 'rp-gap-chart' });
  new GapChart(
    box,
    () => undefined,
    () => undefined,
  ).render(
    gap.meta,
    gap.items,
    gap.order,
    gap.decileLabel,
    gap.summaries,
    gap.areaNoun,
    GAP_SIZE[orientation],
  );
  return section(
    'rp-gap',
    heading,
    box,
    el('p', {
      class: 'rp-note',
      text:
        gap.order === 'north'
          ? `Each dot is one of ${gap.items.filter((i) => i.value !== null).length} ${gap.areaNoun}, from the north (top) to the south, placed by its population centre and coloured by deprivation decile.`
          : `Each dot is one of ${gap.items.filter((i) => i.value !== null).length} ${gap.areaNoun}, most deprived at the top, coloured by deprivation decile.`,
    }),
  );
}

function siiSection(
  view: AtlasView,
  sii: OnePagerInput['sii'],
  orientation: Orientation,
): HTMLElement {
  const heading = `By deprivation decile`;
  if (sii === 'pending')
    return section(
      'rp-sii',
      heading,
      el('p', { class: 'rp-missing', text: 'Working out the SII…' }),
    );
  if (!sii.ok)
    return section(
      'rp-sii',
      heading,
      el('p', { class: 'rp-missing', text: `No SII for ${view.indicator.label}: ${sii.reason}.` }),
    );
  const meta = view.indicator;
  const d = Math.min(meta.decimals, 2);
  const shown = orient(sii.value.sii.sii, meta.polarity);
  const dep = view.model.deprivationOf(view.geography);
  return section(
    'rp-sii',
    heading,
    renderSiiChart({
      groups: sii.value.groups,
      intercept: sii.value.sii.intercept,
      slope: sii.value.sii.sii.value,
      label: meta.label,
      unit: meta.unit,
      decimals: meta.decimals,
      noun: sii.value.groups.length === 5 ? 'quintile' : 'decile', // firstuse
      ...SII_SIZE[orientation],
    }),
    el(
      'p',
      { class: 'rp-sii-figures' },
      'SII ',
      el('strong', {
        class: 'rp-sii-value',
        'data-value': String(shown.value),
        text: fixed(shown.value, d),
      }),
      ` (95% limits ${fixed(shown.lower95, d)} to ${fixed(shown.upper95, d)}); ${shown.meaning}.`,
    ),
    el('p', {
      class: 'rp-note',
      text: `Dots: local ${dep.label} ${sii.value.groups.length === 5 ? 'quintiles' : 'deciles'} with their 95% intervals; line: the fitted slope. Method and RII with the data tables.`,
    }),
  );
}

/** Plain sentences written from the figures on the page. */
function keyPoints(view: AtlasView, input: OnePagerInput): HTMLElement | null {
  const place = placeName(view);
  const points: string[] = [];
  const code = authorityCode(view);
  if (typeof input.headline !== 'string' && code) {
    const figures = headlineFigures(input.headline, code);
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
  if (points.length === 0) return null;
  return section(
    'rp-points',
    'Key points',
    el('ul', {}, ...points.map((p) => el('li', { text: p }))),
  );
}

function worstArea(view: AtlasView): string | null {
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

function header(view: AtlasView, title: string, subtitle: string, date: Date): HTMLElement {
  return el(
    'header',
    { class: 'rp-head' },
    el('p', {
      class: 'rp-kicker',
      text: `${placeName(view)} · health inequalities · ${exportDate(date)}`,
    }),
    el('h1', { class: 'rp-title', text: title }),
    el('p', { class: 'rp-subtitle', text: subtitle }),
  );
}

function dataTablePages(view: AtlasView, input: OnePagerInput): HTMLElement {
  const meta = view.indicator;
  const t = view.model.table(view.geography);
  const level = GEOGRAPHY_LEVELS[view.geography];
  const decileOf = new Map((view.gap?.items ?? []).map((i) => [i.code, i.decile]));
  const ranks = view.classes?.ranks;
  // Worst first, as a planner reads it; areas without a value last.
  const order = t.codes.map((_, i) => i).sort((a, b) => (ranks?.[a] || 1e9) - (ranks?.[b] || 1e9));
  const rows = order.map((i) => [
    `${t.names[i] ?? t.codes[i]} (${t.codes[i]})`,
    formatValue(meta, t.values[meta.id]?.[i]),
    ranks && (ranks[i] ?? 0) > 0 ? ordinal(ranks[i] ?? 0) : '',
    String(decileOf.get(t.codes[i] ?? '') ?? ''),
    (t.centres[i]?.[1] ?? NaN).toFixed(3),
  ]);
  const tables: HTMLElement[] = [];
  if (typeof input.headline !== 'string') {
    const code = authorityCode(view);
    const figures = code ? headlineFigures(input.headline, code) : [];
    const periods = figures[0]?.trend.map((p) => p.period) ?? [];
    tables.push(
      dataTable(
        `Headline figures by period, ${placeName(view)} and England (years). Source: OHID Fingertips.`,
        [
          { label: 'Indicator, sex, place' },
          ...periods.map((p) => ({ label: periodLabel(p), numeric: true })),
        ],
        figures.flatMap((f) =>
          (['area', 'england'] as const).map((key) => [
            `${f.label}, ${f.sex.toLowerCase()}, ${key === 'area' ? f.areaName : 'England'}`,
            ...f.trend.map((p) => fixed(p[key], 1)),
          ]),
        ),
        { id: 'rp-table-headline' },
      ),
    );
  }
  if (input.sii !== 'pending' && input.sii.ok) {
    tables.push(
      dataTable(
        `${meta.label} by local deprivation decile (1 = most deprived): the points of the SII chart.`,
        [
          { label: 'Decile' },
          { label: 'Population', numeric: true },
          { label: meta.unit, numeric: true },
          { label: '95% interval', numeric: true },
        ],
        input.sii.value.groups.map((g) => [
          String(g.quantile),
          fixed(g.population, 0),
          fixed(g.value, meta.decimals),
          `${fixed(g.lower95, meta.decimals)} to ${fixed(g.upper95, meta.decimals)}`,
        ]),
        { id: 'rp-table-sii' },
      ),
      el('p', {
        class: 'rp-note',
        text: `SII ${withLimits(orient(input.sii.value.sii.sii, meta.polarity), Math.min(meta.decimals, 2))}; RII ${withLimits(input.sii.value.sii.rii, 3)} (${input.sii.value.sii.riiDefinition}). Method. ${headlineSiiDefinition(view)} ${input.sii.value.sii.method}.`,
      }),
    );
  }
  if (view.gap?.summaries.length) {
    tables.push(
      dataTable(
        `Localities: population-weighted means of ${meta.label}.`,
        [
          { label: 'Locality' },
          { label: meta.unit, numeric: true },
          { label: 'Areas', numeric: true },
          { label: 'Population', numeric: true },
        ],
        view.gap.summaries.map((s) => [
          s.name,
          formatValue(meta, s.mean),
          String(s.areas),
          fixed(s.population, 0),
        ]),
        { id: 'rp-table-localities' },
      ),
    );
  }
  tables.push(
    dataTable(
      `${meta.label} by ${level.label}: the values of the map and the north-south chart (rank: ${rankMeaning(meta)}; decile: ${view.gap?.decileLabel ?? 'deprivation decile'}).`,
      [
        { label: level.label },
        { label: meta.unit, numeric: true },
        { label: 'Rank', numeric: true },
        { label: 'Decile', numeric: true },
        { label: 'Latitude', numeric: true },
      ],
      rows,
      { id: 'rp-table-areas' },
    ),
  );
  return page(
    'rp-tables',
    el('h1', { class: 'rp-title', text: `Data tables: ${input.title}` }),
    ...tables,
  );
}

export function onePagerPages(input: OnePagerInput): HTMLElement[] {
  const { view } = input;
  const first = page(
    'rp-one-pager',
    header(view, input.title, input.subtitle, input.date),
    headlineSection(view, input.headline),
    mapSection(view, input.orientation),
    gapSection(view, input.orientation),
    siiSection(view, input.sii, input.orientation),
    keyPoints(view, input),
    sourcesFooter(reportSources(view, input.headline), input.date),
  );
  return input.dataTables ? [first, dataTablePages(view, input)] : [first];
}
