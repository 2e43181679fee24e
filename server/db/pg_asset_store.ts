import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import {
  actorColumns,
  ASSET_COLUMNS,
  COLUMNS,
  FIELD_NAMES,
  same,
  toAsset,
  toColumnValue,
  type AssetRow,
  type HistoryRow,
  type SqlValue,
} from './asset_rows.ts';
import {
  StoreConflictError,
  type Actor,
  type Asset,
  type AssetChange,
  type AssetFields,
  type AssetFilter,
  type AssetStatus,
  type AssetStore,
  type FieldChange,
  type HistoryEntry,
  type NewAsset,
} from './asset_store.ts';

/** Runs `work` in one transaction on one pooled connection; rolls back on any error. */
export async function inTransaction<T>(
  pool: Pool,
  work: (c: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * The AssetStore on PostgreSQL, for several server processes on one database. Each write is one
 * transaction with its history rows; `change` and `merge` lock the asset rows (SELECT ... FOR
 * UPDATE) so the status precondition holds under concurrent requests from any process. Every
 * write also moves meta.asset_version on, which version() reads, so every server's cached
 * answers see every other server's writes.
 */
export class PgAssetStore implements AssetStore {
  constructor(
    private readonly pool: Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async version(): Promise<string> {
    const r = await this.pool.query<{ value: string }>(
      "SELECT value FROM meta WHERE key = 'asset_version'",
    );
    return r.rows[0]?.value ?? '0';
  }

  async count(): Promise<number> {
    const r = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM assets');
    return r.rows[0]?.n ?? 0;
  }

  async get(id: number): Promise<Asset | undefined> {
    return this.getWith(this.pool, id, false);
  }

  private async getWith(
    q: Pool | PoolClient,
    id: number,
    forUpdate: boolean,
  ): Promise<Asset | undefined> {
    const r = await q.query<AssetRow>(
      `SELECT ${ASSET_COLUMNS} FROM assets WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    const row = r.rows[0];
    return row ? toAsset(row) : undefined;
  }

  async editTokenMatches(id: number, tokenHash: string): Promise<boolean> {
    const r = await this.pool.query<{ h: string | null }>(
      'SELECT edit_token_hash AS h FROM assets WHERE id = $1',
      [id],
    );
    const stored = r.rows[0]?.h;
    return typeof stored === 'string' && stored === tokenHash;
  }

  async listApproved(filter: AssetFilter): Promise<Asset[]> {
    const where = ["status = 'approved'"];
    const params: SqlValue[] = [];
    if (filter.category !== undefined) {
      params.push(filter.category);
      where.push(`category = $${params.length}`);
    }
    if (filter.bbox) {
      const b = filter.bbox;
      params.push(b.minLat, b.maxLat, b.minLon, b.maxLon);
      const n = params.length;
      where.push(
        `latitude BETWEEN $${n - 3} AND $${n - 2} AND longitude BETWEEN $${n - 1} AND $${n}`,
      );
    }
    const r = await this.pool.query<AssetRow>(
      `SELECT ${ASSET_COLUMNS} FROM assets WHERE ${where.join(' AND ')} ORDER BY id`,
      params,
    );
    return r.rows.map(toAsset);
  }

  async listQueue(): Promise<Asset[]> {
    const r = await this.pool.query<AssetRow>(
      `SELECT ${ASSET_COLUMNS} FROM assets
       WHERE status = 'pending'
          OR (status = 'approved' AND (pending_changes IS NOT NULL OR withdrawal_requested))
       ORDER BY updated_at, id`,
    );
    return r.rows.map(toAsset);
  }

  async listStale(verifiedBefore: string): Promise<Asset[]> {
    const r = await this.pool.query<AssetRow>(
      `SELECT ${ASSET_COLUMNS} FROM assets
       WHERE status = 'approved' AND (last_verified IS NULL OR last_verified < $1)
       ORDER BY last_verified IS NOT NULL, last_verified, id`,
      [verifiedBefore],
    );
    return r.rows.map(toAsset);
  }

  async findExternal(type: string, id: string): Promise<Asset | undefined> {
    const r = await this.pool.query<AssetRow>(
      `SELECT ${ASSET_COLUMNS} FROM assets WHERE external_id_type = $1 AND external_id = $2`,
      [type, id],
    );
    const row = r.rows[0];
    return row ? toAsset(row) : undefined;
  }

  async history(id: number): Promise<HistoryEntry[]> {
    const r = await this.pool.query<HistoryRow>(
      `SELECT h.id, h.asset_id, h.at, h.actor_type, h.actor_id, u.name AS actor_name,
              h.action, h.changes, h.note
       FROM asset_history h LEFT JOIN users u ON u.id = h.actor_id
       WHERE h.asset_id = $1 ORDER BY h.id`,
      [id],
    );
    return r.rows.map((row) => ({
      id: row.id,
      assetId: row.asset_id,
      at: row.at,
      actorType: row.actor_type,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      changes: JSON.parse(row.changes) as Record<string, FieldChange>,
      note: row.note,
    }));
  }

  async create(asset: NewAsset, actor: Actor, action = 'create'): Promise<Asset> {
    return this.write((c) => this.insert(c, asset, actor, action));
  }

  async createMany(assets: readonly NewAsset[], actor: Actor, action: string): Promise<Asset[]> {
    return this.write(async (c) => {
      const out: Asset[] = [];
      for (const a of assets) out.push(await this.insert(c, a, actor, action));
      return out;
    });
  }

  async change(id: number, change: AssetChange, actor: Actor): Promise<Asset> {
    return this.write((c) => this.changeIn(c, id, change, actor));
  }

  async merge(
    sourceId: number,
    targetId: number,
    fill: Partial<AssetFields>,
    actor: Actor,
  ): Promise<{ source: Asset; target: Asset }> {
    return this.write(async (c) => {
      // Both rows locked in id order, so two opposite merges cannot deadlock.
      await c.query('SELECT id FROM assets WHERE id = ANY($1) ORDER BY id FOR UPDATE', [
        [sourceId, targetId],
      ]);
      const live: AssetStatus[] = ['pending', 'approved', 'rejected'];
      const target = await this.changeIn(
        c,
        targetId,
        {
          action: 'merge-in',
          fields: fill,
          note: `Absorbed asset ${sourceId}`,
          expectStatus: live,
        },
        actor,
      );
      const source = await this.changeIn(
        c,
        sourceId,
        {
          action: 'merge-out',
          status: 'archived',
          statusReason: `Merged into asset ${targetId}`,
          mergedInto: targetId,
          note: `Merged into asset ${targetId}`,
          expectStatus: live,
        },
        actor,
      );
      return { source, target };
    });
  }

  /** One transaction that also moves the asset version on. */
  private write<T>(work: (c: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (c) => {
      const result = await work(c);
      await c.query(
        "UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'asset_version'",
      );
      return result;
    });
  }

  private async insert(c: PoolClient, asset: NewAsset, actor: Actor, action: string) {
    const at = this.now().toISOString();
    const columns = FIELD_NAMES.map((f) => COLUMNS[f]);
    const values: SqlValue[] = [
      randomUUID(),
      ...FIELD_NAMES.map((f) => toColumnValue(f, asset.fields[f])),
      asset.status,
      asset.externalId ?? null,
      asset.externalIdType ?? null,
      asset.editTokenHash ?? null,
      at,
      at,
    ];
    const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
    const r = await c.query<{ id: number }>(
      `INSERT INTO assets (uuid, ${columns.join(', ')}, status, external_id, external_id_type,
         edit_token_hash, created_at, updated_at)
       VALUES (${placeholders}) RETURNING id`,
      values,
    );
    const id = r.rows[0]?.id;
    if (id === undefined) throw new Error('INSERT returned no id');
    const changes: Record<string, FieldChange> = {};
    for (const f of FIELD_NAMES) {
      const v = asset.fields[f];
      if (v !== null) changes[f] = { from: null, to: v };
    }
    changes.status = { from: null, to: asset.status };
    await this.writeHistory(c, id, at, actor, action, changes, null);
    const created = await this.getWith(c, id, false);
    if (!created) throw new Error(`asset ${id} vanished inside its own transaction`);
    return created;
  }

  private async changeIn(
    c: PoolClient,
    id: number,
    change: AssetChange,
    actor: Actor,
  ): Promise<Asset> {
    const before = await this.getWith(c, id, true);
    if (!before) throw new StoreConflictError(`Asset ${id} not found`, 'not-found');
    if (change.expectStatus && !change.expectStatus.includes(before.status)) {
      throw new StoreConflictError(
        `Asset ${id} is ${before.status}; this needs ${change.expectStatus.join(' or ')}`,
        'conflict',
      );
    }
    const sets: string[] = [];
    const params: SqlValue[] = [];
    const diff: Record<string, FieldChange> = {};
    const set = (column: string, value: SqlValue) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    for (const f of FIELD_NAMES) {
      if (!change.fields || !(f in change.fields)) continue;
      const to = change.fields[f];
      if (to === undefined || same(before[f], to)) continue;
      set(COLUMNS[f], toColumnValue(f, to));
      diff[f] = { from: before[f], to };
    }
    const meta: [keyof AssetChange & keyof Asset, string, SqlValue, unknown][] = [];
    if (change.status !== undefined) meta.push(['status', 'status', change.status, change.status]);
    if (change.statusReason !== undefined) {
      meta.push(['statusReason', 'status_reason', change.statusReason, change.statusReason]);
    }
    if (change.mergedInto !== undefined) {
      meta.push(['mergedInto', 'merged_into', change.mergedInto, change.mergedInto]);
    }
    if (change.pendingChanges !== undefined) {
      const json = change.pendingChanges ? JSON.stringify(change.pendingChanges) : null;
      meta.push(['pendingChanges', 'pending_changes', json, change.pendingChanges]);
    }
    if (change.withdrawalRequested !== undefined) {
      const flag = change.withdrawalRequested;
      meta.push(['withdrawalRequested', 'withdrawal_requested', flag, flag]);
    }
    if (change.assuredDate !== undefined) {
      meta.push(['assuredDate', 'assured_date', change.assuredDate, change.assuredDate]);
    }
    for (const [key, column, value, raw] of meta) {
      if (same(before[key], raw)) continue;
      set(column, value);
      diff[key] = { from: before[key], to: raw };
    }
    if (change.revokeEditToken) {
      sets.push('edit_token_hash = NULL');
      diff.editToken = { from: 'issued', to: 'revoked' };
    }
    if (sets.length === 0 && !change.note) return before;
    const at = this.now().toISOString();
    if (sets.length > 0) {
      set('updated_at', at);
      params.push(id);
      await c.query(`UPDATE assets SET ${sets.join(', ')} WHERE id = $${params.length}`, params);
    }
    await this.writeHistory(c, id, at, actor, change.action, diff, change.note ?? null);
    const after = await this.getWith(c, id, false);
    if (!after) throw new Error(`asset ${id} vanished inside its own transaction`);
    return after;
  }

  private async writeHistory(
    c: PoolClient,
    id: number,
    at: string,
    actor: Actor,
    action: string,
    changes: Record<string, FieldChange>,
    note: string | null,
  ): Promise<void> {
    const [type, actorId] = actorColumns(actor);
    await c.query(
      `INSERT INTO asset_history (asset_id, at, actor_type, actor_id, action, changes, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, at, type, actorId, action, JSON.stringify(changes), note],
    );
  }
}
