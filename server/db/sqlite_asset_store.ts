import { randomUUID } from 'node:crypto';
import type { Db } from './connection.ts';
import {
  StoreConflictError,
  type Actor,
  type Asset,
  type AssetChange,
  type AssetFieldName,
  type AssetFields,
  type AssetFilter,
  type AssetStatus,
  type AssetStore,
  type FieldChange,
  type HistoryEntry,
  type NewAsset,
  type OpeningPeriod,
} from './asset_store.ts';
import type { CategoryId } from '../../contracts/register/taxonomy.ts';
import { ASSET_FIELD_NAMES, snakeCase } from '../../contracts/register/asset.ts';

interface AssetRow {
  id: number;
  uuid: string;
  organisation_name: string;
  service_name: string;
  description: string | null;
  category: string;
  latitude: number;
  longitude: number;
  address: string | null;
  postcode: string | null;
  opening_times: string | null;
  opening_hours: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  accessibility: string | null;
  status: AssetStatus;
  status_reason: string | null;
  merged_into: number | null;
  last_verified: string | null;
  source: string;
  licence: string;
  consent_to_publish: number;
  external_id: string | null;
  external_id_type: string | null;
  pending_changes: string | null;
  withdrawal_requested: number;
  assured_date: string | null;
  created_at: string;
  updated_at: string;
}

interface HistoryRow {
  id: number;
  asset_id: number;
  at: string;
  actor_type: HistoryEntry['actorType'];
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  changes: string;
  note: string | null;
}

/** Column for each field (its snake-case name); the only place names meet SQL. */
const COLUMNS = Object.fromEntries(ASSET_FIELD_NAMES.map((f) => [f, snakeCase(f)])) as Record<
  AssetFieldName,
  string
>;

const FIELD_NAMES: readonly AssetFieldName[] = ASSET_FIELD_NAMES;

// Never SELECT edit_token_hash into an Asset: it must not be able to leak into a response.
const ASSET_COLUMNS = `id, uuid, ${Object.values(COLUMNS).join(', ')}, status, status_reason,
  merged_into, external_id, external_id_type, pending_changes, withdrawal_requested, assured_date, created_at,
  updated_at`;

function toAsset(row: AssetRow): Asset {
  return {
    id: row.id,
    uuid: row.uuid,
    organisationName: row.organisation_name,
    serviceName: row.service_name,
    description: row.description,
    category: row.category as CategoryId,
    latitude: row.latitude,
    longitude: row.longitude,
    address: row.address,
    postcode: row.postcode,
    openingTimes: row.opening_times,
    openingHours: row.opening_hours ? (JSON.parse(row.opening_hours) as OpeningPeriod[]) : null,
    email: row.email,
    phone: row.phone,
    website: row.website,
    accessibility: row.accessibility,
    lastVerified: row.last_verified,
    source: row.source,
    licence: row.licence,
    consentToPublish: row.consent_to_publish === 1,
    status: row.status,
    statusReason: row.status_reason,
    mergedInto: row.merged_into,
    externalId: row.external_id,
    externalIdType: row.external_id_type,
    pendingChanges: row.pending_changes
      ? (JSON.parse(row.pending_changes) as Partial<AssetFields>)
      : null,
    withdrawalRequested: row.withdrawal_requested === 1,
    assuredDate: row.assured_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type SqlValue = string | number | null;

function toColumnValue<K extends AssetFieldName>(field: K, value: AssetFields[K]): SqlValue {
  if (value === null || value === undefined) return null;
  if (field === 'openingHours') return JSON.stringify(value);
  if (field === 'consentToPublish') return value ? 1 : 0;
  return value as string | number;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function actorColumns(actor: Actor): [string, number | null] {
  switch (actor.type) {
    case 'moderator':
      return [actor.type, actor.userId];
    case 'import':
      return [actor.type, actor.userId];
    default:
      return [actor.type, null];
  }
}

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
