import type { LayerMeta } from '../../contracts/manifest.ts';

/**
 * Puts `meta` into the manifest's layer list (in place of an entry with its id, else at the
 * end) and drops the layer it `replaces`: the register's layer stands in for the pipeline's
 * community assets, so each asset is listed once. Returns whether a layer was dropped.
 */
export function putLayerMeta(layers: LayerMeta[], meta: LayerMeta, replaces?: string): boolean {
  let dropped = false;
  if (replaces && replaces !== meta.id) {
    const old = layers.findIndex((l) => l.id === replaces);
    if (old >= 0) layers.splice(old, 1);
    dropped = true;
  }
  const i = layers.findIndex((l) => l.id === meta.id);
  if (i >= 0) layers.splice(i, 1, meta);
  else layers.push(meta);
  return dropped;
}
