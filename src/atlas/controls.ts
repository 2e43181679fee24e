import { GEOGRAPHY_LEVELS, type GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta, LayerMeta } from '../../contracts/manifest.ts';
import {
  CLASS_METHOD_LABELS,
  CLASS_METHODS,
  type ClassMethod,
} from '../../workers/atlas/classify.ts';
import type { ChoroplethResult } from '../../workers/atlas/atlas_data_api.ts';
import { LAYER_COLOURS } from '../map/point_layers.ts';
import { PALETTE_IDS, PALETTES } from '../map/palettes.ts';
import type { Level, ViewState } from '../state/view_state.ts';
import type { AtlasModel } from '../atlas_model.ts';
import { byId, el } from '../ui/dom.ts';
import { renderIndicatorPicker, renderUnavailable } from '../ui/indicator_picker.ts';

/** What the controls ask of the atlas. */
export interface ControlActions {
  update(change: Partial<ViewState>): void;
  /** The search box's text, on Enter or on picking a suggestion. */
  search(query: string): void;
  exportCsv(): void;
}

const radios = (name: string) =>
  document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`);

/**
 * The side column's controls: indicator, level, classes, palette, order, layers, search and
 * CSV export. Built once; `syncControls` sets them from the view after every render.
 */
export function wireControls(state: ViewState, layers: LayerMeta[], act: ControlActions): void {
  wireClassControls(CLASS_METHODS, act.update);
  for (const r of radios('level')) r.onchange = () => act.update({ level: r.value as Level });
  for (const r of radios('order'))
    r.onchange = () => act.update({ order: r.value as ViewState['order'] });
  const box = byId('layers');
  const on = new Set((state.layers ?? '').split(',').filter(Boolean));
  // firstuse: a layer with nothing in this area gets no checkbox ("GP practices (0)" said
  // nothing useful in a Knowsley build); one line says which layers the data lacks here.
  for (const l of layers.filter((x) => x.count > 0)) {
    const check = el('input', { type: 'checkbox', value: l.id });
    check.checked = on.has(l.id);
    check.onchange = () => {
      const now = [...box.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
      act.update({ layers: now.join(',') });
    };
    box.append(
      el(
        'label',
        {},
        check,
        ' ',
        el('span', {
          class: 'layer-key',
          style: `background:${LAYER_COLOURS[l.id] ?? '#444'}`,
          'aria-hidden': 'true',
        }),
        `${l.label} (${l.count})`,
      ),
    );
  }
  const empty = layers.filter((l) => l.count === 0);
  if (empty.length)
    box.append(
      el('p', {
        class: 'hint layers-missing',
        text: `Not in the data for this area: ${empty.map((l) => `${l.label}, as ${l.coverage.replace(/^None: (the )?/, 'the ').replace(/\.$/, '')}`).join('; ')}.`,
      }),
    );
  byId<HTMLInputElement>('area-search').onchange = (e) =>
    act.search((e.target as HTMLInputElement).value.trim());
  byId('export-csv').onclick = () => act.exportCsv();
}

/**
 * The indicator list and the class method, number and palette selects: the atlas and the
 * England overview share them (the overview offers no national deciles of its own).
 */
export function wireClassControls(
  methods: readonly ClassMethod[],
  update: (change: Partial<ViewState>) => void,
): void {
  const cls = byId<HTMLSelectElement>('cls');
  cls.replaceChildren(
    ...methods.map((m) => el('option', { value: m, text: CLASS_METHOD_LABELS[m] })),
  );
  const k = byId<HTMLSelectElement>('k');
  k.replaceChildren(
    ...[3, 4, 5, 6, 7, 8, 9].map((n) => el('option', { value: String(n), text: String(n) })),
  );
  const pal = byId<HTMLSelectElement>('pal');
  pal.replaceChildren(
    ...PALETTE_IDS.map((p) => el('option', { value: p, text: PALETTES[p].label })),
  );
  cls.onchange = () => update({ cls: cls.value as ViewState['cls'] });
  k.onchange = () => update({ k: Number(k.value) });
  pal.onchange = () => update({ pal: pal.value as ViewState['pal'] });
  byId<HTMLSelectElement>('ind-select').onchange = (e) =>
    update({ ind: (e.target as HTMLSelectElement).value });
}

/** Levels an indicator can be drawn at, with a note when some are missing. */
export function syncLevels(level: Level, available: Level[], meta: IndicatorMeta): void {
  for (const r of radios('level')) {
    r.disabled = !available.includes(r.value as Level);
    r.checked = r.value === level;
  }
  byId('level-note').textContent =
    available.length < 3
      ? `${meta.label} is published for ${available.map((l) => l.toUpperCase()).join(', ') || 'no area'} only: ranks and deciles cannot be averaged over bigger areas.`
      : '';
}

/** Sets every control from the view just drawn. */
export function syncControls(state: ViewState, meta: IndicatorMeta, c: ChoroplethResult): void {
  byId<HTMLSelectElement>('ind-select').value = meta.id;
  const cls = byId<HTMLSelectElement>('cls');
  cls.value = c.method;
  cls.disabled = meta.kind === 'decile';
  // National deciles are the published decile column itself: only offered for one.
  const decileOption = cls.querySelector<HTMLOptionElement>('option[value="decile"]');
  if (decileOption) decileOption.disabled = meta.kind !== 'decile';
  const k = byId<HTMLSelectElement>('k');
  k.value = String(state.k);
  k.disabled = meta.kind === 'decile';
  byId<HTMLSelectElement>('pal').value = state.pal;
  for (const r of radios('order')) r.checked = r.value === state.order;
}

/** The search box's suggestions: every area of the geography on screen. */
export function fillAreaList(names: readonly string[], codes: readonly string[]): void {
  byId('area-list').replaceChildren(
    ...codes.map((code, i) => el('option', { value: `${names[i] ?? code} (${code})` })),
  );
}

/** The index of the area a search names (code, name, or "name (code)"), or -1. */
export function findArea(
  query: string,
  names: readonly string[],
  codes: readonly string[],
): number {
  const q = query.toLowerCase();
  return codes.findIndex(
    (c, j) =>
      c.toLowerCase() === q ||
      (names[j] ?? '').toLowerCase() === q ||
      `${names[j]} (${c})`.toLowerCase() === q,
  );
}

export function noAreaMessage(query: string, g: GeographyId, areaName: string): string {
  return `No ${GEOGRAPHY_LEVELS[g].label} called "${query}" in ${areaName}.`;
}

/** The indicator picker, and the indicators this authority cannot have, with their reasons. */
export function renderIndicatorChoices(model: AtlasModel, selected: string): void {
  renderIndicatorPicker(
    byId<HTMLSelectElement>('ind-select'),
    byId<HTMLInputElement>('ind-search'),
    model.indicators.values(),
    selected,
  );
  let box = document.getElementById('ind-unavailable');
  if (!box) {
    box = el('div', { id: 'ind-unavailable' });
    byId('ind-select').after(box);
  }
  renderUnavailable(box, model.manifest.unavailable, model.manifest.area.name);
}
