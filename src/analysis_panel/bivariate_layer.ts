/**
 * The need-against-access map: a fill layer of the panel's own on the atlas's LSOA source,
 * coloured per LSOA through the feature-state `bivariate` (the atlas's own `colour` state is
 * left alone), and its 3x3 legend as a table with the number of LSOAs in each cell.
 */
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';
import type { GeographyId } from '../../contracts/geography.ts';
import { sourceId } from '../map/area_layers.ts';
import { el } from '../ui/dom.ts';
import { textOn } from '../map/palettes.ts';
import {
  BIVARIATE_COLOURS,
  NEED_LABELS,
  type BivariateCell,
} from '../../workers/analysis/need_access_classes.ts';

export const bivariateLayerId = (g: GeographyId) => `analysis-bivariate-${g}`;
/** The atlas adds its area layers below this one; the bivariate layer sits just under it too. */
const CONTEXT_LAYER = 'ward-context';

/** Paints each area's cell colour (null = no colour); false when the source is not on the map. */
export function paintBivariate(
  map: MapLibreMap,
  g: GeographyId,
  codes: readonly string[],
  cells: readonly (BivariateCell | null)[],
): boolean {
  const source = sourceId(g);
  if (!map.getSource(source)) return false;
  const id = bivariateLayerId(g);
  if (!map.getLayer(id)) {
    map.addLayer(
      {
        id,
        type: 'fill',
        source,
        layout: { visibility: 'none' },
        paint: {
          'fill-color': ['to-color', ['coalesce', ['feature-state', 'bivariate'], '#ffffff']],
          'fill-opacity': ['case', ['boolean', ['feature-state', 'bivariateOn'], false], 0.92, 0],
        },
      },
      map.getLayer(CONTEXT_LAYER) ? CONTEXT_LAYER : undefined,
    );
  }
  codes.forEach((code, i) => {
    const cell = cells[i] ?? null;
    map.setFeatureState(
      { source, id: code },
      { bivariate: cell?.colour ?? '#ffffff', bivariateOn: cell !== null },
    );
  });
  return true;
}

/** Shows the layer of `shown` (or none) and hides every other geography's. */
export function showBivariate(
  map: MapLibreMap,
  shown: GeographyId | null,
  all: readonly GeographyId[],
): void {
  for (const g of all) {
    const id = bivariateLayerId(g);
    if (!map.getLayer(id)) continue;
    map.setLayoutProperty(id, 'visibility', g === shown ? 'visible' : 'none');
    // Areas of a geography first shown later are added above it: stay on top of them.
    if (g === shown && map.getLayer(CONTEXT_LAYER)) map.moveLayer(id, CONTEXT_LAYER);
  }
}

/** The 3x3 legend: need down (highest at the top), access across (best on the left). */
export function bivariateLegend(
  counts: readonly (readonly number[])[],
  accessLabels: readonly string[],
  category: string,
): HTMLTableElement {
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col', text: 'Need ↓ / nearest asset →' }),
    ...accessLabels.map((l) => el('th', { scope: 'col', text: l })),
  );
  const rows = [2, 1, 0].map((need) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row', text: NEED_LABELS[need] ?? '' }),
      ...[0, 1, 2].map((access) => {
        const colour = BIVARIATE_COLOURS[need]?.[access] ?? '#999999';
        const n = counts[need]?.[access] ?? 0;
        return el('td', {
          style: `background:${colour};color:${textOn(colour)}`,
          'data-need': String(need),
          'data-access': String(access),
          text: `${n} LSOA${n === 1 ? '' : 's'}`,
        });
      }),
    ),
  );
  return el(
    'table',
    { class: 'bivariate-legend', id: 'bivariate-legend' },
    el('caption', {
      text: `Need (national IMD decile group) against distance to the nearest ${category.toLowerCase()}; darkest = most deprived and furthest`,
    }),
    el('thead', {}, head),
    el('tbody', {}, ...rows),
  );
}

/**
 * A small key on the map itself while the bivariate layer covers the atlas's colours (whose
 * legend then does not describe what is seen); the full table stays in the side column.
 */
export class BivariateMapKey implements IControl {
  private readonly box = el('div', {
    class: 'maplibregl-ctrl bivariate-map-key',
    id: 'bivariate-map-key',
    role: 'img',
    hidden: '',
  });

  onAdd(): HTMLElement {
    return this.box;
  }

  onRemove(): void {
    this.box.remove();
  }

  show(category: string | null): void {
    this.box.hidden = category === null;
    if (category === null) return;
    const thing = category.toLowerCase();
    this.box.setAttribute(
      'aria-label',
      `Map colours: need against distance to the nearest ${thing}; darkest = Core20 and furthest. The table in the side column explains each colour.`,
    );
    const grid = el('div', { class: 'bivariate-grid' });
    for (const need of [2, 1, 0])
      for (const access of [0, 1, 2])
        grid.append(
          el('span', { style: `background:${BIVARIATE_COLOURS[need]?.[access] ?? '#999999'}` }),
        );
    this.box.replaceChildren(
      el('strong', { class: 'key-title', text: 'Need against access' }),
      el('span', { class: 'axis-need', text: 'more deprived →' }),
      grid,
      el('span', { class: 'axis-access', text: `further from ${thing} →` }),
    );
  }
}
