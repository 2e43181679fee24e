import type { GeographyId } from '../../contracts/geography.ts';
import type { LayerMeta } from '../../contracts/manifest.ts';
import type { PointCollection } from '../../contracts/point_layer.ts';
import type { AtlasModel } from '../atlas_model.ts';
import type { ProfileAssets } from '../ui/area_profile.ts';

/** Index of the area of `g` holding each lon/lat pair (-1 for none): the engine's job. */
export type LocatePoints = (g: GeographyId, lonLat: Float64Array) => Promise<Int32Array>;

const lonLatOf = (fc: PointCollection) =>
  new Float64Array(
    fc.features.flatMap((f) => [f.geometry.coordinates[0], f.geometry.coordinates[1]]),
  );

/**
 * Which area holds what: the locality of each area (for the gap view) and the assets inside
 * an area (for profiles). Point joins run in the worker; the answers are kept per geography.
 */
export class AreaLocator {
  private readonly localities = new Map<string, Int32Array>();
  private readonly assets = new Map<GeographyId, Map<string, Int32Array>>();

  constructor(
    private readonly model: AtlasModel,
    private readonly points: ReadonlyMap<string, PointCollection>,
    private readonly locate: LocatePoints,
  ) {}

  /**
   * Locality index per area of `g`, from each ward's (`wardLocality`, in ward table order):
   * wards directly; other areas by the ward holding their centre. Kept per geography and `key`
   * (the grouping the ward indices came from).
   */
  async localityOf(g: GeographyId, wardLocality: Int32Array, key: string): Promise<Int32Array> {
    const cached = this.localities.get(`${g}|${key}`);
    if (cached) return cached;
    let out: Int32Array;
    if (g === 'ward') out = Int32Array.from(wardLocality);
    else {
      const t = this.model.table(g);
      const xy = new Float64Array(t.centres.flatMap((c) => (c ? [c[0], c[1]] : [NaN, NaN])));
      const inWard = await this.locate('ward', xy);
      out = Int32Array.from(inWard, (w) => (w < 0 ? -1 : (wardLocality[w] ?? -1)));
    }
    this.localities.set(`${g}|${key}`, out);
    return out;
  }

  /** Names and positions of the mapped assets inside area `index` of `g`, per point layer. */
  async assetsIn(g: GeographyId, index: number, layers: LayerMeta[]): Promise<ProfileAssets[]> {
    let byLayer = this.assets.get(g);
    if (!byLayer) {
      byLayer = new Map();
      for (const [id, fc] of this.points) byLayer.set(id, await this.locate(g, lonLatOf(fc)));
      this.assets.set(g, byLayer);
    }
    return layers.map((l) => {
      const idx = byLayer?.get(l.id) ?? new Int32Array();
      const inside = (this.points.get(l.id)?.features ?? []).filter((_, j) => idx[j] === index);
      return {
        layer: l.label,
        names: inside.map((f) => String(f.properties.name ?? '')),
        at: inside.map((f): [number, number] => [
          f.geometry.coordinates[0],
          f.geometry.coordinates[1],
        ]),
      };
    });
  }

  /** A point layer changed (the register's arrived): asset joins are redone when next asked. */
  forgetAssets(): void {
    this.assets.clear();
  }
}
