import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Manifest } from '../../contracts/manifest.ts';
import { NeighboursSchema, PlaceIndexSchema, type PlaceIndex } from '../../contracts/places.ts';
import type { AtlasModel } from '../atlas_model.ts';
import type { AtlasDataSource } from '../data_source.ts';
import {
  addPlaceLabelLayers,
  type LabelPoint,
  type PlaceLabels,
} from '../map/place_label_layers.ts';
import { setAreaContext } from './area_names.ts';

/**
 * The bundle's place files (contracts/places.ts), fetched once when first wanted and validated
 * where they enter. A bundle without them gives null: search falls back to the areas on screen.
 */
export class PlaceFiles {
  private indexLoad: Promise<PlaceIndex | null> | null = null;
  private neighbourLoad: Promise<PlaceLabels['neighbours']> | null = null;

  constructor(
    private readonly source: AtlasDataSource,
    private readonly manifest: Manifest,
  ) {}

  index(): Promise<PlaceIndex | null> {
    const file = this.manifest.places?.index;
    this.indexLoad ??= file
      ? this.source.json(file).then((raw) => {
          const parsed = PlaceIndexSchema.safeParse(raw);
          if (!parsed.success) throw new Error(`${file} is not a place index`);
          setAreaContext(parsed.data.context, parsed.data.contextMethod);
          return parsed.data;
        })
      : Promise.resolve(null);
    return this.indexLoad;
  }

  neighbours(): Promise<PlaceLabels['neighbours']> {
    const file = this.manifest.places?.neighbours;
    this.neighbourLoad ??= file
      ? this.source.json(file).then((raw) => {
          const parsed = NeighboursSchema.safeParse(raw);
          if (!parsed.success) throw new Error(`${file} is not a set of neighbouring authorities`);
          return parsed.data as PlaceLabels['neighbours'];
        })
      : Promise.resolve(null);
    return this.neighbourLoad;
  }
}

/** Ward and neighbourhood names at their population centres, from the tables already loaded. */
export function labelsFromTables(model: AtlasModel): PlaceLabels {
  const of = (g: 'ward' | 'msoa21'): LabelPoint[] => {
    const t = model.tables[g];
    if (!t) return [];
    const pop = t.values[model.populationId(g)] ?? [];
    return t.codes.flatMap((code, i) => {
      const at = t.centres[i];
      return at ? [{ name: t.names[i] ?? code, at, rank: pop[i] ?? 0 }] : [];
    });
  };
  return { neighbourhoods: of('msoa21'), wards: of('ward') };
}

let labelsReady: Promise<PlaceLabels> | null = null;

/**
 * The place labels the atlas draws, for another map on the page (the asset form's pin map):
 * `addPlaceLabelLayers(pinMap, await placeLabels())`. Resolves once the atlas has started.
 */
export function placeLabels(): Promise<PlaceLabels> {
  return labelsReady ?? Promise.resolve({ neighbourhoods: [], wards: [] });
}

/**
 * After the first frame: names on the map at once (from the tables), the neighbouring
 * authorities when their file arrives, and the place index (search, LSOA context) when the
 * browser is idle. `contextLoaded` is told when LSOA names can carry their ward.
 */
export function startPlaces(
  map: MapLibreMap,
  model: AtlasModel,
  files: PlaceFiles,
  on: { contextLoaded: () => void; notice: (message: string) => void },
): void {
  const own = labelsFromTables(model);
  // One layout pass: the names wait for the neighbours' file (small, fetched at once), so
  // MapLibre places every label once rather than twice.
  labelsReady = files
    .neighbours()
    .catch((err: unknown) => {
      on.notice(`Neighbouring areas could not be drawn: ${(err as Error).message}.`);
      return null;
    })
    .then((neighbours) => {
      const all = { ...own, neighbours };
      addPlaceLabelLayers(map, all);
      return all;
    });
  // The place index when the browser has nothing else to do (or on the first search).
  const later = (f: () => void) =>
    'requestIdleCallback' in window ? requestIdleCallback(f) : setTimeout(f, 2000);
  later(() => {
    files
      .index()
      .then((index) => {
        if (index) on.contextLoaded();
      })
      .catch((err: unknown) =>
        on.notice(`Place names could not be loaded: ${(err as Error).message}.`),
      );
  });
}
