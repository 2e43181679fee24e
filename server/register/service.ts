import { type Actor, type Asset, type AssetFields, type AssetStore } from '../db/asset_store.ts';
import type { RegisterArea } from './area.ts';
import { OPTIONAL_FIELD_NAMES } from '../../contracts/register/asset.ts';
import { validateImport, type ImportFormat } from './import.ts';
import {
  assetSchemas,
  withNulls,
  type AssetSchemas,
  type ModeratorPatch,
  type PartnerPatch,
  type Submission,
} from './schemas.ts';
import { hashToken, newToken } from './secrets.ts';
import { HttpError } from './validation.ts';

export interface ServiceConfig {
  area: RegisterArea;
  now: () => Date;
  /** Stored as the source and licence of public submissions. */
  submissionSource: string;
  submissionLicence: string;
}

/** What a merge may fill in on the target: the optional describing fields. */
const FILLABLE: readonly (keyof AssetFields)[] = OPTIONAL_FIELD_NAMES;

const WITHDRAWN = 'Withdrawn by the submitter';

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function moderator(userId: number): Actor {
  return { type: 'moderator', userId };
}

/** Only the entries of `patch` that differ from `asset`. */
function realChanges(asset: Asset, patch: Partial<AssetFields>): Partial<AssetFields> {
  const out: Partial<AssetFields> = {};
  for (const [k, v] of Object.entries(patch) as [keyof AssetFields, unknown][]) {
    if (v !== undefined && JSON.stringify(asset[k]) !== JSON.stringify(v)) {
      (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

/**
 * The register's rules: who may change what in which state. Routes handle HTTP and auth; the
 * store handles persistence; nothing here knows about either.
 */
export class RegisterService {
  readonly schemas: AssetSchemas;

  constructor(
    readonly store: AssetStore,
    private readonly config: ServiceConfig,
  ) {
    this.schemas = assetSchemas({ area: config.area, now: config.now });
  }

  async mustGet(id: number): Promise<Asset> {
    const asset = await this.store.get(id);
    if (!asset) throw new HttpError(404, 'Asset not found');
    return asset;
  }

  /** A public submission: pending, with an edit token returned once and stored only hashed. */
  async submit(input: Submission): Promise<{ asset: Asset; editToken: string }> {
    const editToken = newToken();
    const { consentToPublish, ...fields } = input;
    const asset = await this.store.create(
      {
        fields: {
          ...withNulls(fields),
          lastVerified: null,
          source: this.config.submissionSource,
          licence: this.config.submissionLicence,
          consentToPublish,
        },
        status: 'pending',
        editTokenHash: hashToken(editToken),
      },
      { type: 'edit-token holder' },
      'submit',
    );
    return { asset, editToken };
  }

  /**
   * The edit-token holder's change. A pending asset changes in place; a rejected one goes back
   * to the queue; an approved one keeps its public content and the edits wait for a moderator,
   * so nothing unreviewed ever reaches the public.
   */
  async partnerUpdate(id: number, patch: PartnerPatch): Promise<Asset> {
    const actor: Actor = { type: 'edit-token holder' };
    const asset = await this.mustGet(id);
    if (patch.withdraw && asset.status === 'approved') {
      // A published asset leaves the map only when a moderator agrees: a leaked edit link
      // must not be able to take it down at once.
      return this.store.change(
        id,
        { action: 'request-withdrawal', withdrawalRequested: true, expectStatus: ['approved'] },
        actor,
      );
    }
    if (patch.withdraw) {
      return this.store.change(
        id,
        {
          action: 'withdraw',
          status: 'archived',
          statusReason: WITHDRAWN,
          pendingChanges: null,
          expectStatus: ['pending', 'rejected'],
        },
        actor,
      );
    }
    const fields: Partial<AssetFields> = { ...patch };
    delete (fields as PartnerPatch).withdraw;
    switch (asset.status) {
      case 'pending':
        return this.store.change(id, { action: 'edit', fields, expectStatus: ['pending'] }, actor);
      case 'rejected':
        return this.store.change(
          id,
          {
            action: 'resubmit',
            fields,
            status: 'pending',
            statusReason: null,
            expectStatus: ['rejected'],
          },
          actor,
        );
      case 'approved': {
        const proposed = realChanges(asset, { ...asset.pendingChanges, ...fields });
        return this.store.change(
          id,
          {
            action: 'propose',
            pendingChanges: Object.keys(proposed).length > 0 ? proposed : null,
            expectStatus: ['approved'],
          },
          actor,
        );
      }
      case 'archived':
        throw new HttpError(409, 'This asset is archived and can no longer be edited');
    }
  }

  async moderatorUpdate(id: number, patch: ModeratorPatch, userId: number): Promise<Asset> {
    await this.mustGet(id);
    // A moderator setting lastVerified is a person saying they checked it.
    const assured = patch.lastVerified ? { assuredDate: patch.lastVerified } : {};
    return this.store.change(id, { action: 'edit', fields: patch, ...assured }, moderator(userId));
  }

  /** Publishes a pending or rejected asset, or applies an approved asset's proposed changes. */
  async approve(id: number, userId: number): Promise<Asset> {
    const asset = await this.mustGet(id);
    const verified = { lastVerified: today(this.config.now()) };
    if (asset.status === 'pending' || asset.status === 'rejected') {
      return this.store.change(
        id,
        {
          action: 'approve',
          status: 'approved',
          statusReason: null,
          fields: { ...asset.pendingChanges, ...verified },
          assuredDate: verified.lastVerified,
          pendingChanges: null,
          expectStatus: [asset.status],
        },
        moderator(userId),
      );
    }
    if (asset.status === 'approved' && asset.withdrawalRequested) {
      return this.store.change(
        id,
        {
          action: 'approve-withdrawal',
          status: 'archived',
          statusReason: WITHDRAWN,
          withdrawalRequested: false,
          pendingChanges: null,
          expectStatus: ['approved'],
        },
        moderator(userId),
      );
    }
    if (asset.status === 'approved' && asset.pendingChanges) {
      return this.store.change(
        id,
        {
          action: 'approve-changes',
          fields: { ...asset.pendingChanges, ...verified },
          assuredDate: verified.lastVerified,
          pendingChanges: null,
          expectStatus: ['approved'],
        },
        moderator(userId),
      );
    }
    throw new HttpError(409, `Nothing to approve: the asset is ${asset.status}`);
  }

  /** Rejects a pending asset, or discards the proposed changes to an approved one. */
  async reject(id: number, reason: string, userId: number): Promise<Asset> {
    const asset = await this.mustGet(id);
    if (asset.status === 'pending') {
      return this.store.change(
        id,
        {
          action: 'reject',
          status: 'rejected',
          statusReason: reason,
          note: reason,
          expectStatus: ['pending'],
        },
        moderator(userId),
      );
    }
    if (asset.status === 'approved' && asset.withdrawalRequested) {
      return this.store.change(
        id,
        {
          action: 'reject-withdrawal',
          withdrawalRequested: false,
          note: reason,
          expectStatus: ['approved'],
        },
        moderator(userId),
      );
    }
    if (asset.status === 'approved' && asset.pendingChanges) {
      return this.store.change(
        id,
        {
          action: 'reject-changes',
          pendingChanges: null,
          note: reason,
          expectStatus: ['approved'],
        },
        moderator(userId),
      );
    }
    throw new HttpError(409, `Nothing to reject: the asset is ${asset.status}`);
  }

  /** Puts a withdrawn asset back in the state it was withdrawn from. */
  async undoWithdrawal(id: number, userId: number): Promise<Asset> {
    const asset = await this.mustGet(id);
    if (asset.status !== 'archived' || asset.statusReason !== WITHDRAWN) {
      throw new HttpError(409, 'Only a withdrawn asset can have its withdrawal undone');
    }
    const last = (await this.store.history(id))
      .reverse()
      .find((h) => h.action === 'withdraw' || h.action === 'approve-withdrawal');
    const from = last?.action === 'approve-withdrawal' ? 'approved' : last?.changes.status?.from;
    const status = from === 'approved' || from === 'rejected' ? from : 'pending';
    return this.store.change(
      id,
      { action: 'undo-withdrawal', status, statusReason: null, expectStatus: ['archived'] },
      moderator(userId),
    );
  }

  /** The asset's edit link stops working; the partner can ask a moderator for changes. */
  async revokeEditToken(id: number, userId: number): Promise<Asset> {
    await this.mustGet(id);
    return this.store.change(
      id,
      { action: 'revoke-token', revokeEditToken: true, note: 'Edit link revoked' },
      moderator(userId),
    );
  }

  async archive(id: number, reason: string | null, userId: number): Promise<Asset> {
    const asset = await this.mustGet(id);
    if (asset.status === 'archived') throw new HttpError(409, 'Already archived');
    return this.store.change(
      id,
      {
        action: 'archive',
        status: 'archived',
        statusReason: reason ?? 'Archived by a moderator',
        pendingChanges: null,
        note: reason,
        expectStatus: [asset.status],
      },
      moderator(userId),
    );
  }

  /** Absorbs asset `id` into `into`; the target gains the fields it lacked. */
  async merge(id: number, into: number, userId: number): Promise<{ source: Asset; target: Asset }> {
    if (id === into) throw new HttpError(400, 'An asset cannot be merged into itself');
    const source = await this.mustGet(id);
    const target = await this.mustGet(into);
    if (source.status === 'archived') throw new HttpError(409, 'The asset to merge is archived');
    if (target.status === 'archived') throw new HttpError(409, 'The target asset is archived');
    const fill: Partial<AssetFields> = {};
    for (const f of FILLABLE) {
      if (target[f] === null && source[f] !== null)
        (fill as Record<string, unknown>)[f] = source[f];
    }
    return this.store.merge(id, into, fill, moderator(userId));
  }

  async import(
    input: unknown,
    format: ImportFormat,
    actor: Actor,
    dryRun: boolean,
  ): Promise<{ valid: number; ids: number[] }> {
    const assets = await validateImport(input, format, this.schemas, this.store);
    if (dryRun) return { valid: assets.length, ids: [] };
    const created = await this.store.createMany(assets, actor, 'import');
    return { valid: assets.length, ids: created.map((a) => a.id) };
  }
}
