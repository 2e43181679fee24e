/**
 * The columns the importer understands, for both file formats, and how a header is matched
 * to them: by name, ignoring case, spacing and `_` versus space, in any order.
 */

export type ImportFormat = 'fingertips' | 'plain';

export type Field =
  | 'indicatorId'
  | 'indicatorName'
  | 'areaCode'
  | 'areaName'
  | 'areaType'
  | 'sex'
  | 'age'
  | 'categoryType'
  | 'category'
  | 'period'
  | 'value'
  | 'lower'
  | 'upper'
  | 'lower998'
  | 'upper998'
  | 'count'
  | 'denominator'
  | 'valueNote'
  | 'unit';

export interface ColumnSpec {
  field: Field;
  /** The header as the format's documentation writes it, for messages. */
  display: string;
  /** Accepted header names, normalised (see `normaliseHeader`). */
  names: readonly string[];
  required: boolean;
}

const spec = (
  field: Field,
  display: string,
  required = false,
  ...aliases: string[]
): ColumnSpec => ({
  field,
  display,
  names: [normaliseHeader(display), ...aliases.map(normaliseHeader)],
  required,
});

/**
 * A Fingertips data export (fingertips.phe.org.uk "Download" tab, or the API's CSV). Only
 * the four required columns must be there; the others are used when present.
 */
export const FINGERTIPS_COLUMNS: readonly ColumnSpec[] = [
  spec('indicatorId', 'Indicator ID'),
  spec('indicatorName', 'Indicator Name', true),
  spec('areaCode', 'Area Code', true),
  spec('areaName', 'Area Name'),
  spec('areaType', 'Area Type'),
  spec('sex', 'Sex'),
  spec('age', 'Age'),
  spec('categoryType', 'Category Type'),
  spec('category', 'Category'),
  spec('period', 'Time period', true),
  spec('value', 'Value', true),
  spec('lower', 'Lower CI 95.0 limit', false, 'Lower CI 95 limit'),
  spec('upper', 'Upper CI 95.0 limit', false, 'Upper CI 95 limit'),
  spec('lower998', 'Lower CI 99.8 limit'),
  spec('upper998', 'Upper CI 99.8 limit'),
  spec('count', 'Count'),
  spec('denominator', 'Denominator'),
  spec('valueNote', 'Value note'),
  spec('unit', 'Unit'),
];

/** A plain `area_code,value` file with optional name, limits, count and denominator. */
export const PLAIN_COLUMNS: readonly ColumnSpec[] = [
  spec('areaCode', 'area_code', true),
  spec('value', 'value', true),
  spec('areaName', 'area_name'),
  spec('lower', 'lower'),
  spec('upper', 'upper'),
  spec('count', 'count'),
  spec('denominator', 'denominator'),
];

/** "Area_Code ", "area code" and "AREA  CODE" are the same column. */
export function normaliseHeader(name: string): string {
  return name.replace(/_/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A Fingertips export names its indicator and period; a plain file does not. */
export function detectFormat(header: readonly string[]): ImportFormat | null {
  const names = new Set(header.map(normaliseHeader));
  if (names.has('indicator name') || names.has('time period')) return 'fingertips';
  if (names.has('area code') || names.has('value')) return 'plain';
  return null;
}

export type ColumnMatch =
  | { ok: true; columns: Partial<Record<Field, number>> }
  | { ok: false; missing: Field[]; repeated: { field: Field; columns: number[] }[] };

/** Finds each spec's column (0-based) in `header`. */
export function matchColumns(header: readonly string[], specs: readonly ColumnSpec[]): ColumnMatch {
  const normalised = header.map(normaliseHeader);
  const columns: Partial<Record<Field, number>> = {};
  const missing: Field[] = [];
  const repeated: { field: Field; columns: number[] }[] = [];
  for (const s of specs) {
    const at = normalised.flatMap((n, i) => (s.names.includes(n) ? [i] : []));
    if (at.length > 1) repeated.push({ field: s.field, columns: at });
    const first = at[0];
    if (first !== undefined) columns[s.field] = first;
    else if (s.required) missing.push(s.field);
  }
  return missing.length > 0 || repeated.length > 0
    ? { ok: false, missing, repeated }
    : { ok: true, columns };
}
