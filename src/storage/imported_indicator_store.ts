/**
 * Where a user's imported indicators are kept between visits. One small interface, so the
 * app does not care whether records live in IndexedDB (the browser) or a Map (tests).
 *
 * Every record is validated with zod when read back: a record damaged by an older version of
 * the app, a browser extension or a half-finished write is skipped and reported, never
 * passed on. Every write is validated first and replaces one record atomically, so a failed
 * `put` leaves the previous record as it was.
 */
import { z } from 'zod';
import {
  ImportedIndicatorSchema,
  type ImportedIndicator,
} from '../../workers/import/imported_indicator.ts';

export interface SkippedRecord {
  /** The record's key. */
  id: string;
  /** What is wrong with it, for a console line or a notice ("1 saved indicator could not be read"). */
  reason: string;
}

export interface ImportedIndicatorListing {
  /** Valid records, ordered by label. */
  indicators: ImportedIndicator[];
  skipped: SkippedRecord[];
}

export interface ImportedIndicatorStore {
  list(): Promise<ImportedIndicatorListing>;
  /** Adds or replaces the indicator with the same `meta.id`. Rejects an invalid one, storing nothing. */
  put(indicator: ImportedIndicator): Promise<void>;
  /** Removes it; false when there was none. */
  remove(id: string): Promise<boolean>;
}

/** Key-value storage under the store. `put` must replace atomically or fail leaving the old value. */
export interface RecordBackend {
  /** Every key with its stored value, as stored (not trusted). */
  entries(): Promise<[string, unknown][]>;
  put(id: string, record: unknown): Promise<void>;
  delete(id: string): Promise<boolean>;
}

/** Bump when the stored shape changes; older records are then skipped and reported. */
export const STORED_RECORD_VERSION = 1;

const StoredRecordSchema = z
  .object({
    version: z.literal(STORED_RECORD_VERSION),
    id: z.string(),
    savedAt: z.string(),
    indicator: ImportedIndicatorSchema,
  })
  .refine((r) => r.id === r.indicator.meta.id, { message: 'key and indicator id differ' });

export class InvalidImportedIndicatorError extends Error {
  override name = 'InvalidImportedIndicatorError';
}

/** Longest reason kept for a skipped record. */
const REASON_MAX = 500;

export function createImportedIndicatorStore(
  backend: RecordBackend,
  options: { now?: () => Date } = {},
): ImportedIndicatorStore {
  const now = options.now ?? (() => new Date());
  return {
    async list() {
      const indicators: ImportedIndicator[] = [];
      const skipped: SkippedRecord[] = [];
      for (const [id, value] of await backend.entries()) {
        const parsed = StoredRecordSchema.safeParse(value);
        if (parsed.success) indicators.push(parsed.data.indicator);
        else skipped.push({ id, reason: z.prettifyError(parsed.error).slice(0, REASON_MAX) });
      }
      indicators.sort((a, b) => a.meta.label.localeCompare(b.meta.label, 'en-GB'));
      return { indicators, skipped };
    },

    async put(indicator) {
      const parsed = ImportedIndicatorSchema.safeParse(indicator);
      if (!parsed.success) {
        throw new InvalidImportedIndicatorError(
          `Not saved: the indicator is invalid.\n${z.prettifyError(parsed.error)}`,
        );
      }
      const id = parsed.data.meta.id;
      await backend.put(id, {
        version: STORED_RECORD_VERSION,
        id,
        savedAt: now().toISOString(),
        indicator: parsed.data,
      });
    },

    async remove(id) {
      return backend.delete(id);
    },
  };
}
