/** The data tables after the one-pager, rendered from `data_tables_model.ts`. */
import { computedLeDefinition } from './computed_le_sii.ts';
import { dataTable } from '../ui/data_table.ts';
import { el } from '../ui/dom.ts';
import {
  areaTable,
  headlineTrendTable,
  localityTable,
  siiGroupTable,
  siiMethodNote,
  type TableModel,
} from './data_tables_model.ts';
import type { OnePagerInput } from './one_pager_model.ts';

function table(t: TableModel): HTMLElement {
  return dataTable(t.caption, t.columns, t.rows, { id: t.id });
}

export function dataTablePage(input: OnePagerInput): HTMLElement {
  const { view } = input;
  const tables: HTMLElement[] = [];
  if (typeof input.headline !== 'string')
    tables.push(table(headlineTrendTable(view, input.headline)));
  if (input.sii !== 'pending' && input.sii.ok)
    tables.push(
      table(siiGroupTable(view, input.sii.value)),
      el('p', {
        class: 'rp-note',
        text: siiMethodNote(
          view,
          input.sii.value,
          input.computedLe ? computedLeDefinition(input.computedLe) : undefined,
        ),
      }),
    );
  const localities = localityTable(view);
  if (localities) tables.push(table(localities));
  tables.push(table(areaTable(view)));
  return el(
    'article',
    { class: 'report-page rp-tables' },
    el('h1', { class: 'rp-title', text: `Data tables: ${input.title}` }),
    ...tables,
  );
}
