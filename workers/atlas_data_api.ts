import type { AreaCollection } from './geometry_decode.ts';

/** Everything the atlas-data worker does, in one interface (see workers/atlas_data.worker.ts). */
export interface AtlasDataApi {
  /** Fetches the TopoJSON at an absolute URL and decodes the named objects. */
  loadAreas(url: string, objects: string[]): Promise<Record<string, AreaCollection>>;
}
