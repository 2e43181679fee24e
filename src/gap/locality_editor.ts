/**
 * "Your own localities" in the gap view: name two or more localities and put each of the
 * authority's wards in one (a select per ward, so the keyboard does it all), then compare
 * them. The choice goes into the view state (`loc`, src/state/localities_param.ts), so the
 * chart, the gap figures, the reports and the exports use it and a shared link reproduces it.
 * A thin DOM adapter: the encoding, the checks and the north/south suggestion are pure.
 */
import { northSouthHalves } from '../../workers/atlas/gap_summary.ts';
import { LOCALITIES, normaliseName } from '../config/localities.ts';
import type { AtlasView } from '../state/atlas_view.ts';
import {
  decodeLocalities,
  encodeLocalities,
  LocalityGroupsSchema,
  MAX_LOCALITIES,
  MAX_NAME,
} from '../state/localities_param.ts';
import type { ViewState } from '../state/view_state.ts';
import { el } from '../ui/dom.ts';

export interface LocalityHost {
  onViewChange(listener: (view: AtlasView) => void): void;
  update(change: Partial<ViewState>): Promise<void>;
}

interface Ward {
  code: string;
  name: string;
  lat: number | null;
  population: number | null;
}

/** The localities being edited: their names, and each ward's locality (-1: in none). */
export interface Draft {
  names: string[];
  of: Map<string, number>;
}

/** The draft a view starts from: its link's localities, the named ones, or North and South. */
export function draftOf(view: AtlasView, wards: readonly Ward[]): Draft {
  const d = view.state.loc ? decodeLocalities(view.state.loc) : null;
  if (d?.ok)
    return {
      names: d.groups.map((g) => g.name),
      of: new Map(d.groups.flatMap((g, l) => g.wards.map((w) => [w, l] as const))),
    };
  const named = LOCALITIES[view.model.manifest.area.id];
  if (named)
    return {
      names: named.map((l) => l.name.replace(/[^\p{L}\p{N} &'().-]/gu, '')),
      of: new Map(
        wards.map((w) => [
          w.code,
          named.findIndex((l) => l.wards.some((n) => normaliseName(n) === normaliseName(w.name))),
        ]),
      ),
    };
  return { names: ['North', 'South'], of: new Map() };
}

/** The draft as localities for the link, or what is wrong with it in words. */
export function draftToParam(
  draft: Draft,
  wards: readonly Ward[],
): { ok: true; loc: string } | { ok: false; reason: string } {
  const groups = draft.names.map((name, l) => ({
    name: name.trim(),
    wards: wards.filter((w) => draft.of.get(w.code) === l).map((w) => w.code),
  }));
  const empty = groups.find((g) => g.name && !g.wards.length);
  if (empty) return { ok: false, reason: `Put at least one ward in "${empty.name}".` };
  const parsed = LocalityGroupsSchema.safeParse(groups);
  if (!parsed.success) {
    const m = parsed.error.issues[0]?.message ?? 'the localities are not valid';
    return { ok: false, reason: `${m.charAt(0).toUpperCase()}${m.slice(1)}.` };
  }
  return { ok: true, loc: encodeLocalities(parsed.data) };
}

/** Adds the editor under the gap view's order switch and keeps it in step with the view. */
export function startLocalityEditor(host: LocalityHost): void {
  const anchor = document.querySelector('#gap fieldset.inline');
  if (!anchor) return;
  const names = el('ol', { class: 'locality-names' });
  const body = el('tbody');
  const status = el('p', { class: 'locality-status', role: 'status', 'aria-live': 'polite' });
  const button = (id: string, text: string) => el('button', { type: 'button', id, text });
  const add = button('locality-add', 'Add a locality');
  const split = button('locality-split', 'Suggest north and south');
  const apply = button('locality-apply', 'Compare these localities');
  const reset = button('locality-reset', 'Back to the default comparison');
  const box = el(
    'details',
    { id: 'locality-editor', class: 'locality-editor' },
    el('summary', { text: 'Your own localities' }),
    el('p', {
      class: 'hint',
      text: 'Name two or more localities and choose the locality of each ward; the chart, the figures above, the reports and the exports then compare them, and the link keeps them.',
    }),
    names,
    el('p', { class: 'locality-buttons' }, add, split),
    el(
      'table',
      { class: 'locality-wards' },
      el('caption', { text: 'Wards and their locality' }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col', text: 'Ward' }),
          el('th', { scope: 'col', text: 'Locality' }),
        ),
      ),
      body,
    ),
    status,
    el('p', { class: 'locality-buttons' }, apply, reset),
  );
  anchor.after(box);

  let wards: Ward[] = [];
  let draft: Draft = { names: [], of: new Map() };
  let shown: string | undefined | null = null;

  const draw = () => {
    names.replaceChildren(
      ...draft.names.map((n, l) => {
        const input = el('input', {
          type: 'text',
          value: n,
          maxlength: String(MAX_NAME),
          'aria-label': `Name of locality ${l + 1}`,
          'data-locality': String(l),
        });
        input.addEventListener('input', () => {
          draft.names[l] = input.value;
          for (const opt of body.querySelectorAll<HTMLOptionElement>(`option[value="${l}"]`))
            opt.textContent = input.value || `Locality ${l + 1}`;
        });
        const remove = el('button', {
          type: 'button',
          text: 'Remove',
          'aria-label': `Remove locality ${l + 1}`,
        });
        remove.disabled = draft.names.length <= 2;
        remove.onclick = () => {
          draft.names.splice(l, 1);
          for (const [w, i] of draft.of) draft.of.set(w, i === l ? -1 : i > l ? i - 1 : i);
          draw();
        };
        return el('li', {}, input, ' ', remove);
      }),
    );
    add.disabled = draft.names.length >= MAX_LOCALITIES;
    body.replaceChildren(
      ...wards.map((w) => {
        const select = el(
          'select',
          { 'aria-label': `Locality of ${w.name}`, 'data-ward': w.code },
          el('option', { value: '-1', text: 'None' }),
          ...draft.names.map((n, l) =>
            el('option', { value: String(l), text: n || `Locality ${l + 1}` }),
          ),
        );
        select.value = String(draft.of.get(w.code) ?? -1);
        select.onchange = () => {
          draft.of.set(w.code, Number(select.value));
          status.textContent = '';
        };
        return el('tr', {}, el('th', { scope: 'row', text: w.name }), el('td', {}, select));
      }),
    );
  };

  add.onclick = () => {
    draft.names.push(`Locality ${draft.names.length + 1}`);
    draw();
    names.querySelector<HTMLInputElement>('li:last-child input')?.focus();
  };
  split.onclick = () => {
    const half = northSouthHalves(
      wards.map((w) => w.lat),
      wards.map((w) => w.population),
    );
    draft = {
      names: ['North', 'South'],
      of: new Map(wards.map((w, i) => [w.code, half[i] ?? -1])),
    };
    draw();
    status.textContent =
      'Wards split where half the residents live to the north: check, then compare.';
  };
  apply.onclick = () => {
    const r = draftToParam(draft, wards);
    if (!r.ok) {
      status.textContent = r.reason;
      return;
    }
    status.textContent = `Comparing ${draft.names.length} localities.`;
    void host.update({ loc: r.loc });
  };
  reset.onclick = () => {
    status.textContent = 'Back to the default comparison.';
    void host.update({ loc: undefined });
  };

  host.onViewChange((view) => {
    if (view.state.loc === shown) return;
    shown = view.state.loc;
    const t = view.model.tables.ward;
    if (!t) {
      box.hidden = true;
      return;
    }
    const pop = t.values[view.model.populationId('ward')] ?? [];
    wards = t.codes
      .map((code, i) => ({
        code,
        name: t.names[i] ?? code,
        lat: t.centres[i]?.[1] ?? null,
        population: pop[i] ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    draft = draftOf(view, wards);
    draw();
  });
}
