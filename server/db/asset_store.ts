import type { AssetFields, AssetStatus } from '../../contracts/register/asset.ts';

export {
  ASSET_FIELD_NAMES,
  ASSET_STATUSES,
  WEEKDAYS,
  type AssetFieldName,
  type AssetFields,
  type AssetStatus,
  type OpeningPeriod,
  type Weekday,
} from '../../contracts/register/asset.ts';

export interface Asset extends AssetFields {
  id: number;
  /** Stable public identifier used in Open Referral exports. */
  uuid: string;
  status: AssetStatus;
  /** Why it was rejected or archived. */
  statusReason: string | null;
  /** Set when this asset was absorbed into another one. */
  mergedInto: number | null;
  /** Identifier in the source data set, e.g. an NHS ODS code. */
  externalId: string | null;
  externalIdType: string | null;
  /**
   * The day a moderator (a person) last checked the listing: set on approval and when a
   * moderator sets lastVerified. Null for data seeded or imported from files (whose
   * lastVerified is the data's own date). ORUK's assured_date.
   */
  assuredDate: string | null;
  /** The edit-token holder asked to withdraw this approved asset; a moderator decides. */
  withdrawalRequested: boolean;
  /** Edits proposed by the edit-token holder to an approved asset, waiting for a moderator. */
  pendingChanges: Partial<AssetFields> | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewAsset {
  fields: AssetFields;
  status: AssetStatus;
  externalId?: string | null;
  externalIdType?: string | null;
  /** SHA-256 of the edit token handed to the submitter; the token itself is never stored. */
  editTokenHash?: string | null;
}

export type Actor =
  | { type: 'moderator'; userId: number }
  | { type: 'edit-token holder' }
  | { type: 'import'; userId: number | null }
  | { type: 'seed' };

export type ActorType = Actor['type'];

/** One field's change, as recorded in the history. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface HistoryEntry {
  id: number;
  assetId: number;
  at: string;
  actorType: ActorType;
  actorId: number | null;
  actorName: string | null;
  action: string;
  changes: Record<string, FieldChange>;
  note: string | null;
}

/** A change to one asset, applied atomically together with its history entry. */
export interface AssetChange {
  /** Recorded in the history: update, propose, approve, reject, archive, withdraw, ... */
  action: string;
  fields?: Partial<AssetFields>;
  status?: AssetStatus;
  statusReason?: string | null;
  pendingChanges?: Partial<AssetFields> | null;
  mergedInto?: number | null;
  withdrawalRequested?: boolean;
  assuredDate?: string | null;
  /** Clears the stored edit-token hash: the token opens nothing any more. */
  revokeEditToken?: true;
  /** Free text for the history; a change with a note is recorded even if no field changed. */
  note?: string | null;
  /** Precondition checked inside the transaction: the asset must still have one of these. */
  expectStatus?: readonly AssetStatus[];
}

export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export interface AssetFilter {
  category?: string;
  bbox?: BBox;
}

/** The asset was not found, or no longer in the state the caller expected. */
export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
  constructor(
    message: string,
    readonly kind: 'not-found' | 'conflict',
  ) {
    super(message);
  }
}

/**
 * Storage for the register. Every write method is one transaction including its history rows,
 * and takes plain values (no callbacks), so a PostgreSQL implementation can do the same with
 * BEGIN/COMMIT around its statements. Methods are async for that reason even though SQLite
 * answers synchronously.
 */
export interface AssetStore {
  count(): Promise<number>;
  /**
   * Changes whenever any asset changes, through this store or another process's: the key under
   * which serialised answers are cached.
   */
  version(): Promise<string>;
  get(id: number): Promise<Asset | undefined>;
  /** True when the asset exists and its stored edit-token hash equals `tokenHash`. */
  editTokenMatches(id: number, tokenHash: string): Promise<boolean>;
  listApproved(filter: AssetFilter): Promise<Asset[]>;
  /** Pending assets and approved ones with proposed changes or a withdrawal request, oldest first. */
  listQueue(): Promise<Asset[]>;
  /** Approved assets never verified or last verified before `verifiedBefore` (YYYY-MM-DD). */
  listStale(verifiedBefore: string): Promise<Asset[]>;
  findExternal(type: string, id: string): Promise<Asset | undefined>;
  history(id: number): Promise<HistoryEntry[]>;
  create(asset: NewAsset, actor: Actor, action?: string): Promise<Asset>;
  /** All or nothing: one failure rolls back every row. */
  createMany(assets: readonly NewAsset[], actor: Actor, action: string): Promise<Asset[]>;
  change(id: number, change: AssetChange, actor: Actor): Promise<Asset>;
  /**
   * Absorbs `sourceId` into `targetId`: the source is archived with mergedInto set, the target
   * takes `fill` (fields it lacked). Both get history entries; nothing is deleted.
   */
  merge(
    sourceId: number,
    targetId: number,
    fill: Partial<AssetFields>,
    actor: Actor,
  ): Promise<{ source: Asset; target: Asset }>;
}
