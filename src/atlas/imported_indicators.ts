import { wrap } from 'comlink';
import type { ImportApi, ImportedIndicator, KnownCodes } from '../../workers/import_api.ts';
import type { AtlasModel } from '../atlas_model.ts';
import { setAreaLimits } from '../gap/area_limits.ts';
import {
  createImportedIndicatorStore,
  type ImportedIndicatorStore,
} from '../storage/imported_indicator_store.ts';
import { openImportedIndicatorStore } from '../storage/indexeddb_record_backend.ts';
import { MemoryRecordBackend } from '../storage/memory_record_backend.ts';
import { el } from '../ui/dom.ts';
import { ImportPanel, levelOfGeography } from '../ui/import_panel.ts';
import type { Level } from '../state/view_state.ts';

export interface ImportActions {
  added(ind: ImportedIndicator, show: boolean): Promise<void>;
  removed(id: string): Promise<void>;
  notice(message: string): void;
}

/**
 * "Import your own indicator": the panel, its worker, and the indicators a user imported
 * earlier (kept in IndexedDB, or in memory where the browser refuses storage).
 */
export async function startImportedIndicators(
  model: AtlasModel,
  act: ImportActions,
): Promise<void> {
  const root = el('details', { id: 'import-panel', class: 'control import-panel' });
  document.querySelector('nav.controls')?.append(root);
  const api = wrap<ImportApi>(
    new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module' }),
  );
  let store: ImportedIndicatorStore;
  try {
    store = await openImportedIndicatorStore();
  } catch (err) {
    // Private windows may refuse IndexedDB: imports then last until the page closes.
    act.notice(
      `Imported indicators cannot be kept in this browser (${(err as Error).message}); they will last until the page is closed.`,
    );
    store = createImportedIndicatorStore(new MemoryRecordBackend());
  }
  const known = () =>
    Object.fromEntries(
      Object.entries(model.tables).map(([g, t]) => [g, t?.codes ?? []]),
    ) as KnownCodes;
  const panel = new ImportPanel(
    root,
    api,
    store,
    known,
    model.manifest.area.name,
    (ind) => act.added(ind, true),
    (id) => act.removed(id),
  );
  for (const ind of await panel.start()) await act.added(ind, false);
}

/**
 * Puts an imported indicator's values into the model's table of its geography, in table order
 * (areas the file does not name get no value). Null when the atlas has no such geography.
 */
export function joinImported(
  model: AtlasModel,
  ind: ImportedIndicator,
): { level: Level; values: (number | null)[] } | null {
  const level = levelOfGeography(ind.geography);
  const table = model.tables[ind.geography];
  if (!level || !table) return null;
  const byCode = new Map(ind.codes.map((c, i) => [c, ind.values[i] ?? null]));
  const values = table.codes.map((c) => byCode.get(c) ?? null);
  table.values[ind.meta.id] = values;
  // firstuse: the file's limits for each area, for the gap view's range (src/gap/).
  const column = (col: (number | null)[] | undefined) => {
    const m = new Map(ind.codes.map((c, i) => [c, col?.[i] ?? null]));
    return table.codes.map((c) => m.get(c) ?? null);
  };
  setAreaLimits(
    ind.meta.id,
    ind.lower && ind.upper
      ? {
          lower: column(ind.lower),
          upper: column(ind.upper),
          interval: ind.interval ?? 'as supplied',
        }
      : null,
  );
  model.addIndicator(ind.meta);
  return { level, values };
}
