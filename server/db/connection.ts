import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

/** Marks a file as a Gap Atlas register ("GAPR"), so restore can refuse other SQLite files. */
export const REGISTER_APPLICATION_ID = 0x47415052;

export interface OpenDatabaseOptions {
  /** The file must already exist (backup, restore). */
  mustExist?: boolean;
  readonly?: boolean;
}

/**
 * Opens a register database with the durability settings every connection must share.
 *
 * WAL lets readers (the public map, a running backup) proceed while a submission commits.
 * synchronous=FULL makes each commit fsync the WAL before better-sqlite3 returns, so a
 * submission is on disk before its 201 is sent: it survives SIGKILL (NORMAL would too, since
 * the write has reached the OS) and also a power cut or kernel crash (NORMAL would not).
 * Submissions are rare, so an fsync per commit costs nothing that matters.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  if (file !== ':memory:' && !options.mustExist) {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const db = new Database(file, {
    fileMustExist: options.mustExist ?? false,
    readonly: options.readonly ?? false,
    // A backup or CLI holding the write lock briefly must not make requests fail.
    timeout: 5000,
  });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  return db;
}
