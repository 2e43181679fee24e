import { access } from 'node:fs/promises';
import path from 'node:path';
import { PipelineError, type InputProblem } from './errors.ts';

/** Attribution lines as the SOURCES.md files ask for them. */
export const LICENCE = {
  ogl: 'Contains public sector information licensed under the Open Government Licence v3.0.',
  onsBoundaries: (year: string) =>
    `Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right ${year}.`,
  codePoint:
    'Contains OS data © Crown copyright and database right 2014; Contains Royal Mail data © Royal Mail copyright and database right 2014; Contains National Statistics data © Crown copyright and database right 2014.',
  giveFood: 'Data from Give Food (givefood.org.uk), public domain (Unlicense).',
  hclNames:
    'MSOA names: House of Commons Library, contains Parliamentary information licensed under the Open Parliament Licence v3.0.',
} as const;

export interface RawFile {
  /** Path under the raw folder. */
  path: string;
  /** Where it comes from, as SOURCES.md puts it: named in every error about this file. */
  source: string;
}

/** Every raw file the pipeline reads. */
export const RAW = {
  englandBoundaries: {
    path: 'boundaries/england',
    source:
      'ONS LSOA 2011/2021, MSOA 2011/2021 and ward 2025 BGC boundaries, one gzipped GeoJSON per district and layer (boundaries/england/SOURCES.md)',
  },
  ladList: {
    path: 'boundaries/england/lad.csv',
    source:
      'English local authority districts with county, combined authority and region (boundaries/england/SOURCES.md)',
  },
  ladHistory: {
    path: 'boundaries/england/lad_code_history.csv',
    source: 'English district code history, older code to current (boundaries/england/SOURCES.md)',
  },
  lsoa11ToMsoa11: {
    path: 'boundaries/england/lsoa11_msoa11.csv',
    source: 'LSOA 2011 to MSOA 2011 lookup, England (boundaries/england/SOURCES.md)',
  },
  lsoa21ToMsoa21: {
    path: 'boundaries/england/lsoa21_msoa21.csv',
    source: 'LSOA 2021 to MSOA 2021 lookup, England (boundaries/england/SOURCES.md)',
  },
  lsoa11ToWard25Area: {
    path: 'boundaries/england/lsoa11_ward_areafit.csv',
    source:
      'LSOA 2011 to ward 2025 area-fit lookup, derived, England (boundaries/england/SOURCES.md)',
  },
  lsoa21ToWard25Area: {
    path: 'boundaries/england/lsoa21_ward_areafit.csv',
    source:
      'LSOA 2021 to ward 2025 area-fit lookup, derived, England (boundaries/england/SOURCES.md)',
  },
  lsoaCentres: {
    path: 'boundaries/england/lsoa_centre_points.csv',
    source: 'LSOA centre points, England (drkane/geo-lookups; boundaries/england/SOURCES.md)',
  },
  lsoa11ToLsoa21: {
    path: 'boundaries/lcr_lookup_lsoa11_lsoa21_overlap_derived.csv',
    source:
      'LSOA 2011 to LSOA 2021 overlap lookup, derived, Liverpool City Region only (boundaries/SOURCES.md)',
  },
  msoaNames: {
    path: 'boundaries/lcr_msoa_names_hcl.csv',
    source:
      'House of Commons Library MSOA names, Liverpool City Region only (boundaries/SOURCES.md)',
  },
  imd2019Lcr: {
    path: 'indicators/imd2019_lsoa11_lcr.csv',
    source:
      'MHCLG IoD 2019 for the Liverpool City Region with the ONS LSOA 2011 to ward 2019 best-fit lookup (indicators/SOURCES.md)',
  },
  imd2019England: {
    path: 'indicators/imd2019_lsoa11_england.csv',
    source:
      'MHCLG English Indices of Deprivation 2019, Files 2, 3 and 6, every LSOA in England (indicators/SOURCES.md)',
  },
  imd2019Underlying: {
    path: 'indicators/imd2019_lsoa11_underlying_indicators_lcr.csv',
    source:
      'MHCLG IoD 2019 File 8 underlying indicators, Liverpool City Region only (indicators/SOURCES.md)',
  },
  imd2025Lcr: {
    path: 'indicators/imd2025_lsoa21_lcr.csv',
    source:
      'MHCLG IoD 2025 for the Liverpool City Region with the ONS LSOA 2021 to ward 2024 lookup (indicators/SOURCES.md)',
  },
  imd2025England: {
    path: 'indicators/imd2025_lsoa21_england.csv',
    source:
      'MHCLG English Indices of Deprivation 2025, File 7, every LSOA in England (indicators/SOURCES.md)',
  },
  imd2025Underlying: {
    path: 'indicators/imd2025_lsoa21_underlying_indicators_lcr.csv',
    source:
      'MHCLG IoD 2025 File 8 underlying indicators, Liverpool City Region only (indicators/SOURCES.md)',
  },
  population2020: {
    path: 'indicators/ons_mye2020_population_lsoa11_syoa_lcr.csv',
    source:
      'ONS mid-2020 LSOA population estimates SAPE23DT2, Liverpool City Region only (indicators/SOURCES.md)',
  },
  disability2021: {
    path: 'indicators/census2021_disability_lsoa21_lcr.csv',
    source: 'ONS Census 2021 TS038 disability, Liverpool City Region only (indicators/SOURCES.md)',
  },
  householdDeprivation2021: {
    path: 'indicators/census2021_household_deprivation_lsoa21_lcr.csv',
    source:
      'ONS Census 2021 TS011 household deprivation, Liverpool City Region only (indicators/SOURCES.md)',
  },
  fingertipsLe: {
    path: 'indicators/fingertips_le_hle_sii_la_england.csv',
    source: 'OHID Fingertips 90366, 90362, 92901 (indicators/SOURCES.md)',
  },
  iod2019Summaries: {
    path: 'indicators/iod2019_lad19_summaries_england.csv',
    source: 'MHCLG IoD 2019 File 10 local authority summaries (indicators/SOURCES.md)',
  },
  iod2025Summaries: {
    path: 'indicators/iod2025_lad24_summaries_england.csv',
    source: 'MHCLG IoD 2025 File 10 local authority summaries (indicators/SOURCES.md)',
  },
  gpLifeExpectancy: {
    path: 'indicators/gp_practice_life_expectancy_msoa_based_cheshire_merseyside.csv',
    source: 'OHID Fingertips 650, GP practice life expectancy (indicators/SOURCES.md)',
  },
  gpPractices: {
    path: 'assets/sefton_gp_practices_epraccur_2025.csv',
    source: 'NHS England ODS epraccur, about April 2025 (assets/SOURCES.md)',
  },
  pharmacies: {
    path: 'assets/lcr_pharmacies_nhsbsa_2023q3.csv',
    source: 'NHSBSA Consolidated Pharmaceutical List 2023/24 Q3 (assets/SOURCES.md)',
  },
  libraries: {
    path: 'assets/lcr_public_libraries_librarieshacked.csv',
    source: 'Libraries Hacked England public library list, about 2016-17 (assets/SOURCES.md)',
  },
  foodBanks: {
    path: 'assets/lcr_foodbanks_givefood.csv',
    source: 'Give Food UK food banks, about 2023 (assets/SOURCES.md)',
  },
  namedAssets: {
    path: 'assets/sefton_named_assets_facts.csv',
    source: 'Well Sefton and Taking Root named assets (assets/SOURCES.md)',
  },
} as const satisfies Record<string, RawFile>;

export type RawKey = keyof typeof RAW;

/** Absolute path of a raw file. */
export function rawPath(rawDir: string, key: RawKey): string {
  return path.join(rawDir, RAW[key].path);
}

/** Fails with one message listing every missing file and where each comes from. */
export async function checkRawFiles(rawDir: string): Promise<void> {
  const problems: InputProblem[] = [];
  for (const [key, file] of Object.entries(RAW) as [RawKey, RawFile][]) {
    try {
      await access(rawPath(rawDir, key));
    } catch {
      problems.push({ file: file.path, message: `missing; it should hold ${file.source}` });
    }
  }
  if (problems.length > 0) {
    throw new PipelineError(
      `${problems.length} raw file(s) missing under ${rawDir} (set --raw to the folder that holds boundaries/, indicators/ and assets/).`,
      problems,
    );
  }
}
