/**
 * A user's imported indicator as the app keeps it: metadata like any atlas indicator, values
 * aligned to one geography's codes, and the report of how the file was joined. The zod
 * schema checks it wherever it enters (from the worker, from IndexedDB).
 */
import { z } from 'zod';
import { GeographyIdSchema, IndicatorMetaSchema } from '../../contracts/manifest.ts';

/** Every imported indicator's id starts with this, so it can never shadow a built-in one. */
export const IMPORT_ID_PREFIX = 'import_';

const line = z.number().int().positive();

export const StrayKindSchema = z.enum([
  'not-this-geography',
  'other-vintage',
  'outside-area',
  'other-geography',
  'invalid-code',
]);

export const ImportReportSchema = z.object({
  format: z.enum(['fingertips', 'plain']),
  /** The series imported, as shown in the picker. */
  series: z.string(),
  /** Rows of that series in the file. */
  rows: z.number().int().nonnegative(),
  /** Areas of the geography that got a row (with or without a value). */
  matched: z.number().int().nonnegative(),
  /** Areas that got a value. */
  withValue: z.number().int().nonnegative(),
  /** Rows not joined: England/region/LA rows (`not-this-geography`) and codes that are not areas of the atlas. */
  unmatched: z.array(
    z.object({ line, code: z.string(), kind: StrayKindSchema, reason: z.string() }),
  ),
  /** Repeated area codes; only identical repeats are accepted (and ignored). */
  duplicates: z.array(
    z.object({ line, code: z.string(), firstLine: line, identical: z.boolean() }),
  ),
  /** Areas of the geography with no row in the file. */
  missing: z.array(z.string()),
  /** Joined rows without a value, and why (the file's value note, or its mark). */
  suppressed: z.array(z.object({ line, code: z.string(), reason: z.string() })),
  /** Something the user should know about the geography chosen, or null. */
  note: z.string().nullable(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

const column = z.array(z.number().nullable());

export const ImportedIndicatorSchema = z
  .object({
    meta: IndicatorMetaSchema,
    geography: GeographyIdSchema,
    /** The geography's codes at import time: values are in this order. */
    codes: z.array(z.string()),
    values: column,
    lower: column.optional(),
    upper: column.optional(),
    /** What `lower`/`upper` are: Fingertips 95% or 99.8% limits, or a plain file's own. */
    interval: z.enum(['95%', '99.8%', 'as supplied']).nullable(),
    /** A Fingertips export's 99.8% limits, kept beside its 95% ones (`lower`/`upper`). */
    lower998: column.optional(),
    upper998: column.optional(),
    count: column.optional(),
    denominator: column.optional(),
    /**
     * The file's rows for England, regions and local authorities (a Fingertips export carries
     * them): the benchmarks its areas are compared with, as Fingertips compares them.
     */
    benchmarks: z
      .array(z.object({ code: z.string(), name: z.string().nullable(), value: z.number() }))
      .optional(),
    fileName: z.string(),
    /** ISO 8601. */
    importedAt: z.string(),
    report: ImportReportSchema,
  })
  .superRefine((ind, ctx) => {
    if (!ind.meta.id.startsWith(IMPORT_ID_PREFIX))
      ctx.addIssue({ code: 'custom', message: `id must start with ${IMPORT_ID_PREFIX}` });
    if (ind.meta.geographies[ind.geography] === undefined)
      ctx.addIssue({ code: 'custom', message: `meta has no method for ${ind.geography}` });
    const n = ind.codes.length;
    for (const [name, arr] of Object.entries({
      values: ind.values,
      lower: ind.lower,
      upper: ind.upper,
      lower998: ind.lower998,
      upper998: ind.upper998,
      count: ind.count,
      denominator: ind.denominator,
    })) {
      if (arr !== undefined && arr.length !== n)
        ctx.addIssue({ code: 'custom', message: `${name} has ${arr.length} entries, codes ${n}` });
    }
  });
export type ImportedIndicator = z.infer<typeof ImportedIndicatorSchema>;
