import { writeCsv } from '../../workers/csv/write_csv.ts';
import { ASSET_FIELD_NAMES, snakeCase } from '../../contracts/register/asset.ts';
import type { Asset } from '../db/asset_store.ts';
import { organizations, page, service, type OrukContext } from './oruk.ts';
import { formatOpeningHours } from './opening_hours.ts';
import { categoryLabel } from '../../contracts/register/taxonomy.ts';
import { featureCollection, publicProperties, toFeature } from './views.ts';

/** Distinct licence lines, for the attribution a re-user must show. */
function attribution(assets: readonly Asset[]): string[] {
  return [...new Set(assets.map((a) => a.licence))].sort();
}

export function toGeoJson(assets: readonly Asset[], now: Date) {
  return {
    ...featureCollection(assets.map((a) => toFeature(a, publicProperties(a, now)))),
    attribution: attribution(assets),
  };
}

// ---- CSV -----------------------------------------------------------------------------------

/** Export columns: the id, every field but consent (in the contract's order), the label. */
export const CSV_COLUMNS = [
  'id',
  ...ASSET_FIELD_NAMES.filter((f) => f !== 'consentToPublish').map(snakeCase),
  'category_label',
] as const;

function csvRow(a: Asset): Record<string, string | number | null> {
  const row: Record<string, string | number | null> = { id: a.id };
  for (const f of ASSET_FIELD_NAMES) {
    if (f === 'consentToPublish') continue;
    const v = a[f];
    row[snakeCase(f)] =
      f === 'openingHours'
        ? a.openingHours
          ? formatOpeningHours(a.openingHours)
          : null
        : (v as string | number | null);
  }
  row.category_label = categoryLabel(a.category);
  return row;
}

/**
 * RFC 4180 CSV with CRLF line ends and a BOM (so Excel reads UTF-8), written by csv-stringify.
 * Every text cell is quoted (not only those holding a comma): a spreadsheet set to split on ";"
 * or tab would otherwise cut `Foo;=1+1;bar` into cells, one of them a formula the
 * first-character guard never saw. Empty (null) cells stay empty.
 */
export function toCsv(assets: readonly Asset[]): string {
  const rows = assets.map((a) => csvRow(a));
  return writeCsv([[...CSV_COLUMNS], ...rows.map((r) => CSV_COLUMNS.map((c) => r[c] ?? null))], {
    bom: true,
    eol: '\r\n',
  });
}

// ---- Open Referral UK 3.0 --------------------------------------------------------------------

/**
 * Open Referral UK 3.0 services, one page holding everything, as the ORUK `/services` endpoint
 * pages them (full records, as GET /services/{id} gives them). Sources and licences have no
 * ORUK field, so they go in `attribution`.
 */
export function toOruk(assets: readonly Asset[], ctx: OrukContext) {
  const orgs = organizations(assets);
  const contents = assets.map((a) => service(a, orgs, ctx));
  return {
    ...page(contents, 1, Math.max(1, contents.length)),
    attribution: attribution(assets),
  };
}
