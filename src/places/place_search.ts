import type { PlaceEntry, PlaceKind } from '../../contracts/places.ts';

/** How each kind of place is named in a suggestion. */
export const PLACE_KIND_LABELS: Record<PlaceKind, string> = {
  ward: 'ward',
  neighbourhood: 'neighbourhood',
  lsoa: 'LSOA',
  postcode: 'postcode',
};

/** Lower case, no spaces or punctuation: "L20 4RW" = "l204rw", "St. Oswald" = "stoswald". */
export function searchKey(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The text of a suggestion, which the search box reads back when it is picked. */
export function suggestionText(e: PlaceEntry): string {
  return `${e[0]} (${PLACE_KIND_LABELS[e[1]]})`;
}

export interface PlaceMatch {
  entry: PlaceEntry;
  /** 0 exact, 1 starts with, 2 a word starts with, 3 contains. */
  score: number;
}

const KIND_ORDER: Record<PlaceKind, number> = { ward: 0, neighbourhood: 1, lsoa: 2, postcode: 3 };

/**
 * Places whose name or code matches `query`, best first: exact, then prefix, then a word
 * prefix ("Bootle" finds "Bootle North" and "Bootle Strand"), then anywhere; wards before
 * neighbourhoods before LSOAs before postcodes; a picked suggestion ("Linacre (ward)") matches
 * its own entry exactly.
 */
export function matchPlaces(
  entries: readonly PlaceEntry[],
  query: string,
  limit = 20,
): PlaceMatch[] {
  const picked = entries.find((e) => suggestionText(e).toLowerCase() === query.toLowerCase());
  if (picked) return [{ entry: picked, score: 0 }];
  const q = searchKey(query);
  if (!q) return [];
  const words = query.toLowerCase().trim();
  const out: PlaceMatch[] = [];
  for (const e of entries) {
    const name = searchKey(e[0]);
    const code = e[2].toLowerCase();
    let score = -1;
    if (name === q || code === q) score = 0;
    else if (name.startsWith(q) || (code && code.startsWith(q))) score = 1;
    else if (e[1] !== 'postcode' && wordStarts(e[0].toLowerCase(), words)) score = 2;
    else if (e[1] !== 'postcode' && q.length >= 3 && name.includes(q)) score = 3;
    if (score >= 0) out.push({ entry: e, score });
  }
  out.sort(
    (a, b) =>
      a.score - b.score ||
      KIND_ORDER[a.entry[1]] - KIND_ORDER[b.entry[1]] ||
      a.entry[0].localeCompare(b.entry[0]),
  );
  return out.slice(0, limit);
}

function wordStarts(name: string, query: string): boolean {
  return name.split(/[\s,&-]+/).some((w) => w.startsWith(query));
}
