/**
 * The "need without assets" list as a planner uses it ("which 10 LSOAs most need a food
 * bank"): each LSOA named with its ward and neighbourhood, sortable by population, deprivation
 * or distance to the nearest asset, and downloadable as CSV with its method and sources.
 */
import { writeCsv } from '../../workers/csv/write_csv.ts';
import { download, el } from '../ui/dom.ts';
import { count, distance } from './format.ts';

export interface NeedRow {
  code: string;
  /** The LSOA's name with its ward and neighbourhood. */
  name: string;
  population: number;
  /** Straight-line metres to the nearest asset; Infinity for none within 20 km. */
  nearestMetres: number;
  /** Deprivation score (higher = more deprived) and national decile, where known. */
  score: number | null;
  decile: number | null;
}

export const NEED_SORTS = {
  population: 'population, largest first',
  deprivation: 'deprivation, most deprived first',
  distance: 'distance to the nearest, farthest first',
} as const;
export type NeedSort = keyof typeof NEED_SORTS;

export function sortNeed(rows: readonly NeedRow[], by: NeedSort): NeedRow[] {
  const key = (r: NeedRow) =>
    by === 'population'
      ? r.population
      : by === 'deprivation'
        ? (r.score ?? -Infinity)
        : r.nearestMetres;
  return [...rows].sort((a, b) => key(b) - key(a) || a.code.localeCompare(b.code));
}

export interface NeedListText {
  /** "pharmacies" */
  category: string;
  /** "800 m" */
  reach: string;
  /** "IMD 2019" */
  deprivationLabel: string;
  /** The method and source lines, for the CSV's foot. */
  method: string;
}

/** The list as CSV with the shared writer (text quoted and guarded against formulas). */
export function needCsv(rows: readonly NeedRow[], text: NeedListText): string {
  return writeCsv([
    [
      'rank',
      'lsoa_code',
      'name_ward_neighbourhood',
      'population',
      `${text.deprivationLabel} score`,
      `${text.deprivationLabel} national decile`,
      'nearest_metres',
    ],
    ...rows.map((r, i) => [
      i + 1,
      r.code,
      r.name,
      Math.round(r.population),
      r.score,
      r.decile,
      Number.isFinite(r.nearestMetres) ? Math.round(r.nearestMetres) : null,
    ]),
    [],
    [`Core20 LSOAs with no ${text.category} within ${text.reach}. ${text.method}`],
  ]);
}

/** The sort control, the CSV button and the list (`ol#catch-unreached`, one button per LSOA). */
export function needList(
  rows: readonly NeedRow[],
  text: NeedListText & { fileName: string },
  onSelect: (code: string) => void,
): HTMLElement {
  const sort = el(
    'select',
    { id: 'catch-sort' },
    ...(Object.keys(NEED_SORTS) as NeedSort[]).map((k) =>
      el('option', { value: k, text: NEED_SORTS[k] }),
    ),
  );
  const list = el('ol', { id: 'catch-unreached' });
  const fill = () => {
    list.replaceChildren(
      ...sortNeed(rows, sort.value as NeedSort).map((r) => {
        const b = el('button', {
          type: 'button',
          'data-code': r.code,
          text: `${r.name} (${r.code}): ${count(r.population)} people; ${text.deprivationLabel} score ${r.score?.toFixed(1) ?? 'none'}; nearest ${distance(Number.isFinite(r.nearestMetres) ? r.nearestMetres : null)}`,
        });
        b.onclick = () => onSelect(r.code);
        return el('li', {}, b);
      }),
    );
  };
  sort.onchange = fill;
  fill();
  const csv = el('button', { type: 'button', id: 'catch-csv', text: 'Download CSV' });
  csv.onclick = () =>
    download(text.fileName, 'text/csv', needCsv(sortNeed(rows, sort.value as NeedSort), text));
  return el(
    'div',
    { class: 'need-list' },
    el('label', { for: 'catch-sort', text: 'Sort by ' }),
    sort,
    ' ',
    csv,
    list,
  );
}
