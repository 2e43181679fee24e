/**
 * What a figure of the current view says in words: default titles, the source, licence, period
 * and vintage lines, the legend and the alternative text, all worked out from the view model.
 * Shared by the figure exports and the report pages. Pure: no DOM.
 */
import type { AtlasView } from '../state/atlas_view.ts';
import { LOCALITIES } from '../config/localities.ts';
import { GEOGRAPHY_LEVELS } from '../../contracts/geography.ts';
import type { LayerMeta } from '../../contracts/manifest.ts';
import { LAYER_COLOURS } from '../map/point_layers.ts';
import { legendClasses } from '../ui/legend.ts';
import { exportDate, type LegendEntry } from './figure.ts';

export type FigureKind = 'map' | 'gap' | 'sii';

/** The place the atlas covers, as the manifest names it ("Sefton"). */
export function placeName(view: AtlasView): string {
  return view.model.manifest.area.name;
}

/**
 * The gap view's title: north-south where the authority's named localities are compared (or
 * the view has not drawn its gap yet and the authority has them); the user's own localities
 * named; otherwise the gap across the authority.
 */
export function gapTitle(view: AtlasView): string {
  const grouping =
    view.gap?.grouping ?? (LOCALITIES[view.model.manifest.area.id] ? 'named' : 'fifths');
  if (grouping === 'custom' && view.gap)
    return `The gap between ${listNames(view.gap.summaries.map((s) => s.name))}`;
  return grouping === 'named' ? 'The north-south gap' : `The gap across ${placeName(view)}`;
}

/** "A, B and C". */
export function listNames(names: readonly string[]): string {
  return names.length < 2
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

export function defaultTitle(view: AtlasView, kind: FigureKind = 'map'): string {
  const geo = GEOGRAPHY_LEVELS[view.geography].label;
  const what = `${view.indicator.label} by ${geo}, ${placeName(view)}`;
  if (kind === 'gap') return `${gapTitle(view)}: ${what}`;
  if (kind === 'sii')
    return `Inequality by deprivation: ${view.indicator.label}, ${placeName(view)}`;
  return what;
}

export function defaultSubtitle(view: AtlasView): string {
  return `${view.indicator.unit}; period ${view.indicator.period}; data vintage ${view.indicator.vintage}`;
}

/** Source and licence lines of what is shown, period and vintage, the export date. */
export function sourceLines(view: AtlasView, date = new Date()): string[] {
  const ind = view.indicator;
  const geo = view.model.manifest.geographies.find((g) => g.id === view.geography);
  const method = ind.geographies[view.geography]?.method;
  const lines = [
    `Source: ${ind.source}. ${ind.licence}`,
    `Period: ${ind.period}. Data vintage: ${ind.vintage}.${method ? ` At this geography: ${method}.` : ''}`,
  ];
  if (geo) lines.push(`Boundaries: ${geo.source}. ${geo.licence}`);
  lines.push(`Exported from Gap Atlas on ${exportDate(date)}.`);
  return lines;
}

/** Point layers switched on in the view, as the manifest describes them. */
export function shownLayers(view: AtlasView): LayerMeta[] {
  const on = new Set((view.state.layers ?? '').split(',').filter(Boolean));
  // firstuse: a layer with no point in this area is no legend entry ("GP practices (0)").
  return view.model.manifest.layers.filter(
    (l) => on.has(l.id) && view.points.has(l.id) && l.count > 0,
  );
}

export function layerEntries(view: AtlasView): LegendEntry[] {
  const layers = shownLayers(view);
  if (layers.length === 0) return [];
  return [
    { colour: null, label: 'Points (larger = grouped)', shape: 'heading' },
    ...layers.map((l): LegendEntry => ({
      colour: LAYER_COLOURS[l.id] ?? '#444444',
      label: `${l.label} (${l.count})`,
      shape: 'circle',
    })),
  ];
}

export function layerSourceLines(view: AtlasView): string[] {
  return shownLayers(view).map((l) => `${l.label}: ${l.source}, ${l.period}. ${l.licence}`);
}

/**
 * The map's classes in legend order, ending with no data, each with its number of areas:
 * worked out from the view as the on-screen legend is (`legendClasses`).
 */
export function mapClassEntries(view: AtlasView): LegendEntry[] {
  if (!view.classes) return [];
  return legendClasses(view.indicator, view.classes, view.state.pal).map((c) => ({
    colour: c.colour,
    label: c.label,
  }));
}

/** The figure legend of the map: its classes, then the point layers shown. */
export function mapLegendEntries(view: AtlasView): LegendEntry[] {
  return [...mapClassEntries(view), ...layerEntries(view)];
}

/** The map's text alternative: what, where, when, its classes and the point layers shown. */
export function mapAltText(view: AtlasView): string {
  const entries = mapClassEntries(view);
  const geo = GEOGRAPHY_LEVELS[view.geography].label;
  const worse =
    view.indicator.polarity === 'higher-is-better'
      ? 'Darker colours show lower, worse values.'
      : view.indicator.polarity === 'higher-is-worse'
        ? 'Darker colours show higher, worse values.'
        : 'Darker colours show higher values.';
  const layers = shownLayers(view);
  const points = layers.length
    ? ` Points show ${layers.map((l) => `${l.label} (${l.count})`).join(', ')}.`
    : '';
  return `Map of ${view.indicator.label} (${view.indicator.unit}) by ${geo} in ${placeName(view)}, ${view.indicator.period}. ${entries.length} legend classes, with the number of areas in each: ${entries.map((e) => e.label).join('; ')}. ${worse}${points}`;
}
