/**
 * What a moderator sees beside a submission: whether it is inside the area, its ward, any
 * similarly named place close by (on the register, waiting, or on the map's own layers), and
 * the wards around it for a small map. Pure: the route gathers the candidates.
 */
import type { Asset } from '../db/asset_store.ts';
import type { Review } from '../../contracts/register/api.ts';
import type { RegisterArea } from './area.ts';
import { similarNearby, type Place } from './similar_names.ts';

export interface Candidate extends Place {
  /** Where it is listed, e.g. "On the map: GP practices". */
  what: string;
  /** The register asset, or null for an entry of a map layer. */
  assetId: number | null;
}

/** Half the side of the inset map, in metres. */
export const INSET_METRES = 600;

/** Where the moderator is asked to put it: the proposed position if the partner moved it. */
function position(a: Asset): { latitude: number; longitude: number } {
  const p = a.pendingChanges ?? {};
  return {
    latitude: typeof p.latitude === 'number' ? p.latitude : a.latitude,
    longitude: typeof p.longitude === 'number' ? p.longitude : a.longitude,
  };
}

export function reviewOf(a: Asset, area: RegisterArea, candidates: readonly Candidate[]): Review {
  const { latitude, longitude } = position(a);
  const names = [a.serviceName, a.organisationName];
  const p = a.pendingChanges ?? {};
  if (typeof p.serviceName === 'string') names.push(p.serviceName);
  const similar = similarNearby(
    { names, latitude, longitude },
    candidates.filter((c) => c.assetId !== a.id),
  );
  const dLat = INSET_METRES / 111_320;
  const dLon = INSET_METRES / (111_320 * Math.max(0.01, Math.cos((latitude * Math.PI) / 180)));
  const box = {
    minLon: longitude - dLon,
    minLat: latitude - dLat,
    maxLon: longitude + dLon,
    maxLat: latitude + dLat,
  };
  return {
    area: area.name,
    insideArea: area.contains(latitude, longitude),
    ward: area.wardAt(latitude, longitude)?.name ?? null,
    similar: similar.map((s) => ({
      name: s.place.name,
      what: s.place.what,
      assetId: s.place.assetId,
      distanceMetres: s.distanceMetres,
      similarity: Math.round(s.similarity * 100) / 100,
      latitude: s.place.latitude,
      longitude: s.place.longitude,
    })),
    map: {
      bbox: [box.minLon, box.minLat, box.maxLon, box.maxLat],
      point: [longitude, latitude],
      wards: area.wardsNear(box),
    },
  };
}
