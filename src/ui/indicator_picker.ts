import type { IndicatorMeta, UnavailableIndicator } from '../../contracts/manifest.ts';
import { el } from './dom.ts';

const THEME_ORDER = [
  'Deprivation',
  'Health',
  'Population',
  'Start Well',
  'Live Well',
  'Age Well',
  'Imported',
];

/**
 * A native <select> grouped by theme, filtered by a search box: keyboard and screen-reader
 * behaviour come with the platform.
 */
export function renderIndicatorPicker(
  select: HTMLSelectElement,
  search: HTMLInputElement,
  indicators: Iterable<IndicatorMeta>,
  selected: string,
): void {
  const all = [...indicators];
  const fill = () => {
    const q = search.value.trim().toLowerCase();
    const matches = all.filter(
      (m) => !q || `${m.label} ${m.theme} ${m.definition} ${m.source}`.toLowerCase().includes(q),
    );
    const themes = [...new Set(matches.map((m) => m.theme))].sort((a, b) => rank(a) - rank(b));
    select.replaceChildren(
      ...themes.map((t) =>
        el(
          'optgroup',
          { label: t },
          ...matches
            .filter((m) => m.theme === t)
            .map((m) => {
              const o = el('option', { value: m.id, text: m.label });
              if (m.id === selected) o.selected = true;
              return o;
            }),
        ),
      ),
    );
    select.dataset.matches = String(matches.length);
  };
  search.oninput = fill;
  fill();
}

function rank(theme: string): number {
  const i = THEME_ORDER.indexOf(theme);
  return i < 0 ? 99 : i;
}

/** Definition, unit, source, period, vintage and the method at the geography shown. */
export function renderIndicatorMeta(
  root: HTMLElement,
  meta: IndicatorMeta,
  method: string | undefined,
): void {
  root.replaceChildren(
    el('p', { text: meta.definition }),
    el(
      'dl',
      { class: 'meta' },
      el('dt', { text: 'Unit' }),
      el('dd', { text: meta.unit }),
      el('dt', { text: 'Source' }),
      el('dd', { text: meta.source }),
      el('dt', { text: 'Period' }),
      el('dd', { text: meta.period }),
      el('dt', { text: 'Vintage' }),
      el('dd', { text: meta.vintage }),
      el('dt', { text: 'Method here' }),
      el('dd', { text: method ?? 'not available at this geography' }),
      el('dt', { text: 'Licence' }),
      el('dd', { text: meta.licence }),
    ),
  );
}

/**
 * Indicators this authority's data cannot have (their raw files cover other areas only),
 * listed with the reason under the picker: never offered as a blank map or a zero.
 */
export function renderUnavailable(
  root: HTMLElement,
  unavailable: readonly UnavailableIndicator[],
  areaName: string,
): void {
  root.replaceChildren();
  if (unavailable.length === 0) return;
  const reasons = [...new Set(unavailable.map((u) => u.reason))];
  root.append(
    el(
      'details',
      { class: 'unavailable' },
      el('summary', {
        text: `${unavailable.length} indicators are not available for ${areaName}`,
      }),
      ...reasons.map((reason) =>
        el(
          'div',
          {},
          el('p', { class: 'hint', text: `${capitalise(reason)}:` }),
          el(
            'ul',
            {},
            ...unavailable
              .filter((u) => u.reason === reason)
              .map((u) => el('li', { text: u.label })),
          ),
        ),
      ),
    ),
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
