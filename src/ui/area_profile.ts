import type { GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta } from '../../contracts/manifest.ts';
import type { AtlasModel } from '../atlas_model.ts';
import { formatValue, ordinal } from '../atlas_model.ts';
import { rankWorstFirst } from '../../workers/atlas/classify.ts';
import { placeOf } from '../places/area_names.ts';
import { el } from './dom.ts';
import { rowSignificance, significanceBlock } from './profile_significance.ts';
import { VERDICT_COLOURS } from './significance_style.ts';
import type { Comparison } from '../../workers/significance/compare.ts';

export interface ProfileAssets {
  layer: string;
  names: string[];
  /** Where each named asset is, lon/lat, in the same order. */
  at: [number, number][];
}

/**
 * The profile of one area: every indicator available at its geography with value, rank within
 * the authority and a spine bar (authority range, area value, authority value), its
 * population, its assets and a copyable link.
 */
export function renderProfile(
  root: HTMLElement,
  model: AtlasModel,
  g: GeographyId,
  index: number,
  assets: ProfileAssets[],
  link: string,
  onClose: () => void,
): void {
  const t = model.table(g);
  const code = t.codes[index] ?? '';
  const name = t.names[index] ?? code;
  const pop = model.value(g, model.populationId(g), index);
  const close = el('button', {
    type: 'button',
    class: 'close',
    'aria-label': 'Close the area profile',
    text: '×',
  });
  close.onclick = onClose;
  const copy = el('button', { type: 'button', text: 'Copy link' });
  copy.onclick = () => {
    void navigator.clipboard?.writeText(link).then(() => (copy.textContent = 'Link copied'));
  };
  const rows: HTMLElement[] = [];
  const themes = new Map<string, IndicatorMeta[]>();
  for (const m of model.indicators.values()) {
    if (!t.values[m.id]) continue;
    themes.set(m.theme, [...(themes.get(m.theme) ?? []), m]);
  }
  for (const [theme, metas] of themes) {
    rows.push(
      el('tr', {}, el('th', { colspan: '4', scope: 'colgroup', class: 'theme', text: theme })),
    );
    for (const m of metas) {
      const values = t.values[m.id] ?? [];
      const v = values[index] ?? null;
      const { rank: r, n } = rankAmong(values, index, m);
      rows.push(
        el(
          'tr',
          {},
          el('th', { scope: 'row', text: m.label }),
          el('td', { class: 'num', text: formatValue(m, v) }),
          el('td', { class: 'num', text: r ? `${ordinal(r)} of ${n}` : '' }),
          el(
            'td',
            {},
            spine(
              m,
              values,
              v,
              model.authorityValue(m.id),
              rowSignificance(model, g, index, m)?.authority?.comparison,
            ),
          ),
        ),
      );
    }
  }
  const assetList = assets.filter((a) => a.names.length > 0);
  root.replaceChildren(
    el('div', { class: 'profile-head' }, el('h2', { id: 'profile-title', text: name }), close),
    ...(placeOf(code) ? [el('p', { class: 'profile-place', text: `In ${placeOf(code)}` })] : []),
    el('p', {
      text: `${code} · ${model.manifest.geographies.find((x) => x.id === g)?.label ?? g}${pop !== null ? ` · population ${pop.toLocaleString('en-GB')}` : ''}`,
    }),
    ...nationalDeciles(model, g, index),
    el('p', {}, copy),
    el('h3', { text: 'Community assets here' }),
    assetList.length
      ? el(
          'ul',
          {},
          ...assetList.map((a) => el('li', { text: `${a.layer}: ${a.names.join(', ')}` })),
        )
      : el('p', { text: 'None of the mapped assets lie in this area.' }),
    el('h3', { text: 'Indicators' }),
    el('p', {
      class: 'hint',
      text: 'Rank within the authority, 1 = worst. Bar: range of the authority\u2019s areas; dot: this area; line: the authority as a whole. England values for these small-area indicators are not in the source data: national deciles place an LSOA against all of England.',
    }),
    el(
      'table',
      { class: 'profile-table' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col', text: 'Indicator' }),
          el('th', { scope: 'col', text: 'Value' }),
          el('th', { scope: 'col', text: 'Rank' }),
          el('th', { scope: 'col', text: 'Spine' }),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
    significanceBlock(model, g, index, () =>
      renderProfile(root, model, g, index, assets, link, onClose),
    ),
  );
}

/** Rank of area `index` among the areas with a value, 1 = worst (0 = no value), and their count. */
export function rankAmong(
  values: readonly (number | null)[],
  index: number,
  meta: IndicatorMeta,
): { rank: number; n: number } {
  const ranks = rankWorstFirst(
    Float64Array.from(values, (x) => (x === null ? NaN : x)),
    meta.polarity !== 'higher-is-better',
  );
  return { rank: ranks[index] ?? 0, n: values.filter((x) => x !== null).length };
}

/**
 * A small spine bar: min-max of the authority's areas, this area's dot, the authority's line.
 * With a comparison (profile_significance.ts) the dot is Fingertips' significance: ▲ or ▼ in the
 * verdict's colour where the area differs from the authority, a grey dot where it is similar.
 */
export function spine(
  m: IndicatorMeta,
  values: (number | null)[],
  v: number | null,
  authority: number | null,
  comparison?: Comparison,
): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '90');
  svg.setAttribute('height', '14');
  // A viewBox lets the print pages size it in millimetres without cutting off the ends.
  svg.setAttribute('viewBox', '0 0 90 14');
  svg.setAttribute('role', 'img');
  const present = values.filter((x): x is number => x !== null);
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  const x = (val: number) => 4 + (hi > lo ? ((val - lo) / (hi - lo)) * 82 : 41);
  svg.setAttribute(
    'aria-label',
    `${formatValue(m, v)} within the authority range ${formatValue(m, lo)} to ${formatValue(m, hi)}${authority !== null ? `, authority ${formatValue(m, authority)}` : ''}${comparison ? `; ${comparison.verdict} than the authority` : ''}`,
  );
  const bar = document.createElementNS(ns, 'rect');
  Object.entries({ x: '4', y: '4', width: '82', height: '6', fill: '#d9d9d9' }).forEach(
    ([k, val]) => bar.setAttribute(k, val),
  );
  svg.append(bar);
  if (authority !== null && Number.isFinite(authority)) {
    const line = document.createElementNS(ns, 'line');
    Object.entries({
      x1: String(x(authority)),
      x2: String(x(authority)),
      y1: '1',
      y2: '13',
      stroke: '#000',
      'stroke-width': '1.5',
    }).forEach(([k, val]) => line.setAttribute(k, val));
    svg.append(line);
  }
  if (v !== null && comparison && comparison.direction !== 'similar') {
    const mark = document.createElementNS(ns, 'path');
    const up = comparison.direction === 'higher';
    const cx = x(v);
    Object.entries({
      d: up ? `M${cx},1.5L${cx + 4},12L${cx - 4},12Z` : `M${cx},12.5L${cx + 4},2L${cx - 4},2Z`,
      fill: VERDICT_COLOURS[comparison.verdict],
      stroke: '#000',
      'stroke-width': '0.8',
      class: 'spine-mark',
      'data-verdict': comparison.verdict,
    }).forEach(([k, val]) => mark.setAttribute(k, val));
    svg.append(mark);
  } else if (v !== null) {
    const dot = document.createElementNS(ns, 'circle');
    const fill = comparison ? VERDICT_COLOURS.similar : '#5e3c99';
    Object.entries({
      cx: String(x(v)),
      cy: '7',
      r: '4',
      fill,
      stroke: comparison ? '#000' : '#fff',
    }).forEach(([k, val]) => dot.setAttribute(k, val));
    svg.append(dot);
  }
  return svg;
}

/** National IMD deciles where meaningful: published for LSOAs (1 = most deprived 10% in England). */
function nationalDeciles(model: AtlasModel, g: GeographyId, index: number): HTMLElement[] {
  if (!g.startsWith('lsoa')) return [];
  const parts: string[] = [];
  for (const [id, label] of [
    ['imd2019_decile', 'IMD 2019'],
    ['imd2025_decile', 'IMD 2025'],
  ] as const) {
    const d = model.value(g, id, index);
    if (d !== null) parts.push(`${label} decile ${d}`);
  }
  if (parts.length === 0) return [];
  return [
    el('p', {
      class: 'deciles',
      text: `National deprivation: ${parts.join(', ')} (1 = most deprived 10% of England)${g === 'lsoa21' ? '; IMD 2019 carried from the 2011 LSOA' : ''}.`,
    }),
  ];
}
