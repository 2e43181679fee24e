import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import { readCsvTable, type Row } from './csv_table.ts';
import { readCsvTableCached } from './table_cache.ts';
import { RAW, rawPath, type RawKey } from './raw_catalogue.ts';

/**
 * Reads each raw file at most once per build: an England build slices the same national
 * files for 296 districts. Each key is always read with the same row schema.
 */
const PROCESS_TABLES = new Map<string, Promise<Row<unknown>[]>>();

export class RawReader {
  private readonly tables = new Map<RawKey, Promise<Row<unknown>[]>>();
  private readonly memos = new Map<string, Promise<unknown>>();

  constructor(readonly rawDir: string) {}

  /** Path of a raw file as messages name it. */
  display(key: RawKey): string {
    return RAW[key].path;
  }

  path(key: RawKey): string {
    return rawPath(this.rawDir, key);
  }

  /**
   * The validated rows of a raw CSV file, read and checked once. Rows are shared (never
   * mutate them): builds in one process reuse a file whose path, size and time are unchanged.
   */
  table<S extends z.ZodType>(key: RawKey, schema: S): Promise<Row<z.infer<S>>[]> {
    let p = this.tables.get(key);
    if (!p) {
      const file = this.path(key);
      p = stat(file).then(
        (st) => {
          const id = `${file}|${st.size}|${st.mtimeMs}`;
          let shared = PROCESS_TABLES.get(id);
          if (!shared) {
            shared = readCsvTableCached(file, RAW[key].path, key, schema);
            PROCESS_TABLES.set(id, shared);
            shared.catch(() => PROCESS_TABLES.delete(id));
          }
          return shared;
        },
        // A missing file: let the reader name it.
        () => readCsvTable(file, RAW[key].path, schema),
      );
      this.tables.set(key, p);
    }
    return p as Promise<Row<z.infer<S>>[]>;
  }

  /** Anything derived from raw files that every bundle of a build shares. */
  memo<T>(name: string, make: () => Promise<T>): Promise<T> {
    let p = this.memos.get(name);
    if (!p) {
      p = make();
      this.memos.set(name, p);
    }
    return p as Promise<T>;
  }
}
