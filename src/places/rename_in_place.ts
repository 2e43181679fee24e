import type { AtlasModel } from '../atlas_model.ts';
import { nameWithPlace } from './area_names.ts';

/**
 * Once LSOA context has loaded, the names already drawn (table rows, gap chart dots) gain their
 * ward and neighbourhood in place: a few hundred text nodes, instead of a whole redraw that
 * would hold up the first interactions. Anything drawn later uses `nameWithPlace` itself.
 */
export function renameInPlace(model: AtlasModel, root: Document = document): void {
  const base = new Map<string, string>();
  for (const g of ['lsoa11', 'lsoa21'] as const) {
    const t = model.tables[g];
    t?.codes.forEach((c, i) => base.set(c, t.names[i] ?? c));
  }
  for (const tr of root.querySelectorAll<HTMLTableRowElement>('#table-view tr[data-code]')) {
    const name = base.get(tr.dataset.code ?? '');
    const cell = tr.cells[0];
    if (name && cell && cell.textContent === name)
      cell.textContent = nameWithPlace(tr.dataset.code ?? '', name);
  }
  for (const c of root.querySelectorAll<SVGCircleElement>('#gap-chart circle[data-code]')) {
    const code = c.dataset.code ?? '';
    const name = base.get(code);
    const title = c.querySelector('title');
    if (name && title?.textContent?.startsWith(`${name}:`))
      title.textContent = nameWithPlace(code, name) + title.textContent.slice(name.length);
  }
}
