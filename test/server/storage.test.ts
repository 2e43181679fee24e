import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connection.ts';
import { LATEST_VERSION, migrate, MigrationError } from '../../server/db/migrations.ts';
import { SqliteAssetStore } from '../../server/db/sqlite_asset_store.ts';
import { openRegister, type Register } from '../../server/register/plugin.ts';
import { tempDir, removeTempDirs } from './helpers.ts';
import type { NewAsset } from '../../server/db/asset_store.ts';

const opened: Register[] = [];
afterEach(() => {
  for (const r of opened.splice(0)) r.close();
});

async function open(file: string): Promise<Register> {
  const r = await openRegister({ file, seed: false, lock: false });
  opened.push(r);
  return r;
}

function newAsset(overrides: Partial<NewAsset['fields']> = {}): NewAsset {
  return {
    status: 'approved',
    fields: {
      organisationName: 'Org',
      serviceName: 'Service',
      description: null,
      category: 'other',
      programme: null,
      latitude: 53.45,
      longitude: -3,
      address: null,
      postcode: null,
      openingTimes: null,
      openingHours: null,
      email: null,
      phone: null,
      website: null,
      accessibility: null,
      lastVerified: null,
      source: 'test',
      licence: 'test',
      consentToPublish: true,
      ...overrides,
    },
  };
}

describe('database setup', () => {
  it('uses WAL with synchronous=FULL so an acknowledged write is on disk', async () => {
    const r = await open(path.join(tempDir(), 'r.db'));
    expect(r.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL: the WAL is fsynced at every commit.
    expect(r.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(r.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('records each migration once, in order', async () => {
    const file = path.join(tempDir(), 'r.db');
    const first = await open(file);
    const rows = first.db.prepare('SELECT version, name FROM schema_migrations').all();
    expect(rows).toHaveLength(LATEST_VERSION);
    first.close();
    const again = await open(file);
    expect(migrate(again.db)).toEqual([]);
    expect(again.db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(
      LATEST_VERSION,
    );
  });

  it('refuses a SQLite file that is not a register', () => {
    const file = path.join(tempDir(), 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE notes (x TEXT)');
    other.close();
    const db = openDatabase(file);
    expect(() => migrate(db)).toThrow(MigrationError);
    db.close();
  });

  it('refuses a database migrated by newer code', async () => {
    const file = path.join(tempDir(), 'r.db');
    const r = await open(file);
    r.db
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(LATEST_VERSION + 1, 'from the future', new Date().toISOString());
    r.close();
    await expect(open(file)).rejects.toThrow(/newer than this code/);
  });
});

describe('SqliteAssetStore', () => {
  it('rolls back every row of createMany when one fails', async () => {
    const r = await open(path.join(tempDir(), 'r.db'));
    const store = new SqliteAssetStore(r.db);
    await store.create(newAsset(), { type: 'seed' });
    // The last row breaks a CHECK constraint, as a bug past validation would.
    const batch = [newAsset(), newAsset(), newAsset({ latitude: 200 })];
    await expect(
      store.createMany(batch, { type: 'import', userId: null }, 'import'),
    ).rejects.toThrow();
    expect(await store.count()).toBe(1);
    expect(r.db.prepare('SELECT count(*) FROM asset_history').pluck().get()).toBe(1);
  });

  it('records a field-level diff with who and when for every change', async () => {
    const r = await open(path.join(tempDir(), 'r.db'));
    const store = new SqliteAssetStore(r.db, () => new Date('2026-01-02T03:04:05Z'));
    const a = await store.create(newAsset(), { type: 'seed' }, 'seed');
    await store.change(
      a.id,
      { action: 'edit', fields: { serviceName: 'Renamed', phone: null } },
      { type: 'import', userId: null },
    );
    const history = await store.history(a.id);
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({
      at: '2026-01-02T03:04:05.000Z',
      actorType: 'import',
      action: 'edit',
      // phone was already null: not a change, so not recorded.
      changes: { serviceName: { from: 'Service', to: 'Renamed' } },
    });
  });

  it('checks the expected status inside the transaction', async () => {
    const r = await open(path.join(tempDir(), 'r.db'));
    const store = new SqliteAssetStore(r.db);
    const a = await store.create(newAsset(), { type: 'seed' });
    await expect(
      store.change(
        a.id,
        { action: 'approve', status: 'approved', expectStatus: ['pending'] },
        { type: 'seed' },
      ),
    ).rejects.toThrow(/needs pending/);
  });

  it('never exposes the edit-token hash on an asset', async () => {
    const r = await open(path.join(tempDir(), 'r.db'));
    const store = new SqliteAssetStore(r.db);
    const a = await store.create(
      { ...newAsset(), editTokenHash: 'f'.repeat(64) },
      { type: 'seed' },
    );
    expect(JSON.stringify(await store.get(a.id))).not.toContain('f'.repeat(64));
    expect(await store.editTokenMatches(a.id, 'f'.repeat(64))).toBe(true);
    expect(await store.editTokenMatches(a.id, 'e'.repeat(64))).toBe(false);
  });
});

afterAll(removeTempDirs);
