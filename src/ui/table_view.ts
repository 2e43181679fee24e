import type { IndicatorMeta, IndicatorTable } from '../../contracts/manifest.ts';
import { formatValue } from '../atlas_model.ts';
import { download, el } from './dom.ts';
import type { TableRow } from './table_csv.ts';

export type { TableRow };

type SortKey = 'name' | 'code' | 'value' | 'rank' | 'decile';

/**
 * Sortable table of the indicator on screen: the accessible alternative to the map. Rows are
 * focusable; Enter or Space selects the area.
 */
export class TableView {
  private sort: { key: SortKey; asc: boolean } = { key: 'rank', asc: true };
  private rows: TableRow[] = [];
  private meta: IndicatorMeta | null = null;
  private caption = '';
  private selected: string | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly onSelect: (code: string) => void,
    private readonly onHover: (code: string | undefined) => void,
  ) {}

  update(
    meta: IndicatorMeta,
    table: IndicatorTable,
    ranks: Int32Array,
    deciles: (number | null)[] | null,
    caption: string,
  ): void {
    this.meta = meta;
    this.caption = caption;
    this.rows = table.codes.map((code, i) => ({
      index: i,
      code,
      name: table.names[i] ?? code,
      value: table.values[meta.id]?.[i] ?? null,
      rank: ranks[i] ?? 0,
      decile: deciles?.[i] ?? null,
    }));
    this.render();
  }

  select(code: string | undefined): void {
    this.selected = code;
    for (const tr of this.root.querySelectorAll<HTMLTableRowElement>('tbody tr'))
      tr.setAttribute('aria-selected', String(tr.dataset.code === code));
  }

  /** The table as CSV, in the order on screen; the writer loads when first used. */
  async toCsv(): Promise<string> {
    if (!this.meta) return '';
    const { tableCsv } = await import('./table_csv.ts');
    return tableCsv(this.meta, this.sorted());
  }

  async exportCsv(fileName: string): Promise<void> {
    download(fileName, 'text/csv', await this.toCsv());
  }

  private sorted(): TableRow[] {
    const { key, asc } = this.sort;
    const val = (r: TableRow) =>
      key === 'rank'
        ? r.rank || Infinity
        : key === 'value'
          ? (r.value ?? -Infinity)
          : key === 'decile'
            ? (r.decile ?? Infinity)
            : r[key];
    return [...this.rows].sort((a, b) => {
      const x = val(a);
      const y = val(b);
      const c =
        typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : Number(x) - Number(y);
      return asc ? c : -c;
    });
  }

  private render(): void {
    const m = this.meta;
    if (!m) return;
    const header = (key: SortKey, label: string) => {
      const btn = el('button', { type: 'button', class: 'sort', text: label });
      btn.onclick = () => {
        this.sort = { key, asc: this.sort.key === key ? !this.sort.asc : true };
        this.render();
      };
      const th = el('th', { scope: 'col' }, btn);
      if (this.sort.key === key)
        th.setAttribute('aria-sort', this.sort.asc ? 'ascending' : 'descending');
      return th;
    };
    const body = el('tbody');
    for (const r of this.sorted()) {
      const tr = el(
        'tr',
        { tabindex: '0', 'data-code': r.code, 'aria-selected': String(r.code === this.selected) },
        el('td', { text: r.name }),
        el('td', { text: r.code }),
        el('td', { class: 'num', text: formatValue(m, r.value) }),
        el('td', { class: 'num', text: r.rank ? String(r.rank) : '' }),
        el('td', { class: 'num', text: r.decile === null ? '' : String(r.decile) }),
      );
      tr.onclick = () => this.onSelect(r.code);
      tr.onkeydown = (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          this.onSelect(r.code);
        }
      };
      tr.onmouseenter = () => this.onHover(r.code);
      tr.onmouseleave = () => this.onHover(undefined);
      body.append(tr);
    }
    this.root.replaceChildren(
      el(
        'table',
        { class: 'data-table' },
        el('caption', { text: this.caption }),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            header('name', 'Area'),
            header('code', 'Code'),
            header('value', m.unit),
            header('rank', 'Rank (1 = worst)'),
            header('decile', 'National IMD decile'),
          ),
        ),
        body,
      ),
    );
  }
}
