import type { Pool, PoolClient } from 'pg';
import { LATEST_VERSION, MigrationError } from './migrations.ts';

/**
 * The register's schema on PostgreSQL: the same tables, columns and versions as the SQLite
 * migrations (server/db/migrations.ts), in PostgreSQL's dialect. Text timestamps (ISO 8601,
 * UTC) and JSON kept as text, exactly as SQLite stores them, so both stores answer byte for byte
 * the same; integer identity ids; booleans for flags.
 */
const PG_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'assets, history, moderators and sessions',
    sql: `
      CREATE TABLE users (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        password_hash text NOT NULL,
        created_at text NOT NULL,
        disabled boolean NOT NULL DEFAULT false
      );
      CREATE TABLE sessions (
        id_hash text PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at text NOT NULL,
        expires_at text NOT NULL
      );
      CREATE INDEX sessions_expires_at ON sessions(expires_at);
      CREATE TABLE assets (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        uuid text NOT NULL UNIQUE,
        organisation_name text NOT NULL,
        service_name text NOT NULL,
        description text,
        category text NOT NULL,
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        address text,
        postcode text,
        opening_times text,
        opening_hours text,
        email text,
        phone text,
        website text,
        accessibility text,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'archived')),
        status_reason text,
        merged_into integer REFERENCES assets(id),
        last_verified text,
        source text NOT NULL,
        licence text NOT NULL,
        consent_to_publish boolean NOT NULL,
        external_id text,
        external_id_type text,
        edit_token_hash text,
        pending_changes text,
        created_at text NOT NULL,
        updated_at text NOT NULL
      );
      CREATE INDEX assets_status_category ON assets(status, category);
      CREATE INDEX assets_status_verified ON assets(status, last_verified);
      CREATE UNIQUE INDEX assets_external_id ON assets(external_id_type, external_id)
        WHERE external_id IS NOT NULL;
      CREATE TABLE asset_history (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        asset_id integer NOT NULL REFERENCES assets(id),
        at text NOT NULL,
        actor_type text NOT NULL
          CHECK (actor_type IN ('moderator', 'edit-token holder', 'import', 'seed')),
        actor_id integer REFERENCES users(id),
        action text NOT NULL,
        changes text NOT NULL,
        note text
      );
      CREATE INDEX asset_history_asset ON asset_history(asset_id, id);
      CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
      -- Moved on by every asset write, in its transaction: other servers' caches see changes.
      INSERT INTO meta (key, value) VALUES ('asset_version', '0');
    `,
  },
  {
    version: 2,
    name: 'withdrawals of published assets wait for a moderator',
    sql: `ALTER TABLE assets ADD COLUMN withdrawal_requested boolean NOT NULL DEFAULT false;`,
  },
  {
    version: 3,
    name: 'the date a person last checked an asset (ORUK assured_date)',
    sql: `ALTER TABLE assets ADD COLUMN assured_date text;`,
  },
  {
    version: 4,
    name: 'the programme an asset belongs to (Well Sefton, Taking Root, or none)',
    sql: `ALTER TABLE assets ADD COLUMN programme text
        CHECK (programme IS NULL OR programme IN ('well_sefton', 'taking_root'));`,
  },
];

/** An arbitrary constant: the advisory lock two servers starting at once take to migrate. */
const MIGRATION_LOCK = 0x47415052;

/** Brings the schema up to date, one migration per transaction, under an advisory lock. */
export async function migratePg(pool: Pool, now: () => Date): Promise<number[]> {
  const client: PoolClient = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`);
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const newest = Math.max(0, ...done);
    if (newest > LATEST_VERSION) {
      throw new MigrationError(
        `Database schema version ${newest} is newer than this code (${LATEST_VERSION}); refusing to run`,
      );
    }
    for (const m of PG_MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
          [m.version, m.name, now().toISOString()],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
      applied.push(m.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}

if (PG_MIGRATIONS.at(-1)?.version !== LATEST_VERSION) {
  throw new Error('server/db/pg_schema.ts is behind server/db/migrations.ts: add the migration');
}
