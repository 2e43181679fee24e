import { randomUUID } from 'node:crypto';
import type { Db } from './connection.ts';
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

export class SqliteAssetStore implements AssetStore {
  private readonly insertHistory;
  private readonly selectById;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insertHistory = db.prepare(
      `INSERT INTO asset_history (asset_id, at, actor_type, actor_id, action, changes, note)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectById = db.prepare(`SELECT ${ASSET_COLUMNS} FROM assets WHERE id = ?`);
  }

  /** Writes through this store; with data_version (other connections' commits) the version. */
  private writes = 0;

  async version(): Promise<string> {
    return `${this.writes}:${this.db.pragma('data_version', { simple: true }) as number}`;
  }

  async count(): Promise<number> {
    return this.db.prepare('SELECT count(*) FROM assets').pluck().get() as number;
  }

  async get(id: number): Promise<Asset | undefined> {
    return this.getSync(id);
  }

  private getSync(id: number): Asset | undefined {
    const row = this.selectById.get(id) as AssetRow | undefined;
    return row ? toAsset(row) : undefined;
  }

  async editTokenMatches(id: number, tokenHash: string): Promise<boolean> {
    const stored = this.db
      .prepare('SELECT edit_token_hash FROM assets WHERE id = ?')
      .pluck()
      .get(id) as string | null | undefined;
    // Both are hex SHA-256 digests of equal length; comparing digests leaks nothing useful.
    return typeof stored === 'string' && stored === tokenHash;
  }

  async listApproved(filter: AssetFilter): Promise<Asset[]> {
    const where = ["status = 'approved'"];
    const params: SqlValue[] = [];
    if (filter.category !== undefined) {
      where.push('category = ?');
      params.push(filter.category);
    }
    if (filter.bbox) {
      where.push('latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?');
      params.push(filter.bbox.minLat, filter.bbox.maxLat, filter.bbox.minLon, filter.bbox.maxLon);
    }
    const rows = this.db
      .prepare(`SELECT ${ASSET_COLUMNS} FROM assets WHERE ${where.join(' AND ')} ORDER BY id`)
      .all(...params) as AssetRow[];
    return rows.map(toAsset);
  }

  async listQueue(): Promise<Asset[]> {
    const rows = this.db
      .prepare(
        `SELECT ${ASSET_COLUMNS} FROM assets
         WHERE status = 'pending'
            OR (status = 'approved' AND (pending_changes IS NOT NULL OR withdrawal_requested = 1))
         ORDER BY updated_at, id`,
      )
      .all() as AssetRow[];
    return rows.map(toAsset);
  }

  async listStale(verifiedBefore: string): Promise<Asset[]> {
    const rows = this.db
      .prepare(
        `SELECT ${ASSET_COLUMNS} FROM assets
         WHERE status = 'approved' AND (last_verified IS NULL OR last_verified < ?)
         ORDER BY last_verified IS NOT NULL, last_verified, id`,
      )
      .all(verifiedBefore) as AssetRow[];
    return rows.map(toAsset);
  }

  async findExternal(type: string, id: string): Promise<Asset | undefined> {
    const row = this.db
      .prepare(`SELECT ${ASSET_COLUMNS} FROM assets WHERE external_id_type = ? AND external_id = ?`)
      .get(type, id) as AssetRow | undefined;
    return row ? toAsset(row) : undefined;
  }

  async history(id: number): Promise<HistoryEntry[]> {
    const rows = this.db
      .prepare(
        `SELECT h.id, h.asset_id, h.at, h.actor_type, h.actor_id, u.name AS actor_name,
                h.action, h.changes, h.note
         FROM asset_history h LEFT JOIN users u ON u.id = h.actor_id
         WHERE h.asset_id = ? ORDER BY h.id`,
      )
      .all(id) as HistoryRow[];
    return rows.map((r) => ({
      id: r.id,
      assetId: r.asset_id,
      at: r.at,
      actorType: r.actor_type,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      changes: JSON.parse(r.changes) as Record<string, FieldChange>,
      note: r.note,
    }));
  }

  async create(asset: NewAsset, actor: Actor, action = 'create'): Promise<Asset> {
    return this.written(() => this.db.transaction(() => this.insertSync(asset, actor, action))());
  }

  async createMany(assets: readonly NewAsset[], actor: Actor, action: string): Promise<Asset[]> {
    return this.written(() =>
      this.db.transaction(() => assets.map((a) => this.insertSync(a, actor, action)))(),
    );
  }

  async change(id: number, change: AssetChange, actor: Actor): Promise<Asset> {
    return this.written(() => this.db.transaction(() => this.changeSync(id, change, actor))());
  }

  /** Runs a write and moves the version on, whether it committed or not (never stale). */
  private written<T>(write: () => T): T {
    try {
      return write();
    } finally {
      this.writes++;
    }
  }

  async merge(
    sourceId: number,
    targetId: number,
    fill: Partial<AssetFields>,
    actor: Actor,
  ): Promise<{ source: Asset; target: Asset }> {
    return this.written(() => this.mergeSync(sourceId, targetId, fill, actor));
  }

  private mergeSync(
    sourceId: number,
    targetId: number,
    fill: Partial<AssetFields>,
    actor: Actor,
  ): { source: Asset; target: Asset } {
    return this.db.transaction(() => {
      const live: AssetStatus[] = ['pending', 'approved', 'rejected'];
      const target = this.changeSync(
        targetId,
        {
          action: 'merge-in',
          fields: fill,
          note: `Absorbed asset ${sourceId}`,
          expectStatus: live,
        },
        actor,
      );
      const source = this.changeSync(
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
    })();
  }

  private insertSync(asset: NewAsset, actor: Actor, action: string): Asset {
    const at = this.now().toISOString();
    const columns = FIELD_NAMES.map((f) => COLUMNS[f]);
    const values = FIELD_NAMES.map((f) => toColumnValue(f, asset.fields[f]));
    const info = this.db
      .prepare(
        `INSERT INTO assets (uuid, ${columns.join(', ')}, status, external_id, external_id_type,
           edit_token_hash, created_at, updated_at)
         VALUES (?, ${columns.map(() => '?').join(', ')}, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        randomUUID(),
        ...values,
        asset.status,
        asset.externalId ?? null,
        asset.externalIdType ?? null,
        asset.editTokenHash ?? null,
        at,
        at,
      );
    const id = Number(info.lastInsertRowid);
    const changes: Record<string, FieldChange> = {};
    for (const f of FIELD_NAMES) {
      const v = asset.fields[f];
      if (v !== null) changes[f] = { from: null, to: v };
    }
    changes.status = { from: null, to: asset.status };
    this.writeHistory(id, at, actor, action, changes, null);
    const created = this.getSync(id);
    if (!created) throw new Error(`asset ${id} vanished inside its own transaction`);
    return created;
  }

  private changeSync(id: number, change: AssetChange, actor: Actor): Asset {
    const before = this.getSync(id);
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
    for (const f of FIELD_NAMES) {
      if (!change.fields || !(f in change.fields)) continue;
      const to = change.fields[f];
      if (to === undefined || same(before[f], to)) continue;
      sets.push(`${COLUMNS[f]} = ?`);
      params.push(toColumnValue(f, to));
      diff[f] = { from: before[f], to };
    }
    const meta: [keyof AssetChange & keyof Asset, string, SqlValue, unknown][] = [];
    if (change.status !== undefined) {
      meta.push(['status', 'status', change.status, change.status]);
    }
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
      meta.push(['withdrawalRequested', 'withdrawal_requested', flag ? 1 : 0, flag]);
    }
    if (change.assuredDate !== undefined) {
      meta.push(['assuredDate', 'assured_date', change.assuredDate, change.assuredDate]);
    }
    for (const [key, column, value, raw] of meta) {
      if (same(before[key], raw)) continue;
      sets.push(`${column} = ?`);
      params.push(value);
      diff[key] = { from: before[key], to: raw };
    }
    if (change.revokeEditToken) {
      // The hash itself never reaches the history, only that there was one and now is none.
      sets.push('edit_token_hash = NULL');
      diff.editToken = { from: 'issued', to: 'revoked' };
    }
    // A change with nothing to change is still worth a history line if it carries a note.
    if (sets.length === 0 && !change.note) return before;
    const at = this.now().toISOString();
    if (sets.length > 0) {
      sets.push('updated_at = ?');
      params.push(at);
      this.db.prepare(`UPDATE assets SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
    }
    this.writeHistory(id, at, actor, change.action, diff, change.note ?? null);
    const after = this.getSync(id);
    if (!after) throw new Error(`asset ${id} vanished inside its own transaction`);
    return after;
  }

  private writeHistory(
    id: number,
    at: string,
    actor: Actor,
    action: string,
    changes: Record<string, FieldChange>,
    note: string | null,
  ): void {
    const [type, actorId] = actorColumns(actor);
    this.insertHistory.run(id, at, type, actorId, action, JSON.stringify(changes), note);
  }
}
