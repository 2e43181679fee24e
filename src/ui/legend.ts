import type { IndicatorMeta } from '../../contracts/manifest.ts';
import { CLASS_METHOD_LABELS } from '../../workers/atlas/classify.ts';
import type { ChoroplethResult } from '../../workers/atlas/atlas_data_api.ts';
import { formatValue } from '../atlas_model.ts';
import { colourForClass, type PaletteId } from '../map/palettes.ts';
import { el } from './dom.ts';

export interface LegendClass {
  /** Fill colour, or null for the hatched no-data class. */
  colour: string | null;
  /** Range (or decile) and the number of areas in it. */
  label: string;
}

/** One row of a map key: a class swatch (hatched for no data) and its label. */
export function legendItem(entry: LegendClass): HTMLLIElement {
  return el(
    'li',
    {},
    el('span', {
      class: entry.colour ? 'swatch' : 'swatch hatch',
      style: entry.colour ? `background:${entry.colour}` : '',
      'aria-hidden': 'true',
    }),
    entry.label,
  );
}

/** The classes of a choropleth in legend order, ending with the no-data class. */
export function legendClasses(
  meta: IndicatorMeta,
  c: ChoroplethResult,
  palette: PaletteId,
): LegendClass[] {
  const better = meta.polarity === 'higher-is-better';
  const out: LegendClass[] = [];
  for (let i = 0; i < c.k; i++) {
    const lo = i === 0 ? c.min : c.breaks[i - 1];
    const hi = i === c.k - 1 ? c.max : c.breaks[i];
    const label =
      c.method === 'decile'
        ? `Decile ${i + 1}${i === 0 ? ' (most deprived)' : i === 9 ? ' (least deprived)' : ''}`
        : `${formatValue(meta, lo)} to ${formatValue(meta, hi)}`;
    const count = Array.from(c.classes).filter((x) => x === i).length;
    out.push({ colour: colourForClass(palette, c.k, i, better), label: `${label} (${count})` });
  }
  const missing = Array.from(c.classes).filter((x) => x === -1).length;
  out.push({ colour: null, label: `No data (${missing})` });
  return out;
}

/** The legend: classes with their ranges, which end is worse, the method and no-data hatch. */
export function renderLegend(
  root: HTMLElement,
  meta: IndicatorMeta,
  c: ChoroplethResult,
  palette: PaletteId,
  geographyLabel: string,
): void {
  const items = legendClasses(meta, c, palette).map(legendItem);
  root.replaceChildren(
    el('h2', { text: meta.label }),
    el('p', {
      class: 'legend-unit',
      text: `${meta.unit} by ${geographyLabel}. Darker = worse (${meta.polarity === 'higher-is-better' ? 'lower values are worse' : meta.polarity === 'higher-is-worse' ? 'higher values are worse' : 'higher values'}).`,
    }),
    el('ul', { class: 'legend-classes' }, ...items),
    el('p', { class: 'legend-method', text: `Classes: ${CLASS_METHOD_LABELS[c.method]}.` }),
  );
}
