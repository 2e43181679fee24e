import type { BundleEntry } from '../../contracts/atlas_index.ts';
import { closestMatches } from '../../workers/text/closest.ts';

export type AuthorityLookup =
  { ok: true; id: string } | { ok: false; message: string; suggestions: BundleEntry[] };

/** "England" opens the overview; anything else must name one bundle by code or name. */
export const ENGLAND = 'england';

const label = (b: BundleEntry) => `${b.name} (${b.id})`;

/** The picker's option text of a bundle, and of the England overview. */
export function authorityOptions(bundles: readonly BundleEntry[], national: boolean): string[] {
  const names = [...bundles].sort((a, b) => a.name.localeCompare(b.name)).map(label);
  return national ? ['England (all authorities)', ...names] : names;
}

/**
 * Resolves what a user typed or picked: a code, a name (any case), or an option's text.
 * Unknown text gets the three closest authorities, so a typo still finds its place.
 */
export function findAuthority(
  query: string,
  bundles: readonly BundleEntry[],
  national: boolean,
): AuthorityLookup {
  const q = query.trim().toLowerCase();
  if (national && (q === ENGLAND || q.startsWith('england (all'))) return { ok: true, id: ENGLAND };
  const hit = bundles.find(
    (b) => b.id.toLowerCase() === q || b.name.toLowerCase() === q || label(b).toLowerCase() === q,
  );
  if (hit) return { ok: true, id: hit.id };
  const suggestions = closestMatches(query, bundles, (b) => [b.name, b.id]);
  return {
    ok: false,
    message: `No authority called "${query.trim().slice(0, 60)}" in this atlas. Closest: ${suggestions.map(label).join(', ')}.`,
    suggestions,
  };
}
