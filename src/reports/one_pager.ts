/**
 * "The gap in <place>": the A4 one-pager for the annual report and the Health and Wellbeing
 * Board. A map of the indicator on screen, the north-south chart, the indicator by deprivation
 * decile with its computed SII, the headline numbers against England with their trends, the
 * population in Core20 areas, key points written from the figures, and every source line.
 * Data tables of each chart follow on their own page. This module renders; the numbers and
 * words come from `one_pager_model.ts` and `data_tables_model.ts`.
 */
import type { AtlasView } from '../state/atlas_view.ts';
import { GEOGRAPHY_LEVELS } from '../../contracts/geography.ts';
import { renderSiiChart } from '../analysis_panel/sii_chart.ts';
import { el } from '../ui/dom.ts';
import { GapChart } from '../ui/gap_chart.ts';
import { legendClasses, legendItem } from '../ui/legend.ts';
import { LAYER_COLOURS } from '../map/point_layers.ts';
import { exportDate } from './figure.ts';
import { headlineSection, section } from './one_pager_headline.ts';
import {
  gapHeading,
  gapNote,
  keyPoints,
  mapNote,
  reportSources,
  siiSummary,
  type OnePagerInput,
  type Orientation,
} from './one_pager_model.ts';
import { dataTablePage } from './one_pager_tables.ts';
import { sourcesFooter } from './source_lines.ts';
import { renderSvgMap, type SvgMapPoint } from './svg_map.ts';
import { mapAltText, placeName, shownLayers } from './view_text.ts';

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

function missing(text: string): HTMLElement {
  return el('p', { class: 'rp-missing', text });
}

function mapSection(view: AtlasView, orientation: Orientation): HTMLElement {
  const c = view.classes;
  const level = GEOGRAPHY_LEVELS[view.geography];
  const areas = view.areas[view.geography];
  if (!c || !areas) return section('rp-map', 'Map', missing('The map has not been drawn yet.'));
  const table = view.model.table(view.geography);
  const classes = legendClasses(view.indicator, c, view.state.pal);
  const index = new Map(table.codes.map((code, i) => [code, i]));
  const fill = (code: string) => {
    const i = index.get(code);
    const k = i === undefined ? -1 : (c.classes[i] ?? -1);
    return k < 0 ? null : (classes[k]?.colour ?? null);
  };
  const layers = shownLayers(view);
  const points: SvgMapPoint[] = layers.flatMap((l) =>
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
    label: mapAltText(view),
  });
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
    el('p', { class: 'rp-note', text: mapNote(view) ?? '' }),
  );
}

function gapSection(view: AtlasView, orientation: Orientation): HTMLElement {
  const gap = view.gap;
  const heading = gapHeading(view);
  if (!gap) return section('rp-gap', heading, missing('No gap chart yet.'));
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
  return section('rp-gap', heading, box, el('p', { class: 'rp-note', text: gapNote(view) ?? '' }));
}

function siiSection(input: OnePagerInput): HTMLElement {
  const heading = `By deprivation decile`;
  const s = siiSummary(input.view, input.sii, input.computedLe ?? null);
  if (s.kind === 'missing') return section('rp-sii', heading, missing(s.text));
  return section(
    'rp-sii',
    heading,
    renderSiiChart({ ...s.chart, ...SII_SIZE[input.orientation] }),
    el(
      'p',
      { class: 'rp-sii-figures' },
      'SII ',
      el('strong', { class: 'rp-sii-value', 'data-value': String(s.value), text: s.shown }),
      s.rest,
    ),
    el('p', {
      class: s.definition === null ? 'rp-note' : 'rp-note rp-sii-definition',
      text: s.note,
    }),
  );
}

function keyPointsSection(input: OnePagerInput): HTMLElement | null {
  const points = keyPoints(input.view, input.headline);
  if (points.length === 0) return null;
  return section(
    'rp-points',
    'Key points',
    el('ul', {}, ...points.map((p) => el('li', { text: p }))),
  );
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

export function onePagerPages(input: OnePagerInput): HTMLElement[] {
  const { view } = input;
  const first = el(
    'article',
    { class: 'report-page rp-one-pager' },
    header(view, input.title, input.subtitle, input.date),
    headlineSection(view, input.headline),
    mapSection(view, input.orientation),
    gapSection(view, input.orientation),
    siiSection(input),
    keyPointsSection(input),
    sourcesFooter(reportSources(view, input.headline), input.date),
  );
  return input.dataTables ? [first, dataTablePage(input)] : [first];
}
