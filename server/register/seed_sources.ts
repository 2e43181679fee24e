/**
 * Provenance of the raw files the register is seeded from (see raw/assets/SOURCES.md). Source
 * and licence lines are stored on every seeded asset and shown wherever the asset is shown.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readCsv as readCsvRecords } from '../../workers/csv/read_csv.ts';

const CODEPOINT =
  'Location: Contains OS data © Crown copyright and database right 2014; Contains Royal Mail data © Royal Mail copyright and database right 2014; Contains National Statistics data © Crown copyright and database right 2014';

export interface SeedSource {
  file: string;
  source: string;
  licence: string;
  /** The data's own date, used as "last verified" (approximate where SOURCES.md is). */
  verified: string;
  externalIdType: string;
}

export const GP_PRACTICES: SeedSource = {
  file: 'assets/sefton_gp_practices_epraccur_2025.csv',
  source: 'NHS England ODS epraccur (GP practices), extract about April 2025',
  licence: `Open Government Licence v3.0 (NHS England ODS). ${CODEPOINT}`,
  verified: '2025-04-23',
  externalIdType: 'ods',
};

export const PHARMACIES: SeedSource = {
  file: 'assets/lcr_pharmacies_nhsbsa_2023q3.csv',
  source: 'NHSBSA Consolidated Pharmaceutical List 2023/24 Q3 (Oct-Dec 2023)',
  licence: `Open Government Licence v3.0 (NHSBSA). ${CODEPOINT}`,
  verified: '2023-12-31',
  externalIdType: 'ods',
};

export const LIBRARIES: SeedSource = {
  file: 'assets/lcr_public_libraries_librarieshacked.csv',
  source: 'Libraries Hacked England public-library list (data about 2016-2017; check status)',
  licence:
    'Libraries Hacked repository MIT licence; underlying library lists are public-sector data (Open Government Licence v3.0)',
  verified: '2017-01-01',
  externalIdType: 'librarieshacked',
};

export const FOOD_BANKS: SeedSource = {
  file: 'assets/lcr_foodbanks_givefood.csv',
  source: 'Give Food UK food-bank organisations (givefood/data foodbanks.csv, about 2023)',
  licence: 'Unlicense (public domain). Data from Give Food (givefood.org.uk)',
  verified: '2023-01-01',
  externalIdType: 'givefood',
};

export const NAMED_ASSETS: SeedSource = {
  file: 'assets/sefton_named_assets_facts.csv',
  source: 'Well Sefton / Taking Root named assets (facts from the public page cited)',
  licence: `Facts from the cited public page. ${CODEPOINT}`,
  verified: '2023-01-01',
  externalIdType: 'named',
};

export type Row = Record<string, string>;

/** A raw asset file's rows by header name, read by the house's one CSV reader (workers/csv). */
export function readCsv(rawDir: string, source: SeedSource): Row[] {
  const csv = readCsvRecords(readFileSync(path.join(rawDir, source.file), 'utf8'), {
    file: source.file,
  });
  return csv.records.map((r) =>
    Object.fromEntries(csv.header.map((h, i) => [h, r.cells[i] ?? ''])),
  );
}

export function col(row: Row, name: string): string {
  return (row[name] ?? '').trim();
}
