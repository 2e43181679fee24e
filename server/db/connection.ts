import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
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
    createPrivate(file);
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

/** Owner read and write only: the register holds moderators' emails and password hashes. */
export const PRIVATE_MODE = 0o600;

/**
 * Creates `file` empty with mode 0600 if it does not exist, and narrows an existing one to 0600.
 * SQLite gives the -wal and -shm files the mode of the database file, so they follow.
 */
export function createPrivate(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_MODE));
  else chmodSync(file, PRIVATE_MODE);
}
