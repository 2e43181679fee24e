import type { Asset, AssetStore } from '../db/asset_store.ts';

const STOP_WORDS = new Set(['the', 'ltd', 'limited', 'plc', 'cic', 'of', 'and', 'uk', 'co']);

/** Lower case, no accents or punctuation, "&" as "and", filler words dropped. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && !STOP_WORDS.has(w))
    .join(' ');
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const t = s.replace(/ /g, '');
  for (let i = 0; i < t.length - 1; i++) {
    const g = t.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Sørensen-Dice similarity of character bigrams, 0..1; 1 when one name contains the other. */
export function nameSimilarity(a: string, b: string): number {
  const na = normaliseName(a);
  const nb = normaliseName(b);
  if (!na || !nb) return 0;
  if (na === nb || na.includes(nb) || nb.includes(na)) return 1;
  const ga = bigrams(na);
  const gb = bigrams(nb);
  let overlap = 0;
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  for (const [g, n] of ga) overlap += Math.min(n, gb.get(g) ?? 0);
  return total === 0 ? 0 : (2 * overlap) / total;
}

const EARTH_RADIUS_M = 6_371_008.8;

export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface NearbyMatch {
  asset: Asset;
  distanceMetres: number;
  similarity: number;
}

/**
 * Approved assets within `radiusM` whose service or organisation name looks like `name`: the
 * submission form warns before someone registers the same place twice.
 */
export async function findSimilarNearby(
  store: AssetStore,
  lat: number,
  lon: number,
  name: string,
  radiusM = 100,
  threshold = 0.6,
): Promise<NearbyMatch[]> {
  const dLat = radiusM / 111_320;
  const dLon = radiusM / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  const candidates = await store.listApproved({
    bbox: { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon },
  });
  const out: NearbyMatch[] = [];
  for (const asset of candidates) {
    const d = distanceMetres(lat, lon, asset.latitude, asset.longitude);
    if (d > radiusM) continue;
    const similarity = Math.max(
      nameSimilarity(name, asset.serviceName),
      nameSimilarity(name, asset.organisationName),
    );
    if (similarity >= threshold) out.push({ asset, distanceMetres: d, similarity });
  }
  return out.sort((a, b) => a.distanceMetres - b.distanceMetres);
}
