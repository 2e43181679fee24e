import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Db } from './connection.ts';

/** Another live process has the register database open. */
export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
  constructor(file: string, doing: string) {
    super(
      `${file} is in use by another process (a register server, a backup or a command); stop it before ${doing}`,
    );
  }
}

/**
 * The OS lock behind "one server per database". Every connection to a WAL database holds a
 * shared lock on the database file for as long as it is open (SQLite's own fcntl lock, released
 * by the kernel when the process dies, and on the file itself, so there is no marker file to
 * delete). Asking for the exclusive lock with no wait therefore fails while any other process
 * (or connection) has the database open.
 *
 * Returns the connection holding the exclusive lock; close it to release. For a file that does
 * not exist yet, returns null (nothing to hold).
 */
export function takeExclusiveLock(file: string, doing: string): Db | null {
  if (file === ':memory:' || !existsSync(file)) return null;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new DatabaseInUseError(file, doing);
    }
    throw err;
  }
  return db;
}

/**
 * Refuses to go on if another process holds the database, then lets go at once so this process
 * can open it normally. (Between letting go and the caller's own open there is a window of
 * microseconds in which a second process starting at the same instant could also pass.)
 */
export function assertNotInUse(file: string, doing: string): void {
  takeExclusiveLock(file, doing)?.close();
}
