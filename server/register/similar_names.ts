/**
 * Near-duplicates for the moderation queue: an entry with a similar name close by. Pure (no
 * I/O): names are compared by their normalised words, places by great-circle distance.
 */
import { distanceMetres } from './nearby.ts';

/** Words that say nothing about which place it is. */
const FILLER = new Set([
  'the',
  'ltd',
  'limited',
  'plc',
  'cic',
  'of',
  'and',
  'uk',
  'co',
  'at',
  'in',
]);

/**
 * A name's words: lower case, accents, apostrophes and punctuation gone, "&" as "and", filler
 * words dropped, a plural "s" taken off longer words ("Gardens" is "garden"), each word once.
 */
export function nameTokens(name: string): string[] {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !FILLER.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  return [...new Set(words)];
}

/** Dice coefficient of two names' word sets, 0..1 (1: the same words). */
export function tokenSimilarity(a: string, b: string): number {
  const ta = nameTokens(a);
  const tb = new Set(nameTokens(b));
  if (ta.length === 0 || tb.size === 0) return 0;
  const shared = ta.filter((w) => tb.has(w)).length;
  return (2 * shared) / (ta.length + tb.size);
}

export interface Place {
  name: string;
  latitude: number;
  longitude: number;
}

export interface SimilarPlace<P extends Place> {
  place: P;
  distanceMetres: number;
  similarity: number;
}

export const NEAR_METRES = 250;
export const SIMILAR_ENOUGH = 0.5;

/**
 * The places within `radiusM` of `subject` whose names share at least `threshold` of their
 * words with its name (any of `names`, e.g. service and organisation), nearest first.
 */
export function similarNearby<P extends Place>(
  subject: { names: string[]; latitude: number; longitude: number },
  places: readonly P[],
  radiusM = NEAR_METRES,
  threshold = SIMILAR_ENOUGH,
): SimilarPlace<P>[] {
  const out: SimilarPlace<P>[] = [];
  for (const place of places) {
    const d = distanceMetres(subject.latitude, subject.longitude, place.latitude, place.longitude);
    if (!(d <= radiusM)) continue;
    const similarity = Math.max(...subject.names.map((n) => tokenSimilarity(n, place.name)));
    if (similarity >= threshold) out.push({ place, distanceMetres: Math.round(d), similarity });
  }
  return out.sort((a, b) => a.distanceMetres - b.distanceMetres || b.similarity - a.similarity);
}
