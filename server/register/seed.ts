import type { AssetStore, NewAsset } from '../db/asset_store.ts';
import { assetSchemas, toNewAsset, type SchemaConfig } from './schemas.ts';
import { issuesFrom } from './validation.ts';
import {
  FOOD_BANKS,
  GP_PRACTICES,
  LIBRARIES,
  NAMED_ASSETS,
  PHARMACIES,
  col,
  readCsv,
  type Row,
} from './seed_sources.ts';
import type { CategoryId } from '../../contracts/register/taxonomy.ts';
import type { ProgrammeId } from '../../contracts/register/programmes.ts';

/**
 * One source of truth for each asset: the official lists (GP practices, pharmacies, libraries,
 * food banks) are the atlas's own map layers, built by the pipeline from the same raw files, so
 * the register is not seeded with them. It holds the community assets: the named Well Sefton
 * and Taking Root assets with a published location, inside the area served, that are not
 * already on one of those layers; and whatever partners register.
 */
export interface SeedCounts {
  /** Named community assets added. */
  communityAssets: number;
  /** Named assets already on an official map layer (same category and postcode): not added. */
  onMapLayers: number;
  /** Named assets outside the area the register serves: not added. */
  outsideArea: number;
}

export interface SeedPlan {
  assets: NewAsset[];
  counts: SeedCounts;
}

const squash = (postcode: string) => postcode.toUpperCase().replace(/\s+/g, '');

/**
 * "category postcode" of every entry of the official lists the map shows as its own layers
 * (active practices, open libraries and food banks, every listed pharmacy).
 */
function mapLayerKeys(rawDir: string): Set<string> {
  const keys = new Set<string>();
  const add = (category: CategoryId, rows: Row[]) => {
    for (const r of rows)
      if (col(r, 'postcode')) keys.add(`${category} ${squash(col(r, 'postcode'))}`);
  };
  add(
    'gp_practice',
    readCsv(rawDir, GP_PRACTICES).filter((r) => col(r, 'is_active_gp_practice') === 'Y'),
  );
  add('pharmacy', readCsv(rawDir, PHARMACIES));
  add(
    'library',
    readCsv(rawDir, LIBRARIES).filter((r) => col(r, 'closed') === ''),
  );
  add('food', readCsv(rawDir, FOOD_BANKS));
  return keys;
}

const NAMED_CATEGORY: Record<string, CategoryId> = {
  community_centre: 'community_centre',
  gp_practice: 'gp_practice',
  library: 'library',
  community_garden: 'community_garden',
  leisure_centre: 'leisure_centre',
  community_business_hub: 'community_hub',
  community_pub: 'community_hub',
  community_organisation: 'other',
};

/**
 * The programme a named asset's role gives it: the first one its first clause names ("Well
 * Sefton partner; Taking Root network" is Well Sefton's); "named in ... reports" is none.
 */
export function programmeOfRole(role: string): ProgrammeId | null {
  const first = (role.split(';')[0] ?? '').toLowerCase();
  if (/^named in\b/.test(first)) return null;
  const ws = first.indexOf('well sefton');
  const tr = first.indexOf('taking root');
  if (ws < 0 && tr < 0) return null;
  if (ws < 0) return 'taking_root';
  if (tr < 0) return 'well_sefton';
  return ws < tr ? 'well_sefton' : 'taking_root';
}

interface Draft {
  row: Record<string, unknown>;
  line: number;
}

function namedDrafts(rawDir: string): Draft[] {
  return readCsv(rawDir, NAMED_ASSETS)
    .map((r, i) => ({ r, line: i + 2 }))
    .filter(({ r }) => col(r, 'lat') !== '' && col(r, 'lon') !== '')
    .map(({ r, line }) => ({
      line,
      row: {
        source: `${NAMED_ASSETS.source}: ${col(r, 'source_url')}`.slice(0, 500),
        licence: NAMED_ASSETS.licence,
        lastVerified: NAMED_ASSETS.verified,
        externalIdType: NAMED_ASSETS.externalIdType,
        status: 'approved' as const,
        consentToPublish: true,
        organisationName: col(r, 'name'),
        serviceName: col(r, 'name'),
        description: `${col(r, 'role')}.`,
        category: NAMED_CATEGORY[col(r, 'asset_type')] ?? 'other',
        programme: programmeOfRole(col(r, 'role')),
        latitude: Number(col(r, 'lat')),
        longitude: Number(col(r, 'lon')),
        address: col(r, 'address_as_stated') || null,
        postcode: col(r, 'postcode'),
        externalId: col(r, 'name'),
      },
    }));
}

export class SeedError extends Error {
  override name = 'SeedError';
}

/**
 * Reads the raw asset files and returns the community assets to insert, validated (inside the
 * area's outline). Any other invalid row is a data problem to fix at the source, so it stops
 * the seed with the file and line.
 */
export function planSeed(rawDir: string, config: SchemaConfig): SeedPlan {
  const { importRow } = assetSchemas(config);
  const onLayers = mapLayerKeys(rawDir);
  const counts: SeedCounts = { communityAssets: 0, onMapLayers: 0, outsideArea: 0 };
  const assets: NewAsset[] = [];
  for (const d of namedDrafts(rawDir)) {
    const { latitude, longitude, category, postcode } = d.row as {
      latitude: number;
      longitude: number;
      category: CategoryId;
      postcode: string;
    };
    if (!config.area.contains(latitude, longitude)) {
      counts.outsideArea++;
      continue;
    }
    if (postcode && onLayers.has(`${category} ${squash(postcode)}`)) {
      counts.onMapLayers++;
      continue;
    }
    const parsed = importRow.safeParse(d.row);
    if (!parsed.success) {
      const what = issuesFrom(parsed.error, 'row')
        .map((i) => `${i.field}: ${i.message}`)
        .join('; ');
      throw new SeedError(`${NAMED_ASSETS.file} line ${d.line}: ${what}`);
    }
    assets.push(toNewAsset(parsed.data));
    counts.communityAssets++;
  }
  return { assets, counts };
}

/** Seeds an empty register in one transaction. Returns null when there was nothing to do. */
export async function seedIfEmpty(
  store: AssetStore,
  rawDir: string,
  config: SchemaConfig,
): Promise<SeedCounts | null> {
  if ((await store.count()) > 0) return null;
  const plan = planSeed(rawDir, config);
  if (plan.assets.length > 0) await store.createMany(plan.assets, { type: 'seed' }, 'seed');
  return plan.counts;
}
