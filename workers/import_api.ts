/**
 * The whole import-worker API in one place (as workers/analysis/analysis_api.ts): the calls, their
 * request and result types, and the zod schemas of what enters the worker. Types and schemas
 * only: safe to import from either thread.
 *
 * Two coarse calls. `parse` reads the file and returns its series, each with the geography
 * its codes fit, for the user to choose from; `build` takes the same text again with the
 * choices and returns the indicator to store. Sending the text twice is cheaper and simpler
 * than keeping parsed rows in the worker between calls (a string is copied in milliseconds).
 */
import { z } from 'zod';
import { GeographyIdSchema, IndicatorKindSchema, PolaritySchema } from '../contracts/manifest.ts';
import type { GeographyId } from '../contracts/geography.ts';
import type { BuildChoices } from './import/build_imported_indicator.ts';
import type { KnownCodes } from './import/detect_geography.ts';
import type { ImportedIndicator, ImportReport } from './import/imported_indicator.ts';
import type { ImportProblem } from './import/import_problem.ts';
import type { ImportFormat } from './import/indicator_columns.ts';
import type { SeriesSummary } from './import/parse_indicator_csv.ts';

export type { BuildChoices } from './import/build_imported_indicator.ts';
export type {
  GeographyCandidate,
  GeographyDetection,
  KnownCodes,
  StrayCode,
  StrayKind,
} from './import/detect_geography.ts';
export type { ImportedIndicator, ImportReport } from './import/imported_indicator.ts';
export type { ImportProblem } from './import/import_problem.ts';
export type { ImportFormat } from './import/indicator_columns.ts';
export type { SeriesSummary } from './import/parse_indicator_csv.ts';
export { IMPORT_LIMITS } from './import/import_limits.ts';

export interface ImportOptions {
  /** The atlas area's name, for messages ("Sefton"); from the manifest. */
  areaName?: string;
  /** Detect against this geography only (the user chose a vintage). */
  geography?: GeographyId;
  /** Leave out codes that are not areas of the atlas instead of refusing. */
  ignoreUnknownCodes?: boolean;
}

export type ParseResult =
  | {
      ok: true;
      format: ImportFormat;
      /** The file name as plain text. */
      fileName: string;
      header: string[];
      rowCount: number;
      /** One for a plain file; one per indicator × sex × age × period × category otherwise. */
      series: SeriesSummary[];
      /** The series to preselect: most areas of the atlas. Null only if there are no series. */
      defaultSeries: string | null;
    }
  | {
      ok: false;
      fileName: string;
      /** One line for the user: what is wrong and where. */
      message: string;
      /** Every problem found (up to IMPORT_LIMITS.maxProblems), with line and column. */
      problems: ImportProblem[];
    };

export interface BuildRequest {
  text: string;
  fileName: string;
  known: KnownCodes;
  areaName?: string;
  choices?: BuildChoices;
}

export type ImportBuildResult =
  | { ok: true; indicator: ImportedIndicator }
  | {
      ok: false;
      reason: string;
      /** How far the join got (duplicates, unmatched rows), when it got that far. */
      report: ImportReport | null;
      /** Problems reading the file, when it could not be read. */
      problems: ImportProblem[];
    };

export interface ImportApi {
  /** Reads the file; never throws for a bad file (only for arguments of the wrong type). */
  parse(
    text: string,
    fileName: string,
    known: KnownCodes,
    options?: ImportOptions,
  ): Promise<ParseResult>;
  /** Builds the chosen series into an indicator, or says why it cannot. */
  build(request: BuildRequest): Promise<ImportBuildResult>;
}

// ---- Schemas of everything that enters the worker ----

/** Sizes here only stop absurd input; the file's own limits are checked with messages. */
const shortText = z.string().max(10_000);

export const FileTextSchema = z.string();
export const FileNameSchema = shortText;

export const KnownCodesSchema = z.partialRecord(
  GeographyIdSchema,
  z.array(z.string().max(20)).max(100_000),
);

export const ImportOptionsSchema = z
  .strictObject({
    areaName: z.string().max(200).optional(),
    geography: GeographyIdSchema.optional(),
    ignoreUnknownCodes: z.boolean().optional(),
  })
  .optional();

export const BuildChoicesSchema = z.strictObject({
  seriesKey: shortText.optional(),
  geography: GeographyIdSchema.optional(),
  ignoreUnknownCodes: z.boolean().optional(),
  label: shortText.optional(),
  unit: shortText.optional(),
  kind: IndicatorKindSchema.optional(),
  decimals: z.number().int().min(0).max(6).optional(),
  polarity: PolaritySchema.optional(),
  period: shortText.optional(),
  definition: shortText.optional(),
  licence: shortText.optional(),
}) satisfies z.ZodType<BuildChoices>;

export const BuildRequestSchema = z.strictObject({
  text: FileTextSchema,
  fileName: FileNameSchema,
  known: KnownCodesSchema,
  areaName: z.string().max(200).optional(),
  choices: BuildChoicesSchema.optional(),
});
