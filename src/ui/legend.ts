import type { IndicatorMeta } from '../contracts/manifest.ts';
import { CLASS_METHOD_LABELS } from '../../workers/classify.ts';
import type { ChoroplethResult } from '../../workers/atlas_data_api.ts';
import { formatValue } from '../atlas_model.ts';
import { colourForClass, type PaletteId } from '../map/palettes.ts';
import { el } from './dom.ts';

/** The legend: classes with their ranges, which end is worse, the method and no-data hatch. */
export function renderLegend(
  root: HTMLElement,
  meta: IndicatorMeta,
  c: ChoroplethResult,
  palette: PaletteId,
  geographyLabel: string,
): void {
  const better = meta.polarity === 'higher-is-better';
  const items: HTMLElement[] = [];
  for (let i = 0; i < c.k; i++) {
    const lo = i === 0 ? c.min : c.breaks[i - 1];
    const hi = i === c.k - 1 ? c.max : c.breaks[i];
    const label =
      c.method === 'decile'
        ? `Decile ${i + 1}${i === 0 ? ' (most deprived)' : i === 9 ? ' (least deprived)' : ''}`
        : `${formatValue(meta, lo)} to ${formatValue(meta, hi)}`;
    const count = Array.from(c.classes).filter((x) => x === i).length;
    items.push(
      el(
        'li',
        {},
        el('span', {
          class: 'swatch',
          style: `background:${colourForClass(palette, c.k, i, better)}`,
          'aria-hidden': 'true',
        }),
        `${label} (${count})`,
      ),
    );
  }
  const missing = Array.from(c.classes).filter((x) => x === -1).length;
  items.push(
    el(
      'li',
      {},
      el('span', { class: 'swatch hatch', 'aria-hidden': 'true' }),
      `No data (${missing})`,
    ),
  );
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
