/**
 * A `RecordBackend` on IndexedDB: one database, one object store keyed by indicator id.
 * Thin on purpose (the logic and its checks are in imported_indicator_store.ts); each call
 * is one transaction, so a `put` that fails (quota, a clone error) is rolled back whole.
 */
import {
  createImportedIndicatorStore,
  type ImportedIndicatorStore,
  type RecordBackend,
} from './imported_indicator_store.ts';

export interface IndexedDbOptions {
  /** Database name (default "gap-atlas-imports"). */
  name?: string;
  /** IndexedDB implementation (default `globalThis.indexedDB`). */
  factory?: IDBFactory;
}

const DB_VERSION = 1;
const STORE = 'indicators';

export async function openIndexedDbRecordBackend(
  options: IndexedDbOptions = {},
): Promise<RecordBackend> {
  const factory = options.factory ?? globalThis.indexedDB;
  if (!factory) throw new Error('IndexedDB is not available in this browser.');
  const open = factory.open(options.name ?? 'gap-atlas-imports', DB_VERSION);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE);
  };
  const db = await requestResult(open);
  // Another tab upgrading the database must not wait on this one.
  db.onversionchange = () => db.close();

  return {
    async entries() {
      const tx = db.transaction(STORE, 'readonly');
      const store = tx.objectStore(STORE);
      // Both requests in one transaction see the same snapshot, in the same key order.
      const [keys, values] = await Promise.all([
        requestResult(store.getAllKeys()),
        requestResult(store.getAll()),
      ]);
      return keys.map((k, i) => [String(k), values[i]]);
    },

    async put(id, record) {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(record, id);
      await transactionDone(tx);
    },

    async delete(id) {
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      let existed = false;
      const count = store.count(id);
      // Deleted from the request's own callback, while the transaction is surely active.
      count.onsuccess = () => {
        existed = count.result > 0;
        if (existed) store.delete(id);
      };
      await transactionDone(tx);
      return existed;
    },
  };
}

/** The imported-indicator store on IndexedDB. */
export async function openImportedIndicatorStore(
  options: IndexedDbOptions = {},
): Promise<ImportedIndicatorStore> {
  return createImportedIndicatorStore(await openIndexedDbRecordBackend(options));
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    const fail = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = fail;
    tx.onabort = fail;
  });
}
