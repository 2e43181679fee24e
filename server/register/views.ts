import type { Asset } from '../db/asset_store.ts';
import type { PrivateProperties, PublicProperties } from '../../contracts/register/api.ts';
import { programmeLabel } from '../../contracts/register/programmes.ts';
import { categoryLabel } from '../../contracts/register/taxonomy.ts';

/** The date before which a verification is stale: twelve months before `now`. */
export function staleBefore(now: Date): string {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
}

export function isStale(asset: Asset, now: Date): boolean {
  return asset.lastVerified === null || asset.lastVerified < staleBefore(now);
}

/**
 * What anyone may see of an approved asset (its shape is contracts/register/api.ts, which the
 * screen parses). Built field by field so nothing private slips in.
 */
export function publicProperties(a: Asset, now: Date): PublicProperties {
  return {
    id: a.id,
    organisationName: a.organisationName,
    serviceName: a.serviceName,
    description: a.description,
    category: a.category,
    categoryLabel: categoryLabel(a.category),
    programme: a.programme,
    programmeLabel: programmeLabel(a.programme),
    address: a.address,
    postcode: a.postcode,
    openingTimes: a.openingTimes,
    openingHours: a.openingHours,
    email: a.email,
    phone: a.phone,
    website: a.website,
    accessibility: a.accessibility,
    lastVerified: a.lastVerified,
    stale: isStale(a, now),
    source: a.source,
    licence: a.licence,
    updatedAt: a.updatedAt,
  };
}

/** What the edit-token holder and moderators see: the moderation state too. */
export function privateProperties(a: Asset, now: Date): PrivateProperties {
  return {
    ...publicProperties(a, now),
    status: a.status,
    statusReason: a.statusReason,
    mergedInto: a.mergedInto,
    pendingChanges: a.pendingChanges,
    withdrawalRequested: a.withdrawalRequested,
    consentToPublish: a.consentToPublish,
    externalId: a.externalId,
    externalIdType: a.externalIdType,
    createdAt: a.createdAt,
  };
}

export interface PointFeature<P> {
  type: 'Feature';
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: P;
}

export function toFeature<P>(a: Asset, properties: P): PointFeature<P> {
  return {
    type: 'Feature',
    id: a.id,
    geometry: { type: 'Point', coordinates: [a.longitude, a.latitude] },
    properties,
  };
}

export function featureCollection<P>(features: PointFeature<P>[]) {
  return { type: 'FeatureCollection' as const, features };
}
