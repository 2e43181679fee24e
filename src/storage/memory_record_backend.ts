/**
 * A `RecordBackend` in a Map, for tests and for browsers without IndexedDB (private modes
 * that refuse it). Values are structured-cloned in and out, as IndexedDB does, so callers
 * cannot change a stored record through a reference they kept.
 */
import type { RecordBackend } from './imported_indicator_store.ts';

export class MemoryRecordBackend implements RecordBackend {
  private readonly records = new Map<string, unknown>();

  constructor(seed: Iterable<[string, unknown]> = []) {
    for (const [id, value] of seed) this.records.set(id, structuredClone(value));
  }

  async entries(): Promise<[string, unknown][]> {
    return [...this.records]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, value]) => [id, structuredClone(value)]);
  }

  async put(id: string, record: unknown): Promise<void> {
    // Cloned before the Map is touched: a value that cannot be cloned leaves the old one.
    const copy = structuredClone(record);
    this.records.set(id, copy);
  }

  async delete(id: string): Promise<boolean> {
    return this.records.delete(id);
  }

  /** Writes a raw value without any check, as a damaged database would hold it (tests). */
  putRaw(id: string, value: unknown): void {
    this.records.set(id, value);
  }
}
