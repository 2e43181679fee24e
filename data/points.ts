import type { Feature, FeatureCollection, Point } from 'geojson';
import { z } from 'zod';
import { LCR } from '../contracts/geography.ts';
import type { LayerMeta } from '../contracts/manifest.ts';
import { num, optNum, text, yesNo } from './csv_table.ts';
import type { AreaChoice } from './area.ts';
import { LICENCE, RAW } from './raw_catalogue.ts';
import type { RawReader } from './raw_reader.ts';

export type PointProps = Record<string, string | number | null>;
export interface PointLayer {
  meta: Omit<LayerMeta, 'file' | 'count'>;
  collection: FeatureCollection<Point, PointProps>;
}

const SEFTON = 'E08000014';

/** "St. Helens" and "ST HELENS" name the same district. */
const norm = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

function point(lon: number, lat: number, props: PointProps): Feature<Point, PointProps> {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: props,
  };
}

const GpRow = z.object({
  org_code: z.string().regex(/^[A-Z]\d{5}$/, 'expected an ODS practice code'),
  name: text,
  address_1: text,
  address_2: text,
  address_3: text,
  address_4: text,
  postcode: text,
  telephone: text,
  is_active_gp_practice: yesNo,
  lat: num,
  lon: num,
});

const GpLeRow = z.object({
  practice_code: text,
  year_end: z.string().regex(/^\d{4}$/, 'expected a year'),
  le_male: optNum,
  le_female: optNum,
});

const PharmacyRow = z.object({
  ods_code: text,
  hwb: text,
  trading_name: text,
  address_1: text,
  address_2: text,
  address_3: text,
  postcode: text,
  weekly_hours: optNum,
  hours_mon: text,
  hours_tue: text,
  hours_wed: text,
  hours_thu: text,
  hours_fri: text,
  hours_sat: text,
  hours_sun: text,
  lat: num,
  lon: num,
  geocode_source: text,
});

const LibraryRow = z.object({
  authority: text,
  name: text,
  address: text,
  postcode: text,
  lat: num,
  lng: num,
  type: text,
  closed: text,
  url: text,
  notes: text,
});

const FoodBankRow = z.object({
  name: text,
  url: text,
  address: text,
  postcode: text,
  district: text,
  closed: z.enum(['True', 'False']),
  lat: num,
  lon: num,
  network: text,
});

const NamedRow = z.object({
  name: text,
  asset_type: text,
  role: text,
  address_as_stated: text,
  postcode: text,
  lat: optNum,
  lon: optNum,
  source_url: text,
});

const joinAddress = (...parts: string[]) =>
  parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join(', ');

/** Point layers of community assets from the raw asset files, filtered to the area's districts. */
export async function readPointLayers(raw: RawReader, area: AreaChoice): Promise<PointLayer[]> {
  const names = new Set(area.districts.map((d) => norm(d.name)));
  const hasSefton = area.districts.some((d) => d.code === SEFTON);
  // The pharmacy, library and food bank lists of the raw data cover the Liverpool City Region.
  const inLcr = area.districts.some((d) => (LCR.districts as readonly string[]).includes(d.code));
  const lcrOnly = (what: string, coverage: string) =>
    inLcr ? coverage : `None: the raw ${what} covers the Liverpool City Region only.`;
  const layers: PointLayer[] = [];

  // GP practices: the raw register covers Sefton's practices only.
  const gpLe = await raw.table('gpLifeExpectancy', GpLeRow);
  const le = new Map(
    gpLe.filter((r) => r.value.year_end === '2020').map((r) => [r.value.practice_code, r.value]),
  );
  const gps = hasSefton ? await raw.table('gpPractices', GpRow) : [];
  layers.push({
    meta: {
      id: 'gp_practices',
      label: 'GP practices',
      source: `NHS England ODS epraccur (about April 2025); life expectancy: OHID Fingertips indicator 650 (GP practice populations, MSOA based), 2016-20`,
      period: 'practices April 2025; life expectancy 2016-20',
      licence: LICENCE.ogl,
      coverage: hasSefton
        ? 'Active GP practices registered to the Sefton sub-ICB areas (01T, 01V) or with a Sefton postcode.'
        : 'None: the raw GP practice register covers Sefton only.',
    },
    collection: {
      type: 'FeatureCollection',
      features: gps
        .filter((r) => r.value.is_active_gp_practice === 'Y')
        .map(({ value: r }) => {
          const l = le.get(r.org_code);
          return point(r.lon, r.lat, {
            id: r.org_code,
            name: titleCase(r.name),
            category: 'gp_practice',
            address: titleCase(joinAddress(r.address_1, r.address_2, r.address_3, r.address_4)),
            postcode: r.postcode,
            telephone: r.telephone || null,
            le_male_2016_20: l?.le_male ?? null,
            le_female_2016_20: l?.le_female ?? null,
            source: RAW.gpPractices.source,
          });
        }),
    },
  });

  const pharmacies = await raw.table('pharmacies', PharmacyRow);
  layers.push({
    meta: {
      id: 'pharmacies',
      label: 'Community pharmacies',
      source: 'NHSBSA Consolidated Pharmaceutical List 2023/24 Q3',
      period: 'October-December 2023',
      licence: LICENCE.ogl,
      coverage: lcrOnly(
        'pharmaceutical list',
        'Pharmacies on the list of the area\u2019s Health and Wellbeing Board(s).',
      ),
    },
    collection: {
      type: 'FeatureCollection',
      features: pharmacies
        .filter((r) => names.has(norm(r.value.hwb)))
        .map(({ value: r }) =>
          point(r.lon, r.lat, {
            id: r.ods_code,
            name: titleCase(r.trading_name),
            category: 'pharmacy',
            address: titleCase(joinAddress(r.address_1, r.address_2, r.address_3)),
            postcode: r.postcode,
            weekly_hours: r.weekly_hours,
            hours: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
              .map(
                (d, i) =>
                  `${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][i]} ${(r as Record<string, unknown>)[`hours_${d}`] as string}`,
              )
              .join('; '),
            geocode: r.geocode_source,
            source: RAW.pharmacies.source,
          }),
        ),
    },
  });

  const libraries = await raw.table('libraries', LibraryRow);
  layers.push({
    meta: {
      id: 'libraries',
      label: 'Public libraries',
      source: 'Libraries Hacked England public library list',
      period: 'about 2016-17: check current status',
      licence: 'Libraries Hacked data (MIT); underlying public-sector lists OGL v3.0.',
      coverage: lcrOnly(
        'library list',
        'Open libraries (closed ones excluded), council-run and independent community libraries.',
      ),
    },
    collection: {
      type: 'FeatureCollection',
      features: libraries
        .filter((r) => names.has(norm(r.value.authority)) && r.value.closed === '')
        .map(({ value: r }) =>
          point(r.lng, r.lat, {
            id: `library-${norm(r.authority)}-${norm(r.name)}`,
            name: r.name.endsWith('Library') ? r.name : `${r.name} Library`,
            category: 'library',
            address: r.address || null,
            postcode: r.postcode,
            type: r.type === 'ICL' ? 'independent community library' : 'council-run',
            url: r.url || null,
            source: RAW.libraries.source,
          }),
        ),
    },
  });

  const food = await raw.table('foodBanks', FoodBankRow);
  layers.push({
    meta: {
      id: 'food_banks',
      label: 'Food banks',
      source: 'Give Food UK (givefood.org.uk)',
      period: 'about 2023',
      licence: LICENCE.giveFood,
      coverage: lcrOnly(
        'food bank list',
        'Food bank organisations at their main address, not every distribution point.',
      ),
    },
    collection: {
      type: 'FeatureCollection',
      features: food
        .filter((r) => names.has(norm(r.value.district)) && r.value.closed === 'False')
        .map(({ value: r }) =>
          point(r.lon, r.lat, {
            id: `foodbank-${norm(r.name)}`,
            name: `${r.name} Food Bank`,
            category: 'food',
            address: r.address,
            postcode: r.postcode,
            network: r.network,
            url: r.url || null,
            source: RAW.foodBanks.source,
          }),
        ),
    },
  });

  const named = hasSefton ? await raw.table('namedAssets', NamedRow) : [];
  layers.push({
    meta: {
      id: 'community_assets',
      label: 'Well Sefton and Taking Root assets',
      source: 'Public pages cited per asset (Well Sefton partners, Taking Root network)',
      period: 'as found 2026',
      licence: 'Facts only, each citing its source page; postcode locations ' + LICENCE.codePoint,
      coverage: hasSefton
        ? 'Only named assets with a published postcode; the rest need registering.'
        : 'None: the named assets are Sefton\u2019s.',
    },
    collection: {
      type: 'FeatureCollection',
      features: named
        .filter((r) => r.value.lat !== null && r.value.lon !== null)
        .map(({ value: r }) =>
          point(r.lon ?? 0, r.lat ?? 0, {
            id: `named-${norm(r.name)}`,
            name: r.name,
            category: r.asset_type,
            role: r.role,
            address: r.address_as_stated,
            postcode: r.postcode,
            url: r.source_url,
            source: RAW.namedAssets.source,
          }),
        ),
    },
  });
  return layers;
}

/** Registers publish names in capitals; shown as title case for reading. */
export function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/\b([a-z])/g, (m) => m.toUpperCase())
    .replace(/\b(Of|And|The|On|In)\b/g, (m) => m.toLowerCase())
    .replace(/^./, (m) => m.toUpperCase());
}
