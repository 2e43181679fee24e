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
  /** Lets the atlas count the register's assets in profiles and catchments. */
  addAnalysisLayer?(meta: LayerMeta, points: PointCollection): void;
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

function showLayer(host: RegisterHost, features: PublicFeature[]): void {
  const meta = addRegisterLayer(host.map, features);
  // In the shape of the atlas's own point layers, so profiles and reports read the names.
  host.addAnalysisLayer?.(meta, toPointCollection(features));
  const fieldset = byId('layers');
  const box = el('input', { type: 'checkbox', value: REGISTER_LAYER, id: 'layer-register' });
  box.checked = (host.layers ?? '').split(',').includes(REGISTER_LAYER);
  setPointLayerVisible(host.map, REGISTER_LAYER, box.checked);
  box.onchange = () => {
    setPointLayerVisible(host.map, REGISTER_LAYER, box.checked);
    const ticked = [...fieldset.querySelectorAll<HTMLInputElement>('input:checked')].map(
      (b) => b.value,
    );
    host.setLayers(ticked.join(','));
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
      `${meta.label} (${meta.count})`,
    ),
    el('p', {
      class: 'hint',
      id: 'layer-register-hint',
      text: 'Includes assets registered by community partners and approved by a moderator, as well as the official lists above (so it is off at first, to avoid showing them twice).',
    }),
  );
  box.setAttribute('aria-describedby', 'layer-register-hint');
  const licences = [...new Set(features.map((f) => f.properties.licence))];
  byId('attributions').append(
    ...licences.map((line) =>
      el('li', { class: 'reg-attribution', text: `Community register: ${line}` }),
    ),
  );
}
