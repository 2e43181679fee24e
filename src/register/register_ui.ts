import './zod_config.ts';
import './register.css';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LAYER_COLOURS, setPointLayerVisible, type PointCollection } from '../map/point_layers.ts';
import type { LayerMeta } from '../../contracts/manifest.ts';
import { byId, el } from '../ui/dom.ts';
import { apiJson } from './api.ts';
import { CategoriesSchema, type PublicFeature } from '../../contracts/register/api.ts';
import { AssetDialog } from './asset_dialog.ts';
import { takeEditLink, type EditLink } from './edit_link.ts';
import {
  addRegisterLayer,
  fetchRegister,
  REGISTER_LAYER,
  toPointCollection,
} from './register_layer.ts';

export { takeEditLink } from './edit_link.ts';

/** What the register needs from the atlas screen. */
export interface RegisterHost {
  map: MapLibreMap;
  /** The layers ticked in the view state (comma-separated ids). */
  layers: string | undefined;
  /** Records a change of ticked layers in the view state (and the URL). */
  setLayers(layers: string): void;
  notice(message: string): void;
  /**
   * Lets the atlas count the register's assets in profiles and catchments, instead of the
   * pipeline layer it `replaces`.
   */
  addAnalysisLayer?(meta: LayerMeta, points: PointCollection, replaces?: string): void;
}

/**
 * The community register on the atlas screen: its map layer with a checkbox and attribution,
 * the "Add a community asset" form, and the partner's edit link. A register that cannot be
 * reached leaves the rest of the atlas working and says so.
 */
export async function startRegister(
  host: RegisterHost,
  edit: { link: EditLink | null; malformed: boolean },
): Promise<void> {
  try {
    await start(host, edit);
    document.body.dataset.register = 'ready';
  } catch (err) {
    host.notice(`The community register is not available: ${errorText(err)}`);
    document.body.dataset.register = 'error';
  }
}

const BAD_LINK =
  'The edit link is incomplete or mistyped: check it against the one you kept, or ask the register team for help.';

async function start(
  host: RegisterHost,
  edit: { link: EditLink | null; malformed: boolean },
): Promise<void> {
  if (edit.malformed) host.notice(BAD_LINK);
  const [assets, categories] = await Promise.allSettled([
    fetchRegister(),
    apiJson('categories', CategoriesSchema),
  ]);
  if (assets.status === 'fulfilled') {
    showLayer(host, assets.value);
  } else {
    host.notice(`The community register could not be loaded: ${errorText(assets.reason)}`);
  }
  if (categories.status === 'rejected') {
    host.notice(`Adding community assets is not available now: ${errorText(categories.reason)}`);
    return;
  }
  const dialog = new AssetDialog(host.map, categories.value);
  document.body.append(dialog.element);
  const add = byId<HTMLButtonElement>('register-add');
  add.hidden = false;
  add.onclick = () => dialog.openNew();
  // An edit link followed from this page (the success panel's) changes only the fragment.
  window.addEventListener('hashchange', () => {
    const next = takeEditLink();
    if (next.link) void dialog.openEdit(next.link);
    else if (next.malformed) host.notice(BAD_LINK);
  });
  if (edit.link) await dialog.openEdit(edit.link);
}

function errorText(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/** The pipeline's layer of the same community assets, which the register supersedes. */
export const SUPERSEDED_LAYER = 'community_assets';

/**
 * Whether the register's box starts ticked: when the view names it, or names the layer it
 * supersedes (links made before the register held the community assets).
 */
export function registerTicked(layers: string | undefined): boolean {
  const ids = (layers ?? '').split(',');
  return ids.includes(REGISTER_LAYER) || ids.includes(SUPERSEDED_LAYER);
}

function showLayer(host: RegisterHost, features: PublicFeature[]): void {
  const meta = addRegisterLayer(host.map, features);
  // In the shape of the atlas's own point layers, so profiles and reports read the names; it
  // replaces the pipeline's community assets layer (the same assets), so each is listed once.
  host.addAnalysisLayer?.(meta, toPointCollection(features), SUPERSEDED_LAYER);
  const fieldset = byId('layers');
  fieldset.querySelector(`input[value="${SUPERSEDED_LAYER}"]`)?.closest('label')?.remove();
  const box = el('input', { type: 'checkbox', value: REGISTER_LAYER, id: 'layer-register' });
  box.checked = registerTicked(host.layers);
  setPointLayerVisible(host.map, REGISTER_LAYER, box.checked);
  const ticked = () =>
    [...fieldset.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
  box.onchange = () => {
    setPointLayerVisible(host.map, REGISTER_LAYER, box.checked);
    host.setLayers(ticked().join(','));
  };
  fieldset.append(
    el(
      'label',
      { class: 'reg-layer' },
      box,
      ' ',
      el('span', {
        class: 'layer-key',
        style: `background:${LAYER_COLOURS[REGISTER_LAYER] ?? '#444'}`,
        'aria-hidden': 'true',
      }),
      meta.count > 0 ? `${meta.label} (${meta.count})` : `${meta.label}: none approved yet`,
    ),
    el('p', {
      class: 'hint',
      id: 'layer-register-hint',
      text: 'Community assets on the register: Well Sefton and Taking Root assets, and those community partners registered and a moderator approved. GP practices, pharmacies, libraries and food banks are the layers above, from the official lists.',
    }),
  );
  // A link that named the superseded layer keeps its community assets, now the register's.
  const ids = (host.layers ?? '').split(',').filter(Boolean);
  if (box.checked && !ids.includes(REGISTER_LAYER)) host.setLayers(ticked().join(','));
  box.setAttribute('aria-describedby', 'layer-register-hint');
  const licences = [...new Set(features.map((f) => f.properties.licence))];
  byId('attributions').append(
    ...licences.map((line) =>
      el('li', { class: 'reg-attribution', text: `Community register: ${line}` }),
    ),
  );
}
