import { bbox } from '@turf/bbox';
import type { GeographyId } from '../contracts/geography.ts';
import type { PlacesFiles } from '../contracts/places.ts';
import type { AreaChoice } from './area.ts';
import type { AreaFeature } from './boundaries.ts';
import { readNeighbours } from './neighbours.ts';
import type { OutputFile } from './output.ts';
import { buildPlaceIndex, readAreaPostcodes } from './place_index.ts';
import { LICENCE } from './raw_catalogue.ts';
import type { Rollup, TableDraft } from './tables.ts';

type Drafts = Record<'lsoa11' | 'lsoa21' | 'msoa11' | 'msoa21' | 'ward', TableDraft>;
type Rollups = Record<'msoa11' | 'msoa21' | 'ward11' | 'ward21', Rollup>;

/**
 * The two place files of a bundle, `places.json` (search index, LSOA context names) and
 * `neighbours.geojson` (the authorities around the area), with the manifest's pointer to them.
 * Called from data/build.ts in one block so the pipeline can move it as a whole.
 */
export async function placeFiles(
  rawDir: string,
  area: AreaChoice,
  features: Record<GeographyId, AreaFeature[]>,
  drafts: Drafts,
  r: Rollups,
): Promise<{ files: OutputFile[]; manifest: PlacesFiles }> {
  const districts = area.districts.map((d) => d.code);
  const named = (d: TableDraft) => ({
    codes: d.features.map((f) => f.properties.code),
    names: d.names,
    centres: d.centres,
  });
  const index = buildPlaceIndex({
    wards: named(drafts.ward),
    neighbourhoods: [named(drafts.msoa11), named(drafts.msoa21)],
    lsoas: [
      { ...named(drafts.lsoa11), ward: r.ward11.assignment.group, msoa: r.msoa11.assignment.group },
      { ...named(drafts.lsoa21), ward: r.ward21.assignment.group, msoa: r.msoa21.assignment.group },
    ],
    postcodes: await readAreaPostcodes(rawDir, districts),
    wardMethod: r.ward21.lookupMethod,
    attributions: [LICENCE.hclNames, LICENCE.onsBoundaries('2025')],
  });
  const lad = features.lad;
  const box = bbox({ type: 'FeatureCollection', features: lad }) as [
    number,
    number,
    number,
    number,
  ];
  const neighbours = await readNeighbours(rawDir, districts, box);
  const files: OutputFile[] = [{ path: 'places.json', content: JSON.stringify(index) }];
  if (neighbours.collection.features.length)
    files.push({ path: 'neighbours.geojson', content: JSON.stringify(neighbours.collection) });
  return {
    files,
    manifest: {
      index: 'places.json',
      ...(neighbours.collection.features.length ? { neighbours: 'neighbours.geojson' } : {}),
    },
  };
}
