import type { z } from 'zod';
import type { UnavailableIndicator } from '../contracts/manifest.ts';
import type { LsoaColumn } from './columns.ts';
import type { Row } from './csv_table.ts';
import { readLsoaDistricts } from './lookups.ts';
import type { RawKey } from './raw_catalogue.ts';
import type { RawReader } from './raw_reader.ts';
import { readRegistry } from './registry.ts';

/**
 * Slicing national raw files by district. A row belongs to the district whose boundary
 * files hold its LSOA (boundaries/england, by LADCD_ACTIVE); a code the boundaries lack
 * (which the join then reports) falls back to the file's own district column, mapped
 * through the code history (IMD 2019 carries 2019 codes, e.g. Harrogate E07000165 for North
 * Yorkshire E06000065). So one IoD 2025 LSOA whose lad24cd disagrees with its boundary file
 * (E01027305) goes with its polygon.
 */
export type LsoaVintage = '2011' | '2021';

export interface SliceSpec<T> {
  key: RawKey;
  schema: z.ZodType<T>;
  vintage: LsoaVintage;
  code: (r: T) => string;
  /** The file's own district column (any vintage of district code). */
  district: (r: T) => string;
}

/** The rows of a national or regional file grouped by current district, computed once. */
export function rowsByDistrict<T>(
  raw: RawReader,
  spec: SliceSpec<T>,
): Promise<ReadonlyMap<string, Row<T>[]>> {
  return raw.memo(`slice:${spec.key}`, async () => {
    const [rows, lsoas, registry] = await Promise.all([
      raw.table(spec.key, spec.schema) as Promise<Row<T>[]>,
      readLsoaDistricts(raw, spec.vintage),
      readRegistry(raw),
    ]);
    const out = new Map<string, Row<T>[]>();
    for (const row of rows) {
      const own = spec.district(row.value);
      const d = lsoas.get(spec.code(row.value)) ?? registry.current.get(own) ?? own;
      let list = out.get(d);
      if (!list) out.set(d, (list = []));
      list.push(row);
    }
    return out;
  });
}

export interface Slice<T> {
  rows: Row<T>[];
  /** Districts of the bundle with rows in the file. */
  covered: string[];
  /** Districts of the bundle the file has nothing for. */
  uncovered: string[];
}

/** The rows of `districts`, and which of them the file covers. */
export async function sliceFor<T>(
  raw: RawReader,
  spec: SliceSpec<T>,
  districts: readonly string[],
): Promise<Slice<T>> {
  const by = await rowsByDistrict(raw, spec);
  const rows: Row<T>[] = [];
  const covered: string[] = [];
  const uncovered: string[] = [];
  for (const d of districts) {
    const r = by.get(d);
    if (r && r.length > 0) {
      covered.push(d);
      for (const x of r) rows.push(x);
    } else uncovered.push(d);
  }
  return { rows, covered, uncovered };
}

/** Columns of a source that does not cover the bundle, as the manifest lists them. */
export function unavailableColumns(
  columns: readonly LsoaColumn[],
  reason: string,
): UnavailableIndicator[] {
  return columns.map((c) => ({ id: c.meta.id, label: c.meta.label, theme: c.meta.theme, reason }));
}

/** Result of reading one source for a bundle. */
export interface SourceColumns {
  columns: LsoaColumn[];
  unavailable: UnavailableIndicator[];
}

/** Plain-language reason for a file that covers some districts only. */
export function coverageReason(file: string, what: string, slice: Slice<unknown>): string {
  return slice.covered.length === 0
    ? `${what} in the raw data (${file}) cover the Liverpool City Region only, not this area`
    : `${what} in the raw data (${file}) cover only ${slice.covered.join(', ')} of this area`;
}
