import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GeographyId } from '../../contracts/geography.ts';
import type { AreaCollection } from '../../workers/geometry/decode_areas.ts';
import { setAreaShapes } from '../map/area_layers.ts';

export type Areas = Partial<Record<GeographyId, AreaCollection>>;

/**
 * The atlas's decoded areas (point location, panels, reports, the focus outline): the first
 * geography's come at or after the first frame (the map draws from URLs), the others when
 * something first needs them.
 */
export class DecodedAreas {
  readonly byGeography: Areas = {};
  private ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly map: MapLibreMap,
    /** Decodes geographies in the atlas worker. */
    private readonly load: (gs: GeographyId[]) => Promise<Areas>,
  ) {}

  /** The first areas, decoded for the first frame or after it. */
  start(first: Areas | Promise<Areas>): void {
    this.ready = Promise.resolve(first).then((a) => this.add(a));
  }

  /** Decodes those of `gs` not in yet (after the first). */
  async ensure(gs: readonly GeographyId[]): Promise<void> {
    await this.ready;
    const missing = gs.filter((g) => !this.byGeography[g]);
    if (missing.length) this.add(await this.load(missing));
  }

  private add(a: Areas): void {
    Object.assign(this.byGeography, a);
    // The focus outline draws from them: a flag set before they came is drawn now.
    setAreaShapes(this.map, (g) => this.byGeography[g]);
  }
}
