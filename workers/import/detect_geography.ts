/**
 * Which atlas geography a set of area codes belongs to: LSOA or MSOA (and which boundary
 * vintage), ward or local authority. Decided from the GSS prefixes (contracts/geography.ts)
 * and the atlas's own code lists, so a wrong vintage or a code from elsewhere is named rather
 * than joined (METHODS.md §5). Pure: no I/O.
 */
import {
  ENGLAND_CODE,
  GEOGRAPHY_LEVELS,
  isCodeOfLevel,
  type GeographyId,
} from '../../contracts/geography.ts';

/** The atlas's area codes per geography, in table order (from `tables/<geography>.json`). */
export type KnownCodes = Partial<Record<GeographyId, readonly string[]>>;

export interface DetectOptions {
  /** The atlas area's name, for messages ("Sefton"). */
  areaName?: string;
  /** Take this geography instead of the best match (e.g. the user chose the other vintage). */
  geography?: GeographyId;
  /**
   * Accept codes that are not areas of the atlas (they are reported and left out). Without
   * it they are refused unless the file covers every area of the geography, in which case
   * they are plainly other places.
   */
  ignoreUnknownCodes?: boolean;
}

/**
 * Why a code is not joined. Only `not-this-geography` (England, region and local authority
 * rows in a small-area file) is expected; the others point at a problem with the file.
 */
export type StrayKind =
  'not-this-geography' | 'other-vintage' | 'outside-area' | 'other-geography' | 'invalid-code';

export interface StrayCode {
  code: string;
  kind: StrayKind;
  reason: string;
}

export interface GeographyCandidate {
  geography: GeographyId;
  /** Distinct codes of the file that are areas of this geography in the atlas. */
  matched: number;
}

export type GeographyDetection =
  | {
      ok: true;
      geography: GeographyId;
      /** Distinct codes of this kind (LSOA, MSOA, ward or local authority) in the file. */
      codes: number;
      matched: number;
      /** Areas of the geography in the atlas. */
      areas: number;
      /** The geographies considered (both vintages for LSOAs and MSOAs), best first. */
      candidates: GeographyCandidate[];
      /** Another vintage fits exactly as well: ask the user which one the data is on. */
      ambiguous: boolean;
      /** Every distinct code that is not joined, with why. */
      stray: StrayCode[];
      /** Something the user should know, or null. */
      note: string | null;
    }
  | {
      ok: false;
      reason: string;
      /** The best candidate, if any codes were of a geography the atlas maps. */
      best: GeographyCandidate | null;
      stray: StrayCode[];
    };

type Family = 'lsoa' | 'msoa' | 'ward' | 'lad';

const FAMILY_GEOGRAPHIES: Record<Family, readonly GeographyId[]> = {
  lsoa: ['lsoa11', 'lsoa21'],
  msoa: ['msoa11', 'msoa21'],
  ward: ['ward'],
  lad: ['lad'],
};

const FAMILY_NOUN: Record<Family, [string, string]> = {
  lsoa: ['LSOA code', 'LSOA codes'],
  msoa: ['MSOA code', 'MSOA codes'],
  ward: ['ward code', 'ward codes'],
  lad: ['local authority code', 'local authority codes'],
};

/** Region codes (E12). Belongs in contracts/geography.ts once the atlas maps regions. */
const REGION_PREFIX = 'E12';
const GSS_SHAPE = /^[EWSN]\d{8}$/;
/** Codes named in a message before "…". */
const NAMED = 5;

function familyOf(code: string): Family | null {
  if (isCodeOfLevel(code, 'lsoa11')) return 'lsoa';
  if (isCodeOfLevel(code, 'msoa11')) return 'msoa';
  if (isCodeOfLevel(code, 'ward')) return 'ward';
  if (isCodeOfLevel(code, 'lad')) return 'lad';
  return null;
}

/** England or a region: never an area of an atlas geography, always context. */
function contextKind(code: string): 'England' | 'region' | null {
  if (code === ENGLAND_CODE) return 'England';
  if (GSS_SHAPE.test(code) && code.startsWith(REGION_PREFIX)) return 'region';
  return null;
}

function plural(n: number, [one, many]: [string, string]): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

function named(codes: readonly string[]): string {
  const shown = codes.slice(0, NAMED).join(', ');
  return codes.length > NAMED ? `${shown}, …` : shown;
}

/**
 * Decides the geography of `codes` (distinct or not; compared trimmed and upper-cased as
 * given) against the atlas's `known` code lists.
 */
export function detectGeography(
  codes: Iterable<string>,
  known: KnownCodes,
  options: DetectOptions = {},
): GeographyDetection {
  const areaName = options.areaName ?? 'the atlas area';
  const distinct = [...new Set(codes)];
  const byFamily: Record<Family, string[]> = { lsoa: [], msoa: [], ward: [], lad: [] };
  const context: string[] = [];
  const unsupported: string[] = [];
  const invalid: string[] = [];
  for (const code of distinct) {
    const family = familyOf(code);
    if (family) byFamily[family].push(code);
    else if (contextKind(code)) context.push(code);
    else if (GSS_SHAPE.test(code)) unsupported.push(code);
    else invalid.push(code);
  }

  const small = (['lsoa', 'msoa', 'ward'] as const).filter((f) => byFamily[f].length > 0);
  // Local authority rows in a small-area file are the parent's figures: context, as England.
  const family: Family | null =
    small.length > 0 ? (small[0] ?? null) : byFamily.lad.length > 0 ? 'lad' : null;
  const stray: StrayCode[] = [];
  for (const code of context) {
    stray.push({
      code,
      kind: 'not-this-geography',
      reason: `${contextKind(code) === 'England' ? 'England' : 'a region'}: not an area of this geography`,
    });
  }
  if (family !== 'lad') {
    for (const code of byFamily.lad) {
      stray.push({
        code,
        kind: 'not-this-geography',
        reason: 'a local authority: not an area of this geography',
      });
    }
  }
  for (const code of unsupported) {
    stray.push({
      code,
      kind: 'other-geography',
      reason: `${code.slice(0, 3)} codes are not a geography this atlas maps`,
    });
  }
  for (const code of invalid) {
    stray.push({ code, kind: 'invalid-code', reason: 'not a GSS area code (like E05000932)' });
  }

  if (small.length > 1) {
    const parts = [...small]
      .sort((a, b) => byFamily[b].length - byFamily[a].length)
      .map((f) => plural(byFamily[f].length, FAMILY_NOUN[f]));
    return {
      ok: false,
      reason: `mixed geographies: ${joinAnd(parts)}; import one geography at a time`,
      best: null,
      stray,
    };
  }
  if (family === null) {
    const what =
      distinct.length === 0
        ? 'the file has no area codes'
        : invalid.length === distinct.length
          ? `no area codes: ${named(invalid.map((c) => `"${c}"`))} ${invalid.length === 1 ? 'is not a GSS code' : 'are not GSS codes'} like E05000932`
          : `no LSOA, MSOA, ward or local authority codes (only ${describeOthers(context.length, unsupported, invalid.length)})`;
    return { ok: false, reason: what, best: null, stray };
  }

  const familyCodes = byFamily[family];
  const knownSets = new Map(
    FAMILY_GEOGRAPHIES[family].map((g) => [g, new Set(known[g] ?? [])] as const),
  );
  const candidates: GeographyCandidate[] = FAMILY_GEOGRAPHIES[family]
    .map((geography) => ({
      geography,
      matched: familyCodes.filter((c) => knownSets.get(geography)?.has(c)).length,
    }))
    // Best first; on a tie the newer vintage, the one most current data is published on.
    .sort((a, b) => b.matched - a.matched || GEO_ORDER(b.geography) - GEO_ORDER(a.geography));
  const best = candidates[0] ?? null;
  const chosen =
    options.geography === undefined
      ? best
      : (candidates.find((c) => c.geography === options.geography) ?? null);
  if (chosen === null || best === null) {
    const wanted = options.geography ? GEOGRAPHY_LEVELS[options.geography].label : 'this geography';
    return {
      ok: false,
      reason: `the file holds ${plural(familyCodes.length, FAMILY_NOUN[family])}, not ${wanted} codes`,
      best,
      stray,
    };
  }

  const geo = chosen.geography;
  const label = GEOGRAPHY_LEVELS[geo].label;
  const mine = knownSets.get(geo) ?? new Set<string>();
  const otherVintage: string[] = [];
  const outside: string[] = [];
  for (const code of familyCodes) {
    if (mine.has(code)) continue;
    const other = candidates.find(
      (c) => c.geography !== geo && knownSets.get(c.geography)?.has(code),
    );
    if (other) {
      otherVintage.push(code);
      stray.push({
        code,
        kind: 'other-vintage',
        reason: `a code of ${GEOGRAPHY_LEVELS[other.geography].label}, not ${label}`,
      });
    } else {
      outside.push(code);
      stray.push({
        code,
        kind: 'outside-area',
        reason: `not in ${areaName}'s ${label} boundaries`,
      });
    }
  }
  const noun = FAMILY_NOUN[family][1];
  if (chosen.matched === 0) {
    return {
      ok: false,
      reason: `the file holds ${plural(familyCodes.length, FAMILY_NOUN[family])} but none is in ${areaName}'s ${label} boundaries`,
      best: chosen,
      stray,
    };
  }
  if (otherVintage.length > 0) {
    const otherLabel = candidates.find((c) => c.geography !== geo)?.geography;
    return {
      ok: false,
      reason: `the codes are ${label} codes but ${otherVintage.length} of them (${named(otherVintage)}) ${otherVintage.length === 1 ? 'exists' : 'exist'} only in ${otherLabel ? GEOGRAPHY_LEVELS[otherLabel].label : 'another vintage'}: the file mixes boundary vintages; convert it with the LSOA 2011-2021 lookup first`,
      best: chosen,
      stray,
    };
  }
  const unknown = outside.length + unsupported.length + invalid.length;
  const areas = mine.size;
  const complete = chosen.matched === areas;
  if (unknown > 0 && !complete && !options.ignoreUnknownCodes) {
    const parts: string[] = [];
    if (outside.length > 0)
      parts.push(
        `${outside.length} of them (${named(outside)}) ${outside.length === 1 ? 'does' : 'do'} not exist in ${areaName}'s ${label} boundaries`,
      );
    const others = [...unsupported, ...invalid.map((c) => `"${c}"`)];
    if (others.length > 0)
      parts.push(
        `${others.length} other code${others.length === 1 ? '' : 's'} (${named(others)}) ${others.length === 1 ? `is not a ${FAMILY_NOUN[family][0]}` : `are not ${noun}`}`,
      );
    return {
      ok: false,
      reason: `the codes are ${label} codes but ${parts.join(', and ')}`,
      best: chosen,
      stray,
    };
  }

  const runnerUp = candidates.find((c) => c.geography !== geo);
  const ambiguous = runnerUp !== undefined && runnerUp.matched === chosen.matched;
  const notes: string[] = [];
  if (ambiguous && runnerUp)
    notes.push(
      `These codes fit ${label} and ${GEOGRAPHY_LEVELS[runnerUp.geography].label} equally well; ${label} was taken. Choose the other if the data is on those boundaries.`,
    );
  if (unknown > 0)
    notes.push(
      `${unknown.toLocaleString('en-GB')} code${unknown === 1 ? ' is' : 's are'} not ${areaName}'s ${label} areas; ${unknown === 1 ? 'it is' : 'they are'} listed and left out.`,
    );
  return {
    ok: true,
    geography: geo,
    codes: familyCodes.length,
    matched: chosen.matched,
    areas,
    candidates,
    ambiguous,
    stray,
    note: notes.length > 0 ? notes.join(' ') : null,
  };
}

const GEO_ORDER = (g: GeographyId): number => Object.keys(GEOGRAPHY_LEVELS).indexOf(g);

function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function describeOthers(context: number, unsupported: readonly string[], invalid: number): string {
  const parts: string[] = [];
  if (context > 0) parts.push(`${context} England or region code${context === 1 ? '' : 's'}`);
  if (unsupported.length > 0) parts.push(`codes such as ${named(unsupported)}`);
  if (invalid > 0) parts.push(`${invalid} text${invalid === 1 ? '' : 's'} that are not codes`);
  return joinAnd(parts);
}
