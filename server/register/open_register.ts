import { randomBytes } from 'node:crypto';
import pg, { type Pool } from 'pg';
import { SqliteAccountStore, type AccountStore } from '../db/account_store.ts';
import type { AssetStore, BBox } from '../db/asset_store.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import { assertNotInUse } from '../db/exclusive_lock.ts';
import { migrate } from '../db/migrations.ts';
import { PgAccountStore } from '../db/pg_account_store.ts';
import { PgAssetStore } from '../db/pg_asset_store.ts';
import { migratePg } from '../db/pg_schema.ts';
import { SqliteAssetStore } from '../db/sqlite_asset_store.ts';
import { loadBuiltArea, rectangleArea, type RegisterArea } from './area.ts';
import {
  bboxOverride,
  defaultDbFile,
  defaultRawDir,
  registerAreaId,
  SEFTON_BBOX,
} from './config.ts';
import { seedIfEmpty, type SeedCounts } from './seed.ts';

export interface RegisterOptions {
  /**
   * SQLite file, or a postgres:// URL for PostgreSQL (env GAP_ATLAS_DB, default
   * var/register.db); ':memory:' for throwaway use.
   */
  file?: string;
  /** PostgreSQL only: the schema to use (search_path), e.g. one per test. Default public. */
  pgSchema?: string;
  /** Raw data folder for the first-start seed (env GAP_ATLAS_RAW, default ../shared/data/raw). */
  rawDir?: string;
  /** The area assets must be in (the outline of a built authority, see register/area.ts). */
  area?: RegisterArea;
  /**
   * Built data folder: without `area`, the register serves the outline of its bundle named by
   * GAP_ATLAS_REGISTER_AREA, else of its default bundle (what `npm start` builds).
   */
  dataDir?: string;
  /**
   * A rectangle instead of an outline (env GAP_ATLAS_BBOX "minLon,minLat,maxLon,maxLat", kept
   * for back-compatibility). Without area, dataDir or bbox: Sefton's rectangle.
   */
  bbox?: BBox;
  /** Seed from the raw data when the register is empty (default true). */
  seed?: boolean;
  /**
   * Refuse to open a database another live process has open (default true): an OS lock on the
   * database file, see server/db/exclusive_lock.ts. Restore takes the same lock.
   */
  lock?: boolean;
  /** Region for Open Referral addresses (default Merseyside). */
  region?: string;
  submissionSource?: string;
  submissionLicence?: string;
  now?: () => Date;
  /** Where seed warnings go (default stderr). */
  log?: (message: string) => void;
}

/** What every open register has, whichever database is behind it. */
export interface RegisterBase {
  kind: 'sqlite' | 'postgres';
  /** The SQLite file, or the PostgreSQL URL without its password. */
  file: string;
  /** Raw data folder (the seed, and Code-Point postcodes for GET /api/postcodes). */
  rawDir: string;
  assets: AssetStore;
  accounts: AccountStore;
  config: {
    area: RegisterArea;
    region: string;
    now: () => Date;
    submissionSource: string;
    submissionLicence: string;
  };
  /** What the first-start seed added, or null when the register already had assets. */
  seeded: SeedCounts | null;
  /** Commits a small write, or throws: /api/health's proof that the database can write. */
  probeWrite(): Promise<void>;
  close(): void | Promise<void>;
}

/** The embedded default: one SQLite file. */
export interface Register extends RegisterBase {
  kind: 'sqlite';
  db: Db;
  close(): void;
}

/** PostgreSQL, for several server processes on one database. */
export interface PgRegister extends RegisterBase {
  kind: 'postgres';
  pool: Pool;
  close(): Promise<void>;
}

export type AnyRegister = Register | PgRegister;

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

/** Opens the register GAP_ATLAS_DB (or `options.file`) names: SQLite or PostgreSQL. */
export async function openAnyRegister(options: RegisterOptions = {}): Promise<AnyRegister> {
  const target = options.file ?? defaultDbFile();
  return isPostgresUrl(target)
    ? openPgRegister({ ...options, file: target })
    : openRegister({ ...options, file: target });
}

/** The area: given, a rectangle, the built authority's outline, or Sefton's rectangle. */
export async function resolveArea(options: RegisterOptions): Promise<RegisterArea> {
  if (options.area) return options.area;
  const bbox = options.bbox ?? bboxOverride();
  if (bbox) return rectangleArea(bbox);
  const built = options.dataDir ? await loadBuiltArea(options.dataDir, registerAreaId()) : null;
  return built ?? rectangleArea(SEFTON_BBOX, 'Sefton');
}

function registerConfig(options: RegisterOptions, now: () => Date, area: RegisterArea) {
  return {
    area,
    region: options.region ?? 'Merseyside',
    now,
    submissionSource: options.submissionSource ?? 'Community submission',
    submissionLicence:
      options.submissionLicence ??
      'Published with the consent of the organisation that submitted it',
  };
}

/** Seeds an empty register from the raw data; a missing raw folder only logs. */
async function seed(
  options: RegisterOptions,
  assets: AssetStore,
  config: ReturnType<typeof registerConfig>,
  rawDir: string,
): Promise<SeedCounts | null> {
  if (!(options.seed ?? true)) return null;
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  try {
    return await seedIfEmpty(assets, rawDir, config);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    // No raw data here: start empty rather than refuse to serve.
    log(`register: not seeded, raw data not found under ${rawDir}`);
    return null;
  }
}

/**
 * Opens a register on PostgreSQL: a connection pool, the schema migrated under an advisory lock
 * (two servers starting at once migrate once), seeded if empty. Several processes may share it.
 */
export async function openPgRegister(
  options: RegisterOptions & { file: string },
): Promise<PgRegister> {
  const now = options.now ?? (() => new Date());
  const schema = options.pgSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`PostgreSQL schema name must be lower-case letters, digits and _: "${schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: options.file,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await migratePg(pool, now);
    const assets = new PgAssetStore(pool, now);
    const accounts = new PgAccountStore(pool, now);
    const config = registerConfig(options, now, await resolveArea(options));
    const rawDir = options.rawDir ?? defaultRawDir();
    const seeded = await seed(options, assets, config, rawDir);
    const url = new URL(options.file);
    url.password = '';
    return {
      kind: 'postgres',
      file: url.href,
      rawDir,
      pool,
      assets,
      accounts,
      config,
      seeded,
      async probeWrite() {
        await pool.query(
          `INSERT INTO meta (key, value) VALUES ('health_probe', $1)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [`${now().toISOString()} ${randomBytes(16).toString('hex')}`],
        );
      },
      async close() {
        await pool.end();
      },
    };
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}

/** Opens (creating if needed) and migrates the register, and seeds it if it is empty. */
export async function openRegister(options: RegisterOptions = {}): Promise<Register> {
  const file = options.file ?? defaultDbFile();
  const now = options.now ?? (() => new Date());
  const area = await resolveArea(options);
  if (options.lock ?? true) assertNotInUse(file, 'starting another register on it');
  const db = openDatabase(file);
  try {
    migrate(db, now);
  } catch (err) {
    db.close();
    throw err;
  }
  const assets = new SqliteAssetStore(db, now);
  const accounts = new SqliteAccountStore(db, now);
  const config = registerConfig(options, now, area);
  const rawDir = options.rawDir ?? defaultRawDir();
  let seeded: SeedCounts | null;
  try {
    seeded = await seed(options, assets, config, rawDir);
  } catch (err) {
    db.close();
    throw err;
  }
  const probe = db.prepare(
    `INSERT INTO meta (key, value) VALUES ('health_probe', ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  );
  return {
    kind: 'sqlite',
    file,
    rawDir,
    db,
    assets,
    accounts,
    config,
    seeded,
    async probeWrite() {
      probe.run(`${now().toISOString()} ${randomBytes(16).toString('hex')}`);
    },
    close() {
      if (db.open) db.close();
    },
  };
}
