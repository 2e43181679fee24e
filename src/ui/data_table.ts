/**
 * The data table printed beside a chart: a caption, column headings and rows, every cell set
 * as text. Numbers are right-aligned through the `num` class.
 */
import { el } from './dom.ts';

export interface DataColumn {
  label: string;
  numeric?: boolean;
}

export function dataTable(
  caption: string,
  columns: readonly DataColumn[],
  rows: readonly (readonly string[])[],
  attrs: Record<string, string> = {},
): HTMLTableElement {
  return el(
    'table',
    { class: 'data-table report-data', ...attrs },
    el('caption', { text: caption }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...columns.map((c) =>
          el('th', { scope: 'col', class: c.numeric ? 'num' : '', text: c.label }),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...rows.map((r) =>
        el(
          'tr',
          {},
          ...r.map((cell, i) =>
            i === 0
              ? el('th', { scope: 'row', text: cell })
              : el('td', { class: columns[i]?.numeric ? 'num' : '', text: cell }),
          ),
        ),
      ),
    ),
  );
}

/** The data of a chart on screen, folded under it so the chart keeps its place. */
export function chartData(
  caption: string,
  columns: readonly DataColumn[],
  rows: readonly (readonly string[])[],
): HTMLDetailsElement {
  return el(
    'details',
    { class: 'chart-data' },
    el('summary', { text: 'Data table' }),
    dataTable(caption, columns, rows),
  );
}
