import { REGISTER_APPLICATION_ID, type Db } from './connection.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Applied in order, each once; never edit one that has shipped, add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'assets, history, moderators and sessions',
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
      );

      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_expires_at ON sessions(expires_at);

      CREATE TABLE assets (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        organisation_name TEXT NOT NULL,
        service_name TEXT NOT NULL,
        description TEXT,
        category TEXT NOT NULL,
        latitude REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        address TEXT,
        postcode TEXT,
        opening_times TEXT,
        opening_hours TEXT,
        email TEXT,
        phone TEXT,
        website TEXT,
        accessibility TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'archived')),
        status_reason TEXT,
        merged_into INTEGER REFERENCES assets(id),
        last_verified TEXT,
        source TEXT NOT NULL,
        licence TEXT NOT NULL,
        consent_to_publish INTEGER NOT NULL CHECK (consent_to_publish IN (0, 1)),
        external_id TEXT,
        external_id_type TEXT,
        edit_token_hash TEXT,
        pending_changes TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX assets_status_category ON assets(status, category);
      CREATE INDEX assets_status_verified ON assets(status, last_verified);
      CREATE INDEX assets_latitude ON assets(latitude);
      CREATE UNIQUE INDEX assets_external_id ON assets(external_id_type, external_id)
        WHERE external_id IS NOT NULL;

      CREATE TABLE asset_history (
        id INTEGER PRIMARY KEY,
        asset_id INTEGER NOT NULL REFERENCES assets(id),
        at TEXT NOT NULL,
        actor_type TEXT NOT NULL
          CHECK (actor_type IN ('moderator', 'edit-token holder', 'import', 'seed')),
        actor_id INTEGER REFERENCES users(id),
        action TEXT NOT NULL,
        changes TEXT NOT NULL,
        note TEXT
      );
      CREATE INDEX asset_history_asset ON asset_history(asset_id, id);

      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'withdrawals of published assets wait for a moderator',
    sql: `
      ALTER TABLE assets ADD COLUMN withdrawal_requested INTEGER NOT NULL DEFAULT 0
        CHECK (withdrawal_requested IN (0, 1));
    `,
  },
  {
    version: 3,
    name: 'the date a person last checked an asset (ORUK assured_date)',
    sql: `ALTER TABLE assets ADD COLUMN assured_date TEXT;`,
  },
  {
    version: 4,
    name: 'the programme an asset belongs to (Well Sefton, Taking Root, or none)',
    sql: `ALTER TABLE assets ADD COLUMN programme TEXT
        CHECK (programme IS NULL OR programme IN ('well_sefton', 'taking_root'));`,
  },
];

export const LATEST_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Versions already applied, or [] for a database that has never been migrated. */
export function appliedVersions(db: Db): number[] {
  const table = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!table) return [];
  return db
    .prepare('SELECT version FROM schema_migrations ORDER BY version')
    .pluck()
    .all() as number[];
}

/**
 * Brings the schema up to date. Each migration runs in its own transaction together with its
 * row in schema_migrations, so a crash mid-migration leaves the previous version intact.
 */
export function migrate(db: Db, now: () => Date = () => new Date()): number[] {
  const appliedId = db.pragma('application_id', { simple: true }) as number;
  const hasTables = (db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number) > 0;
  if (hasTables && appliedId !== REGISTER_APPLICATION_ID) {
    throw new MigrationError('This SQLite file is not a Gap Atlas register database');
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  db.pragma(`application_id = ${REGISTER_APPLICATION_ID}`);
  const done = new Set(appliedVersions(db));
  const newest = Math.max(0, ...done);
  if (newest > LATEST_VERSION) {
    throw new MigrationError(
      `Database schema version ${newest} is newer than this code (${LATEST_VERSION}); refusing to run`,
    );
  }
  const applied: number[] = [];
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, now().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}
