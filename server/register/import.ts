import { CsvError } from '../../workers/csv/csv_error.ts';
import { parseDecimal } from '../../workers/csv/decimal.ts';
import { readCsv, type CsvRecords } from '../../workers/csv/read_csv.ts';
import { z } from 'zod';
import { ASSET_FIELD_NAMES, snakeCase } from '../../contracts/register/asset.ts';
import type { AssetStore, NewAsset } from '../db/asset_store.ts';
import { parseOpeningHours } from './opening_hours.ts';
import { toNewAsset, type AssetSchemas } from './schemas.ts';
import { issuesFrom, ValidationError, type FieldIssue } from './validation.ts';

export type ImportFormat = 'csv' | 'geojson';

export const MAX_IMPORT_ROWS = 5000;
/** Problems listed before giving up; enough to fix a file in one pass, not a flood. */
const MAX_ISSUES = 500;

/** Columns our exports write that an import takes no notice of (they are derived or ours). */
const CSV_IGNORED = new Set(['id', 'category_label']);
const GEOJSON_IGNORED = new Set([
  'id',
  'categoryLabel',
  'programmeLabel',
  'stale',
  'updatedAt',
  'createdAt',
]);

/** CSV column -> API field: every asset field by its snake-case name, plus the import's own. */
const CSV_FIELDS: Record<string, string> = Object.fromEntries(
  [
    ...ASSET_FIELD_NAMES.filter((f) => f !== 'consentToPublish'),
    'status',
    'externalId',
    'externalIdType',
    'consentToPublish',
  ].map((f) => [snakeCase(f), f]),
);

/** Undoes the export's formula guard, so export -> import gives back the same text. */
function unguard(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

function csvValue(field: string, raw: string): unknown {
  const text = unguard(raw);
  if (text.trim() === '') return undefined;
  switch (field) {
    case 'latitude':
    case 'longitude':
      return parseDecimal(text.trim()) ?? text;
    case 'openingHours':
      return parseOpeningHours(text);
    case 'consentToPublish': {
      const t = text.trim().toLowerCase();
      if (['true', 'yes', 'y', '1'].includes(t)) return true;
      if (['false', 'no', 'n', '0'].includes(t)) return false;
      return text;
    }
    default:
      return text;
  }
}

interface RawRow {
  row: number;
  value: Record<string, unknown>;
}

function csvRows(text: string): RawRow[] {
  let csv: CsvRecords;
  try {
    csv = readCsv(text, { file: 'import' });
  } catch (err) {
    const line = err instanceof CsvError ? err.problems[0]?.line : undefined;
    throw new ValidationError('Import failed; nothing was imported', [
      { field: 'file', message: `Not readable as CSV${line ? ` (near line ${line})` : ''}` },
    ]);
  }
  const header = csv.header.length ? csv.header : undefined;
  const body = csv.records.map((r) => r.cells);
  if (!header) {
    throw new ValidationError('Import failed; nothing was imported', [
      { field: 'file', message: 'Empty file: a header row is needed' },
    ]);
  }
  const names = header.map((h) => h.trim());
  const unknown = names.filter((n) => !(n in CSV_FIELDS) && !CSV_IGNORED.has(n));
  if (unknown.length > 0) {
    throw new ValidationError(
      'Import failed; nothing was imported',
      unknown.map((n) => ({ field: n, message: 'Unknown column', row: 0 })),
    );
  }
  return body.map((cells, i) => {
    const value = Object.create(null) as Record<string, unknown>;
    names.forEach((name, c) => {
      const field = CSV_FIELDS[name];
      const cell = cells[c];
      if (!field || cell === undefined) return;
      const v = csvValue(field, cell);
      if (v !== undefined) value[field] = v;
    });
    return { row: i + 1, value };
  });
}

const featureShape = z.object({
  type: z.literal('Feature'),
  geometry: z.object({
    type: z.literal('Point'),
    coordinates: z.tuple([z.number(), z.number()]).rest(z.number()),
  }),
  properties: z.record(z.string(), z.unknown()).nullable(),
});

const collectionShape = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()),
});

/** Deeper than any GeoJSON point feature needs (its coordinates are at depth 4). */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of arrays and objects in a JSON text, counted without parsing it, so a
 * body of 8 MB of "[" costs one linear scan rather than a parse and a tree in memory.
 */
export function jsonDepth(text: string, stopAt: number = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAt) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

class ProtoKeyError extends Error {}

/** As Fastify's own JSON parser does: "__proto__" and "constructor" keys are refused outright. */
function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor') {
    throw new ProtoKeyError(`A "${key}" key is not allowed`);
  }
  return value;
}

function geojsonRows(input: unknown): RawRow[] {
  let data = input;
  if (typeof input === 'string') {
    if (jsonDepth(input, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      throw new ValidationError('Import failed; nothing was imported', [
        { field: 'file', message: `JSON nested more than ${MAX_JSON_DEPTH} levels deep` },
      ]);
    }
    try {
      data = JSON.parse(input, refuseProtoKeys);
    } catch (err) {
      throw new ValidationError('Import failed; nothing was imported', [
        {
          field: 'file',
          message: err instanceof ProtoKeyError ? err.message : 'Not valid JSON',
        },
      ]);
    }
  }
  const fc = collectionShape.safeParse(data);
  if (!fc.success) {
    throw new ValidationError('Import failed; nothing was imported', [
      { field: 'file', message: 'Must be a GeoJSON FeatureCollection' },
    ]);
  }
  const rows: RawRow[] = [];
  const issues: FieldIssue[] = [];
  fc.data.features.forEach((f, i) => {
    const feature = featureShape.safeParse(f);
    if (!feature.success) {
      issues.push({
        row: i + 1,
        field: 'geometry',
        message: 'Must be a Feature with a Point geometry',
      });
      return;
    }
    // No prototype: a "__proto__" property stays an own key, which the strict schema rejects.
    const value = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(feature.data.properties ?? {})) {
      if (!GEOJSON_IGNORED.has(k)) value[k] = v;
    }
    const [lon, lat] = feature.data.geometry.coordinates;
    value.longitude = lon;
    value.latitude = lat;
    rows.push({ row: i + 1, value });
  });
  if (issues.length > 0) throw new ValidationError('Import failed; nothing was imported', issues);
  return rows;
}

/**
 * Parses and validates a whole import. Every row is checked (not just up to the first bad one)
 * and any problem rejects the file: an import is all or nothing.
 */
export async function validateImport(
  input: unknown,
  format: ImportFormat,
  schemas: AssetSchemas,
  store: AssetStore,
): Promise<NewAsset[]> {
  if (format === 'csv' && typeof input !== 'string') {
    throw new ValidationError('Import failed; nothing was imported', [
      { field: 'file', message: 'CSV must be sent as text/csv' },
    ]);
  }
  const rows = format === 'csv' ? csvRows(input as string) : geojsonRows(input);
  if (rows.length === 0) {
    throw new ValidationError('Import failed; nothing was imported', [
      { field: 'file', message: 'No rows to import' },
    ]);
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new ValidationError('Import failed; nothing was imported', [
      { field: 'file', message: `At most ${MAX_IMPORT_ROWS} rows per import` },
    ]);
  }
  const issues: FieldIssue[] = [];
  const assets: NewAsset[] = [];
  const seenExternal = new Map<string, number>();
  for (const { row, value } of rows) {
    const parsed = schemas.importRow.safeParse(value);
    if (!parsed.success) {
      for (const issue of issuesFrom(parsed.error, 'row')) issues.push({ ...issue, row });
      continue;
    }
    const asset = toNewAsset(parsed.data);
    if (asset.externalId) {
      const key = `${asset.externalIdType ?? ''}\u0000${asset.externalId}`;
      const earlier = seenExternal.get(key);
      const existing = await store.findExternal(asset.externalIdType ?? '', asset.externalId);
      if (earlier !== undefined) {
        issues.push({ row, field: 'externalId', message: `Same as row ${earlier}` });
      } else if (existing) {
        issues.push({
          row,
          field: 'externalId',
          message: `Already in the register as asset ${existing.id}`,
        });
      }
      seenExternal.set(key, row);
    }
    assets.push(asset);
  }
  if (issues.length > 0) {
    throw new ValidationError('Import failed; nothing was imported', issues.slice(0, MAX_ISSUES));
  }
  return assets;
}
