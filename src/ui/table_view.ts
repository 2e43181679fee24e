import type { IndicatorMeta, IndicatorTable } from '../../contracts/manifest.ts';
import { formatValue } from '../atlas_model.ts';
import { nameWithPlace } from '../places/area_names.ts';
import { download, el } from './dom.ts';
import type { TableRow } from './table_csv.ts';

export type { TableRow };

type SortKey = 'name' | 'code' | 'value' | 'rank' | 'decile';

/**
 * Sortable table of the indicator on screen: the accessible alternative to the map. One row is
 * in the tab order (the selected one, else the first); arrow keys, Home and End move between
 * rows; Enter or Space selects the area, and `restoreFocus` brings focus back to that row when
 * its profile closes. LSOA names carry their ward and neighbourhood once those are known.
 */
export class TableView {
  private sort: { key: SortKey; asc: boolean } = { key: 'rank', asc: true };
  private rows: TableRow[] = [];
  private meta: IndicatorMeta | null = null;
  private caption = '';
  private selected: string | undefined;
  /** The row a selection was made from, to return focus to when the profile closes. */
  private returnTo: string | undefined;

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
      name: nameWithPlace(code, table.names[i] ?? code),
      value: table.values[meta.id]?.[i] ?? null,
      rank: ranks[i] ?? 0,
      decile: deciles?.[i] ?? null,
    }));
    this.render();
  }

  select(code: string | undefined): void {
    this.selected = code;
    const rows = [...this.root.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    for (const tr of rows) tr.setAttribute('aria-selected', String(tr.dataset.code === code));
    this.setTabStop(rows.find((tr) => tr.dataset.code === code) ?? rows[0]);
  }

  /** Focus back on the row the last selection was made from (after its profile closed). */
  restoreFocus(): void {
    const code = this.returnTo;
    this.returnTo = undefined;
    if (!code) return;
    const tr = this.root.querySelector<HTMLTableRowElement>(`tbody tr[data-code="${code}"]`);
    if (!tr) return;
    this.setTabStop(tr);
    tr.focus();
  }

  private setTabStop(row: HTMLTableRowElement | undefined): void {
    for (const tr of this.root.querySelectorAll<HTMLTableRowElement>('tbody tr'))
      tr.tabIndex = tr === row ? 0 : -1;
  }

  /** Arrow keys, Home and End move focus between rows. */
  private moveFocus(from: HTMLTableRowElement, key: string): boolean {
    const rows = [...this.root.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    const i = rows.indexOf(from);
    const j =
      key === 'ArrowDown'
        ? i + 1
        : key === 'ArrowUp'
          ? i - 1
          : key === 'Home'
            ? 0
            : key === 'End'
              ? rows.length - 1
              : key === 'PageDown'
                ? i + 10
                : key === 'PageUp'
                  ? i - 10
                  : null;
    if (j === null) return false;
    const to = rows[Math.max(0, Math.min(rows.length - 1, j))];
    if (to) {
      this.setTabStop(to);
      to.focus();
    }
    return true;
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
        { tabindex: '-1', 'data-code': r.code, 'aria-selected': String(r.code === this.selected) },
        el('td', { text: r.name }),
        el('td', { text: r.code }),
        el('td', { class: 'num', text: formatValue(m, r.value) }),
        el('td', { class: 'num', text: r.rank ? String(r.rank) : '' }),
        el('td', { class: 'num', text: r.decile === null ? '' : String(r.decile) }),
      );
      tr.onclick = () => {
        this.returnTo = r.code;
        this.onSelect(r.code);
      };
      tr.onkeydown = (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          this.returnTo = r.code;
          this.onSelect(r.code);
        } else if (this.moveFocus(tr, e.key)) e.preventDefault();
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
    const rows = [...body.querySelectorAll<HTMLTableRowElement>('tr')];
    this.setTabStop(rows.find((tr) => tr.dataset.code === this.selected) ?? rows[0]);
  }
}
