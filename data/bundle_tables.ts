import type { GeographyId } from '../contracts/geography.ts';
import type { IndicatorMeta, IndicatorTable, UnavailableIndicator } from '../contracts/manifest.ts';
import type { AreaChoice } from './area.ts';
import type { AreaFeature } from './boundaries.ts';
import type { LsoaColumn } from './columns.ts';
import type { JoinTarget } from './join.ts';
import {
  readLsoaCentres,
  readLsoaDistricts,
  readLsoaOverlap,
  readLsoaToMsoa,
  readLsoaToWardAreaFit,
  readMsoaNames,
  readOfficialWardLookup,
} from './lookups.ts';
import type { RawReader } from './raw_reader.ts';
import { readCensus2021, RESIDENTS } from './sources/census2021.ts';
import { readImd2019 } from './sources/imd2019.ts';
import { readIod2025 } from './sources/iod2025.ts';
import { readPopulation2020 } from './sources/population2020.ts';
import {
  carryColumnsInto,
  finishTable,
  publishColumnsInto,
  rollColumnsInto,
  rollupFromLookup,
  weightedCentres,
  type Rollup,
  type TableDraft,
} from './tables.ts';
import { chooseWardLookup } from './ward_lookup.ts';

/**
 * A bundle's indicator tables: the LSOA columns of every source that covers the bundle,
 * published on their own vintage, carried onto 2021 LSOAs where the overlap lookup covers
 * them, and rolled up to MSOAs, wards and the authority. The same code for every district:
 * a source that does not cover it lands in `unavailable` and the steps that need it fall
 * back to what the raw data has everywhere, saying so in the method.
 */
export interface BundleTables {
  tables: IndicatorTable[];
  indicators: IndicatorMeta[];
  unavailable: UnavailableIndicator[];
  /** The drafts and roll-ups the place names are built from (data/place_files.ts). */
  drafts: Record<'lsoa11' | 'lsoa21' | 'msoa11' | 'msoa21' | 'ward', TableDraft>;
  rollups: Record<'msoa11' | 'msoa21' | 'ward11' | 'ward21', Rollup>;
}

const LSOA_CENTRE_METHOD = 'LSOA centre point from drkane/geo-lookups (not population-weighted)';

export async function buildBundleTables(
  raw: RawReader,
  area: AreaChoice,
  features: Record<GeographyId, AreaFeature[]>,
): Promise<BundleTables> {
  const codes = (g: GeographyId) => features[g].map((f) => f.properties.code);
  const districts = new Set(area.districts.map((d) => d.code));
  const all11 = await readLsoaDistricts(raw, '2011');
  const all21 = await readLsoaDistricts(raw, '2021');
  const only21 = await raw.memo('only2021', async () => difference(all21, all11));
  const only11 = await raw.memo('only2011', async () => difference(all11, all21));
  const target = (v: '2011' | '2021'): JoinTarget => ({
    codes: codes(v === '2011' ? 'lsoa11' : 'lsoa21'),
    vintageLabel: `LSOA ${v}`,
    districts,
    otherVintageCodes: v === '2011' ? only21 : only11,
    otherVintageLabel: `LSOA ${v === '2011' ? '2021' : '2011'}`,
  });
  const target11 = target('2011');
  const target21 = target('2021');

  const imd = await readImd2019(raw, target11);
  const pop = await readPopulation2020(raw, target11);
  const census = await readCensus2021(raw, target21);
  const hasResidents = census.columns.some((c) => c.meta.id === RESIDENTS);
  const iod = await readIod2025(raw, target21, hasResidents);
  const cols11: LsoaColumn[] = [...imd.columns, ...pop.columns];
  const cols21: LsoaColumn[] = [...census.columns, ...iod.columns];
  const col = (cols: LsoaColumn[], id: string) => cols.find((x) => x.meta.id === id)?.values;
  const need = (cols: LsoaColumn[], id: string) => {
    const c = col(cols, id);
    if (!c) throw new Error(`missing column ${id}`);
    return c;
  };

  const centres = await readLsoaCentres(raw);
  const msoaNames = await readMsoaNames(raw);
  const availability = new Map<string, IndicatorMeta['geographies']>();
  const draft = (g: GeographyId, names?: (f: AreaFeature) => string): TableDraft => ({
    geography: g,
    features: features[g],
    names: features[g].map((f) => (names ? names(f) : f.properties.name)),
    centres: [],
    centreMethod: '',
    values: new Map(),
  });

  const lsoa11 = draft('lsoa11');
  publishColumnsInto(lsoa11, cols11, availability);
  lsoa11.centres = codes('lsoa11').map((c) => centres['2011'].get(c) ?? null);
  lsoa11.centreMethod = LSOA_CENTRE_METHOD;

  const lsoa21 = draft('lsoa21');
  publishColumnsInto(lsoa21, cols21, availability);
  // The LSOA 2011-2021 overlap lookup covers the Liverpool City Region only: elsewhere IMD
  // 2019 stays on the 2011 geographies (its indicator metadata lists no lsoa21).
  const overlap = (await readLsoaOverlap(raw)).filter((o) => districts.has(o.LADCD));
  if (overlap.length > 0) {
    const pop2020 = col(cols11, 'pop2020_total');
    const imdPop = need(cols11, 'imd2019_pop_mid2015');
    carryColumnsInto(
      lsoa21,
      cols11,
      codes('lsoa11'),
      overlap,
      (c) => (c.meta.id.startsWith('imd2019') || !pop2020 ? imdPop : pop2020),
      availability,
    );
  }
  lsoa21.centres = codes('lsoa21').map((c) => centres['2021'].get(c) ?? null);
  lsoa21.centreMethod = LSOA_CENTRE_METHOD;

  const byDistrict = (fs: AreaFeature[]) =>
    new Map(fs.map((f) => [f.properties.code, f.properties.district]));
  const nest = 'local authority (LSOAs nest exactly)';
  const r = {
    msoa11: rollupFromLookup(
      codes('lsoa11'),
      await readLsoaToMsoa(raw, '2011'),
      codes('msoa11'),
      'the LSOA 2011 to MSOA 2011 lookup (exact nesting)',
      'MSOA 2011',
    ),
    msoa21: rollupFromLookup(
      codes('lsoa21'),
      await readLsoaToMsoa(raw, '2021'),
      codes('msoa21'),
      'the LSOA 2021 to MSOA 2021 lookup (exact nesting)',
      'MSOA 2021',
    ),
    ward11: await wardRollup(raw, '2011', features.lsoa11, features.ward, area.districts),
    ward21: await wardRollup(raw, '2021', features.lsoa21, features.ward, area.districts),
    lad11: rollupFromLookup(
      codes('lsoa11'),
      byDistrict(features.lsoa11),
      codes('lad'),
      nest,
      'local authority',
    ),
    lad21: rollupFromLookup(
      codes('lsoa21'),
      byDistrict(features.lsoa21),
      codes('lad'),
      nest,
      'local authority',
    ),
  };
  // Population weights of the centres: the best population the raw data has for the area.
  const pop11 = col(cols11, 'pop2020_total');
  const weights11 = pop11 ?? need(cols11, 'imd2019_pop_mid2015');
  const weighted11 = `population-weighted mean of LSOA 2011 centre points (${pop11 ? 'ONS mid-2020 population' : 'IoD 2019 mid-2015 population denominators'})`;
  const residents = col(cols21, RESIDENTS);
  const weights21 = residents ?? new Float64Array(features.lsoa21.length).fill(1);
  const weighted21 = residents
    ? 'population-weighted mean of LSOA 2021 centre points (Census 2021 usual residents)'
    : 'mean of LSOA 2021 centre points, each LSOA counting equally (no LSOA 2021 population for this area in the raw data)';

  const msoaName = (f: AreaFeature) => msoaNames.get(f.properties.code) ?? f.properties.name;
  const msoa11 = draft('msoa11', msoaName);
  rollColumnsInto(msoa11, cols11, r.msoa11, availability);
  msoa11.centres = weightedCentres(lsoa11.centres, weights11, r.msoa11.assignment);
  msoa11.centreMethod = weighted11;

  const msoa21 = draft('msoa21', msoaName);
  rollColumnsInto(msoa21, cols21, r.msoa21, availability);
  msoa21.centres = weightedCentres(lsoa21.centres, weights21, r.msoa21.assignment);
  msoa21.centreMethod = weighted21;

  const ward = draft('ward');
  rollColumnsInto(ward, cols11, r.ward11, availability);
  rollColumnsInto(ward, cols21, r.ward21, availability);
  ward.centres = weightedCentres(lsoa21.centres, weights21, r.ward21.assignment);
  ward.centreMethod = `${weighted21}, LSOAs assigned by ${r.ward21.lookupMethod}`;

  const lad = draft('lad');
  rollColumnsInto(lad, cols11, r.lad11, availability);
  rollColumnsInto(lad, cols21, r.lad21, availability);
  lad.centres = weightedCentres(lsoa21.centres, weights21, r.lad21.assignment);
  lad.centreMethod = weighted21;

  const metas = new Map<string, IndicatorMeta>();
  for (const c of [...cols11, ...cols21])
    metas.set(c.meta.id, { ...c.meta, geographies: availability.get(c.meta.id) ?? {} });
  const decimalsOf = (id: string) => metas.get(id)?.decimals ?? 3;
  return {
    tables: [lsoa11, lsoa21, msoa11, msoa21, ward, lad].map((d) => finishTable(d, decimalsOf)),
    indicators: [...metas.values()],
    unavailable: [
      ...imd.unavailable,
      ...pop.unavailable,
      ...census.unavailable,
      ...iod.unavailable,
    ],
    drafts: { lsoa11, lsoa21, msoa11, msoa21, ward },
    rollups: r,
  };
}

/** LSOA -> ward assignment with the lookup chosen per district (data/ward_lookup.ts). */
async function wardRollup(
  raw: RawReader,
  vintage: '2011' | '2021',
  lsoas: AreaFeature[],
  wards: AreaFeature[],
  districts: { code: string; name: string }[],
): Promise<Rollup> {
  const { lookup, lookupMethod } = chooseWardLookup({
    vintage,
    lsoaCodes: lsoas.map((f) => f.properties.code),
    lsoaDistricts: lsoas.map((f) => f.properties.district),
    wardCodes: new Set(wards.map((w) => w.properties.code)),
    districts,
    official: await readOfficialWardLookup(raw, vintage),
    areaFit: await readLsoaToWardAreaFit(raw, vintage),
  });
  return rollupFromLookup(
    lsoas.map((f) => f.properties.code),
    lookup,
    wards.map((w) => w.properties.code),
    lookupMethod,
    `ward (LSOA ${vintage})`,
  );
}

function difference(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): Set<string> {
  return new Set([...a.keys()].filter((x) => !b.has(x)));
}
