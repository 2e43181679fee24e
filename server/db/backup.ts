import { chmodSync, copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import {
  REGISTER_APPLICATION_ID,
  createPrivate,
  openDatabase,
  PRIVATE_MODE,
} from './connection.ts';
import { LATEST_VERSION } from './migrations.ts';
import { takeExclusiveLock } from './exclusive_lock.ts';

export type RegisterFileCheck =
  | { ok: true; schemaVersion: number; assets: number; users: number }
  | { ok: false; reason: string };

/**
 * Is `file` a healthy register database this code can run? Checks the application id, the
 * migrations table and version, the tables, and PRAGMA integrity_check.
 */
export function checkRegisterFile(file: string): RegisterFileCheck {
  if (!existsSync(file)) return { ok: false, reason: `${file} does not exist` };
  let db;
  try {
    db = openDatabase(file, { mustExist: true, readonly: true });
  } catch (err) {
    return { ok: false, reason: `cannot open: ${(err as Error).message}` };
  }
  try {
    if (db.pragma('application_id', { simple: true }) !== REGISTER_APPLICATION_ID) {
      return { ok: false, reason: 'not a Gap Atlas register database (wrong application id)' };
    }
    const tables = new Set(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    for (const t of ['schema_migrations', 'assets', 'asset_history', 'users', 'sessions']) {
      if (!tables.has(t)) return { ok: false, reason: `table ${t} is missing` };
    }
    const version = db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as
      number | null;
    if (version === null) return { ok: false, reason: 'no migrations recorded' };
    if (version > LATEST_VERSION) {
      return {
        ok: false,
        reason: `schema version ${version} is newer than this code (${LATEST_VERSION})`,
      };
    }
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return { ok: false, reason: `integrity_check: ${String(integrity)}` };
    return {
      ok: true,
      schemaVersion: version,
      assets: db.prepare('SELECT count(*) FROM assets').pluck().get() as number,
      users: db.prepare('SELECT count(*) FROM users').pluck().get() as number,
    };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  } finally {
    db.close();
  }
}

export class BackupError extends Error {
  override name = 'BackupError';
}

/**
 * Writes a consistent copy of a live register with VACUUM INTO: one read transaction, so it
 * sees a single committed state, and in WAL mode it never blocks the server's writes. (The
 * page-by-page backup API restarts whenever another process writes, and could starve under a
 * steady stream of submissions.) Written to a temporary name and renamed once checked.
 */
export function backupRegister(
  sourceFile: string,
  destFile: string,
): RegisterFileCheck & { ok: true } {
  if (!existsSync(sourceFile)) throw new BackupError(`${sourceFile} does not exist`);
  if (existsSync(destFile)) throw new BackupError(`${destFile} already exists; not overwriting it`);
  const partial = `${destFile}.partial`;
  rmSync(partial, { force: true });
  // Created empty with mode 0600 first: VACUUM INTO fills an empty file and keeps its mode.
  createPrivate(partial);
  const db = openDatabase(sourceFile, { mustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
  } finally {
    db.close();
  }
  const check = checkRegisterFile(partial);
  if (!check.ok) {
    rmSync(partial, { force: true });
    throw new BackupError(`the copy failed its check: ${check.reason}`);
  }
  renameSync(partial, destFile);
  return check;
}

export interface RestoreResult {
  restored: RegisterFileCheck & { ok: true };
  /** Where the database that was replaced was saved, if there was one. */
  previousCopy: string | null;
}

/**
 * Replaces `targetFile` with the backup `fromFile`, holding the database's exclusive lock from
 * the first look to the swap: refused (DatabaseInUseError) while a server or anything else has
 * it open, and no server can start on it meanwhile. The current database is first saved next
 * to it (its WAL included) through the locked connection.
 */
export function restoreRegister(
  fromFile: string,
  targetFile: string,
  stamp: string,
): RestoreResult {
  const check = checkRegisterFile(fromFile);
  if (!check.ok)
    throw new BackupError(`${fromFile} is not a usable register backup: ${check.reason}`);
  const lock = takeExclusiveLock(targetFile, 'restoring over it');
  try {
    let previousCopy: string | null = null;
    if (lock && statSync(targetFile).size > 0) {
      // Out of WAL mode while we hold it: the WAL is checkpointed and removed now, so closing
      // this connection after the swap touches no -wal file a new server might have made.
      lock.pragma('journal_mode = DELETE');
      previousCopy = `${targetFile}.before-restore-${stamp}`;
      if (existsSync(previousCopy)) throw new BackupError(`${previousCopy} already exists`);
      createPrivate(previousCopy);
      lock.prepare('VACUUM INTO ?').run(previousCopy);
      const saved = checkRegisterFile(previousCopy);
      if (!saved.ok)
        throw new BackupError(`the copy of the current database failed: ${saved.reason}`);
    }
    const incoming = `${targetFile}.restoring`;
    copyFileSync(fromFile, incoming);
    chmodSync(incoming, PRIVATE_MODE);
    rmSync(`${targetFile}-wal`, { force: true });
    rmSync(`${targetFile}-shm`, { force: true });
    renameSync(incoming, targetFile);
    return { restored: check, previousCopy };
  } finally {
    lock?.close();
  }
}
